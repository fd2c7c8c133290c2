//! Validated codes: gemeenten (`GM0363`), postcode-4 areas (`1011`) and region codes.
//!
//! Codes are parsed once, at the edge, and are valid from then on.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a text is not a valid code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CodeError {
    /// The text is not a gemeente code.
    #[error("'{0}' is not a gemeente code (expected GM plus up to 4 digits, e.g. GM0363 or 363)")]
    Gemeente(String),
    /// The text is not a postcode-4 area.
    #[error("'{0}' is not a postcode-4 area (expected 4 digits 1000..9999)")]
    Pc4(String),
    /// The text is empty or not usable as a region code.
    #[error("'{0}' is not a region code (expected a non-empty code without control characters)")]
    Region(String),
}

/// A CBS gemeente code, always printed as `GM` plus four digits.
///
/// Accepts `GM0363`, `gm0363`, `0363`, `363` and surrounding whitespace.
///
/// # Examples
/// ```
/// use speelveld::GemeenteCode;
/// let a: GemeenteCode = "363".parse().unwrap();
/// let b: GemeenteCode = " GM0363   ".parse().unwrap();
/// assert_eq!(a, b);
/// assert_eq!(a.to_string(), "GM0363");
/// assert!("GM12345".parse::<GemeenteCode>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GemeenteCode(u16);

impl GemeenteCode {
    /// The code's number (`363` for `GM0363`).
    pub fn number(self) -> u16 {
        self.0
    }

    /// Builds a code from its number; `None` above 9999.
    pub fn from_number(n: u16) -> Option<Self> {
        (n <= 9999).then_some(GemeenteCode(n))
    }
}

impl FromStr for GemeenteCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let digits = if t.len() >= 2 && t.is_char_boundary(2) && t[..2].eq_ignore_ascii_case("GM") {
            t[2..].trim_start()
        } else {
            t
        };
        if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CodeError::Gemeente(s.to_string()));
        }
        digits
            .parse::<u16>()
            .map(GemeenteCode)
            .map_err(|_| CodeError::Gemeente(s.to_string()))
    }
}

impl fmt::Display for GemeenteCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GM{:04}", self.0)
    }
}

/// A Dutch postcode-4 area (`1011` … `9999`).
///
/// # Examples
/// ```
/// use speelveld::Pc4;
/// let p: Pc4 = "1011".parse().unwrap();
/// assert_eq!(p.to_string(), "1011");
/// assert!("0999".parse::<Pc4>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pc4(u16);

impl Pc4 {
    /// The postcode number.
    pub fn number(self) -> u16 {
        self.0
    }
}

impl FromStr for Pc4 {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CodeError::Pc4(s.to_string()));
        }
        match t.parse::<u16>() {
            Ok(n) if (1000..=9999).contains(&n) => Ok(Pc4(n)),
            _ => Err(CodeError::Pc4(s.to_string())),
        }
    }
}

impl fmt::Display for Pc4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.0)
    }
}

/// The code of a unit: the building block every layout is made of.
///
/// # Examples
/// ```
/// use speelveld::UnitCode;
/// assert_eq!("gm363".parse::<UnitCode>().unwrap().to_string(), "GM0363");
/// assert_eq!("1011".parse::<UnitCode>().unwrap().to_string(), "1011");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnitCode {
    /// A gemeente.
    Gemeente(GemeenteCode),
    /// A postcode-4 area.
    Pc4(Pc4),
}

impl FromStr for UnitCode {
    type Err = CodeError;
    /// Four digits without `GM` that form a valid postcode are read as a gemeente code only
    /// when they start with `0`; `GM…`, and 1–3 digits are gemeente codes.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.len() == 4 && !t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit()) {
            return t.parse().map(UnitCode::Pc4);
        }
        t.parse()
            .map(UnitCode::Gemeente)
            .map_err(|_| CodeError::Gemeente(s.to_string()))
    }
}

impl UnitCode {
    /// The gemeente code, when this unit is a gemeente.
    pub fn gemeente(self) -> Option<GemeenteCode> {
        match self {
            UnitCode::Gemeente(g) => Some(g),
            UnitCode::Pc4(_) => None,
        }
    }
}

impl fmt::Display for UnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnitCode::Gemeente(g) => g.fmt(f),
            UnitCode::Pc4(p) => p.fmt(f),
        }
    }
}

impl From<GemeenteCode> for UnitCode {
    fn from(g: GemeenteCode) -> Self {
        UnitCode::Gemeente(g)
    }
}

impl From<Pc4> for UnitCode {
    fn from(p: Pc4) -> Self {
        UnitCode::Pc4(p)
    }
}

/// The code of a region within a layout (`JZ13`, `PO2707`, `PV27`). Trimmed, non-empty.
///
/// # Examples
/// ```
/// use speelveld::RegionCode;
/// let r: RegionCode = " JZ13 ".parse().unwrap();
/// assert_eq!(r.as_str(), "JZ13");
/// assert!("".parse::<RegionCode>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegionCode(String);

impl RegionCode {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for RegionCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.is_empty() || t.chars().any(char::is_control) {
            return Err(CodeError::Region(s.to_string()));
        }
        Ok(RegionCode(t.to_string()))
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! serde_via_display {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    )*};
}
serde_via_display!(GemeenteCode, Pc4, UnitCode, RegionCode);

/// Why a cell that does not parse as a unit code still looks like a failed attempt at one,
/// for a message that says what is wrong: an invisible character, a spreadsheet number
/// (`363.0`), a code of five digits, a six-character postcode. `None` when the cell looks
/// like a name.
///
/// # Examples
/// ```
/// use speelveld::model::code::why_not_a_code;
/// assert!(why_not_a_code("GM0363\u{200b}").unwrap().contains("U+200B"));
/// assert!(why_not_a_code("363.0").unwrap().contains("spreadsheet"));
/// assert!(why_not_a_code("GM12345").unwrap().contains("5 digits"));
/// assert!(why_not_a_code("1011AB").unwrap().contains("postcode"));
/// assert!(why_not_a_code("GM0363x").unwrap().contains("GM and 4 digits"));
/// assert_eq!(why_not_a_code("Amsterdam"), None);
/// assert_eq!(why_not_a_code("Súdwest-Fryslân"), None);
/// assert_eq!(why_not_a_code("12é4"), None);
/// ```
pub fn why_not_a_code(cell: &str) -> Option<String> {
    let cell = cell.trim();
    if let Some(c) = cell.chars().find(|c| {
        c.is_control()
            || matches!(
                c,
                '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' | '\u{a0}'
            )
    }) {
        return Some(format!(
            "it holds an invisible character (U+{:04X}); expected only the code",
            u32::from(c)
        ));
    }
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let spreadsheet_number = cell
        .split_once(['.', ','])
        .filter(|(whole, frac)| digits(whole) && digits(frac) && frac.chars().all(|c| c == '0'));
    if let Some((whole, _)) = spreadsheet_number {
        return Some(format!(
            "it looks like a number a spreadsheet wrote; expected a code such as GM{whole:0>4} or {whole:0>4} (format the column as text)"
        ));
    }
    let upper = cell.to_ascii_uppercase();
    if let Some(rest) = upper.strip_prefix("GM") {
        if digits(rest) {
            return Some(format!(
                "it has {} digits; expected GM and 4 digits",
                rest.len()
            ));
        }
        return Some("it is not a gemeente code; expected GM and 4 digits".to_string());
    }
    let (num, letters) = (
        cell.get(..4).unwrap_or(""),
        cell.get(4..).unwrap_or("").trim(),
    );
    if digits(num) && letters.len() == 2 && letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(
            "it is a six-character postcode (PC6); expected a gemeente code or a postcode-4 area"
                .to_string(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gemeente_code_forms() {
        for s in ["GM0363", "0363", "363", "GM0363   ", "gm363", " GM 0363"] {
            assert_eq!(
                s.parse::<GemeenteCode>().unwrap().to_string(),
                "GM0363",
                "{s}"
            );
        }
        for s in ["", "GM", "GM12345", "GMabc", "36x", "-363", "GM-363"] {
            assert!(s.parse::<GemeenteCode>().is_err(), "{s}");
        }
    }

    #[test]
    fn unit_code_kinds() {
        assert_eq!(
            "0014".parse::<UnitCode>().unwrap(),
            UnitCode::Gemeente("14".parse().unwrap())
        );
        assert!(matches!(
            "9999".parse::<UnitCode>().unwrap(),
            UnitCode::Pc4(_)
        ));
        assert!("PO2707".parse::<UnitCode>().is_err());
    }

    #[test]
    fn serde_round_trip() {
        let g: GemeenteCode = "14".parse().unwrap();
        let j = serde_json::to_string(&g).unwrap();
        assert_eq!(j, "\"GM0014\"");
        assert_eq!(serde_json::from_str::<GemeenteCode>(&j).unwrap(), g);
    }
}
