//! [`FormatVersion`]: the version of the common JSON, carried by every event.

use super::vocabulary::vocabulary;

vocabulary! {
    /// The version of the common JSON an event is written in: the `format` member of every
    /// [`super::CommonEvent`], first in each line `normalize` prints.
    ///
    /// The version changes only when a reader built for the previous one could misread an
    /// event: a member removed, renamed or given another meaning or type, a value given
    /// another meaning. Adding a member, a kind, a vendor, a state or a cause does not change
    /// it: readers of the same version meet those as `Unrecognized` values (or in
    /// [`super::CommonEvent::extra`]) and keep them. A reader that meets another version reads
    /// it as `Unrecognized` too; whether to trust the rest is the reader's call.
    pub enum FormatVersion {
        /// `cc-events/1`: this crate's first common JSON.
        V1 = "cc-events/1",
    }
}

impl FormatVersion {
    /// The version this build writes.
    pub const CURRENT: FormatVersion = FormatVersion::V1;
}
