//! A file diff as the server computes it (`/api/v1/studio/…/diff`): files added, removed
//! and changed, each change in hunks of numbered lines. Removed and added lines are marked
//! in words for screen readers, not by colour alone.

use leptos::prelude::*;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Line {
    pub tag: char,
    pub old: Option<usize>,
    pub new: Option<usize>,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FileDiff {
    pub path: String,
    pub status: String,
    pub added: usize,
    pub removed: usize,
    pub hunks: Vec<Vec<Line>>,
}

fn status_word(s: &str) -> &'static str {
    match s {
        "added" => "новый файл",
        "removed" => "файл удалён",
        _ => "изменён",
    }
}

#[component]
pub fn Diff(files: Vec<FileDiff>) -> impl IntoView {
    if files.is_empty() {
        return view! { <p>{"Файлы не изменились."}</p> }.into_any();
    }
    view! {
        <div class="diff">
            {files.into_iter().map(|f| view! {
                <details class="diff-file" open=true>
                    <summary>
                        <code>{f.path.clone()}</code>
                        {format!(" — {}: +{} −{}", status_word(&f.status), f.added, f.removed)}
                    </summary>
                    {f.hunks.into_iter().map(|hunk| view! {
                        <table class="hunk">
                            <caption class="sr-only">{format!("Изменения в {}", f.path)}</caption>
                            <thead class="sr-only"><tr><th>{"было, строка"}</th><th>{"стало, строка"}</th><th>{"текст"}</th></tr></thead>
                            <tbody>
                                {hunk.into_iter().map(|l| {
                                    let (class, word) = match l.tag {
                                        '-' => ("del", "удалено: "),
                                        '+' => ("ins", "добавлено: "),
                                        _ => ("same", ""),
                                    };
                                    view! {
                                        <tr class=class>
                                            <td class="ln">{l.old.map(|n| n.to_string()).unwrap_or_default()}</td>
                                            <td class="ln">{l.new.map(|n| n.to_string()).unwrap_or_default()}</td>
                                            <td class="code"><span class="sr-only">{word}</span><span aria-hidden="true" class="mark">{l.tag.to_string()}</span>{l.text}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }).collect_view()}
                </details>
            }).collect_view()}
        </div>
    }
    .into_any()
}
