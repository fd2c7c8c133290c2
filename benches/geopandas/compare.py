#!/usr/bin/env python3
"""speelveld against GeoPandas, side by side, on the real data committed in tests/data.

    python3 benches/geopandas/compare.py [--repeats N] [--skip-build]

Creates a virtualenv in benches/.venv (GeoPandas, Shapely, pyproj, pyogrio from PyPI) on
first use, builds speelveld's `geobench` example in release mode, then runs the same four
jobs — read the gemeente GeoJSON, assign gemeenten to jeugdzorgregio polygons (largest
share), dissolve gemeenten into jeugdzorgregio's, gemeente × region area overlay — for each
data set, in one process per tool. It checks that the answers agree (assignments identical,
areas within 0.5 %) and prints the time of each (the fastest of N runs) and the ratio.

Benchmarks, not tests: single-machine figures, not run by CI.
"""
import argparse
import json
import os
import subprocess
import sys
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


def close(a, b):
    return abs(a - b) <= max(AREA_REL * max(abs(a), abs(b)), AREA_ABS)


def check(job, s, g):
    """Returns (ok, note) for one job's answers."""
    if job == "read":
        return s["features"] == g["features"], f"{s['features']} features"
    if job == "assign":
        sa, ga = s["answer"], g["answer"]
        diff = sorted(k for k in set(sa) | set(ga) if sa.get(k) != ga.get(k))
        return not diff, f"{len(sa)} units, {len(diff)} differ" + (f": {diff[:5]}" if diff else "")
    if job.startswith("dissolve"):
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
    return True, ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--skip-build", action="store_true")
    args = ap.parse_args()
    ensure_venv()
    if not args.skip_build:
        build()
    bench = os.path.join(ROOT, "target", "release", "examples", "geobench")
    versions = None
    all_ok = True
    rows = []
    for label, units, regions in DATASETS:
        u, r = os.path.join(DATA, units), os.path.join(DATA, regions)
        s = run([bench, u, r, str(args.repeats)])
        g = run([PY, os.path.join(HERE, "geopandas_jobs.py"), u, r, str(args.repeats)])
        versions = g["versions"]
        for job in ["read", "assign", "dissolve", "overlay"]:
            sj, gj = s["jobs"][job], g["jobs"][job]
            gtime = gj["time"]["min_s"]
            gnote = ""
            cov = g["jobs"].get("dissolve_coverage", {})
            if job == "dissolve" and "time" in cov and cov["time"]["min_s"] < gtime:
                ok_cov, _ = check(job, sj, cov)
                if ok_cov:  # compare against GeoPandas' fastest correct option
                    gtime, gj, gnote = cov["time"]["min_s"], cov, " (method='coverage')"
            ok, note = check(job, sj, gj)
            all_ok &= ok
            st = sj["time"]["min_s"]
            rows.append((label, job + gnote, st * 1e3, gtime * 1e3, gtime / st, "ok" if ok else "DIFFER", note))
    print(f"GeoPandas {versions['geopandas']}, Shapely {versions['shapely']}, GEOS {versions['geos']};"
          f" fastest of {args.repeats} runs; one machine, figures are indicative only\n")
    w = max(len(r[0]) for r in rows)
    print(f"{'data':<{w}}  {'job':<28} {'speelveld ms':>12} {'geopandas ms':>12} {'ratio':>7}  answers")
    for label, job, st, gt, ratio, ok, note in rows:
        print(f"{label:<{w}}  {job:<28} {st:>12.2f} {gt:>12.2f} {ratio:>6.1f}×  {ok}: {note}")
    slow = [r for r in rows if r[4] < 3]
    print(f"\n{'all answers agree' if all_ok else 'ANSWERS DIFFER'};"
          f" {len(rows) - len(slow)}/{len(rows)} jobs at least 3× faster")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
