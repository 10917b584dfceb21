"""PV (defaults/pv_opbrengst.csv, pv_parameters.csv)."""

import numpy as np
import pytest

from verduurzaming._fouten import ScenarioFout
from verduurzaming.zon import KWH_PER_KWP, PARAMETERS, co2_vermeden_kg, pv_voor_complex, pv_voor_complexen


def test_golden_figures():
    assert PARAMETERS["primaire_factor_elektriciteit"] == 1.45      # NTA 8800 tabel 5.2
    assert KWH_PER_KWP["zuid"] == 900                               # 0.9 kWh/Wp zuid
    assert KWH_PER_KWP["oost-west"] == 750                          # 0.75 kWh/Wp oost/west
    assert 850 <= KWH_PER_KWP["onbekend"] <= 950 - 50
    assert PARAMETERS["paneel_wp"] == 435                           # Milieu Centraal; RVO kostenkentallen nov 2024
    assert PARAMETERS["kosten_eur_per_wp"] == 1.14                  # RVO kostenkentallen nov 2024, plat dak serieel


def test_complex_rekenvoorbeeld():
    uit = pv_voor_complex(230.0, 20, 1600.0, "zuid")
    assert uit["panelen"] == 100                                    # 230 m2 / 2.3 m2
    assert uit["kwp"] == pytest.approx(43.5)                        # 100 x 435 Wp
    assert uit["kwh_jaar"] == pytest.approx(43.5 * 900)
    assert uit["kosten_eur"] == pytest.approx(43500 * 1.14)
    assert uit["ep2_reductie_kwh_m2"] == pytest.approx(43.5 * 900 * 1.45 / 1600)
    assert uit["kwh_per_kwp"] == 900


def test_plafond_per_woning_en_leeg_dak():
    assert pv_voor_complex(10_000.0, 5, 400.0)["panelen"] == 50
    leeg = pv_voor_complex(float("nan"), 5, 400.0)
    assert leeg["panelen"] == 0 and leeg["kosten_eur"] == 0


def test_vectorised_monotoon():
    dak = np.array([0.0, 50.0, 100.0, 200.0])
    uit = pv_voor_complexen(dak, np.full(4, 30), np.full(4, 2000.0), np.array(["zuid", "zuid", "plat", "plat"]))
    assert uit["panelen"].tolist() == [0, 21, 43, 86]
    assert np.all(np.diff(uit["kwh_jaar"]) >= 0)


def test_params_override_en_fout():
    assert pv_voor_complex(230.0, 20, 1600.0, "zuid", {"kwh_per_kwp_zuid": 950})["kwh_jaar"] == pytest.approx(43.5 * 950)
    with pytest.raises(ScenarioFout):
        pv_voor_complex(100.0, 5, 400.0, params={"rendement": 1})
    with pytest.raises(ScenarioFout, match="orientatie"):
        pv_voor_complex(100.0, 5, 400.0, "noordoost")


def test_co2_vermeden():
    # grid mix 2021 (CE Delft, 0.300 kg/kWh); the CBS marginal gas factor only on request
    assert co2_vermeden_kg(1000.0, 2021) == pytest.approx(300.0)
    assert co2_vermeden_kg(1000.0, 2021, elektriciteit_drager="elektriciteit_marginaal_gas") == pytest.approx(380.0)
