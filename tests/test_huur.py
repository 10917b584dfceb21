"""WWS energy points (Wet betaalbare huur, woningwaardering lookup) and rent loss after 2028."""

import pandas as pd
import pytest

from verduurzaming._fouten import ScenarioFout
from verduurzaming.huur import (
    WWS_PUNTEN,
    huurderving_eur_jaar,
    minpunten_vanaf_jaar,
    npa_deadline_jaar,
    puntwaarde_eur_maand,
)


def test_golden_wws_punten():
    # woningwaardering lookup_tabellen/label_en_energie-index.csv (beleidsboek jan 2025)
    assert WWS_PUNTEN["eengezins"]["E"] == -4 and WWS_PUNTEN["meergezins"]["E"] == -4
    assert WWS_PUNTEN["eengezins"]["F"] == -9
    assert WWS_PUNTEN["eengezins"]["G"] == -15
    assert WWS_PUNTEN["eengezins"]["B"] == 34 and WWS_PUNTEN["meergezins"]["B"] == 30
    assert WWS_PUNTEN["eengezins"]["A++++"] == 62


def test_golden_puntwaarde():
    # Huurcommissie, maximale huurprijsgrenzen 1-1-2026: (932.93 - 706.32) / 33
    assert puntwaarde_eur_maand(2026) == pytest.approx((932.93 - 706.32) / 33, abs=0.01)
    assert puntwaarde_eur_maand(2030) == puntwaarde_eur_maand(2026)
    assert puntwaarde_eur_maand(2025) < puntwaarde_eur_maand(2026)
    assert npa_deadline_jaar() == 2028


def test_huurderving():
    labels = pd.Series(["E", "F", "G", "D", None], index=list("abcde"))
    wt = pd.Series(["eengezins", "meergezins", "eengezins", "eengezins", "meergezins"], index=labels.index)
    # the minus points apply from 1-1-2025 (Wet betaalbare huur), not from the NPA deadline
    assert minpunten_vanaf_jaar() == 2025
    assert (huurderving_eur_jaar(labels, wt, 2024) == 0).all()
    assert huurderving_eur_jaar(labels, wt, 2025)["a"] == pytest.approx(4 * puntwaarde_eur_maand(2025) * 12)
    assert huurderving_eur_jaar(labels, wt, 2028)["c"] == pytest.approx(15 * puntwaarde_eur_maand(2028) * 12)
    uit = huurderving_eur_jaar(labels, wt, 2029)
    pw = puntwaarde_eur_maand(2029)
    assert uit.tolist() == pytest.approx([4 * pw * 12, 9 * pw * 12, 15 * pw * 12, 0, 0])
    assert list(uit.index) == list("abcde")
    assert uit["c"] > uit["b"] > uit["a"]


def test_onbekend_woningtype():
    with pytest.raises(ScenarioFout):
        huurderving_eur_jaar(pd.Series(["G"]), pd.Series(["kasteel"]), 2030)


def test_golden_huur_per_jaar_sloop_en_monument():
    """Golden: G eengezins, 2026 point value 6.87 -> 15 x 6.87 x 12 = 1236.60 a year; none for a monument
    (energy score floor 0) and none after the demolition year."""
    lab = pd.Series(["G", "G", "G"])
    wt = pd.Series(["eengezins"] * 3)
    mon = pd.Series([False, True, False])
    sloop = pd.Series([None, None, 2027], dtype="object")
    rij = {j: huurderving_eur_jaar(lab, wt, j, monument=mon, sloop_jaar=sloop).round(2).tolist()
           for j in (2024, 2026, 2027, 2028, 2030)}
    assert rij[2024] == [0.0, 0.0, 0.0]
    assert rij[2026] == [1236.60, 0.0, 1236.60]
    assert rij[2027] == [1236.60, 0.0, 1236.60]      # still let in its demolition year
    assert rij[2028] == [1236.60, 0.0, 0.0]          # demolished: no rent
    assert rij[2030] == [1236.60, 0.0, 0.0]
