"""CO2 factors (defaults/co2_factoren.csv) and the gas-use estimate (defaults/gasverbruik.csv)."""

import numpy as np
import pandas as pd
import pytest

from verduurzaming._fouten import ScenarioFout
from verduurzaming.co2 import co2_kg, factor, gasverbruik_geschat_m3


def test_golden_isso82():
    # ISSO 82.1 as quoted in DOMAIN.md
    assert factor("aardgas", 2024) == 1.78
    assert factor("warmtenet", 2024) == 50.6
    assert factor("elektriciteit_isso82", 2024) == 0.48


def test_golden_cbs_elektriciteit_marginaal():
    # CBS discussion paper 2023, electricity from natural gas: 0.42 (2000) ... 0.38 (2021); a marginal factor,
    # kept under its own name and no longer the default electricity factor
    assert factor("elektriciteit_marginaal_gas", 2000) == 0.42
    assert factor("elektriciteit_marginaal_gas", 2019) == 0.37
    assert factor("elektriciteit_marginaal_gas", 2021) == 0.38
    assert factor("elektriciteit_marginaal_gas", 2035) == 0.38       # constant after the last year


def test_golden_netmix_pad():
    # CE Delft, elektriciteitsmix 2021: 300 g/kWh (production); then a straight path to 0 in 2050 (Klimaatwet)
    assert factor("elektriciteit", 2021) == 0.30
    assert factor("elektriciteit", 2000) == 0.30                     # first year before the table
    assert factor("elektriciteit", 2030) == pytest.approx(0.300 * 20 / 29, abs=1e-3)
    assert factor("elektriciteit", 2050) == 0.0
    pad = [factor("elektriciteit", j) for j in range(2021, 2051)]
    assert all(b < a for a, b in zip(pad, pad[1:]))                  # falls every year
    assert factor("elektriciteit", 2026) < factor("elektriciteit_marginaal_gas", 2026)


def test_scenario_netpad():
    pad = pd.DataFrame({"drager": ["elektriciteit"] * 2 + ["aardgas", "warmtenet"], "jaar": [2024, 2030, 2000, 2000],
                        "factor": [0.3, 0.1, 1.78, 50.6]})
    assert factor("elektriciteit", 2027, pad) == 0.3
    assert factor("elektriciteit", 2030, pad) == 0.1
    assert co2_kg(0, 1000, 0, 2031, pad) == pytest.approx(100)


def test_onbekende_drager():
    with pytest.raises(ScenarioFout, match="energiedrager"):
        factor("steenkool", 2024)


def test_co2_kg():
    assert co2_kg(1000, 0, 0, 2024) == pytest.approx(1780)
    assert co2_kg(0, 1000, 10, 2021) == pytest.approx(300 + 506)
    assert co2_kg(np.array([1000, np.nan]), 0, 0, 2024).tolist() == pytest.approx([1780, 0])
    assert co2_kg(0, 1000, 0, 2021, elektriciteit_drager="elektriciteit_isso82") == pytest.approx(480)


def test_gas_golden_vesta():
    # Vesta eengezins label G: (21.45 + 0.1883 * 100 + 8.21) GJ / 0.95 / 0.03165 GJ/m3
    verwacht = (21.45 + 0.1883 * 100 + 8.21) / 0.95 / 0.03165
    assert gasverbruik_geschat_m3(420, 100, "eengezins")[0] == pytest.approx(verwacht)


def test_gas_monotoon_en_vectorised():
    ep2 = np.array([420.0, 357.0, 312.0, 270.0, 220.0, 175.0, 130.0])
    for wt, m2 in [("eengezins", 100.0), ("meergezins", 70.0)]:
        gas = gasverbruik_geschat_m3(ep2, m2, wt)
        assert np.all(np.diff(gas) <= 0)
        assert 500 < gas.min() and gas.max() < 2000
    uit = gasverbruik_geschat_m3(pd.Series([420.0, np.nan]), pd.Series([100.0, 80.0]),
                                 pd.Series(["eengezins", "meergezins"]))
    assert np.isnan(uit[1]) and uit[0] > 0
    assert gasverbruik_geschat_m3(-5, 100, "eengezins")[0] == gasverbruik_geschat_m3(130, 100, "eengezins")[0]
    assert gasverbruik_geschat_m3(200, 150, "eengezins")[0] > gasverbruik_geschat_m3(200, 80, "eengezins")[0]


def test_gas_onbekend_woningtype():
    with pytest.raises(ScenarioFout):
        gasverbruik_geschat_m3(200, 100, "boerderij")


def test_scenario_factoren_netpad():
    from verduurzaming.co2 import factor, factoren_uit_scenario
    t = factoren_uit_scenario({"elektriciteit": {2026: 0.33, 2030: 0.20}, "aardgas": 1.9})
    assert factor("elektriciteit", 2025, t) == 0.33  # before the first year: the first value
    assert factor("elektriciteit", 2029, t) == 0.33 and factor("elektriciteit", 2031, t) == 0.20
    assert factor("aardgas", 2030, t) == 1.9
    assert factoren_uit_scenario({}) is None
    with pytest.raises(ScenarioFout, match="onbekende energiedrager"):
        factoren_uit_scenario({"steenkool": 2.0})
    with pytest.raises(ScenarioFout, match=">= 0"):
        factoren_uit_scenario({"elektriciteit": {2026: -1}})


def test_plan_volgt_scenario_factoren(demo_portefeuille, demo_scenario):
    import copy

    from verduurzaming.planning import maak_plan
    s = copy.copy(demo_scenario)
    s.factoren = {"aardgas": 2.0 * 1.78}
    dubbel = maak_plan(demo_portefeuille, s, baseline=False)
    gewoon = maak_plan(demo_portefeuille, demo_scenario, baseline=False)
    j = gewoon.per_jaar["jaar"] == 2026
    # start-of-horizon CO2 is almost all gas (heat-pump electricity counts too): doubling the gas factor
    # nearly doubles it
    verhouding = dubbel.per_jaar.loc[j, "co2_kg"].sum() / gewoon.per_jaar.loc[j, "co2_kg"].sum()
    assert 1.8 < verhouding < 2.0 + 1e-6
    assert "co2_factoren" in dubbel.bronversies
