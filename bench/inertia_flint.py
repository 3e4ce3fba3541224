#!/usr/bin/env python3
"""Independent side check of `embedcheck hessian` on a workload (default W1, M = 369): the same
exact Hessian, its eigenvalues by python-flint's ball arithmetic at high precision, and the
inertia counted from them.

    python3 bench/inertia_flint.py [--workload W1] [--prec 256] [--embedcheck PATH]

The Hessian comes from `embedcheck hessian --json --matrix` (exact rationals), so this checks
the inertia, not the Hessian (the Hessian has its own independent paths in the tests). The matrix
is scaled by D = diag(1/sqrt|h_ii|) (a congruence: same inertia) and its eigenvalues are computed
with `acb_mat.eig(algorithm="approx")` at `--prec` bits. This is *not* a proof: the approximate
eigenvalues carry no enclosure. It is a strong independent check when the eigenvalues counted as
zero are many orders of magnitude below the smallest counted as nonzero (the script prints both;
on W1 at 256 bits: ~1e-76 against ~7e-20). Needs `pip install python-flint`.
"""

import argparse
import os
import sys
import time

from workloads import embedcheck, exact_hessian, find_workloads


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--workload", default="W1")
    ap.add_argument("--prec", type=int, default=256)
    ap.add_argument("--embedcheck", default=None, help="default: $EMBEDCHECK, else the release build")
    args = ap.parse_args()
    try:
        from flint import acb_mat, arb, arb_mat, ctx
    except ImportError:
        sys.exit("python-flint is not installed (pip install python-flint)")
    wl = find_workloads()
    net = os.path.join(wl, f"{args.workload}.net.json")
    data = os.path.join(wl, f"{args.workload}.data.json")
    t = time.time()
    report, h = exact_hessian(args.embedcheck or embedcheck(), net, data)
    print(f"embedcheck: inertia {report['inertia']} in {time.time() - t:.1f} s (Hessian included)")
    n = len(h)
    ctx.prec = args.prec
    t = time.time()
    d = [arb(1) / arb(abs(h[i][i])).sqrt() if h[i][i] != 0 else arb(1) for i in range(n)]
    a = arb_mat(n, n, [arb(h[i][j]) * d[i] * d[j] for i in range(n) for j in range(n)])
    ev = sorted((e.real.mid() for e in acb_mat(a).eig(algorithm="approx")), key=lambda x: abs(float(x)))
    # The zero eigenvalues: as many as embedcheck's corank; report the gap to the next one.
    z = report["inertia"]["zero"]
    rest = ev[z:]
    print(f"flint ({args.prec} bits, {time.time() - t:.1f} s): "
          f"positive {sum(1 for e in rest if e > 0)}, negative {sum(1 for e in rest if e < 0)}, zero {z}; "
          f"largest |λ| among the {z} taken as zero {abs(float(ev[z - 1])) if z else 0:.1e}, "
          f"smallest |λ| of the others {abs(float(rest[0])):.1e}")
    agree = (sum(1 for e in rest if e > 0), sum(1 for e in rest if e < 0)) == (
        report["inertia"]["positive"], report["inertia"]["negative"])
    print("agree" if agree else "DISAGREE")
    sys.exit(0 if agree else 1)


if __name__ == "__main__":
    main()
