//! What the tracker needs to know about the CSTA feed ([`crate::track`]).
//!
//! * Call events name devices, never agents: agent events (`deviceId` + `agentId`) teach the
//!   device → agent map, a logged-off agent leaves its device, and call events are given the
//!   agent at their device. The feed's agent events carry no busy states, so call events move
//!   the agent: delivered / offered ringing, established talking (the answering and the
//!   calling device), held on hold, retrieved talking, originated / service initiated dialing;
//!   when the device's connection clears, the agent is back in its agent mode (ready, not
//!   ready), which calls do not change in CSTA.
//! * The feed sends one copy of each call event per monitored device (`srcDeviceId`, with
//!   its own `serial`): copies have the same event name, call, connection, device, time and
//!   cause, and the second is a duplicate.
//! * No call-cleared is needed: a call ends when its last connection clears (a callCleared,
//!   when one comes, ends it too). Only the monitored devices' connections are known, so no
//!   customer leg is waited for.

use super::Event;
use crate::common::{AgentState, CommonEvent, ConnectionState, EventKind};
use crate::track::{CallEnd, DeviceBinding, LegReading, ReadContext, Reading, VendorKnowledge, moment_key};
use std::borrow::Cow;

impl VendorKnowledge for Event {
    fn read<'a>(&'a self, common: &'a CommonEvent, _context: &ReadContext<'_>) -> Reading<'a> {
        let mut reading = Reading::plain(common);
        let device = common.party.as_ref().and_then(|party| party.id.as_deref());
        if common.kind.is_agent_kind() {
            if let Some(device) = device {
                let agent_id = match common.kind {
                    EventKind::AgentLoggedOff => None,
                    _ => common.agent_id.as_deref().map(Cow::Borrowed),
                };
                if agent_id.is_some() || common.kind == EventKind::AgentLoggedOff {
                    reading.binds_device = Some(DeviceBinding {
                        device: Cow::Borrowed(device),
                        agent_id,
                    });
                }
            }
            return reading;
        }
        let Some(call_id) = common.call_id.as_deref() else {
            return reading;
        };
        reading.call_end = Some(CallEnd::LastLeg { needs_customer: false });
        let state = common.party.as_ref().and_then(|party| party.state.clone());
        if let Some(leg) = common.leg_id.as_deref().or(device) {
            let leaves = common.kind == EventKind::ConnectionCleared
                || matches!(state, Some(ConnectionState::Null | ConnectionState::Fail));
            reading.leg = Some(
                LegReading::new(leg)
                    .with_role(common.party.as_ref().map(|party| party.role.clone()))
                    .leaving(leaves),
            );
        }
        let counter_device = common.counterparty.as_ref().and_then(|party| party.id.as_deref());
        if let Some(device) = device {
            let moved = match common.kind {
                EventKind::Delivered | EventKind::Offered => Some(AgentState::Ringing),
                EventKind::Established | EventKind::Retrieved => Some(AgentState::Talking),
                EventKind::Held => Some(AgentState::OnHold),
                EventKind::Originated | EventKind::ServiceInitiated => Some(AgentState::Dialing),
                _ => None,
            };
            if let Some(moved) = moved {
                reading.device_states.push((Cow::Borrowed(device), moved));
            }
            if reading.leg.as_ref().is_some_and(|leg| leg.leaves) {
                reading.devices_released.push(Cow::Borrowed(device));
            }
            if common.kind == EventKind::Established {
                if let Some(calling) = counter_device {
                    reading
                        .device_states
                        .push((Cow::Borrowed(calling), AgentState::Talking));
                }
            }
        }
        reading.device = device.map(Cow::Borrowed);
        let time = common.time.as_ref().and_then(|time| time.original.as_deref());
        reading.dedup_key = Some(moment_key(&[
            &common.vendor_event_type,
            call_id,
            common.leg_id.as_deref().unwrap_or(""),
            device.unwrap_or(""),
            time.unwrap_or(""),
            common
                .cause
                .as_ref()
                .and_then(|cause| cause.vendor_text.as_deref())
                .unwrap_or(""),
        ]));
        reading
    }
}
