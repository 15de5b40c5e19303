//! Text with `<mark>` around byte ranges (search matches in titles and snippets). Ranges are
//! clamped to the text and widened to character boundaries by
//! `domain::kb::highlight_segments`, so a range from another version of the text, or one that
//! falls inside "ü" or "密", shows a little more highlight instead of panicking.

use leptos::prelude::*;

use crate::domain::kb::highlight_segments;

#[component]
pub fn Highlighted(#[prop(into)] text: String, #[prop(optional)] ranges: Vec<(usize, usize)>) -> impl IntoView {
    highlight_segments(&text, &ranges)
        .into_iter()
        .map(|(piece, marked)| {
            let piece = piece.to_string();
            if marked {
                view! { <mark>{piece}</mark> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}
