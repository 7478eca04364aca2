//! The citizen's rating of a service as the widget's form collects it, checked and made
//! into the body the feedback service takes (`POST /api/v1/ratings`). The limits are the
//! service's own, so the form refuses what the service would.

use serde_json::{json, Value};

/// Minutes waited in a queue: up to a day.
pub const MAX_WAITED_MINUTES: u32 = 24 * 60;
/// Visits needed for one service.
pub const MAX_VISITS: u32 = 50;

/// The ways of getting a service the form offers (the catalog's channels but `automatic`).
pub const CHANNELS: [&str; 5] = ["in_person", "one_window", "mfc", "portal", "post"];

/// Whether the form asks how long the citizen waited: there is no queue on the portal or
/// by post.
pub fn asks_waiting(channel: Option<&str>) -> bool {
    !matches!(channel, Some("portal" | "post"))
}

/// What the form still needs, the first problem in the form's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Not all five scores are given.
    Scores,
    Channel,
    /// Not a whole number of minutes from 0 to a day.
    Waited,
    /// Not a whole number of visits from 1 to 50.
    Visits,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RatingDraft {
    /// Overall, waiting, politeness, comfort, information: 1–5 each.
    pub scores: [Option<u8>; 5],
    pub channel: Option<String>,
    pub term_met: Option<bool>,
    pub comment: String,
    /// As typed; empty when not answered.
    pub waited_minutes: String,
    pub visits: String,
}

/// A whole number as a citizen types it («15», « 15 »); empty means not answered.
fn number(text: &str, min: u32, max: u32) -> Result<Option<u32>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err(()),
    }
}

impl RatingDraft {
    /// The body to send for `service`, or what is missing or wrong. The waiting time is
    /// left out for the portal and post even when something was typed before the channel
    /// changed: the field is hidden then.
    pub fn body(&self, service: &str) -> Result<Value, Problem> {
        let [Some(overall), Some(waiting), Some(politeness), Some(comfort), Some(information)] = self.scores else {
            return Err(Problem::Scores);
        };
        let channel = self.channel.as_deref().filter(|c| CHANNELS.contains(c)).ok_or(Problem::Channel)?;
        let waited = match asks_waiting(Some(channel)) {
            true => number(&self.waited_minutes, 0, MAX_WAITED_MINUTES).map_err(|_| Problem::Waited)?,
            false => None,
        };
        let visits = number(&self.visits, 1, MAX_VISITS).map_err(|_| Problem::Visits)?;
        let comment = self.comment.trim();
        Ok(json!({
            "service": service,
            "overall": overall,
            "waiting": waiting,
            "politeness": politeness,
            "comfort": comfort,
            "information": information,
            "channel": channel,
            "term_met": self.term_met,
            "comment": if comment.is_empty() { Value::Null } else { comment.into() },
            "waited_minutes": waited,
            "visits": visits,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> RatingDraft {
        RatingDraft {
            scores: [Some(2), Some(3), Some(4), Some(5), Some(1)],
            channel: Some("mfc".into()),
            ..Default::default()
        }
    }

    #[test]
    fn the_two_numbers_are_optional_and_sent_when_given() {
        let body = filled().body("snils").unwrap();
        assert_eq!(body["overall"], 2);
        assert_eq!(body["information"], 1);
        assert!(body["waited_minutes"].is_null() && body["visits"].is_null() && body["comment"].is_null());
        let mut d = filled();
        d.waited_minutes = " 25 ".into();
        d.visits = "2".into();
        d.comment = "  Долго ждали  ".into();
        let body = d.body("snils").unwrap();
        assert_eq!((body["waited_minutes"].as_u64(), body["visits"].as_u64()), (Some(25), Some(2)));
        assert_eq!(body["comment"], "Долго ждали");
    }

    #[test]
    fn what_is_missing_or_out_of_range_is_named() {
        let mut d = filled();
        d.scores[3] = None;
        assert_eq!(d.body("x"), Err(Problem::Scores));
        let mut d = filled();
        d.channel = None;
        assert_eq!(d.body("x"), Err(Problem::Channel));
        d.channel = Some("automatic".into());
        assert_eq!(d.body("x"), Err(Problem::Channel), "a channel the service does not take");
        for (waited, visits, problem) in [
            ("-1", "", Problem::Waited),
            ("1441", "", Problem::Waited),
            ("пять", "", Problem::Waited),
            ("2.5", "", Problem::Waited),
            ("", "0", Problem::Visits),
            ("", "51", Problem::Visits),
        ] {
            let mut d = filled();
            d.waited_minutes = waited.into();
            d.visits = visits.into();
            assert_eq!(d.body("x"), Err(problem), "{waited:?} {visits:?}");
        }
        let mut d = filled();
        d.waited_minutes = "0".into();
        d.visits = "50".into();
        assert!(d.body("x").is_ok(), "the limits themselves are allowed");
    }

    /// The service refuses a waiting time for the portal (no queue there): a number typed
    /// before switching to the portal must not make the rating bounce.
    #[test]
    fn no_waiting_time_online_even_if_typed_before() {
        let mut d = filled();
        d.waited_minutes = "40".into();
        d.channel = Some("portal".into());
        assert!(d.body("x").unwrap()["waited_minutes"].is_null());
        d.waited_minutes = "не помню".into();
        assert!(d.body("x").is_ok(), "a hidden field cannot hold the form up");
        assert!(!asks_waiting(Some("post")) && asks_waiting(Some("mfc")) && asks_waiting(None));
    }
}
