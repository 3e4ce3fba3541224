"""pytest: a numpy gradient under a non-MSE loss, graded by `embedcheck compare --loss`.

    python3 -m pytest -q examples/python/test_losses.py

The workflow a user follows for their own code: compute the gradient of
R_S(theta) = (1/n) sum_i l(f(x_i), y_i) + (lambda/2) |theta|^2 in float64 (here plain numpy
back-propagation), save it as .npy in the contract's parameter order, and let embedcheck grade it
against the exact truth. For a polynomial loss the derived rounding bound applies (exit 0 within
it); the piecewise Huber loss needs a stated --rtol; a planted error is caught (exit 1).
"""
import json
import pathlib
import subprocess
import tempfile

import numpy as np
import pytest

from test_oracle import ROOT, embedcheck

# Widths (3, 4, 2), sigma(t) = t + t^2/2; every number is a multiple of 1/8, so a double exactly.
RNG = np.random.default_rng(7)
W1 = RNG.integers(-8, 9, size=(4, 3)) / 8
B1 = RNG.integers(-8, 9, size=4) / 8
W2 = RNG.integers(-8, 9, size=(2, 4)) / 8
B2 = RNG.integers(-8, 9, size=2) / 8
X = RNG.integers(-8, 9, size=(8, 3)) / 8
Y = RNG.integers(-8, 9, size=(8, 2)) / 8
LAMBDA = 0.125
POLY = ["0", "0", "1/2", "0", "1"]  # p(r) = r^2/2 + r^4


def write_files(d):
    rows = lambda a: [[str(v) for v in r] for r in a.tolist()]  # noqa: E731 (doubles print exactly here)
    net = {"format": "embedcheck.net/1", "activation": {"poly": ["0", "1", "1/2"]},
           "layers": [{"weight": rows(W1), "bias": [str(v) for v in B1]},
                      {"weight": rows(W2), "bias": [str(v) for v in B2]}]}
    data = {"format": "embedcheck.data/1", "inputs": rows(X), "targets": rows(Y)}
    (d / "n.net.json").write_text(json.dumps(net))
    (d / "d.data.json").write_text(json.dumps(data))
    return str(d / "n.net.json"), str(d / "d.data.json")


def gradient(dloss, decay):
    """Back-propagation in float64 with output error dloss(F - Y); contract order W1, b1, W2, b2."""
    n = X.shape[0]
    p1 = X @ W1.T + B1
    h = p1 + p1 * p1 / 2
    f = h @ W2.T + B2
    e2 = dloss(f - Y)
    e1 = (e2 @ W2) * (1 + p1)
    parts = [e1.T @ X / n + decay * W1, e1.sum(0) / n + decay * B1, e2.T @ h / n + decay * W2,
             e2.sum(0) / n + decay * B2]
    return np.concatenate([p.ravel() for p in parts])


def compare(net, data, grad, *extra):
    d = pathlib.Path(tempfile.mkdtemp(prefix="embedcheck-losses-"))
    np.save(d / "g.npy", grad)
    out = subprocess.run(embedcheck() + ["compare", "--net", net, "--data", data, "--gradient", str(d / "g.npy"),
                                         "--json", *extra], cwd=ROOT, capture_output=True, text=True)
    report = json.loads(out.stdout) if out.stdout.strip() else None
    return out.returncode, report, out.stderr


@pytest.fixture(scope="module")
def files():
    return write_files(pathlib.Path(tempfile.mkdtemp(prefix="embedcheck-losses-")))


def test_a_poly_loss_with_weight_decay_is_within_the_derived_bound(files):
    g = gradient(lambda r: r + 4 * r ** 3, LAMBDA)
    code, report, err = compare(*files, g, "--loss", json.dumps({"poly": POLY}), "--weight-decay", "1/8")
    assert code == 0, (err, report)
    assert report["objective"] == {"loss": {"poly": POLY}, "weight_decay": "1/8"}
    assert report["within_bound"] and report["entries"] == 26


def test_a_planted_error_and_a_wrong_loss_are_caught(files):
    g = gradient(lambda r: r + 4 * r ** 3, LAMBDA)
    g[5] += 1e-9 * max(1.0, abs(g[5]))
    code, report, _ = compare(*files, g, "--loss", json.dumps({"poly": POLY}), "--weight-decay", "1/8")
    assert code == 1 and report["outside"] == 1
    assert report["worst"]["at"]["index"] == 6  # 1-based: W1[1, 2], torch `0.weight[1, 2]`
    # The same numbers graded as plain 1/2-MSE without decay are far outside.
    g = gradient(lambda r: r + 4 * r ** 3, LAMBDA)
    code, report, _ = compare(*files, g)
    assert code == 1 and report["outside"] > 0


def test_huber_needs_a_stated_tolerance_and_meets_it(files):
    delta = 0.25
    g = gradient(lambda r: np.clip(r, -delta, delta), 0.0)
    code, _, err = compare(*files, g, "--loss", '{"huber": "1/4"}')
    assert code == 2 and "--rtol" in err
    code, report, err = compare(*files, g, "--loss", '{"huber": "1/4"}', "--rtol", "1e-12", "--atol", "1e-15")
    assert code == 0, (err, report)


# --- Float-only activation and loss: a tanh network under cross-entropy --------------------------
# No exact truth exists (tanh, exp and log are not rational), so embedcheck encloses the truth
# rigorously and the user states the tolerance their float64 code should meet.

def ce_files(d):
    rows = lambda a: [[str(v) for v in r] for r in a.tolist()]  # noqa: E731
    net = {"format": "embedcheck.net/1", "activation": "tanh",
           "layers": [{"weight": rows(W1), "bias": [str(v) for v in B1]},
                      {"weight": rows(W2), "bias": [str(v) for v in B2]}]}
    onehot = np.eye(2)[(np.arange(X.shape[0]) % 2)]
    data = {"format": "embedcheck.data/1", "inputs": rows(X), "targets": rows(onehot), "loss": "cross_entropy"}
    (d / "t.net.json").write_text(json.dumps(net))
    (d / "t.data.json").write_text(json.dumps(data))
    return str(d / "t.net.json"), str(d / "t.data.json"), onehot


def ce_gradient_and_loss(onehot):
    """numpy float64: R = mean_i [logsumexp(f_i) - y_i . f_i] for a tanh net; contract order."""
    n = X.shape[0]
    h = np.tanh(X @ W1.T + B1)
    f = h @ W2.T + B2
    z = f - f.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    loss = np.mean(np.log(np.exp(z).sum(axis=1)) + f.max(axis=1) - (onehot * f).sum(axis=1))
    e2 = p - onehot
    e1 = (e2 @ W2) * (1 - h * h)
    parts = [e1.T @ X / n, e1.sum(0) / n, e2.T @ h / n, e2.sum(0) / n]
    return np.concatenate([q.ravel() for q in parts]), loss


def test_a_numpy_cross_entropy_gradient_of_a_tanh_net_is_graded_against_the_enclosure():
    net, data, onehot = ce_files(pathlib.Path(tempfile.mkdtemp(prefix="embedcheck-ce-")))
    g, loss = ce_gradient_and_loss(onehot)
    # Without a stated tolerance there is nothing to grade against: usage error.
    code, _, err = compare(net, data, g)
    assert code == 2 and "--rtol" in err
    code, report, err = compare(net, data, g, "--rtol", "1e-10", "--atol", "1e-15")
    assert code == 0, (err, report)
    assert report["truth"] == "enclosure" and report["within"] == report["entries"] == 26
    assert report["objective"]["loss"] == "cross_entropy"
    # A planted relative error of 1e-6 in one entry is proved outside, at that entry.
    g[9] *= 1 + 1e-6
    code, report, _ = compare(net, data, g, "--rtol", "1e-10", "--atol", "1e-15")
    assert code == 1 and report["outside"] == 1
    assert report["first_outside"]["at"]["index"] == 10
    # The loss value too.
    out = subprocess.run(embedcheck() + ["compare", "--net", net, "--data", data, "--value", repr(float(loss)),
                                         "--rtol", "1e-12", "--json"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["within"] == 1
