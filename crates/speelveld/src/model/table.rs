//! The one table model every writer prints: a result offers its rows as [`Table`]s, whose
//! columns come from the row type itself (its serde field names, in declaration order), so
//! a column can never be misspelt into an empty one.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::model::Taal;
use crate::model::columns::{self, ColumnKind};
use crate::model::values;

/// One table of a result: a short name, a title, its columns and its rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// A short machine name (`crosswalk`, `moved_units`): the `# table:` line of CSV output,
    /// the file name under `-o DIR/`, the sheet name of a workbook.
    pub name: String,
    /// A title for people (`crosswalk swv-vo × jeugdzorgregio (weight: units)`).
    pub title: String,
    /// The title in Dutch, where the result gives one ([`Table::titled_nl`]); a table in
    /// Dutch ([`Table::in_taal`]) takes it as its title. Not part of JSON output.
    #[serde(skip)]
    pub title_nl: Option<String>,
    /// Column names, in order.
    pub columns: Vec<String>,
    /// Rows of cells, one value per column (`Null` for a cell a row does not have).
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// Builds a table from serialisable rows, its numbers rounded by the kind of their
    /// column ([`crate::model::columns`]). The columns are the rows' field names in
    /// declaration order (a field that holds a map, such as a row's key figures, adds one
    /// column per key); a row without some column gets an empty cell there. The title is
    /// the name until [`Table::titled`] sets one.
    ///
    /// A row that does not serialise to a map (a bare number, a list) is an error: a table
    /// needs named columns.
    ///
    /// # Examples
    /// ```
    /// use speelveld::model::Table;
    /// #[derive(serde::Serialize)]
    /// struct Row { region: &'static str, units: usize, share: f64 }
    /// let t = Table::from_rows("demo", &[Row { region: "JZ13", units: 6, share: 0.5 }])
    ///     .unwrap()
    ///     .titled("a demo table");
    /// assert_eq!(t.columns, ["region", "units", "share"]);
    /// assert_eq!(t.title, "a demo table");
    /// ```
    pub fn from_rows<T: Serialize>(name: impl Into<String>, rows: &[T]) -> Result<Table, Error> {
        Table::build(name.into(), rows, true)
    }

    /// Like [`Table::from_rows`], without rounding: for tables that are data to be read
    /// again (a herindeling table, the memberships of a carried layout), whose shares must
    /// keep the precision they were computed with.
    pub fn from_rows_exact<T: Serialize>(
        name: impl Into<String>,
        rows: &[T],
    ) -> Result<Table, Error> {
        Table::build(name.into(), rows, false)
    }

    fn build<T: Serialize>(name: String, rows: &[T], round: bool) -> Result<Table, Error> {
        let mut columns: Vec<String> = Vec::new();
        let mut maps: Vec<Map<String, Value>> = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let v = serde_json::to_value(row).map_err(|e| {
                Error::Usage(format!(
                    "table '{name}': row {} cannot be serialised: {e}",
                    i + 1
                ))
            })?;
            let Value::Object(m) = v else {
                return Err(Error::Usage(format!(
                    "table '{name}': row {} is not a record with named fields",
                    i + 1
                )));
            };
            let flat = flatten(m);
            for k in flat.keys() {
                if !columns.iter().any(|c| c == k) {
                    columns.push(k.clone());
                }
            }
            maps.push(flat);
        }
        let kinds: Vec<ColumnKind> = columns
            .iter()
            .map(|c| {
                if round {
                    columns::kind(c)
                } else {
                    ColumnKind::Text
                }
            })
            .collect();
        let rows = maps
            .into_iter()
            .map(|mut m| {
                columns
                    .iter()
                    .zip(&kinds)
                    .map(|(c, k)| m.remove(c).map_or(Value::Null, |v| k.round(&v)))
                    .collect()
            })
            .collect();
        Ok(Table {
            title: name.clone(),
            title_nl: None,
            name,
            columns,
            rows,
        })
    }

    /// Rounds the numbers of one column as `kind` says, where the kind depends on more than
    /// the column's name (a `weight` that is people, km² or gemeenten). The rounding of
    /// [`Table::from_rows`] is by name ([`crate::model::columns::kind`]).
    ///
    /// # Examples
    /// ```
    /// use speelveld::model::{Table, columns::ColumnKind};
    /// #[derive(serde::Serialize)]
    /// struct Row { weight: f64 }
    /// let t = Table::from_rows("t", &[Row { weight: 214214.118648 }]).unwrap();
    /// assert_eq!(t.rows[0][0], serde_json::json!(214214.119));
    /// let t = t.with_kind("weight", ColumnKind::People);
    /// assert_eq!(t.rows[0][0], serde_json::json!(214214));
    /// ```
    pub fn with_kind(mut self, column: &str, kind: ColumnKind) -> Table {
        if let Some(c) = self.columns.iter().position(|x| x == column) {
            for row in &mut self.rows {
                if let Some(v) = row.get_mut(c) {
                    *v = kind.round(v);
                }
            }
        }
        self
    }

    /// The table in `taal`: its title ([`Table::titled_nl`]), its categorical cells and the
    /// fixed parts of its free text ([`crate::model::values`]; yes and no as `ja`/`nee`) and
    /// its column headers ([`crate::model::columns::header`]). Numbers, codes and names stay.
    ///
    /// # Examples
    /// ```
    /// use speelveld::model::{Table, Taal};
    /// #[derive(serde::Serialize)]
    /// struct Row { unit: &'static str, relation: &'static str, tie: bool, share_of_a: f64 }
    /// let t = Table::from_rows("t", &[Row { unit: "GM0193", relation: "crosses", tie: false, share_of_a: 0.5 }])
    ///     .unwrap()
    ///     .titled("the regions")
    ///     .titled_nl("de regio's");
    /// let nl = t.clone().in_taal(Taal::Nl);
    /// assert_eq!(nl.columns, ["gemeentecode", "relatie", "gelijkspel", "aandeel_van_a"]);
    /// assert_eq!(nl.title, "de regio's");
    /// assert_eq!(nl.rows[0][1], "kruist");
    /// assert_eq!(nl.rows[0][2], "nee");
    /// assert_eq!(t.in_taal(Taal::En).rows[0][1], "crosses");
    /// ```
    pub fn in_taal(self, taal: Taal) -> Table {
        if taal == Taal::En {
            return self;
        }
        self.values_in(taal).headers_in(taal)
    }

    /// The table with only its column headers in `taal`, its cells as they are: for
    /// machine-read output (JSON), whose values stay English.
    pub fn headers_in(mut self, taal: Taal) -> Table {
        if taal != Taal::En {
            for c in &mut self.columns {
                *c = columns::header(c, taal).into_owned();
            }
        }
        self
    }

    /// The table with its title and cells in `taal`, its headers as they are (English
    /// column names, for writers that translate headers themselves).
    pub fn values_in(mut self, taal: Taal) -> Table {
        if taal == Taal::En {
            return self;
        }
        if let Some(nl) = self.title_nl.take() {
            self.title = nl;
        }
        for row in &mut self.rows {
            for (v, c) in row.iter_mut().zip(&self.columns) {
                *v = values::cell(c, v, taal);
            }
        }
        self
    }

    /// Sets the title, in every language until [`Table::titled_nl`] gives a Dutch one.
    pub fn titled(mut self, title: impl Into<String>) -> Table {
        self.title = title.into();
        self.title_nl = None;
        self
    }

    /// Sets the Dutch title, which [`Table::in_taal`] uses for [`Taal::Nl`].
    pub fn titled_nl(mut self, title: impl Into<String>) -> Table {
        self.title_nl = Some(title.into());
        self
    }

    /// The title in `taal`: the Dutch one where there is one, else the title.
    pub fn title_in(&self, taal: Taal) -> &str {
        match (taal, &self.title_nl) {
            (Taal::Nl, Some(nl)) => nl,
            _ => &self.title,
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Lifts the entries of map-valued fields to columns of their own (`figures: {inwoners: 5}`
/// becomes a column `inwoners`); a key that would clash with a field keeps its parent's name
/// as a prefix (`figures.units`).
fn flatten(m: Map<String, Value>) -> Map<String, Value> {
    let plain: Vec<String> = m
        .iter()
        .filter(|(_, v)| !v.is_object())
        .map(|(k, _)| k.clone())
        .collect();
    let mut out = Map::with_capacity(m.len());
    for (k, v) in m {
        match v {
            Value::Object(inner) => {
                for (ik, iv) in inner {
                    let key = if plain.contains(&ik) || out.contains_key(&ik) {
                        format!("{k}.{ik}")
                    } else {
                        ik
                    };
                    out.insert(key, iv);
                }
            }
            v => {
                out.insert(k, v);
            }
        }
    }
    out
}

/// A result that can be printed as one or more tables, main table first. Every writer
/// prints all of them.
pub trait Tabular: Serialize {
    /// The result's tables, main table first.
    fn tables(&self) -> Result<Vec<Table>, Error>;
}

/// Formats a number for output: integers plainly, other values rounded to 6 decimals with
/// trailing zeros removed.
pub fn format_number(n: &serde_json::Number, decimal_comma: bool) -> String {
    let s = if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        let f = n.as_f64().unwrap_or(f64::NAN);
        let mut s = format!("{f:.6}");
        if s.contains('.') {
            while s.ends_with('0') {
                s.pop();
            }
            if s.ends_with('.') {
                s.pop();
            }
        }
        if s == "-0" {
            s = "0".into();
        }
        s
    };
    if decimal_comma {
        s.replace('.', ",")
    } else {
        s
    }
}

/// A cell as text: numbers formatted, lists of codes joined, empty for `null`.
pub(crate) fn cell_text(v: &Value, decimal_comma: bool) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format_number(n, decimal_comma),
        Value::String(s) => s.clone(),
        Value::Array(a) => {
            // Codes (capitals and digits: `GM0363`, `VO2305`) joined by spaces; anything
            // else (names) by semicolons.
            let items: Vec<String> = a.iter().map(|x| cell_text(x, decimal_comma)).collect();
            let code = |i: &String| {
                i.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
            };
            let sep = if items.iter().all(code) { " " } else { "; " };
            items.join(sep)
        }
        Value::Object(_) => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Row {
        code: &'static str,
        units: usize,
        figures: BTreeMap<&'static str, f64>,
        note: Option<&'static str>,
    }

    #[test]
    fn columns_come_from_the_fields_and_maps_become_columns() {
        let rows = [
            Row {
                code: "A",
                units: 2,
                figures: BTreeMap::from([("inwoners", 10.0)]),
                note: None,
            },
            Row {
                code: "B",
                units: 1,
                figures: BTreeMap::from([("inwoners", 5.0), ("units", 3.0)]),
                note: Some("x"),
            },
        ];
        let t = Table::from_rows("t", &rows).unwrap();
        assert_eq!(
            t.columns,
            ["code", "units", "inwoners", "note", "figures.units"]
        );
        assert_eq!(t.rows[0][4], Value::Null);
        // Figures count people: whole numbers.
        assert_eq!(t.rows[1][4], serde_json::json!(3));
        assert_eq!(t.rows[1][3], serde_json::json!("x"));
    }

    #[test]
    fn a_row_that_is_not_a_record_is_an_error() {
        let e = Table::from_rows("numbers", &[1, 2])
            .unwrap_err()
            .to_string();
        assert!(e.contains("table 'numbers': row 1 is not a record"), "{e}");
    }

    #[test]
    fn no_rows_no_columns() {
        let rows: [Row; 0] = [];
        let t = Table::from_rows("t", &rows).unwrap();
        assert!(t.is_empty() && t.columns.is_empty());
    }
}
