//! [`Scoped`]: state keyed by vendor, tenant and id, looked up without allocating.
//!
//! One hash of the whole key per lookup (the tracker looks up calls and agents several times
//! an event), the key's texts compared only on a hash match. The hash is a multiply-rotate
//! over 8-byte words (SipHash cost a tenth of the tracker's time), seeded per map from the
//! standard library's random state so that no fixed set of ids collides everywhere.

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

/// One key and its value.
#[derive(Debug, Clone, PartialEq)]
struct Entry<T> {
    vendor: Vendor,
    tenant: String,
    id: String,
    value: T,
}

/// Values keyed by vendor, tenant (`""` for none) and id.
#[derive(Debug, Clone)]
pub(crate) struct Scoped<T> {
    /// The hash's seed, random per map.
    seed: u64,
    /// One entry per hash, stored inline (no allocation per key beyond its texts).
    map: HashMap<u64, Entry<T>, BuildHasherDefault<Prehashed>>,
    /// Entries whose hash another key already has: almost never any.
    overflow: Vec<(u64, Entry<T>)>,
}

impl<T: PartialEq> PartialEq for Scoped<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .entries()
                .all(|entry| other.get(&entry.vendor, &entry.tenant, &entry.id) == Some(&entry.value))
    }
}

impl<T> Default for Scoped<T> {
    fn default() -> Self {
        Scoped {
            seed: RandomState::new().hash_one(0x5eed_u64),
            map: HashMap::default(),
            overflow: Vec::new(),
        }
    }
}

impl<T> Entry<T> {
    fn is(&self, vendor: &Vendor, tenant: &str, id: &str) -> bool {
        self.vendor == *vendor && self.id == id && self.tenant == tenant
    }
}

impl<T> Scoped<T> {
    fn hash(&self, vendor: &Vendor, tenant: &str, id: &str) -> u64 {
        let mut hash = self.seed;
        for text in [vendor.as_str(), tenant, id] {
            let mut words = text.as_bytes().chunks_exact(8);
            for word in &mut words {
                let mut bytes = [0u8; 8];
                bytes.copy_from_slice(word);
                hash = mix(hash, u64::from_le_bytes(bytes));
            }
            let mut tail = [0u8; 8];
            for (slot, byte) in tail.iter_mut().zip(words.remainder()) {
                *slot = *byte;
            }
            // The length ends each text, so that ("ab", "c") and ("a", "bc") differ.
            hash = mix(mix(hash, u64::from_le_bytes(tail)), text.len() as u64);
        }
        // Spread the high bits down: the table indexes by the low ones.
        hash ^ (hash >> 29)
    }

    fn entries(&self) -> impl Iterator<Item = &Entry<T>> + '_ {
        self.map.values().chain(self.overflow.iter().map(|(_, entry)| entry))
    }

    pub(crate) fn get(&self, vendor: &Vendor, tenant: &str, id: &str) -> Option<&T> {
        let hash = self.hash(vendor, tenant, id);
        match self.map.get(&hash) {
            Some(entry) if entry.is(vendor, tenant, id) => Some(&entry.value),
            Some(_) => self
                .overflow
                .iter()
                .find(|(h, entry)| *h == hash && entry.is(vendor, tenant, id))
                .map(|(_, entry)| &entry.value),
            None => None,
        }
    }

    pub(crate) fn get_mut(&mut self, vendor: &Vendor, tenant: &str, id: &str) -> Option<&mut T> {
        let hash = self.hash(vendor, tenant, id);
        match self.map.get_mut(&hash) {
            Some(entry) if entry.is(vendor, tenant, id) => Some(&mut entry.value),
            Some(_) => self
                .overflow
                .iter_mut()
                .find(|(h, entry)| *h == hash && entry.is(vendor, tenant, id))
                .map(|(_, entry)| &mut entry.value),
            None => None,
        }
    }

    pub(crate) fn contains(&self, vendor: &Vendor, tenant: &str, id: &str) -> bool {
        self.get(vendor, tenant, id).is_some()
    }

    pub(crate) fn insert(&mut self, vendor: &Vendor, tenant: &str, id: &str, value: T) {
        if let Some(slot) = self.get_mut(vendor, tenant, id) {
            *slot = value;
            return;
        }
        let hash = self.hash(vendor, tenant, id);
        let entry = Entry {
            vendor: vendor.clone(),
            tenant: tenant.to_owned(),
            id: id.to_owned(),
            value,
        };
        match self.map.entry(hash) {
            std::collections::hash_map::Entry::Occupied(_) => self.overflow.push((hash, entry)),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(entry);
            }
        }
    }

    pub(crate) fn remove(&mut self, vendor: &Vendor, tenant: &str, id: &str) -> Option<T> {
        let hash = self.hash(vendor, tenant, id);
        if self.map.get(&hash)?.is(vendor, tenant, id) {
            let entry = self.map.remove(&hash)?;
            // A key of the same hash waiting in the overflow takes the freed place.
            if let Some(index) = self.overflow.iter().position(|(h, _)| *h == hash) {
                let (_, moved) = self.overflow.swap_remove(index);
                self.map.insert(hash, moved);
            }
            return Some(entry.value);
        }
        let index = self
            .overflow
            .iter()
            .position(|(h, entry)| *h == hash && entry.is(vendor, tenant, id))?;
        Some(self.overflow.swap_remove(index).1.value)
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
        self.map.len() + self.overflow.len()
    }
}

/// One step of the hash (FxHash's multiply-rotate).
fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_get_remove() {
        let mut map: Scoped<u32> = Scoped::default();
        map.insert(&Vendor::Csta, "t", "a", 1);
        map.insert(&Vendor::Csta, "t", "b", 2);
        map.insert(&Vendor::Csta, "", "a", 3);
        map.insert(&Vendor::SevenMoor, "t", "a", 4);
        map.insert(&Vendor::Csta, "t", "a", 5);
        assert_eq!(map.len(), 4);
        assert_eq!(map.get(&Vendor::Csta, "t", "a"), Some(&5));
        assert_eq!(map.get(&Vendor::Csta, "", "a"), Some(&3));
        assert_eq!(map.get(&Vendor::Csta, "ta", ""), None, "the texts' boundary counts");
        assert_eq!(map.remove(&Vendor::Csta, "t", "a"), Some(5));
        assert_eq!(map.remove(&Vendor::Csta, "t", "a"), None);
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
}
