"""The ledger of works reconciles: every output that shows a cost, a count of works or CO2 gives the same number
for the same corporation, wijk and year. Read back from the files `verduurzaming plan` wrote, as a controller
would (workbook, CSVs, GeoPackage, the map's data), not from the Plan object."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyogrio
import pytest
from typer.testing import CliRunner

from verduurzaming.cli import app
from verduurzaming.export.kaart import kaart_data


def _scenario(soort: str, map_: Path) -> list[str]:
    """The plan's arguments: the demo as it is; the demo with a PV target, so that every kind of work is in the
    ledger (label survey, renovation, switch off gas, solar panels, demolition); a hostile copy (names that are
    HTML, template syntax, formulas, control characters)."""
    if soort == "demo":
        return []
    if soort == "alle_werken":
        assert CliRunner().invoke(app, ["demo", str(map_ / "d")]).exit_code == 0
        pad = map_ / "d" / "scenario.toml"
        tekst = pad.read_text(encoding="utf-8").replace("[doelen]\n", "[doelen]\npv_woningen = { 2030 = 1000 }\n", 1)
        pad.write_text(tekst, encoding="utf-8")
        return ["-s", str(pad)]
    import helpers_vijandig as H
    pad, _ = H.bouw_vijandige_invoer(map_ / "invoer")
    return ["-s", str(pad)]


@pytest.fixture(scope="module", params=["demo", "alle_werken", "vijandig"])
def uitvoer(request, tmp_path_factory) -> Path:
    map_ = tmp_path_factory.mktemp(f"aansluiting_{request.param}")
    r = CliRunner().invoke(app, ["plan", "-o", str(map_ / "uit"), *_scenario(request.param, map_)])
    assert r.exit_code == 0, r.output
    (map_ / "uit" / "terminal.txt").write_text(r.output, encoding="utf-8")
    if request.param == "alle_werken":
        soorten = set(_csv(map_ / "uit", "plan_werken.csv")["soort"])
        assert soorten == {"heropname", "renovatie", "van_gas", "pv", "sloop"}, soorten
    return map_ / "uit"


def _zonder_guard(s: pd.Series) -> pd.Series:
    """A CSV text cell without the quote the writer puts before a formula-like value (the workbook keeps the text
    itself, with Excel's quote prefix as a style)."""
    return s.astype(str).str.replace(r"^'(?=[\s]*[=+\-@])", "", regex=True)


def _csv(map_: Path, naam: str) -> pd.DataFrame:
    df = pd.read_csv(map_ / naam, sep=";", encoding="utf-8-sig", decimal=",", dtype={"complex_id": str,
                                                                                     "corporatie": str})
    for k in ("corporatie", "complex_id"):
        if k in df:
            df[k] = _zonder_guard(df[k])
    return df


def _blad(map_: Path, naam: str, kop: int = 0, eerste: int = 1) -> pd.DataFrame:
    wb = openpyxl.load_workbook(map_ / "verduurzamingsplan.xlsx", read_only=True)
    try:
        rijen = [list(r) for r in wb[naam].iter_rows(values_only=True)]
    finally:
        wb.close()
    breedte = max(len(r) for r in rijen)
    koppen = (rijen[kop] + [None] * breedte)[:breedte]
    return pd.DataFrame([(r + [None] * breedte)[:breedte] for r in rijen[eerste:]], columns=koppen)


def _som(df: pd.DataFrame, sleutels: list[str], waarde: str) -> pd.Series:
    return pd.to_numeric(df[waarde], errors="coerce").fillna(0).groupby([df[k] for k in sleutels]).sum().round(2)


def test_kosten_per_corporatie_en_jaar_overal_gelijk(uitvoer):
    werken = _csv(uitvoer, "plan_werken.csv")
    per_jaar = _csv(uitvoer, "plan_corporatie_jaar.csv").set_index(["corporatie", "jaar"])["kosten_eur"].round(2)
    planning = _blad(uitvoer, "Planning", kop=0, eerste=2)   # hidden machine names, then the Dutch header
    uit_werken = _som(werken, ["corporatie", "jaar"], "kosten_eur").reindex(per_jaar.index).fillna(0)
    uit_planning = _som(planning, ["corporatie", "jaar"], "kosten_eur").reindex(per_jaar.index).fillna(0)
    assert (uit_werken - per_jaar).abs().max() < 0.01
    assert (uit_planning - per_jaar).abs().max() < 0.01
    # the NPA-monitor: one row per corporation and key, one column per year
    npa = _blad(uitvoer, "NPA-monitor")
    kosten = npa[npa.iloc[:, 1] == "kosten_eur"]
    for _, rij in kosten.iterrows():
        corp = rij.iloc[0]
        for kolom in npa.columns[3:]:
            j = int(kolom)
            verwacht = per_jaar.xs(j, level="jaar").sum() if corp == "Alle corporaties" else per_jaar.get((corp, j), 0)
            assert float(rij[kolom] or 0) == pytest.approx(verwacht, abs=0.01), (corp, j)
    # the map: each complex carries its works; the year slider sums them
    data = kaart_data((uitvoer / "kaart.html").read_text(encoding="utf-8"))
    soorten = data["werksoorten"]
    kaart = {}
    import html
    for f in data["complexen"]["features"]:
        corp = html.unescape(data["corporaties"][f["properties"]["c"]])
        for j, _soort, _won, k, _efg in f["properties"]["wr"]:
            kaart[(corp, j)] = kaart.get((corp, j), 0.0) + k
    for (corp, j), v in per_jaar.items():
        assert kaart.get((corp, j), 0.0) == pytest.approx(v, abs=0.01), (corp, j)
    assert "renovatie" in soorten and "van het gas af" in soorten
    # the terminal prints the same cost per year
    terminal = (uitvoer / "terminal.txt").read_text(encoding="utf-8")
    for (corp, j), v in per_jaar.items():
        bedrag = f"{round(v):,}".replace(",", ".")
        assert re.search(rf"{j}: E/F/G .*kosten €\s+{re.escape(bedrag)}\b", terminal), (corp, j, bedrag)


def test_per_wijk_overal_gelijk(uitvoer):
    werken = _csv(uitvoer, "plan_werken.csv")
    wijk_jaar = _csv(uitvoer, "plan_wijk_jaar.csv")
    sleutel = wijk_jaar.set_index(["wijk_code", "jaar"])
    uit_werken = _som(werken.dropna(subset=["wijk_code"]), ["wijk_code", "jaar"], "kosten_eur") \
        .reindex(sleutel.index).fillna(0)
    assert (uit_werken - sleutel["kosten_eur"].round(2)).abs().max() < 0.01
    per_wijk = wijk_jaar.groupby("wijk_code")[["kosten_eur", "renovaties_woningen", "van_gas_woningen"]].sum()
    # Wijk per jaar: wijk x corporation x year, summed over corporations
    wpj = _blad(uitvoer, "Wijk per jaar")
    k = _som(wpj, ["Wijkcode", "Jaar"], "Kosten alle werken (€)")
    assert (k.reindex(sleutel.index).fillna(0) - sleutel["kosten_eur"].round(2)).abs().max() < 0.01
    # dwellings worked on carry one decimal (an expected count after a label survey) in every output
    ren = _som(wpj, ["Wijkcode", "Jaar"], "Woningen gerenoveerd").reindex(sleutel.index).fillna(0)
    assert (ren - sleutel["renovaties_woningen"]).abs().max() < 0.051
    gas = _som(wpj, ["Wijkcode", "Jaar"], "Van het gas af (woningen)").reindex(sleutel.index).fillna(0)
    assert (gas - sleutel["van_gas_woningen"]).abs().max() < 0.051
    # Wijken and Gemeente: one row per wijk
    wijken = _blad(uitvoer, "Wijken").set_index("Wijkcode")
    gemeente = _blad(uitvoer, "Gemeente").set_index("Wijkcode")
    gpkg = pyogrio.read_dataframe(uitvoer / "plan.gpkg", layer="wijken", read_geometry=False).set_index("wijk_code")
    for code, rij in per_wijk.iterrows():
        assert float(wijken.at[code, "Kosten alle werken (€)"] or 0) == pytest.approx(rij["kosten_eur"], abs=0.01)
        assert float(gemeente.at[code, "Kosten alle werken (€)"] or 0) == pytest.approx(rij["kosten_eur"], abs=0.01)
        assert float(gpkg.at[code, "kosten_eur"]) == pytest.approx(rij["kosten_eur"], abs=0.01)
        assert float(gemeente.at[code, "Renovaties (woningen)"] or 0) == pytest.approx(rij["renovaties_woningen"],
                                                                                     abs=0.051), code
        binnen = float(wijken.at[code, "Renovaties binnen WUP (woningen)"] or 0)
        buiten = float(wijken.at[code, "Renovaties buiten WUP (woningen)"] or 0)
        assert binnen == float(gemeente.at[code, "Binnen WUP (woningen)"] or 0)
        assert buiten == float(gemeente.at[code, "Buiten WUP (woningen)"] or 0)
        assert float(gemeente.at[code, "Van het gas af (woningen)"] or 0) == pytest.approx(rij["van_gas_woningen"],
                                                                                         abs=0.051), code
    # Wijkpagina's: every page closes with its wijk's total cost
    paginas = _blad(uitvoer, "Wijkpagina's", kop=0, eerste=0)
    titels = paginas.iloc[:, 0].map(lambda v: v if isinstance(v, str) else "")
    code = None
    gezien = set()
    for i, t in titels.items():
        m = re.search(r"\((WK\d{6})\)", t)
        if t.startswith("Wijk ") and m:
            code = m.group(1)
        elif t == "Totaal" and code in per_wijk.index:
            assert float(paginas.iloc[i, 9] or 0) == pytest.approx(per_wijk.at[code, "kosten_eur"], abs=0.01), code
            gezien.add(code)
    assert gezien == set(per_wijk.index)


def test_van_het_gas_af_zichtbaar_in_de_wijk(uitvoer):
    """A wijk whose complexes go off gas shows it: Oude Haven (warmtenet) in the demo."""
    werken = _csv(uitvoer, "plan_werken.csv")
    gas = werken[werken["soort"] == "van_gas"]
    assert len(gas), "the demo plans a switch off gas"
    wijk_jaar = _csv(uitvoer, "plan_wijk_jaar.csv").set_index(["wijk_code", "jaar"])
    for (code, j), g in gas.groupby(["wijk_code", "jaar"]):
        assert wijk_jaar.at[(code, j), "van_gas_woningen"] == pytest.approx(g["woningen_aangepakt"].sum(), abs=0.051)
        assert wijk_jaar.at[(code, j), "kosten_eur"] >= g["kosten_eur"].sum() - 0.01
    data = kaart_data((uitvoer / "kaart.html").read_text(encoding="utf-8"))
    i_gas = data["werksoorten"].index("van het gas af")
    op_kaart = sum(1 for f in data["complexen"]["features"] for w in f["properties"]["wr"] if w[1] == i_gas)
    assert op_kaart == len(gas)


def test_co2_blad_telt_op(uitvoer):
    co2 = _blad(uitvoer, "CO2")
    totaal = co2[co2["Niveau"] == "Totaal"].iloc[0]
    corp = co2[co2["Niveau"] == "Corporatie"]
    for kolom in co2.columns[3:]:
        assert pd.to_numeric(corp[kolom]).sum() == pytest.approx(float(totaal[kolom]), abs=0.2), kolom
    # the reference is the stock before any work: never below what the stock emits at the end of the first year
    ref = co2.columns[3]
    eerste = co2.columns[4]
    assert (pd.to_numeric(corp[ref]) >= pd.to_numeric(corp[eerste]) - 0.1).all()
    wijk = co2[co2["Niveau"] == "Wijk"]
    assert (pd.to_numeric(wijk[ref]) >= pd.to_numeric(wijk[eerste]) - 0.1).all()


def test_sloop_verlaat_de_voorraad(uitvoer):
    """A complex demolished in year Y counts at the start of Y and not from Y + 1 on, in the stock and E/F/G."""
    werken = _csv(uitvoer, "plan_werken.csv")
    per_jaar = _csv(uitvoer, "plan_corporatie_jaar.csv")
    sloop = werken[werken["soort"] == "sloop"]
    assert len(sloop), "the demo has complexes demolished within the horizon"
    for corp, g in per_jaar.groupby("corporatie"):
        g = g.sort_values("jaar").reset_index(drop=True)
        s = sloop[sloop["corporatie"] == corp].groupby("jaar")
        for i in range(len(g) - 1):
            j = int(g.at[i, "jaar"])
            weg = int(s["woningen_aangepakt"].sum().get(j, 0))
            assert g.at[i + 1, "woningen"] == g.at[i, "woningen"] - weg, (corp, j)
            # E/F/G next year = E/F/G now less what the works and the demolitions took away
            assert g.at[i + 1, "n_efg"] == g.at[i, "n_efg"] - g.at[i, "efg_verwijderd"] - g.at[i, "efg_gesloopt"]


def test_kosten_per_woning_deelt_door_aangepakte_woningen(uitvoer):
    werken = _csv(uitvoer, "plan_werken.csv")
    m = werken["woningen_aangepakt"] > 0
    verwacht = (werken.loc[m, "kosten_eur"] / werken.loc[m, "woningen_aangepakt"]).round(0)
    assert np.allclose(werken.loc[m, "kosten_per_woning_eur"], verwacht, atol=1)
    # a complex's cost is the sum of its works
    cx = _csv(uitvoer, "plan_complexen.csv").set_index(["corporatie", "complex_id"])["kosten_eur"]
    som = _som(werken, ["corporatie", "complex_id"], "kosten_eur").reindex(cx.index).fillna(0)
    assert (som - cx.round(2)).abs().max() < 0.01


def test_npa_pad_daalt_met_de_sloop(uitvoer):
    """The NPA path ends at the exempt E/F/G still in the stock: after the demo's demolitions of 2027 that is
    less than at the start, and the printed path follows it."""
    per_jaar = _csv(uitvoer, "plan_corporatie_jaar.csv")
    vrij = per_jaar.groupby("jaar")["efg_vrijgesteld"].sum()
    npa = _blad(uitvoer, "NPA-monitor")
    pad = npa[(npa.iloc[:, 0] == "Alle corporaties") & (npa.iloc[:, 1] == "npa_pad")].iloc[0]
    for kolom in npa.columns[3:]:
        j = int(kolom)
        if j > 2028:
            assert int(pad[kolom]) == int(vrij[j]), j
    assert vrij.iloc[-1] < vrij.iloc[0]


def test_risicoreserve_uit_het_grootboek(uitvoer):
    """The risk reserve (P90 E/F/G after a survey instead of the expected count) is the ledger summed, shown
    beside the budget in the NPA-monitor and never counted as a cost."""
    werken = _csv(uitvoer, "plan_werken.csv")
    per_jaar = _csv(uitvoer, "plan_corporatie_jaar.csv")
    reserve = werken["risicoreserve_eur"].fillna(0)
    assert reserve.sum() > 0 and (reserve[werken["aanpak"] != "E/F/G-woningen na heropname"] == 0).all()
    assert per_jaar["risicoreserve_eur"].sum() == pytest.approx(reserve.sum(), abs=0.01)
    kosten = werken[[c for c in werken.columns if c.startswith("kosten_") and c.endswith("_eur")
                     and c not in ("kosten_per_woning_eur",)]]
    assert np.allclose(werken["kosten_eur"], kosten.drop(columns=["kosten_eur"], errors="ignore")
                       [["kosten_heropname_eur", "kosten_renovatie_eur", "kosten_van_gas_eur", "kosten_pv_eur"]]
                       .sum(axis=1), atol=0.011)
    npa = _blad(uitvoer, "NPA-monitor")
    rij = npa[(npa.iloc[:, 0] == "Alle corporaties") & (npa.iloc[:, 1] == "risicoreserve_eur")].iloc[0]
    assert sum(float(rij[k] or 0) for k in npa.columns[3:]) == pytest.approx(reserve.sum(), abs=0.05)


def test_woordenlijst_staat_in_de_documentatie():
    """Every figure's one definition (planning.werken.BEGRIPPEN) is written in docs/werkboek.md, word for word."""
    from pathlib import Path

    from verduurzaming.planning.werken import BEGRIPPEN

    tekst = (Path(__file__).resolve().parents[1] / "docs" / "werkboek.md").read_text(encoding="utf-8")
    for begrip, betekenis in BEGRIPPEN.items():
        assert f"| {begrip} | {betekenis} |" in tekst, begrip


def test_kosten_per_gehaalde_eis_gelijk_in_terminal_en_werkmap(uitvoer):
    """Where the baseline misses a requirement, terminal and Samenvatting give the same cost per requirement met."""
    terminal = (uitvoer / "terminal.txt").read_text(encoding="utf-8")
    m = re.search(r"Kosten per gehaalde eis.*?: plan € ([\d.]+) \((\d+) van (\d+) eisen\); baseline € ([\d.]+)",
                  terminal.replace("\n", " "))
    if m is None:   # the baseline meets every requirement: a plain ratio, no per-requirement figure
        assert "Kosten per gehaalde eis" not in terminal
        return
    samen = _blad(uitvoer, "Samenvatting")
    rijen = {str(r.iloc[0]): r.iloc[1] for _, r in samen.iterrows() if isinstance(r.iloc[0], str)}
    plan = next(v for k, v in rijen.items() if k.startswith("Per gehaalde eis, plan"))
    base = next(v for k, v in rijen.items() if k.startswith("Per gehaalde eis, baseline"))
    assert round(float(plan)) == int(m.group(1).replace(".", ""))
    assert round(float(base)) == int(m.group(4).replace(".", ""))
