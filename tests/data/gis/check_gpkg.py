"""Checks GeoPackages written by `speelveld dissolve … -o FILE.gpkg` (or `map … -o
FILE.gpkg`) with GDAL and GeoPandas, independently of speelveld's own reader:

    speelveld dissolve jeugdzorgregio -o /tmp/jz.gpkg
    python3 check_gpkg.py /tmp/jz.gpkg      # geopandas, pyogrio, shapely 2

For every layer: GDAL opens it as a GPKG with a CRS of EPSG:4326 or EPSG:28992, every
geometry is a valid MultiPolygon, `units` matches `unit_codes`, and each `area_km2` lies
within 0.5 % of GeoPandas' planar area in EPSG:28992. Exits 1 on the first failure.
"""
import sys

import geopandas as gpd
import pyogrio


def check(path):
    for name, kind in pyogrio.list_layers(path):
        info = pyogrio.read_info(path, layer=name)
        assert info["driver"] == "GPKG", info["driver"]
        assert info["crs"] in ("EPSG:4326", "EPSG:28992"), info["crs"]
        g = gpd.read_file(path, layer=name)
        assert (g.geom_type == "MultiPolygon").all(), set(g.geom_type)
        assert g.is_valid.all(), list(g.code[~g.is_valid])
        n = g.unit_codes.str.split(",").map(len)
        assert (n == g.units).all(), list(g.code[n != g.units])
        area = g.to_crs(28992).area / 1e6
        worst = (g.area_km2 / area - 1).abs().max()
        assert worst < 0.005, worst
        print(f"{path}: {name}: {len(g)} {kind}, {info['crs']}, valid, "
              f"{area.sum():.1f} km², area_km2 within {worst:.2e} of GeoPandas")


if __name__ == "__main__":
    for p in sys.argv[1:]:
        check(p)
