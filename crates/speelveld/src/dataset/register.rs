//! The register of the embedded years, built once.

use std::sync::{Arc, OnceLock};

use super::embedded;
use crate::io::herindeling::read_herindeling;
use crate::model::GemeenteRegister;
use crate::model::herindeling::Flag;

/// The gemeente codes and names of every embedded year ([`embedded::YEARS`]), read once per
/// process from the embedded tables. A year whose table cannot be read is left out (the
/// embedded tables are tested to read).
///
/// # Examples
/// ```
/// let r = speelveld::dataset::embedded_register();
/// assert_eq!(r.years().collect::<Vec<_>>(), vec![2015, 2025]);
/// assert_eq!(r.gemeenten(2015).count(), 393);
/// ```
pub fn embedded_register() -> Arc<GemeenteRegister> {
    static REGISTER: OnceLock<Arc<GemeenteRegister>> = OnceLock::new();
    REGISTER
        .get_or_init(|| {
            let mut r = GemeenteRegister::default();
            for y in embedded::YEARS {
                if let Ok(g) = embedded::gemeenten(y) {
                    r.add_year(y, g);
                }
            }
            // Where the gemeenten of one embedded year went by the next.
            for (from, to) in embedded::YEARS.iter().zip(embedded::YEARS.iter().skip(1)) {
                let table = embedded::herindeling_table(*from, *to);
                let Some(Ok(h)) = table.map(|t| read_herindeling(t.name, t.text)) else {
                    continue;
                };
                r.add_successors(
                    *from,
                    *to,
                    h.pairs
                        .into_iter()
                        .filter(|p| matches!(p.flag, Flag::Merger | Flag::Split | Flag::Recoded))
                        .map(|p| (p.old, p.new, p.share, p.date)),
                );
            }
            Arc::new(r)
        })
        .clone()
}
