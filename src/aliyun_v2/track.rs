//! What the tracker needs to know about Alibaba Cloud's events ([`crate::track`]).
//!
//! * The platform sends no call-cleared: a contact ends when its last channel is Released
//!   (and, for a call with a customer, the customer's channel has left).
//! * Ringing / Established / Released name a channel, not its role: the role comes from the
//!   agent events on the same channel (AgentRinging, AgentTalk, AgentDialing name an agent
//!   or supervisor), Dialing's platform leg, and the `ch-customer-` / `ch-user-` prefixes of the
//!   customer's channels. A call event with an agent and no such prefix is on that agent's
//!   channel.
//! * The customer's channel events name the agent the customer is with at that moment: that
//!   agent's channel is still in the call.
//! * InitiateConsultant / StartConsultant / StopConsultant are a consultation inside the
//!   contact: they neither start nor end it.
//! * `CDRReady` is the platform's own record of the contact.
//!
//! No event id exists: a repeat is the same type on the same channel at the same time.

use super::Event;
use crate::common::{CauseCode, CommonEvent, EventKind, PartyRole};
use crate::track::{CallEnd, CallMoment, LegReading, ReadContext, Reading, VendorKnowledge, VendorRecord, moment_key};
use crate::wire::Text;
use std::borrow::Cow;

/// Whether a channel id is one of the customer's (002: `ch-customer-`, `ch-user-`).
fn is_customer_channel(channel: &str) -> bool {
    channel.starts_with("ch-customer-") || channel.starts_with("ch-user-")
}

impl VendorKnowledge for Event {
    fn read<'a>(&'a self, common: &'a CommonEvent, context: &ReadContext<'_>) -> Reading<'a> {
        let mut reading = Reading::plain(common);
        if common.call_id.is_none() {
            return reading;
        }
        reading.call_end = Some(CallEnd::LastLeg { needs_customer: true });
        let consultation = common
            .cause
            .as_ref()
            .is_some_and(|cause| cause.code == CauseCode::Consultation);
        if consultation {
            reading.moment = Some(CallMoment::Touched);
        }
        if let Event::CDRReady(cdr) = self {
            reading.moment = None;
            reading.vendor_record = Some(Box::new(cdr_record(cdr, common, context.local_offset)));
            return reading;
        }
        if let Some(channel) = common.leg_id.as_deref() {
            let customer = is_customer_channel(channel);
            let party_role = common.party.as_ref().map(|party| party.role.clone());
            let role = if customer {
                Some(PartyRole::Customer)
            } else if common.kind == EventKind::Transferred {
                // A transfer names the transferring agent on the transferred (customer's) leg.
                None
            } else {
                match party_role {
                    Some(
                        role @ (PartyRole::Agent | PartyRole::Supervisor | PartyRole::System | PartyRole::Customer),
                    ) => Some(role),
                    _ if common.agent_id.is_some() => Some(PartyRole::Agent),
                    _ => None,
                }
            };
            let leaves = matches!(common.kind, EventKind::ConnectionCleared | EventKind::Abandoned) && !consultation;
            let agent = if customer { None } else { common.agent_id.as_deref() };
            reading.leg = Some(
                LegReading::new(channel)
                    .with_role(role)
                    .with_agent(agent)
                    .leaving(leaves),
            );
            if customer && common.kind != EventKind::Transferred {
                reading.agent_with_customer = common.agent_id.as_deref().map(Cow::Borrowed);
            }
        }
        let time = common.time.as_ref().and_then(|time| time.original.as_deref());
        reading.dedup_key = Some(moment_key(&[
            &common.vendor_event_type,
            common.leg_id.as_deref().unwrap_or(""),
            time.unwrap_or(""),
            common.agent_id.as_deref().unwrap_or(""),
        ]));
        reading
    }
}

/// The figures of a `CDRReady`.
fn cdr_record(cdr: &super::CdrReady, common: &CommonEvent, offset: chrono::FixedOffset) -> VendorRecord {
    let time = |field: &crate::wire::Field<crate::wire::Rfc3339Time>| {
        field
            .get()
            .and_then(|text| text.parse())
            .and_then(|wall| wall.to_utc(offset))
    };
    let summary = &cdr.summary;
    let mut record = VendorRecord::new("CDRReady");
    // startTime is when dialing began, or, for an inbound call, when it entered the IVR.
    if common.direction == Some(crate::common::Direction::Inbound) {
        record.ivr_entered_at = time(&summary.start_time);
    } else {
        record.initiated_at = time(&summary.start_time);
    }
    record.answered_at = time(&summary.established_time);
    record.ended_at = time(&summary.end_time);
    record.total_ms = match (record.initiated_at, record.ended_at) {
        (Some(start), Some(end)) => Some((end - start).num_milliseconds().max(0)),
        _ => None,
    };
    record.agents = summary
        .agent_ids
        .get()
        .map(|ids| ids.items().map(Text::from).collect())
        .unwrap_or_default();
    record
}
