//! What an exact Hessian and its certified inertia will cost, estimated from the sizes before
//! starting, so that commands can refuse work the machine cannot do instead of running out of
//! memory or time.
//!
//! The model (calibrated on the workloads W1, M = 369, n = 32, and W4, M = 1377, n = 64, on a
//! 2-core x86-64 machine; README, Performance): the M² entries are rationals of about h bits
//! (h: the largest height of the gradient's entries, which the Hessian's entries share up to a
//! few bits, since both are sums over samples over the same per-layer common denominators), each
//! held as a reduced rational, while it is summed as an unreduced integer numerator, and in the
//! certificate as a reduced integer; the
//! fraction-free passes cost about n·M² big-integer products of h bits; the certified inertia
//! (float-guided congruence checked in `i128` and big-integer arithmetic, `linalg`) costs about
//! M³ machine-word products on top of the f64 eigendecomposition.

/// Estimated resources of an exact Hessian plus its certified inertia.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExactCost {
    /// Peak memory, in bytes.
    pub bytes: f64,
    /// Wall time on one core, in seconds.
    pub seconds: f64,
}

/// Bytes per Hessian entry besides its four h-bit integers (numerator and denominator, the
/// unreduced numerator, the certificate's integer copy): their headers and the certificate's
/// machine-word and float copies (W4: 1.09 GB peak for 1.9·10⁶ entries of ≤ 848 bits).
const ENTRY_OVERHEAD: f64 = 160.0;

/// Seconds per (sample, entry) product of an 800-bit entry (W1: 260 ns, W4: 110 ns; the larger
/// is taken), scaled linearly with the entry height.
const PRODUCT_SECONDS: f64 = 260e-9;

/// Seconds per M³ of the certified inertia (W4: 38 s for M³ = 2.6·10⁹, rounded up).
const INERTIA_SECONDS: f64 = 16e-9;

/// The estimate of the module docs for M = `m` parameters, n = `n` samples and entries of about
/// `height_bits` bits.
pub fn exact_hessian_cost(m: usize, n: usize, height_bits: u64) -> ExactCost {
    let (m, n, h) = (m as f64, n as f64, height_bits.max(64) as f64);
    ExactCost {
        bytes: m * m * (ENTRY_OVERHEAD + 4.0 * h / 8.0),
        seconds: n * m * m * PRODUCT_SECONDS * (h / 800.0) + m * m * m * INERTIA_SECONDS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estimate_covers_the_measured_w4_run() {
        // W4: 421 MB and 13 s for the Hessian, 1.1 GB and 50 s with the inertia (820-bit entries).
        let c = exact_hessian_cost(1377, 64, 848);
        assert!(c.bytes > 1.0e9 && c.bytes < 4.0e9, "{c:?}");
        assert!(c.seconds > 40.0 && c.seconds < 120.0, "{c:?}");
    }

    #[test]
    fn the_estimate_grows_as_m_squared_in_memory_and_m_cubed_in_time() {
        let (a, b) = (exact_hessian_cost(1000, 10, 800), exact_hessian_cost(2000, 10, 800));
        assert_eq!(b.bytes, 4.0 * a.bytes);
        assert!(b.seconds > 4.0 * a.seconds && b.seconds <= 8.0 * a.seconds);
    }
}
