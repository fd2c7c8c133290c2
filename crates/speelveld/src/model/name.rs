//! Names of units as people spell them: one key for spellings that differ only in
//! diacritics, case, punctuation and spaces, and CBS's qualifiers (`Beek (L.)`).

/// A name reduced for matching across sources: diacritics folded (`ú` → `u`), letters
/// lowercased, and everything but letters and digits dropped. "Sudwest Fryslan" and
/// "Súdwest-Fryslân" give the same key, and so do "Nuenen, Gerwen en Nederwetten" and
/// "Nuenen. Gerwen en Nederwetten".
///
/// # Examples
/// ```
/// use speelveld::model::name::name_key;
/// assert_eq!(name_key("Súdwest-Fryslân"), name_key("Sudwest Fryslan"));
/// assert_eq!(name_key("'s-Gravenhage"), "sgravenhage");
/// assert_eq!(name_key("Bergen (NH.)"), "bergennh");
/// ```
pub fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let folded = fold_diacritic(c);
        let mut push = |l: char| {
            if l.is_alphanumeric() {
                out.extend(l.to_lowercase());
            }
        };
        if folded.is_empty() {
            push(c);
        } else {
            folded.chars().for_each(&mut push);
        }
    }
    out
}

/// Folds the accented lowercase Latin letters used in Dutch, Frisian and neighbouring
/// languages to their base letters; other characters give `""` (kept as they are by the caller).
fn fold_diacritic(c: char) -> &'static str {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => "i",
        'ĳ' => "ij",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ß' => "ss",
        'ś' | 'š' => "s",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => "",
    }
}

/// True when two spellings name the same unit: equal after [`name_key`], equal once
/// CBS's qualifier is left off one of them (`Beek` and `Beek (L.)`), or names of one
/// [`ALIASES`] group (`Den Haag` and `'s-Gravenhage`).
///
/// # Examples
/// ```
/// use speelveld::model::name::names_agree;
/// assert!(names_agree("Nuenen. Gerwen en Nederwetten", "Nuenen, Gerwen en Nederwetten"));
/// assert!(names_agree("Beek", "Beek (L.)"));
/// assert!(names_agree("Den Haag", "'s-Gravenhage"));
/// assert!(!names_agree("Amsterdam", "Rotterdam"));
/// ```
pub fn names_agree(a: &str, b: &str) -> bool {
    let (ka, kb) = (name_key(a), name_key(b));
    ka == kb
        || name_key(bare_name(a)) == kb
        || ka == name_key(bare_name(b))
        || aliases_of(a).iter().any(|n| name_key(n) == kb)
}

/// A name without a trailing parenthesised qualifier: `Beek (L.)` → `Beek`.
pub(crate) fn bare_name(name: &str) -> &str {
    let t = name.trim_end();
    match (t.ends_with(')'), t.rfind('(')) {
        (true, Some(i)) if i > 0 => t.get(..i).unwrap_or(t).trim_end(),
        _ => t,
    }
}

/// Names that analysts and sources use for gemeenten besides CBS's own spelling, one group
/// per gemeente (the CBS names of 2015 and 2025 first). A name of a group finds the unit
/// that carries another name of the same group ([`aliases_of`]).
pub const ALIASES: &[&[&str]] = &[
    &["'s-Gravenhage", "Den Haag", "The Hague"],
    &["'s-Hertogenbosch", "Den Bosch", "Hertogenbosch"],
    &["De Fryske Marren", "De Friese Meren"],
    &["Súdwest-Fryslân", "Zuidwest-Friesland", "Sudwest Friesland"],
    &["Noardeast-Fryslân", "Noordoost-Friesland"],
    &["Tytsjerksteradiel", "Tietjerksteradeel"],
    &["Dantumadiel", "Dantumadeel"],
    &["Ferwerderadiel", "Ferwerderadeel"],
    &["Littenseradiel", "Littenseradeel"],
    &["Menameradiel", "Menaldumadeel"],
    &["Leeuwarden", "Ljouwert"],
    &["Nuenen, Gerwen en Nederwetten", "Nuenen", "Nuenen c.a."],
    &["Capelle aan den IJssel", "Capelle a/d IJssel", "Capelle"],
    &["Krimpen aan den IJssel", "Krimpen a/d IJssel"],
    &["Alphen aan den Rijn", "Alphen a/d Rijn"],
    &[
        "Bergen (NH.)",
        "Bergen Noord-Holland",
        "Bergen (Noord-Holland)",
    ],
    &["Bergen (L.)", "Bergen Limburg", "Bergen (Limburg)"],
    &["Hengelo (O.)", "Hengelo Overijssel", "Hengelo (Overijssel)"],
    &[
        "Laren (NH.)",
        "Laren Noord-Holland",
        "Laren (Noord-Holland)",
    ],
    &[
        "Rijswijk (ZH.)",
        "Rijswijk Zuid-Holland",
        "Rijswijk (Zuid-Holland)",
    ],
    &[
        "Middelburg (Z.)",
        "Middelburg Zeeland",
        "Middelburg (Zeeland)",
    ],
];

/// The other names of the alias group a name belongs to ([`ALIASES`], compared with
/// [`name_key`]); empty when it is in none.
///
/// # Examples
/// ```
/// use speelveld::model::name::aliases_of;
/// assert!(aliases_of("den haag").contains(&"'s-Gravenhage"));
/// assert!(aliases_of("De Friese Meren").contains(&"De Fryske Marren"));
/// assert!(aliases_of("Amsterdam").is_empty());
/// ```
pub fn aliases_of(name: &str) -> Vec<&'static str> {
    let key = name_key(name);
    ALIASES
        .iter()
        .filter(|g| g.iter().any(|n| name_key(n) == key))
        .flat_map(|g| g.iter().copied().filter(|n| name_key(n) != key))
        .collect()
}
