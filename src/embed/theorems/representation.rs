//! Representation preservation (\[P2\] Def. 4.2 (ii); width-depth spec §2.3): for every hidden layer
//! l, span({f^\[l\]_j}_j ∪ {1}) is the same function space for the narrow and the wide network.
//! Checked on a finite set of inputs X (data and fresh inputs): with F the |X| × m_l matrix of
//! features and 1 the all-ones column, rank\[F 1\] = rank\[F' 1\] = rank\[F F' 1\] (exact ranks), i.e.
//! the two column spaces coincide on X (a necessary condition for equality of the spans as
//! functions, and exactly what can be decided from finitely many inputs).

use super::eval::{same, Verdict};
use crate::activation::ExactActivation;
use crate::linalg::{rank, Matrix};
use crate::net::{forward, EvalError, Params};
use crate::scalar::{Ring, Q};
use crate::theorem::Inapplicable;

fn features(p: &Params<Q>, act: &ExactActivation, xs: &[Vec<Q>], l: usize) -> Result<Vec<Vec<Q>>, EvalError> {
    xs.iter().enumerate().map(|(i, x)| forward(p, act, x, i + 1).map(|t| t.f[l].clone())).collect()
}

/// Compares the feature spans of `narrow` and `wide` layer by layer on the inputs `xs`.
pub(crate) fn same_representation(
    narrow: &Params<Q>,
    wide: &Params<Q>,
    act: &ExactActivation,
    xs: &[Vec<Q>],
) -> Result<Verdict, Inapplicable> {
    for l in 1..narrow.depth() {
        let (fnar, fwid) = (features(narrow, act, xs, l)?, features(wide, act, xs, l)?);
        let rows = |a: &[Vec<Q>], b: &[Vec<Q>], with_a: bool, with_b: bool| -> Matrix<Q> {
            let r: Vec<Vec<Q>> = (0..xs.len())
                .map(|i| {
                    let mut row = vec![Q::one()];
                    if with_a {
                        row.extend(a[i].iter().cloned());
                    }
                    if with_b {
                        row.extend(b[i].iter().cloned());
                    }
                    row
                })
                .collect();
            let cols = r[0].len();
            Matrix::from_rows(r, cols)
        };
        let rn = rank(&rows(&fnar, &fwid, true, false));
        let rw = rank(&rows(&fnar, &fwid, false, true));
        let rb = rank(&rows(&fnar, &fwid, true, true));
        let k = |r: usize| Q::int(r as i64);
        hold!(same(
            &format!("rank [F 1] = rank [F' 1] = rank [F F' 1] at layer {l}"),
            &[k(rn), k(rn)],
            &[k(rw), k(rb)]
        ));
    }
    Ok(Ok(()))
}
