//! The inertia statement for float liftings (spec width-depth §3.3 and §6 item 12): the Hessian of
//! a float lifting has no negative eigenvalue beyond a derived tolerance, except those the narrow
//! Hessian already had.
//!
//! **Statement.** Let θ' be a float lifting of θ inserted right before the output layer
//! (q = L − 1), with c a power of two, and H = ∇²R(θ), H' = ∇²R^deep(θ'). Write H' = A + B + E with
//! A = DΨᵀ H DΨ, B = Σ_k (∂R/∂θ_k) ∇²Ψ_k (the Hessian of R∘Ψ, i.e. of the linearized deep network,
//! spec §3.2 item 6) and E the effect of σ − ℓ on the inserted layer. Then, by Weyl's inequality
//! μ_k(H') ≥ μ_k(A) − ‖B‖₂ − ‖E‖₂ and n₋(A) ≤ n₋(H) (proofs/depth-inertia.md, Step 3),
//!   #{eigenvalues of H' below −(‖B‖₂ + ‖E‖₂)} ≤ n₋(H).
//!
//! **‖B‖₂.** The only second derivatives of Ψ are ∂²W_{ij}/∂V_{it}∂W'_{tj} = ∂²b_i/∂V_{it}∂b'_t = λ,
//! so B is block diagonal over inserted neurons t with blocks [\[0, λG̃\], \[λG̃ᵀ, 0\]], G̃ = \[G_W | G_b\]
//! the narrow gradient of layer q+1: ‖B‖₂ = |λ|‖G̃‖₂ ≤ |λ|‖G̃‖_F ≤ |λ|‖∇R(θ)‖ ([`coupling_norm`]).
//!
//! **‖E‖₂ ≤ ‖E‖_F.** With H = (1/n)Σ_i (J_iᵀJ_i + Σ_r z_{ir}∇²f_{ir}) (J_i the output Jacobian, z the
//! residual), the σ- and ℓ-networks give
//!   ‖E‖_F ≤ (1/n) Σ_i (2‖J_i‖_F‖ΔJ_i‖_F + ‖ΔJ_i‖²_F + Σ_r (|z_{ir}| ‖Δ∇²f_{ir}‖_F + Δz_{ir} ‖∇²f^ℓ_{ir}‖_F)).
//! For q = L − 1 the output is f_r = Σ_t V_{rt} σ(h_t) + c_r with h = W'f^\[q\] + b' a function of the
//! parameters φ of layers 1 … q+1 only, so with K₀, K₁, K₂ the bounds of [`super::NearLinear`]
//! (remainder, slope deviation, curvature) and ∂h, ∂²h computed from the network below:
//! ΔJ\[r, φ\] ≤ Σ_t |V_{rt}| K₁(h_t) |∂_φ h_t|, ΔJ\[r, V_{rt}\] ≤ K₀(h_t);
//! Δ∇²f_r\[φ, ψ\] ≤ Σ_t |V_{rt}| (K₂(h_t) |∂_φ h_t ∂_ψ h_t| + K₁(h_t) |∂²_{φψ} h_t|),
//! Δ∇²f_r\[V_{rt}, φ\] ≤ K₁(h_t) |∂_φ h_t|; ∇²f^ℓ_r\[φ, ψ\] = λ Σ_t V_{rt} ∂²_{φψ} h_t,
//! ∇²f^ℓ_r\[V_{rt}, φ\] = λ ∂_φ h_t; Δz_r ≤ Σ_t |V_{rt}| K₀(h_t) + bias_error_r ([`nonlinearity_norm`]).
//! This bound does not shrink with c: the lifting makes ∂f/∂W' = Vσ'(h)f of size 1/c, so
//! ‖J‖‖ΔJ‖ and |z||V|K₂|f|² stay of order one (tanh, sigmoid) or grow like 1/c (softplus). Those
//! directions are stiff (size 1/c² in A), which Weyl's inequality does not see: the bound is correct
//! and loose (figures in proofs/depth-inertia.md, "Float path").

use super::FloatLifted;
use crate::activation::Activation;
use crate::critical::output_jacobian;
use crate::data::Dataset;
use crate::depth::second_order::hessians_of;
use crate::linalg::Matrix;
use crate::net::{backward, forward, outputs, EvalError, Params};
use crate::scalar::{Dual, Ring};

/// |λ|·(‖G̃‖_F + ‖δG̃‖_F): the bound on ‖Σ_k g_k ∇²Ψ_k‖₂ from the computed narrow gradient
/// (`gradient`, flat) and a bound `gradient_error` on its rounding (module docs).
pub fn coupling_norm(lifted: &FloatLifted, narrow: &Params<f64>, gradient: &[f64], gradient_error: &[f64]) -> f64 {
    let l = lifted.q + 1;
    let (start, end) = (narrow.offset(l), narrow.offset(l) + narrow.layer(l).num_params());
    let norm = |v: &[f64]| v[start..end].iter().map(|x| x * x).sum::<f64>().sqrt();
    lifted.lin.lambda.abs() * (norm(gradient) + norm(gradient_error))
}

fn frobenius(m: &Matrix<f64>) -> f64 {
    m.data().iter().map(|x| x * x).sum::<f64>().sqrt()
}

/// The balanced coordinates of a float lifting: θ = S u with S = c on the inserted layer (W', b'),
/// 1/c on the next layer's weights V and 1 elsewhere, so that u is the lifting at unit scale
/// (u_{W'} = I or W, u_V = W/λ or I/λ). By Sylvester's law SH'S has the inertia of H', and the
/// statement of the module docs holds for SH'S with SBS = B (V and W' scale reciprocally) and
/// ‖SES‖_F bounded by [`nonlinearity_norm`] with this scale (each entry of E carries the factors of S
/// of its row and column). That bound is O(c²) for tanh; O(c) for sigmoid, whose μ = 1/2 makes the
/// V-columns of the Jacobian, σ(h) ≈ μ, of size 1/c in these coordinates; and O(1) for softplus
/// (μ = ln 2 and σ''(0) = 1/4), as measured in proofs/depth-inertia.md.
pub fn balanced_scale(lifted: &FloatLifted) -> Vec<f64> {
    let deep = &lifted.deep;
    let k = lifted.q + 1;
    let mut s = vec![1.0; deep.num_params()];
    s[deep.offset(k)..deep.offset(k + 1)].iter_mut().for_each(|x| *x = lifted.scale);
    let next = deep.layer(k + 1);
    for r in 0..next.width() {
        for t in 0..next.fan_in() {
            s[deep.weight_index(k + 1, r, t)] = 1.0 / lifted.scale;
        }
    }
    s
}

/// The bound on ‖SES‖_F of the module docs (S = diag(`scale`); all ones for ‖E‖_F), for a lifting
/// inserted right before the output layer.
///
/// # Errors
/// [`EvalError`] if the data do not fit.
///
/// # Panics
/// If the lifting was not inserted before the output layer (q ≠ L − 1).
pub fn nonlinearity_norm(lifted: &FloatLifted, data: &Dataset<f64>, scale: &[f64]) -> Result<f64, EvalError> {
    let deep = &lifted.deep;
    let (k, top) = (lifted.q + 1, deep.depth());
    assert_eq!(k + 1, top, "the Hessian bound needs the inserted layer right before the output");
    data.check_fits(deep)?;
    let lin = lifted.lin;
    let act = Activation::Float(lin.act);
    let below = Params::new(deep.layers()[..k].to_vec()).expect("a prefix of a chained network");
    let m_phi = below.num_params();
    let shape = below.map(|_| Dual::<Dual<f64>>::zero());
    let v = &deep.layer(top).weight;
    let (m_out, m_hat) = (v.rows(), v.cols());
    let mut total = 0.0;
    for (i, (x, y)) in data.inputs().iter().zip(data.targets()).enumerate() {
        let t = forward(deep, &act, x, i + 1)?;
        let z = &backward(deep, &t, y).z[top];
        let h = &t.pre[k];
        let dh = output_jacobian(&below, &act, std::slice::from_ref(x))?;
        let xd: Vec<Dual<Dual<f64>>> = x.iter().map(|v| Dual::constant(Dual::constant(*v))).collect();
        let d2h = hessians_of(&below.flatten(), m_hat, |phi| outputs(&shape.with_flat(phi), &act, &xd, i + 1))?;
        let j = output_jacobian(deep, &act, std::slice::from_ref(x))?;
        let (k0, k1, k2): (Vec<f64>, Vec<f64>, Vec<f64>) = (
            h.iter().map(|a| lin.remainder(*a)).collect(),
            h.iter().map(|a| lin.slope_deviation(*a)).collect(),
            h.iter().map(|a| lin.curvature(*a)).collect(),
        );
        let mut dj_sq = 0.0;
        let mut second = 0.0;
        for (r, (zr, be)) in z.iter().zip(&lifted.bias_error).enumerate().take(m_out) {
            for (phi, sp) in scale.iter().enumerate().take(m_phi) {
                let d: f64 = (0..m_hat).map(|s| v.get(r, s).abs() * k1[s] * dh.get(s, phi).abs()).sum();
                dj_sq += (d * sp).powi(2);
            }
            dj_sq += k0.iter().enumerate().map(|(s, a)| (a * scale[deep.weight_index(top, r, s)]).powi(2)).sum::<f64>();
            // Frobenius² of Δ∇²f_r and ∇²f^ℓ_r, block by block.
            let (mut dev_sq, mut lin_sq) = (0.0, 0.0);
            for phi in 0..m_phi {
                for psi in 0..m_phi {
                    let (mut dev, mut l2) = (0.0, 0.0);
                    for s in 0..m_hat {
                        let vs = *v.get(r, s);
                        dev += vs.abs()
                            * (k2[s] * (dh.get(s, phi) * dh.get(s, psi)).abs() + k1[s] * d2h[s].get(phi, psi).abs());
                        l2 += vs * d2h[s].get(phi, psi);
                    }
                    let st = scale[phi] * scale[psi];
                    dev_sq += (dev * st).powi(2);
                    lin_sq += (lin.lambda * l2 * st).powi(2);
                }
                for (s, k1s) in k1.iter().enumerate() {
                    let st = scale[phi] * scale[deep.weight_index(top, r, s)];
                    dev_sq += 2.0 * (k1s * dh.get(s, phi) * st).powi(2);
                    lin_sq += 2.0 * (lin.lambda * dh.get(s, phi) * st).powi(2);
                }
            }
            let dz: f64 = (0..m_hat).map(|s| v.get(r, s).abs() * k0[s]).sum::<f64>() + be;
            second += zr.abs() * dev_sq.sqrt() + dz * lin_sq.sqrt();
        }
        let dj = dj_sq.sqrt();
        let js = Matrix::from_vec(
            j.rows(),
            j.cols(),
            j.data().iter().enumerate().map(|(e, x)| x * scale[e % j.cols()]).collect(),
        );
        total += 2.0 * frobenius(&js) * dj + dj * dj + second;
    }
    Ok(total / data.len() as f64)
}
