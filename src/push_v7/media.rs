//! Media-detected failure reason (媒体识别挂机原因事件, `mediaFailreason`).

use super::enums::PreMediaFailureReason;
use super::fields::{AgentFields, CommonFields};
use super::forms::{OrEmpty, present};
use crate::wire::Text;
use crate::wire::{List, wire_object};
use serde_json::Number;

wire_object! {
    /// Early-media detection recognised why a call was rejected (账户开启前媒体识别功能后,
    /// 当出现拒接挂机事件时推送). It carries no time.
    ///
    /// `callUniqueId` is described here as "主键 通话记录id" (the call record's key), elsewhere
    /// as the call id; it is the same `callUniqueId`. `agentNumber` appears only in the sample.
    /// The `content.segments` table printed under this section matches no sample (it looks like
    /// a transcript from another page): its fields are modelled ([`MediaContent`]) so that such
    /// a payload still parses typed, and nothing else builds on them.
    pub struct MediaFailure {
        groups {
            /// pushType, accountId, eventUniqueId.
            common: CommonFields,
            /// agentNumber (sample only), agentName.
            agent: AgentFields,
        }
        fields {
            /// Call id (主键 通话记录id), e.g. `403381132931895296`.
            call_unique_id: Text = "callUniqueId",
            /// The failure reason (失败原因), e.g. `onThePhone`.
            pre_media_failure_reason: OrEmpty<PreMediaFailureReason> = "preMediaFailureReason",
            /// The result code (结果编码), a JSON number: `15`.
            pre_media_code: Number = "preMediaCode",
            /// The keyword heard (关键词), e.g. `正在通话`.
            pre_media_key_word: Text = "preMediaKeyWord",
            /// Recognised speech (`content.segments` table; never in a sample).
            content: MediaContent = "content",
        }
    }
}

impl MediaFailure {
    /// The failure reason, `None` for `""`.
    pub fn reason(&self) -> Option<&PreMediaFailureReason> {
        present(&self.pre_media_failure_reason)
    }

    /// The result code, if it is an integer.
    pub fn code(&self) -> Option<i64> {
        self.pre_media_code.get().and_then(Number::as_i64)
    }
}

wire_object! {
    /// The `content` object documented under the media-failure push.
    pub struct MediaContent {
        fields {
            /// The recognised sentences (content.segments 对象).
            segments: List<Segment> = "segments",
        }
    }
}

wire_object! {
    /// One recognised sentence of `content.segments`.
    pub struct Segment {
        fields {
            /// Start of the sentence, ms from the start (该句的起始时间偏移,单位为毫秒).
            begin_time: Number = "beginTime" unmapped,
            /// End of the sentence, ms from the start (该句的结束时间偏移,单位为毫秒).
            end_time: Number = "endTime",
            /// The audio track (该句所属音轨ID).
            channel_id: Number = "channelId",
            /// The recognised text (该句的识别文本结果).
            text: Text = "text",
        }
    }
}
