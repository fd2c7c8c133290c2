#!/usr/bin/env python3
"""speelveld against GeoPandas, side by side, on the real data committed in tests/data and on
a synthetic coverage series.

    python3 benches/geopandas/compare.py [--repeats N] [--skip-build] [--sizes 1000,10000,100000]
                                         [--no-real] [--json FILE]

Creates a virtualenv in benches/.venv (GeoPandas, Shapely, pyproj, pyogrio from PyPI) on
first use, builds speelveld's `geobench` example in release mode, then runs the same six
jobs in one process per tool and data set:

- read: the gemeente GeoJSON into polygons (speelveld's time is also compared with a plain
  JSON parse of the same file, `json_parse`);
- repair: validity check of every unit, and a fix of the invalid ones (`make_valid`);
- assign: gemeenten to region polygons by largest share;
- dissolve: gemeenten into their regions (GeoPandas `unary_union` and `method="coverage"`);
- overlay: area of every gemeente × region intersection;
- adjacency: pairs with at least 30 m of common border (GeoPandas `sjoin touches` and the
  exact shared boundary length ≥ 30 m).

The synthetic series is a jittered grid of n×n cells (a coverage: neighbours share their
vertices exactly) in RD New with square regions of 8×8 cells, offset so region borders cut
through cells; it is written by this script into a temporary directory.

Each answer is checked (assignments identical, areas within 0.5 %, adjacency pairs identical
modulo the documented definition); the table shows the time of each (the fastest of N runs),
the ratio GeoPandas ÷ speelveld against GeoPandas's fastest variant, and the log-log slope of
time against cells from the smallest to the largest synthetic size for each job and tool.

Benchmarks, not tests: single-machine figures, not run by CI.
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import venv

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VENV = os.path.join(ROOT, "benches", ".venv")
DATA = os.path.join(ROOT, "tests", "data")
PY = os.path.join(VENV, "bin", "python")
PACKAGES = ["geopandas>=1.0", "shapely>=2.0", "pyproj", "pyogrio"]

DATASETS = [
    ("cbs 2025 (WGS84)", "cbs/2025/gemeente.geojson", "cbs/2025/jeugdzorgregio.geojson"),
    ("cbs 2025 (RD New)", "cbs/2025/rd/gemeente.geojson", "cbs/2025/rd/jeugdzorgregio.geojson"),
    ("cbs 2022 fine × jz 2025 (WGS84)", "fetched/cbs-2022/gemeente_2022.geojson", "cbs/2025/jeugdzorgregio.geojson"),
]
JOBS = ["read", "repair", "assign", "dissolve", "overlay", "adjacency"]
# GeoPandas's variants of a job: the fastest one whose answer agrees is the peer.
VARIANTS = {"dissolve": ["dissolve", "dissolve_coverage"], "adjacency": ["adjacency", "adjacency_touches"]}

AREA_REL = 0.005   # areas within 0.5 %
AREA_ABS = 0.001   # … or within 0.001 km² (1000 m²) for boundary slivers
SIGNIFICANT = 0.01 # overlay pairs of at least 0.01 km² in either tool are compared


def ensure_venv():
    if not os.path.exists(PY):
        print(f"creating {VENV} …", file=sys.stderr)
        venv.create(VENV, with_pip=True)
    probe = subprocess.run([PY, "-c", "import geopandas, shapely, pyproj, pyogrio"], capture_output=True)
    if probe.returncode != 0:
        subprocess.run([PY, "-m", "pip", "install", "-q", *PACKAGES], check=True)


def build():
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "speelveld", "--example", "geobench"],
                   cwd=ROOT, check=True)


def run(cmd):
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{out.stderr}")
    return json.loads(out.stdout)


def synthetic(n_cells, directory, seed=14):
    """Writes a jittered-grid coverage of about n_cells cells and its regions; returns paths."""
    n = max(2, round(math.sqrt(n_cells)))
    size = 250_000 / n
    x0, y0 = 10_000.0, 300_000.0
    rnd = random.Random(seed)
    jx = [[0.0] * (n + 1) for _ in range(n + 1)]
    jy = [[0.0] * (n + 1) for _ in range(n + 1)]
    for i in range(1, n):
        for j in range(1, n):
            jx[i][j] = rnd.uniform(-0.3, 0.3) * size
            jy[i][j] = rnd.uniform(-0.3, 0.3) * size

    def v(i, j):
        return [round(x0 + i * size + jx[i][j], 3), round(y0 + j * size + jy[i][j], 3)]

    crs = {"type": "name", "properties": {"name": "EPSG:28992"}}
    cells = []
    for i in range(n):
        for j in range(n):
            ring = [v(i, j), v(i + 1, j), v(i + 1, j + 1), v(i, j + 1), v(i, j)]
            cells.append({"type": "Feature", "properties": {"statcode": f"C{i:04d}{j:04d}"},
                          "geometry": {"type": "Polygon", "coordinates": [ring]}})
    k = 8  # cells per region side
    off = 0.37 * size
    regions = []
    m = math.ceil((n * size + off) / (k * size))
    for a in range(m):
        for b in range(m):
            xa, ya = x0 - off + a * k * size, y0 - off + b * k * size
            xb, yb = xa + k * size, ya + k * size
            ring = [[xa, ya], [xb, ya], [xb, yb], [xa, yb], [xa, ya]]
            regions.append({"type": "Feature", "properties": {"statcode": f"R{a:03d}{b:03d}"},
                            "geometry": {"type": "Polygon", "coordinates": [[[round(x, 3), round(y, 3)] for x, y in ring]]}})
    paths = []
    for name, feats in [("units", cells), ("regions", regions)]:
        p = os.path.join(directory, f"{name}_{n_cells}.geojson")
        with open(p, "w") as f:
            json.dump({"type": "FeatureCollection", "crs": crs, "features": feats}, f)
        paths.append(p)
    return paths, n * n


def close(a, b):
    return abs(a - b) <= max(AREA_REL * max(abs(a), abs(b)), AREA_ABS)


def pairset(rows):
    return {tuple(sorted(r)) for r in rows}


def check(job, s, g, variant):
    """Returns (ok, note) for one job's answers."""
    if job == "read":
        return s["features"] == g["features"], f"{s['features']} features"
    if job == "repair":
        sa, ga = s["answer"], g["answer"]
        same = sorted(sa["repaired"]) == sorted(ga["repaired"])
        ok = same and close(sa["area_km2"], ga["area_km2"])
        return ok, (f"{len(sa['repaired'])} vs {len(ga['repaired'])} invalid"
                    f"{'' if same else ' (' + str(sorted(set(sa['repaired']) ^ set(ga['repaired']))[:5]) + ')'};"
                    f" area {sa['area_km2']:.1f} vs {ga['area_km2']:.1f} km²")
    if job == "assign":
        sa, ga = s["answer"], g["answer"]
        diff = sorted(k for k in set(sa) | set(ga) if sa.get(k) != ga.get(k))
        return not diff, f"{len(sa)} units, {len(diff)} differ" + (f": {diff[:5]}" if diff else "")
    if job == "dissolve":
        sa, ga = s["answer"], g["answer"]
        bad = [k for k in set(sa) | set(ga)
               if k not in sa or k not in ga or not close(sa[k]["area_km2"], ga[k]["area_km2"])]
        worst = max((abs(sa[k]["area_km2"] / ga[k]["area_km2"] - 1) for k in sa if k in ga), default=0)
        parts = sum(v["parts"] for v in sa.values()), sum(v["parts"] for v in ga.values())
        return not bad, f"{len(sa)} regions, max area diff {worst * 100:.3f} %, parts {parts[0]} vs {parts[1]}"
    if job == "overlay":
        sa = {(a, b): x for a, b, x in s["answer"]}
        ga = {}
        for a, b, x in g["answer"]:
            ga[(a, b)] = ga.get((a, b), 0) + x
        keys = [k for k in set(sa) | set(ga) if max(sa.get(k, 0), ga.get(k, 0)) >= SIGNIFICANT]
        bad = [k for k in keys if not close(sa.get(k, 0), ga.get(k, 0))]
        worst = max((abs(sa[k] / ga[k] - 1) for k in keys if k in sa and k in ga and ga[k] >= 1), default=0)
        ts, tg = sum(sa.values()), sum(ga.values())
        return not bad, (f"{len(keys)} pairs ≥ {SIGNIFICANT} km², {len(bad)} differ"
                         f"{(': ' + str(bad[:3])) if bad else ''}; pairs ≥ 1 km² within {worst * 100:.3f} %;"
                         f" total {ts:.1f} vs {tg:.1f} km²")
    if job == "adjacency":
        pairs, near = pairset(s["answer"]["pairs"]), pairset(s["answer"]["near"])
        theirs = pairset(g["answer"])
        if variant == "adjacency_touches":
            # touches = the neighbours and listed pairs that share a vertex, on an exact coverage
            mine = pairset(s["answer"]["touching"])
            what = "touching neighbours + listed point/stub contacts"
        else:
            mine = pairs
            what = "neighbours"
        only_s, only_g = sorted(mine - theirs), sorted(theirs - mine)
        return not only_s and not only_g, (f"{len(pairs)} neighbours, {len(near)} listed near; {what} vs"
                                           f" {len(theirs)}: {len(only_s)} only speelveld {only_s[:2]},"
                                           f" {len(only_g)} only GeoPandas {only_g[:2]}")
    return True, ""


def compare(label, units, regions, repeats, bench, rows, series):
    s = run([bench, units, regions, str(repeats)])
    g = run([PY, os.path.join(HERE, "geopandas_jobs.py"), units, regions, str(repeats)])
    all_ok = True
    for job in JOBS:
        sj = s["jobs"][job]
        st = sj["time"]["min_s"]
        peers = []
        for variant in VARIANTS.get(job, [job]):
            gj = g["jobs"].get(variant, {})
            if "time" not in gj:
                continue
            ok, note = check(job, sj, gj, variant)
            peers.append((gj["time"]["min_s"], variant, ok, note))
        # The peer: GeoPandas's fastest variant with the same answer, else its fastest one.
        agreeing = [p for p in peers if p[2]] or peers
        gt, variant, ok, note = min(agreeing)
        for t, v, ok2, note2 in peers:
            if v != variant:
                note += f" | {v}: {t * 1e3:.1f} ms, {'ok' if ok2 else 'differs'}: {note2}"
        if job == "read":
            js = s["jobs"]["json_parse"]["time"]["min_s"]
            note += f"; read ÷ JSON parse {st / js:.2f}"
        all_ok &= ok
        rows.append((label, job if variant == job else f"{job} ({variant})", st * 1e3, gt * 1e3, gt / st,
                     "ok" if ok else "DIFFER", note))
        if series is not None:
            series.setdefault(job, []).append((st, gt))
    return g["versions"], all_ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--no-real", action="store_true")
    ap.add_argument("--json", help="also write the rows as JSON to this file")
    args = ap.parse_args()
    ensure_venv()
    if not args.skip_build:
        build()
    bench = os.path.join(ROOT, "target", "release", "examples", "geobench")
    versions, all_ok, rows = None, True, []
    if not args.no_real:
        for label, units, regions in DATASETS:
            versions, ok = compare(label, os.path.join(DATA, units), os.path.join(DATA, regions),
                                   args.repeats, bench, rows, None)
            all_ok &= ok
    sizes = [int(x) for x in args.sizes.split(",") if x]
    series, cells = {}, []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            (u, r), count = synthetic(n, tmp)
            cells.append(count)
            reps = args.repeats if count <= 20_000 else max(1, min(args.repeats, 3))
            versions, ok = compare(f"synthetic {count} cells", u, r, reps, bench, rows, series)
            all_ok &= ok
    print(f"GeoPandas {versions['geopandas']}, Shapely {versions['shapely']}, GEOS {versions['geos']};"
          f" fastest of {args.repeats} runs (3 from 20,000 cells); one machine, figures are indicative only\n")
    w = max(len(r[0]) for r in rows)
    print(f"{'data':<{w}}  {'job':<30} {'speelveld ms':>12} {'geopandas ms':>12} {'ratio':>7}  answers")
    for label, job, st, gt, ratio, ok, note in rows:
        print(f"{label:<{w}}  {job:<30} {st:>12.2f} {gt:>12.2f} {ratio:>6.1f}×  {ok}: {note}")
    if len(cells) >= 2:
        span = math.log10(cells[-1] / cells[0])
        print(f"\nlog-log slope of time against cells, {cells[0]} → {cells[-1]} (speelveld / GeoPandas):")
        for job, pts in series.items():
            (s0, g0), (s1, g1) = pts[0], pts[-1]
            print(f"  {job:<10} {math.log10(s1 / s0) / span:5.2f} / {math.log10(g1 / g0) / span:5.2f}")
    slow = [r for r in rows if r[4] < 5]
    print(f"\n{'all answers agree' if all_ok else 'ANSWERS DIFFER'};"
          f" {len(rows) - len(slow)}/{len(rows)} jobs at least 5× faster")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rows": rows, "cells": cells, "series": series}, f, indent=1)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
