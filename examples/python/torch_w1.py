"""W1 (widths 4,16,16,1, sigma(x) = x + x^2/2, n = 32) through PyTorch in float64: the gradient and
the Hessian by torch.autograd, the float Hessian's inertia by numpy's eigvalsh, and both graded
by `embedcheck compare` against the exact truth. Needs torch (not installed by CI).

    cargo build --release
    python3 examples/python/torch_w1.py [../shared/bench/workloads]
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
from safetensors.torch import load_file

from embedcheck_exe import embedcheck  # $EMBEDCHECK, else the release build

EMBEDCHECK = embedcheck()
workloads = sys.argv[1] if len(sys.argv) > 1 else "../shared/bench/workloads"
tmp = tempfile.mkdtemp()
net, data = os.path.join(tmp, "W1.safetensors"), os.path.join(tmp, "W1.data.npz")
subprocess.run([EMBEDCHECK, "convert", "--net", f"{workloads}/W1.net.json", "--data", f"{workloads}/W1.data.json",
                "--out", net, "--data-out", data], check=True, capture_output=True)

sd = load_file(net)
d = np.load(data)
X = torch.tensor(d["inputs"], dtype=torch.float64)
Y = torch.tensor(d["targets"], dtype=torch.float64).reshape(X.shape[0], -1)
names = sorted(sd, key=lambda k: (int(k.split(".")[0]), k.endswith("bias")))  # 0.weight, 0.bias, 2.weight, ...
shapes = [sd[k].shape for k in names]
theta = torch.cat([sd[k].double().reshape(-1) for k in names])


def loss(flat):
    """R_S = (1/n) sum_i 1/2 |f(x_i) - y_i|^2 with sigma(x) = x + x^2/2 between the Linear layers."""
    h, off = X, 0
    ps = []
    for s in shapes:
        n = int(np.prod(s))
        ps.append(flat[off:off + n].reshape(s))
        off += n
    for j in range(0, len(ps), 2):
        h = h @ ps[j].T + ps[j + 1]
        if j + 2 < len(ps):
            h = h + 0.5 * h * h
    return 0.5 * ((h - Y) ** 2).sum(1).mean()


flat = theta.clone().requires_grad_(True)
grad = torch.autograd.grad(loss(flat), flat)[0].detach().numpy()
hess = torch.autograd.functional.hessian(loss, theta).numpy()
np.save(os.path.join(tmp, "grad.npy"), grad)
np.save(os.path.join(tmp, "hess.npy"), hess)
ev = np.linalg.eigvalsh(hess)
tol = ev.size * np.finfo(float).eps * np.abs(ev).max()
print(f"torch {torch.__version__}: M = {theta.numel()}, eigvalsh inertia (+, -, |lambda| <= M eps max|lambda|) = "
      f"({(ev > tol).sum()}, {(ev < -tol).sum()}, {(abs(ev) <= tol).sum()})")
for what, f in [("--gradient", "grad.npy"), ("--hessian", "hess.npy")]:
    r = subprocess.run([EMBEDCHECK, "compare", "--net", net, "--data", data, what, os.path.join(tmp, f)],
                       capture_output=True, text=True)
    print(f"embedcheck compare {what}: exit {r.returncode}")
    print("\n".join(r.stdout.splitlines()[2:]))
# The exact inertia of W1 as written (rational weights); torch saw them rounded to doubles.
r = subprocess.run([EMBEDCHECK, "hessian", "--net", f"{workloads}/W1.net.json", "--data", f"{workloads}/W1.data.json"],
                   capture_output=True, text=True)
print(r.stdout + r.stderr)
