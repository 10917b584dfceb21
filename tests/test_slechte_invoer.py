"""The corpus of bad inputs in tests/data/bad/: each file gives a clean exit 2 with a Dutch message that
names the file, or exit 0 with a named finding (file, row, column) in bevindingen.csv. Never a
traceback, never exit 1, and per input file rows in = rows used + rows rejected.

The files are written by ``tests/data/bad/maak_bestanden.py``; ``verken`` in this module's table says
how each one is run (alone as VHE export, as complex table or wijken beside the clean companions, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from verduurzaming.cli import app

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "data" / "bad"
GPKG = ROOT / "wijken" / "voorbeeldstad_wijken.gpkg"
BASIS_VHE = BAD / "_basis_vhe.csv"
BASIS_CX = BAD / "_basis_complexen.csv"

runner = CliRunner(env={"COLUMNS": "400", "VERDUURZAMING_DEBUG": None})


@dataclass
class Fout:
    """Exit 2; the message contains ``tekst`` and names ``noemt`` (default: the bad file)."""

    tekst: str
    noemt: str | None = None


@dataclass
class Vind:
    """A finding for ``bestand`` (default: the bad file) whose probleem contains ``probleem``."""

    probleem: str
    rij: int | None = None
    kolom: str | None = None
    bestand: str | None = None


@dataclass
class Geval:
    bestand: str
    soort: str  # vhe | complex | twee | werkmap | wijken | tvw | ep | pc | scenario
    fout: Fout | None = None
    vind: list[Vind] = field(default_factory=list)
    schoon: bool = False  # no warning/error finding for the bad file (info is fine)
    rijen: tuple[int, int, int] | None = None  # (in, used, rejected) for the bad file
    afwezig: list[str] = field(default_factory=list)  # probleem texts that must not occur
    complexen: dict[tuple[str, str, str], object] = field(default_factory=dict)  # (corp, complex, column) -> value
    boek: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # accounting under another name
    ernstig: bool = False  # at least one finding for the bad file is a warning or an error, not only info


T = "Testcorporatie"
EP2 = "EP2 (kWh/m²)"
GBO = "Gebruiksoppervlakte (m²)"

GEVALLEN = [
    # ---- corporation exports (CSV)
    Geval("scheiding_komma_decimaalpunt.csv", "vhe", schoon=True, rijen=(6, 6, 0)),
    Geval("scheiding_tab.csv", "vhe", schoon=True, rijen=(6, 6, 0)),
    Geval("scheiding_tab_utf16.txt", "vhe", schoon=True, rijen=(6, 6, 0)),
    Geval("duizendpunten.csv", "vhe", vind=[Vind("label past niet bij de EP2", 3, "Energielabel")],
          afwezig=["gebruiksoppervlakte"]),
    Geval("cp1252_met_bom.csv", "vhe", schoon=True, rijen=(6, 6, 0)),
    Geval("cp1252_crlf.csv", "vhe", schoon=True, rijen=(6, 6, 0)),
    Geval("utf8_met_bom.csv", "vhe", schoon=True, rijen=(6, 6, 0)),
    Geval("titelblok.csv", "vhe", vind=[Vind("boven de kopregel", 1)], schoon=True, rijen=(6, 6, 0)),
    Geval("totaalregel.csv", "vhe", vind=[Vind("totaalregel", 8)], rijen=(7, 6, 1)),
    Geval("kopregel_herhaald.csv", "vhe", vind=[Vind("kopregel herhaald", 5)], rijen=(7, 6, 1)),
    Geval("lege_regels.csv", "vhe", vind=[Vind("lege regel", 4)], schoon=True, rijen=(6, 6, 0)),
    Geval("nvt_in_getallen.csv", "vhe", vind=[Vind("bouwjaar onbekend", 4, "Bouwjaar"),
                                              Vind("gebruiksoppervlakte onbekend", 3, "gbo_m2")],
          schoon=True, rijen=(6, 6, 0)),
    Geval("label_schrijfwijzen.csv", "vhe", vind=[Vind("geen label", 6, "energielabel")], schoon=True,
          complexen={(T, "C1", "n_A+"): 1, (T, "C1", "n_A"): 1, (T, "C1", "n_C"): 1, (T, "C2", "n_B"): 2}),
    Geval("label_H.csv", "vhe", vind=[Vind("onbekend energielabel", 4, "Energielabel")], rijen=(6, 6, 0)),
    Geval("label_A5plus.csv", "vhe", vind=[Vind("onbekend energielabel", 5, "Energielabel")]),
    Geval("ep2_nul.csv", "vhe", vind=[Vind("EP2 van 0", 3, EP2)]),
    Geval("ep2_9999.csv", "vhe", vind=[Vind("EP2 buiten het mogelijke bereik", 6, EP2)]),
    Geval("ep2_tegenspraak_label.csv", "vhe", vind=[Vind("label past niet bij de EP2", 5, "Energielabel")],
          complexen={(T, "C2", "n_E"): 1}),
    Geval("dubbel_vhe_ander_label.csv", "vhe", vind=[Vind("dubbel VHE-nummer met een ander label", 8, "vhe_id")],
          rijen=(7, 6, 1)),
    Geval("bouwjaar_onmogelijk.csv", "vhe", vind=[Vind("onmogelijk of onleesbaar bouwjaar", 2, "Bouwjaar"),
                                                  Vind("onmogelijk of onleesbaar bouwjaar", 6, "Bouwjaar")]),
    Geval("sloopjaar_1850.csv", "vhe", vind=[Vind("onmogelijk of onleesbaar jaar", 5, "sloop_jaar")]),
    Geval("wijkcode_onbekend.csv", "vhe", vind=[Vind("wijkcode komt niet voor in de wijkgeometrieën", 2, "wijk_code")]),
    Geval("registratiedatum_toekomst.csv", "vhe",
          vind=[Vind("registratiedatum na de peildatum", 2, "Registratiedatum label")]),
    Geval("aanhalingstekens_met_puntkomma.csv", "vhe", schoon=True, rijen=(6, 6, 0),
          complexen={("Testcorporatie; afdeling Noord", "C1", "woningen"): 1}),
    Geval("te_veel_velden.csv", "vhe", vind=[Vind("regel heeft 15 velden", 4)], rijen=(6, 5, 1)),
    Geval("vhe_en_complex_leeg.csv", "vhe", vind=[Vind("VHE-nummer ontbreekt", 4, "VHE-nummer"),
                                                  Vind("complexnummer ontbreekt", 6, "Complexnummer")],
          rijen=(6, 4, 2)),
    Geval("geen_vhe_kolom.csv", "vhe", Fout("verplichte kolom(men) ontbreken: vhe_id")),
    Geval("geen_label_en_geen_ep2_kolom.csv", "vhe", Fout("verplichte kolom(men) ontbreken: energielabel")),
    Geval("alleen_kopregel.csv", "vhe", Fout("geen enkele bruikbare woning")),
    Geval("leeg_0_bytes.csv", "vhe", Fout("het bestand is leeg")),
    Geval("alleen_witruimte.csv", "vhe", Fout("het bestand is leeg")),
    Geval("binair.csv", "vhe", Fout("binaire inhoud")),
    Geval("csv_is_eigenlijk_xlsx.csv", "vhe", Fout("Excel- of zip-bestand")),
    Geval("tekst_stuurtekens.csv", "vhe", vind=[Vind("stuurtekens verwijderd", 4, "VHE-nummer")], rijen=(6, 6, 0)),
    Geval("tekst_sjabloon_en_markup.csv", "vhe", vind=[Vind("onbekend woningtype", 2, "Woningtype")], rijen=(6, 6, 0),
          complexen={("Wonen [/x] {{7*191}} [bold]", "C2", "woningen"): 3, (T, "C1", "woningen"): 3}),
    # ---- corporation exports (XLSX)
    Geval("xlsx_samengevoegde_kopcellen.xlsx", "vhe", vind=[Vind("boven de kopregel", 1)], schoon=True,
          rijen=(6, 6, 0)),
    Geval("xlsx_samengevoegde_kopregel.xlsx", "vhe", Fout("verplichte kolom(men) ontbreken: complex_id")),
    Geval("xlsx_alleen_verborgen_blad.xlsx", "vhe", Fout("verborgen werkblad 'Data'")),
    Geval("xlsx_verborgen_blad_eerst.xlsx", "vhe", schoon=True, rijen=(4, 4, 0)),
    Geval("xlsx_totaalregel.xlsx", "vhe", vind=[Vind("totaalregel", 9)], rijen=(7, 6, 1)),
    Geval("xlsx_excel_foutwaarden.xlsx", "vhe", vind=[Vind("EP2 is geen getal", 3, EP2),
                                                      Vind("gebruiksoppervlakte onleesbaar", 4, GBO)]),
    Geval("xlsx_leeg_werkblad.xlsx", "vhe", Fout("leeg")),
    Geval("xlsx_is_eigenlijk_csv.xlsx", "vhe", Fout("geen Excel-bestand maar tekst")),
    Geval("xlsx_afgebroken.xlsx", "vhe", Fout("beschadigd of onvolledig")),
    # ---- complex tables (beside _basis_vhe.csv)
    Geval("coordinaten_wgs84_als_rd.csv", "complex",
          vind=[Vind("X/Y lijken lengte- en breedtegraad", 2, "x/y")], complexen={(T, "C1", "wijk_code"): "WK999900"}),
    Geval("coordinaten_rd_als_wgs84.csv", "complex", vind=[Vind("lon/lat lijken RD-coördinaten", 2, "lon/lat")],
          complexen={(T, "C1", "wijk_code"): "WK999900", (T, "C2", "wijk_code"): "WK999903"}),
    Geval("punt_in_zee.csv", "complex", vind=[Vind("complex ligt buiten alle wijken", 3, "x/y")]),
    Geval("punt_buiten_nederland.csv", "complex", vind=[Vind("buiten Nederland", 3, "x/y")]),
    Geval("complex_buiten_wijken.csv", "complex", vind=[Vind("complex ligt buiten alle wijken", 2, "x/y")]),
    Geval("complex_zonder_woningen.csv", "complex", vind=[Vind("complex zonder woningen", 4, "complex_id")],
          rijen=(3, 2, 1)),
    Geval("complex_dubbel.csv", "complex", vind=[Vind("complex staat twee keer", 4, "Complexnummer")],
          rijen=(3, 2, 1)),
    Geval("complex_janee_onleesbaar.csv", "complex", vind=[Vind("geen ja/nee-waarde", 2, "Monument")]),
    Geval("complex_naam_cr_formule.csv", "complex", rijen=(2, 2, 0),
          complexen={(T, "C1", "complex_naam"): "Flat\r=cmd|' /C calc'!A0",
                     (T, "C2", "complex_naam"): '\'=HYPERLINK("http://x")\nregel 2'}),
    Geval("complex_twee_corporaties_complexen.csv", "twee",
          vind=[Vind("komt bij 2 corporaties voor", 2, "Complexnummer")], rijen=(2, 2, 0),
          complexen={("Andere Woonstichting", "C1", "wijk_code"): "WK999900", (T, "C1", "wijk_code"): "WK999900"}),
    Geval("complex_twee_corporaties_vhe.csv", "twee", schoon=True, rijen=(6, 6, 0),
          complexen={("Andere Woonstichting", "C1", "woningen"): 2, (T, "C1", "woningen"): 3}),
    # ---- wijk geometries (beside _basis_vhe.csv and _basis_complexen.csv)
    Geval("wijken_zelfdoorsnijdend.gpkg", "wijken", vind=[Vind("ongeldige polygoon (Self-intersection", 1, "geometrie")],
          complexen={(T, "C1", "wijk_code"): "WK999900"}),
    Geval("wijken_ongeldige_polygonen.geojson", "wijken",
          vind=[Vind("ongeldige polygoon (Self-intersection", 2, "geometrie"),
                Vind("Hole lies outside shell", 3, "geometrie")], rijen=(14, 14, 0)),
    Geval("wijken_geojson_rd_zonder_crs.geojson", "wijken",
          vind=[Vind("zegt WGS84 maar de coördinaten zijn RD New", None, "geometrie")],
          complexen={(T, "C1", "wijk_code"): "WK999900"}),
    Geval("wijken_rd_als_wgs84.gpkg", "wijken", vind=[Vind("zegt WGS84 maar de coördinaten zijn RD New", None, "geometrie")],
          complexen={(T, "C2", "wijk_code"): "WK999903"}),
    Geval("wijken_wgs84_als_rd.gpkg", "wijken",
          vind=[Vind("zegt RD/meters maar de coördinaten zijn graden", None, "geometrie")],
          complexen={(T, "C1", "wijk_code"): "WK999900"}),
    Geval("wijken_onvolledig.gpkg", "wijken", vind=[Vind("complex ligt buiten alle wijken", 3, "x/y",
                                                         bestand="_basis_complexen.csv")], rijen=(1, 1, 0)),
    Geval("wijken_ongeldige_wijkcode.gpkg", "wijken", vind=[Vind("geen geldige CBS-wijkcode", 5, "wijkcode"),
                                                            Vind("geen geldige CBS-wijkcode", 6, "wijkcode")],
          rijen=(14, 12, 2)),
    Geval("wijken_verkeerde_laag.gpkg", "wijken", Fout("geen laag met wijkcodes")),
    Geval("wijken_geen_wijkcode.geojson", "wijken", Fout("geen laag met wijkcodes")),
    Geval("wijken_leeg.gpkg", "wijken", Fout("het bestand is leeg")),
    Geval("wijken_binair.gpkg", "wijken", Fout("geen leesbaar GIS-bestand")),
    Geval("wijken_kapotte_json.geojson", "wijken", Fout("geen leesbaar GIS-bestand")),
    # ---- Transitievisie Warmte
    Geval("tvw_wup_eindigt_voor_start.csv", "tvw", vind=[Vind("WUP eindigt voordat het begint", 3, "wup_gereed")],
          rijen=(2, 2, 0)),
    Geval("tvw_onbekende_strategie.csv", "tvw", vind=[Vind("onbekende strategie", 2, "strategie")]),
    Geval("tvw_wijk_onbekend.csv", "tvw", vind=[Vind("komt niet voor in de wijkgeometrieën", 3, "wijk_code")],
          rijen=(2, 1, 1)),
    Geval("tvw_jaar_onleesbaar.csv", "tvw", vind=[Vind("onleesbaar of onmogelijk jaar", 2, "wup_start"),
                                                  Vind("onleesbaar of onmogelijk jaar", 2, "aardgasvrij_jaar")]),
    Geval("tvw_geen_wijkkolom.csv", "tvw", Fout("verplichte kolom(men) ontbreken: wijk_code")),
    Geval("tvw_stuurtekens.csv", "tvw", vind=[Vind("stuurtekens verwijderd", 2, "wijk_naam")], rijen=(1, 1, 0)),
    # ---- EP-online
    Geval("ep_online_preambule.csv", "ep", vind=[Vind("boven de kopregel", 1), Vind("nieuwer label uit EP-online")],
          schoon=True, rijen=(2, 2, 0)),
    Geval("ep_online_datum_en_postcode_fout.csv", "ep",
          vind=[Vind("opnamedatum ontbreekt of is onleesbaar", 3, "Pand_opnamedatum"),
                Vind("geen geldige postcode", 4, "Pand_postcode")], rijen=(3, 1, 2)),
    Geval("ep_online_geen_postcode.csv", "ep", Fout("verplichte kolom(men) ontbreken: postcode")),
    # ---- hostile files (issue 11): rows never vanish, messages say what is wrong
    Geval("aanhalingsteken_niet_gesloten.csv", "vhe", Fout("rij 4, kolom 'Woningtype': een aanhalingsteken (\")")),
    Geval("aanhalingsteken_sluit_later.csv", "vhe", Fout("rij 3, kolom 'Woningtype': een aanhalingsteken (\")")),
    Geval("lang_veld.csv", "vhe", Fout("rij 2, kolom 'Opmerking': de cel is 140.000 tekens lang")),
    Geval("ep2_andere_cijfers.csv", "vhe", schoon=True, rijen=(6, 6, 0),
          afwezig=["geen label", "geen getal", "bouwjaar", "geschat"],
          complexen={(T, "C1", "n_E"): 1, (T, "C2", "n_F"): 1, (T, "C1", "ep2_gem_kwh_m2"): "268,3",
                     (T, "C2", "ep2_gem_kwh_m2"): "229,1"}),
    Geval("utf16_zonder_bom.csv", "vhe", schoon=True, rijen=(6, 6, 0)),
    Geval("wachtwoord_beveiligd.xlsx", "vhe", Fout("beveiligd met een wachtwoord; open het in Excel en sla het op "
                                                   "zonder wachtwoord")),
    Geval("rekenblad.ods", "vhe", Fout("OpenDocument-rekenblad (.ods")),
    Geval("ods_als_xlsx.xlsx", "vhe", Fout("alleen de extensie wijzigen werkt niet")),
    Geval("xlsx_formules_zonder_waarde.xlsx", "vhe", rijen=(6, 6, 0), ernstig=True,
          vind=[Vind("cel J3 op blad 'VHE' bevat een formule zonder opgeslagen uitkomst", 3, "Energielabel"),
                Vind("cel K3 op blad 'VHE' bevat een formule zonder opgeslagen uitkomst", 3, EP2),
                Vind("cel K4 op blad 'VHE' bevat een formule zonder opgeslagen uitkomst", 4, EP2)]),
    Geval("xlsx_samengevoegde_datacellen.xlsx", "vhe", rijen=(6, 6, 0), afwezig=["complexnummer ontbreekt"],
          vind=[Vind("samengevoegde cellen B2:B4 op blad 'VHE'", 2, "Complexnummer"),
                Vind("samengevoegde cellen B5:B7 op blad 'VHE'", 5, "Complexnummer")],
          complexen={(T, "C1", "woningen"): 3, (T, "C2", "woningen"): 3}),
    Geval("xlsx_lange_cel.xlsx", "vhe", Fout("rij 5, kolom 'Woningtype': cel H5 op blad 'VHE' is 48.000 tekens lang")),
    Geval("xlsx_zipbom.xlsx", "vhe", Fout("xl/sharedStrings.xml pakt uit tot 57 MB")),
    Geval("werkmap_vhe_en_complexen.xlsx", "werkmap",
          boek={"werkmap_vhe_en_complexen.xlsx [VHE]": (6, 6, 0), "werkmap_vhe_en_complexen.xlsx [Complexen]": (2, 2, 0)},
          complexen={(T, "C1", "complex_naam"): "Complex C1", (T, "C1", "wijk_code"): "WK999900",
                     (T, "C2", "wijk_code"): "WK999903", (T, "C1", "onderhoud_jaar"): 2030}),
    Geval("wijken_twee_lagen.gpkg", "wijken", rijen=(14, 14, 0), ernstig=True,
          vind=[Vind("2 lagen met wijken: wijken_2023, wijken_2024; laag 'wijken_2023' is gebruikt")]),
    Geval("postcode_buurt_dubbel.csv", "pc", rijen=(6, 5, 1), ernstig=True,
          vind=[Vind("1 regel(s) met een postcode en huisnummer die al eerder in de tabel staan (1 met een andere "
                     "buurt): niet gebruikt, de eerste regel telt (rijen 7)", 7)]),
    Geval("postcode_buurt_aanhalingsteken.csv", "pc", Fout("rij 4, kolom 'Buurt2024': een aanhalingsteken (\")")),
    # ---- scenarios
    Geval("scenario_onbekende_sleutel.toml", "scenario", Fout("onbekende sleutel(s) in [scenario]: budjet")),
    Geval("scenario_negatief_budget.toml", "scenario", Fout("mag niet negatief zijn")),
    Geval("scenario_ongeldige_toml.toml", "scenario", Fout("geen geldige TOML")),
    Geval("scenario_sectie_geen_tabel.toml", "scenario", Fout("'invoer' moet een tabel zijn")),
    Geval("scenario_doelen_geen_tabel.toml", "scenario", Fout("'doelen' moet een tabel zijn")),
    Geval("scenario_corporatie_geen_tabel.toml", "scenario", Fout("'corporatie' moet een tabel zijn")),
    Geval("scenario_kolommen_geen_tekst.toml", "scenario", Fout("[kolommen] moet de vorm")),
    Geval("scenario_peildatum_onzin.toml", "scenario", Fout("is geen datum")),
    Geval("scenario_capaciteit_oneindig.toml", "scenario", Fout("moet een geheel getal zijn, niet inf")),
    Geval("scenario_budget_nan.toml", "scenario", Fout("moet een eindig getal zijn")),
    Geval("scenario_strikt_tekst.toml", "scenario", Fout("moet true of false zijn")),
    Geval("scenario_bestand_ontbreekt.toml", "scenario", Fout("bestand bestaat niet", noemt="bestaat_niet.csv")),
    Geval("scenario_verkeerde_laag.toml", "scenario", Fout("laag 'wijk' bestaat niet", noemt="voorbeeldstad_wijken.gpkg")),
    Geval("scenario_binair.toml", "scenario", Fout("geen tekstbestand")),
    Geval("scenario_leeg.toml", "scenario", Fout("geen VHE-bestanden opgegeven")),
    # impossible values, wrong forms and unknown keys, each named with its section and key (issue 11)
    # an EP2 effect in % belongs to the old percentage model: the result model has no such key
    Geval("scenario_ep2_effect_250.toml", "scenario",
          Fout("onbekende sleutel(s) in [maatregelen.schil_basis]: ep2_reductie_pct; toegestaan: naam")),
    Geval("scenario_pakketkosten_nan.toml", "scenario",
          Fout("[maatregelen.schil_standaard] 'kosten_factor' moet een eindig getal zijn, niet nan")),
    Geval("scenario_pakketkosten_negatief.toml", "scenario",
          Fout("[maatregelen.hybride_wp] 'kosten_factor' mag niet negatief zijn (-0.5)")),
    Geval("scenario_pakket_onbekende_kolom.toml", "scenario",
          Fout("onbekende sleutel(s) in [maatregelen.schil_basis]: prijs; toegestaan: naam")),
    Geval("scenario_pakket_onbekend.toml", "scenario", Fout("onbekende sleutel(s) in [maatregelen]: ketel; toegestaan: schil_basis")),
    Geval("scenario_co2_doel_tekst.toml", "scenario",
          Fout("[doelen] 'co2_reductie_pct': moet een tabel jaar = waarde zijn, bijvoorbeeld { 2030 = 22 }, niet '22'")),
    Geval("scenario_co2_doel_lijst.toml", "scenario",
          Fout("[doelen] 'co2_reductie_pct': moet een tabel jaar = waarde zijn, bijvoorbeeld { 2030 = 22 }, niet een lijst")),
    Geval("scenario_co2_doel_boven_100.toml", "scenario",
          Fout("[doelen] 'co2_reductie_pct.2030' mag niet groter zijn dan 100, niet 122")),
    Geval("scenario_doel_label_onbekend.toml", "scenario", Fout("[doelen] 'gemiddeld_label.2030': 'H' is geen energielabel")),
    Geval("scenario_doeljaar_voor_start.toml", "scenario",
          Fout("[doelen] 'pv_woningen': doeljaar 2024 valt buiten de planperiode 2026-2035")),
    Geval("scenario_doelen_onbekende_sleutel.toml", "scenario", Fout("onbekende sleutel(s) in [doelen]: co2_reductie;")),
    Geval("scenario_zon_tekst.toml", "scenario", Fout("[zon] 'paneel_wp' moet een getal zijn, niet '420'")),
    Geval("scenario_zon_onbekende_sleutel.toml", "scenario", Fout("onbekende sleutel(s) in [zon]: panelen_per_woning;")),
    Geval("scenario_factor_negatief.toml", "scenario", Fout("[factoren] 'aardgas': moet een eindig getal >= 0 zijn, niet -1.78")),
    Geval("scenario_kolommen_onbekend.toml", "scenario", Fout("onbekende sleutel(s) in [kolommen]: vhe_nummer;")),
    Geval("scenario_uitvoer_onbekend.toml", "scenario", Fout("onbekende sleutel(s) in [uitvoer]: map")),
    Geval("scenario_korting_boven_100.toml", "scenario",
          Fout("[gewichten] 'dmjop_korting_pct' mag niet groter zijn dan 100, niet 150")),
    Geval("scenario_eindjaar_voor_startjaar.toml", "scenario", Fout("[scenario] eindjaar 2026 ligt voor startjaar 2030")),
    Geval("scenario_peildatum_2040.toml", "scenario",
          Fout("[scenario] peildatum 2040-01-01 ligt ver buiten de planperiode 2026-2035")),
    Geval("scenario_peildatum_30_februari.toml", "scenario",
          Fout("[scenario] 'peildatum': '30-02-2026' is geen datum (JJJJ-MM-DD of DD-MM-JJJJ)")),
    Geval("scenario_startjaar_tekst.toml", "scenario", Fout("[scenario] 'startjaar' moet een geheel getal zijn, niet '2026'")),
    Geval("scenario_solver_gap_procent.toml", "scenario", Fout("[scenario] 'solver_gap' mag niet groter zijn dan 1, niet 5")),
    Geval("scenario_capaciteit_per_jaar_negatief.toml", "scenario",
          Fout("[corporatie.Testcorporatie] 'capaciteit_per_jaar.2027' mag niet negatief zijn (-10)")),
    Geval("scenario_budget_per_jaar_geen_jaar.toml", "scenario",
          Fout("[corporatie.standaard] 'budget_per_jaar': 'volgend_jaar' is geen jaartal")),
    Geval("scenario_corporatie_onbekende_sleutel.toml", "scenario",
          Fout("onbekende sleutel(s) in [corporatie.standaard]: budjet_eur;")),
]


def argumenten(g: Geval) -> tuple[list[str], list[str]]:
    """(CLI arguments, names of the VHE files among them)."""
    f = str(BAD / g.bestand)
    if g.soort == "scenario":
        return ["--scenario", f], []
    if g.soort == "vhe":
        return ["--vhe", f, "--wijken", str(GPKG)], [g.bestand]
    if g.soort == "twee":
        vhe = BAD / "complex_twee_corporaties_vhe.csv"
        return ["--vhe", str(vhe), "--complexen", str(BAD / "complex_twee_corporaties_complexen.csv"),
                "--wijken", str(GPKG)], [vhe.name]
    if g.soort == "complex":
        return ["--vhe", str(BASIS_VHE), "--complexen", f, "--wijken", str(GPKG)], [BASIS_VHE.name]
    if g.soort == "werkmap":
        return ["--vhe", f, "--complexen", f, "--wijken", str(GPKG)], [f"{g.bestand} [VHE]"]
    basis = ["--vhe", str(BASIS_VHE), "--complexen", str(BASIS_CX)]
    if g.soort == "wijken":
        return basis + ["--wijken", f], [BASIS_VHE.name]
    if g.soort == "tvw":
        return basis + ["--wijken", str(GPKG), "--transitievisie", f], [BASIS_VHE.name]
    if g.soort == "ep":
        return basis + ["--wijken", str(GPKG), "--ep-online", f], [BASIS_VHE.name]
    if g.soort == "pc":
        return basis + ["--wijken", str(GPKG), "--postcode-buurt", f], [BASIS_VHE.name]
    raise AssertionError(g.soort)


_TELLING = re.compile(r"^\s+(.+?): (\d+) in, (\d+) gebruikt, (\d+) afgewezen", re.M)


def test_corpus_is_compleet():
    """Every bad file is in the table (and the other way round), and there are at least 40."""
    op_schijf = {p.name for p in BAD.iterdir()
                 if p.is_file() and not p.name.startswith(("_", ".")) and p.suffix not in (".py", ".md")}
    in_tabel = {g.bestand for g in GEVALLEN}
    assert op_schijf == in_tabel, (sorted(op_schijf - in_tabel), sorted(in_tabel - op_schijf))
    assert len(op_schijf) >= 40
    assert len(in_tabel) == len(GEVALLEN)


@pytest.mark.parametrize("g", GEVALLEN, ids=lambda g: g.bestand)
def test_slechte_invoer(g: Geval, tmp_path):
    args, vhe_namen = argumenten(g)
    uitvoer = tmp_path / "uit"
    r = runner.invoke(app, ["valideer", *args, "--uitvoer", str(uitvoer)])
    uitvoerstekst = r.output
    assert "Traceback" not in uitvoerstekst
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code in (0, 2), uitvoerstekst

    if g.fout is not None:
        assert r.exit_code == 2, uitvoerstekst
        regels = [x for x in uitvoerstekst.splitlines() if x.startswith("Fout:")]
        assert len(regels) == 1, uitvoerstekst
        assert g.fout.tekst in regels[0], regels[0]
        assert (g.fout.noemt or g.bestand) in regels[0], regels[0]
        assert "interne fout" not in regels[0]
        # nothing written, not even a half file
        assert not uitvoer.exists() or not any(uitvoer.iterdir()), list(uitvoer.iterdir())
        return

    assert r.exit_code == 0, uitvoerstekst
    tellingen = {m[0]: tuple(int(x) for x in m[1:]) for m in _TELLING.findall(uitvoerstekst)}
    assert tellingen, uitvoerstekst
    for naam, (n_in, gebruikt, afgewezen) in tellingen.items():
        assert n_in == gebruikt + afgewezen, (naam, n_in, gebruikt, afgewezen)
    assert "LET OP" not in uitvoerstekst
    if (g.soort != "wijken" or g.rijen) and not g.boek:
        assert g.bestand in tellingen, f"{g.bestand} staat niet in de boekhouding: {tellingen}"
    if g.rijen:
        assert tellingen[g.bestand] == g.rijen
    for naam, telling in g.boek.items():
        assert tellingen.get(naam) == telling, (naam, tellingen)

    b = pd.read_csv(uitvoer / "bevindingen.csv", sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    c = pd.read_csv(uitvoer / "complexen.csv", sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    # every dwelling used is in exactly one complex
    assert c["woningen"].astype(int).sum() == sum(tellingen[n][1] for n in vhe_namen)
    for v in g.vind:
        bestand = v.bestand or g.bestand
        m = (b["bestand"] == bestand) & b["probleem"].str.contains(v.probleem, regex=False)
        if v.rij is not None:
            m &= b["rij"] == str(v.rij)
        else:
            m &= b["rij"] == ""
        if v.kolom is not None:
            m &= b["kolom"] == v.kolom
        assert m.any(), (v, b[b["bestand"] == bestand].to_string())
    eigen = b[b["bestand"] == g.bestand]
    if g.schoon:
        assert eigen["ernst"].eq("info").all(), eigen.to_string()
    if g.ernstig:
        assert eigen["ernst"].isin(["waarschuwing", "fout"]).any(), eigen.to_string()
    for tekst in g.afwezig:
        assert not eigen["probleem"].str.contains(tekst, regex=False).any(), eigen.to_string()
    for (corp, cid, kolom), waarde in g.complexen.items():
        rij = c[(c["corporatie"] == corp) & (c["complex_id"] == cid)]
        assert len(rij) == 1, c.to_string()
        assert rij[kolom].iloc[0] == str(waarde), (corp, cid, kolom, rij[kolom].iloc[0])
