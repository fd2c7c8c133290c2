//! Notes: what loading noticed and handled without stopping (a repaired ring, a dropped
//! sliver, a unit without figures), each with the file it is about and its kind, so a
//! caller can show, count or filter them without reading their text.

use std::fmt;

use serde::Serialize;

/// What a note is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// An invalid geometry was repaired (its area before and after are in the text).
    RepairedGeometry,
    /// Rings whose first and last positions differ were closed.
    ClosedRings,
    /// Several features with one region code were joined into one region.
    JoinedFeatures,
    /// Units and regions in different CRSs were compared in RD New.
    Reprojected,
    /// How a GIS file was read where the file itself did not say: a CRS taken from the
    /// coordinates, the text encoding of a `.dbf`, a record marked deleted.
    GisFile,
    /// Pieces of units too small to count were dropped in spatial assignment.
    Slivers,
    /// A unit was assigned wholly although part of it lies in other regions or none.
    BoundaryNoise,
    /// A unit lies only partly in the regions it was assigned to; its shares were scaled.
    PartlyCovered,
    /// Region polygons overlap, or a region is given twice.
    OverlappingRegions,
    /// Rows of a figures file without a unit, or units without a row.
    Figures,
    /// A unit was found by another name than its own (`Den Haag` for `'s-Gravenhage`).
    OtherName,
    /// A column was taken by its content, no header naming it (`gemeentCode`).
    ColumnByContent,
    /// How a workbook was read: the sheet taken, title rows above the header, a file whose
    /// name says text but whose content is a workbook.
    Workbook,
    /// A layout of a user's file took the place of an embedded layout of the same name.
    ReplacedLayout,
}

impl NoteKind {
    /// True for kinds that repeat once per unit or feature (one line can stand for all of
    /// them); false for kinds whose every note says something else.
    pub fn repeats(self) -> bool {
        matches!(
            self,
            NoteKind::RepairedGeometry
                | NoteKind::ClosedRings
                | NoteKind::JoinedFeatures
                | NoteKind::BoundaryNoise
                | NoteKind::PartlyCovered
                | NoteKind::OtherName
        )
    }

    /// What notes of this kind are about, in a few words (`repaired geometries`).
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::RepairedGeometry => "repaired geometries",
            NoteKind::ClosedRings => "rings closed",
            NoteKind::JoinedFeatures => "features joined into one region",
            NoteKind::Reprojected => "CRS differences",
            NoteKind::GisFile => "how GIS files were read",
            NoteKind::Slivers => "slivers dropped",
            NoteKind::BoundaryNoise => "units assigned wholly despite boundary noise",
            NoteKind::PartlyCovered => "units only partly covered",
            NoteKind::Figures => "notes on figures",
            NoteKind::OverlappingRegions => "overlapping regions",
            NoteKind::OtherName => "units found by another name",
            NoteKind::ColumnByContent => "columns found by their content",
            NoteKind::Workbook => "how workbooks were read",
            NoteKind::ReplacedLayout => "embedded layouts replaced by your files",
        }
    }
}

/// One note of loading.
///
/// # Examples
/// ```
/// use speelveld::model::note::{Note, NoteKind};
/// let n = Note::new("jz.geojson", NoteKind::ClosedRings, "feature 3 (JZ03): 1 ring(s) not closed; closed them");
/// assert_eq!(n.to_string(), "jz.geojson: feature 3 (JZ03): 1 ring(s) not closed; closed them");
/// assert!(!n.embedded);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// The file it is about, as it was given (or the name of an embedded file).
    pub file: String,
    /// True for the embedded dataset's own files, whose notes are documented in its README.
    pub embedded: bool,
    /// What kind of note.
    pub kind: NoteKind,
    /// What was noticed and done, naming the feature, line or unit.
    pub text: String,
}

impl Note {
    /// A note about a user's file.
    pub fn new(file: impl Into<String>, kind: NoteKind, text: impl Into<String>) -> Note {
        Note {
            file: file.into(),
            embedded: false,
            kind,
            text: text.into(),
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.text)
    }
}
