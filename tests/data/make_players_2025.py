#!/usr/bin/env python3
"""Make `tests/data/players_2025.csv`: an independent check of the four CBS 2025 layouts that
speelveld embeds from `data/cbs/2025/gemeente_regions_spatial.csv`.

    python3 tests/data/make_players_2025.py SOURCE_DIR

SOURCE_DIR holds the CBS/Kadaster 2025 source layers (generalised, WGS84): `gemeente.geojson`,
`rmcregio.geojson`, `veiligheidsregio.geojson`, `zorgkantoorregio.geojson`,
`veiligthuisregio.geojson`. For each gemeente, shapely's `representative_point()` of its
polygon (a point inside it) is tested with `covers` against every region of each layer, on
the source polygons as published (no repair, no rounding, no area shares): unlike the build
script `data/build/cbs_2025.py`, which assigns by largest area share. Each point must lie in
exactly one region. The gemeenten where the result differs from the embedded table are
printed: the test `tests/cli_players_2025.rs` allows exactly those.

python3 with shapely 2; a build tool, not a dependency of speelveld.
Data: CBS/Kadaster 2025, CC BY 4.0, "Bron: CBS/Kadaster".
"""

import csv
import json
import pathlib
import sys

from shapely.geometry import shape

LAYERS = ["rmcregio", "veiligheidsregio", "zorgkantoorregio", "veiligthuisregio"]
REPO = pathlib.Path(__file__).resolve().parents[2]


def features(path):
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    src = pathlib.Path(sys.argv[1])
    gemeenten = [
        (f["properties"]["statcode"], f["properties"]["statnaam"], shape(f["geometry"]))
        for f in features(src / "gemeente.geojson")
    ]
    rows = {c: [c, n] for c, n, _ in gemeenten}
    for layer in LAYERS:
        regions = [
            (f["properties"]["statcode"], shape(f["geometry"]))
            for f in features(src / f"{layer}.geojson")
        ]
        used = set()
        for code, name, g in gemeenten:
            pt = g.representative_point()
            holding = [rc for rc, rg in regions if rg.covers(pt)]
            assert len(holding) == 1, (layer, code, name, holding)
            rows[code].append(holding[0])
            used.add(holding[0])
        print(f"{layer}: {len(regions)} regions, {len(used)} used")
    out = REPO / "tests" / "data" / "players_2025.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["statcode", "statnaam"] + LAYERS)
        for code in sorted(rows):
            w.writerow(rows[code])

    table = REPO / "data" / "cbs" / "2025" / "gemeente_regions_spatial.csv"
    embedded = {r["statcode"]: r for r in csv.DictReader(table.open(encoding="utf-8"))}
    disagreements = [
        f"{layer} {code} {row[1]}: representative point {row[2 + i]}, "
        f"embedded {embedded[code][layer + '_code']}"
        for code, row in sorted(rows.items())
        for i, layer in enumerate(LAYERS)
        if embedded[code][layer + "_code"] != row[2 + i]
    ]
    print(f"disagreements with the embedded table: {len(disagreements)}")
    for d in disagreements:
        print("  " + d)


if __name__ == "__main__":
    main()
