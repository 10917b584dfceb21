"""Write the corpus of bad input files in this folder: each file holds one fault seen in real exports.

Run from anywhere: ``python tests/data/bad/maak_bestanden.py``. Deterministic (no clock, fixed
bytes for the binary files, fixed dates in the XLSX properties). Files whose name starts with
``_`` are good companions (a small clean VHE export, a complex table) that the bad files are
combined with; ``tests/test_slechte_invoer.py`` says how each file is run and what it must give.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import random
from pathlib import Path

HIER = Path(__file__).resolve().parent
ROOT = HIER.parents[2]
DEMO_GPKG = ROOT / "wijken" / "voorbeeldstad_wijken.gpkg"

KOP = ["VHE-nummer", "Complexnummer", "Corporatie", "Postcode", "Huisnummer", "Toevoeging", "Bouwjaar",
       "Woningtype", "Gebruiksoppervlakte (m²)", "Energielabel", "EP2 (kWh/m²)", "Registratiedatum label",
       "Wijkcode"]
CORP = "Testcorporatie"
# 6 dwellings in 2 complexes; C1 lies in WK999900 (Centrum), C2 in WK999903 (Bloemenbuurt).
# Label and EP2 agree with the NTA 8800 bands.
BASIS = [
    ["2000001", "C1", CORP, "9960 AA", "1", "", "1965", "eengezinswoning", "86,1", "D", "276,96", "08-10-2023", "WK999900"],
    ["2000002", "C1", CORP, "9960 AA", "3", "", "1965", "tussenwoning", "90,0", "E", "300,50", "08-10-2023", "WK999900"],
    ["2000003", "C1", CORP, "9960 AA", "5", "", "1965", "hoekwoning", "95,4", "C", "230,00", "08-10-2023", "WK999900"],
    ["2000004", "C2", CORP, "9961 AB", "10", "A", "1972", "portiekflat", "61,5", "B", "180,00", "12-03-2022", "WK999903"],
    ["2000005", "C2", CORP, "9961 AB", "10", "B", "1972", "portiekflat", "61,5", "A", "140,25", "12-03-2022", "WK999903"],
    ["2000006", "C2", CORP, "9961 AB", "12", "", "1972", "galerijflat", "70,2", "F", "350,00", "12-03-2022", "WK999903"],
]
# representative points of the demo wijken (RD New)
PUNT = {"C1": ("155332,6", "444750,3"), "C2": ("156747,9", "444716,0")}
CX_KOP = ["Complexnummer", "Corporatie", "Complexnaam", "X", "Y", "Monument", "Sloopjaar", "Onderhoudsjaar"]


def rijen(kop=KOP, data=BASIS):
    return [list(kop)] + [list(r) for r in data]


def kol(naam: str, kop=KOP) -> int:
    return kop.index(naam)


def zet(data, rij: int, kolom: str, waarde: str, kop=KOP):
    data = [list(r) for r in data]
    data[rij][kol(kolom, kop)] = waarde
    return data


def zonder_kolom(kop, data, naam):
    i = kop.index(naam)
    return [c for j, c in enumerate(kop) if j != i], [[c for j, c in enumerate(r) if j != i] for r in data]


def csv_tekst(tabel, sep=";", eol="\n") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator=eol, quoting=csv.QUOTE_MINIMAL)
    for r in tabel:
        w.writerow(r)
    return buf.getvalue()


def schrijf(naam: str, inhoud: str | bytes, encoding: str = "utf-8") -> None:
    pad = HIER / naam
    pad.write_bytes(inhoud if isinstance(inhoud, bytes) else inhoud.encode(encoding))


def schrijf_csv(naam: str, tabel, sep=";", encoding="utf-8", eol="\n", voor: str = "", na: str = "") -> None:
    schrijf(naam, voor + csv_tekst(tabel, sep, eol) + na, encoding)


def basis_getallen_punt():
    """The base rows with decimal points instead of commas."""
    uit = []
    for r in BASIS:
        r = list(r)
        for k in ("Gebruiksoppervlakte (m²)", "EP2 (kWh/m²)"):
            r[kol(k)] = r[kol(k)].replace(",", ".")
        uit.append(r)
    return uit


def complexen(punten=None, kop=CX_KOP, extra=()):
    punten = punten or PUNT
    data = [[c, CORP, f"Complex {c}", x, y, "nee", "", "2030"] for c, (x, y) in punten.items()]
    return [list(kop)] + data + [list(r) for r in extra]


# ------------------------------------------------------------------ CSV corporation exports

def maak_csv() -> None:
    kop_zw, data_zw = zonder_kolom(KOP, BASIS, "Wijkcode")
    schrijf_csv("_basis_vhe.csv", [kop_zw] + data_zw)  # good companion: no wijkcode, joins by X/Y
    schrijf_csv("_basis_complexen.csv", complexen())

    schrijf_csv("scheiding_komma_decimaalpunt.csv", rijen(data=basis_getallen_punt()), sep=",")
    schrijf_csv("scheiding_tab.csv", rijen(), sep="\t")
    schrijf_csv("scheiding_tab_utf16.txt", rijen(), sep="\t", encoding="utf-16")
    d = zet(BASIS, 0, "Gebruiksoppervlakte (m²)", "1.234,5")
    d = zet(d, 1, "EP2 (kWh/m²)", "1.300,00")  # EP2 with a thousand dot, out of range of the label E
    schrijf_csv("duizendpunten.csv", rijen(data=d))
    schrijf("cp1252_met_bom.csv", b"\xef\xbb\xbf" + csv_tekst(rijen()).encode("cp1252"))
    schrijf("utf8_met_bom.csv", "\ufeff" + csv_tekst(rijen(), eol="\r\n"))
    schrijf_csv("cp1252_crlf.csv", rijen(), encoding="cp1252", eol="\r\n")
    schrijf_csv("titelblok.csv", rijen(), voor="Overzicht bezit Testcorporatie;;;\nPeildatum: 01-01-2026;;\n\n")
    schrijf_csv("totaalregel.csv", rijen() + [["Totaal", "", "", "", "", "", "", "", "464,7", "", "", "", ""]])
    schrijf_csv("kopregel_herhaald.csv", rijen(data=BASIS[:3]) + [KOP] + BASIS[3:])
    tekst = csv_tekst(rijen()).splitlines()
    schrijf("lege_regels.csv", "\n".join(tekst[:3] + ["", ";;;;;;;;;;;;", ""] + tekst[3:]) + "\n\n\n")
    d = zet(BASIS, 0, "EP2 (kWh/m²)", "n.v.t.")
    d = zet(d, 1, "Gebruiksoppervlakte (m²)", "-")
    d = zet(d, 2, "Bouwjaar", "?")
    schrijf_csv("nvt_in_getallen.csv", rijen(data=d))
    d = [list(r) for r in BASIS]
    for i, (lab, ep2) in enumerate([("A+", ""), ("a", ""), (" C ", ""), ("Label B", ""), ("geen", ""), ("b", "")]):
        d[i][kol("Energielabel")], d[i][kol("EP2 (kWh/m²)")] = lab, ep2
    schrijf_csv("label_schrijfwijzen.csv", rijen(data=d))
    schrijf_csv("label_H.csv", rijen(data=zet(zet(BASIS, 2, "Energielabel", "H"), 2, "EP2 (kWh/m²)", "")))
    schrijf_csv("label_A5plus.csv", rijen(data=zet(zet(BASIS, 3, "Energielabel", "A+++++"), 3, "EP2 (kWh/m²)", "")))
    schrijf_csv("ep2_nul.csv", rijen(data=zet(BASIS, 1, "EP2 (kWh/m²)", "0")))
    schrijf_csv("ep2_9999.csv", rijen(data=zet(BASIS, 4, "EP2 (kWh/m²)", "9999")))
    schrijf_csv("ep2_tegenspraak_label.csv", rijen(data=zet(BASIS, 3, "EP2 (kWh/m²)", "312,40")))
    d = [list(r) for r in BASIS] + [list(BASIS[1])]
    d[-1][kol("Energielabel")], d[-1][kol("EP2 (kWh/m²)")] = "B", "185,00"
    schrijf_csv("dubbel_vhe_ander_label.csv", rijen(data=d))
    d = zet(BASIS, 0, "Bouwjaar", "1066")
    d = zet(d, 4, "Bouwjaar", "2150")
    schrijf_csv("bouwjaar_onmogelijk.csv", rijen(data=d))
    kop_s = KOP + ["Sloopjaar"]
    d = [r + [""] for r in BASIS]
    d[3][-1] = "1850"
    schrijf_csv("sloopjaar_1850.csv", [kop_s] + d)
    schrijf_csv("wijkcode_onbekend.csv", rijen(data=zet(zet(BASIS, 0, "Wijkcode", "WK999950"), 1, "Wijkcode", "WK999950")))
    kop_g, data_g = zonder_kolom(KOP, BASIS, "VHE-nummer")
    schrijf_csv("geen_vhe_kolom.csv", [kop_g] + data_g)
    kop_g, data_g = zonder_kolom(*zonder_kolom(KOP, BASIS, "Energielabel"), "EP2 (kWh/m²)")
    schrijf_csv("geen_label_en_geen_ep2_kolom.csv", [kop_g] + data_g)
    schrijf_csv("alleen_kopregel.csv", [KOP])
    schrijf("leeg_0_bytes.csv", b"")
    schrijf("alleen_witruimte.csv", b"\r\n  \r\n\t\r\n")
    rnd = random.Random(20250707)
    schrijf("binair.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rnd.randrange(256) for _ in range(400)))
    d = zet(BASIS, 0, "Corporatie", "Testcorporatie; afdeling Noord")
    d = zet(d, 3, "Woningtype", 'portiekflat "De Toren"; blok A')
    schrijf_csv("aanhalingstekens_met_puntkomma.csv", rijen(data=d))
    tekst = csv_tekst(rijen()).splitlines()
    tekst[3] = tekst[3] + ";extra;nog een veld"
    schrijf("te_veel_velden.csv", "\n".join(tekst) + "\n")
    d = zet(BASIS, 2, "VHE-nummer", "")
    d = zet(d, 4, "Complexnummer", "n.v.t.")
    schrijf_csv("vhe_en_complex_leeg.csv", rijen(data=d))
    schrijf_csv("registratiedatum_toekomst.csv", rijen(data=zet(BASIS, 0, "Registratiedatum label", "01-06-2031")))
    # a complex with the same number at two corporations, and a complex table without a corporation column
    d = zet(zet(BASIS, 3, "Corporatie", "Andere Woonstichting"), 4, "Corporatie", "Andere Woonstichting")
    d = zet(zet(d, 3, "Complexnummer", "C1"), 4, "Complexnummer", "C1")
    d = [r[:-1] for r in d]
    schrijf_csv("complex_twee_corporaties_vhe.csv", [KOP[:-1]] + d)
    cx = complexen()
    schrijf_csv("complex_twee_corporaties_complexen.csv",
                [[c for j, c in enumerate(r) if j != 1] for r in cx])

    # complex tables (with _basis_vhe.csv)
    from pyproj import Transformer
    naar_wgs = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)
    lon, lat = naar_wgs.transform(155332.6, 444750.3)
    p = dict(PUNT)
    p["C1"] = (f"{lon:.6f}".replace(".", ","), f"{lat:.6f}".replace(".", ","))
    schrijf_csv("coordinaten_wgs84_als_rd.csv", complexen(p))
    kop_ll = ["Complexnummer", "Corporatie", "Complexnaam", "Lengtegraad", "Breedtegraad", "Monument",
              "Sloopjaar", "Onderhoudsjaar"]
    schrijf_csv("coordinaten_rd_als_wgs84.csv", complexen(kop=kop_ll))
    p = dict(PUNT)
    p["C2"] = ("60000,0", "560000,0")  # North Sea, west of Den Helder
    schrijf_csv("punt_in_zee.csv", complexen(p))
    p = dict(PUNT)
    p["C2"] = ("640000,0", "900000,0")
    schrijf_csv("punt_buiten_nederland.csv", complexen(p))
    p = dict(PUNT)
    p["C1"] = ("140000,0", "440000,0")  # on land, but outside Voorbeeldstad
    schrijf_csv("complex_buiten_wijken.csv", complexen(p))
    schrijf_csv("complex_zonder_woningen.csv",
                complexen(extra=[["C9", CORP, "Complex zonder VHE", "155300,0", "444700,0", "nee", "", "2031"]]))
    schrijf_csv("complex_dubbel.csv",
                complexen(extra=[["C1", CORP, "Nog eens C1", "155300,0", "444700,0", "ja", "", "2031"]]))
    cx = complexen()
    cx[1][5] = "misschien"  # monument
    schrijf_csv("complex_janee_onleesbaar.csv", cx)
    # text that must stay data: control characters (removed, with a finding), Jinja and rich markup
    # (the map renders twice through Jinja; the terminal summary used to read markup), and a CR or
    # LF before a formula in a name (the CSV writer must quote it, or a spreadsheet runs a new row)
    schrijf_csv("tekst_stuurtekens.csv", rijen(data=zet(BASIS, 2, "VHE-nummer", "2000003\x1b[0m\x9b2J")))
    d = [r if r[1] != "C2" else zet([r], 0, "Corporatie", "Wonen [/x] {{7*191}} [bold]")[0] for r in BASIS]
    schrijf_csv("tekst_sjabloon_en_markup.csv", rijen(data=zet(d, 0, "Woningtype", "{{ lipsum }} {% if 1 %}")))
    cx = complexen()
    cx[1][2] = "Flat\r=cmd|' /C calc'!A0"
    cx[2][2] = '=HYPERLINK("http://x")\nregel 2'
    schrijf_csv("complex_naam_cr_formule.csv", cx, eol="\r\n")  # CRLF: the csv module then quotes the CR


# ------------------------------------------------------------------ XLSX

def _vaste_eigenschappen(wb) -> None:
    vast = dt.datetime(2025, 1, 1)
    wb.properties.created = vast
    wb.properties.modified = vast
    wb.properties.creator = "maak_bestanden.py"


def _getal(s: str):
    try:
        return float(s.replace(",", ".")) if "," in s else int(s)
    except ValueError:
        return s


def _data_xlsx(data):
    return [[_getal(c) if j in (kol("Huisnummer"), kol("Bouwjaar"), kol("Gebruiksoppervlakte (m²)"),
                                  kol("EP2 (kWh/m²)")) else c for j, c in enumerate(r)] for r in data]


def _bewaar(wb, naam: str) -> None:
    _vaste_eigenschappen(wb)
    wb.save(HIER / naam)


def maak_xlsx() -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bezit"
    ws.append(["Overzicht bezit Testcorporatie (peildatum 01-01-2026)"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(KOP))
    groepen = ["Object", None, None, "Adres", None, None, "Woning", None, None, "Energieprestatie", None, None, "Ligging"]
    ws.append(groepen)
    for a, b in ((1, 3), (4, 6), (7, 9), (10, 12)):
        ws.merge_cells(start_row=2, start_column=a, end_row=2, end_column=b)
    ws.append(KOP)
    for r in _data_xlsx(BASIS):
        ws.append(r)
    _bewaar(wb, "xlsx_samengevoegde_kopcellen.xlsx")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "VHE"
    ws.append(["Label", None, None, None, None, None, None, None, None, None, None, None, None])
    ws.merge_cells("A1:C1")  # merged cells inside the header row itself
    ws["A1"] = "VHE-nummer"
    for j, naam in enumerate(KOP[3:], start=4):
        ws.cell(row=1, column=j, value=naam)
    for r in _data_xlsx(BASIS):
        ws.append(r)
    _bewaar(wb, "xlsx_samengevoegde_kopregel.xlsx")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Toelichting"
    ws.append(["Deze werkmap bevat de VHE-export; zie het andere tabblad."])
    data = wb.create_sheet("Data")
    data.append(KOP)
    for r in _data_xlsx(BASIS):
        data.append(r)
    data.sheet_state = "hidden"
    _bewaar(wb, "xlsx_alleen_verborgen_blad.xlsx")

    wb = openpyxl.Workbook()
    oud = wb.active
    oud.title = "Oud 2019"
    oud.append(KOP)
    for r in _data_xlsx(BASIS):
        oud.append(r)
    for r in _data_xlsx(BASIS):
        oud.append(r)
    oud.sheet_state = "hidden"
    ws = wb.create_sheet("VHE")
    ws.append(KOP)
    for r in _data_xlsx(BASIS[:4]):
        ws.append(r)
    _bewaar(wb, "xlsx_verborgen_blad_eerst.xlsx")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "VHE"
    ws.append(KOP)
    for r in _data_xlsx(BASIS):
        ws.append(r)
    ws.append([])
    ws.append(["Totaal", None, None, None, None, None, None, None, "=SUM(I2:I7)"])
    _bewaar(wb, "xlsx_totaalregel.xlsx")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "VHE"
    ws.append(KOP)
    d = _data_xlsx(BASIS)
    d[1][kol("EP2 (kWh/m²)")] = "#DIV/0!"
    d[2][kol("Gebruiksoppervlakte (m²)")] = "#N/B"
    for r in d:
        ws.append(r)
    _bewaar(wb, "xlsx_excel_foutwaarden.xlsx")

    wb = openpyxl.Workbook()
    wb.active.title = "Blad1"
    _bewaar(wb, "xlsx_leeg_werkblad.xlsx")

    schrijf("xlsx_is_eigenlijk_csv.xlsx", csv_tekst(rijen()))
    buf = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active.append(KOP)
    for r in _data_xlsx(BASIS):
        wb.active.append(r)
    _vaste_eigenschappen(wb)
    wb.save(buf)
    schrijf("csv_is_eigenlijk_xlsx.csv", buf.getvalue())
    schrijf("xlsx_afgebroken.xlsx", buf.getvalue()[: len(buf.getvalue()) // 2])


# ------------------------------------------------------------------ geometries

def maak_geo() -> None:
    import geopandas as gpd
    import shapely
    from shapely.geometry import Polygon

    os.environ.setdefault("OGR_CURRENT_DATE", "2025-01-01T00:00:00Z")
    w = gpd.read_file(DEMO_GPKG, layer="wijken", engine="pyogrio")

    def gpkg(gdf, naam, laag="wijken"):
        pad = HIER / naam
        if pad.exists():
            pad.unlink()
        gdf.to_file(pad, layer=laag, driver="GPKG", engine="pyogrio")

    def geojson(obj, naam):
        schrijf(naam, json.dumps(obj, ensure_ascii=False, indent=1))

    # a bow-tie (self-intersecting) polygon for Centrum: C1's point lies in its left lobe
    ongeldig = w.copy()
    x0, y0 = 155332.6 + 500, 444750.3
    strik = Polygon([(x0 - 900, y0 - 900), (x0 + 900, y0 + 900), (x0 + 900, y0 - 900), (x0 - 900, y0 + 900)])
    ongeldig.loc[ongeldig.index[0], "geometry"] = strik
    gpkg(ongeldig, "wijken_zelfdoorsnijdend.gpkg")

    # GeoJSON (WGS84, as RFC 7946 requires) with a self-intersecting ring and one with a hole outside its shell
    ll = w.to_crs("EPSG:4326")
    feats = json.loads(ll.to_json(drop_id=True))
    c = ll.geometry.iloc[1].centroid
    d = 0.01
    feats["features"][1]["geometry"] = {"type": "Polygon", "coordinates": [[
        [c.x - d, c.y - d], [c.x + d, c.y + d], [c.x + d, c.y - d], [c.x - d, c.y + d], [c.x - d, c.y - d]]]}
    c = ll.geometry.iloc[2].centroid
    feats["features"][2]["geometry"] = {"type": "Polygon", "coordinates": [
        [[c.x - d, c.y - d], [c.x + d, c.y - d], [c.x + d, c.y + d], [c.x - d, c.y + d], [c.x - d, c.y - d]],
        [[c.x + 2 * d, c.y], [c.x + 3 * d, c.y], [c.x + 3 * d, c.y + d], [c.x + 2 * d, c.y]]]}
    feats.pop("crs", None)
    geojson(feats, "wijken_ongeldige_polygonen.geojson")

    # GeoJSON without a crs member but with RD New coordinates (GDAL assumes WGS84)
    rd = json.loads(w.to_json(drop_id=True))
    rd.pop("crs", None)
    for f in rd["features"]:
        f["geometry"] = json.loads(json.dumps(shapely.geometry.mapping(
            shapely.set_precision(shapely.from_geojson(json.dumps(f["geometry"])), 0.01))))
    geojson(rd, "wijken_geojson_rd_zonder_crs.geojson")

    # lon/lat coordinates in a GeoPackage declared as EPSG:28992
    verkeerd = ll.set_crs("EPSG:28992", allow_override=True)
    gpkg(verkeerd, "wijken_wgs84_als_rd.gpkg")

    # RD coordinates declared as EPSG:4326
    gpkg(w.set_crs("EPSG:4326", allow_override=True), "wijken_rd_als_wgs84.gpkg")

    # wrong layer: only gemeenten, no wijkcode column
    gem = w.dissolve(by="gemeentecode", as_index=False)[["gemeentecode", "gemeentenaam", "geometry"]]
    gpkg(gem, "wijken_verkeerde_laag.gpkg", laag="gemeenten")

    # wijken without a wijkcode column
    geen = w.drop(columns=["wijkcode"]).rename(columns={"wijknaam": "naam"})
    geojson(json.loads(geen.to_crs("EPSG:4326").to_json(drop_id=True)), "wijken_geen_wijkcode.geojson")

    # geometries missing the wijken the VHE export names (only Centrum present)
    gpkg(w.iloc[[0]], "wijken_onvolledig.gpkg")

    # invalid wijkcodes in the geometries
    slecht = w.copy()
    slecht["wijkcode"] = slecht["wijkcode"].astype(object)
    slecht.loc[slecht.index[4], "wijkcode"] = "wijk 4"
    slecht.loc[slecht.index[5], "wijkcode"] = None
    gpkg(slecht, "wijken_ongeldige_wijkcode.gpkg")

    schrijf("wijken_leeg.gpkg", b"")
    rnd = random.Random(4242)
    schrijf("wijken_binair.gpkg", b"SQLite format 3\x00" + bytes(rnd.randrange(256) for _ in range(600)))
    schrijf("wijken_kapotte_json.geojson", '{"type": "FeatureCollection", "features": [{"type": "Feature", ')


# ------------------------------------------------------------------ hostile files (issue 11)

def _zip(naam: str, delen: list[tuple[str, bytes]]) -> None:
    """A zip with fixed dates; the first part stored (as ODF requires for 'mimetype')."""
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i, (deel, inhoud) in enumerate(delen):
            info = zipfile.ZipInfo(deel, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if i == 0 else zipfile.ZIP_DEFLATED
            z.writestr(info, inhoud)
    schrijf(naam, buf.getvalue())


def _cfb(stromen: list[str]) -> bytes:
    """The start of an OLE2 Compound File: header sector and one directory sector naming ``stromen``
    (enough for the reader to tell a password-protected workbook from an old .xls)."""
    kop = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    kop = kop.ljust(512, b"\x00")
    mappen = b""
    for naam in ["Root Entry", *stromen]:
        n = (naam + "\x00").encode("utf-16-le")
        mappen += n.ljust(64, b"\x00") + len(n).to_bytes(2, "little") + bytes(62)
    return kop + mappen.ljust(512, b"\x00") + bytes(random.Random(11).randrange(256) for _ in range(512))


def _xlsx_bewerkt(naam: str, vervang: dict[bytes, bytes], extra: list[tuple[str, bytes]] = ()) -> None:
    """The clean base workbook with its XML edited where openpyxl will not write what a hostile file holds."""
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "VHE"
    wb.active.append(KOP)
    for r in _data_xlsx(BASIS):
        wb.active.append(r)
    _vaste_eigenschappen(wb)
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as z:
        delen = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    uit = []
    for deel, inhoud in delen:
        if deel == "xl/worksheets/sheet1.xml" or deel.endswith((".rels", "].xml")):
            for oud, nieuw in vervang.items():
                inhoud = inhoud.replace(oud, nieuw)
        uit.append((deel, inhoud))
    # [Content_Types].xml first, as Excel writes it
    uit.sort(key=lambda d: d[0] != "[Content_Types].xml")
    _zip(naam, uit + list(extra))


def maak_vijandig() -> None:
    import openpyxl

    tekst = csv_tekst(rijen()).splitlines()
    # an opening quote in row 4 that is never closed: rows 4-7 would become one cell
    tekst_q = list(tekst)
    tekst_q[3] = tekst_q[3].replace(";hoekwoning;", ';"hoekwoning;')
    schrijf("aanhalingsteken_niet_gesloten.csv", "\n".join(tekst_q) + "\n")
    # an opening quote in row 3 closed by a stray quote in row 6: rows 3-6 would become one record
    tekst_q = list(tekst)
    tekst_q[2] = tekst_q[2].replace(";tussenwoning;", ';"tussenwoning;')
    tekst_q[5] = tekst_q[5].replace(";portiekflat;", ';portiekflat";')
    schrijf("aanhalingsteken_sluit_later.csv", "\n".join(tekst_q) + "\n")
    # a remark of 140,000 characters in the first lines (beyond csv's default field limit of 131,072)
    rnd = random.Random(7)
    lang = "".join(rnd.choice("abcdefghij ") for _ in range(140_000))
    schrijf_csv("lang_veld.csv", [KOP + ["Opmerking"]] + [r + [lang if i == 0 else ""] for i, r in enumerate(BASIS)])
    # EP2 in Arabic-Indic and full-width digits, labels empty: the class must come from the EP2
    d = zet(BASIS, 0, "EP2 (kWh/m²)", "٢٧٦,٩٦")
    d = zet(zet(d, 1, "EP2 (kWh/m²)", "３００,５０"), 1, "Energielabel", "")
    d = zet(zet(d, 5, "EP2 (kWh/m²)", "٣٥٠٫٠٠"), 5, "Energielabel", "")
    d = zet(d, 2, "Bouwjaar", "١٩٦٥")
    schrijf_csv("ep2_andere_cijfers.csv", rijen(data=d))
    # UTF-16 without a byte order mark (what some database tools write)
    schrijf_csv("utf16_zonder_bom.csv", rijen(), encoding="utf-16-le")
    # a password-protected workbook is an OLE2 container, whatever its extension
    schrijf("wachtwoord_beveiligd.xlsx", _cfb(["EncryptionInfo", "EncryptedPackage"]))
    # OpenDocument spreadsheets, with their own and with a misleading extension
    ods = [("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
           ("META-INF/manifest.xml", b'<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            b'opendocument:xmlns:manifest:1.0"/>'),
           ("content.xml", b'<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:'
            b'opendocument:xmlns:office:1.0"/>')]
    _zip("rekenblad.ods", ods)
    _zip("ods_als_xlsx.xlsx", ods)

    # formulas without a stored result (openpyxl, like most programs, stores none): label and EP2 of rows 3 and 4
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "VHE"
    ws.append(KOP)
    d = _data_xlsx(BASIS)
    d[1][kol("EP2 (kWh/m²)")] = "=300.5"
    d[1][kol("Energielabel")] = '=IF(B3="C1","E","")'
    d[2][kol("EP2 (kWh/m²)")] = "=115*2"
    for r in d:
        ws.append(r)
    _bewaar(wb, "xlsx_formules_zonder_waarde.xlsx")

    # the complex number merged over the rows of its dwellings
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "VHE"
    ws.append(KOP)
    d = _data_xlsx(BASIS)
    for i in (1, 2, 4, 5):
        d[i][kol("Complexnummer")] = None
    for r in d:
        ws.append(r)
    ws.merge_cells("B2:B4")
    ws.merge_cells("B5:B7")
    _bewaar(wb, "xlsx_samengevoegde_datacellen.xlsx")

    # a cell longer than Excel allows (openpyxl cuts at 32,767 characters, so the sheet XML is edited)
    lang = ("portiekflat " * 4000).encode()
    _xlsx_bewerkt("xlsx_lange_cel.xlsx", {b'<c r="H5" t="inlineStr"><is><t>portiekflat</t></is></c>':
                                          b'<c r="H5" t="inlineStr"><is><t>' + lang + b"</t></is></c>"})
    # a zip bomb: one shared string of 60 MB packs into a file of about 60 KB
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    _xlsx_bewerkt("xlsx_zipbom.xlsx", {
        b'<c r="H2" t="inlineStr"><is><t>eengezinswoning</t></is></c>': b'<c r="H2" t="s"><v>0</v></c>',
        b"</Types>": b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                     b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        b"</Relationships>": b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                             b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'},
        [("xl/sharedStrings.xml", b'<sst xmlns="' + main + b'" count="1" uniqueCount="1"><si><t>'
          + b"A" * 60_000_000 + b"</t></si></sst>")])

    # one workbook with a VHE sheet and a Complexen sheet, given as --vhe and as --complexen
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "VHE"
    kop_zw, data_zw = zonder_kolom(KOP, BASIS, "Wijkcode")
    ws.append(kop_zw)
    for r in data_zw:
        ws.append([_getal(c) if kop_zw[j] in ("Huisnummer", "Bouwjaar") else c for j, c in enumerate(r)])
    cx = wb.create_sheet("Complexen")
    for r in complexen():
        cx.append(r)
    _bewaar(wb, "werkmap_vhe_en_complexen.xlsx")

    # CBS postcode-buurt tables: a repeated address, and an unclosed quote
    pc_kop = ["PC6", "Huisnummer", "Buurt2024", "Wijk2024", "Gemeente2024"]
    pc = [["9960AA", "1", "99990001", "999900", "9999"], ["9960AA", "3", "99990001", "999900", "9999"],
          ["9960AA", "5", "99990001", "999900", "9999"], ["9961AB", "10", "99990302", "999903", "9999"],
          ["9961AB", "12", "99990302", "999903", "9999"]]
    schrijf_csv("postcode_buurt_dubbel.csv", [pc_kop] + pc + [["9960AA", "3", "99990302", "999903", "9999"]])
    tekst_pc = csv_tekst([pc_kop] + pc).splitlines()
    tekst_pc[3] = tekst_pc[3].replace(";99990001;", ';"99990001;')
    schrijf("postcode_buurt_aanhalingsteken.csv", "\n".join(tekst_pc) + "\n")


def maak_geo_lagen() -> None:
    """A GeoPackage with two equally good wijken layers (two CBS years)."""
    import geopandas as gpd

    os.environ.setdefault("OGR_CURRENT_DATE", "2025-01-01T00:00:00Z")
    w = gpd.read_file(DEMO_GPKG, layer="wijken", engine="pyogrio")
    pad = HIER / "wijken_twee_lagen.gpkg"
    if pad.exists():
        pad.unlink()
    w.to_file(pad, layer="wijken_2023", driver="GPKG", engine="pyogrio")
    w.to_file(pad, layer="wijken_2024", driver="GPKG", engine="pyogrio")


# ------------------------------------------------------------------ TVW, EP-online, scenarios

TVW_KOP = ["wijk_code", "wijk_naam", "strategie", "wup_start", "wup_gereed", "uitvoering_start",
           "uitvoering_eind", "aardgasvrij_jaar"]


def maak_tvw_ep_scenario() -> None:
    schrijf_csv("tvw_wup_eindigt_voor_start.csv", [TVW_KOP,
                ["WK999900", "Centrum", "warmtenet", "", "", "", "", ""],
                ["WK999901", "Oude Haven", "warmtenet", "2028", "2027", "2029", "2034", "2035"]])
    schrijf_csv("tvw_onbekende_strategie.csv", [TVW_KOP,
                ["WK999900", "Centrum", "kernfusie", "", "", "", "", ""],
                ["WK999903", "Bloemenbuurt", "all-electric", "2022", "2023", "2024", "2028", "2029"]])
    schrijf_csv("tvw_wijk_onbekend.csv", [TVW_KOP,
                ["WK999900", "Centrum", "warmtenet", "", "", "", "", ""],
                ["WK999977", "Nergens", "hybride", "2027", "2028", "", "", ""]])
    schrijf_csv("tvw_jaar_onleesbaar.csv", [TVW_KOP,
                ["WK999900", "Centrum", "warmtenet", "volgend jaar", "", "", "", "1850"]])
    schrijf_csv("tvw_geen_wijkkolom.csv", [["naam", "strategie"], ["Centrum", "warmtenet"]])
    schrijf_csv("tvw_stuurtekens.csv", [TVW_KOP, ["WK999900", "Centrum\x1b]0;titel\x07", "warmtenet", "", "", "", "", ""]])

    ep_kop = ["Pand_opnamedatum", "Pand_energieklasse", "Pand_postcode", "Pand_huisnummer",
              "Pand_huisnummer_toev", "Pand_primaire_fossiele_energie", "Pand_energieindex"]
    ep = [["20250301", "B", "9960AA", "1", "", "180,50", ""],
          ["20250301", "A", "9960AA", "3", "", "150,00", ""]]
    schrijf_csv("ep_online_preambule.csv", [ep_kop] + ep,
                voor="EP-online open data;;;\nGegenereerd op 2025-06-01;;;\nBron: RVO;;;\n")
    ep_fout = [["20250301", "B", "9960AA", "1", "", "180,50", ""], ["2025-13-45", "A", "9960AA", "3", "", "150,00", ""],
               ["20250301", "B", "ABCDEF", "5", "", "180,00", ""]]
    schrijf_csv("ep_online_datum_en_postcode_fout.csv", [ep_kop] + ep_fout)
    schrijf_csv("ep_online_geen_postcode.csv", [[c for c in ep_kop if c != "Pand_postcode"]] +
                [[c for j, c in enumerate(r) if j != 2] for r in ep])

    wijken = "../../../wijken/voorbeeldstad_wijken.gpkg"
    basis = f'[invoer]\nvhe = "_basis_vhe.csv"\ncomplexen = "_basis_complexen.csv"\nwijken = "{wijken}"\n'
    schrijf("scenario_onbekende_sleutel.toml", basis + "\n[scenario]\npeildatum = 2026-01-01\nbudjet = 5\n")
    schrijf("scenario_negatief_budget.toml", basis + '\n[corporatie."Testcorporatie"]\nbudget_eur = -1_000_000\n')
    schrijf("scenario_ongeldige_toml.toml", basis + "\n[scenario\npeildatum = 2026-01-01\n")
    schrijf("scenario_sectie_geen_tabel.toml", 'invoer = "_basis_vhe.csv"\n')
    schrijf("scenario_doelen_geen_tabel.toml", 'doelen = "B in 2030"\n' + basis)
    schrijf("scenario_corporatie_geen_tabel.toml", 'corporatie = 5\n' + basis)
    schrijf("scenario_capaciteit_oneindig.toml", basis + '\n[corporatie.standaard]\ncapaciteit_woningen = inf\n')
    schrijf("scenario_budget_nan.toml", basis + '\n[corporatie.standaard]\nbudget_eur = nan\n')
    schrijf("scenario_strikt_tekst.toml", '[scenario]\nstrikt = "nee"\n' + basis)
    schrijf("scenario_kolommen_geen_tekst.toml", basis + "\n[kolommen]\nvhe_id = 3\n")
    schrijf("scenario_peildatum_onzin.toml", basis + '\n[scenario]\npeildatum = "gisteren"\n')
    schrijf("scenario_bestand_ontbreekt.toml", '[invoer]\nvhe = "bestaat_niet.csv"\n')
    schrijf("scenario_verkeerde_laag.toml", basis + 'wijken_laag = "wijk"\n')
    schrijf("scenario_binair.toml", b"\xff\xfe\x00\x01binair\x00\x9c")
    schrijf("scenario_leeg.toml", b"")


# impossible values, wrong forms and unknown keys per section (issue 11): (file, text under the basis)
SCENARIO_WAARDEN = [
    ("scenario_ep2_effect_250.toml", "[maatregelen.schil_basis]\nep2_reductie_pct = 250\n"),
    ("scenario_pakketkosten_nan.toml", "[maatregelen.schil_standaard]\nkosten_factor = nan\n"),
    ("scenario_pakketkosten_negatief.toml", "[maatregelen.hybride_wp]\nkosten_factor = -0.5\n"),
    ("scenario_pakket_onbekende_kolom.toml", "[maatregelen.schil_basis]\nprijs = 5000\n"),
    ("scenario_pakket_onbekend.toml", "[maatregelen.ketel]\nkosten_factor = 2\n"),
    ("scenario_co2_doel_tekst.toml", '[doelen]\nco2_reductie_pct = "22"\n'),
    ("scenario_co2_doel_lijst.toml", "[doelen]\nco2_reductie_pct = [22, 2030]\n"),
    ("scenario_co2_doel_boven_100.toml", "[doelen]\nco2_reductie_pct = { 2030 = 122 }\n"),
    ("scenario_doel_label_onbekend.toml", '[doelen]\ngemiddeld_label = { 2030 = "H" }\n'),
    ("scenario_doeljaar_voor_start.toml", "[scenario]\nstartjaar = 2026\n\n[doelen]\npv_woningen = { 2024 = 10 }\n"),
    ("scenario_doelen_onbekende_sleutel.toml", "[doelen]\nco2_reductie = { 2030 = 22 }\n"),
    ("scenario_zon_tekst.toml", '[zon]\npaneel_wp = "420"\n'),
    ("scenario_zon_onbekende_sleutel.toml", "[zon]\npanelen_per_woning = 8\n"),
    ("scenario_factor_negatief.toml", "[factoren]\naardgas = -1.78\n"),
    ("scenario_kolommen_onbekend.toml", '[kolommen]\nvhe_nummer = "Eenheid"\n'),
    ("scenario_uitvoer_onbekend.toml", '[uitvoer]\nmap = "rapporten"\n'),
    ("scenario_korting_boven_100.toml", "[gewichten]\ndmjop_korting_pct = 150\n"),
    ("scenario_eindjaar_voor_startjaar.toml", "[scenario]\nstartjaar = 2030\neindjaar = 2026\n"),
    ("scenario_peildatum_2040.toml", "[scenario]\npeildatum = 2040-01-01\nstartjaar = 2026\neindjaar = 2035\n"),
    ("scenario_peildatum_30_februari.toml", '[scenario]\npeildatum = "30-02-2026"\n'),
    ("scenario_startjaar_tekst.toml", '[scenario]\nstartjaar = "2026"\n'),
    ("scenario_solver_gap_procent.toml", "[scenario]\nsolver_gap = 5\n"),
    ("scenario_capaciteit_per_jaar_negatief.toml", '[corporatie."Testcorporatie"]\ncapaciteit_per_jaar = { 2027 = -10 }\n'),
    ("scenario_budget_per_jaar_geen_jaar.toml", "[corporatie.standaard]\nbudget_per_jaar = { volgend_jaar = 1 }\n"),
    ("scenario_corporatie_onbekende_sleutel.toml", "[corporatie.standaard]\nbudjet_eur = 5\n"),
]


def maak_scenario_waarden() -> None:
    wijken = "../../../wijken/voorbeeldstad_wijken.gpkg"
    basis = f'[invoer]\nvhe = "_basis_vhe.csv"\ncomplexen = "_basis_complexen.csv"\nwijken = "{wijken}"\n\n'
    for naam, tekst in SCENARIO_WAARDEN:
        schrijf(naam, basis + tekst)


def main() -> None:
    for p in HIER.iterdir():
        if p.is_file() and p.name != Path(__file__).name and p.suffix != ".md":
            p.unlink()
    maak_csv()
    maak_xlsx()
    maak_geo()
    maak_tvw_ep_scenario()
    maak_vijandig()
    maak_geo_lagen()
    maak_scenario_waarden()
    n = sum(1 for p in HIER.iterdir() if p.is_file() and p.name != Path(__file__).name and not p.name.startswith("_"))
    print(f"{n} slechte bestanden geschreven in {HIER}")


if __name__ == "__main__":
    main()
