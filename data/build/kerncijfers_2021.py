#!/usr/bin/env python3
"""Builds data/cbs/2021/kerncijfers_gemeenten_2021.csv from the CBS key figures per gemeente
of 2021 (StatLine 85039NED, "Kerncijfers wijken en buurten 2021", as a JSON file):

    python3 data/build/kerncijfers_2021.py KERNCIJFERS.json > data/cbs/2021/kerncijfers_gemeenten_2021.csv

One row per gemeente of 2021 (352). Counts as CBS gives them (inwoners); the age groups are
derived from CBS's percentages and rounded to whole people (columns marked `_afgeleid`);
households from inhabitants / average household size (also derived and rounded); the land
area in km². Only counts and areas are kept: they add up when gemeenten merge and over the
regions of a layout (rates and percentages do not). Only the
Python standard library is used; the output is byte-identical on every run.
"""
import csv
import json
import sys

AGES = [
    ("inwoners_0_14_afgeleid", "Under 15 years (%)"),
    ("inwoners_15_24_afgeleid", "15-24 years (%)"),
    ("inwoners_25_44_afgeleid", "25-44 years (%)"),
    ("inwoners_45_64_afgeleid", "45-64 years (%)"),
    ("inwoners_65_plus_afgeleid", "65+ years (%)"),
]


def main(path):
    data = json.load(open(path, encoding="utf-8"))
    rows = data["Gemeente"]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(
        ["gemeentecode", "inwoners"]
        + [c for c, _ in AGES]
        + ["huishoudens_afgeleid", "land_km2"]
    )
    total = 0
    for code in sorted(rows):
        g = rows[code]
        pop = int(g["Population"])
        total += pop
        demo = g.get("Demographics", {})
        ages = [round(pop * float(demo[k]) / 100) if k in demo else "" for _, k in AGES]
        size = demo.get("Avg household size") or g.get("Housing", {}).get("Avg household size")
        households = round(pop / float(size)) if size else ""
        env = g.get("Environment", {})
        out.writerow([code, pop] + ages + [households, env.get("Land area (km²)", "")])
    national = data.get("Netherlands Total", {}).get("Population")
    if national is not None and int(national) != total:
        sys.exit(f"sum of inwoners {total} differs from the national total {national}")
    print(f"{len(rows)} gemeenten, {total} inwoners", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
