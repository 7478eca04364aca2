//! Finding a life situation by what a citizen types: «умер отец», «родила», «записать в
//! школу», «стать ип», «СНИЛС ребёнку», «рождние» (a typo).
//!
//! Both sides are cut to their stems with the Snowball Russian stemmer (`rust-stemmers`):
//! the query, and every text a situation can be found by — its title, summary, keywords
//! and category, the titles of the services it includes and the documents those need or
//! give. A query word matches a catalog word exactly, by the same stem, as the beginning
//! of the word (the citizen is still typing), as a form the stemmer leaves apart
//! («записать» and «запись» share «запис»), without a verbal prefix («пожениться» →
//! «жениться»), or with one typo when it has four letters or more.
//!
//! Situations are ranked, not filtered: every word that matches adds to a situation's
//! score, by how well it matches, where (a title or a keyword counts more than a document
//! name) and how rare the word is among the situations, so a word the catalog does not
//! know costs nothing. Stop words («в», «на», «хочу», «нужно»…) do not count. The
//! catalog may declare synonyms (`synonyms` in catalog.toml): a query word or phrase in
//! a group also finds what the group's other members find.

use crate::model::Catalog;
use crate::{Engine, Text};
use rust_stemmers::{Algorithm, Stemmer};

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

fn words(s: &str) -> Vec<String> {
    normalize(s).split_whitespace().map(str::to_string).collect()
}

/// Words that say nothing of the situation: prepositions, pronouns, particles and the
/// verbs of wanting and needing («хочу», «нужно», «как сделать»). Sorted (a test checks).
const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "for",
    "how",
    "i",
    "in",
    "is",
    "my",
    "of",
    "on",
    "the",
    "to",
    "we",
    "what",
    "а",
    "без",
    "бы",
    "был",
    "была",
    "были",
    "в",
    "вам",
    "вас",
    "во",
    "вот",
    "все",
    "всё",
    "где",
    "да",
    "даже",
    "для",
    "до",
    "другая",
    "другие",
    "другой",
    "другую",
    "его",
    "ее",
    "если",
    "есть",
    "еще",
    "же",
    "за",
    "и",
    "из",
    "или",
    "им",
    "их",
    "к",
    "как",
    "какие",
    "какой",
    "ко",
    "когда",
    "куда",
    "ли",
    "либо",
    "меня",
    "мне",
    "моего",
    "моей",
    "можно",
    "мои",
    "моих",
    "мой",
    "моя",
    "мы",
    "на",
    "надо",
    "нам",
    "нас",
    "наш",
    "наша",
    "наше",
    "наши",
    "не",
    "нет",
    "ну",
    "нужен",
    "нужна",
    "нужно",
    "нужны",
    "о",
    "об",
    "обратиться",
    "обращаться",
    "он",
    "она",
    "они",
    "оно",
    "от",
    "по",
    "под",
    "пожалуйста",
    "при",
    "с",
    "свой",
    "свою",
    "своя",
    "со",
    "так",
    "там",
    "то",
    "у",
    "уже",
    "хотим",
    "хотят",
    "хочет",
    "хочу",
    "что",
    "чтобы",
    "это",
    "я",
];

fn is_stop(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Prefixes of Russian verbs that make a new word of the same root («пожениться»,
/// «переоформить»): a query word is also tried without one. Longest first.
const VERB_PREFIXES: &[&str] = &["пере", "при", "про", "под", "раз", "рас", "по", "за", "вы", "на", "от", "об", "до"];

/// A word's stem: the Snowball Russian stemmer for Cyrillic words, the word itself for others.
pub fn stem(word: &str) -> String {
    if word.chars().any(|c| ('а'..='я').contains(&c)) {
        Stemmer::create(Algorithm::Russian).stem(word).into_owned()
    } else {
        word.to_string()
    }
}

/// A word as the search compares it.
#[derive(Clone, PartialEq)]
struct Term {
    word: Vec<char>,
    stem: Vec<char>,
    /// A query word's stem without a verbal prefix, if it has one.
    bare: Option<Vec<char>>,
}

impl Term {
    fn new(word: &str) -> Term {
        Term { word: word.chars().collect(), stem: stem(word).chars().collect(), bare: None }
    }

    fn query(word: &str) -> Term {
        let mut t = Term::new(word);
        t.bare = VERB_PREFIXES
            .iter()
            .find_map(|p| word.strip_prefix(p).filter(|rest| rest.chars().count() >= 4))
            .map(|rest| stem(rest).chars().collect());
        t
    }

    /// The same word for a synonym phrase: the same word or the same stem.
    fn same(&self, other: &Term) -> bool {
        self.word == other.word || (self.stem.len() >= 2 && self.stem == other.stem)
    }
}

fn common_prefix(a: &[char], b: &[char]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// At most one letter wrong, missing, extra or two neighbours swapped.
fn one_typo(a: &[char], b: &[char]) -> bool {
    let p = common_prefix(a, b);
    let (ra, rb) = (&a[p..], &b[p..]);
    match (ra.len(), rb.len()) {
        (0, 0) => true,
        (x, y) if x == y => ra[1..] == rb[1..] || (x >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..]),
        (x, y) if x == y + 1 => ra[1..] == *rb,
        (x, y) if y == x + 1 => *ra == rb[1..],
        _ => false,
    }
}

/// How well a query word matches a catalog word, from 0 (not at all) to 1 (the same word).
fn quality(q: &Term, w: &Term) -> f32 {
    let n = q.word.len();
    if q.word == w.word {
        return 1.0;
    }
    if q.stem.len() >= 2 && q.stem == w.stem {
        return 0.95;
    }
    if n >= 2 && w.word.starts_with(&q.word) {
        // Still typing; two letters find much, so they count less.
        return if n >= 3 { 0.8 } else { 0.5 };
    }
    // Forms the stemmer leaves apart: «записать» (запис-а) and «запись» (зап).
    // The shared beginning covers the shorter stem (but a letter) and three quarters of
    // the longer: «новорожденного» and «новой» share only «ново».
    let shared = common_prefix(&q.word, &w.word);
    let (short, long) = (q.stem.len().min(w.stem.len()), q.stem.len().max(w.stem.len()));
    if shared >= 4 && shared + 1 >= short && shared * 4 >= long * 3 {
        return 0.75;
    }
    if q.bare.as_ref().is_some_and(|b| b.len() >= 3 && *b == w.stem) {
        return 0.6;
    }
    if n >= 4 {
        // A typo inside the typed part of a longer word: compare with the word's
        // beginning of the same length, one letter more and one less.
        for len in [n, n + 1, n - 1] {
            if len <= w.word.len() && len >= 3 && one_typo(&q.word, &w.word[..len]) {
                return 0.5;
            }
        }
    }
    0.0
}

/// What the start screen needs of a catalog: its categories and situations, with the
/// titles of their services and of the documents those need or give, and the catalog's
/// synonyms. The widget's first screen is a small module that carries only this (in the
/// text form of [`SituationIndex::to_text`]), so it shows and searches the situations
/// before the full catalog and engine have loaded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SituationIndex {
    pub categories: Vec<(String, Text)>,
    pub situations: Vec<IndexEntry>,
    pub services: Vec<IndexService>,
    /// Document titles, referred to by position from `services`.
    pub documents: Vec<Text>,
    pub synonyms: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndexEntry {
    pub id: String,
    pub category: String,
    pub rank: u32,
    pub title: Text,
    pub summary: Text,
    pub keywords: Vec<String>,
    /// The services it may include, by position in [`SituationIndex::services`].
    pub services: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndexService {
    pub id: String,
    pub title: Text,
    /// The documents it needs or gives, by position in [`SituationIndex::documents`].
    pub documents: Vec<usize>,
}

const INDEX_HEADER: &str = "lifenav-index 2";
/// The first form, without services, documents and synonyms: still read.
const INDEX_HEADER_1: &str = "lifenav-index 1";

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

fn list(items: &[String]) -> String {
    items.iter().map(|k| escape(k).replace('|', " ")).collect::<Vec<_>>().join("|")
}

fn numbers(items: &[usize]) -> String {
    items.iter().map(usize::to_string).collect::<Vec<_>>().join("|")
}

fn parse_list(s: &str) -> Vec<String> {
    s.split('|').filter(|k| !k.is_empty()).map(unescape).collect()
}

fn parse_numbers(s: &str, below: usize, line: usize) -> Result<Vec<usize>, String> {
    s.split('|')
        .filter(|k| !k.is_empty())
        .map(|k| k.parse().ok().filter(|&n| n < below).ok_or_else(|| format!("line {line}: `{k}` refers to nothing")))
        .collect()
}

impl SituationIndex {
    pub fn from_catalog(catalog: &Catalog) -> SituationIndex {
        let mut index = SituationIndex {
            categories: catalog.meta.categories.iter().map(|c| (c.id.clone(), c.title.clone())).collect(),
            synonyms: catalog.meta.synonyms.clone(),
            ..SituationIndex::default()
        };
        let mut doc_ids: Vec<&str> = Vec::new();
        let mut service_ids: Vec<&str> = Vec::new();
        for s in &catalog.situations {
            let mut services = Vec::new();
            for inclusion in &s.services {
                let Some(service) = catalog.services.iter().find(|v| v.id == inclusion.service) else { continue };
                let at = match service_ids.iter().position(|id| *id == service.id) {
                    Some(at) => at,
                    None => {
                        let bodies = std::iter::once(&service.common).chain(service.variants.iter().map(|v| &v.body));
                        let mut documents = Vec::new();
                        for body in bodies {
                            let needed = body.documents.iter().map(|d| d.doc.as_str());
                            for doc in needed.chain(body.results.iter().flatten().map(String::as_str)) {
                                let Some(kind) = catalog.documents.iter().find(|d| d.id == doc) else { continue };
                                let d = match doc_ids.iter().position(|id| *id == doc) {
                                    Some(d) => d,
                                    None => {
                                        doc_ids.push(&kind.id);
                                        // Russian only: the first screen carries these, and
                                        // English queries find situations by their own words.
                                        index.documents.push(Text::ru(kind.title.ru.clone()));
                                        doc_ids.len() - 1
                                    }
                                };
                                if !documents.contains(&d) {
                                    documents.push(d);
                                }
                            }
                        }
                        service_ids.push(&service.id);
                        index.services.push(IndexService {
                            id: service.id.clone(),
                            title: service.title.clone(),
                            documents,
                        });
                        service_ids.len() - 1
                    }
                };
                if !services.contains(&at) {
                    services.push(at);
                }
            }
            index.situations.push(IndexEntry {
                id: s.id.clone(),
                category: s.category.clone(),
                rank: s.rank,
                title: s.title.clone(),
                summary: s.summary.clone(),
                keywords: s.keywords.clone(),
                services,
            });
        }
        index
    }

    /// One line per category (`c`), document (`d`), service (`v`), synonym group (`y`)
    /// and situation (`s`), fields separated by tabs, lists by `|`: read with a few string
    /// splits, so the first screen needs no JSON parser.
    pub fn to_text(&self) -> String {
        let mut out = format!("{INDEX_HEADER}\n");
        for (id, title) in &self.categories {
            let [ru, en] = text_fields(title);
            out.push_str(&format!("c\t{}\t{ru}\t{en}\n", escape(id)));
        }
        for title in &self.documents {
            let [ru, en] = text_fields(title);
            out.push_str(&format!("d\t{ru}\t{en}\n"));
        }
        for v in &self.services {
            let [ru, en] = text_fields(&v.title);
            out.push_str(&format!("v\t{}\t{ru}\t{en}\t{}\n", escape(&v.id), numbers(&v.documents)));
        }
        for group in &self.synonyms {
            out.push_str(&format!("y\t{}\n", list(group)));
        }
        for s in &self.situations {
            let [title_ru, title_en] = text_fields(&s.title);
            let [summary_ru, summary_en] = text_fields(&s.summary);
            out.push_str(&format!(
                "s\t{}\t{}\t{}\t{title_ru}\t{title_en}\t{summary_ru}\t{summary_en}\t{}\t{}\n",
                escape(&s.id),
                escape(&s.category),
                s.rank,
                list(&s.keywords),
                numbers(&s.services),
            ));
        }
        out
    }

    /// Reads [`SituationIndex::to_text`] (and the first form of it); the error names the line.
    pub fn parse(text: &str) -> Result<SituationIndex, String> {
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, INDEX_HEADER | INDEX_HEADER_1)) => {}
            _ => return Err(format!("line 1: expected `{INDEX_HEADER}`")),
        }
        let mut index = SituationIndex::default();
        for (n, line) in lines {
            let n = n + 1;
            let f: Vec<&str> = line.split('\t').collect();
            let (rest, services) = match f.as_slice() {
                ["s", rest @ .., services] if rest.len() == 8 => (rest, Some(*services)),
                ["s", rest @ ..] if rest.len() == 8 => (rest, None),
                _ => (&f[..0], None),
            };
            match (f.as_slice(), rest) {
                ([] | [""], _) => {}
                (["c", id, ru, en], _) => index.categories.push((unescape(id), text_from(ru, en))),
                (["d", ru, en], _) => index.documents.push(text_from(ru, en)),
                (["v", id, ru, en, docs], _) => {
                    let documents = parse_numbers(docs, index.documents.len(), n)?;
                    index.services.push(IndexService { id: unescape(id), title: text_from(ru, en), documents })
                }
                (["y", group], _) => index.synonyms.push(parse_list(group)),
                (_, [id, category, rank, title_ru, title_en, summary_ru, summary_en, keywords]) => {
                    index.situations.push(IndexEntry {
                        id: unescape(id),
                        category: unescape(category),
                        rank: rank.parse().map_err(|_| format!("line {n}: rank `{rank}` is not a number"))?,
                        title: text_from(title_ru, title_en),
                        summary: text_from(summary_ru, summary_en),
                        keywords: parse_list(keywords),
                        services: parse_numbers(services.unwrap_or(""), index.services.len(), n)?,
                    })
                }
                _ => return Err(format!("line {n}: not a category, document, service, synonym or situation line")),
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
                sort_small(&mut members, |&a, &b| (self.situations[a].rank, a) < (self.situations[b].rank, b));
                (c, members)
            })
            .filter(|(_, members)| !members.is_empty())
            .collect();
        sort_small(&mut groups, |(a, ma), (b, mb)| (self.situations[ma[0]].rank, a) < (self.situations[mb[0]].rank, b));
        groups
    }

    /// The index made ready for searching (stems worked out once): keep it while the
    /// citizen types.
    pub fn finder(&self) -> Finder {
        Finder::new(self)
    }

    /// Situations matching `query`, best first (indices into `situations`).
    pub fn search(&self, query: &str) -> Vec<usize> {
        self.finder().search(query).into_iter().map(|h| h.situation).collect()
    }
}

/// Sorts the few situations or categories of a list: a real sort is a few kilobytes of
/// code per call site, too much for the first screen's module.
fn sort_small<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// How much a match counts by where it is.
const TITLE: f32 = 3.0;
const KEYWORD: f32 = 3.0;
const SUMMARY: f32 = 2.0;
const CATEGORY: f32 = 1.0;
const SERVICE: f32 = 2.0;
const DOCUMENT: f32 = 1.0;
/// A synonym counts a little less than the word the citizen typed.
const SYNONYM: f32 = 0.9;
/// Situations scoring less than this share of the best are left out: the long tail of
/// a sentence's stray words.
const CUTOFF: f32 = 0.35;

/// A situation's words in groups: its own texts, its title alone, each service's title
/// (with the service's position in the index), the documents of its services.
struct Group<W = u32> {
    service: Option<usize>,
    /// Only the situation's title: a service is named when it matches better.
    title: bool,
    /// Words (ids into the vocabulary, once built) with how much each counts.
    words: Vec<(W, f32)>,
}

fn weighted(t: &Text, weight: f32, out: &mut Vec<(String, f32)>) {
    out.extend(words(&t.ru).into_iter().map(|w| (w, weight)));
    if let Some(en) = &t.en {
        out.extend(words(en).into_iter().map(|w| (w, weight)));
    }
}

impl SituationIndex {
    /// The words `s` can be found by, grouped.
    fn groups_of(&self, s: &IndexEntry) -> Vec<Group<String>> {
        let mut own = Vec::new();
        weighted(&s.title, TITLE, &mut own);
        weighted(&s.summary, SUMMARY, &mut own);
        for k in &s.keywords {
            own.extend(words(k).into_iter().map(|w| (w, KEYWORD)));
            // Written together too: «детский сад» → «детскийсад».
            if k.contains(' ') {
                own.push((normalize(k).replace(' ', ""), KEYWORD));
            }
        }
        if let Some((_, title)) = self.categories.iter().find(|(id, _)| *id == s.category) {
            weighted(title, CATEGORY, &mut own);
        }
        let mut title = Vec::new();
        weighted(&s.title, TITLE, &mut title);
        let mut groups =
            vec![Group { service: None, title: false, words: own }, Group { service: None, title: true, words: title }];
        let mut documents = Vec::new();
        for &v in &s.services {
            let service = &self.services[v];
            let mut title = Vec::new();
            weighted(&service.title, SERVICE, &mut title);
            groups.push(Group { service: Some(v), title: false, words: title });
            for &d in &service.documents {
                weighted(&self.documents[d], DOCUMENT, &mut documents);
            }
        }
        groups.push(Group { service: None, title: false, words: documents });
        groups
    }
}

/// A [`SituationIndex`] ready for searching.
pub struct Finder {
    terms: Vec<Term>,
    situations: Vec<(u32, Vec<Group>)>,
    synonyms: Vec<Vec<Vec<Term>>>,
}

/// One situation found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Its position in the index.
    pub situation: usize,
    pub score: f32,
    /// The service it includes whose title the query names (position in
    /// [`SituationIndex::services`]), when that is what matched.
    pub service: Option<usize>,
}

fn phrase(text: &str) -> Vec<Term> {
    words(text).into_iter().filter(|w| !is_stop(w)).map(|w| Term::new(&w)).collect()
}

impl Finder {
    fn new(index: &SituationIndex) -> Finder {
        let raw: Vec<(u32, Vec<Group<String>>)> =
            index.situations.iter().map(|s| (s.rank, index.groups_of(s))).collect();
        // Every distinct word once, its stem worked out once.
        let mut vocabulary: Vec<&str> =
            raw.iter().flat_map(|(_, gs)| gs.iter().flat_map(|g| g.words.iter().map(|(w, _)| w.as_str()))).collect();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        let id = |w: &str| vocabulary.binary_search(&w).unwrap_or(0) as u32;
        let situations = raw
            .iter()
            .map(|(rank, groups)| {
                let groups = groups
                    .iter()
                    .map(|g| {
                        let mut words: Vec<(u32, f32)> = g.words.iter().map(|(w, weight)| (id(w), *weight)).collect();
                        words.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
                        words.dedup_by_key(|w| w.0);
                        Group { service: g.service, title: g.title, words }
                    })
                    .collect();
                (*rank, groups)
            })
            .collect();
        Finder {
            terms: vocabulary.iter().map(|w| Term::new(w)).collect(),
            situations,
            synonyms: index
                .synonyms
                .iter()
                .map(|g| g.iter().map(|p| phrase(p)).filter(|p| !p.is_empty()).collect())
                .collect(),
        }
    }

    /// The query as slots, one per word or synonym phrase, each with the phrases that may
    /// fill it (the typed one first).
    fn slots(&self, query: &str) -> Vec<Vec<(f32, Vec<Term>)>> {
        let typed: Vec<Term> = words(query).into_iter().filter(|w| !is_stop(w)).map(|w| Term::query(&w)).collect();
        let mut slots = Vec::new();
        let mut i = 0;
        while i < typed.len() {
            let rest = &typed[i..];
            let found = self
                .synonyms
                .iter()
                .flat_map(|g| g.iter().map(move |p| (g, p)))
                .filter(|(_, p)| p.len() <= rest.len() && p.iter().zip(rest).all(|(a, b)| a.same(b)))
                .max_by_key(|(_, p)| p.len());
            match found {
                Some((group, p)) => {
                    let mut alternatives = vec![(1.0, rest[..p.len()].to_vec())];
                    alternatives.extend(group.iter().filter(|o| *o != p).map(|o| (SYNONYM, o.clone())));
                    slots.push(alternatives);
                    i += p.len();
                }
                None => {
                    slots.push(vec![(1.0, vec![rest[0].clone()])]);
                    i += 1;
                }
            }
        }
        slots
    }

    /// Situations matching `query`, best first (ties: the catalog's `rank`, then catalog
    /// order). An empty query (or one of stop words only) matches nothing: the start
    /// screen lists everything itself.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let slots = self.slots(query);
        // How well each word of each slot's phrases matches each catalog word.
        let qualities: Vec<Vec<Vec<Vec<f32>>>> = slots
            .iter()
            .map(|alts| {
                alts.iter()
                    .map(|(_, p)| p.iter().map(|q| self.terms.iter().map(|w| quality(q, w)).collect()).collect())
                    .collect()
            })
            .collect();
        // A group's score for a slot: its best phrase, a phrase as good as its worst word.
        let group_score = |g: &Group, slot: usize| -> f32 {
            let mut best: f32 = 0.0;
            for (a, (discount, _)) in slots[slot].iter().enumerate() {
                let phrase = qualities[slot][a]
                    .iter()
                    .map(|q| g.words.iter().map(|&(t, weight)| q[t as usize] * weight).fold(0.0, f32::max))
                    .fold(f32::INFINITY, f32::min);
                best = best.max(discount * phrase);
            }
            best
        };
        // Unweighted, for naming a service: how well its title matches.
        let per: Vec<Vec<Vec<f32>>> = self
            .situations
            .iter()
            .map(|(_, groups)| groups.iter().map(|g| (0..slots.len()).map(|s| group_score(g, s)).collect()).collect())
            .collect();
        let n = self.situations.len() as f32;
        let rarity: Vec<f32> = (0..slots.len())
            .map(|s| {
                let found = per.iter().filter(|groups| groups.iter().any(|g| g[s] > 0.0)).count();
                if found == 0 {
                    0.0
                } else {
                    ((n + 1.0) / found as f32).sqrt()
                }
            })
            .collect();
        let mut hits: Vec<(Hit, u32)> = Vec::new();
        for (i, (rank, groups)) in self.situations.iter().enumerate() {
            let best: Vec<f32> = (0..slots.len()).map(|s| per[i].iter().map(|g| g[s]).fold(0.0, f32::max)).collect();
            let score: f32 = best.iter().zip(&rarity).map(|(b, r)| b * r).sum();
            if score <= 0.0 {
                continue;
            }
            let matched = best.iter().filter(|b| **b > 0.0).count();
            let title = groups.iter().position(|g| g.title).map(|t| &per[i][t]);
            // A service is named when its title matches (exactly or by stem) at least
            // half of the words that found the situation, one of them better than the
            // situation's own title does.
            let service = groups
                .iter()
                .enumerate()
                .filter_map(|(g, group)| {
                    let v = group.service?;
                    let q: Vec<f32> = per[i][g].iter().map(|x| x / SERVICE).collect();
                    let covered = q.iter().filter(|x| **x >= 0.9).count();
                    let better = q
                        .iter()
                        .enumerate()
                        .any(|(s, x)| *x >= 0.9 && title.is_none_or(|t| *x > t[s] / TITLE + f32::EPSILON));
                    (covered * 2 >= matched && better)
                        .then(|| (v, q.iter().zip(&rarity).map(|(x, r)| x * r).sum::<f32>()))
                })
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(v, _)| v);
            hits.push((Hit { situation: i, score, service }, *rank));
        }
        let top = hits.iter().map(|(h, _)| h.score).fold(0.0, f32::max);
        hits.retain(|(h, _)| h.score >= top * CUTOFF);
        sort_small(&mut hits, |(a, ra), (b, rb)| {
            a.score > b.score || (a.score == b.score && (ra, a.situation) < (rb, b.situation))
        });
        hits.into_iter().map(|(h, _)| h).collect()
    }
}

/// Situations of `engine`'s catalog matching `query`, best first (indices into its situations).
pub fn search(engine: &Engine, query: &str) -> Vec<usize> {
    SituationIndex::from_catalog(&engine.catalog).search(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(a: &str, b: &str) -> f32 {
        quality(&Term::query(a), &Term::new(b))
    }

    #[test]
    fn word_forms_stems_prefixes_and_typos() {
        assert_eq!(q("ребенок", "ребенок"), 1.0);
        assert_eq!(q("родила", "роды"), 0.95, "the same stem");
        assert_eq!(q("ребен", "ребенок"), 0.8, "still typing");
        assert_eq!(q("рожд", "рождение"), 0.8);
        assert_eq!(q("записать", "запись"), 0.75, "forms the stemmer leaves apart");
        assert_eq!(q("пожениться", "жениться"), 0.6, "without the verbal prefix");
        assert_eq!(q("рождние", "рождение"), 0.5, "one letter missing");
        assert!(q("детсат", "детсад") > 0.0, "one letter wrong");
        assert_eq!(q("приватезация", "приватизация"), 0.5, "one letter wrong");
        assert_eq!(q("свадба", "свадьба"), 0.5);
        assert_eq!(q("дом", "документ"), 0.0);
        assert_eq!(q("р", "рождение"), 0.0, "one letter finds everything, so it finds nothing");
        assert_eq!(q("смерть", "рождение"), 0.0);
        assert_eq!(q("переезд", "перепланировка"), 0.0, "a shared prefix is not a shared stem");
        assert_eq!(q("отец", "ец"), 0.0);
    }

    #[test]
    fn one_typo_is_one_edit_or_a_swap() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(one_typo(&c("абвг"), &c("абвг")));
        assert!(one_typo(&c("абвг"), &c("абг")));
        assert!(one_typo(&c("абг"), &c("абвг")));
        assert!(one_typo(&c("абвг"), &c("абхг")));
        assert!(one_typo(&c("абвг"), &c("бавг")));
        assert!(!one_typo(&c("абвг"), &c("ахвх")));
        assert!(!one_typo(&c("абвг"), &c("аб")));
    }

    #[test]
    fn stop_words_are_sorted_and_not_counted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]), "binary search needs them sorted");
        assert!(is_stop("хочу") && is_stop("в") && !is_stop("паспорт"));
    }

    fn sample() -> SituationIndex {
        SituationIndex {
            categories: vec![("family".into(), Text::ru("Семья").with_en("Family"))],
            situations: vec![
                IndexEntry {
                    id: "birth".into(),
                    category: "family".into(),
                    rank: 3,
                    title: Text::ru("Рождение\tребёнка"),
                    summary: Text::ru("строка\nвторая \\ путь").with_en("line"),
                    keywords: vec!["роды".into(), "детский сад".into()],
                    services: vec![0],
                },
                IndexEntry {
                    id: "moving".into(),
                    category: "family".into(),
                    rank: 1,
                    title: Text::ru("Переезд"),
                    summary: Text::ru("Новый адрес"),
                    keywords: vec!["прописка".into()],
                    services: vec![1],
                },
            ],
            services: vec![
                IndexService { id: "snils".into(), title: Text::ru("СНИЛС ребёнка"), documents: vec![0] },
                IndexService {
                    id: "stay".into(),
                    title: Text::ru("Регистрация по месту пребывания"),
                    documents: vec![],
                },
            ],
            documents: vec![Text::ru("Паспорт").with_en("Passport")],
            synonyms: vec![vec!["временная регистрация".into(), "прописка".into()]],
        }
    }

    #[test]
    fn index_text_round_trip_keeps_tabs_newlines_and_backslashes() {
        let index = sample();
        assert_eq!(SituationIndex::parse(&index.to_text()), Ok(index));
        assert_eq!(
            SituationIndex::parse("lifenav-index 2\ns\tx\n").unwrap_err(),
            "line 2: not a category, document, service, synonym or situation line"
        );
        assert_eq!(
            SituationIndex::parse("lifenav-index 2\nv\tx\tX\t\t3\n").unwrap_err(),
            "line 2: `3` refers to nothing"
        );
        assert!(SituationIndex::parse("{}").unwrap_err().starts_with("line 1"));
        // The first form (a server not yet updated) still reads.
        let old = "lifenav-index 1\nc\tfamily\tСемья\t\ns\tbirth\tfamily\t1\tРождение\t\tСводка\t\tроды|ребёнок\n";
        let old = SituationIndex::parse(old).unwrap();
        assert_eq!(old.situations[0].keywords, ["роды", "ребёнок"]);
        assert_eq!(old.search("роды"), [0]);
    }

    #[test]
    fn ranks_by_the_words_that_match_and_names_the_service() {
        let index = sample();
        let finder = index.finder();
        let found = |q: &str| finder.search(q).into_iter().map(|h| h.situation).collect::<Vec<_>>();
        assert_eq!(found("рождение жираф"), [0], "a word the catalog does not know costs nothing");
        assert!(found("жираф").is_empty());
        assert!(found("хочу в на").is_empty(), "stop words only");
        let snils = finder.search("снилс");
        assert_eq!((snils[0].situation, snils[0].service), (0, Some(0)), "found by its service, which is named");
        assert_eq!(finder.search("роды")[0].service, None, "found by its own words");
        assert_eq!(found("паспорт"), [0], "the documents of its services");
        // A synonym: «временная регистрация» also finds what «прописка» finds.
        assert_eq!(found("временная регистрация")[0], 1);
        assert_eq!(finder.search("пребывания")[0].service, Some(1));
    }

    #[test]
    fn normalizes_yo_case_and_punctuation() {
        assert_eq!(normalize("Ребёнок, РОДИЛСЯ!"), "ребенок  родился ");
    }
}
