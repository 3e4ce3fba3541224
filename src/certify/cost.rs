//! What `certify` will cost, estimated from the reduced network's size before it starts, so
//! that the command can refuse work that would run for hours instead of starting it.
//!
//! The model: the dominant step is the Hessian over Krawczyk's box, M forward-over-reverse
//! passes over the n samples, each about M interval operations, so n·M² operations; Newton's
//! exact Hessians and the two certified inertias scale the same way or below at these sizes.
//! Calibrated on this repository's reference machine (2 cores, README, Performance) with
//! two-layer nets of widths \[8, h, 1\], σ of degree 5 and n = M + 10 samples: exact rational
//! intervals about 20–30 µs per (sample, entry) (M = 51: 4 s, M = 101: 22 s, M = 141: see the
//! README), outward-rounded f64 intervals for tanh, sigmoid and softplus about 0.5 µs (M = 201:
//! 4 s). The rates are rounded up.

/// Seconds per (sample, Hessian entry) on the exact path (rational intervals).
const EXACT_SECONDS: f64 = 30e-6;

/// Seconds per (sample, Hessian entry) on the path of rigorous f64 enclosures.
const ENCLOSED_SECONDS: f64 = 1e-6;

/// Estimated wall time, in seconds on one core, of `certify` on a reduced network of `m`
/// parameters with `n` samples; `exact` for the rational path (polynomial, rational and
/// piecewise-linear σ), otherwise the f64-enclosure path (tanh, sigmoid, softplus).
pub fn estimated_seconds(m: usize, n: usize, exact: bool) -> f64 {
    let rate = if exact { EXACT_SECONDS } else { ENCLOSED_SECONDS };
    n.max(1) as f64 * (m as f64).powi(2) * rate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estimate_covers_the_measured_runs_and_grows_as_n_m_squared() {
        assert!((4.0..20.0).contains(&estimated_seconds(51, 61, true)));
        assert!((22.0..100.0).contains(&estimated_seconds(101, 111, true)));
        assert!((4.0..20.0).contains(&estimated_seconds(201, 211, false)));
        assert_eq!(estimated_seconds(200, 10, true), 4.0 * estimated_seconds(100, 10, true));
    }
}
