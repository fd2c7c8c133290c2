"""Writes the workbooks the spreadsheet tests read, from the real data committed in tests/data
and data/ (CBS/Kadaster, CC BY 4.0).

    python3 tests/data/excel/make_excel.py

Needs geopandas, pandas, openpyxl, odfpy (for .ods), xlwt (for .xls) and msoffcrypto-tool
(for the password-protected copy). Each workbook is
written with a library other than speelveld's, so the tests read files that Excel-like
tools made. Beside every workbook it writes the same rows as a CSV (semicolon-separated,
as a Dutch Excel saves it), the independent truth the tests compare with.

- koppelcodes.xlsx: a KoppelCodes-like table (Gemeentecode, Gemeentenaam,
  Veiligheidsregiocode, Veiligheidsregionaam, Provinciecode, Provincienaam, as CBS heads
  its "gemeenten alfabetisch" workbook) of the 342 gemeenten of 2025. Sheet "getallen": a title
  row and a blank row above the header, gemeente codes typed as numbers (14, 363). Sheet
  "tekst": codes as text with their leading zeros ("0014"). Sheet "toelichting": a note
  only (text, no table), as such workbooks have. Sheet "leeg": empty.
- koppelcodes_wachtwoord.xlsx: the same workbook protected by the password "geheim"
  (msoffcrypto-tool), as Excel encrypts it.
- koppelcodes.csv: the same rows (codes GM0014), the truth.
- koppelcodes.ods, koppelcodes.xls: sheet "tekst" as OpenDocument and Excel 97-2003.
- swv_pc4.xlsx: the SWV table of the law (tests/data/swv/regio_indeling_swv_pc4.csv), every
  cell as text, on a sheet "bijlage".
- kerncijfers.xlsx: the key figures of the 352 gemeenten of 2021 (the embedded CBS
  figures, tests/data/cbs/2021/kerncijfers_gemeenten_2021.csv) with numbers as numbers and
  a date column (peildatum, typed as a date).

The veiligheidsregio of a gemeente is the one of tests/data/players_2025.csv (its
representative point), named from data/cbs/2025/veiligheidsregio.geojson; its provincie is
the polygon of tests/data/cbs/2025/provincie.geojson that covers the representative point
of its polygon in tests/data/cbs/2025/gemeente.geojson (computed here with GeoPandas).
"""

import datetime
import os
import sys

import geopandas as gpd
import openpyxl
import pandas as pd
from openpyxl.styles import Font

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(DATA))


def koppelcodes():
    spatial = pd.read_csv(os.path.join(DATA, "cbs/2025/gemeente_regions_spatial.csv"))
    players = pd.read_csv(os.path.join(DATA, "players_2025.csv"))
    vr = gpd.read_file(os.path.join(REPO, "data/cbs/2025/veiligheidsregio.geojson"))
    vr_names = dict(zip(vr["statcode"], vr["statnaam"]))
    gm = gpd.read_file(os.path.join(DATA, "cbs/2025/gemeente.geojson"))
    pv = gpd.read_file(os.path.join(DATA, "cbs/2025/provincie.geojson"))
    points = gm[["statcode", "geometry"]].copy()
    points["geometry"] = gm.geometry.representative_point()
    joined = gpd.sjoin(points, pv[["statcode", "statnaam", "geometry"]], predicate="within")
    if len(joined) != len(gm) or joined["statcode_left"].duplicated().any():
        sys.exit("every gemeente's point should lie in exactly one provincie")
    pv_of = dict(zip(joined["statcode_left"], zip(joined["statcode_right"], joined["statnaam"])))
    rows = []
    vr_of = dict(zip(players["statcode"], players["veiligheidsregio"]))
    for code, name in zip(spatial["statcode"], spatial["statnaam"]):
        v = vr_of[code]
        p, pname = pv_of[code]
        rows.append((code, name, v, vr_names[v], p, pname))
    rows.sort()
    return rows


HEADER = [
    "Gemeentecode",
    "Gemeentenaam",
    "Veiligheidsregiocode",
    "Veiligheidsregionaam",
    "Provinciecode",
    "Provincienaam",
]


def write_koppelcodes(rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "getallen"
    ws.append(["Gemeenten met hun veiligheidsregio en provincie, 1 januari 2025"])
    ws.append([])
    ws.append(HEADER)
    for c in ws[3]:
        c.font = Font(bold=True)
    for code, *rest in rows:
        ws.append([int(code[2:])] + rest)
    ws2 = wb.create_sheet("tekst")
    ws2.append(HEADER)
    for code, *rest in rows:
        ws2.append([code[2:]] + rest)
        ws2.cell(row=ws2.max_row, column=1).number_format = "@"
    ws3 = wb.create_sheet("toelichting")
    ws3.append(["Bron: CBS/Kadaster, CC BY 4.0"])
    wb.create_sheet("leeg")
    wb.save(os.path.join(HERE, "koppelcodes.xlsx"))

    import msoffcrypto

    with open(os.path.join(HERE, "koppelcodes.xlsx"), "rb") as plain:
        office = msoffcrypto.OfficeFile(plain)
        with open(os.path.join(HERE, "koppelcodes_wachtwoord.xlsx"), "wb") as locked:
            office.encrypt("geheim", locked)

    with open(os.path.join(HERE, "koppelcodes.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(";".join(HEADER) + "\n")
        for r in rows:
            f.write(";".join(r) + "\n")

    text = pd.DataFrame([[code[2:]] + rest for code, *rest in rows], columns=HEADER)
    with pd.ExcelWriter(os.path.join(HERE, "koppelcodes.ods"), engine="odf") as w:
        text.to_excel(w, sheet_name="tekst", index=False)

    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("tekst")
    for c, h in enumerate(HEADER):
        sheet.write(0, c, h)
    for r, (code, *rest) in enumerate(rows, start=1):
        sheet.write(r, 0, code[2:])
        for c, v in enumerate(rest, start=1):
            sheet.write(r, c, v)
    book.save(os.path.join(HERE, "koppelcodes.xls"))


def write_kerncijfers():
    k = pd.read_csv(os.path.join(DATA, "cbs/2021/kerncijfers_gemeenten_2021.csv"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "kerncijfers 2021"
    ws.append(list(k.columns) + ["peildatum"])
    for row in k.itertuples(index=False):
        values = [row[0]] + [float(v) if "." in str(v) else int(v) for v in row[1:]]
        ws.append(values + [datetime.date(2021, 1, 1)])
        ws.cell(row=ws.max_row, column=len(values) + 1).number_format = "dd-mm-yyyy"
    wb.save(os.path.join(HERE, "kerncijfers.xlsx"))


def write_swv():
    swv = pd.read_csv(os.path.join(DATA, "swv/regio_indeling_swv_pc4.csv"), dtype=str)
    with pd.ExcelWriter(os.path.join(HERE, "swv_pc4.xlsx"), engine="openpyxl") as w:
        swv.to_excel(w, sheet_name="bijlage", index=False)


def main():
    rows = koppelcodes()
    write_koppelcodes(rows)
    write_kerncijfers()
    write_swv()
    print(f"{len(rows)} gemeenten written")


if __name__ == "__main__":
    main()
