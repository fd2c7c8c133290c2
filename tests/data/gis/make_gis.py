"""Writes the GIS test files of this folder from the committed CBS/Kadaster GeoJSONs of
2025 (../cbs/2025), and the answers GeoPandas gives on them.

    python3 make_gis.py          # geopandas, pyogrio, shapely 2, topojson

Files written (all CC BY 4.0, Bron: CBS/Kadaster, derived from ../cbs/2025):
- gemeente_rd.shp/.shx/.dbf/.prj/.cpg: the 342 gemeenten in RD New (EPSG:28992), the .dbf
  in Windows-1252 (Súdwest-Fryslân, Noardeast-Fryslân are written as single bytes);
- jeugdzorgregio.shp/...: the 42 jeugdzorgregio's in WGS84, the .dbf in UTF-8;
- gemeente.gpkg: the gemeenten in RD New; regions.gpkg: the jeugdzorgregio's (WGS84) and the
  provincies (RD New) as two tables;
- gemeente.topojson, jeugdzorgregio.topojson: quantised TopoJSON (1e6), object named after
  the layer; regions.topojson: jeugdzorgregio and provincie as two objects;
- expected.csv: for every format, each gemeente's jeugdzorgregio and provincie by largest
  area share (GeoPandas overlay in EPSG:28992, invalid rings made valid first, as speelveld
  repairs them) and its area in km² (planar, EPSG:28992).
"""
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import topojson

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "cbs" / "2025"
KEEP = ["statcode", "statnaam", "jrstatcode"]


def layer(name):
    g = gpd.read_file(SRC / f"{name}.geojson")[KEEP + ["geometry"]]
    return g


def write_shapefile(g, stem, encoding):
    for ext in ("shp", "shx", "dbf", "prj", "cpg"):
        (HERE / f"{stem}.{ext}").unlink(missing_ok=True)
    pyogrio.write_dataframe(g, HERE / f"{stem}.shp", driver="ESRI Shapefile", encoding=encoding)


def write_topojson(layers, path):
    topo = topojson.Topology(
        [g for _, g in layers],
        object_name=[n for n, _ in layers],
        prequantize=1_000_000,
        topology=True,
    )
    path.write_text(topo.to_json(), encoding="utf-8")


def main():
    gm, jz, pv = layer("gemeente"), layer("jeugdzorgregio"), layer("provincie")
    gm_rd, pv_rd = gm.to_crs(28992), pv.to_crs(28992)

    write_shapefile(gm_rd, "gemeente_rd", "cp1252")
    write_shapefile(jz, "jeugdzorgregio", "UTF-8")

    for p in ("gemeente.gpkg", "regions.gpkg"):
        (HERE / p).unlink(missing_ok=True)
    pyogrio.write_dataframe(gm_rd, HERE / "gemeente.gpkg", layer="gemeente", driver="GPKG")
    pyogrio.write_dataframe(jz, HERE / "regions.gpkg", layer="jeugdzorgregio", driver="GPKG")
    pyogrio.write_dataframe(pv_rd, HERE / "regions.gpkg", layer="provincie", driver="GPKG", append=True)

    write_topojson([("gemeente", gm)], HERE / "gemeente.topojson")
    write_topojson([("jeugdzorgregio", jz)], HERE / "jeugdzorgregio.topojson")
    write_topojson([("jeugdzorgregio", jz), ("provincie", pv)], HERE / "regions.topojson")

    # The answers, from the files as written (read back by GDAL), one block per format.
    formats = {
        "geojson": (SRC / "gemeente.geojson", None, SRC / "jeugdzorgregio.geojson", None, SRC / "provincie.geojson", None),
        "shapefile": (HERE / "gemeente_rd.shp", None, HERE / "jeugdzorgregio.shp", None, SRC / "provincie.geojson", None),
        "geopackage": (HERE / "gemeente.gpkg", None, HERE / "regions.gpkg", "jeugdzorgregio", HERE / "regions.gpkg", "provincie"),
        "topojson": (HERE / "gemeente.topojson", None, HERE / "regions.topojson", "jeugdzorgregio", HERE / "regions.topojson", "provincie"),
    }
    rows = []
    for fmt, (gpath, glayer, jpath, jlayer, ppath, player) in formats.items():
        units = prepare(gpath, glayer)
        jz_of = largest_share(units, prepare(jpath, jlayer))
        pv_of = largest_share(units, prepare(ppath, player))
        for code, name, geom in zip(units.statcode, units.statnaam, units.geometry):
            rows.append((fmt, code, name, jz_of[code], pv_of[code], round(geom.area / 1e6, 4)))
    out = pd.DataFrame(rows, columns=["format", "statcode", "statnaam", "jeugdzorgregio", "provincie", "area_km2"])
    out.to_csv(HERE / "expected.csv", index=False)
    for fmt, g in out.groupby("format"):
        print(fmt, len(g), "gemeenten", round(g.area_km2.sum(), 1), "km²")


def prepare(path, layer_name):
    g = pyogrio.read_dataframe(path, layer=layer_name)
    if g.crs is None:
        g = g.set_crs(4326)
    g = g.to_crs(28992)
    g["geometry"] = g.geometry.make_valid()
    return g


def largest_share(units, regions):
    pieces = gpd.overlay(units[["statcode", "geometry"]], regions[["statcode", "geometry"]].rename(columns={"statcode": "region"}), how="intersection", keep_geom_type=True)
    pieces["a"] = pieces.geometry.area
    best = pieces.sort_values("a", ascending=False).drop_duplicates("statcode")
    return dict(zip(best.statcode, best.region))


if __name__ == "__main__":
    main()
