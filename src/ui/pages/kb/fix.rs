//! "Articles to fix": read often but rated unhelpful, and linked most from tickets.

use leptos::prelude::*;

use super::state::use_kb;
use super::texts::t;
use super::widgets::{AudienceBadge, KbNav, Tab, WhenLoaded};
use crate::domain::kb::{least_helpful, most_linked};
use crate::ui::format;
use crate::ui::route::{KbRoute, Route};
use crate::ui::state::use_desk;

/// Rows per list.
const TOP: usize = 15;

#[component]
pub fn FixPage() -> impl IntoView {
    view! {
        <section class="page kb-page kb-fix-page">
            <h1>{t().tab_fix}</h1>
            <KbNav tab=Tab::Fix/>
            <p class="kb-intro">{t().fix_intro}</p>
            <WhenLoaded><Lists/></WhenLoaded>
        </section>
    }
}

#[component]
fn Lists() -> impl IntoView {
    let kb = use_kb();
    let desk = use_desk();
    let unhelpful = Memo::new(move |_| kb.articles.with(|l| least_helpful(l, TOP)));
    let counts = LocalResource::new(move || {
        desk.revision.track();
        let db = kb.db();
        async move { db.article_link_counts().await }
    });
    let link = move |id: &str| {
        let title = kb.title_of(id).unwrap_or_else(|| (t().deleted_article)(id));
        view! { <a href=Route::Kb(KbRoute::Article(id.to_string())).href()>{title}</a> }
    };
    view! {
        <h2 id="kb-unhelpful">{t().unhelpful_heading}</h2>
        {move || {
            let rows = unhelpful.get();
            if rows.is_empty() {
                return view! { <p class="empty">{t().nothing_to_fix}</p> }.into_any();
            }
            view! {
                <table class="tickets kb-fix" aria-labelledby="kb-unhelpful">
                    <thead><tr>
                        <th scope="col">{t().col_article}</th>
                        <th scope="col" class="num">{t().views}</th>
                        <th scope="col" class="num">{t().helpful}</th>
                        <th scope="col" class="num">{t().col_unhappy}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| {
                            let share = if r.yes + r.no == 0 { "—".to_string() } else { format::percent(r.yes as f64 / (r.yes + r.no) as f64) };
                            view! {
                                <tr data-id=r.id.clone()>
                                    <td class="subject">{link(&r.id)}</td>
                                    <td class="num">{format::number(r.views as f64, 0)}</td>
                                    <td class="num">{share}" "<span class="muted">{format!("({})", (t().helpful_counts)(r.yes, r.no))}</span></td>
                                    <td class="num">{format::number(r.score, 0)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        }}
        <h2 id="kb-linked">{t().linked_heading}</h2>
        {move || match counts.get() {
            None => view! { <p role="status" class="muted">{crate::ui::i18n::common().loading}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error-text" role="alert">{(t().load_failed)(&e.to_string())}</p> }.into_any(),
            Some(Ok(c)) => {
                let rows = most_linked(&c, TOP);
                if rows.is_empty() {
                    return view! { <p class="empty">{t().nothing_to_fix}</p> }.into_any();
                }
                view! {
                    <table class="tickets kb-fix" aria-labelledby="kb-linked">
                        <thead><tr>
                            <th scope="col">{t().col_article}</th>
                            <th scope="col">{t().audience}</th>
                            <th scope="col" class="num">{t().col_tickets}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(id, n)| {
                                let audience = kb.articles.with_untracked(|l| l.iter().find(|a| a.id == id).map(|a| a.audience));
                                view! {
                                    <tr data-id=id.clone()>
                                        <td class="subject">{link(&id)}</td>
                                        <td>{audience.map(|a| view! { <AudienceBadge audience=a/> })}</td>
                                        <td class="num">{n}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }
        }}
    }
}
