//! The CRS that a GIS file names: a `.prj` (WKT 1 as ESRI or GDAL write it, or WKT 2) or a
//! GeoPackage `gpkg_spatial_ref_sys` row (organisation and code, or its WKT). Kept in one
//! place, mapped to an EPSG code of the definition table ([`crate::geometry::crs::definition`]):
//! the layer is reprojected to RD New on read, as a GeoJSON in that CRS would be. A CRS that
//! the table does not know, or a WKT without an authority or a known name, is an error naming it.
//!
//! # Examples
//! ```
//! use speelveld::io::wkt_crs::crs_from_wkt;
//! use speelveld::model::Epsg;
//! let esri = r#"PROJCS["RD_New",GEOGCS["GCS_Amersfoort",DATUM["D_Amersfoort",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Double_Stereographic"]]"#;
//! assert_eq!(crs_from_wkt(esri), Ok(Epsg::RD_NEW));
//! assert_eq!(crs_from_wkt(r#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"]]"#), Ok(Epsg::WGS84));
//! assert_eq!(crs_from_wkt(r#"GEOGCS["ETRS89",AUTHORITY["EPSG","4258"]]"#), Ok(Epsg(4258)));
//! assert!(crs_from_wkt(r#"PROJCS["x",AUTHORITY["EPSG","99999"]]"#).unwrap_err().contains("EPSG:99999"));
//! ```

use crate::model::Epsg;

/// The EPSG code when the definition table knows it; others are an error naming the code.
pub fn crs_from_epsg(code: u32) -> Result<Epsg, String> {
    let epsg = Epsg(code);
    crate::geometry::crs::definition(epsg)
        .map(|_| epsg)
        .map_err(|e| e.to_string())
}

/// The CRS a WKT text names: by its outermost EPSG authority when it has one (the last
/// `AUTHORITY["EPSG","n"]` or `ID["EPSG",n]`), else by its name as ESRI writes it (`RD_New`,
/// `Amersfoort / RD New`, `WGS 84`, `GCS_WGS_1984`, `GCS_ETRS_1989`, `GCS_Amersfoort`,
/// `ETRS_1989_LAEA`, `WGS_1984_Web_Mercator_Auxiliary_Sphere`).
pub fn crs_from_wkt(wkt: &str) -> Result<Epsg, String> {
    if let Some(code) = last_epsg(wkt) {
        return crs_from_epsg(code);
    }
    let squeezed: String = wkt
        .chars()
        .take(200)
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase();
    let name: String = wkt.trim().chars().take(60).collect();
    let projected = ["PROJCS", "PROJCRS", "PROJECTEDCRS"]
        .iter()
        .any(|k| squeezed.starts_with(k));
    let geographic = ["GEOGCS", "GEOGCRS", "GEOGRAPHICCRS", "GEODCRS"]
        .iter()
        .any(|k| squeezed.starts_with(k));
    let first = |keys: &[&str]| keys.iter().any(|k| squeezed.contains(k));
    if projected && first(&["RDNEW"]) {
        return Ok(Epsg::RD_NEW);
    }
    if projected && first(&["LAEA"]) && first(&["ETRS", "ETRF"]) {
        return Ok(Epsg(3035));
    }
    if projected && first(&["PSEUDOMERCATOR", "WEBMERCATOR"]) {
        return Ok(Epsg(3857));
    }
    if geographic && !projected {
        if first(&["WGS84", "WGS1984"]) {
            return Ok(Epsg::WGS84);
        }
        if first(&["ETRS89", "ETRS1989"]) {
            return Ok(Epsg(4258));
        }
        if first(&["AMERSFOORT"]) {
            return Ok(Epsg(4289));
        }
    }
    if name.is_empty() {
        return Err(
            "an empty CRS definition; expected the WKT of a CRS such as EPSG:28992 (RD New) or EPSG:4326 (WGS84)"
                .into(),
        );
    }
    Err(format!(
        "unsupported CRS '{name}…' (no EPSG authority and no name known); expected the WKT of a \
         CRS such as EPSG:28992 (RD New), EPSG:4326 (WGS84), EPSG:4258, EPSG:4289, EPSG:3035 or EPSG:3857"
    ))
}

/// The code of the last EPSG authority in a WKT text (the outermost one, as WKT 1 and WKT 2
/// write it at the end of the definition).
fn last_epsg(wkt: &str) -> Option<u32> {
    let upper = wkt.to_ascii_uppercase();
    let at = upper.rfind("\"EPSG\"")?;
    let digits: String = upper
        .get(at + 6..)?
        .chars()
        .skip_while(|c| !c.is_ascii_digit() && matches!(c, ',' | ' ' | '"'))
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gdal_wkt1_and_wkt2_by_authority() {
        let gdal = r#"PROJCS["Amersfoort / RD New",GEOGCS["Amersfoort",AUTHORITY["EPSG","4289"]],PROJECTION["Oblique_Stereographic"],AUTHORITY["EPSG","28992"]]"#;
        assert_eq!(crs_from_wkt(gdal), Ok(Epsg::RD_NEW));
        let wkt2 = r#"GEOGCRS["WGS 84",DATUM["World Geodetic System 1984"],ID["EPSG",4326]]"#;
        assert_eq!(crs_from_wkt(wkt2), Ok(Epsg::WGS84));
        let laea = r#"PROJCS["ETRS89 / LAEA Europe",AUTHORITY["EPSG","3035"]]"#;
        assert_eq!(crs_from_wkt(laea), Ok(Epsg(3035)));
        let e = crs_from_wkt(r#"PROJCS["x",AUTHORITY["EPSG","99999"]]"#).unwrap_err();
        assert!(e.contains("EPSG:99999"), "{e}");
        let e = crs_from_wkt(r#"PROJCS["Lambert_Belgique"]"#).unwrap_err();
        assert!(
            e.contains("unsupported CRS 'PROJCS[\"Lambert_Belgique\"]…'"),
            "{e}"
        );
        assert!(
            crs_from_wkt("  ")
                .unwrap_err()
                .contains("an empty CRS definition")
        );
    }

    #[test]
    fn esri_names_of_the_dutch_crss() {
        let esri =
            |name: &str, kind: &str| crs_from_wkt(&format!("{kind}[\"{name}\",GEOGCS[\"x\"]]"));
        assert_eq!(esri("GCS_ETRS_1989", "GEOGCS"), Ok(Epsg(4258)));
        assert_eq!(esri("GCS_Amersfoort", "GEOGCS"), Ok(Epsg(4289)));
        assert_eq!(esri("ETRS_1989_LAEA", "PROJCS"), Ok(Epsg(3035)));
        assert_eq!(
            esri("WGS_1984_Web_Mercator_Auxiliary_Sphere", "PROJCS"),
            Ok(Epsg(3857))
        );
        assert_eq!(esri("WGS_84_Pseudo_Mercator", "PROJCS"), Ok(Epsg(3857)));
    }
}
