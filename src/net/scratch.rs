//! Reused f64 buffers for the batched path ([`evaluate_f64`](super::evaluate_f64)).
//!
//! The batched gradient needs a few n × m_l temporaries (8 MiB on workload W3). Taken fresh from
//! the allocator on every call they cost a page fault and a page clear per 4 KiB, because the
//! allocator hands the freed memory back to the system at the end of the call: about a fifth of
//! the time of a W3 gradient. So each thread keeps the buffers of its last batched evaluation,
//! at most [`MAX_KEPT`] of them and [`MAX_KEPT_ENTRIES`] entries in all, and hands them out
//! again. The results never depend on this: every buffer handed out is overwritten entirely
//! before it is read.

use ndarray::Array2;
use std::cell::RefCell;

/// At most this many buffers are kept per thread.
const MAX_KEPT: usize = 8;
/// At most this many f64 entries (64 MiB) are kept per thread.
const MAX_KEPT_ENTRIES: usize = 1 << 23;

thread_local! {
    static SPARE: RefCell<Vec<Vec<f64>>> = const { RefCell::new(Vec::new()) };
}

/// A `rows × cols` array with unspecified (finite or not) entries: left from an earlier use, or
/// zero. The caller overwrites every entry before reading any.
pub(super) fn array(rows: usize, cols: usize) -> Array2<f64> {
    let len = rows * cols;
    let reused = SPARE.with_borrow_mut(|spare| {
        let best = spare
            .iter()
            .enumerate()
            .filter(|(_, b)| b.capacity() >= len)
            .min_by_key(|(_, b)| b.capacity())
            .map(|(i, _)| i);
        best.map(|i| spare.swap_remove(i))
    });
    let mut v = reused.unwrap_or_default();
    if v.len() >= len {
        v.truncate(len);
    } else {
        v.resize(len, 0.0);
    }
    Array2::from_shape_vec((rows, cols), v).expect("rows × cols entries")
}

/// Gives `a`'s storage back for a later [`array()`] on this thread (or frees it, past the limits).
pub(super) fn recycle(a: Array2<f64>) {
    let (v, _) = a.into_raw_vec_and_offset();
    if v.capacity() == 0 {
        return;
    }
    SPARE.with_borrow_mut(|spare| {
        let kept: usize = spare.iter().map(Vec::capacity).sum();
        if spare.len() < MAX_KEPT && kept + v.capacity() <= MAX_KEPT_ENTRIES {
            spare.push(v);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A recycled buffer comes back for a request that fits, with the requested shape.
    #[test]
    fn a_recycled_buffer_is_handed_out_again_with_the_requested_shape() {
        let a = array(4, 5);
        let ptr = a.as_ptr();
        recycle(a);
        let b = array(3, 5);
        assert_eq!(b.dim(), (3, 5));
        assert_eq!(b.as_ptr(), ptr);
        let c = array(100, 100);
        assert_eq!(c.dim(), (100, 100));
        assert_ne!(c.as_ptr(), ptr);
    }
}
