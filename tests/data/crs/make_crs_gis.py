#!/usr/bin/env python3
"""The Utrecht gemeenten of make_crs.py in GIS formats in other CRSs than WGS84 and RD New:
a Shapefile in EPSG:4289 (Amersfoort, ESRI .prj written by GDAL) and a GeoPackage in
EPSG:3035 (LAEA Europe). Run from the repository root after make_crs.py:

    python3 tests/data/crs/make_crs_gis.py

The expected areas are those of expected_areas.csv (the same geometries, written by GDAL).
"""
import hashlib
import os

import geopandas as gpd

HERE = os.path.dirname(os.path.abspath(__file__))

for src, out, driver in [
    ("utrecht_4289.geojson", "utrecht_4289.shp", "ESRI Shapefile"),
    ("utrecht_3035.geojson", "utrecht_3035.gpkg", "GPKG"),
]:
    g = gpd.read_file(os.path.join(HERE, src))
    path = os.path.join(HERE, out)
    kwargs = {"layer": "gemeente"} if driver == "GPKG" else {"encoding": "utf-8"}
    g.to_file(path, driver=driver, **kwargs)
    back = gpd.read_file(path)
    assert back.crs.to_epsg() == g.crs.to_epsg(), (out, back.crs)
    assert sorted(back["statcode"]) == sorted(g["statcode"]), out
    with open(path, "rb") as f:
        print(out, back.crs.to_epsg(), len(back), hashlib.sha256(f.read()).hexdigest()[:16])
