//! [`Scoped`]: state keyed by vendor, tenant and id, looked up without allocating.

use crate::common::Vendor;
use std::collections::HashMap;

/// Values keyed by vendor, tenant (`""` for none) and id.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scoped<T> {
    map: HashMap<Vendor, HashMap<String, HashMap<String, T>>>,
}

impl<T> Default for Scoped<T> {
    fn default() -> Self {
        Scoped { map: HashMap::new() }
    }
}

impl<T> Scoped<T> {
    pub(crate) fn get(&self, vendor: Vendor, tenant: &str, id: &str) -> Option<&T> {
        self.map.get(&vendor)?.get(tenant)?.get(id)
    }

    pub(crate) fn get_mut(&mut self, vendor: Vendor, tenant: &str, id: &str) -> Option<&mut T> {
        self.map.get_mut(&vendor)?.get_mut(tenant)?.get_mut(id)
    }

    pub(crate) fn contains(&self, vendor: Vendor, tenant: &str, id: &str) -> bool {
        self.get(vendor, tenant, id).is_some()
    }

    pub(crate) fn insert(&mut self, vendor: Vendor, tenant: &str, id: &str, value: T) {
        self.map
            .entry(vendor)
            .or_default()
            .entry(tenant.to_owned())
            .or_default()
            .insert(id.to_owned(), value);
    }

    pub(crate) fn remove(&mut self, vendor: Vendor, tenant: &str, id: &str) -> Option<T> {
        let tenants = self.map.get_mut(&vendor)?;
        let ids = tenants.get_mut(tenant)?;
        let value = ids.remove(id);
        if ids.is_empty() {
            tenants.remove(tenant);
        }
        value
    }

    /// Every key, sorted: the order of whatever is done to them does not depend on hashing.
    pub(crate) fn keys_sorted(&self) -> Vec<(Vendor, String, String)> {
        let mut keys: Vec<(Vendor, String, String)> = self
            .map
            .iter()
            .flat_map(|(vendor, tenants)| {
                tenants
                    .iter()
                    .flat_map(move |(tenant, ids)| ids.keys().map(move |id| (*vendor, tenant.clone(), id.clone())))
            })
            .collect();
        keys.sort();
        keys
    }

    /// The ids of one vendor and tenant, sorted.
    pub(crate) fn ids_sorted(&self, vendor: Vendor, tenant: &str) -> Vec<String> {
        let mut ids: Vec<String> = self
            .map
            .get(&vendor)
            .and_then(|tenants| tenants.get(tenant))
            .map(|ids| ids.keys().cloned().collect())
            .unwrap_or_default();
        ids.sort();
        ids
    }

    pub(crate) fn len(&self) -> usize {
        self.map.values().flat_map(HashMap::values).map(HashMap::len).sum()
    }
}
