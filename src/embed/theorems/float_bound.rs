//! A first-order running error bound for the f64 gradient of ½-MSE computed by
//! [`evaluate`](crate::net::evaluate), used by the float width checks.
//!
//! Model: u = ε/2 (unit roundoff), γ_k = ku/(1 − ku); a dot product of length k has absolute
//! error ≤ γ_k |a|ᵀ|b| (Higham, Accuracy and Stability of Numerical Algorithms, §3.1); tanh,
//! sigmoid and softplus are evaluated with relative error ≤ 2u and are 1-Lipschitz; σ' changes by
//! at most |σ''| δp to first order. Parameters may carry a relative error `param_rel` (the wide
//! net's rounded split weights (1−α)w, αw). Propagating absolute errors through the forward pass
//! (δp, δf), the backward pass (δz, δe) and the gradient sums gives, per gradient entry,
//!   δG_W\[r,c\] = (1/n) Σ_i (δe_r |f_c| + |e_r| δf_c) + γ_{n+1} (1/n) Σ_i |e_r||f_c|,
//! and the same with f_c ≡ 1 for biases. The bound is first order in u; callers multiply by 2 to
//! cover the neglected second-order terms.

use crate::activation::Activation;
use crate::data::Dataset;
use crate::net::{backward, forward, Params};
use crate::scalar::gamma;

/// Per-entry (flat order) first-order bounds on |fl(∇R) − ∇R| for the f64 gradient at `params`.
///
/// # Panics
/// If the data do not fit (internal callers only).
pub(crate) fn gradient_error_bound(
    params: &Params<f64>,
    act: &Activation,
    data: &Dataset<f64>,
    param_rel: f64,
) -> Vec<f64> {
    let u = f64::EPSILON / 2.0;
    let depth = params.depth();
    let n = data.len();
    let mut bound = vec![0.0; params.num_params()];
    for (i, (x, y)) in data.inputs().iter().zip(data.targets()).enumerate() {
        let t = forward(params, act, x, i + 1).expect("smooth σ");
        let b = backward(params, &t, y);
        // Forward: δp, δf per layer.
        let mut dp = vec![Vec::new(); depth + 1];
        let mut df = vec![vec![0.0; x.len()]; depth + 1];
        for l in 1..=depth {
            let layer = params.layer(l);
            let mut dpl = Vec::with_capacity(layer.width());
            for r in 0..layer.width() {
                let (mut abs, mut prop) = (0.0, 0.0);
                for ((w, f), d) in layer.weight.row(r).iter().zip(&t.f[l - 1]).zip(&df[l - 1]) {
                    abs += w.abs() * f.abs();
                    prop += w.abs() * d;
                }
                abs += layer.bias.as_ref().map_or(0.0, |bb| bb[r].abs());
                dpl.push((gamma(layer.fan_in() + 1) + param_rel) * abs + prop);
            }
            df[l] = if l == depth {
                dpl.clone()
            } else {
                dpl.iter().zip(&t.g[l]).zip(&t.f[l]).map(|((d, g), f)| g.abs() * d + 2.0 * u * f.abs()).collect()
            };
            dp[l] = dpl;
        }
        // Backward: δe per layer.
        let mut de = vec![Vec::new(); depth + 1];
        de[depth] = df[depth].iter().zip(&b.e[depth]).map(|(d, e)| d + u * e.abs()).collect();
        for l in (1..depth).rev() {
            let next = params.layer(l + 1);
            de[l] = (0..next.fan_in())
                .map(|c| {
                    let (mut prop, mut abs) = (0.0, 0.0);
                    for ((r, d), e) in de[l + 1].iter().enumerate().zip(&b.e[l + 1]) {
                        let w = next.weight.get(r, c).abs();
                        prop += w * d;
                        abs += w * e.abs();
                    }
                    let dz = prop + (gamma(next.width()) + param_rel) * abs;
                    let dg = t.d2[l][c].abs() * dp[l][c] + 2.0 * u * t.g[l][c].abs();
                    dz * t.g[l][c].abs() + b.z[l][c].abs() * dg + u * b.e[l][c].abs()
                })
                .collect();
        }
        // Gradient sums.
        let gn = gamma(n + 1);
        for l in 1..=depth {
            for (r, er) in b.e[l].iter().enumerate() {
                for (c, fc) in t.f[l - 1].iter().enumerate() {
                    bound[params.weight_index(l, r, c)] +=
                        (de[l][r] * fc.abs() + er.abs() * df[l - 1][c] + gn * er.abs() * fc.abs()) / n as f64;
                }
                if let Some(k) = params.bias_index(l, r) {
                    bound[k] += (de[l][r] + gn * er.abs()) / n as f64;
                }
            }
        }
    }
    bound
}
