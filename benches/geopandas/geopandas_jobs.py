"""The GeoPandas side of the comparison: the same six jobs as speelveld's `geobench`
example (read, repair, assign, dissolve, overlay, adjacency), on one pair of files, in one
process; prints timings and answers as JSON.

    python geopandas_jobs.py UNITS.geojson REGIONS.geojson [REPEATS]

Areas are computed in EPSG:28992 (RD New): WGS84 input is reprojected with pyproj inside
the timed job, as an analyst would. The `repair` job times the validity check of every unit
and `make_valid` of the invalid ones; the later jobs run on the repaired units.

Adjacency has two peers: `sjoin(predicate="touches")` (the plain answer, which counts
pairs that meet at a point) and the exact shared border: pairs whose boxes meet, the length
of the intersection of their boundaries in RD New, kept at 30 m or more (speelveld's
definition without the 20 m tolerance).
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
    raw = units

    def repair():
        geoms = raw.geometry.values
        valid = shapely.is_valid(geoms)
        fixed = geoms.copy()
        fixed[~valid] = shapely.make_valid(geoms[~valid], method="structure", keep_collapsed=False)
        return valid, fixed

    t, (valid, fixed) = timed(repeats, repair)
    area = gpd.GeoSeries(fixed, crs=raw.crs)
    area = area if rd else area.to_crs(28992)
    jobs["repair"] = {"time": t, "answer": {
        "repaired": sorted(raw.statcode[~valid]), "area_km2": float(area.area.sum() / 1e6)}}
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

    def touches():
        j = gpd.sjoin(units, units, predicate="touches")
        c = units.statcode.values
        return sorted({tuple(sorted((c[a], c[b]))) for a, b in zip(j.index, j["index_right"]) if a < b})

    t, answer = timed(repeats, touches)
    jobs["adjacency_touches"] = {"time": t, "answer": answer}

    def border():
        u = to_rd(units)
        g = u.geometry.values
        left, right = u.sindex.query(g, predicate="intersects")
        keep = left < right
        left, right = left[keep], right[keep]
        b = shapely.boundary(g)
        length = shapely.length(shapely.intersection(b[left], b[right]))
        c = u.statcode.values
        return sorted(tuple(sorted((c[a], c[z]))) for a, z, x in zip(left, right, length) if x >= 30)

    t, answer = timed(repeats, border)
    jobs["adjacency"] = {"time": t, "answer": answer}

    print(json.dumps({"tool": "geopandas", "versions": {
        "geopandas": gpd.__version__, "shapely": shapely.__version__,
        "geos": ".".join(map(str, shapely.geos_version)), "pandas": pd.__version__}, "jobs": jobs}))


if __name__ == "__main__":
    main()
