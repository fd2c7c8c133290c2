//! EPSG codes: the names of coordinate reference systems, as the `crs` member of a GeoJSON
//! file, a `.prj` file or an option gives them.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::atlas::Crs;
use crate::error::Error;

/// An EPSG code (`EPSG:28992`): any coordinate reference system of the EPSG table, not only
/// the two speelveld computes in ([`Crs`]). Files in another CRS are reprojected to RD New on
/// read ([`crate::geometry::crs`]).
///
/// Parsed from every form GDAL and QGIS write: `EPSG:4289`, `urn:ogc:def:crs:EPSG::4289`,
/// `http://www.opengis.net/def/crs/EPSG/0/4289`, and OGC CRS84 (`urn:ogc:def:crs:OGC:1.3:CRS84`,
/// WGS84 longitude/latitude, read as EPSG:4326), or a bare number.
///
/// # Examples
/// ```
/// use speelveld::model::Epsg;
/// let e: Epsg = "urn:ogc:def:crs:EPSG::4289".parse().unwrap();
/// assert_eq!(e, Epsg(4289));
/// assert_eq!(e.to_string(), "EPSG:4289");
/// assert_eq!("urn:ogc:def:crs:OGC:1.3:CRS84".parse::<Epsg>().unwrap(), Epsg::WGS84);
/// assert!("RD New".parse::<Epsg>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Epsg(pub u32);

impl Epsg {
    /// WGS84 longitude/latitude (EPSG:4326), the GeoJSON default.
    pub const WGS84: Epsg = Epsg(4326);
    /// Amersfoort / RD New (EPSG:28992), in which speelveld measures areas.
    pub const RD_NEW: Epsg = Epsg(28992);

    /// The CRS speelveld computes in that this code names, if it is one of them.
    pub fn native(self) -> Option<Crs> {
        match self.0 {
            4326 => Some(Crs::Wgs84),
            28992 => Some(Crs::RdNew),
            _ => None,
        }
    }

    /// The CRS under its GeoJSON name (`urn:ogc:def:crs:EPSG::28992`), as GDAL writes it.
    pub fn urn(self) -> String {
        format!("urn:ogc:def:crs:EPSG::{}", self.0)
    }
}

impl From<Crs> for Epsg {
    fn from(c: Crs) -> Self {
        Epsg(c.epsg())
    }
}

impl fmt::Display for Epsg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EPSG:{}", self.0)
    }
}

impl FromStr for Epsg {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let name = s.trim();
        let upper = name.to_ascii_uppercase();
        if upper.ends_with("CRS84") {
            return Ok(Epsg::WGS84);
        }
        let digits = |c: &str| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit());
        let code = upper
            .rsplit([':', '/'])
            .next()
            .filter(|c| digits(c))
            .filter(|_| upper.contains("EPSG") || digits(&upper));
        code.and_then(|c| c.parse::<u32>().ok())
            .filter(|&n| n > 0)
            .map(Epsg)
            .ok_or_else(|| Error::CrsName {
                name: name.to_string(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_gdal_and_qgis_write() {
        for (text, code) in [
            ("EPSG:4258", 4258),
            ("epsg:3035", 3035),
            ("urn:ogc:def:crs:EPSG::28992", 28992),
            ("urn:ogc:def:crs:EPSG:9.8.1:3857", 3857),
            ("http://www.opengis.net/def/crs/EPSG/0/4289", 4289),
            ("https://www.opengis.net/def/crs/EPSG/0/4326", 4326),
            ("urn:ogc:def:crs:OGC:1.3:CRS84", 4326),
            ("OGC:CRS84", 4326),
            (" 28992 ", 28992),
        ] {
            assert_eq!(text.parse::<Epsg>().unwrap(), Epsg(code), "{text}");
        }
    }

    #[test]
    fn names_that_are_no_epsg_code_say_so() {
        for text in [
            "",
            "RD New",
            "EPSG:",
            "EPSG:abc",
            "urn:ogc:def:crs:ESRI::102100",
            "EPSG:0",
        ] {
            let e = text.parse::<Epsg>().unwrap_err().to_string();
            assert!(e.contains("not a CRS name"), "{text}: {e}");
            assert!(e.contains("EPSG:28992"), "{text}: {e}");
        }
    }
}
