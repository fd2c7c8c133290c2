//! Which gemeenten share a border, and which only meet: every pair of units that touch, with
//! the length of their common border and how they meet.
//!
//! Neighbours share at least 30 m of border ([`crate::geometry::adjacency`] has the
//! definition and why). The pairs that meet without being neighbours are listed apart, each
//! with how it meets ([`Contact`]): at a single point, along a stub shorter than 30 m, or
//! within the 20 m tolerance along less than that. Together they reconcile speelveld's
//! answer with a plain "touches" test (GEOS, GeoPandas `sjoin(predicate="touches")`): on a
//! coverage whose neighbours share their vertices, `touches` is the pairs plus the contacts
//! that have a vertex in common (`touching`).

use serde::Serialize;

use crate::error::Error;
use crate::geometry::adjacency::{self, AdjacencyOptions, AdjacencyReport};
use crate::model::{Atlas, Table, Tabular, UnitIdx};

/// How two units meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Contact {
    /// At least the least border length (30 m) in common: neighbours.
    Neighbour,
    /// Shared edges, but fewer metres of them than the least border length: generalisation
    /// left a stub where four gemeenten meet.
    Stub,
    /// No shared edge, but boundary within the tolerance of the other's, along less than the
    /// least border length.
    Near,
    /// A single vertex in common and nothing else.
    Point,
}

impl Contact {
    fn of(c: &adjacency::Contact, opts: &AdjacencyOptions) -> Contact {
        if c.length_m() >= opts.min_length_m && c.length_m() > 0.0 {
            Contact::Neighbour
        } else if c.shared_m > 0.0 {
            Contact::Stub
        } else if c.near_m > 0.0 {
            Contact::Near
        } else {
            Contact::Point
        }
    }
}

/// One pair of units that meet.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    /// The first unit's code (for one unit's neighbours: that unit).
    pub unit: String,
    /// The first unit's name.
    pub unit_name: String,
    /// The other unit's code.
    pub neighbour: String,
    /// The other unit's name.
    pub neighbour_name: String,
    /// How they meet.
    pub contact: Contact,
    /// The border that counts, in metres: the shared edges, or the near boundary when that
    /// is longer (approximate: generalised boundaries).
    pub border_m: f64,
    /// Metres of edges both units have (the same two vertices, to a millimetre).
    pub shared_m: f64,
    /// Metres of boundary within the tolerance of the other's (measured only where the
    /// shared edges fall short of the least border length).
    pub near_m: f64,
    /// True when the two have a vertex in common: the pairs a "touches" test reports on a
    /// coverage.
    pub touching: bool,
}

/// The answer: the neighbours, and apart the pairs that meet without being neighbours.
#[derive(Debug, Clone, Serialize)]
pub struct Neighbours {
    /// The unit asked about (`GM0193 Zwolle`), or `None` for every pair of the atlas.
    pub of: Option<String>,
    /// The tolerances used.
    pub options: AdjacencyOptions,
    /// Pairs sharing at least the least border length, by unit code.
    pub pairs: Vec<Pair>,
    /// Pairs that meet at a point, along a stub or within the tolerance only, by unit code.
    pub contacts: Vec<Pair>,
    /// Units left out because they have no outline (codes).
    pub without_geometry: Vec<String>,
}

/// The neighbours of every unit of the atlas (`of: None`), or of one unit, with the pairs
/// that only meet listed apart. Units without an outline are left out and listed; an atlas
/// where no unit has one is an [`Error::NoOutlines`].
///
/// # Examples
/// ```
/// use speelveld::analysis::neighbours::{neighbours, Contact};
/// use speelveld::geometry::adjacency::AdjacencyOptions;
/// let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
/// let zwolle = atlas.unit_index(&"GM0193".parse().unwrap());
/// let n = neighbours(&atlas, zwolle, AdjacencyOptions::default()).unwrap();
/// assert!(n.pairs.iter().any(|p| p.neighbour_name == "Kampen"));
/// assert!(n.pairs.iter().all(|p| p.contact == Contact::Neighbour && p.unit == "GM0193"));
/// ```
pub fn neighbours(
    atlas: &Atlas,
    of: Option<UnitIdx>,
    opts: AdjacencyOptions,
) -> Result<Neighbours, Error> {
    let units = atlas.units();
    let without_geometry: Vec<String> = units
        .iter()
        .filter(|u| u.geometry.is_none())
        .map(|u| u.code.to_string())
        .collect();
    if without_geometry.len() == units.len() {
        return Err(Error::NoOutlines {
            what: "neighbours".to_string(),
        });
    }
    // For one unit only the units whose boxes come near it can meet it.
    let subset: Vec<UnitIdx> = match of {
        None => (0..units.len()).collect(),
        Some(u) => {
            units.get(u).ok_or(Error::UnitIndex(u))?;
            adjacency::units_near(atlas, u, opts)
        }
    };
    let geoms: Vec<_> = subset
        .iter()
        .map(|&i| units.get(i).and_then(|u| u.geometry.clone()))
        .collect();
    let report = adjacency::adjacency_report(&geoms, atlas.crs, opts);
    let label = |i: UnitIdx| {
        let real = subset.get(i).copied().ok_or(Error::UnitIndex(i))?;
        let u = units.get(real).ok_or(Error::UnitIndex(real))?;
        Ok::<_, Error>((u.code.to_string(), u.name.clone()))
    };
    let rows = |cs: &[adjacency::Contact]| -> Result<Vec<Pair>, Error> {
        let mut out = Vec::new();
        for c in cs {
            // For one unit: its own pairs only, with it first.
            let (first, second) = match of {
                Some(_) if c.a == 0 => (c.a, c.b),
                Some(_) if c.b == 0 => (c.b, c.a),
                Some(_) => continue,
                None => (c.a, c.b),
            };
            let ((unit, unit_name), (neighbour, neighbour_name)) = (label(first)?, label(second)?);
            out.push(Pair {
                unit,
                unit_name,
                neighbour,
                neighbour_name,
                contact: Contact::of(c, &report.options),
                border_m: c.length_m(),
                shared_m: c.shared_m,
                near_m: c.near_m,
                touching: c.touching,
            });
        }
        out.sort_by(|x, y| (&x.unit, &x.neighbour).cmp(&(&y.unit, &y.neighbour)));
        Ok(out)
    };
    let AdjacencyReport {
        options,
        pairs,
        near,
    } = &report;
    Ok(Neighbours {
        of: of
            .and_then(|u| units.get(u))
            .map(|u| format!("{} {}", u.code, u.name)),
        options: *options,
        pairs: rows(pairs)?,
        contacts: rows(near)?,
        without_geometry: match of {
            None => without_geometry,
            Some(u) => units
                .get(u)
                .filter(|x| x.geometry.is_none())
                .map(|x| vec![x.code.to_string()])
                .unwrap_or_default(),
        },
    })
}

impl Tabular for Neighbours {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        let of = |word: &str| {
            self.of
                .as_ref()
                .map(|o| format!(" {word} {o}"))
                .unwrap_or_default()
        };
        let (min, tol) = (self.options.min_length_m, self.options.tolerance_m);
        let mut tables = vec![
            Table::from_rows("neighbours", &self.pairs)?
                .titled(format!(
                    "neighbours{}: at least {min} m of common border",
                    of("of")
                ))
                .titled_nl(format!(
                    "buurgemeenten{}: ten minste {min} m gemeenschappelijke grens",
                    of("van")
                )),
        ];
        if !self.contacts.is_empty() {
            tables.push(
                Table::from_rows("contacts", &self.contacts)?
                    .titled(format!(
                        "meeting{} without being neighbours: at a point, a stub, or within {tol} m",
                        of("of")
                    ))
                    .titled_nl(format!(
                        "contact{} zonder buren te zijn: in een punt, een stompje of binnen {tol} m",
                        of("van")
                    )),
            );
        }
        Ok(tables)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::embedded;

    fn atlas() -> Atlas {
        embedded::atlas(None).expect("embedded atlas")
    }

    #[test]
    fn one_units_pairs_equal_its_rows_of_the_whole_atlas() {
        let a = atlas();
        let all = neighbours(&a, None, AdjacencyOptions::default()).expect("all");
        for code in ["GM0193", "GM0363", "GM1940", "GM0088"] {
            let u = a.unit_index(&code.parse().expect("code"));
            let one = neighbours(&a, u, AdjacencyOptions::default()).expect("one");
            let mut want: Vec<(String, Contact)> = all
                .pairs
                .iter()
                .chain(&all.contacts)
                .filter_map(|p| {
                    if p.unit == code {
                        Some((p.neighbour.clone(), p.contact))
                    } else if p.neighbour == code {
                        Some((p.unit.clone(), p.contact))
                    } else {
                        None
                    }
                })
                .collect();
            want.sort();
            let mut got: Vec<(String, Contact)> = one
                .pairs
                .iter()
                .chain(&one.contacts)
                .map(|p| (p.neighbour.clone(), p.contact))
                .collect();
            got.sort();
            assert_eq!(got, want, "{code}");
            assert!(one.pairs.iter().all(|p| p.unit == code));
        }
    }

    #[test]
    fn kinds_follow_the_lengths() {
        let o = AdjacencyOptions::default();
        let c = |shared_m, near_m, touching| adjacency::Contact {
            a: 0,
            b: 1,
            shared_m,
            near_m,
            touching,
        };
        assert_eq!(Contact::of(&c(45.0, 0.0, true), &o), Contact::Neighbour);
        assert_eq!(Contact::of(&c(0.0, 31.0, false), &o), Contact::Neighbour);
        assert_eq!(Contact::of(&c(1.0, 0.0, true), &o), Contact::Stub);
        assert_eq!(Contact::of(&c(0.0, 12.0, false), &o), Contact::Near);
        assert_eq!(Contact::of(&c(0.0, 0.0, true), &o), Contact::Point);
    }

    #[test]
    fn an_atlas_without_outlines_is_an_error() {
        let mut a = Atlas::new(None);
        a.add_unit(crate::model::Unit::new(
            "GM0363".parse::<crate::model::UnitCode>().expect("code"),
            "Amsterdam",
        ))
        .expect("unit");
        let e = neighbours(&a, None, AdjacencyOptions::default()).unwrap_err();
        assert!(e.to_string().contains("no unit has an outline"), "{e}");
    }
}
