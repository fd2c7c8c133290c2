//! Is a layout sound? Every unit covered exactly once (shares sum to 1), no unknown or
//! duplicate codes, no empty regions, no units of another year, no names that disagree with
//! their code. Each [`Finding`] has a [`Severity`] and names the layout, the unit and the
//! region it is about.
//!
//! Three entry points, as geo's validation has them: [`findings`] (all findings of one
//! layout), [`check`] (the first error as a `Result`) and [`is_valid`]; [`validate`] runs the
//! atlas-wide checks and those of one or all layouts into a printable [`Validation`].
//!
//! # Examples
//! ```
//! use speelveld::{Atlas, Layout, Unit, GemeenteCode};
//! use speelveld::analysis::validate::{findings, Severity};
//! let mut atlas = Atlas::new(None);
//! let a = atlas.add_unit(Unit::new("GM0001".parse::<GemeenteCode>().unwrap(), "Een")).unwrap();
//! let b = atlas.add_unit(Unit::new("GM0002".parse::<GemeenteCode>().unwrap(), "Twee")).unwrap();
//! let mut l = Layout::new("x");
//! let r = l.add_region("R1".parse().unwrap(), "");
//! l.add_member(a, r, 0.5);
//! let f = findings(&atlas, &l);
//! assert!(f.iter().any(|f| f.severity == Severity::Error && f.check == "shares" && f.unit == "GM0001 Een"));
//! assert!(f.iter().any(|f| f.check == "uncovered" && f.unit == "GM0002 Twee"));
//! assert!(!speelveld::analysis::validate::is_valid(&atlas, &l));
//! ```

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::error::Error;
use crate::geometry::adjacency::{AdjacencyOptions, UnitGraph, atlas_adjacency, region_parts};
use crate::io::units::{UnitLookup, names_agree};
use crate::io::write::{Table, Tabular};
use crate::model::{Atlas, Layout, UnitCode};

/// How bad a finding is. `validate` fails (exit 1) on an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The layout is wrong: a unit uncovered or counted twice, an unknown code.
    Error,
    /// Probably wrong or worth a look: a code of another year, an empty region.
    Warning,
    /// For information: a split unit.
    Info,
}

/// Shares of one unit may differ this much from 1.
pub const SHARE_TOLERANCE: f64 = 1e-6;

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// How bad it is.
    pub severity: Severity,
    /// The layout (`""` for findings about the units of the atlas).
    pub layout: String,
    /// The check that found it: `uncovered`, `shares`, `duplicate`, `split`, `unknown-code`,
    /// `other-year`, `unmatched-name`, `no-region-code`, `empty-region`, `name`,
    /// `non-contiguous`, `load` (a warning from loading, such as a repaired geometry).
    pub check: &'static str,
    /// The unit (`GM0363 Amsterdam`), or the text of the row; empty when not about a unit.
    pub unit: String,
    /// The region (`JZ13`), or empty.
    pub region: String,
    /// What is wrong, in a sentence.
    pub message: String,
}

/// All findings of the atlas-wide checks and of one or more layouts.
#[derive(Debug, Clone, Serialize)]
pub struct Validation {
    /// The atlas year, when known.
    pub year: Option<u16>,
    /// The layouts checked.
    pub layouts: Vec<String>,
    /// Number of error findings.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Number of info findings.
    pub infos: usize,
    /// The findings: errors first, then warnings, then info; in layout order within each.
    pub findings: Vec<Finding>,
}

impl Validation {
    /// True when there is no error-level finding.
    pub fn is_ok(&self) -> bool {
        self.errors == 0
    }
}

impl Tabular for Validation {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        Ok(vec![Table::from_rows("findings", &self.findings)?.titled(
            format!(
                "validation: {} error(s), {} warning(s), {} info",
                self.errors, self.warnings, self.infos
            ),
        )])
    }
}

fn unit_label(atlas: &Atlas, unit: usize) -> String {
    atlas
        .units()
        .get(unit)
        .map_or_else(|| format!("#{unit}"), |u| format!("{} {}", u.code, u.name))
}

/// All findings of one layout over the units of an atlas.
pub fn findings(atlas: &Atlas, layout: &Layout) -> Vec<Finding> {
    let name = layout.name().to_string();
    let mut out = Vec::new();
    let mut push = |severity, check, unit: String, region: String, message: String| {
        out.push(Finding {
            severity,
            layout: name.clone(),
            check,
            unit,
            region,
            message,
        })
    };
    let region_code = |r: usize| {
        layout
            .regions()
            .get(r)
            .map_or_else(|| format!("#{r}"), |r| r.code.to_string())
    };
    // Rows kept unresolved although their unit is in the atlas: the source gave no usable
    // region for them (the SWV table's `Europoort`).
    let lookup = UnitLookup::new(atlas);
    let mut no_code: HashMap<usize, usize> = HashMap::new();
    for (i, u) in layout.unresolved.iter().enumerate() {
        if let Ok(unit) = lookup.resolve(&u.unit) {
            no_code.entry(unit).or_insert(i);
        }
    }
    let mut reported = HashSet::new();
    // Coverage, shares, duplicates and splits, unit by unit.
    for unit in 0..atlas.units().len() {
        let ms: Vec<_> = layout.regions_of(unit).collect();
        if let (true, Some(u)) = (
            ms.is_empty(),
            no_code.get(&unit).and_then(|&i| layout.unresolved.get(i)),
        ) {
            // Uncovered because the source has no region code for it: say why, as a warning.
            reported.insert(unit);
            push(
                Severity::Warning,
                "no-region-code",
                unit_label(atlas, unit),
                u.region.to_string(),
                format!(
                    "{} is in no region of {}: {}: {}",
                    unit_label(atlas, unit),
                    layout.name(),
                    u.origin,
                    u.reason
                ),
            );
            continue;
        }
        if ms.is_empty() {
            push(
                Severity::Error,
                "uncovered",
                unit_label(atlas, unit),
                String::new(),
                format!(
                    "{} is in no region of {}",
                    unit_label(atlas, unit),
                    layout.name()
                ),
            );
            continue;
        }
        let mut seen = HashSet::new();
        for m in &ms {
            if !seen.insert(m.region) {
                push(
                    Severity::Error,
                    "duplicate",
                    unit_label(atlas, unit),
                    region_code(m.region),
                    format!(
                        "{} is listed more than once in region {}",
                        unit_label(atlas, unit),
                        region_code(m.region)
                    ),
                );
            }
        }
        let sum: f64 = ms.iter().map(|m| m.share).sum();
        let regions = ms
            .iter()
            .map(|m| format!("{} ({})", region_code(m.region), fmt_share(m.share)))
            .collect::<Vec<_>>()
            .join(", ");
        if (sum - 1.0).abs() > SHARE_TOLERANCE {
            push(
                Severity::Error,
                "shares",
                unit_label(atlas, unit),
                regions.clone(),
                format!(
                    "the shares of {} sum to {}, expected 1: {regions}",
                    unit_label(atlas, unit),
                    fmt_share(sum)
                ),
            );
        } else if let (true, Some(c)) = (
            seen.len() > 1,
            layout.conflicts.iter().find(|c| {
                atlas
                    .units()
                    .get(unit)
                    .is_some_and(|u| u.code.to_string() == c.unit)
            }),
        ) {
            // Carried from another year: the predecessors lay in different regions.
            let preds: Vec<String> = c
                .predecessors
                .iter()
                .map(|p| format!("{} in {}", p.unit, p.regions))
                .collect();
            push(
                Severity::Warning,
                "merger-conflict",
                unit_label(atlas, unit),
                regions.clone(),
                format!(
                    "{}: its predecessors lay in different regions ({}); split by area as {}; \
                     the layout must be redrawn here",
                    unit_label(atlas, unit),
                    preds.join("; "),
                    c.shares
                ),
            );
        } else if seen.len() > 1 {
            push(
                if layout.whole_units {
                    Severity::Warning
                } else {
                    Severity::Info
                },
                "split",
                unit_label(atlas, unit),
                regions.clone(),
                format!(
                    "{} is split over {} regions{}: {regions}",
                    unit_label(atlas, unit),
                    seen.len(),
                    if layout.whole_units {
                        " in a layout of whole units"
                    } else {
                        ""
                    }
                ),
            );
        }
    }
    // Rows that were not attached to a unit.
    for u in &layout.unresolved {
        if lookup.resolve(&u.unit).is_ok_and(|i| reported.contains(&i)) {
            continue;
        }
        let (severity, check, message) = match u.unit.parse::<UnitCode>() {
            _ if lookup.resolve(&u.unit).is_ok() => (
                Severity::Warning,
                "no-region-code",
                format!("{}: {}", u.origin, u.reason),
            ),
            Ok(UnitCode::Gemeente(g)) => match atlas.register.other_years(g, atlas.year).first() {
                Some((y, n)) => (
                    Severity::Warning,
                    "other-year",
                    format!(
                        "{}: {g} is a gemeente of {y} ({n}), not a unit of this atlas{}",
                        u.origin,
                        atlas.year.map(|y| format!(" of {y}")).unwrap_or_default()
                    ),
                ),
                None => (
                    Severity::Error,
                    "unknown-code",
                    format!("{}: {}", u.origin, u.reason),
                ),
            },
            Ok(UnitCode::Pc4(_)) => (
                Severity::Error,
                "unknown-code",
                format!("{}: {}", u.origin, u.reason),
            ),
            Err(_) => (
                Severity::Error,
                "unmatched-name",
                format!("{}: {}", u.origin, u.reason),
            ),
        };
        push(
            severity,
            check,
            u.unit.clone(),
            u.region.to_string(),
            message,
        );
    }
    // Unit names in the source that disagree with the unit's code.
    for s in &layout.source_names {
        let Some(u) = atlas.units().get(s.unit) else {
            continue;
        };
        if !u.name.is_empty() && !names_agree(&s.name, &u.name) {
            let region = layout
                .regions_of(s.unit)
                .map(|m| region_code(m.region))
                .collect::<Vec<_>>()
                .join(", ");
            push(
                Severity::Warning,
                "name",
                unit_label(atlas, s.unit),
                region,
                format!(
                    "{}: {} is named '{}' here but '{}' in the units",
                    s.origin, u.code, s.name, u.name
                ),
            );
        }
    }
    // Empty regions.
    for (r, members) in layout.members_by_region().iter().enumerate() {
        let unresolved_here = layout
            .unresolved
            .iter()
            .any(|u| Some(&u.region) == layout.regions().get(r).map(|x| &x.code));
        if members.is_empty() {
            push(
                Severity::Warning,
                "empty-region",
                String::new(),
                region_code(r),
                format!(
                    "region {} has no unit of the atlas{}",
                    region_code(r),
                    if unresolved_here {
                        " (only unresolved rows)"
                    } else {
                        ""
                    }
                ),
            );
        }
    }
    out
}

/// Findings about the units themselves: codes that are not gemeenten of the atlas year and
/// names that disagree with the CBS name of the code in that year.
pub fn unit_findings(atlas: &Atlas) -> Vec<Finding> {
    let Some(year) = atlas.year else {
        return Vec::new();
    };
    if atlas.register.years().all(|y| y != year) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, u) in atlas.units().iter().enumerate() {
        let Some(g) = u.code.gemeente() else { continue };
        let finding = |severity, check, message| Finding {
            severity,
            layout: String::new(),
            check,
            unit: unit_label(atlas, i),
            region: String::new(),
            message,
        };
        match atlas.register.name(year, g) {
            Some(n) if !names_agree(n, &u.name) && !u.name.is_empty() => out.push(finding(
                Severity::Warning,
                "name",
                format!("{g} is '{n}' in the CBS list of {year}, here '{}'", u.name),
            )),
            Some(_) => {}
            None => {
                let other = atlas
                    .register
                    .other_years(g, Some(year))
                    .first()
                    .map(|(y, n)| format!(" (it is {n} of {y})"))
                    .unwrap_or_default();
                out.push(finding(
                    Severity::Warning,
                    "other-year",
                    format!("{g} is not a gemeente of {year}{other}"),
                ));
            }
        }
    }
    out
}

/// Regions that lie in more than one piece over the unit adjacency graph
/// ([`crate::geometry::adjacency`]): an info finding per region (check `non-contiguous`)
/// naming the units outside its largest part. Islands and exclaves are real (the Wadden
/// islands, Zeeuws-Vlaanderen), so this is information, not a warning. Units without
/// geometry are not judged.
pub fn contiguity_findings(atlas: &Atlas, layout: &Layout, graph: &UnitGraph) -> Vec<Finding> {
    region_parts(graph, layout)
        .into_iter()
        .filter(|p| !p.is_contiguous())
        .filter_map(|p| {
            let region = layout.regions().get(p.region)?;
            let has_geometry =
                |u: &usize| atlas.units().get(*u).is_some_and(|x| x.geometry.is_some());
            let parts: Vec<&Vec<usize>> = p
                .parts
                .iter()
                .filter(|part| part.iter().any(has_geometry))
                .collect();
            if parts.len() < 2 {
                return None;
            }
            let detached: Vec<String> = parts
                .iter()
                .skip(1)
                .map(|part| {
                    part.iter()
                        .map(|&u| unit_label(atlas, u))
                        .collect::<Vec<_>>()
                        .join(" + ")
                })
                .collect();
            Some(Finding {
                severity: Severity::Info,
                layout: layout.name().to_string(),
                check: "non-contiguous",
                unit: detached.join("; "),
                region: region.code.to_string(),
                message: format!(
                    "{} {} lies in {} parts; detached from its main part ({} units): {}",
                    region.code,
                    region.name,
                    parts.len(),
                    parts.first().map_or(0, |x| x.len()),
                    detached.join("; ")
                ),
            })
        })
        .collect()
}

/// The first error-level finding of a layout, as an error.
pub fn check(atlas: &Atlas, layout: &Layout) -> Result<(), Finding> {
    match findings(atlas, layout)
        .into_iter()
        .find(|f| f.severity == Severity::Error)
    {
        Some(f) => Err(f),
        None => Ok(()),
    }
}

/// True when a layout has no error-level finding.
pub fn is_valid(atlas: &Atlas, layout: &Layout) -> bool {
    check(atlas, layout).is_ok()
}

/// Validates the units of an atlas and one layout (by name) or all layouts.
pub fn validate(atlas: &Atlas, layout: Option<&str>) -> Result<Validation, Error> {
    let layouts: Vec<&Layout> = match layout {
        Some(name) => vec![atlas.layout(name)?],
        None => atlas.layouts().iter().collect(),
    };
    let mut all = unit_findings(atlas);
    // Warnings from loading (repaired geometry, spatial-assignment noise) are kept as info.
    all.extend(atlas.notes.iter().map(|n| Finding {
        severity: Severity::Info,
        layout: String::new(),
        check: "load",
        unit: String::new(),
        region: String::new(),
        message: n.clone(),
    }));
    let graph = atlas
        .units()
        .iter()
        .any(|u| u.geometry.is_some())
        .then(|| atlas_adjacency(atlas, AdjacencyOptions::default()));
    for l in &layouts {
        all.extend(findings(atlas, l));
        if let Some(g) = &graph {
            all.extend(contiguity_findings(atlas, l, g));
        }
    }
    all.sort_by_key(|f| f.severity);
    let count = |s| all.iter().filter(|f| f.severity == s).count();
    Ok(Validation {
        year: atlas.year,
        layouts: layouts.iter().map(|l| l.name().to_string()).collect(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        findings: all,
    })
}

fn fmt_share(x: f64) -> String {
    crate::io::write::format_number(
        &serde_json::Number::from_f64((x * 1e4).round() / 1e4).unwrap_or_else(|| 0.into()),
        false,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::embedded::atlas;
    use crate::dataset::load::{LayoutSpec, read_layout};
    use crate::model::{GemeenteCode, Unit};

    #[test]
    fn embedded_atlases_have_no_errors() {
        let v = validate(&atlas(None).unwrap(), None).unwrap();
        // 2025: the SWV layouts carried from 2015 add the 6 Europoort rows and the 9 + 13
        // merger conflicts (warnings), the other split gemeenten (12 PO + 13 VO) and their
        // detached parts (5) as info; the CBS layouts add their detached parts (below).
        assert_eq!(
            (v.errors, v.warnings, v.infos),
            (0, 28, 63),
            "{:?}",
            v.findings
        );
        // Two load notes: the self-intersecting rings of GM0293 and GM1676, repaired.
        let load: Vec<&Finding> = v.findings.iter().filter(|f| f.check == "load").collect();
        assert_eq!(load.len(), 2);
        assert!(
            load[0].message.contains("(GM0293): invalid geometry"),
            "{:?}",
            load[0]
        );
        // The infos: each of the eight CBS layouts has the same four non-contiguous regions
        // (the generalised gemeenten are land only): Friesland with four Wadden islands
        // detached, Texel, Goeree-Overflakkee, and Zeeuws-Vlaanderen (Hulst, Terneuzen, Sluis),
        // except the RMC-regio's, where Zeeuws-Vlaanderen is a region of its own (MC33).
        assert!(
            v.findings
                .iter()
                .filter(|f| !f.layout.starts_with("swv"))
                .all(|f| f.check == "non-contiguous" || f.check == "load")
        );
        let jz: Vec<&str> = v
            .findings
            .iter()
            .filter(|f| f.layout == "jeugdzorgregio")
            .map(|f| f.unit.as_str())
            .collect();
        assert_eq!(
            jz,
            [
                "GM0060 Ameland; GM0088 Schiermonnikoog; GM0093 Terschelling; GM0096 Vlieland",
                "GM0448 Texel",
                "GM1924 Goeree-Overflakkee",
                "GM0677 Hulst + GM0715 Terneuzen + GM1714 Sluis"
            ]
        );
        let detached = |layout: &str| v.findings.iter().filter(|f| f.layout == layout).count();
        let cbs = [
            "jeugdzorgregio",
            "arbeidsmarktregio",
            "ggdregio",
            "rmcregio",
            "veiligheidsregio",
            "zorgkantoorregio",
            "veiligthuisregio",
            "provincie",
        ];
        assert_eq!(cbs.map(detached), [4, 4, 4, 3, 4, 4, 4, 4]);
        let v = validate(&atlas(Some(2015)).unwrap(), None).unwrap();
        assert_eq!(v.errors, 0, "{:?}", v.findings);
        // Europoort: 3 postcodes without an SWV code, in PO and in VO.
        let no_code: Vec<&Finding> = v
            .findings
            .iter()
            .filter(|f| f.check == "no-region-code")
            .collect();
        assert_eq!(no_code.len(), 6);
        assert!(
            no_code
                .iter()
                .all(|f| f.unit == "Rotterdam" && f.region == "Europoort")
        );
        // Split gemeenten: 12 in PO, 13 in VO (python3 on the SWV table).
        let split = |l: &str| {
            v.findings
                .iter()
                .filter(|f| f.check == "split" && f.layout == l)
                .count()
        };
        assert_eq!((split("swv-po"), split("swv-vo")), (12, 13));
    }

    #[test]
    fn europoort_postcodes_are_warnings_not_errors() {
        let path = format!(
            "{}/../../../shared/data/swv/regio_indeling_swv_pc4.csv",
            env!("CARGO_MANIFEST_DIR")
        );
        let a = crate::dataset::load::read_units(std::path::Path::new(&path), None).unwrap();
        let v = validate(&a, None).unwrap();
        assert_eq!((v.errors, v.warnings), (0, 6), "{:?}", v.findings);
        let f = &v.findings[0];
        assert_eq!(
            (f.check, f.unit.as_str(), f.region.as_str()),
            ("no-region-code", "3197 Rotterdam", "Europoort")
        );
        assert!(
            f.message.contains("regio_indeling_swv_pc4.csv:942"),
            "{}",
            f.message
        );
    }

    #[test]
    fn names_that_disagree_with_their_code() {
        let a = atlas(None).unwrap();
        let t = crate::io::text::read_table(
            "n.csv",
            "gemeentecode,gemeentenaam,regiocode\nGM0363,Rotterdam,R1\nGM0888,Beek,R1\nGM0014,Groningen,R1\n",
        )
        .unwrap();
        let l = crate::io::membership::read_membership(&t, "n", &UnitLookup::new(&a)).unwrap();
        let names: Vec<Finding> = findings(&a, &l)
            .into_iter()
            .filter(|f| f.check == "name")
            .collect();
        // Beek is Beek (L.) without its qualifier: not a disagreement.
        assert_eq!(names.len(), 1, "{names:?}");
        assert_eq!(
            names[0].message,
            "n.csv:2: GM0363 is named 'Rotterdam' here but 'Amsterdam' in the units"
        );
        assert_eq!(
            (names[0].severity, names[0].region.as_str()),
            (Severity::Warning, "R1")
        );
    }

    #[test]
    fn a_2015_table_on_2025_units() {
        let a = atlas(None).unwrap();
        let spec: LayoutSpec = format!(
            "old={}/../../../shared/data/cbs/2015/gemeente_regions_spatial.csv:provincie",
            env!("CARGO_MANIFEST_DIR")
        )
        .parse()
        .unwrap();
        let l = read_layout(&spec, &a).unwrap();
        let f = findings(&a, &l);
        let bussum = f.iter().find(|f| f.unit == "GM0381").unwrap();
        assert_eq!(
            (bussum.severity, bussum.check, bussum.region.as_str()),
            (Severity::Warning, "other-year", "PV27")
        );
        assert!(
            bussum.message.contains("gemeente_regions_spatial.csv:2")
                && bussum.message.contains("of 2015 (Bussum)"),
            "{}",
            bussum.message
        );
        // Gemeenten new since 2015 (Gooise Meren GM1942, …) are uncovered: errors.
        assert!(f.iter().any(|f| f.check == "uncovered"
            && f.unit == "GM1942 Gooise Meren"
            && f.severity == Severity::Error));
    }

    #[test]
    fn bad_membership_findings() {
        let mut a = Atlas::new(Some(2025));
        a.register = crate::dataset::embedded_register();
        let ams = a
            .add_unit(Unit::new(
                "GM0363".parse::<GemeenteCode>().unwrap(),
                "Rotterdam",
            ))
            .unwrap();
        let gr = a
            .add_unit(Unit::new(
                "GM0014".parse::<GemeenteCode>().unwrap(),
                "Groningen",
            ))
            .unwrap();
        a.add_unit(Unit::new(
            "GM0381".parse::<GemeenteCode>().unwrap(),
            "Bussum",
        ))
        .unwrap();
        let mut l = Layout::new("x");
        let r1 = l.add_region("R1".parse().unwrap(), "Een");
        let r2 = l.add_region("R2".parse().unwrap(), "Twee");
        l.add_region("R3".parse().unwrap(), "Leeg");
        l.add_member(ams, r1, 1.0);
        l.add_member(ams, r1, 1.0);
        l.add_member(gr, r1, 0.5);
        l.add_member(gr, r2, 0.4);
        l.unresolved.push(crate::model::Unresolved {
            origin: "x.csv:9".into(),
            unit: "GM9999".into(),
            region: "R2".parse().unwrap(),
            reason: "unknown unit code GM9999".into(),
        });
        l.unresolved.push(crate::model::Unresolved {
            origin: "x.csv:10".into(),
            unit: "Atlantis".into(),
            region: "R2".parse().unwrap(),
            reason: "no unit named Atlantis".into(),
        });
        a.add_layout(l).unwrap();
        let v = validate(&a, Some("x")).unwrap();
        let checks: Vec<(Severity, &str, &str)> = v
            .findings
            .iter()
            .map(|f| (f.severity, f.check, f.unit.as_str()))
            .collect();
        for want in [
            (Severity::Error, "duplicate", "GM0363 Rotterdam"),
            (Severity::Error, "shares", "GM0363 Rotterdam"),
            (Severity::Error, "shares", "GM0014 Groningen"),
            (Severity::Error, "uncovered", "GM0381 Bussum"),
            (Severity::Error, "unknown-code", "GM9999"),
            (Severity::Error, "unmatched-name", "Atlantis"),
            (Severity::Warning, "empty-region", ""),
            (Severity::Warning, "name", "GM0363 Rotterdam"),
            (Severity::Warning, "other-year", "GM0381 Bussum"),
        ] {
            assert!(checks.contains(&want), "{want:?} not in {checks:?}");
        }
        assert!(!v.is_ok());
        let shares = v
            .findings
            .iter()
            .find(|f| f.check == "shares" && f.unit.starts_with("GM0014"))
            .unwrap();
        assert_eq!(
            shares.message,
            "the shares of GM0014 Groningen sum to 0.9, expected 1: R1 (0.5), R2 (0.4)"
        );
        assert!(validate(&a, Some("y")).is_err());
    }
}
