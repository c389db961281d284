//! The call record (通话记录推送事件, `cdr`): every field of its table and of its sample.

use super::enums::{CdrStatus, CdrType, FailureReason, HangUpSide, LoginType, NumberType, RecordType};
use super::fields::{AgentFields, CallFields, CommonFields, DisplayGroupFields};
use super::forms::{BillCall, BillLeg, OrEmpty, SatisfyKeys, present};
use crate::wire::Text;
use crate::wire::{Field, List, LocalTime, Numeric, WallTime, wire_object};

wire_object! {
    /// A call record (通话记录推送事件, `cdr`), pushed once an inbound or outbound call has
    /// ended and its record is written.
    ///
    /// Decisions on the document's inconsistencies:
    /// * The table types every duration and `sipCode` as a string; the sample sends numbers.
    ///   Both forms are accepted and kept ([`Numeric`]); the accessors give the number.
    /// * `satisfyKeys` is a string in the table and `[]` in the sample ([`SatisfyKeys`]);
    ///   `extras` is an object in the table and `""` in the sample.
    /// * The table spells `agentAreacode`, the sample `agentAreaCode`: both are known fields,
    ///   each kept under its own spelling; [`Cdr::agent_area_code`] reads either.
    /// * `applicationId`, `billCalls` and `cdrType` appear only in the sample; they are known
    ///   fields too.
    /// * `endTime` is the survey's end when a survey ran, else the hang-up: the call's end is
    ///   `hangupTime`.
    /// * Times are `YYYY-MM-DD HH:MM:SS` local time (China, +08:00 by default in conversions);
    ///   `""` means none.
    pub struct Cdr {
        groups {
            /// pushType, accountId, eventUniqueId.
            common: CommonFields,
            /// agentNumber (坐席工号), agentName (座席名称).
            agent: AgentFields,
            /// customerNumber (用户号码), trunkNumber (中继号码, the called number of an inbound
            /// call), displayNumber (外显号码), callType (Cdr类型), extras, callUniqueId (通话id).
            call: CallFields,
            /// groupIdList, groupNameList.
            groups: DisplayGroupFields,
        }
        fields {
            /// Action id (动作id).
            action_id: Text = "actionId" unmapped,
            /// When the agent answered (座席接听应答时间).
            agent_answer_time: LocalTime = "agentAnswerTime" unmapped,
            /// The agent's area code (座席区号), the table's spelling `agentAreacode`.
            agent_areacode: Text = "agentAreacode",
            /// The agent's area code (座席区号), the sample's spelling `agentAreaCode`: `010`.
            agent_area_code: Text = "agentAreaCode",
            /// The agent's city (座席城市).
            agent_city: Text = "agentCity" unmapped,
            /// The agent's country (座席国籍).
            agent_country: Text = "agentCountry" unmapped,
            /// The agent's country calling code (座席国家编号), e.g. `86`.
            agent_country_code: Text = "agentCountryCode" unmapped,
            /// The agent-side recording (座席侧录音), a URL.
            agent_file_url: Text = "agentFileUrl",
            /// The agent's province (座席省份).
            agent_province: Text = "agentProvince" unmapped,
            /// Agent ringing time in seconds (座席振铃时间 = 座席应答时间 - 呼叫座席时间).
            agent_ring_duration: Numeric = "agentRingDuration",
            /// When the agent's phone started to be called (开始呼叫座席时间).
            agent_start_time: LocalTime = "agentStartTime" unmapped,
            /// The agent's phone number (座席电话号码).
            agent_tel_number: Text = "agentTelNumber",
            /// The kind of the agent's number (座席电话号码类型), e.g. `mobile`.
            agent_tel_type: OrEmpty<NumberType> = "agentTelType" unmapped,
            /// Talk time in seconds (通话时长 = 挂机时间 - 桥接时间).
            bridge_duration: Numeric = "bridgeDuration",
            /// When the parties were bridged (桥接时间): inbound, usually when the agent-number
            /// announcement ended; outbound, when the customer answered.
            bridge_time: LocalTime = "bridgeTime",
            /// The initiating channel's call id (发起者通道的callId), a UUID (not `callUniqueId`).
            call_id: Text = "callId",
            /// When the record was created (创建时间).
            create_time: LocalTime = "createTime",
            /// When the customer answered (用户接听应答时间).
            customer_answer_time: LocalTime = "customerAnswerTime" unmapped,
            /// The customer's area code (用户地区区号).
            customer_area_code: Text = "customerAreaCode" unmapped,
            /// The customer's city (用户城市).
            customer_city: Text = "customerCity" unmapped,
            /// The customer's country (用户国籍).
            customer_country: Text = "customerCountry" unmapped,
            /// The customer's country calling code (用户国籍编码).
            customer_country_code: Text = "customerCountryCode" unmapped,
            /// The customer-side recording (用户侧录音), a URL.
            customer_file_url: Text = "customerFileUrl",
            /// The kind of the customer's number (用户号码类型), e.g. `mobile`.
            customer_number_type: OrEmpty<NumberType> = "customerNumberType" unmapped,
            /// The customer's province (用户省份).
            customer_province: Text = "customerProvince" unmapped,
            /// Customer ringing time in seconds (用户振铃时长): 0 inbound; outbound, customer
            /// answer time minus the time the customer was called.
            customer_ring_duration: Numeric = "customerRingDuration",
            /// When the customer started to be called (开始呼叫用户时间).
            customer_start_time: LocalTime = "customerStartTime" unmapped,
            /// End of the call (通话结束时间): the survey's end when a survey ran, else the hang-up.
            end_time: LocalTime = "endTime",
            /// Why the call failed (失败原因).
            failure_reason: OrEmpty<FailureReason> = "failureReason",
            /// The outgoing gateway (出局网关IP); the sample writes `ip:port`.
            gateway_ip: Text = "gatewayIP" unmapped,
            /// Who hung up (挂机方), e.g. `AGENT`.
            hang_up_side: OrEmpty<HangUpSide> = "hangUpSide",
            /// When the call was hung up (挂机时间).
            hangup_time: LocalTime = "hangupTime",
            /// The hotline number (热线号码).
            hot_line_number: Text = "hotLineNumber",
            /// Auto-increment id (自增id).
            id: Text = "id",
            /// IVR resource id (IVR资源ID).
            ivr_id: Text = "ivrId" unmapped,
            /// When the call entered the IVR (进入IVR时间).
            ivr_time: LocalTime = "ivrTime" unmapped,
            /// When the call joined the queue (进入队列时间).
            join_queue_time: LocalTime = "joinQueueTime" unmapped,
            /// The survey keys pressed (满意度按键值记录): a string in the table, `[]` in the sample.
            satisfy_keys: SatisfyKeys = "satisfyKeys",
            /// How the agent was logged in (登录类型), e.g. `PSTN`.
            login_type: OrEmpty<LoginType> = "loginType",
            /// Time spent announcing the agent number, seconds (拨工号时长).
            play_number_duration: Numeric = "playNumberDuration",
            /// Queue number (队列编号).
            queue_number: Text = "queueNumber",
            /// The recording (录音文件地址), a URL.
            record_file_url: Text = "recordFileUrl",
            /// The recording's type (录音文件类型).
            record_type: OrEmpty<RecordType> = "recordType",
            /// The recording's length in seconds (录音文件时长).
            recording_duration: Numeric = "recordingDuration",
            /// Survey time in seconds (满意度时长).
            satisfy_duration: Numeric = "satisfyDuration",
            /// When the survey ended (满意度结束时间).
            satisfy_end_time: LocalTime = "satisfyEndTime" unmapped,
            /// The survey's IVR resource id (满意度调查的IVR资源ID).
            satisfy_ivr_id: Text = "satisfyIvrId" unmapped,
            /// When the survey started (满意度开始时间).
            satisfy_start_time: LocalTime = "satisfyStartTime" unmapped,
            /// The SIP response code of the call (呼叫情况 SIP响应码), e.g. `200`.
            sip_code: Numeric = "sipCode",
            /// When the call started (呼叫开始时间).
            start_time: LocalTime = "startTime",
            /// Answer status (接听状态).
            status: OrEmpty<CdrStatus> = "status",
            /// The call id before a transfer (转接前的通话id), to find transferred calls.
            relative_call_unique_id: Text = "relativeCallUniqueId",
            /// When the system answered (系统接听应答时间).
            system_answer_time: LocalTime = "systemAnswerTime" unmapped,
            /// Task id (任务id).
            task_id: Text = "taskId" unmapped,
            /// Total call time in seconds (总呼叫时长), survey included, consultations,
            /// transfers and conferences excluded: end time minus start time.
            total_duration: Numeric = "totalDuration",
            /// The virtual "X" number (虚拟号码), the caller of an AXB outbound call.
            virtual_number: Text = "virtualNumber",
            /// Waiting time in seconds (等待时长).
            wait_duration: Numeric = "waitDuration",
            /// IVR resource name (IVR资源名称).
            ivr_name: Text = "ivrName" unmapped,
            /// Queue name (队列名称).
            queue_name: Text = "queueName",
            /// The agent's internal id (座席id), e.g. `6094f5aa696609001197e4b9`.
            agent_id: Text = "agentId",
            /// Result of the regular-expression match (正则匹配结果), e.g. `000`.
            match_result: Text = "matchResult" unmapped,
            /// Customer id (用户id).
            customer_id: Text = "customerId" unmapped,
            /// Customer name (用户名称).
            customer_name: Text = "customerName" unmapped,
            /// Primary key (主键id), `_id`.
            primary_id: Text = "_id" unmapped,
            /// When the record was saved (保存时间).
            save_time: LocalTime = "saveTime",
            /// Unique identifier (唯一标识).
            unique_id: Text = "uniqueId",
            /// The single-file two-track recording (双轨单文件路径), a URL.
            double_track_file_url: Text = "doubleTrackFileUrl",
            /// The voice-mail recording (留言录音路径), a URL.
            voice_mail_url: Text = "voiceMailUrl",
            /// Application id (undocumented; only in the sample, `""`).
            application_id: Text = "applicationId" unmapped,
            /// The legs of the bill (undocumented; only in the sample): one `|`-separated text per
            /// leg, read by [`Cdr::bill_legs`].
            bill_calls: List<BillCall> = "billCalls",
            /// Record type (undocumented; only in the sample), e.g. `callRecord`.
            cdr_type: OrEmpty<CdrType> = "cdrType" unmapped,
        }
    }
}

fn seconds(field: &Field<Numeric>) -> Option<u64> {
    field.get().and_then(Numeric::as_u64)
}

fn time(field: &Field<LocalTime>) -> Option<WallTime> {
    field.get().and_then(LocalTime::parse)
}

impl Cdr {
    /// Agent ringing time, seconds (`agentRingDuration`, number or string).
    pub fn agent_ring_seconds(&self) -> Option<u64> {
        seconds(&self.agent_ring_duration)
    }

    /// Talk time, seconds (`bridgeDuration`).
    pub fn bridge_seconds(&self) -> Option<u64> {
        seconds(&self.bridge_duration)
    }

    /// Customer ringing time, seconds (`customerRingDuration`).
    pub fn customer_ring_seconds(&self) -> Option<u64> {
        seconds(&self.customer_ring_duration)
    }

    /// Agent-number announcement time, seconds (`playNumberDuration`).
    pub fn play_number_seconds(&self) -> Option<u64> {
        seconds(&self.play_number_duration)
    }

    /// Recording length, seconds (`recordingDuration`).
    pub fn recording_seconds(&self) -> Option<u64> {
        seconds(&self.recording_duration)
    }

    /// Survey time, seconds (`satisfyDuration`).
    pub fn satisfy_seconds(&self) -> Option<u64> {
        seconds(&self.satisfy_duration)
    }

    /// Total call time, seconds (`totalDuration`).
    pub fn total_seconds(&self) -> Option<u64> {
        seconds(&self.total_duration)
    }

    /// Waiting time, seconds (`waitDuration`).
    pub fn wait_seconds(&self) -> Option<u64> {
        seconds(&self.wait_duration)
    }

    /// The SIP response code (`sipCode`, number or string), if it is one (100 to 699).
    pub fn sip_code(&self) -> Option<u16> {
        seconds(&self.sip_code)
            .and_then(|code| u16::try_from(code).ok())
            .filter(|code| (100..700).contains(code))
    }

    /// When the call started (`startTime`), a local time.
    pub fn start(&self) -> Option<WallTime> {
        time(&self.start_time)
    }

    /// When the parties were bridged (`bridgeTime`), a local time; `None` if never.
    pub fn bridged(&self) -> Option<WallTime> {
        time(&self.bridge_time)
    }

    /// When the call was hung up (`hangupTime`), a local time: the end of the call.
    pub fn hangup(&self) -> Option<WallTime> {
        time(&self.hangup_time)
    }

    /// The agent's area code, under either spelling (`agentAreaCode` first, then `agentAreacode`);
    /// `None` when both are absent or empty.
    pub fn agent_area_code(&self) -> Option<&str> {
        self.agent_area_code
            .non_empty()
            .or_else(|| self.agent_areacode.non_empty())
    }

    /// The legs of the bill (`billCalls`) that have the expected 16 parts.
    pub fn bill_legs(&self) -> Vec<BillLeg<'_>> {
        self.bill_calls
            .get()
            .map(|calls| calls.iter().filter_map(|call| call.get()?.leg()).collect())
            .unwrap_or_default()
    }

    /// The survey keys pressed (`satisfyKeys`), either form.
    pub fn satisfy_keys(&self) -> Vec<&str> {
        self.satisfy_keys.get().map(SatisfyKeys::keys).unwrap_or_default()
    }

    /// The recordings named, as `(wire name, URL)`, empty ones skipped: `recordFileUrl`,
    /// `agentFileUrl`, `customerFileUrl`, `doubleTrackFileUrl`, `voiceMailUrl`.
    pub fn recordings(&self) -> Vec<(&'static str, &str)> {
        [
            ("recordFileUrl", &self.record_file_url),
            ("agentFileUrl", &self.agent_file_url),
            ("customerFileUrl", &self.customer_file_url),
            ("doubleTrackFileUrl", &self.double_track_file_url),
            ("voiceMailUrl", &self.voice_mail_url),
        ]
        .into_iter()
        .filter_map(|(name, field)| Some((name, field.non_empty()?)))
        .collect()
    }

    /// Answer status, `None` for `""`.
    pub fn answer_status(&self) -> Option<&CdrStatus> {
        present(&self.status)
    }

    /// Failure reason, `None` for `""`.
    pub fn failure(&self) -> Option<&FailureReason> {
        present(&self.failure_reason)
    }

    /// Who hung up, `None` for `""`.
    pub fn hung_up_by(&self) -> Option<&HangUpSide> {
        present(&self.hang_up_side)
    }

    /// Recording type, `None` for `""`.
    pub fn recording_type(&self) -> Option<&RecordType> {
        present(&self.record_type)
    }
}
