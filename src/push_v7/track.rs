//! What the tracker needs to know about 7moor's pushes ([`crate::track`]).
//!
//! * One moment arrives twice: the agent's `callStatus` carries a `callEvent` (calling, ring,
//!   link, hangup) that repeats the dedicated call push (dialoutRing, the inbound ring and
//!   hang-up, customerConnected, dialoutHangup) at the same `statusTime`. The dedicated push is
//!   the call's; a `callStatus` repeating one already seen is a duplicate for the call (its
//!   agent state still counts). A `callStatus` that comes first is applied, and the push after
//!   it sets nothing twice.
//! * A `callStatus` hangup ends the agent's leg only (a transfer goes on); the dedicated
//!   hang-up push ends the call.
//! * The `cdr` comes after the hang-up: it is 7moor's own record of the call, reconciled with
//!   the tracker's. Its ring time is the customer's for outbound calls
//!   (`customerRingDuration`) and the agent's for inbound ones (`agentRingDuration`); its talk
//!   time is `bridgeDuration`; a `waitDuration` of 0 means the call never queued, so it is not
//!   compared.

use super::{CallEvent, CdrStatus, Event, HangUpSide};
use crate::common::{CommonEvent, Direction, PartyRole};
use crate::track::{CallEnd, CallMoment, LegReading, ReadContext, Reading, VendorKnowledge, VendorRecord, moment_key};
use chrono::{DateTime, FixedOffset, Utc};

impl VendorKnowledge for Event {
    fn read<'a>(&'a self, common: &'a CommonEvent, context: &ReadContext<'_>) -> Reading<'a> {
        let mut reading = Reading::plain(common);
        let Some(call_id) = common.call_id.as_deref() else {
            return reading;
        };
        reading.call_end = Some(CallEnd::Explicit);
        let mut digits = [0u8; 20];
        let seconds = match &common.time {
            Some(time) => decimal(time.utc.timestamp(), &mut digits),
            None => "",
        };
        let name = |event: &CallEvent| match event {
            CallEvent::Calling => "calling",
            CallEvent::Ring => "ring",
            CallEvent::Link => "link",
            CallEvent::Hangup => "hangup",
            _ => "other",
        };
        match self {
            Event::CallStatus(_) => {
                if let Some(event) = self.call_event() {
                    reading.moment = Some(match event {
                        CallEvent::Calling => CallMoment::Initiated,
                        CallEvent::Ring => CallMoment::Alerted,
                        CallEvent::Link => CallMoment::Answered,
                        CallEvent::Hangup => {
                            let agent = common.agent_id.as_deref().unwrap_or("");
                            reading.leg = Some(
                                LegReading::new(format!("agent:{agent}"))
                                    .with_role(Some(PartyRole::Agent))
                                    .with_agent(Some(agent))
                                    .leaving(true),
                            );
                            CallMoment::LegLeft
                        }
                        _ => CallMoment::Touched,
                    });
                    reading.dedup_key = Some(moment_key(&[call_id, name(event), seconds]));
                }
            }
            Event::Cdr(cdr) => {
                reading.moment = None;
                reading.vendor_record = Some(Box::new(cdr_record(cdr, common, context.local_offset)));
            }
            _ => {
                if let Some(event) = self.call_event() {
                    let pushed = ["push", &common.vendor_event_type];
                    reading.dedup_key = Some(moment_key(&[call_id, pushed[0], pushed[1], name(event), seconds]));
                    reading.marks = Some(moment_key(&[call_id, name(event), seconds]));
                }
            }
        }
        reading
    }
}

/// The decimal digits of `n`, written into `buffer` (a moment key's part, not allocated).
fn decimal(n: i64, buffer: &mut [u8; 20]) -> &str {
    let mut rest = n.unsigned_abs();
    let mut start = buffer.len();
    for slot in buffer.iter_mut().rev() {
        // Digits from the end: an i64 has at most 19 and a sign, 20 bytes.
        *slot = b'0' + (rest % 10) as u8;
        rest /= 10;
        start -= 1;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        if let Some(slot) = start.checked_sub(1).and_then(|at| buffer.get_mut(at)) {
            *slot = b'-';
            start -= 1;
        }
    }
    buffer
        .get(start..)
        .and_then(|digits| std::str::from_utf8(digits).ok())
        .unwrap_or("")
}

/// The figures of a `cdr`.
fn cdr_record(cdr: &super::Cdr, common: &CommonEvent, offset: FixedOffset) -> VendorRecord {
    let utc = |wall: Option<crate::wire::WallTime>| -> Option<DateTime<Utc>> { wall?.to_utc(offset) };
    let ms = |seconds: Option<u64>| seconds.and_then(|s| i64::try_from(s).ok()).map(|s| s * 1000);
    let mut record = VendorRecord::new("cdr");
    record.initiated_at = utc(cdr.start());
    record.answered_at = utc(cdr.bridged());
    record.ended_at = utc(cdr.hangup());
    record.ring_ms = match common.direction {
        Some(Direction::Inbound) => ms(cdr.agent_ring_seconds()),
        _ => ms(cdr.customer_ring_seconds()),
    };
    record.talk_ms = ms(cdr.bridge_seconds());
    record.total_ms = ms(cdr.total_seconds());
    record.queue_ms = ms(cdr.wait_seconds()).filter(|wait| *wait > 0);
    record.outcome = cdr.answer_status().and_then(|status| match status {
        CdrStatus::Answer | CdrStatus::CallTransfer => Some(crate::track::Outcome::Answered),
        CdrStatus::Ivr | CdrStatus::QueueAbandon | CdrStatus::AgentNoAnswer => Some(crate::track::Outcome::Abandoned),
        CdrStatus::CustomerNoAnswer => Some(crate::track::Outcome::NotAnswered),
        _ => None,
    });
    record.disconnected_by = cdr.hung_up_by().and_then(|side| match side {
        HangUpSide::Agent => Some(PartyRole::Agent),
        _ => None,
    });
    record.agents = common.agent_id.iter().cloned().collect();
    record
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimal_is_to_string() {
        let mut buffer = [0u8; 20];
        for n in [0, 7, -7, 10, 1_618_000_000, i64::MAX, i64::MIN] {
            assert_eq!(super::decimal(n, &mut buffer), n.to_string());
        }
    }
}
