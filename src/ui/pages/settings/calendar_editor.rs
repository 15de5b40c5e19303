//! One calendar being edited: name, time zone, hours per weekday, holidays, and whether it
//! is open at the desk clock's now.

use chrono::NaiveDate;
use crate::domain::tz::Tz;
use leptos::prelude::*;

use super::form::{format_ranges, parse_ranges, uid, FieldError, Form};
use crate::domain::desk::{Calendar, Holiday};
use crate::ui::labels;
use crate::ui::state::use_desk;

use super::texts::calendars::t;

/// Zones offered while typing; any IANA name is accepted.
pub const COMMON_ZONES: &[&str] = &[
    "UTC", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Europe/Madrid",
    "Europe/Rome", "Europe/Amsterdam", "Europe/Zurich", "Europe/Vienna", "Europe/Stockholm", "Europe/Warsaw",
    "Europe/Athens", "Europe/Helsinki", "Europe/Istanbul", "Europe/Kyiv", "Africa/Cairo", "Africa/Lagos",
    "Africa/Johannesburg", "Africa/Nairobi", "Asia/Dubai", "Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka",
    "Asia/Bangkok", "Asia/Singapore", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Tokyo", "Asia/Seoul",
    "Australia/Perth", "Australia/Sydney", "Pacific/Auckland", "America/St_Johns", "America/Halifax",
    "America/New_York", "America/Toronto", "America/Chicago", "America/Mexico_City", "America/Denver",
    "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Bogota",
    "America/Lima", "America/Santiago", "America/Sao_Paulo", "America/Argentina/Buenos_Aires",
];

#[derive(Clone, Copy)]
pub struct HolidayRow {
    key: u64,
    date: RwSignal<String>,
    yearly: RwSignal<bool>,
    name: RwSignal<String>,
}

impl HolidayRow {
    fn of(h: Option<&Holiday>) -> HolidayRow {
        HolidayRow {
            key: uid(),
            date: RwSignal::new(h.map(|h| h.date.to_string()).unwrap_or_default()),
            yearly: RwSignal::new(h.is_some_and(|h| h.yearly)),
            name: RwSignal::new(h.map(|h| h.name.clone()).unwrap_or_default()),
        }
    }
}

/// A calendar as text fields; `id` is fixed once made.
#[derive(Clone)]
pub struct CalDraft {
    pub key: u64,
    pub id: String,
    pub name: RwSignal<String>,
    pub tz: RwSignal<String>,
    pub days: [RwSignal<String>; 7],
    pub holidays: RwSignal<Vec<HolidayRow>>,
}

impl CalDraft {
    pub fn of(c: &Calendar) -> CalDraft {
        CalDraft {
            key: uid(),
            id: c.id.clone(),
            name: RwSignal::new(c.name.clone()),
            tz: RwSignal::new(c.tz.clone()),
            days: std::array::from_fn(|d| RwSignal::new(format_ranges(&c.week[d]))),
            holidays: RwSignal::new(c.holidays.iter().map(|h| HolidayRow::of(Some(h))).collect()),
        }
    }

    /// The calendar the fields describe; fields that cannot be read are reported at
    /// `calendars[i].…` and left out.
    pub fn build(&self, i: usize, local: &mut Vec<(String, String)>) -> Calendar {
        let week = std::array::from_fn(|d| match parse_ranges(&self.days[d].get_untracked()) {
            Ok(r) => r,
            Err(e) => {
                local.push((format!("calendars[{i}].week[{d}]"), e));
                vec![]
            }
        });
        let mut holidays = vec![];
        for (j, h) in self.holidays.get_untracked().iter().enumerate() {
            let text = h.date.get_untracked();
            match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
                Ok(date) => holidays.push(Holiday { date, yearly: h.yearly.get_untracked(), name: h.name.get_untracked().trim().to_string() }),
                Err(_) => local.push((format!("calendars[{i}].holidays[{j}].date"), (t().bad_date)(&text))),
            }
        }
        Calendar { id: self.id.clone(), name: self.name.get_untracked().trim().to_string(), tz: self.tz.get_untracked().trim().to_string(), week, holidays }
    }

    /// The calendar if every field is sound (reactive: reads the fields tracked).
    pub fn sound(&self) -> Option<Calendar> {
        self.days.iter().for_each(|d| d.track());
        self.tz.track();
        self.holidays.with(|hs| hs.iter().for_each(|h| h.date.track()));
        let mut local = vec![];
        let c = self.build(0, &mut local);
        (local.is_empty() && c.validate().is_ok()).then_some(c)
    }
}

/// "✔ Open now" / "✖ Closed now" at the desk clock, for a draft.
pub fn open_text(d: &CalDraft, now: crate::domain::model::Time) -> &'static str {
    match d.sound() {
        Some(c) if c.is_open(now) => t().open_now,
        Some(_) => t().closed_now,
        None => t().fix_first,
    }
}

#[component]
pub fn CalendarEditor(draft: CalDraft, index: Signal<usize>, form: Form, on_remove: impl Fn(u64) + Send + Sync + Copy + 'static) -> impl IntoView {
    let desk = use_desk();
    let k = draft.key;
    let (name, tz, days, holidays) = (draft.name, draft.tz, draft.days, draft.holidays);
    let cal_id = draft.id.clone();
    let at = move |f: String| Signal::derive(move || format!("calendars[{}]{f}", index.get()));
    let id = move |f: &str| format!("cal{k}-{f}");
    let local_time = move || {
        let now = desk.now.get();
        let tz = tz.get();
        match tz.trim().parse::<Tz>() {
            Ok(z) => (t().local_time)(&crate::ui::format::clock_at(now.with_timezone(&z), false)),
            Err(_) => t().bad_zone.to_string(),
        }
    };
    let open_now = move || open_text(&draft, desk.now.get());
    view! {
        <div class="calendar-editor">
            <div class="section-head">
                <h3>{move || name.get()}</h3>
                <button type="button" on:click=move |_| on_remove(k)>{t().remove_calendar}</button>
            </div>
            <p class="open-now" aria-live="polite"><strong>{open_now}</strong>" · "{local_time}</p>
            <FieldError form=form path=at(String::new()) exact=true/>
            <FieldError form=form path=at(".id".into())/>
            <div class="row">
                <div>
                    <label for=id("name")>{t().name}</label>
                    <input id=id("name") bind:value=name />
                    <FieldError form=form path=at(".name".into())/>
                </div>
                <div>
                    <label for=id("tz")>{t().time_zone}</label>
                    <input id=id("tz") list="tz-list" autocomplete="off" spellcheck="false" bind:value=tz />
                    <FieldError form=form path=at(".tz".into())/>
                </div>
            </div>
            <p class="muted small">{t().id}<code>{cal_id}</code>{t().id_note}</p>
            <fieldset class="week">
                <legend>{t().weekly}</legend>
                <p class="hint-text" id=id("hours-help")>{t().hours_help}</p>
                {(0..7).map(|n| {
                    let hours = days[n];
                    view! {
                        <div class="day-row">
                            <label for=id(&format!("day{n}"))>{labels::weekday(n)}</label>
                            <input id=id(&format!("day{n}")) bind:value=hours placeholder=super::texts::shell::t().closed aria-describedby=id("hours-help") />
                            <FieldError form=form path=at(format!(".week[{n}]"))/>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset class="holidays">
                <legend>{t().holidays}</legend>
                <Show when=move || holidays.with(|h| h.is_empty())>
                    <p class="muted">{t().no_holidays}</p>
                </Show>
                <For each=move || holidays.get() key=|h| h.key let:h>
                    {
                        let hk = h.key;
                        let j = move || holidays.with(|hs| hs.iter().position(|x| x.key == hk).unwrap_or(0));
                        view! {
                            <div class="holiday-row">
                                <input type="date" aria-label=move || (t().holiday_date)(j() + 1) bind:value=h.date />
                                <label class="check-line"><input type="checkbox" bind:checked=h.yearly />{t().every_year}</label>
                                <input aria-label=move || (t().holiday_name)(j() + 1) placeholder=t().holiday_placeholder bind:value=h.name />
                                <button type="button" aria-label=move || (t().remove_holiday)(j() + 1)
                                    on:click=move |_| holidays.update(|hs| hs.retain(|x| x.key != hk))>{t().remove}</button>
                                <FieldError form=form path=Signal::derive(move || format!("calendars[{}].holidays[{}]", index.get(), j()))/>
                            </div>
                        }
                    }
                </For>
                <button type="button" on:click=move |_| holidays.update(|hs| hs.push(HolidayRow::of(None)))>{t().add_holiday}</button>
            </fieldset>
        </div>
    }
}
