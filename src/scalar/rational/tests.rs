//! Unit tests of `Q`'s field operations and of the gcd it uses.

mod field {
    use super::super::*;

    fn p(s: &str) -> String {
        Q::parse(s).map(|q| q.to_canonical()).unwrap_or_else(|e| format!("{e:?}"))
    }

    #[test]
    fn decimals_are_read_as_the_exact_decimal_they_spell() {
        assert_eq!(p("0.1"), "1/10");
        assert_eq!(p("0.125"), "1/8");
        assert_eq!(p("1e-3"), "1/1000");
        assert_eq!(p("-2.5E+2"), "-250");
        assert_eq!(p(".5"), "1/2");
        assert_eq!(p("5."), "5");
        assert_eq!(p("-6/8"), "-3/4");
        assert_eq!(p("6/-8"), "Malformed(\"6/-8\")");
        assert_eq!(p("+7"), "7");
        assert_eq!(p("-0"), "0");
    }

    #[test]
    fn malformed_and_oversized_numbers_are_rejected() {
        for bad in ["", "-", ".", "1/", "/2", "1//2", "abc", "1e", "1.2.3", " 1", "1 ", "0x10", "1e+", "--1", "1/2/3"] {
            assert!(matches!(Q::parse(bad), Err(NumberError::Malformed(_))), "{bad:?}");
        }
        assert!(matches!(Q::parse("1/0"), Err(NumberError::ZeroDenominator(_))));
        assert!(matches!(Q::parse("1e4097"), Err(NumberError::TooBig(_))));
        assert!(matches!(Q::parse("1e-4097"), Err(NumberError::TooBig(_))));
        assert!(matches!(Q::parse("1e99999999999"), Err(NumberError::TooBig(_))));
        assert!(Q::parse("1e4096").is_ok());
        assert!(matches!(Q::parse(&"9".repeat(MAX_DIGITS + 1)), Err(NumberError::TooBig(_))));
    }

    #[test]
    fn garbage_with_a_long_exponent_is_malformed_not_too_big() {
        // Too big (exit code 3) is for numbers past the limits; text that is no number at all is
        // malformed (exit code 2), however long its exponent.
        for bad in ["x1e123456789", "1 2e123456789", "矧e123456789", "1/2e123456789", "--1e123456789"] {
            assert!(matches!(Q::parse(bad), Err(NumberError::Malformed(_))), "{bad:?}");
        }
        assert!(matches!(Q::parse("-1.5e123456789"), Err(NumberError::TooBig(_))));
        assert!(matches!(Q::parse("1e-123456789"), Err(NumberError::TooBig(_))));
    }

    #[test]
    fn error_messages_cut_long_multi_byte_text_between_characters() {
        // 39 ASCII digits, then 3-byte characters: byte 40 falls inside the first of them.
        let text = format!("{}{}", "1".repeat(39), "矧".repeat(20));
        let msg = NumberError::TooBig(text).to_string();
        assert!(msg.contains(&format!("`{}矧…`", "1".repeat(39))), "{msg}");
        assert!(!msg.contains("矧矧"), "{msg}");
        // Short text is quoted whole, long ASCII text is cut at 40 characters.
        assert!(NumberError::TooBig("é".repeat(40)).to_string().contains(&format!("`{}`", "é".repeat(40))));
        let long = "7".repeat(41);
        assert!(NumberError::TooBig(long).to_string().contains(&format!("`{}…`", "7".repeat(40))));
        // The other messages quote user text the same way.
        let msg = NumberError::Malformed("ü".repeat(50)).to_string();
        assert!(msg.starts_with(&format!("`{}…`", "ü".repeat(40))), "{msg}");
        let msg = NumberError::ZeroDenominator(format!("{}/0", "1".repeat(39) + "€€")).to_string();
        assert!(msg.starts_with(&format!("`{}€…`", "1".repeat(39))), "{msg}");
    }
}

/// `Q::is_valid` rejects the representations no operation may return (the arithmetic property
/// tests rely on it failing for them).
mod validity {
    use super::super::*;

    fn raw(n: i64, d: i64) -> Q {
        Q(BigRational::new_raw(BigInt::from(n), BigInt::from(d)))
    }

    #[test]
    fn unreduced_or_negative_denominators_are_invalid() {
        assert!(!raw(6, 4).is_valid(), "6/4 is not in lowest terms");
        assert!(!raw(3, -4).is_valid(), "negative denominator");
        assert!(!raw(-3, -4).is_valid(), "negative denominator");
        assert!(!raw(0, 5).is_valid(), "zero must be 0/1");
        assert!(!raw(0, -1).is_valid(), "zero must be 0/1");
        let big = BigInt::from(3u8).pow(200u32);
        assert!(!Q(BigRational::new_raw(&big * 7, &big * 11)).is_valid(), "a large common factor");
    }

    #[test]
    fn canonical_values_are_valid() {
        for q in [raw(0, 1), raw(1, 1), raw(-3, 4), raw(7, 1), Q::new(6, -4), Q::parse("-10/15").unwrap()] {
            assert!(q.is_valid(), "{q}");
        }
        assert_eq!(Q::new(6, -4), raw(-3, 2));
    }
}

/// Our gcd against num-integer's (an independent implementation: Stein's algorithm).
mod gcd_tests {
    use super::super::gcd;
    use num_bigint::BigUint;
    use num_integer::Integer;
    use num_traits::One;
    use proptest::prelude::*;

    fn big(limbs: &[u64]) -> BigUint {
        super::super::from_limbs(limbs)
    }

    /// Products of powers of the primes below 20 (the denominators the workloads build), so that
    /// the gcd is large.
    fn smooth(exps: &[u32]) -> BigUint {
        [2u32, 3, 5, 7, 11, 13, 17, 19]
            .iter()
            .zip(exps)
            .fold(BigUint::one(), |acc, (&p, &e)| acc * BigUint::from(p).pow(e))
    }

    #[test]
    fn gcd_of_consecutive_fibonacci_numbers_is_one() {
        // Consecutive Fibonacci numbers: every Euclidean quotient is 1 (the longest case).
        let (mut a, mut b) = (BigUint::one(), BigUint::one());
        for _ in 0..600 {
            let c = &a + &b;
            a = b;
            b = c;
            assert!(gcd(&a, &b).is_one());
        }
        // And times a common factor, the factor.
        let f = smooth(&[40, 3, 7, 1, 0, 2, 9, 1]);
        assert_eq!(gcd(&(&a * &f), &(&b * &f)), f);
    }

    #[test]
    fn gcd_with_a_huge_quotient_takes_a_division_step() {
        // a = b·2^300 + r: the leading bits of b are zero where a's are not.
        let b = big(&[0x1234_5678_9abc_def1, 0xfeed_beef_dead_cafe, 0x77]);
        let r = big(&[12345, 678, 9]);
        let a = (&b << 300u32) + &r;
        assert_eq!(gcd(&a, &b), a.gcd(&b));
        assert_eq!(gcd(&b, &a), a.gcd(&b));
    }

    proptest! {
        /// The power-of-two shortcut: gcd(2^k, x) and gcd(x, 2^k) against num-integer's gcd,
        /// with x even, odd, zero or itself a power of two.
        #[test]
        fn gcd_with_a_power_of_two_equals_num_integers_gcd(
            k in 0u32..300,
            x in proptest::collection::vec(any::<u64>(), 0..6),
            t in 0u32..300,
        ) {
            let p = BigUint::one() << k;
            for y in [big(&x), big(&x) << t, BigUint::one() << t] {
                prop_assert_eq!(gcd(&p, &y), p.gcd(&y));
                prop_assert_eq!(gcd(&y, &p), p.gcd(&y));
            }
        }

        #[test]
        fn gcd_equals_num_integers_gcd(
            a in proptest::collection::vec(any::<u64>(), 0..8),
            b in proptest::collection::vec(any::<u64>(), 0..8),
            ea in proptest::collection::vec(0u32..40, 8),
            eb in proptest::collection::vec(0u32..40, 8),
            shift in 0u32..200,
        ) {
            let (a, b) = (big(&a), big(&b));
            prop_assert_eq!(gcd(&a, &b), a.gcd(&b));
            let (sa, sb) = (smooth(&ea), smooth(&eb));
            prop_assert_eq!(gcd(&sa, &sb), sa.gcd(&sb));
            let (x, y) = (&a * &sa, (&b << shift) * &sb);
            prop_assert_eq!(gcd(&x, &y), x.gcd(&y));
        }
    }
}

mod parsing {
    use super::super::*;
    #[test]
    fn the_word_fast_path_reads_what_the_general_parser_reads() {
        // Shapes the fast path takes (signs, leading zeros, unreduced fractions, 18 digits) and
        // shapes it must leave to the general parser (19 digits, decimals, exponents, a zero
        // denominator, a signed denominator, garbage): the value or the error is the same.
        let cases = [
            "0",
            "-0",
            "+0",
            "7",
            "+7",
            "-7",
            "007",
            "6/4",
            "-6/4",
            "+6/4",
            "0/5",
            "-0/5",
            "007/014",
            "999999999999999999",
            "-999999999999999999/999999999999999998",
            "1000000000000000000",
            "-1000000000000000000/3",
            "1/1000000000000000000",
            "2.5",
            "1e3",
            "1/0",
            "-1/0",
            "1/-2",
            "1/+2",
            "",
            "-",
            "/",
            "1/",
            "/2",
            "1//2",
            "a",
            "1 ",
            " 1",
            "--1",
            "+-1",
            "0x10",
        ];
        for s in cases {
            let fast = parse_small(s);
            let general = Q::parse_general(s);
            if let Some(q) = &fast {
                assert_eq!(Ok(q.clone()), general, "{s:?}");
                assert!(q.is_valid(), "{s:?} is not canonical");
            }
            assert_eq!(Q::parse(s), general, "{s:?}");
        }
        assert!(parse_small("999999999999999999").is_some() && parse_small("1000000000000000000").is_none());
    }
}
