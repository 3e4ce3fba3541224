//! A tanh network with batch normalization before every activation, forward and backward in f64
//! (\[P3\] §5, Fig. 5; spec width-depth §5, E8): the float counterpart of the exact statement in
//! [`crate::depth::batchnorm`].
//!
//! Hidden layer l computes p = W f + b, then per neuron over the whole batch (full-batch training,
//! so the batch is the training set) z_i = γ (p_i − m)/s + β with m the batch mean,
//! s = √(v + ε), v the population variance and ε = [`EPS`] (PyTorch's default), and f = tanh(z).
//! The output layer is affine, the loss ½-MSE averaged over the samples, as in
//! [`crate::net::evaluate_f64`]. MPC (\[P3\] Eq. 1) is measured between z (the input of σ) and
//! tanh(z).
//!
//! Backward, per neuron with x̂_i = (p_i − m)/s and upstream derivatives d_i = ∂R/∂z_i:
//! ∂R/∂γ = Σ d_i x̂_i, ∂R/∂β = Σ d_i and ∂R/∂p_i = (γ/s)(d_i − mean(d) − x̂_i mean(d x̂)) (the
//! usual BN backward; differentiate m and v through every sample). b has zero gradient up to
//! rounding (the mean removes it). Tolerance: every quantity is a short sum of products, so the
//! gradient carries a relative rounding error of order (n + m)·u, u = 2⁻⁵³; the test compares it
//! with central differences, whose truncation error O(h²) dominates.

use crate::data::Dataset;
use crate::net::Params;

/// BN's ε (added to the batch variance; PyTorch's default).
pub const EPS: f64 = 1e-5;

/// A batch-normalized tanh network: θ (the affine layers) and the BN scale γ and shift β of every
/// hidden neuron (`gamma[l − 1][j]` for hidden layer l, neuron j + 1).
#[derive(Clone, Debug, PartialEq)]
pub struct BnNet {
    /// The affine layers W^\[l\], b^\[l\].
    pub params: Params<f64>,
    /// γ per hidden layer and neuron.
    pub gamma: Vec<Vec<f64>>,
    /// β per hidden layer and neuron.
    pub beta: Vec<Vec<f64>>,
}

/// Loss, gradient and the normalized pre-activations of a [`BnNet`] on a batch.
#[derive(Clone, Debug, PartialEq)]
pub struct BnEvaluation {
    /// R_S = (1/n) Σ ½‖f(x_i) − y_i‖².
    pub loss: f64,
    /// ∂R/∂(W, b, γ, β), shaped like the network.
    pub gradient: BnNet,
    /// z\[l − 1\]\[i\]\[j\]: the input of σ at hidden layer l, sample i, neuron j.
    pub z: Vec<Vec<Vec<f64>>>,
}

impl BnNet {
    /// θ with BN's γ = γ₀ and β = β₀ on every hidden neuron (\[P3\] §5: β₀ = 0).
    pub fn new(params: Params<f64>, gamma0: f64, beta0: f64) -> BnNet {
        let hidden: Vec<usize> = params.widths()[1..params.depth()].to_vec();
        BnNet {
            gamma: hidden.iter().map(|&m| vec![gamma0; m]).collect(),
            beta: hidden.iter().map(|&m| vec![beta0; m]).collect(),
            params,
        }
    }

    /// All parameters in one vector: θ's flat order, then γ layer by layer, then β.
    pub fn flatten(&self) -> Vec<f64> {
        let mut v = self.params.flatten();
        v.extend(self.gamma.iter().flatten());
        v.extend(self.beta.iter().flatten());
        v
    }

    /// The network with the parameters of `flat` (the order of [`BnNet::flatten`]).
    ///
    /// # Panics
    /// If `flat` has the wrong length (internal invariant).
    pub fn with_flat(&self, flat: &[f64]) -> BnNet {
        let m = self.params.num_params();
        let k: usize = self.gamma.iter().map(Vec::len).sum();
        assert_eq!(flat.len(), m + 2 * k, "one value per parameter");
        let split = |mut rest: &[f64]| -> Vec<Vec<f64>> {
            self.gamma
                .iter()
                .map(|g| {
                    let (a, b) = rest.split_at(g.len());
                    rest = b;
                    a.to_vec()
                })
                .collect()
        };
        BnNet { params: self.params.with_flat(&flat[..m]), gamma: split(&flat[m..m + k]), beta: split(&flat[m + k..]) }
    }

    /// Loss and gradient on the batch `data` (module docs).
    ///
    /// # Panics
    /// If the data do not fit the widths (internal invariant of the experiments).
    pub fn evaluate(&self, data: &Dataset<f64>) -> BnEvaluation {
        let (n, depth) = (data.len(), self.params.depth());
        let mut feats: Vec<Vec<Vec<f64>>> = vec![data.inputs().to_vec()];
        let (mut xhat, mut scale, mut zs) = (Vec::new(), Vec::new(), Vec::new());
        for l in 1..=depth {
            let layer = self.params.layer(l);
            let p: Vec<Vec<f64>> = feats[l - 1]
                .iter()
                .map(|f| {
                    let mut p = layer.weight.mul_vec(f);
                    if let Some(b) = &layer.bias {
                        p.iter_mut().zip(b).for_each(|(pi, bi)| *pi += bi);
                    }
                    p
                })
                .collect();
            if l == depth {
                feats.push(p);
                break;
            }
            let m = layer.width();
            let mean: Vec<f64> = (0..m).map(|j| p.iter().map(|r| r[j]).sum::<f64>() / n as f64).collect();
            let s: Vec<f64> = (0..m)
                .map(|j| (p.iter().map(|r| (r[j] - mean[j]).powi(2)).sum::<f64>() / n as f64 + EPS).sqrt())
                .collect();
            let xh: Vec<Vec<f64>> = p.iter().map(|r| (0..m).map(|j| (r[j] - mean[j]) / s[j]).collect()).collect();
            let (g, b) = (&self.gamma[l - 1], &self.beta[l - 1]);
            let z: Vec<Vec<f64>> = xh.iter().map(|r| (0..m).map(|j| g[j] * r[j] + b[j]).collect()).collect();
            feats.push(z.iter().map(|r| r.iter().map(|v| v.tanh()).collect()).collect());
            xhat.push(xh);
            scale.push(s);
            zs.push(z);
        }
        let out = &feats[depth];
        let residual: Vec<Vec<f64>> =
            out.iter().zip(data.targets()).map(|(o, y)| o.iter().zip(y).map(|(oi, yi)| oi - yi).collect()).collect();
        let loss = residual.iter().flatten().map(|r| 0.5 * r * r).sum::<f64>() / n as f64;
        // E = ∂R/∂(output pre-activation) = residual / n.
        let mut e: Vec<Vec<f64>> = residual.iter().map(|r| r.iter().map(|v| v / n as f64).collect()).collect();
        let mut grad = BnNet::new(self.params.map(|_| 0.0), 0.0, 0.0);
        for l in (1..=depth).rev() {
            let layer = self.params.layer(l);
            let gl = grad.params.layer_mut(l);
            for (ei, fi) in e.iter().zip(&feats[l - 1]) {
                for (r, er) in ei.iter().enumerate() {
                    for (c, fc) in fi.iter().enumerate() {
                        *gl.weight.get_mut(r, c) += er * fc;
                    }
                }
                if let Some(b) = gl.bias.as_mut() {
                    b.iter_mut().zip(ei).for_each(|(bi, er)| *bi += er);
                }
            }
            if l == 1 {
                break;
            }
            // d = ∂R/∂z at hidden layer l − 1, then through BN to ∂R/∂p.
            let h = l - 2;
            let d: Vec<Vec<f64>> = e
                .iter()
                .zip(&feats[l - 1])
                .map(|(ei, fi)| layer.weight.tr_mul_vec(ei).iter().zip(fi).map(|(v, f)| v * (1.0 - f * f)).collect())
                .collect();
            let m = d[0].len();
            let mut dp = vec![vec![0.0; m]; n];
            for j in 0..m {
                let (mut sd, mut sdx) = (0.0, 0.0);
                for i in 0..n {
                    sd += d[i][j];
                    sdx += d[i][j] * xhat[h][i][j];
                }
                grad.gamma[h][j] = sdx;
                grad.beta[h][j] = sd;
                let k = self.gamma[h][j] / scale[h][j];
                for i in 0..n {
                    dp[i][j] = k * (d[i][j] - sd / n as f64 - xhat[h][i][j] * sdx / n as f64);
                }
            }
            e = dp;
        }
        BnEvaluation { loss, gradient: grad, z: zs }
    }

    /// MPC (min_j |ρ(tanh(z_j), z_j)|) of each hidden layer from an evaluation's z.
    pub fn mpc(eval: &BnEvaluation) -> Vec<Option<f64>> {
        eval.z
            .iter()
            .map(|z| {
                let m = z.first().map_or(0, Vec::len);
                (0..m)
                    .filter_map(|j| {
                        let p: Vec<f64> = z.iter().map(|r| r[j]).collect();
                        let s: Vec<f64> = p.iter().map(|v| v.tanh()).collect();
                        match crate::depth::mpc::rho2(&p, &s) {
                            crate::depth::mpc::NeuronMpc::Rho2(r) => Some(r.sqrt()),
                            _ => None,
                        }
                    })
                    .fold(None, |a: Option<f64>, r| Some(a.map_or(r, |a| a.min(r))))
            })
            .collect()
    }

    /// `steps` steps of full-batch gradient descent on (W, b, γ, β) with learning rate `lr`,
    /// recording a [`super::train::Record`] every `every` steps and after the last update.
    pub fn descend(&mut self, data: &Dataset<f64>, lr: f64, steps: usize, every: usize) -> Vec<super::train::Record> {
        let mut records = Vec::new();
        for step in 0..=steps {
            let e = self.evaluate(data);
            let g = e.gradient.flatten();
            if step % every.max(1) == 0 || step == steps {
                let grad_norm = g.iter().map(|v| v * v).sum::<f64>().sqrt();
                records.push(super::train::Record { step, loss: e.loss, grad_norm, mpc: BnNet::mpc(&e) });
            }
            if step < steps {
                let flat: Vec<f64> = self.flatten().iter().zip(&g).map(|(t, gi)| t - lr * gi).collect();
                *self = self.with_flat(&flat);
            }
        }
        records
    }
}
