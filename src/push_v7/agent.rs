//! Softphone login and logout (电话条登陆状态事件, `login` / `logout`).

use super::enums::{LoginType, LogoutType, OfflineType};
use super::fields::{AgentFields, CommonFields};
use super::forms::{OrEmpty, present};
use crate::wire::{LocalTime, WallTime, wire_object};

wire_object! {
    /// The agent's phone bar logged in (`login`) or out (`logout`), a complement to the agent
    /// status changes. Both pushes share one table. Unlike the call events, `statusTime` is a
    /// local time here, `"2021-07-22 18:06:48"`.
    pub struct SoftphoneStatus {
        groups {
            /// pushType (事件类型: 登陆login, 登出logout), accountId, eventUniqueId.
            common: CommonFields,
            /// agentNumber (座席工号), agentName (座席名称).
            agent: AgentFields,
        }
        fields {
            /// When the state began (状态开始时间), `YYYY-MM-DD HH:MM:SS` local time.
            status_time: LocalTime = "statusTime",
            /// How the agent logs in (座席登陆方式), only on login: PSTN, WEBRTC, SIP.
            login_type: OrEmpty<LoginType> = "loginType",
            /// Where calls are taken in offline answering (离线接听方式): PSTN, SIP.
            offline_type: OrEmpty<OfflineType> = "offlineType",
            /// How the agent logged out (登出方式), only on logout: normal, offline.
            logout_type: OrEmpty<LogoutType> = "logoutType",
        }
    }
}

impl SoftphoneStatus {
    /// The time the state began, a local time (`None` for `""` or another form).
    pub fn time(&self) -> Option<WallTime> {
        self.status_time.get().and_then(LocalTime::parse)
    }

    /// How the agent logs in, `None` for `""` or absent (logout).
    pub fn login(&self) -> Option<&LoginType> {
        present(&self.login_type)
    }

    /// How the agent logged out, `None` for `""` or absent (login).
    pub fn logout(&self) -> Option<&LogoutType> {
        present(&self.logout_type)
    }

    /// Where calls are taken in offline answering, `None` for `""` or absent.
    pub fn offline(&self) -> Option<&OfflineType> {
        present(&self.offline_type)
    }

    /// Whether the agent logged out into offline answering (`logoutType` `offline`): such an
    /// agent still takes calls on a phone or SIP number.
    pub fn still_reachable(&self) -> bool {
        self.logout() == Some(&LogoutType::Offline)
    }
}
