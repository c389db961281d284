//! The field groups that many push_v7 pushes share, declared once.

use super::EventType;
use super::enums::{CallEvent, CallType};
use super::forms::{OrEmpty, present};
use crate::wire::Text;
use crate::wire::{Embedded, List, UnixSecondsTime, WallTime, wire_group};
use serde_json::{Map, Value};
use std::borrow::Cow;

wire_group! {
    /// The fields every flat push carries: the push type, the account and the event id.
    ///
    /// `pushType` is in no call-event table although every sample but two carries it: it is
    /// the discriminator, a documented field here. The inbound hang-up sample and the
    /// customer-connected envelope have none (see [`super::Event`] for how they are told apart).
    pub struct CommonFields {
        /// Push type (推送类型 / 事件类型), the discriminator: `dialoutRing`, `cdr`, `login`, ...
        push_type: EventType = "pushType" unmapped,
        /// Account number (账户编号), e.g. `20000153`.
        account_id: Text = "accountId",
        /// Event id (事件id), 32 hex digits. The document reuses
        /// `e454d40def4d47ee9d7a76aba5d6cbb7` in two samples, so deduplicate on it together with
        /// `accountId` and `pushType`.
        event_unique_id: Text = "eventUniqueId",
    }
}

wire_group! {
    /// The agent a push names (call events, call records, logins, media failures).
    pub struct AgentFields {
        /// Agent number (坐席工号 / 座席工号), the business id, e.g. `20001`.
        agent_number: Text = "agentNumber",
        /// Agent name (座席名称), e.g. `sc的坐席`.
        agent_name: Text = "agentName" unmapped,
    }
}

wire_group! {
    /// The call a call-event push or a call record is about.
    pub struct CallFields {
        /// The customer's number (用户号码), e.g. `17319132391`.
        customer_number: Text = "customerNumber",
        /// Service number (服务号; the CDR: 中继号码, the called number of an inbound call).
        trunk_number: Text = "trunkNumber",
        /// The number shown to the customer (外显号码), e.g. `01081400192`.
        display_number: Text = "displayNumber",
        /// Call type (通话类型; the CDR table says "Cdr类型"): direction and how the call was placed.
        call_type: OrEmpty<CallType> = "callType",
        /// Custom outbound parameters (外呼自定义参数). Documented as an object; every sample sends
        /// `""` (none). Both forms are kept as sent; a string holding JSON is decoded by
        /// [`CallFields::extras`].
        extras: Embedded<Map<String, Value>> = "extras",
        /// Call id (通话id), e.g. `403344537650466816`. Seed 001 uses this id under two accounts.
        call_unique_id: Text = "callUniqueId",
    }
}

impl CallFields {
    /// The custom outbound parameters, whether sent as an object or as a string holding one;
    /// `None` for `""`, `null`, or absent.
    pub fn extras(&self) -> Option<Cow<'_, Map<String, Value>>> {
        self.extras.get().and_then(Embedded::decode)
    }

    /// The call type, `None` for `""`.
    pub fn call_type(&self) -> Option<&CallType> {
        present(&self.call_type)
    }
}

wire_group! {
    /// What a call-event push says happened (the call-event tables' own fields).
    pub struct CallEventFields {
        /// When the state began (状态开始时间): unix seconds in a string, `"1620455977"`;
        /// `""` means none.
        status_time: UnixSecondsTime = "statusTime",
        /// Call event (事件类型): calling, ring, link, hangup.
        call_event: OrEmpty<CallEvent> = "callEvent",
        /// The parent call id (undocumented; in the inbound hang-up and customer-connected
        /// samples): `393928840994361344`. Use it to correlate the customer-connected push,
        /// which carries no `callUniqueId`.
        super_unique_id: Text = "superUniqueId",
    }
}

impl CallEventFields {
    /// The time the state began, read as unix seconds (`None` for `""` or another form).
    pub fn time(&self) -> Option<WallTime> {
        self.status_time.get().and_then(|time| time.parse())
    }

    /// The call event, `None` for `""`.
    pub fn call_event(&self) -> Option<&CallEvent> {
        present(&self.call_event)
    }
}

wire_group! {
    /// The caller-id groups the display number was taken from (外显号组), on the outbound
    /// hang-up and the call record. The outbound hang-up sample sends `[""]` for "none".
    pub struct DisplayGroupFields {
        /// Caller-id group ids (外显号组id), e.g. `["60541bbf4aab2c0021278ad2"]`.
        group_id_list: List<Text> = "groupIdList",
        /// Caller-id group names (外显号组名称), e.g. `["分组1"]`.
        group_name_list: List<Text> = "groupNameList",
    }
}

fn non_empty(list: &crate::wire::Field<List<Text>>) -> Vec<&str> {
    list.get()
        .map(|items| items.iter().filter_map(|item| item.non_empty()).collect())
        .unwrap_or_default()
}

impl DisplayGroupFields {
    /// The group ids, `""` entries skipped.
    pub fn group_ids(&self) -> Vec<&str> {
        non_empty(&self.group_id_list)
    }

    /// The group names, `""` entries skipped.
    pub fn group_names(&self) -> Vec<&str> {
        non_empty(&self.group_name_list)
    }
}
