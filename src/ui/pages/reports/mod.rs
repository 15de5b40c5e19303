//! Reports: the KPI dashboard (`#/reports`), the incident report of a ticket and everything
//! linked to it (`#/reports/incident/<id>`), and tiered support against swarming on simulated
//! tickets (`#/reports/compare`). All of it follows `desk.now`, so the demo clock drives it.

mod breakdown;
mod cards;
mod compare;
mod dash_charts;
mod dashboard;
pub mod incident;
mod kpi_words;
mod loader;
pub mod texts;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::humanize;
use crate::domain::kpi::{Rate, Stat};
use crate::ui::format;
use crate::ui::i18n::{lang, Lang};
use crate::ui::route::Route;

pub use compare::ComparePage;
pub use dashboard::DashboardPage;
pub use incident::IncidentPage;
use texts::t;

/// Shown for a figure counted over no tickets.
pub const DASH: &str = "—";

pub fn count(n: u64) -> String {
    format::number(n as f64, 0)
}

pub fn share(r: Option<f64>) -> String {
    r.map_or(DASH.into(), format::percent)
}

pub fn rate(r: &Rate) -> String {
    share(r.rate)
}

/// Minutes in words ("3 h 20 min"); "—" when there is nothing.
pub fn minutes(m: Option<f64>) -> String {
    m.filter(|x| x.is_finite()).map_or(DASH.into(), |x| humanize::minutes(x.round() as i64))
}

pub fn mean(s: &Stat) -> String {
    if s.n == 0 { DASH.into() } else { minutes(s.mean) }
}

pub fn median(s: &Stat) -> String {
    if s.n == 0 { DASH.into() } else { minutes(s.median) }
}

pub fn money(x: Option<f64>) -> String {
    x.filter(|x| x.is_finite()).map_or(DASH.into(), |x| format::number(x, 2))
}

/// A day of the desk (a date, no time zone conversion): "14 May", "14.05.", "5月14日".
pub fn day(d: NaiveDate) -> String {
    match lang() {
        Lang::En => d.format("%-d %b").to_string(),
        Lang::De => d.format("%d.%m.").to_string(),
        Lang::Zh => d.format("%-m月%-d日").to_string(),
    }
}

/// A day with its year.
pub fn long_day(d: NaiveDate) -> String {
    match lang() {
        Lang::En => d.format("%-d %b %Y").to_string(),
        Lang::De => d.format("%d.%m.%Y").to_string(),
        Lang::Zh => d.format("%Y年%-m月%-d日").to_string(),
    }
}

/// The links between the report pages.
#[component]
pub fn ReportsNav(current: Route) -> impl IntoView {
    let link = move |r: Route, label: &'static str| {
        let here = r == current;
        view! { <a href=r.href() class:active=here aria-current=here.then_some("page")>{label}</a> }
    };
    view! {
        <nav class="reports-nav no-print" aria-label=t().sections>
            {link(Route::Reports, t().dashboard)}
            {link(Route::CompareReport, t().compare)}
        </nav>
    }
}
