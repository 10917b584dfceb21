"""The ledger of works: the plan as people read it, one row per work.

A work is one thing done to one complex in one year: a label survey (``heropname``), a renovation
(``renovatie``, for the whole complex or only its E/F/G dwellings), the switch off gas (``van_gas``),
solar panels (``pv``) or a demolition (``sloop``, from the complex table, not planned here). Every figure
about works in every output (a cost, dwellings worked on, E/F/G cleared, the CO2 a work saves) is a sum of
this table's columns, with the meaning :data:`BEGRIPPEN` gives it (also in ``docs/werkboek.md``), so the
outputs reconcile with each other to the euro. Pure: arrays in, a table out.

Within a complex the works of one year count in the order of :data:`SOORTEN` (a renovation before the
switch off gas before PV), so each work's effect is the change it makes on top of the works before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .opties import RANG_E, SCOPES, Opties, co2_factoren

if TYPE_CHECKING:
    from .tabellen import Toestanden

#: the kinds of work, in the order they count within one complex and year
SOORTEN = ("heropname", "renovatie", "van_gas", "pv", "sloop")

#: each kind in the words of the outputs
SOORT_NL = {"heropname": "heropname label", "renovatie": "renovatie", "van_gas": "van het gas af",
            "pv": "zonnepanelen", "sloop": "sloop"}

#: the cost components of a work; ``kosten_eur`` is their sum
KOSTENPOSTEN = ("kosten_heropname_eur", "kosten_renovatie_eur", "kosten_van_gas_eur", "kosten_pv_eur")

WERKEN_KOLOMMEN = ["corporatie", "complex_id", "complex_naam", "wijk_code", "buurt_code", "gemeente_code", "jaar",
                   "soort", "aanpak", "pakket", "pakket_naam", "omschrijving", "woningen", "woningen_aangepakt",
                   "efg_weg", "kosten_eur", *KOSTENPOSTEN, "kosten_eur_contant", "kosten_per_woning_eur",
                   "risicoreserve_eur", "co2_kg_minder",
                   "dmjop_gecombineerd", "binnen_wup", "redenen"]

#: the glossary: what each figure means, written once; ``docs/werkboek.md`` quotes it
BEGRIPPEN = {
    "werk": "één ding dat in één jaar aan één complex gebeurt: heropname label, renovatie, van het gas af, "
            "zonnepanelen of sloop",
    "kosten": "kosten_eur van een werk: alle kostenposten samen (heropname, renovatie na DMJOP-korting, van het "
              "gas af, zonnepanelen), nominaal in het prijspeil van het jaar van het werk; de kosten van een "
              "corporatie, wijk of complex in een jaar zijn de som over zijn werken in dat jaar",
    "woningen aangepakt": "de woningen waaraan een werk gebeurt: bij een renovatie de woningen waaraan het pakket "
                          "iets verandert (bij alleen de E/F/G-woningen die woningen, na heropname het verwachte "
                          "aantal), bij van het gas af, "
                          "zonnepanelen en sloop alle woningen van het complex, bij een heropname de opgenomen "
                          "woningen",
    "gerenoveerde woningen": "de som van 'woningen aangepakt' over de renovaties (niet over heropnames, van het gas "
                             "af of zonnepanelen); dit aantal telt tegen de capaciteit",
    "contante waarde": "kosten_eur_contant: de kosten van een werk teruggerekend naar het eerste planjaar met de "
                       "discontovoet van het scenario (gelijk aan de nominale kosten bij discontovoet 0)",
    "werken voor de E/F/G-deadline": "renovaties met als reden de E/F/G-deadline die de TVW niet ook vraagt "
                                      "(aardgasvrij-klaar), met de heropnames ervoor; hun kosten gedeeld door de E/F/G "
                                      "die zij wegwerken is de kosten per weggewerkte E/F/G-woning",
    "bijvangst": "E/F/G weggewerkt door werken die er om een andere reden zijn (TVW, doelen)",
    "risicoreserve": "bij een renovatie van de E/F/G-woningen die een heropname vindt: wat het kost als het "
                     "pessimistische aantal (P90) E/F/G blijkt in plaats van het verwachte, tegen dezelfde kosten per "
                     "woning; geen kosten van het plan, een reserve naast het budget",
    "kosten per gehaalde eis": "de kosten van een plan in contante waarde gedeeld door het aantal harde eisen dat het "
                               "haalt (E/F/G weg voor de deadline per complex, van het gas af per complex waar de "
                               "TVW dat vraagt): de vergelijking met een plan dat niet alle eisen haalt",
    "kosten per woning": "kosten van een werk gedeeld door de woningen aangepakt door dat werk",
    "E/F/G weg": "E/F/G-woningen die door een werk geen E/F/G meer zijn (meest waarschijnlijke labels); bij sloop "
                 "de E/F/G-woningen die met het complex uit de voorraad gaan",
    "CO2 minder": "de CO2 per jaar die een werk scheelt bovenop de werken ervoor, met de emissiefactoren van het "
                  "jaar van het werk (gas, elektriciteit voor verwarming min zonnestroom, warmte)",
    "voorraad": "de woningen van een corporatie of wijk; een gesloopt complex telt tot en met zijn sloopjaar mee "
                "en vanaf het jaar erna niet meer",
    "aardgasvrij-klaar": "een complex waarvan alle woningen na het werk de Standaard voor woningisolatie halen of "
                         "van het gas af zijn",
    "referentie-CO2": "de CO2 van de voorraad zoals die aan het begin van het plan is, met de emissiefactoren van "
                      "het referentiejaar, vóór alle werken",
}


def _staat(t: dict, r: np.ndarray, s: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Per row the value of ``t`` (arrays indexed by complex) for complex ``c`` in the state with the
    renovation done where ``r`` and the switch off gas done where ``s``."""
    voorbeeld = next(iter(t.values()))
    uit = np.zeros((len(c), *np.shape(voorbeeld)[1:]), dtype=float)
    for (kr, ks), waarde in t.items():
        m = (r == kr) & (s == ks)
        uit[m] = waarde[c[m]]
    return uit


def pakket_namen(o: Opties, pakket: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per complex the chosen package's code and name (None without a package)."""
    gekozen = np.where(pakket >= 0, pakket, -1)
    codes = np.array([*o.pakketten, None], dtype=object)
    namen = np.array([*o.cat["naam"].astype(str), None], dtype=object)
    return codes[gekozen], namen[gekozen]


def bouw_werken(o: Opties, scenario, t: Toestanden, *, pakket: np.ndarray, jaar: np.ndarray, pv_jaar: np.ndarray,
                sjaar: np.ndarray, kosten_renovatie: np.ndarray, pv_kosten: np.ndarray, van_gas_kosten: np.ndarray,
                heropname_woningen: np.ndarray, heropname_kosten: np.ndarray, dmjop: np.ndarray,
                binnen_wup: np.ndarray, redenen: list[str]) -> pd.DataFrame:
    """The ledger: one row per work (see the module docstring and :data:`BEGRIPPEN`), sorted by corporation,
    year, complex and kind. Arrays are aligned with ``o.complexen``; costs are nominal, per complex; ``t``: the
    energy states of every complex (:func:`verduurzaming.planning.tabellen.toestanden`)."""
    C = o.C
    jaren = list(scenario.jaren)
    heeft = pakket >= 0
    cx = o.complexen
    sloop = pd.to_numeric(pd.Series(cx["sloop_jaar"], dtype="object"), errors="coerce").to_numpy(dtype=float) \
        if "sloop_jaar" in cx else np.full(C, np.nan)
    in_horizon = np.isfinite(sloop) & (sloop >= jaren[0]) & (sloop <= jaren[-1]) if jaren else np.zeros(C, bool)
    pi0 = np.where(heeft, pakket, 0)
    werk = np.where(heeft, o.werk[np.arange(C), pi0], 0.0) if o.P else np.zeros(C)
    # (kind, mask over complexes, year, dwellings worked on, cost column, cost)
    delen = [
        ("heropname", heropname_woningen > 0, np.full(C, jaren[0] if jaren else 0), heropname_woningen,
         "kosten_heropname_eur", heropname_kosten),
        ("renovatie", heeft, jaar, werk, "kosten_renovatie_eur", kosten_renovatie),
        ("van_gas", sjaar > 0, sjaar, o.woningen.astype(float), "kosten_van_gas_eur", van_gas_kosten),
        ("pv", pv_jaar > 0, pv_jaar, o.woningen.astype(float), "kosten_pv_eur", pv_kosten),
        ("sloop", in_horizon, np.nan_to_num(sloop).astype(np.int64), o.woningen.astype(float), None, np.zeros(C)),
    ]
    stukken = []
    for volgorde, (soort, m, j, won, kolom, kost) in enumerate(delen):
        idx = np.flatnonzero(m)
        d = {"_c": idx, "_volgorde": np.full(len(idx), volgorde), "jaar": np.asarray(j)[idx].astype(np.int64),
             "soort": np.full(len(idx), soort, dtype=object), "woningen_aangepakt": np.asarray(won, dtype=float)[idx]}
        for k in KOSTENPOSTEN:
            d[k] = np.round(np.asarray(kost, dtype=float)[idx], 2) if k == kolom else np.zeros(len(idx))
        stukken.append(pd.DataFrame(d))
    w = pd.concat(stukken, ignore_index=True)
    c = w["_c"].to_numpy()
    y = w["jaar"].to_numpy()
    v = w["_volgorde"].to_numpy()
    # the state before and after each work: works of earlier years, and of this year earlier in SOORTEN
    orde = SOORTEN.index
    r_voor = heeft[c] & ((jaar[c] < y) | ((jaar[c] == y) & (orde("renovatie") < v)))
    s_voor = (sjaar[c] > 0) & ((sjaar[c] < y) | ((sjaar[c] == y) & (orde("van_gas") < v)))
    pv_voor = (pv_jaar[c] > 0) & ((pv_jaar[c] < y) | ((pv_jaar[c] == y) & (orde("pv") < v)))
    is_r, is_s, is_pv = v == orde("renovatie"), v == orde("van_gas"), v == orde("pv")
    is_sloop = v == orde("sloop")
    r_na, s_na, pv_na = r_voor | is_r, s_voor | is_s, pv_voor | is_pv
    efg_voor = _staat(t.n, r_voor, s_voor, c)[:, RANG_E:].sum(1)
    efg_na = np.where(is_sloop, 0.0, _staat(t.n, r_na, s_na, c)[:, RANG_E:].sum(1))
    w["efg_weg"] = np.round(efg_voor - efg_na).astype(int)
    co2_voor, co2_na = np.zeros(len(w)), np.zeros(len(w))
    for Y in np.unique(y):
        m = y == Y
        fg, fe, fw = co2_factoren(int(Y), o.factoren)
        for uit, r, s, p in ((co2_voor, r_voor, s_voor, pv_voor), (co2_na, r_na, s_na, pv_na)):
            rr, ss, pp, cc = r[m], s[m], p[m], c[m]
            uit[m] = (fg * _staat(t.gas, rr, ss, cc) + fw * _staat(t.warmte, rr, ss, cc)
                      + fe * (_staat(t.elek, rr, ss, cc) - np.where(pp, o.pv_kwh[cc], 0.0)))
    co2_na = np.where(is_sloop, 0.0, co2_na)
    w["co2_kg_minder"] = np.round(co2_voor - co2_na, 1)
    w["kosten_eur"] = np.round(w[list(KOSTENPOSTEN)].sum(axis=1), 2)
    rente = scenario.gewicht("discontovoet_pct", 0.0) / 100.0 if hasattr(scenario, "gewicht") else 0.0
    w["kosten_eur_contant"] = np.round(w["kosten_eur"] / (1 + rente) ** (y - (jaren[0] if jaren else 0)), 2)
    # a renovation of the E/F/G dwellings a survey finds is budgeted on the expected count; if the pessimistic
    # (P90) count turns up, the extra dwellings cost as much each: the risk reserve beside the budget
    na_heropname = is_r & (o.scope[pi0[c]] == 2) if o.P else np.zeros(len(w), bool)
    extra = np.where(na_heropname, np.maximum(o.efg_p90[c] - w["woningen_aangepakt"].to_numpy(), 0.0), 0.0)
    per_woning = np.where(w["woningen_aangepakt"] > 0, w["kosten_renovatie_eur"] / w["woningen_aangepakt"].where(
        w["woningen_aangepakt"] > 0, 1.0), 0.0)
    w["risicoreserve_eur"] = np.round(extra * per_woning, 2)
    w["woningen_aangepakt"] = np.round(w["woningen_aangepakt"], 1)
    w["kosten_per_woning_eur"] = np.where(w["woningen_aangepakt"] > 0,
                                          np.round(w["kosten_eur"] / w["woningen_aangepakt"].where(
                                              w["woningen_aangepakt"] > 0), 0), np.nan)
    for kol in ("corporatie", "complex_id", "complex_naam", "wijk_code", "buurt_code", "gemeente_code"):
        w[kol] = cx[kol].astype(object).to_numpy()[c] if kol in cx else None
    w["corporatie"] = o.corporatie[c]
    w["woningen"] = o.woningen[c].astype(int)
    scopes = np.array(list(SCOPES), dtype=object)
    w["aanpak"] = np.where(is_r, scopes[o.scope[pi0[c]]] if o.P else None, None)
    codes, namen = pakket_namen(o, pakket)
    w["pakket"] = np.where(is_r, codes[c], None)
    w["pakket_naam"] = np.where(is_r, namen[c], None)
    w["dmjop_gecombineerd"] = np.where(is_r, dmjop[c], np.where(is_pv, o.onderhoud[c] == pv_jaar[c], False))
    bw = pd.array(np.where(is_r, binnen_wup[c], False), dtype="boolean")
    bw[~is_r | ~(np.isfinite(o.wup_start[c]) | np.isfinite(o.wup_eind[c]))] = pd.NA
    w["binnen_wup"] = bw
    w["redenen"] = _redenen_per_werk(w["soort"].to_numpy(), np.asarray(redenen, dtype=object)[c])
    w["omschrijving"] = _omschrijvingen(w, o.schakel_naar[c], o.pv_panelen[c], o.pv_kwp[c])
    w = w.sort_values(["corporatie", "jaar", "complex_id", "_volgorde"], kind="stable").reset_index(drop=True)
    return w[WERKEN_KOLOMMEN]


def _redenen_per_werk(soort: np.ndarray, redenen_complex: np.ndarray) -> list[str]:
    """Each work's own reason codes out of its complex's: the switch off gas is the switch's reason, a label
    survey is the survey's; a work no rule asks for is there for a target (``doel``)."""
    uit = []
    for s, r in zip(soort, redenen_complex, strict=True):
        codes = [x for x in (r or "").split(";") if x]
        if s == "renovatie":
            eigen = [x for x in codes if x not in ("aardgasvrij", "heropname")]
        elif s == "van_gas":
            eigen = [x for x in codes if x in ("aardgasvrij", "WUP-uitvoering")] or ["aardgasvrij"]
        elif s == "heropname":
            eigen = ["heropname"]
        elif s == "sloop":
            eigen = ["sloop"]
        else:
            eigen = []
        uit.append(";".join(eigen or ["doel"]))
    return uit


def _omschrijvingen(w: pd.DataFrame, naar: np.ndarray, panelen: np.ndarray, kwp: np.ndarray) -> list[str]:
    """Per row in words what the work is (the Planning sheet's 'Werk')."""
    from ..tekst import getal
    uit = []
    kolommen = ["soort", "aanpak", "pakket_naam", "woningen_aangepakt", "woningen"]
    for i, r in enumerate(w[kolommen].itertuples(index=False)):
        aantal = getal(r.woningen_aangepakt, 0 if float(r.woningen_aangepakt).is_integer() else 1)
        if r.soort == "renovatie":
            if r.aanpak == SCOPES[0] and r.woningen_aangepakt < r.woningen:
                uit.append(f"{r.pakket_naam}, hele complex: maatregelen in {aantal} van de {getal(r.woningen)} "
                           f"woningen (de andere voldoen al)")
            elif r.aanpak == SCOPES[0]:
                uit.append(f"{r.pakket_naam}, hele complex ({getal(r.woningen)} woningen)")
            elif r.aanpak == SCOPES[2]:
                uit.append(f"{r.pakket_naam} voor de E/F/G-woningen na heropname (verwacht {aantal})")
            else:
                uit.append(f"{r.pakket_naam} voor {aantal} E/F/G-woningen, niet het hele complex")
        elif r.soort == "heropname":
            uit.append(f"heropname label van {aantal} woningen met een geschat of verlopen label")
        elif r.soort == "van_gas":
            uit.append(f"van het gas af naar {naar[i]} ({getal(r.woningen)} woningen)")
        elif r.soort == "pv":
            uit.append(f"zonnepanelen: {getal(panelen[i])} panelen, {getal(kwp[i], 1)} kWp")
        else:
            uit.append(f"sloop ({getal(r.woningen)} woningen)")
    return uit


def kosten_per_gehaalde_eis(plan) -> tuple[float, int, int] | None:
    """(cost at present value per hard requirement met, requirements met, requirements) of a plan: the one figure
    the terminal and the workbook compare a plan that misses requirements with; None without the counts."""
    k, pj = plan.kengetallen, plan.per_jaar
    if k is None or not len(k) or "eisen_gehaald" not in k or "kosten_eur_contant" not in pj:
        return None
    gehaald, eisen = int(k["eisen_gehaald"].sum()), int(k["eisen"].sum())
    if gehaald <= 0:
        return None
    return float(pj["kosten_eur_contant"].sum()) / gehaald, gehaald, eisen
