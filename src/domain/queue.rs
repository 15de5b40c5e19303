//! Queues (views) over every ticket held in memory: filters, sorting, paging, and view counts
//! that are kept up to date change by change instead of recounting the whole desk.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::desk::Agent;
use super::model::{AgentId, Priority, Status, Ticket, TicketId, Tier, Time};
use super::sla::SlaState;
use super::sla_snapshot::SlaSnapshot;

/// What a queue needs of a ticket: everything but the long texts.
#[derive(Clone, Debug, PartialEq)]
pub struct TicketRow {
    pub id: TicketId,
    pub rev: u32,
    pub subject: String,
    pub requester: String,
    pub status: Status,
    pub priority: Priority,
    pub tier: Tier,
    pub group: Option<String>,
    pub assignee: Option<AgentId>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub created_at: Time,
    pub updated_at: Time,
    pub merged: bool,
    pub sla: Option<SlaSnapshot>,
    /// Lower-cased subject, requester, e-mail, organisation, category, tags and `#id`.
    search: String,
}

/// The ticket fields a queue row needs. Decoding only these (serde skips the rest, such as
/// descriptions and catalog fields) is what makes a cold start over 100,000 tickets quick.
#[derive(Deserialize)]
pub struct RowSource {
    pub id: TicketId,
    #[serde(default)]
    pub rev: u32,
    pub subject: String,
    pub requester: super::model::Requester,
    pub status: Status,
    pub priority: Priority,
    pub tier: Tier,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub assignee: Option<AgentId>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub merged_into: Option<TicketId>,
    pub created_at: Time,
    pub updated_at: Time,
}

impl TicketRow {
    pub fn from_source(s: RowSource, sla: Option<SlaSnapshot>) -> TicketRow {
        let search = format!(
            "#{} {} {} {} {} {} {}",
            s.id,
            s.subject,
            s.requester.name,
            s.requester.email,
            s.requester.org.as_deref().unwrap_or(""),
            s.category.as_deref().unwrap_or(""),
            s.tags.join(" ")
        )
        .to_lowercase();
        TicketRow {
            id: s.id,
            rev: s.rev,
            subject: s.subject,
            requester: s.requester.name,
            status: s.status,
            priority: s.priority,
            tier: s.tier,
            group: s.group,
            assignee: s.assignee,
            category: s.category,
            tags: s.tags,
            created_at: s.created_at,
            updated_at: s.updated_at,
            merged: s.merged_into.is_some(),
            sla,
            search,
        }
    }

    pub fn new(t: &Ticket, sla: Option<SlaSnapshot>) -> TicketRow {
        let search = format!(
            "#{} {} {} {} {} {} {}",
            t.id,
            t.subject,
            t.requester.name,
            t.requester.email,
            t.requester.org.as_deref().unwrap_or(""),
            t.category.as_deref().unwrap_or(""),
            t.tags.join(" ")
        )
        .to_lowercase();
        TicketRow {
            id: t.id,
            rev: t.rev,
            subject: t.subject.clone(),
            requester: t.requester.name.clone(),
            status: t.status,
            priority: t.priority,
            tier: t.tier,
            group: t.group.clone(),
            assignee: t.assignee.clone(),
            category: t.category.clone(),
            tags: t.tags.clone(),
            created_at: t.created_at,
            updated_at: t.updated_at,
            merged: t.merged_into.is_some(),
            sla,
            search,
        }
    }

    pub fn is_open(&self) -> bool {
        self.status.is_open() && !self.merged
    }

    pub fn sla_at(&self, now: Time) -> SlaState {
        match &self.sla {
            Some(s) if self.is_open() => s.worst_at(now),
            _ => SlaState::None,
        }
    }

    pub fn reference(&self) -> String {
        format!("#{}", self.id)
    }
}

/// Which owner a filter wants.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case", tag = "is", content = "agent")]
pub enum OwnerFilter {
    #[default]
    Anyone,
    Me,
    Nobody,
    Agent(AgentId),
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SlaFilter {
    /// A clock is past its warning point but not yet breached.
    DueSoon,
    Breached,
}

/// A set of conditions; empty lists and `None` match everything.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Filter {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<Status>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<Tier>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<Priority>,
    /// Category, or a parent category ("Hardware" matches "Hardware/Printers").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default)]
    pub owner: OwnerFilter,
    /// "Unassigned in my tiers": only tiers the current agent works in.
    #[serde(default)]
    pub my_tiers: bool,
    /// Every one of these tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Only tickets the desk still owes work on.
    #[serde(default)]
    pub open_only: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla: Option<SlaFilter>,
}

/// Who is looking, and when: filters like "mine" and "breached" depend on it.
#[derive(Clone, Copy, Debug)]
pub struct Viewer<'a> {
    pub me: Option<&'a Agent>,
    pub now: Time,
}

impl Filter {
    /// Whether the filter's answer changes with time alone (needs recounting as time passes).
    pub fn depends_on_time(&self) -> bool {
        self.sla.is_some()
    }

    pub fn matches(&self, r: &TicketRow, v: &Viewer) -> bool {
        self.matches_static(r, v) && self.matches_time(r, v.now)
    }

    /// Everything but the time-dependent SLA condition.
    pub fn matches_static(&self, r: &TicketRow, v: &Viewer) -> bool {
        if r.merged {
            return false;
        }
        if self.open_only && !r.is_open() {
            return false;
        }
        if !self.statuses.is_empty() && !self.statuses.contains(&r.status) {
            return false;
        }
        if !self.tiers.is_empty() && !self.tiers.contains(&r.tier) {
            return false;
        }
        if !self.priorities.is_empty() && !self.priorities.contains(&r.priority) {
            return false;
        }
        if let Some(c) = self.category.as_deref().filter(|c| !c.is_empty()) {
            let rc = r.category.as_deref().unwrap_or("");
            let under = rc.len() > c.len() && rc.as_bytes().get(c.len()) == Some(&b'/');
            if !(rc.eq_ignore_ascii_case(c) || (under && rc[..c.len()].eq_ignore_ascii_case(c))) {
                return false;
            }
        }
        let me = v.me.map(|a| a.id.as_str());
        let owner_ok = match &self.owner {
            OwnerFilter::Anyone => true,
            OwnerFilter::Me => me.is_some() && r.assignee.as_deref() == me,
            OwnerFilter::Nobody => r.assignee.is_none(),
            OwnerFilter::Agent(a) => r.assignee.as_deref() == Some(a.as_str()),
        };
        if !owner_ok {
            return false;
        }
        if self.my_tiers {
            match v.me {
                Some(a) if a.tiers.contains(&r.tier) => {}
                _ => return false,
            }
        }
        if !self.tags.iter().all(|t| r.tags.iter().any(|x| x.eq_ignore_ascii_case(t))) {
            return false;
        }
        let text = self.text.trim();
        if !text.is_empty() {
            let lower = text.to_lowercase();
            if !lower.split_whitespace().all(|w| r.search.contains(w)) {
                return false;
            }
        }
        true
    }

    fn matches_time(&self, r: &TicketRow, now: Time) -> bool {
        match self.sla {
            None => true,
            Some(SlaFilter::Breached) => r.sla_at(now) == SlaState::Breached,
            Some(SlaFilter::DueSoon) => r.sla_at(now) == SlaState::Warning,
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Most recently changed first.
    #[default]
    Updated,
    /// Oldest first: the backlog's tail.
    Oldest,
    Newest,
    /// Highest priority first, then oldest.
    Priority,
    /// Earliest SLA due time first (tickets without a running clock last).
    Due,
    Number,
}

impl Sort {
    pub const ALL: [Sort; 6] = [Sort::Updated, Sort::Due, Sort::Priority, Sort::Oldest, Sort::Newest, Sort::Number];

    pub fn label(self) -> &'static str {
        match self {
            Sort::Updated => "Last updated",
            Sort::Oldest => "Oldest first",
            Sort::Newest => "Newest first",
            Sort::Priority => "Priority",
            Sort::Due => "SLA due first",
            Sort::Number => "Number",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Updated => "updated",
            Sort::Oldest => "oldest",
            Sort::Newest => "newest",
            Sort::Priority => "priority",
            Sort::Due => "due",
            Sort::Number => "number",
        }
    }

    pub fn parse(s: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|x| x.as_str() == s)
    }

    fn cmp(self, a: &TicketRow, b: &TicketRow) -> std::cmp::Ordering {
        let due = |r: &TicketRow| r.sla.as_ref().filter(|_| r.is_open()).and_then(|s| s.next_due()).map(|d| d.timestamp()).unwrap_or(i64::MAX);
        match self {
            Sort::Updated => b.updated_at.cmp(&a.updated_at).then(b.id.cmp(&a.id)),
            Sort::Oldest => a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)),
            Sort::Newest => b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)),
            Sort::Priority => a.priority.rank().cmp(&b.priority.rank()).then(a.created_at.cmp(&b.created_at)).then(a.id.cmp(&b.id)),
            Sort::Due => due(a).cmp(&due(b)).then(a.priority.rank().cmp(&b.priority.rank())).then(a.id.cmp(&b.id)),
            Sort::Number => a.id.cmp(&b.id),
        }
    }
}

/// A named queue: a built-in one or one the agent saved.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct View {
    pub id: String,
    pub name: String,
    pub filter: Filter,
    #[serde(default)]
    pub sort: Sort,
    /// Built-in views cannot be deleted.
    #[serde(default)]
    pub builtin: bool,
}

/// The queues every agent has.
pub fn builtin_views() -> Vec<View> {
    let v = |id: &str, name: &str, filter: Filter, sort: Sort| View { id: id.into(), name: name.into(), filter, sort, builtin: true };
    vec![
        v("mine", "My open tickets", Filter { owner: OwnerFilter::Me, open_only: true, ..Default::default() }, Sort::Due),
        v("unassigned", "Unassigned in my tiers", Filter { owner: OwnerFilter::Nobody, my_tiers: true, open_only: true, ..Default::default() }, Sort::Due),
        v("due-soon", "Breaching soon", Filter { open_only: true, sla: Some(SlaFilter::DueSoon), ..Default::default() }, Sort::Due),
        v("breached", "Breached", Filter { open_only: true, sla: Some(SlaFilter::Breached), ..Default::default() }, Sort::Due),
        v("pending", "Pending", Filter { statuses: vec![Status::Pending, Status::OnHold], ..Default::default() }, Sort::Updated),
        v("vendors", "Tier 4 (vendors)", Filter { tiers: vec![Tier(4)], open_only: true, ..Default::default() }, Sort::Oldest),
        v("open", "All open", Filter { open_only: true, ..Default::default() }, Sort::Due),
        v("all", "All tickets", Filter::default(), Sort::Updated),
    ]
}

/// One page of a queue.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub total: usize,
    pub rows: Vec<TicketRow>,
}

/// Sorted instants with counting by binary search: how many are at or before `now`.
#[derive(Clone, Debug, Default)]
struct Instants(Vec<i64>);

impl Instants {
    fn insert(&mut self, t: i64) {
        let i = self.0.partition_point(|x| *x < t);
        self.0.insert(i, t);
    }

    fn remove(&mut self, t: i64) {
        let i = self.0.partition_point(|x| *x < t);
        if self.0.get(i) == Some(&t) {
            self.0.remove(i);
        }
    }

    fn count_upto(&self, now: i64) -> usize {
        self.0.partition_point(|x| *x <= now)
    }
}

/// Per ticket, the instants at which its worst state becomes warning and breached.
fn thresholds(r: &TicketRow) -> (bool, Option<i64>, Option<i64>) {
    let Some(s) = r.sla.as_ref().filter(|_| r.is_open()) else { return (false, None, None) };
    let already = s.metrics.iter().any(|m| m.state == SlaState::Breached);
    if already {
        return (true, None, None);
    }
    let running = s.metrics.iter().filter(|m| m.state.is_running());
    let mut warn = None::<i64>;
    let mut breach = None::<i64>;
    for m in running {
        if let Some(w) = m.warn_at {
            warn = Some(warn.map_or(w.timestamp(), |x| x.min(w.timestamp())));
        }
        if let Some(d) = m.due_at {
            // Breached strictly after the due instant (to the second).
            let b = d.timestamp() + 1;
            breach = Some(breach.map_or(b, |x| x.min(b)));
        }
    }
    (false, warn, breach)
}

/// Every ticket row plus the counts of each view, maintained change by change.
#[derive(Clone, Debug, Default)]
pub struct QueueIndex {
    rows: Vec<TicketRow>,
    pos: HashMap<TicketId, usize>,
    views: Vec<View>,
    /// Counts of views whose filter does not depend on time.
    static_counts: Vec<usize>,
    /// Per time-dependent view: rows matching its static part, split by their thresholds.
    breached_now: Vec<usize>,
    warn_at: Vec<Instants>,
    breach_at: Vec<Instants>,
    /// Breach instants of rows that also have a warning instant (to subtract from "due soon").
    breach_with_warn: Vec<Instants>,
    me: Option<Agent>,
}

impl QueueIndex {
    pub fn new(rows: Vec<TicketRow>, views: Vec<View>, me: Option<Agent>) -> QueueIndex {
        let mut q = QueueIndex { rows, views, me, ..Default::default() };
        q.pos = q.rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        q.recount();
        q
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn views(&self) -> &[View] {
        &self.views
    }

    pub fn me(&self) -> Option<&Agent> {
        self.me.as_ref()
    }

    pub fn row(&self, id: TicketId) -> Option<&TicketRow> {
        self.pos.get(&id).map(|i| &self.rows[*i])
    }

    pub fn rows(&self) -> &[TicketRow] {
        &self.rows
    }

    /// Changes who is looking (recounts: the "mine" views depend on it).
    pub fn set_me(&mut self, me: Option<Agent>) {
        self.me = me;
        self.recount();
    }

    pub fn set_views(&mut self, views: Vec<View>) {
        self.views = views;
        self.recount();
    }

    fn recount(&mut self) {
        let n = self.views.len();
        self.static_counts = vec![0; n];
        self.breached_now = vec![0; n];
        self.warn_at = vec![Instants::default(); n];
        self.breach_at = vec![Instants::default(); n];
        self.breach_with_warn = vec![Instants::default(); n];
        for i in 0..self.rows.len() {
            let r = self.rows[i].clone();
            self.account(&r, true);
        }
    }

    /// Adds (or removes) one row's contribution to every view count.
    fn account(&mut self, r: &TicketRow, add: bool) {
        // The static part never looks at time: any instant will do.
        let viewer = Viewer { me: self.me.as_ref(), now: r.updated_at };
        let th = thresholds(r);
        for (i, view) in self.views.iter().enumerate() {
            if !view.filter.matches_static(r, &viewer) {
                continue;
            }
            if !view.filter.depends_on_time() {
                if add {
                    self.static_counts[i] += 1;
                } else {
                    self.static_counts[i] -= 1;
                }
                continue;
            }
            let (already, warn, breach) = th;
            if already {
                if add {
                    self.breached_now[i] += 1;
                } else {
                    self.breached_now[i] -= 1;
                }
                continue;
            }
            let apply = |set: &mut Instants, t: i64| if add { set.insert(t) } else { set.remove(t) };
            if let Some(w) = warn {
                apply(&mut self.warn_at[i], w);
            }
            if let Some(b) = breach {
                apply(&mut self.breach_at[i], b);
                if warn.is_some() {
                    apply(&mut self.breach_with_warn[i], b);
                }
            }
        }
    }

    /// Inserts or replaces a row, adjusting the counts by the difference only.
    pub fn upsert(&mut self, row: TicketRow) {
        match self.pos.get(&row.id).copied() {
            Some(i) => {
                let old = std::mem::replace(&mut self.rows[i], row.clone());
                self.account(&old, false);
                self.account(&row, true);
            }
            None => {
                self.pos.insert(row.id, self.rows.len());
                self.rows.push(row.clone());
                self.account(&row, true);
            }
        }
    }

    /// The number of tickets in view `i` at `now`.
    pub fn count(&self, i: usize, now: Time) -> usize {
        let Some(view) = self.views.get(i) else { return 0 };
        let now = now.timestamp();
        match view.filter.sla {
            None => self.static_counts[i],
            Some(SlaFilter::Breached) => self.breached_now[i] + self.breach_at[i].count_upto(now),
            Some(SlaFilter::DueSoon) => self.warn_at[i].count_upto(now) - self.breach_with_warn[i].count_upto(now),
        }
    }

    pub fn view_index(&self, id: &str) -> Option<usize> {
        self.views.iter().position(|v| v.id == id)
    }

    /// Every matching row's position, sorted.
    fn matching(&self, filter: &Filter, sort: Sort, now: Time) -> Vec<usize> {
        let viewer = Viewer { me: self.me.as_ref(), now };
        let mut hits: Vec<usize> = (0..self.rows.len()).filter(|i| filter.matches(&self.rows[*i], &viewer)).collect();
        hits.sort_unstable_by(|a, b| sort.cmp(&self.rows[*a], &self.rows[*b]));
        hits
    }

    /// One page (0-based) of the rows that match, in `sort` order.
    pub fn page(&self, filter: &Filter, sort: Sort, now: Time, page: usize, per_page: usize) -> Page {
        let viewer = Viewer { me: self.me.as_ref(), now };
        let mut hits: Vec<usize> = (0..self.rows.len()).filter(|i| filter.matches(&self.rows[*i], &viewer)).collect();
        let total = hits.len();
        let start = (page * per_page).min(total);
        let end = (start + per_page).min(total);
        // Only the rows up to this page need ordering: select, then sort that prefix.
        if end < total && end > 0 {
            hits.select_nth_unstable_by(end - 1, |a, b| sort.cmp(&self.rows[*a], &self.rows[*b]));
            hits.truncate(end);
        }
        hits.sort_unstable_by(|a, b| sort.cmp(&self.rows[*a], &self.rows[*b]));
        let rows = hits[start.min(hits.len())..end.min(hits.len())].iter().map(|i| self.rows[*i].clone()).collect();
        Page { total, rows }
    }

    /// Ids of every matching ticket in order (bulk "select all").
    pub fn ids(&self, filter: &Filter, sort: Sort, now: Time) -> Vec<TicketId> {
        self.matching(filter, sort, now).into_iter().map(|i| self.rows[i].id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::defaults::default_config;
    use crate::domain::model::*;
    use crate::domain::sla::SlaEngine;
    use crate::domain::ticket::{self, Command, Ctx, NewTicket, SeqIds};
    use chrono::{Duration, TimeZone, Utc};

    fn t0() -> Time {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap()
    }

    fn agent(id: &str, tiers: &[u8]) -> Agent {
        serde_json::from_value(serde_json::json!({"id": id, "name": id, "tiers": tiers})).unwrap()
    }

    struct Desk {
        ids: SeqIds,
        tickets: Vec<(Ticket, Vec<Event>)>,
    }

    impl Desk {
        fn new() -> Desk {
            Desk { ids: SeqIds::new("q"), tickets: vec![] }
        }

        fn add(&mut self, subject: &str, priority: Priority, tier: u8, at: Time) -> TicketId {
            let id = self.tickets.len() as u64 + 1;
            let ctx = Ctx::new(at, Actor::Requester);
            let new = NewTicket {
                subject: subject.into(),
                requester: Requester { name: "Pat Doe".into(), email: "pat@example.org".into(), org: None },
                priority,
                tier: Tier(tier),
                category: subject.contains("VPN").then(|| "Network/VPN".into()),
                ..Default::default()
            };
            let t = ticket::create(id, new, &ctx, &mut self.ids).unwrap();
            self.tickets.push(t);
            id
        }

        fn run(&mut self, id: TicketId, cmd: Command, at: Time) {
            let (t, ev) = &mut self.tickets[id as usize - 1];
            let ctx = Ctx::new(at, Actor::Agent("amy".into()));
            let more = ticket::apply(t, ev, cmd, &ctx, &mut self.ids).unwrap();
            ev.extend(more);
        }

        fn row(&self, id: TicketId, now: Time) -> TicketRow {
            let cfg = default_config();
            let engine = SlaEngine::new(&cfg);
            let (t, ev) = &self.tickets[id as usize - 1];
            TicketRow::new(t, Some(SlaSnapshot::take(&engine, &cfg, t, ev, now)))
        }

        fn rows(&self, now: Time) -> Vec<TicketRow> {
            (1..=self.tickets.len() as u64).map(|id| self.row(id, now)).collect()
        }
    }

    fn counts(q: &QueueIndex, now: Time) -> Vec<(String, usize)> {
        (0..q.views().len()).map(|i| (q.views()[i].id.clone(), q.count(i, now))).collect()
    }

    /// The counts an index keeps must always equal a full recount.
    fn assert_counts_fresh(q: &QueueIndex, now: Time) {
        let fresh = QueueIndex::new(q.rows().to_vec(), q.views().to_vec(), q.me().cloned());
        assert_eq!(counts(q, now), counts(&fresh, now));
        for (i, v) in q.views().iter().enumerate() {
            let by_scan = q.page(&v.filter, v.sort, now, 0, usize::MAX).total;
            assert_eq!(q.count(i, now), by_scan, "view {}", v.id);
        }
    }

    #[test]
    fn builtin_views_count_and_follow_changes() {
        let mut d = Desk::new();
        let a = d.add("VPN drops every hour", Priority::High, 1, t0());
        let b = d.add("Printer jam", Priority::Low, 1, t0());
        let c = d.add("Vendor firmware bug", Priority::Medium, 4, t0());
        let mut q = QueueIndex::new(d.rows(t0()), builtin_views(), Some(agent("amy", &[1, 2])));
        let now = t0() + Duration::minutes(1);
        let get = |q: &QueueIndex, id: &str| q.count(q.view_index(id).unwrap(), now);
        assert_eq!(get(&q, "all"), 3);
        assert_eq!(get(&q, "unassigned"), 2, "tier 4 is not one of amy's tiers");
        assert_eq!(get(&q, "vendors"), 1);
        assert_eq!(get(&q, "mine"), 0);

        d.run(a, Command::Assign { to: Some("amy".into()), reason: None }, now);
        q.upsert(d.row(a, now));
        assert_eq!(get(&q, "mine"), 1);
        assert_eq!(get(&q, "unassigned"), 1);

        d.run(b, Command::SetStatus(Status::Pending), now);
        q.upsert(d.row(b, now));
        assert_eq!(get(&q, "pending"), 1);
        d.run(c, Command::SetStatus(Status::Resolved), now);
        q.upsert(d.row(c, now));
        assert_eq!(get(&q, "vendors"), 0);
        assert_eq!(get(&q, "open"), 2);
        assert_counts_fresh(&q, now);
    }

    #[test]
    fn sla_views_follow_the_clock_without_changes() {
        let mut d = Desk::new();
        d.add("Outage in building B", Priority::Critical, 1, t0());
        // Tier 2: its 4-hour tier limit stays far off in this test.
        d.add("Password reset", Priority::Low, 2, t0());
        let q = QueueIndex::new(d.rows(t0()), builtin_views(), None);
        let at = |m: i64| t0() + Duration::minutes(m);
        let due_soon = q.view_index("due-soon").unwrap();
        let breached = q.view_index("breached").unwrap();
        // Critical: first response due in 15 calendar minutes (24/7 policy), warning at 75 %.
        assert_eq!((q.count(due_soon, at(5)), q.count(breached, at(5))), (0, 0));
        assert_eq!((q.count(due_soon, at(12)), q.count(breached, at(12))), (1, 0));
        assert_eq!((q.count(due_soon, at(16)), q.count(breached, at(16))), (0, 1));
        for m in [0, 11, 12, 15, 16, 200, 600, 5000] {
            assert_counts_fresh(&q, at(m));
        }
    }

    #[test]
    fn filters_text_category_tags_and_sorting() {
        let mut d = Desk::new();
        d.add("VPN drops every hour", Priority::Low, 1, t0());
        d.add("Printer jam", Priority::Critical, 2, t0() + Duration::minutes(1));
        d.add("VPN slow from hotel", Priority::High, 1, t0() + Duration::minutes(2));
        let q = QueueIndex::new(d.rows(t0()), builtin_views(), None);
        let now = t0() + Duration::minutes(3);
        let ids = |f: Filter, s: Sort| q.ids(&f, s, now);
        assert_eq!(ids(Filter { text: "vpn".into(), ..Default::default() }, Sort::Number), vec![1, 3]);
        assert_eq!(ids(Filter { text: "#2".into(), ..Default::default() }, Sort::Number), vec![2]);
        assert_eq!(ids(Filter { category: Some("network".into()), ..Default::default() }, Sort::Number), vec![1, 3]);
        assert_eq!(ids(Filter { category: Some("Net".into()), ..Default::default() }, Sort::Number), Vec::<u64>::new());
        assert_eq!(ids(Filter { tiers: vec![Tier(2)], ..Default::default() }, Sort::Number), vec![2]);
        assert_eq!(ids(Filter::default(), Sort::Priority), vec![2, 3, 1]);
        assert_eq!(ids(Filter::default(), Sort::Newest), vec![3, 2, 1]);
        let p = q.page(&Filter::default(), Sort::Newest, now, 1, 2);
        assert_eq!((p.total, p.rows.iter().map(|r| r.id).collect::<Vec<_>>()), (3, vec![1]));
    }

    #[test]
    fn random_changes_keep_counts_equal_to_a_recount() {
        let mut d = Desk::new();
        let mut rng = crate::domain::rng::Rng::new(9);
        for i in 0..40 {
            d.add(&format!("ticket {i}"), Priority::ALL[i % 4], (i % 5) as u8, t0() + Duration::minutes(i as i64));
        }
        let mut q = QueueIndex::new(d.rows(t0()), builtin_views(), Some(agent("amy", &[1])));
        let mut now = t0() + Duration::hours(1);
        for _ in 0..200 {
            let id = rng.below(40) as u64 + 1;
            let cmd = match rng.below(4) {
                0 => Command::Assign { to: Some("amy".into()), reason: None },
                1 => Command::SetStatus(Status::Pending),
                2 => Command::Reply("ok".into()),
                _ => Command::SetPriority { to: Priority::ALL[rng.below(4) as usize], reason: None },
            };
            let (t, ev) = &mut d.tickets[id as usize - 1];
            let ctx = Ctx::new(now, Actor::Agent("amy".into()));
            if let Ok(more) = ticket::apply(t, ev, cmd, &ctx, &mut d.ids) {
                ev.extend(more);
            }
            q.upsert(d.row(id, now));
            now += Duration::minutes(7);
        }
        assert_counts_fresh(&q, now);
    }
}

#[cfg(test)]
mod row_source_tests {
    use super::*;
    use crate::domain::demo;

    #[test]
    fn a_row_from_the_stored_json_equals_the_row_from_the_ticket() {
        let b = demo::generate(3, 200, chrono::Utc::now());
        let json = serde_json::to_string(&b.tickets).unwrap();
        let sources: Vec<RowSource> = serde_json::from_str(&json).unwrap();
        for (t, s) in b.tickets.iter().zip(sources) {
            assert_eq!(TicketRow::from_source(s, None), TicketRow::new(t, None));
        }
    }

    /// `cargo test --release --lib row_source_bench -- --ignored --nocapture`: decoding 100,000
    /// stored tickets as rows, the lean way against `#[serde(flatten)]` over whole tickets.
    #[test]
    #[ignore]
    fn row_source_bench() {
        #[derive(Deserialize)]
        struct Whole {
            #[serde(flatten)]
            ticket: Ticket,
            #[serde(default)]
            ix_sla: Option<SlaSnapshot>,
        }
        #[derive(Deserialize)]
        struct SlaOnly {
            #[serde(default)]
            ix_sla: Option<SlaSnapshot>,
        }
        let b = demo::generate(3, 100_000, chrono::Utc::now());
        let json = serde_json::to_string(&b.tickets).unwrap();
        let t0 = std::time::Instant::now();
        let whole: Vec<Whole> = serde_json::from_str(&json).unwrap();
        let a: Vec<TicketRow> = whole.into_iter().map(|w| TicketRow::new(&w.ticket, w.ix_sla)).collect();
        let flatten = t0.elapsed();
        let t1 = std::time::Instant::now();
        let rows: Vec<RowSource> = serde_json::from_str(&json).unwrap();
        let slas: Vec<SlaOnly> = serde_json::from_str(&json).unwrap();
        let c: Vec<TicketRow> = rows.into_iter().zip(slas).map(|(r, s)| TicketRow::from_source(r, s.ix_sla)).collect();
        let lean = t1.elapsed();
        assert_eq!(a, c);
        println!("100k rows: flatten {flatten:?}, lean {lean:?}, ratio {:.2}", flatten.as_secs_f64() / lean.as_secs_f64());
    }
}
