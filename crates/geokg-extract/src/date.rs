//! Date expressions of a sentence and their resolution against the publication date:
//! "am Donnerstag", "Mitte Mai", "13. Juli 2023", "Oct. 18, 2023", "in 2019", "vergangene
//! Woche", "last month", "11.09.2023".
//!
//! Words come from `date.tsv`; numbers around a month name and bare years are read here.
//! A weekday is resolved forwards for plans and backwards otherwise, so "on Thursday" in a
//! Tuesday paper is two days later for "will meet" and five days earlier for "met".

use crate::lexicon::DateWord;
use crate::matcher::Hit;
use geokg_model::PartialDate;
use regex::Regex;
use std::sync::LazyLock;

/// A date as the text gives it, before the publication date is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    /// Complete in the text ("2019", "11.09.2023", "Oct. 18, 2023").
    Date(PartialDate),
    /// A month with maybe a day, and the year only if given.
    Month { month: u8, day: Option<u8>, year: Option<i32> },
    /// A weekday.
    Weekday(u8),
    /// Relative to the publication date.
    Relative(DateWord),
}

/// A date expression in the text (byte span) and what it says.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DateMention {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) when: When,
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(19[5-9]\d|20[0-4]\d)\b").expect("valid regex"));
/// "ten days ago", "vor zwei Wochen", "il y a trois mois", "hace un año": a count of units
/// back from the publication date. Group `n` is the count, `u` the unit.
static AGO: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let count = [
        r"\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|few|several",
        r"einem|einer|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|einigen|wenigen|ein paar|mehreren",
        r"une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quelques|plusieurs",
        r"una?|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|unos|unas|varios|varias",
    ]
    .join("|");
    [
        format!(r"(?i)\b(?P<n>{count})\s+(?P<u>days?|weeks?|months?|years?)\s+ago\b"),
        format!(r"(?i)\bvor\s+(?P<n>{count})\s+(?P<u>Tag|Tagen|Woche|Wochen|Monat|Monaten|Jahr|Jahren)\b"),
        format!(r"(?i)\bil y a\s+(?P<n>{count})\s+(?P<u>jours?|semaines?|mois|ans|années?)(?:\W|$)"),
        format!(r"(?i)\bhace\s+(?P<n>{count})\s+(?P<u>días?|semanas?|mes|meses|años?)(?:\W|$)"),
    ]
    .iter()
    .map(|pattern| Regex::new(pattern).expect("valid regex"))
    .collect()
});

/// The number a count word stands for; `None` for a vague count ("a few", "einigen").
fn count_of(word: &str) -> Option<i8> {
    const WORDS: [&[&str]; 12] = [
        &["a", "an", "one", "einem", "einer", "un", "une", "una", "uno"],
        &["two", "zwei", "deux", "dos"],
        &["three", "drei", "trois", "tres"],
        &["four", "vier", "quatre", "cuatro"],
        &["five", "fünf", "cinq", "cinco"],
        &["six", "sechs", "seis"],
        &["seven", "sieben", "sept", "siete"],
        &["eight", "acht", "huit", "ocho"],
        &["nine", "neun", "neuf", "nueve"],
        &["ten", "zehn", "dix", "diez"],
        &["eleven", "elf", "onze", "once"],
        &["twelve", "zwölf", "douze", "doce"],
    ];
    let word = word.to_lowercase();
    word.parse().ok().or_else(|| WORDS.iter().position(|w| w.contains(&word.as_str())).map(|i| i as i8 + 1))
}

/// What "N units ago" says, as a word relative to the publication date: a day for days, the
/// month for weeks and months, the year for a vague number of months.
fn ago(count: &str, unit: &str) -> Option<DateWord> {
    let unit = unit.to_lowercase();
    let n = count_of(count);
    let back = |n: i8| n.checked_neg();
    Some(match unit.chars().next()? {
        'd' | 't' | 'j' if !unit.starts_with("ja") => {
            n.map_or(Some(DateWord::Week(0)), |n| back(n).map(DateWord::Day))?
        }
        'w' | 's' => n.map_or(Some(DateWord::Week(-2)), |n| back(n).map(DateWord::Week))?,
        'm' => n.map_or(Some(DateWord::YearOfMonthOffset(-3)), |n| back(n).map(DateWord::MonthOffset))?,
        _ => DateWord::YearOffset(back(n?)?),
    })
}

static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([0-3]?\d)\.([01]?\d)\.((?:19|20)\d\d)\b").expect("valid regex"));

fn day_number(word: &str) -> Option<u8> {
    let digits = word.trim_end_matches(['.', ',']);
    let day: u8 = digits.parse().ok()?;
    ((1..=31).contains(&day) && digits.len() <= 2).then_some(day)
}

/// Finds the date expressions in `text[start..end]` given the date-word hits inside it.
pub(crate) fn find(text: &str, start: usize, end: usize, hits: &[(Hit, DateWord)]) -> Vec<DateMention> {
    let sentence = &text[start..end];
    let mut found: Vec<DateMention> = Vec::new();
    for c in NUMERIC.captures_iter(sentence) {
        let whole = c.get(0).expect("group 0 exists");
        let date = (|| PartialDate::day(c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?))();
        if let Some(date) = date {
            found.push(DateMention { start: start + whole.start(), end: start + whole.end(), when: When::Date(date) });
        }
    }
    for &(hit, word) in hits {
        if found.iter().any(|f| hit.start < f.end && f.start < hit.end) {
            continue;
        }
        let DateWord::Month(month) = word else {
            let when = match word {
                DateWord::Weekday(day) => When::Weekday(day),
                other => When::Relative(other),
            };
            found.push(DateMention { start: hit.start, end: hit.end, when });
            continue;
        };
        let (mut from, mut to) = (hit.start, hit.end);
        // "13. Juli", "13 juillet", "le 13 juillet".
        let head = text[start..hit.start].trim_end();
        let head = head.strip_suffix('.').unwrap_or(head);
        let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let mut day = None;
        if (1..=2).contains(&digits) && !head[..head.len() - digits].ends_with(|c: char| c.is_alphanumeric()) {
            day = day_number(&head[head.len() - digits..]);
            if day.is_some() {
                from = start + head.len() - digits;
            }
        }
        // "Oct. 18, 2023", "July 23, 2024", "März 2024".
        let rest = &text[to..end];
        let mut year = None;
        let mut words = rest.split_whitespace().take(2);
        let mut consumed = 0;
        if let Some(next) = words.next() {
            if day.is_none()
                && let Some(number) = day_number(next)
            {
                day = Some(number);
                consumed = rest.find(next).unwrap_or(0) + next.len();
                if let Some(after) = words.next()
                    && let Ok(number) = after.trim_end_matches([',', '.', ')']).parse::<i32>()
                    && (1900..2100).contains(&number)
                {
                    year = Some(number);
                    consumed = rest.find(after).unwrap_or(0) + after.len();
                }
            } else if let Ok(number) = next.trim_end_matches([',', '.', ')']).parse::<i32>()
                && (1900..2100).contains(&number)
            {
                year = Some(number);
                consumed = rest.find(next).unwrap_or(0) + next.len();
            }
        }
        to += consumed;
        let when = match (year, day) {
            (Some(year), Some(day)) => PartialDate::day(year, month, day)
                .map_or(When::Month { month, day: None, year: Some(year) }, When::Date),
            (Some(year), None) => PartialDate::month(year, month).map_or(When::Weekday(0), When::Date),
            (None, day) => When::Month { month, day, year: None },
        };
        found.push(DateMention { start: from.max(start), end: to.min(end), when });
    }
    for c in AGO.iter().flat_map(|ago| ago.captures_iter(sentence)) {
        let whole = c.get(0).expect("group 0 exists");
        let words = whole.as_str().trim_end_matches(|c: char| !c.is_alphanumeric());
        let (s, e) = (start + whole.start(), start + whole.start() + words.len());
        if let (Some(n), Some(u)) = (c.name("n"), c.name("u"))
            && let Some(word) = ago(n.as_str(), u.as_str())
        {
            found.retain(|f| !(s < f.end && f.start < e));
            found.push(DateMention { start: s, end: e, when: When::Relative(word) });
        }
    }
    for m in YEAR.find_iter(sentence) {
        let (s, e) = (start + m.start(), start + m.end());
        if found.iter().any(|f| s < f.end && f.start < e) {
            continue;
        }
        if let Ok(year) = m.as_str().parse() {
            found.push(DateMention { start: s, end: e, when: When::Date(PartialDate::year(year)) });
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

/// Resolves `when` against the publication date; `forward` for plans.
pub(crate) fn resolve(when: When, published: Option<PartialDate>, forward: bool) -> Option<PartialDate> {
    match when {
        When::Date(date) => Some(date),
        When::Month { month, day, year } => {
            let year = match (year, published) {
                (Some(year), _) => year,
                (None, Some(published)) => {
                    let current = published.get_month().unwrap_or(12);
                    // "im September" in a November paper is this September, unless it is a plan.
                    match (forward, month < current, month > current) {
                        (true, true, _) => published.get_year() + 1,
                        (false, _, true) => published.get_year() - 1,
                        _ => published.get_year(),
                    }
                }
                (None, None) => return None,
            };
            let date = PartialDate::month(year, month)?;
            Some(day.and_then(|d| date.with_day(d)).unwrap_or(date))
        }
        When::Weekday(weekday) => {
            let published = published?;
            let today = published.weekday()?;
            let ahead = i64::from((weekday + 7 - today) % 7);
            Some(if forward { published.add_days(ahead) } else { published.add_days(-((7 - ahead) % 7)) })
        }
        When::Relative(word) => {
            let published = published?;
            match word {
                DateWord::Day(days) if published.get_day().is_some() => Some(published.add_days(i64::from(days))),
                DateWord::Day(_) => Some(published),
                DateWord::Week(weeks) => Some(published.add_days(7 * i64::from(weeks)).to_month()),
                DateWord::MonthOffset(months) => Some(published.to_month().add_months(i32::from(months))),
                DateWord::YearOffset(years) => Some(PartialDate::year(published.get_year() + i32::from(years))),
                DateWord::YearOfMonthOffset(months) => {
                    Some(PartialDate::year(published.to_month().add_months(i32::from(months)).get_year()))
                }
                DateWord::Weekday(_) | DateWord::Month(_) => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    fn resolved(when: When, forward: bool) -> String {
        resolve(when, Some(date("2024-07-23")), forward).map(|d| d.to_string()).unwrap_or_default()
    }

    #[test]
    fn weekdays_go_forward_for_plans_and_back_otherwise() {
        assert_eq!(resolved(When::Weekday(3), true), "2024-07-25");
        assert_eq!(resolved(When::Weekday(3), false), "2024-07-18");
        assert_eq!(resolved(When::Weekday(1), false), "2024-07-23");
    }

    #[test]
    fn months_without_year_take_the_nearest_year() {
        assert_eq!(resolved(When::Month { month: 9, day: None, year: None }, false), "2023-09");
        assert_eq!(resolved(When::Month { month: 5, day: Some(2), year: None }, false), "2024-05-02");
        assert_eq!(resolved(When::Month { month: 3, day: None, year: None }, true), "2025-03");
    }

    #[test]
    fn counts_of_units_ago() {
        let ago = |text: &str| {
            let found = find(text, 0, text.len(), &[]);
            assert_eq!(found.len(), 1, "{text}");
            (resolved(found[0].when, false), text[found[0].start..found[0].end].to_owned())
        };
        assert_eq!(ago("They met ten days ago in Rome."), ("2024-07-13".into(), "ten days ago".into()));
        assert_eq!(ago("Sie trafen sich vor zwei Wochen."), ("2024-07".into(), "vor zwei Wochen".into()));
        assert_eq!(ago("Ils se sont vus il y a trois mois."), ("2024-04".into(), "il y a trois mois".into()));
        assert_eq!(ago("Se reunieron hace un año."), ("2023".into(), "hace un año".into()));
        assert_eq!(ago("Sie waren vor einigen Monaten in Kiew."), ("2024".into(), "vor einigen Monaten".into()));
        let early = find("a few months ago", 0, 16, &[])[0].when;
        assert_eq!(resolve(early, Some(date("2024-02-10")), false).map(|d| d.to_string()), Some("2023".into()));
    }

    #[test]
    fn relative_words() {
        assert_eq!(resolved(When::Relative(DateWord::Week(-1)), false), "2024-07");
        assert_eq!(resolved(When::Relative(DateWord::Day(-1)), false), "2024-07-22");
        assert_eq!(resolved(When::Relative(DateWord::MonthOffset(-1)), false), "2024-06");
    }

    #[test]
    fn numbers_around_month_names() {
        let text = "Scholz met him in Rome, Oct. 18, 2023, and on 13. Juli and in 2019 and 11.09.2023.";
        let months = [
            (Hit { start: 24, end: 28, value: 0 }, DateWord::Month(10)),
            (Hit { start: 50, end: 54, value: 0 }, DateWord::Month(7)),
        ];
        let found: Vec<When> = find(text, 0, text.len(), &months).into_iter().map(|f| f.when).collect();
        assert_eq!(
            found,
            [
                When::Date(date("2023-10-18")),
                When::Month { month: 7, day: Some(13), year: None },
                When::Date(date("2019")),
                When::Date(date("2023-09-11")),
            ]
        );
    }
}
