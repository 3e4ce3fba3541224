//! A rigorous enclosure of ∇R_S(θ) in f64 interval arithmetic, batched: [`enclose_gradient`].
//!
//! **What is proved.** The input is θ and the data as intervals ([`Interval::from_q`] of the
//! exact rationals of the files: the rational itself when it is a double, else the two doubles
//! adjacent to it). The same mathematics as [`evaluate_f64`](super::evaluate_f64) (samples as the
//! rows of matrices, width-depth spec §1) is carried out on intervals, every operation rounded
//! outward, so each output interval contains the exact value for *every* θ and data inside the
//! input intervals — in particular for the exact point of the files. Hence, entry by entry, the
//! exact ∂R_S/∂θ_k lies in [lo_k, hi_k], and
//! - if 0 ∉ [lo_k, hi_k] for some k, the exact point is **not critical** (a proof, naming k);
//! - if 0 ∈ [lo_k, hi_k] for every k, the point is **critical within tolerance**: every exact
//!   gradient entry has |g_k| ≤ max(|lo_k|, |hi_k|). An exact critical point always passes; a
//!   point whose gradient is nonzero but that small passes too, so this is not a proof of
//!   criticality;
//! - otherwise **undecided**: an enclosure is not finite (overflow, or an undefined operation
//!   such as ∞ − ∞), a rational σ's denominator enclosure contains 0 (σ may have a pole), or a
//!   pre-activation enclosure of ReLU/leaky ReLU contains the kink (R_S need not be
//!   differentiable there; the exact path decides kinks).
//!
//! **Elementwise operations** (bias, σ and σ' through [`enclose_jet`](crate::activation::enclose_jet), the residual F − Y, the
//! products E ∘ σ', sums over samples, 1/n) use the outward-rounded scalar operations of
//! [`Interval`] ([`crate::scalar::round`]).
//!
//! **Matrix products** use the midpoint-radius form (Rump, "Fast and parallel interval
//! arithmetic", BIT 39, 1999), so the products run through the same `f64` matrix multiplication
//! as the float path. An interval matrix is ⟨M, R⟩ = {A : |A − M| ≤ R}. For A ∈ ⟨A_m, A_r⟩ and
//! B ∈ ⟨B_m, B_r⟩ (inner dimension k), AB − A_m B_m = (A − A_m)B + A_m(B − B_m), so
//! |AB − A_m B_m| ≤ A_r(|B_m| + B_r) + |A_m| B_r. The computed C = fl(A_m B_m) satisfies
//! |C − A_m B_m| ≤ γ_k |A_m||B_m| + k·2^{−1075}(1 + γ_k) (Higham, *Accuracy and Stability*,
//! §3.1 and §2.1's underflow model: a dot product of length k in **any** order of summation, with
//! or without fused multiply-adds, has each term rounded at most k times and each rounding adds at
//! most 2^{−1075} when it underflows). With B_s = ↑(g|B_m| + B_r), g = ↑γ_{k+2} ≥ γ_k, and
//! B_t = ↑(|B_m| + B_r) (↑: rounded up),
//! |AB − C| ≤ |A_m| B_s + A_r B_t + k·2^{−1074}, exact products of nonnegative matrices. Their
//! computed values S = fl(|A_m| B_s), T = fl(A_r B_t) are sums of nonnegative terms, so
//! exact ≤ (fl + k·2^{−1075})/(1 − γ_k), and
//! R = ↑(↑(↑(S + T) + η)·↑(1 + 2g) + η), η = k·2^{−1074}, bounds |AB − C| (1/(1 − γ) ≤ 1 + 2γ for
//! γ ≤ ½). The product is then [↓(C − R), ↑(C + R)]. The bound assumes only that the matrix
//! product computes each entry as a sum of its k products with IEEE binary64 round-to-nearest
//! operations, in any order (matrixmultiply's kernels, with or without FMA, do; x87 extended
//! precision is not used on any target Rust builds this for by default). Three products per
//! interval product (two when A is a point matrix): W3's enclosure costs about three float
//! gradients plus the elementwise work.
//!
//! The per-sample generic path gives a second, independent enclosure:
//! [`evaluate`](super::evaluate) over [`Interval`] with σ as [`Enclosing`](crate::activation::Enclosing)
//! (slower; the tests check both against the exact gradient over Q).

use super::{EvalError, ParamSite, Params, Site};
use crate::activation::{enclose_value_slope, Activation};
use crate::data::Dataset;
use crate::loss::{enclose_loss, Loss, Objective};
use crate::scalar::round::{add_down, add_up, gamma_up, max, mul_up, sub_down, sub_up};
use crate::scalar::{Interval, Ring};
use ndarray::linalg::general_mat_mul;
use ndarray::{Array2, ArrayView2, Axis, Zip};
use std::fmt;

/// The enclosure of ∇R_S at a point and what it proves (module docs).
#[derive(Clone, Debug, PartialEq)]
pub struct GradientEnclosure {
    /// An enclosure of R_S(θ) (NaN after a pole enclosure).
    pub loss: Interval,
    /// Enclosures of the entries of ∇_θ R_S, shaped like θ; `None` when the evaluation stopped at
    /// a denominator enclosure that contains 0.
    pub gradient: Option<Params<Interval>>,
    /// Hidden neurons whose pre-activation enclosure contains the kink of a piecewise-linear σ.
    pub possible_kinks: Vec<Site>,
    /// What the enclosure proves.
    pub verdict: Verdict,
}

/// What a [`GradientEnclosure`] proves about criticality.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// 0 lies outside the enclosure of some gradient entry: the exact point is not critical.
    NotCritical {
        /// The entry whose enclosure is farthest from 0 (largest lower bound of |g_k|).
        site: ParamSite,
        /// Its enclosure.
        enclosure: Interval,
        /// How many entries have an enclosure that excludes 0.
        nonzero: usize,
        /// M, the number of entries.
        entries: usize,
    },
    /// Every enclosure contains 0: |g_k| ≤ `bound` for every exact gradient entry.
    CriticalWithinTolerance {
        /// max_k max(|lo_k|, |hi_k|).
        bound: f64,
        /// An upper bound of max_k (hi_k − lo_k)/2.
        half_width: f64,
        /// M, the number of entries.
        entries: usize,
    },
    /// Neither can be said.
    Undecided(Undecided),
}

/// Why a [`Verdict`] is undecided.
#[derive(Clone, Debug, PartialEq)]
pub enum Undecided {
    /// The enclosure of a rational σ's denominator at this pre-activation contains 0.
    Pole(Site),
    /// `count` pre-activation enclosures of a piecewise-linear σ contain its kink; the first is `site`.
    Kink {
        /// The first such place.
        site: Site,
        /// How many.
        count: usize,
    },
    /// The enclosure of this gradient entry is not finite.
    NotFinite(ParamSite),
}

impl Verdict {
    /// `Some(true)` for critical within tolerance, `Some(false)` for proved not critical, `None`
    /// when undecided.
    pub fn critical(&self) -> Option<bool> {
        match self {
            Verdict::NotCritical { .. } => Some(false),
            Verdict::CriticalWithinTolerance { .. } => Some(true),
            Verdict::Undecided(_) => None,
        }
    }
    /// A short name: `not_critical`, `critical_within_tolerance` or `undecided`.
    pub fn name(&self) -> &'static str {
        match self {
            Verdict::NotCritical { .. } => "not_critical",
            Verdict::CriticalWithinTolerance { .. } => "critical_within_tolerance",
            Verdict::Undecided(_) => "undecided",
        }
    }
}

/// One line for reports, starting with the answer (`no`, `yes` or `undecided`) and saying what
/// is proved.
impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::NotCritical { site, enclosure, nonzero, entries } => write!(
                f,
                "no (proved by f64 interval arithmetic: the exact gradient entry {site} lies in {enclosure}, which excludes 0; {nonzero} of {entries} entries are proved nonzero)"
            ),
            Verdict::CriticalWithinTolerance { bound, half_width, entries } => write!(
                f,
                "yes, within tolerance {bound:e} (f64 interval arithmetic: each of the {entries} gradient entries of the exact point lies in an interval of half-width <= {half_width:e} that contains 0, so |g_k| <= {bound:e}; an exact critical point always passes, and so does a point whose gradient is that small: not a proof of criticality)"
            ),
            Verdict::Undecided(Undecided::Pole(site)) => write!(
                f,
                "undecided (the enclosure of the denominator of σ at {site} contains 0: σ may have a pole there; the exact path, `eval` without --float, decides)"
            ),
            Verdict::Undecided(Undecided::Kink { site, count }) => write!(
                f,
                "undecided ({count} pre-activation enclosure(s) contain the kink of σ, the first at {site}: the point may sit on the kink, where R_S need not be differentiable; the exact path, `eval` without --float, decides kinks)"
            ),
            Verdict::Undecided(Undecided::NotFinite(site)) => write!(
                f,
                "undecided (the enclosure of the gradient entry {site} is not finite: overflow or an undefined operation in f64)"
            ),
        }
    }
}

/// An interval matrix by its lower and upper ends.
struct Bounds {
    lo: Array2<f64>,
    hi: Array2<f64>,
}

/// An interval matrix by midpoint and radius (module docs); `point` when every radius is 0.
struct MidRad {
    mid: Array2<f64>,
    rad: Array2<f64>,
    point: bool,
}

impl Bounds {
    fn zeros(rows: usize, cols: usize) -> Bounds {
        Bounds { lo: Array2::zeros((rows, cols)), hi: Array2::zeros((rows, cols)) }
    }
    /// Rows of intervals (each row of length `cols`).
    fn from_rows<'a>(rows: impl ExactSizeIterator<Item = &'a [Interval]>, cols: usize) -> Bounds {
        let mut b = Bounds::zeros(rows.len(), cols);
        for (i, row) in rows.enumerate() {
            for (j, v) in row.iter().enumerate() {
                b.lo[[i, j]] = v.lo();
                b.hi[[i, j]] = v.hi();
            }
        }
        b
    }
    fn get(&self, i: usize, j: usize) -> Interval {
        Interval::new(self.lo[[i, j]], self.hi[[i, j]])
    }
    fn set(&mut self, i: usize, j: usize, v: Interval) {
        self.lo[[i, j]] = v.lo();
        self.hi[[i, j]] = v.hi();
    }
    /// ⟨M, R⟩ ⊇ [lo, hi]: M near the middle, R = ↑max(M − lo, hi − M).
    fn mid_rad(&self) -> MidRad {
        let mid = Zip::from(&self.lo).and(&self.hi).map_collect(|&l, &h| if l == h { l } else { 0.5 * l + 0.5 * h });
        let rad = Zip::from(&self.lo).and(&self.hi).and(&mid).map_collect(|&l, &h, &m| {
            if l == h {
                0.0
            } else {
                max(sub_up(m, l), sub_up(h, m))
            }
        });
        let point = rad.iter().all(|&r| r == 0.0);
        MidRad { mid, rad, point }
    }
}

/// One factor of [`product`]: midpoint, radius and whether the radius is 0.
type Factor<'a> = (ArrayView2<'a, f64>, ArrayView2<'a, f64>, bool);

impl MidRad {
    fn view(&self) -> Factor<'_> {
        (self.mid.view(), self.rad.view(), self.point)
    }
    fn t(&self) -> Factor<'_> {
        (self.mid.t(), self.rad.t(), self.point)
    }
}

/// fl(A·B) into a fresh zero matrix.
fn mat_mul(a: &ArrayView2<'_, f64>, b: &ArrayView2<'_, f64>) -> Array2<f64> {
    let mut c = Array2::zeros((a.nrows(), b.ncols()));
    general_mat_mul(1.0, a, b, 0.0, &mut c);
    c
}

/// An enclosure of {AB : A ∈ a, B ∈ b} (module docs, midpoint-radius product).
fn product(a: Factor<'_>, b: Factor<'_>) -> Bounds {
    let (a_mid, a_rad, a_point) = a;
    let (b_mid, b_rad, _) = b;
    let k = a_mid.ncols();
    let g = gamma_up(k + 2);
    let c = mat_mul(&a_mid, &b_mid);
    let abs_a = a_mid.mapv(f64::abs);
    let b_s = Zip::from(&b_mid).and(&b_rad).map_collect(|&m, &r| add_up(mul_up(g, m.abs()), r));
    let s = mat_mul(&abs_a.view(), &b_s.view());
    let t = (!a_point).then(|| {
        let b_t = Zip::from(&b_mid).and(&b_rad).map_collect(|&m, &r| add_up(m.abs(), r));
        mat_mul(&a_rad, &b_t.view())
    });
    let eta = k as f64 * f64::from_bits(1);
    let factor = add_up(1.0, mul_up(2.0, g));
    let radius = |s: f64, t: f64| add_up(mul_up(add_up(add_up(s, t), eta), factor), eta);
    let mut out = Bounds::zeros(c.nrows(), c.ncols());
    match t {
        Some(t) => Zip::from(&mut out.lo).and(&mut out.hi).and(&c).and(&s).and(&t).for_each(|lo, hi, &c, &s, &t| {
            let r = radius(s, t);
            *lo = sub_down(c, r);
            *hi = add_up(c, r);
        }),
        None => Zip::from(&mut out.lo).and(&mut out.hi).and(&c).and(&s).for_each(|lo, hi, &c, &s| {
            let r = radius(s, 0.0);
            *lo = sub_down(c, r);
            *hi = add_up(c, r);
        }),
    }
    out
}

/// Enclosures of R_S(θ) and ∇R_S(θ) for every θ and data inside the given intervals, and what
/// they prove about the exact point (module docs). Use [`Interval::from_q`] on exact rationals and
/// [`Interval::point`] on doubles.
///
/// # Errors
/// [`EvalError::Shape`] if the data do not fit the network. (A denominator enclosure that
/// contains 0 is not an error: the verdict is [`Undecided::Pole`].)
pub fn enclose_gradient(
    params: &Params<Interval>,
    act: &Activation,
    data: &Dataset<Interval>,
) -> Result<GradientEnclosure, EvalError> {
    enclose_gradient_with(params, act, &Loss::default(), data)
}

/// [`enclose_gradient`] for the loss `loss`: E^\[L\] and R_S from [`enclose_loss`] row by row
/// (the batched F^\[L\] − Y for ½-MSE).
///
/// # Errors
/// As [`enclose_gradient`].
pub fn enclose_gradient_with(
    params: &Params<Interval>,
    act: &Activation,
    loss: &Loss,
    data: &Dataset<Interval>,
) -> Result<GradientEnclosure, EvalError> {
    data.check_fits(params)?;
    let n = data.len();
    let depth = params.depth();
    let widths = params.widths();
    let x = Bounds::from_rows(data.inputs().iter().map(Vec::as_slice), widths[0]);
    let y = Bounds::from_rows(data.targets().iter().map(Vec::as_slice), widths[depth]);
    let weights: Vec<MidRad> = params
        .layers()
        .iter()
        .map(|layer| Bounds::from_rows(layer.weight.data().chunks(layer.fan_in()), layer.fan_in()).mid_rad())
        .collect();
    let mut feats = vec![x.mid_rad()];
    let mut slopes: Vec<Bounds> = vec![Bounds::zeros(0, 0)];
    let mut possible_kinks = Vec::new();
    let mut out = None;
    for l in 1..=depth {
        let mut p = product(feats[l - 1].view(), weights[l - 1].t());
        if let Some(b) = &params.layer(l).bias {
            for mut row in p.lo.rows_mut() {
                row.iter_mut().zip(b).for_each(|(v, bi)| *v = add_down(*v, bi.lo()));
            }
            for mut row in p.hi.rows_mut() {
                row.iter_mut().zip(b).for_each(|(v, bi)| *v = add_up(*v, bi.hi()));
            }
        }
        if l == depth {
            out = Some(p);
            break;
        }
        let m = widths[l];
        let (mut f, mut g) = (Bounds::zeros(n, m), Bounds::zeros(n, m));
        for i in 0..n {
            for s in 0..m {
                let site = Site { layer: l, neuron: s + 1, sample: i + 1 };
                let Ok(jet) = enclose_value_slope(act, &p.get(i, s)) else {
                    return Ok(GradientEnclosure {
                        loss: Interval::nan(),
                        gradient: None,
                        possible_kinks,
                        verdict: Verdict::Undecided(Undecided::Pole(site)),
                    });
                };
                if jet.kink {
                    possible_kinks.push(site);
                }
                f.set(i, s, jet.value);
                g.set(i, s, jet.d1);
            }
        }
        feats.push(f.mid_rad());
        slopes.push(g);
    }
    let out = out.expect("the output layer");
    let nf = n as f64;
    let (mut e, loss) = if loss.is_mse() {
        // E^[L] = F^[L] − Y and R_S = Σ E² / (2n).
        let e = Bounds {
            lo: Zip::from(&out.lo).and(&y.hi).map_collect(|&f, &y| sub_down(f, y)),
            hi: Zip::from(&out.hi).and(&y.lo).map_collect(|&f, &y| sub_up(f, y)),
        };
        let mut total = Interval::zero();
        for (lo, hi) in e.lo.iter().zip(&e.hi) {
            total = total.add(&Interval::new(*lo, *hi).sqr());
        }
        (e, total.div_positive(2.0 * nf))
    } else {
        let m = widths[depth];
        let mut e = Bounds::zeros(n, m);
        let mut total = Interval::zero();
        for i in 0..n {
            let f: Vec<Interval> = (0..m).map(|j| out.get(i, j)).collect();
            let (value, grad) = enclose_loss(loss, &f, &data.targets()[i]);
            total = total.add(&value);
            grad.into_iter().enumerate().for_each(|(j, g)| e.set(i, j, g));
        }
        (e, total.div_positive(nf))
    };
    let mut grad = params.zeros_like();
    for l in (1..=depth).rev() {
        let em = e.mid_rad();
        // ∇W^[l] = (E^[l])ᵀ F^[l−1] / n, ∇b^[l] = 1ᵀ E^[l] / n.
        let gw = product(em.t(), feats[l - 1].view());
        let layer = grad.layer_mut(l);
        for (v, (lo, hi)) in layer.weight.data_mut().iter_mut().zip(gw.lo.iter().zip(&gw.hi)) {
            *v = Interval::new(*lo, *hi).div_positive(nf);
        }
        if let Some(b) = layer.bias.as_mut() {
            for (r, v) in b.iter_mut().enumerate() {
                let lo = e.lo.index_axis(Axis(1), r).iter().fold(0.0, |acc, &x| add_down(acc, x));
                let hi = e.hi.index_axis(Axis(1), r).iter().fold(0.0, |acc, &x| add_up(acc, x));
                *v = Interval::new(lo, hi).div_positive(nf);
            }
        }
        if l > 1 {
            // E^[l−1] = (E^[l] W^[l]) ∘ σ'(P^[l−1]).
            let z = product(em.view(), weights[l - 1].view());
            let slope = &slopes[l - 1];
            let mut next = Bounds::zeros(z.lo.nrows(), z.lo.ncols());
            for i in 0..next.lo.nrows() {
                for s in 0..next.lo.ncols() {
                    next.set(i, s, z.get(i, s).mul(&slope.get(i, s)));
                }
            }
            e = next;
        }
    }
    let verdict = verdict(&grad, &possible_kinks);
    Ok(GradientEnclosure { loss, gradient: Some(grad), possible_kinks, verdict })
}

/// [`enclose_gradient_with`] for the objective R_S + (λ/2)‖θ‖²: the enclosures of (λ/2)‖θ‖²
/// and λθ (outward rounded) added, and the verdict taken on the sum.
///
/// # Errors
/// As [`enclose_gradient`].
pub fn enclose_objective_gradient(
    params: &Params<Interval>,
    act: &Activation,
    objective: &Objective,
    data: &Dataset<Interval>,
) -> Result<GradientEnclosure, EvalError> {
    let mut enc = enclose_gradient_with(params, act, &objective.loss, data)?;
    if objective.weight_decay.is_zero() {
        return Ok(enc);
    }
    let lambda = Interval::from_q(&objective.weight_decay);
    let theta = params.flatten();
    let sq = theta.iter().fold(Interval::zero(), |a, t| a.add(&t.sqr()));
    enc.loss = enc.loss.add(&sq.mul(&lambda).scale(0.5));
    if let Some(grad) = enc.gradient.as_mut() {
        let flat: Vec<Interval> = grad.flatten().iter().zip(&theta).map(|(g, t)| g.add(&lambda.mul(t))).collect();
        *grad = grad.with_flat(&flat);
        enc.verdict = verdict(grad, &enc.possible_kinks);
    }
    Ok(enc)
}

/// The verdict of gradient enclosures (module docs), possible kinks taken into account.
pub fn verdict(grad: &Params<Interval>, possible_kinks: &[Site]) -> Verdict {
    let flat = grad.flatten();
    let site = |k: usize| grad.locate(k).expect("an index below M");
    if let Some(k) = flat.iter().position(|g| !g.is_finite()) {
        return Verdict::Undecided(Undecided::NotFinite(site(k)));
    }
    if let Some(first) = possible_kinks.first() {
        return Verdict::Undecided(Undecided::Kink { site: *first, count: possible_kinks.len() });
    }
    let nonzero = flat.iter().filter(|g| !g.contains_zero()).count();
    if nonzero > 0 {
        let (k, g) =
            flat.iter().enumerate().max_by(|(_, a), (_, b)| a.mig().total_cmp(&b.mig())).expect("an entry excludes 0");
        return Verdict::NotCritical { site: site(k), enclosure: *g, nonzero, entries: flat.len() };
    }
    let bound = flat.iter().map(Interval::mag).fold(0.0, f64::max);
    let half_width = flat.iter().map(Interval::half_width).fold(0.0, f64::max);
    Verdict::CriticalWithinTolerance { bound, half_width, entries: flat.len() }
}
