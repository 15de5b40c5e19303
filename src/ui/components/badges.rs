//! Priority, status and tier badges. Each carries text (and a symbol), never colour alone.

use leptos::prelude::*;

use crate::domain::model::{Priority, Status, Tier};
use crate::ui::labels;

#[component]
pub fn PriorityBadge(priority: Priority) -> impl IntoView {
    let symbol = match priority {
        Priority::Critical => "▲▲",
        Priority::High => "▲",
        Priority::Medium => "■",
        Priority::Low => "▼",
    };
    view! {
        <span class=format!("badge prio-{}", priority.as_str())>
            <span aria-hidden="true">{symbol}" "</span>{labels::priority(priority)}
        </span>
    }
}

#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    view! { <span class=format!("badge status-{}", status.as_str())>{labels::status(status)}</span> }
}

#[component]
pub fn TierBadge(tier: Tier) -> impl IntoView {
    view! { <span class=format!("badge tier tier-{}", tier.0) title=labels::tier_default_name(tier)>{labels::tier_short(tier)}</span> }
}
