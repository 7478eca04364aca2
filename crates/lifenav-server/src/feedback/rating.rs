//! What citizens send: a rating of a service, or whether a plan was helpful.
//! Validated field by field, so that a bad request gets a 422 naming the field.

use crate::http::error::{json_object, label, only_fields, AppError};
use serde::Serialize;
use serde_json::{Map, Value};

/// The ways a citizen may have applied (the catalog's channels, without `automatic`).
pub const CHANNELS: [&str; 5] = ["in_person", "one_window", "mfc", "portal", "post"];

/// The four criteria of the source documents, 1–5 each.
pub const CRITERIA: [&str; 4] = ["waiting", "politeness", "comfort", "information"];

pub const MAX_COMMENT_CHARS: usize = 1000;

/// A rating as stored. `PartialEq` decides whether a resent id carries the same content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rating {
    pub id: String,
    pub service: String,
    pub overall: i32,
    /// waiting, politeness, comfort, information.
    pub criteria: [i32; 4],
    pub channel: String,
    pub term_met: Option<bool>,
    pub comment: Option<String>,
    /// Minutes waited in the queue (not asked for the portal or post).
    pub waited_minutes: Option<i32>,
    /// How many times the citizen had to come to get the service.
    pub visits: Option<i32>,
}

/// The channels with no queue to wait in.
pub const REMOTE_CHANNELS: [&str; 2] = ["portal", "post"];
pub const MAX_WAITED_MINUTES: i64 = 24 * 60;
pub const MAX_VISITS: i64 = 50;

/// "Was this plan helpful?"
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Helpful {
    pub id: String,
    pub situation: String,
    pub helpful: bool,
    pub comment: Option<String>,
}

/// A field that is missing or wrong, with a message for the client's developer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub error: String,
}

fn err<T>(field: &str, error: impl Into<String>) -> Result<T, FieldError> {
    Err(FieldError { field: field.to_string(), error: error.into() })
}

fn required<T>(field: &str) -> Result<T, FieldError> {
    err(field, format!("Заполните поле «{}»", label(field)))
}

const UUID: &str = "Номер отзыва должен быть UUID, например 3f2b1c9e-8d4a-4f6b-9c1d-2e7a5b8c0d1f";

/// «Минуты в очереди» from «минуты в очереди».
fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// What the service knows of the catalog: which ids are valid.
pub trait Known {
    fn service(&self, id: &str) -> bool;
    fn situation(&self, id: &str) -> bool;
}

impl From<AppError> for FieldError {
    fn from(e: AppError) -> FieldError {
        match e {
            AppError::Client { field, error, .. } => FieldError { field, error },
            other => FieldError { field: String::new(), error: format!("{other:?}") },
        }
    }
}

fn object(body: &[u8]) -> Result<Map<String, Value>, FieldError> {
    Ok(json_object(body)?)
}

fn reject_unknown(m: &Map<String, Value>, allowed: &[&str]) -> Result<(), FieldError> {
    Ok(only_fields(m, allowed)?)
}

fn uuid(m: &Map<String, Value>) -> Result<String, FieldError> {
    match m.get("id") {
        Some(Value::String(s)) => match uuid::Uuid::try_parse(s) {
            Ok(u) if !u.is_nil() => Ok(u.hyphenated().to_string()),
            _ => err("id", UUID),
        },
        Some(_) => err("id", UUID),
        None => required("id"),
    }
}

fn id_of(m: &Map<String, Value>, field: &str, known: impl Fn(&str) -> bool) -> Result<String, FieldError> {
    match m.get(field) {
        Some(Value::String(s)) if known(s) => Ok(s.clone()),
        Some(Value::String(s)) => {
            let what = if field == "service" {
                "Такой услуги"
            } else {
                "Такой жизненной ситуации"
            };
            err(field, format!("{what} («{s}») нет в справочнике: обновите страницу и выберите снова"))
        }
        Some(_) => err(field, format!("Поле «{}» должно быть текстом", label(field))),
        None => required(field),
    }
}

/// A whole number from 1 to 5; `5.0` is five (JSON does not tell integers apart).
fn score(m: &Map<String, Value>, field: &str) -> Result<i32, FieldError> {
    let whole = m.get(field).and_then(Value::as_f64).filter(|f| f.fract() == 0.0);
    match whole {
        Some(n) if (1.0..=5.0).contains(&n) => Ok(n as i32),
        _ if m.contains_key(field) => err(field, format!("Оценка «{}» — целое число от 1 до 5", label(field))),
        _ => err(field, format!("Поставьте оценку «{}»: от 1 до 5", label(field))),
    }
}

/// An optional whole number within bounds.
fn count(m: &Map<String, Value>, field: &str, min: i64, max: i64) -> Result<Option<i32>, FieldError> {
    match m.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => match v.as_f64().filter(|f| f.fract() == 0.0 && (min as f64..=max as f64).contains(f)) {
            Some(n) => Ok(Some(n as i32)),
            None => err(field, format!("«{}» — целое число от {min} до {max}", capital(label(field)))),
        },
    }
}

/// A citizen's free text: trimmed, then measured; control characters are refused, the
/// same on both databases (PostgreSQL cannot store a NUL, SQLite would store it).
fn comment(m: &Map<String, Value>) -> Result<Option<String>, FieldError> {
    let s = match m.get("comment") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) => s.trim(),
        Some(_) => return err("comment", "Комментарий должен быть текстом"),
    };
    if s.is_empty() {
        Ok(None)
    } else if s.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t')) {
        err("comment", "В комментарии есть управляющие символы: уберите их")
    } else if s.chars().count() > MAX_COMMENT_CHARS {
        err("comment", format!("Комментарий слишком длинный: не больше {MAX_COMMENT_CHARS} знаков, сократите его"))
    } else {
        Ok(Some(s.to_string()))
    }
}

impl Rating {
    pub fn parse(body: &[u8], known: &dyn Known) -> Result<Rating, FieldError> {
        let m = object(body)?;
        reject_unknown(
            &m,
            &[
                "id",
                "service",
                "overall",
                "waiting",
                "politeness",
                "comfort",
                "information",
                "channel",
                "term_met",
                "comment",
                "waited_minutes",
                "visits",
            ],
        )?;
        let id = uuid(&m)?;
        let service = id_of(&m, "service", |s| known.service(s))?;
        let overall = score(&m, "overall")?;
        let mut criteria = [0; 4];
        for (slot, name) in criteria.iter_mut().zip(CRITERIA) {
            *slot = score(&m, name)?;
        }
        let channel = match m.get("channel") {
            Some(Value::String(c)) if CHANNELS.contains(&c.as_str()) => c.clone(),
            Some(_) => {
                return err("channel", format!("Неизвестный способ обращения: допустимы {}", CHANNELS.join(", ")))
            }
            None => return required("channel"),
        };
        let term_met = match m.get("term_met") {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => return err("term_met", "«Срок соблюдён» — да, нет или не указано (true, false или null)"),
        };
        let waited_minutes = count(&m, "waited_minutes", 0, MAX_WAITED_MINUTES)?;
        if waited_minutes.is_some() && REMOTE_CHANNELS.contains(&channel.as_str()) {
            return err("waited_minutes", "На портале и по почте очереди нет: не указывайте минуты в очереди");
        }
        let visits = count(&m, "visits", 1, MAX_VISITS)?;
        Ok(Rating { id, service, overall, criteria, channel, term_met, comment: comment(&m)?, waited_minutes, visits })
    }

    /// Satisfied, as the source documents count it: 4 or 5 overall.
    pub fn satisfied(&self) -> bool {
        self.overall >= 4
    }
}

impl Helpful {
    pub fn parse(body: &[u8], known: &dyn Known) -> Result<Helpful, FieldError> {
        let m = object(body)?;
        reject_unknown(&m, &["id", "situation", "helpful", "comment"])?;
        let id = uuid(&m)?;
        let situation = id_of(&m, "situation", |s| known.situation(s))?;
        let helpful = match m.get("helpful") {
            Some(Value::Bool(b)) => *b,
            Some(_) => return err("helpful", "«План помог» — да или нет (true или false)"),
            None => return required("helpful"),
        };
        Ok(Helpful { id, situation, helpful, comment: comment(&m)? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct All;
    impl Known for All {
        fn service(&self, id: &str) -> bool {
            id == "birth-registration"
        }
        fn situation(&self, id: &str) -> bool {
            id == "birth"
        }
    }

    fn body(extra: &str) -> Vec<u8> {
        format!(
            r#"{{"id":"3f2b1c9e-8d4a-4f6b-9c1d-2e7a5b8c0d1f","service":"birth-registration","overall":5,"waiting":4,"politeness":5,"comfort":3,"information":4,"channel":"mfc"{extra}}}"#
        )
        .into_bytes()
    }

    #[test]
    fn a_good_rating_parses() {
        let r = Rating::parse(&body(r#","term_met":true,"comment":"  Спасибо  ""#), &All).unwrap();
        assert_eq!(r.criteria, [4, 5, 3, 4]);
        assert_eq!(r.comment.as_deref(), Some("Спасибо"));
        assert!(r.satisfied());
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases = [
            (body(r#","overall":6"#), "overall"),
            (body(r#","channel":"fax""#), "channel"),
            (body(r#","term_met":"yes""#), "term_met"),
            (body(&format!(r#","comment":"{}""#, "я".repeat(1001))), "comment"),
            (body(r#","ip":"1.2.3.4""#), "ip"),
            (br#"{"id":"nope"}"#.to_vec(), "id"),
            (br#"[1]"#.to_vec(), ""),
        ];
        for (b, field) in cases {
            let e = Rating::parse(&b, &All).unwrap_err();
            assert_eq!(e.field, field, "{}", String::from_utf8_lossy(&b));
        }
        let unknown = String::from_utf8(body("")).unwrap().replace("birth-registration", "moon-landing");
        assert_eq!(Rating::parse(unknown.as_bytes(), &All).unwrap_err().field, "service");
    }

    #[test]
    fn the_two_indicators_are_optional_numbers_and_no_queue_online() {
        let r = Rating::parse(&body(r#","waited_minutes":12,"visits":2"#), &All).unwrap();
        assert_eq!((r.waited_minutes, r.visits), (Some(12), Some(2)));
        let none = Rating::parse(&body(""), &All).unwrap();
        assert_eq!((none.waited_minutes, none.visits), (None, None));
        for (extra, field) in [
            (r#","visits":0"#, "visits"),
            (r#","waited_minutes":-1"#, "waited_minutes"),
            (r#","visits":"2""#, "visits"),
        ] {
            assert_eq!(Rating::parse(&body(extra), &All).unwrap_err().field, field, "{extra}");
        }
        let online = String::from_utf8(body(r#","waited_minutes":5"#))
            .unwrap()
            .replace(r#""channel":"mfc""#, r#""channel":"portal""#);
        assert_eq!(Rating::parse(online.as_bytes(), &All).unwrap_err().field, "waited_minutes");
    }

    #[test]
    fn a_comment_of_exactly_1000_characters_is_accepted() {
        assert!(Rating::parse(&body(&format!(r#","comment":"{}""#, "я".repeat(1000))), &All).is_ok());
    }

    /// Guards the defect where the comment was measured before trimming: 1,000 letters
    /// with spaces around them were refused.
    #[test]
    fn a_comment_is_measured_after_trimming() {
        let padded = format!(r#","comment":"   {}   ""#, "я".repeat(1000));
        assert_eq!(Rating::parse(&body(&padded), &All).unwrap().comment.unwrap().chars().count(), 1000);
    }

    /// Guards the defect where a NUL in a comment made PostgreSQL refuse the whole group
    /// commit, failing every other citizen's rating in it.
    #[test]
    fn control_characters_are_refused_naming_the_comment() {
        for bad in [r#","comment":"a\u0000b""#, r#","comment":"a\u0007b""#, r#","comment":"\u001b[31m""#] {
            assert_eq!(Rating::parse(&body(bad), &All).unwrap_err().field, "comment", "{bad}");
        }
        let lines = Rating::parse(&body(r#","comment":"строка\nещё\tодна""#), &All).unwrap();
        assert_eq!(lines.comment.as_deref(), Some("строка\nещё\tодна"), "new lines and tabs are text");
    }

    /// Guards the defect where `5.0` was refused as a score.
    #[test]
    fn a_whole_number_written_with_a_point_is_a_score() {
        let with = |overall: &str| String::from_utf8(body("")).unwrap().replace(r#""overall":5"#, overall);
        assert_eq!(Rating::parse(with(r#""overall":5.0"#).as_bytes(), &All).unwrap().overall, 5);
        assert_eq!(Rating::parse(with(r#""overall":4.5"#).as_bytes(), &All).unwrap_err().field, "overall");
    }
}
