"""Column-name maps per export dialect: the names corporations, RVO and CBS really use.

Like pvlib's ``VARIABLE_MAP``: each dialect maps normalised source names to canonical names.
Names are compared normalised (case, spaces, punctuation and units in brackets ignored), so
``Gebruiksoppervlakte (m²)``, ``gebruiks oppervlakte`` and ``GEBRUIKSOPPERVLAKTE`` are one name.
A scenario's ``[kolommen]`` table maps any other name.
"""

from __future__ import annotations

import re
import unicodedata

from .._fouten import InvoerFout


def normaliseer(naam: object) -> str:
    """Lower-case letters and digits only, without units in brackets or accents."""
    s = "" if naam is None else str(naam)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"\(.*?\)|\[.*?\]", "", s).lower()
    return re.sub(r"[^a-z0-9]", "", s)


def _map(d: dict[str, list[str]]) -> dict[str, str]:
    uit: dict[str, str] = {}
    for canon, namen in d.items():
        for n in [canon, *namen]:
            uit[normaliseer(n)] = canon
    return uit


#: corporation exports, one row per dwelling (VHE), optionally with complex attributes repeated
VHE_NAMEN = _map({
    "vhe_id": ["vhe", "vhe-nummer", "vhenr", "vhe nr", "vhe-id", "eenheid", "eenheidnummer", "eenheidnr",
               "verhuureenheid", "verhuureenheidnummer", "objectnummer", "eenheidcode", "vhe code"],
    "complex_id": ["complex", "complexnummer", "complexnr", "complex nr", "complexcode", "complex-id"],
    "corporatie": ["woningcorporatie", "organisatie", "eigenaar", "toegelaten instelling", "corporatienaam"],
    "postcode": ["pc6", "postcode pand"],
    "huisnummer": ["huisnr", "huisnummer pand", "nummer"],
    "huisletter": ["letter"],
    "toevoeging": ["toev", "huisnummertoevoeging", "huisnr toevoeging", "toevoeging huisnummer"],
    "bouwjaar": ["bouwjr", "oorspronkelijk bouwjaar", "jaar van bouw", "bouw jaar"],
    "woningtype": ["type woning", "woningsoort", "type", "soort woning", "woning type", "typering"],
    "gbo_m2": ["gbo", "gebruiksoppervlakte", "gebruiksoppervlak", "oppervlakte", "woonoppervlakte", "gbo m2"],
    "energielabel": ["label", "labelklasse", "energieklasse", "energie label", "energielabel klasse",
                     "energieprestatie label"],
    "ep2_kwh_m2": ["ep2", "ep 2", "primaire fossiele energie", "energieprestatie ep2", "ep2 kwh m2"],
    "energie_index": ["energieindex", "energie-index", "ei"],
    "label_registratiedatum": ["registratiedatum", "registratiedatum label", "datum registratie", "labeldatum",
                               "datum label", "opnamedatum", "energieprestatie begindatum", "registratie datum"],
    "gasverbruik_m3": ["gasverbruik", "gas", "gasverbruik m3", "aardgasverbruik", "verbruik gas"],
    "verwarming": ["verwarmingstoestel", "verwarmingssysteem", "installatie", "opwekker", "warmteopwekker",
                   "verwarmingsinstallatie", "soort verwarming", "type verwarming", "cv", "warmtevoorziening"],
    "warmtebehoefte_kwh_m2": ["warmtebehoefte", "netto warmtebehoefte", "warmtevraag", "pand_warmtebehoefte"],
    "complex_naam": ["complexnaam", "naam complex", "complexomschrijving", "omschrijving complex"],
    "x": ["x-coordinaat", "xcoordinaat", "x rd", "rd x", "x_rd"],
    "y": ["y-coordinaat", "ycoordinaat", "y rd", "rd y", "y_rd"],
    "lon": ["lengtegraad", "longitude", "lng"],
    "lat": ["breedtegraad", "latitude"],
    "wijk_code": ["wijkcode", "wijk", "cbs wijkcode"],
    "buurt_code": ["buurtcode", "buurt", "cbs buurtcode"],
    "monument": ["rijksmonument", "monumentstatus", "is monument", "gemeentelijk monument"],
    "sloop_jaar": ["sloopjaar", "sloop", "gepland sloopjaar", "jaar sloop"],
    "onderhoud_jaar": ["onderhoudsjaar", "dmjop", "dmjop jaar", "volgend onderhoud", "planmatig onderhoud",
                       "jaar onderhoud", "onderhoud"],
    "dak_geschikt_m2": ["dakoppervlak geschikt", "geschikt dakoppervlak", "dak geschikt", "dakoppervlak",
                        "geschikt dak"],
    "pv_panelen_aanwezig": ["zonnepanelen aanwezig", "pv aanwezig", "zonnepanelen", "pv", "pv panelen"],
    "pand_oppervlakte_m2": ["pandoppervlakte", "oppervlakte pand", "bag pand oppervlakte", "grondvlak",
                            "footprint m2"],
    "dak_azimut": ["b3_azimut", "azimut", "dak azimut", "azimut dak"],
    "dak_hellingshoek": ["b3_hellingshoek", "hellingshoek", "dakhelling", "hellingshoek dak"],
})

#: attributes that belong to a complex (may come in a complex table or repeated on VHE rows)
COMPLEX_KOLOMMEN = ["complex_naam", "x", "y", "lon", "lat", "wijk_code", "buurt_code", "monument",
                    "sloop_jaar", "onderhoud_jaar", "dak_geschikt_m2", "pv_panelen_aanwezig",
                    "pand_oppervlakte_m2", "dak_azimut", "dak_hellingshoek"]

#: RVO EP-online open-data export (v2 'totaalbestand' and the 2023 layout); read by name
EP_ONLINE_NAMEN = _map({
    "label_registratiedatum": ["pand_opnamedatum", "opnamedatum"],
    "registratiedatum_rvo": ["pand_registratiedatum", "registratiedatum"],
    "berekeningstype": ["pand_berekeningstype"],
    "energie_index": ["pand_energieindex"],
    "energielabel": ["pand_energieklasse", "energieklasse"],
    "geldig_tot": ["meting_geldig_tot"],
    "postcode": ["pand_postcode"],
    "huisnummer": ["pand_huisnummer"],
    "huisletter": ["pand_huisletter"],
    "toevoeging": ["pand_huisnummer_toev", "pand_huisnummertoevoeging", "huisnummertoevoeging"],
    "bag_vbo_id": ["pand_bagverblijfsobjectid", "bagverblijfsobjectid"],
    "bag_pand_id": ["pand_bagpandid"],
    "gebouwtype": ["pand_gebouwtype"],
    "gebouwsubtype": ["pand_gebouwsubtype"],
    "gbo_m2": ["pand_gebruiksoppervlakte", "gebruiksoppervlakte"],
    "ep2_kwh_m2": ["pand_primaire_fossiele_energie", "primaire_fossiele_energie"],
    "warmtebehoefte_kwh_m2": ["pand_warmtebehoefte"],
    "gebouwklasse": ["pand_gebouwklasse"],
})

#: CBS wijk- en buurtkaart (names vary slightly between years)
CBS_NAMEN = _map({
    "wijk_code": ["wijkcode", "wk_code", "statcode"],
    "wijk_naam": ["wijknaam", "wk_naam", "statnaam"],
    "buurt_code": ["buurtcode", "bu_code"],
    "buurt_naam": ["buurtnaam", "bu_naam"],
    "gemeente_code": ["gemeentecode", "gm_code"],
    "gemeente_naam": ["gemeentenaam", "gm_naam"],
    "water": ["water"],
    "cbs_jaar": ["jaar"],
    "jrstatcode": ["jrstatcode", "jaarstatcode"],
    "woningvoorraad": ["aantal_woningen", "woningvoorraad_35", "won_totaal"],
})

#: Transitievisie Warmte schedule per wijk
TVW_NAMEN = _map({
    "wijk_code": ["wijkcode", "wijk", "code"],
    "wijk_naam": ["wijknaam", "naam"],
    "strategie": ["warmtestrategie", "alternatief", "warmteoplossing", "voorkeursalternatief"],
    "wup_start": ["opstellen wijkuitvoeringsplan", "wup opstellen", "start wup", "wup start jaar"],
    "wup_gereed": ["wup gereed", "wijkuitvoeringsplan gereed", "wup vastgesteld"],
    "uitvoering_start": ["uitvoering transitiewijk", "start uitvoering", "uitvoering vanaf"],
    "uitvoering_eind": ["einde uitvoering", "uitvoering tot", "uitvoering eind jaar"],
    "aardgasvrij_jaar": ["wijk van het gas af", "aardgasvrij", "van het gas af", "aardgasvrij in"],
    "toelichting": ["opmerking", "opmerkingen"],
})


#: what a complex table is recognised by (with ``complex_id`` and without ``vhe_id``)
COMPLEX_TABEL_KOLOMMEN = {"complex_id", "corporatie", *COMPLEX_KOLOMMEN}


def score_functie(namen: dict[str, str], extra: dict[str, str] | None = None, *, kenmerk: str | None = None,
                  alleen: set[str] | None = None, zonder: str | None = None):
    """A header scorer for :func:`verduurzaming.io.tabel.zoek_kopregel`: how many known column names a row has.

    A workbook may hold a table per role (a VHE sheet and a Complexen sheet): ``alleen`` counts only
    these canonical columns, and a row with the column ``kenmerk`` (and without ``zonder``) wins a tie,
    so each role reads the sheet it fits.
    """
    bekend = dict(namen)
    bekend.update({normaliseer(v): k for k, v in (extra or {}).items()})

    def score(rij: list[str]) -> int:
        canon = {bekend.get(normaliseer(c)) for c in rij} - {None}
        n = len(canon & alleen) if alleen is not None else len(canon)
        past = kenmerk is not None and kenmerk in canon and (zonder is None or zonder not in canon)
        return 2 * n + past

    return score


def hernoem(kolommen: list[str], namen: dict[str, str], extra: dict[str, str] | None = None,
            *, bestand: str) -> dict[str, str]:
    """Map file columns to canonical names: ``{file column: canonical}``; first match wins.

    ``extra`` is the scenario's ``{canonical: file column}``; it takes precedence.
    """
    extra_omgekeerd = {normaliseer(v): k for k, v in (extra or {}).items()}
    uit: dict[str, str] = {}
    bezet: set[str] = set()
    for kol in kolommen:
        n = normaliseer(kol)
        canon = extra_omgekeerd.get(n) or namen.get(n)
        if canon is None and n.startswith("pand"):
            canon = namen.get(n[4:])
        if canon and canon not in bezet:
            uit[kol] = canon
            bezet.add(canon)
    return uit


def eis_kolommen(aanwezig: set[str], nodig: list[str | tuple[str, ...]], *, bestand: str,
                 gevonden: list[str]) -> None:
    """Raise :class:`InvoerFout` naming the missing required columns and what the file has."""
    missend = []
    for n in nodig:
        opties = (n,) if isinstance(n, str) else n
        if not any(o in aanwezig for o in opties):
            missend.append(" of ".join(opties))
    if missend:
        raise InvoerFout(
            f"verplichte kolom(men) ontbreken: {', '.join(missend)}. Gevonden kolommen: "
            f"{', '.join(n if len(n) <= 60 else n[:60] + '…' for n in gevonden[:30])}. Geef de juiste naam op in het scenario onder [kolommen], "
            f"bijvoorbeeld vhe_id = \"Eenheidnummer\".", bestand=bestand)
