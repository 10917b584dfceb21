"""Hostile text through every output of ``verduurzaming plan``: it comes out as inert text.

The demo inputs get complex, corporation and wijk names with HTML, a ``</script>`` break-out,
Excel formulas (``=HYPERLINK``, ``@SUM``, ``+316...``, ``-5``), a right-to-left override, emoji,
quotes, ``;`` and newlines, a JS template literal and a 10,000-character name
(``helpers_vijandig.VIJANDIG``). One real ``plan`` run (subprocess); then every output is read
back: the CSVs (text intact, formula-like cells behind a leading ``'``), the workbook (text
cells, no formula anywhere), the map (nothing executable, the text present once decoded) and
the GeoPackage (names intact). The headless-browser check of a hostile map is in
``test_kaart_browser.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import helpers_vijandig as H
import pytest

NAAM_KOLOMMEN = {  # output CSV -> name columns that must carry the hostile names
    "complexen.csv": ["corporatie", "complex_naam"],
    "plan_complexen.csv": ["corporatie", "complex_naam"],
    "plan_corporatie_jaar.csv": ["corporatie"],
}
SOORT = {"complex_naam": "complex_naam", "corporatie": "corporatie", "wijk_naam": "wijk_naam"}


@pytest.fixture(scope="module")
def vijandig(tmp_path_factory):
    invoer = tmp_path_factory.mktemp("vijandig_invoer")
    scenario, namen = H.bouw_vijandige_invoer(invoer)
    uit = tmp_path_factory.mktemp("vijandig_uit")
    r = H.draai_plan(uit, "--scenario", str(scenario))
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    return uit, namen


def test_invoer_bevat_alle_vijandige_teksten(vijandig):
    _, namen = vijandig
    alle = set().union(*namen.values())
    for s in H.VIJANDIG:
        assert s in namen["complex_naam"], s
    assert len(namen["wijk_naam"]) >= 10
    assert H.LANG in alle and max(map(len, alle)) == 10_000


# ------------------------------------------------------------------ CSV

@pytest.mark.parametrize("bestand", sorted(NAAM_KOLOMMEN))
def test_csv_tekst_intact_en_formules_afgeschermd(vijandig, bestand):
    uit, namen = vijandig
    df = H.lees_csv(uit / bestand)
    for kol in NAAM_KOLOMMEN[bestand]:
        verwacht = namen[kol]
        gezien = set()
        for v in df[kol]:
            passend = [e for e in verwacht if H.zonder_guard(v, e)]
            assert passend, f"{bestand}.{kol}: {v[:80]!r} is geen (afgeschermde) invoernaam"
            gezien.update(passend)
        assert gezien == verwacht, f"{bestand}.{kol}: ontbreekt {sorted(x[:40] for x in verwacht - gezien)}"
    # no cell anywhere in the file starts like a formula without the guard
    for kol in df.columns:
        for v in df[kol]:
            assert not v.startswith(("=", "@")), f"{bestand}.{kol}: onafgeschermde formule {v[:60]!r}"


def test_csv_scheidingsteken_en_regels_niet_verschoven(vijandig):
    """A ';' or newline inside a name must not shift columns: every row has all fields, ids are ids."""
    uit, _ = vijandig
    for bestand in H.UITVOER_CSV:
        df = H.lees_csv(uit / bestand)
        if "complex_id" in df and len(df):
            assert df["complex_id"].str.fullmatch(r"[0-9A-Za-z_.-]+").all(), bestand
        if "jaar" in df and len(df):
            assert df["jaar"].str.fullmatch(r"(20\d\d)?").all(), bestand


# ------------------------------------------------------------------ workbook

def test_werkboek_alleen_tekst_nooit_formule(vijandig):
    from openpyxl import load_workbook
    uit, namen = vijandig
    pad = uit / "verduurzamingsplan.xlsx"
    for deel, xml in H.werkboek_xml(pad).items():
        assert not re.search(r"<f[\s>/]", xml), f"formule in {deel}"
    wb = load_workbook(pad)
    gevonden: set[str] = set()
    alle = set().union(*namen.values())
    for ws in wb.worksheets:
        for rij in ws.iter_rows():
            for c in rij:
                if isinstance(c.value, str):
                    assert c.data_type == "s", (ws.title, c.coordinate, c.value[:60])
                    if c.value in alle:
                        gevonden.add(c.value)
                        if c.value.startswith(H.FORMULE_START):
                            assert c.quotePrefix, (ws.title, c.coordinate, c.value[:60])
    assert gevonden == alle, sorted(x[:40] for x in alle - gevonden)
    # the names are where they belong: Planning has every complex name and corporation
    ws = wb["Planning"]
    kop = [c.value for c in ws[1]]  # hidden machine names; row 2 holds the Dutch headers
    rijen = list(ws.iter_rows(min_row=3, values_only=True))
    plan_namen = {r[kop.index("complex_naam")] for r in rijen if r[0] is not None}
    assert namen["complex_naam"] <= plan_namen
    assert namen["corporatie"] <= {r[kop.index("corporatie")] for r in rijen}
    wijk = {r[1] for r in wb["Wijken"].iter_rows(min_row=2, values_only=True)}
    assert namen["wijk_naam"] <= wijk


# ------------------------------------------------------------------ map

def test_kaart_niets_uitvoerbaar(vijandig):
    uit, _ = vijandig
    ruw = (uit / "kaart.html").read_text(encoding="utf-8")
    laag = ruw.lower()
    assert "<img src=x" not in laag
    assert "onerror=alert" not in laag.replace("&lt;img src=x onerror=alert", "") \
        .replace("\\u0026lt;img src=x onerror=alert", "")
    assert "<script>alert" not in laag
    assert "${alert" not in ruw and "`sjabloon`" not in ruw
    # exactly the script elements of the template: each <script ...> closed once, none opened by data
    opens = len(re.findall(r"<script[\s>]", laag))
    assert opens == laag.count("</script>"), (opens, laag.count("</script>"))
    assert opens <= 12, opens
    # HTML-level: an element parser sees no <img> and no inline event handler
    from html.parser import HTMLParser

    class P(HTMLParser):
        tags: list = []

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, dict(attrs)))

    p = P()
    p.tags = []
    p.feed(ruw)
    assert not [t for t, _ in p.tags if t == "img"]
    assert not [a for _, a in p.tags if any(k.startswith("on") for k in a)]


def test_kaart_toont_de_tekst(vijandig):
    uit, namen = vijandig
    tekst = H.ontsleutel((uit / "kaart.html").read_text(encoding="utf-8"))
    for soort in ("complex_naam", "corporatie", "wijk_naam"):
        for s in namen[soort]:
            zichtbaar = s.replace("\n", " ").replace("\r", " ")
            assert zichtbaar in tekst, f"{soort} {s[:50]!r} niet (leesbaar) op de kaart"


# ------------------------------------------------------------------ GeoPackage

def test_geopackage_namen_intact(vijandig):
    uit, namen = vijandig
    lagen = H.gpkg_lagen(uit / "plan.gpkg")
    assert set(lagen["complexen"]["complex_naam"]) == namen["complex_naam"]
    assert set(lagen["complexen"]["corporatie"]) == namen["corporatie"]
    assert set(lagen["wijken"]["wijk_naam"]) == namen["wijk_naam"]


def test_bevindingen_en_uitvoer_zonder_traceback(vijandig):
    uit, _ = vijandig
    for naam in H.UITVOER:
        assert (uit / naam).stat().st_size > 0, naam
    assert not [p.name for p in Path(uit).iterdir() if p.name.startswith(".")]
