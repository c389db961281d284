//! [`KpiReport`]: the contact-center KPIs users check a platform against, from call records
//! and agent state intervals.

use super::interval::AgentInterval;
use super::record::{CallRecord, Outcome};
use crate::common::{AgentState, Vendor};
use crate::wire::Text;
use chrono::TimeDelta;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The KPIs of a set of calls. The formulas are Amazon Connect's (see the crate's tracking
/// reference):
///
/// | KPI | formula |
/// |---|---|
/// | AHT | Σ handle time (talk + hold + after-call work) ÷ answered calls |
/// | ASA | mean of (answered − enqueued) over calls answered from a queue |
/// | abandonment rate | enqueued calls abandoned ÷ enqueued calls |
/// | service level at X | enqueued calls answered within X of enqueue ÷ enqueued calls |
///
/// A ratio or mean with nothing to divide by is absent (`None`), never zero.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[non_exhaustive]
pub struct Kpis {
    /// Calls counted.
    pub calls: u64,
    /// Answered calls.
    pub answered: u64,
    /// Abandoned calls.
    pub abandoned: u64,
    /// Calls that entered a queue.
    pub enqueued: u64,
    /// Enqueued calls answered within the service-level threshold.
    pub answered_within_threshold: u64,
    /// Average handle time, ms.
    pub aht_ms: Option<f64>,
    /// Average speed of answer, ms.
    pub asa_ms: Option<f64>,
    /// Abandonment rate, 0 to 1.
    pub abandonment_rate: Option<f64>,
    /// Service level at the threshold, 0 to 1.
    pub service_level: Option<f64>,
    #[serde(skip)]
    handle_sum: i64,
    #[serde(skip)]
    handled: u64,
    #[serde(skip)]
    asa_sum: i64,
    #[serde(skip)]
    asa_count: u64,
    #[serde(skip)]
    enqueued_abandoned: u64,
}

impl Kpis {
    fn add(&mut self, record: &CallRecord, threshold_ms: i64) {
        self.calls += 1;
        match record.outcome {
            Outcome::Answered => self.answered += 1,
            Outcome::Abandoned => self.abandoned += 1,
            _ => {}
        }
        if record.outcome == Outcome::Answered {
            if let Some(handle) = record.handle_ms {
                self.handle_sum += handle;
                self.handled += 1;
            }
        }
        if let Some(enqueued) = record.enqueued_at {
            self.enqueued += 1;
            if record.outcome == Outcome::Abandoned {
                self.enqueued_abandoned += 1;
            }
            if let Some(answered) = record.answered_at {
                let wait = (answered - enqueued).num_milliseconds().max(0);
                self.asa_sum += wait;
                self.asa_count += 1;
                if wait <= threshold_ms {
                    self.answered_within_threshold += 1;
                }
            }
        }
    }

    fn finish(&mut self) {
        let ratio = |part: u64, whole: u64| (whole > 0).then(|| part as f64 / whole as f64);
        self.aht_ms = (self.handled > 0).then(|| self.handle_sum as f64 / self.handled as f64);
        self.asa_ms = (self.asa_count > 0).then(|| self.asa_sum as f64 / self.asa_count as f64);
        self.abandonment_rate = ratio(self.enqueued_abandoned, self.enqueued);
        self.service_level = ratio(self.answered_within_threshold, self.enqueued);
    }
}

/// The KPIs of one queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct QueueKpis {
    /// The vendor.
    pub vendor: Vendor,
    /// The tenant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant: Option<Text>,
    /// The queue.
    pub queue: Text,
    /// Its KPIs.
    #[serde(flatten)]
    pub kpis: Kpis,
}

/// The KPIs of one agent. A call counts for the first agent who handled it.
///
/// Occupancy = time on contact ÷ (time on contact + time ready), from the agent's intervals:
/// on contact is reserved, dialing, ringing, talking, on hold and after-call work.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct AgentKpis {
    /// The vendor.
    pub vendor: Vendor,
    /// The tenant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant: Option<Text>,
    /// The agent.
    pub agent_id: Text,
    /// Calls the agent answered first.
    pub handled: u64,
    /// Their average handle time, ms.
    pub aht_ms: Option<f64>,
    /// Time on contact, ms.
    pub on_contact_ms: i64,
    /// Time ready, ms.
    pub ready_ms: i64,
    /// Occupancy, 0 to 1.
    pub occupancy: Option<f64>,
    #[serde(skip)]
    handle_sum: i64,
    #[serde(skip)]
    with_handle: u64,
}

/// KPIs overall, per queue and per agent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct KpiReport {
    /// The service-level threshold, ms.
    pub threshold_ms: i64,
    /// Every call.
    pub overall: Kpis,
    /// Per queue, sorted.
    pub queues: Vec<QueueKpis>,
    /// Per agent, sorted.
    pub agents: Vec<AgentKpis>,
}

type Key = (Vendor, Option<Text>, Text);

/// KPIs built up one call record and one interval at a time, in memory that grows with the
/// queues and agents, never with the calls: what a long stream's summary keeps (`normalize
/// --summary`). Give it each call once, with its final record (the highest
/// [`CallRecord::revision`]); [`KpiReport::compute`] does that for a set of records.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiAccumulator {
    threshold_ms: i64,
    overall: Kpis,
    queues: BTreeMap<Key, Kpis>,
    agents: BTreeMap<Key, AgentKpis>,
}

impl KpiAccumulator {
    /// No calls yet, with the service level at `threshold`.
    pub fn new(threshold: TimeDelta) -> Self {
        KpiAccumulator {
            threshold_ms: threshold.num_milliseconds(),
            overall: Kpis::default(),
            queues: BTreeMap::new(),
            agents: BTreeMap::new(),
        }
    }

    fn agent(&mut self, key: Key) -> &mut AgentKpis {
        self.agents.entry(key).or_insert_with_key(|key| AgentKpis {
            vendor: key.0.clone(),
            tenant: key.1.clone(),
            agent_id: key.2.clone(),
            handled: 0,
            aht_ms: None,
            on_contact_ms: 0,
            ready_ms: 0,
            occupancy: None,
            handle_sum: 0,
            with_handle: 0,
        })
    }

    /// Counts one call, by its final record.
    pub fn add_call(&mut self, record: &CallRecord) {
        let threshold_ms = self.threshold_ms;
        self.overall.add(record, threshold_ms);
        if let Some(queue) = &record.queue {
            self.queues
                .entry((record.vendor.clone(), record.tenant.clone(), queue.clone()))
                .or_default()
                .add(record, threshold_ms);
        }
        if let (Some(agent), Outcome::Answered) = (record.agents.first(), record.outcome) {
            let entry = self.agent((record.vendor.clone(), record.tenant.clone(), agent.clone()));
            entry.handled += 1;
            if let Some(handle) = record.handle_ms {
                entry.handle_sum += handle;
                entry.with_handle += 1;
            }
        }
    }

    /// Counts one agent state interval.
    pub fn add_interval(&mut self, interval: &AgentInterval) {
        let key = (
            interval.vendor.clone(),
            interval.tenant.clone(),
            interval.agent_id.clone(),
        );
        let entry = self.agent(key);
        match interval.state {
            AgentState::Ready => entry.ready_ms += interval.duration_ms,
            AgentState::Reserved
            | AgentState::Dialing
            | AgentState::Ringing
            | AgentState::Talking
            | AgentState::OnHold
            | AgentState::WorkingAfterCall => entry.on_contact_ms += interval.duration_ms,
            _ => {}
        }
    }

    /// The KPIs of what was counted so far.
    pub fn report(&self) -> KpiReport {
        let mut overall = self.overall.clone();
        overall.finish();
        let queues = self
            .queues
            .iter()
            .map(|((vendor, tenant, queue), kpis)| {
                let mut kpis = kpis.clone();
                kpis.finish();
                QueueKpis {
                    vendor: vendor.clone(),
                    tenant: tenant.clone(),
                    queue: queue.clone(),
                    kpis,
                }
            })
            .collect();
        let agents = self
            .agents
            .values()
            .map(|agent| {
                let mut agent = agent.clone();
                agent.aht_ms = (agent.with_handle > 0).then(|| agent.handle_sum as f64 / agent.with_handle as f64);
                let total = agent.on_contact_ms + agent.ready_ms;
                agent.occupancy = (total > 0).then(|| agent.on_contact_ms as f64 / total as f64);
                agent
            })
            .collect();
        KpiReport {
            threshold_ms: self.threshold_ms,
            overall,
            queues,
            agents,
        }
    }
}

impl KpiReport {
    /// The KPIs of `records` and `intervals`, with the service level at `threshold`. Of the
    /// revisions of one call only the highest counts.
    pub fn compute(records: &[CallRecord], intervals: &[AgentInterval], threshold: TimeDelta) -> Self {
        let mut newest: HashMap<Key, &CallRecord> = HashMap::new();
        for record in records {
            let key = (record.vendor.clone(), record.tenant.clone(), record.call_id.clone());
            let keep = newest.get(&key).is_none_or(|kept| kept.revision <= record.revision);
            if keep {
                newest.insert(key, record);
            }
        }
        let mut accumulator = KpiAccumulator::new(threshold);
        for record in newest.values() {
            accumulator.add_call(record);
        }
        for interval in intervals {
            accumulator.add_interval(interval);
        }
        accumulator.report()
    }
}
