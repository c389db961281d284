//! What the tracker needs to know about Google CCAI's call-session events
//! ([`crate::track`]).
//!
//! Each `CallState` is a snapshot of the whole call, not a delta: hold, unhold, mute, unmute,
//! redact and unredact may all come with call state `connected`, and a participant may vanish
//! instead of changing state. The difference between a call's snapshot and the one before it
//! says what happened, participant by participant:
//!
//! | previous → now | derived |
//! |---|---|
//! | not held → `held` | Held |
//! | `held` → connected (or muted, redacted...) | Retrieved |
//! | not muted → `muted` | Muted; `unmuted` after `muted`: Unmuted |
//! | not redacted → `redacted` | Redacted; `unredacted` after `redacted`: Unredacted |
//! | present → `disconnected` (or another leaving state), or gone from the list | ConnectionCleared |
//!
//! A participant's mute and redaction persist until the opposite state is sent (a later
//! `connected` keeps them). The first snapshot of a call derives nothing, and what the
//! snapshot's own event already says (the call state `held` is a Held of the user) is not
//! derived again. An agent who leaves the call gets no state from the vendor afterwards.
//! Payloads carry no time: the receive time given to the tracker is the event's time.

use super::{Event, ParticipantState};
use crate::common::{CommonEvent, ConnectionState, EventKind, Party, PartyRole};
use crate::track::{CallEnd, ReadContext, Reading, Snapshot, SnapshotParty, VendorKnowledge};

impl VendorKnowledge for Event {
    fn sends_snapshots(&self) -> bool {
        true
    }

    fn read<'a>(&'a self, common: &'a CommonEvent, context: &ReadContext<'_>) -> Reading<'a> {
        let mut reading = Reading::plain(common);
        let Some(call) = self.call() else {
            return reading;
        };
        if common.call_id.is_none() {
            return reading;
        }
        reading.call_end = Some(CallEnd::Explicit);
        let mut snapshot = Snapshot::default();
        for participant in call.participants() {
            let Some(id) = participant.id() else {
                continue;
            };
            let role = if participant.is_agent() {
                PartyRole::Agent
            } else if participant.is_external() {
                PartyRole::Customer
            } else {
                PartyRole::Unknown
            };
            let before = context.previous.and_then(|previous| previous.party(id));
            let mut party = SnapshotParty::new(id, role, ConnectionState::Connected);
            party.muted = before.is_some_and(|before| before.muted);
            party.redacted = before.is_some_and(|before| before.redacted);
            match participant.state.get() {
                Some(ParticipantState::Dialing | ParticipantState::Ringing) => party.state = ConnectionState::Alerting,
                Some(ParticipantState::Held) => party.state = ConnectionState::Hold,
                Some(
                    ParticipantState::Disconnected
                    | ParticipantState::Deflected
                    | ParticipantState::Transferred
                    | ParticipantState::Callback,
                ) => party.state = ConnectionState::Null,
                Some(ParticipantState::Muted) => party.muted = true,
                Some(ParticipantState::Unmuted) => party.muted = false,
                Some(ParticipantState::Redacted) => party.redacted = true,
                Some(ParticipantState::Unredacted) => party.redacted = false,
                _ => {}
            }
            snapshot.parties.push(party);
        }
        if let Some(previous) = context.previous {
            diff(common, previous, &snapshot, &mut reading);
        }
        reading.snapshot = Some(snapshot);
        reading
    }
}

/// The events that tell `previous` from `now`.
fn diff(common: &CommonEvent, previous: &Snapshot, now: &Snapshot, reading: &mut Reading) {
    let derive = |kind: EventKind, party: &SnapshotParty, reading: &mut Reading| {
        let said = common.kind == kind
            && common
                .party
                .as_ref()
                .is_some_and(|sent| sent.id.as_deref() == Some(party.id.as_str()));
        if said {
            return;
        }
        let agent = (party.role == PartyRole::Agent).then_some(party.id.as_str());
        // Filled in place: each step of a by-value chain moved the whole 912-byte event.
        let mut event = CommonEvent::new(common.vendor.clone(), kind.clone(), common.vendor_event_type.clone());
        event.tenant = common.tenant.clone().filter(|tenant| !tenant.is_empty());
        event.call_id = common.call_id.clone().filter(|call| !call.is_empty());
        event.set_agent_id(agent);
        event.time = common.time.clone();
        event.party = Some(
            Party::new(party.role.clone())
                .with_id(Some(&party.id))
                .with_agent_id(agent)
                .with_state(Some(party.state.clone())),
        );
        reading.derived.push(event);
    };
    for party in &now.parties {
        let Some(before) = previous.party(&party.id) else {
            continue;
        };
        let left = party.state == ConnectionState::Null && before.state != ConnectionState::Null;
        if before.state != ConnectionState::Hold && party.state == ConnectionState::Hold {
            derive(EventKind::Held, party, reading);
        } else if before.state == ConnectionState::Hold && party.state != ConnectionState::Hold && !left {
            derive(EventKind::Retrieved, party, reading);
        }
        if !before.muted && party.muted {
            derive(EventKind::Muted, party, reading);
        } else if before.muted && !party.muted {
            derive(EventKind::Unmuted, party, reading);
        }
        if !before.redacted && party.redacted {
            derive(EventKind::Redacted, party, reading);
        } else if before.redacted && !party.redacted {
            derive(EventKind::Unredacted, party, reading);
        }
        if left {
            derive(EventKind::ConnectionCleared, party, reading);
            if party.role == PartyRole::Agent {
                reading.agents_gone.push(party.id.clone());
            }
        }
    }
    for before in &previous.parties {
        if before.state != ConnectionState::Null && now.party(&before.id).is_none() {
            let mut gone = before.clone();
            gone.state = ConnectionState::Null;
            derive(EventKind::ConnectionCleared, &gone, reading);
            if gone.role == PartyRole::Agent {
                reading.agents_gone.push(gone.id.clone());
            }
        }
    }
}
