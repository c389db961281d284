//! The field groups that many csta events share, declared once.

use super::EventType;
use super::enums::{AgentMode, AgentStatus, EventCategory, EventCause, LocalState};
use super::forms::{CallRef, ConnectionId, DeviceId, Devices, EventSource, Integer, OriginCallInfo, UserData};
use crate::wire::Text;
use crate::wire::{DottedLocalTime, List, wire_group};

wire_group! {
    /// The fields of every data model (and every sample). The document calls eight fields
    /// "stable" (`eventName`, `callId`, `namespace`, `agentId`, `callingDevice`, `calledDevice`,
    /// `eventType`, `eventTime`) but its own samples omit most of them on most events: every
    /// field is optional.
    pub struct CommonFields {
        /// Event name (事件名称), the discriminator: `agentLoggedOn`, `delivered`, ...
        event_name: EventType = "eventName" unmapped,
        /// Event source (事件源): an object in the data models, a device id string in the
        /// samples (`8001@zhen04.cc`); absent from the agent samples.
        event_src: EventSource = "eventSrc" unmapped,
        /// Event time (事件时间), local time `YYYY.MM.DD HH:MM:SS` (`2017.03.18 14:13:24`), no zone.
        event_time: DottedLocalTime = "eventTime",
        /// Event category (事件类型): `agent` or `csta`.
        event_type: EventCategory = "eventType",
        /// Sequence number (序号), an integer: `11050819`. Agent and call events count separately.
        serial: Integer = "serial",
        /// Namespace (命名空间), the tenant's domain: `zhen04.cc`.
        namespace: Text = "namespace",
        /// The device whose subscription delivered the event (订阅事件的设备): each monitored
        /// device receives its own copy.
        src_device_id: DeviceId = "srcDeviceId",
        /// Property names (`propertyNames`, no description; never in a sample).
        property_names: List<Text> = "propertyNames" unmapped,
        /// Event topics (`eventTopics`, no description; never in a sample).
        event_topics: List<Text> = "eventTopics" unmapped,
    }
}

wire_group! {
    /// The fields every agent event carries (agentLoggedOn, agentLoggedOff, agentReady,
    /// agentNotReady, agentWorkingAfterCall, agentAllocated).
    pub struct AgentFields {
        /// Extension (分机号): `8002@zhen04.cc`.
        device_id: DeviceId = "deviceId",
        /// Agent id (座席号): `5002@zhen04.cc`.
        agent_id: DeviceId = "agentId",
        /// Agent mode (座席状态).
        agent_mode: AgentMode = "agentMode",
        /// The devices the agent is logged on with (登录设备): `{"Voice": "8002@zhen04.cc"}`.
        devices: Devices = "devices",
    }
}

wire_group! {
    /// The fields every call event carries: the data models' common call fields, and `cause`,
    /// which ECMA-269 gives every call-control event and the delivered sample sends (the
    /// delivered data model calls it `callCause`, see [`super::Delivered`]).
    pub struct CallFields {
        /// Call id (呼叫ID), a UUID.
        call_id: Text = "callId",
        /// The device whose state changed (发生变化的设备); not always the subscriber
        /// (`srcDeviceId`): in the conferenced sample it is the added party.
        device_id: DeviceId = "deviceId",
        /// The state of `deviceId` after the event (事件发生后设备的状态).
        local_state: LocalState = "localState",
        /// Agent status (座席状态); never in a sample.
        agent_status: AgentStatus = "agentStatus",
        /// The call this one came from (`originCallInfo`); `{}` in the transferred sample.
        origin_call_info: OriginCallInfo = "originCallInfo",
        /// Connection id (`connectionId`), `<deviceId>|<callId>`.
        connection_id: ConnectionId = "connectionId",
        /// Why the event happened (ECMA-269 EventCause): `newCall` in the delivered sample.
        cause: EventCause = "cause",
    }
}

wire_group! {
    /// The calling and called devices (originated, delivered, established, and the ECMA-269
    /// events that name them).
    pub struct PartyFields {
        /// Calling device (主叫号 / 主叫设备).
        calling_device: DeviceId = "callingDevice",
        /// Called device (被叫号 / 被叫设备).
        called_device: DeviceId = "calledDevice",
    }
}

wire_group! {
    /// How the call reached the device (delivered, established): trunk, queue, user data.
    pub struct RouteFields {
        /// Trunk group (中继组号), a string such as `"1"`.
        trunk_group: Text = "trunkGroup",
        /// Trunk member (中继号), e.g. the gateway address `172.30.10.8`.
        trunk_member: Text = "trunkMember",
        /// The queue the call came through (队列): `7000@welljoint.cc`.
        split: DeviceId = "split",
        /// Call-associated data (随路数据), free-form.
        user_data: UserData = "userData",
    }
}

wire_group! {
    /// The calls before and after a transfer or a conference (transferred, conferenced).
    /// `"0"` means "none" (see [`CallRef`]).
    pub struct MergeFields {
        /// The call that was held before (转移前/会议前被保持的呼叫); `"0"` in the samples.
        primary_old_call: CallRef = "primaryOldCall",
        /// The call that was active before (转移前/会议前活动的呼叫).
        secondary_old_call: CallRef = "secondaryOldCall",
        /// The call after (转移后/会议后的呼叫ID).
        new_call: CallRef = "newCall",
    }
}

impl MergeFields {
    /// The held call, `None` when absent or `"0"` (single step: there was no held call).
    pub fn held_call(&self) -> Option<&str> {
        self.primary_old_call.get().and_then(CallRef::call_id)
    }

    /// The call that was active, `None` when absent or `"0"`.
    pub fn active_call(&self) -> Option<&str> {
        self.secondary_old_call.get().and_then(CallRef::call_id)
    }

    /// The resulting call, `None` when absent or `"0"`.
    pub fn resulting_call(&self) -> Option<&str> {
        self.new_call.get().and_then(CallRef::call_id)
    }

    /// Whether the transfer or conference followed a consultation: `Some(true)` when a held
    /// call is named, `Some(false)` when `primaryOldCall` is `"0"` or `""` (single step),
    /// `None` when it is absent or not a string.
    pub fn after_consultation(&self) -> Option<bool> {
        self.primary_old_call.get().map(|call| call.call_id().is_some())
    }
}

wire_group! {
    /// The fields of both recording events (recordStarted, recordStopped).
    pub struct RecordFields {
        /// Recording id (录音ID), a UUID that pairs start and stop.
        record_id: Text = "recordId" unmapped,
        /// Whether the recording action succeeded (是否成功), a boolean.
        is_success: bool = "isSuccess",
    }
}
