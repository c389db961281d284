//! [`Media`]: which medium a session uses, so that a chat is never counted as a call.

use super::vocabulary::vocabulary;

vocabulary! {
    /// The medium of the session an event is about.
    ///
    /// A [`super::CommonEvent`] whose `media` is absent is about a voice call: every schema of
    /// the crate but the CCAI chat session events is a voice feed, and leaving it absent keeps
    /// their JSON unchanged. A chat is a call-like session of another medium: the same kinds
    /// (queued, established, cleared, ...) apply, with `media` set to [`Media::Chat`], so a
    /// consumer that counts calls filters on it. Like every enum of the vocabulary, a medium
    /// of a newer version is read as `Unrecognized` and written back unchanged.
    pub enum Media {
        /// A voice call (what an absent `media` means).
        Voice = "voice",
        /// A chat session (web or mobile SDK chat).
        Chat = "chat",
    }
}
