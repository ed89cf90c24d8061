//! The idempotency index: which log position each command id starts at.
//!
//! Every command is looked up by its id before it runs and recorded after,
//! so at a million commands this index is touched two million times, almost
//! always for an id it has never seen. A hash map of a million ids misses
//! the cache on every one of those lookups and, as it grows, rehashes tens
//! of megabytes; in the book benchmark that was a third of `execute`.
//!
//! Here an id is kept as its 64-bit hash and the log index of its first
//! event; the id's text is not stored again (the log's events carry it;
//! a command remembered without its events keeps a second hash instead)
//! and is compared only when the hashes match. Entries go into a small
//! unsorted batch of recent ids, which is sorted into runs merged like a
//! binary counter, and a blocked Bloom filter answers "never seen" for
//! almost every new id from a single cache line. Lookups that pass the
//! filter (a real retry, or about one new id in fifty) search the batch
//! and the runs.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // A retried command id returns the first outcome and changes nothing.
//! let mut book = lamp_book()?;
//! let version = book.version();
//! let again = book.execute(lamp_command("order-302"), &ctx("2026-11-09", "order-302")?)?;
//! assert!(again.duplicate);
//! assert_eq!(book.version(), version);
//! // The same id with another command is refused.
//! let other = landed::Command::from_json(r#"{"type":"issue","sku":"LAMP","location":"DE","quantity":1,"reason":"sale"}"#)?;
//! assert_eq!(book.execute(other, &ctx("2026-11-09", "order-302")?).unwrap_err().code(), "IDEMPOTENCY_CONFLICT");
//! # Ok(()) }
//! ```

/// Hashes of ids kept unsorted before they are sorted into a run.
const RECENT: usize = 4096;

/// Filter bits per recorded id.
const BITS_PER_ID: usize = 12;

/// One filter block: a 64-byte cache line, aligned as one, so that every
/// bit of an id lies in the line its lookup has just read.
#[derive(Clone, Copy, Debug, Default)]
#[repr(align(64))]
struct Block([u64; 8]);

/// Hashes and first log indexes, sorted by hash (then index).
type Run = Vec<(u64, usize)>;

/// Command ids by hash, see the module docs.
#[derive(Clone, Debug, Default)]
pub(crate) struct CommandIndex {
    recent: Vec<(u64, usize)>,
    /// Oldest and largest first; each at least twice the next one's size.
    runs: Vec<Run>,
    filter: Vec<Block>,
    /// Ids recorded (repeats included): sizes the filter.
    count: usize,
}

impl CommandIndex {
    /// The log index of the first event of the newest command recorded
    /// under the id whose hash is `hash`. `matches(first)` tells whether
    /// the command recorded at `first` has that id (and not another with
    /// the same hash).
    pub(crate) fn find(&self, hash: u64, matches: impl Fn(usize) -> bool) -> Option<usize> {
        if !self.may_contain(hash) {
            return None;
        }
        if let Some((_, first)) = self
            .recent
            .iter()
            .rev()
            .find(|(h, first)| *h == hash && matches(*first))
        {
            return Some(*first);
        }
        // Newer runs first; inside a run, equal hashes sort by index, so
        // the last match is the newest.
        for run in self.runs.iter().rev() {
            let start = run.partition_point(|(h, _)| *h < hash);
            let found = run
                .iter()
                .skip(start)
                .take_while(|(h, _)| *h == hash)
                .filter(|(_, first)| matches(*first))
                .last();
            if let Some((_, first)) = found {
                return Some(*first);
            }
        }
        None
    }

    /// Records that the command with this id hash starts at log index
    /// `first`. A later record of the same id wins in [`Self::find`].
    pub(crate) fn insert(&mut self, hash: u64, first: usize) {
        self.count += 1;
        self.recent.push((hash, first));
        if self.count * BITS_PER_ID > self.filter.len() * 512 {
            self.grow_filter();
        } else {
            set_bits(&mut self.filter, hash);
        }
        if self.recent.len() >= RECENT {
            self.seal_recent();
        }
    }

    /// An index of many commands at once (`(id hash, first log index)`,
    /// in log order), as replay and restore need: one sort and one pass
    /// over the filter, instead of a filter line and a share of the run
    /// merges per command.
    pub(crate) fn build(entries: Vec<(u64, usize)>) -> Self {
        let entries = sort_by_hash(entries);
        let count = entries.len();
        let blocks = (count * BITS_PER_ID).div_ceil(512);
        let mut filter = vec![Block::default(); blocks.max(64)];
        for (hash, _) in &entries {
            set_bits(&mut filter, *hash);
        }
        Self {
            recent: Vec::with_capacity(RECENT),
            runs: if entries.is_empty() {
                Vec::new()
            } else {
                vec![entries]
            },
            filter,
            count,
        }
    }

    fn may_contain(&self, hash: u64) -> bool {
        if self.filter.is_empty() {
            return false;
        }
        let (block, masks) = locate(self.filter.len(), hash);
        self.filter.get(block).is_some_and(|block| {
            // Every word tested, then one branch: no early exit to predict.
            block
                .0
                .iter()
                .zip(masks)
                .fold(true, |all, (word, mask)| all & (word & mask == mask))
        })
    }

    /// Sorts the recent ids into a run, then merges runs while the newest
    /// is at least half the size of the one before (so there are at most
    /// log2(n / RECENT) runs, and each id is copied that many times).
    fn seal_recent(&mut self) {
        let mut run = std::mem::replace(&mut self.recent, Vec::with_capacity(RECENT));
        run.sort_unstable();
        self.runs.push(run);
        while let [.., older, newer] = self.runs.as_slice() {
            if newer.len() * 2 < older.len() {
                break;
            }
            let (Some(newer), Some(older)) = (self.runs.pop(), self.runs.pop()) else {
                break;
            };
            self.runs.push(merge(older, newer));
        }
    }

    /// Doubles the filter (at least 64 blocks) and sets every hash again.
    fn grow_filter(&mut self) {
        let blocks = (self.filter.len() * 2).max(64);
        let mut filter = vec![Block::default(); blocks];
        let every = self
            .runs
            .iter()
            .flatten()
            .chain(self.recent.iter())
            .map(|(h, _)| *h);
        for hash in every {
            set_bits(&mut filter, hash);
        }
        self.filter = filter;
    }
}

/// Bits of the hash sorted per pass of [`sort_by_hash`]: 2,048 counters
/// (16 KiB) stay in the first-level cache.
const RADIX_BITS: u32 = 11;

/// Sorts entries given in log order by hash, keeping log order among equal
/// hashes: a least-significant-digit radix sort, stable, so the result is
/// sorted by (hash, index) as [`Run`] requires.
///
/// Replay builds the index of every command at once; a comparison sort of
/// a million entries was a fifth of replay's time, six counting passes
/// over them are a few percent. Digits every hash shares (short logs, or
/// the high bits of few entries) are skipped.
fn sort_by_hash(mut entries: Vec<(u64, usize)>) -> Vec<(u64, usize)> {
    const BUCKETS: usize = 1 << RADIX_BITS;
    const PASSES: usize = 64_usize.div_ceil(RADIX_BITS as usize);
    if entries.len() < 64 {
        entries.sort_unstable();
        return entries;
    }
    let digit = |hash: u64, pass: usize| -> usize {
        ((hash >> (pass as u32 * RADIX_BITS)) & (BUCKETS as u64 - 1)) as usize
    };
    // All histograms in one read of the entries.
    let mut counts = vec![[0usize; BUCKETS]; PASSES];
    for (hash, _) in &entries {
        for (pass, count) in counts.iter_mut().enumerate() {
            count[digit(*hash, pass)] += 1;
        }
    }
    let mut spare = vec![(0u64, 0usize); entries.len()];
    for (pass, count) in counts.iter_mut().enumerate() {
        if count.contains(&entries.len()) {
            continue;
        }
        // Counts become the first slot of each digit.
        let mut next = 0;
        for slot in count.iter_mut() {
            let here = *slot;
            *slot = next;
            next += here;
        }
        for entry in &entries {
            let d = digit(entry.0, pass);
            spare[count[d]] = *entry;
            count[d] += 1;
        }
        std::mem::swap(&mut entries, &mut spare);
    }
    entries
}

/// Merges two runs into one sorted run.
fn merge(mut older: Run, newer: Run) -> Run {
    // In place, from the back: the older run grows by the newer one's
    // length and takes the merged entries from its end. A third vector
    // holding both would briefly hold every remembered id twice, which at
    // the year's size was the peak of the whole process.
    let (mut i, mut j) = (older.len(), newer.len());
    older.reserve_exact(j);
    older.resize(i + j, (0, 0));
    let mut k = i + j;
    while let Some(&b) = j.checked_sub(1).and_then(|x| newer.get(x)) {
        k -= 1;
        // Of equal entries the newer one goes last, as in log order.
        let item = match i.checked_sub(1).and_then(|x| older.get(x)) {
            Some(&a) if a > b => {
                i -= 1;
                a
            }
            _ => {
                j -= 1;
                b
            }
        };
        if let Some(slot) = older.get_mut(k) {
            *slot = item;
        }
    }
    // What is left of the older run (its first `i` entries) is in place.
    older
}

fn locate(blocks: usize, hash: u64) -> (usize, [u64; 8]) {
    let mut h = hash ^ (hash >> 33);
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    // Multiply-shift maps the high bits onto [0, blocks) without a division.
    let block = ((u128::from(h >> 32) * blocks as u128) >> 32) as usize;
    // The bit choices come from a further remix, so they do not repeat
    // the bits that chose the block: six bits for each of eight words.
    let bits = (h ^ (h >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut masks = [0u64; 8];
    for (k, mask) in masks.iter_mut().enumerate() {
        *mask = 1u64 << ((bits >> (16 + 6 * k)) & 63);
    }
    (block, masks)
}

fn set_bits(filter: &mut [Block], hash: u64) {
    let (block, masks) = locate(filter.len(), hash);
    if let Some(block) = filter.get_mut(block) {
        for (word, mask) in block.0.iter_mut().zip(masks) {
            *word |= mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find` for an index over a log of id texts (`at(i)`: the id at `i`).
    fn find_text<'a>(
        index: &CommandIndex,
        id: &str,
        hash: u64,
        at: impl Fn(usize) -> Option<&'a str>,
    ) -> Option<usize> {
        index.find(hash, |i| at(i) == Some(id))
    }

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("cmd-{i}")).collect()
    }

    #[test]
    fn finds_every_recorded_id_and_none_other() {
        let log = ids(20_000);
        let mut index = CommandIndex::default();
        for (i, id) in log.iter().enumerate() {
            index.insert(crate::fast_hash::hash_id(id), i);
        }
        let at = |i: usize| log.get(i).map(String::as_str);
        for (i, id) in log.iter().enumerate() {
            assert_eq!(
                find_text(&index, id, crate::fast_hash::hash_id(id), at),
                Some(i)
            );
        }
        for i in 0..20_000 {
            let id = format!("other-{i}");
            assert_eq!(
                find_text(&index, &id, crate::fast_hash::hash_id(&id), at),
                None
            );
        }
        // Sealed into runs, each at most half the size of the one before.
        assert!(index.recent.len() < RECENT);
        assert!(index.runs.windows(2).all(|w| w[1].len() * 2 < w[0].len()));
    }

    #[test]
    fn built_at_once_finds_what_inserted_one_by_one_finds() {
        let log: Vec<String> = (0..30_000).map(|i| format!("c-{}", i % 20_000)).collect();
        let at = |i: usize| log.get(i).map(String::as_str);
        let entries: Vec<(u64, usize)> = log
            .iter()
            .enumerate()
            .map(|(i, id)| (crate::fast_hash::hash_id(id), i))
            .collect();
        let mut one_by_one = CommandIndex::default();
        for (hash, first) in &entries {
            one_by_one.insert(*hash, *first);
        }
        let built = CommandIndex::build(entries);
        for id in log.iter().take(20_000).chain(["c-x".to_owned()].iter()) {
            let hash = crate::fast_hash::hash_id(id);
            let found = find_text(&built, id, hash, at);
            assert_eq!(found, find_text(&one_by_one, id, hash, at));
            // The newest record of a repeated id wins.
            assert_eq!(found, log.iter().rposition(|l| l == id));
        }
    }

    #[test]
    fn equal_hashes_are_told_apart_by_the_text_and_the_newest_wins() {
        // Every id forced onto one hash: the text decides.
        let log = ["a", "b", "a", "c"];
        let mut index = CommandIndex::default();
        for i in 0..log.len() {
            index.insert(7, i);
        }
        let at = |i: usize| log.get(i).copied();
        assert_eq!(find_text(&index, "a", 7, at), Some(2));
        assert_eq!(find_text(&index, "b", 7, at), Some(1));
        assert_eq!(find_text(&index, "c", 7, at), Some(3));
        assert_eq!(find_text(&index, "d", 7, at), None);
        // The same once sealed into runs.
        let mut many: Vec<String> = (0..3 * RECENT).map(|i| format!("id-{}", i % 5)).collect();
        many.push("id-9".into());
        let mut index = CommandIndex::default();
        for i in 0..many.len() {
            index.insert(7, i);
        }
        let at = |i: usize| many.get(i).map(String::as_str);
        let newest_id_0 = (0..3 * RECENT).rev().find(|i| i % 5 == 0);
        assert_eq!(find_text(&index, "id-0", 7, at), newest_id_0);
        assert_eq!(find_text(&index, "id-9", 7, at), Some(3 * RECENT));
        assert_eq!(find_text(&index, "id-5", 7, at), None);
    }

    #[test]
    fn runs_merge_in_place_in_hash_then_log_order() {
        let older: Run = vec![(1, 0), (3, 1), (3, 2), (9, 3)];
        let newer: Run = vec![(0, 4), (3, 5), (10, 6), (11, 7)];
        assert_eq!(
            merge(older, newer),
            vec![
                (0, 4),
                (1, 0),
                (3, 1),
                (3, 2),
                (3, 5),
                (9, 3),
                (10, 6),
                (11, 7)
            ]
        );
        assert_eq!(merge(Vec::new(), vec![(2, 0)]), vec![(2, 0)]);
        assert_eq!(merge(vec![(2, 0)], Vec::new()), vec![(2, 0)]);
        let mut every: Run = (0..1000u64)
            .map(|h| (h * 7919 % 1009, h as usize))
            .collect();
        let (a, b) = every.split_at(600);
        let (mut a, mut b) = (a.to_vec(), b.to_vec());
        a.sort_unstable();
        b.sort_unstable();
        every.sort_unstable();
        assert_eq!(merge(a, b), every);
    }

    #[test]
    fn the_radix_sort_orders_by_hash_then_log_order() {
        // Hashes that differ only in high digits, in low digits, and repeats
        // (a retried id), given in log order as replay gives them.
        let mut entries = Vec::new();
        for i in 0..5_000usize {
            let hash = match i % 4 {
                0 => (i as u64) << 50,
                1 => (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
                2 => 42,
                _ => u64::MAX - (i as u64 % 7),
            };
            entries.push((hash, i));
        }
        let mut expected = entries.clone();
        expected.sort_unstable();
        assert_eq!(sort_by_hash(entries), expected);
        let short = vec![(3, 0), (1, 1), (3, 2)];
        assert_eq!(sort_by_hash(short), vec![(1, 1), (3, 0), (3, 2)]);
    }

    #[test]
    fn the_filter_lets_few_new_ids_through() {
        let log = ids(100_000);
        let mut index = CommandIndex::default();
        for (i, id) in log.iter().enumerate() {
            index.insert(crate::fast_hash::hash_id(id), i);
        }
        let passed = (0..100_000)
            .filter(|i| index.may_contain(crate::fast_hash::hash_id(&format!("new-{i}"))))
            .count();
        // Eight bits of 12-24 per id in one cache line: well under 1%.
        assert!(
            passed < 300,
            "{passed} of 100,000 new ids passed the filter"
        );
    }
}
