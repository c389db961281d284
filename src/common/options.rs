//! [`ConvertOptions`]: what a conversion needs that the payload may not say.

use chrono::{DateTime, FixedOffset, Offset, Utc};

/// What a conversion needs that a payload may not carry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConvertOptions {
    /// The offset of vendors' local times (7moor, the CSTA feed). Default +08:00, the
    /// vendors' home zone.
    pub local_offset: FixedOffset,
    /// When the payload was received: the event time of payloads that carry none (Google CCAI),
    /// or whose time cannot be read. `None` leaves such events without a time.
    pub received_at: Option<DateTime<Utc>>,
    /// The tenant of payloads that carry none (Google CCAI).
    pub tenant: Option<String>,
}

impl Default for ConvertOptions {
    fn default() -> Self {
        ConvertOptions {
            // +08:00 is always a valid offset; UTC is the fallback the type needs.
            local_offset: FixedOffset::east_opt(8 * 3600).unwrap_or(Utc.fix()),
            received_at: None,
            tenant: None,
        }
    }
}

impl ConvertOptions {
    /// Sets the offset of local times.
    pub fn with_local_offset(mut self, offset: FixedOffset) -> Self {
        self.local_offset = offset;
        self
    }

    /// Sets the receive time.
    pub fn with_received_at(mut self, received_at: DateTime<Utc>) -> Self {
        self.received_at = Some(received_at);
        self
    }

    /// Sets the tenant for payloads that carry none.
    pub fn with_tenant(mut self, tenant: impl Into<String>) -> Self {
        self.tenant = Some(tenant.into());
        self
    }
}
