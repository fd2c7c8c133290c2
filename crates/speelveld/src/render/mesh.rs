//! The units of an atlas as a mesh of rings on the pixel grid, with every edge knowing the
//! units on either side. Region borders are the edges between units of different regions,
//! so they are drawn once, from the same vertices as the units, and always line up.

use std::collections::HashMap;

use geo::{Area, Centroid, Contains, InteriorPoint, MapCoords, MultiPolygon, Point};

use super::projection::Projection;
use crate::model::{Atlas, UnitIdx};

type P = (i64, i64);

/// The projected units: rings in tenths of a pixel, and who lies on each edge.
pub(crate) struct Mesh {
    /// `rings[u]`: the rings of unit `u`, without the closing point. Empty without geometry.
    rings: Vec<Vec<Vec<P>>>,
    /// Each undirected edge (smaller point first) with the units that have it.
    edges: HashMap<(P, P), Vec<UnitIdx>>,
    /// `px[u]`: the unit's outline in pixels, for areas, centroids and hit tests.
    px: Vec<Option<MultiPolygon<f64>>>,
}

fn key(a: P, b: P) -> (P, P) {
    if a <= b { (a, b) } else { (b, a) }
}

impl Mesh {
    /// Projects the units that have geometry and that `keep` accepts; the others have
    /// nothing to draw.
    pub(crate) fn build_only(
        atlas: &Atlas,
        proj: &Projection,
        keep: impl Fn(UnitIdx) -> bool,
    ) -> Mesh {
        let mut rings = Vec::with_capacity(atlas.units().len());
        let mut px = Vec::with_capacity(atlas.units().len());
        let mut edges: HashMap<(P, P), Vec<UnitIdx>> = HashMap::new();
        for (u, unit) in atlas.units().iter().enumerate() {
            let Some(geom) = unit.geometry.as_ref().filter(|_| keep(u)) else {
                rings.push(Vec::new());
                px.push(None);
                continue;
            };
            let mut own = Vec::new();
            for poly in geom {
                for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                    let mut pts: Vec<P> = Vec::with_capacity(ring.0.len());
                    for c in &ring.0 {
                        let p = proj.to_tenths(*c);
                        if pts.last() != Some(&p) {
                            pts.push(p);
                        }
                    }
                    while pts.len() > 1 && pts.first() == pts.last() {
                        pts.pop();
                    }
                    if pts.len() < 3 {
                        continue;
                    }
                    for i in 0..pts.len() {
                        let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
                        let e = edges.entry(key(a, b)).or_default();
                        if e.last() != Some(&u) {
                            e.push(u);
                        }
                    }
                    own.push(pts);
                }
            }
            rings.push(own);
            px.push(Some(geom.map_coords(|c| proj.to_px(c))));
        }
        Mesh { rings, edges, px }
    }

    /// True when unit `u` has something to draw.
    pub(crate) fn has_geometry(&self, u: UnitIdx) -> bool {
        self.rings.get(u).is_some_and(|r| !r.is_empty())
    }

    /// The SVG path data of one unit (`M x y l dx dy … z` per ring); empty without geometry.
    pub(crate) fn unit_path(&self, u: UnitIdx) -> String {
        let mut d = PathData::default();
        for ring in self.rings.get(u).into_iter().flatten() {
            d.ring(ring);
        }
        d.finish()
    }

    /// The path data of every edge whose sides fall in different classes (`side(u)`), each
    /// edge once, joined into runs. With `exterior`, edges with a unit on one side only (the
    /// coast and the national border) are included too.
    pub(crate) fn border_path<S: PartialEq>(
        &self,
        side: impl Fn(UnitIdx) -> S,
        exterior: bool,
    ) -> String {
        self.edges_path(side, |_| exterior)
    }

    /// The outline of a set of units: the edges between a unit inside and one outside, and
    /// the edges of the units inside with no unit on their other side (the coast).
    pub(crate) fn outline_path(&self, inside: impl Fn(UnitIdx) -> bool) -> String {
        self.edges_path(&inside, &inside)
    }

    /// [`Mesh::border_path`] with the exterior edges of the units for which `exterior`
    /// holds.
    fn edges_path<S: PartialEq>(
        &self,
        side: impl Fn(UnitIdx) -> S,
        exterior: impl Fn(UnitIdx) -> bool,
    ) -> String {
        let mut d = PathData::default();
        for (u, rings) in self.rings.iter().enumerate() {
            for ring in rings {
                let n = ring.len();
                let draw = |i: usize| -> bool {
                    let (a, b) = (ring[i], ring[(i + 1) % n]);
                    let Some(units) = self.edges.get(&key(a, b)) else {
                        return false;
                    };
                    if units.iter().min() != Some(&u) {
                        return false;
                    }
                    if units.len() < 2 {
                        return exterior(u);
                    }
                    let s0 = side(u);
                    units.iter().any(|&v| side(v) != s0)
                };
                let flags: Vec<bool> = (0..n).map(draw).collect();
                let Some(start) = flags.iter().position(|f| !f) else {
                    // The whole ring is a border.
                    d.ring(ring);
                    continue;
                };
                let mut cur: Option<P> = None;
                for k in 1..=n {
                    let i = (start + k) % n;
                    if flags[i] {
                        let (a, b) = (ring[i], ring[(i + 1) % n]);
                        if cur != Some(a) {
                            d.move_to(a);
                        }
                        d.line_to(a, b);
                        cur = Some(b);
                    } else {
                        cur = None;
                    }
                }
            }
        }
        d.finish()
    }

    /// The area of a unit in square pixels.
    pub(crate) fn area_px(&self, u: UnitIdx) -> f64 {
        self.px
            .get(u)
            .and_then(Option::as_ref)
            .map_or(0.0, |g| g.unsigned_area())
    }

    /// A label point for a group of units: their area-weighted centroid when it lies inside
    /// one of them, else an interior point of the largest. `None` when none has geometry.
    pub(crate) fn label_point(&self, units: &[UnitIdx]) -> Option<Point<f64>> {
        let mut sx = 0.0;
        let mut sy = 0.0;
        let mut total = 0.0;
        let mut largest: Option<(f64, UnitIdx)> = None;
        for &u in units {
            let Some(Some(g)) = self.px.get(u) else {
                continue;
            };
            let a = g.unsigned_area();
            if let Some(c) = g.centroid() {
                sx += c.x() * a;
                sy += c.y() * a;
                total += a;
            }
            if largest.is_none_or(|(la, _)| a > la) {
                largest = Some((a, u));
            }
        }
        let (_, big) = largest?;
        if total > 0.0 {
            let c = Point::new(sx / total, sy / total);
            let inside = units
                .iter()
                .any(|&u| matches!(self.px.get(u), Some(Some(g)) if g.contains(&c)));
            if inside {
                return Some(c);
            }
        }
        self.px.get(big)?.as_ref()?.interior_point()
    }

    /// The pixel bounding box (min x, min y, max x, max y) of a group of units.
    pub(crate) fn bbox_px(&self, units: &[UnitIdx]) -> Option<(f64, f64, f64, f64)> {
        let mut out: Option<(f64, f64, f64, f64)> = None;
        for &u in units {
            for ring in self.rings.get(u).into_iter().flatten() {
                for &(x, y) in ring {
                    let (x, y) = (x as f64 / 10.0, y as f64 / 10.0);
                    out = Some(match out {
                        None => (x, y, x, y),
                        Some((a, b, c, d)) => (a.min(x), b.min(y), c.max(x), d.max(y)),
                    });
                }
            }
        }
        out
    }
}

/// Writes a number of tenths as a decimal with at most one digit after the point.
pub(crate) fn tenths(out: &mut String, v: i64) {
    use std::fmt::Write;
    let a = v.unsigned_abs();
    let sign = if v < 0 { "-" } else { "" };
    let _ = if a.is_multiple_of(10) {
        write!(out, "{sign}{}", a / 10)
    } else {
        write!(out, "{sign}{}.{}", a / 10, a % 10)
    };
}

/// Builds SVG path data with relative line commands and no needless separators.
#[derive(Default)]
pub(crate) struct PathData {
    d: String,
    in_line: bool,
}

impl PathData {
    fn num(&mut self, v: i64) {
        if v >= 0 && !self.d.ends_with(['M', 'l', 'z']) && !self.d.is_empty() {
            self.d.push(' ');
        }
        tenths(&mut self.d, v);
    }

    /// Starts a new subpath at `p`.
    pub(crate) fn move_to(&mut self, p: P) {
        self.d.push('M');
        self.num(p.0);
        self.num(p.1);
        self.in_line = false;
    }

    /// A line from `from` (the current point) to `to`.
    pub(crate) fn line_to(&mut self, from: P, to: P) {
        if !self.in_line {
            self.d.push('l');
            self.in_line = true;
        }
        self.num(to.0 - from.0);
        self.num(to.1 - from.1);
    }

    /// Closes the subpath.
    pub(crate) fn close(&mut self) {
        self.d.push('z');
        self.in_line = false;
    }

    /// A closed ring.
    pub(crate) fn ring(&mut self, ring: &[P]) {
        let Some(&first) = ring.first() else { return };
        self.move_to(first);
        let mut cur = first;
        for &p in ring.iter().skip(1) {
            self.line_to(cur, p);
            cur = p;
        }
        self.close();
    }

    /// The path data.
    pub(crate) fn finish(self) -> String {
        self.d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_compact() {
        let mut d = PathData::default();
        d.move_to((12, -5));
        d.line_to((12, -5), (22, 5));
        d.line_to((22, 5), (20, 5));
        d.close();
        d.move_to((0, 0));
        assert_eq!(d.finish(), "M1.2-0.5l1 1-0.2 0zM0 0");
    }
}
