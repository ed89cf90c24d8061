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
