//! Opening times as people read and type them, and as a week's grid that editors fill in.
//!
//! HSDS keeps times as iCalendar-style schedules (`freq=WEEKLY`, `byday=MO,TU`, `opens_at`,
//! `closes_at`, in the service's local time, which for Hearth is Europe/London). Editors see a
//! week: up to two sessions a day (a morning and an afternoon, say). Schedules the week cannot
//! show (monthly ones, ones with start and end dates) are kept exactly as they were.

use super::hsds::Schedule;
use super::index::{WeeklyOpening, weekly_openings};

pub const DAY_NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const DAY_CODES: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// Sessions a day the editing grid offers.
pub const SESSIONS_PER_DAY: usize = 2;

/// Minutes after midnight as GOV.UK style writes a time: "10am", "9:30am", "midday".
pub fn clock(minutes: u16) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    if minutes == 720 {
        return "midday".into();
    }
    if minutes == 0 || minutes == 1440 {
        return "midnight".into();
    }
    let suffix = if h < 12 { "am" } else { "pm" };
    let h12 = if h % 12 == 0 { 12 } else { h % 12 };
    if m == 0 { format!("{h12}{suffix}") } else { format!("{h12}:{m:02}{suffix}") }
}

/// A time as someone might type it: "9", "9am", "9.30am", "9:30 pm", "09:30", "0930", "17:00",
/// "midday", "noon" or "midnight" (the end of the day). Returns minutes after midnight.
pub fn parse_clock(text: &str) -> Option<u16> {
    let t = text.trim().to_lowercase().replace(' ', "");
    match t.as_str() {
        "" => return None,
        "midday" | "noon" | "12noon" => return Some(720),
        "midnight" | "12midnight" => return Some(1440),
        _ => {}
    }
    let (digits, half) = if let Some(d) = t.strip_suffix("am") {
        (d, Some(false))
    } else if let Some(d) = t.strip_suffix("pm") {
        (d, Some(true))
    } else {
        (t.as_str(), None)
    };
    let (h, m): (u16, u16) = match digits.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h.parse().ok()?, m.parse().ok()?),
        Some(_) => return None,
        None if digits.len() <= 2 => (digits.parse().ok()?, 0),
        None if digits.len() == 4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        None => return None,
    };
    if m >= 60 || !digits.chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.') {
        return None;
    }
    let h = match half {
        Some(_) if h == 0 || h > 12 => return None,
        Some(false) => h % 12,
        Some(true) => h % 12 + 12,
        None if h > 24 || (h == 24 && m > 0) => return None,
        None => h,
    };
    Some(h * 60 + m)
}

/// One session: open from `opens` to `closes`, in minutes after midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Session {
    pub opens: u16,
    pub closes: u16,
}

/// A week of sessions, Monday first, as the editing grid shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Week {
    pub days: [Vec<Session>; 7],
}

/// A service's (or a place's) schedules, split into what the week grid shows and the rest.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SplitSchedules {
    pub week: Week,
    /// Times in words only ("the first Tuesday of each month"), from schedules with no pattern.
    pub in_words: Vec<String>,
    /// Schedules the grid cannot show, kept as they are.
    pub others: Vec<Schedule>,
    /// Ids of the schedules the grid and the words came from, to reuse when saving so that an
    /// edit changes as few fields as it can.
    pub ids: Vec<String>,
}

/// A plain weekly schedule: every week, with no dates, rules or links the grid would lose.
fn is_plain_weekly(s: &Schedule) -> bool {
    s.freq.as_deref().is_some_and(|f| f.eq_ignore_ascii_case("WEEKLY"))
        && s.interval.is_none_or(|i| i == 1.0)
        && [&s.valid_from, &s.valid_to, &s.dtstart, &s.until, &s.byweekno, &s.bymonthday, &s.byyearday]
            .iter()
            .all(|f| f.is_none())
        && s.schedule_link.is_none()
        && s.attending_type.is_none()
        && s.notes.is_none()
        && !weekly_openings(s).is_empty()
        && s.byday
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .all(|d| DAY_CODES.contains(&d.trim().to_uppercase().as_str()))
}

/// Only words: no pattern, no times.
fn is_words_only(s: &Schedule) -> bool {
    s.description.as_deref().is_some_and(|d| !d.trim().is_empty())
        && s.freq.is_none()
        && s.byday.is_none()
        && s.opens_at.is_none()
        && s.closes_at.is_none()
        && [&s.valid_from, &s.valid_to, &s.dtstart, &s.until].iter().all(|f| f.is_none())
}

pub fn split_schedules(schedules: &[Schedule]) -> SplitSchedules {
    let mut out = SplitSchedules::default();
    for s in schedules {
        if is_plain_weekly(s) {
            let openings = weekly_openings(s);
            let fits = openings.iter().all(|o| out.week.days[usize::from(o.day)].len() < SESSIONS_PER_DAY);
            if fits {
                for o in openings {
                    let day = &mut out.week.days[usize::from(o.day)];
                    day.push(Session { opens: o.opens, closes: o.closes });
                    day.sort();
                }
                out.ids.push(s.id.clone());
                continue;
            }
        } else if is_words_only(s) {
            out.in_words.push(s.description.clone().unwrap_or_default());
            out.ids.push(s.id.clone());
            continue;
        }
        out.others.push(s.clone());
    }
    out
}

/// "Mondays", "Tuesdays and Thursdays", "Mondays, Wednesdays and Fridays".
fn days_in_words(days: &[usize]) -> String {
    let names: Vec<String> = days.iter().map(|d| format!("{}s", DAY_NAMES[*d])).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

impl Week {
    pub fn is_empty(&self) -> bool {
        self.days.iter().all(Vec::is_empty)
    }

    /// The week as HSDS schedules: one per distinct session, naming every day it happens, so
    /// "Monday to Friday, 9am to 5pm" is one schedule. Ids come from `ids` first (the
    /// schedules being replaced), then from `new_id`.
    pub fn to_schedules(
        &self,
        ids: &mut impl Iterator<Item = String>,
        mut new_id: impl FnMut() -> String,
    ) -> Vec<Schedule> {
        let mut sessions: Vec<(Session, Vec<usize>)> = Vec::new();
        for (day, day_sessions) in self.days.iter().enumerate() {
            for session in day_sessions {
                match sessions.iter_mut().find(|(s, _)| s == session) {
                    Some((_, days)) => days.push(day),
                    None => sessions.push((*session, vec![day])),
                }
            }
        }
        sessions.sort_by_key(|(s, days)| (days[0], s.opens));
        sessions
            .into_iter()
            .map(|(session, days)| Schedule {
                id: ids.next().unwrap_or_else(&mut new_id),
                freq: Some("WEEKLY".into()),
                wkst: Some("MO".into()),
                byday: Some(days.iter().map(|d| DAY_CODES[*d]).collect::<Vec<_>>().join(",")),
                opens_at: Some(hhmm(session.opens)),
                closes_at: Some(hhmm(session.closes)),
                description: Some(format!(
                    "{}, {} to {}",
                    days_in_words(&days),
                    clock(session.opens),
                    clock(session.closes)
                )),
                ..Default::default()
            })
            .collect()
    }
}

/// Rebuilds a list of schedules from the grid, the words and the kept others, reusing the ids
/// of the schedules they replace.
pub fn join_schedules(
    week: &Week,
    in_words: &[String],
    others: Vec<Schedule>,
    reuse: &[String],
    mut new_id: impl FnMut() -> String,
) -> Vec<Schedule> {
    let mut ids = reuse.iter().cloned();
    let mut out = week.to_schedules(&mut ids, &mut new_id);
    for words in in_words.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
        out.push(Schedule {
            id: ids.next().unwrap_or_else(&mut new_id),
            description: Some(words.to_owned()),
            ..Default::default()
        });
    }
    out.extend(others);
    out
}

/// What is wrong with one typed session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionProblem {
    OpensNotATime,
    ClosesNotATime,
    OpensMissing,
    ClosesMissing,
    ClosesBeforeOpens,
    OverlapsEarlier,
}

/// One session as typed, both times optional: an empty pair is no session.
pub fn parse_session(opens: &str, closes: &str) -> Result<Option<Session>, SessionProblem> {
    let (o, c) = (opens.trim(), closes.trim());
    match (o.is_empty(), c.is_empty()) {
        (true, true) => return Ok(None),
        (true, false) => return Err(SessionProblem::OpensMissing),
        (false, true) => return Err(SessionProblem::ClosesMissing),
        _ => {}
    }
    let opens = parse_clock(o).ok_or(SessionProblem::OpensNotATime)?;
    let closes = parse_clock(c).ok_or(SessionProblem::ClosesNotATime)?;
    if closes <= opens {
        return Err(SessionProblem::ClosesBeforeOpens);
    }
    Ok(Some(Session { opens, closes }))
}

/// Checks a day's sessions do not overlap: the second must open after the first closes.
pub fn check_day(sessions: &[Session]) -> Result<(), SessionProblem> {
    for pair in sessions.windows(2) {
        if pair[1].opens < pair[0].closes {
            return Err(SessionProblem::OverlapsEarlier);
        }
    }
    Ok(())
}

/// When a service is next open, as the top line of its page: today's hours come first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Today {
    /// Open now, until this time.
    OpenNow { closes: u16, later: Vec<Session> },
    /// Opens later today.
    LaterToday { sessions: Vec<Session> },
    /// Was open earlier or is not open today; `next` is the next day it opens (day of the
    /// week, and how many days ahead that is) and its first session.
    ClosedToday { next: Option<(u8, u8, Session)> },
}

/// Today's position in the week (`day` 0 is Monday; `minute` after midnight, UK time).
pub fn today(openings: &[WeeklyOpening], day: u8, minute: u16) -> Option<Today> {
    if openings.is_empty() {
        return None;
    }
    let mut todays: Vec<Session> =
        openings.iter().filter(|o| o.day == day).map(|o| Session { opens: o.opens, closes: o.closes }).collect();
    todays.sort();
    if let Some(now) = todays.iter().find(|s| s.opens <= minute && minute < s.closes) {
        let later = todays.iter().filter(|s| s.opens > now.opens).copied().collect();
        return Some(Today::OpenNow { closes: now.closes, later });
    }
    let later: Vec<Session> = todays.iter().filter(|s| s.opens > minute).copied().collect();
    if !later.is_empty() {
        return Some(Today::LaterToday { sessions: later });
    }
    let next = (1..=7u8).find_map(|ahead| {
        let d = (day + ahead) % 7;
        openings
            .iter()
            .filter(|o| o.day == d)
            .min_by_key(|o| o.opens)
            .map(|o| (d, ahead, Session { opens: o.opens, closes: o.closes }))
    });
    Some(Today::ClosedToday { next })
}

impl Today {
    /// The line in words: "Open now until 4pm", "Open later today, 2pm to 4pm", "Closed for the
    /// rest of today. Open again tomorrow, 2pm to 4pm".
    pub fn words(&self) -> String {
        match self {
            Today::OpenNow { closes, later } => {
                let mut s = format!("Open now until {}", clock(*closes));
                for l in later {
                    s.push_str(&format!(", and again from {} to {}", clock(l.opens), clock(l.closes)));
                }
                s
            }
            Today::LaterToday { sessions } => {
                let times: Vec<String> =
                    sessions.iter().map(|s| format!("{} to {}", clock(s.opens), clock(s.closes))).collect();
                format!("Open later today, {}", times.join(" and "))
            }
            Today::ClosedToday { next: Some((day, ahead, s)) } => {
                let when = match ahead {
                    1 => "tomorrow".to_owned(),
                    7 => format!("next {}", DAY_NAMES[usize::from(*day)]),
                    _ => DAY_NAMES[usize::from(*day)].to_owned(),
                };
                format!("Closed for the rest of today. Open again {when}, {} to {}", clock(s.opens), clock(s.closes))
            }
            Today::ClosedToday { next: None } => "Closed today".to_owned(),
        }
    }
}

/// Weekly openings in the order a person planning a visit wants them: today first, then the
/// days after it, wrapping round the week.
pub fn from_today(openings: &[WeeklyOpening], day: u8) -> Vec<WeeklyOpening> {
    let mut out = openings.to_vec();
    out.sort_by_key(|o| ((o.day + 7 - day) % 7, o.opens));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_the_gov_uk_way() {
        assert_eq!(clock(600), "10am");
        assert_eq!(clock(570), "9:30am");
        assert_eq!(clock(720), "midday");
        assert_eq!(clock(1050), "5:30pm");
        assert_eq!(clock(0), "midnight");
        assert_eq!(clock(30), "12:30am");
    }

    #[test]
    fn times_are_understood_the_ways_people_type_them() {
        for (typed, minutes) in [
            ("9", 540),
            ("9am", 540),
            ("9 am", 540),
            ("9.30am", 570),
            ("9:30 PM", 1290),
            ("09:30", 570),
            ("0930", 570),
            ("17:00", 1020),
            ("12pm", 720),
            ("12am", 0),
            ("12:30am", 30),
            ("midday", 720),
            ("Noon", 720),
            ("midnight", 1440),
            ("24:00", 1440),
            ("0", 0),
        ] {
            assert_eq!(parse_clock(typed), Some(minutes), "{typed}");
        }
        for typed in ["", "25:00", "9:60", "13pm", "0am", "nine", "9:3", "12345", "24:30", "-1", "9:30:00"] {
            assert_eq!(parse_clock(typed), None, "{typed}");
        }
    }

    fn weekly(id: &str, days: &str, opens: &str, closes: &str) -> Schedule {
        Schedule {
            id: id.into(),
            freq: Some("WEEKLY".into()),
            byday: Some(days.into()),
            opens_at: Some(opens.into()),
            closes_at: Some(closes.into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_week_is_read_from_weekly_schedules_and_the_rest_is_kept() {
        let monthly = Schedule {
            id: "m".into(),
            freq: Some("MONTHLY".into()),
            byday: Some("1TU".into()),
            description: Some("First Tuesday of the month".into()),
            ..Default::default()
        };
        let words = Schedule { id: "w".into(), description: Some("By appointment".into()), ..Default::default() };
        let split = split_schedules(&[
            weekly("a", "MO,TU,WE,TH,FR", "09:00", "12:30"),
            weekly("b", "MO,WE", "13:30", "17:00"),
            monthly.clone(),
            words,
        ]);
        assert_eq!(split.week.days[0], [Session { opens: 540, closes: 750 }, Session { opens: 810, closes: 1020 }]);
        assert_eq!(split.week.days[1], [Session { opens: 540, closes: 750 }]);
        assert!(split.week.days[5].is_empty());
        assert_eq!(split.in_words, ["By appointment"]);
        assert_eq!(split.others, [monthly]);
        assert_eq!(split.ids, ["a", "b", "w"]);
    }

    #[test]
    fn a_third_session_on_a_day_is_kept_rather_than_lost() {
        let split = split_schedules(&[
            weekly("a", "MO", "09:00", "10:00"),
            weekly("b", "MO", "11:00", "12:00"),
            weekly("c", "MO", "13:00", "14:00"),
        ]);
        assert_eq!(split.week.days[0].len(), 2);
        assert_eq!(split.others.len(), 1);
        assert_eq!(split.others[0].id, "c");
    }

    #[test]
    fn a_weekly_schedule_with_dates_is_not_flattened_into_the_grid() {
        let mut dated = weekly("a", "MO", "09:00", "10:00");
        dated.valid_to = Some("2027-03-31".into());
        let split = split_schedules(&[dated.clone()]);
        assert!(split.week.is_empty());
        assert_eq!(split.others, [dated]);
    }

    #[test]
    fn the_grid_becomes_one_schedule_per_session_naming_its_days() {
        let mut week = Week::default();
        for day in 0..5 {
            week.days[day].push(Session { opens: 540, closes: 1020 });
        }
        week.days[5].push(Session { opens: 600, closes: 720 });
        let mut counter = 0;
        let schedules = join_schedules(&week, &["Closed on bank holidays".into()], vec![], &["old".into()], || {
            counter += 1;
            format!("new-{counter}")
        });
        assert_eq!(schedules.len(), 3);
        assert_eq!(schedules[0].id, "old");
        assert_eq!(schedules[0].byday.as_deref(), Some("MO,TU,WE,TH,FR"));
        assert_eq!(schedules[0].opens_at.as_deref(), Some("09:00"));
        assert_eq!(schedules[0].closes_at.as_deref(), Some("17:00"));
        assert_eq!(
            schedules[0].description.as_deref(),
            Some("Mondays, Tuesdays, Wednesdays, Thursdays and Fridays, 9am to 5pm")
        );
        assert_eq!(schedules[1].byday.as_deref(), Some("SA"));
        assert_eq!(schedules[1].description.as_deref(), Some("Saturdays, 10am to midday"));
        assert_eq!(schedules[1].id, "new-1");
        assert_eq!(schedules[2].description.as_deref(), Some("Closed on bank holidays"));
        assert!(schedules[2].freq.is_none());
        // And they read back as the same week.
        let again = split_schedules(&schedules);
        assert_eq!(again.week, week);
        assert_eq!(again.in_words, ["Closed on bank holidays"]);
    }

    #[test]
    fn typed_sessions_are_checked() {
        assert_eq!(parse_session("", " "), Ok(None));
        assert_eq!(parse_session("9am", "5pm"), Ok(Some(Session { opens: 540, closes: 1020 })));
        assert_eq!(parse_session("9am", ""), Err(SessionProblem::ClosesMissing));
        assert_eq!(parse_session("", "5pm"), Err(SessionProblem::OpensMissing));
        assert_eq!(parse_session("nine", "5pm"), Err(SessionProblem::OpensNotATime));
        assert_eq!(parse_session("9am", "five"), Err(SessionProblem::ClosesNotATime));
        assert_eq!(parse_session("5pm", "9am"), Err(SessionProblem::ClosesBeforeOpens));
        let morning = Session { opens: 540, closes: 720 };
        assert_eq!(check_day(&[morning, Session { opens: 700, closes: 900 }]), Err(SessionProblem::OverlapsEarlier));
        assert_eq!(check_day(&[morning, Session { opens: 720, closes: 900 }]), Ok(()));
    }

    fn opening(day: u8, opens: u16, closes: u16) -> WeeklyOpening {
        WeeklyOpening { day, opens, closes }
    }

    #[test]
    fn todays_hours_come_first() {
        let week = [opening(1, 600, 720), opening(1, 840, 960), opening(3, 840, 960)];
        // Tuesday at 11am: open now, and again this afternoon.
        assert_eq!(today(&week, 1, 660).unwrap().words(), "Open now until midday, and again from 2pm to 4pm");
        // Tuesday at 9am.
        assert_eq!(today(&week, 1, 540).unwrap().words(), "Open later today, 10am to midday and 2pm to 4pm");
        // Tuesday at 5pm: next is Thursday.
        assert_eq!(
            today(&week, 1, 1020).unwrap().words(),
            "Closed for the rest of today. Open again Thursday, 2pm to 4pm"
        );
        // Friday: next is Tuesday, round the end of the week.
        assert_eq!(
            today(&week, 4, 600).unwrap().words(),
            "Closed for the rest of today. Open again Tuesday, 10am to midday"
        );
        // Wednesday: tomorrow.
        assert_eq!(
            today(&week, 2, 600).unwrap().words(),
            "Closed for the rest of today. Open again tomorrow, 2pm to 4pm"
        );
        // Only on Thursdays, asked on a Thursday evening: a week on.
        assert_eq!(
            today(&[opening(3, 840, 960)], 3, 1100).unwrap().words(),
            "Closed for the rest of today. Open again next Thursday, 2pm to 4pm"
        );
        assert_eq!(today(&[], 1, 600), None);
        // Closing time itself is closed.
        assert!(matches!(today(&week, 1, 720), Some(Today::LaterToday { .. })));

        let ordered = from_today(&week, 2);
        assert_eq!(ordered.iter().map(|o| o.day).collect::<Vec<_>>(), [3, 1, 1]);
    }
}
