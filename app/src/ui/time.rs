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
}
