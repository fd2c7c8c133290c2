"""Independent check of the region profiles of SWV VO 23-05 and jeugdzorgregio JZ07
IJsselland (tests/cli_report.rs), with pandas and GeoPandas, not with speelveld.

From the law's postcode table (swv/regio_indeling_swv_pc4.csv): each 2015 gemeente's share
in an SWV is the share of its postcode areas. Those shares are carried to the 2025
gemeenten by the area of each 2015 gemeente's pieces (CBS polygons, RD New; pieces under
8 % and 4 km2 of the old gemeente are boundary noise). JZ07's gemeenten are the 2025
gemeenten with their largest area share in JZ07's polygon. Inhabitants and land are the
CBS kerncijfers 2021 (none of these gemeenten changed between 2021 and 2025).

Run: python3 tests/data/check_region_profile.py (needs pandas and geopandas).
"""
from pathlib import Path

import geopandas as gpd
import pandas as pd

T = str(Path(__file__).resolve().parent)
pc = pd.read_csv(f"{T}/swv/regio_indeling_swv_pc4.csv", dtype=str)
print("pc4 rows", len(pc))
def law_shares(col):
    c = pc.dropna(subset=[col]).groupby(["gemeente", col]).size().rename("n").reset_index()
    c["share"] = c["n"] / c.groupby("gemeente")["n"].transform("sum")
    return c
vo, po = law_shares("swv_vo"), law_shares("swv_po")
print("\n2015 law: VO2305 gemeenten (pc4 share):")
print(vo[vo.swv_vo == "VO2305"][["gemeente", "n", "share"]].to_string(index=False))
# 2015 -> 2025 by area overlay (RD New)
g15 = gpd.read_file(f"{T}/cbs/2015/gemeente.geojson").to_crs(28992)
g25 = gpd.read_file(f"{T}/cbs/2025/gemeente.geojson").to_crs(28992)
g15["a15"] = g15.area
ov = gpd.overlay(g15[["statcode", "statnaam", "a15", "geometry"]].rename(columns={"statcode": "old", "statnaam": "old_name"}),
                 g25[["statcode", "statnaam", "geometry"]].rename(columns={"statcode": "new", "statnaam": "new_name"}), how="intersection", keep_geom_type=True)
ov["piece"] = ov.area
ov = ov[(ov.piece / ov.a15 >= 0.08) & (ov.piece >= 4e6) | (ov.piece / ov.a15 > 0.5)]
# 2015 names in the law table are gemeente names of 2015
def carried(sh, col, code):
    s = sh[sh[col] == code].set_index("gemeente")["share"]
    x = ov.copy()
    x["w"] = x.old_name.map(s).fillna(0) * x.piece
    tot = x.groupby(["new", "new_name"]).piece.sum()
    got = x.groupby(["new", "new_name"]).w.sum()
    r = (got / tot).rename("share").reset_index()
    return r[r.share > 1e-6]
print("\n2025 (carried by area): VO2305")
print(carried(vo, "swv_vo", "VO2305").to_string(index=False))
print("\n2025 (carried by area): PO2305")
print(carried(po, "swv_po", "PO2305").to_string(index=False))
# JZ07: largest area share of each 2025 gemeente in the jeugdzorgregio polygons
jz = gpd.read_file(f"{T}/cbs/2025/jeugdzorgregio.geojson").to_crs(28992)
o = gpd.overlay(g25[["statcode", "statnaam", "geometry"]], jz[["statcode", "statnaam", "geometry"]].rename(columns={"statcode": "jz", "statnaam": "jz_name"}), how="intersection", keep_geom_type=True)
o["a"] = o.area
best = o.sort_values("a").groupby("statcode").tail(1)
mem = best[best.jz == "JZ07"][["statcode", "statnaam"]].sort_values("statcode")
print("\nJZ07 members (largest share):", len(mem)); print(mem.to_string(index=False))
# JZ07 x swv-vo / swv-po overlaps (2025 shares carried by area)
for col, sh in (("swv_vo", vo), ("swv_po", po)):
    rows = []
    for code in sorted(sh[col].unique()):
        c = carried(sh, col, code)
        c = c[c.new.isin(mem.statcode)]
        if len(c):
            rows.append((code, round(float(c.share.sum()), 3), ", ".join(f"{n} ({s:.0%})" if s < 0.999 else n for n, s in zip(c.new_name, c.share))))
    print(f"\nJZ07 x {col}:")
    for r in rows: print(" ", r)
k = pd.read_csv(f"{T}/cbs/2021/kerncijfers_gemeenten_2021.csv", dtype={"gemeentecode": str})
for n, c in (("VO2305", carried(vo, "swv_vo", "VO2305").new), ("JZ07", mem.statcode)):
    s = k[k.gemeentecode.isin(set(c))]
    print(n, "inwoners", s.inwoners.sum(), "land_km2", round(s.land_km2.sum(), 1))
