"""Measure catalog (defaults/maatregelen.csv, maatregel_effect.csv)."""

import numpy as np
import pytest

from verduurzaming._errors import ScenarioFout
from verduurzaming.measures import (STRATEGIEEN, effect, ep2_na, kosten_eur, load_catalog, pakket_rij,
                                    past_bij_strategie)

PAKKETTEN = ["schil_basis", "schil_standaard", "hybride_wp", "schil_hybride", "all_electric", "warmtenet",
             "zonnepanelen"]


@pytest.fixture(scope="module")
def cat():
    return load_catalog()


def test_catalogus_kolommen_en_pakketten(cat):
    assert list(cat.index) == PAKKETTEN
    assert {"naam", "soort", "kosten_eur_eengezins", "kosten_eur_meergezins", "ep2_reductie_pct",
            "ep2_na_max_kwh_m2", "gas_reductie_pct", "elektriciteit_extra_kwh_woning", "warmte_gj_woning",
            "aardgasvrij_ready", "strategieen", "bron"} <= set(cat.columns)
    assert set(cat["soort"]) == {"renovatie", "pv"}
    assert cat["bron"].str.len().min() > 20


def test_strategieen(cat):
    for s in cat["strategieen"]:
        assert set(s) <= set(STRATEGIEEN)
    assert "warmtenet" not in cat.loc["all_electric", "strategieen"]
    assert cat.loc["warmtenet", "strategieen"] == ("warmtenet",)
    assert past_bij_strategie(cat.loc["schil_basis"], None)
    assert not past_bij_strategie(cat.loc["hybride_wp"], "warmtenet")


def test_kosten_in_domeinbandbreedte(cat):
    # DOMAIN.md: EUR 7,500-12,000 per dwelling to label B combined with maintenance
    assert 7500 <= kosten_eur(cat, "schil_basis", "eengezins") <= 12000
    assert kosten_eur(cat, "schil_standaard", "meergezins") < kosten_eur(cat, "schil_standaard", "eengezins")
    assert (cat["kosten_eur_eengezins"] > 0).all()


def test_ep2_na_standaard_label_b(cat):
    # Standaard voor woningisolatie: post-war ~ label B (EP2 <= 190), pre-war ~ label D (<= 290)
    r = pakket_rij(cat, "schil_standaard")
    assert ep2_na(np.array([420.0]), r)[0] == 190.0
    assert ep2_na(np.array([1000.0]), r, bouwjaar=np.array([1930]))[0] == 290.0
    assert ep2_na(np.array([1000.0]), r, bouwjaar=np.array([1960]))[0] == 190.0


def test_ep2_na_gedrag(cat):
    ep2 = np.array([50.0, 150.0, 250.0, 350.0, 450.0, np.nan])
    for pakket in PAKKETTEN:
        na = ep2_na(ep2, cat.loc[pakket])
        assert na.shape == ep2.shape
        assert np.all(na[:-1] <= ep2[:-1])                   # never worse
        assert np.all(np.diff(na[:-1]) >= 0)                 # monotone
        assert np.isnan(na[-1])
    assert ep2_na(np.array([50.0]), cat.loc["schil_basis"])[0] == pytest.approx(35.0)
    assert np.array_equal(ep2_na(ep2[:-1], cat.loc["zonnepanelen"]), ep2[:-1])


def test_effect_per_woningtype(cat):
    assert effect(cat.loc["warmtenet"], "warmte_gj_woning", woningtype="meergezins") == 18
    assert effect(cat.loc["warmtenet"], "warmte_gj_woning", woningtype="eengezins") == 25


def test_overrides(cat):
    c = load_catalog({"schil_standaard": {"kosten_eur_eengezins": 30000, "strategieen": "hybride"}})
    assert kosten_eur(c, "schil_standaard", "eengezins") == 30000
    assert c.loc["schil_standaard", "strategieen"] == ("hybride",)
    assert kosten_eur(cat, "schil_standaard", "eengezins") == 21000   # default untouched


@pytest.mark.parametrize("overrides", [{"onbekend_pakket": {"kosten_eur_eengezins": 1}},
                                       {"schil_basis": {"prijs": 1}},
                                       {"schil_basis": {"kosten_eur_eengezins": "duur"}},
                                       {"schil_basis": {"strategieen": "kernfusie"}}])
def test_overrides_fout(overrides):
    with pytest.raises(ScenarioFout):
        load_catalog(overrides)


def test_onbekend_pakket_nederlandse_melding(cat):
    with pytest.raises(ScenarioFout, match="Onbekend pakket 'ketel'"):
        kosten_eur(cat, "ketel", "eengezins")
    with pytest.raises(ScenarioFout, match="woningtype"):
        kosten_eur(cat, "schil_basis", "villa")
