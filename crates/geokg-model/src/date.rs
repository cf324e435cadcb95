//! Dates as precise as the text allows: a year, a month or a day.
//!
//! News rarely dates everything to the day ("im März", "in 2019"), and the contract keeps that
//! precision (`"2019"`, `"2023-09"`, `"2023-09-11"`) instead of inventing a day.

use std::fmt;
use std::str::FromStr;

/// A calendar date known to the year, the month or the day.
///
/// Orders by year, then month, then day, with the less precise date first
/// (`2023 < 2023-09 < 2023-09-01`).
/// ```
/// # use geokg_model::PartialDate;
/// let date: PartialDate = "2023-09".parse().unwrap();
/// assert_eq!(date.to_string(), "2023-09");
/// assert_eq!(date.with_day(11).unwrap().to_string(), "2023-09-11");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: expected YYYY, YYYY-MM or YYYY-MM-DD", self.0)
    }
}

impl std::error::Error for DateError {}

impl PartialDate {
    /// A date known to the year.
    #[must_use]
    pub fn year(year: i32) -> Self {
        Self { year, month: None, day: None }
    }

    /// A date known to the month, or `None` when the month is not 1-12.
    #[must_use]
    pub fn month(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self { year, month: Some(month), day: None })
    }

    /// A date known to the day, or `None` when no such day exists.
    #[must_use]
    pub fn day(year: i32, month: u8, day: u8) -> Option<Self> {
        Self::month(year, month)?.with_day(day)
    }

    /// The same month with a day, or `None` when the date has no month or the day does not exist.
    #[must_use]
    pub fn with_day(self, day: u8) -> Option<Self> {
        let month = self.month?;
        (day >= 1 && day <= days_in_month(self.year, month)).then_some(Self { day: Some(day), ..self })
    }

    /// The year.
    #[must_use]
    pub fn get_year(self) -> i32 {
        self.year
    }

    /// The month (1-12), when known.
    #[must_use]
    pub fn get_month(self) -> Option<u8> {
        self.month
    }

    /// The day of the month, when known.
    #[must_use]
    pub fn get_day(self) -> Option<u8> {
        self.day
    }

    /// The same date cut to the month (a year stays a year).
    #[must_use]
    pub fn to_month(self) -> Self {
        Self { day: None, ..self }
    }

    /// The XML Schema datatype local name matching the precision: `gYear`, `gYearMonth` or `date`.
    #[must_use]
    pub fn xsd_type(self) -> &'static str {
        match (self.month, self.day) {
            (None, _) => "gYear",
            (Some(_), None) => "gYearMonth",
            (Some(_), Some(_)) => "date",
        }
    }

    /// Whether `self` and `other` can denote the same day: equal where both are known.
    #[must_use]
    pub fn is_compatible(self, other: Self) -> bool {
        self.year == other.year
            && (self.month.is_none() || other.month.is_none() || self.month == other.month)
            && (self.day.is_none() || other.day.is_none() || self.day == other.day)
    }

    /// Days since 1970-01-01 of the first day the date can denote.
    #[must_use]
    pub fn to_days(self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The day `days` after 1970-01-01.
    #[must_use]
    pub fn from_days(days: i64) -> Self {
        let (year, month, day) = civil_from_days(days);
        Self { year, month: Some(month), day: Some(day) }
    }

    /// This day moved by `days` (only for dates known to the day; others are returned unchanged).
    #[must_use]
    pub fn add_days(self, days: i64) -> Self {
        if self.day.is_none() {
            return self;
        }
        Self::from_days(self.to_days() + days)
    }

    /// This date moved by `months`, keeping its precision (days are clamped to the month's end).
    #[must_use]
    pub fn add_months(self, months: i32) -> Self {
        let Some(month) = self.month else { return self };
        let index = self.year * 12 + i32::from(month) - 1 + months;
        let year = index.div_euclid(12);
        let month = (index.rem_euclid(12) + 1) as u8;
        let day = self.day.map(|day| day.min(days_in_month(year, month)));
        Self { year, month: Some(month), day }
    }

    /// The weekday of a full date, 0 = Monday … 6 = Sunday.
    #[must_use]
    pub fn weekday(self) -> Option<u8> {
        self.day?;
        // 1970-01-01 was a Thursday (3).
        Some(((self.to_days() + 3).rem_euclid(7)) as u8)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let error = || DateError(text.to_owned());
        // Timestamps such as 2023-09-11T13:44:00Z keep their date part.
        let date = text.trim().split(['T', ' ']).next().unwrap_or_default();
        let mut parts = date.split('-');
        let year = parts.next().filter(|p| p.len() == 4).ok_or_else(error)?;
        let year: i32 = year.parse().map_err(|_| error())?;
        let Some(month) = parts.next() else {
            return Ok(Self::year(year));
        };
        let month: u8 = month.parse().map_err(|_| error())?;
        let with_month = Self::month(year, month).ok_or_else(error)?;
        let Some(day) = parts.next() else {
            return Ok(with_month);
        };
        let day: u8 = day.parse().map_err(|_| error())?;
        if parts.next().is_some() {
            return Err(error());
        }
        with_month.with_day(day).ok_or_else(error)
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month of a year (February counts leap years).
#[must_use]
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's civil-date algorithms: exact for the proleptic Gregorian calendar.
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year as i32, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for text in ["2019", "2023-09", "2023-09-11", "2024-02-29"] {
            assert_eq!(date(text).to_string(), text);
        }
        assert_eq!(date("2023-09-11T13:44:00Z").to_string(), "2023-09-11");
    }

    #[test]
    fn refuses_impossible_dates() {
        for text in ["2023-02-29", "2023-13", "23-01-01", "2023-1-1-1", "", "soon"] {
            assert!(text.parse::<PartialDate>().is_err(), "{text}");
        }
    }

    #[test]
    fn day_arithmetic_round_trips() {
        assert_eq!(date("2023-09-11").add_days(-7).to_string(), "2023-09-04");
        assert_eq!(date("2024-03-01").add_days(-1).to_string(), "2024-02-29");
        assert_eq!(date("2023-01-31").add_months(1).to_string(), "2023-02-28");
        assert_eq!(date("2023-01").add_months(-1).to_string(), "2022-12");
        assert_eq!(date("2023-09-11").weekday(), Some(0));
    }

    #[test]
    fn less_precise_sorts_first() {
        assert!(date("2023") < date("2023-09"));
        assert!(date("2023-09") < date("2023-09-01"));
        assert!(date("2023-09").is_compatible(date("2023-09-11")));
        assert!(!date("2023-08").is_compatible(date("2023-09-11")));
    }
}
