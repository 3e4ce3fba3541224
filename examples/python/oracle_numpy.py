"""A small numpy oracle for embedcheck's golden fixtures: the loss, gradient and Hessian of an MLP
in float64, each with a rigorous bound on its rounding error.

    R(theta) = (1/n) sum_i 1/2 |f(x_i; theta) - y_i|^2,
    f = W_L s(... s(W_1 x + b_1) ...) + b_L   (s on hidden layers, the output layer linear),

with s a polynomial, the identity or ReLU (ReLU'(0) = 0, as embedcheck's convention). Parameters
are flat in embedcheck's contract order: layer 1 to L, the weight row by row, then the bias.

- gradient: back-propagation, delta_L = (f - y)/n, gW_l = delta_l^T a_{l-1}, gb_l = sum_i delta_l,
  delta_{l-1} = (delta_l W_l) * s'(p_{l-1});
- Hessian: forward over reverse with explicit tangent formulas. Along a direction v (tangents
  dW_l, db_l) the forward pass gives dp_l = da_{l-1} W_l^T + a_{l-1} dW_l^T + db_l,
  da_l = s'(p_l) dp_l, and the back-propagation's tangent is
      ddelta_L     = dp_L / n,
      dgW_l        = ddelta_l^T a_{l-1}  +  delta_l^T da_{l-1},
      dgb_l        = sum_i ddelta_l,
      ddelta_{l-1} = (ddelta_l W_l + delta_l dW_l) * s'(p_{l-1})  +  (delta_l W_l) * s''(p_{l-1}) dp_{l-1},
  so H v = (dgW_1, dgb_1, ...). Every term holding an undifferentiated delta is proportional to
  the residual f - y: together they are the residual-curvature term sum_i r_i grad^2 f(x_i) / n
  of H = J^T J / n + (that term). ``residual_sign=-1`` flips its sign: a deliberately wrong
  Hessian that agrees with the right one exactly where the residual vanishes.

Error bound (see ``Tracked``): every quantity is computed together with an absolute-value
evaluation ``a`` (the same formulas on |inputs|, |parameters|, |s^(k)| majorants) and a count ``k``
of the roundings along any product of the computation; then the computed value is within
gamma_k * a_true of the exact value at the exact point (``bound``).
"""
import json
from fractions import Fraction

import numpy as np

U = 2.0 ** -53  # unit roundoff of binary64


def gamma(k):
    """Higham's gamma_k = k u / (1 - k u)."""
    return k * U / (1.0 - k * U)


class Tracked:
    """A float64 array ``v``, its absolute-value evaluation ``a`` >= 0 and a rounding count ``k``.

    The computation is a straight-line program of +, -, x on the leaves (the data, the parameters,
    s's coefficients, the directions) plus selections by exact 0/1 masks (ReLU). Expanded, the exact
    value y is a sum of monomials in the leaves; floating point multiplies each monomial by at most
    k factors (1 + d_i), |d_i| <= u (a leaf read from a file is the exact value times one such
    factor, so leaves start at k = 1; exact 0/1 seeds at k = 0), so
        |computed - y| <= gamma_k * y~,   y~ = the same monomials with absolute values
    (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., Lemma 3.1 and Sec. 3.1).
    ``a`` is y~ computed in floating point; its terms are all nonnegative, so a >= y~ (1 - gamma_k).
    Counts: a + b and a - b take max(k_a, k_b) + 1, a * b takes k_a + k_b + 1, a contraction
    (dot product) of length K takes k_a + k_b + K (K - 1 additions in any order and one product;
    with FMA there are fewer roundings, which only helps). ``k`` is one count for the whole array
    (the largest of its entries).
    """

    __slots__ = ("v", "a", "k")

    def __init__(self, v, a, k):
        self.v, self.a, self.k = np.asarray(v, dtype=np.float64), np.asarray(a, dtype=np.float64), k

    @staticmethod
    def leaf(x, k=1):
        x = np.asarray(x, dtype=np.float64)
        return Tracked(x, np.abs(x), k)


def add(x, y):
    return Tracked(x.v + y.v, x.a + y.a, max(x.k, y.k) + 1)


def sub(x, y):
    return Tracked(x.v - y.v, x.a + y.a, max(x.k, y.k) + 1)


def mul(x, y):
    return Tracked(x.v * y.v, x.a * y.a, x.k + y.k + 1)


def scale(x, s):
    """x * s for a sign s = +1 or -1 (exact)."""
    return Tracked(s * x.v, x.a, x.k)


def contract(spec, x, y, length):
    """numpy.einsum(spec, x, y) summing over ``length`` products."""
    return Tracked(np.einsum(spec, x.v, y.v), np.einsum(spec, x.a, y.a), x.k + y.k + length)


def total(x, axis):
    """Sum over ``axis``."""
    return Tracked(x.v.sum(axis=axis), x.a.sum(axis=axis), x.k + x.v.shape[axis])


def select(mask, x):
    return Tracked(np.where(mask, x.v, 0.0), np.where(mask, x.a, 0.0), x.k)


def bound(t):
    """|t.v - exact| <= bound(t) for the exact value at the exact point (class docs), plus one
    rounding of the exact value to the nearest double (the fixture's f64 arrays): u * y~ more.
    The last term covers underflow (never reached on the fixtures)."""
    g = gamma(t.k)
    return (g + U) / (1.0 - g) * t.a + 1e-300


class Unsupported(ValueError):
    """An activation this oracle does not implement (rational, tanh, ...)."""


class Sigma:
    """s, s', s'' on Tracked pre-activations: a polynomial (Horner), the identity or ReLU."""

    def __init__(self, spec):
        if spec == "identity":
            self.kind, self.c = "poly", [0.0, 1.0]
        elif spec == "relu":
            self.kind, self.c = "relu", None
        elif isinstance(spec, dict) and set(spec) == {"poly"}:
            self.kind, self.c = "poly", [float(Fraction(str(c))) for c in spec["poly"]]
        else:
            raise Unsupported(f"activation {spec!r}: the numpy oracle does polynomial, identity and relu")
        self.near_kinks = []

    @staticmethod
    def _horner(coefficients, p, leaf_k):
        h = Tracked.leaf(np.full(p.v.shape, coefficients[-1]), leaf_k)
        for c in reversed(coefficients[:-1]):
            h = add(mul(h, p), Tracked.leaf(np.full(p.v.shape, c), leaf_k))
        return h

    def _mask(self, p, layer):
        # ReLU'(p) = 1 if p > 0 else 0, decided on the computed p. It is the exact sign whenever
        # |p.v| > bound(p); otherwise the site is recorded (and the caller must know it is exact).
        near = np.argwhere(np.abs(p.v) <= bound(p))
        self.near_kinks += [(layer, int(j) + 1, int(i) + 1, float(p.v[i, j])) for i, j in near]
        return p.v > 0

    def value(self, p, layer):
        if self.kind == "relu":
            return select(self._mask(p, layer), p)
        return self._horner(self.c, p, 1)

    def d1(self, p):
        if self.kind == "relu":
            return Tracked(np.where(p.v > 0, 1.0, 0.0), np.where(p.v > 0, 1.0, 0.0), 0)
        d = [j * c for j, c in enumerate(self.c)][1:] or [0.0]
        return self._horner(d, p, 2)  # j * c_j rounded once more

    def d2(self, p):
        if self.kind == "relu":
            return Tracked.leaf(np.zeros(p.v.shape), 0)
        d = [j * (j - 1) * c for j, c in enumerate(self.c)][2:] or [0.0]
        return self._horner(d, p, 2)


def load_network(path):
    """(layers, activation spec) from an embedcheck ``.net.json``; numbers are read exactly
    (``fractions.Fraction``) and rounded once to float64; a ``"bias": null`` layer has no bias."""
    with open(path) as f:
        net = json.load(f, parse_float=Fraction)
    to_float = lambda x: float(Fraction(str(x)) if not isinstance(x, Fraction) else x)  # noqa: E731
    layers = []
    for layer in net["layers"]:
        w = np.array([[to_float(x) for x in row] for row in layer["weight"]], dtype=np.float64)
        b = layer.get("bias")
        layers.append((w, None if b is None else np.array([to_float(x) for x in b], dtype=np.float64)))
    return layers, net["activation"]


def num_params(layers):
    return sum(w.size + (0 if b is None else b.size) for w, b in layers)


def mlp(layers, activation, inputs, targets, directions=None, direction_k=1, residual_sign=1):
    """Loss, outputs and gradient, and with ``directions`` (shape [K, M]) the products H v_k as
    rows of a [K, M] array (``direction_k``: the rounding count of the directions, 0 for exact 0/1
    vectors). All results are ``Tracked``. ``residual_sign=-1`` is the wrong variant (module docs).
    Returns a dict with keys outputs, loss, gradient, hvp (or None), near_kinks."""
    sigma = Sigma(activation)
    n = inputs.shape[0]
    depth = len(layers)
    W = [Tracked.leaf(w) for w, _ in layers]
    B = [None if b is None else Tracked.leaf(b) for _, b in layers]
    inv_n = Tracked.leaf(np.float64(1.0) / n)
    # Forward: a[0] = x, p[l] = a[l-1] W_l^T + b_l, a[l] = s(p[l]) (hidden), f = p[L].
    a, p = [Tracked.leaf(inputs)], [None]
    for l in range(1, depth + 1):
        w = W[l - 1]
        pl = contract("nj,ij->ni", a[-1], w, w.v.shape[1])
        if B[l - 1] is not None:
            pl = add(pl, B[l - 1])
        p.append(pl)
        a.append(sigma.value(pl, l) if l < depth else pl)
    f = p[depth]
    r = sub(f, Tracked.leaf(targets.reshape(f.v.shape)))
    sq = mul(r, r)
    loss = mul(Tracked(0.5 * sq.v.sum(), 0.5 * sq.a.sum(), sq.k + sq.v.size), inv_n)
    # Back-propagation.
    d1 = [None] + [sigma.d1(p[l]) for l in range(1, depth)]
    delta = [None] * (depth + 1)
    delta[depth] = mul(r, inv_n)
    grads = [None] * (depth + 1)
    for l in range(depth, 0, -1):
        gw = contract("ni,nj->ij", delta[l], a[l - 1], n)
        gb = total(delta[l], 0) if B[l - 1] is not None else None
        grads[l] = (gw, gb)
        if l > 1:
            delta[l - 1] = mul(contract("ni,ij->nj", delta[l], W[l - 1], W[l - 1].v.shape[0]), d1[l - 1])
    gradient = _flat([grads[l] for l in range(1, depth + 1)], axis=0)
    hvp = None
    if directions is not None:
        hvp = _tangent(layers, sigma, W, B, a, p, d1, delta, inv_n, n,
                       np.asarray(directions, dtype=np.float64), direction_k, residual_sign)
    return {"outputs": f, "loss": loss, "gradient": gradient, "hvp": hvp, "near_kinks": sigma.near_kinks}


def _flat(per_layer, axis):
    """Concatenate (gW, gb) per layer in contract order along ``axis`` (0: [M]; 1: [K, M])."""
    vs, as_, k = [], [], 0
    for gw, gb in per_layer:
        for t in (gw, gb):
            if t is None:
                continue
            shape = (-1,) if axis == 0 else (t.v.shape[0], -1)
            vs.append(t.v.reshape(shape))
            as_.append(t.a.reshape(shape))
            k = max(k, t.k)
    return Tracked(np.concatenate(vs, axis=axis), np.concatenate(as_, axis=axis), k)


def _tangent(layers, sigma, W, B, a, p, d1, delta, inv_n, n, D, dk, s):
    """H v for each row v of D, by the tangent formulas of the module docs (batched over rows)."""
    depth, K = len(layers), D.shape[0]
    dW, dB, off = [], [], 0
    for w, b in layers:
        dW.append(Tracked.leaf(D[:, off:off + w.size].reshape(K, *w.shape), dk))
        off += w.size
        if b is None:
            dB.append(None)
        else:
            dB.append(Tracked.leaf(D[:, off:off + b.size], dk))
            off += b.size
    d2 = [None] + [sigma.d2(p[l]) for l in range(1, depth)]
    # Forward tangents: da[0] = 0.
    da, dp = [None], [None]
    for l in range(1, depth + 1):
        w = W[l - 1]
        t = contract("nj,dij->dni", a[l - 1], dW[l - 1], w.v.shape[1])
        if da[-1] is not None:
            t = add(contract("dnj,ij->dni", da[-1], w, w.v.shape[1]), t)
        if dB[l - 1] is not None:
            t = add(t, Tracked(dB[l - 1].v[:, None, :], dB[l - 1].a[:, None, :], dB[l - 1].k))
        dp.append(t)
        da.append(mul(d1[l], t) if l < depth else None)
    # Backward tangents.
    ddelta = mul(dp[depth], inv_n)
    out = [None] * (depth + 1)
    for l in range(depth, 0, -1):
        gw = contract("dni,nj->dij", ddelta, a[l - 1], n)
        if da[l - 1] is not None:
            gw = add(gw, scale(contract("ni,dnj->dij", delta[l], da[l - 1], n), s))  # residual term
        gb = total(ddelta, 1) if B[l - 1] is not None else None
        out[l] = (gw, gb)
        if l > 1:
            w, m_l = W[l - 1], W[l - 1].v.shape[0]
            back = add(contract("dni,ij->dnj", ddelta, w, m_l),
                       scale(contract("ni,dij->dnj", delta[l], dW[l - 1], m_l), s))  # residual term
            first = mul(back, d1[l - 1])
            curv = mul(mul(contract("ni,ij->nj", delta[l], w, m_l), d2[l - 1]), dp[l - 1])  # residual term
            ddelta = add(first, scale(curv, s))
    return _flat([out[l] for l in range(1, depth + 1)], axis=1)


def hessian(layers, activation, inputs, targets, residual_sign=1):
    """The Hessian [M, M] (entry [i, k] = (H e_k)_i) as a Tracked array, by forward over reverse
    along the unit vectors (exact seeds, k = 0)."""
    m = num_params(layers)
    hv = mlp(layers, activation, inputs, targets, directions=np.eye(m), direction_k=0,
             residual_sign=residual_sign)["hvp"]
    return Tracked(np.ascontiguousarray(hv.v.T), np.ascontiguousarray(hv.a.T), hv.k)
