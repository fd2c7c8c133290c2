//! A figures file (key figures per gemeente, [`crate::io::figures`]) attached to an atlas,
//! carried first to the atlas's year when it is of another.
//!
//! - **The year of the file** is given ([`crate::dataset::load::Sources::figures_year`]) or
//!   found from its codes ([`figures_year`]): the atlas's own year when every code is a unit
//!   of the atlas or a gemeente of that year, else the latest year whose gemeenten include
//!   every code (known years: 2015 and 2025 from the register, 2021 from
//!   [`embedded::gemeenten_2021`]).
//! - **Carrying**: figures of 2021 reach the gemeenten of 2025 through the dated table of
//!   herindelingen ([`embedded::dated_herindeling_2021_2025`]), figures of 2015 through the
//!   herindeling derived from the geometry of both years ([`embedded::herindeling_table`]),
//!   with [`crate::analysis::carry::carry_rows`]: mergers sum, a split gemeente is divided by
//!   the area shares of its parts (a note names each, since its parts are estimates). No
//!   other pair of years has a herindeling: asking for one is an error.
//! - **Every code is accounted for**: one note says what was carried and whether the totals
//!   were kept; codes of no known year, or not of the file's year, are named (the first ten,
//!   then a count) and their figures are not used; so are codes whose gemeente is not in the
//!   atlas, and the units of the atlas that got no figures.
//! - **A file that mixes years is an error** when its year is to be found from the codes:
//!   carrying both a gemeente and its successor would count the same people twice, and no
//!   rule can tell which of the two rows is the right one. The error names the codes that do
//!   not fit; with the year given, rows of other years are left out with a note instead.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::embedded;
use crate::analysis::carry::carry_rows;
use crate::error::Error;
use crate::io::figures::{Attached, Figures, attach, first_few};
use crate::io::herindeling::read_herindeling;
use crate::model::{Atlas, GemeenteCode, Note, NoteKind, UnitCode};

/// The gemeenten (code → name) of every year whose codes are known: the years of the
/// atlas's register (2015, 2025) and 2021 ([`embedded::gemeenten_2021`]).
pub fn code_years(atlas: &Atlas) -> Result<BTreeMap<u16, HashMap<GemeenteCode, String>>, Error> {
    let mut years: BTreeMap<u16, HashMap<GemeenteCode, String>> = atlas
        .register
        .years()
        .map(|y| {
            let g = atlas
                .register
                .gemeenten(y)
                .map(|(c, n)| (c, n.to_string()))
                .collect();
            (y, g)
        })
        .collect();
    years
        .entry(2021)
        .or_insert(embedded::gemeenten_2021()?.into_iter().collect());
    Ok(years)
}

/// How the year of a figures file was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YearBasis {
    /// The caller gave it.
    Given,
    /// Every code is a unit of the atlas or a gemeente of its year.
    Atlas,
    /// The latest year whose gemeenten include every code (the other years that do too).
    Codes(Vec<u16>),
}

/// The year of a figures file: the given one, or the one its gemeente codes tell (see the
/// module documentation); `None` when the codes name no gemeente of a known year.
/// A file whose codes fit no single year is an [`Error::FiguresYear`] naming them.
///
/// # Examples
/// ```
/// use speelveld::dataset::figures::{YearBasis, figures_year};
/// use speelveld::io::figures::read_figures;
/// let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
/// // Weesp and Beemster merged in 2022: a gemeente of 2015 and of 2021, 2021 the latest.
/// let f = read_figures("f.csv", "code,inwoners\nGM0457,20445\nGM0370,10303\n").unwrap();
/// assert_eq!(figures_year(&f, &atlas, None).unwrap(), Some((2021, YearBasis::Codes(vec![2015]))));
/// // Dijk en Waard (2022) beside Heerhugowaard (gone in 2022): no single year.
/// let f = read_figures("f.csv", "code,inwoners\nGM1980,1\nGM0398,1\nGM0416,1\n").unwrap();
/// let e = figures_year(&f, &atlas, None).unwrap_err().to_string();
/// assert!(e.starts_with("f.csv: the codes are gemeenten of more than one year"), "{e}");
/// ```
pub fn figures_year(
    figures: &Figures,
    atlas: &Atlas,
    given: Option<u16>,
) -> Result<Option<(u16, YearBasis)>, Error> {
    let years = code_years(atlas)?;
    if let Some(y) = given {
        if !years.contains_key(&y) {
            return Err(Error::FiguresYear {
                path: figures.path.clone(),
                message: format!(
                    "no gemeenten of {y} are known; expected one of {}",
                    join_years(years.keys())
                ),
            });
        }
        return Ok(Some((y, YearBasis::Given)));
    }
    let codes: Vec<(usize, GemeenteCode)> = figures
        .rows
        .iter()
        .filter_map(|r| Some((r.line, r.code.gemeente()?)))
        .collect();
    let in_atlas = |c: &GemeenteCode| atlas.unit_index(&(*c).into()).is_some();
    let of_year = |y: u16, c: &GemeenteCode| years.get(&y).is_some_and(|m| m.contains_key(c));
    if let Some(a) = atlas.year
        && codes.iter().all(|(_, c)| in_atlas(c) || of_year(a, c))
    {
        return Ok(Some((a, YearBasis::Atlas)));
    }
    let known: Vec<&(usize, GemeenteCode)> = codes
        .iter()
        .filter(|(_, c)| years.values().any(|m| m.contains_key(c)))
        .collect();
    if known.is_empty() {
        return Ok(None);
    }
    let fit: Vec<u16> = years
        .iter()
        .filter(|(_, m)| known.iter().all(|(_, c)| m.contains_key(c)))
        .map(|(y, _)| *y)
        .collect();
    if let Some((&latest, others)) = fit.split_last() {
        return Ok(Some((latest, YearBasis::Codes(others.to_vec()))));
    }
    // No single year: name the codes outside the year that holds most of them.
    let best = years
        .iter()
        .max_by_key(|(y, m)| (known.iter().filter(|(_, c)| m.contains_key(c)).count(), **y))
        .map(|(y, _)| *y)
        .unwrap_or_default();
    let outside: Vec<String> = known
        .iter()
        .filter(|(_, c)| !of_year(best, c))
        .map(|(line, c)| {
            format!(
                "{} (line {line}, {})",
                labelled(&years, *c),
                of_years(&years, *c)
            )
        })
        .collect();
    Err(Error::FiguresYear {
        path: figures.path.clone(),
        message: format!(
            "the codes are gemeenten of more than one year: {} of {} are gemeenten of {best}, {} not: {}; \
             expected the gemeenten of one year (carrying a gemeente and its successor would count them twice), \
             or the year of the file given so that rows of other years are left out",
            known.len() - outside.len(),
            known.len(),
            outside.len(),
            first_few(outside.iter().cloned())
        ),
    })
}

/// Attaches a figures file to the units of an atlas, carried to the atlas's year when it is
/// of another (see the module documentation); a figure of the file replaces one already
/// there on every unit, so a unit without a row lacks it. Returns the notes on what was done
/// (the reading notes of `figures` not included).
///
/// # Examples
/// ```
/// use speelveld::dataset::figures::add_figures;
/// use speelveld::io::figures::read_figures;
/// let mut atlas = speelveld::dataset::embedded::atlas(None).unwrap();
/// let f = speelveld::dataset::embedded::kerncijfers_2021();
/// let f = read_figures("kern.csv", f.text).unwrap();
/// let notes = add_figures(&mut atlas, &f, None).unwrap();
/// assert!(notes[0].text.starts_with("figures of 2021 carried to the 2025 gemeenten"));
/// let ams = atlas.unit_index(&"GM0363".parse().unwrap()).unwrap();
/// assert_eq!(atlas.units()[ams].figure("inwoners"), Some(893_783.0));
/// ```
pub fn add_figures(
    atlas: &mut Atlas,
    figures: &Figures,
    year: Option<u16>,
) -> Result<Vec<Note>, Error> {
    for unit in atlas.units_mut() {
        for name in &figures.names {
            unit.figures.remove(name);
        }
    }
    let path = figures.path.as_str();
    let file_year = figures_year(figures, atlas, year)?;
    let (to, (from, basis)) = match (atlas.year, file_year) {
        (Some(to), Some((from, basis))) if from != to => (to, (from, basis)),
        (None, Some((from, YearBasis::Given))) => {
            let mut notes = vec![Note::new(
                path,
                NoteKind::Figures,
                format!(
                    "the year of the atlas's units is unknown, so the figures of {from} are attached by code as they are, not carried"
                ),
            )];
            notes.extend(attach(atlas, figures).notes(path));
            return Ok(notes);
        }
        _ => return Ok(attach(atlas, figures).notes(path)),
    };
    let (table, share_basis) = match (from, to) {
        (2021, 2025) => (embedded::dated_herindeling_2021_2025(), "the table's share"),
        (2015, 2025) => match embedded::herindeling_table(2015, 2025) {
            Some(t) => (t, "area share"),
            None => return Err(no_herindeling(path, from, to)),
        },
        _ => return Err(no_herindeling(path, from, to)),
    };
    let h = read_herindeling(table.name, table.text)?;
    let years = code_years(atlas)?;
    let of_from = years.get(&from);
    let name_then = |c: GemeenteCode| {
        of_from
            .and_then(|m| m.get(&c))
            .map_or_else(|| c.to_string(), |n| format!("{c} {n}"))
    };
    // Rows of the file's year are carried; the others are named and left out.
    let mut rows = Vec::new();
    let mut other_year = Vec::new();
    for r in &figures.rows {
        match r.code.gemeente() {
            Some(g) if of_from.is_some_and(|m| m.contains_key(&g)) => {
                rows.push((r.line, r.code, &r.values));
            }
            Some(g) => other_year.push(format!(
                "{} (line {}, {})",
                labelled(&years, g),
                r.line,
                of_years(&years, g)
            )),
            None => other_year.push(format!("{} (line {}, no gemeente)", r.code, r.line)),
        }
    }
    let c = carry_rows(&rows, &h, atlas)?;
    let mut attached = Attached::default();
    for (u, values) in &c.figures {
        if let Some(unit) = atlas.units_mut().get_mut(*u) {
            unit.figures
                .extend(values.iter().map(|(k, v)| (k.clone(), *v)));
            attached.units += 1;
        }
    }
    attached.without = atlas
        .units()
        .iter()
        .enumerate()
        .filter(|(i, _)| !c.figures.contains_key(i))
        .map(|(_, u)| (u.code, u.name.clone()))
        .collect();
    let name_now = |c: GemeenteCode| {
        atlas
            .unit_index(&c.into())
            .and_then(|u| atlas.units().get(u))
            .map_or_else(|| c.to_string(), |u| format!("{c} {}", u.name))
    };
    let mut notes = Vec::new();
    let note = |text: String| Note::new(path, NoteKind::Figures, text);
    // One line on what was carried.
    let mut changed: Vec<_> = c.changed.iter().collect();
    changed.sort_by(|a, b| a.code.cmp(&b.code));
    let merged: Vec<_> = changed
        .iter()
        .copied()
        .filter(|x| x.fate == "merged")
        .collect();
    let split: Vec<_> = changed
        .iter()
        .copied()
        .filter(|x| x.fate == "split")
        .collect();
    let into = |xs: &[&crate::analysis::carry::CarriedCode]| {
        xs.iter()
            .flat_map(|x| x.targets.iter().map(|(t, _)| *t))
            .collect::<BTreeSet<_>>()
            .len()
    };
    let mut what = Vec::new();
    if !merged.is_empty() {
        what.push(format!(
            "{} code(s) merged into {} gemeente(n) ({})",
            merged.len(),
            into(&merged),
            first_few(merged.iter().map(|x| {
                let to = x.targets.first().map(|(t, _)| name_now(*t));
                format!(
                    "{} → {}",
                    name_then_code(&name_then, x.code.as_str()),
                    to.unwrap_or_default()
                )
            }))
        ));
    }
    if !split.is_empty() {
        what.push(format!(
            "{} split over {} gemeenten by {share_basis}",
            split.len(),
            into(&split)
        ));
    }
    if what.is_empty() {
        what.push("no code changed".into());
    }
    let how = match &basis {
        YearBasis::Given => "the year given".to_string(),
        YearBasis::Atlas => "the year of the atlas".to_string(),
        YearBasis::Codes(also) if also.is_empty() => format!(
            "the year found from the codes: all {} are gemeenten of {from}",
            rows.len()
        ),
        YearBasis::Codes(also) => format!(
            "the year found from the codes: all {} are gemeenten of {from}, and of {} too",
            rows.len(),
            join_years(also.iter())
        ),
    };
    notes.push(note(format!(
        "figures of {from} carried to the {to} gemeenten ({how}): {}; {}",
        what.join(", "),
        totals_text(&c.totals)
    )));
    if !split.is_empty() {
        notes.push(note(format!(
            "the figures of {} gemeente(n) of {from} split by a herindeling were divided by {share_basis}, so the figures of their parts are estimates: {}",
            split.len(),
            first_few(split.iter().map(|x| {
                let parts: Vec<String> = x
                    .targets
                    .iter()
                    .map(|(t, s)| format!("{} {:.3}", name_now(*t), s))
                    .collect();
                format!(
                    "{} ({})",
                    name_then_code(&name_then, x.code.as_str()),
                    parts.join(", ")
                )
            }))
        )));
    }
    if !other_year.is_empty() {
        notes.push(note(format!(
            "{} row(s) are not gemeenten of {from}, their figures are not used: {}",
            other_year.len(),
            first_few(other_year)
        )));
    }
    let unaccounted: Vec<String> = c
        .changed
        .iter()
        .filter(|x| x.fate == "unaccounted")
        .map(|x| format!("{} (line {})", name_then_code(&name_then, &x.code), x.line))
        .collect();
    if !unaccounted.is_empty() {
        notes.push(note(format!(
            "{} gemeente(n) of {from} have no successor among the units of the atlas, their figures are not used: {}",
            unaccounted.len(),
            first_few(unaccounted)
        )));
    }
    notes.extend(attached.notes(path));
    Ok(notes)
}

/// `GM0370 Beemster` for a code as text (the code alone when it is not a gemeente code).
fn name_then_code(name_then: &impl Fn(GemeenteCode) -> String, code: &str) -> String {
    match code.parse::<UnitCode>().ok().and_then(UnitCode::gemeente) {
        Some(g) => name_then(g),
        None => code.to_string(),
    }
}

/// `GM1980 Dijk en Waard`: a code with its name in the latest known year that has it.
fn labelled(years: &BTreeMap<u16, HashMap<GemeenteCode, String>>, c: GemeenteCode) -> String {
    match years.values().rev().find_map(|m| m.get(&c)) {
        Some(n) => format!("{c} {n}"),
        None => c.to_string(),
    }
}

/// `a gemeente of 2015, 2021`, or `of no known year`.
fn of_years(years: &BTreeMap<u16, HashMap<GemeenteCode, String>>, c: GemeenteCode) -> String {
    let ys: Vec<&u16> = years
        .iter()
        .filter(|(_, m)| m.contains_key(&c))
        .map(|(y, _)| y)
        .collect();
    if ys.is_empty() {
        "of no known year".into()
    } else {
        format!("a gemeente of {}", join_years(ys.into_iter()))
    }
}

fn no_herindeling(path: &str, from: u16, to: u16) -> Error {
    Error::FiguresYear {
        path: path.into(),
        message: format!(
            "figures of {from} cannot be carried to the gemeenten of {to}: no herindeling from {from} to {to} is known \
             (only 2015 → 2025 and 2021 → 2025); expected figures of {to}, or units of a year they can be carried to"
        ),
    }
}

fn join_years<'a>(years: impl Iterator<Item = &'a u16>) -> String {
    years.map(u16::to_string).collect::<Vec<_>>().join(", ")
}

/// `totals kept (inwoners 17,475,415 → 17,475,415)`, or the figures whose totals changed.
fn totals_text(totals: &BTreeMap<String, (f64, f64)>) -> String {
    let differs = |(a, b): (f64, f64)| (a - b).abs() > 1e-6 * a.abs().max(1.0);
    let changed: Vec<String> = totals
        .iter()
        .filter(|(_, t)| differs(**t))
        .map(|(k, (a, b))| format!("{k} {} → {}", grouped(*a), grouped(*b)))
        .collect();
    if !changed.is_empty() {
        return format!(
            "totals changed, by figures that reached no unit of the atlas: {}",
            first_few(changed)
        );
    }
    let shown = totals
        .get_key_value("inwoners")
        .or_else(|| totals.iter().next());
    match shown {
        Some((k, (a, b))) => format!("totals kept ({k} {} → {})", grouped(*a), grouped(*b)),
        None => "no figures".into(),
    }
}

/// A number with a comma between thousands (`17,475,415`; decimals kept to 3 places).
fn grouped(v: f64) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    let text = format!("{}", r.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if r < 0.0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_numbers() {
        assert_eq!(grouped(17_475_415.0), "17,475,415");
        assert_eq!(grouped(-1204.5), "-1,204.5");
        assert_eq!(grouped(12.0), "12");
    }
}
