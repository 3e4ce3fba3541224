"""From training to a certificate, in PyTorch (float64): the run of examples/train_condense.rs.

A width-6 two-layer net with sigma5(t) = t - t^3/3 + 2t^5/15 is trained by full-batch gradient
descent (learning rate 1/20) on y = tanh(3x) (examples/certify/teacher_tanh3.data.json), from a
small initialisation common to all neurons (scale 1e-2, jitter 1e-9). It prints the loss and the
spread of the incoming vectors (w_j, b_j), saves the plateau point (first step with
max|grad| < 1e-4 after the loss has halved) with safetensors, and asks `embedcheck certify` for
the proof. Needs torch and safetensors (not installed by CI; pytest skips this file without them).

    cargo build --release
    python3 examples/python/train_condense_torch.py [--steps 60000] [--out DIR]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from fractions import Fraction

try:
    import torch
    from safetensors.torch import save_file
except ImportError:
    if __name__ == "__main__":
        sys.exit("train_condense_torch.py needs torch and safetensors (pip install torch safetensors)")
    import pytest

    pytest.importorskip("torch")
    pytest.importorskip("safetensors")

from embedcheck_exe import embedcheck  # noqa: E402  ($EMBEDCHECK, else the release build)

EMBEDCHECK = embedcheck()
DATA = "examples/certify/teacher_tanh3.data.json"
SIGMA = {"poly": ["0", "1", "0", "-1/3", "0", "2/15"]}
WIDTH, LR, SEED = 6, 0.05, 14


class Sigma5(torch.nn.Module):
    """sigma5(t) = t - t^3/3 + 2t^5/15 (tanh's Taylor polynomial; exact, so certify applies)."""

    def forward(self, t):
        return t - t**3 / 3 + 2 * t**5 / 15


def load_data(path):
    d = json.load(open(path))
    to = lambda rows: torch.tensor([[float(Fraction(v)) for v in r] for r in rows], dtype=torch.float64)
    return to(d["inputs"]), to(d["targets"])


def spread(model):
    """max_jk |u_j - u_k|_inf / max(1, |u|_inf), u_j = (w_j, b_j): certify's duplicate test."""
    u = torch.cat([model[0].weight, model[0].bias[:, None]], dim=1)
    d = (u[:, None, :] - u[None, :, :]).abs().max()
    return (d / max(1.0, u.abs().max().item())).item()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=60000)
    ap.add_argument("--out", default=tempfile.mkdtemp())
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    X, Y = load_data(DATA)
    g = torch.Generator().manual_seed(SEED)
    model = torch.nn.Sequential(torch.nn.Linear(1, WIDTH), Sigma5(), torch.nn.Linear(WIDTH, 1)).double()
    with torch.no_grad():
        base = 1e-2 * (2 * torch.rand(3, generator=g, dtype=torch.float64) - 1)
        jitter = lambda *s: 1e-9 * (2 * torch.rand(*s, generator=g, dtype=torch.float64) - 1)
        model[0].weight.copy_(base[0] + jitter(WIDTH, 1))
        model[0].bias.copy_(base[1] + jitter(WIDTH))
        model[2].weight.copy_(base[2] + jitter(1, WIDTH))
        model[2].bias.zero_()
    plateau, first = None, None
    print(f"{'step':>6} {'loss':>14} {'|grad|inf':>10} {'spread':>10}")
    for step in range(args.steps + 1):
        model.zero_grad()
        loss = 0.5 * ((model(X) - Y) ** 2).sum(dim=1).mean()
        loss.backward()
        grad = max(p.grad.abs().max().item() for p in model.parameters())
        first = loss.item() if first is None else first
        if plateau is None and grad < 1e-4 and loss.item() < 0.5 * first:
            plateau = step
            path = os.path.join(args.out, "plateau_torch.safetensors")
            state = {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}
            save_file(state, path, metadata={"embedcheck.activation": json.dumps(SIGMA)})
        if step % 6000 == 0 or step == plateau:
            print(f"{step:>6} {loss.item():>14.8e} {grad:>10.2e} {spread(model):>10.2e}" + ("  <- plateau point" if step == plateau else ""))
        with torch.no_grad():
            for p in model.parameters():
                p -= LR * p.grad
    if plateau is None:
        sys.exit("no plateau point: max|grad| never fell below 1e-4")
    cmd = [EMBEDCHECK, "certify", "--net", path, "--data", DATA, "--json"]
    print("$", " ".join(cmd))
    r = subprocess.run(cmd, capture_output=True, text=True)
    rep = json.loads(r.stdout)
    keys = ["certified", "widths", "reduced_widths", "radius", "inertia", "classification", "distance", "reason"]
    print(json.dumps({k: rep.get(k) for k in keys}, indent=1))
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
