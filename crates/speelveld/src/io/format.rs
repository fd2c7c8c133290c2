//! What a file is, told by its content first and its name second: a delimited text table,
//! an Excel or OpenDocument workbook, GeoJSON, TopoJSON, GeoPackage or a Shapefile. A `.csv`
//! that is really an xlsx workbook is read as one; a file whose content is none of the known
//! formats gets a message that says what it is.
//!
//! # Examples
//! ```
//! use speelveld::io::format::FileKind;
//! let kind = FileKind::sniff("regions.csv", b"PK\x03\x04....[Content_Types].xml..xl/workbook.xml");
//! assert_eq!(kind, FileKind::Xlsx);
//! let kind = FileKind::sniff("regions.json", br#"{"type":"Topology","objects":{}}"#);
//! assert_eq!(kind, FileKind::TopoJson);
//! assert_eq!(FileKind::sniff("a.csv", b"gemeentecode;regio\n"), FileKind::Text);
//! ```

use std::path::Path;

use crate::error::Error;

/// The largest input file speelveld reads: 128 MiB. Readers hold a file in memory (a table
/// as rows, a GeoJSON as a document); a larger file is refused with
/// [`Error::TooLarge`] before it is read, never an out-of-memory kill.
pub const MAX_INPUT_BYTES: u64 = 128 * 1024 * 1024;

/// The format of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// A text file: a delimited table (CSV, semicolon, tab) or, when it starts with `{`
    /// (or is named `.geojson`/`.json`), a JSON document; see [`FileKind::GeoJson`].
    Text,
    /// A GeoJSON document (a text file that starts with `{`, or named `.geojson`/`.json`).
    GeoJson,
    /// A TopoJSON topology (`"type": "Topology"`).
    TopoJson,
    /// An Excel 2007+ workbook (a zip archive with `xl/`).
    Xlsx,
    /// An Excel 97–2003 workbook (an OLE compound file).
    Xls,
    /// An OpenDocument spreadsheet (a zip archive of `application/vnd.oasis.opendocument.spreadsheet`).
    Ods,
    /// A GeoPackage (an SQLite database).
    GeoPackage,
    /// The `.shp` of a Shapefile (file code 9994).
    Shapefile,
    /// A zip archive that is none of the above (a zipped Shapefile, a download bundle).
    Zip,
    /// Another binary file (a PDF, an image, …): not something speelveld reads.
    OtherBinary(&'static str),
}

impl FileKind {
    /// Tells the kind of a file from its first bytes and, where the content does not tell
    /// (an empty file, a truncated JSON), from its name.
    pub fn sniff(name: &str, bytes: &[u8]) -> FileKind {
        let ext = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let head = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
        if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
            if contains(
                head,
                b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
            ) {
                return FileKind::Ods;
            }
            // The xlsx parts are named in the central directory at the end of the archive:
            // look there too.
            let tail = bytes
                .get(bytes.len().saturating_sub(64 * 1024)..)
                .unwrap_or(bytes);
            if contains(head, b"xl/") || contains(tail, b"xl/workbook") {
                return FileKind::Xlsx;
            }
            return match ext.as_deref() {
                Some("xlsx" | "xlsm") => FileKind::Xlsx,
                Some("ods") => FileKind::Ods,
                _ => FileKind::Zip,
            };
        }
        if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return FileKind::Xls;
        }
        if head.starts_with(b"SQLite format 3\0") {
            return FileKind::GeoPackage;
        }
        if head.starts_with(&[0x00, 0x00, 0x27, 0x0A]) {
            return FileKind::Shapefile;
        }
        if head.starts_with(b"%PDF") {
            return FileKind::OtherBinary("a PDF document");
        }
        if head.starts_with(b"\x89PNG") || head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return FileKind::OtherBinary("an image");
        }
        if head.starts_with(&[0x1F, 0x8B]) {
            return FileKind::OtherBinary("a gzip archive (unpack it first)");
        }
        let text_start = strip_bom(head);
        let trimmed = trim_ascii_start(text_start);
        if trimmed.starts_with(b"{") {
            if is_topology(trimmed) {
                return FileKind::TopoJson;
            }
            return FileKind::GeoJson;
        }
        let blank = trimmed.is_empty() && text_start.len() == head.len();
        match ext.as_deref() {
            Some("geojson" | "json") => FileKind::GeoJson,
            Some("topojson") => FileKind::TopoJson,
            // An empty GeoPackage or .shp gets the message of its format.
            Some("gpkg") if blank => FileKind::GeoPackage,
            Some("shp") if blank => FileKind::Shapefile,
            _ => FileKind::Text,
        }
    }

    /// What the kind is called in messages (`an Excel workbook (xlsx)`).
    pub fn describe(self) -> &'static str {
        match self {
            FileKind::Text => "a text table",
            FileKind::GeoJson => "a GeoJSON document",
            FileKind::TopoJson => "a TopoJSON topology",
            FileKind::Xlsx => "an Excel workbook (xlsx)",
            FileKind::Xls => "an Excel 97-2003 workbook (xls)",
            FileKind::Ods => "an OpenDocument spreadsheet (ods)",
            FileKind::GeoPackage => "a GeoPackage (SQLite)",
            FileKind::Shapefile => "a Shapefile (.shp)",
            FileKind::Zip => "a zip archive (unpack it first)",
            FileKind::OtherBinary(what) => what,
        }
    }

    /// True for the kinds read as text (tables, GeoJSON, TopoJSON).
    pub fn is_text(self) -> bool {
        matches!(
            self,
            FileKind::Text | FileKind::GeoJson | FileKind::TopoJson
        )
    }

    /// True for spreadsheet workbooks (xlsx, xls, ods).
    pub fn is_workbook(self) -> bool {
        matches!(self, FileKind::Xlsx | FileKind::Xls | FileKind::Ods)
    }
}

/// True when a JSON text's top-level `"type"` is `"Topology"` (looked for in its first
/// bytes, where GDAL, mapshaper and topojson-server write it).
fn is_topology(json_head: &[u8]) -> bool {
    let squeezed: Vec<u8> = json_head
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    contains(&squeezed, br#""type":"Topology""#)
}

fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(b)
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    b.get(n..).unwrap_or_default()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Reads a whole file as bytes, refusing one larger than [`MAX_INPUT_BYTES`] before it is
/// read ([`Error::TooLarge`]). Errors name the file.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let label = path.display().to_string();
    let io = |source| Error::Io {
        path: label.clone(),
        source,
    };
    let too_large = |size: u64| Error::TooLarge {
        path: label.clone(),
        size_mib: size.div_ceil(1024 * 1024),
        limit_mib: MAX_INPUT_BYTES / (1024 * 1024),
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_INPUT_BYTES {
        return Err(too_large(size));
    }
    // The size may grow while reading (or be unknown for a pipe): read at most one byte
    // past the limit.
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The error for a file whose kind the reader at hand does not take: names the file, what
/// it is, and what was expected.
pub fn wrong_kind(path: &str, kind: FileKind, expected: &str) -> Error {
    Error::Format {
        path: path.to_string(),
        found: kind.describe().to_string(),
        expected: expected.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_over_the_name() {
        assert_eq!(
            FileKind::sniff("x.csv", b"SQLite format 3\0rest"),
            FileKind::GeoPackage
        );
        assert_eq!(
            FileKind::sniff("x.geojson", b"\xEF\xBB\xBF { \"type\" : \"Topology\" }"),
            FileKind::TopoJson
        );
        assert_eq!(
            FileKind::sniff("x.txt", b"{\"type\":\"FeatureCollection\"}"),
            FileKind::GeoJson
        );
        assert_eq!(
            FileKind::sniff(
                "x.csv",
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]
            ),
            FileKind::Xls
        );
        assert_eq!(
            FileKind::sniff("x.dat", &[0, 0, 0x27, 0x0A, 0, 0]),
            FileKind::Shapefile
        );
        assert_eq!(
            FileKind::sniff("x.csv", b"%PDF-1.7"),
            FileKind::OtherBinary("a PDF document")
        );
        assert_eq!(
            FileKind::sniff("x.zip", b"PK\x03\x04shapes/a.shp"),
            FileKind::Zip
        );
    }

    #[test]
    fn an_empty_file_is_told_by_its_name() {
        assert_eq!(FileKind::sniff("x.geojson", b""), FileKind::GeoJson);
        assert_eq!(FileKind::sniff("x.topojson", b"  "), FileKind::TopoJson);
        assert_eq!(FileKind::sniff("x.csv", b""), FileKind::Text);
        assert_eq!(FileKind::sniff("x.gpkg", b""), FileKind::GeoPackage);
        assert_eq!(FileKind::sniff("x.shp", b""), FileKind::Shapefile);
        assert_eq!(FileKind::sniff("x.gpkg", b"a,b\n"), FileKind::Text);
    }

    #[test]
    fn wrong_kind_names_file_kind_and_expectation() {
        let e = wrong_kind("a.csv", FileKind::Zip, "a membership table").to_string();
        assert_eq!(
            e,
            "a.csv: the file is a zip archive (unpack it first); expected a membership table"
        );
    }
}
