//! The fingerprint of a command, which recognises a retried command: the same
//! on every platform and release, so it can be stored.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::book::fingerprint;
//! let sale = lamp_command("order-302");
//! // Stable across platforms and releases, so it is stored in each event.
//! assert_eq!(fingerprint(&sale), fingerprint(&sale.clone()));
//! assert_ne!(fingerprint(&sale), fingerprint(&lamp_command("GRN-0")));
//! let book = lamp_book()?;
//! let recorded = book.events().iter().find(|e| &*e.command_id == "order-302").unwrap();
//! assert_eq!(recorded.fingerprint, fingerprint(&sale));
//! # Ok(()) }
//! ```

use std::hash::{Hash, Hasher};

use crate::book::command::Command;
use crate::fast_hash::tail_word;

/// The fingerprint hash: the same on every platform and release (unlike
/// std's `DefaultHasher`), so fingerprints can be stored. It reads eight
/// bytes at a time and writes integers little-endian whatever the machine;
/// each word is mixed with a multiply and a rotate (as FxHash does) and the
/// result is finished with a final avalanche so all bits count.
struct Fingerprinter(u64);

impl Fingerprinter {
    const SEED: u64 = 0x9e37_79b9_7f4a_7c15;

    #[inline]
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for Fingerprinter {
    fn finish(&self) -> u64 {
        // splitmix64's finaliser.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        // The length keeps "ab" + "c" apart from "a" + "bc".
        self.mix(tail_word(rest) ^ ((rest.len() as u64) << 56));
    }
    fn write_u8(&mut self, i: u8) {
        self.mix(u64::from(i));
    }
    fn write_u16(&mut self, i: u16) {
        self.mix(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.mix(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.mix(i);
    }
    fn write_u128(&mut self, i: u128) {
        self.mix(i as u64);
        self.mix((i >> 64) as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.mix(i as u64);
    }
    fn write_i8(&mut self, i: i8) {
        self.write_u8(i as u8);
    }
    fn write_i16(&mut self, i: i16) {
        self.write_u16(i as u16);
    }
    fn write_i32(&mut self, i: i32) {
        self.write_u32(i as u32);
    }
    fn write_i64(&mut self, i: i64) {
        self.write_u64(i as u64);
    }
    fn write_i128(&mut self, i: i128) {
        self.write_u128(i as u128);
    }
    fn write_isize(&mut self, i: isize) {
        self.write_usize(i as usize);
    }
}

/// MurmurHash3, x64 128-bit variant, seed 0: the same on every platform
/// (bytes read little-endian). Command ids are hashed with it where a book
/// keeps the hash instead of the text (see `RememberedCommand`).
pub(crate) fn murmur3_x64_128(bytes: &[u8]) -> (u64, u64) {
    const C1: u64 = 0x87c3_7b91_1142_53d5;
    const C2: u64 = 0x4cf5_ad43_2745_937f;
    let word = |b: &[u8]| {
        let mut w = [0u8; 8];
        w[..b.len()].copy_from_slice(b);
        u64::from_le_bytes(w)
    };
    let mix1 = |k: u64| k.wrapping_mul(C1).rotate_left(31).wrapping_mul(C2);
    let mix2 = |k: u64| k.wrapping_mul(C2).rotate_left(33).wrapping_mul(C1);
    let (mut h1, mut h2) = (0u64, 0u64);
    let mut blocks = bytes.chunks_exact(16);
    for block in &mut blocks {
        h1 ^= mix1(word(&block[..8]));
        h1 = h1
            .rotate_left(27)
            .wrapping_add(h2)
            .wrapping_mul(5)
            .wrapping_add(0x52dc_e729);
        h2 ^= mix2(word(&block[8..]));
        h2 = h2
            .rotate_left(31)
            .wrapping_add(h1)
            .wrapping_mul(5)
            .wrapping_add(0x3849_5ab5);
    }
    let tail = blocks.remainder();
    if tail.len() > 8 {
        h2 ^= mix2(word(&tail[8..]));
    }
    if !tail.is_empty() {
        h1 ^= mix1(word(&tail[..tail.len().min(8)]));
    }
    let len = bytes.len() as u64;
    h1 ^= len;
    h2 ^= len;
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    let fmix = |mut k: u64| {
        k ^= k >> 33;
        k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
        k ^= k >> 33;
        k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        k ^ (k >> 33)
    };
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    (h1, h2)
}

/// The stable fingerprint of a command.
pub fn fingerprint(command: &Command) -> u64 {
    let mut hasher = Fingerprinter(0);
    command.hash(&mut hasher);
    hasher.finish()
}

/// A stable hash of a few texts (the archive's record of the order and
/// document numbers it removed): the fingerprint's hash, so it can be stored.
pub(crate) fn stable_hash(parts: &[&str]) -> u64 {
    let mut hasher = Fingerprinter(0);
    for part in parts {
        hasher.write(part.as_bytes());
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    /// The published values of MurmurHash3 x64 128 (seed 0), and no two
    /// of a few hundred thousand ids of one pattern alike.
    #[test]
    fn murmur3_gives_the_published_values_and_tells_similar_ids_apart() {
        assert_eq!(
            super::murmur3_x64_128(b"hello"),
            (0xcbd8_a7b3_41bd_9b02, 0x5b1e_906a_48ae_1d19)
        );
        assert_eq!(
            super::murmur3_x64_128(b"The quick brown fox jumps over the lazy dog"),
            (0xe34b_bc7b_bc07_1b6c, 0x7a43_3ca9_c49a_9347)
        );
        assert_eq!(
            super::murmur3_x64_128(b"seed-1092"),
            (0x85b0_88e6_00b6_a427, 0xcc27_3a01_d635_2033)
        );
        let mut halves = std::collections::HashSet::new();
        for i in 0..200_000u32 {
            let (h1, _) = super::murmur3_x64_128(format!("seed-{i}").as_bytes());
            assert!(halves.insert(h1), "seed-{i}");
        }
    }
}
