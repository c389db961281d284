//! Real-time transcripts, recordings and call records.

use super::enums::ChannelType;
use super::fields::{CallAgentFields, CallFields, CommonFields};
use crate::wire::Text;
use crate::wire::{CommaList, Flag, KeyValuePairs, Numeric, Rfc3339Time, wire_group, wire_object};

wire_object! {
    /// `TextStream` (实时文本流): one piece of live speech recognition.
    pub struct TextStream {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// The eight call fields.
            call: CallFields,
            /// agentId, skillGroupId.
            agent: CallAgentFields,
        }
        fields {
            /// Whose audio (声道类型): agent or customer.
            channel_type: ChannelType = "channelType",
            /// Audio channel name (声道名称).
            channel_name: Text = "channelName",
            /// The recognised text (ASR识别结果).
            text: Text = "text",
            /// Whether the sentence is finished (一句话是否结束), `0` or `1`.
            finished: Flag = "finished",
            /// When the conversation began (对话开始时间), RFC 3339 UTC.
            begin_time: Rfc3339Time = "beginTime" unmapped,
            /// Sentence start, ms after `beginTime` (句子开始时间相对于会话开始时间的偏移量).
            begin_offset_ms: Numeric = "beginOffsetMS" unmapped,
            /// Audio processed so far, ms after `beginTime` (当前已经处理完成的语音时间的偏移量).
            end_offset_ms: Numeric = "endOffsetMS" unmapped,
            /// Other recognition data (ASR识别的其他信息), `speechRate=89;emotionIndex=0`.
            extra_info: KeyValuePairs = "extraInfo" unmapped,
        }
    }
}

impl TextStream {
    /// Whether the sentence is finished (`finished` is 1).
    pub fn is_final(&self) -> Option<bool> {
        self.finished.get().and_then(Flag::as_bool)
    }
}

wire_group! {
    /// The fields a recording and a call record share (all "in development" in seed 000, whose
    /// table gives no example; times are taken to be RFC 3339 like every other aliyun_v2 time).
    pub struct CallSummaryFields {
        /// Start (开始时间): dialing began (outbound, two-leg) or the call entered the IVR (inbound).
        start_time: Rfc3339Time = "startTime",
        /// When the call was answered (通话建立时间); empty when it never was.
        established_time: Rfc3339Time = "establishedTime" unmapped,
        /// End (结束时间).
        end_time: Rfc3339Time = "endTime",
        /// Disposition code (挂机代码).
        disposition_code: Text = "dispositionCode" unmapped,
        /// The agents of the call (座席ID列表), comma-separated.
        agent_ids: CommaList = "agentIds" unmapped,
        /// The skill groups of the call (技能组ID列表), comma-separated.
        skill_group_ids: CommaList = "skillGroupIds" unmapped,
    }
}

wire_object! {
    /// `RecordingReady` (录音生成): a call's recording file is ready.
    pub struct RecordingReady {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// The eight call fields.
            call: CallFields,
            /// Times, disposition, agents, skill groups.
            summary: CallSummaryFields,
        }
        fields {
            /// File name (文件名称).
            file_name: Text = "fileName",
            /// Download address (下载地址).
            download_url: Text = "downloadURL" unmapped,
        }
    }
}

wire_object! {
    /// `CDRReady` (通话详单生成): a call record is ready.
    pub struct CdrReady {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// The eight call fields.
            call: CallFields,
            /// Times, disposition, agents, skill groups.
            summary: CallSummaryFields,
        }
    }
}
