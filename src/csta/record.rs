//! Recording events (录音开始 / 录音停止). Neither has a data model in the document: the fields
//! are those of the samples. The recordStarted sample is not valid JSON as published (its
//! object is never closed); a payload like it is an error, not a guess.

use super::fields::{CommonFields, RecordFields};
use super::forms::DeviceId;
use crate::wire::Text;
use crate::wire::wire_object;

wire_object! {
    /// `recordStarted` (录音开始): a recording of the call began. The sample has no
    /// `srcDeviceId` (kept in [`CommonFields`] when sent).
    pub struct RecordStarted {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// recordId, isSuccess.
            record: RecordFields,
        }
        fields {
            /// The call recorded (`callId`).
            call_id: Text = "callId",
            /// The device recorded (`deviceId`).
            device_id: DeviceId = "deviceId",
            /// Where the recording is written (`fileName`), a path on the vendor's server.
            file_name: Text = "fileName",
        }
    }
}

wire_object! {
    /// `recordStopped` (录音停止): a recording ended. The sample names only the recording
    /// (`recordId`), no call or device: pair it with its recordStarted.
    pub struct RecordStopped {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// recordId, isSuccess.
            record: RecordFields,
        }
    }
}
