//! What each unit of an atlas weighs in a weighted answer (see [`Weight`]).

use crate::error::Error;
use crate::geometry::area_km2;
use crate::model::{Atlas, UnitIdx, Weight};

/// The weight of one unit: 1, its area in km², or its figure. A unit without the figure
/// (or, for [`Weight::Area`], without geometry) is an error naming the unit.
///
/// # Examples
/// ```
/// use speelveld::{Atlas, GemeenteCode, Unit, Weight};
/// use speelveld::analysis::weights::unit_weight;
/// let mut atlas = Atlas::new(Some(2025));
/// let mut u = Unit::new("GM0363".parse::<GemeenteCode>().unwrap(), "Amsterdam");
/// u.figures.insert("inwoners".into(), 918_117.0);
/// atlas.add_unit(u).unwrap();
/// assert_eq!(unit_weight(&atlas, 0, &Weight::Units).unwrap(), 1.0);
/// assert_eq!(unit_weight(&atlas, 0, &Weight::Figure("inwoners".into())).unwrap(), 918_117.0);
/// assert!(unit_weight(&atlas, 0, &Weight::Area).unwrap_err().to_string().contains("GM0363"));
/// ```
pub fn unit_weight(atlas: &Atlas, unit: UnitIdx, weight: &Weight) -> Result<f64, Error> {
    let u = atlas.units().get(unit).ok_or(Error::UnitIndex(unit))?;
    match weight {
        Weight::Units => Ok(1.0),
        Weight::Figure(name) => match u.figure(name) {
            None => Err(Error::MissingFigure {
                figure: name.clone(),
                unit: format!("{} {}", u.code, u.name),
            }),
            Some(v) if v < 0.0 => Err(Error::NegativeWeight {
                figure: name.clone(),
                unit: format!("{} {}", u.code, u.name),
                value: v,
            }),
            Some(v) => Ok(v),
        },
        Weight::Area => u
            .geometry
            .as_ref()
            .map(|g| area_km2(g, atlas.crs))
            .ok_or_else(|| Error::MissingGeometry {
                unit: format!("{} {}", u.code, u.name),
            }),
    }
}

/// The weights of all units of an atlas, in unit order.
pub fn unit_weights(atlas: &Atlas, weight: &Weight) -> Result<Vec<f64>, Error> {
    (0..atlas.units().len())
        .map(|i| unit_weight(atlas, i, weight))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::embedded::atlas;

    #[test]
    fn area_weights_sum_to_the_land_and_water_of_the_country() {
        let a = atlas(None).unwrap();
        let total: f64 = unit_weights(&a, &Weight::Area).unwrap().iter().sum();
        // CBS: the Netherlands is 41,543 km² with water, about 35,000 without the large
        // waters; the generalised gemeenten cover the land and inland water.
        assert!((30_000.0..42_000.0).contains(&total), "{total}");
        assert_eq!(unit_weights(&a, &Weight::Units).unwrap().len(), 342);
    }
}
