//! Coordinate conversion between the CRSs speelveld computes in: WGS84 longitude/latitude to
//! RD New (EPSG:28992), the Dutch national grid in which areas and lengths are measured.
//!
//! The conversion is the published polynomial approximation (Schreutelkamp & Strang van Hees),
//! accurate to about a metre inside the Netherlands.

use geo::Coord;

/// Converts WGS84 longitude/latitude (degrees) to RD New (metres), by the standard
/// polynomial approximation. Meant for the Netherlands and its surroundings.
///
/// # Examples
/// ```
/// use speelveld::geometry::crs::wgs84_to_rd;
/// // The origin of the RD grid, the Onze Lieve Vrouwetoren in Amersfoort.
/// let c = wgs84_to_rd(geo::coord! { x: 5.38720621, y: 52.15517440 });
/// assert!((c.x - 155_000.0).abs() < 1.0 && (c.y - 463_000.0).abs() < 1.0);
/// ```
pub fn wgs84_to_rd(c: Coord<f64>) -> Coord<f64> {
    let dp = 0.36 * (c.y - 52.155_174_40);
    let dl = 0.36 * (c.x - 5.387_206_21);
    // (p, q, coefficient) for dφ^p · dλ^q.
    const R: [(i32, i32, f64); 9] = [
        (0, 1, 190_094.945),
        (1, 1, -11_832.228),
        (2, 1, -114.221),
        (0, 3, -32.391),
        (1, 0, -0.705),
        (3, 1, -2.340),
        (1, 3, -0.608),
        (0, 2, -0.008),
        (2, 3, 0.148),
    ];
    const S: [(i32, i32, f64); 10] = [
        (1, 0, 309_056.544),
        (0, 2, 3_638.893),
        (2, 0, 73.077),
        (1, 2, -157.984),
        (3, 0, 59.788),
        (0, 1, 0.433),
        (2, 2, -6.439),
        (1, 1, -0.032),
        (0, 4, 0.092),
        (1, 4, -0.054),
    ];
    let sum = |terms: &[(i32, i32, f64)]| -> f64 {
        terms
            .iter()
            .map(|&(p, q, k)| k * dp.powi(p) * dl.powi(q))
            .sum()
    };
    Coord {
        x: 155_000.0 + sum(&R),
        y: 463_000.0 + sum(&S),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::coord;

    #[test]
    fn rd_of_known_places() {
        // Dom tower Utrecht: 52.0907 N 5.1214 E is about RD (136 850, 455 950).
        let c = wgs84_to_rd(coord! { x: 5.1214, y: 52.0907 });
        assert!((c.x - 136_850.0).abs() < 200.0, "{c:?}");
        assert!((c.y - 455_950.0).abs() < 200.0, "{c:?}");
    }
}
