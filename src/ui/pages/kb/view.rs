//! One article as agents read it: the rendered text, its details and counters, the tickets
//! it answers, its revision history, and edit / delete.

use leptos::prelude::*;

use super::state::use_kb;
use super::texts::t;
use super::widgets::{agent_name, helpful_text, language_name, AudienceBadge, WhenLoaded};
use crate::domain::article::Article;
use crate::ui::components::dialog::Dialog;
use crate::ui::components::markdown::Markdown;
use crate::ui::format;
use crate::ui::route::{navigate, KbRoute, Route};
use crate::ui::state::use_desk;

#[component]
pub fn ArticlePage(id: String) -> impl IntoView {
    view! {
        <section class="page kb-page kb-article-page">
            <WhenLoaded>{
                let id = id.clone();
                move || view! { <ArticleBody id=id.clone()/> }
            }</WhenLoaded>
        </section>
    }
}

/// "Knowledge base › Hardware › Printers".
#[component]
pub fn Crumbs(category: String) -> impl IntoView {
    view! {
        <nav class="crumbs" aria-label=t().category>
            <a href=Route::Kb(KbRoute::List).href()>{t().back}</a>
            {category.split('/').filter(|s| !s.is_empty()).map(|s| view! { <span aria-hidden="true">" › "</span><span>{s.to_string()}</span> }).collect_view()}
        </nav>
    }
}

#[component]
fn ArticleBody(id: String) -> impl IntoView {
    let kb = use_kb();
    let lookup = id.clone();
    let article = Memo::new(move |_| kb.article(&lookup));
    // Count this reading once per visit of the page.
    let viewed = id.clone();
    leptos::task::spawn_local(async move {
        let _ = kb.record_view(&viewed).await;
    });
    move || match article.get() {
        Some(a) => view! { <Loaded article=a/> }.into_any(),
        None => view! {
            <h1>{t().not_found}</h1>
            <p>{(t().not_found_text)(&id)}</p>
            <a href=Route::Kb(KbRoute::List).href()>{t().back}</a>
        }
        .into_any(),
    }
}

/// Drawn per version of the article (a view or a vote redraws it; that is cheap).
#[component]
fn Loaded(article: Article) -> impl IntoView {
    let desk = use_desk();
    let kb = use_kb();
    let a = article.clone();
    let id = a.id.clone();
    let body = Signal::stored(a.body.clone());
    let confirm = RwSignal::new(false);
    let busy = RwSignal::new(false);

    let rev_id = id.clone();
    let revisions = LocalResource::new(move || {
        let db = kb.db();
        let id = rev_id.clone();
        async move { db.article_revisions(&id).await.unwrap_or_default() }
    });
    let link_id = id.clone();
    let tickets = LocalResource::new(move || {
        desk.revision.track();
        let db = kb.db();
        let id = link_id.clone();
        async move { db.tickets_linking(&id).await.unwrap_or_default() }
    });

    let del_id = id.clone();
    let del_title = a.title.clone();
    let delete = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let (id, title) = (del_id.clone(), del_title.clone());
        leptos::task::spawn_local(async move {
            match kb.delete(&id).await {
                Ok(_) => {
                    confirm.set(false);
                    desk.say((t().deleted)(&title));
                    navigate(&Route::Kb(KbRoute::List));
                }
                Err(e) => {
                    confirm.set(false);
                    desk.fail((t().failed)(&e.to_string()));
                }
            }
            busy.set(false);
        });
    };
    let older = move || revisions.get().map(|r| r.len()).unwrap_or(0);
    let confirm_text = {
        let title = a.title.clone();
        move || (t().delete_confirm)(&title, older())
    };
    let tags = a.tags.join(", ");
    let category = if a.category.is_empty() { t().no_category.to_string() } else { a.category.replace('/', " › ") };

    view! {
        <Crumbs category=a.category.clone()/>
        <header class="kb-article-head">
            <h1>{a.title.clone()}</h1>
            <div class="badges">
                <AudienceBadge audience=a.audience/>
                <span class="badge lang" lang=a.language.clone()>{language_name(&a.language)}</span>
                {a.tags.iter().map(|tg| view! { <span class="kb-tag">{tg.clone()}</span> }).collect_view()}
            </div>
            {(!a.summary.is_empty()).then(|| view! { <p class="lead">{a.summary.clone()}</p> })}
            <div class="actions">
                <a class="button" href=Route::Kb(KbRoute::Edit(id.clone())).href()>{t().edit}</a>
                <button type="button" class="danger" on:click=move |_| confirm.set(true)>{crate::ui::i18n::common().delete}</button>
            </div>
        </header>
        <div class="kb-article-layout">
            <article class="kb-article-body" lang=a.language.clone() aria-label=a.title.clone()>
                <Markdown source=body anchor_prefix="kb-"/>
            </article>
            <aside class="kb-article-side">
                <h2 class="side-heading">{t().details}</h2>
                <dl class="facts">
                    <dt>{t().author}</dt><dd>{agent_name(desk, &a.author)}</dd>
                    <dt>{t().created}</dt><dd><time datetime=format::iso(a.created_at)>{format::datetime(a.created_at)}</time></dd>
                    <dt>{t().updated}</dt><dd><time datetime=format::iso(a.updated_at)>{format::datetime(a.updated_at)}</time></dd>
                    <dt>{t().revision}</dt><dd class="kb-rev-number">{a.rev}</dd>
                    <dt>{t().category}</dt><dd>{category}</dd>
                    <dt>{t().tags}</dt><dd>{if tags.is_empty() { "—".to_string() } else { tags }}</dd>
                    <dt>{t().views}</dt><dd class="kb-views">{a.views}</dd>
                    <dt>{t().helpful}</dt><dd class="kb-helpful">{(t().helpful_counts)(a.helpful_yes, a.helpful_no)}<br/><span class="muted">{helpful_text(&a)}</span></dd>
                </dl>
                <h2 class="side-heading">{t().linked_tickets}</h2>
                <ul class="kb-linked">
                    {move || tickets.get().map(|ids| {
                        if ids.is_empty() {
                            return view! { <li class="muted">{t().no_linked_tickets}</li> }.into_any();
                        }
                        ids.into_iter().map(|tid| {
                            let row = desk.queue.with(|q| q.row(tid).map(|r| (r.subject.clone(), r.status)));
                            view! {
                                <li data-ticket=tid.to_string()>
                                    <a href=Route::Ticket(tid).href()>{format!("#{tid}")}</a>" "
                                    {match row {
                                        Some((subject, status)) => view! { <span>{subject}</span>" "<span class="muted">"("{crate::ui::labels::status(status)}")"</span> }.into_any(),
                                        None => view! { <span class="muted">{t().not_in_desk}</span> }.into_any(),
                                    }}
                                </li>
                            }
                        }).collect_view().into_any()
                    })}
                </ul>
                <h2 class="side-heading">{t().history}</h2>
                <super::revisions::History article=a.clone() revisions=revisions/>
            </aside>
        </div>
        <Dialog open=confirm title=t().delete_title.to_string()>
            <p>{confirm_text}</p>
            <div class="actions">
                <button type="button" class="danger" disabled=busy on:click=delete>{crate::ui::i18n::common().delete}</button>
                <button type="button" on:click=move |_| confirm.set(false)>{crate::ui::i18n::common().cancel}</button>
            </div>
        </Dialog>
    }
}
