//! Writing an article: title, summary, Markdown text with a live preview, category path,
//! tags, audience and language; the author is the agent at this browser. A new article may
//! start from a ticket's resolution; saving it then links the ticket to it, in the same
//! transaction as the article.

use leptos::prelude::*;

use super::state::use_kb;
use super::texts::t;
use super::widgets::{agent_name, language_name, WhenLoaded};
use crate::domain::article::{Article, Audience};
use crate::domain::kb::{self, draft_from_ticket, unique_id, ArticleDraft, DraftHeadings, Field, Problem};
use crate::domain::model::TicketId;
use crate::domain::ticket::{self, Command};
use crate::storage::{ArticleChange, StorageError, TicketChange, ARTICLE_CONFLICT};
use crate::ui::components::markdown::Markdown;
use crate::ui::route::{navigate, KbRoute, Route};
use crate::ui::state::use_desk;

#[component]
pub fn EditorPage(#[prop(optional)] id: Option<String>, #[prop(optional)] from_ticket: Option<TicketId>) -> impl IntoView {
    view! {
        <section class="page kb-page kb-editor-page">
            <WhenLoaded>{
                let id = id.clone();
                move || {
                    let kb = use_kb();
                    match &id {
                        Some(id) => match kb.articles.with_untracked(|l| l.iter().find(|a| &a.id == id).cloned()) {
                            Some(a) => view! { <Editor base=a/> }.into_any(),
                            None => view! { <h1>{t().not_found}</h1><p>{(t().not_found_text)(id)}</p> }.into_any(),
                        },
                        None => view! { <Editor from_ticket=from_ticket/> }.into_any(),
                    }
                }
            }</WhenLoaded>
        </section>
    }
}

fn label(f: Field) -> &'static str {
    match f {
        Field::Title => t().f_title,
        Field::Summary => t().f_summary,
        Field::Body => t().f_body,
        Field::Category => t().f_category,
        Field::Tags => t().f_tags,
        Field::Language => t().f_language,
    }
}

fn problem_text(p: &Problem) -> String {
    match p {
        Problem::Required(f) => (t().p_required)(label(*f)),
        Problem::TooLong { field: Field::Tags, max } => (t().p_tag_too_long)(*max),
        Problem::TooLong { field, max } => (t().p_too_long)(label(*field), *max),
        Problem::TooManyTags { max } => (t().p_too_many_tags)(*max),
        Problem::BadLanguage => t().p_language.to_string(),
    }
}

/// The form's fields, one signal each.
#[derive(Clone, Copy)]
struct Form {
    title: RwSignal<String>,
    summary: RwSignal<String>,
    body: RwSignal<String>,
    category: RwSignal<String>,
    tags: RwSignal<String>,
    audience: RwSignal<Audience>,
    language: RwSignal<String>,
}

impl Form {
    fn new(d: &ArticleDraft) -> Form {
        Form {
            title: RwSignal::new(d.title.clone()),
            summary: RwSignal::new(d.summary.clone()),
            body: RwSignal::new(d.body.clone()),
            category: RwSignal::new(d.category.clone()),
            tags: RwSignal::new(d.tags.join(", ")),
            audience: RwSignal::new(d.audience),
            language: RwSignal::new(d.language.clone()),
        }
    }

    fn fill(&self, d: &ArticleDraft) {
        self.title.set(d.title.clone());
        self.summary.set(d.summary.clone());
        self.body.set(d.body.clone());
        self.category.set(d.category.clone());
        self.tags.set(d.tags.join(", "));
        self.audience.set(d.audience);
        self.language.set(d.language.clone());
    }

    fn draft(&self) -> ArticleDraft {
        ArticleDraft {
            title: self.title.get_untracked(),
            summary: self.summary.get_untracked(),
            body: self.body.get_untracked(),
            category: self.category.get_untracked(),
            tags: self.tags.get_untracked().split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect(),
            audience: self.audience.get_untracked(),
            language: self.language.get_untracked(),
        }
    }
}

#[component]
fn Editor(#[prop(optional)] base: Option<Article>, #[prop(default = None)] from_ticket: Option<TicketId>) -> impl IntoView {
    let desk = use_desk();
    let kb = use_kb();
    let start = base.as_ref().map(ArticleDraft::of).unwrap_or_else(|| ArticleDraft {
        audience: Audience::Draft,
        language: crate::ui::i18n::lang().tag().to_string(),
        ..ArticleDraft::default()
    });
    let form = Form::new(&start);
    let problems = RwSignal::new(Vec::<Problem>::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let base = StoredValue::new(base);

    if let Some(tid) = from_ticket {
        leptos::task::spawn_local(async move {
            match desk.db().ticket_with_events(tid).await {
                Ok(Some((tk, events))) => {
                    let h = DraftHeadings { problem: t().draft_problem, cause: t().draft_cause, solution: t().draft_solution };
                    form.fill(&draft_from_ticket(&tk, &events, h, crate::ui::i18n::lang().tag()));
                }
                Ok(None) => error.set(Some((t().ticket_missing)(tid))),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    }

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let draft = form.draft();
        let me = desk.me.get_untracked().unwrap_or_default();
        let now = desk.now.get_untracked();
        let change = match base.get_value() {
            Some(cur) => match kb::revise(&cur, &draft, &me, now) {
                Ok(None) => {
                    error.set(Some(t().nothing_changed.into()));
                    return;
                }
                Ok(Some(r)) => Ok(ArticleChange { expected_rev: Some(cur.rev), article: r.article, previous: Some(r.previous) }),
                Err(p) => Err(p),
            },
            None => {
                let id = unique_id(&draft.title, |x| kb.articles.with_untracked(|l| l.iter().any(|a| a.id == x)));
                kb::new_article(&id, &draft, &me, now).map(|article| ArticleChange { article, expected_rev: None, previous: None })
            }
        };
        let change = match change {
            Ok(c) => c,
            Err(p) => {
                problems.set(p);
                error.set(None);
                return;
            }
        };
        problems.set(vec![]);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = write(desk, kb, change, from_ticket).await;
            busy.set(false);
            match result {
                Ok((saved, new)) => {
                    desk.say(if new { (t().created_msg)(&saved.title) } else { (t().saved_rev)(saved.rev) });
                    navigate(&Route::Kb(KbRoute::Article(saved.id)));
                }
                Err(StorageError::Invalid(e)) if e.field == ARTICLE_CONFLICT => error.set(Some(t().conflict.into())),
                Err(StorageError::Conflict { .. }) => error.set(Some(t().ticket_conflict.into())),
                Err(e) => error.set(Some((t().failed)(&e.to_string()))),
            }
        });
    };

    let field_error = move |f: Field| {
        move || {
            problems.with(|ps| ps.iter().filter(|p| p.field() == f).map(problem_text).collect::<Vec<_>>()).into_iter().map(|m| view! { <p class="field-error" role="alert">{m}</p> }).collect_view()
        }
    };
    let categories = move || {
        let mut c: Vec<String> = kb.articles.with(|l| l.iter().map(|a| a.category.clone()).filter(|c| !c.is_empty()).collect());
        c.sort();
        c.dedup();
        c.into_iter().map(|c| view! { <option value=c/> }).collect_view()
    };
    let heading = match base.get_value() {
        Some(a) => (t().edit_title)(&a.title),
        None => t().new_article.to_string(),
    };
    let cancel = match (base.get_value(), from_ticket) {
        (Some(a), _) => Route::Kb(KbRoute::Article(a.id)).href(),
        (None, Some(tid)) => Route::Ticket(tid).href(),
        (None, None) => Route::Kb(KbRoute::List).href(),
    };
    let me_name = agent_name(desk, &desk.me.get_untracked().unwrap_or_default());
    view! {
        <h1>{heading}</h1>
        {from_ticket.map(|tid| view! { <p class="kb-from-ticket">{(t().from_ticket)(&format!("#{tid}"))}</p> })}
        <form class="form kb-editor" on:submit=save novalidate>
            <label for="kb-title">{t().f_title}</label>
            <input id="kb-title" name="title" maxlength="200" required prop:value=form.title on:input=move |ev| form.title.set(event_target_value(&ev))/>
            {field_error(Field::Title)}
            <label for="kb-summary">{t().f_summary}</label>
            <textarea id="kb-summary" name="summary" rows="2" prop:value=form.summary on:input=move |ev| form.summary.set(event_target_value(&ev))></textarea>
            {field_error(Field::Summary)}
            <div class="kb-fields">
                <div>
                    <label for="kb-category">{t().f_category}</label>
                    <input id="kb-category" name="category" list="kb-categories" aria-describedby="kb-category-hint"
                        prop:value=form.category on:input=move |ev| form.category.set(event_target_value(&ev))/>
                    <p class="hint-left muted" id="kb-category-hint">{t().category_hint}</p>
                    {field_error(Field::Category)}
                </div>
                <div>
                    <label for="kb-tags">{t().f_tags}</label>
                    <input id="kb-tags" name="tags" aria-describedby="kb-tags-hint" prop:value=form.tags on:input=move |ev| form.tags.set(event_target_value(&ev))/>
                    <p class="hint-left muted" id="kb-tags-hint">{t().tags_hint}</p>
                    {field_error(Field::Tags)}
                </div>
                <div>
                    <label for="kb-audience">{t().f_audience}</label>
                    <select id="kb-audience" name="audience" on:change=move |ev| if let Some(a) = Audience::parse(&event_target_value(&ev)) { form.audience.set(a) }>
                        {Audience::ALL.into_iter().map(|a| view! {
                            <option value=a.as_str() prop:selected=move || form.audience.get() == a>{crate::ui::labels::audience(a)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="kb-language">{t().f_language}</label>
                    <input id="kb-language" name="language" list="kb-languages" prop:value=form.language on:input=move |ev| form.language.set(event_target_value(&ev))/>
                    {field_error(Field::Language)}
                </div>
            </div>
            <div class="kb-split">
                <div class="kb-write">
                    <label for="kb-body">{t().f_body}</label>
                    <textarea id="kb-body" name="body" rows="20" class="mono" aria-describedby="kb-body-hint"
                        prop:value=form.body on:input=move |ev| form.body.set(event_target_value(&ev))></textarea>
                    <p class="hint-left muted" id="kb-body-hint">{t().body_hint}</p>
                    {field_error(Field::Body)}
                </div>
                <section class="kb-preview" aria-label=t().preview>
                    <h2 class="side-heading">{t().preview}</h2>
                    <Show when=move || !form.body.with(|b| b.trim().is_empty()) fallback=|| view! { <p class="muted">{t().preview_empty}</p> }>
                        <Markdown source=form.body anchor_prefix="pv-"/>
                    </Show>
                </section>
            </div>
            <p class="muted">{(t().saved_as)(&me_name)}</p>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <div class="actions">
                <button type="submit" class="primary" disabled=busy>{crate::ui::i18n::common().save}</button>
                <a class="button" href=cancel>{crate::ui::i18n::common().cancel}</a>
            </div>
        </form>
        <datalist id="kb-categories">{categories}</datalist>
        <datalist id="kb-languages">
            {["en", "de", "zh-CN"].into_iter().map(|l| view! { <option value=l>{language_name(l)}</option> }).collect_view()}
        </datalist>
    }
}

/// Saves the change; for a draft from a ticket, links the ticket in the same transaction.
/// Returns the stored article and whether it is new.
async fn write(desk: crate::ui::state::Desk, kb: super::Kb, change: ArticleChange, from_ticket: Option<TicketId>) -> Result<(Article, bool), StorageError> {
    let new = change.expected_rev.is_none();
    let ticket_change: Option<TicketChange> = match (from_ticket, new) {
        (Some(tid), true) => {
            let (tk, history) = desk.db().ticket_with_events(tid).await?.ok_or_else(|| StorageError::NotFound(format!("ticket #{tid}")))?;
            let cmd = Command::LinkArticle(change.article.id.clone());
            Some(desk.compute(tk, &history, |t, h, ctx, ids| ticket::apply(t, h, cmd, ctx, ids), desk.actor())?)
        }
        _ => None,
    };
    let shown = ticket_change.as_ref().map(|c| (c.ticket.clone(), c.sla.clone()));
    let saved = kb.save(change, ticket_change).await?;
    if let Some((tk, sla)) = shown {
        // The queue shows the ticket's new revision; open ticket pages reload.
        desk.remember(&[(tk, sla)]);
    }
    Ok((saved, new))
}
