//! Finding a life situation by what a citizen types: Russian word forms, prefixes and
//! small typos ("ребен", "рожд", "детсад", "рождние").
//!
//! Every word of the query must match some word of the situation (its title, summary,
//! keywords and category), so adding a word narrows the list. A word matches exactly,
//! as the beginning of a word (Russian endings change, stems stay), or with one typo
//! when it has four letters or more.

use crate::diagnostic::edit_distance;
use crate::Engine;

/// Lower case, `ё` as `е`, everything but letters and digits as a space.
pub fn normalize(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ё' => 'е',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect()
}

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    normalize(s).split_whitespace().map(str::to_string).collect::<Vec<_>>().into_iter()
}

/// How well one query word matches one catalog word: 0 (no), 1 (typo), 2 (prefix), 3 (exact).
fn word_score(query: &str, word: &str) -> u32 {
    if query == word {
        return 3;
    }
    let q_len = query.chars().count();
    if q_len >= 2 && word.starts_with(query) {
        return 2;
    }
    if q_len >= 4 {
        // A typo inside the typed part of a longer word: compare with the word's
        // beginning of the same length, one letter more and one less.
        let w: Vec<char> = word.chars().collect();
        for len in [q_len, q_len + 1, q_len.saturating_sub(1)] {
            if len <= w.len() && len >= 3 {
                let prefix: String = w[..len].iter().collect();
                if edit_distance(query, &prefix) <= 1 {
                    return 1;
                }
            }
        }
    }
    0
}

/// The words a situation can be found by.
fn situation_words(engine: &Engine, situation: usize) -> Vec<String> {
    let s = &engine.catalog.situations[situation];
    let mut texts: Vec<&str> = vec![&s.title.ru, &s.summary.ru];
    texts.extend(s.title.en.as_deref());
    texts.extend(s.summary.en.as_deref());
    texts.extend(s.keywords.iter().map(String::as_str));
    if let Some(c) = engine.catalog.meta.categories.iter().find(|c| c.id == s.category) {
        texts.push(&c.title.ru);
        texts.extend(c.title.en.as_deref());
    }
    let mut out: Vec<String> = texts.into_iter().flat_map(words).collect();
    // Keywords of several words are also found written together ("детский сад" → "детскийсад").
    out.extend(s.keywords.iter().filter(|k| k.contains(' ')).map(|k| normalize(k).replace(' ', "")));
    out.sort();
    out.dedup();
    out
}

/// Situations matching `query`, best first (ties: the catalog's `rank`, then catalog
/// order). An empty query matches nothing: the start screen lists everything itself.
pub fn search(engine: &Engine, query: &str) -> Vec<usize> {
    let query: Vec<String> = words(query).collect();
    if query.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(u32, u32, usize)> = Vec::new();
    for i in 0..engine.catalog.situations.len() {
        let vocabulary = situation_words(engine, i);
        let mut total = 0;
        let mut all = true;
        for q in &query {
            let best = vocabulary.iter().map(|w| word_score(q, w)).max().unwrap_or(0);
            if best == 0 {
                all = false;
                break;
            }
            total += best;
        }
        if all {
            hits.push((total, engine.catalog.situations[i].rank, i));
        }
    }
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    hits.into_iter().map(|h| h.2).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_prefixes_and_typos() {
        assert_eq!(word_score("ребенок", "ребенок"), 3);
        assert_eq!(word_score("ребен", "ребенок"), 2);
        assert_eq!(word_score("рожд", "рождение"), 2);
        assert_eq!(word_score("рождние", "рождение"), 1);
        assert_eq!(word_score("детсат", "детсад"), 1);
        assert_eq!(word_score("дом", "документ"), 0);
        assert_eq!(word_score("р", "рождение"), 0, "one letter finds everything, so it finds nothing");
        assert_eq!(word_score("смерть", "рождение"), 0);
    }

    #[test]
    fn normalizes_yo_case_and_punctuation() {
        assert_eq!(normalize("Ребёнок, РОДИЛСЯ!"), "ребенок  родился ");
    }
}
