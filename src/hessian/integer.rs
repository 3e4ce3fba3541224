//! The exact Hessian of a polynomial-activation network, fraction-free: the tangent equations of
//! [`super::hessian_tangent`] (\[P2\] §3.2's back-propagation differentiated along e_k) run on
//! integer numerators over tracked common denominators (`net::zform`), and each entry is
//! reduced once at the end.
//!
//! Why it is exact: every vector of the per-sample passes is (N, d) with v = N/d, and each step
//! maps these to (N', d') with v' = N'/d' by integer identities (W v = N_W N/(D d),
//! u ∘ v = N_u N_v/(d_u d_v), u + v = (N_u (L/d_u) + N_v (L/d_v))/L for L = lcm(d_u, d_v)). The
//! denominators depend on the sample i, the layer l₀ of θ_k and the layer l of θ_j only, not on k
//! itself (the seed ṗ^\[l₀\] = f̃^\[l₀−1\]_c e_r has denominator d_f for every k in layer l₀, the
//! bias entry of the augmented f̃ = (F, d_f)/d_f included), so they are computed once per
//! (i, l₀) and every block (l, l₀) of the i-th per-sample Hessian is N_i/δ_i(l, l₀). The sum over
//! samples is Σ_i N_i (Δ/δ_i) / Δ with Δ = lcm_i δ_i, and H_jk = that / n, put in lowest terms by
//! one gcd per entry.

use super::tangent_pass::{tangent_columns, Layout, TangentPass};
use crate::activation::Polynomial;
use crate::data::Dataset;
use crate::linalg::Matrix;
use crate::net::zform::{ZLayer, ZPoly, ZVec};
use crate::net::{EvalError, Params};
use crate::scalar::{Denominator, Q, Z};

/// Forward and backward objects of one sample in fraction-free form, indexed by layer l.
struct Sample {
    /// f^\[l\], l = 0 … L.
    f: Vec<ZVec>,
    /// g^\[l\] = σ'(p^\[l\]), l = 1 … L−1 (index 0 and L: placeholders).
    g: Vec<ZVec>,
    /// The numerators of g^\[l\] as integers, for the tangent passes.
    slope: Vec<Vec<Z>>,
    /// z^\[l\] ∘ σ''(p^\[l\]), l = 1 … L−1.
    zs2: Vec<ZVec>,
    /// e^\[l\], l = 1 … L.
    e: Vec<ZVec>,
}

fn sample(layers: &[ZLayer], sigma: &ZPoly, x: &[Q], y: &[Q]) -> Sample {
    let depth = layers.len();
    let mut f = vec![ZVec::from_q(x)];
    let mut g = vec![ZVec::empty()];
    let mut s2 = vec![ZVec::empty()];
    for l in 1..=depth {
        let p = layers[l - 1].affine(&f[l - 1]);
        if l == depth {
            f.push(p);
            g.push(ZVec::empty());
            s2.push(ZVec::empty());
        } else {
            f.push(sigma.eval(0, &p));
            g.push(sigma.eval(1, &p));
            s2.push(sigma.eval(2, &p));
        }
    }
    // z^[L] = f^[L] − y (½-MSE), e^[L] = z^[L]; z^[l] = (W^[l+1])ᵀ e^[l+1], e^[l] = z^[l] ∘ g^[l].
    let mut e = vec![ZVec::empty(); depth + 1];
    let mut zs2 = vec![ZVec::empty(); depth + 1];
    e[depth] = f[depth].minus(&ZVec::from_q(y));
    for l in (1..depth).rev() {
        let z = layers[l].tr_mul(&e[l + 1]);
        e[l] = z.hadamard(&g[l]);
        zs2[l] = z.hadamard(&s2[l]);
    }
    let slope = g.iter().map(ZVec::numerators).collect();
    Sample { f, g, slope, zs2, e }
}

/// Denominators and k-independent factors of the tangent pass of one sample for θ_k in layer
/// l₀, indexed by layer l ≥ l₀ (entries below l₀ unused).
struct Plan {
    /// Ė^\[l\]_s = Ż_s·g1_s + u_s·Ṗ_s (l < L): g1 = G·(δe/(δz d_g)), u = N_{z∘σ''}·(δe/(d_{zσ''} δp)).
    g1: Vec<Vec<Z>>,
    u: Vec<Vec<Z>>,
    /// The block denominator δ(l, l₀) and the multipliers of Ė f̃ᵀ and of e ḟ̃ᵀ into it.
    delta: Vec<Z>,
    m_a: Vec<Z>,
    m_b: Vec<Z>,
}

fn quotient(a: &Z, b: &Z) -> Z {
    a.div_exact(b).expect("a multiple by construction")
}

fn plan(layers: &[ZLayer], s: &Sample, l0: usize) -> Plan {
    let depth = layers.len();
    let (mut dp, mut df, mut de) = (vec![Z::one(); depth + 1], vec![Z::one(); depth + 1], vec![Z::one(); depth + 1]);
    dp[l0] = s.f[l0 - 1].d.clone();
    for l in l0..=depth {
        if l > l0 {
            dp[l] = &layers[l - 1].d * &df[l - 1];
        }
        df[l] = if l == depth { dp[l].clone() } else { &s.g[l].d * &dp[l] };
    }
    let mut p = Plan {
        g1: vec![Vec::new(); depth + 1],
        u: vec![Vec::new(); depth + 1],
        delta: vec![Z::one(); depth + 1],
        m_a: vec![Z::one(); depth + 1],
        m_b: vec![Z::one(); depth + 1],
    };
    de[depth] = dp[depth].clone();
    for l in (l0..depth).rev() {
        let t1 = &(&layers[l].d * &de[l + 1]) * &s.g[l].d;
        let t2 = &s.zs2[l].d * &dp[l];
        de[l] = t1.lcm(&t2);
        p.g1[l] = s.g[l].scaled_numerators(&quotient(&de[l], &t1));
        p.u[l] = s.zs2[l].scaled_numerators(&quotient(&de[l], &t2));
    }
    for l in l0..=depth {
        let a = &de[l] * &s.f[l - 1].d;
        if l == l0 {
            p.delta[l] = a;
        } else {
            let b = &s.e[l].d * &df[l - 1];
            p.delta[l] = a.lcm(&b);
            p.m_b[l] = quotient(&p.delta[l], &b);
            p.m_a[l] = quotient(&p.delta[l], &a);
        }
    }
    p
}

/// One sample's primal objects in fraction-free form for θ_k in layer l₀: numerators, with the
/// plan's factors bringing every block (l, l₀) to the common denominator Δ(l, l₀).
struct IntegerPass<'a> {
    layers: &'a [ZLayer],
    sample: &'a Sample,
    plan: &'a Plan,
    /// The augmented inputs' numerators (F, d_f), indexed by the layer l they feed.
    inputs: &'a [Vec<Z>],
    alpha: Vec<Z>,
    beta: Vec<Vec<Z>>,
}

impl TangentPass for IntegerPass<'_> {
    type V = Z;
    fn weight(&self, l: usize, v: &[Z]) -> Vec<Z> {
        self.layers[l - 1].mul_num(v)
    }
    fn weight_tr(&self, l: usize, v: &[Z]) -> Vec<Z> {
        self.layers[l - 1].tr_mul_num(v)
    }
    fn slope(&self, l: usize) -> &[Z] {
        &self.sample.slope[l]
    }
    fn back_slope(&self, l: usize) -> &[Z] {
        &self.plan.g1[l]
    }
    fn curvature(&self, l: usize) -> &[Z] {
        &self.plan.u[l]
    }
    fn output(&self, pdot: &[Z]) -> Vec<Z> {
        pdot.to_vec()
    }
    fn input(&self, l: usize) -> &[Z] {
        &self.inputs[l]
    }
    fn unit_bias(&self) -> bool {
        false
    }
    fn row_scale(&self, l: usize) -> Option<&Z> {
        Some(&self.alpha[l])
    }
    fn e_row(&self, l: usize) -> &[Z] {
        &self.beta[l]
    }
}

/// The Hessian H_S(θ) of a network with polynomial σ, exactly, by fraction-free tangent
/// propagation (module docs). Equal to [`super::hessian_tangent`], [`super::hessian`] and
/// [`super::hessian_forward`] (tests); layers with or without biases, any number of outputs.
///
/// # Errors
/// [`EvalError::Shape`] if the data do not fit the network (polynomials have no poles).
pub fn hessian_polynomial(params: &Params<Q>, poly: &Polynomial, data: &Dataset<Q>) -> Result<Matrix<Q>, EvalError> {
    data.check_fits(params)?;
    let depth = params.depth();
    let m = params.num_params();
    let layers: Vec<ZLayer> = params.layers().iter().map(ZLayer::from_layer).collect();
    let sigma = ZPoly::new(poly);
    let samples: Vec<Sample> =
        data.inputs().iter().zip(data.targets()).map(|(x, y)| sample(&layers, &sigma, x, y)).collect();
    let plans: Vec<Vec<Plan>> = samples.iter().map(|s| (1..=depth).map(|l0| plan(&layers, s, l0)).collect()).collect();
    // Δ(l, l₀) = lcm_i δ_i(l, l₀), indexed [l0 − 1][l].
    let big_delta: Vec<Vec<Z>> = (1..=depth)
        .map(|l0| {
            (0..=depth)
                .map(|l| {
                    if l < l0 {
                        return Z::one();
                    }
                    plans.iter().fold(Z::one(), |acc, ps| acc.lcm(&ps[l0 - 1].delta[l]))
                })
                .collect()
        })
        .collect();
    let mut layer_of = vec![0; m];
    for l in 1..=depth {
        let o = params.offset(l);
        layer_of[o..o + params.layer(l).num_params()].fill(l);
    }
    let layout = Layout::of(params);
    let mut acc = vec![Z::zero(); m * m];
    for (s, ps) in samples.iter().zip(&plans) {
        let inputs: Vec<Vec<Z>> =
            (0..=depth).map(|l| if l == 0 { Vec::new() } else { s.f[l - 1].augmented(layout.bias[l]) }).collect();
        for l0 in 1..=depth {
            let p = &ps[l0 - 1];
            // α = m_A·(Δ/δ_i) multiplies Ė; β = E·m_B·(Δ/δ_i) multiplies ḟ̃.
            let mut alpha = vec![Z::one(); depth + 1];
            let mut beta = vec![Vec::new(); depth + 1];
            for l in l0..=depth {
                let k_i = quotient(&big_delta[l0 - 1][l], &p.delta[l]);
                alpha[l] = &p.m_a[l] * &k_i;
                if l > l0 {
                    beta[l] = s.e[l].scaled_numerators(&(&p.m_b[l] * &k_i));
                }
            }
            let pass = IntegerPass { layers: &layers, sample: s, plan: p, inputs: &inputs, alpha, beta };
            tangent_columns(&pass, &layout, l0, &mut acc);
        }
    }
    let n = Z::from_u64(data.len() as u64);
    // Every entry of block (l, l₀) is over n·Δ(l, l₀): factored once ([`Denominator`]).
    let dens: Vec<Vec<Option<Denominator>>> = big_delta
        .iter()
        .enumerate()
        .map(|(i, row)| row.iter().enumerate().map(|(l, d)| (l > i).then(|| Denominator::new(&(d * &n)))).collect())
        .collect();
    let mut h = Matrix::zeros(m, m);
    for j in 0..m {
        for k in 0..=j {
            let den = dens[layer_of[k] - 1][layer_of[j]].as_ref().expect("layer of j ≥ layer of k");
            let v = Q::over(&acc[j * m + k], den);
            h.set(k, j, v.clone());
            h.set(j, k, v);
        }
    }
    Ok(h)
}
