"""The workbook: sheets, headers, totals against the plan, formats, charts, safety, LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from werkboek_helpers import INJECTIES, synthetisch

from verduurzaming import labels as L
from verduurzaming import planningblad as PB
from verduurzaming.doelen import Doelen
from verduurzaming.export.werkboek import (
    ALLE_CORPORATIES,
    BLADEN,
    PLANNING_KOLOMMEN,
    PLANNING_MACHINENAMEN,
    schrijf_werkmap,
)
from verduurzaming.export.werkmap import FMT


@pytest.fixture(scope="module")
def syn(tmp_path_factory):
    plan, portefeuille, scenario = synthetisch(300, namen=INJECTIES)
    pad = schrijf_werkmap(plan, portefeuille, scenario, tmp_path_factory.mktemp("wb") / "plan.xlsx")
    return plan, portefeuille, scenario, pad, openpyxl.load_workbook(pad)


def kop(ws) -> list:
    return [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]


def eerste_datarij(ws) -> int:
    """Planning: hidden machine names in row 1, Dutch headers in row 2, data from row 3."""
    return 3 if ws.title == "Planning" else 2


def kolom(ws, naam: str) -> list:
    i = kop(ws).index(naam)
    return [r[i] for r in ws.iter_rows(min_row=eerste_datarij(ws), values_only=True)]


def test_bladen_en_koppen(syn):
    plan, _, _, _, wb = syn
    assert wb.sheetnames == BLADEN
    assert kop(wb["Planning"]) == PLANNING_MACHINENAMEN
    assert kop(wb["Planning"])[-3:] == ["gerealiseerd_jaar", "gerealiseerd_pakket", "nieuw_label"]
    nl = [c.value for c in next(wb["Planning"].iter_rows(min_row=2, max_row=2))]
    assert nl == [k.kop for k in PLANNING_KOLOMMEN]
    # people read Dutch with units, not code names; the machine row is hidden
    assert nl[:7] == ["Corporatie", "Complex", "Complexnaam", "Wijk", "Jaar", "Soort werk", "Werk"]
    assert "Kosten (€)" in nl and "Kosten per woning (€)" in nl and "CO2 minder (ton/jaar)" in nl
    assert not any("_" in h for h in nl)
    assert wb["Planning"].row_dimensions[1].hidden
    assert kop(wb["NPA-monitor"]) == ["Corporatie", "Sleutel", "Indicator"] + [str(j) for j in plan.jaren]
    assert kop(wb["Bevindingen"])[:5] == ["Bestand", "Rij", "Kolom", "Waarde", "Probleem"]
    for naam in ["Wijken", "Zon", "CO2", "Baseline"]:
        assert all(isinstance(h, str) and h for h in kop(wb[naam])), naam


def test_planning_totalen(syn):
    plan, _, _, _, wb = syn
    ws = wb["Planning"]   # the ledger of works: one row per work
    assert ws.max_row == len(plan.werken) + 2
    kosten = [v or 0 for v in kolom(ws, "kosten_eur")]
    assert sum(kosten) == pytest.approx(plan.werken["kosten_eur"].sum())
    assert sum(kolom(ws, "woningen_aangepakt")) == pytest.approx(plan.werken["woningen_aangepakt"].sum())
    assert kolom(ws, "complex_id") == list(plan.werken["complex_id"])
    pc = wb["Planning per complex"]   # one row per complex, its cost the sum of its works
    assert pc.max_row == len(plan.complexen) + 1
    koppen = [c.value for c in pc[1]]
    i = koppen.index("Kosten alle werken (€)")
    assert sum(r[i] or 0 for r in pc.iter_rows(min_row=2, values_only=True)) == \
        pytest.approx(plan.complexen["kosten_eur"].sum())
    # the three columns for the user are empty
    for k in ["gerealiseerd_jaar", "gerealiseerd_pakket", "nieuw_label"]:
        assert all(v is None for v in kolom(ws, k))
    # TVW strategy joined from the wijken for display
    strat = dict(zip(syn[1].wijken["wijk_code"], syn[1].wijken["strategie"]))
    assert kolom(ws, "tvw_strategie") == [strat[w] for w in plan.werken["wijk_code"]]
    # cost per dwelling worked on, CO2 in tonnes, reasons in words
    per = kolom(ws, "kosten_per_woning_eur")
    w = plan.werken
    assert per == pytest.approx(list((w["kosten_eur"] / w["woningen_aangepakt"]).round(0)))
    assert kolom(ws, "co2_ton_minder") == pytest.approx(list(w["co2_kg_minder"] / 1000))
    redenen = [r for r in kolom(ws, "redenen") if r]
    assert redenen and not any(code in r for r in redenen for code in ("EFG-deadline", "aardgasvrij-ready"))


def test_npa_monitor_tegen_per_jaar(syn):
    plan, _, _, _, wb = syn
    ws = wb["NPA-monitor"]
    rijen = list(ws.iter_rows(min_row=2, values_only=True))
    jaren = plan.jaren
    pj = plan.per_jaar.set_index(["corporatie", "jaar"])
    for corp in plan.per_jaar["corporatie"].unique():
        for sleutel in ["n_efg", "n_E", "n_F", "n_G", "efg_verwijderd", "renovaties_woningen"]:
            r = next(r for r in rijen if r[0] == corp and r[1] == sleutel)
            assert list(r[3:]) == [pj.at[(corp, j), sleutel] for j in jaren], (corp, sleutel)
    tot = next(r for r in rijen if r[0] == ALLE_CORPORATIES and r[1] == "n_efg")
    assert list(tot[3:]) == [plan.per_jaar.loc[plan.per_jaar["jaar"] == j, "n_efg"].sum() for j in jaren]


def test_opmaak(syn):
    plan, _, _, _, wb = syn
    ws = wb["Planning"]
    h = kop(ws)
    rij = 3
    assert ws.cell(rij, h.index("kosten_eur") + 1).number_format == FMT["eur"]
    assert ws.cell(rij, h.index("jaar") + 1).number_format == "0"
    assert ws.cell(rij, h.index("woningen") + 1).number_format == "#,##0"
    assert ws.cell(rij, h.index("woningen_aangepakt") + 1).number_format == "#,##0.0"
    red = next(r for r in wb["CO2"].iter_rows(min_row=2) if r[0].value == "Reductie")
    assert red[5].number_format == "0.0%"
    # label cells in the official colours
    for r in range(3, 40):
        c = ws.cell(r, h.index("slechtste_label") + 1)
        assert c.fill.fgColor.rgb[-6:] == L.KLEUR[c.value].lstrip("#").upper()
    npa = wb["NPA-monitor"]
    g = next(r for r in npa.iter_rows(min_row=2) if r[1].value == "gemiddeld_label")
    assert g[3].fill.fgColor.rgb[-6:] == L.KLEUR[g[3].value].lstrip("#").upper()
    # column widths set
    assert ws.column_dimensions["C"].width >= 10


def test_tabellen_freeze_print(syn):
    wb = syn[4]
    namen = set()
    for naam in BLADEN[1:]:
        if naam == "Wijkpagina's":  # a printed page per wijk, not a table
            continue
        ws = wb[naam]
        kop_rij = eerste_datarij(ws) - 1
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith(str(kop_rij + 1)), naam
        assert ws.tables or ws.auto_filter.ref, naam
        assert ws.print_title_rows == f"${kop_rij}:${kop_rij}", naam
        for t in ws.tables.values():
            assert t.ref.startswith(f"A{kop_rij}:")
            namen.add(t.displayName)
        assert ws.print_area, naam
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth in (1, 2)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert len(namen) == 9  # one table per data sheet, unique names
    assert "tblPlanning" in namen and "tblCO2" in namen  # 'CO2' alone would be a cell reference
    assert wb["Samenvatting"].page_setup.orientation == "landscape"


def test_samenvatting_grafieken_binnen_het_afdrukbereik(syn):
    """The Samenvatting's charts are printed whole: each ends left of the print area's right edge, measured
    as Excel lays out columns (a width of w characters of Calibri 11 is 7w + 5 pixels at 96 dpi)."""
    from openpyxl.utils import get_column_letter, range_boundaries
    ws = syn[4]["Samenvatting"]
    laatste = range_boundaries(ws.print_area.split("!")[-1].replace("$", ""))[2]
    assert ws._charts

    def px(kol: int) -> float:
        return 7 * ws.column_dimensions[get_column_letter(kol)].width + 5

    for grafiek in ws._charts:
        van = grafiek.anchor._from.col + 1  # 1-based column the chart starts in
        ruimte_px = sum(px(k) for k in range(van, laatste + 1))
        breedte_px = grafiek.anchor.ext.width / 914400 * 96  # EMU -> inch -> pixels
        assert breedte_px <= ruimte_px, (get_column_letter(van), breedte_px, ruimte_px)


def test_afdrukinstellingen(syn):
    """Planning prints its reading block one A4 landscape page wide, header row on every page;
    wrapped headers get the height they need; the wide wijk sheets print two pages wide."""
    wb = syn[4]
    ws = wb["Planning"]
    assert ws.print_area == "'Planning'!$A$2:$L$" + str(ws.max_row)
    assert [c.value for c in ws[2]][11] == "Reden"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$2:$2" and ws.freeze_panes == "G3"
    assert ws.row_dimensions[2].height >= 30  # three-line headers are not cut off
    for naam in ("Wijken", "Gemeente"):
        assert wb[naam].page_setup.fitToWidth == 2 and wb[naam].print_title_cols == "$A:$B"
        assert wb[naam].row_dimensions[1].height >= 30
    # column widths of the printed block add up to one A4 landscape width at >= 70 %
    breed = sum(ws.column_dimensions[chr(65 + i)].width for i in range(12))
    assert breed <= 200


def test_wijk_per_jaar_en_wijkpaginas(syn):
    plan, portefeuille, _, _, wb = syn
    ws = wb["Wijk per jaar"]
    kop_ = kop(ws)
    rijen = list(ws.iter_rows(min_row=2, values_only=True))
    cx, w = plan.complexen, plan.werken
    ren = w[w["soort"] == "renovatie"]
    assert sum(r[kop_.index("Woningen gerenoveerd")] for r in rijen) == pytest.approx(ren["woningen_aangepakt"].sum())
    assert sum(r[kop_.index("Kosten alle werken (€)")] for r in rijen) == pytest.approx(w["kosten_eur"].sum())
    for j in plan.jaren[:3]:   # E/F/G at the end of the year: at the start less what the works took away
        efg = sum(r[kop_.index("Woningen E/F/G eind jaar")] for r in rijen if r[2] == j)
        assert efg == cx["n_efg"].sum() - w.loc[w["jaar"] <= j, "efg_weg"].sum(), j
    wp = wb["Wijkpagina's"]
    titels = [r[0] for r in wp.iter_rows(values_only=True) if isinstance(r[0], str) and r[0].startswith("Wijk ")]
    codes = set(portefeuille.wijken["wijk_code"])
    assert len(titels) >= len(codes) and all(any(f"({c})" in t for t in titels) for c in codes)
    assert len(wp.row_breaks.brk) == len(titels)  # a page per wijk
    assert any(isinstance(r[0], str) and r[0].startswith("Transitievisie Warmte:") for r in wp.iter_rows(values_only=True))
    totalen = [r for r in wp.iter_rows(values_only=True) if r[0] == "Totaal"]
    assert len(totalen) == len(titels)
    assert sum(r[9] for r in totalen) == pytest.approx(w["kosten_eur"].sum())


def test_grafieken(syn):
    charts = syn[4]["Samenvatting"]._charts  # read back by openpyxl
    assert sorted(type(c).__name__ for c in charts) == ["BarChart", "BarChart", "LineChart"]
    plan, portefeuille, scenario = synthetisch(60)
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        pad = schrijf_werkmap(plan, portefeuille, scenario, Path(d) / "p.xlsx")
        with zipfile.ZipFile(pad) as z:
            charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
            xml = "".join(z.read(n).decode() for n in charts)
    assert len(charts) == 3
    assert "<barChart>" in xml and '<grouping val="stacked"' in xml and "<lineChart>" in xml
    # E/F/G per corporation with the NPA path as a line in the same chart
    assert "NPA-pad" in xml and "Woningen E/F/G per corporatie" in xml
    assert "'NPA-monitor'!" in xml and "'CO2'!" in xml
    for lab in L.LABELS:
        assert L.KLEUR[lab].lstrip("#").upper() in xml


def test_grafieken_op_blad_voor_het_opslaan():
    from openpyxl import Workbook  # noqa: F401  (charts live on ws._charts before saving)

    import verduurzaming.export.werkboek.samenstelling as ex
    plan, portefeuille, scenario = synthetisch(40)
    gezien = {}
    orig = ex._samenvatting

    def spion(ws, *a, **k):
        r = orig(ws, *a, **k)
        gezien["charts"] = list(ws._charts)
        return r
    ex._samenvatting = spion
    try:
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            ex.schrijf_werkmap(plan, portefeuille, scenario, Path(d) / "p.xlsx")
    finally:
        ex._samenvatting = orig
    soorten = sorted(type(c).__name__ for c in gezien["charts"])
    assert soorten == ["BarChart", "BarChart", "LineChart"]
    bars = [c for c in gezien["charts"] if type(c).__name__ == "BarChart"]
    labels = next(c for c in bars if len(c.series) == len(L.LABELS))
    assert labels.grouping == "stacked"
    efg = next(c for c in bars if c is not labels)
    assert len(efg.series) == plan.per_jaar["corporatie"].nunique()
    assert efg._charts[1].series[0].val.numRef.f.startswith("'NPA-monitor'!")  # the NPA path line
    co2 = next(c for c in gezien["charts"] if type(c).__name__ == "LineChart")
    waarden = plan.per_jaar.groupby("jaar")["co2_kg"].sum() / 1000
    # the axis does not start at 0 when the line would look flat, and never cuts the line off
    assert co2.y_axis.scaling.min is not None and co2.y_axis.scaling.min <= waarden.min()


def test_samenvatting(syn):
    plan, portefeuille, scenario, _, wb = syn
    tekst = [v for r in wb["Samenvatting"].iter_rows(values_only=True) for v in r if v is not None]
    waarden = dict((r[0], r[1]) for r in wb["Samenvatting"].iter_rows(values_only=True) if r[0])
    assert "Synthetisch" in waarden["Scenario"]
    assert waarden["Deadline E/F/G (NPA)"] == 2028
    assert waarden["Investering alle werken, nominaal (EUR)"] == pytest.approx(plan.per_jaar["kosten_eur"].sum())
    assert waarden["Woningen"] == plan.complexen["woningen"].sum()
    assert waarden["Woningen E/F/G na de deadline (begin 2029)"] == \
        plan.per_jaar.loc[plan.per_jaar["jaar"] == 2029, "n_efg"].sum()
    assert "Versie verduurzaming" in waarden and waarden["Versie verduurzaming"]
    for k in list(plan.bronversies) + list(portefeuille.bronversies):
        assert any(isinstance(t, str) and t.startswith(k) for t in tekst), k
    for zin in plan.diagnose:
        assert zin in tekst
    assert not any(isinstance(t, str) and re.search(r"\b(Optimal|Gap|Doelwaarde)\b", t) for t in tekst)
    assert any(isinstance(t, str) and t.strip().startswith("bewezen optimaal") for t in tekst)


def test_injectie_blijft_tekst(syn):
    plan, _, _, pad, wb = syn
    ws = wb["Planning per complex"]   # one row per complex, in the plan's order
    h = [c.value for c in ws[1]]
    i = h.index("Complexnaam") + 1
    for r, naam in enumerate(INJECTIES, start=2):
        c = ws.cell(r, i)
        assert c.data_type == "s" and c.value == naam, naam
    # and wherever the ledger names those complexes
    pl = wb["Planning"]
    j = kop(pl).index("complex_naam")
    gezien = [r[j] for r in pl.iter_rows(min_row=3, values_only=True) if r[j] in INJECTIES]
    assert gezien and all(isinstance(v, str) for v in gezien)
    # findings carry injection values too
    bv = wb["Bevindingen"]
    w = kop(bv).index("Waarde") + 1
    assert any(bv.cell(r, w).value == INJECTIES[0] and bv.cell(r, w).data_type == "s" for r in range(2, 20))
    with zipfile.ZipFile(pad) as z:
        for n in z.namelist():
            if n.startswith("xl/worksheets/sheet"):
                assert "<f>" not in z.read(n).decode() and "<f " not in z.read(n).decode(), n


def test_injectie_in_samenvatting_en_corporatie(tmp_path):
    plan, portefeuille, scenario = synthetisch(50, corporaties=("=HYPERLINK(\"x\")", "@SUM(A1)"))
    scenario.naam = "+31 scenario"
    pad = schrijf_werkmap(plan, portefeuille, scenario, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(pad)
    for naam in BLADEN:
        for rij in wb[naam].iter_rows():
            for c in rij:
                if isinstance(c.value, str):
                    assert c.data_type == "s"
    npa = [c.value for c in wb["NPA-monitor"]["A"]]
    assert "=HYPERLINK(\"x\")" in npa and "@SUM(A1)" in npa
    assert any(c.value == "Verduurzamingsplan — +31 scenario" for c in wb["Samenvatting"]["A"])
    # the cells that look like formulas carry Excel's quote prefix
    c = next(c for c in wb["NPA-monitor"]["A"] if c.value == "@SUM(A1)")
    assert c.quotePrefix


def test_atomair_geen_halve_file(tmp_path, monkeypatch):
    plan, portefeuille, scenario = synthetisch(30)
    pad = tmp_path / "p.xlsx"
    pad.write_bytes(b"oud")
    import verduurzaming.export.werkboek.samenstelling as ex

    def kapot(*a, **k):
        raise RuntimeError("crash")
    monkeypatch.setattr(ex, "_bevindingen", kapot)
    with pytest.raises(RuntimeError):
        schrijf_werkmap(plan, portefeuille, scenario, pad)
    assert pad.read_bytes() == b"oud"
    assert [p.name for p in tmp_path.iterdir()] == ["p.xlsx"]


def test_zonder_baseline_en_bevindingen(tmp_path):
    plan, portefeuille, scenario = synthetisch(20, baseline=False, n_bevindingen=0)
    pad = schrijf_werkmap(plan, portefeuille, scenario, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(pad)
    assert wb["Baseline"].max_row == 1 and wb["Baseline"].auto_filter.ref
    assert wb["Bevindingen"].max_row == 1


def test_zon_niet_beschikbaar_co2(syn):
    plan, _, _, _, wb = syn
    ws = wb["Zon"]
    assert ws.max_row - 1 == int((plan.complexen["pv_jaar"].notna() | plan.complexen["pv_panelen_aanwezig"]).sum())
    assert set(kolom(ws, "CO2 vermeden (kg/jaar)")) == {"niet beschikbaar"}
    assert sum(v or 0 for v in kolom(ws, "Vermogen (kWp)")) == pytest.approx(plan.complexen["pv_kwp"].sum())


def test_npa_pad_en_as(syn):
    from verduurzaming.export.werkboek.grafieken import _as_ondergrens
    plan, _, _, _, wb = syn
    npa = list(wb["NPA-monitor"].iter_rows(min_row=2, values_only=True))
    jaren = plan.jaren
    for corp in plan.per_jaar["corporatie"].unique():
        pad = next(r for r in npa if r[0] == corp and r[1] == "npa_pad")[3:]
        sub = plan.per_jaar[plan.per_jaar["corporatie"] == corp].set_index("jaar")
        assert pad[0] == sub.at[jaren[0], "n_efg"]
        # after the deadline the path is the exempt E/F/G still in the stock that year
        assert all(v == sub.at[j, "efg_vrijgesteld"] for j, v in zip(jaren, pad, strict=True) if j > 2028)
        assert list(pad) == sorted(pad, reverse=True)
    assert _as_ondergrens([10_000, 9_500, 8_800]) > 0  # -12 %: the axis starts near the values
    assert _as_ondergrens([10_000, 4_000]) == 0
    assert _as_ondergrens([10_000, 8_800]) <= 8_800


def test_zon_zegt_waarom_leeg(tmp_path):
    plan, portefeuille, scenario = synthetisch(30)
    plan.complexen["pv_jaar"] = pd.NA
    plan.complexen["pv_kwp"] = 0.0
    plan.complexen["dak_geschikt_m2"] = float("nan")
    scenario.doelen = Doelen()
    pad = schrijf_werkmap(plan, portefeuille, scenario, tmp_path / "p.xlsx")
    tekst = [c for r in openpyxl.load_workbook(pad)["Zon"].iter_rows(values_only=True) for c in r if c]
    zin = next(t for t in tekst if isinstance(t, str) and t.startswith("Er zijn geen nieuwe zonnepanelen"))
    assert "geen dakgegevens" in zin and "geen PV-doel" in zin


def test_wijken_en_co2(syn):
    plan, portefeuille, _, _, wb = syn
    ws = wb["Wijken"]
    assert kolom(ws, "Wijkcode")[:len(portefeuille.wijken)] == list(portefeuille.wijken["wijk_code"])
    tot = sum(v or 0 for j in plan.jaren for v in kolom(ws, f"Renovaties {j}"))
    assert tot == plan.wijk_jaar["renovaties_woningen"].sum()
    co2 = wb["CO2"]
    r = next(co2.iter_rows(min_row=2, max_row=2, values_only=True))
    assert r[0] == "Totaal"
    assert list(r[4:]) == pytest.approx([plan.per_jaar.loc[plan.per_jaar["jaar"] == j, "co2_kg"].sum() / 1000
                                         for j in plan.jaren])


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_plan, demo_portefeuille, demo_scenario):
    plan, p, s = demo_plan, demo_portefeuille, demo_scenario
    pad = schrijf_werkmap(plan, p, s, tmp_path_factory.mktemp("demo") / "verduurzamingsplan.xlsx")
    return plan, p, s, pad


def test_demo_plan(demo):
    plan, p, s, pad = demo
    wb = openpyxl.load_workbook(pad)
    assert wb.sheetnames == BLADEN
    ws = wb["Planning"]
    assert sum(v or 0 for v in kolom(ws, "kosten_eur")) == pytest.approx(plan.werken["kosten_eur"].sum())
    assert sum(v or 0 for v in kolom(ws, "kosten_eur")) == pytest.approx(plan.per_jaar["kosten_eur"].sum())
    # the works in words, in the printed block: a label survey is a work of its own
    werk = kolom(ws, "werk")
    assert werk == list(plan.werken["omschrijving"])
    assert PLANNING_MACHINENAMEN.index("werk") < PLANNING_MACHINENAMEN.index(PB.LAATSTE_GEPRINTE)
    assert any(w.startswith("heropname label van ") for w in werk)
    assert any(w.startswith("van het gas af naar ") for w in werk)
    npa = list(wb["NPA-monitor"].iter_rows(min_row=2, values_only=True))
    for corp in plan.per_jaar["corporatie"].unique():
        r = next(r for r in npa if r[0] == corp and r[1] == "n_efg")
        assert list(r[3:]) == list(plan.per_jaar.loc[plan.per_jaar["corporatie"] == corp, "n_efg"])
    assert wb["Bevindingen"].max_row == len(p.bevindingen) + 1
    assert wb["Baseline"].max_row == len(plan.complexen) + 1


def _soffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.libreoffice
@pytest.mark.skipif(_soffice() is None, reason="libreoffice/soffice staat niet op PATH")
def test_libreoffice_pdf(syn, tmp_path):
    pad = syn[3]
    r = subprocess.run([_soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(pad)],
                       capture_output=True, text=True, timeout=300)
    pdf = tmp_path / (pad.stem + ".pdf")
    assert pdf.exists(), r.stderr
    assert pdf.stat().st_size > 10_000
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))
        assert pages >= len(BLADEN)
    if shutil.which("pdftotext"):
        tekst = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        paginas = tekst.split("\f")
        planning = [p for p in paginas if "Kosten per" in p and "Soort werk" in p]
        assert planning, "Planning-pagina niet gevonden"
        # the reading block is on the page, the code names are not (the machine row is hidden)
        assert "Reden" in planning[0] and "slechtste_label" not in planning[0] and "n_efg" not in planning[0]
        wijk = [p for p in paginas if "Transitievisie Warmte:" in p]
        assert len(wijk) >= len(syn[1].wijken)  # one page (at least) per wijk
        assert any("Totaal" in p for p in wijk)


def _heeft_carlito() -> bool:
    fc = shutil.which("fc-list")
    return bool(fc) and "Carlito" in subprocess.run([fc], capture_output=True, text=True).stdout


@pytest.mark.libreoffice
@pytest.mark.skipif(_soffice() is None or shutil.which("pdftotext") is None,
                    reason="libreoffice/soffice of pdftotext staat niet op PATH")
@pytest.mark.skipif(not _heeft_carlito(), reason="lettertype Carlito (de maten van Calibri) ontbreekt: LibreOffice "
                    "tekent dan breder dan Excel (Debian: fonts-crosextra-carlito)")
def test_planning_toont_elk_werk_heel(tmp_path, demo_plan, demo_portefeuille, demo_scenario):
    """A written row keeps the height set for it, so a row too low cuts the end of its 'werk' off on paper
    (the last words of a survey row say how many E/F/G dwellings are expected): all must be on the pages."""
    pad = schrijf_werkmap(demo_plan, demo_portefeuille, demo_scenario, tmp_path / "plan.xlsx")
    subprocess.run([_soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(pad)], capture_output=True, text=True, timeout=300)
    tekst = subprocess.run(["pdftotext", "-layout", str(tmp_path / "plan.pdf"), "-"], capture_output=True,
                           text=True).stdout
    planning = "".join(p for p in tekst.split("\f") if re.search(r"^Planning +pagina", p, re.M))
    werk = [w for w in demo_plan.werken["omschrijving"] if isinstance(w, str)]
    # whole words that end a text or its first part (a line may break between words and after a hyphen)
    for woord in ("(verwacht", "hele"):
        patroon = re.compile(rf"(?<![\w(]){re.escape(woord)}(?!\w)")
        n = sum(len(patroon.findall(w)) for w in werk)
        assert n > 0 and len(patroon.findall(planning)) == n, woord


def test_gemeente_blad_per_wijk_alle_corporaties(tmp_path, demo_portefeuille, demo_scenario):
    from verduurzaming.planning import maak_plan
    plan = maak_plan(demo_portefeuille, demo_scenario, baseline=False)
    pad = schrijf_werkmap(plan, demo_portefeuille, demo_scenario, tmp_path / "w.xlsx")
    ws = openpyxl.load_workbook(pad)["Gemeente"]
    kop = [c.value for c in ws[1]]
    assert kop[:3] == ["Wijkcode", "Wijk", "TVW-strategie"] and "Startpunt warmtenet" in kop
    rijen = {r[0]: dict(zip(kop, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert set(rijen) == set(plan.gemeente["wijk_code"])
    # a wijk where both corporations own dwellings names both, with their dwellings
    beide = [r for r in rijen.values() if r["Corporaties (woningen)"] and ";" in r["Corporaties (woningen)"]]
    assert beide and all("WonenPlus (" in r["Corporaties (woningen)"] for r in beide)
    assert sum(r["Corporatie-woningen"] for r in rijen.values()) == plan.complexen["woningen"][plan.complexen["wijk_code"].notna()].sum()
    assert {r["Startpunt warmtenet"] for r in rijen.values()} <= {"ja", "nee"}
