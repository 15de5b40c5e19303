//! A long job on the page: its progress bar (role=progressbar) and its Cancel button.

use leptos::prelude::*;

use super::texts::t;

#[derive(Clone, Copy)]
pub struct Job {
    pub running: RwSignal<bool>,
    pub label: RwSignal<String>,
    /// Done in thousandths; `None` while the size of the work is unknown.
    pub permille: RwSignal<Option<u32>>,
    cancel: RwSignal<bool>,
    /// What Cancel means at this point ("nothing was written" or "the file stays").
    pub cancel_note: RwSignal<&'static str>,
}

impl Job {
    pub fn new() -> Job {
        Job {
            running: RwSignal::new(false),
            label: RwSignal::new(String::new()),
            permille: RwSignal::new(None),
            cancel: RwSignal::new(false),
            cancel_note: RwSignal::new(""),
        }
    }

    pub fn start(&self, label: impl Into<String>) {
        self.cancel.set(false);
        self.running.set(true);
        self.step(label);
    }

    /// A step of unknown length (reading a file, deriving a key).
    pub fn step(&self, label: impl Into<String>) {
        self.label.set(label.into());
        self.permille.set(None);
    }

    pub fn show(&self, label: impl Into<String>, done: usize, total: usize) {
        self.label.set(label.into());
        self.permille.set(Some(permille(done as f64, total as f64)));
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.get_untracked()
    }

    pub fn finish(&self) {
        self.running.set(false);
    }
}

pub fn permille(done: f64, total: f64) -> u32 {
    if total <= 0.0 {
        return 1000;
    }
    ((done / total).clamp(0.0, 1.0) * 1000.0).round() as u32
}

/// The bar, its text and Cancel, while the job runs.
#[component]
pub fn Progress(job: Job, name: &'static str) -> impl IntoView {
    let percent = move || job.permille.get().map(|p| p / 10);
    view! {
        <Show when=move || job.running.get()>
            <div class="backup-progress">
                <div class="bk-bar" role="progressbar" aria-label=name aria-valuemin="0" aria-valuemax="100"
                    aria-valuenow=move || percent().map(|p| p.to_string())
                    aria-valuetext=move || job.label.get()
                    class:bk-indeterminate=move || percent().is_none()>
                    <div class="bk-fill" style:width=move || format!("{}%", percent().unwrap_or(100))></div>
                </div>
                <p class="bk-progress-text" aria-live="polite">
                    {move || job.label.get()}
                    {move || percent().map(|p| format!(" — {}", crate::ui::format::percent(f64::from(p) / 100.0)))}
                </p>
                <button type="button" disabled=move || job.cancel.get()
                    on:click=move |_| job.cancel.set(true)>{t().cancel}</button>
                <span class="muted bk-small">{move || job.cancel_note.get()}</span>
            </div>
        </Show>
    }
}

/// Problems with their JSON path (or CSV row and column), in a scrollable list.
#[component]
pub fn ProblemList(problems: Vec<crate::domain::backup::Problem>, title: String) -> impl IntoView {
    let n = problems.len();
    view! {
        <div class="bk-problems" role="alert">
            <h3>{title}</h3>
            <p>{(t().problem_count)(n)}</p>
            <ol class="bk-problem-list" tabindex="0" aria-label=t().problems_label>
                {problems
                    .into_iter()
                    .map(|p| view! { <li><code class="bk-path">{p.path}</code>" "<span>{p.message}</span></li> })
                    .collect_view()}
            </ol>
        </div>
    }
}
