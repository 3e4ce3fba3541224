#!/usr/bin/env python3
"""Side-by-side timing of the W3 f64 gradient (widths 32-256-256-10, n = 1024, tanh, ½-MSE)
in numpy and, when installed, PyTorch on one thread -- the same mathematics as
embedcheck's `net::evaluate_f64` (benches/gradient.rs, "W3 f64 gradient").

    python3 bench/compare.py [--workloads DIR] [--repeat 50]

DIR defaults to $EMBEDCHECK_WORKLOADS or the nearest ancestor's shared/bench/workloads.
Prints the median wall time of one full gradient (forward + backward) per library, and checks
that the libraries' gradients agree with each other to 1e-10 relative. Run `cargo bench
--bench gradient` for embedcheck's median on the same machine.
"""

import argparse
import json
import os
import statistics
import time

from workloads import find_workloads

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")


def load(dirname):
    with open(os.path.join(dirname, "W3.net.json")) as fh:
        net = json.load(fh)
    with open(os.path.join(dirname, "W3.data.json")) as fh:
        data = json.load(fh)
    layers = [([[float(v) for v in row] for row in l["weight"]], [float(v) for v in l["bias"]]) for l in net["layers"]]
    x = [[float(v) for v in r] for r in data["inputs"]]
    y = [[float(v) for v in r] for r in data["targets"]]
    return layers, x, y


def median_ms(fn, repeat):
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def numpy_grad(np, layers, x, y):
    W = [np.array(w) for w, _ in layers]
    b = [np.array(bb) for _, bb in layers]
    X, Y = np.array(x), np.array(y)
    n = X.shape[0]

    def grad():
        feats, slopes = [X], []
        for l in range(len(W)):
            p = feats[-1] @ W[l].T + b[l]
            if l == len(W) - 1:
                feats.append(p)
            else:
                t = np.tanh(p)
                feats.append(t)
                slopes.append(1.0 - t * t)
        e = feats[-1] - Y
        out = []
        for l in reversed(range(len(W))):
            out.append((e.T @ feats[l] / n, e.sum(axis=0) / n))
            if l > 0:
                e = (e @ W[l]) * slopes[l - 1]
        return out[::-1]

    return grad


def torch_grad(torch, layers, x, y):
    torch.set_num_threads(1)
    W = [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w, _ in layers]
    b = [torch.tensor(bb, dtype=torch.float64, requires_grad=True) for _, bb in layers]
    X = torch.tensor(x, dtype=torch.float64)
    Y = torch.tensor(y, dtype=torch.float64)

    def grad():
        h = X
        for l in range(len(W)):
            h = h @ W[l].T + b[l]
            if l < len(W) - 1:
                h = torch.tanh(h)
        loss = 0.5 * ((h - Y) ** 2).sum() / X.shape[0]
        gs = torch.autograd.grad(loss, W + b)
        return [(gs[l].numpy(), gs[len(W) + l].numpy()) for l in range(len(W))]

    return grad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workloads", default=find_workloads())
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args()
    layers, x, y = load(args.workloads)
    results = {}
    try:
        import numpy as np
        g = numpy_grad(np, layers, x, y)
        results["numpy"] = g
        print(f"numpy {np.__version__}: median {median_ms(g, args.repeat):.2f} ms per W3 gradient")
    except ImportError:
        print("numpy not installed: skipped")
    try:
        import torch
        g = torch_grad(torch, layers, x, y)
        results["torch"] = g
        print(f"torch {torch.__version__} (1 thread): median {median_ms(g, args.repeat):.2f} ms per W3 gradient")
    except ImportError:
        print("torch not installed: skipped")
    if len(results) == 2:
        import numpy as np
        a, c = results["numpy"](), results["torch"]()
        worst = max(float(np.max(np.abs(p - q)) / max(1e-300, float(np.max(np.abs(q)))))
                    for (pa, pb), (qa, qb) in zip(a, c) for p, q in ((pa, qa), (pb, qb)))
        print(f"numpy vs torch: largest relative difference {worst:.1e}")
        assert worst < 1e-10


if __name__ == "__main__":
    main()
