"""Issue 13: the workbook summary and the terminal summary show plan.kengetallen (surveys, switches off gas,
expected and P90 E/F/G, cost per E/F/G dwelling cleared, optimiser against the fair baseline)."""

from __future__ import annotations

import pytest
from planning_helpers import cx, portefeuille, scenario, wijk

from verduurzaming import cli
from verduurzaming.export.werkboek.samenvatting import _aanpak_rijen
from verduurzaming.planning import maak_plan


@pytest.fixture(scope="module")
def plan():
    # A: two F dwellings among D; H: estimated labels (a survey); W: F dwellings by 2028 and a warmtenet
    # connection in the wijk's window 2030-2031 (the switch off gas as a second work)
    pf = portefeuille([cx("A", [330.0] * 2 + [260.0] * 20), cx("H", [270.0] * 20),
                    cx("W", [330.0] * 10 + [260.0] * 10, wijk="WK999902")],
                   [wijk(), wijk("WK999902", strategie="warmtenet", uitvoering=(2030, 2031), aardgasvrij_jaar=2031)])
    pf.woningen.loc[pf.woningen["complex_id"] == "H", "label_geschat"] = True
    pf.woningen["label_geschat"] = pf.woningen["label_geschat"].fillna(False).astype(bool)
    pf.woningen["kans_efg"] = (pf.woningen["energielabel"].isin(["E", "F", "G"])).astype(float)
    pf.woningen.loc[pf.woningen["complex_id"] == "H", "kans_efg"] = 0.3
    return maak_plan(pf, scenario(capaciteit=100, eindjaar=2032))


def test_werkmap_rijen(plan):
    rijen, per_corp = _aanpak_rijen(plan, list(plan.jaren), 2028)
    d = {t: (v, s) for t, v, s in rijen}
    k = plan.kengetallen.iloc[0]
    assert d["E/F/G bij de start (meest waarschijnlijk)"][0] == k["n_efg_start"]
    assert d["  pessimistisch (P90)"][0] == k["n_efg_p90"] > k["n_efg_start"]
    sleutel = "Kosten per E/F/G weg, deadlinewerken (EUR)"
    assert d[sleutel] == (pytest.approx(k["efg_werken_kosten_eur"] / k["efg_werken_efg_verwijderd"]), "eur")
    assert k["efg_werken_efg_verwijderd"] + k["efg_bijvangst"] == k["efg_verwijderd"]
    assert d["Heropnames label (woningen)"][0] == 20 and d["Heropnames per jaar"][0] == "2026: 20"
    assert d["Van het gas: complexen"][0] == 1 and d["Van het gas: woningen"][0] == 20
    assert d["Van het gas: kosten (EUR)"][0] > 0
    # like for like: a ratio only when the baseline meets the same requirements, else cost per requirement met
    if len(plan.baseline.schendingen):
        assert not any(t.startswith("Kosten plan / baseline") for t, _, _ in rijen)
        # the terminal's figure: one function for both outputs
        from verduurzaming.planning.werken import kosten_per_gehaalde_eis
        per = kosten_per_gehaalde_eis(plan.baseline)
        assert any(t.startswith("Per gehaalde eis, baseline") and v == pytest.approx(per[0]) for t, v, _ in rijen)
    else:
        assert any(t.startswith("Kosten plan / baseline") and s == "pct" for t, _, s in rijen)
    assert d["E/F/G na 2028 (niet vrijgesteld): plan"][0] == 0
    assert per_corp == [("C1", k["efg_verwijderd"], k["kosten_per_efg_verwijderd_eur"], 20)]


def test_terminal(plan, capsys):
    cli._samenvatting_aanpak(plan, 2028)
    uit = capsys.readouterr().out
    assert "Aanpak (kengetallen):" in uit
    assert "heropnames 20 woningen" in uit and "per jaar 2026: 20" in uit
    assert "van het gas 1 complexen, 20 woningen" in uit
    assert "P90" in uit and "door werken voor de E/F/G-deadline" in uit and "bijvangst" in uit
    assert "over na 2028: plan 0" in uit
    # a bare cost ratio only when the baseline meets the same requirements
    assert ("Plan tegen handmatige baseline: kosten" in uit) == (not len(plan.baseline.schendingen))
