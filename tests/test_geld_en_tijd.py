"""Money and time as a controller reads them: the objective weighs money at its present value, a work that is not
prepared cannot start in the first plan year, and every output shows nominal and present value from one ledger."""

from __future__ import annotations

import pandas as pd
import pytest
from planning_helpers import cx, portefeuille, scenario

from verduurzaming.planning import maak_plan

G = 350.0   # EP2 label F


def _jaar(plan, complex_id: str) -> int:
    w = plan.werken
    return int(w.loc[(w["complex_id"] == complex_id) & (w["soort"] == "renovatie"), "jaar"].iloc[0])


def test_contante_waarde_schuift_werk_naar_later_binnen_de_regels():
    """With prices rising 3 % a year and no discounting the cheapest year is the first; at a discount rate above
    the price rise the same work goes as late as the deadline allows (and never after it)."""
    pf = portefeuille([cx("a", [G] * 4)])
    nominaal = maak_plan(pf, scenario(), baseline=False)
    contant = maak_plan(pf, scenario(gewichten={"discontovoet_pct": 5.24}), baseline=False)
    assert _jaar(nominaal, "a") == 2026
    assert _jaar(contant, "a") == 2028 == contant.deadline
    w = contant.werken
    r = w[w["soort"] == "renovatie"].iloc[0]
    assert r["kosten_eur_contant"] == pytest.approx(r["kosten_eur"] / 1.0524 ** 2, rel=1e-6)
    # nominal and present value per year are the ledger summed
    pj = contant.per_jaar
    assert pj["kosten_eur_contant"].sum() == pytest.approx(w["kosten_eur_contant"].sum())
    assert pj["kosten_eur"].sum() == pytest.approx(w["kosten_eur"].sum())


def test_voorbereidingstijd_eerste_jaar_alleen_voorbereid_en_heropname():
    pf = portefeuille([cx("a", [G] * 4), cx("b", [G] * 4)])
    s = scenario(gewichten={"voorbereidingstijd_jaar": 1})
    s.vastgelegd = [{"corporatie": "C1", "complex_id": "b", "pakket": "schil_basis", "jaar": 2026}]
    p = maak_plan(pf, s, baseline=False)
    w = p.werken
    eerste = w[w["jaar"] == 2026]
    assert set(eerste.loc[eerste["soort"] != "heropname", "complex_id"]) == {"b"}   # only the prepared work
    assert _jaar(p, "a") >= 2027
    # two years of lead time and a deadline the year after the start: the deadline cannot be met, and the plan
    # says so instead of pretending
    s2 = scenario(deadline=2027, gewichten={"voorbereidingstijd_jaar": 2})
    p2 = maak_plan(pf, s2, baseline=False)
    assert (p2.schendingen["soort"] == "deadline").sum() == 2


def test_demo_eerste_planjaar(demo_plan, demo_scenario):
    """The demo: the first plan year holds the label surveys and the works its scenario lists as prepared, no
    other; the baseline keeps the same lead time, so the two are compared on the same rules."""
    w = demo_plan.werken
    start = min(demo_plan.jaren)
    vast = {(v["corporatie"], str(v["complex_id"])) for v in demo_scenario.vastgelegd}
    eerste = w[(w["jaar"] == start) & (w["soort"] != "heropname")]
    assert len(eerste) and set(zip(eerste["corporatie"], eerste["complex_id"].astype(str))) <= vast
    bw = demo_plan.baseline.werken
    assert not len(bw[(bw["jaar"] == start) & bw["soort"].isin(["renovatie", "van_gas", "pv"])]
                   [lambda d: ~pd.Series(list(zip(d["corporatie"], d["complex_id"].astype(str))), index=d.index)
                    .isin(vast)])
    # capacity holds in every year
    pj = demo_plan.per_jaar
    assert (pj["renovaties_woningen"] <= pj["capaciteit_woningen"] + 1e-9).all()


def test_herplan_telt_de_voorbereidingstijd_vanaf_het_eerste_planjaar(demo_scenario):
    """A re-plan a year on may place works at once: the plan held them for that year, so they have been prepared
    since; two years of lead time leave one."""
    import copy
    import datetime as dt
    from types import SimpleNamespace

    from verduurzaming.voortgang.herplannen import herplan_scenario

    leeg = SimpleNamespace(complexen=pd.DataFrame(columns=["corporatie", "complex_id", "gerealiseerd_jaar"]),
                           portefeuille=SimpleNamespace(complexen=pd.DataFrame(columns=["corporatie", "complex_id",
                                                                                        "woningen"])))
    s = herplan_scenario(demo_scenario, leeg, None, dt.date(2027, 1, 1))
    assert s.startjaar == 2027 and s.gewicht("voorbereidingstijd_jaar") == 0
    s2 = copy.deepcopy(demo_scenario)
    s2.gewichten["voorbereidingstijd_jaar"] = 2
    assert herplan_scenario(s2, leeg, None, dt.date(2027, 1, 1)).gewicht("voorbereidingstijd_jaar") == 1
    assert demo_scenario.gewicht("voorbereidingstijd_jaar") == 1   # the scenario itself is not changed
