//! Every catalogue theorem has at least one negative control (a deliberately wrong variant,
//! `Theorem::control_of` naming the theorem), every control names a catalogue theorem (that each is
//! caught is in `tests/theorem/catalogue.rs`), and `embedcheck theorems` lists them (`--json`:
//! a `controls` array per theorem; the human output: how many).

use embedcheck::catalogue;
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;

#[test]
fn every_catalogue_theorem_has_a_control() {
    let missing: Vec<&str> =
        catalogue::all().iter().map(|t| t.id()).filter(|id| catalogue::controls_of(id).is_empty()).collect();
    assert!(missing.is_empty(), "theorems without a negative control: {missing:?}");
}

#[test]
fn every_control_names_a_catalogue_theorem_and_theorems_name_none() {
    let all = catalogue::all();
    let ids: BTreeSet<&str> = all.iter().map(|t| t.id()).collect();
    for c in catalogue::controls() {
        let of = c.control_of().unwrap_or_else(|| panic!("{}: control_of is None", c.id()));
        assert!(ids.contains(of), "{} claims to control `{of}`, which is not a catalogue theorem", c.id());
        assert!(c.id().contains(".control."), "{}", c.id());
    }
    for t in &all {
        assert_eq!(t.control_of(), None, "{} is a theorem, not a control", t.id());
    }
    assert!(catalogue::controls_of("no.such.theorem").is_empty());
}

#[test]
fn the_new_controls_break_the_theorems_they_name() {
    for (theorem, control) in [
        ("width.null.output", "width.null.output.control.nonzero_outgoing"),
        ("width.multistep.criticality", "width.multistep.criticality.control.split_sum_two"),
        ("width.compatible.representation", "width.compatible.representation.control.perturbed_coefficient"),
        ("width.null.transfer.float", "width.null.transfer.float.control.no_sigma_beta"),
        ("depth.lift.criticality", "depth.lift.criticality.control.doubled_outgoing"),
        ("depth.mpc.inserted_layer", "depth.mpc.inserted_layer.control.straddling_kink"),
        // Named after their family, not their theorem: `control_of` says which.
        ("width.split.transfer.float", "width.split.control.float_swapped_alpha"),
        ("symmetry.lifting.null_neuron", "symmetry.lifting.control.null_always_critical"),
        ("symmetry.deep.swap_paths", "symmetry.deep.control.unaligned_spare"),
    ] {
        assert!(catalogue::controls_of(theorem).contains(&control), "{theorem}: {:?}", catalogue::controls_of(theorem));
    }
}

fn embedcheck(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn theorems_json_lists_the_controls_of_each_theorem() {
    let v: Value = serde_json::from_str(&embedcheck(&["theorems", "--json"])).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), catalogue::all().len());
    let mut listed = Vec::new();
    for row in rows {
        for key in ["id", "statement", "source", "hypotheses", "evidence"] {
            assert!(row[key].is_string(), "{key} missing in {row}");
        }
        let id = row["id"].as_str().unwrap();
        let controls: Vec<&str> = row["controls"]
            .as_array()
            .unwrap_or_else(|| panic!("{id}: no controls array"))
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert!(!controls.is_empty(), "{id} lists no controls");
        assert_eq!(controls, catalogue::controls_of(id), "{id}");
        listed.extend(controls);
    }
    // Each control is listed once, under one theorem, and none is left out.
    let n = listed.len();
    let listed: BTreeSet<&str> = listed.into_iter().collect();
    assert_eq!(listed.len(), n);
    let all: BTreeSet<&str> = catalogue::controls().iter().map(|c| c.id()).collect();
    assert_eq!(listed, all);
    let null_output = rows.iter().find(|r| r["id"] == "width.null.output").unwrap();
    assert_eq!(null_output["controls"], serde_json::json!(["width.null.output.control.nonzero_outgoing"]));
}

#[test]
fn theorems_text_says_how_many_controls_each_theorem_has() {
    let text = embedcheck(&["theorems"]);
    let count = text.matches("\n  negative controls: ").count();
    assert_eq!(count, catalogue::all().len());
    assert!(!text.contains("negative controls: 0"));
    assert!(text.contains("negative controls: 2 (width.split.control.swapped_alpha, width.split.control.wrong_column)"));
}
