//! The polynomial pieces of a piecewise-linear network around a kink point, and one-sided
//! forward mode.
//!
//! At θ, let K be the kink sites (sample i, hidden layer l, neuron j) whose pre-activation
//! p_k(θ) is exactly 0, and σ(t) = t for t > 0, a·t for t < 0. A *piece* s ∈ {left, right}^K
//! replaces σ at site k by the linear map t ↦ σ_s(k)·t with σ_s(k) = a (left) or 1 (right); every
//! other site keeps the side its nonzero pre-activation is on. The loss of the piece, L_s, is a
//! polynomial in θ, and R_S = L_s on the closed set of parameters near θ whose pre-activation at
//! each site k is on side s(k) (or 0). See `proofs/kink-stationarity.md`.

use crate::activation::{Jet, Piecewise, Pole, Sigma, Site};
use crate::scalar::{Dual, Field, Ring, Q};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Which side of the kink a site is taken on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// t < 0: slope a (0 for ReLU).
    Left,
    /// t > 0: slope 1.
    Right,
}

impl Side {
    /// +1 for right, −1 for left: the sign the pre-activation's tangent must have on this side.
    pub fn sign(self) -> i64 {
        match self {
            Side::Left => -1,
            Side::Right => 1,
        }
    }
}

/// A piece: one side per kink site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The side chosen at each kink site.
    pub sides: BTreeMap<Site, Side>,
}

impl Piece {
    /// Piece number `bits` of the 2^K pieces around `sites`: bit k set ⇔ site k is taken on the
    /// right.
    pub fn from_bits(sites: &[Site], bits: u64) -> Piece {
        Piece {
            sides: sites
                .iter()
                .enumerate()
                .map(|(k, s)| (*s, if bits >> k & 1 == 1 { Side::Right } else { Side::Left }))
                .collect(),
        }
    }

    /// Every site on the same side.
    pub fn uniform(sites: &[Site], side: Side) -> Piece {
        Piece { sides: sites.iter().map(|s| (*s, side)).collect() }
    }

    /// The piece's activation over σ.
    pub fn activation<'a>(&'a self, sigma: &'a Piecewise) -> PieceActivation<'a> {
        PieceActivation { sigma, piece: self }
    }
}

fn slope(sigma: &Piecewise, side: Side) -> Q {
    match side {
        Side::Left => sigma.negative_slope().clone(),
        Side::Right => Q::one(),
    }
}

/// σ with the kink sites of a [`Piece`] fixed on their sides: σ_s(k)(t) = slope·t there, σ
/// itself everywhere else. Over dual numbers this gives the derivatives of the polynomial L_s.
#[derive(Clone, Copy, Debug)]
pub struct PieceActivation<'a> {
    sigma: &'a Piecewise,
    piece: &'a Piece,
}

impl<S: Field> Sigma<S> for PieceActivation<'_> {
    fn value(&self, t: &S) -> Result<S, Pole> {
        Ok(self.sigma.value(t))
    }
    fn jet(&self, t: &S) -> Result<Jet<S>, Pole> {
        Ok(self.sigma.jet(t))
    }
    fn value_at(&self, t: &S, site: Site) -> Result<S, Pole> {
        Ok(self.jet_at(t, site)?.value)
    }
    fn jet_at(&self, t: &S, site: Site) -> Result<Jet<S>, Pole> {
        match self.piece.sides.get(&site) {
            Some(side) if t.primal_cmp_zero() == Some(Ordering::Equal) => {
                let a = S::from_q(&slope(self.sigma, *side));
                Ok(Jet { value: a.mul(t), d1: a, d2: S::zero(), kink: false })
            }
            _ => Ok(self.sigma.jet(t)),
        }
    }
}

/// σ over dual numbers with the *one-sided* rule at a kink: where the primal pre-activation is
/// exactly 0, the slope is that of the side its tangent points to (0 when the tangent is 0 too).
/// By the chain rule for directional derivatives of Lipschitz maps, the ε part of R_S evaluated
/// at θ + εd is then R_S'(θ; d) = lim_{t↓0} (R_S(θ + td) − R_S(θ))/t, the one-sided directional
/// derivative: an oracle that shares nothing with the piece enumeration.
#[derive(Clone, Copy, Debug)]
pub struct OneSided<'a>(pub &'a Piecewise);

impl<S: Field> Sigma<Dual<S>> for OneSided<'_> {
    fn value(&self, t: &Dual<S>) -> Result<Dual<S>, Pole> {
        Ok(self.jet(t)?.value)
    }
    fn jet(&self, t: &Dual<S>) -> Result<Jet<Dual<S>>, Pole> {
        if self.0.is_identity() || t.re.primal_cmp_zero() != Some(Ordering::Equal) {
            return Ok(self.0.jet(t));
        }
        let a = match t.eps.primal_cmp_zero() {
            Some(Ordering::Greater) => Q::one(),
            Some(Ordering::Less) => self.0.negative_slope().clone(),
            _ => Q::zero(),
        };
        let a = Dual::from_q(&a);
        Ok(Jet { value: a.mul(t), d1: a, d2: Dual::zero(), kink: false })
    }
}
