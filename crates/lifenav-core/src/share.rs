//! The URL fragment that carries a journey in a share link, and the office's
//! `#rate/<service>` link. The fragment never reaches a server: browsers do not send it.
//!
//! `#s=birth&d=2026-11-20&a.parents_married=yes&a.benefits=large_family,disability`

use crate::value::Answers;
use crate::{Date, Engine};

/// What a fragment asks the widget to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Fragment {
    /// A shared journey: a situation with answers.
    Journey(SharedJourney),
    /// The rating form of one service (`#rate/<service-id>`).
    Rate(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SharedJourney {
    pub situation: String,
    pub event_date: Option<Date>,
    pub answers: Answers,
    /// Parts of the link that were left out (an unknown question, a bad value).
    pub dropped: Vec<LinkProblem>,
}

/// What is wrong with a link, or with a part of it. The widget words these for the
/// citizen in their language; `Display` is the English for logs and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkProblem {
    /// The link names a situation this catalog does not have.
    UnknownSituation(String),
    /// A rating link names a service this catalog does not have.
    UnknownService(String),
    /// A rating link that cannot be read.
    DamagedRating,
    /// An answer to a question this catalog does not have.
    UnknownQuestion(String),
    /// An answer that is not one this question takes (the message says why).
    BadAnswer(String),
    /// The event date cannot be read.
    BadDate(String),
    /// A part that cannot be decoded, or is not part of a journey.
    Damaged(String),
}

impl LinkProblem {
    /// A dropped part about an answer (not the date or the link's form).
    pub fn is_answer(&self) -> bool {
        matches!(self, LinkProblem::UnknownQuestion(_) | LinkProblem::BadAnswer(_))
    }
}

impl std::fmt::Display for LinkProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkProblem::UnknownSituation(s) => write!(f, "unknown situation `{s}`"),
            LinkProblem::UnknownService(s) => write!(f, "unknown service `{s}`"),
            LinkProblem::DamagedRating => write!(f, "the rating link is damaged"),
            LinkProblem::UnknownQuestion(q) => write!(f, "unknown question `{q}`"),
            LinkProblem::BadAnswer(e) => write!(f, "{e}"),
            LinkProblem::BadDate(e) => write!(f, "date: {e}"),
            LinkProblem::Damaged(key) => write!(f, "`{key}`: damaged or not part of a journey"),
        }
    }
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b',') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The fragment (without `#`) of a share link.
pub fn journey_fragment(situation: &str, event_date: Option<Date>, answers: &Answers) -> String {
    let mut parts = vec![format!("s={}", encode(situation))];
    if let Some(d) = event_date {
        parts.push(format!("d={d}"));
    }
    for (q, v) in answers {
        parts.push(format!("a.{}={}", encode(q), encode(&v.to_string())));
    }
    parts.join("&")
}

/// Whether a fragment (with or without `#`) is for the navigator: a share or rating link.
/// Needs no catalog, so the first screen can tell before the catalog has loaded.
pub fn is_for_navigator(fragment: &str) -> bool {
    let fragment = fragment.trim_start_matches('#');
    fragment.starts_with("rate/") || fragment.starts_with("s=")
}

/// Reads a fragment (with or without `#`). `Ok(None)`: nothing for the navigator.
/// `Err`: the link is for the navigator but cannot be followed (the message says why).
pub fn parse_fragment(engine: &Engine, fragment: &str) -> Result<Option<Fragment>, LinkProblem> {
    let fragment = fragment.trim_start_matches('#');
    if let Some(service) = fragment.strip_prefix("rate/") {
        let service = decode(service).ok_or(LinkProblem::DamagedRating)?;
        return match engine.service_index(&service) {
            Some(_) => Ok(Some(Fragment::Rate(service))),
            None => Err(LinkProblem::UnknownService(service)),
        };
    }
    if !is_for_navigator(fragment) {
        return Ok(None);
    }
    let mut journey = SharedJourney::default();
    for part in fragment.split('&').filter(|p| !p.is_empty()) {
        let (key, raw) = part.split_once('=').unwrap_or((part, ""));
        let Some(value) = decode(raw) else {
            journey.dropped.push(LinkProblem::Damaged(key.to_string()));
            continue;
        };
        match key {
            "s" => journey.situation = value,
            "d" => match Date::parse(&value) {
                Ok(d) => journey.event_date = Some(d),
                Err(e) => journey.dropped.push(LinkProblem::BadDate(e.to_string())),
            },
            _ => {
                let Some(q) = key.strip_prefix("a.").and_then(decode) else {
                    journey.dropped.push(LinkProblem::Damaged(key.to_string()));
                    continue;
                };
                match engine.catalog.question(&q).map(|question| question.parse_answer(&value)) {
                    Some(Ok(v)) => {
                        journey.answers.insert(q, v);
                    }
                    Some(Err(e)) => journey.dropped.push(LinkProblem::BadAnswer(e)),
                    None => journey.dropped.push(LinkProblem::UnknownQuestion(q)),
                }
            }
        }
    }
    if engine.situation_index(&journey.situation).is_none() {
        return Err(LinkProblem::UnknownSituation(journey.situation));
    }
    Ok(Some(Fragment::Journey(journey)))
}
