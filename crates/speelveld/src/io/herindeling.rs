//! Herindeling tables: `old_code,new_code,date`, one row per old gemeente and new gemeente,
//! with optional names, share, area and flag (the table `speelveld herindeling` prints reads
//! back as it is).
//!
//! Columns (matched with [`crate::io::text::find_column`]; first name preferred):
//! - old code: `old_code`, `old`, `oude_code`, `code_oud`, `gemeentecode_oud`, `van`, `from`;
//! - new code: `new_code`, `new`, `nieuwe_code`, `code_nieuw`, `gemeentecode_nieuw`, `naar`, `to`;
//! - optional: `date` (`datum`, `ingangsdatum`), `old_name` (`oude_naam`, `naam_oud`),
//!   `new_name` (`nieuwe_naam`, `naam_nieuw`), `share` (`aandeel`), `area_km2`, `flag`.
//!
//! Rules:
//! - a malformed code, share, date or flag is an error naming the file, the line and what
//!   was expected; so is a pair listed twice (naming both lines), and an old unit whose
//!   shares do not sum to 1;
//! - without a share column, an old unit with several new units is shared by the given areas
//!   when there is an `area_km2` column, else equally (and a note says so);
//! - chains are followed by date: `A → B` on 2016-01-01 and `B → C` on 2019-01-01 give
//!   `A → C` (a note lists them); pairs from the same date are never chained;
//! - codes that are not in an atlas are not an error here: translation keeps them as
//!   unresolved rows ([`crate::analysis::translate`]).
//!
//! # Examples
//! ```
//! use speelveld::io::herindeling::read_herindeling;
//! use speelveld::model::herindeling::Flag;
//! let t = "Oude code;Nieuwe code;Datum\nGM0381;GM1942;01-01-2016\n\
//!          GM0424;GM1942;01-01-2016\nGM0425;GM1942;01-01-2016\n";
//! let h = read_herindeling("cbs.csv", t).unwrap();
//! assert_eq!(h.pairs.len(), 3);
//! assert!(h.pairs.iter().all(|p| p.flag == Flag::Merger && p.share == 1.0));
//! assert_eq!(h.pairs[0].date.as_deref(), Some("2016-01-01"));
//! ```

use std::collections::BTreeMap;

use crate::error::Error;
use crate::io::membership::parse_share;
use crate::io::text::read_table;
use crate::model::GemeenteCode;
use crate::model::herindeling::{Flag, Herindeling, Pair};

const OLD: &[&str] = &[
    "old",
    "oude_code",
    "code_oud",
    "gemeentecode_oud",
    "oud",
    "van",
    "from",
];
const NEW: &[&str] = &[
    "new",
    "nieuwe_code",
    "code_nieuw",
    "gemeentecode_nieuw",
    "nieuw",
    "naar",
    "to",
];

/// Parses a date as `YYYY-MM-DD`, `DD-MM-YYYY`, `DD/MM/YYYY` or `YYYYMMDD` into `YYYY-MM-DD`.
///
/// # Examples
/// ```
/// use speelveld::io::herindeling::parse_date;
/// assert_eq!(parse_date("1-1-2016").as_deref(), Some("2016-01-01"));
/// assert_eq!(parse_date("20190101").as_deref(), Some("2019-01-01"));
/// assert_eq!(parse_date("2016-13-01"), None);
/// ```
pub fn parse_date(text: &str) -> Option<String> {
    let t = text.trim();
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    let nums: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    let (y, m, d) = match (parts.as_slice(), nums?.as_slice()) {
        ([a, _, _], [y, m, d]) if a.len() == 4 => (*y, *m, *d),
        ([_, _, c], [d, m, y]) if c.len() == 4 => (*y, *m, *d),
        ([a], [n]) if a.len() == 8 => (n / 10_000, n / 100 % 100, n % 100),
        _ => return None,
    };
    ((1800..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Reads a herindeling table (see the module documentation). `path` names the file in errors.
pub fn read_herindeling(path: &str, text: &str) -> Result<Herindeling, Error> {
    let t = read_table(path, text)?;
    let old_c = t.column("old_code", OLD)?;
    let new_c = t.column("new_code", NEW)?;
    let date_c = t.optional_column("date", &["datum", "ingangsdatum", "ingang"]);
    let old_n = t.optional_column("old_name", &["oude_naam", "naam_oud", "gemeentenaam_oud"]);
    let new_n = t.optional_column(
        "new_name",
        &["nieuwe_naam", "naam_nieuw", "gemeentenaam_nieuw"],
    );
    let share_c = t.optional_column("share", &["aandeel", "fraction", "fractie"]);
    let area_c = t.optional_column("area_km2", &["area", "oppervlakte", "oppervlakte_km2"]);
    let flag_c = t.optional_column("flag", &["kind", "soort"]);
    if t.rows.is_empty() {
        return Err(Error::Empty {
            path: path.into(),
            expected: "one row per old and new gemeente (old_code,new_code,date) below the header"
                .into(),
        });
    }
    let row_err = |line: usize, message: String| Error::Row {
        path: path.into(),
        line,
        message,
    };
    let code = |line: usize, cell: &str, what: &str| -> Result<GemeenteCode, Error> {
        if cell.is_empty() {
            return Err(row_err(
                line,
                format!("the {what} code is empty; expected a gemeente code such as GM0381"),
            ));
        }
        cell.parse().map_err(|source| Error::Code {
            path: path.into(),
            line,
            source,
        })
    };
    let mut h = Herindeling::new(path, path);
    let mut seen: BTreeMap<(GemeenteCode, GemeenteCode), usize> = BTreeMap::new();
    for r in &t.rows {
        let old = code(r.line, r.get(old_c), "old")?;
        let new = code(r.line, r.get(new_c), "new")?;
        if let Some(first) = seen.insert((old, new), r.line) {
            return Err(row_err(
                r.line,
                format!(
                    "{old} → {new} is listed again (first on line {first}); expected each pair once"
                ),
            ));
        }
        let mut p = Pair::new(
            old,
            old_n.map_or("", |c| r.get(c)),
            new,
            new_n.map_or("", |c| r.get(c)),
            1.0,
        );
        p.origin = format!("{path}:{}", r.line);
        if let Some(c) = date_c.filter(|&c| !r.get(c).is_empty()) {
            p.date = Some(parse_date(r.get(c)).ok_or_else(|| {
                row_err(
                    r.line,
                    format!(
                        "date '{}' is not a date; expected YYYY-MM-DD or DD-MM-YYYY",
                        r.get(c)
                    ),
                )
            })?);
        }
        if let Some(c) = share_c {
            // A boundary piece may round to 0 in a printed table.
            let cell = r.get(c);
            p.share = match cell.replace(',', ".").parse::<f64>() {
                Ok(0.0) => 0.0,
                _ => parse_share(cell).map_err(|m| row_err(r.line, m))?,
            };
        }
        if let Some(c) = area_c.filter(|&c| !r.get(c).is_empty()) {
            let a: f64 = r.get(c).replace(',', ".").parse().map_err(|_| {
                row_err(
                    r.line,
                    format!(
                        "area '{}' is not a number; expected an area in km² such as 12.5",
                        r.get(c)
                    ),
                )
            })?;
            if !(a.is_finite() && a >= 0.0) {
                return Err(row_err(
                    r.line,
                    format!(
                        "area '{}' is negative; expected an area in km² ≥ 0",
                        r.get(c)
                    ),
                ));
            }
            p.area_km2 = Some(a);
        }
        if let Some(c) = flag_c.filter(|&c| !r.get(c).is_empty()) {
            p.flag = Flag::parse(r.get(c)).ok_or_else(|| {
                row_err(
                    r.line,
                    format!(
                        "flag '{}' is unknown; expected unchanged, recoded, merger, split or boundary",
                        r.get(c)
                    ),
                )
            })?;
        }
        h.pairs.push(p);
    }
    fill_shares(&mut h, share_c.is_some(), path)?;
    follow_chains(&mut h);
    h.sort();
    h.classify(None);
    Ok(h)
}

/// Checks given shares (they must sum to 1 per old unit) or fills them in.
fn fill_shares(h: &mut Herindeling, given: bool, path: &str) -> Result<(), Error> {
    let mut by_old: BTreeMap<GemeenteCode, Vec<usize>> = BTreeMap::new();
    for (i, p) in h.pairs.iter().enumerate() {
        by_old.entry(p.old).or_default().push(i);
    }
    for (old, idx) in by_old {
        let pairs: Vec<&Pair> = idx.iter().filter_map(|&i| h.pairs.get(i)).collect();
        if given {
            let sum: f64 = pairs.iter().map(|p| p.share).sum();
            if (sum - 1.0).abs() > 0.01 {
                let lines: Vec<&str> = pairs
                    .iter()
                    .map(|p| p.origin.rsplit(':').next().unwrap_or(""))
                    .collect();
                return Err(Error::Row {
                    path: path.into(),
                    line: pairs
                        .last()
                        .and_then(|p| p.origin.rsplit(':').next())
                        .and_then(|l| l.parse().ok())
                        .unwrap_or(0),
                    message: format!(
                        "the shares of {old} sum to {sum:.4} (lines {}); expected 1",
                        lines.join(", ")
                    ),
                });
            }
            continue;
        }
        if pairs.len() < 2 {
            continue;
        }
        let areas: Option<Vec<f64>> = pairs.iter().map(|p| p.area_km2).collect();
        let total: f64 = areas.iter().flatten().sum();
        let shares: Vec<f64> = match areas {
            Some(a) if total > 0.0 => a.iter().map(|x| x / total).collect(),
            _ => {
                h.notes.push(format!(
                    "{path}: {old} goes to {} new units without shares or areas; shared equally",
                    pairs.len()
                ));
                vec![1.0 / pairs.len() as f64; pairs.len()]
            }
        };
        for (&i, s) in idx.iter().zip(shares) {
            if let Some(p) = h.pairs.get_mut(i) {
                p.share = s;
            }
        }
    }
    Ok(())
}

/// Replaces `A → B` by `A → C` when `B → C` took effect later (by date), in one pass per
/// date from the latest to the earliest: `ends[B]` holds where a unit that exists just
/// before the date being read ends up through the changes from that date on, so each pair
/// is composed once with the (merged) destinations of its new unit. A pair without a date
/// is not chained, and neither is an identity pair (`A → A`), though a chain through a
/// unit that partly stays carries that part on. Equal `(old, new)` results are merged by
/// summing their shares; the work is linear in the table's size and in what it yields.
fn follow_chains(h: &mut Herindeling) {
    /// Where a unit ends up: new code → (new name, share, date of the last step, boundary).
    type Ends = BTreeMap<GemeenteCode, (String, f64, String, bool)>;
    let mut by_date: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in h.pairs.iter().enumerate() {
        if let Some(d) = &p.date {
            by_date.entry(d.clone()).or_default().push(i);
        }
    }
    if by_date.len() < 2 {
        return;
    }
    let mut ends: BTreeMap<GemeenteCode, Ends> = BTreeMap::new();
    // Per pair: the destinations it was composed with, when it continues.
    let mut composed: Vec<Option<Ends>> = vec![None; h.pairs.len()];
    for (date, idx) in by_date.iter().rev() {
        let mut here: BTreeMap<GemeenteCode, Ends> = BTreeMap::new();
        for &i in idx {
            let Some(p) = h.pairs.get(i) else { continue };
            let boundary = p.flag == Flag::Boundary;
            let mut own = Ends::new();
            match ends.get(&p.new) {
                Some(later) => {
                    for (new, (name, share, d, b)) in later {
                        own.insert(
                            *new,
                            (name.clone(), p.share * share, d.clone(), boundary || *b),
                        );
                    }
                    let stays = later.len() == 1 && later.contains_key(&p.new);
                    if p.old != p.new
                        && !stays
                        && let Some(slot) = composed.get_mut(i)
                    {
                        *slot = Some(own.clone());
                    }
                }
                None => {
                    own.insert(p.new, (p.new_name.clone(), p.share, date.clone(), boundary));
                }
            }
            let sum = here.entry(p.old).or_default();
            for (new, (name, share, d, b)) in own {
                let e = sum.entry(new).or_insert((name, 0.0, d, b));
                e.1 += share;
                e.3 &= b;
            }
        }
        ends.extend(here);
    }
    let mut out: Vec<Pair> = Vec::with_capacity(h.pairs.len());
    let mut at: BTreeMap<(GemeenteCode, GemeenteCode), usize> = BTreeMap::new();
    for (p, c) in h.pairs.iter().zip(composed) {
        let pieces: Vec<Pair> = match c {
            None => vec![p.clone()],
            Some(later) => {
                h.notes.push(format!(
                    "{} → {} ({}) continues as {}",
                    p.old,
                    p.new,
                    p.date.as_deref().unwrap_or(""),
                    later
                        .keys()
                        .map(|c| c.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                later
                    .into_iter()
                    .map(|(new, (name, share, date, boundary))| {
                        let mut r = p.clone();
                        r.new = new;
                        r.new_name = name;
                        r.share = share;
                        r.area_km2 = None;
                        r.date = Some(date);
                        if boundary {
                            r.flag = Flag::Boundary;
                        }
                        r
                    })
                    .collect()
            }
        };
        for r in pieces {
            match at.get(&(r.old, r.new)).and_then(|&k| out.get_mut(k)) {
                Some(q) => {
                    q.share += r.share;
                    q.area_km2 = q.area_km2.zip(r.area_km2).map(|(a, b)| a + b);
                    if r.date > q.date {
                        q.date = r.date;
                    }
                    if r.flag != Flag::Boundary {
                        q.flag = r.flag;
                    }
                }
                None => {
                    at.insert((r.old, r.new), out.len());
                    out.push(r);
                }
            }
        }
    }
    h.pairs = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        read_herindeling("h.csv", text).unwrap_err().to_string()
    }

    #[test]
    fn reads_derived_output_back() {
        let t = "old,old_name,new,new_name,share,flag,area_km2\n\
                 GM0788,Haaren,GM0757,Boxtel,0.1,split,5.8\n\
                 GM0788,Haaren,GM0865,Vught,0.88,split,25.8\n\
                 GM0788,Haaren,GM0797,Heusden,0.02,boundary,0.9\n";
        let h = read_herindeling("h.csv", t).unwrap();
        assert_eq!(h.pairs.len(), 3);
        assert_eq!(h.pairs[1].flag, Flag::Boundary); // sorted: Boxtel, Heusden, Vught
        assert_eq!(h.pairs[0].flag, Flag::Split);
        assert_eq!(h.kept().len(), 2);
        assert_eq!(h.pairs[0].origin, "h.csv:2");
    }

    #[test]
    fn shares_filled_from_area_or_equally_and_chains_followed() {
        let t = "old_code;new_code;date;area_km2\n0788;0757;2021-01-01;1\n0788;0865;2021-01-01;3\n";
        let h = read_herindeling("h.csv", t).unwrap();
        assert_eq!((h.pairs[0].share, h.pairs[1].share), (0.25, 0.75));
        let t = "van,naar\nGM0140,GM0080\nGM0140,GM1900\n";
        let h = read_herindeling("h.csv", t).unwrap();
        assert_eq!(h.pairs[0].share, 0.5);
        assert!(h.notes[0].contains("shared equally"), "{:?}", h.notes);
        // Vianen 2019 into Vijfheerenlanden; a made-up later step to test chaining.
        let t = "old,new,date\nGM0620,GM1961,2019-01-01\nGM1961,GM9999,2030-01-01\n";
        let h = read_herindeling("h.csv", t).unwrap();
        let got: Vec<(String, String)> = h
            .pairs
            .iter()
            .map(|p| (p.old.to_string(), p.new.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                ("GM0620".into(), "GM9999".into()),
                ("GM1961".into(), "GM9999".into())
            ]
        );
    }

    /// `(old, new, share, date)` of every pair, sorted.
    fn pairs(h: &Herindeling) -> Vec<(String, String, f64, String)> {
        h.pairs
            .iter()
            .map(|p| {
                let share = (p.share * 1e9).round() / 1e9;
                let date = p.date.clone().unwrap_or_default();
                (p.old.to_string(), p.new.to_string(), share, date)
            })
            .collect()
    }

    /// By hand: A splits 0.6/0.4 into B and C (2016), both merge into D (2018), D splits
    /// evenly into E and F (2020). A's two paths to E meet in one pair of 0.6·0.5 + 0.4·0.5.
    #[test]
    fn chains_compose_shares_and_merge_equal_pairs() {
        let t = "old,new,date,share\n\
                 GM0001,GM0002,2016-01-01,0.6\n\
                 GM0001,GM0003,2016-01-01,0.4\n\
                 GM0002,GM0004,2018-01-01,1\n\
                 GM0003,GM0004,2018-01-01,1\n\
                 GM0004,GM0005,2020-01-01,0.5\n\
                 GM0004,GM0006,2020-01-01,0.5\n";
        let h = read_herindeling("h.csv", t).unwrap();
        let d = |y: &str| format!("{y}-01-01");
        let p = |o: &str, n: &str, s: f64, y: &str| (o.to_string(), n.to_string(), s, d(y));
        assert_eq!(
            pairs(&h),
            [
                p("GM0001", "GM0005", 0.5, "2020"),
                p("GM0001", "GM0006", 0.5, "2020"),
                p("GM0002", "GM0005", 0.5, "2020"),
                p("GM0002", "GM0006", 0.5, "2020"),
                p("GM0003", "GM0005", 0.5, "2020"),
                p("GM0003", "GM0006", 0.5, "2020"),
                p("GM0004", "GM0005", 0.5, "2020"),
                p("GM0004", "GM0006", 0.5, "2020"),
            ]
        );
        assert!(
            h.notes
                .iter()
                .any(|n| n == "GM0001 → GM0002 (2016-01-01) continues as GM0005, GM0006"),
            "{:?}",
            h.notes
        );
        // Pairs of one date are never chained, nor pairs without a date.
        let t = "old,new,date\nGM0001,GM0002,2016-01-01\nGM0002,GM0003,2016-01-01\n\
                 GM0007,GM0008,\nGM0008,GM0009,2019-01-01\n";
        let h = read_herindeling("h.csv", t).unwrap();
        let got: Vec<(String, String)> = pairs(&h).into_iter().map(|(o, n, _, _)| (o, n)).collect();
        let want: Vec<(String, String)> = [
            ("GM0001", "GM0002"),
            ("GM0002", "GM0003"),
            ("GM0007", "GM0008"),
            ("GM0008", "GM0009"),
        ]
        .iter()
        .map(|(o, n)| (o.to_string(), n.to_string()))
        .collect();
        assert_eq!(got, want);
        // A unit that partly stays (GM0002 → GM0002) carries that part on to its later step.
        let t = "old,new,date,share\nGM0001,GM0002,2016-01-01,1\n\
                 GM0002,GM0002,2018-01-01,0.75\nGM0002,GM0003,2018-01-01,0.25\n\
                 GM0002,GM0004,2020-01-01,1\n";
        let e = read_herindeling("h.csv", t).unwrap_err().to_string();
        assert!(e.contains("the shares of GM0002 sum to 2.0000"), "{e}");
        let t = "old,new,date,share\nGM0001,GM0002,2016-01-01,1\n\
                 GM0002,GM0002,2018-01-01,0.75\nGM0002,GM0003,2018-01-01,0.25\n\
                 GM0003,GM0004,2020-01-01,1\n";
        let h = read_herindeling("h.csv", t).unwrap();
        assert_eq!(
            pairs(&h),
            [
                p("GM0001", "GM0002", 0.75, "2018"),
                p("GM0001", "GM0004", 0.25, "2020"),
                p("GM0002", "GM0002", 0.75, "2018"),
                p("GM0002", "GM0004", 0.25, "2020"),
                p("GM0003", "GM0004", 1.0, "2020"),
            ]
        );
    }

    /// A chain of 2,001 dated steps with a split and a merger every ten steps: linear, so
    /// it reads at once (the old fixed-point loop took minutes for 16 layers).
    #[test]
    fn long_chains_are_followed_to_their_end() {
        let mut t = String::from("old,new,date\n");
        let mut current = vec![1usize];
        for k in 1..=2001usize {
            let date = format!("{}-{:02}-01", 1850 + k / 12, k % 12 + 1);
            if k % 10 == 0 && current.len() == 1 {
                t += &format!("GM{:04},GM{:04},{date}\n", current[0], k + 1);
                t += &format!("GM{:04},GM{:04},{date}\n", current[0], 5000 + k);
                current = vec![k + 1, 5000 + k];
            } else {
                for c in &current {
                    t += &format!("GM{c:04},GM{:04},{date}\n", k + 1);
                }
                current = vec![k + 1];
            }
        }
        let started = std::time::Instant::now();
        let h = read_herindeling("h.csv", &t).unwrap();
        assert!(
            started.elapsed().as_secs_f64() < 5.0,
            "{:?}",
            started.elapsed()
        );
        assert!(h.pairs.iter().all(|p| p.new.to_string() == "GM2002"));
        let olds: std::collections::BTreeSet<_> = h.pairs.iter().map(|p| p.old).collect();
        assert_eq!(olds.len(), h.pairs.len()); // one pair per old unit, shares merged
        assert!(h.pairs.iter().all(|p| (p.share - 1.0).abs() < 1e-9));
    }

    #[test]
    fn bad_input_names_file_line_and_expectation() {
        let e = err("old,new\nGM0381,GM1942\nGM0381,GM1942\n");
        assert_eq!(
            e,
            "h.csv: line 3: GM0381 → GM1942 is listed again (first on line 2); expected each pair once"
        );
        let e = err("old,new\nGM0381,XX\n");
        assert!(
            e.starts_with("h.csv: line 2: 'XX' is not a gemeente code (expected"),
            "{e}"
        );
        let e = err("old,new\nGM0381,\n");
        assert_eq!(
            e,
            "h.csv: line 2: the new code is empty; expected a gemeente code such as GM0381"
        );
        let e = err("old,new,date\nGM0381,GM1942,2016-31-01\n");
        assert_eq!(
            e,
            "h.csv: line 2: date '2016-31-01' is not a date; expected YYYY-MM-DD or DD-MM-YYYY"
        );
        let e = err("old,new,share\nGM0788,GM0757,0.5\nGM0788,GM0865,0.3\n");
        assert_eq!(
            e,
            "h.csv: line 3: the shares of GM0788 sum to 0.8000 (lines 2, 3); expected 1"
        );
        let e = err("old,new,share\nGM0788,GM0757,2\n");
        assert!(
            e.starts_with("h.csv: line 2: share '2' lies outside (0, 1]"),
            "{e}"
        );
        let e = err("old,new,flag\nGM0788,GM0757,moved\n");
        assert!(
            e.starts_with("h.csv: line 2: flag 'moved' is unknown; expected"),
            "{e}"
        );
        let e = err("gemeente,regio\nGM0381,GM1942\n");
        assert!(
            e.starts_with("h.csv: line 1: no 'old_code' (or old, oude_code"),
            "{e}"
        );
        let e = err("old,new\n");
        assert!(
            e.starts_with("h.csv: the file is empty; expected one row"),
            "{e}"
        );
        let e = err("old,new\nGM0381,GM1942,extra\n");
        assert!(
            e.starts_with("h.csv: line 2: 3 field(s); expected 2"),
            "{e}"
        );
    }
}
