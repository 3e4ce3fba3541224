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

impl Claim {
    /// The catalogue id of the theorem this claim is (its controls name it in
    /// [`Theorem::control_of`](crate::theorem::Theorem::control_of)).
    pub(crate) fn theorem_id(self) -> &'static str {
        use Claim::*;
        match self {
            SplitOutput => "width.split.output",
            SplitFeatures => "width.split.features",
            SplitTransfer => "width.split.transfer",
            SplitAdjoint => "width.split.adjoint",
            SplitCriticality => "width.split.criticality",
            SplitRepresentation => "width.split.representation",
            NullOutput => "width.null.output",
            NullTransfer => "width.null.transfer",
            NullCriticality => "width.null.criticality",
            MultiTransfer => "width.multistep.transfer",
            MultiCriticality => "width.multistep.criticality",
            KNeuron => "width.k_neuron.subspace",
            CompatibleOutput => "width.compatible.output",
            CompatibleTransfer => "width.compatible.transfer",
            CompatibleCriticality => "width.compatible.criticality",
            CompatibleRepresentation => "width.compatible.representation",
        }
    }
}

impl Claim {
    /// Whether the claim evaluates the networks at the case's fresh inputs (output and
    /// representation claims); the other claims' cases do not store them.
    pub(crate) fn uses_fresh_inputs(self) -> bool {
        use Claim::*;
        matches!(self, SplitOutput | SplitRepresentation | NullOutput | CompatibleOutput | CompatibleRepresentation)
    }
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
    /// The null neuron's outgoing column set to all ones instead of zero. Its feature is the
    /// constant σ(β), so every pre-activation of layer l+1 gains σ(β) at every input: the
    /// outputs change (by σ(β)·1 exactly when l+1 = L) unless σ(β) = 0 or the layers above
    /// flatten the shift.
    NullOutgoingOnes,
    /// The last step of a composition is a split of neuron s with outgoing coefficients
    /// (1−α, 1+α), summing to 2 instead of 1. The wide net then computes the narrow net with
    /// W^\[l+1\] + v e_sᵀ (v the column of neuron s): a different function, so at a critical θ the
    /// loss changes or the gradient is nonzero, unless v = 0 or f_s = 0 on the data.
    SplitSumTwo,
    /// One incoming coefficient α^\[l\]_{ij} of a non-null neuron i (a copy of narrow neuron k) of
    /// a hidden layer increased by 1 (the forward sum of Condition 1 becomes 2). The copy's
    /// pre-activation gains W_{k,I(j)} f_{I(j)}, so for σ of degree ≥ 2 its feature leaves
    /// span{f^\[l\], 1} (or, for a lone copy, f_k leaves the wide span): the exact ranks differ.
    PerturbedCoefficient,
}
