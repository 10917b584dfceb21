"""HiGHS reproducibility (issue 16): every model is silenced with HiGHS's own options and solved with a
fixed seed and number of threads (scenario ``solver_seed`` / ``solver_threads``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from planning_helpers import cx, portefeuille, scenario

from verduurzaming._fouten import ScenarioFout
from verduurzaming.planning import maak_plan
from verduurzaming.planning.formulering import _nieuwe_highs, highs_opties
from verduurzaming.scenario import scenario_uit_dict


def test_opties_standaard_en_uit_het_scenario():
    o = highs_opties(scenario())
    assert o["threads"] == 1 and o["random_seed"] == 0
    s = scenario_uit_dict({"scenario": {"solver_threads": 2, "solver_seed": 7}}, Path.cwd())
    o = highs_opties(s)
    assert (o["threads"], o["random_seed"]) == (2, 7)
    with pytest.raises(ScenarioFout):
        scenario_uit_dict({"scenario": {"solver_threads": 0}}, Path.cwd())


def test_elk_model_stil_met_eigen_opties(capfd):
    import highspy
    h = _nieuwe_highs(highspy)
    assert h.getOptionValue("output_flag")[1] is False and h.getOptionValue("log_to_console")[1] is False
    pf = portefeuille([cx("A", [330.0] * 2 + [260.0] * 10), cx("B", [400.0] * 5)])
    a = maak_plan(pf, scenario(capaciteit=5), baseline=False)
    b = maak_plan(pf, scenario(capaciteit=5), baseline=False)
    uit = capfd.readouterr()
    assert uit.out == "" and "HiGHS" not in uit.err
    cols = ["complex_id", "pakket", "aanpak", "jaar", "kosten_eur"]
    assert a.complexen[cols].equals(b.complexen[cols])


def test_werkers_zelfde_plan():
    """Corporations solved side by side (scenario solver_werkers) give the same plan as one after the other."""
    specs = [cx(f"K{k}", [330.0] * (k + 1) + [260.0] * 12 + [400.0] * (k % 3), corporatie=f"C{k % 4}")
             for k in range(12)]
    pf = portefeuille(specs)
    s1 = scenario(capaciteit=8)
    s1.solver_werkers = 1
    een = maak_plan(pf, s1, baseline=False)
    s2 = scenario(capaciteit=8)
    s2.solver_werkers = 2
    twee = maak_plan(pf, s2, baseline=False)
    cols = ["corporatie", "complex_id", "pakket", "aanpak", "jaar", "kosten_eur", "n_efg_na"]
    assert een.complexen[cols].equals(twee.complexen[cols])
    assert een.per_jaar.equals(twee.per_jaar)
    assert list(een.solver["corporatie"]) == list(twee.solver["corporatie"]) == ["C0", "C1", "C2", "C3"]
    assert een.schendingen.equals(twee.schendingen)


def test_ander_aantal_threads_in_hetzelfde_proces():
    """HiGHS fixes a thread's scheduler at its first ``threads``; the planner resets it when a later scenario asks
    another number (before: "Not Set", nothing planned)."""
    pf = portefeuille([cx("A", [330.0] * 2 + [260.0] * 10)])
    for t in (1, 2, 1):
        s = scenario(capaciteit=5)
        s.solver_threads = t
        p = maak_plan(pf, s, baseline=False)
        assert bool(p.solver["bewezen"].iloc[0]), (t, p.solver["status"].iloc[0])
        assert p.complexen["pakket"].notna().all()
