"""Planner tests on hand-made portfolios whose optimal plan is known by hand.

Catalog (tests/planning_helpers.CATALOGUS): licht -20% EP2 EUR 10k/dwelling; zwaar -50% (max 190)
EUR 30k, aardgasvrij-ready; wnet (warmtenet only) -40% EUR 20k; ae (all-electric) -60% EUR 40k.
EP2 350 (F) -> licht 280 (D, clears); EP2 400 (G) -> licht 320 (E, does not clear), zwaar 190 (B).
"""

from __future__ import annotations

import pandas as pd
import pytest
from planning_helpers import CATALOGUS, cx, portefeuille, rij, scenario, wijk

from verduurzaming.planning import Plan, maak_baseline, maak_plan


def plan_(pf, sc, cat=CATALOGUS, **kw) -> Plan:
    return maak_plan(pf, sc, catalogus=cat, **kw)


def test_cheapest_clearing_package_before_deadline():
    p = plan_(portefeuille([cx("a", [350] * 3)]), scenario())
    r = rij(p, "a")
    assert r["pakket"] == "licht" and r["jaar"] <= 2028
    assert r["kosten_eur"] == pytest.approx(30000)
    assert r["n_efg_na"] == 0 and r["slechtste_label_na"] == "D"
    assert "EFG-deadline" in r["redenen"]
    assert p.schendingen.empty and p.diagnose == []
    assert p.solver["status"].str.startswith("Optimal").all()
    assert (p.solver["gap"] <= 1e-6).all()


def test_g_dwelling_needs_the_heavier_package():
    p = plan_(portefeuille([cx("g", [400, 350])]), scenario())
    assert rij(p, "g")["pakket"] == "zwaar"


def test_dmjop_year_chosen_when_it_is_cheaper():
    p = plan_(portefeuille([cx("a", [350] * 3, onderhoud_jaar=2027)]), scenario())
    r = rij(p, "a")
    assert r["jaar"] == 2027 and bool(r["dmjop_gecombineerd"])
    assert r["kosten_eur"] == pytest.approx(30000 * 0.85)
    assert "DMJOP" in r["redenen"]


def test_dmjop_after_deadline_does_not_delay_efg():
    p = plan_(portefeuille([cx("a", [350] * 3, onderhoud_jaar=2030)]), scenario())
    assert rij(p, "a")["jaar"] <= 2028


def test_exempt_monument_and_demolition_untouched():
    pf = portefeuille([cx("m", [420] * 4, monument=True), cx("s", [420] * 2, sloop_jaar=2027)])
    p = plan_(pf, scenario(capaciteit=100))
    assert pd.isna(rij(p, "m")["pakket"]) and pd.isna(rij(p, "s")["pakket"])
    assert p.schendingen.empty
    pj = p.per_jaar.set_index("jaar")
    assert pj.loc[2026, "efg_vrijgesteld"] == 6 and pj["renovaties_woningen"].sum() == 0


def test_non_efg_complex_not_renovated_without_demand():
    p = plan_(portefeuille([cx("b", [200, 200]), cx("a", [350])]), scenario())
    assert pd.isna(rij(p, "b")["pakket"])


def test_capacity_infeasible_is_diagnosed():
    # capacity 5/yr, deadline 2027: 10 of the 15 E/F/G dwellings fit, one complex of 5 misses
    pf = portefeuille([cx(c, [350] * 5) for c in "abc"])
    p = plan_(pf, scenario(capaciteit=5, deadline=2027))
    assert (p.per_jaar["renovaties_woningen"] <= 5).all()
    dl = p.schendingen[p.schendingen["soort"] == "deadline"]
    assert len(dl) == 1
    gemist = dl["complex_id"].iloc[0]
    assert rij(p, gemist)["jaar"] == 2028  # still planned, after the deadline
    assert any("capaciteit te laag: 5 woningen E/F/G missen de deadline 2027; nodig: +3 woningen per jaar in 2026-2027"
               in z for z in p.diagnose), p.diagnose


def test_budget_infeasible_is_diagnosed():
    pf = portefeuille([cx(c, [350] * 3) for c in "abc"])  # EUR 30k each
    p = plan_(pf, scenario(budget=30000, deadline=2027))
    assert (p.per_jaar["kosten_eur"] <= 30000 + 1e-6).all()
    assert (p.schendingen["soort"] == "deadline").sum() == 1
    assert any("budget 2026-2027 te laag: tekort EUR 30.000" in z for z in p.diagnose), p.diagnose


def test_deadline_gaat_voor_keeps_deadline_and_relaxes_capacity():
    pf = portefeuille([cx(c, [350] * 5) for c in "abc"])
    p = plan_(pf, scenario(capaciteit=5, deadline=2027, deadline_gaat_voor=True))
    assert (p.complexen["jaar"] <= 2027).all()
    cap = p.schendingen[p.schendingen["soort"] == "capaciteit"]
    assert cap["toelichting"].str.contains("5 woningen").any()
    assert any("capaciteit" in z and "nodig +5 woningen" in z for z in p.diagnose)


def test_strikt_leaves_capacity_hard():
    """``strikt`` is about reading rows only: the planner keeps capacity hard, the plan is the one without it."""
    pf = portefeuille([cx(c, [350] * 5) for c in "abc"])
    p_strikt = plan_(pf, scenario(capaciteit=5, deadline=2027, strikt=True))
    p = plan_(pf, scenario(capaciteit=5, deadline=2027))
    assert not (p_strikt.schendingen["soort"] == "capaciteit").any()
    pd.testing.assert_frame_equal(pd.DataFrame(p_strikt.complexen), pd.DataFrame(p.complexen))
    pd.testing.assert_frame_equal(p_strikt.schendingen, p.schendingen)


def test_tvw_window_prefers_allowed_package_by_deadline():
    # warmtenet wijk, uitvoering 2029-2030: wnet (cheaper) only after the deadline -> zwaar by 2028
    pf = portefeuille([cx("g", [400] * 2)], [wijk(strategie="warmtenet", uitvoering=(2029, 2030))])
    p = plan_(pf, scenario())
    r = rij(p, "g")
    assert r["pakket"] == "zwaar" and r["jaar"] <= 2028
    assert p.schendingen.empty


def test_tvw_window_infeasible_is_a_tvw_violation():
    cat = CATALOGUS[CATALOGUS["pakket"].isin(["licht", "wnet", "ae", "pv"])]
    pf = portefeuille([cx("g", [400] * 2)], [wijk(strategie="warmtenet", uitvoering=(2029, 2030))])
    p = plan_(pf, scenario(), cat)
    r = rij(p, "g")
    assert r["pakket"] == "wnet" and r["jaar"] == 2029  # no all-electric in a warmtenet wijk
    assert (p.schendingen["soort"] == "tvw").any()
    assert any("transitievisie warmte" in z for z in p.diagnose)


def test_warmtenet_only_inside_window():
    pf = portefeuille([cx("g", [400] * 2, onderhoud_jaar=2026)], [wijk(strategie="warmtenet", uitvoering=(2027, 2028))])
    p = plan_(pf, scenario())
    r = rij(p, "g")
    assert r["pakket"] == "wnet" and r["jaar"] in (2027, 2028) and bool(r["binnen_wup"])


def test_no_package_clears_is_a_deadline_violation():
    cat = CATALOGUS[CATALOGUS["pakket"].isin(["licht", "pv"])]
    p = plan_(portefeuille([cx("g", [420])]), scenario(), cat)
    s = p.schendingen
    assert list(s["soort"]) == ["deadline"] and "geen pakket" in s["toelichting"].iloc[0]


def test_outside_wup_penalty_moves_work_into_window():
    pf = portefeuille([cx("a", [350] * 2)], [wijk(strategie="hybride", uitvoering=(2027, 2027))])
    p = plan_(pf, scenario())
    r = rij(p, "a")
    assert r["jaar"] == 2027 and bool(r["binnen_wup"]) and "WUP-uitvoering" in r["redenen"]


def test_worst_labels_first():
    pf = portefeuille([cx("e", [300] * 3), cx("f", [370] * 3)])
    p = plan_(pf, scenario(capaciteit=3, deadline=2027))
    assert rij(p, "f")["jaar"] == 2026 and rij(p, "e")["jaar"] == 2027


def test_mean_label_target():
    # C-stock (EP2 250); target mean label B (<= 190) in 2028: licht gives 200, zwaar 125
    p = plan_(portefeuille([cx("c", [250] * 4)]), scenario(doelen={"gemiddeld_label": {"2028": "B"}}))
    r = rij(p, "c")
    assert r["pakket"] == "zwaar" and r["jaar"] <= 2028
    assert p.per_jaar.set_index("jaar").loc[2028, "ep2_gem_kwh_m2"] <= 190
    assert p.schendingen.empty


def test_mean_label_target_infeasible():
    p = plan_(portefeuille([cx("c", [250] * 4)]), scenario(doelen={"gemiddeld_label": {"2027": "A++"}}))
    d = p.schendingen[p.schendingen["soort"] == "doel"]
    assert len(d) == 1 and "gemiddeld label A++ in 2027" in d["toelichting"].iloc[0]


def test_pv_target():
    pf = portefeuille([cx("a", [200] * 4, dak_m2=120), cx("b", [200] * 4, dak_m2=120)])
    p = plan_(pf, scenario(doelen={"pv_woningen": {"2028": 4}}))
    pvj = p.complexen["pv_jaar"].dropna()
    assert len(pvj) == 1 and (pvj <= 2028).all()
    assert p.per_jaar.set_index("jaar").loc[2028, "pv_woningen"] >= 4
    assert p.schendingen.empty


def test_co2_target():
    pf = portefeuille([cx("a", [250] * 4, gas_m3=4000), cx("b", [250] * 4, gas_m3=4000)])
    p = plan_(pf, scenario(doelen={"co2_reductie_pct": {"2030": 30}}))
    pj = p.per_jaar.set_index("jaar")
    ref = p.complexen["co2_kg_voor"].sum()
    assert pj.loc[2030, "co2_kg"] <= 0.7 * ref + 1
    assert p.schendingen.empty


def test_aardgasvrij_year_requires_ready_package():
    pf = portefeuille([cx("a", [250] * 2)], [wijk(strategie="hybride", aardgasvrij_jaar=2030)])
    p = plan_(pf, scenario())
    r = rij(p, "a")
    assert r["pakket"] == "zwaar" and r["jaar"] <= 2030 and "aardgasvrij-ready" in r["redenen"]


def test_aardgasvrij_impossible_is_soft():
    cat = CATALOGUS[CATALOGUS["pakket"].isin(["licht", "pv"])]
    pf = portefeuille([cx("a", [250] * 2)], [wijk(strategie="hybride", aardgasvrij_jaar=2030)])
    p = plan_(pf, scenario(), cat)
    assert pd.isna(rij(p, "a")["pakket"])
    assert list(p.schendingen["soort"]) == ["tvw"]


def test_corporations_planned_separately():
    pf = portefeuille([cx("a", [350] * 5, corporatie="X"), cx("a", [350] * 5, corporatie="Y")])
    from verduurzaming.scenario import Corporatieparameters
    sc = scenario(capaciteit=5, deadline=2026, per_corporatie={"Y": Corporatieparameters(capaciteit_woningen=0)})
    p = plan_(pf, sc)
    assert rij(p, "a", "X")["jaar"] == 2026
    assert (p.schendingen["corporatie"] == "Y").all() and len(p.schendingen) >= 1
    assert set(p.solver["corporatie"]) == {"X", "Y"}


def test_baseline_and_comparison():
    pf = portefeuille([cx("a", [350] * 3, onderhoud_jaar=2027), cx("b", [370] * 3, onderhoud_jaar=2028),
                    cx("c", [400] * 2)])
    sc = scenario(capaciteit=6)
    p = plan_(pf, sc)
    b = p.baseline
    assert isinstance(b, Plan) and b.baseline is None
    assert p.per_jaar["kosten_eur"].sum() <= b.per_jaar["kosten_eur"].sum() + 1e-6
    assert (b.per_jaar["renovaties_woningen"] <= 6).all()
    # baseline: worst first -> c (G) in 2026
    assert rij(b, "c")["jaar"] == 2026
    b2 = maak_baseline(pf, sc, catalogus=CATALOGUS)
    assert b2.complexen["jaar"].equals(b.complexen["jaar"])


def test_per_jaar_label_counts_consistent():
    pf = portefeuille([cx("a", [350] * 3), cx("b", [200, 420], monument=True)])
    p = plan_(pf, scenario())
    pj = p.per_jaar
    labcols = [c for c in pj.columns if c.startswith("n_") and c != "n_efg"]
    assert (pj[labcols].sum(axis=1) == pj["woningen"]).all()
    assert pj.iloc[-1]["n_efg"] == 1  # only the monument's G
    assert set(p.wijk_jaar.columns) >= {"wijk_code", "jaar", "renovaties_woningen", "binnen_wup_woningen",
                                        "buiten_wup_woningen", "n_efg", "co2_kg"}


def test_planner_prints_nothing(capfd):
    plan_(portefeuille([cx("a", [350])]), scenario())
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_default_catalog_runs():
    p = maak_plan(portefeuille([cx("a", [350] * 3), cx("g", [420] * 2)]), scenario())
    assert (p.complexen["n_efg_na"] == 0).all()
    assert "maatregelen" in p.bronversies
