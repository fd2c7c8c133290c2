//! Deriving a herindeling from geometry: overlay the units of one year on those of another
//! and map each old unit to the new unit(s) that hold its area, with shares.
//!
//! The overlay is [`crate::geometry::overlay_areas`] (R-tree candidates, exact boolean
//! intersection, areas in km² for the CRS). The share of a pair is the piece's area divided by
//! the part of the old unit that any new unit covers, so the shares of an old unit sum to 1.
//!
//! **Boundary pieces.** Two separately generalised layers never share their borders exactly:
//! an unchanged gemeente overlaps each neighbour of the other year with a sliver. A piece
//! under [`DeriveOptions::min_share`] of its old unit **or** under
//! [`DeriveOptions::min_area_km2`] (never the old unit's largest piece) is flagged `boundary`:
//! listed, with its area, but no membership. Its area stays accounted for in
//! [`OldUnit::boundary_km2`]; the kept pieces are renormalised when a layout is translated.
//!
//! The defaults, 8 % and 4 km², come from the real CBS 2015 and 2025 gemeente layers
//! (generalised separately, coordinates rounded to about 100 m). A share alone cannot
//! separate noise from change there: small gemeenten on open water have slivers of up to
//! 16.5 % (Muiden into Amsterdam, 2.3 km²), larger than a real piece of a split (Haaren's part
//! that went to Boxtel in 2021: 9.6 %, 5.8 km²). The two measures together leave a clear gap:
//! - every noise piece of 8 % or more is at most 2.3 km² (Muiden → Amsterdam, Huizen →
//!   Gooise Meren 2.1, Stein → Sittard-Geleen 2.0);
//! - every noise piece of 4 km² or more is at most 5.8 % (Doetinchem → Bronckhorst 4.6 km²,
//!   Alkmaar → Dijk en Waard 3.6 %);
//! - the smallest kept piece is Haaren → Boxtel (9.6 %, 5.8 km²).
//!
//! Kept beyond the largest pieces are the splits of Haaren (2021, four parts) and
//! Littenseradiel (2018, three parts), Ezinge (Winsum → Westerkwartier, 2019), the Meerstad
//! correction (Slochteren → Groningen, 2017) and 11.4 km² of Nissewaard in Voorne aan Zee.
//! The tests at the bottom pin these figures.
//!
//! # Examples
//! ```
//! use geo::{polygon, MultiPolygon};
//! use speelveld::{Atlas, Crs, Unit, GemeenteCode};
//! use speelveld::analysis::herindeling::{derive, DeriveOptions};
//! let sq = |x0: f64, w: f64| MultiPolygon(vec![polygon![(x: x0, y: 0.0), (x: x0 + w, y: 0.0),
//!     (x: x0 + w, y: 1000.0), (x: x0, y: 1000.0)]]);
//! let unit = |c: &str, n: &str, g| Unit::new(c.parse::<GemeenteCode>().unwrap(), n).with_geometry(g);
//! let mut old = Atlas::new(Some(2015));
//! old.crs = Crs::RdNew;
//! old.add_unit(unit("GM0381", "Bussum", sq(0.0, 1000.0))).unwrap();
//! old.add_unit(unit("GM0417", "Naarden", sq(1000.0, 1000.0))).unwrap();
//! let mut new = Atlas::new(Some(2016));
//! new.crs = Crs::RdNew;
//! new.add_unit(unit("GM1942", "Gooise Meren", sq(0.0, 2000.0))).unwrap();
//! let h = derive(&old, &new, &DeriveOptions::default()).unwrap();
//! assert_eq!(h.pairs.len(), 2);
//! assert_eq!(h.counts().mergers, 1);
//! ```

use std::collections::BTreeMap;

use geo::MultiPolygon;
use serde::Serialize;

use crate::error::Error;
use crate::geometry::area::area_km2;
use crate::geometry::overlay::overlay_areas;
use crate::model::herindeling::{Counts, Flag, Herindeling, OldUnit, Pair};
use crate::model::{Atlas, GemeenteCode};
use crate::model::{Table, Tabular};

/// Options of [`derive()`] with documented defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeriveOptions {
    /// Pieces under this share of their old unit are boundary pieces (default 0.08; see the
    /// module documentation for why).
    pub min_share: f64,
    /// Pieces under this area (km²) are boundary pieces (default 4.0).
    pub min_area_km2: f64,
}

impl Default for DeriveOptions {
    fn default() -> Self {
        DeriveOptions {
            min_share: 0.08,
            min_area_km2: 4.0,
        }
    }
}

impl DeriveOptions {
    /// The same options with another share threshold.
    pub fn with_min_share(mut self, min_share: f64) -> Self {
        self.min_share = min_share;
        self
    }

    /// The same options with another area threshold (km²).
    pub fn with_min_area_km2(mut self, min_area_km2: f64) -> Self {
        self.min_area_km2 = min_area_km2;
        self
    }
}

fn gemeente_geometry(
    atlas: &Atlas,
    what: &str,
) -> Result<Vec<(GemeenteCode, String, MultiPolygon<f64>)>, Error> {
    atlas
        .units()
        .iter()
        .map(|u| {
            let code = u.code.gemeente().ok_or_else(|| {
                Error::Usage(format!(
                    "{what}: unit {} is not a gemeente; a herindeling maps gemeenten",
                    u.code
                ))
            })?;
            let g = u.geometry.clone().ok_or_else(|| Error::NoGeometry {
                what: format!("a herindeling from {what} (unit {} {})", u.code, u.name),
            })?;
            Ok((code, u.name.clone(), g))
        })
        .collect()
}

/// Derives the herindeling from the units of `from` to those of `to` by overlaying their
/// geometry. Both atlases must hold gemeenten with geometry in the same CRS.
///
/// Every old unit appears: with its pieces, and in [`Herindeling::old_units`] with its area
/// balance (kept + boundary + uncovered = area). An old unit that no new unit touches has no
/// pair and all of its area uncovered.
pub fn derive(from: &Atlas, to: &Atlas, options: &DeriveOptions) -> Result<Herindeling, Error> {
    if from.crs != to.crs {
        return Err(Error::Usage(format!(
            "the units of {} are in EPSG:{} and those of {} in EPSG:{}; expected one CRS",
            label(from),
            from.crs.epsg(),
            label(to),
            to.crs.epsg()
        )));
    }
    let old = gemeente_geometry(from, &label(from))?;
    let new = gemeente_geometry(to, &label(to))?;
    let old_geom: Vec<MultiPolygon<f64>> = old.iter().map(|(_, _, g)| g.clone()).collect();
    let new_geom: Vec<MultiPolygon<f64>> = new.iter().map(|(_, _, g)| g.clone()).collect();
    let overlaps = overlay_areas(&old_geom, &new_geom, from.crs);
    let mut by_old: BTreeMap<usize, Vec<(usize, f64)>> = BTreeMap::new();
    for o in overlaps {
        by_old.entry(o.a).or_default().push((o.b, o.area_km2));
    }
    let mut h = Herindeling::new(label(from), label(to));
    for (i, (code, name, geom)) in old.iter().enumerate() {
        let area = area_km2(geom, from.crs);
        let pieces = by_old.get(&i).map(Vec::as_slice).unwrap_or_default();
        let covered: f64 = pieces.iter().map(|(_, a)| a).sum();
        for &(j, a) in pieces {
            let Some((ncode, nname, _)) = new.get(j) else {
                continue;
            };
            let mut p = Pair::new(*code, name.clone(), *ncode, nname.clone(), a / covered);
            p.area_km2 = Some(a);
            h.pairs.push(p);
        }
        h.old_units.push(OldUnit {
            code: *code,
            name: name.clone(),
            area_km2: area,
            kept_km2: 0.0,
            boundary_km2: 0.0,
            uncovered_km2: area - covered,
        });
    }
    h.sort();
    h.classify(Some((options.min_share, options.min_area_km2)));
    let mut balance: BTreeMap<GemeenteCode, (f64, f64)> = BTreeMap::new();
    for p in &h.pairs {
        let e = balance.entry(p.old).or_default();
        let a = p.area_km2.unwrap_or(0.0);
        if p.flag == Flag::Boundary {
            e.1 += a;
        } else {
            e.0 += a;
        }
    }
    for u in &mut h.old_units {
        let (k, b) = balance.get(&u.code).copied().unwrap_or_default();
        u.kept_km2 = k;
        u.boundary_km2 = b;
    }
    h.old_units.sort_by_key(|u| u.code);
    h.notes.push(format!(
        "pieces under {}% of their old unit or under {} km2 (never its largest piece) are \
         flagged 'boundary' and carry no membership",
        options.min_share * 100.0,
        options.min_area_km2
    ));
    Ok(h)
}

fn label(atlas: &Atlas) -> String {
    match atlas.year {
        Some(y) => y.to_string(),
        None => atlas.source.clone(),
    }
}

/// A derived or read herindeling as a printable result: the pairs, the counts, and each old
/// unit's area balance.
#[derive(Debug, Clone, Serialize)]
pub struct HerindelingReport {
    /// The table.
    pub herindeling: Herindeling,
    /// Its counts.
    pub counts: Counts,
    /// Area in boundary pieces, summed over all old units (km²).
    pub boundary_km2: f64,
    /// Area of the old units that no new unit covers, summed (km²).
    pub uncovered_km2: f64,
}

impl HerindelingReport {
    /// One line for people: the counts of each kind of pair and the areas left over.
    pub fn summary(&self) -> String {
        let c = &self.counts;
        format!(
            "{} pairs: {} merger(s), {} split(s), {} recoded, {} unchanged; {} boundary piece(s) \
             ({:.1} km2) flagged; {:.1} km2 of the old gemeenten lies in no new one",
            c.pairs,
            c.mergers,
            c.splits,
            c.recoded,
            c.unchanged,
            c.boundary,
            self.boundary_km2,
            self.uncovered_km2
        )
    }

    /// Wraps a herindeling with its counts and area totals.
    pub fn new(herindeling: Herindeling) -> Self {
        let counts = herindeling.counts();
        let boundary_km2 = herindeling.old_units.iter().map(|u| u.boundary_km2).sum();
        let uncovered_km2 = herindeling.old_units.iter().map(|u| u.uncovered_km2).sum();
        HerindelingReport {
            herindeling,
            counts,
            boundary_km2,
            uncovered_km2,
        }
    }
}

#[derive(Serialize)]
struct Row<'a> {
    old: String,
    old_name: &'a str,
    new: String,
    new_name: &'a str,
    share: f64,
    flag: &'static str,
    area_km2: Option<f64>,
}

#[derive(Serialize)]
struct CountRow {
    item: &'static str,
    value: String,
}

impl Tabular for HerindelingReport {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        let round = |x: f64| (x * 1e6).round() / 1e6;
        let rows: Vec<Row> = self
            .herindeling
            .pairs
            .iter()
            .map(|p| Row {
                old: p.old.to_string(),
                old_name: &p.old_name,
                new: p.new.to_string(),
                new_name: &p.new_name,
                share: round(p.share),
                flag: p.flag.as_str(),
                area_km2: p.area_km2.map(|a| (a * 1e4).round() / 1e4),
            })
            .collect();
        let c = &self.counts;
        let counts = [
            ("pairs", c.pairs.to_string()),
            ("unchanged", c.unchanged.to_string()),
            ("recoded", c.recoded.to_string()),
            ("mergers (new units)", c.mergers.to_string()),
            ("splits (old units)", c.splits.to_string()),
            ("boundary pieces", c.boundary.to_string()),
            ("boundary area km2", format!("{:.2}", self.boundary_km2)),
            ("uncovered area km2", format!("{:.2}", self.uncovered_km2)),
        ]
        .map(|(item, value)| CountRow { item, value });
        Ok(vec![
            Table::from_rows_exact("herindeling", &rows)?.titled("herindeling"),
            Table::from_rows("counts", &counts)?
                .titled("counts")
                .titled_nl("aantallen"),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::embedded::{gemeente_geojson, units_atlas};

    fn real(year: u16) -> Atlas {
        let f = gemeente_geojson(year).unwrap();
        units_atlas(f.name, f.text, Some(year)).unwrap()
    }

    fn real_2015_2025() -> Herindeling {
        derive(&real(2015), &real(2025), &DeriveOptions::default()).unwrap()
    }

    fn pair<'a>(h: &'a Herindeling, old: &str, new: &str) -> &'a Pair {
        h.pairs
            .iter()
            .find(|p| p.old.to_string() == old && p.new.to_string() == new)
            .unwrap_or_else(|| panic!("no pair {old} -> {new}"))
    }

    /// The committed table is what the geometry gives: re-derive it and compare the CSV text.
    #[test]
    fn committed_table_equals_the_derivation() {
        use crate::io::write::{Format, WriteOptions, write_tables};
        let h = real_2015_2025();
        let mut out = Vec::new();
        let opts = WriteOptions {
            format: Format::Csv,
            excel: false,
            ..Default::default()
        };
        let tables = HerindelingReport::new(h).tables().unwrap();
        write_tables(&tables[..1], opts, &mut out).unwrap();
        let committed = crate::dataset::embedded::herindeling_table(2015, 2025).unwrap();
        assert!(
            String::from_utf8(out).unwrap() == committed.text,
            "data/{} is stale: regenerate it with `speelveld herindeling --from 2015 --to 2025 --format csv -o DIR/` (its herindeling.csv)",
            committed.name
        );
    }

    /// Real mergers checked against the CBS gemeente lists of 2015 and 2025 (the codes are
    /// those of the embedded CBS files): Bussum GM0381, Muiden GM0424 and Naarden GM0425 into
    /// Gooise Meren GM1942 (2016); Haaren GM0788 split over Boxtel, Oisterwijk, Tilburg and
    /// Vught (2021); Weesp GM0457 into Amsterdam (2022); De Friese Meren renamed De Fryske
    /// Marren (GM1921 → GM1940, 2015).
    #[test]
    fn real_mergers_splits_and_renamings() {
        let h = real_2015_2025();
        for old in ["GM0381", "GM0424", "GM0425"] {
            let p = pair(&h, old, "GM1942");
            assert_eq!(p.flag, Flag::Merger, "{old}");
            assert_eq!(p.new_name, "Gooise Meren");
        }
        let kept_into_gm: Vec<String> = h
            .pairs
            .iter()
            .filter(|p| p.new.to_string() == "GM1942" && p.flag != Flag::Boundary)
            .map(|p| p.old_name.clone())
            .collect();
        assert_eq!(kept_into_gm, ["Bussum", "Muiden", "Naarden"]);
        let haaren: Vec<(String, Flag)> = h
            .pairs
            .iter()
            .filter(|p| p.old.to_string() == "GM0788" && p.flag != Flag::Boundary)
            .map(|p| (p.new_name.clone(), p.flag))
            .collect();
        assert_eq!(
            haaren,
            [
                ("Boxtel".to_string(), Flag::Split),
                ("Oisterwijk".to_string(), Flag::Split),
                ("Tilburg".to_string(), Flag::Split),
                ("Vught".to_string(), Flag::Split)
            ]
        );
        assert_eq!(pair(&h, "GM0457", "GM0363").flag, Flag::Merger);
        assert_eq!(pair(&h, "GM1921", "GM1940").flag, Flag::Recoded);
        assert_eq!(pair(&h, "GM0363", "GM0363").flag, Flag::Merger);
        let c = h.counts();
        assert_eq!(
            (c.pairs, c.mergers, c.splits, c.recoded, c.boundary),
            // Areas in RD New (geometry::area): 7 more phantom boundary slivers than with
            // geodesic areas in lon/lat; memberships unchanged.
            (1198, 32, 5, 2, 797)
        );
        let split_olds: Vec<&str> = h
            .old_units
            .iter()
            .filter(|u| {
                h.pairs
                    .iter()
                    .any(|p| p.old == u.code && p.flag == Flag::Split)
            })
            .map(|u| u.name.as_str())
            .collect();
        assert_eq!(
            split_olds,
            [
                "Slochteren",
                "Winsum",
                "Littenseradiel",
                "Haaren",
                "Nissewaard"
            ]
        );
    }

    /// The figures the default thresholds rest on (see the module documentation).
    #[test]
    fn default_thresholds_sit_in_the_gap_of_the_real_data() {
        let h = derive(
            &real(2015),
            &real(2025),
            &DeriveOptions::default()
                .with_min_share(0.0)
                .with_min_area_km2(0.0),
        )
        .unwrap();
        let d = DeriveOptions::default();
        let truly_changed = ["GM0040", "GM0053", "GM0140", "GM0788", "GM1930"];
        let mut largest: BTreeMap<GemeenteCode, f64> = BTreeMap::new();
        for p in &h.pairs {
            let e = largest.entry(p.old).or_insert(0.0);
            *e = e.max(p.share);
        }
        let minor = |p: &&Pair| largest.get(&p.old).is_some_and(|&l| p.share < l);
        let noise: Vec<&Pair> = h
            .pairs
            .iter()
            .filter(minor)
            .filter(|p| !truly_changed.contains(&p.old.to_string().as_str()) || p.share < 0.02)
            .collect();
        let area = |p: &Pair| p.area_km2.unwrap_or(0.0);
        let max_area_big_share = noise
            .iter()
            .filter(|p| p.share >= d.min_share)
            .map(|p| area(p))
            .fold(0.0, f64::max);
        let max_share_big_area = noise
            .iter()
            .filter(|p| area(p) >= d.min_area_km2)
            .map(|p| p.share)
            .fold(0.0, f64::max);
        assert!(
            (max_area_big_share - 2.299).abs() < 0.01,
            "{max_area_big_share}"
        );
        assert!(
            (max_share_big_area - 0.0579).abs() < 0.001,
            "{max_share_big_area}"
        );
        let boxtel = pair(&h, "GM0788", "GM0757");
        assert!((boxtel.share - 0.0964).abs() < 0.001 && (area(boxtel) - 5.794).abs() < 0.01);
    }

    /// Conservation on the real data: every 2015 gemeente's area is kept, flagged boundary or
    /// uncovered, and its shares sum to 1; every 2025 gemeente has a predecessor.
    #[test]
    fn conservation_on_real_2015_2025() {
        let h = real_2015_2025();
        assert_eq!(h.old_units.len(), 393);
        for u in &h.old_units {
            let sum = u.kept_km2 + u.boundary_km2 + u.uncovered_km2;
            assert!(
                (sum - u.area_km2).abs() < 1e-6 * u.area_km2.max(1.0),
                "{} {sum} {u:?}",
                u.name
            );
            assert!(u.kept_km2 > 0.0, "{}", u.name);
            // Pieces measure at most 0.1 % more than the whole (see `OldUnit::uncovered_km2`).
            assert!(u.uncovered_km2 > -0.001 * u.area_km2, "{u:?}");
            let shares: f64 = h
                .pairs
                .iter()
                .filter(|p| p.old == u.code)
                .map(|p| p.share)
                .sum();
            assert!((shares - 1.0).abs() < 1e-9, "{}", u.name);
        }
        let kept = h.kept();
        for u in &h.old_units {
            let s: f64 = kept
                .iter()
                .filter(|p| p.old == u.code)
                .map(|p| p.share)
                .sum();
            assert!((s - 1.0).abs() < 1e-9, "{}", u.name);
        }
        let new: std::collections::BTreeSet<_> = kept.iter().map(|p| p.new).collect();
        assert_eq!(new.len(), 342);
        // What is flagged boundary or uncovered, in total (reported by the CLI).
        let r = HerindelingReport::new(h);
        assert!((r.boundary_km2 - 470.6).abs() < 0.1, "{}", r.boundary_km2);
        assert!((r.uncovered_km2 - 107.0).abs() < 1.0, "{}", r.uncovered_km2);
    }
}
