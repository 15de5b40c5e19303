//! The KPI cards: every figure the engine computes for the whole desk, each with its
//! explanation as a tooltip and behind a "?" button (keyboard and screen readers). The cards
//! are drawn once; only their numbers follow the report, so an open explanation stays open.

use std::sync::Arc;

use leptos::prelude::*;

use super::texts::t;
use super::{count, kpi_words, mean, median, minutes, money, rate, share, DASH};
use crate::domain::kpi::{KpiReport, Kpis, Stat};
use crate::domain::reports::compare::sla_overall;
use crate::ui::format;
use crate::ui::labels;

/// What a card shows: the figure, and lines of detail under it.
type Shown = (String, Vec<String>);
type Pick = fn(&KpiReport) -> Shown;

fn stat_lines(s: &Stat) -> Vec<String> {
    if s.n == 0 {
        return vec![(t().n)(0)];
    }
    vec![(t().median)(&median(s)), (t().n)(s.n)]
}

fn of(count: u64, of: u64) -> Vec<String> {
    vec![(t().of)(count, of)]
}

fn k(r: &KpiReport) -> &Kpis {
    &r.overall
}

const VOLUME: &[(&str, Pick)] = &[
    ("created", |r| (count(k(r).created), vec![])),
    ("resolved", |r| (count(k(r).resolved), vec![])),
    ("backlog", |r| (count(k(r).backlog), vec![])),
    ("portal_created", |r| (count(k(r).portal_created), vec![])),
];

const SPEED: &[(&str, Pick)] = &[
    ("time_to_acknowledge", |r| (mean(&k(r).time_to_acknowledge), stat_lines(&k(r).time_to_acknowledge))),
    ("first_response", |r| (mean(&k(r).first_response), stat_lines(&k(r).first_response))),
    ("first_response_business", |r| (mean(&k(r).first_response_business), stat_lines(&k(r).first_response_business))),
    ("time_to_resolve", |r| (mean(&k(r).time_to_resolve), stat_lines(&k(r).time_to_resolve))),
    ("resolution_time", |r| (mean(&k(r).resolution_time), stat_lines(&k(r).resolution_time))),
    ("resolution_business", |r| (mean(&k(r).resolution_business), stat_lines(&k(r).resolution_business))),
];

const QUALITY: &[(&str, Pick)] = &[
    ("first_contact_resolution", |r| (rate(&k(r).first_contact_resolution), of(k(r).first_contact_resolution.count, k(r).first_contact_resolution.of))),
    ("reopen", |r| (rate(&k(r).reopen), of(k(r).reopen.count, k(r).reopen.of))),
    ("escalation", |r| (rate(&k(r).escalation), of(k(r).escalation.count, k(r).escalation.of))),
    ("escalation_steps", |r| {
        let lines = k(r)
            .escalation_steps
            .iter()
            .map(|s| format!("{}: {} ({})", (t().step)(&labels::tier(s.from), &labels::tier(s.to)), share(s.rate), (t().of)(s.escalated, s.entered)))
            .collect();
        (String::new(), lines)
    }),
];

const SLA: &[(&str, Pick)] = &[
    ("sla", |r| {
        let all = sla_overall(k(r));
        let lines = k(r)
            .sla
            .iter()
            .map(|s| format!("{}: {} ({})", labels::metric(s.metric), share(s.rate), (t().met_breached)(s.met, s.breached)))
            .collect();
        (rate(&all), lines)
    }),
    ("sla_breaches", |r| (count(k(r).sla_breaches), vec![])),
];

const SATISFACTION: &[(&str, Pick)] = &[
    ("deflection", |r| match &k(r).deflection {
        Some(d) => (rate(d), vec![(t().of)(d.count, d.of), (t().portal_context)(r.inputs.portal_searches_or_views)]),
        None => (t().no_portal.to_string(), vec![]),
    }),
    ("csat", |r| {
        let c = &k(r).csat;
        let avg = c.average.map_or(DASH.to_string(), |a| (t().out_of_5)(&format::number(a, 1)));
        (avg, vec![(t().responses)(&rate(&c.response), c.response.count, c.response.of)])
    }),
];

const EFFORT: &[(&str, Pick)] = &[
    ("time_spent_minutes", |r| {
        let m = k(r).time_spent_minutes;
        let lines = k(r)
            .time_by_tier
            .iter()
            .map(|(tier, m)| format!("{}: {}", labels::tier(*tier), minutes(Some(*m as f64))))
            .collect();
        (minutes(Some(m as f64)), lines)
    }),
    ("cost_per_ticket", |r| (money(k(r).cost_per_ticket), k(r).cost_total.map(|c| vec![(t().total_cost)(&money(Some(c)))]).unwrap_or_default())),
];

/// The "?" button that shows a KPI's explanation under it, and the explanation. The name is
/// also the button's tooltip text.
#[component]
pub fn Help(
    key: &'static str,
    /// Tells apart two places that explain the same KPI (ids must be unique).
    #[prop(optional)]
    place: &'static str,
) -> impl IntoView {
    let (label, help) = kpi_words::kpi(key);
    let open = RwSignal::new(false);
    let help_id = format!("kpi-help-{key}{place}");
    view! {
        <button type="button" class="kpi-help-toggle" title=help aria-label=(t().explain)(label)
            aria-expanded=move || open.get().to_string() aria-controls=help_id.clone()
            on:click=move |_| open.update(|o| *o = !*o)>"?"</button>
        <p class="kpi-help" id=help_id hidden=move || !open.get()>{help}</p>
    }
}

#[component]
fn Card(key: &'static str, report: RwSignal<Option<Arc<KpiReport>>>, pick: Pick) -> impl IntoView {
    let (label, help) = kpi_words::kpi(key);
    let shown = Memo::new(move |_| report.with(|r| r.as_deref().map(pick)));
    let value = move || shown.with(|s| s.as_ref().map_or(DASH.to_string(), |s| s.0.clone()));
    let lines = move || shown.with(|s| s.as_ref().map(|s| s.1.clone()).unwrap_or_default());
    view! {
        <div class="kpi" data-kpi=key>
            <h3 class="kpi-label" title=help>{label}</h3>
            <p class="kpi-value">{value}</p>
            <ul class="kpi-detail">{move || lines().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            <Help key=key/>
        </div>
    }
}

fn group(title: &'static str, id: &'static str, cards: &'static [(&'static str, Pick)], report: RwSignal<Option<Arc<KpiReport>>>) -> impl IntoView {
    view! {
        <section class="kpi-group" aria-labelledby=id>
            <h2 id=id>{title}</h2>
            <div class="kpi-grid">
                {cards.iter().map(|(key, pick)| view! { <Card key=*key report=report pick=*pick/> }).collect_view()}
            </div>
        </section>
    }
}

/// All the cards, in groups.
#[component]
pub fn KpiCards(report: RwSignal<Option<Arc<KpiReport>>>) -> impl IntoView {
    let x = t();
    view! {
        {group(x.volume, "kpi-volume", VOLUME, report)}
        {group(x.speed, "kpi-speed", SPEED, report)}
        {group(x.quality, "kpi-quality", QUALITY, report)}
        {group(x.service_levels, "kpi-sla", SLA, report)}
        {group(x.self_service, "kpi-satisfaction", SATISFACTION, report)}
        {group(x.effort, "kpi-effort", EFFORT, report)}
    }
}
