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
//! use speelveld::analysis::validate::{findings, Check, Severity};
//! let mut atlas = Atlas::new(None);
//! let a = atlas.add_unit(Unit::new("GM0001".parse::<GemeenteCode>().unwrap(), "Een")).unwrap();
//! let b = atlas.add_unit(Unit::new("GM0002".parse::<GemeenteCode>().unwrap(), "Twee")).unwrap();
//! let mut l = Layout::new("x");
//! let r = l.add_region("R1".parse().unwrap(), "");
//! l.add_member(a, r, 0.5);
//! let f = findings(&atlas, &l);
//! assert!(f.iter().any(|f| f.severity == Severity::Error && f.check == Check::Shares && f.unit == "GM0001 Een"));
//! assert!(f.iter().any(|f| f.check == Check::Uncovered && f.unit == "GM0002 Twee"));
//! assert!(!speelveld::analysis::validate::is_valid(&atlas, &l));
//! ```

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::error::Error;
use crate::geometry::adjacency::{AdjacencyOptions, UnitGraph, atlas_adjacency, region_parts};
use crate::model::UnitLookup;
use crate::model::name::names_agree;
use crate::model::{Atlas, GemeenteCode, Layout, Member, RegionIdx, UnitCode, UnitIdx, Unresolved};
use crate::model::{Table, Tabular};

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

/// The check that made a finding. Written as its kebab-case name (`unknown-code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// A unit in no region.
    Uncovered,
    /// A unit in no region because its row has no usable region code.
    NoRegionCode,
    /// A unit listed twice in one region.
    Duplicate,
    /// The shares of a unit do not sum to 1.
    Shares,
    /// A unit in several regions.
    Split,
    /// A unit carried from another year whose predecessors lay in different regions.
    MergerConflict,
    /// A row whose code is no unit of the atlas.
    UnknownCode,
    /// A row or unit whose gemeente code belongs to another year.
    OtherYear,
    /// A row whose name matches no unit.
    UnmatchedName,
    /// A name that disagrees with the unit's code.
    Name,
    /// A region without units.
    EmptyRegion,
    /// A region in more than one piece.
    NonContiguous,
    /// A region code that the source names twice, differently.
    RegionName,
    /// A region-polygon layout that gave no unit a region.
    NothingAssigned,
    /// A unit that lies in no region polygon of a spatially assigned layout.
    OutsideRegions,
    /// A unit that overlapping (or repeated) region polygons cover more than once.
    OverlappingRegions,
    /// A note of loading, such as a repaired geometry.
    Load,
}

impl Severity {
    /// The severity as results write it: `error`, `warning`, `info`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The severity in `taal` ([`crate::model::values`]): `waarschuwing`, `warning`.
    ///
    /// # Examples
    /// ```
    /// use speelveld::analysis::validate::Severity;
    /// use speelveld::model::Taal;
    /// assert_eq!(Severity::Warning.label(Taal::Nl), "waarschuwing");
    /// assert_eq!(Severity::Warning.label(Taal::En), "warning");
    /// ```
    pub fn label(self, taal: crate::model::Taal) -> &'static str {
        crate::model::values::value("severity", self.name(), taal)
    }
}

impl Check {
    /// The check in `taal` ([`crate::model::values`]): `fusieconflict`, `merger-conflict`.
    ///
    /// # Examples
    /// ```
    /// use speelveld::analysis::validate::Check;
    /// use speelveld::model::Taal;
    /// assert_eq!(Check::MergerConflict.label(Taal::Nl), "fusieconflict");
    /// assert_eq!(Check::MergerConflict.label(Taal::En), "merger-conflict");
    /// ```
    pub fn label(self, taal: crate::model::Taal) -> &'static str {
        crate::model::values::value("check", self.name(), taal)
    }

    /// The check's name as results write it: `unknown-code`.
    pub fn name(self) -> &'static str {
        match self {
            Check::Uncovered => "uncovered",
            Check::NoRegionCode => "no-region-code",
            Check::Duplicate => "duplicate",
            Check::Shares => "shares",
            Check::Split => "split",
            Check::MergerConflict => "merger-conflict",
            Check::UnknownCode => "unknown-code",
            Check::OtherYear => "other-year",
            Check::UnmatchedName => "unmatched-name",
            Check::Name => "name",
            Check::EmptyRegion => "empty-region",
            Check::NonContiguous => "non-contiguous",
            Check::RegionName => "region-name",
            Check::NothingAssigned => "nothing-assigned",
            Check::OutsideRegions => "outside-regions",
            Check::OverlappingRegions => "overlapping-regions",
            Check::Load => "load",
        }
    }

    /// Every check, in declaration order.
    pub const ALL: [Check; 17] = [
        Check::Uncovered,
        Check::NoRegionCode,
        Check::Duplicate,
        Check::Shares,
        Check::Split,
        Check::MergerConflict,
        Check::UnknownCode,
        Check::OtherYear,
        Check::UnmatchedName,
        Check::Name,
        Check::EmptyRegion,
        Check::NonContiguous,
        Check::RegionName,
        Check::NothingAssigned,
        Check::Load,
        Check::OutsideRegions,
        Check::OverlappingRegions,
    ];
}

impl std::fmt::Display for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How many regions a finding lists before it says "and N more".
const LISTED: usize = 10;

/// The most findings one check makes for one layout; the rest are counted in one last
/// finding of the check, so a file of a million bad rows gives a readable report in bounded
/// memory.
pub const MAX_FINDINGS_PER_CHECK: usize = 1000;

/// Shares of one unit may differ this much from 1.
pub const SHARE_TOLERANCE: f64 = 1e-6;

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// How bad it is.
    pub severity: Severity,
    /// The layout (`""` for findings about the units of the atlas).
    pub layout: String,
    /// The check that found it.
    pub check: Check,
    /// The unit (`GM0363 Amsterdam`), or the text of the row; empty when not about a unit.
    pub unit: String,
    /// The region (`JZ13`), or empty.
    pub region: String,
    /// What is wrong, in a sentence.
    pub message: String,
    /// How many findings this one stands for: 1, or for the finding that counts the rest of
    /// a check past [`MAX_FINDINGS_PER_CHECK`], that rest (so totals stay true).
    #[serde(skip)]
    pub stands_for: usize,
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

impl Validation {
    /// The counts by severity in one line, in `taal`: `0 error(s), 3 warning(s), 25 info`,
    /// `0 fout(en), 3 waarschuwing(en), 25 informatie`.
    pub fn summary(&self, taal: crate::model::Taal) -> String {
        let en = format!(
            "{} error(s), {} warning(s), {} info",
            self.errors, self.warnings, self.infos
        );
        crate::model::values::text("value", &en, taal).into_owned()
    }
}

impl Tabular for Validation {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        Ok(vec![
            Table::from_rows("findings", &self.findings)?
                .titled(format!(
                    "validation: {} error(s), {} warning(s), {} info",
                    self.errors, self.warnings, self.infos
                ))
                .titled_nl(format!(
                    "controles: {} fout(en), {} waarschuwing(en), {} informatie",
                    self.errors, self.warnings, self.infos
                )),
        ])
    }
}

fn unit_label(atlas: &Atlas, unit: usize) -> String {
    atlas
        .units()
        .get(unit)
        .map_or_else(|| format!("#{unit}"), |u| format!("{} {}", u.code, u.name))
}

/// What every check of one layout needs: the atlas, the layout and a lookup of its units.
struct Subject<'a> {
    atlas: &'a Atlas,
    layout: &'a Layout,
    lookup: UnitLookup<'a>,
}

impl Subject<'_> {
    fn finding(
        &self,
        severity: Severity,
        check: Check,
        unit: String,
        region: String,
        message: String,
    ) -> Finding {
        Finding {
            severity,
            layout: self.layout.name().to_string(),
            check,
            unit,
            region,
            message,
            stands_for: 1,
        }
    }

    fn unit(&self, unit: UnitIdx) -> String {
        unit_label(self.atlas, unit)
    }

    fn region(&self, r: RegionIdx) -> String {
        self.layout
            .regions()
            .get(r)
            .map_or_else(|| format!("#{r}"), |r| r.code.to_string())
    }

    /// `PO2701 (0.72), PO2702 (0.28)`.
    /// At most [`LISTED`] of them, then how many more.
    fn regions_with_shares(&self, ms: &[&Member]) -> String {
        let mut s = ms
            .iter()
            .take(LISTED)
            .map(|m| format!("{} ({})", self.region(m.region), fmt_share(m.share)))
            .collect::<Vec<_>>()
            .join(", ");
        if ms.len() > LISTED {
            s.push_str(&format!(" and {} more", ms.len() - LISTED));
        }
        s
    }
}

/// All findings of one layout over the units of an atlas.
pub fn findings(atlas: &Atlas, layout: &Layout) -> Vec<Finding> {
    let s = Subject {
        atlas,
        layout,
        lookup: UnitLookup::new(atlas),
    };
    // Rows kept unresolved although their unit is in the atlas: the source gave no usable
    // region for them (the SWV table's `Europoort`).
    let mut no_code: HashMap<UnitIdx, &Unresolved> = HashMap::new();
    for u in &layout.unresolved {
        if let Ok(unit) = s.lookup.resolve(&u.unit) {
            no_code.entry(unit).or_insert(u);
        }
    }
    let mut out = Vec::new();
    for unit in 0..atlas.units().len() {
        let ms: Vec<&Member> = layout.regions_of(unit).collect();
        match (ms.is_empty(), no_code.get(&unit)) {
            (true, Some(row)) => out.push(no_region_code(&s, unit, row)),
            (true, None) => out.push(uncovered(&s, unit)),
            (false, _) => {
                out.extend(duplicates(&s, unit, &ms));
                out.extend(shares(&s, unit, &ms).or_else(|| split(&s, unit, &ms)));
            }
        }
    }
    let uncovered_with_row = |u: &Unresolved| {
        s.lookup
            .resolve(&u.unit)
            .is_ok_and(|i| layout.regions_of(i).next().is_none())
    };
    out.extend(
        layout
            .unresolved
            .iter()
            .filter(|u| !uncovered_with_row(u))
            .map(|u| unresolved_row(&s, u)),
    );
    out.extend(source_names(&s));
    out.extend(region_names(&s));
    out.extend(empty_regions(&s));
    out.extend(nothing_assigned(&s));
    out.extend(overlapping_regions(&s));
    cap_per_check(out)
}

/// Keeps the first [`MAX_FINDINGS_PER_CHECK`] findings of each check and replaces the rest
/// by one finding that counts them.
fn cap_per_check(findings: Vec<Finding>) -> Vec<Finding> {
    let mut kept: HashMap<Check, usize> = HashMap::new();
    let mut more: Vec<(Check, Finding, usize)> = Vec::new();
    let mut out = Vec::with_capacity(findings.len().min(16 * MAX_FINDINGS_PER_CHECK));
    for f in findings {
        let n = kept.entry(f.check).or_default();
        *n += 1;
        if *n <= MAX_FINDINGS_PER_CHECK {
            out.push(f);
        } else if let Some(m) = more.iter_mut().find(|m| m.0 == f.check) {
            m.2 += 1;
        } else {
            more.push((f.check, f, 1));
        }
    }
    for (check, f, n) in more {
        out.push(Finding {
            unit: String::new(),
            region: String::new(),
            message: format!(
                "and {n} more {check} finding(s) in {} (only the first {MAX_FINDINGS_PER_CHECK} are listed)",
                f.layout
            ),
            stands_for: n,
            ..f
        });
    }
    out
}

/// `overlapping-regions`: units that the region polygons cover more than once, so their
/// memberships say less than the polygons (a region given twice gets nothing).
fn overlapping_regions(s: &Subject) -> Vec<Finding> {
    s.layout
        .overlaps
        .iter()
        .map(|&(unit, covered)| {
            s.finding(
                Severity::Error,
                Check::OverlappingRegions,
                s.unit(unit),
                s.layout
                    .regions_of(unit)
                    .map(|m| s.region(m.region))
                    .collect::<Vec<_>>()
                    .join(", "),
                format!(
                    "{}: the region polygons of {} cover {} {covered:.2} times; expected regions that do not overlap",
                    s.layout.source,
                    s.layout.name(),
                    s.unit(unit)
                ),
            )
        })
        .collect()
}

/// `region-name`: a region code with two names in the source (two regions that share a code
/// by mistake would be counted as one).
fn region_names(s: &Subject) -> Vec<Finding> {
    s.layout
        .name_clashes
        .iter()
        .map(|c| {
            s.finding(
                Severity::Warning,
                Check::RegionName,
                String::new(),
                c.code.to_string(),
                format!(
                    "{}: region {} is named both '{}' and '{}'; counted as one region named '{}'",
                    s.layout.source, c.code, c.first, c.other, c.first
                ),
            )
        })
        .collect()
}

/// `nothing-assigned`: a layout with regions that gave no unit of the atlas a region (a
/// region file of another area, CRS or set of units).
fn nothing_assigned(s: &Subject) -> Option<Finding> {
    let l = s.layout;
    (!l.regions().is_empty() && l.members().is_empty() && !s.atlas.units().is_empty()).then(|| {
        s.finding(
            Severity::Error,
            Check::NothingAssigned,
            String::new(),
            String::new(),
            format!(
                "{}: none of the {} units of the atlas lies in any of its {} regions",
                l.source,
                s.atlas.units().len(),
                l.regions().len()
            ),
        )
    })
}

/// `no-region-code`: a unit in no region because its row gives no usable region code (a
/// warning); `outside-regions`: a unit in no region polygon of a spatial layout (an error).
fn no_region_code(s: &Subject, unit: UnitIdx, row: &Unresolved) -> Finding {
    let (severity, check) = if row.outside {
        (Severity::Error, Check::OutsideRegions)
    } else {
        (Severity::Warning, Check::NoRegionCode)
    };
    let message = if row.outside {
        format!(
            "{} is in no region of {} ({}): {}",
            s.unit(unit),
            s.layout.name(),
            s.layout.source,
            row.reason
        )
    } else {
        format!(
            "{} is in no region of {}: {}: {}",
            s.unit(unit),
            s.layout.name(),
            row.origin,
            row.reason
        )
    };
    s.finding(
        severity,
        check,
        s.unit(unit),
        row.region.to_string(),
        message,
    )
}

/// `uncovered`: a unit in no region.
fn uncovered(s: &Subject, unit: UnitIdx) -> Finding {
    s.finding(
        Severity::Error,
        Check::Uncovered,
        s.unit(unit),
        String::new(),
        format!("{} is in no region of {}", s.unit(unit), s.layout.name()),
    )
}

/// `duplicate`: a unit listed twice in one region.
fn duplicates(s: &Subject, unit: UnitIdx, ms: &[&Member]) -> Vec<Finding> {
    let mut seen = HashSet::new();
    ms.iter()
        .filter(|m| !seen.insert(m.region))
        .map(|m| {
            s.finding(
                Severity::Error,
                Check::Duplicate,
                s.unit(unit),
                s.region(m.region),
                format!(
                    "{} is listed more than once in region {}",
                    s.unit(unit),
                    s.region(m.region)
                ),
            )
        })
        .collect()
}

/// `shares`: the shares of a unit do not sum to 1.
fn shares(s: &Subject, unit: UnitIdx, ms: &[&Member]) -> Option<Finding> {
    let sum: f64 = ms.iter().map(|m| m.share).sum();
    ((sum - 1.0).abs() > SHARE_TOLERANCE).then(|| {
        let regions = s.regions_with_shares(ms);
        s.finding(
            Severity::Error,
            Check::Shares,
            s.unit(unit),
            regions.clone(),
            format!(
                "the shares of {} sum to {}, expected 1 (within {SHARE_TOLERANCE}, for rounding): {regions}",
                s.unit(unit),
                fmt_share(sum)
            ),
        )
    })
}

/// `merger-conflict` or `split`: a unit in more than one region, because its predecessors
/// lay in different regions (carried from another year) or as the source says.
fn split(s: &Subject, unit: UnitIdx, ms: &[&Member]) -> Option<Finding> {
    let regions: HashSet<RegionIdx> = ms.iter().map(|m| m.region).collect();
    if regions.len() < 2 {
        return None;
    }
    let listed = s.regions_with_shares(ms);
    let code = s.atlas.units().get(unit).map(|u| u.code.to_string());
    let conflict = s
        .layout
        .conflicts
        .iter()
        .find(|c| Some(&c.unit) == code.as_ref());
    Some(match conflict {
        Some(c) => {
            let preds: Vec<String> = c
                .predecessors
                .iter()
                .map(|p| format!("{} in {}", p.unit, p.regions))
                .collect();
            s.finding(
                Severity::Warning,
                Check::MergerConflict,
                s.unit(unit),
                listed,
                format!(
                    "{}: its predecessors lay in different regions ({}); split by {} as {}; \
                     the layout must be redrawn here",
                    s.unit(unit),
                    preds.join("; "),
                    c.basis,
                    c.shares
                ),
            )
        }
        None => {
            let whole = s.layout.whole_units;
            s.finding(
                if whole {
                    Severity::Warning
                } else {
                    Severity::Info
                },
                Check::Split,
                s.unit(unit),
                listed.clone(),
                format!(
                    "{} is split over {} regions{}: {listed}",
                    s.unit(unit),
                    regions.len(),
                    if whole {
                        " in a layout of whole units"
                    } else {
                        ""
                    }
                ),
            )
        }
    })
}

/// `no-region-code`, `other-year`, `unknown-code` or `unmatched-name`: a row of the source
/// that was not attached to a unit, and why.
fn unresolved_row(s: &Subject, u: &Unresolved) -> Finding {
    let plain = || format!("{}: {}", u.origin, u.reason);
    let (severity, check, message) = match u.unit.parse::<UnitCode>() {
        _ if s.lookup.resolve(&u.unit).is_ok() => (Severity::Warning, Check::NoRegionCode, plain()),
        Ok(UnitCode::Gemeente(g)) => match s.atlas.register.other_years(g, s.atlas.year).first() {
            Some((y, n)) => (
                Severity::Warning,
                Check::OtherYear,
                format!(
                    "{}: {g} is a gemeente of {y} ({n}), not a unit of this atlas{}{}",
                    u.origin,
                    s.atlas.year.map(|y| format!(" of {y}")).unwrap_or_default(),
                    successor_text(s.atlas, g, *y)
                ),
            ),
            None => (Severity::Error, Check::UnknownCode, plain()),
        },
        Ok(UnitCode::Pc4(_)) => (Severity::Error, Check::UnknownCode, plain()),
        Err(_) if crate::model::code::why_not_a_code(&u.unit).is_some() => {
            (Severity::Error, Check::UnknownCode, plain())
        }
        Err(_) => (Severity::Error, Check::UnmatchedName, plain()),
    };
    s.finding(
        severity,
        check,
        u.unit.clone(),
        u.region.to_string(),
        message,
    )
}

/// Where a gemeente of an earlier year went by the atlas's year, for a message:
/// `; by 2025 it is part of GM0363 Amsterdam; carry the layout to 2025 with translate`
/// (with the date of the change when the herindeling table has it). Empty when unknown.
fn successor_text(atlas: &Atlas, g: GemeenteCode, year: u16) -> String {
    let Some(now) = atlas.year.filter(|&a| a > year) else {
        return String::new();
    };
    let next = atlas.register.successors(g, year, now);
    let name = |c: GemeenteCode| {
        atlas
            .register
            .name(now, c)
            .map_or_else(|| c.to_string(), |n| format!("{c} {n}"))
    };
    let date = |s: &crate::model::Successor| {
        s.date
            .as_ref()
            .map(|d| format!(" on {d}"))
            .unwrap_or_default()
    };
    let whereto = match next.as_slice() {
        [] => return String::new(),
        [one] => format!("part of {}{}", name(one.code), date(one)),
        many => format!(
            "split over {}",
            many.iter()
                .map(|s| format!("{} ({:.0} %){}", name(s.code), s.share * 100.0, date(s)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!("; by {now} it is {whereto}; carry the layout to {now} with translate")
}

/// `name`: unit names in the source that disagree with the unit's code.
fn source_names(s: &Subject) -> Vec<Finding> {
    s.layout
        .source_names
        .iter()
        .filter_map(|n| {
            let u = s.atlas.units().get(n.unit)?;
            if u.name.is_empty() || names_agree(&n.name, &u.name) {
                return None;
            }
            let region = s
                .layout
                .regions_of(n.unit)
                .map(|m| s.region(m.region))
                .collect::<Vec<_>>()
                .join(", ");
            Some(s.finding(
                Severity::Warning,
                Check::Name,
                s.unit(n.unit),
                region,
                format!(
                    "{}: {} is named '{}' here but '{}' in the units",
                    n.origin, u.code, n.name, u.name
                ),
            ))
        })
        .collect()
}

/// `empty-region`: regions without a unit of the atlas.
fn empty_regions(s: &Subject) -> Vec<Finding> {
    let l = s.layout;
    l.members_by_region()
        .iter()
        .enumerate()
        .filter(|(_, members)| members.is_empty())
        .map(|(r, _)| {
            let only_unresolved = l
                .unresolved
                .iter()
                .any(|u| Some(&u.region) == l.regions().get(r).map(|x| &x.code));
            s.finding(
                Severity::Warning,
                Check::EmptyRegion,
                String::new(),
                s.region(r),
                format!(
                    "region {} has no unit of the atlas{}",
                    s.region(r),
                    if only_unresolved {
                        " (only unresolved rows)"
                    } else {
                        ""
                    }
                ),
            )
        })
        .collect()
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
            stands_for: 1,
        };
        match atlas.register.name(year, g) {
            Some(n) if !names_agree(n, &u.name) && !u.name.is_empty() => out.push(finding(
                Severity::Warning,
                Check::Name,
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
                    Check::OtherYear,
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
                check: Check::NonContiguous,
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
                stands_for: 1,
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
        check: Check::Load,
        unit: String::new(),
        region: String::new(),
        message: n.to_string(),
        stands_for: 1,
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
    let count = |s| {
        all.iter()
            .filter(|f| f.severity == s)
            .map(|f| f.stands_for)
            .sum()
    };
    Ok(Validation {
        year: atlas.year,
        layouts: layouts.iter().map(|l| l.name().to_string()).collect(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        findings: all,
    })
}

/// What the findings of one layout come to: the error and warning checks, each with its
/// count and first message, for one line on load.
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Layout, Unit, GemeenteCode};
/// use speelveld::analysis::validate::problems;
/// let mut atlas = Atlas::new(None);
/// for (c, n) in [("GM0001", "Een"), ("GM0002", "Twee"), ("GM0003", "Drie")] {
///     atlas.add_unit(Unit::new(c.parse::<GemeenteCode>().unwrap(), n)).unwrap();
/// }
/// let mut l = Layout::new("x");
/// let r = l.add_region("R1".parse().unwrap(), "");
/// l.add_member(0, r, 1.0);
/// let p = problems(&atlas, &l).unwrap();
/// assert_eq!(p.errors, 2);
/// assert!(p.to_string().starts_with("x: 2 uncovered (first: GM0002 Twee is in no region of x)"));
/// ```
pub fn problems(atlas: &Atlas, layout: &Layout) -> Option<Problems> {
    let mut checks: Vec<CheckCount> = Vec::new();
    for f in findings(atlas, layout) {
        if f.severity == Severity::Info {
            continue;
        }
        match checks.iter_mut().find(|c| c.check == f.check) {
            Some(c) => c.count += f.stands_for,
            None => checks.push(CheckCount {
                check: f.check,
                severity: f.severity,
                count: f.stands_for,
                first: f.message,
            }),
        }
    }
    // Causes before consequences: a code that matched nothing before the unit it leaves
    // uncovered, and before the region it leaves empty.
    let rank = |c: Check| match c {
        Check::NothingAssigned => 0,
        Check::Uncovered | Check::EmptyRegion | Check::OutsideRegions => 2,
        _ => 1,
    };
    checks.sort_by_key(|c| (c.severity, rank(c.check)));
    let errors = checks
        .iter()
        .filter(|c| c.severity == Severity::Error)
        .map(|c| c.count)
        .sum();
    (!checks.is_empty()).then(|| Problems {
        layout: layout.name().to_string(),
        errors,
        checks,
    })
}

/// The error and warning findings of one layout, by check (see [`problems`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problems {
    /// The layout.
    pub layout: String,
    /// The number of error-level findings.
    pub errors: usize,
    /// Each check with findings, errors first.
    pub checks: Vec<CheckCount>,
}

/// How many findings one check made, and the first of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckCount {
    /// The check.
    pub check: Check,
    /// Its severity.
    pub severity: Severity,
    /// How many findings.
    pub count: usize,
    /// The message of the first.
    pub first: String,
}

impl std::fmt::Display for Problems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: ", self.layout)?;
        for (i, c) in self.checks.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{} {} (first: {})", c.count, c.check, c.first)?;
        }
        Ok(())
    }
}

fn fmt_share(x: f64) -> String {
    crate::model::table::format_number(
        &serde_json::Number::from_f64((x * 1e4).round() / 1e4).unwrap_or_else(|| 0.into()),
        false,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_severity_and_check_has_a_dutch_label_and_its_english_name() {
        use crate::model::Taal;
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            assert_eq!(s.label(Taal::En), s.name());
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::json!(s.name())
            );
            assert_ne!(s.label(Taal::Nl), s.name(), "{s:?} has no Dutch");
        }
        for c in Check::ALL {
            assert_eq!(c.label(Taal::En), c.name());
            assert_eq!(
                serde_json::to_value(c).unwrap(),
                serde_json::json!(c.name())
            );
            assert_ne!(c.label(Taal::Nl), c.name(), "{c:?} has no Dutch");
        }
    }

    #[test]
    fn check_names_are_what_results_write() {
        for c in Check::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.name());
        }
    }
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
            (0, 28, 61),
            "{:?}",
            v.findings
        );
        // No load notes: the self-intersecting rings of GM0293 and GM1676 in the source were
        // repaired when the embedded data was built.
        assert!(!v.findings.iter().any(|f| f.check == Check::Load));
        // The infos: each of the eight CBS layouts has the same four non-contiguous regions
        // (the generalised gemeenten are land only): Friesland with four Wadden islands
        // detached, Texel, Goeree-Overflakkee, and Zeeuws-Vlaanderen (Hulst, Terneuzen, Sluis),
        // except the RMC-regio's, where Zeeuws-Vlaanderen is a region of its own (MC33).
        assert!(
            v.findings
                .iter()
                .filter(|f| !f.layout.starts_with("swv"))
                .all(|f| f.check == Check::NonContiguous || f.check == Check::Load)
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
            .filter(|f| f.check == Check::NoRegionCode)
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
                .filter(|f| f.check == Check::Split && f.layout == l)
                .count()
        };
        assert_eq!((split("swv-po"), split("swv-vo")), (12, 13));
    }

    #[test]
    fn europoort_postcodes_are_warnings_not_errors() {
        let path = crate::io::fixtures::real_path("swv/regio_indeling_swv_pc4.csv");
        let a = crate::dataset::load::read_units(&path, None).unwrap();
        let v = validate(&a, None).unwrap();
        assert_eq!((v.errors, v.warnings), (0, 6), "{:?}", v.findings);
        let f = &v.findings[0];
        assert_eq!(
            (f.check, f.unit.as_str(), f.region.as_str()),
            (Check::NoRegionCode, "3197 Rotterdam", "Europoort")
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
            .filter(|f| f.check == Check::Name)
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
        let spec = LayoutSpec {
            name: "old".into(),
            path: crate::io::fixtures::real_path("cbs/2015/gemeente_regions_spatial.csv"),
            column: Some("provincie".into()),
            name_column: None,
            ..LayoutSpec::default()
        };
        let l = read_layout(&spec, &a).unwrap();
        let f = findings(&a, &l);
        let bussum = f.iter().find(|f| f.unit == "GM0381").unwrap();
        assert_eq!(
            (bussum.severity, bussum.check, bussum.region.as_str()),
            (Severity::Warning, Check::OtherYear, "PV27")
        );
        assert!(
            bussum.message.contains("gemeente_regions_spatial.csv:2")
                && bussum.message.contains("of 2015 (Bussum)"),
            "{}",
            bussum.message
        );
        // Gemeenten new since 2015 (Gooise Meren GM1942, …) are uncovered: errors.
        assert!(f.iter().any(|f| f.check == Check::Uncovered
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
            outside: false,
        });
        l.unresolved.push(crate::model::Unresolved {
            origin: "x.csv:10".into(),
            unit: "Atlantis".into(),
            region: "R2".parse().unwrap(),
            reason: "no unit named Atlantis".into(),
            outside: false,
        });
        a.add_layout(l).unwrap();
        let v = validate(&a, Some("x")).unwrap();
        let checks: Vec<(Severity, Check, &str)> = v
            .findings
            .iter()
            .map(|f| (f.severity, f.check, f.unit.as_str()))
            .collect();
        for want in [
            (Severity::Error, Check::Duplicate, "GM0363 Rotterdam"),
            (Severity::Error, Check::Shares, "GM0363 Rotterdam"),
            (Severity::Error, Check::Shares, "GM0014 Groningen"),
            (Severity::Error, Check::Uncovered, "GM0381 Bussum"),
            (Severity::Error, Check::UnknownCode, "GM9999"),
            (Severity::Error, Check::UnmatchedName, "Atlantis"),
            (Severity::Warning, Check::EmptyRegion, ""),
            (Severity::Warning, Check::Name, "GM0363 Rotterdam"),
            (Severity::Warning, Check::OtherYear, "GM0381 Bussum"),
        ] {
            assert!(checks.contains(&want), "{want:?} not in {checks:?}");
        }
        assert!(!v.is_ok());
        let shares = v
            .findings
            .iter()
            .find(|f| f.check == Check::Shares && f.unit.starts_with("GM0014"))
            .unwrap();
        assert_eq!(
            shares.message,
            "the shares of GM0014 Groningen sum to 0.9, expected 1 (within 0.000001, for rounding): R1 (0.5), R2 (0.4)"
        );
        assert!(validate(&a, Some("y")).is_err());
    }
}
