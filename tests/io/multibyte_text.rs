//! No panic on any input (issue 20, item 6): error messages that quote text from the user's
//! file cut it between characters, never inside a multi-byte UTF-8 character. The input that a
//! fuzz run of `parse_data` found (a long non-number with 3-byte characters and a 70-digit
//! exponent) is replayed here and, from `fuzz/corpus/parse_data/`, by `tests/fuzzing/targets.rs`.

use embedcheck::io::{parse_data, parse_network};
use std::process::Command;

const CRASH: &str = "fuzz/corpus/parse_data/crash-51557b74-multibyte-too-big.data.json";

fn crash_input() -> String {
    std::fs::read_to_string(format!("{}/{CRASH}", env!("CARGO_MANIFEST_DIR"))).expect("the corpus file is UTF-8")
}

#[test]
fn a_too_big_number_with_multi_byte_characters_is_an_error_not_a_panic() {
    let text = crash_input();
    // The shape that used to panic: the first input entry has a multi-byte character that
    // straddles byte 40, and an exponent of more than 8 digits.
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entry = v["inputs"][0][0].as_str().unwrap();
    assert!(!entry.is_char_boundary(40) && entry.len() > 40, "the regression input lost its shape");
    let e = parse_data(&text, "crash.data.json").expect_err("not a number");
    assert_eq!(e.place, "sample 1, input entry 1");
    // Text with non-digits is no number at all: bad input (exit code 2), not a resource limit.
    assert_eq!(e.exit_code(), 2, "{e}");
    let shown = e.to_string();
    assert!(shown.contains("is not a number"), "{shown}");
    // At most 40 characters of the entry are quoted, then an ellipsis.
    let quoted: String = entry.chars().take(40).collect();
    assert!(shown.contains(&format!("`{quoted}…`")), "{shown}");
}

#[test]
fn the_crashing_data_file_exits_2_through_the_binary() {
    let dir = std::env::temp_dir().join(format!("embedcheck-multibyte-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("crash.data.json");
    std::fs::write(&data, crash_input()).unwrap();
    let net = format!("{}/tests/data/small.net.json", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_embedcheck"))
        .args(["eval", "--net", &net, "--data", data.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains(data.to_str().unwrap()) && err.contains("sample 1, input entry 1"), "{err}");
}

/// A network file whose bias entry of layer 1 is `entry` (a JSON string).
fn net_with_bias(entry: &str) -> String {
    format!(
        r#"{{"format": "embedcheck.net/1", "activation": "identity", "layers": [{{"weight": [["1"]], "bias": [{}]}}]}}"#,
        serde_json::Value::String(entry.into())
    )
}

#[test]
fn too_big_numbers_are_quoted_by_characters_in_every_number_error() {
    // A number really past the limits (10 001 digits) is exit code 3 and quoted to 40 digits.
    let e = parse_network(&net_with_bias(&"9".repeat(10_001)), "n.net.json").unwrap_err();
    assert_eq!(e.exit_code(), 3, "{e}");
    assert!(e.message.starts_with(&format!("`{}…`", "9".repeat(40))), "{e}");
    // Non-numbers (with a long exponent, plain, as a fraction, all wide) with a 2-, 3- or
    // 4-byte character across byte 40: exit code 2, quoted to 40 characters.
    for wide in ["é", "矧", "𝄞"] {
        for text in [
            format!("{}{}e123456789", "1".repeat(39), wide.repeat(5)),
            format!("{}{}", "1".repeat(39), wide.repeat(5)),
            format!("{}/0{}", "1".repeat(38), wide.repeat(5)),
            format!("{}e1", wide.repeat(60)),
        ] {
            let e = parse_network(&net_with_bias(&text), "n.net.json").expect_err("not a number");
            assert_eq!(e.exit_code(), 2, "{e}");
            assert_eq!(e.place, "layer 1, bias entry 1");
            let quoted: String = text.chars().take(40).collect();
            assert!(e.message.starts_with(&format!("`{quoted}…`")), "{e}");
        }
    }
}

#[test]
fn unknown_activation_names_are_quoted_whole_without_panicking() {
    let name = "矧".repeat(30);
    let net = format!(r#"{{"format": "embedcheck.net/1", "activation": "{name}", "layers": []}}"#);
    let e = parse_network(&net, "n.net.json").unwrap_err();
    assert_eq!(e.place, "activation");
    assert!(e.to_string().contains(&format!("unknown activation \"{name}\"")), "{e}");
}
