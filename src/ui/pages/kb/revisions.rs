//! Revision history: the list beside an article, one earlier revision on its own page, and
//! restoring it (saved as a new revision, so the history only grows).

use leptos::prelude::*;

use super::state::use_kb;
use super::texts::t;
use super::view::Crumbs;
use super::widgets::{agent_name, WhenLoaded};
use crate::domain::article::{Article, ArticleRevision};
use crate::domain::kb;
use crate::storage::{ArticleChange, StorageError, ARTICLE_CONFLICT};
use crate::ui::components::dialog::Dialog;
use crate::ui::components::markdown::Markdown;
use crate::ui::format;
use crate::ui::route::{navigate, KbRoute, Route};
use crate::ui::state::use_desk;

/// The current revision, then the earlier ones, newest first, each linking to its page.
#[component]
pub fn History(article: Article, revisions: LocalResource<Vec<ArticleRevision>>) -> impl IntoView {
    let desk = use_desk();
    let current = (t().rev_by)(article.rev, &agent_name(desk, &article.author), &format::datetime(article.updated_at));
    let id = article.id.clone();
    view! {
        <ol class="kb-revs">
            <li class="current">{current}" "<span class="badge">{t().current}</span></li>
            {move || revisions.get().map(|list| {
                list.into_iter().rev().map(|r| {
                    let line = (t().rev_by)(r.rev, &agent_name(desk, &r.author), &format::datetime(r.at));
                    view! {
                        <li data-rev=r.rev.to_string()>
                            <a href=Route::Kb(KbRoute::Revision(id.clone(), r.rev)).href() aria-label=(t().view_rev)(r.rev)>{line}</a>
                        </li>
                    }
                }).collect_view()
            })}
        </ol>
    }
}

#[component]
pub fn RevisionPage(id: String, rev: u32) -> impl IntoView {
    view! {
        <section class="page kb-page kb-revision-page">
            <WhenLoaded>{
                let id = id.clone();
                move || view! { <RevisionBody id=id.clone() rev=rev/> }
            }</WhenLoaded>
        </section>
    }
}

#[component]
fn RevisionBody(id: String, rev: u32) -> impl IntoView {
    let kb = use_kb();
    let lookup = id.clone();
    let article = Memo::new(move |_| kb.article(&lookup));
    let rev_id = id.clone();
    let revisions = LocalResource::new(move || {
        let db = kb.db();
        let id = rev_id.clone();
        async move { db.article_revisions(&id).await }
    });
    move || {
        let Some(a) = article.get() else {
            return view! { <h1>{t().not_found}</h1><p>{(t().not_found_text)(&id)}</p> }.into_any();
        };
        match revisions.get() {
            None => view! { <p role="status" class="muted">{crate::ui::i18n::common().loading}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error-text" role="alert">{(t().load_failed)(&e.to_string())}</p> }.into_any(),
            Some(Ok(list)) => match list.into_iter().find(|r| r.rev == rev) {
                Some(r) => view! { <OldVersion article=a old=r/> }.into_any(),
                None => view! {
                    <Crumbs category=a.category.clone()/>
                    <h1>{a.title.clone()}</h1>
                    <p>{(t().rev_missing)(rev)}</p>
                    <a href=Route::Kb(KbRoute::Article(a.id.clone())).href()>{a.title.clone()}</a>
                }
                .into_any(),
            },
        }
    }
}

#[component]
fn OldVersion(article: Article, old: ArticleRevision) -> impl IntoView {
    let desk = use_desk();
    let kb = use_kb();
    let confirm = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let (n, next) = (old.rev, article.rev + 1);
    let restore = {
        let (article, old) = (article.clone(), old.clone());
        move |_| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let author = desk.me.get_untracked().unwrap_or_default();
            let result = kb::restore(&article, &old, &author, desk.now.get_untracked());
            let back = Route::Kb(KbRoute::Article(article.id.clone()));
            leptos::task::spawn_local(async move {
                match result {
                    Ok(None) => desk.say(t().nothing_changed),
                    Ok(Some(r)) => {
                        let change = ArticleChange { expected_rev: Some(r.previous.rev), article: r.article, previous: Some(r.previous) };
                        match kb.save(change, None).await {
                            Ok(saved) => {
                                desk.say((t().restored)(n, saved.rev));
                                navigate(&back);
                            }
                            Err(StorageError::Invalid(e)) if e.field == ARTICLE_CONFLICT => desk.fail(t().conflict),
                            Err(e) => desk.fail((t().failed)(&e.to_string())),
                        }
                    }
                    // An old revision that no longer passes today's checks (e.g. too long).
                    Err(problems) => desk.fail((t().failed)(&problems.iter().map(|p| p.message()).collect::<Vec<_>>().join("; "))),
                }
                confirm.set(false);
                busy.set(false);
            });
        }
    };
    let body = Signal::stored(old.body.clone());
    view! {
        <Crumbs category=article.category.clone()/>
        <header class="kb-article-head">
            <p class="muted kb-rev-label">{(t().rev_title)(n)}" · "{agent_name(desk, &old.author)}" · "
                <time datetime=format::iso(old.at)>{format::datetime(old.at)}</time></p>
            <h1>{old.title.clone()}</h1>
            <p>{(t().rev_of)(&article.title)}" "
                <a href=Route::Kb(KbRoute::Article(article.id.clone())).href()>{(t().rev_title)(article.rev)}" ("{t().current}")"</a></p>
            {(!old.summary.is_empty()).then(|| view! { <p class="lead">{old.summary.clone()}</p> })}
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| confirm.set(true)>{t().restore}</button>
            </div>
            <p class="hint-left muted">{t().rev_scope}</p>
        </header>
        <article class="kb-article-body kb-old" aria-label=(t().rev_title)(n)>
            <Markdown source=body anchor_prefix="rev-"/>
        </article>
        <Dialog open=confirm title=t().restore_title.to_string()>
            <p>{(t().restore_confirm)(n, next)}</p>
            <div class="actions">
                <button type="button" class="primary" disabled=busy on:click=restore>{t().restore}</button>
                <button type="button" on:click=move |_| confirm.set(false)>{crate::ui::i18n::common().cancel}</button>
            </div>
        </Dialog>
    }
}
