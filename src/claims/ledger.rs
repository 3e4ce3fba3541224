//! The ledger itself: one entry per claim, grouped by paper. Result numbers are the ones the specs
//! (`width-depth.md`, `symmetry-linear.md`) name; where they name none, the section they give.
//! A claim whose wording a catalogue theorem already has links it (`Statement::Theorem`); the
//! others quote the paper as the spec gives it. `tests/claims/ledger.rs` checks every link.

use super::{Claim, Evidence, Paper, Statement, Verdict};

const NONE: &[&str] = &[];

const fn ev(
    theorems: &'static [&'static str],
    tests: &'static [&'static str],
    command: Option<&'static str>,
) -> Evidence {
    Evidence { theorems, tests, examples: NONE, proof: None, certificates: NONE, command }
}

const P1_THM2: &str = "If NN_B is K-neuron wider than NN_A and θ_A is a critical point of NN_A with W^[l] ≠ 0 for \
each layer, then for K splitting steps, θ_B = T_{l_K,s_K}⋯T_{l_1,s_1}θ_A and v_i = T_{l_K,s_K}⋯V_{l_i,s_i}⋯T_{l_1,s_1}θ_A \
(V in position i), the set {θ_B + Σ α_i v_i : α ∈ R^K} is a K-dimensional affine subspace of critical points with loss R(θ_A).";

const K_NEURON_HYPOTHESIS: &str = "each split neuron has a nonzero outgoing column at the step where it is split in the \
α = 0 composition (so the steps split neurons of θ_A with nonzero outgoing columns, never a copy, which is created with a \
zero column). W^[l] ≠ 0 does not give it: on spec Ex C (critical, every W^[l] ≠ 0), splitting neuron 1 and then its copy \
gives v_2 = 0 and a set of dimension 1 < K = 2, and T^0_{1,1} of Ex C (critical, outgoing weights (2, 0)) split at its \
second neuron gives v_1 = 0";

const K_NEURON_NOTE: &str = "Criticality of every point of the subspace, H(θ_B)v_i = 0 and dim span{v_i} = K are checked \
exactly on generated critical points that meet the hypothesis; proofs/k-neuron-subspace.md proves the refined statement \
and gives the counterexample to the original wording (also a test in tests/claims/ledger.rs).";

const K_NEURON_EVIDENCE: Evidence = Evidence {
    theorems: &["width.k_neuron.subspace"],
    tests: &["tests/theorem/catalogue.rs", "tests/embed/width_operators.rs", "tests/claims/ledger.rs"],
    examples: NONE,
    proof: Some("proofs/k-neuron-subspace.md"),
    certificates: NONE,
    command: Some("embedcheck check width.k_neuron.subspace"),
};

/// Every claim of the ledger.
pub(super) const CLAIMS: &[Claim] = &[
    // ---------------------------------------------------------------- [P1] arXiv 2105.14573
    Claim {
        id: "p1.lemma1.output",
        paper: Paper::P1,
        result: "Def. 5, Lemma 1",
        statement: Statement::Theorem("width.split.output"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: None,
        evidence: ev(
            &["width.split.output"],
            &["tests/theorem/catalogue.rs", "tests/embed/width_properties.rs", "tests/embed/width_operators.rs"],
            Some("embedcheck check width.split.output"),
        ),
    },
    Claim {
        id: "p1.lemma1.features",
        paper: Paper::P1,
        result: "Lemma 1",
        statement: Statement::Theorem("width.split.features"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: None,
        evidence: ev(&["width.split.features"], &["tests/theorem/catalogue.rs"], Some("embedcheck check width.split.features")),
    },
    Claim {
        id: "p1.prop1",
        paper: Paper::P1,
        result: "Prop. 1",
        statement: Statement::Theorem("width.split.transfer"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some(
            "Checked exactly for polynomial and rational σ, with the adjoint identity (T^α)ᵀ∇R_wide(T^α θ) = ∇R_narr(θ); \
             for tanh, sigmoid and softplus within the derived f64 tolerance (width.split.transfer.float).",
        ),
        evidence: ev(
            &["width.split.transfer", "width.split.adjoint", "width.split.transfer.float"],
            &["tests/theorem/catalogue.rs", "tests/embed/width_operators.rs", "tests/embed/width_properties.rs"],
            Some("embedcheck check width.split.transfer width.split.adjoint width.split.transfer.float"),
        ),
    },
    Claim {
        id: "p1.thm1",
        paper: Paper::P1,
        result: "Thm 1",
        statement: Statement::Theorem("width.split.criticality"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: None,
        evidence: ev(
            &["width.split.criticality"],
            &["tests/embed/width_critical.rs", "tests/theorem/catalogue.rs"],
            Some("embedcheck check width.split.criticality"),
        ),
    },
    Claim {
        id: "p1.lemma2",
        paper: Paper::P1,
        result: "Lemma 2",
        statement: Statement::Text(
            "If M is a q-dimensional manifold of critical points and W^[l+1]_{:,s} ≠ 0 for every θ ∈ M, then \
             {T^α_{l,s}θ : θ ∈ M, α ∈ R} is a (q+1)-dimensional manifold of critical points of the wider network \
             (the degree of degeneracy grows by one).",
        ),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some(
            "Checked in its Hessian form: at a critical point with v* ≠ 0, a split raises n₀(H) by at least 1 \
             (the critical line α ↦ T^α θ is a null direction). The certificate is spec Ex E split with α = 2.",
        ),
        evidence: Evidence {
            theorems: &["hessian.degeneracy_increment"],
            tests: &["tests/hessian/theorem_s.rs", "tests/hessian/certificates.rs"],
            examples: NONE,
            proof: None,
            certificates: &["proofs/certificates/ex-e-split-alpha-2-degenerate.json"],
            command: Some("embedcheck check hessian.degeneracy_increment"),
        },
    },
    Claim {
        id: "p1.thm2",
        paper: Paper::P1,
        result: "Thm 2",
        statement: Statement::Text(P1_THM2),
        verdict: Verdict::Refined,
        hypothesis: Some(K_NEURON_HYPOTHESIS),
        note: Some(K_NEURON_NOTE),
        evidence: K_NEURON_EVIDENCE,
    },
    Claim {
        id: "p1.sec3.zero_loss_degeneracy",
        paper: Paper::P1,
        result: "§3.1 (citing Cooper)",
        statement: Statement::Text(
            "The degeneracy of global minima is M − n for one-dimensional output (M parameters, n training points).",
        ),
        verdict: Verdict::Refined,
        hypothesis: Some(
            "the output Jacobian J (n·m_L × M) has full row rank at the minimum, as for generic targets (Cooper: \
             regular values). In general, at a zero-loss point with ½-MSE, inertia(H) = (rank J, 0, M − rank J), so the \
             degeneracy is M − rank J ≥ M − n·m_L",
        ),
        note: Some(
            "The certificate is a zero-loss point the unconditional wording gets wrong: σ(t) = t + t², widths (1, 1, 1), \
             output weight 0 fitting constant targets at x = 0, 1, 2 (n = 3 < M = 4): rank J = 2, and H has two \
             independent null vectors, so the degeneracy is at least 2 > M − n = 1.",
        ),
        evidence: Evidence {
            theorems: &["hessian.cooper"],
            tests: &["tests/hessian/examples.rs", "tests/claims/ledger.rs"],
            examples: NONE,
            proof: None,
            certificates: &["proofs/certificates/zero-loss-rank-deficient-jacobian.json"],
            command: Some("embedcheck verify proofs/certificates/zero-loss-rank-deficient-jacobian.json"),
        },
    },
    Claim {
        id: "p1.fig1",
        paper: Paper::P1,
        result: "Fig. 1 (= [P2] Fig. 4.3)",
        statement: Statement::Text(
            "A wide two-layer tanh network (width 500, 50 one-dimensional training points, small initialisation, \
             full-batch gradient descent) first stagnates at a point whose output is close to that of the width-1 global \
             minimum, later near the width-3 global minimum's output: training is attracted to critical points embedded \
             from narrower networks.",
        ),
        verdict: Verdict::Empirical,
        hypothesis: None,
        note: Some(
            "Partly reproduced at small scale (examples/train_condense.rs: width 6, 20 points of y = tanh(3x), f64 full-batch \
             gradient descent, lr 1/20, seed 14). With σ5 = t − t³/3 + 2t⁵/15 and a small initialisation common to all \
             neurons (scale 10⁻², jitter 10⁻⁹) the run is attracted to the width-1 minimum embedded by splitting: the loss \
             plateaus at 1.5841e-2 from step ≈ 11 000 on, the spread of the incoming vectors peaks at 6.4e-7 and then falls \
             to 2e-16; `embedcheck certify` reduces the plateau point (step 11 218) to width 1 and proves an exact critical \
             point within 4.3e-16 of the refined narrow point, inertia (4, 0, 0), embedded critical point within 2.2e-2 of \
             the trained weights (tests/certify/trained_run.rs replays it). Not reproduced: from independent small \
             initialisations the neurons do not condense to duplicates (spread 1.1–1.6; the σ5 run plateaus near the \
             width-1 loss until step ≈ 44 000 and then drops to 4.4e-4), tanh runs (float only, no certificate) keep \
             spreading (common init: 2e-9 → 7.6e-3), and the paper's width-500 / width-3 scale and the second plateau \
             are not attempted. The exact statements it rests on (p1.thm1, p2.thm4.3) are confirmed.",
        ),
        evidence: Evidence {
            theorems: NONE,
            tests: &["tests/certify/trained_run.rs"],
            examples: &["examples/train_condense.rs"],
            proof: None,
            certificates: NONE,
            command: Some("cargo run --release --example train_condense"),
        },
    },
    Claim {
        id: "p1.fig3",
        paper: Paper::P1,
        result: "Fig. 3",
        statement: Statement::Text(
            "Splitting one neuron of a width-2 network at an (empirical) critical point equally into k = 2, 3 copies adds \
             exactly one zero eigenvalue to the Hessian per step; the negative-eigenvalue counts go 0 → 1 → 2 \
             (one-dimensional data) and 3 → 5 → 7 (Iris).",
        ),
        verdict: Verdict::Refined,
        hypothesis: Some(
            "at an exact critical point with v* ≠ 0 a split adds 1 + n₀(K_α) zero and n₋(K_α) negative eigenvalues \
             (Theorem S, width-depth spec §2.5), so 'exactly one zero per step' needs K_α nonsingular (for a scalar-output \
             two-layer net: the Fukumizu–Amari matrix A nonsingular); the constant increment of negative eigenvalues per \
             equal split is what Theorem S predicts",
        ),
        note: Some(
            "Certificates: spec Ex D is a strict local minimum (positive definite, inertia (5, 0, 0)) whose equal split \
             (α = 1/2) has two independent null vectors, inertia (6, 1, 2): one negative and two zero eigenvalues from one \
             step; Ex C is a strict local minimum whose split with α = 2 is a strict saddle (0 → 1 negative). The float \
             experiments on the 1-D data and Iris are not repeated.",
        ),
        evidence: Evidence {
            theorems: &["hessian.theorem_s", "hessian.fukumizu_amari"],
            tests: &["tests/hessian/theorem_s.rs", "tests/hessian/fukumizu_amari.rs", "tests/hessian/examples.rs"],
            examples: NONE,
            proof: None,
            certificates: &[
                "proofs/certificates/ex-d-narrow-minimum.json",
                "proofs/certificates/ex-d-split-alpha-half-degenerate.json",
                "proofs/certificates/ex-c-narrow-minimum.json",
                "proofs/certificates/ex-c-split-alpha-2-strict-saddle.json",
            ],
            command: Some("embedcheck verify proofs/certificates/ex-d-split-alpha-half-degenerate.json"),
        },
    },
    Claim {
        id: "p1.abstract.loss_independence",
        paper: Paper::P1,
        result: "abstract",
        statement: Statement::Text(
            "The embedding structure of critical points is independent of the loss function and the training data.",
        ),
        verdict: Verdict::Refined,
        hypothesis: Some(
            "the objective is a loss R_S alone, any ℓ that is C¹ in the outputs: the transfer identities use ℓ only \
             through ∇_f ℓ. With weight decay, R_S + (λ/2)‖θ‖², the splitting embedding is not critical unless the split \
             neuron is zero; the norm-preserving split of a positively homogeneous σ and a zero neuron with σ(0) = 0 are",
        ),
        note: Some(
            "proofs/weight-decay-embeddings.md proves the three weight-decay statements (§1: the plain split fails for \
             every α, a counterexample on every generated case of width.split.weight_decay.control.plain_split). The \
             losses mse, poly, huber and squared_hinge go exactly through back-propagation, forward mode and every Hessian \
             path, cross_entropy and logistic through the f64 path (tests/loss/paths_agree.rs, tests/loss/cli.rs). The \
             width theorems draw their cases' loss among mse, poly, huber and squared_hinge (tests/loss/catalogue.rs: \
             every width theorem holds under every family, with a control caught under each); the depth, Hessian, \
             symmetry and linear theorems state ½-MSE.",
        ),
        evidence: Evidence {
            theorems: &["width.split.weight_decay.norm_preserving", "width.null.weight_decay.zero_neuron"],
            tests: &["tests/theorem/catalogue.rs", "tests/loss/catalogue.rs", "tests/loss/paths_agree.rs", "tests/loss/cli.rs"],
            examples: NONE,
            proof: Some("proofs/weight-decay-embeddings.md"),
            certificates: NONE,
            command: Some("embedcheck check width.split.weight_decay.norm_preserving width.split.weight_decay.control.plain_split"),
        },
    },
    // ---------------------------------------------------------------- [P2] arXiv 2111.15527
    Claim {
        id: "p2.lemma4.1.output",
        paper: Paper::P2,
        result: "Def. 4.3, Lemma 4.1",
        statement: Statement::Theorem("width.null.output"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: None,
        evidence: ev(
            &["width.null.output"],
            &["tests/theorem/catalogue.rs", "tests/embed/width_operators.rs"],
            Some("embedcheck check width.null.output"),
        ),
    },
    Claim {
        id: "p2.lemma4.1.transfer",
        paper: Paper::P2,
        result: "Lemma 4.1",
        statement: Statement::Theorem("width.null.transfer"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some("Exact for polynomial and rational σ; for tanh, sigmoid and softplus within the derived f64 tolerance (width.null.transfer.float)."),
        evidence: ev(
            &["width.null.transfer", "width.null.transfer.float"],
            &["tests/theorem/catalogue.rs", "tests/embed/width_operators.rs"],
            Some("embedcheck check width.null.transfer width.null.transfer.float"),
        ),
    },
    Claim {
        id: "p2.prop4.1",
        paper: Paper::P2,
        result: "Prop. 4.1",
        statement: Statement::Theorem("width.null.criticality"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some(
            "It uses the bias of layer l+1, which [P2]'s architecture (and embedcheck's format) always has; without it \
             the new column's gradient is σ(β)·E_S[e^[l+1]] (width-depth spec §2.2). No condition on σ(0).",
        ),
        evidence: ev(
            &["width.null.criticality"],
            &["tests/theorem/catalogue.rs"],
            Some("embedcheck check width.null.criticality"),
        ),
    },
    Claim {
        id: "p2.prop4.2",
        paper: Paper::P2,
        result: "Def. 4.2, Prop. 4.2",
        statement: Statement::Text(
            "The one-step splitting embedding is a critical embedding: for every data set, loss and activation it \
             preserves the output function on all of R^d, the representation (the span of each hidden layer's features \
             and the constant 1) and criticality, for every α.",
        ),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: None,
        evidence: ev(
            &["width.split.output", "width.split.representation", "width.split.criticality"],
            &["tests/theorem/catalogue.rs", "tests/embed/width_critical.rs"],
            Some("embedcheck check width.split.output width.split.representation width.split.criticality"),
        ),
    },
    Claim {
        id: "p2.thm4.2",
        paper: Paper::P2,
        result: "Def. 4.6, Thm 4.2",
        statement: Statement::Theorem("width.multistep.criticality"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some("Checked with the composed gradient transfer (product of one-step transfer maps) at every θ."),
        evidence: ev(
            &["width.multistep.transfer", "width.multistep.criticality"],
            &["tests/theorem/catalogue.rs", "tests/embed/width_operators.rs"],
            Some("embedcheck check width.multistep.transfer width.multistep.criticality"),
        ),
    },
    Claim {
        id: "p2.thm4.3",
        paper: Paper::P2,
        result: "Thm 4.3 (embedding principle)",
        statement: Statement::Text(
            "For any network and any K-neuron wider network there is a composition embedding T such that, for every data \
             set, loss and activation, every critical point θ_c of the narrower network is mapped to a critical point \
             T(θ_c) of the wider one with the same output function.",
        ),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some("Checked on generated compositions of splitting and null steps at exact critical points; each step preserves the output function on all inputs."),
        evidence: ev(
            &["width.multistep.criticality", "width.split.output", "width.null.output"],
            &["tests/theorem/catalogue.rs", "tests/embed/width_critical.rs"],
            Some("embedcheck check width.multistep.criticality width.split.output width.null.output"),
        ),
    },
    Claim {
        id: "p2.cor4.1",
        paper: Paper::P2,
        result: "Cor. 4.1",
        statement: Statement::Text(
            "The set of critical functions of a network is contained in the set of critical functions of any wider network.",
        ),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some("Follows from Thm 4.3 and is checked by the same compositions: the wide critical point computes the narrow critical function."),
        evidence: ev(
            &["width.multistep.criticality"],
            &["tests/theorem/catalogue.rs"],
            Some("embedcheck check width.multistep.criticality"),
        ),
    },
    Claim {
        id: "p2.lemma5.1",
        paper: Paper::P2,
        result: "Def. 5.1–5.2, Lemma 5.1",
        statement: Statement::Theorem("width.compatible.transfer"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some(
            "Conditions 1–2 are checked as [P2] writes them (Condition 2 read literally) and in the bias-compensated \
             reading, which also preserves output and criticality but is not [P2]'s definition (width-depth spec §2.4).",
        ),
        evidence: ev(
            &["width.compatible.output", "width.compatible.transfer"],
            &["tests/theorem/catalogue.rs", "tests/embed/width_operators.rs"],
            Some("embedcheck check width.compatible.output width.compatible.transfer"),
        ),
    },
    Claim {
        id: "p2.thm5.1",
        paper: Paper::P2,
        result: "Thm 5.1",
        statement: Statement::Theorem("width.compatible.criticality"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some("Representation preservation (Def. 4.2 (ii)) is checked by exact ranks on the data and on fresh inputs."),
        evidence: ev(
            &["width.compatible.representation", "width.compatible.criticality"],
            &["tests/theorem/catalogue.rs"],
            Some("embedcheck check width.compatible.representation width.compatible.criticality"),
        ),
    },
    Claim {
        id: "p2.thm6.1",
        paper: Paper::P2,
        result: "Thm 6.1 (= [P1] Thm 2)",
        statement: Statement::Text(P1_THM2),
        verdict: Verdict::Refined,
        hypothesis: Some(K_NEURON_HYPOTHESIS),
        note: Some(K_NEURON_NOTE),
        evidence: K_NEURON_EVIDENCE,
    },
    Claim {
        id: "p2.thm6.2",
        paper: Paper::P2,
        result: "Thm 6.2 (irreversibility)",
        statement: Statement::Text(
            "For any critical embedding T and any θ (critical or not), the numbers of positive, negative and zero \
             eigenvalues of H_wide(T(θ)) are each at least those of H_narr(θ): they may increase but never decrease as the \
             network becomes wider.",
        ),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some(
            "What is checked: n₊ and n₋ at every θ, critical or not, for one-step splitting and null embeddings \
             (hessian.irreversibility); n₀ at critical points, where Theorems S and N give the exact increments \
             (1 + n₀(K_α) per split, m_{l+1} + m_{l−1} + 1 − 2r per null step). [P2]'s Courant–Fischer argument proves the \
             n₊ and n₋ parts only; n₀ at non-critical θ is neither checked nor proved here (width-depth spec §2.5). \
             The null-step increment is proved for every loss in proofs/null-embedding-inertia.md, and all three checks \
             run under ½-MSE, Huber and polynomial losses.",
        ),
        evidence: Evidence {
            theorems: &["hessian.irreversibility", "hessian.theorem_n", "hessian.theorem_s"],
            tests: &["tests/theorem/catalogue.rs", "tests/hessian/theorem_s.rs", "tests/hessian/examples.rs", "tests/loss/catalogue.rs"],
            examples: NONE,
            proof: Some("proofs/null-embedding-inertia.md"),
            certificates: NONE,
            command: Some("embedcheck check hessian.irreversibility hessian.theorem_n hessian.theorem_s"),
        },
    },
    Claim {
        id: "p2.thm6.3",
        paper: Paper::P2,
        result: "Def. 6.2, Thm 6.3, Lemmas 6.1–6.2",
        statement: Statement::Theorem("hessian.truly_bad.global_saddle"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some("Hence H^(2)(θ_c) = 0 is necessary for a truly-bad critical point. The certificate is spec Ex D's three-fold global splitting, uᵀH_wide u = −3/4."),
        evidence: Evidence {
            theorems: &["hessian.truly_bad.global_saddle"],
            tests: &["tests/hessian/truly_bad.rs", "tests/hessian/truly_bad_cli.rs"],
            examples: NONE,
            proof: None,
            certificates: &["proofs/certificates/ex-d-t-global-strict-saddle.json"],
            command: Some("embedcheck check hessian.truly_bad.global_saddle"),
        },
    },
    Claim {
        id: "p2.sec6.3.zero_loss",
        paper: Paper::P2,
        result: "§6.3",
        statement: Statement::Theorem("hessian.truly_bad.zero_loss"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some("So Thm 6.3's condition bites only at critical points that are not global minima."),
        evidence: ev(
            &["hessian.truly_bad.zero_loss"],
            &["tests/hessian/truly_bad.rs"],
            Some("embedcheck check hessian.truly_bad.zero_loss"),
        ),
    },
    // ---------------------------------------------------------------- [P3] arXiv 2205.13283
    Claim {
        id: "p3.lemma3",
        paper: Paper::P3,
        result: "Lemma 3",
        statement: Statement::Theorem("depth.lift.identities"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: None,
        evidence: ev(
            &["depth.lift.identities"],
            &["tests/depth/theorems.rs", "tests/depth/ex_f.rs"],
            Some("embedcheck check depth.lift.identities"),
        ),
    },
    Claim {
        id: "p3.prop2",
        paper: Paper::P3,
        result: "Prop. 2",
        statement: Statement::Text(
            "Critical lifting preserves criticality: if ∇R(θ) = 0, then ∇R_deep(θ') = 0 for every θ' ∈ T_S(θ).",
        ),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some(
            "Checked through the gradient transfer ∇R_deep(θ') = DΨ(θ')ᵀ∇R(θ) at every θ, critical or not, and directly \
             at exact critical points, for one and two inserted layers.",
        ),
        evidence: ev(
            &["depth.lift.gradient_transfer", "depth.lift.criticality"],
            &["tests/depth/theorems.rs", "tests/depth/ex_f.rs"],
            Some("embedcheck check depth.lift.gradient_transfer depth.lift.criticality"),
        ),
    },
    Claim {
        id: "p3.thm1",
        paper: Paper::P3,
        result: "Thm 1 (embedding principle in depth)",
        statement: Statement::Text(
            "For any deeper network NN' and any critical point θ_c of NN there is θ'_c with f_{θ'_c} = f_{θ_c} on the \
             training inputs and ∇R(θ'_c) = 0.",
        ),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some(
            "For σ with a non-constant affine segment ([P3] Assumption 1: ReLU, leaky ReLU) the lifting is exact and so \
             is the check; for tanh-like σ it holds only approximately (p3.def3.approximate).",
        ),
        evidence: ev(
            &["depth.lift.criticality"],
            &["tests/depth/theorems.rs", "tests/depth/ex_f.rs", "tests/depth/cli.rs"],
            Some("embedcheck check depth.lift.criticality"),
        ),
    },
    Claim {
        id: "p3.prop3",
        paper: Paper::P3,
        result: "Prop. 3",
        statement: Statement::Theorem("depth.lift.data_dependence"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some("Spec Ex F: adding x = 6 to the data expels the second lift from T_S(θ)."),
        evidence: ev(
            &["depth.lift.data_dependence"],
            &["tests/depth/theorems.rs", "tests/depth/ex_f.rs"],
            Some("embedcheck check depth.lift.data_dependence"),
        ),
    },
    Claim {
        id: "p3.sec4.merge",
        paper: Paper::P3,
        result: "§4 (merging layers by multiplying weights)",
        statement: Statement::Theorem("depth.merge.left_inverse"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: None,
        evidence: ev(
            &["depth.merge.left_inverse"],
            &["tests/depth/theorems.rs", "tests/depth/cli.rs"],
            Some("embedcheck check depth.merge.left_inverse"),
        ),
    },
    Claim {
        id: "p3.eq1.mpc",
        paper: Paper::P3,
        result: "Eq. 1, Def. 3 (ii)",
        statement: Statement::Theorem("depth.mpc.inserted_layer"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: None,
        evidence: ev(
            &["depth.mpc.inserted_layer"],
            &["tests/depth/theorems.rs", "tests/depth/cli.rs"],
            Some("embedcheck check depth.mpc.inserted_layer"),
        ),
    },
    Claim {
        id: "p3.def3.approximate",
        paper: Paper::P3,
        result: "Def. 3 (remark on tanh-like σ)",
        statement: Statement::Text(
            "For activations without an affine segment, such as tanh, critical lifting holds 'approximately', through the \
             nearly linear part of σ.",
        ),
        verdict: Verdict::Empirical,
        hypothesis: None,
        note: Some(
            "Reproduced within tolerance (f64 path, not exact): a float lifting (inserted layer c·identity-like, next \
             layer divided by c·σ'(0)) keeps the outputs, merges back and transfers gradients within the Taylor remainder \
             of σ at 0 propagated through the layers above, plus rounding (derived bounds, width-depth spec §6 item 12).",
        ),
        evidence: ev(
            &["depth.lift.float.outputs", "depth.lift.float.merge", "depth.lift.float.gradient_transfer"],
            &["tests/depth/float.rs"],
            Some("embedcheck check depth.lift.float.outputs depth.lift.float.merge depth.lift.float.gradient_transfer"),
        ),
    },
    Claim {
        id: "p3.v3.strict_saddle",
        paper: Paper::P3,
        result: "v3 abstract, Fig. 4",
        statement: Statement::Text(
            "Through critical lifting a local minimum is lifted to strict saddle points: the Hessian of a width-2 ReLU \
             local minimum lifted by one and two layers has 0 → 1 → 2 (Iris: 1 → 2 → 3) significant negative eigenvalues.",
        ),
        verdict: Verdict::Refuted,
        hypothesis: None,
        note: Some(
            "At an exact critical point H_deep = DΨᵀ H DΨ, so a lifting never increases n₊ or n₋ and a local minimum is \
             never lifted to a strict saddle (proofs/depth-inertia.md; Ex F: (5, 0, 2) → (5, 0, 8)). The certificate is a \
             generated exact critical point of a leaky-ReLU net, widths (1, 1, 1), with inertia (3, 0, 1) (H ⪰ 0, the zero \
             is the rescaling symmetry), whose lift has inertia (3, 0, 3): found by the control \
             depth.lift.inertia.control.v3_strict_saddle (the v3 claim as a check) and re-found from its case seed. The \
             figure's negative eigenvalues are an artefact of approximate criticality (gradient L1 ≈ 1e−4): \
             examples/depth_near_critical.rs shows them shrink with the gradient and vanish at δ = 0. Float liftings of \
             tanh and sigmoid nets show no negative eigenvalue beyond the derived bound (depth.lift.float.inertia).",
        ),
        evidence: Evidence {
            theorems: &[
                "depth.lift.hessian_identity",
                "depth.lift.inertia",
                "depth.lift.float.inertia",
                "depth.lift.float.inertia.balanced",
            ],
            tests: &["tests/depth/theorems.rs", "tests/depth/ex_f.rs", "tests/depth/float.rs"],
            examples: &["examples/depth_near_critical.rs", "examples/depth_float_inertia.rs"],
            proof: Some("proofs/depth-inertia.md"),
            certificates: &["proofs/certificates/p3-v3-lifted-minimum.cert.json"],
            command: Some("embedcheck verify proofs/certificates/p3-v3-lifted-minimum.cert.json"),
        },
    },
    Claim {
        id: "p3.v4.degeneracy",
        paper: Paper::P3,
        result: "v4 abstract",
        statement: Statement::Text("Critical points lifted to a deeper network 'exhibit increased degeneracy'."),
        verdict: Verdict::Proved,
        hypothesis: None,
        note: Some(
            "Proved (item 3 of the page): at an exact critical point with DΨ onto, inertia(H_deep) = (n₊, n₋, n₀ + M' − M); \
             checked exactly by depth.lift.inertia on generated lifts and on Ex F.",
        ),
        evidence: Evidence {
            theorems: &["depth.lift.inertia", "depth.lift.hessian_identity"],
            tests: &["tests/depth/ex_f.rs", "tests/depth/theorems.rs"],
            examples: NONE,
            proof: Some("proofs/depth-inertia.md"),
            certificates: NONE,
            command: Some("embedcheck check depth.lift.inertia depth.lift.hessian_identity"),
        },
    },
    Claim {
        id: "p3.sec5.batchnorm",
        paper: Paper::P3,
        result: "§5, Fig. 5",
        statement: Statement::Text(
            "Batch normalization suppresses layer linearization: with BN (shift β₀ = 0) a larger scale γ₀ keeps the MPC of \
             hidden layers lower and shortens the stagnation of training, which vanishes at γ₀ = 1.5.",
        ),
        verdict: Verdict::Empirical,
        hypothesis: None,
        note: Some(
            "Partly reproduced at small scale (examples/p3_batchnorm.rs: widths (1, 20, 20, 1), tanh, 40 points of \
             y = 1.5 sin(x/3) + 0.3 sin(3x/2) on [−10, 10], init N(0, 0.1²), seed 3, f64 full-batch gradient descent, \
             lr 0.005, 40 000 steps; paper: width 50, lr 0.01, its target not printed). Without BN and with γ₀ = 0.1 the \
             run stagnates (loss 2.09e-2 and 1.52e-2 at the end, never below 1e-2) with one hidden layer at MPC > 0.99; \
             with γ₀ = 1 and 1.5 the loss passes 1e-2 at steps 14 400 and 13 100 and ends at 3.7e-3 and 3.2e-3, with no \
             layer at MPC > 0.99 (mean largest MPC after step 2 000: 0.995, 0.993, 0.971, 0.963 for no BN, γ₀ = 0.1, 1, \
             1.5). Not reproduced: the stagnation does not vanish at γ₀ = 1.5 — that run first sits near loss 0.12 for \
             about 4 000 steps (a plateau without any linearized layer), and γ₀ = 1 and 1.5 escape at nearly the same \
             time. The batch-norm backward pass is checked against central differences (tests/claims/p3_experiments.rs). Exact \
             core: a batch-normalized ReLU neuron with shift 0 that is not constant on the batch takes pre-activations of \
             both signs, so it cannot be the inserted layer of a critical lifting; with β = n|γ| it is affine on the batch \
             (depth.batchnorm.zero_shift).",
        ),
        evidence: Evidence {
            theorems: &["depth.batchnorm.zero_shift"],
            tests: &["tests/depth/theorems.rs", "tests/claims/p3_experiments.rs"],
            examples: &["examples/p3_batchnorm.rs"],
            proof: None,
            certificates: NONE,
            command: Some("cargo run --release --example p3_batchnorm"),
        },
    },
    Claim {
        id: "p3.fig3.linearization",
        paper: Paper::P3,
        result: "Fig. 3, App. C",
        statement: Statement::Text(
            "A 3-hidden-layer tanh network (width 50, one-dimensional data) first stagnates at the loss of the \
             1-hidden-layer network with the same output, with the MPC of hidden layers 1–2 close to 1; merging those \
             layers gives a critical point of the shallower network.",
        ),
        verdict: Verdict::Empirical,
        hypothesis: None,
        note: Some(
            "Reproduced at small scale, with the linear layers elsewhere (examples/p3_linearization.rs: widths \
             (1, 20, 20, 20, 1) and (1, 20, 1), tanh, 40 points of y = 1.5 sin(x/3) + 0.3 sin(3x/2) on [−10, 10], init \
             N(0, 0.1²), seed 3, f64 full-batch gradient descent, lr 0.005, 200 000 steps; paper: width 50, lr 0.01). The \
             deep net stagnates from step ≈ 20 000 on (loss 2.06e-2 – 2.12e-2 until step 120 000; from step ≈ 45 000 \
             gradient descent oscillates there, ‖∇R‖₂ ≈ 0.5, at a flat loss; smallest gradient at step 41 200: loss \
             2.0646e-2, ‖∇R‖₂ 1.6e-3) with MPC (0.982, 0.997, 0.9997): hidden layers 2 and 3 are effectively linear, layer 1 is not \
             (the paper reports layers 1–2). Merging layers 2–3 by their regression lines gives a 1-hidden-layer net of \
             loss 2.136e-2 (+3.5 %) whose gradient is not small (‖∇R‖₂ 0.11, in the first layer); 5 000 steps of gradient \
             descent from it reach loss 2.074e-2 (+0.46 %) with ‖∇R‖₂ 4.1e-4, so the deep stagnation point sits next to a \
             near-critical point of the shallower net, not on one. The 1-hidden-layer net trained alone from the same \
             seed descends slowly through the same level (2.065e-2 at step 149 700, 2.031e-2 at step 200 000) instead of \
             stagnating there. Control: merging layer 1 too (MPC 0.982) gives an affine map with loss 0.283. Not \
             attempted: the deep net's later escape (at step 200 000 it is at 1.94e-2) and the paper's counts of linear \
             layers for 4 and 5 hidden layers. The exact mechanism (an exact lifting has MPC = 1 in its inserted layer and \
             merges back) is confirmed in p3.eq1.mpc and p3.sec4.merge.",
        ),
        evidence: Evidence {
            theorems: NONE,
            tests: &["tests/claims/p3_experiments.rs"],
            examples: &["examples/p3_linearization.rs"],
            proof: None,
            certificates: NONE,
            command: Some("cargo run --release --example p3_linearization"),
        },
    },
    Claim {
        id: "p3.fig6.data",
        paper: Paper::P3,
        result: "Prop. 3, Fig. 6",
        statement: Statement::Text(
            "More training data shrinks the set of critical liftings: training escapes a stagnation point earlier when the \
             data set is enlarged (70 → 80 or 100 points), and the MPC drops abruptly at the switch.",
        ),
        verdict: Verdict::Empirical,
        hypothesis: None,
        note: Some(
            "Partly reproduced at small scale: the MPC drop, not the earlier escape (examples/p3_data_size.rs: widths \
             (1, 20, 20, 20, 1), tanh, init N(0, 0.1²), seed 3, lr 0.005; 40 000 steps on 28 grid points x = h(k + 1/2), \
             h = 20/39, then 60 000 more on 28, 32 or 40 points of the same grid, a superset each; targets \
             y = 1.5 sin(x/3) + 0.3 sin(3x/2); paper: width 50, 70 → 80, 100 points). At the switch the 28-point \
             stagnation point (loss 2.956e-2, MPC (0.974, 0.984, 0.999)) is no longer one: the loss on 32 and 40 points is \
             6.1e-2 and 1.5e-1 and the MPC of hidden layer 1 drops abruptly to 0.967 and 0.955 (then to a minimum of \
             0.946 for 40 points). But the switched runs do not escape to a lower loss: after refitting the new points \
             they stagnate again (2.43e-2 and 2.09e-2 at the end, against 2.46e-2 for the run kept on 28 points, each on \
             its own data), so 'more data → earlier escape' is not reproduced at this scale. The set inclusion behind \
             it (Prop. 3) is confirmed (p3.prop3). v3 gives no dimension formula in n: wherever DΨ is onto, the lifted set \
             is locally a manifold of dimension M' − M for every n (width-depth spec §3.3); more data only removes open \
             pieces.",
        ),
        evidence: Evidence {
            theorems: &["depth.lift.data_dependence"],
            tests: &["tests/depth/ex_f.rs", "tests/claims/p3_experiments.rs"],
            examples: &["examples/p3_data_size.rs"],
            proof: None,
            certificates: NONE,
            command: Some("cargo run --release --example p3_data_size"),
        },
    },
    // ---------------------------------------------------------------- Şimşek et al., arXiv 2105.12221
    Claim {
        id: "simsek.closed_forms",
        paper: Paper::Simsek,
        result: "abstract (closed forms via combinatorics; spec A.4)",
        statement: Statement::Theorem("symmetry.counts.closed_forms"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some(
            "The paper's printed forms of T and G were not read (symmetry spec, open question 1); these are the counts of \
             the objects of spec A.2, checked against brute-force enumeration and the spec's reference tables.",
        ),
        evidence: ev(
            &["symmetry.counts.closed_forms"],
            &["tests/symmetry/counts.rs", "tests/symmetry/cli.rs"],
            Some("embedcheck check symmetry.counts.closed_forms"),
        ),
    },
    Claim {
        id: "simsek.global_minima",
        paper: Paper::Simsek,
        result: "abstract (spec A.3)",
        statement: Statement::Text(
            "For a two-layer network of width m = r* + h the manifold of global minima consists of T(r*, m) affine \
             subspaces, each of dimension at least h, connected to one another.",
        ),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some(
            "Checked: each of the T(r*, m) subspaces Γ_C has zero loss and zero gradient for any σ and data; they are \
             distinct and maximal, of dimension h + q(d − 1) ≥ h, isolated at m = r* and connected for m > r* (exact ranks \
             with a symbolic teacher). That they are all of the global minima ('consists of') needs the functions σ(v·x) \
             to be linearly independent; it is not checked, and it fails for polynomial σ (symmetry spec A.3 item 2).",
        ),
        evidence: ev(
            &["symmetry.manifold.geometry", "symmetry.manifold.zero_loss"],
            &["tests/symmetry/manifold.rs", "tests/symmetry/cli.rs"],
            Some("embedcheck check symmetry.manifold.geometry symmetry.manifold.zero_loss"),
        ),
    },
    Claim {
        id: "simsek.deep_connectivity",
        paper: Paper::Simsek,
        result: "abstract (spec A.3 item 6)",
        statement: Statement::Text(
            "A network of L layers with minimal widths r*_1, …, r*_{L−1} reaches zero loss at r*_1!⋯r*_{L−1}! isolated \
             points; adding one neuron to each hidden layer connects them into one manifold.",
        ),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some(
            "Checked: with one spare neuron per hidden layer, explicit paths keep the function exactly and join θ to each \
             adjacent swap of hidden neurons (adjacent swaps generate every permutation). Isolation at minimal width is \
             checked for two layers only, among the constructed points (simsek.global_minima).",
        ),
        evidence: ev(
            &["symmetry.deep.swap_paths"],
            &["tests/symmetry/deep_paths.rs"],
            Some("embedcheck check symmetry.deep.swap_paths"),
        ),
    },
    Claim {
        id: "simsek.symmetry_induced",
        paper: Paper::Simsek,
        result: "abstract (G(r, m); spec A.5)",
        statement: Statement::Text(
            "G(r, m) counts the affine subspaces made only of symmetry-induced critical points, which come from critical \
             points of a width-r < r* network.",
        ),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some(
            "Checked: duplication (w_j = w_π(j), a_j = β_j a_π(j), Σ over each fibre of β = 1) maps a critical point to a \
             critical point with the same loss, by the lifting identity at every point; a null neuron (0, 0) keeps \
             criticality iff σ(0) = 0; zero-type neurons do not (they belong to T, not G). G = r!·S(m, r) is confirmed in \
             simsek.closed_forms.",
        ),
        evidence: ev(
            &["symmetry.lifting.critical", "symmetry.lifting.identity", "symmetry.lifting.null_neuron"],
            &["tests/symmetry/lifting.rs", "tests/theorem/catalogue.rs"],
            Some("embedcheck check symmetry.lifting.critical symmetry.lifting.identity symmetry.lifting.null_neuron"),
        ),
    },
    Claim {
        id: "simsek.dominance",
        paper: Paper::Simsek,
        result: "abstract (spec A.4)",
        statement: Statement::Text("G dominates for small h, T for h ≫ r*."),
        verdict: Verdict::Refined,
        hypothesis: Some(
            "comparing G(r* − 1, r* + h) with T(r*, r* + h): 'small' means 1 ≤ h < h_c(r*), the first h with T > G, which \
             is 2, 5, 12, 24 for r* = 10, 20, 50, 100 (≈ r*/4); no such h exists unless r* ≥ 7 (at h = 1, G/T = \
             (r*−1)(3r*−2)/(12(r*+2))); and T > G as soon as (r*/(r*−1))^{r*+h} > r* + 1, so T/G → ∞",
        ),
        note: Some("Whether the paper compares G(r* − 1, m) or a sum over r < r* is not known; the page shows the same conclusions for the sum."),
        evidence: Evidence {
            theorems: &["symmetry.counts.closed_forms"],
            tests: &["tests/symmetry/counts.rs", "tests/symmetry/cli.rs", "tests/claims/ledger.rs"],
            examples: NONE,
            proof: Some("proofs/symmetry-count-dominance.md"),
            certificates: NONE,
            command: Some("embedcheck count --crossover 10"),
        },
    },
    Claim {
        id: "simsek.fig4",
        paper: Paper::Simsek,
        result: "Fig. 4 caption (spec A.3 item 5)",
        statement: Statement::Text(
            "For m = r + 1 the subspaces have either one vanishing output weight or two identical incoming weight \
             vectors; for two hidden neurons reducible to one, the base subspace is joined to its permutation through \
             segments.",
        ),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some(
            "Checked: for m = r + 1 the intersection graph is bipartite between the m·r! zero-type-singleton subspaces and \
             the C(m, 2)·r! duplicated-pair subspaces; r = 1, m = 2 is the path Γ0 — segment — P(1,2)Γ0.",
        ),
        evidence: ev(
            &["symmetry.manifold.geometry"],
            &["tests/symmetry/manifold.rs", "tests/symmetry/cli.rs"],
            Some("embedcheck manifold --r 1 --m 2"),
        ),
    },
    // ---------------------------------------------------------------- Ziyin, Li, Meng, arXiv 2202.04777
    Claim {
        id: "zlm.eq1",
        paper: Paper::ZiyinLiMeng,
        result: "eq. 1 (noise average, symmetry-linear spec B.1)",
        statement: Statement::Theorem("linear.noise.average"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some("The averaged form is derived in the spec from eq. 1 and checked against enumeration of a two-point noise law."),
        evidence: ev(
            &["linear.noise.average"],
            &["tests/linear/model.rs", "tests/theorem/catalogue.rs"],
            Some("embedcheck check linear.noise.average"),
        ),
    },
    Claim {
        id: "zlm.thm4",
        paper: Paper::ZiyinLiMeng,
        result: "Theorem 4",
        statement: Statement::Text(
            "Every global minimiser has the form U = b r_D, W_l = b r_l r_{l−1}ᵀ (2 ≤ l ≤ D), W_1 = r_1 wᵀ with \
             w = b^D (k b^{2D} A + γI)^{−1} E[xy], unit vectors r_l (entries ±1/√d_l when s² > 0), and b = 0 or a positive \
             root of b^{2D−2} mᵀ(k b^{2D} A + γI)^{−2} m = 1.",
        ),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some(
            "The theorem's text could not be read; this is its form as derived in symmetry-linear spec B.2–B.3. Checked \
             exactly: the formula's points are critical (rational b, and algebraic b modulo its minimal polynomial), and on \
             the spec's test vectors the global one is chosen exactly. That no other global minimiser exists is not \
             checked exactly (spec B.3: float restarts only).",
        ),
        evidence: ev(
            &["linear.minimiser.rational", "linear.minimiser.algebraic"],
            &["tests/linear/minimiser.rs", "tests/theorem/catalogue.rs", "tests/linear/cli.rs"],
            Some("embedcheck check linear.minimiser.rational linear.minimiser.algebraic"),
        ),
    },
    Claim {
        id: "zlm.origin",
        paper: Paper::ZiyinLiMeng,
        result: "the origin as a bad minimum (symmetry-linear spec B.4)",
        statement: Statement::Theorem("linear.origin.inertia"),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some("So with two or more hidden layers the origin is a strict local minimum for every γ > 0 and every data distribution."),
        evidence: ev(
            &["linear.origin.inertia"],
            &["tests/linear/origin.rs", "tests/linear/model.rs", "tests/theorem/catalogue.rs"],
            Some("embedcheck check linear.origin.inertia"),
        ),
    },
    Claim {
        id: "zlm.transition",
        paper: Paper::ZiyinLiMeng,
        result: "phase transition (symmetry-linear spec B.4)",
        statement: Statement::Text(
            "With one hidden layer the global minimum leaves the origin continuously (a second-order transition at \
             γ = ‖E[xy]‖); with two or more hidden layers it jumps (a first-order transition at γ_c, where the origin and a \
             nonzero point are both global minima).",
        ),
        verdict: Verdict::Confirmed,
        hypothesis: None,
        note: Some(
            "Checked exactly at γ = γ_c for isotropic data with D ≥ 2: L(θ(β)) = L(0) with ∇L(θ(β)) = 0; the jump of the \
             global minimum and the D = 1 thresholds on the spec's design points in tests/linear/origin.rs.",
        ),
        evidence: ev(
            &["linear.threshold.tie"],
            &["tests/linear/origin.rs", "tests/linear/minimiser.rs"],
            Some("embedcheck check linear.threshold.tie"),
        ),
    },
    Claim {
        id: "zlm.small_init",
        paper: Paper::ZiyinLiMeng,
        result: "abstract (symmetry-linear spec B.4, practical consequence)",
        statement: Statement::Text(
            "With two or more hidden layers the origin is a bad local minimum, so small initialisation can get stuck there: \
             common initialisation methods are insufficient.",
        ),
        verdict: Verdict::Empirical,
        hypothesis: None,
        note: Some(
            "Reproduced (f64 gradient descent on the full loss, spec B.5 data, 3 starts each): from scale-10⁻³ starts the \
             2-hidden-layer net stays at L = E[y²] = 30 although the global minimum is ≈ 29.214, while the 1-hidden-layer \
             net escapes to its global minimum 28. The exact cause is confirmed: for D ≥ 2 the Hessian at the origin is \
             2γI (zlm.origin).",
        ),
        evidence: Evidence {
            theorems: &["linear.origin.inertia"],
            tests: &["tests/linear/origin.rs"],
            examples: &["examples/linear_small_init.rs"],
            proof: None,
            certificates: NONE,
            command: Some("cargo run --release --example linear_small_init"),
        },
    },
];
