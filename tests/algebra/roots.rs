//! Exact univariate algebra (src/algebra): root isolation, sign decisions and Q(α), checked
//! against hand-derived facts.

use embedcheck::algebra::{positive_roots, AlgNum, IsolatedRoot, Poly, RatFn, RealRoot};
use embedcheck::scalar::{Field, Ring, Q};
use std::cmp::Ordering;
use std::sync::Arc;

#[test]
fn exact_nth_roots_of_rationals_are_found_and_irrational_ones_refused() {
    // 125/32 = (5/2^(5/3))³ is not a cube; 27/8 = (3/2)³ is; −8 = (−2)³; −4 has no square root.
    assert_eq!(Q::new(27, 8).nth_root_exact(3), Some(Q::new(3, 2)));
    assert_eq!(Q::int(-8).nth_root_exact(3), Some(Q::int(-2)));
    assert_eq!(Q::new(125, 32).nth_root_exact(3), None);
    assert_eq!(Q::int(-4).nth_root_exact(2), None);
    assert_eq!(Q::new(9, 4).nth_root_exact(2), Some(Q::new(3, 2)));
}

#[test]
fn the_quartic_of_spec_b5_has_two_positive_roots_bracketed_by_hand() {
    // 10b⁴ − 5b + 1 at b = 1/5: 10/625 > 0; at 1/4: 10/256 − 1/4 < 0; at 7/10: 2401/1000 − 5/2 < 0;
    // at 3/4: 810/256 − 15/4 + 1 > 0. So one root in (1/5, 1/4) and one in (7/10, 3/4).
    let p = Poly::from_i64s(&[1, -5, 0, 0, 10]);
    let roots = positive_roots(&p);
    assert_eq!(roots.len(), 2);
    let brackets = [(Q::new(1, 5), Q::new(1, 4)), (Q::new(7, 10), Q::new(3, 4))];
    for (r, (lo, hi)) in roots.iter().zip(brackets) {
        let RealRoot::Algebraic(iso) = r else {
            panic!("no rational roots (rational root theorem: ±1, ±1/2, ±1/5, ±1/10 fail)")
        };
        assert_eq!(iso.sign_of(&Poly::new(vec![lo.neg(), Q::one()])), Ordering::Greater);
        assert_eq!(iso.sign_of(&Poly::new(vec![hi.neg(), Q::one()])), Ordering::Less);
    }
}

#[test]
fn algebraic_values_that_are_rational_are_recognised_exactly() {
    // α = √6/2 (root of 2b² − 3 inside a reducible modulus): 2α² + 1 = 4, (α² − 1)⁻¹ = 2.
    let p = Poly::from_i64s(&[-3, 0, 2]).mul(&Poly::from_i64s(&[7, 0, 2]));
    let alpha = Arc::new(IsolatedRoot::new(p, Q::one(), Q::int(2)).unwrap());
    let a = AlgNum::generator(&alpha);
    let a2 = a.mul(&a);
    assert_eq!(a2.scale_i64(2).add(&AlgNum::one()).as_rational(), Some(Q::int(4)));
    assert_eq!(a2.sub(&AlgNum::one()).inv().unwrap().as_rational(), Some(Q::int(2)));
    assert_eq!(a.as_rational(), None);
}

#[test]
fn rational_functions_reduce_to_lowest_terms() {
    // (b² − 1)/(b − 1) = b + 1.
    let f = RatFn::new(Poly::from_i64s(&[-1, 0, 1]), Poly::from_i64s(&[-1, 1]));
    assert_eq!(f, RatFn::poly(Poly::from_i64s(&[1, 1])));
    assert_eq!(f.mul(&f.inv().unwrap()), RatFn::one());
}
