//! Fraction-free forms of a polynomial network: rationals written as integer vectors over one
//! common denominator, so that the passes of the fraction-free gradient
//! ([`super::evaluate_polynomial`]) and Hessian (`hessian::hessian_polynomial`) run on integers
//! with no gcd.
//!
//! A vector v ∈ Qᵏ is kept as (N, d) with N ∈ Zᵏ, d ∈ Z, d > 0 and v = N/d. Layer l is
//! (W^\[l\], b^\[l\]) = (N_W, N_b)/D_l with D_l the lcm of its entries' denominators; σ(x) = Σ c_k x^k
//! with c_k = C_k/D_σ. At p = P/d, σ^(r)(p) = (Σ_k k(k−1)⋯(k−r+1) C_k P^{k−r} d^{m_r−(k−r)}) /
//! (D_σ d^{m_r}) with m_r the degree of σ^(r): the homogenised Horner sum [`ZPoly::eval`].

use super::Layer;
use crate::activation::Polynomial;
use crate::scalar::limbs::{Accumulator, Limbs};
use crate::scalar::{Q, Z};

/// A vector N/d over one positive denominator d.
#[derive(Clone, Debug)]
pub(crate) struct ZVec {
    /// Numerators N.
    pub n: Vec<Z>,
    /// The common denominator d > 0.
    pub d: Z,
}

impl ZVec {
    /// `v` over the lcm of its denominators.
    pub fn from_q(v: &[Q]) -> ZVec {
        let d = Q::lcm_denominators(v).numer_z();
        let n = v.iter().map(|q| q.numer_z() * &d.div_exact(&q.denom_z()).expect("lcm")).collect();
        ZVec { n, d }
    }

    /// a ∘ b (entrywise product; the denominators multiply).
    pub fn hadamard(&self, b: &ZVec) -> ZVec {
        ZVec { n: self.n.iter().zip(&b.n).map(|(x, y)| x * y).collect(), d: &self.d * &b.d }
    }

    /// a + b over lcm(d_a, d_b) (one gcd of the two denominators).
    pub fn plus(&self, b: &ZVec) -> ZVec {
        let d = self.d.lcm(&b.d);
        let (ka, kb) = (d.div_exact(&self.d).expect("lcm"), d.div_exact(&b.d).expect("lcm"));
        ZVec { n: self.n.iter().zip(&b.n).map(|(x, y)| x * &ka + y * &kb).collect(), d }
    }

    /// −self.
    pub fn neg(&self) -> ZVec {
        ZVec { n: self.n.iter().map(|x| -x.clone()).collect(), d: self.d.clone() }
    }

    /// N scaled by the integer k (the denominator unchanged): k·N/d.
    pub fn scaled_numerators(&self, k: &Z) -> Vec<Z> {
        self.n.iter().map(|x| x * k).collect()
    }

    /// N with d appended: the augmented input (f, 1) = (N, d)/d, whose last entry feeds the bias.
    pub fn augmented(&self, bias: bool) -> Vec<Z> {
        let mut n = self.n.clone();
        if bias {
            n.push(self.d.clone());
        }
        n
    }
}

/// Layer l as (N_W, N_b)/D_l.
#[derive(Clone, Debug)]
pub(crate) struct ZLayer {
    /// N_W row by row, as limbs for the products of [`ZLayer::mul_num`] and
    /// [`ZLayer::tr_mul_num`].
    w: Vec<Vec<Limbs>>,
    /// N_b, if the layer has a bias.
    pub b: Option<Vec<Z>>,
    /// D_l.
    pub d: Z,
}

impl ZLayer {
    /// Layer `layer` over the lcm D_l of its entries' denominators.
    pub fn from_layer(layer: &Layer<Q>) -> ZLayer {
        let mut all: Vec<Q> = layer.weight.data().to_vec();
        all.extend(layer.bias.iter().flatten().cloned());
        let d = Q::lcm_denominators(&all).numer_z();
        let num = |q: &Q| q.numer_z() * &d.div_exact(&q.denom_z()).expect("lcm");
        let (r, c) = (layer.weight.rows(), layer.weight.cols());
        let w = (0..r).map(|i| (0..c).map(|j| Limbs::of(&num(layer.weight.get(i, j)))).collect()).collect();
        ZLayer { w, b: layer.bias.as_ref().map(|b| b.iter().map(num).collect()), d }
    }

    /// N_W·V for a numerator vector V (zeros skipped): W v = (N_W V)/(D_l d_v).
    pub fn mul_num(&self, v: &[Z]) -> Vec<Z> {
        let v = Limbs::of_all(v);
        let mut acc = Accumulator::new();
        self.w
            .iter()
            .map(|row| {
                acc.clear();
                for (a, x) in row.iter().zip(&v) {
                    acc.add_product(a, x);
                }
                acc.value()
            })
            .collect()
    }

    /// N_Wᵀ·V: Wᵀ v = (N_Wᵀ V)/(D_l d_v).
    pub fn tr_mul_num(&self, v: &[Z]) -> Vec<Z> {
        let mut out = vec![Accumulator::new(); self.w.first().map_or(0, Vec::len)];
        for (row, x) in self.w.iter().zip(v) {
            if x.is_zero() {
                continue;
            }
            let x = Limbs::of(x);
            for (o, a) in out.iter_mut().zip(row) {
                o.add_product(a, &x);
            }
        }
        out.iter().map(Accumulator::value).collect()
    }

    /// p = W f + b = (N_W F + N_b d_f)/(D_l d_f).
    pub fn affine(&self, f: &ZVec) -> ZVec {
        let mut n = self.mul_num(&f.n);
        if let Some(b) = &self.b {
            for (ni, bi) in n.iter_mut().zip(b) {
                *ni += &(bi * &f.d);
            }
        }
        ZVec { n, d: &self.d * &f.d }
    }
}

/// σ and its first two derivatives as integer coefficients over one denominator D_σ.
#[derive(Clone, Debug)]
pub(crate) struct ZPoly {
    /// Coefficients of σ, σ', σ'' times D_σ (trailing zeros removed; empty for 0).
    c: [Vec<Z>; 3],
    /// D_σ.
    den: Z,
}

impl ZPoly {
    /// σ = `p` and its first two derivatives over the lcm D_σ of σ's coefficient denominators.
    pub fn new(p: &Polynomial) -> ZPoly {
        let coeffs = p.coefficients();
        let den = Q::lcm_denominators(coeffs).numer_z();
        let mut c0: Vec<Z> = coeffs.iter().map(|q| q.numer_z() * &den.div_exact(&q.denom_z()).expect("lcm")).collect();
        while c0.last().is_some_and(Z::is_zero) {
            c0.pop();
        }
        let deriv =
            |c: &[Z]| -> Vec<Z> { c.iter().enumerate().skip(1).map(|(k, ck)| ck * &Z::from_u64(k as u64)).collect() };
        let c1 = deriv(&c0);
        let c2 = deriv(&c1);
        ZPoly { c: [c0, c1, c2], den }
    }

    /// σ^(r)(p) entrywise for r = 0, 1, 2, as N/(D_σ d_p^{m_r}).
    pub fn eval(&self, r: usize, p: &ZVec) -> ZVec {
        let c = &self.c[r];
        let m = c.len().saturating_sub(1);
        let mut pow = vec![Z::one()];
        for k in 1..=m {
            let next = &pow[k - 1] * &p.d;
            pow.push(next);
        }
        let n =
            p.n.iter()
                .map(|x| {
                    let Some(top) = c.last() else { return Z::zero() };
                    let mut acc = top.clone();
                    for k in (0..m).rev() {
                        acc = acc * x + &c[k] * &pow[m - k];
                    }
                    acc
                })
                .collect();
        ZVec { n, d: &self.den * &pow[m] }
    }
}
