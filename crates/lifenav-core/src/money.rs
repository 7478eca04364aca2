//! Sums of money as Russian staff type them and citizens read them: «350», «350,50»,
//! «1 500», «1 500,50 ₽» in, «1 500,50 ₽» out. Sums are counted in whole kopecks, so that
//! «350,50» stays 350 roubles 50 kopecks and totals add up exactly.
//!
//! The catalog writes a fee as a TOML number of roubles (`amount = 350.5`); a number with
//! more than two decimals is refused by the check, so every written fee is a whole number
//! of kopecks and reads back exactly.

use std::fmt;

/// The largest sum the catalog accepts: no state duty or payment of a city comes near it,
/// and a sum this large is a typing error (an extra zero, a pasted phone number).
pub const MAX_KOPECKS: u64 = 100_000_000 * 100;

/// Why a typed sum was refused, in the staff's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    Empty,
    Negative,
    /// Letters, exponents, two commas…: not a sum.
    NotANumber,
    /// More than two digits after the comma.
    FractionOfKopeck,
    TooLarge,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MoneyError::Empty => "укажите сумму в рублях, например 350 или 350,50; если услуга бесплатна, укажите 0",
            MoneyError::Negative => "сумма не может быть меньше нуля",
            MoneyError::NotANumber => "это не сумма: пишите цифры, копейки после запятой, например 1 500,50",
            MoneyError::FractionOfKopeck => "после запятой не больше двух цифр: копейки",
            MoneyError::TooLarge => "сумма больше 100 000 000 ₽: проверьте, нет ли лишних цифр",
        })
    }
}

impl std::error::Error for MoneyError {}

/// A typed sum in kopecks: spaces (also non-breaking) between thousands, a comma or a
/// point before the kopecks, an optional «₽», «руб.» or «р.» after it.
pub fn parse(typed: &str) -> Result<u64, MoneyError> {
    let mut s = typed.trim();
    for unit in ["₽", "руб.", "руб", "р."] {
        if let Some(rest) = s.strip_suffix(unit) {
            s = rest.trim_end();
            break;
        }
    }
    if s.is_empty() {
        return Err(MoneyError::Empty);
    }
    if let Some(rest) = s.strip_prefix(['-', '−']) {
        return Err(if rest.trim().is_empty() { MoneyError::NotANumber } else { MoneyError::Negative });
    }
    let digits: String = s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    let (whole, fraction) = match digits.split_once([',', '.']) {
        Some((w, f)) => (w, Some(f)),
        None => (digits.as_str(), None),
    };
    let all_digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !fraction.is_none_or(all_digits) {
        return Err(MoneyError::NotANumber);
    }
    // Spaces may only group thousands: «1 500», not «15 00».
    if s.contains([' ', '\u{a0}', '\u{202f}']) {
        let whole_written = s.split([',', '.']).next().unwrap_or("");
        let groups: Vec<&str> = whole_written.split([' ', '\u{a0}', '\u{202f}']).filter(|g| !g.is_empty()).collect();
        let grouped = groups.iter().skip(1).all(|g| g.len() == 3) && groups.first().is_some_and(|g| g.len() <= 3);
        if !grouped {
            return Err(MoneyError::NotANumber);
        }
    }
    let kopecks = match fraction {
        None => 0,
        Some(f) if f.len() > 2 => return Err(MoneyError::FractionOfKopeck),
        Some("") => return Err(MoneyError::NotANumber),
        Some(f) => f.parse::<u64>().map_err(|_| MoneyError::NotANumber)? * if f.len() == 1 { 10 } else { 1 },
    };
    let roubles: u64 = whole.parse().map_err(|_| MoneyError::TooLarge)?;
    let total = roubles.checked_mul(100).and_then(|r| r.checked_add(kopecks)).ok_or(MoneyError::TooLarge)?;
    if total > MAX_KOPECKS {
        return Err(MoneyError::TooLarge);
    }
    Ok(total)
}

/// The kopecks of a sum written as roubles in the catalog, if it is a whole number of them.
pub fn kopecks_of(roubles: f64) -> Option<u64> {
    if !roubles.is_finite() || roubles < 0.0 {
        return None;
    }
    let k = (roubles * 100.0).round();
    ((roubles * 100.0 - k).abs() < 1e-6 && k <= MAX_KOPECKS as f64).then_some(k as u64)
}

/// A sum as the catalog writes it: roubles, with the kopecks as decimals.
pub fn roubles(kopecks: u64) -> f64 {
    kopecks as f64 / 100.0
}

/// «350 ₽», «350,50 ₽», «1 500 ₽», «12 000,05 ₽»; thousands apart by a narrow no-break
/// space, as Russian typography has it.
pub fn format(kopecks: u64) -> String {
    let (r, k) = (kopecks / 100, kopecks % 100);
    let digits = r.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    if k == 0 {
        format!("{grouped}\u{a0}₽")
    } else {
        format!("{grouped},{k:02}\u{a0}₽")
    }
}

/// A sum as a form shows it for editing: «1 500,50».
pub fn typed(kopecks: u64) -> String {
    format(kopecks).trim_end_matches('₽').trim_end_matches('\u{a0}').replace('\u{202f}', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_russian_way_of_typing_a_sum() {
        // The defect this guards: «350,50» became 35 050 ₽ and «3,5» became 35.
        assert_eq!(parse("350,50"), Ok(35_050));
        assert_eq!(parse("3,5"), Ok(350));
        assert_eq!(parse("350"), Ok(35_000));
        assert_eq!(parse("350.50"), Ok(35_050));
        assert_eq!(parse("1 500"), Ok(150_000));
        assert_eq!(parse("1\u{a0}500,50 ₽"), Ok(150_050));
        assert_eq!(parse(" 1 500,50 ₽ "), Ok(150_050));
        assert_eq!(parse("5 000 руб."), Ok(500_000));
        assert_eq!(parse("0"), Ok(0));
        assert_eq!(parse("0,05"), Ok(5));
    }

    #[test]
    fn what_is_not_a_sum_is_refused_with_its_reason() {
        assert_eq!(parse(""), Err(MoneyError::Empty));
        assert_eq!(parse("  ₽"), Err(MoneyError::Empty));
        assert_eq!(parse("-1"), Err(MoneyError::Negative));
        assert_eq!(parse("−350"), Err(MoneyError::Negative));
        assert_eq!(parse("1e5"), Err(MoneyError::NotANumber));
        assert_eq!(parse("10^21"), Err(MoneyError::NotANumber));
        assert_eq!(parse("1,2,3"), Err(MoneyError::NotANumber));
        assert_eq!(parse("15 00"), Err(MoneyError::NotANumber), "spaces group thousands only");
        assert_eq!(parse("350,"), Err(MoneyError::NotANumber));
        assert_eq!(parse("три рубля"), Err(MoneyError::NotANumber));
        assert_eq!(parse("350,505"), Err(MoneyError::FractionOfKopeck));
        assert_eq!(parse("1000000000000000000000"), Err(MoneyError::TooLarge), "10^21");
        assert_eq!(parse("100 000 001"), Err(MoneyError::TooLarge));
        assert_eq!(parse("100 000 000"), Ok(MAX_KOPECKS));
    }

    #[test]
    fn sums_are_shown_the_russian_way() {
        assert_eq!(format(35_050), "350,50\u{a0}₽");
        assert_eq!(format(35_000), "350\u{a0}₽");
        assert_eq!(format(150_005), "1\u{202f}500,05\u{a0}₽");
        assert_eq!(format(1_200_000_000), "12\u{202f}000\u{202f}000\u{a0}₽");
        assert_eq!(typed(150_050), "1 500,50");
        assert_eq!(parse(&typed(150_050)), Ok(150_050), "what the form shows reads back");
    }

    #[test]
    fn catalog_numbers_are_whole_kopecks() {
        assert_eq!(kopecks_of(350.5), Some(35_050));
        assert_eq!(kopecks_of(0.1 + 0.2), Some(30), "float noise is not a fraction of a kopeck");
        assert_eq!(kopecks_of(350.505), None);
        assert_eq!(kopecks_of(-1.0), None);
        assert_eq!(kopecks_of(f64::NAN), None);
        assert_eq!(kopecks_of(1e21), None);
        assert_eq!(roubles(35_050), 350.5);
    }
}
