#!/usr/bin/env python3
"""Why W1's Hessian is hard to certify, checked exactly with python-flint (README, Performance).

    python3 bench/w1_structure.py [--embedcheck PATH]

W1 (widths 4,16,16,1; sigma(z) = z + z^2/2) has 16 layer-1 features h_k(x) = sigma(w_k.x + b_k),
quadratics in 4 variables; with the constant that is 17 functions in the 15-dimensional space of
quadratics, so there are relations sum_k c_k h_k + c_16 = 0 identically. For every relation c and
every u in R^16, the direction dW2 = u c[:16]^T, db2 = u c_16 leaves every layer-2 pre-activation,
hence the loss, unchanged; the loss is constant on that linear family N at every point with the
same layer-1 weights. This script checks, in exact rationals, on the Hessian H that
`embedcheck hessian --json --matrix` prints:
  * the relation space has dimension 2 (so N has dimension 32);
  * N^T H N = 0 (N is isotropic);
  * H N vanishes outside the 80 layer-1 rows (the gradient along N depends only on layer 1);
  * the 80 x 32 block B = (H N)[layer 1] has rank 30: two combinations are null vectors of H
    (embedcheck's corank 2), the other 30 pair up into 30 positive and 30 negative directions.
Needs `pip install python-flint`. Takes a few seconds after the Hessian.
"""

import argparse
import json
import os
import sys

from workloads import embedcheck, exact_hessian, find_workloads, fmpq_of


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--embedcheck", default=None, help="default: $EMBEDCHECK, else the release build")
    args = ap.parse_args()
    try:
        from flint import fmpq, fmpq_mat
    except ImportError:
        sys.exit("python-flint is not installed (pip install python-flint)")
    wl = find_workloads()
    net_path, data_path = (os.path.join(wl, f"W1.{k}.json") for k in ("net", "data"))
    net = json.load(open(net_path))

    w1 = [[fmpq_of(x) for x in row] for row in net["layers"][0]["weight"]]
    b1 = [fmpq_of(x) for x in net["layers"][0]["bias"]]
    p = [fmpq_of(x) for x in net["activation"]["poly"]]
    assert len(p) == 3 and len(w1) == 16 and len(w1[0]) == 4, "W1 is 4-16-16-1 with a quadratic sigma"
    monomials = [()] + [(i,) for i in range(4)] + [(i, j) for i in range(4) for j in range(i, 4)]

    def feature(w, b):  # coefficients of p0 + p1 z + p2 z^2, z = w.x + b, in the monomial basis
        c = {m: fmpq(0) for m in monomials}
        c[()] += p[0] + p[1] * b + p[2] * b * b
        for i in range(4):
            c[(i,)] += p[1] * w[i] + 2 * p[2] * b * w[i]
            for j in range(i, 4):
                c[(i, j)] += p[2] * w[i] * w[j] * (1 if i == j else 2)
        return [c[m] for m in monomials]

    rows = [feature(w1[k], b1[k]) for k in range(16)] + [[fmpq(1)] + [fmpq(0)] * 14]
    # Relations: the null space of the 15 x 17 matrix of feature coefficients (by its RREF).
    m = fmpq_mat(15, 17, [rows[k][t] for t in range(15) for k in range(17)])
    r, rank = m.rref()
    pivots = [next(j for j in range(17) if r[i, j] != 0) for i in range(rank)]
    free = [j for j in range(17) if j not in pivots]
    relations = []
    for f in free:
        c = [fmpq(0)] * 17
        c[f] = fmpq(1)
        for i, pj in enumerate(pivots):
            c[pj] = -r[i, f]
        relations.append(c)
    print(f"relations among the 16 layer-1 features and the constant: {len(relations)}")

    report, rows_h = exact_hessian(args.embedcheck or embedcheck(), net_path, data_path)
    h = fmpq_mat(rows_h)
    n = h.nrows()
    assert n == 369
    cols = []
    for j in range(16):  # dW2 row j = c[:16], db2_j = c_16, i.e. u = e_j
        for c in relations:
            v = [fmpq(0)] * n
            for k in range(16):
                v[80 + 16 * j + k] = c[k]
            v[336 + j] = c[16]
            cols.append(v)
    nmat = fmpq_mat(n, len(cols), [cols[j][i] for i in range(n) for j in range(len(cols))])
    hn = h * nmat
    isotropic = (nmat.transpose() * hn) == fmpq_mat(len(cols), len(cols))
    outside = all(hn[i, j] == 0 for i in range(80, n) for j in range(len(cols)))
    b = fmpq_mat(80, len(cols), [hn[i, j] for i in range(80) for j in range(len(cols))])
    k = b.rank()
    print(f"N: dimension {len(cols)}; N^T H N = 0: {isotropic}; H N zero outside layer 1: {outside}; rank B = {k}")
    print(f"so the inertia is ({k}, {k}, {len(cols) - k}) + that of a {n - 2 * k - (len(cols) - k)}-dimensional "
          f"Schur complement; embedcheck: {report['inertia']}")
    ok = isotropic and outside and len(cols) - k == report["inertia"]["zero"]
    print("consistent" if ok else "INCONSISTENT")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
