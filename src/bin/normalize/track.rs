//! `--calls`, `--agents`, `--summary`: the events through a [`Tracker`], printed as call
//! records, agent state intervals, or a table of calls and KPIs.

use crate::out::{Cut, Out};
use cc_events::AnyEvent;
use cc_events::common::ConvertOptions;
use cc_events::track::{CallRecord, KpiReport, Kpis, Tracker, TrackerConfig, Update};
use chrono::{DateTime, TimeDelta, Utc};
use std::collections::HashMap;

/// The service-level threshold of `--summary`.
const SERVICE_LEVEL_SECONDS: i64 = 20;

/// What the tracking flags ask for, and the tracker.
pub struct Tracking {
    calls: bool,
    agents: bool,
    summary: bool,
    tracker: Tracker,
    /// For `--summary`: the newest revision of every call, and the intervals.
    records: HashMap<(String, Option<String>, String), CallRecord>,
    intervals: Vec<cc_events::track::AgentInterval>,
}

impl Tracking {
    /// `None` when no tracking flag is given.
    pub fn new(calls: bool, agents: bool, summary: bool, options: &ConvertOptions) -> Option<Self> {
        (calls || agents || summary).then(|| Tracking {
            calls,
            agents,
            summary,
            tracker: Tracker::new(TrackerConfig::default().with_convert(options.clone())),
            records: HashMap::new(),
            intervals: Vec::new(),
        })
    }

    /// Tracks one event; gives the kind of its common form, for the run's counts.
    pub fn track(
        &mut self,
        event: &AnyEvent,
        received_at: Option<DateTime<Utc>>,
        out: &mut Out,
    ) -> Result<Option<cc_events::common::EventKind>, Cut> {
        let update = self.tracker.track(event, received_at);
        let kind = update.events.first().map(|tracked| tracked.event.kind.clone());
        self.emit(update, out)?;
        Ok(kind)
    }

    /// The input ended: closes what is open, prints the summary.
    pub fn finish(&mut self, out: &mut Out) -> Result<(), Cut> {
        let update = self.tracker.finish();
        self.emit(update, out)?;
        if self.summary {
            self.print_summary(out)?;
        }
        Ok(())
    }

    fn emit(&mut self, update: Update, out: &mut Out) -> Result<(), Cut> {
        for interval in update.intervals {
            if self.agents {
                out.event(&interval)?;
            }
            if self.summary {
                self.intervals.push(interval);
            }
        }
        for record in update.calls {
            if self.calls {
                out.event(&record)?;
            }
            if self.summary {
                let key = (record.vendor.to_string(), record.tenant.clone(), record.call_id.clone());
                let newer = self
                    .records
                    .get(&key)
                    .is_none_or(|kept| kept.revision <= record.revision);
                if newer {
                    self.records.insert(key, record);
                }
            }
        }
        Ok(())
    }

    fn print_summary(&self, out: &mut Out) -> Result<(), Cut> {
        let mut records: Vec<&CallRecord> = self.records.values().collect();
        records.sort_by(|a, b| (a.ended_at, &a.call_id).cmp(&(b.ended_at, &b.call_id)));
        out.text(&format!(
            "{:<13} {:<40} {:<9} {:<12} {:<24} {:>8} {:>9} {:>8} {:>8}",
            "vendor", "call", "direction", "outcome", "agents", "ring_s", "talk_s", "hold_s", "acw_s"
        ))?;
        let seconds = |ms: Option<i64>| ms.map_or_else(|| "-".to_owned(), |ms| format!("{:.1}", ms as f64 / 1000.0));
        for record in &records {
            let direction = record
                .direction
                .as_ref()
                .map_or_else(|| "-".to_owned(), |d| d.to_string());
            let agents = if record.agents.is_empty() {
                "-".to_owned()
            } else {
                record.agents.join(",")
            };
            out.text(&format!(
                "{:<13} {:<40} {:<9} {:<12} {:<24} {:>8} {:>9} {:>8} {:>8}",
                record.vendor.to_string(),
                record.call_id,
                direction,
                record.outcome.to_string(),
                agents,
                seconds(record.ring_ms),
                seconds(record.talk_ms),
                seconds(Some(record.hold_ms)),
                seconds(record.acw_ms),
            ))?;
        }
        let records: Vec<CallRecord> = records.into_iter().cloned().collect();
        let report = KpiReport::compute(&records, &self.intervals, TimeDelta::seconds(SERVICE_LEVEL_SECONDS));
        out.text("")?;
        out.text(&format!("KPIs (service level at {SERVICE_LEVEL_SECONDS} s)"))?;
        out.text(&kpi_line("all calls", &report.overall))?;
        for queue in &report.queues {
            out.text(&kpi_line(&format!("queue {}", queue.queue), &queue.kpis))?;
        }
        for agent in &report.agents {
            let occupancy = agent
                .occupancy
                .map_or_else(|| "-".to_owned(), |o| format!("{:.0}%", o * 100.0));
            let aht = agent
                .aht_ms
                .map_or_else(|| "-".to_owned(), |ms| format!("{:.1} s", ms / 1000.0));
            out.text(&format!(
                "  agent {:<32} handled {:>4}  AHT {:>9}  occupancy {:>5}",
                agent.agent_id, agent.handled, aht, occupancy
            ))?;
        }
        Ok(())
    }
}

fn kpi_line(name: &str, kpis: &Kpis) -> String {
    let seconds = |ms: Option<f64>| ms.map_or_else(|| "-".to_owned(), |ms| format!("{:.1} s", ms / 1000.0));
    let percent = |ratio: Option<f64>| ratio.map_or_else(|| "-".to_owned(), |r| format!("{:.0}%", r * 100.0));
    format!(
        "  {:<38} calls {:>5}  answered {:>5}  abandoned {:>5}  AHT {:>9}  ASA {:>8}  abandonment {:>5}  service level {:>5}",
        name,
        kpis.calls,
        kpis.answered,
        kpis.abandoned,
        seconds(kpis.aht_ms),
        seconds(kpis.asa_ms),
        percent(kpis.abandonment_rate),
        percent(kpis.service_level),
    )
}
