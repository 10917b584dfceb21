"""Planning weights: defaults come from defaults/gewichten.csv with a source; the scenario overrides."""

from __future__ import annotations

import pytest

from verduurzaming._fouten import ScenarioFout
from verduurzaming.defaults import lees
from verduurzaming.scenario import Scenario


def test_standaardgewichten_uit_csv_met_bron():
    tabel = lees("gewichten.csv")
    assert tabel["bron"].str.len().gt(20).all()
    s = Scenario()
    assert s.gewicht("dmjop_korting_pct") == 15.0
    assert s.gewicht("warmtenet_drempel_woningen") == 100.0


def test_scenario_gaat_voor():
    s = Scenario(gewichten={"dmjop_korting_pct": 20})
    assert s.gewicht("dmjop_korting_pct") == 20.0


def test_onbekend_gewicht():
    with pytest.raises(ScenarioFout):
        Scenario().gewicht("bestaat_niet")
