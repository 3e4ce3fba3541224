//! Stating your own conjecture as a `Theorem` and running it through the harness.
//!
//! Conjecture (true, [P1] Lemma 1): after splitting neuron s with α = 1/2, neuron s and its copy
//! have equal outgoing columns. Run with `cargo run --example custom_theorem`.

use embedcheck::critical::random_params;
use embedcheck::embed::{Shape, Split};
use embedcheck::rng::Rng;
use embedcheck::scalar::Q;
use embedcheck::theorem::harness::{run, RunConfig};
use embedcheck::theorem::{Counterexample, Evidence, LossUse, Meta, Outcome, Size, Theorem, WidthRule};

struct HalfSplitIsSymmetric;

impl Theorem for HalfSplitIsSymmetric {
    fn meta(&self) -> Meta {
        Meta {
            id: "mine.split.half_symmetric",
            statement: "T^{1/2}_{l,s} gives neuron s and its copy equal outgoing columns.",
            source: "[P1] Def. 5",
            hypotheses: "any θ",
            // Hidden widths up to the requested `--max-width`; the claim involves no loss.
            widths: WidthRule::Requested,
            loss: LossUse::Free,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let widths = [2, 1 + rng.below(size.max_width), 1];
        let theta = random_params(rng, &widths, size.max_height);
        let s = rng.below(widths[1]);
        let wide = Split::new(&Shape::of(&theta), 1, s, Q::new(1, 2)).unwrap().apply(&theta).unwrap();
        let w = &wide.layer(2).weight;
        if w.col(s) == w.col(widths[1]) {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            let show = |v: Vec<Q>| format!("{v:?}");
            Outcome::Fails(Box::new(Counterexample {
                expected: show(w.col(s)),
                computed: show(w.col(widths[1])),
                case: serde_json::json!({}),
            }))
        }
    }
}

fn main() {
    let tally = run(&HalfSplitIsSymmetric, RunConfig { cases: 200, seed: 1, ..RunConfig::default() }, |_| {});
    println!("{}: {} cases, {} held, {} failed", tally.id, tally.cases, tally.held, tally.failed);
    assert_eq!(tally.failed, 0);
}
