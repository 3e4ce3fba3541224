#!/usr/bin/env python3
"""Side by side, in one run: embedcheck's exact kernels against the same exact computation in
python-flint (FLINT's fmpq_mat, batched over samples), on the standard workloads.

    python3 bench/compare_flint.py [--embedcheck PATH] [--timing PATH] [--repeat 7]
                                   [--workloads W1,W2,W4] [--flint-hessian W2]

- W1 (exact gradient): the whole `embedcheck eval --json` process and the gradient alone
  (`exact_timing gradient`, i.e. `net::evaluate_exact`), against a batched back-propagation
  with fmpq_mat (samples as rows: P = F W^T + 1 b^T, sigma entrywise, E = F_L - Y,
  grad W = E^T F / n, E <- (E W) o sigma'(P)). The two gradients are compared exactly.
- W2, W4 (exact Hessian + certified inertia): the whole `embedcheck hessian --json` process,
  against (for the workloads in --flint-hessian) a batched forward-over-reverse Hessian in
  fmpq_mat (one tangent pass per parameter) and its inertia from the characteristic polynomial
  (all roots of a symmetric matrix's charpoly are real, so Descartes' rule of signs counts the
  positive and negative ones exactly). Both inertias are compared.

Times are medians of --repeat runs (wall clock; embedcheck as a subprocess, so the process
figure includes start-up, reading and printing). `--timing` is the `exact_timing` example
(by default its release build, built if needed).
Ratios are embedcheck / flint (below 1: embedcheck is faster). Needs `pip install python-flint`.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from workloads import cargo_executable, embedcheck, find_workloads, fmpq_of


def median_ms(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def load(wl, name):
    with open(os.path.join(wl, f"{name}.net.json")) as fh:
        net = json.load(fh)
    with open(os.path.join(wl, f"{name}.data.json")) as fh:
        data = json.load(fh)
    return net, data


class Net:
    """A polynomial-activation net and its data as fmpq_mat (samples as rows)."""

    def __init__(self, net, data):
        from flint import fmpq_mat

        self.sigma = [fmpq_of(c) for c in net["activation"]["poly"]]
        self.d1 = [k * c for k, c in enumerate(self.sigma)][1:]
        self.d2 = [k * c for k, c in enumerate(self.d1)][1:]
        self.w, self.b = [], []
        for layer in net["layers"]:
            rows = [[fmpq_of(v) for v in r] for r in layer["weight"]]
            self.w.append(fmpq_mat(rows))
            self.b.append([fmpq_of(v) for v in layer["bias"]] if "bias" in layer else None)
        self.x = fmpq_mat([[fmpq_of(v) for v in r] for r in data["inputs"]])
        self.y = fmpq_mat([[fmpq_of(v) for v in r] for r in data["targets"]])
        self.n = len(data["inputs"])

    @staticmethod
    def poly(c, m):
        """c(m) entrywise (Horner)."""
        from flint import fmpq, fmpq_mat

        def h(t):
            acc = fmpq(0)
            for ck in reversed(c):
                acc = acc * t + ck
            return acc

        return fmpq_mat([[h(t) for t in row] for row in m.tolist()])

    @staticmethod
    def hadamard(a, b):
        from flint import fmpq_mat

        return fmpq_mat([[u * v for u, v in zip(ra, rb)] for ra, rb in zip(a.tolist(), b.tolist())])

    def affine(self, l, f):
        from flint import fmpq_mat

        p = f * self.w[l].transpose()
        if self.b[l] is not None:
            p = p + fmpq_mat([self.b[l]] * self.n)
        return p

    def forward(self):
        fs, ps = [self.x], []
        for l in range(len(self.w)):
            p = self.affine(l, fs[-1])
            ps.append(p)
            fs.append(p if l == len(self.w) - 1 else self.poly(self.sigma, p))
        return fs, ps

    def gradient(self):
        """[(grad W, grad b)] per layer, by batched back-propagation."""
        from flint import fmpq, fmpq_mat

        fs, ps = self.forward()
        e = fs[-1] - self.y
        ones = fmpq_mat([[1] * self.n])
        out = []
        for l in reversed(range(len(self.w))):
            gw = e.transpose() * fs[l] / self.n
            gb = (ones * e) / self.n if self.b[l] is not None else None
            out.append((gw, gb))
            if l > 0:
                e = self.hadamard(e * self.w[l], self.poly(self.d1, ps[l - 1]))
        return out[::-1]

    def flat_gradient(self):
        flat = []
        for gw, gb in self.gradient():
            flat += [v for row in gw.tolist() for v in row]
            if gb is not None:
                flat += gb.tolist()[0]
        return flat

    def hessian(self):
        """The exact Hessian of R_S, one batched forward-over-reverse pass per parameter."""
        from flint import fmpq_mat

        fs, ps = self.forward()
        depth = len(self.w)
        g = [self.poly(self.d1, p) for p in ps[:-1]]
        s2 = [self.poly(self.d2, p) for p in ps[:-1]]
        ones = fmpq_mat([[1] * self.n])
        sites = []
        for l in range(depth):
            r, c = self.w[l].nrows(), self.w[l].ncols()
            sites += [(l, i, j) for i in range(r) for j in range(c)]
            if self.b[l] is not None:
                sites += [(l, i, None) for i in range(r)]
        cols = []
        for l0, i0, j0 in sites:
            dw = [fmpq_mat(w.nrows(), w.ncols()) for w in self.w]
            db = [fmpq_mat(self.n, w.nrows()) for w in self.w]
            if j0 is None:
                for s in range(self.n):
                    db[l0][s, i0] = 1
            else:
                dw[l0][i0, j0] = 1
            dfs = [fmpq_mat(self.n, self.x.ncols())]
            dps = []
            for l in range(depth):
                dp = dfs[-1] * self.w[l].transpose() + fs[l] * dw[l].transpose() + db[l]
                dps.append(dp)
                dfs.append(dp if l == depth - 1 else self.hadamard(g[l], dp))
            e, de = fs[-1] - self.y, dps[-1]
            col = []
            blocks = []
            for l in reversed(range(depth)):
                gw = (de.transpose() * fs[l] + e.transpose() * dfs[l]) / self.n
                part = [v for row in gw.tolist() for v in row]
                if self.b[l] is not None:
                    part += ((ones * de) / self.n).tolist()[0]
                blocks.append(part)
                if l > 0:
                    z = e * self.w[l]
                    dz = de * self.w[l] + e * dw[l]
                    de = self.hadamard(dz, g[l - 1]) + self.hadamard(self.hadamard(z, s2[l - 1]), dps[l - 1])
                    e = self.hadamard(z, g[l - 1])
            for part in reversed(blocks):
                col += part
            cols.append(col)
        m = len(sites)
        return fmpq_mat(m, m, [cols[j][i] for i in range(m) for j in range(m)])


def inertia_charpoly(h):
    """(positive, negative, zero) of a symmetric rational matrix from its characteristic
    polynomial: all roots are real, so Descartes' rule counts them exactly."""
    c = h.charpoly().coeffs()  # c[0] + c[1] x + ...
    zero = next(k for k, v in enumerate(c) if v != 0)
    c = c[zero:]

    def changes(seq):
        s = [v for v in seq if v != 0]
        return sum(1 for a, b in zip(s, s[1:]) if (a > 0) != (b > 0))

    pos = changes(c)
    neg = changes([v if k % 2 == 0 else -v for k, v in enumerate(c)])
    return pos, neg, zero


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--embedcheck", default=None, help="default: $EMBEDCHECK, else the release build")
    ap.add_argument("--timing", default=None, help="default: the exact_timing example's release build")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--workloads", default="W1,W2,W4")
    ap.add_argument("--flint-hessian", default="W2",
                    help="workloads whose Hessian + inertia flint also computes (W4 takes very long)")
    args = ap.parse_args()
    args.embedcheck = args.embedcheck or embedcheck()
    if args.timing is None and "W1" in args.workloads.split(","):
        # Only W1 times the gradient alone; the other workloads need no example build.
        args.timing = cargo_executable("--example", "exact_timing")
    # A binary just built has tens of MB of dirty pages; their write-back would slow the first
    # runs by a millisecond or more. Flush them before timing anything.
    os.sync()
    try:
        import flint  # noqa: F401
    except ImportError:
        sys.exit("python-flint is not installed (pip install python-flint)")
    wl = find_workloads()
    print(f"load: {os.getloadavg()[0]:.2f} (1 min); repeat {args.repeat}; medians in ms")
    ok = True
    for name in args.workloads.split(","):
        net_json, data_json = load(wl, name)
        files = ["--net", os.path.join(wl, f"{name}.net.json"), "--data", os.path.join(wl, f"{name}.data.json")]
        net = Net(net_json, data_json)
        if name == "W1":
            report = json.loads(run([args.embedcheck, "eval", *files, "--json"]))
            ours = [fmpq_of(v) for layer in report["gradient"]["layers"]
                    for v in [x for row in layer["weight"] for x in row] + layer.get("bias", [])]
            same = ours == net.flat_gradient()
            ok &= same
            t_flint = median_ms(net.flat_gradient, args.repeat)
            t_proc = median_ms(lambda: run([args.embedcheck, "eval", *files, "--json"]), args.repeat)
            line = (f"W1 gradient: flint batched {t_flint:.1f}; embedcheck eval --json process {t_proc:.1f} "
                    f"(ratio {t_proc / t_flint:.2f})")
            if os.path.exists(args.timing):
                def kernel():
                    out = run([args.timing, "gradient", name])
                    return float(out.split(": ")[1].split("ms")[0]) if "ms" in out.split(";")[0] else \
                        float(out.split(": ")[1].split("µs")[0]) / 1e3

                t_kernel = statistics.median(kernel() for _ in range(args.repeat))
                line += f"; gradient alone {t_kernel:.2f} (ratio {t_kernel / t_flint:.2f})"
            print(line + f"; gradients equal: {same}")
        else:
            cmd = [args.embedcheck, "hessian", *files, "--json"]
            report = json.loads(run(cmd))
            inertia = report["inertia"]
            t_proc = median_ms(lambda: run(cmd), args.repeat if name != "W4" else max(1, args.repeat // 3))
            line = (f"{name} Hessian + inertia: embedcheck hessian --json process {t_proc:.1f} "
                    f"(inertia {inertia['positive']}, {inertia['negative']}, {inertia['zero']})")
            if name in args.flint_hessian.split(","):
                t0 = time.perf_counter()
                h = net.hessian()
                t_h = (time.perf_counter() - t0) * 1e3
                t0 = time.perf_counter()
                pnz = inertia_charpoly(h)
                t_i = (time.perf_counter() - t0) * 1e3
                same = pnz == (inertia["positive"], inertia["negative"], inertia["zero"])
                ok &= same
                line += (f"; flint Hessian {t_h:.0f} + charpoly inertia {t_i:.0f} (one run; ratio "
                         f"{t_proc / (t_h + t_i):.3f}); inertias equal: {same}")
            print(line)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
