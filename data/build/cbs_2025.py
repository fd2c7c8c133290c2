#!/usr/bin/env python3
"""Build the four extra CBS 2025 layouts of the embedded dataset, and its repaired gemeenten.

    python3 data/build/cbs_2025.py SOURCE_DIR

SOURCE_DIR holds the CBS/Kadaster 2025 layers (generalised, WGS84, 3 decimals, as published
in the `cartomap/nl` `wgs84/` folder): `rmcregio.geojson` (source name
`regionaalmeld_coordinatiepunt_2025`), `veiligheidsregio.geojson`, `zorgkantoorregio.geojson`
and `veiligthuisregio.geojson`, and `gemeente.geojson`. The script writes, under `data/cbs/2025/` of this repository:

- `gemeente.geojson`: the gemeenten, repaired like the regions below (GM0293 Westervoort and
  GM1676 Schouwen-Duiveland are invalid in the source; a sliver of no area is dropped).
- `{layer}.geojson`: the region polygons for maps. The source layers are already generalised
  and about 40 KB each (like `jeugdzorgregio.geojson`), so they are not simplified further:
  a valid feature is copied byte for byte; an invalid one (each Zeeland region has a
  self-intersection at 3.869, 51.596) gets the polygonal part of shapely's `make_valid`
  (method "structure": same area, holes kept),
  rounded to 3 decimals and checked to be valid after rounding.
- `gemeente_regions_spatial.csv`: four column pairs `{layer}_code,{layer}_name` appended to
  every row; the existing columns stay byte-identical. Each of the 342 embedded gemeenten
  (`data/cbs/2025/gemeente.geojson`) goes to the region holding the largest share of its area
  (gemeente and regions repaired with `make_valid` first). This is checked against the region
  that covers the gemeente's representative point; disagreements are printed. Every region
  must get at least one gemeente.

Running it twice gives the same files. It is a build tool (python3 with shapely 2), not a
dependency of speelveld. Data: CBS/Kadaster, CC BY 4.0, "Bron: CBS/Kadaster".
"""

import csv
import io
import json
import pathlib
import sys

from shapely import make_valid
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

LAYERS = ["rmcregio", "veiligheidsregio", "zorgkantoorregio", "veiligthuisregio"]
COUNTS = {"rmcregio": 40, "veiligheidsregio": 25, "zorgkantoorregio": 31, "veiligthuisregio": 25}
REPO = pathlib.Path(__file__).resolve().parents[2]
OUT = REPO / "data" / "cbs" / "2025"


def polygonal(g):
    """The polygonal part of a geometry (make_valid may add lines or points)."""
    if isinstance(g, (Polygon, MultiPolygon)):
        return g
    parts = []
    for p in getattr(g, "geoms", []):
        if isinstance(p, Polygon):
            parts.append(p)
        elif isinstance(p, MultiPolygon):
            parts.extend(p.geoms)
    return MultiPolygon(parts)


def repaired(g):
    """A valid geometry for an invalid one. The "structure" method keeps holes as holes: the
    default "linework" method fills the Oosterschelde hole of MC31, whose ring touches the shell
    at the self-intersection. The area (shell minus holes) must not change."""
    if g.is_valid:
        return g
    fixed = polygonal(make_valid(g, method="structure"))
    assert fixed.is_valid and abs(fixed.area - g.area) < 1e-7, (g.area, fixed.area)
    return fixed


def rounded(coords):
    if isinstance(coords[0], (int, float)):
        return [round(c, 3) for c in coords]
    return [rounded(c) for c in coords]


def dedup_ring(ring):
    out = []
    for p in ring:
        if not out or out[-1] != p:
            out.append(p)
    return out


def geometry_json(g):
    """A repaired geometry as GeoJSON with coordinates rounded to 3 decimals."""
    m = mapping(g)
    coords = rounded(json.loads(json.dumps(m["coordinates"])))
    if m["type"] == "Polygon":
        coords = [dedup_ring(r) for r in coords]
    else:
        coords = [[dedup_ring(r) for r in poly] for poly in coords]
        # A sliver of no area that make_valid splits off (Westervoort's pinch point) is
        # fewer than four points once rounded: not a ring, dropped.
        coords = [poly for poly in coords if len(poly[0]) >= 4]
    if m["type"] == "MultiPolygon" and len(coords) == 1:
        return {"type": "Polygon", "coordinates": coords[0]}
    return {"type": m["type"], "coordinates": coords}


def feature_lines(text):
    """The feature lines of a one-feature-per-line FeatureCollection, and its head and tail."""
    lines = text.split("\n")
    head, body = lines[0], lines[1:]
    assert head.startswith('{"type":"FeatureCollection"'), head[:60]
    assert body[-1] == "]}", body[-1]
    feats = body[:-1]
    return head, feats


def write_layer(src_dir, layer):
    """Writes data/cbs/2025/{layer}.geojson; returns [(code, name, geometry)] and the notes."""
    text = (src_dir / f"{layer}.geojson").read_text(encoding="utf-8")
    head, feats = feature_lines(text)
    out, regions, notes = [], [], []
    for i, line in enumerate(feats):
        stripped = line[:-1] if line.endswith(",") else line
        f = json.loads(stripped)
        g = shape(f["geometry"])
        code, name = f["properties"]["statcode"], f["properties"]["statnaam"]
        if g.is_valid:
            out.append(stripped)
            regions.append((code, name, g))
            continue
        fixed = repaired(g)
        gj = geometry_json(fixed)
        g2 = shape(gj)
        assert g2.is_valid, f"{layer} {code}: still invalid after rounding"
        assert abs(g2.area - fixed.area) < 1e-6, (layer, code, g2.area, fixed.area)
        notes.append(
            f"{layer} {code} {name}: invalid in the source, repaired with make_valid "
            f"({g.geom_type} → {g2.geom_type}, area {g.area:.6f} → {g2.area:.6f} deg²)"
        )
        f["geometry"] = gj
        out.append(json.dumps(f, ensure_ascii=False, separators=(",", ":")))
        regions.append((code, name, g2))
    body = ",\n".join(out)
    (OUT / f"{layer}.geojson").write_text(f"{head}\n{body}\n]}}", encoding="utf-8")
    return regions, notes


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    src_dir = pathlib.Path(sys.argv[1])
    # The gemeenten first: two of them (GM0293 Westervoort, GM1676 Schouwen-Duiveland) have a
    # self-intersecting ring in the source; the embedded copy is repaired once, here, so that
    # speelveld loads it without a warning.
    _, notes = write_layer(src_dir, "gemeente")
    for n in notes:
        print(n)
    gem = json.loads((OUT / "gemeente.geojson").read_text(encoding="utf-8"))
    gemeenten = {}
    for f in gem["features"]:
        gemeenten[f["properties"]["statcode"]] = repaired(shape(f["geometry"]))
    assert len(gemeenten) == 342, len(gemeenten)

    table_path = OUT / "gemeente_regions_spatial.csv"
    raw = table_path.read_bytes().decode("utf-8")
    lines = raw.split("\r\n")
    assert lines[-1] == "", "the table ends in CRLF"
    lines = lines[:-1]
    header = lines[0].split(",")
    n_old = 8
    assert header[:2] == ["statcode", "statnaam"], header
    # Rerunning: drop the columns this script added before.
    rows = list(csv.reader(lines))
    keep = [next(csv.reader([lines[0]]))[:n_old]]
    keep_lines = [",".join(keep[0])]
    for line, r in zip(lines[1:], rows[1:]):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="").writerow(r[:n_old])
        keep_lines.append(buf.getvalue())
        if len(r) == n_old:
            assert buf.getvalue() == line, line
    codes = [r[0] for r in rows[1:]]
    assert sorted(codes) == sorted(gemeenten), "table and gemeente.geojson differ"

    new_cols = {c: [] for c in codes}
    disagreements, low_shares = [], []
    for layer in LAYERS:
        regions, notes = write_layer(src_dir, layer)
        for n in notes:
            print(n)
        assert len(regions) == COUNTS[layer], (layer, len(regions))
        used = set()
        for c in codes:
            g = gemeenten[c]
            shares = sorted(
                ((g.intersection(rg).area / g.area, rc, rn) for rc, rn, rg in regions),
                reverse=True,
            )
            share, rc, rn = shares[0]
            pt = g.representative_point()
            holding = [r for r, _, rg in regions if rg.covers(pt)]
            if holding != [rc]:
                disagreements.append(
                    f"{layer} {c} {gem_name(gem, c)}: area share {rc} ({share:.3f}), "
                    f"representative point {'/'.join(holding) or 'none'}"
                )
            if share < 0.95:
                low_shares.append(f"{layer} {c} {gem_name(gem, c)} {rc} {share:.3f}")
            used.add(rc)
            new_cols[c] += [rc, rn]
        missing = [rc for rc, _, _ in regions if rc not in used]
        assert not missing, f"{layer}: regions without a gemeente: {missing}"
        print(f"{layer}: {len(regions)} regions, all hold at least one of {len(codes)} gemeenten")

    out = [keep_lines[0] + "," + ",".join(f"{l}_code,{l}_name" for l in LAYERS)]
    for line, c in zip(keep_lines[1:], codes):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="").writerow(new_cols[c])
        out.append(line + "," + buf.getvalue())
    table_path.write_bytes(("\r\n".join(out) + "\r\n").encode("utf-8"))

    print(f"gemeenten with less than 95% of their area in their region: {len(low_shares)}")
    for s in low_shares:
        print("  " + s)
    print(f"disagreements between area share and representative point: {len(disagreements)}")
    for d in disagreements:
        print("  " + d)


def gem_name(gem, code):
    for f in gem["features"]:
        if f["properties"]["statcode"] == code:
            return f["properties"]["statnaam"]
    return "?"


if __name__ == "__main__":
    main()
