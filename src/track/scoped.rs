//! [`Scoped`]: state keyed by vendor, tenant and id, looked up without allocating.
//!
//! A [`Key`] is hashed once per event and used with every map of one tracker (they share a
//! [`Seed`]): an event looks its call up in the open and the closed calls, and its agent
//! several times. The key's texts are compared only on a hash match. The hash is a
//! multiply-rotate over 8-byte words (SipHash cost a tenth of the tracker's time), seeded per
//! tracker from the standard library's random state so that no fixed set of ids collides
//! everywhere.

use crate::common::Vendor;
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};

/// Passes on the `u64` it is given: the map's keys are already hashes.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; fold anything else in, to stay a hasher.
        for byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*byte);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// The seed of the hashes of one tracker's maps.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seed(u64);

impl Seed {
    /// A seed from the standard library's random state.
    pub(crate) fn random() -> Self {
        Seed(RandomState::new().hash_one(0x5eed_u64))
    }

    /// The key of `vendor`, `tenant` (`""` for none) and `id`, hashed.
    pub(crate) fn key<'a>(self, vendor: &'a Vendor, tenant: &'a str, id: &'a str) -> Key<'a> {
        let start = match vendor {
            // The known vendors need no text hashed.
            Vendor::AlibabaCloud => mix(self.0, 1),
            Vendor::SevenMoor => mix(self.0, 2),
            Vendor::Csta => mix(self.0, 3),
            Vendor::GoogleCcai => mix(self.0, 4),
            other => hash_text(mix(self.0, 5), other.as_str().as_bytes()),
        };
        let hash = hash_text(hash_text(start, tenant.as_bytes()), id.as_bytes());
        Key {
            vendor,
            tenant,
            id,
            seed: self,
            // Spread the high bits down: the table indexes by the low ones.
            hash: hash ^ (hash >> 29),
        }
    }
}

/// A key of the maps of one [`Seed`], with its hash.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key<'a> {
    pub(crate) vendor: &'a Vendor,
    pub(crate) tenant: &'a str,
    pub(crate) id: &'a str,
    seed: Seed,
    hash: u64,
}

impl Key<'_> {
    /// The key's hash.
    pub(crate) fn hash(&self) -> u64 {
        self.hash
    }
}

/// One key and its value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry<T> {
    vendor: Vendor,
    tenant: String,
    id: String,
    value: T,
}

impl<T> Entry<T> {
    /// The value, and the key without it (to give it another value: its texts move, not
    /// copied).
    pub(crate) fn split(self) -> (T, Entry<()>) {
        let key = Entry {
            vendor: self.vendor,
            tenant: self.tenant,
            id: self.id,
            value: (),
        };
        (self.value, key)
    }
}

impl Entry<()> {
    /// The key with a value.
    pub(crate) fn with_value<U>(self, value: U) -> Entry<U> {
        Entry {
            vendor: self.vendor,
            tenant: self.tenant,
            id: self.id,
            value,
        }
    }
}

/// Values keyed by vendor, tenant (`""` for none) and id.
///
/// The entries sit in one `Vec`; the hash table maps each hash to its entry's place. So the
/// table is the same type for every map of the tracker (its code is there once, not once per
/// kind of value), and growing it moves 16-byte slots, not the values.
#[derive(Debug, Clone)]
pub(crate) struct Scoped<T> {
    /// The hash's seed, shared by the maps of one tracker.
    seed: Seed,
    /// Each hash's entry, by its place in `entries`.
    index: HashMap<u64, usize, BuildHasherDefault<Prehashed>>,
    /// The places of entries whose hash another entry already has in `index`: almost never
    /// any.
    overflow: Vec<(u64, usize)>,
    /// Every entry, with its key's hash.
    entries: Vec<(u64, Entry<T>)>,
}

impl<T: PartialEq> PartialEq for Scoped<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .entries()
                .all(|entry| other.get(&other.key(&entry.vendor, &entry.tenant, &entry.id)) == Some(&entry.value))
    }
}

impl<T> Default for Scoped<T> {
    fn default() -> Self {
        Scoped::new(Seed::random())
    }
}

impl<T> Entry<T> {
    fn is(&self, key: &Key<'_>) -> bool {
        self.vendor == *key.vendor && self.id == key.id && self.tenant == key.tenant
    }
}

impl<T> Scoped<T> {
    /// An empty map hashing with `seed`.
    pub(crate) fn new(seed: Seed) -> Self {
        Scoped {
            seed,
            index: HashMap::default(),
            overflow: Vec::new(),
            entries: Vec::new(),
        }
    }

    /// The key of `vendor`, `tenant` and `id` in this map (and every map of its seed).
    pub(crate) fn key<'a>(&self, vendor: &'a Vendor, tenant: &'a str, id: &'a str) -> Key<'a> {
        self.seed.key(vendor, tenant, id)
    }

    fn entries(&self) -> impl Iterator<Item = &Entry<T>> + '_ {
        self.entries.iter().map(|(_, entry)| entry)
    }

    /// The place of the entry `pick` picks among those of `hash`, and whether `index` holds it.
    fn place(&self, hash: u64, pick: impl Fn(&Entry<T>) -> bool) -> Option<(usize, bool)> {
        let at = *self.index.get(&hash)?;
        if self.entries.get(at).is_some_and(|(_, entry)| pick(entry)) {
            return Some((at, true));
        }
        self.overflow
            .iter()
            .find(|(h, at)| *h == hash && self.entries.get(*at).is_some_and(|(_, entry)| pick(entry)))
            .map(|(_, at)| (*at, false))
    }

    fn find(&self, key: &Key<'_>) -> Option<usize> {
        debug_assert!(key.seed.0 == self.seed.0, "a key of another tracker's maps");
        self.place(key.hash, |entry| entry.is(key)).map(|(at, _)| at)
    }

    pub(crate) fn get(&self, key: &Key<'_>) -> Option<&T> {
        let at = self.find(key)?;
        self.entries.get(at).map(|(_, entry)| &entry.value)
    }

    pub(crate) fn get_mut(&mut self, key: &Key<'_>) -> Option<&mut T> {
        let at = self.find(key)?;
        self.entries.get_mut(at).map(|(_, entry)| &mut entry.value)
    }

    pub(crate) fn contains(&self, key: &Key<'_>) -> bool {
        self.find(key).is_some()
    }

    pub(crate) fn insert(&mut self, key: &Key<'_>, value: T) {
        if let Some(slot) = self.get_mut(key) {
            *slot = value;
            return;
        }
        let entry = Entry {
            vendor: key.vendor.clone(),
            tenant: key.tenant.to_owned(),
            id: key.id.to_owned(),
            value,
        };
        self.insert_entry(key, entry);
    }

    pub(crate) fn remove(&mut self, key: &Key<'_>) -> Option<T> {
        self.remove_entry(key).map(|entry| entry.value)
    }

    /// Removes a key and gives its entry, so that its texts can move to another map of the
    /// same seed ([`Scoped::insert_entry`]).
    pub(crate) fn remove_entry(&mut self, key: &Key<'_>) -> Option<Entry<T>> {
        debug_assert!(key.seed.0 == self.seed.0, "a key of another tracker's maps");
        self.remove_where(key.hash, |entry| entry.is(key))
    }

    /// Removes the entry of `hash` that `pick` picks.
    fn remove_where(&mut self, hash: u64, pick: impl Fn(&Entry<T>) -> bool) -> Option<Entry<T>> {
        let (at, indexed) = self.place(hash, pick)?;
        if indexed {
            // An entry of the same hash waiting in the overflow takes the freed slot.
            match self.overflow.iter().position(|(h, _)| *h == hash) {
                Some(waiting) => {
                    let (_, moved) = self.overflow.swap_remove(waiting);
                    self.index.insert(hash, moved);
                }
                None => {
                    self.index.remove(&hash);
                }
            }
        } else if let Some(slot) = self.overflow.iter().position(|(h, place)| *h == hash && *place == at) {
            self.overflow.swap_remove(slot);
        }
        let last = self.entries.len().checked_sub(1)?;
        let (_, entry) = self.entries.swap_remove(at);
        if at != last {
            // The last entry moved to `at`: point its hash there.
            if let Some(&(moved_hash, _)) = self.entries.get(at) {
                match self.index.get_mut(&moved_hash) {
                    Some(place) if *place == last => *place = at,
                    _ => {
                        if let Some(slot) = self
                            .overflow
                            .iter_mut()
                            .find(|(h, place)| *h == moved_hash && *place == last)
                        {
                            slot.1 = at;
                        }
                    }
                }
            }
        }
        Some(entry)
    }

    /// Removes the value of hash `hash` that `pick` picks (a key's hash is [`Key::hash`]).
    pub(crate) fn remove_hashed(&mut self, hash: u64, pick: impl Fn(&T) -> bool) -> Option<T> {
        self.remove_where(hash, |entry| pick(&entry.value))
            .map(|entry| entry.value)
    }

    /// Inserts an entry taken from a map of the same seed under `key` (its own key), replacing
    /// the value the key had.
    pub(crate) fn insert_entry(&mut self, key: &Key<'_>, entry: Entry<T>) {
        debug_assert!(key.seed.0 == self.seed.0 && entry.is(key), "the entry's own key");
        if let Some(slot) = self.get_mut(key) {
            *slot = entry.value;
            return;
        }
        let at = self.entries.len();
        self.entries.push((key.hash, entry));
        match self.index.entry(key.hash) {
            std::collections::hash_map::Entry::Occupied(_) => self.overflow.push((key.hash, at)),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(at);
            }
        }
    }

    /// Every key, sorted: the order of whatever is done to them does not depend on hashing.
    pub(crate) fn keys_sorted(&self) -> Vec<(Vendor, String, String)> {
        let mut keys: Vec<(Vendor, String, String)> = self
            .entries()
            .map(|entry| (entry.vendor.clone(), entry.tenant.clone(), entry.id.clone()))
            .collect();
        keys.sort();
        keys
    }

    /// The ids of one vendor and tenant, sorted.
    pub(crate) fn ids_sorted(&self, vendor: &Vendor, tenant: &str) -> Vec<String> {
        let mut ids: Vec<String> = self
            .entries()
            .filter(|entry| entry.vendor == *vendor && entry.tenant == tenant)
            .map(|entry| entry.id.clone())
            .collect();
        ids.sort();
        ids
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

/// Hashes one text into `hash`: its 8-byte words, its tail, then its length (so that
/// ("ab", "c") and ("a", "bc") differ).
pub(crate) fn hash_text(mut hash: u64, bytes: &[u8]) -> u64 {
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        hash = mix(hash, <[u8; 8]>::try_from(word).map_or(0, u64::from_le_bytes));
    }
    // The tail byte by byte into one word: no copy through memory.
    let mut tail = 0u64;
    for (i, byte) in words.remainder().iter().enumerate() {
        tail |= u64::from(*byte) << (i * 8);
    }
    mix(mix(hash, tail), bytes.len() as u64)
}

/// One step of the hash (FxHash's multiply-rotate).
pub(crate) fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_get_remove() {
        let mut map: Scoped<u32> = Scoped::default();
        let other = Vendor::Unrecognized("csta".to_owned());
        map.insert(&map.key(&Vendor::Csta, "t", "a"), 1);
        map.insert(&map.key(&Vendor::Csta, "t", "b"), 2);
        map.insert(&map.key(&Vendor::Csta, "", "a"), 3);
        map.insert(&map.key(&Vendor::SevenMoor, "t", "a"), 4);
        map.insert(&map.key(&Vendor::Csta, "t", "a"), 5);
        map.insert(&map.key(&other, "t", "a"), 6);
        assert_eq!(map.len(), 5);
        assert_eq!(map.get(&map.key(&Vendor::Csta, "t", "a")), Some(&5));
        assert_eq!(map.get(&map.key(&Vendor::Csta, "", "a")), Some(&3));
        assert_eq!(map.get(&map.key(&other, "t", "a")), Some(&6));
        assert_eq!(
            map.get(&map.key(&Vendor::Csta, "ta", "")),
            None,
            "the texts' boundary counts"
        );
        assert_eq!(map.remove(&map.key(&Vendor::Csta, "t", "a")), Some(5));
        assert_eq!(map.remove(&map.key(&Vendor::Csta, "t", "a")), None);
        assert_eq!(map.remove(&map.key(&other, "t", "a")), Some(6));
        assert_eq!(
            map.keys_sorted(),
            [
                (Vendor::SevenMoor, "t".to_owned(), "a".to_owned()),
                (Vendor::Csta, "".to_owned(), "a".to_owned()),
                (Vendor::Csta, "t".to_owned(), "b".to_owned()),
            ]
        );
        assert_eq!(map.ids_sorted(&Vendor::Csta, "t"), ["b"]);
    }

    /// Keys whose hashes collide still find their own values.
    #[test]
    fn colliding_hashes_overflow() {
        let mut map: Scoped<u32> = Scoped::default();
        let a = map.key(&Vendor::Csta, "t", "a");
        let b = Key { id: "b", ..a };
        map.insert(&a, 1);
        map.insert(&b, 2);
        assert_eq!((map.get(&a), map.get(&b), map.len()), (Some(&1), Some(&2), 2));
        assert_eq!(map.remove(&a), Some(1));
        assert_eq!(map.get(&b), Some(&2), "the overflow's entry moves into the table");
        assert_eq!(map.remove(&b), Some(2));
        assert_eq!(map.len(), 0);
        // Three of one hash among others, removed in every position: each stays findable.
        let keys: Vec<Key<'_>> = ["x", "y", "z"].iter().map(|id| Key { id, ..a }).collect();
        let others: Vec<String> = (0..5).map(|n| format!("o{n}")).collect();
        for first in 0..3 {
            let mut map: Scoped<usize> = Scoped::new(a.seed);
            for (n, other) in others.iter().enumerate() {
                map.insert(&map.key(&Vendor::Csta, "t", other), 100 + n);
            }
            for (n, key) in keys.iter().enumerate() {
                map.insert(key, n);
            }
            assert_eq!(map.remove(&keys[first]), Some(first));
            assert_eq!(map.remove(&map.key(&Vendor::Csta, "t", "o0")), Some(100));
            for (n, key) in keys.iter().enumerate().filter(|(n, _)| *n != first) {
                assert_eq!(map.get(key), Some(&n));
            }
            for (n, other) in others.iter().enumerate().skip(1) {
                assert_eq!(map.get(&map.key(&Vendor::Csta, "t", other)), Some(&(100 + n)));
            }
            assert_eq!(map.len(), 6);
        }
    }

    #[test]
    fn text_hash_sees_every_byte_and_the_length() {
        let texts = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefgi",
            "abcdefghi",
            "\0",
            "\0\0",
        ];
        let hashes: std::collections::HashSet<u64> = texts.iter().map(|t| hash_text(7, t.as_bytes())).collect();
        assert_eq!(hashes.len(), texts.len());
    }
}
