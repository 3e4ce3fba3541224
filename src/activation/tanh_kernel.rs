//! tanh and its derivative sech² = 1 − tanh² over a slice of doubles, written so that the
//! compiler vectorises it (no branches, no calls into libm), with a proven error bound.
//!
//! The batched f64 path ([`evaluate_f64`](crate::net::evaluate_f64)) calls this in place of one
//! libm `tanh` per entry; the per-entry paths ([`Real::tanh`](crate::scalar::Real::tanh)) keep libm.
//!
//! **Method.** With y = 2|x| and q = e^{−y}: tanh|x| = (1 − q)/(1 + q) and
//! sech² x = 4q/(1 + q)². To keep 1 − q accurate when y is small, q is carried as
//! q = 2^{−k}(1 + m) with m = e^s − 1 (expm1, not exp), where
//! - k = round(y·log₂e) (added to and subtracted from 1.5·2^52), so k = 0 for y < ln 2/2;
//! - s = k·L_hi − y + k·L_lo = k ln 2 − y up to rounding (Cody–Waite: L_hi is ln 2 to 32 bits,
//!   so k·L_hi is exact, and k·L_hi − y is exact by Sterbenz's lemma; for k = 0, s = −y exactly);
//!   |s| ≤ 0.3466 (ln 2/2 plus the rounding of y·log₂e);
//! - m = s·P(s), P(s) = Σ_{j=0}^{13} s^j/(j+1)! by Horner;
//! - 2^{−k} is built from its exponent bits;
//!
//! and then N = (1 − 2^{−k}) − 2^{−k}m = 1 − q, D = (1 + 2^{−k}) + 2^{−k}m = 1 + q, t = N/D,
//! g = 4·2^{−k}(1 + m)/(D·D). For k = 0, N = −m carries no cancellation at all. y is clamped to
//! 700 (|x| = 350), so k ≤ 1010 and q stays a normal double; past it t rounds to 1, exactly as
//! tanh does, and g is set to 0 (sech² x < 4e^{−700} < 10^{−303}).
//!
//! The sign is copied from x (tanh is odd, sech² even); NaN propagates; ±∞ gives ±1 and 0; a
//! subnormal x gives t = x exactly (m = s = −2|x|, D = 2).
//!
//! **Error bound** (u = 2^{−53}, to first order in u; the dropped terms are below 10^{−14}u).
//! Horner: with H_j = Σ_{i≥j} c_i s^{i−j} the exact tails (c_i = 1/(i+1)!) and ε_j the relative
//! error of the computed h_j = fl(ĉ_j + fl(s·h_{j+1})),
//! ε_j ≤ u + (c_j/H_j)·u_c + ρ_j(ε_{j+1} + u), where u_c = u for a rounded coefficient (0 for 1
//! and 1/2) and ρ_j = |s H_{j+1}|/H_j. On |s| ≤ 0.3466: ρ_0 ≤ 0.183 (H_0 = m/s ∈ [0.845, 1.195]),
//! ρ_1 ≤ 0.117 (H_1 ∈ [0.4478, 0.5627]), and for j ≥ 2 ρ_j ≤ 0.140 and c_j/H_j ≤ 1.14. So
//! ε_j ≤ 2.65u for j ≥ 2, ε_1 ≤ 1.43u, ε_0 ≤ 1.45u, and m̂ = fl(s·h_0) is within 2.45u·|m|
//! (the series tail adds < 0.003u). The rounding of s (|Δs| ≤ 0.347u for k ≥ 1, none for
//! k = 0) moves m by at most e^s·|Δs|. Then:
//! - q̂ = 2^{−k}·fl(1 + m̂) (the scaling is exact): 2.45u·|m|/e^s + |Δs| + u ≤ 1.02u + 0.35u + u
//!   = **2.37u**.
//! - k = 0: N̂ = −m̂ exactly, within 2.45u; D̂ = fl(2 + m̂) within (0.293/1.707)·2.45u + u = 1.43u.
//! - k ≥ 1 (1 ± 2^{−k} exact for k ≤ 52, 2^{−k}m̂ exact): the absolute error of 2^{−k}m̂ is at
//!   most 2^{−k}(2.45u|m| + e^s|Δs|) ≤ ½(2.45·0.4142 + 1.4143·0.347)u = 0.752u, largest at
//!   k = 1, where N ≥ 1 − e^{−ln2/2} = 0.2929 and D ≥ 1.35: N̂ within 0.752/0.2929 u + u = 3.57u,
//!   D̂ within 1.56u. For k ≥ 53, q < 1.42u, D̂ = 1 and N̂ ∈ {1, 1 − u}: both within 1.42u.
//! - t̂ = fl(N̂/D̂): at most 3.57u + 1.56u + u = **6.13u**.
//! - ĝ = fl(4q̂/fl(D̂·D̂)): at most 2.37u + (2·1.56u + u) + u = **7.49u**.
//!
//! So |t̂ − tanh x| ≤ 7u·|tanh x| and |ĝ − sech² x| ≤ 8u·sech² x for |x| ≤ 350. The test
//! `activation_tanh_kernel` checks both bounds against exact rational enclosures of tanh and
//! sech², and the kernel against libm's tanh.

/// A bound, in units of u = 2^{−53}, on the relative error of each value of
/// [`tanh_with_slope`] (module docs: at most 6.13 for tanh, 7.49 for sech²).
pub const TANH_KERNEL_ULPS: usize = 8;

/// c_j = 1/(j+1)! rounded to nearest (the factorials are exact in f64, so each quotient is
/// rounded once), the coefficients of expm1(s)/s.
const EXPM1_COEFFS: [f64; 14] = [
    1.0,
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5040.0,
    1.0 / 40320.0,
    1.0 / 362880.0,
    1.0 / 3628800.0,
    1.0 / 39916800.0,
    1.0 / 479001600.0,
    1.0 / 6227020800.0,
    1.0 / 87178291200.0,
];
/// ln 2 to 32 significant bits (0x1.62e42feep−1), so k·L_HI is exact for k < 2²¹.
const LN2_HI: f64 = 0.6931471803691238;
/// ln 2 − L_HI rounded to nearest (the remainder is below 1.2·10^{−26}).
const LN2_LO: f64 = 1.9082149292705877e-10;
/// 1.5·2^52: adding it to a number in [0, 2^51) rounds that number to an integer, which the low
/// bits of the sum then hold.
const ROUND_SHIFT: f64 = 6755399441055744.0;
/// y = 2|x| is clamped here (|x| = 350), where q = e^{−y} is still a normal double.
const Y_MAX: f64 = 700.0;

/// `if mask { a } else { b }` for a mask of all ones or all zeros, on the bits: written this
/// way the loop vectorises (an `if` on floats here keeps it scalar).
#[inline(always)]
fn select(mask: u64, a: f64, b: f64) -> f64 {
    f64::from_bits((a.to_bits() & mask) | (b.to_bits() & !mask))
}

/// tanh x and sech² x for one x (module docs); inlined into the slice loop.
#[inline(always)]
fn tanh_sech2(x: f64) -> (f64, f64) {
    let y = x.abs() * 2.0;
    let big = 0u64.wrapping_sub(u64::from(y > Y_MAX));
    let y = select(big, Y_MAX, y);
    let shifted = y * std::f64::consts::LOG2_E + ROUND_SHIFT;
    let k = shifted - ROUND_SHIFT;
    let k_bits = shifted.to_bits().wrapping_sub(ROUND_SHIFT.to_bits());
    let scale = f64::from_bits(1023u64.wrapping_sub(k_bits) << 52);
    let s = (k * LN2_HI - y) + k * LN2_LO;
    let mut h = EXPM1_COEFFS[13];
    for c in EXPM1_COEFFS[..13].iter().rev() {
        h = h * s + c;
    }
    let m = s * h;
    let scaled_m = scale * m;
    let num = (1.0 - scale) - scaled_m;
    let den = (1.0 + scale) + scaled_m;
    let q = scale * (1.0 + m);
    let t = num / den;
    let g = select(big, 0.0, (4.0 * q) / (den * den));
    (t.copysign(x), g)
}

/// tanh x and sech² x for one x: the operations of [`tanh_with_slope`] in the same order, so
/// within the same bound (module docs); for the interval enclosures of
/// [`enclose_jet`](super::enclose_jet).
pub(crate) fn tanh_and_sech2(x: f64) -> (f64, f64) {
    tanh_sech2(x)
}

/// Overwrites each entry x of `values` with tanh x and writes sech² x = tanh'(x) to the same
/// place in `slopes`, each within [`TANH_KERNEL_ULPS`] units of 2^{−53} relative error (module
/// docs give the derivation).
///
/// The loop is compiled twice, for the baseline instruction set and for AVX2, and `pulp` picks
/// one at run time. Both do the same IEEE operations in the same order (Rust never fuses a
/// multiply and an add), so the results are the same bits on every machine.
///
/// # Panics
/// If the slices have different lengths.
pub fn tanh_with_slope(values: &mut [f64], slopes: &mut [f64]) {
    assert_eq!(values.len(), slopes.len(), "tanh_with_slope: one slope per value");
    pulp::Arch::new().dispatch(Kernel { values, slopes });
}

/// The slice loop of [`tanh_with_slope`], as a `pulp` operation so that it is inlined into (and
/// vectorised for) each instruction set.
struct Kernel<'a> {
    values: &'a mut [f64],
    slopes: &'a mut [f64],
}

impl pulp::WithSimd for Kernel<'_> {
    type Output = ();
    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) {
        for (v, g) in self.values.iter_mut().zip(self.slopes.iter_mut()) {
            let (t, d) = tanh_sech2(*v);
            *v = t;
            *g = d;
        }
    }
}
