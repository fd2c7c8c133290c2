//! Well-known binary (WKB) polygons, as GeoPackage geometry blobs hold them: Polygon and
//! MultiPolygon in little- or big-endian byte order, 2D or with Z and/or M (ISO type codes
//! 1000/2000/3000 higher, or the EWKB flag bits), Z and M dropped.
//!
//! Every count is checked against the bytes left before anything is allocated, so a
//! truncated blob or a huge count is an error, never a panic or a blow-up.
//!
//! # Examples
//! ```
//! use speelveld::io::wkb::{read_polygons, write_multipolygon};
//! let square = vec![vec![vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]]];
//! let mut bytes = Vec::new();
//! write_multipolygon(&mut bytes, &square);
//! assert_eq!(read_polygons(&bytes).unwrap(), square);
//! assert!(read_polygons(&bytes[..20]).is_err());
//! ```

use crate::io::gis_features::PolygonRings;

/// A cursor over WKB bytes in one byte order.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
    little: bool,
}

impl Cursor<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let end = self.at.checked_add(N).ok_or("a length beyond any blob")?;
        let chunk = self.bytes.get(self.at..end).ok_or_else(|| {
            format!(
                "the geometry ends at byte {} where {} more bytes were expected (a truncated blob)",
                self.bytes.len(),
                end - self.bytes.len().min(end)
            )
        })?;
        let mut out = [0u8; N];
        out.copy_from_slice(chunk);
        self.at = end;
        Ok(out)
    }

    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take::<1>()?[0])
    }

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take::<4>()?;
        Ok(if self.little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    }

    fn f64(&mut self) -> Result<f64, String> {
        let b = self.take::<8>()?;
        Ok(if self.little {
            f64::from_le_bytes(b)
        } else {
            f64::from_be_bytes(b)
        })
    }

    fn left(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }

    /// A count of items of at least `min_size` bytes each, checked against the bytes left.
    fn count(&mut self, what: &str, min_size: usize) -> Result<usize, String> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_size) > self.left() {
            return Err(format!(
                "{n} {what} announced, but only {} bytes are left (a truncated or corrupt blob)",
                self.left()
            ));
        }
        Ok(n)
    }
}

/// The geometry type of a WKB type code and how many ordinates a point has:
/// (`base type`, dimensions).
fn type_and_dims(code: u32) -> Result<(u32, usize), String> {
    let ewkb_z = code & 0x8000_0000 != 0;
    let ewkb_m = code & 0x4000_0000 != 0;
    let plain = code & 0x0FFF_FFFF;
    let (base, z, m) = match plain / 1000 {
        0 => (plain, ewkb_z, ewkb_m),
        1 => (plain % 1000, true, false),
        2 => (plain % 1000, false, true),
        3 => (plain % 1000, true, true),
        _ => return Err(format!("a geometry type code {code}; expected a WKB type")),
    };
    Ok((base, 2 + usize::from(z) + usize::from(m)))
}

/// The name of a WKB base type, for messages.
fn type_name(base: u32) -> String {
    match base {
        1 => "Point".into(),
        2 => "LineString".into(),
        3 => "Polygon".into(),
        4 => "MultiPoint".into(),
        5 => "MultiLineString".into(),
        6 => "MultiPolygon".into(),
        7 => "GeometryCollection".into(),
        8 => "CircularString".into(),
        9 => "CompoundCurve".into(),
        10 => "CurvePolygon".into(),
        11 => "MultiCurve".into(),
        12 => "MultiSurface".into(),
        15 => "PolyhedralSurface".into(),
        17 => "Triangle".into(),
        n => format!("type {n}"),
    }
}

/// Reads one WKB Polygon or MultiPolygon into its polygons (exterior ring first, then
/// holes). Other types are an error naming the type; so is a blob with bytes left over.
pub fn read_polygons(bytes: &[u8]) -> Result<Vec<PolygonRings>, String> {
    let mut c = Cursor {
        bytes,
        at: 0,
        little: true,
    };
    let polys = geometry(&mut c, 0)?;
    if c.left() > 0 {
        return Err(format!(
            "{} bytes after the end of the geometry; expected one geometry per blob",
            c.left()
        ));
    }
    Ok(polys)
}

fn byte_order(c: &mut Cursor) -> Result<(), String> {
    c.little = match c.u8()? {
        0 => false,
        1 => true,
        b => {
            return Err(format!(
                "byte order {b} at byte {}; expected 0 (big-endian) or 1 (little-endian)",
                c.at - 1
            ));
        }
    };
    Ok(())
}

fn geometry(c: &mut Cursor, depth: usize) -> Result<Vec<PolygonRings>, String> {
    byte_order(c)?;
    let (base, dims) = type_and_dims(c.u32()?)?;
    match base {
        3 => Ok(vec![polygon(c, dims)?]),
        6 if depth == 0 => {
            let n = c.count("polygons", 9)?;
            let mut out = Vec::with_capacity(n);
            for _ in 0..n {
                byte_order(c)?;
                let (inner, dims) = type_and_dims(c.u32()?)?;
                if inner != 3 {
                    return Err(format!(
                        "a MultiPolygon holding a {}; expected Polygons",
                        type_name(inner)
                    ));
                }
                out.push(polygon(c, dims)?);
            }
            Ok(out)
        }
        other => Err(format!(
            "a {} geometry; expected a Polygon or MultiPolygon (curves and other types are not read)",
            type_name(other)
        )),
    }
}

fn polygon(c: &mut Cursor, dims: usize) -> Result<PolygonRings, String> {
    let rings = c.count("rings", 4)?;
    let mut out = Vec::with_capacity(rings);
    for _ in 0..rings {
        let n = c.count("points", 8 * dims)?;
        let mut ring = Vec::with_capacity(n);
        for _ in 0..n {
            let x = c.f64()?;
            let y = c.f64()?;
            for _ in 2..dims {
                c.f64()?;
            }
            ring.push([x, y]);
        }
        out.push(ring);
    }
    Ok(out)
}

/// Appends a little-endian 2D WKB MultiPolygon of `polygons` to `out`.
pub fn write_multipolygon(out: &mut Vec<u8>, polygons: &[PolygonRings]) {
    let len = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes();
    out.push(1);
    out.extend_from_slice(&6u32.to_le_bytes());
    out.extend_from_slice(&len(polygons.len()));
    for p in polygons {
        out.push(1);
        out.extend_from_slice(&3u32.to_le_bytes());
        out.extend_from_slice(&len(p.len()));
        for ring in p {
            out.extend_from_slice(&len(ring.len()));
            for [x, y] in ring {
                out.extend_from_slice(&x.to_le_bytes());
                out.extend_from_slice(&y.to_le_bytes());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big_endian_polygon_z() -> Vec<u8> {
        let mut b = vec![0u8];
        b.extend_from_slice(&1003u32.to_be_bytes());
        b.extend_from_slice(&1u32.to_be_bytes());
        b.extend_from_slice(&4u32.to_be_bytes());
        for (x, y) in [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 0.0)] {
            for v in [x, y, 9.0f64] {
                b.extend_from_slice(&v.to_be_bytes());
            }
        }
        b
    }

    #[test]
    fn big_endian_with_z_drops_z() {
        let p = read_polygons(&big_endian_polygon_z()).unwrap();
        assert_eq!(p[0][0][1], [2.0, 0.0]);
        assert_eq!(p[0][0].len(), 4);
    }

    #[test]
    fn ewkb_flags_and_iso_m() {
        assert_eq!(type_and_dims(0x8000_0003).unwrap(), (3, 3));
        assert_eq!(type_and_dims(0xC000_0006).unwrap(), (6, 4));
        assert_eq!(type_and_dims(2003).unwrap(), (3, 3));
        assert_eq!(type_and_dims(3006).unwrap(), (6, 4));
    }

    #[test]
    fn bad_blobs_are_errors() {
        let b = big_endian_polygon_z();
        for cut in 0..b.len() {
            assert!(read_polygons(&b[..cut]).is_err(), "{cut}");
        }
        // A huge ring count: refused before allocating.
        let mut huge = vec![1u8];
        huge.extend_from_slice(&3u32.to_le_bytes());
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        let e = read_polygons(&huge).unwrap_err();
        assert!(e.contains("4294967295 rings announced"), "{e}");
        let mut point = vec![1u8];
        point.extend_from_slice(&1u32.to_le_bytes());
        point.extend_from_slice(&[0; 16]);
        let e = read_polygons(&point).unwrap_err();
        assert!(e.contains("a Point geometry; expected a Polygon"), "{e}");
        let e = read_polygons(&[7, 0, 0, 0, 0]).unwrap_err();
        assert!(e.contains("byte order 7"), "{e}");
        let mut extra = b.clone();
        extra.push(0);
        assert!(read_polygons(&extra).unwrap_err().contains("1 bytes after"));
    }
}
