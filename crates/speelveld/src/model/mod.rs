//! The data model: codes, units, regions, layouts and the atlas that holds them.

pub mod atlas;
pub mod code;
pub mod columns;
pub mod epsg;
pub mod herindeling;
pub mod layout;
pub mod name;
pub mod note;
pub mod polygon_layer;
pub mod register;
pub mod taal;
pub mod table;
pub mod unit;
pub mod unit_lookup;
pub mod values;
pub mod weight;

pub use atlas::{Atlas, Crs};
pub use code::{CodeError, GemeenteCode, Pc4, RegionCode, UnitCode};
pub use epsg::Epsg;
pub use layout::{
    Layout, Member, NameClash, PartOutline, Region, RegionIdx, SourceName, UnitIdx, Unresolved,
};
pub use note::{Note, NoteKind};
pub use polygon_layer::{PolygonFeature, PolygonLayer};
pub use register::{GemeenteRegister, Successor};
pub use taal::Taal;
pub use table::{Table, Tabular};
pub use unit::Unit;
pub use unit_lookup::{NameMatch, UnitLookup};
pub use weight::Weight;
