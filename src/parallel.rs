//! Exact work split over threads: the results are the same values in the same order whatever the
//! number of threads, so a parallel exact computation is exactly the sequential one.

/// `items.iter().map(f)` computed on up to `jobs` threads (the calling thread and `jobs − 1`
/// scoped ones), each taking one contiguous chunk; the results keep the order of `items`. With
/// `jobs ≤ 1` or fewer than two items it runs on the calling thread alone.
///
/// # Panics
/// If `f` panics on a worker (the panic is propagated).
pub fn map_chunks<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if jobs <= 1 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let size = items.len().div_ceil(jobs.min(items.len()));
    let f = &f;
    let (first, rest) = items.split_at(size);
    std::thread::scope(|scope| {
        let workers: Vec<_> =
            rest.chunks(size).map(|chunk| scope.spawn(move || chunk.iter().map(f).collect::<Vec<R>>())).collect();
        let mut out: Vec<R> = first.iter().map(f).collect();
        for w in workers {
            out.extend(w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        out
    })
}

/// Below this much work (samples × parameters for a gradient) threads cost more than they save:
/// measured on the 2-core machine of the README's performance table, the exact W1 gradient
/// (32 × 369 ≈ 1.2·10⁴) took 2.6 ms on one thread and 3.3 ms on two, W4's (64 × 1377 ≈ 8.8·10⁴)
/// 11.4 ms on one and 8.2 ms on two. After the gradient's passes stopped allocating per entry
/// (2026-12-05) W1 still loses: its whole `eval` process took 3.55 ms on one thread, 4.45 ms on
/// two.
pub const MIN_PARALLEL_WORK: usize = 50_000;

/// The threads to use by default for `work` units ([`MIN_PARALLEL_WORK`]): one below the
/// threshold, else the number of cores.
pub fn default_jobs(work: usize) -> usize {
    if work < MIN_PARALLEL_WORK {
        1
    } else {
        std::thread::available_parallelism().map_or(1, usize::from)
    }
}

#[cfg(test)]
mod tests {
    use super::{default_jobs, map_chunks, MIN_PARALLEL_WORK};

    #[test]
    fn small_work_runs_on_one_thread_and_large_work_on_every_core() {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        assert_eq!(default_jobs(MIN_PARALLEL_WORK - 1), 1);
        assert_eq!(default_jobs(MIN_PARALLEL_WORK), cores);
    }

    #[test]
    fn every_job_count_gives_the_sequential_results_in_order() {
        let items: Vec<u64> = (0..37).collect();
        let expected: Vec<u64> = items.iter().map(|x| x * x + 1).collect();
        for jobs in [0, 1, 2, 3, 8, 37, 100] {
            assert_eq!(map_chunks(&items, jobs, |x| x * x + 1), expected, "jobs {jobs}");
        }
        assert!(map_chunks(&[] as &[u64], 4, |x| *x).is_empty());
    }
}
