//! Configurations of Şimşek et al. (ICML 2021), spec A.2: a partition of the student neurons
//! {1..m} into blocks together with an injective assignment of the teacher neurons 1..r to r of
//! the blocks. Labelled blocks are duplicate (split) groups, unlabelled blocks are zero-type groups.

use std::fmt;

/// A configuration: blocks of student neurons (0-based, each block increasing, blocks ordered by
/// their smallest element) and, per block, the teacher neuron it duplicates (0-based) or `None`
/// for a zero-type group.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Configuration {
    /// The blocks of the partition of {0..m−1}.
    pub blocks: Vec<Vec<usize>>,
    /// `labels[b]`: the teacher neuron duplicated by block b, or `None` (zero-type group).
    pub labels: Vec<Option<usize>>,
}

impl Configuration {
    /// From a restricted-growth string (`rgs[j]` = block of student neuron j) and the labels.
    pub fn from_rgs(rgs: &[usize], labels: Vec<Option<usize>>) -> Configuration {
        let mut blocks = vec![Vec::new(); labels.len()];
        for (j, &b) in rgs.iter().enumerate() {
            blocks[b].push(j);
        }
        Configuration { blocks, labels }
    }

    /// m: the number of student neurons.
    pub fn width(&self) -> usize {
        self.blocks.iter().map(Vec::len).sum()
    }

    /// q: the number of zero-type groups.
    pub fn zero_type_groups(&self) -> usize {
        self.labels.iter().filter(|l| l.is_none()).count()
    }

    /// Whether every zero-type group is a single neuron (the configurations T1 counts).
    pub fn zero_groups_are_singletons(&self) -> bool {
        self.blocks.iter().zip(&self.labels).all(|(b, l)| l.is_some() || b.len() == 1)
    }

    /// The invariant: the blocks partition {0..m−1} (nonempty, ordered by first element, each
    /// increasing), and the labels are an injection of {0..r−1} onto r of the blocks.
    pub fn is_valid(&self, r: usize, m: usize) -> bool {
        let mut seen = vec![false; m];
        for b in &self.blocks {
            if b.is_empty() || b.windows(2).any(|w| w[0] >= w[1]) {
                return false;
            }
            for &j in b {
                if j >= m || std::mem::replace(&mut seen[j], true) {
                    return false;
                }
            }
        }
        let ordered = self.blocks.windows(2).all(|w| w[0][0] < w[1][0]);
        let mut hit = vec![false; r];
        for l in self.labels.iter().flatten() {
            if *l >= r || std::mem::replace(&mut hit[*l], true) {
                return false;
            }
        }
        ordered && seen.iter().all(|&s| s) && hit.iter().all(|&h| h) && self.labels.len() == self.blocks.len()
    }
}

impl fmt::Display for Configuration {
    /// E.g. `{1,2}→w*1 {3}→0`: student neurons and teacher neurons 1-based, `0` for zero type.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (b, l)) in self.blocks.iter().zip(&self.labels).enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            let names: Vec<String> = b.iter().map(|j| (j + 1).to_string()).collect();
            match l {
                Some(t) => write!(f, "{{{}}}→w*{}", names.join(","), t + 1)?,
                None => write!(f, "{{{}}}→0", names.join(","))?,
            }
        }
        Ok(())
    }
}
