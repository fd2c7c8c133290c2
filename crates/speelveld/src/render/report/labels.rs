//! How regions and clusters are named in the report's text and tables.

use crate::analysis::clusters::Clusters;

/// A region as people read it: its name where the name carries the code's number
/// (`SWV PO 23-05` for PO2305), else code and name (`JZ07 IJsselland`).
pub(crate) fn region_label(code: &str, name: &str) -> String {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    if name.is_empty() {
        code.to_string()
    } else if !digits(code).is_empty() && digits(name) == digits(code) {
        name.to_string()
    } else {
        format!("{code} {name}")
    }
}

/// The name of a cluster from the names of the regions in its name (`PO2806 + VO2810`
/// → their names), falling back to the codes.
pub(crate) fn cluster_name(c: &Clusters, cluster: usize, name: &str) -> String {
    name.split(" + ")
        .map(|code| {
            c.regions
                .iter()
                .find(|r| r.cluster == cluster && r.region == code)
                .filter(|r| !r.name.is_empty())
                .map_or(code.to_string(), |r| region_label(code, &r.name))
        })
        .collect::<Vec<_>>()
        .join(" + ")
}
