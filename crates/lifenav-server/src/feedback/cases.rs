//! How departments answer citizens' ratings. A rating below 3 with a comment must be
//! looked into and answered within 30 days (configurable): the regional rules on «Ваш
//! контроль» ratings. A responder answers (publicly, or for the citizen alone, with an
//! excerpt of the comment they chose to publish), marks a rating resolved, or passes it to
//! the department it concerns. The citizen, who alone knows the rating's random id, reads
//! the answer and says whether it helped.

use super::rating::Rating;
use super::store::{stored_from_row, Stored};
use crate::db::{Db, DbError};
use crate::{on_db, record_in};
use lifenav_core::Date;
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Nobody has acted on it yet.
    Open,
    Answered,
    Resolved,
    /// Not a matter for this department: passed to another.
    Passed,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Answered => "answered",
            Status::Resolved => "resolved",
            Status::Passed => "passed",
        }
    }
    fn parse(s: &str) -> Status {
        match s {
            "answered" => Status::Answered,
            "resolved" => Status::Resolved,
            "passed" => Status::Passed,
            _ => Status::Open,
        }
    }
}

/// What a department did with a rating.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Handling {
    /// Set when the rating was passed to another department than its service's provider.
    pub department: Option<String>,
    pub status: Status,
    pub answer: Option<String>,
    pub public: bool,
    pub excerpt: Option<String>,
    pub answered_by: Option<String>,
    /// Unix seconds.
    pub answered_at: Option<i64>,
    /// The citizen's reply: did the answer help?
    pub helped: Option<bool>,
}

/// A rating with what was done about it.
#[derive(Debug, Clone)]
pub struct Case {
    pub stored: Stored,
    pub handling: Option<Handling>,
}

/// Whether the rules require an answer: overall below 3 and a comment.
pub fn must_answer(r: &Rating) -> bool {
    r.overall < 3 && r.comment.is_some()
}

/// The day an answer is due, for a rating that must be answered.
pub fn due(stored: &Stored, within_days: i64) -> Option<Date> {
    must_answer(&stored.rating)
        .then(|| Date::parse(&stored.received_on).ok().map(|d| d.add_days(within_days)))
        .flatten()
}

impl Case {
    pub fn status(&self) -> Status {
        self.handling.as_ref().map_or(Status::Open, |h| h.status)
    }

    /// Answered (or settled) by the due day, judged in the city's time.
    pub fn answered_on_time(&self, within_days: i64, utc_offset_hours: i64) -> Option<bool> {
        let due = due(&self.stored, within_days)?;
        let at = self.handling.as_ref()?.answered_at?;
        Some(Date::from_unix_seconds(at, utc_offset_hours) <= due)
    }

    /// Days from the rating's day to the answer.
    pub fn answer_days(&self, utc_offset_hours: i64) -> Option<i64> {
        let day = Date::parse(&self.stored.received_on).ok()?;
        let at = self.handling.as_ref()?.answered_at?;
        Some(Date::from_unix_seconds(at, utc_offset_hours).to_days() - day.to_days())
    }
}

const SELECT: &str = "SELECT r.id, r.service, r.overall, r.waiting, r.politeness, r.comfort, r.information, r.channel,
        r.term_met, r.comment, r.received_on, r.waited_minutes, r.visits,
        c.department AS c_department, c.status AS c_status, c.answer AS c_answer, c.public AS c_public,
        c.excerpt AS c_excerpt, c.answered_by AS c_answered_by, c.answered_at AS c_answered_at, c.helped AS c_helped
    FROM ratings r LEFT JOIN rating_cases c ON c.rating = r.id";

macro_rules! case_from_row {
    ($r:expr) => {
        Case {
            stored: stored_from_row!($r),
            handling: $r.get::<Option<String>, _>("c_status").map(|status| Handling {
                department: $r.get("c_department"),
                status: Status::parse(&status),
                answer: $r.get("c_answer"),
                public: $r.get::<Option<i64>, _>("c_public").unwrap_or(0) == 1,
                excerpt: $r.get("c_excerpt"),
                answered_by: $r.get("c_answered_by"),
                answered_at: $r.get("c_answered_at"),
                helped: $r.get::<Option<i64>, _>("c_helped").map(|h| h == 1),
            }),
        }
    };
}

/// Every rating received from `from` to `to` (days, inclusive), with its handling.
pub async fn in_period(db: &Db, from: &str, to: &str) -> Result<Vec<Case>, DbError> {
    let sql = format!("{SELECT} WHERE r.received_on >= $1 AND r.received_on <= $2 ORDER BY r.received_on, r.id");
    Ok(
        on_db!(db, p => sqlx::query(&sql).bind(from).bind(to).fetch_all(p).await?.iter().map(|r| case_from_row!(r)).collect()),
    )
}

/// The ratings a department may have to look at: with a comment, or below 3.
pub async fn to_look_at(db: &Db) -> Result<Vec<Case>, DbError> {
    let sql = format!("{SELECT} WHERE r.comment IS NOT NULL OR r.overall < 3 ORDER BY r.received_on DESC, r.id");
    Ok(on_db!(db, p => sqlx::query(&sql).fetch_all(p).await?.iter().map(|r| case_from_row!(r)).collect()))
}

pub async fn by_ids(db: &Db, ids: &[String]) -> Result<Vec<Case>, DbError> {
    let mut out = Vec::with_capacity(ids.len());
    let sql = format!("{SELECT} WHERE r.id = $1");
    for id in ids {
        let found = on_db!(db, p => sqlx::query(&sql).bind(id).fetch_optional(p).await?.map(|r| case_from_row!(r)));
        out.extend(found);
    }
    Ok(out)
}

/// The public answers to one service's ratings, newest first.
pub async fn public_answers(db: &Db, service: &str, limit: i64) -> Result<Vec<Case>, DbError> {
    let sql = format!(
        "{SELECT} WHERE r.service = $1 AND c.public = 1 AND c.answer IS NOT NULL ORDER BY c.answered_at DESC LIMIT $2"
    );
    Ok(
        on_db!(db, p => sqlx::query(&sql).bind(service).bind(limit).fetch_all(p).await?.iter().map(|r| case_from_row!(r)).collect()),
    )
}

/// A responder's action on a rating.
pub struct Act<'a> {
    pub rating: &'a str,
    pub status: Status,
    /// The department it now belongs to, when passed on.
    pub department: Option<&'a str>,
    /// That department's name, for the audit log.
    pub department_name: Option<&'a str>,
    pub answer: Option<&'a str>,
    pub public: bool,
    pub excerpt: Option<&'a str>,
    pub by: &'a str,
    pub at: i64,
}

impl<'a> Act<'a> {
    /// `status` set on `rating` by `by`, now, with nothing else changed.
    pub fn new(rating: &'a str, status: Status, by: &'a str, at: i64) -> Act<'a> {
        Act {
            rating,
            status,
            department: None,
            department_name: None,
            answer: None,
            public: false,
            excerpt: None,
            by,
            at,
        }
    }
}

/// Records an action (and its audit entry, in the same transaction).
pub async fn act(db: &Db, a: &Act<'_>) -> Result<(), DbError> {
    let answered_at = a.answer.map(|_| a.at);
    let sql = "INSERT INTO rating_cases (rating, department, status, answer, public, excerpt, answered_by, answered_at, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
               ON CONFLICT (rating) DO UPDATE SET
                 department = COALESCE(EXCLUDED.department, rating_cases.department),
                 status = EXCLUDED.status,
                 answer = COALESCE(EXCLUDED.answer, rating_cases.answer),
                 public = CASE WHEN EXCLUDED.answer IS NULL THEN rating_cases.public ELSE EXCLUDED.public END,
                 excerpt = CASE WHEN EXCLUDED.answer IS NULL THEN rating_cases.excerpt ELSE EXCLUDED.excerpt END,
                 answered_by = COALESCE(EXCLUDED.answered_by, rating_cases.answered_by),
                 answered_at = COALESCE(EXCLUDED.answered_at, rating_cases.answered_at),
                 updated_at = EXCLUDED.updated_at";
    let answered_by = a.answer.map(|_| a.by);
    let detail = a
        .department
        .map(|d| format!("передан: {}", a.department_name.unwrap_or(d)))
        .or(a.answer.map(|t| t.chars().take(200).collect()))
        .unwrap_or_default();
    let action = format!("rating_{}", a.status.as_str());
    on_db!(db, p => {
        let mut tx = p.begin().await?;
        sqlx::query(sql)
            .bind(a.rating).bind(a.department).bind(a.status.as_str()).bind(a.answer).bind(i64::from(a.public))
            .bind(a.excerpt).bind(answered_by).bind(answered_at).bind(a.at)
            .execute(&mut *tx).await?;
        record_in!(&mut *tx, a.by, action.as_str(), &format!("rating {}", a.rating), detail.as_str());
        tx.commit().await?;
    });
    Ok(())
}

/// The citizen says whether the answer helped; false when there is no answer to reply to.
pub async fn set_helped(db: &Db, rating: &str, helped: bool) -> Result<bool, DbError> {
    let sql = "UPDATE rating_cases SET helped = $1 WHERE rating = $2 AND answer IS NOT NULL";
    let n = on_db!(db, p => sqlx::query(sql).bind(i64::from(helped)).bind(rating).execute(p).await?.rows_affected());
    Ok(n == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(overall: i32, comment: Option<&str>, day: &str, answered_at: Option<i64>) -> Case {
        Case {
            stored: Stored {
                rating: Rating {
                    id: "x".into(),
                    service: "s".into(),
                    overall,
                    criteria: [3; 4],
                    channel: "mfc".into(),
                    term_met: None,
                    comment: comment.map(str::to_string),
                    waited_minutes: None,
                    visits: None,
                },
                received_on: day.into(),
            },
            handling: answered_at.map(|at| Handling {
                department: None,
                status: Status::Answered,
                answer: Some("Разобрались".into()),
                public: false,
                excerpt: None,
                answered_by: Some("r".into()),
                answered_at: Some(at),
                helped: None,
            }),
        }
    }

    #[test]
    fn a_low_rating_with_a_comment_is_due_in_30_days_in_the_citys_time() {
        let open = case(2, Some("Долго"), "2026-11-01", None);
        assert_eq!(due(&open.stored, 30), Date::parse("2026-12-01").ok());
        assert_eq!(due(&case(2, None, "2026-11-01", None).stored, 30), None, "no comment, nothing to answer");
        assert_eq!(due(&case(3, Some("Ок"), "2026-11-01", None).stored, 30), None, "3 is not below 3");
        // 2026-12-01 15:59 UTC is 23:59 in Irkutsk: still on time; a minute later it is not.
        let on_time = case(1, Some("Грубо"), "2026-11-01", Some(1_796_140_740));
        assert_eq!(on_time.answered_on_time(30, 8), Some(true));
        let late = case(1, Some("Грубо"), "2026-11-01", Some(1_796_140_800));
        assert_eq!(late.answered_on_time(30, 8), Some(false));
        assert_eq!(on_time.answer_days(8), Some(30));
        assert_eq!(open.answered_on_time(30, 8), None);
    }
}
