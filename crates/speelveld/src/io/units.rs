//! Attaching the rows of the membership, wide-table and SWV readers to the units of the atlas,
//! through [`UnitLookup`], so all of them do it the same way.

use crate::model::layout::AliasedName;
use crate::model::{
    Layout, Member, NameMatch, RegionCode, RegionIdx, SourceName, UnitLookup, Unresolved,
};

/// Header names accepted for a column with the unit's name next to its code.
pub const UNIT_NAME_COLUMNS: &[&str] = &[
    "statnaam",
    "gemeentenaam",
    "gemeente_naam",
    "unit_name",
    "gemeente",
];

/// Attaches one row of a reader: the unit the cell names joins region `region` (index
/// `region_idx`) with `share`, or, when the cell matches no unit, the row is kept as an
/// [`Unresolved`] row of the layout with its origin and the reason.
pub(crate) struct Attach<'r> {
    /// The cell naming the unit.
    pub cell: &'r str,
    /// The unit's name in the row's name column, or `""`.
    pub unit_name: &'r str,
    /// The region code of the row.
    pub region: RegionCode,
    /// The region's index in the layout.
    pub region_idx: RegionIdx,
    /// The unit's share.
    pub share: f64,
    /// Where the row came from (`file:line`).
    pub origin: String,
}

impl UnitLookup<'_> {
    /// See [`Attach`].
    pub(crate) fn attach(&self, row: Attach, layout: &mut Layout, members: &mut Vec<Member>) {
        match self.resolve_how(row.cell) {
            Ok((unit, how)) => {
                if let Some(how @ (NameMatch::Alias | NameMatch::Qualifier)) = how {
                    layout.aliased.push(AliasedName {
                        unit,
                        written: row.cell.trim().to_string(),
                        how,
                        origin: row.origin.clone(),
                    });
                }
                if !row.unit_name.is_empty() {
                    layout.source_names.push(SourceName {
                        unit,
                        name: row.unit_name.to_string(),
                        origin: row.origin.clone(),
                    });
                }
                members.push(Member {
                    unit,
                    region: row.region_idx,
                    share: row.share,
                })
            }
            Err(reason) => layout.unresolved.push(Unresolved {
                origin: row.origin,
                unit: row.cell.to_string(),
                region: row.region,
                reason,
                outside: false,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Atlas, GemeenteCode};
    use crate::model::{Pc4, Unit};

    #[test]
    fn codes_names_and_postcodes() {
        let mut a = Atlas::new(None);
        a.add_unit(Unit::new(
            "GM0820".parse::<GemeenteCode>().unwrap(),
            "Nuenen, Gerwen en Nederwetten",
        ))
        .unwrap();
        a.add_unit(Unit::new(
            "GM0373".parse::<GemeenteCode>().unwrap(),
            "Bergen (NH.)",
        ))
        .unwrap();
        a.add_unit(Unit::new(
            "GM0893".parse::<GemeenteCode>().unwrap(),
            "Bergen (L.)",
        ))
        .unwrap();
        let l = UnitLookup::new(&a);
        assert_eq!(l.resolve("Nuenen. Gerwen en Nederwetten"), Ok(0));
        assert_eq!(l.resolve("bergen (nh)"), Ok(1));
        // An ambiguous name lists the units it fits (it said "neither a code nor a name").
        assert_eq!(
            l.resolve("Bergen").unwrap_err(),
            "the name 'Bergen' fits 2 units (GM0373 Bergen (NH.), GM0893 Bergen (L.)); \
             expected a code or the full name"
        );
        a.add_unit(Unit::new(
            "GM0888".parse::<GemeenteCode>().unwrap(),
            "Beek (L.)",
        ))
        .unwrap();
        let l = UnitLookup::new(&a);
        assert_eq!(l.resolve("Beek"), Ok(3));
        assert!(l.resolve("Bergen").is_err());
        assert!(l.resolve("Amsterdam").is_err());
        let mut p = Atlas::new(None);
        p.add_unit(Unit::new("1011".parse::<Pc4>().unwrap(), "Amsterdam"))
            .unwrap();
        let l = UnitLookup::new(&p);
        assert_eq!(l.resolve("1011"), Ok(0));
        assert!(
            l.resolve("1012")
                .unwrap_err()
                .contains("unknown unit code 1012")
        );
    }
}
