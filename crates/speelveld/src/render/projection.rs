//! Map projection: coordinates of an atlas to SVG pixels.
//!
//! RD New (EPSG:28992) is the Dutch national grid and makes the Netherlands look right, so
//! WGS84 coordinates are first converted to RD ([`wgs84_to_rd`]), then scaled to the viewport
//! with the y axis flipped. RD New coordinates are used as they are.

use geo::{Coord, Rect};

use crate::geometry::crs::wgs84_to_rd;
use crate::model::Crs;

/// Projects atlas coordinates to SVG pixels: CRS to RD New, then scale and y-flip into a
/// viewport of a given width with a margin.
///
/// # Examples
/// ```
/// use speelveld::render::projection::Projection;
/// use speelveld::Crs;
/// let bounds = geo::Rect::new(geo::coord! { x: 0.0, y: 0.0 }, geo::coord! { x: 100.0, y: 50.0 });
/// let p = Projection::fit(Crs::RdNew, bounds, 220.0, 10.0);
/// assert_eq!(p.height(), 120.0);
/// let top_left = p.to_px(geo::coord! { x: 0.0, y: 50.0 });
/// assert_eq!((top_left.x, top_left.y), (10.0, 10.0));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Projection {
    crs: Crs,
    scale: f64,
    min_x: f64,
    max_y: f64,
    margin: f64,
    width: f64,
    height: f64,
}

impl Projection {
    /// A projection that fits `bounds` (in the atlas CRS) into `width` pixels, keeping the
    /// aspect ratio, with `margin` pixels on every side. The height follows from the shape.
    pub fn fit(crs: Crs, bounds: Rect<f64>, width: f64, margin: f64) -> Self {
        let (a, b) = match crs {
            Crs::RdNew => (bounds.min(), bounds.max()),
            Crs::Wgs84 => {
                // Project all four corners: the RD grid is slightly rotated against lon/lat.
                let corners = [
                    bounds.min(),
                    bounds.max(),
                    Coord {
                        x: bounds.min().x,
                        y: bounds.max().y,
                    },
                    Coord {
                        x: bounds.max().x,
                        y: bounds.min().y,
                    },
                ]
                .map(wgs84_to_rd);
                let fold = |f: fn(f64, f64) -> f64, g: fn(&Coord<f64>) -> f64| {
                    corners.iter().map(g).reduce(f).unwrap_or(0.0)
                };
                (
                    Coord {
                        x: fold(f64::min, |c| c.x),
                        y: fold(f64::min, |c| c.y),
                    },
                    Coord {
                        x: fold(f64::max, |c| c.x),
                        y: fold(f64::max, |c| c.y),
                    },
                )
            }
        };
        let inner = (width - 2.0 * margin).max(1.0);
        let span_x = (b.x - a.x).max(f64::EPSILON);
        let span_y = (b.y - a.y).max(0.0);
        let scale = inner / span_x;
        Projection {
            crs,
            scale,
            min_x: a.x,
            max_y: b.y,
            margin,
            width,
            height: (span_y * scale + 2.0 * margin).ceil(),
        }
    }

    /// The viewport width in pixels.
    pub fn width(&self) -> f64 {
        self.width
    }

    /// The viewport height in pixels.
    pub fn height(&self) -> f64 {
        self.height
    }

    /// Pixels per metre of the RD grid (after projection).
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// A coordinate of the atlas CRS in pixels (x right, y down).
    pub fn to_px(&self, c: Coord<f64>) -> Coord<f64> {
        let rd = match self.crs {
            Crs::RdNew => c,
            Crs::Wgs84 => wgs84_to_rd(c),
        };
        Coord {
            x: self.margin + (rd.x - self.min_x) * self.scale,
            y: self.margin + (self.max_y - rd.y) * self.scale,
        }
    }

    /// A coordinate in tenths of a pixel, rounded: the grid SVG paths are written on, so
    /// shared vertices of neighbouring units stay identical.
    pub fn to_tenths(&self, c: Coord<f64>) -> (i64, i64) {
        let p = self.to_px(c);
        ((p.x * 10.0).round() as i64, (p.y * 10.0).round() as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::coord;

    #[test]
    fn wgs84_fit_keeps_the_netherlands_taller_than_wide() {
        let b = Rect::new(coord! { x: 3.36, y: 50.75 }, coord! { x: 7.23, y: 53.55 });
        let p = Projection::fit(Crs::Wgs84, b, 800.0, 0.0);
        // RD extent is about 265 km wide and 310 km tall.
        let ratio = p.height() / p.width();
        assert!((1.05..1.3).contains(&ratio), "{ratio}");
    }
}
