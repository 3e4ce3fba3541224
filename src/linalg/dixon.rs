//! Dixon's p-adic lifting (J. D. Dixon, *Exact solution of linear equations using p-adic
//! expansions*, Numer. Math. 40 (1982) 137–141): the rational solution X of a nonsingular integer
//! system Â·X = B̂ (Â r × r, B̂ r × m) from ONE factorisation of Â modulo a prime p.
//!
//! **Invariant.** After K steps, X_K = Σ_{k<K} x_k p^k and the residual
//! R_K = (B̂ − Â·X_K)/p^K are integer matrices; equivalently Â·X_K ≡ B̂ (mod p^K).
//! *Proof* (induction on K). K = 0: X_0 = 0, R_0 = B̂. Step: x_K ≡ Â⁻¹R_K (mod p), in symmetric
//! residues (|x_K| < p/2), so R_K − Â·x_K ≡ 0 (mod p) and R_{K+1} = (R_K − Â·x_K)/p is an
//! integer matrix; and B̂ − Â·X_{K+1} = (B̂ − Â·X_K) − p^K Â·x_K = p^K (R_K − Â·x_K)
//! = p^{K+1} R_{K+1}. ∎
//!
//! **Cost.** |R_{K+1}| ≤ |R_K|/p + r·‖Â‖/2 entrywise (‖Â‖ the largest |entry|), so the residual
//! never grows beyond max(‖B̂‖, r‖Â‖): a step is two triangular solves mod p per column (the LU
//! of Â mod p is computed once, [`LuMod`]) and r²m products of an entry of Â by a word. Those
//! products run in machine arithmetic on the base-2³¹ digits of Â (Â = Σ_l 2^{31l} Â_l with
//! |Â_l| < 2³¹, [`Z::signed_digits`]): Σ_t Â_l\[i,t\]·x_K\[t,j\] is below r·2³¹·2⁶¹ < 2¹²⁷ in
//! absolute value for r < 2³⁴, so it is exact in i128.
//!
//! **Reconstruction.** When Â is nonsingular mod p, the solution X = Â⁻¹B̂ has denominators
//! dividing det Â, which p does not divide, and Â(X − X_K) ≡ 0 (mod p^K) gives X ≡ X_K
//! (mod p^K) entrywise; rational reconstruction ([`Z::rational_reconstruction`]) then recovers an
//! entry n/d once p^K > 2·max(|n|, d)² (von zur Gathen and Gerhard, *Modern Computer Algebra*,
//! Theorem 5.26). Nothing relies on this for correctness: a reconstruction is only a proposal,
//! and [`solve_rational`] returns it only when the caller's exact check accepts it.

use super::multimodular::{primes, LuMod};
use crate::scalar::{Q, Z};

/// Bits per digit of Â in the machine-arithmetic products (module docs, *Cost*).
const DIGIT_BITS: u32 = 31;

/// The state of Dixon's lifting after K steps (module docs): X_K, R_K and p^K.
pub struct DixonLift {
    p: u64,
    r: usize,
    m: usize,
    lu: LuMod,
    /// Base-2³¹ digits of Â: entry (i, t) has digits `digits[(i·r + t)·width ..][..width]`.
    digits: Vec<i32>,
    width: usize,
    /// R_K, row-major r × m.
    residual: Vec<Z>,
    /// X_K, row-major r × m.
    x: Vec<Z>,
    /// p^K.
    modulus: Z,
    steps: usize,
}

impl DixonLift {
    /// The lifting of Â·X = B̂ (`a` row-major r × r, `b` row-major r × m) modulo the odd prime
    /// p < 2⁶², at K = 0; `None` when Â is singular mod p.
    ///
    /// # Panics
    /// If the lengths are not r² and r·m, if r ≥ 2³⁰, or if p is even or not below 2⁶².
    pub fn new(a: &[Z], b: &[Z], r: usize, m: usize, p: u64) -> Option<DixonLift> {
        assert!(a.len() == r * r && b.len() == r * m, "DixonLift::new: shapes");
        assert!(r < 1 << 30, "DixonLift::new: the i128 digit sums need r < 2³⁰");
        let lu = LuMod::factor(
            &(0..r).map(|i| a[i * r..(i + 1) * r].iter().map(|v| v.residue(p)).collect()).collect::<Vec<_>>(),
            p,
        )?;
        let split: Vec<Vec<i64>> = a.iter().map(|v| v.signed_digits(DIGIT_BITS)).collect();
        let width = split.iter().map(Vec::len).max().unwrap_or(0);
        let mut digits = vec![0; r * r * width];
        for (k, d) in split.iter().enumerate() {
            for (slot, &v) in digits[k * width..].iter_mut().zip(d) {
                *slot = i32::try_from(v).expect("a base-2³¹ digit fits in i32");
            }
        }
        Some(DixonLift {
            p,
            r,
            m,
            lu,
            digits,
            width,
            residual: b.to_vec(),
            x: vec![Z::zero(); r * m],
            modulus: Z::one(),
            steps: 0,
        })
    }

    /// One lifting step K → K + 1 (module docs, *Invariant*).
    pub fn step(&mut self) {
        let (r, m, p, w) = (self.r, self.m, self.p, self.width);
        // x_K = Â⁻¹ R_K mod p, column by column, in symmetric residues; stored column-major.
        let mut xk = vec![0i64; r * m];
        for j in 0..m {
            let rhs: Vec<u64> = (0..r).map(|t| self.residual[t * m + j].residue(p)).collect();
            for (t, v) in self.lu.solve(&rhs).into_iter().enumerate() {
                xk[j * r + t] = if v > p / 2 { v as i64 - p as i64 } else { v as i64 };
            }
        }
        // R_{K+1} = (R_K − Â·x_K)/p, with Â·x_K summed digit by digit in i128.
        let mut acc = vec![0i128; m * w];
        for i in 0..r {
            acc.iter_mut().for_each(|c| *c = 0);
            for t in 0..r {
                let entry = &self.digits[(i * r + t) * w..(i * r + t + 1) * w];
                for j in 0..m {
                    let xv = i128::from(xk[j * r + t]);
                    if xv != 0 {
                        for (c, &d) in acc[j * w..(j + 1) * w].iter_mut().zip(entry) {
                            *c += i128::from(d) * xv;
                        }
                    }
                }
            }
            for j in 0..m {
                let product = Z::from_scaled_sum(&acc[j * w..(j + 1) * w], DIGIT_BITS);
                let diff = &self.residual[i * m + j] - &product;
                self.residual[i * m + j] =
                    diff.div_exact(&Z::from_u64(p)).expect("R_K − Â·x_K ≡ 0 (mod p) by the choice of x_K");
            }
        }
        // X_{K+1} = X_K + p^K x_K.
        for i in 0..r {
            for j in 0..m {
                let v = xk[j * r + i];
                if v != 0 {
                    self.x[i * m + j] += &(&self.modulus * &Z::from_i64(v));
                }
            }
        }
        self.modulus = &self.modulus * &Z::from_u64(p);
        self.steps += 1;
    }

    /// K, the number of steps taken.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// p^K.
    pub fn modulus(&self) -> &Z {
        &self.modulus
    }

    /// X_K (row-major r × m): Â·X_K ≡ B̂ (mod p^K).
    pub fn approximation(&self) -> &[Z] {
        &self.x
    }

    /// R_K = (B̂ − Â·X_K)/p^K (row-major r × m).
    pub fn residual(&self) -> &[Z] {
        &self.residual
    }
}

/// The rational reconstruction of every entry of `x` (row-major, `m` columns) modulo
/// `modulus`, or `None` when one entry has none ([`Z::rational_reconstruction`]). The first
/// entry not ≡ 0 is tried first, so that a modulus still too small usually costs one
/// reconstruction. A shortcut spares most extended Euclidean runs when a column's entries share
/// a denominator (as a null vector's do): with d the denominator last reconstructed in the
/// column, if v = d·x mod M (symmetric) has |v|, d ≤ N = ⌊√(M/2)⌋, then v/d ≡ x (mod M) (p ∤ d:
/// d is a reconstructed denominator), and two fractions a/b ≡ c/e (mod M) with
/// |a|, |c|, b, e ≤ N satisfy |ae − bc| ≤ 2N² < M (M odd), so ae = bc: v/d is the fraction the
/// reconstruction would return.
pub fn reconstruct(x: &[Z], m: usize, modulus: &Z) -> Option<Vec<Q>> {
    let bound = Z::reconstruction_bound(modulus);
    let mut den = vec![Z::one(); m];
    if let Some(k) = x.iter().position(|v| !v.symmetric_mod(modulus).is_zero()) {
        den[k % m] = x[k].rational_reconstruction(modulus)?.1;
    }
    x.iter()
        .enumerate()
        .map(|(k, v)| {
            let d = &mut den[k % m];
            let scaled = (v * &*d).symmetric_mod(modulus);
            if scaled.abs() <= bound && *d <= bound {
                return Some(Q::from_z_ratio(&scaled, d));
            }
            let (num, e) = v.rational_reconstruction(modulus)?;
            let q = Q::from_z_ratio(&num, &e);
            *d = e;
            Some(q)
        })
        .collect()
}

/// The solution of Â·X = B̂ (`a` row-major r × r, `b` row-major r × m, Â nonsingular) that
/// `accept` accepts: lifts modulo the first prime below 2⁶² for which Â is nonsingular (of the
/// first three), reconstructs after every step ([`reconstruct`]) and returns the first
/// candidate that `accept` returns `true` on (a candidate it rejected is not offered again).
/// `None` when none is accepted within `max_steps` steps, or when Â is singular modulo the
/// three primes. Candidates are row-major r × m.
pub fn solve_rational(
    a: &[Z],
    b: &[Z],
    r: usize,
    m: usize,
    max_steps: usize,
    mut accept: impl FnMut(&[Q]) -> bool,
) -> Option<Vec<Q>> {
    let mut lift = primes().take(3).find_map(|p| DixonLift::new(a, b, r, m, p))?;
    let mut rejected: Option<Vec<Q>> = None;
    while lift.steps() < max_steps {
        lift.step();
        let Some(candidate) = reconstruct(lift.approximation(), m, lift.modulus()) else { continue };
        if rejected.as_ref() == Some(&candidate) {
            continue; // the same wrong candidate: more steps are needed
        }
        if accept(&candidate) {
            return Some(candidate);
        }
        rejected = Some(candidate);
    }
    None
}

#[cfg(test)]
mod tests;
