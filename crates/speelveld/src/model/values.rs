//! What the cells of speelveld's tables say, in Dutch and English: the categorical values
//! (a relation `crosses`, a severity `warning`, a flag `merger`, a yes or no) in one table
//! ([`VALUES`]), and the fixed parts of the free text some columns hold (a finding's message,
//! a diff's detail) in another ([`PHRASES`]).
//!
//! Results keep their values in English: that is what their JSON says and what a library
//! user matches on. A table in Dutch ([`crate::model::Table::in_taal`]) translates its cells
//! through these tables, column by column, as [`crate::model::columns`] translates its
//! headers. The typed values have their own `label(taal)` (`Relation::label`,
//! `Severity::label`, `Flag::label`, …), which reads the same table.

use std::borrow::Cow;

use serde_json::Value;

use crate::model::Taal;

/// Every categorical value of speelveld's tables: column (English), English value, Dutch.
///
/// A column given as `*` holds for any column (a value that means the same wherever it
/// stands).
pub const VALUES: &[(&str, &str, &str)] = &[
    // The relation of a region of A to layout B (`compare`, `mismatches`).
    ("relation", "identical", "gelijk"),
    ("relation", "within", "binnen"),
    ("relation", "contains", "omvat"),
    ("relation", "crosses", "kruist"),
    ("relation", "empty", "leeg"),
    // How bad a finding is (`validate`).
    ("severity", "error", "fout"),
    ("severity", "warning", "waarschuwing"),
    ("severity", "info", "informatie"),
    // The check that made a finding (`validate`).
    ("check", "uncovered", "niet-gedekt"),
    ("check", "no-region-code", "geen-regiocode"),
    ("check", "duplicate", "dubbel"),
    ("check", "shares", "aandelen"),
    ("check", "split", "verdeeld"),
    ("check", "merger-conflict", "fusieconflict"),
    ("check", "unknown-code", "onbekende-code"),
    ("check", "other-year", "ander-jaar"),
    ("check", "unmatched-name", "onbekende-naam"),
    ("check", "name", "naam"),
    ("check", "empty-region", "lege-regio"),
    ("check", "non-contiguous", "niet-aaneengesloten"),
    ("check", "region-name", "regionaam"),
    ("check", "nothing-assigned", "niets-toegewezen"),
    ("check", "outside-regions", "buiten-de-regios"),
    ("check", "overlapping-regions", "overlappende-regios"),
    ("check", "load", "inlezen"),
    // What a pair of a herindeling means.
    ("flag", "unchanged", "ongewijzigd"),
    ("flag", "recoded", "nieuwe-code"),
    ("flag", "merger", "fusie"),
    ("flag", "split", "splitsing"),
    ("flag", "boundary", "grenscorrectie"),
    // What happened to a region between two versions of a layout (`diff`).
    ("change", "merged", "samengevoegd"),
    ("change", "split", "gesplitst"),
    ("change", "renamed", "hernoemd"),
    ("change", "recoded", "nieuwe-code"),
    ("change", "removed", "verdwenen"),
    ("change", "created", "nieuw"),
    // How two gemeenten meet (`neighbours`).
    ("contact", "neighbour", "buren"),
    ("contact", "stub", "stompje"),
    ("contact", "near", "nabij"),
    ("contact", "point", "punt"),
    // Where a gemeente of the profiled one's SWV PO and VO lies.
    ("side", "po-only", "alleen-po"),
    ("side", "vo-only", "alleen-vo"),
    // What the parts of a split gemeente were weighed by (`translate`'s conflicts).
    ("basis", "area", "oppervlakte"),
    // The facts of `overview` and the counts of `herindeling`.
    ("item", "year", "jaar"),
    ("item", "units", "gemeenten"),
    ("item", "units with geometry", "gemeenten met omtrek"),
    ("item", "layouts", "indelingen"),
    (
        "item",
        "split units (any layout)",
        "verdeelde gemeenten (in een indeling)",
    ),
    ("item", "validation", "controles"),
    ("item", "crs", "coördinatenstelsel"),
    ("item", "source", "bron"),
    ("item", "pairs", "paren"),
    ("item", "unchanged", "ongewijzigd"),
    ("item", "recoded", "nieuwe code"),
    ("item", "mergers (new units)", "fusies (nieuwe gemeenten)"),
    ("item", "splits (old units)", "splitsingen (oude gemeenten)"),
    ("item", "boundary pieces", "grenscorrecties"),
    (
        "item",
        "boundary area km2",
        "oppervlakte grenscorrecties km2",
    ),
    ("item", "uncovered area km2", "niet gedekte oppervlakte km2"),
    ("value", "unknown", "onbekend"),
];

/// Fixed parts of free text, English → Dutch, replaced in this order in the columns of
/// [`TEXT_COLUMNS`]. Names and codes in the text stay as they are.
pub const PHRASES: &[(&str, &str)] = &[
    // Findings (`validate`), from the herindeling carried through.
    (
        ": its predecessors lay in different regions (",
        ": haar voorgangers lagen in verschillende regio's (",
    ),
    ("; split by inwoners as ", "; verdeeld naar inwoners als "),
    ("; split by area as ", "; verdeeld naar oppervlakte als "),
    (
        "; the layout must be redrawn here",
        "; hier moet de indeling opnieuw worden vastgesteld",
    ),
    (
        " has no SWV PO code in the source ",
        " heeft in de bron geen SWV PO-code ",
    ),
    (
        " has no SWV VO code in the source ",
        " heeft in de bron geen SWV VO-code ",
    ),
    (
        "; it is left out of the shares",
        "; zij telt niet mee in de aandelen",
    ),
    (" is split over ", " is verdeeld over "),
    (
        " parts; detached from its main part (",
        " delen; los van het hoofddeel (",
    ),
    (" lies in ", " ligt in "),
    (" regions: ", " regio's: "),
    (" units): ", " gemeenten): "),
    // Counts and bases in details, versions and sources.
    (" unit(s)", " gemeente(n)"),
    (", same members", ", dezelfde gemeenten"),
    (" conflict(s)", " conflict(en)"),
    (" error(s), ", " fout(en), "),
    (" warning(s), ", " waarschuwing(en), "),
    (" info", " informatie"),
    (" by its shares", " naar zijn aandelen"),
    (" by area", " naar oppervlakte"),
    (" by inwoners", " naar inwoners"),
    ("embedded: ", "ingebouwd: "),
    (" on the 2015 gemeenten", " op de gemeenten van 2015"),
    (", carried to 2025 through ", ", naar 2025 overgezet via "),
    (
        " (2015 gemeenten), carried to the 2025 gemeenten",
        " (gemeenten van 2015), overgezet naar de gemeenten van 2025",
    ),
    (", by interior point)", ", naar binnenpunt)"),
    (" (generalised)", " (gegeneraliseerd)"),
];

/// The columns whose free text [`PHRASES`] translates.
pub const TEXT_COLUMNS: &[&str] = &[
    "message",
    "detail",
    "estimated_parts",
    "estimated parts",
    "basis",
    "source",
    "version",
    "value",
];

/// A value of `column` in `taal`: its Dutch from [`VALUES`], or the value itself (in
/// English, or when the table does not know it: a code, a name).
///
/// # Examples
/// ```
/// use speelveld::model::{Taal, values::value};
/// assert_eq!(value("relation", "crosses", Taal::Nl), "kruist");
/// assert_eq!(value("relation", "crosses", Taal::En), "crosses");
/// assert_eq!(value("relation", "PO2305", Taal::Nl), "PO2305");
/// ```
pub fn value<'a>(column: &str, en: &'a str, taal: Taal) -> &'a str {
    if taal == Taal::En {
        return en;
    }
    VALUES
        .iter()
        .find(|(c, e, _)| (*c == column || *c == "*") && *e == en)
        .map_or(en, |(_, _, nl)| nl)
}

/// Yes or no in `taal`: `ja`/`nee`, `true`/`false`.
///
/// # Examples
/// ```
/// use speelveld::model::{Taal, values::yes_no};
/// assert_eq!(yes_no(true, Taal::Nl), "ja");
/// assert_eq!(yes_no(false, Taal::En), "false");
/// ```
pub fn yes_no(b: bool, taal: Taal) -> &'static str {
    match (taal, b) {
        (Taal::Nl, true) => "ja",
        (Taal::Nl, false) => "nee",
        (Taal::En, true) => "true",
        (Taal::En, false) => "false",
    }
}

/// Free text of `column` in `taal`: the fixed parts of [`PHRASES`] translated where the
/// column is one of [`TEXT_COLUMNS`]; any other text as it is.
///
/// # Examples
/// ```
/// use speelveld::model::{Taal, values::text};
/// assert_eq!(text("detail", "5 unit(s)", Taal::Nl), "5 gemeente(n)");
/// assert_eq!(text("name", "5 unit(s)", Taal::Nl), "5 unit(s)");
/// ```
pub fn text<'a>(column: &str, s: &'a str, taal: Taal) -> Cow<'a, str> {
    if taal == Taal::En || !TEXT_COLUMNS.contains(&column) {
        return Cow::Borrowed(s);
    }
    let mut out = Cow::Borrowed(s);
    for (en, nl) in PHRASES {
        if out.contains(en) {
            out = Cow::Owned(replace_whole(&out, en, nl));
        }
    }
    out
}

/// Replaces `en` by `nl` where `en` does not end inside a word (` info` in `61 info`, not
/// in ` information`).
fn replace_whole(s: &str, en: &str, nl: &str) -> String {
    let ends_in_letter = en.chars().last().is_some_and(char::is_alphabetic);
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(en) {
        let (before, after) = rest.split_at(i);
        let tail = after.get(en.len()..).unwrap_or("");
        out.push_str(before);
        if ends_in_letter && tail.chars().next().is_some_and(char::is_alphabetic) {
            out.push_str(en);
        } else {
            out.push_str(nl);
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// What a weight (its label, [`crate::model::Weight::label`]) is called in `taal`: `units`
/// are `gemeenten` in Dutch; a figure keeps its name, `area_km2` gets its Dutch header.
///
/// # Examples
/// ```
/// use speelveld::model::{Taal, values::weight_label};
/// assert_eq!(weight_label("units", Taal::Nl), "gemeenten");
/// assert_eq!(weight_label("inwoners", Taal::Nl), "inwoners");
/// assert_eq!(weight_label("units", Taal::En), "units");
/// ```
pub fn weight_label(label: &str, taal: Taal) -> String {
    match (taal, label) {
        (Taal::En, _) => label.to_string(),
        (Taal::Nl, "units") => "gemeenten".to_string(),
        (Taal::Nl, _) => crate::model::columns::header(label, taal).into_owned(),
    }
}

/// One cell of `column` in `taal`: a yes or no as [`yes_no`], a categorical value as
/// [`value`], free text as [`text`]; numbers, codes and names as they are.
///
/// # Examples
/// ```
/// use speelveld::model::{Taal, values::cell};
/// use serde_json::json;
/// assert_eq!(cell("tie", &json!(true), Taal::Nl), json!("ja"));
/// assert_eq!(cell("severity", &json!("warning"), Taal::Nl), json!("waarschuwing"));
/// assert_eq!(cell("share", &json!(0.5), Taal::Nl), json!(0.5));
/// assert_eq!(cell("tie", &json!(true), Taal::En), json!(true));
/// ```
pub fn cell(column: &str, v: &Value, taal: Taal) -> Value {
    if taal == Taal::En {
        return v.clone();
    }
    match v {
        Value::Bool(b) => Value::from(yes_no(*b, taal)),
        Value::String(s) => {
            let known = value(column, s, taal);
            if known != s.as_str() {
                Value::from(known)
            } else {
                Value::from(text(column, s, taal).into_owned())
            }
        }
        Value::Array(items) => Value::Array(items.iter().map(|x| cell(column, x, taal)).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_is_listed_once_per_column_and_differs_from_its_english() {
        let mut keys: Vec<(&str, &str)> = VALUES.iter().map(|(c, e, _)| (*c, *e)).collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n, "a value twice in one column");
        for (c, e, nl) in VALUES {
            assert!(!nl.trim().is_empty(), "{c} {e} has no Dutch");
        }
    }

    #[test]
    fn a_value_of_another_column_is_not_translated() {
        // `split` is a check, a flag and a change, each with its own Dutch.
        assert_eq!(value("check", "split", Taal::Nl), "verdeeld");
        assert_eq!(value("flag", "split", Taal::Nl), "splitsing");
        assert_eq!(value("change", "split", Taal::Nl), "gesplitst");
        assert_eq!(value("name", "split", Taal::Nl), "split");
    }

    #[test]
    fn the_fixed_parts_of_a_finding_are_dutch_and_its_names_stay() {
        let en = "GM0363 Amsterdam: its predecessors lay in different regions (GM0363 \
                  Amsterdam in PO2707; GM0457 Weesp in PO2709); split by inwoners as PO2707 \
                  0.977 + PO2709 0.023; the layout must be redrawn here";
        let nl = text("message", en, Taal::Nl);
        assert_eq!(
            nl,
            "GM0363 Amsterdam: haar voorgangers lagen in verschillende regio's (GM0363 \
             Amsterdam in PO2707; GM0457 Weesp in PO2709); verdeeld naar inwoners als PO2707 \
             0.977 + PO2709 0.023; hier moet de indeling opnieuw worden vastgesteld"
        );
        assert_eq!(text("message", en, Taal::En), en);
        assert_eq!(
            text("value", "0 error(s), 28 warning(s), 61 info", Taal::Nl),
            "0 fout(en), 28 waarschuwing(en), 61 informatie"
        );
        assert_eq!(
            text("detail", "some information", Taal::Nl),
            "some information"
        );
        let parts = "PO2101 SWV PO 21-01 lies in 5 parts; detached from its main part (14 \
                     units): GM0060 Ameland";
        assert_eq!(
            text("message", parts, Taal::Nl),
            "PO2101 SWV PO 21-01 ligt in 5 delen; los van het hoofddeel (14 gemeenten): \
             GM0060 Ameland"
        );
    }

    #[test]
    fn cells_keep_numbers_and_nulls() {
        use serde_json::json;
        assert_eq!(cell("weight", &json!(3), Taal::Nl), json!(3));
        assert_eq!(cell("tied", &Value::Null, Taal::Nl), Value::Null);
        assert_eq!(cell("name", &json!("Zwolle"), Taal::Nl), json!("Zwolle"));
        assert_eq!(
            cell(
                "estimated_parts",
                &json!(["GM0014 (swv-vo by area)"]),
                Taal::Nl
            ),
            json!(["GM0014 (swv-vo naar oppervlakte)"])
        );
    }
}
