//! Times are stored as unix seconds and shown in Guangxi's time zone (Asia/Shanghai, UTC+8, no DST).

const SHANGHAI_OFFSET_SECS: i64 = 8 * 3600;

/// "YYYY-MM-DD HH:MM" in Asia/Shanghai.
pub fn format_shanghai(unix_secs: i64) -> String {
    let local = unix_secs + SHANGHAI_OFFSET_SECS;
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", secs / 3600, secs % 3600 / 60)
}

/// The calendar year in Asia/Shanghai (application windows and offerings are per year).
pub fn shanghai_year(unix_secs: i64) -> i64 {
    civil_from_days((unix_secs + SHANGHAI_OFFSET_SECS).div_euclid(86_400)).0
}

/// Parses "YYYY-MM-DD HH:MM" or the `datetime-local` form "YYYY-MM-DDTHH:MM", read as Asia/Shanghai time.
pub fn parse_shanghai(text: &str) -> Option<i64> {
    let t = text.trim();
    let (date, time) = t.split_once(['T', ' ']).unwrap_or((t, "00:00"));
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let mut hm = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, min) = (hm.next()??, hm.next().unwrap_or(Some(0))?);
    if !(1970..=9999).contains(&y) || !(1..=12).contains(&m) || !(0..24).contains(&h) || !(0..60).contains(&min) {
        return None;
    }
    let days = days_from_civil(y, m as u32, day as u32);
    // Reject 2026-02-30 and the like: the date must survive the round trip.
    if day < 1 || civil_from_days(days) != (y, m as u32, day as u32) {
        return None;
    }
    Some(days * 86_400 + h * 3600 + min * 60 - SHANGHAI_OFFSET_SECS)
}

/// The `datetime-local` value of a time in Asia/Shanghai ("YYYY-MM-DDTHH:MM").
pub fn datetime_local(unix_secs: i64) -> String {
    format_shanghai(unix_secs).replacen(' ', "T", 1)
}

/// A proleptic Gregorian date to days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_shanghai_time() {
        assert_eq!(format_shanghai(0), "1970-01-01 08:00");
        // 2026-11-26 07:32 UTC is 15:32 in Nanning.
        assert_eq!(format_shanghai(1_795_678_320), "2026-11-26 15:32");
        assert_eq!(format_shanghai(951_782_400), "2000-02-29 08:00");
        // 2025-12-31 16:30 UTC is already 2026 in Nanning.
        assert_eq!(shanghai_year(1_767_198_600), 2026);
    }

    #[test]
    fn parses_beijing_times_both_ways() {
        assert_eq!(parse_shanghai("2026-11-26 15:32"), Some(1_795_678_320));
        assert_eq!(parse_shanghai("2026-11-26T15:32"), Some(1_795_678_320));
        assert_eq!(parse_shanghai("1970-01-01"), Some(-8 * 3600));
        assert_eq!(datetime_local(1_795_678_320), "2026-11-26T15:32");
        for bad in ["", "2026-02-30 10:00", "2026-13-01", "2026-11-26 24:00", "明天", "2026-11"] {
            assert_eq!(parse_shanghai(bad), None, "{bad}");
        }
    }
}
