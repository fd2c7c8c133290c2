"""The gemeente pairs that GeoPandas calls touching, as the expectation for speelveld's
adjacency report (`geometry::adjacency` tests).

    python make_touches.py

For each gemeente file below writes `adjacency/<name>_touches.csv` with the columns
`a,b,shared_m`: every pair (codes sorted) that `gpd.sjoin(predicate="touches")` reports,
with the length in metres of their common boundary (`a.intersection(b).length` in
EPSG:28992; 0 for a pair that meets at a point). Input is used as published (no repair):
GEOS's `touches` works on the rings as they are.
"""
import os

import geopandas as gpd

HERE = os.path.dirname(os.path.abspath(__file__))
SETS = {
    "cbs2025_rd": "cbs/2025/rd/gemeente.geojson",
    "cbs2015": "cbs/2015/gemeente.geojson",
}


def touches(path):
    g = gpd.read_file(path)
    if g.total_bounds[2] > 180:
        g = g.set_crs(28992, allow_override=True)
    g = g.to_crs(28992)[["statcode", "geometry"]].reset_index(drop=True)
    j = gpd.sjoin(g, g, predicate="touches")
    out = []
    for left, right in zip(j.index, j["index_right"]):
        if left < right:
            a, b = g.statcode[left], g.statcode[right]
            length = g.geometry[left].intersection(g.geometry[right]).length
            out.append((min(a, b), max(a, b), length))
    return sorted(out)


def main():
    os.makedirs(os.path.join(HERE, "adjacency"), exist_ok=True)
    for name, rel in SETS.items():
        rows = touches(os.path.join(HERE, rel))
        with open(os.path.join(HERE, "adjacency", f"{name}_touches.csv"), "w") as f:
            f.write("a,b,shared_m\n")
            for a, b, x in rows:
                f.write(f"{a},{b},{x:.3f}\n")
        print(name, len(rows), "pairs,", sum(1 for r in rows if r[2] < 30), "under 30 m")


if __name__ == "__main__":
    main()
