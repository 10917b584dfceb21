"""Issue 13 items 4-7: exemptions and rent as data, mean-label definition, honest CO2 targets,
a fair baseline and PV that explains itself (real maak_plan / bereken_voortgang runs on the demo)."""

import copy
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from verduurzaming import labels as L
from verduurzaming import zon
from verduurzaming.afspraken import NIET_HAALBAAR
from verduurzaming.doelen import Doelen
from verduurzaming.planning import maak_plan
from verduurzaming.portefeuille import lees_portefeuille
from verduurzaming.validatie.realisatie import Realisatie
from verduurzaming.voortgang import bereken_voortgang
from verduurzaming.vrijstelling import monument_toegestaan


def _co2_run(pct: float, baseline: bool = True):
    from verduurzaming.scenario import demo_scenario_pad, lees_scenario
    s = lees_scenario(demo_scenario_pad())
    s.doelen = Doelen(co2_reductie_pct={2030: pct}, co2_referentie_ton=141540.0)
    s.afspraken = [{"id": "co2", "tekst": f"{pct:g}% minder CO2", "indicator": "co2_reductie", "doel": {"2030": pct},
                    "per_corporatie": True, "referentie_ton": 141540, "referentiejaar": 2008}]
    if pct > 50:
        s.solver_tijd_s = 5.0      # an unreachable target: the verdict must hold whatever the solver reached
    p = lees_portefeuille(s)
    pl = maak_plan(p, s, baseline=baseline)
    return s, p, pl


@pytest.fixture(scope="module")
def co2_run():
    return _co2_run(22.0)


@pytest.mark.parametrize("pct", [22.0, 95.0])
def test_co2_doel_gelijk_in_plan_en_voortgang(co2_run, pct):
    """22 % is met by the demo plan, 95 % cannot be: both reported identically by plan and voortgang."""
    s, p, pl = co2_run if pct == 22.0 else _co2_run(pct, baseline=False)
    pj = pl.per_jaar[pl.per_jaar["jaar"] == 2030].set_index("corporatie")
    # the reference is each corporation's own stock, never (a share of) the gemeente's 141,540 t
    for corp, ref in pj["co2_referentie_kg"].items():
        assert ref / 1000 != pytest.approx(141540.0) and ref / 1000 != pytest.approx(141540.0 / len(pj))
        eigen = pl.per_jaar[(pl.per_jaar["corporatie"] == corp)]
        assert ref > eigen["co2_kg"].min()
    # Dutch thousands dot in the figure, the sentence's own commas kept
    assert "de opgegeven 141.540 t is een gemeentebreed cijfer: alleen context, niet verdeeld" in pl.bronversies["co2_referentie"]
    v = bereken_voortgang(pl, p, s, Realisatie(), dt.date(2026, 1, 1))
    rij = v.afspraken.set_index("corporatie")
    for t in rij["toelichting"]:
        assert "t CO2), dezelfde als in het plan" in t and "is gemeentebreed: alleen context, niet verdeeld" in t
        assert "141.540 t CO2" in t
    for corp, r in pj.iterrows():
        prognose = float(rij.loc[corp, "prognose_doeljaar"])
        assert prognose == pytest.approx(r["co2_reductie_pct"], abs=0.06), corp
        gehaald = bool(r["co2_doel_gehaald"])
        assert gehaald == (r["co2_reductie_pct"] >= pct - 1e-6) == (pct == 22.0)
        assert gehaald == (rij.loc[corp, "status"] != NIET_HAALBAAR), (corp, r["co2_reductie_pct"], rij.loc[corp, "status"])
        gemeld = pl.schendingen[(pl.schendingen["soort"] == "doel") & (pl.schendingen["corporatie"] == corp)
                                & pl.schendingen["toelichting"].str.contains("CO2")]
        assert gehaald == gemeld.empty


def test_huur_per_jaar_geen_huurkorting_bij_sloop_of_monument(co2_run):
    s, p, pl = co2_run
    cx = pl.complexen
    D = s.deadline
    gesloopt = pd.to_numeric(cx["sloop_jaar"], errors="coerce") <= D
    assert gesloopt.any() and (cx.loc[gesloopt, "huurkorting_eur_jaar"] == 0).all()
    assert cx["monument"].any() and (cx.loc[cx["monument"], "huurkorting_eur_jaar"] == 0).all()
    # the minus points apply now (Wet betaalbare huur), not only after the deadline
    start = pl.per_jaar[pl.per_jaar["jaar"] == s.startjaar]
    assert (start["huurderving_eur"] > 0).any()
    assert "huurderving_eur" in pl.baseline.per_jaar


def test_sloop_alleen_vrijgesteld_als_het_scenario_het_zegt(demo_scenario):
    p = lees_portefeuille(demo_scenario)
    c = p.complexen
    sloop = pd.to_numeric(c["sloop_jaar"], errors="coerce")
    assert c.loc[sloop > demo_scenario.deadline, "vrijgesteld"].eq(c.loc[sloop > demo_scenario.deadline, "monument"]).all()
    assert c.loc[sloop <= demo_scenario.deadline, "vrijgesteld"].all()
    s2 = copy.copy(demo_scenario)
    s2.sloop_vrijgesteld = False
    c2 = lees_portefeuille(s2).complexen
    assert c2["vrijgesteld"].equals(c2["monument"])
    # monuments stay plannable (exempt from the deadline, not from works); demolished complexes are not
    assert c.loc[c["monument"], "planbaar"].all() and not c.loc[(sloop <= demo_scenario.deadline), "planbaar"].any()
    assert monument_toegestaan(["schil_basis", "schil_standaard", "hybride_wp", "onbekend"]).tolist() == \
        [True, False, True, False]


def test_eerlijke_baseline_gebruikt_dmjop(co2_run):
    s, p, pl = co2_run
    b = pl.baseline.complexen
    D = s.deadline
    dm = pd.to_numeric(b["onderhoud_jaar"], errors="coerce")
    jaar = pd.to_numeric(b["jaar"], errors="coerce")
    # a DMJOP moment the lead time allows (no work not prepared in the first plan year)
    vroegst = s.startjaar + int(s.gewicht("voorbereidingstijd_jaar"))
    kand = (b["n_efg"] > 0) & ~b["vrijgesteld"] & dm.between(vroegst, D) & jaar.notna()
    assert kand.any()
    assert (jaar[kand] == dm[kand]).mean() >= 0.8
    assert b["dmjop_gecombineerd"].sum() >= kand.sum() * 0.8


def test_gemiddeld_label_definitie_ei(demo_scenario, demo_portefeuille):
    s = copy.copy(demo_scenario)
    s.doelen = Doelen(gemiddeld_label_maat="ei", gemiddeld_label_weging="woning", gemiddeld_label={2030: "A"})
    s.afspraken = [{"id": "lbl", "tekst": "gemiddeld label A", "indicator": "gemiddeld_label", "doel": {"2030": "A"},
                    "per_corporatie": True}]
    pl = maak_plan(demo_portefeuille, s, baseline=False)
    # plan and voortgang read the same mean (EI per dwelling) and give the same verdict
    v = bereken_voortgang(pl, demo_portefeuille, s, Realisatie(), dt.date(2026, 1, 1)).afspraken.set_index("corporatie")
    assert v["toelichting"].str.contains("Energie-Index").all()
    for corp, r in pl.per_jaar[pl.per_jaar["jaar"] == 2030].set_index("corporatie").iterrows():
        assert v.loc[corp, "prognose_doeljaar"] == f"{r['gemiddeld_label']} (EI {r['gemiddeld_label_waarde']:.2f})"
        gehaald = L.gemiddeld_label_gehaald(r["gemiddeld_label_waarde"], "A", "ei")
        assert gehaald == (v.loc[corp, "status"] != NIET_HAALBAAR)
        gemeld = pl.schendingen[(pl.schendingen["soort"] == "doel") & (pl.schendingen["corporatie"] == corp)]
        assert gehaald == gemeld.empty
    assert "1,40" in pl.bronversies["gemiddeld_label_definitie"]
    assert (pl.per_jaar["gemiddeld_label_maat"] == "ei").all()
    w = pl.per_jaar["gemiddeld_label_waarde"].to_numpy(dtype=float)
    assert np.all((w > 0.3) & (w < 3.5))
    assert list(pl.per_jaar["gemiddeld_label"]) == list(L.gemiddeld_label_uit_ei(w))
    # Aedes: mean label B = mean EI <= 1.40, though 1.35 lies in class C of a single dwelling
    assert L.gemiddeld_label_uit_ei(1.35)[0] == "B" and L.label_uit_ei(1.35)[0] == "C"
    assert L.gemiddeld_label_uit_ei(1.41)[0] == "C"


def test_pv_dakschatting_en_orientatie():
    # tussenwoning: footprint gbo / 2 storeys x 0.40 suitable; portiek with a BAG pand area of 600 m2: 600 x 0.60
    assert zon.schat_dak_m2(["tussenwoning", "portiek"], [900.0, 2000.0], [np.nan, 600.0]).tolist() == [180.0, 360.0]
    assert zon.orientatie_uit_dak([180, 90, 270, 0, np.nan, 200], [35, 35, 35, 35, np.nan, 3]).tolist() == \
        ["zuid", "oost-west", "oost-west", "noord", "onbekend", "plat"]
    zuid = zon.pv_voor_complex(100, 10, 800, "zuid")["kwh_jaar"]
    ow = zon.pv_voor_complex(100, 10, 800, "oost-west")["kwh_jaar"]
    assert zuid / ow == pytest.approx(900 / 750)
    assert "1-1-2027" in zon.SALDERING_TEKST and zon.SALDERING_TOT == 2027


def test_pv_doel_reden_zegt_waarom():
    cx = pd.DataFrame({"woningen": [10, 20, 30, 40], "dak_geschikt_m2": [np.nan, 0.0, 200.0, 300.0],
                       "pv_panelen_aanwezig": [False, False, False, True], "monument": [False] * 4,
                       "dak_geschat": [False, False, True, False]})
    t = zon.pv_doel_reden(cx)
    assert "10 woningen hebben geen dakgegevens" in t
    assert "20 woningen hebben geen geschikt dak" in t
    assert "40 woningen hebben al zonnepanelen" in t
    assert "30 woningen kunnen PV krijgen (waarvan 30 met een geschat dak)" in t


def test_portfolio_zonder_dakgegevens_krijgt_geschat_dak(tmp_path):
    """A VHE export without roof columns: every complex gets an estimated roof (flagged), PV becomes possible,
    and a measured 3DBAG orientation reaches the yield."""
    from pathlib import Path

    from verduurzaming.scenario import scenario_uit_dict
    root = Path(__file__).resolve().parents[1]
    vhe = (root / "data" / "labels" / "woonstede_vhe.csv").read_bytes()
    (tmp_path / "vhe.csv").write_bytes(vhe)
    s = scenario_uit_dict({"invoer": {"vhe": ["vhe.csv"]}}, tmp_path)
    c = lees_portefeuille(s).complexen
    assert c["dak_geschat"].all() and (c["dak_geschikt_m2"] > 0).all()
    # the estimate follows the rule: footprint gbo / storeys x suitable share of the dominant subtype
    eerste = c.iloc[0]
    assert eerste["dak_geschikt_m2"] in (pytest.approx(eerste["gbo_m2"] / 2 * 0.40, abs=0.1),
                                         pytest.approx(eerste["gbo_m2"] / 4 * 0.60, abs=0.1))
    # with 3DBAG columns on the rows, the orientation is measured
    tekst = vhe.decode("latin-1").splitlines()
    tekst = [tekst[0] + ";b3_azimut;b3_hellingshoek"] + [r + ";180;35" for r in tekst[1:]]
    (tmp_path / "vhe.csv").write_bytes("\n".join(tekst).encode("latin-1"))
    c2 = lees_portefeuille(scenario_uit_dict({"invoer": {"vhe": ["vhe.csv"]}}, tmp_path)).complexen
    assert (c2["dak_orientatie"] == "zuid").all()


def test_gemist_pv_doel_zegt_waarom(tmp_path):
    from pathlib import Path

    from verduurzaming.scenario import scenario_uit_dict
    root = Path(__file__).resolve().parents[1]
    (tmp_path / "vhe.csv").write_bytes((root / "data" / "labels" / "woonstede_vhe.csv").read_bytes())
    s = scenario_uit_dict({"invoer": {"vhe": ["vhe.csv"]}, "doelen": {"pv_woningen": {"2030": 100000}},
                           "scenario": {"solver_tijd_s": 10}}, tmp_path)
    pl = maak_plan(lees_portefeuille(s), s, baseline=False)
    assert any("zonnepanelen" in t for t in pl.schendingen["toelichting"])
    waarom = [z for z in pl.diagnose if "waarom het PV-doel niet gehaald wordt" in z]
    assert waarom and "geschat dak" in waarom[0], pl.diagnose
    assert "het doel (100000) is groter dan alle" in waarom[0] and "krijgen PV in het plan" in waarom[0]
    assert "1-1-2027" in pl.bronversies["pv_saldering"] and "geschat" in pl.bronversies["pv_dak"]


def test_scenario_sleutels_definitie_en_sloop(tmp_path):
    from verduurzaming._fouten import ScenarioFout
    from verduurzaming.scenario import scenario_uit_dict
    s = scenario_uit_dict({"scenario": {"sloop_vrijgesteld": False},
                           "doelen": {"gemiddeld_label_maat": "EI", "gemiddeld_label_weging": "woning"}}, tmp_path)
    assert s.sloop_vrijgesteld is False and (s.doelen.gemiddeld_label_maat, s.doelen.gemiddeld_label_weging) == ("ei", "woning")
    with pytest.raises(ScenarioFout, match="'gemiddeld_label_maat'.*'mediaan' is geen geldige keuze; kies uit ep2, ei"):
        scenario_uit_dict({"doelen": {"gemiddeld_label_maat": "mediaan"}}, tmp_path)


def test_dakorientatie_in_de_opbrengst_van_het_plan():
    """The roof orientation (portfolio ``dak_orientatie``, from azimuth and slope) sets the plan's PV yield."""
    from planning_helpers import cx, portefeuille, rij, scenario
    pf = portefeuille([cx(k, [150.0] * 10, dak_m2=100.0) for k in ("Z", "N", "O")])
    pf.complexen["dak_orientatie"] = ["zuid", "noord", None]
    plan = maak_plan(pf, scenario(doelen={"pv_woningen": {2030: 30}}), baseline=False)
    z, n, o = (rij(plan, k) for k in ("Z", "N", "O"))
    assert z["pv_kwp"] == n["pv_kwp"] == o["pv_kwp"] > 0
    assert z["pv_kwh_jaar"] > o["pv_kwh_jaar"] > n["pv_kwh_jaar"] > 0
    assert z["pv_kwh_jaar"] == pytest.approx(z["pv_kwp"] * zon.KWH_PER_KWP["zuid"])
    assert n["pv_kwh_jaar"] == pytest.approx(n["pv_kwp"] * zon.KWH_PER_KWP["noord"])
    # no measured roof: the national mean row, named as such
    assert o["pv_orientatie"] == "onbekend" and o["pv_kwh_per_kwp"] == zon.KWH_PER_KWP["onbekend"]
    assert z["co2_kg_na"] < n["co2_kg_na"]
    # the printed Planning shows 'werk', not the PV columns: PV is said there
    kwp = f"{z['pv_kwp']:.1f}".replace(".", ",")
    assert z["werk"] == f"zonnepanelen ({int(z['pv_jaar'])}): {int(z['pv_panelen'])} panelen, {kwp} kWp"


def test_werk_zonder_pv_noemt_geen_zonnepanelen():
    from planning_helpers import cx, portefeuille, rij, scenario
    pf = portefeuille([cx("A", [300.0] * 10, dak_m2=100.0), cx("B", [300.0] * 10, dak_m2=0.0)])
    plan = maak_plan(pf, scenario(doelen={"pv_woningen": {2030: 10}}), baseline=False)
    a, b = rij(plan, "A"), rij(plan, "B")
    assert not pd.isna(a["pv_jaar"]) and pd.isna(b["pv_jaar"])
    assert a["werk"].endswith(f"; zonnepanelen ({int(a['pv_jaar'])}): {int(a['pv_panelen'])} panelen, "
                              f"{a['pv_kwp']:.1f} kWp".replace(".", ","))
    assert "zonnepanelen" not in (b["werk"] or "")
