"""Issue 13: monuments are exempt from the E/F/G deadline but plannable with the packages
``defaults/monument_pakketten.csv`` allows, so a mean-label or CO2 target can use them; complexes
demolished by the deadline get no works; neither counts as an E/F/G violation or pays huurkorting.

The hand-made portfolio: a monument M of 20 label-G dwellings, a small complex N already at label B and
a complex S of 5 label-G dwellings demolished in 2027. Only works on M can move the corporation's mean
label or CO2 far enough."""

from __future__ import annotations

import pytest
from planning_helpers import cx, portefeuille, rij, scenario

from verduurzaming.planning import maak_plan
from verduurzaming.planning.opties import bouw_opties
from verduurzaming.vrijstelling import MONUMENT_PAKKETTEN

TOEGESTAAN = {p for p, ok in MONUMENT_PAKKETTEN.items() if ok}


def _pf():
    return portefeuille([cx("M", [400.0] * 20, monument=True), cx("N", [150.0] * 2),
                      cx("S", [400.0] * 5, sloop_jaar=2027)])


def _plan(doelen=None):
    return maak_plan(_pf(), scenario(capaciteit=100, doelen=doelen), baseline=False)


def _geen_efg_schending(plan):
    s = plan.schendingen
    assert s[s["soort"] == "deadline"].empty


def _niet_gepland(r):
    return r["pakket"] is None or str(r["pakket"]) in ("nan", "None")


def test_monument_zonder_doel_niet_gepland():
    plan = _plan()
    for c in ("M", "S"):
        r = rij(plan, c)
        assert _niet_gepland(r), c
        assert r["huurkorting_eur_jaar"] == 0
    # exempt E/F/G left after the deadline are no violation
    assert (plan.complexen.set_index("complex_id").loc[["M", "S"], "n_efg_na"] > 0).all()
    # the printed row says why E/F/G stay, not only the detail column
    assert rij(plan, "M")["werk"] == "geen werk: vrijgesteld (monument), 20 E/F/G-woningen blijven"
    assert rij(plan, "S")["werk"] == "geen werk: vrijgesteld (sloop 2027), 5 E/F/G-woningen blijven"
    _geen_efg_schending(plan)
    assert plan.schendingen.empty


@pytest.mark.parametrize("doelen", [{"gemiddeld_label": {2030: "C"}}, {"co2_reductie_pct": {2030: 20}}],
                         ids=["gemiddeld_label", "co2"])
def test_monument_gepland_waar_een_doel_het_vraagt(doelen):
    plan = _plan(doelen)
    m = rij(plan, "M")
    assert m["pakket"] in TOEGESTAAN
    assert int(m["jaar"]) <= 2030 and "doel" in m["redenen"]
    assert m["huurkorting_eur_jaar"] == 0
    # the target is met by the plan's own figures, without a violation
    assert plan.schendingen.empty
    pj = plan.per_jaar.set_index("jaar")
    if "gemiddeld_label" in doelen:
        assert pj.loc[2030, "gemiddeld_label"] in ("A", "B", "C")
    else:
        assert bool(pj.loc[2030, "co2_doel_gehaald"])
    # a complex demolished by the deadline gets no works, even for a target
    s = rij(plan, "S")
    assert _niet_gepland(s) and s["huurkorting_eur_jaar"] == 0
    _geen_efg_schending(plan)


def test_monument_nooit_een_verboden_pakket():
    # label B needs more than a monument may take: the plan keeps to the allowed packages and reports the miss
    plan = _plan({"gemiddeld_label": {2030: "B"}})
    m = rij(plan, "M")
    assert m["pakket"] in TOEGESTAAN
    s = plan.schendingen
    assert ((s["soort"] == "doel") & s["toelichting"].str.contains("gemiddeld label B")).any()
    o = bouw_opties(_pf(), scenario(capaciteit=100))
    ci = list(o.complexen["complex_id"]).index("M")
    for j, p in enumerate(o.pakketten):
        if p not in TOEGESTAAN:
            assert not o.toegestaan[ci, j], p
    assert not o.pv_mogelijk[ci]
    si = list(o.complexen["complex_id"]).index("S")
    assert not o.toegestaan[si].any() and not o.planbaar[si]
