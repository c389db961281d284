//! `--calls`, `--agents`, `--summary`: the events through a [`Tracker`], printed as call
//! records, agent state intervals, or a table of calls and KPIs. The table's rows come as
//! calls become final (the tracker no longer remembers them to amend), in the order they
//! closed, and the rest at the end in the order they ended: memory stays flat.

use crate::out::{Cut, Out};
use cc_events::AnyEvent;
use cc_events::common::ConvertOptions;
use cc_events::track::{CallRecord, KpiAccumulator, Kpis, Tracker, TrackerConfig, Update};
use cc_events::wire::Text;
use chrono::{DateTime, TimeDelta, Utc};
use std::collections::{HashMap, VecDeque};

/// The service-level threshold of `--summary`.
const SERVICE_LEVEL_SECONDS: i64 = 20;

/// A call's key: vendor, tenant, call id.
type CallKey = (String, Option<Text>, Text);

/// What the tracking flags ask for, and the tracker.
pub struct Tracking {
    calls: bool,
    agents: bool,
    summary: bool,
    tracker: Tracker,
    /// One update for the whole stream: its buffers are reused.
    update: Update,
    /// For `--summary`, the KPIs of the calls whose record is final and of every interval.
    kpis: KpiAccumulator,
    /// For `--summary`, the newest record of each call the tracker may still amend (the calls
    /// it remembers), in the order they closed; a call that leaves is final: its row is
    /// printed and it counts toward the KPIs. So memory stays flat on a long stream.
    pending: HashMap<CallKey, CallRecord>,
    pending_order: VecDeque<CallKey>,
    /// How many calls the tracker remembers after they close.
    remembered: usize,
    /// Whether the table's header is printed.
    header: bool,
}

impl Tracking {
    /// `None` when no tracking flag is given.
    pub fn new(calls: bool, agents: bool, summary: bool, options: &ConvertOptions) -> Option<Self> {
        let config = TrackerConfig::default().with_convert(options.clone());
        let remembered = config.closed_capacity;
        (calls || agents || summary).then(|| Tracking {
            calls,
            agents,
            summary,
            tracker: Tracker::new(config),
            update: Update::default(),
            kpis: KpiAccumulator::new(TimeDelta::seconds(SERVICE_LEVEL_SECONDS)),
            pending: HashMap::new(),
            pending_order: VecDeque::new(),
            remembered,
            header: false,
        })
    }

    /// Tracks one event; gives the kind of its common form, for the run's counts.
    pub fn track(
        &mut self,
        event: &AnyEvent,
        received_at: Option<DateTime<Utc>>,
        out: &mut Out,
    ) -> Result<Option<cc_events::common::EventKind>, Cut> {
        let mut update = std::mem::take(&mut self.update);
        self.tracker.track_into(event, received_at, &mut update);
        let kind = update.events.first().map(|tracked| tracked.event.kind.clone());
        let emitted = self.emit(&mut update, out);
        self.update = update;
        emitted.map(|()| kind)
    }

    /// The input ended: closes what is open, prints the rest of the summary.
    pub fn finish(&mut self, out: &mut Out) -> Result<(), Cut> {
        let mut update = self.tracker.finish();
        self.emit(&mut update, out)?;
        if self.summary {
            // What is still pending is final now, printed in the order the calls ended.
            // By the whole key after the end time: two calls of one id in two tenants (or of
            // two vendors) that end at the same moment must not fall to the map's hash order.
            let mut records: Vec<CallRecord> = self.pending.drain().map(|(_, record)| record).collect();
            self.pending_order.clear();
            records.sort_by(|a, b| {
                (a.ended_at, a.vendor.as_str(), &a.tenant, &a.call_id).cmp(&(
                    b.ended_at,
                    b.vendor.as_str(),
                    &b.tenant,
                    &b.call_id,
                ))
            });
            for record in &records {
                self.row(record, out)?;
            }
            self.print_kpis(out)?;
        }
        Ok(())
    }

    fn emit(&mut self, update: &mut Update, out: &mut Out) -> Result<(), Cut> {
        for interval in update.intervals.drain(..) {
            if self.agents {
                out.event(&interval)?;
            }
            if self.summary {
                self.kpis.add_interval(&interval);
            }
        }
        for record in update.calls.drain(..) {
            if self.calls {
                out.event(&record)?;
            }
            if self.summary {
                self.keep(record, out)?;
            }
        }
        Ok(())
    }

    /// Keeps the newest record of a call; a call the tracker no longer remembers is final.
    fn keep(&mut self, record: CallRecord, out: &mut Out) -> Result<(), Cut> {
        let key = (record.vendor.to_string(), record.tenant.clone(), record.call_id.clone());
        match self.pending.get_mut(&key) {
            Some(kept) => {
                if kept.revision <= record.revision {
                    *kept = record;
                }
                return Ok(());
            }
            None => {
                self.pending.insert(key.clone(), record);
                self.pending_order.push_back(key);
            }
        }
        while self.pending_order.len() > self.remembered {
            let Some(oldest) = self.pending_order.pop_front() else {
                break;
            };
            if let Some(record) = self.pending.remove(&oldest) {
                self.row(&record, out)?;
            }
        }
        Ok(())
    }

    /// Prints a final record's row of the table (the header before the first) and counts it.
    fn row(&mut self, record: &CallRecord, out: &mut Out) -> Result<(), Cut> {
        self.kpis.add_call(record);
        self.header(out)?;
        let seconds = |ms: Option<i64>| ms.map_or_else(|| "-".to_owned(), |ms| format!("{:.1}", ms as f64 / 1000.0));
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
            record.vendor,
            record.call_id,
            direction,
            record.outcome,
            agents,
            seconds(record.ring_ms),
            seconds(record.talk_ms),
            seconds(Some(record.hold_ms)),
            seconds(record.acw_ms),
        ))
    }

    /// The table's header, once.
    fn header(&mut self, out: &mut Out) -> Result<(), Cut> {
        if self.header {
            return Ok(());
        }
        self.header = true;
        out.text(&format!(
            "{:<13} {:<40} {:<9} {:<12} {:<24} {:>8} {:>9} {:>8} {:>8}",
            "vendor", "call", "direction", "outcome", "agents", "ring_s", "talk_s", "hold_s", "acw_s"
        ))
    }

    fn print_kpis(&mut self, out: &mut Out) -> Result<(), Cut> {
        self.header(out)?;
        let report = self.kpis.report();
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
