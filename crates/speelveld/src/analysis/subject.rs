//! What a profile query names: a gemeente (by code or any name
//! [`crate::analysis::lookup::find_unit`] knows) or a region of any layout (by code, with or
//! without spaces and dashes: `VO2305`, `VO 23-05`, or by name: `IJsselland`, `SWV VO
//! 23-05`), and the profile of it.
//!
//! A gemeente wins over regions of the same name (`Groningen` is the gemeente, not the
//! jeugdzorgregio or the provincie); the result then says which regions bear the name too.
//! A query that names regions of several layouts and no gemeente is an error that lists
//! them; giving the layout decides.

use serde::Serialize;

use crate::analysis::lookup::{find_unit, hint};
use crate::analysis::profile::{Profile, profile};
use crate::analysis::region_profile::{RegionProfile, region_profile};
use crate::error::Error;
use crate::model::name::{aliases_of, name_key};
use crate::model::{Atlas, Table, Tabular};

/// What a query names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A gemeente, by unit index.
    Gemeente(usize),
    /// A region: the layout's name and the region's code.
    Region {
        /// The layout.
        layout: String,
        /// The region's code.
        region: String,
    },
}

/// The profile of a gemeente or of a region.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum AnyProfile {
    /// A gemeente's profile.
    Gemeente(Profile),
    /// A region's profile.
    Region(RegionProfile),
}

impl Tabular for AnyProfile {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        match self {
            AnyProfile::Gemeente(p) => p.tables(),
            AnyProfile::Region(p) => p.tables(),
        }
    }
}

/// The key a region code or name is compared by: letters and digits, lower case,
/// diacritics folded (`VO 23-05` and `vo2305` agree).
fn key(s: &str) -> String {
    name_key(s)
}

/// The regions of every layout (or of `layout` only) that `query` names, as
/// `(layout, code)`: by code first, then by name, then by name without a leading `SWV`.
fn regions_named(atlas: &Atlas, query: &str, layout: Option<&str>) -> Vec<(String, String)> {
    let q = key(query);
    if q.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for l in atlas
        .layouts()
        .iter()
        .filter(|l| layout.is_none_or(|n| l.name() == n))
    {
        let by = |f: &dyn Fn(&crate::model::Region) -> bool| {
            l.regions()
                .iter()
                .filter(|r| f(r))
                .map(|r| (l.name().to_string(), r.code.to_string()))
                .collect::<Vec<_>>()
        };
        let mut hits = by(&|r| key(r.code.as_str()) == q);
        if hits.is_empty() {
            hits = by(&|r| key(&r.name) == q);
        }
        if hits.is_empty() {
            hits = by(&|r| key(&r.name).strip_prefix("swv") == Some(q.as_str()));
        }
        found.extend(hits);
    }
    found
}

fn describe(atlas: &Atlas, (layout, code): &(String, String)) -> String {
    let name = atlas
        .layout(layout)
        .ok()
        .and_then(|l| l.find_region(code).and_then(|r| l.regions().get(r)))
        .map(|r| r.name.clone())
        .unwrap_or_default();
    format!("{layout} {code} ({name})")
}

/// Finds what `query` names, within `layout` when given. Returns the subject and, when a
/// gemeente's name also names regions, a line that says so.
///
/// # Examples
/// ```
/// use speelveld::analysis::subject::{Subject, find_subject};
/// let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
/// let (s, _) = find_subject(&atlas, "VO 23-05", None).unwrap();
/// assert_eq!(s, Subject::Region { layout: "swv-vo".into(), region: "VO2305".into() });
/// let (s, also) = find_subject(&atlas, "Groningen", None).unwrap();
/// assert_eq!(s, Subject::Gemeente(atlas.unit_index(&"GM0014".parse().unwrap()).unwrap()));
/// assert!(also.unwrap().contains("jeugdzorgregio JZ01"));
/// ```
pub fn find_subject(
    atlas: &Atlas,
    query: &str,
    layout: Option<&str>,
) -> Result<(Subject, Option<String>), Error> {
    if let Some(name) = layout {
        let l = atlas.layout(name)?;
        let hits = regions_named(atlas, query, Some(l.name()));
        return match hits.into_iter().next() {
            Some((layout, region)) => Ok((Subject::Region { layout, region }, None)),
            None => {
                // The layout's own lookup gives the message with its suggestion.
                let r = crate::analysis::lookup::members(atlas, name, query)?;
                Ok((
                    Subject::Region {
                        layout: r.layout,
                        region: r.region,
                    },
                    None,
                ))
            }
        };
    }
    let regions = regions_named(atlas, query, None);
    match find_unit(atlas, query) {
        Ok(i) => {
            let also = (!regions.is_empty()).then(|| {
                let names: Vec<String> = regions.iter().map(|r| describe(atlas, r)).collect();
                format!(
                    "'{query}' is read as the gemeente; it also names {} (give the layout to profile one of those)",
                    names.join(", ")
                )
            });
            Ok((Subject::Gemeente(i), also))
        }
        Err(unit_err) => match regions.as_slice() {
            [one] => Ok((
                Subject::Region {
                    layout: one.0.clone(),
                    region: one.1.clone(),
                },
                None,
            )),
            [] => match unit_err {
                Error::UnknownUnit {
                    other_year: Some(_),
                    ..
                }
                | Error::AmbiguousUnit { .. } => Err(unit_err),
                Error::UnknownUnit { .. } => {
                    let units = atlas.units().iter().flat_map(|u| {
                        let shown = format!("{} {}", u.code, u.name);
                        std::iter::once(u.name.clone())
                            .chain(aliases_of(&u.name).into_iter().map(String::from))
                            .map(move |n| (shown.clone(), n))
                    });
                    let regions = atlas.layouts().iter().flat_map(|l| {
                        l.regions().iter().flat_map(move |r| {
                            let shown = format!("{} {} ({})", l.name(), r.code, r.name);
                            [(shown.clone(), r.code.to_string()), (shown, r.name.clone())]
                        })
                    });
                    Err(Error::UnknownSubject {
                        query: query.to_string(),
                        hint: hint(query, units.chain(regions)),
                    })
                }
                other => Err(other),
            },
            many => Err(Error::AmbiguousRegion {
                query: query.to_string(),
                count: many.len(),
                choices: many
                    .iter()
                    .map(|r| describe(atlas, r))
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        },
    }
}

/// The profile of what `query` names (see [`find_subject`]), with the line that says what
/// else the query names, if anything.
///
/// # Examples
/// ```
/// use speelveld::analysis::subject::{AnyProfile, profile_of};
/// let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
/// let (p, _) = profile_of(&atlas, "JZ13", None).unwrap();
/// assert!(matches!(p, AnyProfile::Region(ref r) if r.layout == "jeugdzorgregio"));
/// let (p, _) = profile_of(&atlas, "Zwolle", None).unwrap();
/// assert!(matches!(p, AnyProfile::Gemeente(ref g) if g.unit == "GM0193"));
/// ```
pub fn profile_of(
    atlas: &Atlas,
    query: &str,
    layout: Option<&str>,
) -> Result<(AnyProfile, Option<String>), Error> {
    let (subject, also) = find_subject(atlas, query, layout)?;
    let p = match subject {
        Subject::Gemeente(i) => {
            let code = atlas
                .units()
                .get(i)
                .map(|u| u.code.to_string())
                .ok_or(Error::UnitIndex(i))?;
            let mut p = profile(atlas, &code)?;
            if p.read_as.is_none() && !code.eq_ignore_ascii_case(query.trim()) {
                p.read_as = crate::analysis::lookup::unit_regions(atlas, query)?.read_as;
            }
            AnyProfile::Gemeente(p)
        }
        Subject::Region { layout, region } => {
            AnyProfile::Region(region_profile(atlas, &layout, &region)?)
        }
    };
    Ok((p, also))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::embedded::atlas;

    #[test]
    fn codes_names_and_layouts() {
        let a = atlas(None).unwrap();
        let region = |q: &str, l: Option<&str>| match find_subject(&a, q, l).unwrap().0 {
            Subject::Region { layout, region } => format!("{layout} {region}"),
            Subject::Gemeente(i) => a.units()[i].code.to_string(),
        };
        assert_eq!(region("JZ13", None), "jeugdzorgregio JZ13");
        assert_eq!(region("vo 23-05", None), "swv-vo VO2305");
        assert_eq!(region("SWV VO 23-05", None), "swv-vo VO2305");
        assert_eq!(region("PO2401", Some("swv-po")), "swv-po PO2401");
        assert_eq!(region("Den Haag", None), "GM0518");
        assert_eq!(
            region("IJsselland", Some("jeugdzorgregio")),
            "jeugdzorgregio JZ07"
        );
    }

    #[test]
    fn ambiguity_and_misses_are_errors_that_list_the_candidates() {
        let a = atlas(None).unwrap();
        // Drenthe names regions of six layouts (jeugdzorgregio, provincie, …), and no gemeente.
        let e = find_subject(&a, "Drenthe", None).unwrap_err().to_string();
        assert!(
            e.contains("'Drenthe' names 6 regions")
                && e.contains("jeugdzorgregio JZ04 (Drenthe)")
                && e.contains("provincie PV22 (Drenthe)"),
            "{e}"
        );
        let (s, _) = find_subject(&a, "Drenthe", Some("provincie")).unwrap();
        assert!(matches!(s, Subject::Region { ref layout, .. } if layout == "provincie"));
        let e = find_subject(&a, "IJselland", None).unwrap_err().to_string();
        assert!(
            e.contains("names no gemeente and no region") && e.contains("JZ07"),
            "{e}"
        );
        let e = find_subject(&a, "JZ99", Some("jeugdzorgregio"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("layout 'jeugdzorgregio' has no region 'JZ99'"),
            "{e}"
        );
    }
}
