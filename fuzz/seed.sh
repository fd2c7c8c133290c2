#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from the real files in tests/data (small
# slices, so that every seed runs fast). Run from anywhere; corpora are not committed.
set -euo pipefail
cd "$(dirname "$0")"
data=../tests/data
c=corpus
mkdir -p $c/text $c/membership $c/wide_table $c/swv $c/geojson $c/assign $c/figures $c/herindeling $c/workbook $c/topojson $c/shapefile $c/geopackage
cp $data/excel/*.xlsx $data/excel/*.xls $data/excel/*.ods $c/workbook/

swv=$data/swv/regio_indeling_swv_pc4.csv
head -40 "$swv" > $c/swv/head.csv
{ head -1 "$swv"; grep -i europoort "$swv"; } > $c/swv/europoort.csv
{ head -1 "$swv"; grep -i delfland "$swv"; } > $c/swv/split.csv
head -40 "$swv" | tr ',' ';' > $c/swv/semicolon.csv

for y in 2015 2025; do
  t=$data/cbs/$y/gemeente_regions_spatial.csv
  head -30 "$t" > $c/wide_table/$y.csv
  head -30 "$t" | tr ',' ';' | sed 's/$/\r/' > $c/wide_table/$y-crlf.csv
  head -30 "$t" > $c/text/$y.csv
  # Membership: unit, region, name (+ a share column) from the wide table.
  python3 - "$t" $c/membership/$y.csv $c/membership/$y-shares.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))[:30]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("gemeentecode,regiocode,regionaam\n")
    for r in rows:
        f.write(f"{r['statcode']},{r['jeugdzorgregio_code']},{r['jeugdzorgregio_name']}\n")
with open(sys.argv[3], "w", encoding="cp1252", errors="replace") as f:
    f.write("GM code;Regiocode;Aandeel\n")
    for r in rows:
        f.write(f"{r['statnaam']};{r['jeugdzorgregio_code']};0,5\n{r['statcode']};PV99;50%\n")
PY
done
printf '\xef\xbb\xbfcode;naam\nGM1900;S\xc3\xbadwest-Frysl\xc3\xa2n\n' > $c/text/bom.csv
printf 'code;naam\nGM1900;S\xfadwest-Frysl\xe2n\n' > $c/text/cp1252.csv
printf '\xff\xfec\x00o\x00d\x00e\x00\n\x00' > $c/text/utf16.csv
printf 'a,"b\nc",d\n1,"2,3",4\n' > $c/text/quoted.csv

# GeoJSON: a few real features of each layer (geometry simplified to keep seeds small).
python3 - "$data" $c/geojson $c/assign <<'PY'
import json, sys, os
data, gdir, adir = sys.argv[1:]
def small(path, n, out):
    d = json.load(open(path, encoding="utf-8"))
    feats = d["features"][:n]
    for f in feats:
        g = f["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        g["coordinates"] = [[ring[::max(1, len(ring)//40)] + [ring[0]] for ring in p] for p in polys[:2]]
        g["type"] = "MultiPolygon"
    d["features"] = feats
    json.dump(d, open(out, "w"))
for y in ("2015", "2025"):
    small(f"{data}/cbs/{y}/gemeente.geojson", 5, f"{gdir}/gemeente-{y}.geojson")
    small(f"{data}/cbs/{y}/provincie.geojson", 2, f"{adir}/provincie-{y}.geojson")
    small(f"{data}/cbs/{y}/jeugdzorgregio.geojson", 3, f"{adir}/jz-{y}.geojson")
small(f"{data}/cbs/2025/rd/gemeente.geojson", 3, f"{gdir}/gemeente-rd.geojson")
small(f"{data}/cbs/2025/rd/jeugdzorgregio.geojson", 2, f"{adir}/jz-rd.geojson")
PY
# Figures: a few gemeenten of the CBS key figures (2021), with a decimal comma variant.
python3 - "$data" $c/figures <<'PY'
import json, sys
data, out = sys.argv[1:]
g = json.load(open(f"{data}/fetched/cbs-2022/kerncijfers_gemeenten.json", encoding="utf-8"))["Gemeente"]
rows = list(g.items())[:25]
with open(f"{out}/kerncijfers.csv", "w", encoding="utf-8") as f:
    f.write("gemeentecode,naam,inwoners,armoede_pct\n")
    for code, v in rows:
        f.write(f"{code},{v['Naam']},{v['Population']},{v['_poverty_pct']}\n")
with open(f"{out}/kerncijfers-excel.csv", "w", encoding="cp1252", errors="replace") as f:
    f.write("Gemeentecode;Gemeentenaam;Inwoners;Armoede pct\n")
    for code, v in rows:
        f.write(f"{code};{v['Naam']};{v['Population']};{str(v['_poverty_pct']).replace('.', ',')};\n".rstrip(';\n') + "\n")
PY

# Herindeling: slices of the project's own 2015 → 2025 table.
h=../data/herindeling/gemeenten_2015_2025.csv
head -40 "$h" > $c/herindeling/head.csv
awk -F, 'NR == 1 || ($6 != "merger" && n++ < 30)' "$h" > $c/herindeling/splits.csv
printf 'Oude code;Nieuwe code;Datum\nGM0381;GM1942;01-01-2016\nGM0424;GM1942;01-01-2016\nGM0425;GM1942;01-01-2016\n' > $c/herindeling/cbs.csv
# A chain of 60 dated steps with a split every tenth step and a merger right after (the
# shape that once took minutes): chains must be followed in time linear in the table.
awk 'BEGIN { print "old_code,new_code,date"; cur = 5000; half = 0
  for (k = 1; k <= 60; k++) {
    d = sprintf("%d-01-01", 1950 + k); nxt = 5000 + k
    if (k % 10 == 0 && !half) { printf "GM%04d,GM%04d,%s\nGM%04d,GM%04d,%s\n", cur, nxt, d, cur, 9000 + k, d; half = 9000 + k }
    else { printf "GM%04d,GM%04d,%s\n", cur, nxt, d; if (half) printf "GM%04d,GM%04d,%s\n", half, nxt, d; half = 0 }
    cur = nxt } }' > $c/herindeling/chain.csv

# Gemeenten at full detail: one ring of 20,000 vertices, and one of 20,000 that crosses
# itself (validation once took time quadratic in the vertex count).
python3 - $c/geojson <<'PY'
import json, math, sys
def ring(n, bow):
    pts = [[5.2 + 0.1 * math.cos(2 * math.pi * k / n), 52.1 + 0.06 * math.sin(2 * math.pi * k / n) * (math.cos(2 * math.pi * k / n) if bow else 1)] for k in range(n)]
    return [[round(x, 7), round(y, 7)] for x, y in pts] + [pts[0]]
for name, bow in [("many_vertices", False), ("many_vertices_bowtie", True)]:
    f = {"type": "Feature", "properties": {"statcode": "GM0344", "statnaam": "Utrecht"},
         "geometry": {"type": "Polygon", "coordinates": [ring(20000, bow)]}}
    json.dump({"type": "FeatureCollection", "features": [f]}, open(f"{sys.argv[1]}/{name}.geojson", "w"))
PY

# GIS formats: the real test files (made by tests/data/gis/make_gis.py).
cp $data/gis/jeugdzorgregio.topojson $data/gis/regions.topojson $c/topojson/
cp $data/gis/jeugdzorgregio.shp $data/gis/jeugdzorgregio.dbf $data/gis/gemeente_rd.dbf $c/shapefile/
cp $data/gis/regions.gpkg $c/geopackage/

echo "seeds: $(find $c -type f | wc -l) files in $(pwd)/$c"
