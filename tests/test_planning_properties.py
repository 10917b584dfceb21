"""Property tests (hypothesis) on random small portfolios: the plan never breaks capacity or
budget without a listed violation, never renovates a complex twice, and leaves no feasible
E/F/G complex after the deadline without a listed violation."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from planning_helpers import CATALOGUS, cx, portefeuille, scenario, wijk

from verduurzaming.planning import maak_plan

STRATS = ["warmtenet", "all-electric", "hybride", "groengas", "onbekend"]


@st.composite
def geval(draw):
    n_w = draw(st.integers(1, 3))
    wijken = []
    for i in range(n_w):
        heeft_u = draw(st.booleans())
        u0 = draw(st.integers(2026, 2030))
        wijken.append(wijk(f"WK9999{i:02d}", draw(st.sampled_from(STRATS)),
                           (u0, u0 + draw(st.integers(0, 2))) if heeft_u else None,
                           draw(st.one_of(st.none(), st.integers(2027, 2032)))))
    complexen = []
    for i in range(draw(st.integers(1, 6))):
        ep2 = draw(st.lists(st.floats(150, 460), min_size=1, max_size=5))
        complexen.append(cx(f"c{i}", ep2, corporatie=draw(st.sampled_from(["X", "Y"])),
                            wijk=draw(st.sampled_from([w["wijk_code"] for w in wijken] + [None])),
                            monument=draw(st.booleans()) and draw(st.booleans()),
                            onderhoud_jaar=draw(st.one_of(st.none(), st.integers(2026, 2031))),
                            woningtype=draw(st.sampled_from(["eengezins", "meergezins"])),
                            dak_m2=draw(st.sampled_from([0.0, 60.0]))))
    cap = draw(st.one_of(st.none(), st.integers(0, 12)))
    bud = draw(st.one_of(st.none(), st.floats(0, 200000)))
    deadline = draw(st.integers(2026, 2029))
    deadline_gaat_voor = draw(st.booleans())
    doelen = draw(st.sampled_from([{}, {"gemiddeld_label": {"2029": "C"}}, {"pv_woningen": {"2028": 3}}]))
    return portefeuille(complexen, wijken), scenario(capaciteit=cap, budget=bud, deadline=deadline,
                                                  deadline_gaat_voor=deadline_gaat_voor, doelen=doelen)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(geval())
def test_plan_invariants(g):
    pf, sc = g
    p = maak_plan(pf, sc, catalogus=CATALOGUS, baseline=False)
    c, s = p.complexen, p.schendingen
    # one row per complex: a complex is renovated at most once
    assert len(c) == len(pf.complexen) and not c.duplicated(["corporatie", "complex_id"]).any()
    assert (c["jaar"].isna() == c["pakket"].isna()).all()
    # capacity and budget hold unless a violation is listed for that corporation and year
    for _, r in p.per_jaar.iterrows():
        heeft = lambda soort: ((s["corporatie"] == r["corporatie"]) & (s["soort"] == soort)  # noqa: E731
                               & (s["jaar"] == r["jaar"])).any()
        if r["renovaties_woningen"] > r["capaciteit_woningen"]:
            assert heeft("capaciteit")
        if r["kosten_eur"] > r["budget_eur"] + 1e-3:
            assert heeft("budget")
    # every non-exempt E/F/G complex is cleared by the deadline or has a listed violation
    for _, r in c.iterrows():
        if r["vrijgesteld"] or r["n_efg"] == 0:
            if r["vrijgesteld"]:
                assert pd.isna(r["pakket"])
            continue
        op_tijd = pd.notna(r["jaar"]) and r["jaar"] <= sc.deadline and r["n_efg_na"] == 0
        gemeld = ((s["corporatie"] == r["corporatie"]) & (s["complex_id"] == r["complex_id"])
                  & s["soort"].isin(["deadline", "tvw"])).any()
        assert op_tijd or gemeld, (r["complex_id"], r["jaar"], r["pakket"])
    # a package never in a year the TVW forbids (warmtenet only inside the window)
    wk = pf.wijken.set_index("wijk_code")
    for _, r in c[c["pakket"] == "wnet"].iterrows():
        w = wk.loc[r["wijk_code"]]
        assert w["strategie"] == "warmtenet" and w["uitvoering_start"] <= r["jaar"] <= w["uitvoering_eind"]
    for _, r in c[c["pakket"] == "ae"].iterrows():
        assert pd.isna(r["wijk_code"]) or wk.loc[r["wijk_code"], "strategie"] != "warmtenet"
