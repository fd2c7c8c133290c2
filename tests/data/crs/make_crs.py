"""Writes the CRS test files and their expected values, independently of speelveld.

Run from the repository root with Python 3 and geopandas (GDAL-backed pyogrio, pyproj):

    python tests/data/crs/make_crs.py

Input: tests/data/cbs/2025/gemeente.geojson and provincie.geojson (CBS/Kadaster, CC BY 4.0),
and data/cbs/2025/gemeente_regions_spatial.csv (the embedded table of regions per gemeente).

Output, in tests/data/crs/:
- utrecht_EPSG.geojson for EPSG 4289, 4258, 3035 and 3857: the gemeenten whose representative
  point lies in provincie Utrecht (PV26), reprojected with `to_crs` and written by GDAL
  (`to_file(driver="GeoJSON")`, which writes the crs member as `urn:ogc:def:crs:EPSG::n`);
- expected_vertices.csv: for every file, the first vertices of each gemeente's largest polygon
  as written (`x`, `y` in the file's CRS) and reprojected by pyproj to RD New
  (`rd_x`, `rd_y`, from `to_crs(28992)` of the file as read back);
- expected_areas.csv: each gemeente's area in km² per file: the file read back, `make_valid`,
  `to_crs(28992)`, planar area;
- provincie_4289.geojson: the 12 provincies of 2025 in EPSG:4289 (9 decimals);
- koppelcodes_2025.csv: the 342 gemeenten of 2025 with their veiligheidsregio (embedded table)
  and provincie (representative point in provincie.geojson), under the header of a real CBS
  export (`gemeentCode;gemeenteNaam;veiligheidsRegioCode;veiligheidsRegioNaam;provincieCode;
  Provincie;Land`).
"""

import csv
import hashlib
import os

import geopandas as gpd
from shapely import make_valid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
CBS = os.path.join(ROOT, "tests", "data", "cbs", "2025")
CODES = [4289, 4258, 3035, 3857]
VERTICES_PER_GEMEENTE = 4

gm = gpd.read_file(os.path.join(CBS, "gemeente.geojson"))
pv = gpd.read_file(os.path.join(CBS, "provincie.geojson"))
points = gm.copy()
points["geometry"] = gm.geometry.apply(make_valid).representative_point()
joined = gpd.sjoin(points, pv[["statcode", "statnaam", "geometry"]], predicate="within",
                   lsuffix="gm", rsuffix="pv")
assert len(joined) == len(gm), "every gemeente in exactly one provincie"
provincie = {r.statcode_gm: (r.statcode_pv, r.statnaam_pv) for r in joined.itertuples()}

utrecht = gm[gm.statcode.map(lambda c: provincie[c][0] == "PV26")].copy()
utrecht = utrecht[["statcode", "statnaam", "geometry"]].sort_values("statcode")
# GDAL's GeoJSON driver takes coordinates as given; 9 decimals of a degree are 0.1 mm.
precision = {4289: 9, 4258: 9, 3035: 3, 3857: 3}

vertices, areas = [], []
for code in CODES:
    path = os.path.join(HERE, f"utrecht_{code}.geojson")
    out = utrecht.to_crs(code)
    out.to_file(path, driver="GeoJSON", COORDINATE_PRECISION=precision[code])
    back = gpd.read_file(path)
    assert back.crs.to_epsg() == code
    rd = back.to_crs(28992)
    for (_, src), (_, dst) in zip(back.iterrows(), rd.iterrows()):
        def largest(g):
            return max(getattr(g, "geoms", [g]), key=lambda p: p.area)
        s = list(largest(src.geometry).exterior.coords)[:VERTICES_PER_GEMEENTE]
        d = list(largest(dst.geometry).exterior.coords)[:VERTICES_PER_GEMEENTE]
        for (x, y), (rx, ry) in zip(s, d):
            vertices.append([code, src.statcode, repr(x), repr(y), f"{rx:.4f}", f"{ry:.4f}"])
    valid = back.copy()
    valid["geometry"] = back.geometry.apply(make_valid)
    for r in valid.to_crs(28992).itertuples():
        areas.append([code, r.statcode, f"{r.geometry.area / 1e6:.4f}"])

with open(os.path.join(HERE, "expected_vertices.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["epsg", "statcode", "x", "y", "rd_x", "rd_y"])
    w.writerows(vertices)
with open(os.path.join(HERE, "expected_areas.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["epsg", "statcode", "area_km2"])
    w.writerows(areas)

regions = {}
with open(os.path.join(ROOT, "data", "cbs", "2025", "gemeente_regions_spatial.csv")) as f:
    for r in csv.DictReader(f):
        regions[r["statcode"]] = (r["veiligheidsregio_code"], r["veiligheidsregio_name"])
with open(os.path.join(HERE, "koppelcodes_2025.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, delimiter=";")
    w.writerow(["gemeentCode", "gemeenteNaam", "veiligheidsRegioCode", "veiligheidsRegioNaam",
                "provincieCode", "Provincie", "Land"])
    for r in gm.sort_values("statcode").itertuples():
        vr, vrn = regions[r.statcode]
        pc, pn = provincie[r.statcode]
        w.writerow([r.statcode, r.statnaam, vr, vrn, pc, pn, "Nederland"])

# The 12 provincies in EPSG:4289, as region polygons over gemeenten in WGS84.
pv[["statcode", "statnaam", "geometry"]].to_crs(4289).to_file(
    os.path.join(HERE, "provincie_4289.geojson"), driver="GeoJSON", COORDINATE_PRECISION=9)

print(f"{len(utrecht)} gemeenten in provincie Utrecht; {len(vertices)} vertices")
for name in sorted(os.listdir(HERE)):
    if name.endswith((".geojson", ".csv")):
        with open(os.path.join(HERE, name), "rb") as f:
            data = f.read()
        print(f"{name}\t{len(data)}\t{hashlib.sha256(data).hexdigest()[:16]}")
