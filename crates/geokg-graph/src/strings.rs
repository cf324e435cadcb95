//! An append-only string table: every IRI, label, document, sentence and item of a view is stored
//! once in one buffer and named by a `u32`, so the view holds numbers instead of `String`s.
//!
//! The hash index used to de-duplicate lives only while a view is built ([`Interner`]); a built
//! or cached view keeps the buffer and the offsets alone.

use std::collections::HashMap;

/// Strings by number, all in one buffer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Strings {
    pub(crate) buf: String,
    /// `ends[i]` is the byte offset just past string `i`.
    pub(crate) ends: Vec<u64>,
}

impl Strings {
    /// The string numbered `id` (empty for an id never handed out).
    pub(crate) fn get(&self, id: u32) -> &str {
        let id = id as usize;
        let Some(&end) = self.ends.get(id) else {
            return "";
        };
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        self.buf.get(start as usize..end as usize).unwrap_or_default()
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    fn push(&mut self, text: &str) -> u32 {
        self.buf.push_str(text);
        self.ends.push(self.buf.len() as u64);
        (self.ends.len() - 1) as u32
    }
}

/// Builds a [`Strings`] table, handing out one number per distinct string.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    strings: Strings,
    /// From a 64-bit hash to the first string with that hash.
    by_hash: HashMap<u64, u32>,
    /// The rare strings whose hash was already taken by another string.
    collisions: HashMap<String, u32>,
}

impl Interner {
    pub(crate) fn intern(&mut self, text: &str) -> u32 {
        let hash = fnv1a(text.as_bytes());
        match self.by_hash.get(&hash) {
            None => {
                let id = self.strings.push(text);
                self.by_hash.insert(hash, id);
                id
            }
            Some(&id) if self.strings.get(id) == text => id,
            Some(_) => {
                if let Some(&id) = self.collisions.get(text) {
                    return id;
                }
                let id = self.strings.push(text);
                self.collisions.insert(text.to_owned(), id);
                id
            }
        }
    }

    pub(crate) fn finish(self) -> Strings {
        let mut strings = self.strings;
        strings.buf.shrink_to_fit();
        strings.ends.shrink_to_fit();
        strings
    }
}

/// FNV-1a: fast, and fixed, so numbering never depends on a random seed.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_share_a_number() {
        let mut interner = Interner::default();
        let a = interner.intern("Vladimir Putin");
        let b = interner.intern("Kim Jong Un");
        assert_eq!(interner.intern("Vladimir Putin"), a);
        assert_ne!(a, b);
        let empty = interner.intern("");
        let strings = interner.finish();
        assert_eq!(strings.get(a), "Vladimir Putin");
        assert_eq!(strings.get(b), "Kim Jong Un");
        assert_eq!(strings.get(empty), "");
        assert_eq!(strings.get(99), "");
        assert_eq!(strings.len(), 3);
    }
}
