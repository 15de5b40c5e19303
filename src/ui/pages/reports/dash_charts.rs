//! The dashboard's charts, made from the report: volume and SLA compliance over time (one
//! bar or point per day, or per few days for long periods), backlog by age, and the tier
//! funnel.

use std::sync::Arc;

use leptos::prelude::*;

use super::cards::Help;
use super::texts::t;
use super::day;
use crate::domain::kpi::KpiReport;
use crate::domain::model::Tier;
use crate::domain::reports::chart::{bucket_days, Bucket};
use crate::ui::components::charts::{BarChart, ChartData, HBarChart, LineChart, Series};
use crate::ui::labels;

/// Most bars or points over time: a month of days fits.
const MAX_BARS: usize = 31;

fn buckets(r: &KpiReport) -> Vec<Bucket> {
    bucket_days(&r.daily, MAX_BARS)
}

fn bucket_label(b: &Bucket) -> String {
    if b.first == b.last {
        day(b.first)
    } else {
        format!("{}–{}", day(b.first), day(b.last))
    }
}

/// Days per bar (1 for up to a month).
fn days_per_bar(r: &KpiReport) -> usize {
    r.daily.len().div_ceil(MAX_BARS).max(1)
}

fn volume(r: &KpiReport) -> ChartData {
    let b = buckets(r);
    ChartData {
        categories: b.iter().map(bucket_label).collect(),
        series: vec![
            Series { name: t().created.into(), values: b.iter().map(|x| Some(x.created as f64)).collect() },
            Series { name: t().resolved.into(), values: b.iter().map(|x| Some(x.resolved as f64)).collect() },
        ],
    }
}

fn sla(r: &KpiReport) -> ChartData {
    let b = buckets(r);
    ChartData {
        categories: b.iter().map(bucket_label).collect(),
        series: vec![Series { name: t().compliance.into(), values: b.iter().map(Bucket::sla_rate).collect() }],
    }
}

fn ages(r: &KpiReport) -> ChartData {
    let a = &r.overall.backlog_age;
    let values = [a.under_1h, a.h1_to_4, a.h4_to_24, a.d1_to_3, a.d3_to_7, a.over_7d];
    ChartData {
        categories: t().ages.iter().map(|s| s.to_string()).collect(),
        series: vec![Series { name: t().tickets.into(), values: values.iter().map(|v| Some(*v as f64)).collect() }],
    }
}

fn funnel(r: &KpiReport) -> ChartData {
    let steps = &r.overall.funnel;
    ChartData {
        categories: (0..=4).map(|i| labels::tier(Tier(i))).collect(),
        series: vec![Series {
            name: t().tickets.into(),
            values: (0..=4u8).map(|i| Some(steps.iter().find(|s| s.tier == Tier(i)).map_or(0, |s| s.reached) as f64)).collect(),
        }],
    }
}

#[component]
pub fn DashCharts(report: RwSignal<Option<Arc<KpiReport>>>) -> impl IntoView {
    let data = move |f: fn(&KpiReport) -> ChartData| Signal::derive(move || report.with(|r| r.as_deref().map(f).unwrap_or_default()));
    let per = Memo::new(move |_| report.with(|r| r.as_deref().map_or(1, days_per_bar)));
    let x = t();
    let header = move || if per.get() > 1 { x.days } else { x.day };
    view! {
        <section class="report-charts">
            <div class="charts-layout">
                <div class="chart-cell">
                    <div class="chart-help"><Help key="daily" place="-volume"/></div>
                    {move || view! { <BarChart caption=Signal::derive(move || (t().volume_chart)(per.get())) header=header() data=data(volume)/> }}
                </div>
                <div class="chart-cell">
                    <div class="chart-help"><Help key="backlog_age"/></div>
                    <BarChart caption=Signal::derive(move || t().backlog_chart.to_string()) header=x.age data=data(ages) values_on_bars=true/>
                </div>
                <div class="chart-cell">
                    <div class="chart-help"><Help key="daily" place="-sla"/></div>
                    {move || view! { <LineChart caption=Signal::derive(move || (t().sla_chart)(per.get())) header=header() data=data(sla)/> }}
                </div>
                <div class="chart-cell">
                    <div class="chart-help"><Help key="funnel"/></div>
                    <HBarChart caption=Signal::derive(move || t().funnel_chart.to_string()) header=x.tier data=data(funnel)/>
                </div>
            </div>
        </section>
    }
}
