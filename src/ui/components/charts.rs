//! Plain SVG charts: grouped bars, lines and horizontal bars. Colours come from CSS classes
//! that use the theme variables (light and dark), the second series is hatched or dashed and
//! drawn with other point shapes (never colour alone), and every chart is a `<figure>` with a
//! caption and its numbers in a table behind "Show data", for screen readers and for anyone
//! who wants the exact values.
//!
//! The figure is drawn once; only the plot and the table follow `data`, so an open "Show
//! data" stays open when the numbers update.

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::prelude::*;

use crate::domain::reports::chart::{nice_max, ticks};
use crate::ui::format;
use crate::ui::i18n::lang;

/// One named row of values (one per category); `None` is "no value" (a gap in a line).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct ChartData {
    pub categories: Vec<String>,
    pub series: Vec<Series>,
}

impl ChartData {
    fn is_empty(&self) -> bool {
        self.categories.is_empty() || self.series.iter().all(|s| s.values.iter().all(Option::is_none))
    }
}

/// How values read in labels and the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Unit {
    #[default]
    Count,
    /// A share from 0 to 1, shown as a percentage.
    Share,
}

fn show(v: Option<f64>, unit: Unit) -> String {
    match (v, unit) {
        (None, _) => "—".into(),
        (Some(x), Unit::Count) => format::number(x, 0),
        (Some(x), Unit::Share) => format::percent(x),
    }
}

static NEXT: AtomicU32 = AtomicU32::new(0);

/// An id prefix unique on the page (patterns and captions are referenced by id).
fn uid() -> String {
    format!("chart{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

const W: f64 = 640.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 18.0;
const PLOT_H: f64 = 190.0;
const BOTTOM: f64 = 40.0;

fn px(x: f64) -> String {
    format!("{x:.1}")
}

fn words() -> (&'static str, &'static str) {
    let l = lang();
    (l.pick("Show data", "Daten anzeigen", "显示数据"), l.pick("No data for this period.", "Keine Daten für diesen Zeitraum.", "此期间没有数据。"))
}

/// Which categories get an x label: at most about a dozen, always the last.
fn label_every(n: usize) -> usize {
    n.div_ceil(12).max(1)
}

fn y_of(v: f64, top: f64) -> f64 {
    TOP + PLOT_H - (v / top).clamp(0.0, 1.0) * PLOT_H
}

/// Grid lines and y labels for `ticks`, scaled to `top`.
fn grid(tick_values: Vec<f64>, top: f64, unit: Unit) -> impl IntoView {
    tick_values
        .into_iter()
        .map(|t| {
            let y = px(y_of(t, top));
            view! {
                <line class="chart-grid" x1=px(LEFT) x2=px(W - RIGHT) y1=y.clone() y2=y.clone()/>
                <text class="chart-tick" x=px(LEFT - 6.0) y=y dy="4" text-anchor="end">{show(Some(t), unit)}</text>
            }
        })
        .collect_view()
}

fn x_labels(categories: &[String], center: impl Fn(usize) -> f64) -> impl IntoView {
    let n = categories.len();
    let every = label_every(n);
    categories
        .iter()
        .enumerate()
        .filter(|(i, _)| (n - 1 - i).is_multiple_of(every))
        .map(|(i, c)| {
            view! { <text class="chart-tick" x=px(center(i)) y=px(TOP + PLOT_H + 18.0) text-anchor="middle">{c.clone()}</text> }
        })
        .collect_view()
}

/// The hatch pattern of the second series.
fn hatch(id: &str) -> impl IntoView {
    view! {
        <defs>
            <pattern id=id.to_string() patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                <rect class="hatch-bg" width="6" height="6"/>
                <line class="hatch-line" x1="0" y1="0" x2="0" y2="6"/>
            </pattern>
        </defs>
    }
}

/// The legend: a swatch drawn like the series, then its name.
fn legend(names: Vec<String>, pattern: String, line: bool) -> impl IntoView {
    view! {
        <ul class="chart-legend">
            {names.into_iter().enumerate().map(|(i, name)| {
                let fill = (i == 1 && !line).then(|| format!("url(#{pattern})"));
                view! {
                    <li>
                        <svg class="swatch" width="28" height="14" viewBox="0 0 28 14" aria-hidden="true">
                            {if line {
                                view! { <line class=format!("line s{i}") x1="1" y1="7" x2="27" y2="7"/>{point(i, 14.0, 7.0)}<g></g> }.into_any()
                            } else {
                                view! { <rect class=format!("bar s{i}") x="7" y="1" width="14" height="12" fill=fill/> }.into_any()
                            }}
                        </svg>
                        <span>{name}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// A point of series `i`: a circle for the first, a square for the second.
fn point(i: usize, x: f64, y: f64) -> impl IntoView {
    if i == 0 {
        view! { <circle class="point s0" cx=px(x) cy=px(y) r="3.5"/> }.into_any()
    } else {
        view! { <rect class=format!("point s{i}") x=px(x - 3.5) y=px(y - 3.5) width="7" height="7"/> }.into_any()
    }
}

/// The numbers behind a chart.
fn data_table(caption: Signal<String>, header: &'static str, data: Signal<ChartData>, unit: Unit) -> impl IntoView {
    let (show_data, _) = words();
    view! {
        <details class="chart-data">
            <summary>{show_data}</summary>
            <table class="data-table">
                <caption class="sr-only">{move || caption.get()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{header}</th>
                        {move || data.with(|d| d.series.iter().map(|s| view! { <th scope="col">{s.name.clone()}</th> }).collect_view())}
                    </tr>
                </thead>
                <tbody>
                    {move || data.with(|d| d.categories.iter().enumerate().map(|(i, c)| view! {
                        <tr>
                            <th scope="row">{c.clone()}</th>
                            {d.series.iter().map(|s| view! { <td>{show(s.values.get(i).copied().flatten(), unit)}</td> }).collect_view()}
                        </tr>
                    }).collect_view())}
                </tbody>
            </table>
        </details>
    }
}

fn figure(class: &'static str, caption: Signal<String>, plot: impl IntoView + 'static, table: impl IntoView + 'static, legend: impl IntoView + 'static) -> impl IntoView {
    let id = uid();
    view! {
        <figure class=format!("chart {class}") aria-labelledby=id.clone()>
            <figcaption id=id.clone()>{move || caption.get()}</figcaption>
            {plot}
            {legend}
            {table}
        </figure>
    }
}

/// Grouped vertical bars; the second series is hatched. `values_on_bars` writes each value
/// above its bar (for a few categories).
#[component]
pub fn BarChart(
    caption: Signal<String>,
    /// Header of the categories' column in the data table.
    header: &'static str,
    data: Signal<ChartData>,
    #[prop(optional)] values_on_bars: bool,
) -> impl IntoView {
    let pattern = uid();
    let pat = pattern.clone();
    let (_, no_data) = words();
    let plot = move || {
        data.with(|d| {
            if d.is_empty() {
                return view! { <p class="chart-empty muted">{no_data}</p> }.into_any();
            }
            let n = d.categories.len();
            let k = d.series.len().max(1);
            let max = d.series.iter().flat_map(|s| s.values.iter().flatten()).fold(0.0f64, |a, b| a.max(*b));
            let top = nice_max(max);
            let group = (W - LEFT - RIGHT) / n as f64;
            let bar = group * 0.72 / k as f64;
            let center = move |i: usize| LEFT + group * (i as f64 + 0.5);
            let bars = d.series.iter().enumerate().flat_map(|(si, s)| {
                let fill = (si == 1).then(|| format!("url(#{pat})"));
                s.values.iter().enumerate().filter_map(move |(i, v)| {
                    let v = (*v)?;
                    let x = LEFT + group * i as f64 + group * 0.14 + bar * si as f64;
                    let y = y_of(v, top);
                    let h = (TOP + PLOT_H - y).max(0.0);
                    let label = values_on_bars.then(|| view! {
                        <text class="chart-value" x=px(x + bar / 2.0) y=px(y - 4.0) text-anchor="middle">{show(Some(v), Unit::Count)}</text>
                    });
                    Some(view! {
                        <rect class=format!("bar s{si}") x=px(x) y=px(y) width=px(bar.max(1.0)) height=px(h) fill=fill.clone()/>
                        {label}
                    })
                })
            }).collect_view();
            view! {
                <svg class="chart-svg" viewBox=format!("0 0 {W} {}", TOP + PLOT_H + BOTTOM) role="presentation" aria-hidden="true" focusable="false">
                    {hatch(&pat)}
                    {grid(ticks(max), top, Unit::Count)}
                    {bars}
                    <line class="chart-axis" x1=px(LEFT) x2=px(W - RIGHT) y1=px(TOP + PLOT_H) y2=px(TOP + PLOT_H)/>
                    {x_labels(&d.categories, center)}
                </svg>
            }
            .into_any()
        })
    };
    let names = move || data.with(|d| d.series.iter().map(|s| s.name.clone()).collect::<Vec<_>>());
    let legend_view = move || {
        let n = names();
        (n.len() > 1).then(|| legend(n, pattern.clone(), false))
    };
    figure("bar-chart", caption, plot, data_table(caption, header, data, Unit::Count), legend_view)
}

/// Lines of shares (0 to 1) over the categories, with a gap where a value is missing; the
/// second series is dashed with square points.
#[component]
pub fn LineChart(caption: Signal<String>, header: &'static str, data: Signal<ChartData>) -> impl IntoView {
    let (_, no_data) = words();
    let plot = move || {
        data.with(|d| {
            if d.is_empty() {
                return view! { <p class="chart-empty muted">{no_data}</p> }.into_any();
            }
            let n = d.categories.len();
            let step = (W - LEFT - RIGHT) / n as f64;
            let center = move |i: usize| LEFT + step * (i as f64 + 0.5);
            let few = n <= 14;
            let lines = d.series.iter().enumerate().map(|(si, s)| {
                let mut path = String::new();
                let mut pen_down = false;
                for (i, v) in s.values.iter().enumerate() {
                    match v {
                        Some(v) => {
                            path.push_str(&format!("{}{} {} ", if pen_down { "L" } else { "M" }, px(center(i)), px(y_of(*v, 1.0))));
                            pen_down = true;
                        }
                        None => pen_down = false,
                    }
                }
                let points = s.values.iter().enumerate().filter_map(|(i, v)| {
                    let v = (*v)?;
                    let (x, y) = (center(i), y_of(v, 1.0));
                    let label = (few && si == 0).then(|| view! {
                        <text class="chart-value" x=px(x) y=px(y - 8.0) text-anchor="middle">{show(Some(v), Unit::Share)}</text>
                    });
                    Some(view! { {point(si, x, y)}{label} })
                }).collect_view();
                view! { <path class=format!("line s{si}") d=path/>{points} }
            }).collect_view();
            view! {
                <svg class="chart-svg" viewBox=format!("0 0 {W} {}", TOP + PLOT_H + BOTTOM) role="presentation" aria-hidden="true" focusable="false">
                    {grid(vec![0.0, 0.25, 0.5, 0.75, 1.0], 1.0, Unit::Share)}
                    {lines}
                    <line class="chart-axis" x1=px(LEFT) x2=px(W - RIGHT) y1=px(TOP + PLOT_H) y2=px(TOP + PLOT_H)/>
                    {x_labels(&d.categories, center)}
                </svg>
            }
            .into_any()
        })
    };
    let legend_view = move || {
        let n = data.with(|d| d.series.iter().map(|s| s.name.clone()).collect::<Vec<_>>());
        (n.len() > 1).then(|| legend(n, String::new(), true))
    };
    figure("line-chart", caption, plot, data_table(caption, header, data, Unit::Share), legend_view)
}

/// One horizontal bar per category with its label on the left and its value at the end: a
/// funnel when the categories are steps. Reads the first series.
#[component]
pub fn HBarChart(caption: Signal<String>, header: &'static str, data: Signal<ChartData>) -> impl IntoView {
    let (_, no_data) = words();
    const LABEL_W: f64 = 110.0;
    const ROW: f64 = 30.0;
    let plot = move || {
        data.with(|d| {
            let Some(s) = d.series.first().filter(|_| !d.is_empty()) else {
                return view! { <p class="chart-empty muted">{no_data}</p> }.into_any();
            };
            let max = s.values.iter().flatten().fold(0.0f64, |a, b| a.max(*b)).max(1.0);
            let width = W - LABEL_W - RIGHT - 50.0;
            let rows = d.categories.iter().enumerate().map(|(i, c)| {
                let v = s.values.get(i).copied().flatten().unwrap_or(0.0);
                let y = 8.0 + ROW * i as f64;
                let w = (v / max * width).max(if v > 0.0 { 2.0 } else { 0.0 });
                view! {
                    <text class="chart-label" x=px(LABEL_W - 8.0) y=px(y + ROW / 2.0) dy="4" text-anchor="end">{c.clone()}</text>
                    <rect class="bar s0" x=px(LABEL_W) y=px(y + 4.0) width=px(w) height=px(ROW - 8.0)/>
                    <text class="chart-value" x=px(LABEL_W + w + 6.0) y=px(y + ROW / 2.0) dy="4">{show(Some(v), Unit::Count)}</text>
                }
            }).collect_view();
            let h = 16.0 + ROW * d.categories.len() as f64;
            view! {
                <svg class="chart-svg" viewBox=format!("0 0 {W} {h}") role="presentation" aria-hidden="true" focusable="false">
                    {rows}
                </svg>
            }
            .into_any()
        })
    };
    figure("hbar-chart", caption, plot, data_table(caption, header, data, Unit::Count), ())
}
