//! Brute-force enumeration of the objects that T, T1, G and G0 count (symmetry spec A.7, item 1):
//! set partitions as restricted-growth strings, injective labellings of their blocks,
//! surjections, and maps onto {0..r} that hit every label. Independent of the closed forms in
//! [`super::counts`], which they check.

use super::Configuration;

/// Calls `visit(rgs, k)` for every set partition of {0..n−1}, given as its restricted-growth
/// string (`rgs[0] = 0`, `rgs[j] ≤ 1 + max(rgs[..j])`) and its number of blocks k. For n = 0 the
/// empty partition is visited once (k = 0).
pub fn for_each_set_partition(n: usize, mut visit: impl FnMut(&[usize], usize)) {
    fn rec(rgs: &mut Vec<usize>, n: usize, blocks: usize, visit: &mut dyn FnMut(&[usize], usize)) {
        if rgs.len() == n {
            visit(rgs, blocks);
            return;
        }
        for b in 0..=blocks {
            rgs.push(b);
            rec(rgs, n, blocks.max(b + 1), visit);
            rgs.pop();
        }
    }
    rec(&mut Vec::with_capacity(n), n, 0, &mut visit);
}

/// Calls `visit(chosen)` for every injective map {0..r−1} → {0..k−1} (`chosen[i]` = image of i):
/// the (k)_r ways to put the teacher labels on r of k blocks.
pub fn for_each_injection(r: usize, k: usize, mut visit: impl FnMut(&[usize])) {
    fn rec(chosen: &mut Vec<usize>, used: &mut [bool], r: usize, visit: &mut dyn FnMut(&[usize])) {
        if chosen.len() == r {
            visit(chosen);
            return;
        }
        for b in 0..used.len() {
            if !used[b] {
                used[b] = true;
                chosen.push(b);
                rec(chosen, used, r, visit);
                chosen.pop();
                used[b] = false;
            }
        }
    }
    if r <= k {
        rec(&mut Vec::with_capacity(r), &mut vec![false; k], r, &mut visit);
    }
}

/// Calls `visit(config)` for every configuration of r teacher neurons on m student neurons
/// (spec A.2); only those whose zero-type groups are singletons when `singletons_only`.
pub fn for_each_configuration(r: usize, m: usize, singletons_only: bool, mut visit: impl FnMut(&Configuration)) {
    for_each_set_partition(m, |rgs, k| {
        if k < r {
            return;
        }
        let mut sizes = vec![0usize; k];
        for &b in rgs {
            sizes[b] += 1;
        }
        for_each_injection(r, k, |chosen| {
            let mut labels = vec![None; k];
            for (t, &b) in chosen.iter().enumerate() {
                labels[b] = Some(t);
            }
            if singletons_only && labels.iter().zip(&sizes).any(|(l, &s)| l.is_none() && s > 1) {
                return;
            }
            visit(&Configuration::from_rgs(rgs, labels));
        });
    });
}

/// All configurations (spec A.2), in the order of [`for_each_configuration`].
pub fn configurations(r: usize, m: usize, singletons_only: bool) -> Vec<Configuration> {
    let mut out = Vec::new();
    for_each_configuration(r, m, singletons_only, |c| out.push(c.clone()));
    out
}

/// The number of configurations, counted without building them: for each set partition with
/// k ≥ r blocks, the injective labellings, filtered for singleton zero-type groups when asked.
pub fn count_configurations(r: usize, m: usize, singletons_only: bool) -> u64 {
    let mut count = 0u64;
    for_each_set_partition(m, |rgs, k| {
        if k < r {
            return;
        }
        if !singletons_only {
            let mut c = 1u64;
            for i in 0..r {
                c *= (k - i) as u64;
            }
            count += c;
            return;
        }
        let mut sizes = vec![0usize; k];
        for &b in rgs {
            sizes[b] += 1;
        }
        for_each_injection(r, k, |chosen| {
            if (0..k).all(|b| chosen.contains(&b) || sizes[b] == 1) {
                count += 1;
            }
        });
    });
    count
}

/// Calls `visit(map)` for every map {0..m−1} → {0..n−1} (n^m of them, in lexicographic order).
pub fn for_each_map(m: usize, n: usize, mut visit: impl FnMut(&[usize])) {
    if n == 0 {
        if m == 0 {
            visit(&[]);
        }
        return;
    }
    let mut map = vec![0usize; m];
    loop {
        visit(&map);
        let mut j = m;
        loop {
            if j == 0 {
                return;
            }
            j -= 1;
            map[j] += 1;
            if map[j] < n {
                break;
            }
            map[j] = 0;
        }
    }
}

/// All surjections π: {0..m−1} → {0..r−1} (the duplication patterns G counts).
pub fn surjections(m: usize, r: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    for_each_map(m, r, |map| {
        if hits_all(map, 0, r) {
            out.push(map.to_vec());
        }
    });
    out
}

/// The number of maps {0..m−1} → {0..r−1} that hit every label, counted directly (G).
pub fn count_surjections(m: usize, r: usize) -> u64 {
    let mut count = 0;
    for_each_map(m, r, |map| count += u64::from(hits_all(map, 0, r)));
    count
}

/// The number of maps {0..m−1} → {0..r} that hit every label 1..r (G0; label 0 = null neuron).
pub fn count_maps_with_null(m: usize, r: usize) -> u64 {
    let mut count = 0;
    for_each_map(m, r + 1, |map| count += u64::from(hits_all(map, 1, r + 1)));
    count
}

fn hits_all(map: &[usize], lo: usize, hi: usize) -> bool {
    (lo..hi).all(|t| map.contains(&t))
}
