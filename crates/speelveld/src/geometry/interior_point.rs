//! Whole-unit assignment by interior point: each unit goes to the region polygon that
//! contains a point guaranteed to lie inside the unit.

use geo::{Contains, InteriorPoint};

use crate::error::Error;
use crate::model::{Atlas, Layout, Member, PolygonLayer, RegionCode, Unresolved};

/// Assigns each unit, whole, to the region polygon that contains the unit's interior point
/// (a point guaranteed to lie inside the unit). For layouts of whole gemeenten whose layers
/// were generalised separately, this gives the true region where an area share would not.
/// A unit without geometry, or whose point lies in no region, becomes an unresolved row.
pub fn assign_by_interior_point(
    atlas: &Atlas,
    path: &str,
    layer: &PolygonLayer,
    name: &str,
) -> Result<Layout, Error> {
    let mut l = Layout::new(name);
    l.whole_units = true;
    let mut regions = Vec::with_capacity(layer.features.len());
    for f in &layer.features {
        let code: RegionCode = f.code.parse().map_err(|e| Error::GeoJson {
            path: path.into(),
            feature: format!("feature {} ({})", f.index + 1, f.code),
            message: format!("{e}"),
        })?;
        regions.push(l.add_region(code, f.name.clone()));
    }
    let mut members = Vec::new();
    for (i, u) in atlas.units().iter().enumerate() {
        let point = u.geometry.as_ref().and_then(|g| g.interior_point());
        let hit = point.and_then(|p| {
            layer
                .features
                .iter()
                .zip(&regions)
                .find(|(f, _)| f.geometry.contains(&p))
                .map(|(_, &r)| r)
        });
        match hit {
            Some(region) => members.push(Member {
                unit: i,
                region,
                share: 1.0,
            }),
            None => {
                if let Some(region) = l.regions().first().map(|r| r.code.clone()) {
                    l.unresolved.push(Unresolved {
                        origin: format!("{} {}", u.code, u.name),
                        unit: u.code.to_string(),
                        region,
                        reason: format!(
                            "the interior point of {} lies in no {name} polygon",
                            u.name
                        ),
                        outside: true,
                    });
                }
            }
        }
    }
    l.extend_members(members);
    Ok(l)
}
