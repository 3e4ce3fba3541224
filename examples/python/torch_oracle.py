"""PyTorch graded by embedcheck's golden fixtures: each fixture's network is loaded into a
`torch.nn.Sequential` from its `.safetensors` file, torch.autograd computes the gradient and
torch.autograd.functional.hessian the Hessian of R = (1/n) sum_i 1/2 |f(x_i) - y_i|^2 in float64,
both are saved as .npy (flat [M] and [M, M] in embedcheck's parameter order) and graded by

    embedcheck compare --net NAME.safetensors --data NAME.data.json --gradient grad.npy
    embedcheck compare --net NAME.safetensors --data NAME.data.json --hessian hess.npy

(exit 0: every entry within the f64 error bound of the exact value, 1: some entry outside). Last,
an error of 1e-6 is planted in one gradient entry, and compare must exit 1 and name that entry.

Needs torch and safetensors (not installed by CI; the numpy oracle and its pytest run there):

    cargo build --release
    python3 examples/python/torch_oracle.py [FIXTURE_DIR [CASE ...]]

Without FIXTURE_DIR a fixture directory is written to a temporary directory first.
"""
import json
import pathlib
import subprocess
import sys
import tempfile
from fractions import Fraction

import numpy as np
import torch
from safetensors import safe_open
from safetensors.torch import load_file

from embedcheck_exe import embedcheck  # $EMBEDCHECK, else the release build

EMBEDCHECK = embedcheck()
torch.set_default_dtype(torch.float64)


def exact_float(x):
    """A contract number (string "p/q", decimal string, or JSON integer) rounded once to float64."""
    return float(Fraction(str(x)))


class Poly(torch.nn.Module):
    """s(x) = sum_k c_k x^k (Horner)."""

    def __init__(self, coefficients):
        super().__init__()
        self.c = [exact_float(c) for c in coefficients]

    def forward(self, x):
        h = torch.full_like(x, self.c[-1])
        for c in reversed(self.c[:-1]):
            h = h * x + c
        return h


class Rational(torch.nn.Module):
    """s(x) = p(x) / q(x)."""

    def __init__(self, num, den):
        super().__init__()
        self.p, self.q = Poly(num), Poly(den)

    def forward(self, x):
        return self.p(x) / self.q(x)


class LeakyReLU(torch.nn.Module):
    """max(x, 0) + a min(x, 0), derivative 0 at 0 like embedcheck's convention (torch's
    nn.LeakyReLU takes slope a at 0)."""

    def __init__(self, slope):
        super().__init__()
        self.a = exact_float(slope)

    def forward(self, x):
        return torch.where(x > 0, x, torch.where(x < 0, self.a * x, torch.zeros_like(x)))


def activation_module(spec):
    """The torch module for a contract activation (JSON value or bare name)."""
    if spec == "relu":
        return torch.nn.ReLU()  # relu'(0) = 0 in torch, as in embedcheck's convention
    if spec == "identity":
        return torch.nn.Identity()
    if spec == "tanh":
        return torch.nn.Tanh()
    if spec == "sigmoid":
        return torch.nn.Sigmoid()
    if spec == "softplus":
        return torch.nn.Softplus()
    if isinstance(spec, dict) and "poly" in spec:
        return Poly(spec["poly"])
    if isinstance(spec, dict) and "rational" in spec:
        return Rational(spec["rational"]["num"], spec["rational"]["den"])
    if isinstance(spec, dict) and "leaky_relu" in spec:
        return LeakyReLU(spec["leaky_relu"])
    raise ValueError(f"unknown activation {spec!r}")


def load_model(path):
    """nn.Sequential(Linear, s, Linear, s, ..., Linear) from a fixture's .safetensors (torch names
    0.weight, 0.bias, 2.weight, ...; a missing bias is a bias-free Linear); s from the metadata key
    embedcheck.activation."""
    state = load_file(str(path))
    with safe_open(str(path), framework="pt") as f:
        text = f.metadata()["embedcheck.activation"]
    try:
        spec = json.loads(text)
    except json.JSONDecodeError:
        spec = text
    indices = sorted({int(k.split(".")[0]) for k in state})
    modules = []
    for j, k in enumerate(indices):
        w = state[f"{k}.weight"]
        modules.append(torch.nn.Linear(w.shape[1], w.shape[0], bias=f"{k}.bias" in state))
        if j + 1 < len(indices):
            modules.append(activation_module(spec))
    model = torch.nn.Sequential(*modules)
    # Module k of this Sequential is Linear k exactly when the file used 0, 2, 4, ...
    assert indices == list(range(0, 2 * len(indices), 2)), indices
    model.load_state_dict(state)
    return model.double()


def load_data(path):
    """Inputs and targets of a fixture's .data.json, each number rounded once to float64."""
    with open(path) as f:
        d = json.load(f, parse_float=Fraction)
    x = torch.tensor([[exact_float(v) for v in row] for row in d["inputs"]])
    y = torch.tensor([[exact_float(v) for v in row] for row in d["targets"]])
    return x, y


def gradient_and_hessian(model, x, y):
    """torch.autograd's gradient [M] and torch.autograd.functional.hessian's Hessian [M, M] of
    R = mean_i 1/2 |f(x_i) - y_i|^2, parameters in model.parameters() order (0.weight row by row,
    0.bias, 2.weight, ...: embedcheck's contract order)."""
    names = [n for n, _ in model.named_parameters()]
    shapes = [p.shape for p in model.parameters()]
    theta = torch.cat([p.detach().reshape(-1) for p in model.parameters()])

    def loss(flat):
        params, off = {}, 0
        for n, s in zip(names, shapes):
            k = int(np.prod(s))
            params[n] = flat[off:off + k].reshape(s)
            off += k
        f = torch.func.functional_call(model, params, (x,))
        return 0.5 * ((f - y) ** 2).sum(1).mean()

    flat = theta.clone().requires_grad_(True)
    grad = torch.autograd.grad(loss(flat), flat)[0].detach().numpy()
    hess = torch.autograd.functional.hessian(loss, theta).detach().numpy()
    return grad, hess


def compare(net, data, what, path, extra=()):
    r = subprocess.run([EMBEDCHECK, "compare", "--net", str(net), "--data", str(data), what, str(path), *extra],
                       capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


def main(argv):
    if argv:
        fixtures = pathlib.Path(argv[0])
    else:
        fixtures = pathlib.Path(tempfile.mkdtemp(prefix="embedcheck-fixtures-")) / "fixtures"
        subprocess.run([EMBEDCHECK, "fixtures", "--out", str(fixtures)], check=True, stdout=subprocess.DEVNULL)
    with open(fixtures / "index.json") as f:
        index = json.load(f)["cases"]
    cases = [c["name"] for c in index]
    # compare derives its bound for +, -, x programs; a rational sigma divides, so those cases are
    # graded with a stated relative tolerance instead (1e-10: a few hundred ulps of slack).
    rational = {c["name"] for c in index if "rational" in json.dumps(c.get("activation"))}
    chosen = argv[1:] or cases
    work = pathlib.Path(tempfile.mkdtemp(prefix="embedcheck-torch-"))
    failures = 0
    for name in chosen:
        net, data = fixtures / f"{name}.safetensors", fixtures / f"{name}.data.json"
        model = load_model(net)
        x, y = load_data(data)
        grad, hess = gradient_and_hessian(model, x, y)
        g_path, h_path = work / f"{name}.grad.npy", work / f"{name}.hess.npy"
        np.save(g_path, np.ascontiguousarray(grad))
        np.save(h_path, np.ascontiguousarray(hess))  # compare reads C-order arrays only
        for what, path in [("--gradient", g_path), ("--hessian", h_path)]:
            extra = ("--rtol", "1e-10") if name in rational else ()
            code, out = compare(net, data, what, path, extra)
            verdict = {0: "within the bound", 1: "OUTSIDE the bound"}.get(code, f"error (exit {code})")
            print(f"{name} {what[2:]}: {verdict}")
            if code != 0:
                failures += 1
                print(out)
    # A planted error of 1e-6 in one gradient entry must be caught and named.
    name = chosen[0]
    net, data = fixtures / f"{name}.safetensors", fixtures / f"{name}.data.json"
    grad, _ = gradient_and_hessian(load_model(net), *load_data(data))
    k = min(1, grad.size - 1)
    grad[k] += 1e-6
    planted = work / f"{name}.planted.npy"
    np.save(planted, grad)
    code, out = compare(net, data, "--gradient", planted)
    print(f"{name}: planted 1e-6 in gradient entry {k + 1}: compare exit {code}")
    print("\n".join(line for line in out.splitlines() if "max |error|" in line or "worst" in line or "verdict" in line))
    if code != 1:
        failures += 1
        print("the planted error was NOT caught")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
