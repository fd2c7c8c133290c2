//! What every column of speelveld's tables holds: its Dutch header and the kind of number
//! in it, in one table ([`COLUMNS`]).
//!
//! The kind decides how a table rounds its numbers ([`ColumnKind::decimals`]), the same for
//! every writer (text, CSV, Markdown, spreadsheets): shares 3 decimals, km² 2, people
//! (inhabitants and the other key figures) and lengths in metres whole numbers, counts of gemeenten (which may be
//! sums of shares) and metrics (ARI, NMI, VI, Jaccard) 3. A result's JSON is the result
//! struct itself and keeps full precision.
//!
//! Columns that are not in the table are named after the data: a key figure (`inwoners`,
//! `land_km2`, a column of your `--figures` file) keeps its name and counts as people
//! (as area when its name ends in `km2`); a layout's name (`jeugdzorgregio`) keeps its
//! name; a layout's columns (`swv-vo_code`, `swv-vo_name`, `swv-vo_share`) translate their
//! ending.

use std::borrow::Cow;

use crate::model::Taal;

/// The kind of number a column holds, which decides its rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// A share in [0, 1] (`share_of_a`): 3 decimals.
    Share,
    /// An area or a length (`area_km2`, `border_km`): 2 decimals.
    Area,
    /// People or another key figure that adds up (`inwoners`): whole numbers.
    People,
    /// A length in metres (`border_m`): whole metres.
    Length,
    /// A number of gemeenten, possibly a sum of shares (`units`, `weight` in gemeenten): 3
    /// decimals, so a whole number prints without any.
    Count,
    /// A metric (`ari`, `nmi`, `vi`, `jaccard`): 3 decimals.
    Metric,
    /// Text, codes, flags: never rounded.
    Text,
}

impl ColumnKind {
    /// The number of decimals numbers of this kind are rounded to; `None` for
    /// [`ColumnKind::Text`].
    pub fn decimals(self) -> Option<u32> {
        match self {
            ColumnKind::Share | ColumnKind::Count | ColumnKind::Metric => Some(3),
            ColumnKind::Area => Some(2),
            ColumnKind::People | ColumnKind::Length => Some(0),
            ColumnKind::Text => None,
        }
    }

    /// Rounds one cell: numbers to [`ColumnKind::decimals`] (whole numbers become integers),
    /// anything else as it is.
    ///
    /// # Examples
    /// ```
    /// use speelveld::model::columns::ColumnKind;
    /// use serde_json::json;
    /// assert_eq!(ColumnKind::People.round(&json!(833035.884941)), json!(833036));
    /// assert_eq!(ColumnKind::Share.round(&json!(0.896976)), json!(0.897));
    /// assert_eq!(ColumnKind::Area.round(&json!("PO2401")), json!("PO2401"));
    /// ```
    pub fn round(self, v: &serde_json::Value) -> serde_json::Value {
        let (Some(d), serde_json::Value::Number(n)) = (self.decimals(), v) else {
            return v.clone();
        };
        if n.is_i64() || n.is_u64() {
            return v.clone();
        }
        let Some(x) = n.as_f64().filter(|x| x.is_finite()) else {
            return v.clone();
        };
        let p = 10f64.powi(d as i32);
        let r = (x * p).round() / p;
        if !r.is_finite() {
            return v.clone();
        }
        if r.fract() == 0.0 && r.abs() < 9.0e15 {
            // Exact: |r| < 2^53 and r has no fraction.
            serde_json::Value::from(r as i64)
        } else {
            serde_json::Value::from(r)
        }
    }
}

/// Every column of speelveld's tables: English header, Dutch header, kind.
pub const COLUMNS: &[(&str, &str, ColumnKind)] = {
    use ColumnKind::*;
    &[
        ("a", "a", Text),
        ("a_name", "a_naam", Text),
        ("a_regions", "a_regios", Count),
        ("a_regions_within_b", "a_regios_binnen_b", Count),
        ("a_within_b", "a_binnen_b", Share),
        ("ari", "ari", Metric),
        ("area_km2", "oppervlakte_km2", Area),
        ("b", "b", Text),
        ("b_name", "b_naam", Text),
        ("b_regions", "b_regios", Count),
        ("b_regions_within_a", "b_regios_binnen_a", Count),
        ("b_within_a", "b_binnen_a", Share),
        ("basis", "grondslag", Text),
        ("best", "beste", Text),
        ("best_name", "beste_naam", Text),
        ("border_km", "grens_km", Area),
        ("border_m", "grens_m", Length),
        ("both_split", "in_beide_gesplitst", Text),
        ("change", "wijziging", Text),
        ("check", "controle", Text),
        ("cluster", "cluster", Count),
        ("code", "code", Text),
        ("conflict", "conflict", Text),
        ("contact", "contact", Text),
        ("conflicts", "conflicten", Count),
        ("detail", "toelichting", Text),
        ("differ", "verschillen", Text),
        ("dominant", "dominant", Text),
        ("dominant_name", "dominant_naam", Text),
        ("errors", "fouten", Count),
        ("estimated", "geschat", Text),
        ("estimated_part", "geschat_deel", People),
        ("estimated_parts", "geschatte_delen", Text),
        ("figure", "kengetal", Text),
        ("flag", "soort", Text),
        ("from", "van", Text),
        ("gemeente", "gemeente", Text),
        ("gemeente_name", "gemeentenaam", Text),
        ("gemeenten", "gemeenten", Count),
        (
            "gemeenten_with_extra_partners",
            "gemeenten_met_extra_partners",
            Count,
        ),
        ("item", "onderdeel", Text),
        ("jaccard", "jaccard", Metric),
        ("joint_weight", "gezamenlijk_gewicht", Count),
        ("layout", "indeling", Text),
        ("layout_a", "indeling_a", Text),
        ("layout_b", "indeling_b", Text),
        ("layouts", "indelingen", Count),
        ("legal_basis", "wettelijke_grondslag", Text),
        ("max_gemeenten", "max_gemeenten", Count),
        ("max_partners", "max_partners", Count),
        ("message", "melding", Text),
        ("mismatch_units", "afwijkende_gemeenten", Count),
        ("most_gemeenten", "meeste_gemeenten", Text),
        ("most_partners", "meeste_partners", Text),
        ("name", "naam", Text),
        ("near_m", "nabij_m", Length),
        ("neighbour", "buurgemeente", Text),
        ("neighbour_name", "buurgemeente_naam", Text),
        ("new", "nieuw", Text),
        ("new_name", "nieuwe_naam", Text),
        ("new_regions", "nieuwe_regios", Text),
        ("nmi", "nmi", Metric),
        ("old", "oud", Text),
        ("old_name", "oude_naam", Text),
        ("old_regions", "oude_regios", Text),
        ("others", "anderen", Count),
        ("overlap", "overlap", Count),
        ("pairs", "paren", Count),
        ("pairs_per_layout", "paren_per_indeling", Text),
        ("partners", "partners", Count),
        ("per_layout", "per_indeling", Text),
        ("predecessors", "voorgangers", Text),
        ("region", "regiocode", Text),
        ("region_a", "regio_a", Text),
        ("region_b", "regio_b", Text),
        ("region_name", "regionaam", Text),
        ("regions", "regios", Count),
        ("relation", "relatie", Text),
        ("severity", "ernst", Text),
        ("share", "aandeel", Share),
        ("share_of_a", "aandeel_van_a", Share),
        ("share_of_b", "aandeel_van_b", Share),
        ("share_of_other", "aandeel_van_andere", Share),
        ("share_of_profiled", "aandeel_van_geprofileerde", Share),
        ("share_of_smaller", "aandeel_van_kleinste", Share),
        ("shared_m", "gedeeld_m", Length),
        ("shares", "aandelen", Text),
        ("side", "kant", Text),
        ("small", "klein", Text),
        ("source", "bron", Text),
        ("split_units", "gesplitste_gemeenten", Count),
        ("swv", "swv", Text),
        ("swv_layout", "swv_indeling", Text),
        ("swv_name", "swv_naam", Text),
        ("swv_po", "swv_po", Text),
        ("swv_vo", "swv_vo", Text),
        ("swvs", "swvs", Count),
        ("tie", "gelijkspel", Text),
        ("tied", "gelijk", Text),
        ("to", "naar", Text),
        ("touching", "raakt", Text),
        ("unit", "gemeentecode", Text),
        ("unit_codes", "gemeentecodes", Text),
        ("unit_name", "gemeentenaam", Text),
        ("unit_names", "gemeentenamen", Text),
        ("units", "aantal_gemeenten", Count),
        ("unresolved", "onopgelost", Count),
        ("value", "waarde", Area),
        ("version", "versie", Text),
        ("vi", "vi", Metric),
        ("warnings", "waarschuwingen", Count),
        ("weight", "gewicht", Count),
        ("within", "binnen", Text),
    ]
};

/// The endings of a layout's own columns (`swv-vo_code`), with their Dutch and kind.
const LAYOUT_ENDINGS: &[(&str, &str, ColumnKind)] = &[
    ("_code", "_code", ColumnKind::Text),
    ("_name", "_naam", ColumnKind::Text),
    ("_share", "_aandeel", ColumnKind::Share),
    ("_other", "_overig", ColumnKind::Text),
];

fn entry(column: &str) -> Option<&'static (&'static str, &'static str, ColumnKind)> {
    COLUMNS.iter().find(|(en, _, _)| *en == column)
}

fn ending(column: &str) -> Option<(&str, &'static str, ColumnKind)> {
    LAYOUT_ENDINGS.iter().find_map(|(en, nl, kind)| {
        column
            .strip_suffix(en)
            .filter(|stem| !stem.is_empty())
            .map(|stem| (stem, *nl, *kind))
    })
}

/// True when the column is in [`COLUMNS`] or is a layout's own column (`swv-vo_name`).
pub fn is_known(column: &str) -> bool {
    entry(column).is_some() || ending(column).is_some()
}

/// The column's header in `taal`: the English name itself, or its Dutch from [`COLUMNS`];
/// a column not in the table keeps its name (a key figure, a layout), a layout's own column
/// translates its ending.
///
/// # Examples
/// ```
/// use speelveld::model::{Taal, columns::header};
/// assert_eq!(header("share_of_a", Taal::Nl), "aandeel_van_a");
/// assert_eq!(header("swv-vo_name", Taal::Nl), "swv-vo_naam");
/// assert_eq!(header("inwoners", Taal::Nl), "inwoners");
/// assert_eq!(header("share_of_a", Taal::En), "share_of_a");
/// ```
pub fn header(column: &str, taal: Taal) -> Cow<'_, str> {
    if taal == Taal::En {
        return Cow::Borrowed(column);
    }
    if let Some((_, nl, _)) = entry(column) {
        return Cow::Borrowed(nl);
    }
    match ending(column) {
        Some((stem, nl, _)) => Cow::Owned(format!("{stem}{nl}")),
        None => Cow::Borrowed(column),
    }
}

/// The kind of number the column holds: from [`COLUMNS`], a layout's column's ending, or,
/// for a column named after the data (a key figure), [`ColumnKind::Area`] when the name
/// ends in `km2` and [`ColumnKind::People`] otherwise.
pub fn kind(column: &str) -> ColumnKind {
    if let Some((_, _, k)) = entry(column) {
        return *k;
    }
    if let Some((_, _, k)) = ending(column) {
        return k;
    }
    let figure = column.rsplit('.').next().unwrap_or(column);
    if figure.ends_with("km2") {
        ColumnKind::Area
    } else {
        ColumnKind::People
    }
}

/// The kind of a `weight` column weighed by `label` ([`crate::model::Weight::label`]):
/// gemeenten for `units`, else the kind of the figure (`area_km2`: km², `inwoners`: people).
///
/// # Examples
/// ```
/// use speelveld::model::columns::{ColumnKind, weight_kind};
/// assert_eq!(weight_kind("units"), ColumnKind::Count);
/// assert_eq!(weight_kind("area_km2"), ColumnKind::Area);
/// assert_eq!(weight_kind("inwoners"), ColumnKind::People);
/// ```
pub fn weight_kind(label: &str) -> ColumnKind {
    if label == "units" {
        ColumnKind::Count
    } else {
        match kind(label) {
            ColumnKind::Area => ColumnKind::Area,
            _ => ColumnKind::People,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_one_entry_per_column_and_no_two_dutch_headers_alike() {
        let mut en: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
        let n = en.len();
        en.sort();
        en.dedup();
        assert_eq!(en.len(), n, "an English header twice");
        // Two English synonyms of one Dutch header, never in one table.
        let mut nl: Vec<&str> = COLUMNS
            .iter()
            .filter(|c| c.0 != "gemeente_name")
            .map(|c| c.1)
            .collect();
        nl.sort();
        nl.dedup();
        assert_eq!(nl.len(), n - 1, "a Dutch header twice");
    }

    #[test]
    fn kinds_round_as_documented() {
        use serde_json::json;
        assert_eq!(kind("inwoners"), ColumnKind::People);
        assert_eq!(kind("land_km2"), ColumnKind::Area);
        assert_eq!(kind("figures.units"), ColumnKind::People);
        assert_eq!(kind("swv-po_share"), ColumnKind::Share);
        assert_eq!(kind("_share"), ColumnKind::People);
        assert_eq!(ColumnKind::Count.round(&json!(2.5)), json!(2.5));
        assert_eq!(ColumnKind::Count.round(&json!(3.0)), json!(3));
        assert_eq!(ColumnKind::Area.round(&json!(182.2251)), json!(182.23));
        assert_eq!(
            ColumnKind::Text.round(&json!(0.123456789)),
            json!(0.123456789)
        );
        assert_eq!(ColumnKind::People.round(&json!(f64::MAX)), json!(f64::MAX));
        assert_eq!(ColumnKind::Share.round(&json!(-0.0001)), json!(0));
    }
}
