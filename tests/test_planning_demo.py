"""The planner on the bundled demo: the NPA deadline met, cheaper than the hand-made plan."""

from __future__ import annotations


def test_geen_efg_na_2028_behalve_vrijgesteld(demo_plan):
    pj = demo_plan.per_jaar
    na = pj[pj["jaar"] > 2028]
    assert len(na) and (na["n_efg"] == na["efg_vrijgesteld"]).all()
    assert demo_plan.schendingen.empty and demo_plan.diagnose == []


def test_goedkoper_dan_handmatige_baseline_onder_dezelfde_eisen(demo_plan):
    base = demo_plan.baseline
    # the baseline clears the same E/F/G dwellings by the deadline
    assert not (base.schendingen["soort"] == "deadline").any()
    # issue 13: off gas means off gas. Where the spreadsheet rule leaves a complex on gas after its wijk's
    # year, that is listed; the optimiser leaves none. The cost comparison holds only under the same
    # requirements, so it is made where the baseline meets them
    te_laat = base.schendingen[base.schendingen["soort"] == "tvw"]
    assert te_laat["toelichting"].str.contains("nog op aardgas").all()
    assert demo_plan.schendingen.empty
    los = ~demo_plan.complexen["complex_id"].isin(te_laat["complex_id"])
    kosten = lambda p: (p.complexen.loc[los, "renovatie_kosten_eur"] + p.complexen.loc[los, "van_gas_kosten_eur"]).sum()  # noqa: E731
    assert kosten(demo_plan) < kosten(base)
    # the fair baseline combines with maintenance (DMJOP) too, so the saving is not just DMJOP moments
    assert base.complexen["dmjop_gecombineerd"].sum() > 0


def test_bewezen_gat(demo_plan):
    s = demo_plan.solver
    assert set(s["corporatie"]) == {"Woonstede Voorbeeldstad", "WonenPlus"}
    assert (s["gap"] <= 0.005 + 1e-9).all()
    assert s["status"].str.startswith("Optimal").all()


def test_baseline_haalt_de_tvw_waar_dat_kan(demo_plan):
    """The hand-made baseline meets the TVW where the rules allow it: it takes an aardgasvrij-ready package in a
    year inside the wijk's window rather than basic insulation after it (13 TVW requirements were missed when its
    year search started after Molenwijk's warmtenet window); and the comparison is made per requirement met."""
    b = demo_plan.baseline
    tvw = b.schendingen[b.schendingen["soort"] == "tvw"]
    assert len(tvw) <= 1, tvw
    k, kb = demo_plan.kengetallen, b.kengetallen
    assert int(k["eisen"].sum()) == int(kb["eisen"].sum()) > 0
    assert int(k["eisen_gehaald"].sum()) == int(k["eisen"].sum())   # the optimiser meets every requirement
    assert int(kb["eisen_gehaald"].sum()) == int(kb["eisen"].sum()) - len(b.schendingen)
