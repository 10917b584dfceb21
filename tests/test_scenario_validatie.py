"""The scenario schema: the documented files load unchanged, impossible values and wrong forms are
Dutch errors naming section and key (never pydantic's English), checks across keys hold."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest

from verduurzaming._fouten import ScenarioFout
from verduurzaming.doelen import Doelen
from verduurzaming.maatregelen import lees_catalogus
from verduurzaming.scenario import lees_scenario, scenario_uit_dict

ROOT = Path(__file__).resolve().parents[1]
#: words of pydantic's own messages that must never reach the user
ENGELS = re.compile(r"Input should|validation error|Field required|Extra inputs|Value error|type=|pydantic", re.I)


def laad(tekst: str):
    return scenario_uit_dict(tomllib.loads(tekst), ROOT)


def fout(tekst: str) -> str:
    with pytest.raises(ScenarioFout) as e:
        laad(tekst)
    bericht = str(e.value)
    assert not ENGELS.search(bericht), bericht
    return bericht


@pytest.mark.parametrize("naam", ["scenario.toml", "scenario.voorbeeld.toml", "scenario_voortgang.toml"])
def test_gedocumenteerde_scenarios_laden(naam):
    s = lees_scenario(ROOT / naam)
    assert (s.startjaar, s.eindjaar, s.deadline) == (2026, 2035, 2028)
    assert s.peildatum == dt.date(2026, 1, 1)
    assert s.waarschuwingen == []


def test_voorbeeld_elke_sleutel_komt_aan():
    """Every key of scenario.voorbeeld.toml, the commented-out ones included, loads and lands in the Scenario."""
    tekst = (ROOT / "scenario.voorbeeld.toml").read_text(encoding="utf-8")
    # switch on the commented-out keys and tables ("# key = value", "# [section]")
    aan = re.sub(r"(?m)^# ?((?:\[[a-z_.]+\](?:\s+#.*)?)|(?:[a-z_]+ = \S.*))$", r"\1", tekst)
    assert aan.count("\n# ") < tekst.count("\n# ")
    s = scenario_uit_dict(tomllib.loads(aan), ROOT)
    assert s.naam == "Corporatie X, plan 2026"
    assert s.strikt is False and s.deadline_gaat_voor is False and s.solver_tijd_s == 60 and s.solver_gap == 0.005
    assert [p.name for p in s.vhe] == ["vhe_2026.csv"] and s.wijken_laag == "wijken"
    assert s.postcode_buurt.name == "pc6hnr20240801_gwb.csv" and s.vorig_plan.name == "verduurzamingsplan.xlsx"
    assert [p.name for p in s.realisatie] == ["verduurzamingsplan_ingevuld.xlsx"]
    assert s.kolommen == {"vhe_id": "Eenheidnummer", "energielabel": "Labelklasse definitief"}
    assert s.standaard_corporatie.capaciteit_woningen == 300 and s.standaard_corporatie.budget_eur == 5e6
    x = s.corporatie("Corporatie X")
    assert (x.capaciteit(2026), x.capaciteit(2027), x.budget(2026), x.budget(2027)) == (150, 250, 3e6, 6e6)
    assert s.doelen == Doelen(gemiddeld_label={2027: "B", 2030: "A"}, pv_woningen={2030: 350},
                              co2_reductie_pct={2030: 22.0}, co2_referentiejaar=2026, co2_referentie_ton=141540.0,
                              gemiddeld_label_maat="ei", gemiddeld_label_weging="woning")
    assert s.sloop_vrijgesteld is True
    assert s.gewicht("dmjop_korting_pct") == 15 and s.gewicht("uitstel_boete_eur_woning_jaar") == 10
    assert s.gewicht("warmtenet_drempel_pct") == 30 and s.gewicht("warmtenet_drempel_woningen") == 100
    assert s.gewicht("prijsstijging_pct") == 3 and s.gewicht("discontovoet_pct") == 5.24
    assert s.maatregelen == {"schil_basis": {"kosten_factor": 1.2, "schil": "standaard"}}
    cat = lees_catalogus(s.maatregelen)
    assert cat.at["schil_basis", "kosten_factor"] == 1.2 and cat.at["schil_basis", "schil"] == "standaard"
    assert len(s.afspraken) == 6 and s.vastgelegd[0]["pakket"] == "schil_standaard"


@pytest.mark.parametrize("tekst, verwacht", [
    # impossible values
    ("[maatregelen.schil_basis]\nkosten_factor = -1", "[maatregelen.schil_basis] 'kosten_factor' mag niet negatief zijn"),
    ("[maatregelen.schil_basis]\nschil = \"dik\"", "[maatregelen.schil_basis] 'schil': 'dik' is geen isolatieniveau"),
    ("[maatregelen.schil_basis]\nkosten_factor = nan", "'kosten_factor' moet een eindig getal zijn, niet nan"),
    ("[maatregelen.warmtenet]\nverwarming_na = \"kolenkachel\"", "'verwarming_na': 'kolenkachel' is geen verwarmingssysteem"),
    ("[gewichten]\ndiscontovoet_pct = 150", "[gewichten] 'discontovoet_pct' mag niet groter zijn dan 100"),
    ("[maatregelen.schil_basis]\nstrategieen = \"kernfusie\"", "onbekende strategie 'kernfusie'"),
    ("[maatregelen.schil_basis]\nsoort = \"ketel\"", "[maatregelen.schil_basis] 'soort': 'ketel' is geen soort uit de catalogus"),
    ("[corporatie.standaard]\nbudget_eur = -inf", "[corporatie.standaard] 'budget_eur' moet een eindig getal zijn, niet -inf"),
    ("[corporatie.\"A B\"]\ncapaciteit_woningen = 1.5", "[corporatie.\"A B\"] 'capaciteit_woningen' moet een geheel getal zijn, niet 1.5"),
    ("[corporatie.X]\nbudget_per_jaar = { 2027 = nan }", "[corporatie.X] 'budget_per_jaar.2027' moet een eindig getal zijn"),
    ("[scenario]\nsolver_tijd_s = -1", "[scenario] 'solver_tijd_s' mag niet negatief zijn (-1)"),
    ("[scenario]\nsolver_gap = inf", "[scenario] 'solver_gap' moet een eindig getal zijn, niet inf"),
    ("[scenario]\ndeadline = 1850", "[scenario] 'deadline' moet minstens 2000 zijn, niet 1850"),
    ("[gewichten]\nwarmtenet_drempel_pct = 101", "[gewichten] 'warmtenet_drempel_pct' mag niet groter zijn dan 100"),
    ("[zon]\nm2_per_paneel = 0", "[zon] 'm2_per_paneel' moet groter dan 0 zijn, niet 0"),
    ("[factoren]\nelektriciteit = { 2026 = 0.3, 2030 = nan }", "[factoren] 'elektriciteit': moet een eindig getal >= 0 zijn, niet nan (jaar 2030)"),
    ("[doelen]\nco2_referentie_ton = 0", "[doelen] 'co2_referentie_ton' moet groter dan 0 zijn"),
    ("[doelen]\npv_woningen = { 2030 = -5 }", "[doelen] 'pv_woningen.2030' mag niet negatief zijn (-5)"),
    # targets and tables in the wrong form
    ("[doelen]\nco2_reductie_pct = \"22\"", "[doelen] 'co2_reductie_pct': moet een tabel jaar = waarde zijn"),
    ("[doelen]\nco2_reductie_pct = 22", "[doelen] 'co2_reductie_pct': moet een tabel jaar = waarde zijn, bijvoorbeeld { 2030 = 22 }, niet 22"),
    ("[doelen]\ngemiddeld_label = [\"B\"]", "[doelen] 'gemiddeld_label': moet een tabel jaar = waarde zijn"),
    ("[doelen]\ngemiddeld_label = { 2030 = 3 }", "[doelen] 'gemiddeld_label.2030': 3 is geen energielabel"),
    ("[doelen]\nco2_reductie_pct = { dertig = 22 }", "[doelen] 'co2_reductie_pct': 'dertig' is geen jaartal"),
    ("[zon]\nkosten_eur_per_wp = true", "[zon] 'kosten_eur_per_wp' moet een getal zijn, niet true"),
    ("[invoer]\nvhe = { a = 1 }", "[invoer] 'vhe' moet een lijst zijn"),
    ("[invoer]\nwijken_laag = 7", "[invoer] 'wijken_laag' moet tekst zijn (tussen aanhalingstekens), niet 7"),
    ("[scenario]\nnaam = 5", "[scenario] 'naam' moet tekst zijn"),
    ("[scenario]\nstrikt = 1", "[scenario] 'strikt' moet true of false zijn, niet 1"),
    ("[scenario]\npeildatum = 20260101", "[scenario] 'peildatum': 20260101 is geen datum"),
    # unknown keys, every section
    ("[scenario]\nbudjet = 5", "onbekende sleutel(s) in [scenario]: budjet; toegestaan: naam, peildatum"),
    ("[invoer]\nvhe_bestand = \"a.csv\"", "onbekende sleutel(s) in [invoer]: vhe_bestand"),
    ("[doelen]\nelektriciteit_pad = 1", "onbekende sleutel(s) in [doelen]: elektriciteit_pad"),
    ("[gewichten]\ndmjop = 5", "onbekende sleutel(s) in [gewichten]: dmjop"),
    ("[zon]\npanelen = 5\nwp = 3", "onbekende sleutel(s) in [zon]: panelen, wp"),
    ("[factoren]\nkolen = 1", "onbekende sleutel(s) in [factoren]: kolen; toegestaan: aardgas"),
    ("[kolommen]\neenheid = \"x\"", "onbekende sleutel(s) in [kolommen]: eenheid"),
    ("[uitvoer]\nmap = \"x\"", "onbekende sleutel(s) in [uitvoer]: map"),
    ("[corporatie.standaard]\ncapaciteit = 5", "onbekende sleutel(s) in [corporatie.standaard]: capaciteit"),
    ("[maatregelen.schil_basis]\nprijs = 5", "onbekende sleutel(s) in [maatregelen.schil_basis]: prijs"),
    ("[planning]\nx = 1", "onbekende sleutel(s) in [hoofdniveau]: planning"),
    # checks across keys
    ("[scenario]\nstartjaar = 2030\neindjaar = 2029", "[scenario] eindjaar 2029 ligt voor startjaar 2030"),
    ("[scenario]\npeildatum = 2040-01-01\nstartjaar = 2026\neindjaar = 2035",
     "[scenario] peildatum 2040-01-01 ligt ver buiten de planperiode 2026-2035"),
    ("[scenario]\npeildatum = 2012-06-01\nstartjaar = 2026", "peildatum 2012-06-01 ligt ver buiten de planperiode"),
    ("[doelen]\nco2_reductie_pct = { 2040 = 50 }", "[doelen] 'co2_reductie_pct': doeljaar 2040 valt buiten de planperiode 2026-2035"),
    ("[doelen]\nco2_referentiejaar = 2030", "[doelen] 'co2_referentiejaar' 2030 ligt na het startjaar 2026"),
])
def test_fout_noemt_sectie_en_sleutel(tekst, verwacht):
    bericht = fout("[scenario]\npeildatum = 2026-01-01\n" + tekst if not tekst.startswith("[scenario]") else tekst)
    assert verwacht in bericht, bericht


def test_meerdere_fouten_in_een_bericht():
    bericht = fout("[scenario]\nstartjaar = \"2026\"\nsolver_gap = -1\n[zon]\npaneel_wp = \"veel\"")
    for deel in ("'startjaar' moet een geheel getal zijn", "'solver_gap' mag niet negatief zijn", "'paneel_wp' moet een getal zijn"):
        assert deel in bericht, bericht


@pytest.mark.parametrize("waarde", ["2026-03-01", "01-03-2026", "1-3-2026", "2026-03-01T00:00:00", "2026-03-01 "])
def test_datumvormen(waarde):
    if "T" in waarde:   # a TOML date-time, not text
        s = laad(f"[scenario]\npeildatum = {waarde}")
    else:
        s = laad(f'[scenario]\npeildatum = "{waarde}"')
    assert s.peildatum == dt.date(2026, 3, 1)


def test_deadline_voor_startjaar_is_een_waarschuwing():
    s = laad("[scenario]\npeildatum = 2026-01-01\nstartjaar = 2026\ndeadline = 2025")
    assert s.deadline == 2025
    assert len(s.waarschuwingen) == 1 and "de NPA-deadline kan niet meer gehaald worden" in s.waarschuwingen[0]


def test_gehele_getallen_als_float_en_jaartabellen():
    s = laad("[corporatie.X]\ncapaciteit_woningen = 300.0\ncapaciteit_per_jaar = { 2027 = 10.0 }\n"
             "[doelen]\npv_woningen = { \"2030\" = 12 }\n[factoren]\nelektriciteit = { 2026 = 0.33, 2030 = 0.2 }")
    assert s.corporaties["X"].capaciteit_woningen == 300 and isinstance(s.corporaties["X"].capaciteit_woningen, int)
    assert s.corporaties["X"].capaciteit_per_jaar == {2027: 10}
    assert s.doelen.pv_woningen == {2030: 12}
    assert s.factoren == {"elektriciteit": {2026: 0.33, 2030: 0.2}}


def test_scenariobestand_genoemd_in_de_fout(tmp_path):
    p = tmp_path / "mijn.toml"
    p.write_text("[doelen]\nco2_reductie_pct = [22]\n", encoding="utf-8")
    with pytest.raises(ScenarioFout, match=r"^scenario .*mijn\.toml: \[doelen\] 'co2_reductie_pct'"):
        lees_scenario(p)


@pytest.mark.parametrize("sleutel", ["strikt", "deadline_gaat_voor"])
def test_strikt_en_deadline_gaat_voor_elk_hun_eigen_betekenis(sleutel):
    """``strikt`` (reading: stop at the first rejected row) and ``deadline_gaat_voor`` (planning: capacity and
    budget give way to the deadline) are two keys: setting one leaves the other off."""
    s = scenario_uit_dict({"scenario": {sleutel: True}}, ROOT)
    assert (s.strikt, s.deadline_gaat_voor) == (sleutel == "strikt", sleutel == "deadline_gaat_voor")
