//! The width claims and their deliberately wrong variants (negative controls).

/// Which identity or theorem a check is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Claim {
    SplitOutput,
    SplitFeatures,
    SplitTransfer,
    SplitAdjoint,
    SplitCriticality,
    SplitRepresentation,
    NullOutput,
    NullTransfer,
    NullCriticality,
    MultiTransfer,
    MultiCriticality,
    KNeuron,
    CompatibleOutput,
    CompatibleTransfer,
    CompatibleCriticality,
    CompatibleRepresentation,
}

/// The correct check, or one deliberate mistake a checker must catch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Variant {
    Correct,
    /// The outgoing column s is not rescaled by (1−α).
    NoRescale,
    /// Error vector of neuron s predicted unscaled (z_s instead of (1−α) z_s).
    ErrorUnscaled,
    /// α and 1−α swapped in P_α (or in T for the adjoint).
    SwappedAlpha,
    /// P_α transposed in place of T^α transposed in the adjoint identity.
    TransposeOfP,
    /// The copied gradient column placed from the wrong neuron.
    WrongColumn,
    /// The σ(β) factor of the null transfer dropped (σ(β) taken as 1).
    NoSigmaBeta,
    /// Null embedding into a layer whose next layer has no bias.
    NoNextBias,
    /// One forward sum of Condition 1 broken (row sum ≠ 1).
    BrokenForward,
    /// β ignored in the compatible transfer (taken as 1).
    BetaIgnored,
    /// Constant inputs from null neurons left uncancelled (Condition 2 violated).
    UncancelledNull,
    /// The copy's bias shifted by 1 after embedding (a feature outside the narrow span).
    PerturbedCopy,
    /// A split neuron with a zero outgoing column (hypothesis of \[P1\] Thm 2 violated).
    ZeroOutgoing,
}
