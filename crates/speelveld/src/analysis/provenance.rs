//! Where a layout comes from, as two short columns: its legal or statistical basis and the
//! version (date or year) of it, read from the layout's source line
//! ([`crate::model::Layout::source`]).
//!
//! The embedded SWV layouts are the law: "Regeling regio-indeling samenwerkingsverbanden
//! passend onderwijs PO en VO" (BWBR0032324), its annex as in force from 2015-04-23, on the
//! gemeenten of 2015; the 2025 atlas carries them to the 2025 gemeenten through the
//! herindelingen. The CBS layouts are CBS/Kadaster's gebiedsindelingen of the atlas's year.

/// The basis and version of a layout.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Provenance {
    /// What the layout rests on (`Regeling regio-indeling passend onderwijs (BWBR0032324)`,
    /// `CBS/Kadaster gebiedsindelingen`, `file`).
    pub legal_basis: String,
    /// Its version (`2015-04-23, on the 2015 gemeenten, carried to 2025`, `2025`).
    pub version: String,
}

/// The provenance of a layout from its source line; `year` is the atlas's year.
///
/// # Examples
/// ```
/// use speelveld::analysis::provenance::provenance;
/// let p = provenance("embedded: SWV regio-indeling BWBR0032324 2015-04-23 on the 2015 gemeenten, carried to 2025 through herindeling/gemeenten_2015_2025.csv (9 conflict(s))", Some(2025));
/// assert!(p.legal_basis.contains("BWBR0032324"));
/// assert_eq!(p.version, "2015-04-23 (2015 gemeenten), carried to the 2025 gemeenten");
/// let p = provenance("embedded: CBS/Kadaster 2025 (cbs/2025/gemeente_regions_spatial.csv)", Some(2025));
/// assert_eq!((p.legal_basis.as_str(), p.version.as_str()), ("CBS/Kadaster gebiedsindelingen", "2025"));
/// ```
pub fn provenance(source: &str, year: Option<u16>) -> Provenance {
    if source.contains("BWBR0032324") {
        let carried = year
            .filter(|&y| y != 2015)
            .map(|y| format!(", carried to the {y} gemeenten"))
            .unwrap_or_default();
        return Provenance {
            legal_basis: "Regeling regio-indeling samenwerkingsverbanden passend onderwijs PO en VO (BWBR0032324)".into(),
            version: format!("2015-04-23 (2015 gemeenten){carried}"),
        };
    }
    if let Some(rest) = source.split("CBS/Kadaster ").nth(1) {
        let y: String = rest.chars().take_while(char::is_ascii_digit).collect();
        return Provenance {
            legal_basis: "CBS/Kadaster gebiedsindelingen".into(),
            version: y,
        };
    }
    Provenance {
        legal_basis: if source.starts_with("embedded") {
            "embedded".into()
        } else {
            "file".into()
        },
        version: String::new(),
    }
}
