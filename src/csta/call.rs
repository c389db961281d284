//! The call events the document describes (呼叫相关事件, `eventType` `csta`): service initiated,
//! originated, delivered, established, connection cleared, transferred, conferenced, retrieved,
//! held. Every one carries the common and call fields.
//!
//! Each monitored device receives its own copy of an event. The document says to act on an
//! event only when its subject device (`alertingDevice`, `answeringDevice`,
//! `releasingDevice`) is the subscriber (`srcDeviceId`); [`super::Event::is_subscriber_subject`]
//! answers that.

use super::fields::{CallFields, CommonFields, MergeFields, PartyFields, RouteFields};
use super::forms::{DeviceId, UserData};
use crate::wire::Text;
use crate::wire::wire_object;

wire_object! {
    /// `serviceInitiated` (摘机): the device went off hook to make a call. Only the caller
    /// receives it, always paired with `originated`.
    pub struct ServiceInitiated {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
        }
        fields {
            /// The device that went off hook (摘机设备).
            initiated_device: DeviceId = "initiatedDevice",
        }
    }
}

wire_object! {
    /// `originated` (呼出): the call is being made. Only the caller receives it. (The document
    /// says it pairs with "serviceInited", meaning `serviceInitiated`.)
    pub struct Originated {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
            /// callingDevice, calledDevice.
            parties: PartyFields,
        }
    }
}

wire_object! {
    /// `delivered` (振铃): the call reached a device, which is ringing. Every device of the call
    /// receives a copy; this device rings when `alertingDevice` is `srcDeviceId`.
    ///
    /// The data model and the samples disagree, and both are typed: the model's `callCause` and
    /// the sample's `cause` (in [`CallFields`]) are both read, [`Delivered::event_cause`] takes
    /// `cause` first; the model puts `origin_dnis` and `originalCallId` at the top level, the
    /// sample puts them in `userData.data`, and [`Delivered::origin_dnis`] and
    /// [`Delivered::original_call_id`] read either. (The model also lacks a comma before
    /// `origin_dnis` and types it `(string, option)`: read as an optional string.) The two
    /// samples' titles do not match their content (the "agent dials out" sample is a trunk call
    /// to the agent): direction is not stated by this event.
    pub struct Delivered {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
            /// callingDevice (主叫设备), calledDevice (被叫设备).
            parties: PartyFields,
            /// trunkGroup, trunkMember, split, userData.
            route: RouteFields,
        }
        fields {
            /// The ringing device (振铃设备).
            alerting_device: DeviceId = "alertingDevice",
            /// The device the call was last redirected from (最后一次从..转入的设备).
            last_redirection_device: DeviceId = "lastRedirectionDevice" unmapped,
            /// The original call id (原始呼叫ID), top level in the data model.
            original_call_id: Text = "originalCallId",
            /// Why (呼叫原因), the data model's name for the samples' `cause`.
            call_cause: super::EventCause = "callCause",
            /// The original called number (原始被叫), top level in the data model.
            origin_dnis: Text = "origin_dnis",
        }
    }
}

impl Delivered {
    /// The cause: `cause` (the samples' key) when present, else `callCause` (the model's).
    pub fn event_cause(&self) -> Option<&super::EventCause> {
        self.call.cause.get().or_else(|| self.call_cause.get())
    }

    /// The original called number: top-level `origin_dnis`, else `userData.data.origin_dnis`.
    pub fn origin_dnis(&self) -> Option<&str> {
        self.origin_dnis
            .as_str()
            .or_else(|| self.route.user_data.get().and_then(UserData::origin_dnis))
    }

    /// The original call id: top-level `originalCallId`, else `userData.data.originalCallId`.
    pub fn original_call_id(&self) -> Option<&str> {
        self.original_call_id
            .as_str()
            .or_else(|| self.route.user_data.get().and_then(UserData::original_call_id))
    }
}

wire_object! {
    /// `established` (接通): a device answered. Every device of the call receives a copy; this
    /// device answered when `answeringDevice` is `srcDeviceId`.
    pub struct Established {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
            /// callingDevice (主叫号), calledDevice (被叫号).
            parties: PartyFields,
            /// trunkGroup (中继组), trunkMember, split, userData.
            route: RouteFields,
        }
        fields {
            /// The answering device (接通设备).
            answering_device: DeviceId = "answeringDevice",
            /// SIP Call-ID (Sip 呼叫ID).
            sip_call_id: Text = "sipCallId" unmapped,
        }
    }
}

wire_object! {
    /// `connectionCleared` (呼叫挂断): one device left the call. The document gives no data
    /// model (an empty block); the fields are the sample's. Every device of the call receives a
    /// copy, and an outbound call gives two: act when `releasingDevice` is `srcDeviceId`. The
    /// sample's `localState` is `Queued`, which does not fit a cleared device: the event type
    /// says what happened.
    pub struct ConnectionCleared {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
        }
        fields {
            /// The device that hung up (the sample's field; the section is 呼叫挂断).
            releasing_device: DeviceId = "releasingDevice",
        }
    }
}

wire_object! {
    /// `transferred` (转移): the call moved from this device to another; the transferring
    /// device receives it. `primaryOldCall` `"0"` means no call was held (a single-step
    /// transfer); see [`MergeFields::after_consultation`].
    pub struct Transferred {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
            /// primaryOldCall, secondaryOldCall, newCall.
            calls: MergeFields,
        }
        fields {
            /// The device that transferred (发起转移的设备).
            transferring_device: DeviceId = "transferringDevice",
            /// Where to (转移的目标设备).
            transferred_to_device: DeviceId = "transferredToDevice",
        }
    }
}

wire_object! {
    /// `conferenced` (会议): a conference formed, or a device joined one; every device of the
    /// conference receives it. `deviceId` is the device that joined, not the subscriber.
    pub struct Conferenced {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
            /// primaryOldCall, secondaryOldCall, newCall.
            calls: MergeFields,
        }
        fields {
            /// The device that set up the conference (发起会议的设备).
            conferencing_device: DeviceId = "conferencingDevice",
            /// The device that joined (加入会议的设备).
            added_party: DeviceId = "addedParty",
        }
    }
}

wire_object! {
    /// `retrieved` (取回): a held call is active again; every device of the call receives it.
    pub struct Retrieved {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
        }
        fields {
            /// The device that took the call back (取回设备).
            retrieving_device: DeviceId = "retrievingDevice",
            /// SIP Call-ID (sip呼叫ID).
            sip_call_id: Text = "sipCallId" unmapped,
        }
    }
}

wire_object! {
    /// `held` (保持): a party of the call was put on hold; every device of the call receives it.
    pub struct Held {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
        }
        fields {
            /// The device that put the call on hold (保持设备).
            holding_device: DeviceId = "holdingDevice",
        }
    }
}
