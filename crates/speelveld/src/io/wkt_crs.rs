//! The CRS that a GIS file names: a `.prj` (WKT 1 as ESRI or GDAL write it, or WKT 2) or a
//! GeoPackage `gpkg_spatial_ref_sys` row (organisation and code, or its WKT). Kept in one
//! place, mapped to the CRSs speelveld computes in ([`Crs`]); any other is an error naming it.
//!
//! # Examples
//! ```
//! use speelveld::io::wkt_crs::crs_from_wkt;
//! use speelveld::Crs;
//! let esri = r#"PROJCS["RD_New",GEOGCS["GCS_Amersfoort",DATUM["D_Amersfoort",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Double_Stereographic"]]"#;
//! assert_eq!(crs_from_wkt(esri), Ok(Crs::RdNew));
//! assert_eq!(crs_from_wkt(r#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"]]"#), Ok(Crs::Wgs84));
//! assert!(crs_from_wkt(r#"GEOGCS["ETRS89",AUTHORITY["EPSG","4258"]]"#).unwrap_err().contains("EPSG:4258"));
//! ```

use crate::model::Crs;

/// The CRS of an EPSG code; others are an error that names the code.
pub fn crs_from_epsg(code: u32) -> Result<Crs, String> {
    match code {
        28992 => Ok(Crs::RdNew),
        4326 => Ok(Crs::Wgs84),
        n => Err(format!(
            "unsupported CRS EPSG:{n}; expected EPSG:28992 (RD New) or EPSG:4326 (WGS84)"
        )),
    }
}

/// The CRS a WKT text names: by its outermost EPSG authority when it has one (the last
/// `AUTHORITY["EPSG","n"]` or `ID["EPSG",n]`), else by its name (`RD_New`,
/// `Amersfoort / RD New`, `WGS 84`, `GCS_WGS_1984`).
pub fn crs_from_wkt(wkt: &str) -> Result<Crs, String> {
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
    if projected && squeezed.contains("RDNEW") {
        return Ok(Crs::RdNew);
    }
    if geographic
        && (squeezed.contains("WGS84") || squeezed.contains("WGS1984"))
        && !squeezed.contains("PSEUDO")
    {
        return Ok(Crs::Wgs84);
    }
    if name.is_empty() {
        return Err(
            "an empty CRS definition; expected the WKT of EPSG:28992 (RD New) or EPSG:4326 (WGS84)"
                .into(),
        );
    }
    Err(format!(
        "unsupported CRS '{name}…'; expected EPSG:28992 (RD New) or EPSG:4326 (WGS84)"
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
        assert_eq!(crs_from_wkt(gdal), Ok(Crs::RdNew));
        let wkt2 = r#"GEOGCRS["WGS 84",DATUM["World Geodetic System 1984"],ID["EPSG",4326]]"#;
        assert_eq!(crs_from_wkt(wkt2), Ok(Crs::Wgs84));
        let e = crs_from_wkt(r#"PROJCS["ETRS89 / LAEA Europe",AUTHORITY["EPSG","3035"]]"#);
        assert_eq!(
            e,
            Err(
                "unsupported CRS EPSG:3035; expected EPSG:28992 (RD New) or EPSG:4326 (WGS84)"
                    .into()
            )
        );
        let e = crs_from_wkt(r#"PROJCS["WGS_84_Pseudo_Mercator"]"#).unwrap_err();
        assert!(
            e.contains("unsupported CRS 'PROJCS[\"WGS_84_Pseudo_Mercator\"]…'"),
            "{e}"
        );
        assert!(
            crs_from_wkt("  ")
                .unwrap_err()
                .contains("an empty CRS definition")
        );
    }
}
