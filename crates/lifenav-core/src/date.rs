//! Civil dates and the Russian production calendar (working days).
//!
//! Our own small date type keeps the core free of a date library (the widget's
//! download budget is tight) and makes every computation deterministic.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

const MONTHS_RU_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        if !(1900..=2200).contains(&year) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Date, String> {
        let s = s.trim();
        let bad = || format!("`{s}` is not a date: write it as YYYY-MM-DD, for example 2026-11-14");
        let mut parts = s.split('-');
        let (y, m, d) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(y), Some(m), Some(d), None) if y.len() == 4 && m.len() == 2 && d.len() == 2 => (y, m, d),
            _ => return Err(bad()),
        };
        let num = |p: &str| -> Result<u32, String> {
            if p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse::<u32>().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let (y, m, d) = (num(y)?, num(m)?, num(d)?);
        Date::new(y as i32, m as u8, d as u8)
            .ok_or_else(|| format!("`{s}` is not a real calendar date (years 1900–2200)"))
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    pub fn to_days(self) -> i64 {
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719468;
        let era = if z >= 0 { z } else { z - 146096 } / 146097;
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date { year: (y + if m <= 2 { 1 } else { 0 }) as i32, month: m, day: d }
    }

    /// The local date at a Unix time in a zone `utc_offset_hours` east of UTC
    /// (Irkutsk is +8): the clock is read by the caller, so this stays pure.
    pub fn from_unix_seconds(seconds: i64, utc_offset_hours: i64) -> Date {
        Date::from_days((seconds + utc_offset_hours * 3600).div_euclid(86_400))
    }

    /// Irkutsk's offset from UTC, the default zone of the demo catalog's city.
    pub const IRKUTSK_UTC_OFFSET: i64 = 8;

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Adds whole months; a day that does not exist in the target month becomes the
    /// month's last day (Civil Code art. 192 p. 3).
    pub fn add_months(self, n: i32) -> Date {
        let total = self.year * 12 + (self.month as i32 - 1) + n;
        let year = total.div_euclid(12);
        let month = (total.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// ISO weekday: Monday = 1 … Sunday = 7.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        ((self.to_days() + 3).rem_euclid(7) + 1) as u8
    }

    pub fn is_weekend(self) -> bool {
        self.weekday() >= 6
    }

    /// "14 декабря 2026" / "14 December 2026".
    pub fn human(self, lang: crate::Lang) -> String {
        let i = (self.month - 1) as usize;
        match lang {
            crate::Lang::Ru => format!("{} {} {}", self.day, MONTHS_RU_GENITIVE[i], self.year),
            crate::Lang::En => format!("{} {} {}", self.day, MONTHS_EN[i], self.year),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
            // TOML's own dates (`checked = 2026-11-01`, no quotes) reach serde as a
            // one-entry map; accept them so editors may write either form.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                let Some(_key) = map.next_key::<String>()? else {
                    return Err(de::Error::custom("expected a date YYYY-MM-DD"));
                };
                let raw: String = map.next_value()?;
                Date::parse(&raw).map_err(de::Error::custom)
            }
        }
        d.deserialize_any(DateVisitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
    }
}

/// The production calendar: which days are working days.
///
/// Built-in: Saturdays and Sundays, the fixed non-working holidays of the Labour Code
/// (art. 112 p. 1), and the transfer of a holiday that falls on a weekend to the next
/// working day (art. 112 p. 2; the January holidays are not transferred that way, the
/// Government moves two of them by its yearly decree instead). The catalog adds the
/// decree's transfers for each year as `holidays` and `workdays`.
#[derive(Debug, Clone, Default)]
pub struct ProductionCalendar {
    extra_holidays: Vec<Date>,
    extra_workdays: Vec<Date>,
    /// The years whose decree the catalog has, sorted.
    covered: Vec<i32>,
}

/// Fixed non-working holidays, Labour Code art. 112 p. 1.
const FIXED_HOLIDAYS: [(u8, u8); 14] =
    [(1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8), (2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)];

impl ProductionCalendar {
    /// A calendar with these transfers that covers no year.
    pub fn new(mut extra_holidays: Vec<Date>, mut extra_workdays: Vec<Date>) -> Self {
        extra_holidays.sort();
        extra_workdays.sort();
        ProductionCalendar { extra_holidays, extra_workdays, covered: Vec::new() }
    }

    /// The catalog's calendar: its years, and the flat lists of the older format.
    pub fn of_meta(meta: &crate::model::Meta) -> Self {
        let mut holidays = meta.holidays.clone();
        let mut workdays = meta.workdays.clone();
        for y in &meta.calendar {
            holidays.extend(y.holidays.iter().copied());
            workdays.extend(y.workdays.iter().copied());
        }
        let mut cal = ProductionCalendar::new(holidays, workdays);
        cal.covered = meta.calendar.iter().map(|y| y.year).collect();
        cal.covered.sort_unstable();
        cal.covered.dedup();
        cal
    }

    /// The years the calendar knows the transfers of.
    pub fn covered_years(&self) -> &[i32] {
        &self.covered
    }

    /// The years from `from` to `to` (inclusive) whose transfers the calendar does not
    /// know: working days counted there follow the Labour Code alone.
    pub fn uncovered_between(&self, from: Date, to: Date) -> Vec<i32> {
        (from.year.min(to.year)..=from.year.max(to.year)).filter(|y| self.covered.binary_search(y).is_err()).collect()
    }

    pub fn is_fixed_holiday(date: Date) -> bool {
        FIXED_HOLIDAYS.contains(&(date.month, date.day))
    }

    /// A non-January holiday on a Saturday or Sunday gives a day off on the next working day.
    fn is_transferred_day_off(&self, date: Date) -> bool {
        if date.is_weekend() || Self::is_fixed_holiday(date) {
            return false;
        }
        // Walk back over the run of non-working days before `date`, and count the
        // weekend holidays in it that still need a weekday.
        let mut owed = 0;
        let mut d = date.add_days(-1);
        while d.is_weekend() || Self::is_fixed_holiday(d) {
            if d.is_weekend() && Self::is_fixed_holiday(d) && d.month != 1 {
                owed += 1;
            }
            d = d.add_days(-1);
        }
        if owed == 0 {
            return false;
        }
        // Days between the run and `date` that were themselves given off count against what is owed.
        let mut given = 0;
        let mut e = d.add_days(1);
        while e < date {
            if !e.is_weekend() && !Self::is_fixed_holiday(e) {
                given += 1;
            }
            e = e.add_days(1);
        }
        given < owed
    }

    pub fn is_working_day(&self, date: Date) -> bool {
        if self.extra_workdays.binary_search(&date).is_ok() {
            return true;
        }
        if self.extra_holidays.binary_search(&date).is_ok() {
            return false;
        }
        !(date.is_weekend() || Self::is_fixed_holiday(date) || self.is_transferred_day_off(date))
    }

    /// The date `n` working days after `from` (the count starts the next day,
    /// as administrative terms do); `n = 0` gives `from` itself.
    pub fn add_working_days(&self, from: Date, n: u32) -> Date {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = d.add_days(1);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// A deadline that ends on a non-working day moves to the next working day
    /// (Civil Code art. 193).
    pub fn next_working_day_from(&self, date: Date) -> Date {
        let mut d = date;
        let mut guard = 0;
        while !self.is_working_day(d) && guard < 60 {
            d = d.add_days(1);
            guard += 1;
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parse_and_display_round_trip() {
        assert_eq!(d("2026-11-14").to_string(), "2026-11-14");
        assert!(Date::parse("2026-02-30").is_err());
        assert!(Date::parse("2026-2-3").is_err());
        assert!(Date::parse("14.11.2026").is_err());
        assert!(Date::parse("").is_err());
        assert!(Date::parse("+026-11-14").is_err());
    }

    #[test]
    fn day_numbers_round_trip_over_centuries() {
        for z in [-25567i64, 0, 1, 10957, 20000, 47482, 84000] {
            assert_eq!(Date::from_days(z).to_days(), z);
        }
        assert_eq!(d("1970-01-01").to_days(), 0);
        assert_eq!(d("2000-03-01").to_days() - d("2000-02-28").to_days(), 2);
    }

    #[test]
    fn local_dates_from_unix_time() {
        // 2026-11-22 20:00 UTC is already the 23rd in Irkutsk.
        let t = d("2026-11-22").to_days() * 86_400 + 20 * 3600;
        assert_eq!(Date::from_unix_seconds(t, 0), d("2026-11-22"));
        assert_eq!(Date::from_unix_seconds(t, Date::IRKUTSK_UTC_OFFSET), d("2026-11-23"));
    }

    #[test]
    fn weekdays() {
        assert_eq!(d("2026-11-22").weekday(), 7); // a Sunday
        assert_eq!(d("2026-11-23").weekday(), 1);
        assert_eq!(d("2024-02-29").weekday(), 4);
    }

    #[test]
    fn months_clamp_to_the_last_day() {
        assert_eq!(d("2026-01-31").add_months(1), d("2026-02-28"));
        assert_eq!(d("2024-01-31").add_months(1), d("2024-02-29"));
        assert_eq!(d("2026-11-14").add_months(1), d("2026-12-14"));
        assert_eq!(d("2026-12-14").add_months(2), d("2027-02-14"));
    }

    #[test]
    fn fixed_holidays_and_weekends_are_not_working_days() {
        let cal = ProductionCalendar::default();
        assert!(!cal.is_working_day(d("2026-11-04"))); // Day of National Unity, a Wednesday
        assert!(!cal.is_working_day(d("2026-01-05")));
        assert!(!cal.is_working_day(d("2026-11-21"))); // Saturday
        assert!(cal.is_working_day(d("2026-11-05")));
    }

    #[test]
    fn a_weekend_holiday_moves_to_the_next_weekday() {
        let cal = ProductionCalendar::default();
        // 2026-03-08 is a Sunday: Monday 9 March is a day off (art. 112 p. 2).
        assert!(!cal.is_working_day(d("2026-03-09")));
        assert!(cal.is_working_day(d("2026-03-10")));
        // 2027-01-02 is a Saturday, but January holidays are not moved this way.
        assert!(cal.is_working_day(d("2027-01-11")));
    }

    #[test]
    fn decree_transfers_override_the_rules() {
        let cal = ProductionCalendar::new(vec![d("2026-12-31")], vec![d("2026-11-21")]);
        assert!(!cal.is_working_day(d("2026-12-31")));
        assert!(cal.is_working_day(d("2026-11-21")));
    }

    #[test]
    fn a_calendar_knows_which_years_it_covers() {
        let mut meta: crate::model::Meta = serde_json::from_value(serde_json::json!({
            "city": "X", "version": "1", "effective": "2026-11-01",
            "calendar": [{ "year": 2026, "holidays": ["2026-12-31"] }],
            "holidays": ["2027-12-31"]
        }))
        .unwrap();
        let cal = ProductionCalendar::of_meta(&meta);
        assert_eq!(cal.covered_years(), [2026]);
        assert!(!cal.is_working_day(d("2026-12-31")));
        // The flat list still applies, but its year is not covered.
        assert!(!cal.is_working_day(d("2027-12-31")));
        assert_eq!(cal.uncovered_between(d("2026-12-20"), d("2028-01-10")), [2027, 2028]);
        assert!(cal.uncovered_between(d("2026-01-01"), d("2026-12-31")).is_empty());
        meta.calendar.clear();
        assert_eq!(ProductionCalendar::of_meta(&meta).uncovered_between(d("2026-01-01"), d("2026-02-01")), [2026]);
    }

    #[test]
    fn working_days_skip_holidays() {
        let cal = ProductionCalendar::default();
        // Monday 2 Nov 2026 + 3 working days: Tue 3, (Wed 4 holiday), Thu 5, Fri 6.
        assert_eq!(cal.add_working_days(d("2026-11-02"), 3), d("2026-11-06"));
        assert_eq!(cal.add_working_days(d("2026-11-02"), 0), d("2026-11-02"));
        // Friday + 1 working day = Monday.
        assert_eq!(cal.add_working_days(d("2026-11-20"), 1), d("2026-11-23"));
    }

    #[test]
    fn deadline_on_a_day_off_moves_forward() {
        let cal = ProductionCalendar::default();
        assert_eq!(cal.next_working_day_from(d("2026-11-21")), d("2026-11-23"));
        assert_eq!(cal.next_working_day_from(d("2026-11-23")), d("2026-11-23"));
    }
}
