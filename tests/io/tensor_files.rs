//! Weights and data from PyTorch and numpy (contract, "Weights and data from other tools"): files
//! written by numpy and the safetensors Python package (`tests/data/tensors/make.py`) are read
//! exactly, converted in every direction, and every malformed one ends with exit code 2 naming
//! the file (and the tensor), writing nothing.

use crate::common;

use common::{run, text};
use embedcheck::io::{read_data_any, read_network_as};
use embedcheck::scalar::Q;

const DIR: &str = "tests/data/tensors";

fn tmp(name: &str) -> String {
    common::tmp("tensors", name)
}

fn q(s: &str) -> Q {
    Q::parse(s).unwrap()
}

/// 0.1 stored as F32 is 13421773/134217728 and as F64 3602879701896397/36028797018963968
/// (Python: `Fraction(float(np.float32(0.1)))`, `Fraction(0.1)`), never 1/10.
#[test]
fn torch_safetensors_values_are_the_dyadic_rationals_they_are() {
    let net = read_network_as(&format!("{DIR}/seq_2_3_1.safetensors"), None).unwrap();
    assert_eq!(net.params.widths(), vec![2, 3, 1]);
    assert!(net.activation.to_string().starts_with("poly"), "{}", net.activation);
    let l1 = net.params.layer(1);
    assert_eq!(l1.weight.get(0, 0), &q("13421773/134217728"));
    assert_eq!(l1.weight.get(2, 1), &q("-3"));
    assert_eq!(l1.bias.as_ref().unwrap()[1], q("1/2"));
    let l2 = net.params.layer(2);
    assert_eq!(l2.weight.get(0, 2), &q("3602879701896397/36028797018963968"));
    assert_eq!(l2.bias.as_ref().unwrap()[0], q("3/4"));
}

#[test]
fn numpy_npz_networks_use_w1_b1_names_and_a_string_activation() {
    let st = read_network_as(&format!("{DIR}/seq_2_3_1.safetensors"), None).unwrap();
    let npz = read_network_as(&format!("{DIR}/seq_2_3_1.npz"), None).unwrap();
    assert_eq!(npz.params, st.params, "the same arrays under both namings");
    assert_eq!(npz.activation.to_string(), "relu");
}

/// F16 1/3 is 0x3555 = 1365/4096; a missing `2.bias` is a bias-free output layer.
#[test]
fn half_precision_values_and_missing_biases() {
    let net = read_network_as(&format!("{DIR}/f16_biasfree_out.safetensors"), None).unwrap();
    assert_eq!(net.params.layer(1).bias.as_ref().unwrap()[0], q("1365/4096"));
    assert!(net.params.layer(2).bias.is_none());
}

/// `np.savez_compressed`; `targets` of shape `[n]` is one output per sample; 1e-3 as a double is
/// 1152921504606847/1152921504606846976.
#[test]
fn compressed_npz_data_with_one_dimensional_targets() {
    let d = read_data_any(&format!("{DIR}/data_4.npz")).unwrap();
    assert_eq!(d.len(), 4);
    assert_eq!(d.inputs()[3][0], q("1152921504606847/1152921504606846976"));
    assert_eq!(d.targets()[1], vec![q("-1/2")]);
}

#[test]
fn an_activation_flag_wins_and_none_at_all_is_exit_2() {
    let o =
        run(&["eval", "--net", &format!("{DIR}/no_activation.safetensors"), "--data", &format!("{DIR}/data_4.npz")]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("no activation") && text(&o).contains("--activation"), "{}", text(&o));
    let o = run(&[
        "eval",
        "--net",
        &format!("{DIR}/no_activation.safetensors"),
        "--data",
        &format!("{DIR}/data_4.npz"),
        "--activation",
        "identity",
        "--json",
    ]);
    assert!(o.status.success(), "{}", text(&o));
}

/// Exact values survive JSON → safetensors → npz → JSON when they are doubles (ex_a's integers).
#[test]
fn convert_round_trips_through_every_format() {
    let (st, npz, back) = (tmp("a.safetensors"), tmp("a.npz"), tmp("a.net.json"));
    for (from, to) in [("examples/nets/ex_a.net.json", st.as_str()), (&st, &npz), (&npz, &back)] {
        let o = run(&["convert", "--net", from, "--out", to]);
        assert!(o.status.success(), "{}", text(&o));
    }
    let a = read_network_as("examples/nets/ex_a.net.json", None).unwrap();
    let b = read_network_as(&back, None).unwrap();
    assert_eq!(a, b);
}

#[test]
fn rationalize_turns_float_weights_into_short_fractions() {
    let out = tmp("r.net.json");
    let o = run(&["convert", "--net", &format!("{DIR}/seq_2_3_1.safetensors"), "--out", &out, "--rationalize", "1e-6"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("2 value(s) rationalized"), "0.1f32 and 0.1f64 change: {}", text(&o));
    let net = read_network_as(&out, None).unwrap();
    assert_eq!(net.params.layer(1).weight.get(0, 0), &q("1/10"));
    assert_eq!(net.params.layer(2).weight.get(0, 2), &q("1/10"));
}

/// Every malformed file: exit 2, the file named, the tensor named where there is one, and the
/// output of `convert` not created.
#[test]
fn malformed_tensor_files_are_exit_2_naming_the_file_and_tensor_and_write_nothing() {
    let cases: [(&str, &[&str]); 12] = [
        ("truncated.safetensors", &["not a valid safetensors file"]),
        ("header_past_end.safetensors", &["not a valid safetensors file"]),
        ("overlap.safetensors", &["not a valid safetensors file"]),
        ("offset_out_of_range.safetensors", &["not a valid safetensors file"]),
        ("unknown_dtype.safetensors", &["not a valid safetensors file"]),
        ("inf.safetensors", &["tensor `0.weight`, element 2", "inf"]),
        ("no_chain.safetensors", &["tensor `2.weight`", "does not chain"]),
        ("fortran.npz", &["array `W1`", "Fortran"]),
        ("nan.npz", &["tensor `W1`, element 2", "NaN"]),
        ("complex.npz", &["array `W1`", "not supported"]),
        ("not_npz.npz", &["readme.txt", "not a .npy"]),
        ("not_a_zip.npz", &["not an npz file"]),
    ];
    for (file, needles) in cases {
        let path = format!("{DIR}/{file}");
        let out = tmp(&format!("out-{file}.net.json"));
        let o = run(&["convert", "--net", &path, "--out", &out, "--activation", "relu"]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(2), "{file}: {t}");
        assert!(t.contains(&path), "{file}: the message names the file: {t}");
        for n in needles {
            assert!(t.contains(n), "{file}: expected `{n}` in: {t}");
        }
        assert!(!t.contains("panicked"), "{file}: {t}");
        assert!(!std::path::Path::new(&out).exists(), "{file}: nothing may be written");
    }
}

#[test]
fn a_fortran_order_npy_is_refused_by_name() {
    let e = embedcheck::io::tensors::read_npy(&format!("{DIR}/fortran.npy")).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().contains("Fortran"), "{e}");
}
