//! The language of headers and text: Dutch or English.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The language a result is written in: column headers of tables, text of the report.
///
/// Tables default to English headers (`share_of_a`), the report to Dutch; either can be
/// asked for in the other language.
///
/// ```
/// use speelveld::model::Taal;
/// assert_eq!("nl".parse::<Taal>().unwrap(), Taal::Nl);
/// assert_eq!("English".parse::<Taal>().unwrap(), Taal::En);
/// assert!("fr".parse::<Taal>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Taal {
    /// Dutch.
    Nl,
    /// English.
    #[default]
    En,
}

impl Taal {
    /// The two-letter code (`nl`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Taal::Nl => "nl",
            Taal::En => "en",
        }
    }
}

impl fmt::Display for Taal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language that is neither Dutch nor English.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language '{0}'; expected nl (Nederlands) or en (English)")]
pub struct UnknownTaal(pub String);

impl FromStr for Taal {
    type Err = UnknownTaal;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "nl" | "nederlands" | "dutch" => Ok(Taal::Nl),
            "en" | "engels" | "english" => Ok(Taal::En),
            _ => Err(UnknownTaal(s.to_string())),
        }
    }
}
