//! Finding a life situation by what a citizen types: Russian word forms, prefixes and
//! small typos ("ребен", "рожд", "детсад", "рождние").
//!
//! Every word of the query must match some word of the situation (its title, summary,
//! keywords and category), so adding a word narrows the list. A word matches exactly,
//! as the beginning of a word (Russian endings change, stems stay), or with one typo
//! when it has four letters or more.

use crate::diagnostic::edit_distance;
use crate::model::Catalog;
use crate::{Engine, Text};

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

/// What the start screen needs of a catalog: its categories and situations, without the
/// services. The widget's first screen is a small module that carries only this (in the
/// text form of [`SituationIndex::to_text`]), so it shows and searches the situations
/// before the full catalog and engine have loaded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SituationIndex {
    pub categories: Vec<(String, Text)>,
    pub situations: Vec<IndexEntry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndexEntry {
    pub id: String,
    pub category: String,
    pub rank: u32,
    pub title: Text,
    pub summary: Text,
    pub keywords: Vec<String>,
}

const INDEX_HEADER: &str = "lifenav-index 1";

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\t', "\\t").replace('\n', "\\n")
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

fn text_fields(t: &Text) -> [String; 2] {
    [escape(&t.ru), escape(t.en.as_deref().unwrap_or(""))]
}

fn text_from(ru: &str, en: &str) -> Text {
    Text { ru: unescape(ru), en: (!en.is_empty()).then(|| unescape(en)) }
}

impl SituationIndex {
    pub fn from_catalog(catalog: &Catalog) -> SituationIndex {
        SituationIndex {
            categories: catalog.meta.categories.iter().map(|c| (c.id.clone(), c.title.clone())).collect(),
            situations: catalog
                .situations
                .iter()
                .map(|s| IndexEntry {
                    id: s.id.clone(),
                    category: s.category.clone(),
                    rank: s.rank,
                    title: s.title.clone(),
                    summary: s.summary.clone(),
                    keywords: s.keywords.clone(),
                })
                .collect(),
        }
    }

    /// One line per category (`c`) and situation (`s`), fields separated by tabs: read
    /// with a few string splits, so the first screen needs no JSON parser.
    pub fn to_text(&self) -> String {
        let mut out = format!("{INDEX_HEADER}\n");
        for (id, title) in &self.categories {
            let [ru, en] = text_fields(title);
            out.push_str(&format!("c\t{}\t{ru}\t{en}\n", escape(id)));
        }
        for s in &self.situations {
            let [title_ru, title_en] = text_fields(&s.title);
            let [summary_ru, summary_en] = text_fields(&s.summary);
            let keywords: Vec<String> = s.keywords.iter().map(|k| escape(k).replace('|', " ")).collect();
            out.push_str(&format!(
                "s\t{}\t{}\t{}\t{title_ru}\t{title_en}\t{summary_ru}\t{summary_en}\t{}\n",
                escape(&s.id),
                escape(&s.category),
                s.rank,
                keywords.join("|")
            ));
        }
        out
    }

    /// Reads [`SituationIndex::to_text`]; the error names the line.
    pub fn parse(text: &str) -> Result<SituationIndex, String> {
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, INDEX_HEADER)) => {}
            _ => return Err(format!("line 1: expected `{INDEX_HEADER}`")),
        }
        let mut index = SituationIndex::default();
        for (n, line) in lines {
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                [] | [""] => {}
                ["c", id, ru, en] => index.categories.push((unescape(id), text_from(ru, en))),
                ["s", id, category, rank, title_ru, title_en, summary_ru, summary_en, keywords] => {
                    index.situations.push(IndexEntry {
                        id: unescape(id),
                        category: unescape(category),
                        rank: rank.parse().map_err(|_| format!("line {}: rank `{rank}` is not a number", n + 1))?,
                        title: text_from(title_ru, title_en),
                        summary: text_from(summary_ru, summary_en),
                        keywords: keywords.split('|').filter(|k| !k.is_empty()).map(unescape).collect(),
                    })
                }
                _ => return Err(format!("line {}: not a category or situation line", n + 1)),
            }
        }
        Ok(index)
    }

    /// The categories with their situations, for the start screen: the most common first
    /// (a category ranks as its most common situation), empty categories left out.
    pub fn by_category(&self) -> Vec<(usize, Vec<usize>)> {
        let mut groups: Vec<(usize, Vec<usize>)> = (0..self.categories.len())
            .map(|c| {
                let mut members: Vec<usize> = (0..self.situations.len())
                    .filter(|&i| self.situations[i].category == self.categories[c].0)
                    .collect();
                members.sort_by_key(|&i| self.situations[i].rank);
                (c, members)
            })
            .filter(|(_, members)| !members.is_empty())
            .collect();
        groups.sort_by_key(|(_, members)| self.situations[members[0]].rank);
        groups
    }

    /// The words a situation can be found by.
    fn words_of(&self, situation: usize) -> Vec<String> {
        let s = &self.situations[situation];
        let mut texts: Vec<&str> = vec![&s.title.ru, &s.summary.ru];
        texts.extend(s.title.en.as_deref());
        texts.extend(s.summary.en.as_deref());
        texts.extend(s.keywords.iter().map(String::as_str));
        if let Some((_, title)) = self.categories.iter().find(|(id, _)| *id == s.category) {
            texts.push(&title.ru);
            texts.extend(title.en.as_deref());
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
    pub fn search(&self, query: &str) -> Vec<usize> {
        let query: Vec<String> = words(query).collect();
        if query.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(u32, u32, usize)> = Vec::new();
        for i in 0..self.situations.len() {
            let vocabulary = self.words_of(i);
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
                hits.push((total, self.situations[i].rank, i));
            }
        }
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        hits.into_iter().map(|h| h.2).collect()
    }
}

/// Situations of `engine`'s catalog matching `query`, best first (indices into its situations).
pub fn search(engine: &Engine, query: &str) -> Vec<usize> {
    SituationIndex::from_catalog(&engine.catalog).search(query)
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
    fn index_text_round_trip_keeps_tabs_newlines_and_backslashes() {
        let index = SituationIndex {
            categories: vec![("family".into(), Text::ru("Семья").with_en("Family"))],
            situations: vec![IndexEntry {
                id: "birth".into(),
                category: "family".into(),
                rank: 3,
                title: Text::ru("Рождение\tребёнка"),
                summary: Text::ru("строка\nвторая \\ путь").with_en("line"),
                keywords: vec!["роды".into(), "детский сад".into()],
            }],
        };
        assert_eq!(SituationIndex::parse(&index.to_text()), Ok(index));
        assert_eq!(
            SituationIndex::parse("lifenav-index 1\ns\tx\n").unwrap_err(),
            "line 2: not a category or situation line"
        );
        assert!(SituationIndex::parse("{}").unwrap_err().starts_with("line 1"));
    }

    #[test]
    fn normalizes_yo_case_and_punctuation() {
        assert_eq!(normalize("Ребёнок, РОДИЛСЯ!"), "ребенок  родился ");
    }
}
