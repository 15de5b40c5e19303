//! Markdown as Leptos elements. The source goes through `domain::markdown` into a tree with
//! no raw-HTML node, and each node becomes an element here: text is always a text node, so
//! `<script>` in an article is letters on the screen. URLs are checked again on the way out
//! (the domain already checked them; a second look costs little and survives refactoring):
//! links keep only http, https, mailto and same-site URLs, external ones open in a new tab
//! without a referrer or an opener; images load only from this site or as inline pictures.
//!
//! Headings move one level down (the page's own `<h1>` is the article title) and get ids for
//! anchors; `#section` links scroll to them instead of changing the app's hash route.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::kb::Anchors;
use crate::domain::markdown::{self, url, Align, Block, Inline};

/// Renders `source` (re-rendered when it changes, e.g. a live preview). `anchor_prefix`
/// keeps heading ids apart when two documents are on one page.
#[component]
pub fn Markdown(#[prop(into)] source: Signal<String>, #[prop(optional, into)] anchor_prefix: Option<String>) -> impl IntoView {
    let prefix = anchor_prefix.unwrap_or_else(|| "md-".into());
    view! { <div class="markdown">{move || source.with(|s| render(&markdown::parse(s), &prefix))}</div> }
}

/// Renders already-parsed blocks.
pub fn render(blocks: &[Block], anchor_prefix: &str) -> AnyView {
    let mut anchors = Anchors::new(anchor_prefix);
    blocks_view(blocks, &mut anchors)
}

fn blocks_view(blocks: &[Block], anchors: &mut Anchors) -> AnyView {
    blocks.iter().map(|b| block_view(b, anchors)).collect_view().into_any()
}

fn block_view(b: &Block, anchors: &mut Anchors) -> AnyView {
    match b {
        Block::Heading { level, inlines } => {
            let mut text = String::new();
            markdown::inline_text(inlines, &mut text);
            let id = anchors.next(&text);
            let kids = inlines_view(inlines, anchors);
            match level.saturating_add(1).min(6) {
                2 => view! { <h2 id=id tabindex="-1">{kids}</h2> }.into_any(),
                3 => view! { <h3 id=id tabindex="-1">{kids}</h3> }.into_any(),
                4 => view! { <h4 id=id tabindex="-1">{kids}</h4> }.into_any(),
                5 => view! { <h5 id=id tabindex="-1">{kids}</h5> }.into_any(),
                _ => view! { <h6 id=id tabindex="-1">{kids}</h6> }.into_any(),
            }
        }
        Block::Paragraph(inlines) => view! { <p>{inlines_view(inlines, anchors)}</p> }.into_any(),
        Block::List { ordered, start, items } => {
            let items: Vec<AnyView> = items.iter().map(|item| view! { <li>{blocks_view(item, anchors)}</li> }.into_any()).collect();
            if *ordered {
                view! { <ol start=*start>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::CodeBlock { lang, text } => {
            let lang = (!lang.is_empty()).then(|| lang.clone());
            view! { <pre class="code" data-lang=lang><code>{text.clone()}</code></pre> }.into_any()
        }
        Block::Quote(blocks) => view! { <blockquote>{blocks_view(blocks, anchors)}</blockquote> }.into_any(),
        Block::Rule => view! { <hr/> }.into_any(),
        Block::Table { align, header, rows } => {
            let class = |i: usize| match align.get(i).copied().unwrap_or_default() {
                Align::None => "",
                Align::Left => "al-left",
                Align::Center => "al-center",
                Align::Right => "al-right",
            };
            let head: Vec<AnyView> = header
                .iter()
                .enumerate()
                .map(|(i, c)| view! { <th scope="col" class=class(i)>{inlines_view(c, anchors)}</th> }.into_any())
                .collect();
            let body: Vec<AnyView> = rows
                .iter()
                .map(|row| {
                    let cells: Vec<AnyView> = row.iter().enumerate().map(|(i, c)| view! { <td class=class(i)>{inlines_view(c, anchors)}</td> }.into_any()).collect();
                    view! { <tr>{cells}</tr> }.into_any()
                })
                .collect();
            view! {
                <div class="md-table">
                    <table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
                </div>
            }
            .into_any()
        }
    }
}

fn inlines_view(inlines: &[Inline], anchors: &Anchors) -> AnyView {
    inlines.iter().map(|i| inline_view(i, anchors)).collect_view().into_any()
}

/// Links that leave the site: a scheme (http, https, mailto) or a protocol-relative `//host`.
fn is_external(href: &str) -> bool {
    let h = href.trim_start().replace('\\', "/");
    h.starts_with("//") || h.find(':').is_some_and(|c| !h[..c].contains(['/', '?', '#']))
}

fn inline_view(i: &Inline, anchors: &Anchors) -> AnyView {
    match i {
        Inline::Text(t) => t.clone().into_any(),
        Inline::Strong(c) => view! { <strong>{inlines_view(c, anchors)}</strong> }.into_any(),
        Inline::Emph(c) => view! { <em>{inlines_view(c, anchors)}</em> }.into_any(),
        Inline::Code(t) => view! { <code>{t.clone()}</code> }.into_any(),
        Inline::LineBreak => view! { <br/> }.into_any(),
        Inline::Image { src, alt } => match url::safe_image_src(src) {
            Some(src) => view! { <img src=src alt=alt.clone() loading="lazy" decoding="async" referrerpolicy="no-referrer"/> }.into_any(),
            None => alt.clone().into_any(),
        },
        Inline::Link { href, children } => {
            let kids = inlines_view(children, anchors);
            let Some(href) = url::safe_href(href) else { return kids };
            if let Some(fragment) = href.strip_prefix('#').filter(|f| !f.starts_with('/')) {
                // In a hash-routed app "#steps" would be a route: scroll to the heading instead.
                let target = anchors.target(fragment);
                let jump = move |ev: leptos::ev::MouseEvent| {
                    ev.prevent_default();
                    if let Some(el) = document().get_element_by_id(&target) {
                        el.scroll_into_view();
                        if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
                            let _ = h.focus();
                        }
                    }
                };
                view! { <a href=href.clone() on:click=jump>{kids}</a> }.into_any()
            } else if is_external(&href) {
                view! { <a href=href rel="noopener noreferrer nofollow" target="_blank" class="external">{kids}</a> }.into_any()
            } else {
                view! { <a href=href>{kids}</a> }.into_any()
            }
        }
    }
}
