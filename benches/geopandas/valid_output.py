#!/usr/bin/env python3
"""Is every polygon speelveld writes valid by the rules GEOS checks?

    python3 benches/geopandas/valid_output.py [--binary target/release/speelveld]

Runs `speelveld dissolve LAYOUT` for every layout of the embedded years (2015 and 2025) and
for region polygons assigned over the real sets in tests/data (the 2025 gemeenten as
published, with their two invalid rings; in RD New; the fine 2022 gemeenten), then reads
each output with Shapely and lists every region that `is_valid` rejects, with GEOS's
reason. Needs python3 with shapely 2 (the benches/.venv of compare.py has it). A check, not
a test: CI does not run it.
"""
import argparse
import json
import os
import subprocess
import sys

from shapely.geometry import shape
from shapely.validation import explain_validity

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "tests", "data")


def run(binary, args):
    out = subprocess.run([binary] + args, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def layouts(binary, year):
    doc = run(binary, ["--year", str(year), "layouts", "--format", "json"])
    rows = doc["layouts"] if isinstance(doc, dict) else doc
    return [r["layout"] for r in rows]


def check(binary, label, args):
    doc = run(binary, args)
    bad = []
    for f in doc["features"]:
        g = shape(f["geometry"])
        if not g.is_valid:
            bad.append(f"{f['properties']['code']}: {explain_validity(g)}")
    print(f"{label:55} {len(doc['features']):4} regions  {len(bad)} invalid")
    for b in bad:
        print(f"    {b}")
    return len(bad)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "speelveld"))
    a = p.parse_args()
    invalid = 0
    for year in (2015, 2025):
        for layout in layouts(a.binary, year):
            invalid += check(a.binary, f"{year} {layout}", ["--year", str(year), "dissolve", layout])
    # (label, units file, layout name, region polygons) under tests/data.
    for label, units, layout, regions in [
        ("2025 as published (two invalid rings), jeugdzorgregio", "cbs/2025/gemeente.geojson",
         "jeugdzorgregio", "cbs/2025/jeugdzorgregio.geojson"),
        ("2025 RD New, jeugdzorgregio", "cbs/2025/rd/gemeente.geojson",
         "jeugdzorgregio", "cbs/2025/rd/jeugdzorgregio.geojson"),
        ("2022 fine gemeenten, provincie", "fetched/cbs-2022/gemeente_2022.geojson",
         "provincie", "cbs/2025/provincie.geojson"),
        ("2022 fine gemeenten, jeugdzorgregio", "fetched/cbs-2022/gemeente_2022.geojson",
         "jeugdzorgregio", "cbs/2025/jeugdzorgregio.geojson"),
    ]:
        args = [
            "--units", os.path.join(DATA, units),
            "--layout", f"{layout}={os.path.join(DATA, regions)}",
            "--keep-going", "dissolve", layout,
        ]
        invalid += check(a.binary, label, args)
    print(f"invalid polygons in all: {invalid}")
    sys.exit(1 if invalid else 0)


if __name__ == "__main__":
    main()
