//! Generated properties of the width operators (proptest: shrinks toward small widths and
//! small-height rationals): the sparse map equals the direct operation, (T^α)ᵀ P_α = I, and the
//! output is preserved at a fresh input ([P1] Lemma 1, Prop. 1; spec §2.1).

use embedcheck::activation::Activation;
use embedcheck::critical::random_params;
use embedcheck::embed::{Shape, Split};
use embedcheck::linalg::Matrix;
use embedcheck::net::outputs;
use embedcheck::rng::Rng;
use embedcheck::scalar::Q;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn split_map_matches_direct_and_inverts_transfer(
        hidden in prop::collection::vec(1usize..4, 1..3),
        seed in 0u64..1000,
        num in -4i64..5, den in 1i64..4,
        pick in 0usize..100,
    ) {
        let mut widths = vec![2];
        widths.extend(&hidden);
        widths.push(1);
        let params = random_params(&mut Rng::new(seed), &widths, 3);
        let shape = Shape::of(&params);
        let l = 1 + pick % hidden.len();
        let s = pick % widths[l];
        let split = Split::new(&shape, l, s, Q::new(num, den)).unwrap();
        let direct = split.apply(&params).unwrap();
        prop_assert_eq!(split.map().apply(&params.flatten()), direct.flatten());
        let prod = split.map().to_matrix().transpose().mul(&split.transfer_map().to_matrix());
        prop_assert_eq!(prod, Matrix::<Q>::identity(params.num_params()));
        let act = Activation::poly(vec![Q::new(1, 1), Q::new(1, 1), Q::new(1, 2)]);
        let x = vec![Q::new(1, 3), Q::new(-2, 1)];
        let e = act.exact().unwrap();
        prop_assert_eq!(outputs(&params, e, &x, 1).unwrap(), outputs(&direct, e, &x, 1).unwrap());
    }
}
