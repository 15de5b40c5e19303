//! The breakdown table: the main figures per tier, group, agent, category or priority, each
//! ticket grouped by its value at the end of the period (see the "breakdowns" explanation).

use std::sync::Arc;

use leptos::prelude::*;

use super::texts::t;
use super::{count, mean, minutes, money, rate};
use crate::domain::desk::DeskConfig;
use crate::domain::kpi::{KpiReport, Kpis, NONE_KEY};
use crate::domain::reports::compare::sla_overall;
use crate::ui::format;
use crate::ui::labels;
use crate::ui::state::use_desk;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dim {
    Overall,
    Tier,
    Group,
    Agent,
    Category,
    Priority,
}

impl Dim {
    pub const ALL: [Dim; 6] = [Dim::Overall, Dim::Tier, Dim::Group, Dim::Agent, Dim::Category, Dim::Priority];

    pub fn as_str(self) -> &'static str {
        match self {
            Dim::Overall => "overall",
            Dim::Tier => "tier",
            Dim::Group => "group",
            Dim::Agent => "agent",
            Dim::Category => "category",
            Dim::Priority => "priority",
        }
    }

    pub fn parse(s: &str) -> Option<Dim> {
        Dim::ALL.into_iter().find(|d| d.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        let x = t();
        match self {
            Dim::Overall => x.overall,
            Dim::Tier => x.per_tier,
            Dim::Group => x.per_group,
            Dim::Agent => x.per_agent,
            Dim::Category => x.per_category,
            Dim::Priority => x.per_priority,
        }
    }
}

fn name_or_none(key: &str, f: impl FnOnce(&str) -> String) -> String {
    if key == NONE_KEY { t().none.to_string() } else { f(key) }
}

/// The rows of one breakdown: the group's name and its figures.
fn rows(r: &KpiReport, dim: Dim, cfg: &DeskConfig) -> Vec<(String, Kpis)> {
    let named = |m: &std::collections::BTreeMap<String, Kpis>, f: &dyn Fn(&str) -> String| {
        m.iter().map(|(k, v)| (name_or_none(k, f), v.clone())).collect::<Vec<_>>()
    };
    match dim {
        Dim::Overall => vec![(t().overall.to_string(), r.overall.clone())],
        Dim::Tier => r.by_tier.iter().map(|(k, v)| (format!("{} · {}", labels::tier(*k), cfg.tier_name(*k)), v.clone())).collect(),
        Dim::Group => named(&r.by_group, &|g| cfg.groups.iter().find(|x| x.id == g).map_or(g.to_string(), |x| x.name.clone())),
        Dim::Agent => named(&r.by_agent, &|a| cfg.agent_name(a)),
        Dim::Category => named(&r.by_category, &|c| c.to_string()),
        Dim::Priority => r.by_priority.iter().map(|(k, v)| (labels::priority(*k).to_string(), v.clone())).collect(),
    }
}

fn cells(k: &Kpis) -> Vec<String> {
    vec![
        count(k.created),
        count(k.resolved),
        count(k.backlog),
        mean(&k.first_response),
        mean(&k.time_to_resolve),
        rate(&k.first_contact_resolution),
        rate(&k.escalation),
        rate(&sla_overall(k)),
        k.csat.average.map_or(super::DASH.into(), |a| format::number(a, 1)),
        minutes(Some(k.time_spent_minutes as f64)),
        money(k.cost_per_ticket),
    ]
}

#[component]
pub fn Breakdown(report: RwSignal<Option<Arc<KpiReport>>>, dim: RwSignal<Dim>) -> impl IntoView {
    let desk = use_desk();
    let x = t();
    let heads = [
        x.col_in, x.col_out, x.col_backlog, x.col_first_response, x.col_resolve, x.col_fcr, x.col_escalation, x.col_sla, x.col_csat,
        x.col_time, x.col_cost,
    ];
    move || {
        let d = dim.get();
        if d == Dim::Overall {
            return None;
        }
        let list = report.with(|r| r.as_deref().map(|r| desk.config.with(|c| rows(r, d, c))))?;
        let caption = d.label();
        Some(view! {
            <section class="breakdown" aria-labelledby="breakdown-heading">
                <h2 id="breakdown-heading">{caption}</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
                    <table class="data-table breakdown-table" data-dim=d.as_str()>
                        <thead>
                            <tr>
                                <th scope="col">{d.label()}</th>
                                {heads.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().map(|(name, k)| view! {
                                <tr>
                                    <th scope="row">{name}</th>
                                    {cells(&k).into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        })
    }
}
