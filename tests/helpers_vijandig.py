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

UITVOER_CSV = ["bevindingen.csv", "complexen.csv", "plan_complexen.csv", "plan_corporatie_jaar.csv",
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


def zonder_folium_ids(html: bytes | str) -> str:
    """The map with folium's random element ids (``map_<32 hex>``) replaced by a constant."""
    tekst = html.decode("utf-8") if isinstance(html, bytes) else html
    return re.sub(r"[0-9a-f]{32}", "ID", tekst)
