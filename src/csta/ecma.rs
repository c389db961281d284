//! The other ECMA-269 call-control events (clause 17), which the document does not describe but
//! a feed that renders CSTA sends: failed, diverted, queued, callCleared, networkReached,
//! offered, bridged, digitsDialed.
//!
//! Fields are named as the standard names them (ECMA-285 ASN.1), flattened the way this feed
//! flattens the events it documents: the event's connection (`failedConnection`,
//! `queuedConnection`, ...) becomes `callId` + `deviceId` + `connectionId`
//! (`<deviceId>|<callId>`), `localConnectionInfo` becomes `localState`, and each carries the
//! feed's common fields and the standard's `cause` ([`CallFields`]). Only parameters that
//! identify parties, devices and counts are typed; any other parameter a sender adds lands in
//! `extra` and is reported.

use super::fields::{CallFields, CommonFields, PartyFields};
use super::forms::{DeviceId, Integer, UserData};
use crate::wire::Text;
use crate::wire::wire_object;

wire_object! {
    /// `failed` (ECMA-269 17.2.9): the call could not be completed at a device (busy,
    /// unobtainable, ...).
    pub struct Failed {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
            /// callingDevice, calledDevice.
            parties: PartyFields,
        }
        fields {
            /// The device at which the call failed (`failingDevice`).
            failing_device: DeviceId = "failingDevice",
            /// The device the call was last redirected from (`lastRedirectionDevice`).
            last_redirection_device: DeviceId = "lastRedirectionDevice" unmapped,
            /// User data (`userData`), free-form.
            user_data: UserData = "userData",
        }
    }
}

wire_object! {
    /// `diverted` (ECMA-269 17.2.7): the call left a device before it was answered (forward,
    /// deflect, pickup).
    pub struct Diverted {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
            /// callingDevice, calledDevice.
            parties: PartyFields,
        }
        fields {
            /// The device the call left (`divertingDevice`).
            diverting_device: DeviceId = "divertingDevice",
            /// Where it went (`newDestination`).
            new_destination: DeviceId = "newDestination",
            /// The device the call was last redirected from (`lastRedirectionDevice`).
            last_redirection_device: DeviceId = "lastRedirectionDevice" unmapped,
        }
    }
}

wire_object! {
    /// `queued` (ECMA-269 17.2.15): the call is waiting in a queue (an ACD group).
    pub struct Queued {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
            /// callingDevice, calledDevice.
            parties: PartyFields,
        }
        fields {
            /// The queue (`queue`).
            queue: DeviceId = "queue",
            /// The device the call was last redirected from (`lastRedirectionDevice`).
            last_redirection_device: DeviceId = "lastRedirectionDevice" unmapped,
            /// How many calls are in the queue (`numberQueued`), an integer.
            number_queued: Integer = "numberQueued" unmapped,
            /// How many calls are ahead of this one (`callsInFront`), an integer.
            calls_in_front: Integer = "callsInFront" unmapped,
            /// User data (`userData`), free-form.
            user_data: UserData = "userData",
        }
    }
}

wire_object! {
    /// `callCleared` (ECMA-269 17.2.2): the whole call ended. The standard sends it to call
    /// monitors after every device's connectionCleared; its `clearedCall` is a call, so it has
    /// `callId` and usually no `deviceId`. (The document's feed never shows it: a user of that
    /// feed infers the end of a call from the last connectionCleared.)
    pub struct CallCleared {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
        }
        fields {
            /// User data (`userData`), free-form.
            user_data: UserData = "userData",
        }
    }
}

wire_object! {
    /// `networkReached` (ECMA-269 17.2.12): the call left the switch on a trunk; little further
    /// progress may follow.
    pub struct NetworkReached {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
            /// callingDevice, calledDevice.
            parties: PartyFields,
        }
        fields {
            /// The trunk or network interface used (`networkInterfaceUsed`).
            network_interface_used: DeviceId = "networkInterfaceUsed",
            /// The same, as earlier editions of the standard name it (`trunkUsed`).
            trunk_used: DeviceId = "trunkUsed",
            /// The device the call was last redirected from (`lastRedirectionDevice`).
            last_redirection_device: DeviceId = "lastRedirectionDevice" unmapped,
            /// User data (`userData`), free-form.
            user_data: UserData = "userData",
        }
    }
}

impl NetworkReached {
    /// The trunk used: `networkInterfaceUsed`, else `trunkUsed`.
    pub fn trunk(&self) -> Option<&DeviceId> {
        self.network_interface_used.get().or_else(|| self.trunk_used.get())
    }
}

wire_object! {
    /// `offered` (ECMA-269 17.2.13): the call is offered to a device that may accept or reject
    /// it (the offered mode of alerting).
    pub struct Offered {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
            /// callingDevice, calledDevice.
            parties: PartyFields,
        }
        fields {
            /// The device offered the call (`offeredDevice`).
            offered_device: DeviceId = "offeredDevice",
            /// The device the call was last redirected from (`lastRedirectionDevice`).
            last_redirection_device: DeviceId = "lastRedirectionDevice" unmapped,
        }
    }
}

wire_object! {
    /// `bridged` (ECMA-269 17.2.1): a device joined the call in bridged mode (a shared line
    /// appearance).
    pub struct Bridged {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
        }
        fields {
            /// The bridged appearance (`bridgedAppearance`).
            bridged_appearance: DeviceId = "bridgedAppearance",
        }
    }
}

wire_object! {
    /// `digitsDialed` (ECMA-269 17.2.6): digits were dialed on an initiated connection.
    pub struct DigitsDialed {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// callId, deviceId, localState, agentStatus, originCallInfo, connectionId, cause.
            call: CallFields,
        }
        fields {
            /// The dialing device (`dialingDevice`).
            dialing_device: DeviceId = "dialingDevice",
            /// The digits dialed so far (`dialingSequence`).
            dialing_sequence: Text = "dialingSequence" unmapped,
        }
    }
}
