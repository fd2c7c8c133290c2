"""The GeoPandas side of the comparison: the same four jobs as speelveld's `geobench`
example, on one pair of files, in one process; prints timings and answers as JSON.

    python geopandas_jobs.py UNITS.geojson REGIONS.geojson [REPEATS]

Areas are computed in EPSG:28992 (RD New): WGS84 input is reprojected with pyproj inside
the timed job, as an analyst would. Input repair (`make_valid`) is done once, untimed, as
speelveld's validation is on its side.
"""
import json
import statistics
import sys
import time

import geopandas as gpd
import pandas as pd
import shapely


def timed(repeats, f):
    times, result = [], None
    for _ in range(max(1, repeats)):
        t = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - t)
    times.sort()
    return {"min_s": times[0], "median_s": statistics.median_low(times), "runs": len(times)}, result


def repaired(gdf):
    gdf = gdf.copy()
    gdf["geometry"] = shapely.make_valid(gdf.geometry.values, method="structure", keep_collapsed=False)
    return gdf


def main():
    units_path, regions_path = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    jobs = {}

    t, units = timed(repeats, lambda: gpd.read_file(units_path))
    jobs["read"] = {"time": t, "features": len(units)}
    rd = units.crs is None or units.crs.to_epsg() != 4326 or units.total_bounds[2] > 180
    if rd:
        units = units.set_crs(28992, allow_override=True)
    regions = gpd.read_file(regions_path)
    if rd:
        regions = regions.set_crs(28992, allow_override=True)
    units = repaired(units)[["statcode", "geometry"]]
    regions = repaired(regions)[["statcode", "geometry"]].rename(columns={"statcode": "region"})

    def to_rd(g):
        return g if rd else g.to_crs(28992)

    def assign():
        u = to_rd(units)
        u = u.assign(unit_area=u.area)
        o = gpd.overlay(u, to_rd(regions), how="intersection", keep_geom_type=True)
        o["a"] = o.area
        best = o.loc[o.groupby("statcode")["a"].idxmax()]
        return dict(zip(best.statcode, best.region))

    t, assignment = timed(repeats, assign)
    jobs["assign"] = {"time": t, "answer": assignment}

    grouped = units.assign(region=units.statcode.map(assignment))

    def dissolve(method):
        d = grouped.dissolve("region", method=method)
        d = to_rd(d)
        return {
            k: {"area_km2": g.area / 1e6, "parts": len(shapely.get_parts(g))}
            for k, g in zip(d.index, d.geometry)
        }

    t, answer = timed(repeats, lambda: dissolve("unary"))
    jobs["dissolve"] = {"time": t, "answer": answer}
    try:
        t, answer_cov = timed(repeats, lambda: dissolve("coverage"))
        jobs["dissolve_coverage"] = {"time": t, "answer": answer_cov}
    except Exception as e:  # GEOS builds without CoverageUnion
        jobs["dissolve_coverage"] = {"error": str(e)}

    def overlay():
        o = gpd.overlay(to_rd(units), to_rd(regions), how="intersection", keep_geom_type=True)
        return [[a, b, x / 1e6] for a, b, x in zip(o.statcode, o.region, o.area)]

    t, answer = timed(repeats, overlay)
    jobs["overlay"] = {"time": t, "answer": answer}

    print(json.dumps({"tool": "geopandas", "versions": {
        "geopandas": gpd.__version__, "shapely": shapely.__version__,
        "geos": ".".join(map(str, shapely.geos_version)), "pandas": pd.__version__}, "jobs": jobs}))


if __name__ == "__main__":
    main()
