//! The file readers never panic: arbitrary bytes and arbitrary JSON-ish text into
//! `io::parse_network` and `io::parse_data` give `Ok` or a located `InputError` (issue 3, item 6).

use embedcheck::io::{parse_data, parse_network};
use proptest::prelude::*;

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// Text built from the tokens of the two formats, so most cases get past the JSON parser and
/// exercise the shape and number checks.
fn jsonish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("null".to_string()),
        Just("true".to_string()),
        Just("\"format\"".to_string()),
        Just("\"embedcheck.net/1\"".to_string()),
        Just("\"embedcheck.data/1\"".to_string()),
        Just("\"activation\"".to_string()),
        Just("\"layers\"".to_string()),
        Just("\"weight\"".to_string()),
        Just("\"bias\"".to_string()),
        Just("\"inputs\"".to_string()),
        Just("\"targets\"".to_string()),
        Just("\"poly\"".to_string()),
        Just("\"rational\"".to_string()),
        Just("\"num\"".to_string()),
        Just("\"den\"".to_string()),
        Just("\"relu\"".to_string()),
        Just("\"tanh\"".to_string()),
        Just("\"leaky_relu\"".to_string()),
        Just("\"1/0\"".to_string()),
        Just("1e99999".to_string()),
        Just("\"-3/4\"".to_string()),
        Just("0.1".to_string()),
        Just("-0".to_string()),
        "-?[0-9]{1,4}(\\.[0-9]{1,3})?(e-?[0-9]{1,5})?",
        "\"[-+0-9./eE]{0,8}\"",
    ];
    prop::collection::vec(token, 0..40).prop_map(|t| t.join(""))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_the_readers(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse_network(&text, "fuzz.net.json");
        let _ = parse_data(&text, "fuzz.data.json");
    }

    #[test]
    fn jsonish_text_never_panics_the_readers(text in jsonish()) {
        if let Err(e) = parse_network(&text, "fuzz.net.json") {
            prop_assert!(e.file == "fuzz.net.json" && (e.exit_code() == 2 || e.exit_code() == 3));
        }
        if let Err(e) = parse_data(&text, "fuzz.data.json") {
            prop_assert!(e.file == "fuzz.data.json" && (e.exit_code() == 2 || e.exit_code() == 3));
        }
    }

    /// Well-formed data files with arbitrary number strings in one slot: no panic.
    #[test]
    fn any_number_string_in_a_data_file_never_panics(s in "[-+0-9./eE]{0,12}") {
        let text = format!(r#"{{"format": "embedcheck.data/1", "inputs": [["{s}"]], "targets": [[1]]}}"#);
        let _ = parse_data(&text, "fuzz.data.json");
    }
}
