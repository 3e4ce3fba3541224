"""pytest: the numpy oracle (oracle_numpy.py) against embedcheck's golden fixtures.

    python3 -m pytest -q examples/python

The fixture directory is $EMBEDCHECK_FIXTURES, or one written for this run by
`embedcheck fixtures --out <tmp>` ($EMBEDCHECK, else this checkout's release build:
embedcheck_exe.py). For every case with a polynomial, identity or ReLU activation the numpy loss,
outputs, gradient, Hessian and Hessian-vector products must lie within the rigorous rounding
bound of oracle_numpy.bound (gamma_k times the absolute-value evaluation, plus the fixture's own
rounding to nearest) of the fixture's f64 arrays. A deliberately wrong oracle (the Hessian's
residual-curvature term with the wrong sign) must fail on some fixture with a nonzero residual.
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile
from fractions import Fraction

import numpy as np
import pytest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True
import oracle_numpy as on  # noqa: E402
from embedcheck_exe import embedcheck as embedcheck_exe  # noqa: E402

_DIR = None


def embedcheck():
    """The command that runs embedcheck: $EMBEDCHECK, else this checkout's release build."""
    return [embedcheck_exe()]


def fixture_dir():
    """The fixture directory (generated once per session when $EMBEDCHECK_FIXTURES is unset)."""
    global _DIR
    if _DIR is None:
        env = os.environ.get("EMBEDCHECK_FIXTURES")
        if env:
            _DIR = pathlib.Path(env)
        else:
            out = pathlib.Path(tempfile.mkdtemp(prefix="embedcheck-fixtures-")) / "fixtures"
            subprocess.run(embedcheck() + ["fixtures", "--out", str(out)], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
            _DIR = out
    return _DIR


def index():
    with open(fixture_dir() / "index.json") as f:
        return json.load(f)


def pytest_generate_tests(metafunc):
    if "case" in metafunc.fixturenames:
        cases = index()["cases"]
        metafunc.parametrize("case", cases, ids=[c["name"] for c in cases])


def load(case):
    d = fixture_dir()
    name = case["name"]
    layers, activation = on.load_network(d / f"{name}.net.json")
    arrays = dict(np.load(d / f"{name}.npz"))
    with open(d / f"{name}.exact.json") as f:
        exact = json.load(f)
    return layers, activation, arrays, exact


def supported(activation):
    try:
        on.Sigma(activation)
        return True
    except on.Unsupported:
        return False


def violations(computed, expected):
    """Entries where |computed - expected| exceeds the bound, and the worst error/bound ratio."""
    err = np.abs(computed.v - expected)
    ratio = err / on.bound(computed)
    return int((ratio > 1).sum()), float(ratio.max(initial=0.0))


def run_oracle(layers, activation, arrays, residual_sign=1):
    x, y = arrays["inputs"], arrays["targets"]
    first = on.mlp(layers, activation, x, y, directions=arrays["hvp_directions"], residual_sign=residual_sign)
    h = on.hessian(layers, activation, x, y, residual_sign=residual_sign)
    return first, h


def test_numpy_oracle_is_within_its_rounding_bound_of_every_fixture(case):
    layers, activation, arrays, exact = load(case)
    if not supported(activation):
        pytest.skip(f"{case['name']}: activation {activation} is not implemented in the numpy oracle")
    first, h = run_oracle(layers, activation, arrays)
    # ReLU signs decided in floating point are the exact ones: every pre-activation within its
    # bound of 0 is computed as exactly 0 and is a kink the fixture flags.
    flagged = {(k["layer"], k["neuron"], k["sample"]) for k in exact.get("kinks", [])}
    for layer, neuron, sample, value in first["near_kinks"]:
        assert value == 0.0 and (layer, neuron, sample) in flagged, (layer, neuron, sample, value)
    assert len(flagged) == len({s[:3] for s in first["near_kinks"]})
    report = {}
    for key, computed in [("outputs", first["outputs"]), ("loss", first["loss"]), ("gradient", first["gradient"]),
                          ("hessian", h), ("hvp", first["hvp"])]:
        expected = arrays[key]
        assert computed.v.shape == expected.shape, key
        report[key] = violations(computed, expected)
    bad = {k: v for k, v in report.items() if v[0] > 0}
    assert not bad, f"{case['name']}: entries outside the bound (count, worst error/bound): {bad}"


def test_a_wrong_residual_curvature_sign_is_caught():
    """H_wrong = J^T J / n - (residual term): equal to H where the residual is 0, so it must pass
    on zero-loss fixtures and fail on at least one fixture with nonzero loss."""
    caught, zero_loss_passed = [], []
    for case in index()["cases"]:
        layers, activation, arrays, exact = load(case)
        if not supported(activation):
            continue
        _, h_wrong = run_oracle(layers, activation, arrays, residual_sign=-1)
        count, worst = violations(h_wrong, arrays["hessian"])
        if exact["loss"] == "0":
            assert count == 0, f"{case['name']}: zero residual, yet the wrong sign is visible (worst {worst:.3g})"
            zero_loss_passed.append(case["name"])
        elif count > 0:
            caught.append(case["name"])
    nonzero = [c for c in index()["cases"] if supported(c["activation"]) and c["name"] not in zero_loss_passed]
    if not nonzero:
        pytest.skip("no fixture with a nonzero residual and a supported activation")
    assert caught, "the wrong Hessian variant passed every fixture"


def torch_name(layers, k):
    """The torch name of flat parameter k (0-based, contract order), e.g. `0.weight[1, 0]`."""
    for j, (w, b) in enumerate(layers):
        if k < w.size:
            return f"{2 * j}.weight[{k // w.shape[1]}, {k % w.shape[1]}]"
        k -= w.size
        if b is not None:
            if k < b.size:
                return f"{2 * j}.bias[{k}]"
            k -= b.size
    raise IndexError(k)


def test_embedcheck_compare_accepts_the_oracle_and_names_a_planted_error(tmp_path):
    """The pipeline of torch_oracle.py with the numpy oracle in torch's place: the gradient and
    Hessian saved as .npy are graded by `embedcheck compare` (exit 0), and 1e-6 added to one
    gradient entry is outside the bound (exit 1) and named."""
    d = fixture_dir()
    graded = 0
    for case in index()["cases"]:
        layers, activation, arrays, _ = load(case)
        if not supported(activation):
            continue
        first, h = run_oracle(layers, activation, arrays)
        name = case["name"]
        net, data = d / f"{name}.safetensors", d / f"{name}.data.json"
        g_path, h_path = tmp_path / f"{name}.grad.npy", tmp_path / f"{name}.hess.npy"
        np.save(g_path, first["gradient"].v)
        np.save(h_path, h.v)
        for what, path in [("--gradient", g_path), ("--hessian", h_path)]:
            r = subprocess.run(embedcheck() + ["compare", "--net", str(net), "--data", str(data), what, str(path)],
                               cwd=ROOT, capture_output=True, text=True)
            assert r.returncode == 0, f"{name} {what}: exit {r.returncode}\n{r.stdout}{r.stderr}"
        graded += 1
        if graded == 1:
            planted = first["gradient"].v.copy()
            planted[1] += 1e-6
            p_path = tmp_path / f"{name}.planted.npy"
            np.save(p_path, planted)
            r = subprocess.run(embedcheck() + ["compare", "--net", str(net), "--data", str(data), "--gradient",
                                               str(p_path)], cwd=ROOT, capture_output=True, text=True)
            assert r.returncode == 1, f"{name}: planted error not caught\n{r.stdout}{r.stderr}"
            worst = [line for line in r.stdout.splitlines() if line.startswith("worst")]
            assert worst and torch_name(layers, 1) in worst[0], r.stdout
    assert graded > 0


def test_the_f64_arrays_are_the_exact_values_rounded_to_nearest():
    # Python's float(Fraction) rounds correctly (ties to even): an independent check of the
    # fixture writer's rounding.
    for case in index()["cases"]:
        _, _, arrays, exact = load(case)
        for key in ["inputs", "targets", "outputs", "loss", "gradient", "hessian", "hvp_directions", "hvp"]:
            want = np.array([float(Fraction(s)) for s in np.array(exact[key], dtype=object).reshape(-1)])
            got = arrays[key].reshape(-1)
            assert got.dtype == np.float64 and np.array_equal(got.view(np.uint64), want.view(np.uint64)), \
                (case["name"], key)
        m = case["params"]
        assert arrays["hessian"].shape == (m, m) and arrays["gradient"].shape == (m,)
        i = exact["inertia"]
        assert i["positive"] + i["negative"] + i["zero"] == m


def test_the_index_lists_every_kind_of_case():
    assert index()["format"] == "embedcheck.fixtures/1"
    if os.environ.get("EMBEDCHECK_FIXTURES"):
        pytest.skip("a given fixture directory need not be the default suite")
    kinds = {c["kind"] for c in index()["cases"]}
    for k in ["polynomial", "rational", "relu", "relu_kink", "identity", "multi_output", "bias_free", "depth1",
              "depth3", "depth4", "critical_teacher", "critical_nonzero_loss", "split_teacher",
              "split_nonzero_loss", "ill_conditioned"]:
        assert k in kinds, k


def test_the_safetensors_file_holds_the_network_of_the_json_file():
    st = pytest.importorskip("safetensors.numpy")
    for case in index()["cases"]:
        layers, _, _, _ = load(case)
        tensors = st.load_file(str(fixture_dir() / f"{case['name']}.safetensors"))
        for k, (w, b) in enumerate(layers):
            assert np.array_equal(tensors[f"{2 * k}.weight"], w)
            assert (f"{2 * k}.bias" in tensors) == (b is not None)
            if b is not None:
                assert np.array_equal(tensors[f"{2 * k}.bias"], b)
