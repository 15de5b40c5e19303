//! Calendars: when the desk, a tier or an agent works. A list on the left (with "open now?"),
//! the chosen calendar's editor on the right; new ones start from a preset.

use leptos::prelude::*;

use super::calendar_editor::{open_text, CalDraft, CalendarEditor, COMMON_ZONES};
use super::form::{is_admin, save, AdminNote, Form, ProblemList, SaveBar};
use crate::domain::desk::{Calendar, DeskConfig};
use crate::ui::labels;
use crate::ui::state::use_desk;

use super::texts::calendars::t;

fn drafts_of(cfg: &DeskConfig) -> Vec<CalDraft> {
    cfg.calendars.iter().map(CalDraft::of).collect()
}

/// Where a calendar id is used, in words; empty when nothing uses it.
fn uses(cfg: &DeskConfig, id: &str) -> Vec<String> {
    let mut out = vec![];
    if cfg.general.default_calendar == id {
        out.push(t().default_use.to_string());
    }
    out.extend(cfg.tiers.iter().filter(|tc| tc.calendar == id).map(|tc| labels::tier(tc.tier)));
    out.extend(cfg.policies.iter().filter(|p| p.calendar == id).map(|p| (t().policy_use)(&p.name)));
    out.extend(cfg.agents.iter().filter(|a| a.calendar.as_deref() == Some(id)).map(|a| (t().agent_use)(&a.name)));
    out
}

/// Keys of the presets a new calendar starts from; `texts::calendars` names them.
const PRESETS: [&str; 3] = ["24x7", "12x5", "8x5"];

#[component]
pub fn Calendars() -> impl IntoView {
    let desk = use_desk();
    let form = Form::new();
    let drafts = RwSignal::new(desk.config.with_untracked(drafts_of));
    let selected = RwSignal::new(drafts.with_untracked(|d| d.first().map(|c| c.key).unwrap_or(0)));
    let preset = RwSignal::new("8x5".to_string());
    let remove_msg = RwSignal::new(None::<String>);

    let index_of = move |key: u64| drafts.with(|d| d.iter().position(|c| c.key == key).unwrap_or(0));
    let add = move |_| {
        let kind = preset.get_untracked();
        let taken = |c: &str| drafts.with_untracked(|d| d.iter().any(|x| x.id == c));
        let id = super::form::unique_id(&kind, taken);
        let tz = desk.config.with_untracked(|c| c.calendar(&c.general.default_calendar).map_or("UTC".to_string(), |k| k.tz.clone()));
        let cal = match kind.as_str() {
            "24x7" => Calendar::preset_24_7(&id, &tz),
            "12x5" => Calendar::preset_12_5(&id, &tz),
            _ => Calendar::preset_8_5(&id, &tz),
        };
        let d = CalDraft::of(&cal);
        selected.set(d.key);
        form.clear();
        remove_msg.set(None);
        drafts.update(|v| v.push(d));
    };
    let on_remove = move |key: u64| {
        let Some(id) = drafts.with_untracked(|d| d.iter().find(|c| c.key == key).map(|c| c.id.clone())) else { return };
        let used = desk.config.with_untracked(|c| uses(c, &id));
        if !used.is_empty() {
            remove_msg.set(Some((t().in_use)(&id, &used.join(", "))));
            return;
        }
        remove_msg.set(None);
        form.clear();
        drafts.update(|d| d.retain(|c| c.key != key));
        selected.set(drafts.with_untracked(|d| d.first().map(|c| c.key).unwrap_or(0)));
    };
    let on_save = move || {
        let list = drafts.get_untracked();
        remove_msg.set(None);
        save(
            desk,
            form,
            t().saved,
            |cfg, local| {
                cfg.calendars = list.iter().enumerate().map(|(i, d)| d.build(i, local)).collect();
                // A calendar's check stops at its first problem, and the time zone comes
                // first: check the hours as if in UTC so both show in one go.
                for (i, c) in cfg.calendars.iter().enumerate() {
                    if c.tz.trim().parse::<crate::domain::tz::Tz>().is_err() {
                        let utc = Calendar { tz: "UTC".into(), ..c.clone() };
                        if let Err(e) = utc.validate() {
                            local.push((format!("calendars[{i}]"), e));
                        }
                    }
                }
            },
            |_| {},
        );
    };
    let on_discard = move || {
        remove_msg.set(None);
        let fresh = desk.config.with_untracked(drafts_of);
        let keep = drafts.with_untracked(|d| d.iter().position(|c| c.key == selected.get_untracked())).unwrap_or(0);
        selected.set(fresh.get(keep).or(fresh.first()).map(|c| c.key).unwrap_or(0));
        drafts.set(fresh);
    };

    view! {
        <h2>{t().title}</h2>
        <p class="hint-text">{t().intro}</p>
        <AdminNote/>
        <ProblemList form=form/>
        <datalist id="tz-list">
            {COMMON_ZONES.iter().map(|z| view! { <option value=*z></option> }).collect_view()}
        </datalist>
        <fieldset class="plain" disabled=move || !is_admin(desk)>
            <legend class="sr-only">{t().title}</legend>
            <div class="calendars-layout">
                <div class="calendar-list">
                    <ul aria-label=t().title>
                        <For each=move || drafts.get() key=|d| d.key let:d>
                            {
                                let key = d.key;
                                let name = d.name;
                                let d2 = d.clone();
                                view! {
                                    <li>
                                        <button type="button" class="calendar-pick" class:active=move || selected.get() == key
                                            aria-pressed=move || (selected.get() == key).to_string()
                                            on:click=move |_| selected.set(key)>
                                            <span class="cal-name">{move || name.get()}</span>
                                            <span class="cal-open">{move || open_text(&d2, desk.now.get())}</span>
                                        </button>
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                    <label for="cal-preset">{t().new_from}</label>
                    <select id="cal-preset" on:change=move |ev| preset.set(event_target_value(&ev))>
                        {PRESETS.iter().zip(t().presets).map(|(k, label)| view! { <option value=*k prop:selected=move || preset.get() == *k>{label}</option> }).collect_view()}
                    </select>
                    <button type="button" on:click=add>{t().add}</button>
                </div>
                <div class="calendar-main">
                    {move || remove_msg.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    <For each=move || drafts.get() key=|d| d.key let:d>
                        {
                            let key = d.key;
                            view! {
                                <div hidden=move || selected.get() != key>
                                    <CalendarEditor draft=d index=Signal::derive(move || index_of(key)) form=form on_remove=on_remove/>
                                </div>
                            }
                        }
                    </For>
                </div>
            </div>
            <SaveBar form=form label=t().save on_save=on_save on_discard=on_discard/>
        </fieldset>
    }
}
