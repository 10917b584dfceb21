"""Shared pieces for the robustness tests (tests/test_robuust_*.py).

- ``VIJANDIG``: hostile texts (HTML, script break-out, Excel formulas, right-to-left mark, emoji,
  quotes, separators and newlines, 10,000 characters);
- ``bouw_vijandige_invoer``: the demo inputs copied to a folder with those texts as complex,
  corporation and wijk names, plus a scenario that uses them;
- ``draai_plan``: ``python -m verduurzaming plan`` as a real subprocess;
- readers that turn every output into plain Python values for comparison.
"""

from __future__ import annotations

import csv
import html
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEMO_LABELS = ROOT / "data" / "labels"
DEMO_WIJKEN = ROOT / "wijken"

UITVOER_CSV = ["bevindingen.csv", "complexen.csv", "plan_werken.csv", "plan_complexen.csv", "plan_corporatie_jaar.csv",
               "plan_wijk_jaar.csv", "schendingen.csv"]
UITVOER = [*UITVOER_CSV, "verduurzamingsplan.xlsx", "kaart.html", "plan.gpkg"]

LANG = "Lang" + "".join("abcdefghij"[i % 10] for i in range(9996))  # 10,000 characters
assert len(LANG) == 10_000

VIJANDIG: list[str] = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '=HYPERLINK("http://x","klik")',
    "+31612345678",
    "-5",
    "@SUM(A1)",
    "Rechts\u202enaar links",
    "Emoji 🏠🔥👩‍👩‍👧 ok",
    "Aanhalingstekens \"dubbel\" en 'enkel'",
    "Punt;komma; en\nnieuwe regel",
    LANG,
    "${alert(1)} `sjabloon` \\u003c \\",
]
# the two corporations and the wijk names carry several hostile pieces each
CORP_A = '=HYPERLINK("http://x","klik") <img src=x onerror=alert(1)> 🏠'
CORP_B = "@SUM(A1) </script><script>alert(1)</script> \u202e \"x\";'y'"
FORMULE_START = ("=", "+", "-", "@", "\t", "\r")


def complexnaam(i: int) -> str:
    return VIJANDIG[i % len(VIJANDIG)]


def bouw_vijandige_invoer(map_: Path) -> tuple[Path, dict[str, set[str]]]:
    """Demo inputs with hostile names in ``map_``; returns the scenario and the names per kind.

    Complex names (Woonstede complex table and WonenPlus VHE rows) cycle through ``VIJANDIG``;
    the corporations are ``CORP_A`` / ``CORP_B``; the wijk names in the GeoPackage and the TVW
    schedule are hostile too.
    """
    import geopandas as gpd

    map_ = Path(map_)
    map_.mkdir(parents=True, exist_ok=True)
    # Woonstede: complex table and VHE export (cp1252 in the demo; written back as UTF-8)
    cx = pd.read_csv(DEMO_LABELS / "woonstede_complexen.csv", sep=";", dtype=str, keep_default_na=False,
                     encoding="cp1252")
    cx["Complexnaam"] = [complexnaam(i) for i in range(len(cx))]
    cx["Corporatie"] = CORP_A
    cx.to_csv(map_ / "a_complexen.csv", sep=";", index=False, encoding="utf-8-sig", quoting=csv.QUOTE_ALL)
    vhe = pd.read_csv(DEMO_LABELS / "woonstede_vhe.csv", sep=";", dtype=str, keep_default_na=False,
                      encoding="cp1252")
    vhe["Corporatie"] = CORP_A
    vhe.to_csv(map_ / "a_vhe.csv", sep=";", index=False, encoding="utf-8-sig", quoting=csv.QUOTE_ALL)
    # WonenPlus: the XLSX as CSV (complex attributes on the VHE rows)
    wp = pd.read_excel(DEMO_LABELS / "wonenplus_vhe.xlsx", dtype=str, keep_default_na=False)
    codes = list(dict.fromkeys(wp["Complex"]))
    namen_b = {c: complexnaam(len(cx) + i) for i, c in enumerate(codes)}
    wp["Complexnaam"] = wp["Complex"].map(namen_b)
    wp["Corporatie"] = CORP_B
    wp.to_csv(map_ / "b_vhe.csv", sep=";", index=False, encoding="utf-8-sig", quoting=csv.QUOTE_ALL)
    shutil.copy(DEMO_LABELS / "ep_online_voorbeeldstad.csv", map_ / "ep_online.csv")
    # wijken: hostile names in the GeoPackage and in the TVW schedule
    wk = gpd.read_file(DEMO_WIJKEN / "voorbeeldstad_wijken.gpkg", layer="wijken")
    wijknamen = {c: VIJANDIG[(i + 3) % len(VIJANDIG)] for i, c in enumerate(wk["wijkcode"])}
    wk["wijknaam"] = wk["wijkcode"].map(wijknamen)
    wk.to_file(map_ / "wijken.gpkg", layer="wijken", driver="GPKG")
    # what the GeoPackage holds is the input (GDAL ends a text at a NUL byte)
    wk = gpd.read_file(map_ / "wijken.gpkg", layer="wijken")
    tvw = pd.read_csv(DEMO_WIJKEN / "transitievisie.csv", sep=";", dtype=str, keep_default_na=False)
    tvw["wijk_naam"] = tvw["wijk_code"].map(wijknamen).fillna(tvw["wijk_naam"])
    tvw.to_csv(map_ / "transitievisie.csv", sep=";", index=False, encoding="utf-8", quoting=csv.QUOTE_ALL)

    def toml_str(s: str) -> str:
        return '"' + "".join(c if c not in '"\\\n' and ord(c) >= 0x20 else f"\\u{ord(c):04x}" for c in s) + '"'

    scenario = map_ / "scenario.toml"
    scenario.write_text(f"""[scenario]
naam = {toml_str("Vijandig " + VIJANDIG[0] + VIJANDIG[2])}
peildatum = 2026-01-01
startjaar = 2026
eindjaar = 2035
deadline = 2028

[invoer]
vhe = ["a_vhe.csv", "b_vhe.csv"]
complexen = ["a_complexen.csv"]
ep_online = ["ep_online.csv"]
wijken = "wijken.gpkg"
wijken_laag = "wijken"
transitievisie = "transitievisie.csv"

[corporatie.{toml_str(CORP_A)}]
capaciteit_woningen = 600
budget_eur = 12_000_000

[corporatie.{toml_str(CORP_B)}]
capaciteit_woningen = 350
budget_eur = 7_000_000
""", encoding="utf-8")
    namen = {"complex_naam": set(cx["Complexnaam"]) | set(namen_b.values()),
             "corporatie": {CORP_A, CORP_B},
             "wijk_naam": set(wijknamen.values())}
    return scenario, namen


def plan_commando(uitvoer: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "verduurzaming", "plan", "--uitvoer", str(uitvoer), *args]


def omgeving() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "VERDUURZAMING_DEBUG"}
    env["PYTHONHASHSEED"] = "random"  # set iteration must not leak into the outputs
    env["COLUMNS"] = "200"
    return env


def draai_plan(uitvoer: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """``python -m verduurzaming plan --uitvoer uitvoer *args`` in a fresh interpreter."""
    return subprocess.run(plan_commando(uitvoer, *args), cwd=ROOT, env=omgeving(), capture_output=True,
                          text=True, timeout=timeout)


def lees_csv(pad: Path) -> pd.DataFrame:
    """An output CSV as text, exactly as written (no NA guessing, no number parsing)."""
    return pd.read_csv(pad, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def zonder_guard(waarde: str, origineel: str) -> bool:
    """``waarde`` as read back is ``origineel``, or ``origineel`` behind the formula guard ``'``."""
    if waarde == origineel:
        return not origineel.startswith(("=", "@"))  # these must be guarded
    return origineel.startswith(FORMULE_START) and waarde == "'" + origineel


def werkboek_cellen(pad: Path, overslaan: dict[str, set[int]] | None = None) -> dict[str, list[tuple]]:
    """Per sheet the cell values row by row (read-only openpyxl); rows in ``overslaan[sheet]`` left out."""
    from openpyxl import load_workbook
    wb = load_workbook(pad, read_only=True, data_only=False)
    uit = {}
    for ws in wb.worksheets:
        rijen = []
        for r, rij in enumerate(ws.iter_rows(values_only=True), start=1):
            if overslaan and r in overslaan.get(ws.title, set()):
                continue
            rijen.append(tuple(rij))
        uit[ws.title] = rijen
    wb.close()
    return uit


def werkboek_xml(pad: Path) -> dict[str, str]:
    """The sheet XML parts of an XLSX, by part name."""
    with zipfile.ZipFile(pad) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/sheet")}


def gpkg_lagen(pad: Path) -> dict[str, pd.DataFrame]:
    """The attribute tables of the GeoPackage layers, geometry as WKB hex (for exact comparison)."""
    import geopandas as gpd
    import pyogrio
    uit = {}
    for laag, soort in pyogrio.list_layers(pad):
        if soort is None:  # attribute table (QGIS layer_styles)
            uit[str(laag)] = pyogrio.read_dataframe(pad, layer=laag)
            continue
        g = gpd.read_file(pad, layer=laag, engine="pyogrio")
        df = pd.DataFrame(g.drop(columns=g.geometry.name))
        df["_wkb"] = g.geometry.to_wkb(hex=True)
        uit[str(laag)] = df
    return uit


_JSON_ESC = re.compile(r"\\(u[0-9a-fA-F]{4}|[\\\"/bfnrt])")
_EENVOUDIG = {"\\": "\\", '"': '"', "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def ontsleutel(tekst: str) -> str:
    """The map's text as a reader sees it: JSON string escapes, then HTML entities (twice: text
    inside an HTML attribute in a JSON blob)."""
    s = _JSON_ESC.sub(lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] == "u" else _EENVOUDIG[m.group(1)],
                      tekst)
    s = s.encode("utf-16", "surrogatepass").decode("utf-16")  # \ud83c\udfe0 pairs -> one emoji
    return html.unescape(html.unescape(s))


# ------------------------------------------------------------------ template, row and terminal payloads

#: texts that must stay data in every output: Jinja (folium renders the page twice through it),
#: JS template literals, a script break-out, CSV formulas after a CR or LF, rich markup, an ESC
#: sequence and a NUL byte. No payload contains the strings SPOREN look for, so any of those in
#: an output means a payload was evaluated.
SJABLONEN: list[str] = [
    "Flat {{7*191}}",
    "{{ lipsum.__globals__.os.popen('echo PW''NED').read() }}",
    "{{ lipsum.__globals__.os.popen(dict(id=1)|first).read() }}",  # no quotes: HTML escaping does not stop it
    "{{ (dict(PW=1)|first) ~ (dict(NED=1)|first) }}",
    "{% if 1 %}X{% endif %}",
    "{# c #}",
    "${alert(1)}",
    "</script><script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "x\r=cmd|' /C calc'!A0",
    "y\n=1+1",
    "[/x]",
    "[bold]x",
    "\x1b[31mRood\x1b[0m",
    "Nul\x00byte",
    "`backtick` \\ '\"; komma",
]
#: what an evaluated payload leaves behind ("Flat {{7*191}}", the output of ``id``, the joined PW+NED;
#: a bare "1337" may be part of a folium element id or a number)
SPOREN = ("Flat 1337", "uid=", "PWNED")
_STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def zonder_stuurtekens(s: str) -> str:
    """The text as the outputs must show it: control characters removed (tab, CR, LF kept)."""
    return _STUURTEKENS.sub("", s)


def sjabloon(i: int) -> str:
    return SJABLONEN[i % len(SJABLONEN)]


def bouw_sjabloon_invoer(map_: Path) -> tuple[Path, dict[str, set[str]]]:
    """Small inputs with a payload in every text field of every input; returns the scenario and,
    per field, the texts the outputs must show (control characters removed).

    One dwelling per complex and one corporation per complex, ``len(SJABLONEN)`` of each: VHE
    number, complex number, corporation, complex name (complex table), woningtype; wijk and
    gemeente names (GeoPackage); wijk name, strategy and note (TVW); scenario and package name.
    """
    import geopandas as gpd

    map_ = Path(map_)
    map_.mkdir(parents=True, exist_ok=True)
    n = len(SJABLONEN)
    wijken = [f"WK9999{k:02d}" for k in range(14)]
    labels = ["E", "F", "G", "D", "C"]
    # a long note per row: the readers take a NUL in the first 8 KB for a binary file, so the
    # payloads (the NUL one is #14) come after that
    opmerking = "Opmerking " + "lang " * 400
    vhe_kop = ["VHE-nummer", "Complexnummer", "Corporatie", "Postcode", "Huisnummer", "Bouwjaar", "Woningtype",
               "Gebruiksoppervlakte (m²)", "Energielabel", "Registratiedatum label", "Wijkcode", "Opmerking"]
    vhe = [[sjabloon(i), sjabloon(i + 1), sjabloon(i + 2), "9960 AA", str(i + 1), "1965",
            "eengezinswoning" if i % 2 else sjabloon(i + 4), "86,1", labels[i % len(labels)], "08-10-2023",
            wijken[i % len(wijken)], opmerking] for i in range(n)]
    cx = [["Complexnummer", "Corporatie", "Complexnaam", "Onderhoudsjaar", "Opmerking"]] + \
        [[sjabloon(i + 1), sjabloon(i + 2), sjabloon(i + 3), "2030", opmerking] for i in range(n)]
    for naam, tabel in (("vhe.csv", [vhe_kop] + vhe), ("complexen.csv", cx)):
        with open(map_ / naam, "w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(tabel)
    wk = gpd.read_file(DEMO_WIJKEN / "voorbeeldstad_wijken.gpkg", layer="wijken")
    wk["wijknaam"] = [sjabloon(i + 5) for i in range(len(wk))]
    wk["gemeentenaam"] = sjabloon(6)
    wk.to_file(map_ / "wijken.gpkg", layer="wijken", driver="GPKG")
    # what the GeoPackage holds is the input (GDAL ends a text at a NUL byte)
    wk = gpd.read_file(map_ / "wijken.gpkg", layer="wijken")
    tvw = pd.read_csv(DEMO_WIJKEN / "transitievisie.csv", sep=";", dtype=str, keep_default_na=False)
    tvw["wijk_naam"] = [sjabloon(i + 5) for i in range(len(tvw))]
    tvw["toelichting"] = [sjabloon(i + 7) for i in range(len(tvw))]
    tvw["opmerking"] = opmerking
    tvw.loc[tvw.index[7], "strategie"] = sjabloon(12)  # unknown strategy: a finding that echoes it
    with open(map_ / "transitievisie.csv", "w", encoding="utf-8", newline="") as f:
        tvw.to_csv(f, sep=";", index=False, quoting=csv.QUOTE_ALL, lineterminator="\n")

    def toml_str(s: str) -> str:
        return '"' + "".join(c if c not in '"\\' and 0x20 <= ord(c) != 0x7f else f"\\u{ord(c):04x}" for c in s) + '"'

    pakket = sjabloon(0) + " " + sjabloon(7)
    scenario = map_ / "scenario.toml"
    scenario.write_text(f"""[scenario]
naam = {toml_str(sjabloon(1) + sjabloon(12))}
peildatum = 2026-01-01
startjaar = 2026
eindjaar = 2032
deadline = 2028

[invoer]
vhe = ["vhe.csv"]
complexen = ["complexen.csv"]
wijken = "wijken.gpkg"
wijken_laag = "wijken"
transitievisie = "transitievisie.csv"

[corporatie.standaard]
capaciteit_woningen = 100
budget_eur = 10_000_000
""" + "".join(f"""
[maatregelen.{p}]
naam = {toml_str(pakket)}
""" for p in ("schil_basis", "schil_standaard", "schil_hybride", "hybride_wp", "all_electric", "warmtenet")), encoding="utf-8")
    schoon = zonder_stuurtekens
    verwacht = {
        "vhe_id": {schoon(sjabloon(i)) for i in range(n)},
        "complex_id": {schoon(sjabloon(i + 1)) for i in range(n)},
        "corporatie": {schoon(sjabloon(i + 2)) for i in range(n)},
        "complex_naam": {schoon(sjabloon(i + 3)) for i in range(n)},
        "wijk_naam": {schoon(x) for x in wk["wijknaam"]},
        "gemeente_naam": {schoon(x) for x in wk["gemeentenaam"]},
        "pakket_naam": {schoon(pakket)},
    }
    return scenario, verwacht


def valideer_commando(uitvoer: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "verduurzaming", "valideer", "--uitvoer", str(uitvoer), *args]
