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
use crate::scalar::limbs::{Accumulator, Limbs, Packed};
use crate::scalar::{Ring, Q, Z};

/// A vector N/d over one positive denominator d, the numerators N packed in one buffer.
#[derive(Clone, Debug)]
pub(crate) struct ZVec {
    /// Numerators N.
    pub n: Packed,
    /// The common denominator d > 0.
    pub d: Z,
}

impl ZVec {
    /// The empty vector, a placeholder for the layers a pass has no vector for; it is never
    /// read, and its denominator is 0 (which needs no allocation) rather than a valid one.
    pub fn empty() -> ZVec {
        ZVec { n: Packed::default(), d: Z::zero() }
    }

    /// `v` over the lcm of its denominators.
    pub fn from_q(v: &[Q]) -> ZVec {
        let d = Q::lcm_denominators(v).numer_z();
        ZVec { n: numerators_over(v, &d), d }
    }

    /// a ∘ b (entrywise product; the denominators multiply).
    pub fn hadamard(&self, b: &ZVec) -> ZVec {
        let n = each(self.n.len(), self.n.widest() + b.n.widest(), |i, acc| acc.add(self.n.get(i), b.n.get(i)));
        ZVec { n, d: &self.d * &b.d }
    }

    /// a − b over lcm(d_a, d_b) (one gcd of the two denominators).
    pub fn minus(&self, b: &ZVec) -> ZVec {
        let d = self.d.lcm(&b.d);
        let ka = Limbs::of(&d.div_exact(&self.d).expect("lcm"));
        let kb = Limbs::of(&d.div_exact(&b.d).expect("lcm").neg());
        let width = (self.n.widest() + ka.limb_count()).max(b.n.widest() + kb.limb_count()) + 1;
        let n = each(self.n.len(), width, |i, acc| {
            acc.add(self.n.get(i), ka.view());
            acc.add(b.n.get(i), kb.view());
        });
        ZVec { n, d }
    }

    /// N as integers.
    pub fn numerators(&self) -> Vec<Z> {
        self.n.to_z()
    }

    /// N scaled by the integer k (the denominator unchanged): k·N/d.
    pub fn scaled_numerators(&self, k: &Z) -> Vec<Z> {
        self.n.iter().map(|x| x.to_z() * k).collect()
    }

    /// N scaled by the integer k, packed.
    pub fn scaled(&self, k: &Z) -> Packed {
        let k = Limbs::of(k);
        each(self.n.len(), self.n.widest() + k.limb_count(), |i, acc| acc.add(self.n.get(i), k.view()))
    }

    /// N with d appended: the augmented input (f, 1) = (N, d)/d, whose last entry feeds the bias.
    pub fn augmented(&self, bias: bool) -> Vec<Z> {
        let mut n = self.n.to_z();
        if bias {
            n.push(self.d.clone());
        }
        n
    }
}

/// The numerators q·d of `qs` over a common denominator `d` (a multiple of every denominator),
/// packed; in machine words when they fit ([`Q::scale_to_word`]), so most entries allocate nothing.
fn numerators_over(qs: &[Q], d: &Z) -> Packed {
    let mut out = Packed::with_capacity(qs.len(), 1);
    for q in qs {
        match q.scale_to_word(d) {
            Some(v) => out.push_i128(v),
            None => out.push_z(&q.scale_to_z(d)),
        }
    }
    out
}

/// The packed vector of `len` entries, entry i the sum that `term(i, acc)` adds to a cleared
/// accumulator; room is made for entries of about `width` limbs.
fn each(len: usize, width: usize, mut term: impl FnMut(usize, &mut Accumulator)) -> Packed {
    let mut out = Packed::with_capacity(len, width);
    with_scratch(|acc| {
        for i in 0..len {
            acc.clear();
            term(i, acc);
            out.push_sum(acc);
        }
    });
    out
}

thread_local! {
    /// One accumulator per thread, reused by every vector operation so that its buffers are
    /// allocated once, not once per operation.
    static SCRATCH: std::cell::RefCell<Accumulator> = std::cell::RefCell::new(Accumulator::new());
}

/// Runs `f` with this thread's scratch accumulator (a fresh one if it is already in use).
fn with_scratch<R>(f: impl FnOnce(&mut Accumulator) -> R) -> R {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut acc) => f(&mut acc),
        Err(_) => f(&mut Accumulator::new()),
    })
}

/// Layer l as (N_W, N_b)/D_l.
#[derive(Clone, Debug)]
pub(crate) struct ZLayer {
    /// N_W row by row (entry r·cols + j is row r, column j), packed for the matrix–vector
    /// products of the passes and of [`ZLayer::mul_num`] and [`ZLayer::tr_mul_num`].
    w: Packed,
    /// The number of rows of N_W.
    rows: usize,
    /// The number of columns of N_W.
    cols: usize,
    /// N_b, if the layer has a bias.
    b: Option<Packed>,
    /// D_l.
    pub d: Z,
}

impl ZLayer {
    /// Layer `layer` over the lcm D_l of its entries' denominators.
    pub fn from_layer(layer: &Layer<Q>) -> ZLayer {
        let d = Q::lcm_denominators(layer.weight.data().iter().chain(layer.bias.iter().flatten())).numer_z();
        let (rows, cols) = (layer.weight.rows(), layer.weight.cols());
        let w = numerators_over(layer.weight.data(), &d);
        let b = layer.bias.as_ref().map(|b| numerators_over(b, &d));
        ZLayer { w, rows, cols, b, d }
    }

    /// N_W·V for a numerator vector V: W v = (N_W V)/(D_l d_v).
    pub fn mul_num(&self, v: &[Z]) -> Vec<Z> {
        self.product(&Packed::of(v), None).to_z()
    }

    /// N_Wᵀ·V: Wᵀ v = (N_Wᵀ V)/(D_l d_v).
    pub fn tr_mul_num(&self, v: &[Z]) -> Vec<Z> {
        self.tr_product(&Packed::of(v)).to_z()
    }

    /// N_W·V, plus N_b·s when a bias scale s is given.
    fn product(&self, v: &Packed, bias_scale: Option<&Limbs>) -> Packed {
        let width = (v.widest() + 1).max(bias_scale.map_or(0, Limbs::limb_count) + 1) + 1;
        each(self.rows, width, |r, acc| {
            for j in 0..self.cols {
                acc.add(self.w.get(r * self.cols + j), v.get(j));
            }
            if let (Some(b), Some(s)) = (&self.b, bias_scale) {
                acc.add(b.get(r), s.view());
            }
        })
    }

    /// N_Wᵀ·V.
    fn tr_product(&self, v: &Packed) -> Packed {
        each(self.cols, v.widest() + 2, |c, acc| {
            for r in 0..self.rows {
                acc.add(self.w.get(r * self.cols + c), v.get(r));
            }
        })
    }

    /// p = W f + b = (N_W F + N_b d_f)/(D_l d_f).
    pub fn affine(&self, f: &ZVec) -> ZVec {
        ZVec { n: self.product(&f.n, Some(&Limbs::of(&f.d))), d: &self.d * &f.d }
    }

    /// Wᵀ e = (N_Wᵀ E)/(D_l d_e).
    pub fn tr_mul(&self, e: &ZVec) -> ZVec {
        ZVec { n: self.tr_product(&e.n), d: &self.d * &e.d }
    }
}

/// σ and its first two derivatives as integer coefficients over one denominator D_σ.
#[derive(Clone, Debug)]
pub(crate) struct ZPoly {
    /// Coefficients of σ, σ', σ'' times D_σ (trailing zeros removed; empty for 0).
    c: [Vec<Limbs>; 3],
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
        let limbs = |c: &[Z]| c.iter().map(Limbs::of).collect();
        ZPoly { c: [limbs(&c0), limbs(&c1), limbs(&c2)], den }
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
        let d = &self.den * &pow[m];
        // The Horner terms c_k d^{m−k}, once for all entries.
        let terms: Vec<Limbs> = (0..m).map(|k| Limbs::of(&(c[k].view().to_z() * &pow[m - k]))).collect();
        let mut n = Packed::with_capacity(
            p.n.len(),
            m * p.n.widest() + terms.iter().map(Limbs::limb_count).max().unwrap_or(1) + 1,
        );
        let Some(top) = c.last() else {
            for _ in 0..p.n.len() {
                n.push_z(&Z::zero());
            }
            return ZVec { n, d };
        };
        let mut value = Limbs::default();
        with_scratch(|acc| {
            for x in p.n.iter() {
                value.clone_from(top);
                for term in terms.iter().rev() {
                    acc.clear();
                    acc.add(value.view(), x);
                    acc.add_value(term.view());
                    value.set_sum(acc);
                }
                n.push(value.view());
            }
        });
        ZVec { n, d }
    }
}
