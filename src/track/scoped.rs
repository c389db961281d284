//! [`Scoped`]: state keyed by vendor, tenant and id, looked up without allocating.
//!
//! A [`Key`] is hashed once per event and used with every map of one tracker (they share a
//! [`Seed`]): an event looks its call up in the open and the closed calls, and its agent
//! several times. The key's texts are compared only on a hash match. The hash is a
//! multiply-rotate over 8-byte words (SipHash cost a tenth of the tracker's time), seeded per
//! tracker from the standard library's random state so that no fixed set of ids collides
//! everywhere.

use crate::common::Vendor;
use crate::wire::{Text, same_text};
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
        let scope = hash_text(start, tenant.as_bytes());
        Key {
            vendor,
            tenant,
            id,
            seed: self,
            scope,
            hash: finish(scope, id),
        }
    }
}

/// The hash of an id in a scope (a vendor and tenant, hashed).
fn finish(scope: u64, id: &str) -> u64 {
    let hash = hash_text(scope, id.as_bytes());
    // Spread the high bits down: the table indexes by the low ones.
    hash ^ (hash >> 29)
}

/// A key of the maps of one [`Seed`], with its hash.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key<'a> {
    pub(crate) vendor: &'a Vendor,
    pub(crate) tenant: &'a str,
    pub(crate) id: &'a str,
    seed: Seed,
    /// The hash of the vendor and tenant, before the id.
    scope: u64,
    hash: u64,
}

impl<'a> Key<'a> {
    /// The key's hash.
    pub(crate) fn hash(&self) -> u64 {
        self.hash
    }

    /// The key of another id of the same vendor and tenant, its scope not hashed again.
    pub(crate) fn with_id<'b>(&self, id: &'b str) -> Key<'b>
    where
        'a: 'b,
    {
        Key {
            id,
            hash: finish(self.scope, id),
            ..*self
        }
    }
}

/// One key and its value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry<T> {
    vendor: Vendor,
    tenant: Text,
    id: Text,
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

impl<T> Entry<T> {
    /// The key's texts.
    pub(crate) fn key_texts(&self) -> (&Vendor, &str, &str) {
        (&self.vendor, &self.tenant, &self.id)
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
        self.vendor == *key.vendor && same_text(&self.id, key.id) && same_text(&self.tenant, key.tenant)
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

    /// The place of `key`'s entry, for [`Scoped::at_mut`] until the map next changes.
    pub(crate) fn find(&self, key: &Key<'_>) -> Option<usize> {
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

    /// The value at a place [`Scoped::find`] or [`Scoped::insert_new`] gave.
    pub(crate) fn at(&self, at: usize) -> Option<&T> {
        self.entries.get(at).map(|(_, entry)| &entry.value)
    }

    /// The value at a place [`Scoped::find`] or [`Scoped::insert_new`] gave, to change.
    pub(crate) fn at_mut(&mut self, at: usize) -> Option<&mut T> {
        self.entries.get_mut(at).map(|(_, entry)| &mut entry.value)
    }

    /// Inserts a key the map does not hold (its caller just looked), without looking again;
    /// gives its place.
    pub(crate) fn insert_new(&mut self, key: &Key<'_>, value: T) -> usize {
        debug_assert!(self.find(key).is_none(), "a key the map holds");
        let entry = Entry {
            vendor: key.vendor.clone(),
            tenant: key.tenant.into(),
            id: key.id.into(),
            value,
        };
        self.push_entry(key.hash, entry)
    }

    fn push_entry(&mut self, hash: u64, entry: Entry<T>) -> usize {
        let at = self.entries.len();
        self.entries.push((hash, entry));
        match self.index.entry(hash) {
            std::collections::hash_map::Entry::Occupied(_) => self.overflow.push((hash, at)),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(at);
            }
        }
        at
    }

    /// Takes every entry out, sorted by key, each with its hash: the order of whatever is
    /// done to them does not depend on hashing. The places are sorted, not the entries.
    pub(crate) fn drain_sorted(&mut self) -> impl Iterator<Item = (u64, Entry<T>)> + use<T> {
        self.index.clear();
        self.overflow.clear();
        let entries = std::mem::take(&mut self.entries);
        let mut order: Vec<usize> = (0..entries.len()).collect();
        let key = |at: &usize| {
            entries
                .get(*at)
                .map(|(_, entry)| (&entry.vendor, &entry.tenant, &entry.id))
        };
        order.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
        let mut slots: Vec<Option<(u64, Entry<T>)>> = entries.into_iter().map(Some).collect();
        order
            .into_iter()
            .filter_map(move |at| slots.get_mut(at).and_then(Option::take))
    }

    /// Inserts `value` under `key`, replacing the value the key had.
    pub(crate) fn insert(&mut self, key: &Key<'_>, value: T) {
        match self.get_mut(key) {
            Some(slot) => *slot = value,
            None => {
                self.insert_new(key, value);
            }
        }
    }

    pub(crate) fn remove(&mut self, key: &Key<'_>) -> Option<T> {
        self.remove_entry(key).map(|entry| entry.value)
    }

    /// Removes a key and gives its entry, so that its texts can move to another map of the
    /// same seed ([`Scoped::insert_entry_hashed`]).
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

    /// Inserts an entry of hash `hash` (its key's, [`Key::hash`]) taken from a map of the
    /// same seed, replacing the value its key had.
    pub(crate) fn insert_entry_hashed(&mut self, hash: u64, entry: Entry<T>) {
        if let Some((at, _)) = self.place(hash, |other| other.key_texts() == entry.key_texts()) {
            if let Some((_, slot)) = self.entries.get_mut(at) {
                slot.value = entry.value;
            }
            return;
        }
        self.push_entry(hash, entry);
    }

    /// Every key, sorted: the order of whatever is done to them does not depend on hashing.
    pub(crate) fn keys_sorted(&self) -> Vec<(Vendor, Text, Text)> {
        let mut keys: Vec<(Vendor, Text, Text)> = self
            .entries()
            .map(|entry| (entry.vendor.clone(), entry.tenant.clone(), entry.id.clone()))
            .collect();
        keys.sort();
        keys
    }

    /// The ids of one vendor and tenant, sorted.
    #[cfg(test)]
    pub(crate) fn ids_sorted(&self, vendor: &Vendor, tenant: &str) -> Vec<Text> {
        self.ids_where(vendor, tenant, |_| true)
    }

    /// The ids of one vendor and tenant whose values `pick` picks, sorted.
    pub(crate) fn ids_where(&self, vendor: &Vendor, tenant: &str, pick: impl Fn(&T) -> bool) -> Vec<Text> {
        let mut ids: Vec<Text> = self
            .entries()
            .filter(|entry| entry.vendor == *vendor && entry.tenant == tenant && pick(&entry.value))
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
    // The tail (up to 7 bytes) into one word, as 4, 2 and 1 bytes: no copy through memory.
    let mut rest = words.remainder();
    let (mut tail, mut shift) = (0u64, 0u32);
    if let Some((four, more)) = rest.split_first_chunk::<4>() {
        tail = u64::from(u32::from_le_bytes(*four));
        (shift, rest) = (32, more);
    }
    if let Some((two, more)) = rest.split_first_chunk::<2>() {
        tail |= u64::from(u16::from_le_bytes(*two)) << shift;
        (shift, rest) = (shift + 16, more);
    }
    if let Some(byte) = rest.first() {
        tail |= u64::from(*byte) << shift;
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
                (Vendor::SevenMoor, Text::from("t"), Text::from("a")),
                (Vendor::Csta, Text::from(""), Text::from("a")),
                (Vendor::Csta, Text::from("t"), Text::from("b")),
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

    /// A place found or given by `insert_new` reaches the value; `with_id` is the same key as
    /// one hashed from scratch.
    #[test]
    fn places_and_sibling_keys() {
        let mut map: Scoped<u32> = Scoped::default();
        let clock = map.key(&Vendor::Csta, "t", "");
        let a = clock.with_id("a");
        assert_eq!(a.hash(), map.key(&Vendor::Csta, "t", "a").hash());
        assert_eq!(map.find(&a), None);
        let at = map.insert_new(&a, 1);
        let b = map.insert_new(&clock.with_id("b"), 2);
        assert_eq!((map.find(&a), map.at(at)), (Some(at), Some(&1)));
        if let Some(value) = map.at_mut(b) {
            *value = 20;
        }
        assert_eq!(map.get(&map.key(&Vendor::Csta, "t", "b")), Some(&20));
        assert_eq!(map.get(&map.key(&Vendor::Csta, "", "b")), None, "another scope");
        assert_eq!(map.at(7), None);
    }

    /// Draining gives every entry once, in key order, with its key's hash; an entry moved to
    /// another map by its hash is found there by its key.
    #[test]
    fn drain_in_key_order_and_move_by_hash() {
        let mut map: Scoped<u32> = Scoped::default();
        let mut other: Scoped<u32> = Scoped::new(map.seed);
        for (n, (vendor, tenant, id)) in [
            (Vendor::Csta, "t", "b"),
            (Vendor::SevenMoor, "t", "z"),
            (Vendor::Csta, "", "c"),
            (Vendor::Csta, "t", "a"),
        ]
        .into_iter()
        .enumerate()
        {
            map.insert(&map.key(&vendor, tenant, id), n as u32);
        }
        assert_eq!(map.ids_where(&Vendor::Csta, "t", |n| *n != 3), ["b"]);
        let drained: Vec<(u64, Entry<u32>)> = map.drain_sorted().collect();
        let keys: Vec<(&Vendor, &str, &str)> = drained.iter().map(|(_, entry)| entry.key_texts()).collect();
        assert_eq!(
            keys,
            [
                (&Vendor::SevenMoor, "t", "z"),
                (&Vendor::Csta, "", "c"),
                (&Vendor::Csta, "t", "a"),
                (&Vendor::Csta, "t", "b"),
            ]
        );
        assert_eq!(map.len(), 0);
        assert_eq!(map.get(&map.key(&Vendor::Csta, "t", "a")), None);
        for (hash, entry) in drained {
            let (vendor, tenant, id) = entry.key_texts();
            assert_eq!(hash, map.key(vendor, tenant, id).hash());
            other.insert_entry_hashed(hash, entry);
        }
        assert_eq!(other.get(&other.key(&Vendor::Csta, "t", "a")), Some(&3));
        assert_eq!(other.get(&other.key(&Vendor::SevenMoor, "t", "z")), Some(&1));
        assert_eq!(other.len(), 4);
        // The drained map is empty and works as new.
        map.insert(&map.key(&Vendor::Csta, "t", "a"), 9);
        assert_eq!(map.get(&map.key(&Vendor::Csta, "t", "a")), Some(&9));
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
