"""The energy state of a dwelling: subtype, heating system, net heat demand and what follows.

A dwelling's state is its subtype (``woningvorm.csv``), build year, net heat demand ``Q``
[kWh/m2.jr, NTA 8800 netto warmtebehoefte] and heating system (``verwarming.csv``). From it:

- the Standaard voor woningisolatie (``standaard_woningisolatie.csv``): the maximum ``Q`` at
  which the dwelling is "aardgasvrij-ready";
- EP2 = ``ep2_k[system] * Q + ep2_c[system, grondgebonden]`` [kWh/m2.jr], and its inverse to
  estimate ``Q`` where no ``Pand_warmtebehoefte`` is known;
- the yearly use per carrier (gas m3, electricity kWh, district heat GJ) from the useful heat
  the dwelling needs now, scaled with ``Q`` after a measure.

Everything is vectorised over dwellings (numpy arrays); no solver, no I/O beyond the defaults.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._fouten import ScenarioFout
from .defaults import lees
from .waarden import unieke_rijen

__all__ = [
    "GJ_KWH",
    "VERWARMINGEN",
    "als_categorie",
    "ep2_uit_q",
    "q_uit_ep2",
    "standaard_kwh_m2",
    "subtype_uit_term",
    "verbruik",
    "verwarming_param",
    "verwarming_uit_term",
    "vorm",
    "warmte_gj",
]

GJ_KWH = 1000.0 / 3.6  # kWh per GJ
_VORM = lees("woningvorm.csv").set_index("subtype")
_VORM["grondgebonden"] = _VORM["grondgebonden"].astype(str).str.lower().eq("true")
_TYPEN = lees("woningtypen.csv")
_STD = lees("standaard_woningisolatie.csv")
_STD["grondgebonden"] = _STD["grondgebonden"].astype(str).str.lower().eq("true")
_VERW = lees("verwarming.csv").set_index("verwarming")
_GBO_M2 = lees("woning_standaard.csv").set_index("woningtype")["gbo_m2"].astype(float)


def standaard_gbo_m2(meergezins: np.ndarray) -> np.ndarray:
    """Floor area [m2] assumed where it is unknown: per eengezins/meergezins (``woning_standaard.csv``)."""
    return np.where(np.asarray(meergezins, dtype=bool), _GBO_M2["meergezins"], _GBO_M2["eengezins"])


def met_standaard_gbo_m2(gbo_m2: np.ndarray, meergezins: np.ndarray) -> np.ndarray:
    """``gbo_m2`` with every missing or non-positive value replaced by :func:`standaard_gbo_m2`."""
    g = np.asarray(gbo_m2, dtype=float)
    return np.where(np.isfinite(g) & (g > 0), g, standaard_gbo_m2(meergezins))
_VERW["aardgas"] = _VERW["aardgas"].astype(str).str.lower().eq("true")
#: heating systems, from the table
VERWARMINGEN: tuple[str, ...] = tuple(_VERW.index)
#: default subtype when the export only says eengezins/meergezins
STANDAARD_SUBTYPE = {"eengezins": "tussenwoning", "meergezins": "portiek"}

# keywords for export terms not in woningtypen.csv ('Eengezinswoning (hoek)', 'Galerijflat 4-hoog')
_SUBTYPE_WOORDEN = (("twee-onder", "twee_onder_een_kap"), ("2-onder", "twee_onder_een_kap"),
                    ("2 onder", "twee_onder_een_kap"), ("vrijstaand", "vrijstaand"), ("hoek", "hoekwoning"),
                    ("tussen", "tussenwoning"), ("galerij", "galerij"), ("portiek", "portiek"),
                    ("maisonnette", "maisonnette"), ("hoogbouw", "hoogbouw"), ("rijwoning", "tussenwoning"))
_VERWARMING_WOORDEN = (("hybride", "hybride"), ("hybrid", "hybride"), ("warmtepomp", "all_electric"),
                       ("all-electric", "all_electric"), ("all electric", "all_electric"), ("wp", "all_electric"),
                       ("stadsverwarming", "warmtenet"), ("warmtenet", "warmtenet"), ("wijkverwarming", "warmtenet"),
                       ("blokverwarming", "collectief_gas"), ("collectie", "collectief_gas"),
                       ("cv", "gasketel"), ("ketel", "gasketel"), ("combi", "gasketel"), ("gas", "gasketel"),
                       ("hr", "gasketel"))


def _per_uniek(kolommen: list[pd.Series], functie) -> tuple[list, np.ndarray]:
    """``functie`` of each row's values, called once per distinct combination of values: the results of
    the distinct ones, and per row the position of its result."""
    rij, uniek = unieke_rijen(kolommen)
    return [functie(*waarden) for waarden in zip(*uniek, strict=True)], rij


def subtype_uit_term(term: pd.Series, woningtype: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(subtype, aangenomen) per dwelling from the export's woningtype term.

    A term that names the form (``tussenwoning``, ``galerijflat``) gives its subtype; a term that
    only says eengezins or meergezins gives :data:`STANDAARD_SUBTYPE` and ``aangenomen`` True.
    """
    t = term.fillna("").astype(str).str.strip().str.lower()
    wt = woningtype.fillna("meergezins").astype(str)
    kaart = dict(zip(_TYPEN["term"].str.lower(), _TYPEN["subtype"], strict=False))
    zeker = dict(zip(_TYPEN["term"].str.lower(), ~_TYPEN["subtype_aangenomen"].astype(str).str.lower().eq("true"), strict=False))

    def een(term_: str, woningtype_: str) -> tuple[str, bool]:
        sub = kaart.get(term_)
        ok = bool(zeker.get(term_, False))  # a term not in the table is not certain
        if sub is None:
            sub = next((s for woord, s in _SUBTYPE_WOORDEN if woord in term_), None)
            ok = sub is not None
        # a subtype that contradicts the woningtype (export says meergezins, term says hoek...) yields to the type
        if sub is not None and _VORM["woningtype"].get(sub) != woningtype_:
            sub = None
        if sub is None:
            return STANDAARD_SUBTYPE.get(woningtype_, "portiek"), True
        return sub, not ok

    uitkomst, rij = _per_uniek([t, wt], een)
    sub = np.array([u[0] for u in uitkomst], dtype=object)[rij]
    aangenomen = np.array([u[1] for u in uitkomst], dtype=bool)[rij]
    return pd.Series(sub, index=term.index, dtype=object), pd.Series(aangenomen, index=term.index)


def verwarming_uit_term(term: pd.Series) -> pd.Series:
    """Heating system from the export's term (``cv-ketel``, ``stadsverwarming``, ``hybride wp``); None if unknown."""
    t = term.fillna("").astype(str).str.strip().str.lower()

    def een(term_: str) -> str | None:
        if term_ in VERWARMINGEN:
            return term_
        if not term_:
            return None
        return next((s for woord, s in _VERWARMING_WOORDEN if woord in term_), None)

    uitkomst, rij = _per_uniek([t], een)
    return pd.Series(np.array(uitkomst, dtype=object)[rij], index=term.index, dtype=object)


def vorm(subtype: np.ndarray | pd.Series) -> pd.DataFrame:
    """The ``woningvorm.csv`` rows of each dwelling's subtype (unknown subtypes raise ScenarioFout)."""
    codes, uniek = pd.factorize(np.asarray(subtype, dtype=object))   # vectorised: a national stock has millions
    onbekend = sorted(map(str, set(uniek) - set(_VORM.index)))
    if onbekend or (codes < 0).any():
        raise ScenarioFout(f"Onbekend woningsubtype {onbekend or ['(leeg)']}; kies uit: {', '.join(_VORM.index)}.")
    return _VORM.reindex(uniek).iloc[codes]


def als_categorie(waarden: np.ndarray | pd.Series) -> pd.Categorical:
    """The values as a categorical, factorised once: pass it to several functions of this module and
    none hashes the million strings again (they read its codes). Missing values stay missing."""
    codes, uniek = pd.factorize(np.asarray(waarden, dtype=object))
    return pd.Categorical.from_codes(codes, categories=uniek)


def _codes(waarden: np.ndarray | pd.Series | pd.Categorical) -> tuple[np.ndarray, np.ndarray]:
    """(codes, distinct values) of a column; -1 for missing. A categorical gives its own, nothing is hashed."""
    if isinstance(getattr(waarden, "dtype", None), pd.CategoricalDtype):
        cat = pd.Categorical(waarden)
        return cat.codes, np.asarray(cat.categories, dtype=object)
    return pd.factorize(np.asarray(waarden, dtype=object))


def vorm_arrays(subtype: np.ndarray | pd.Categorical, kolommen: tuple[str, ...] | None = None) -> dict[str, np.ndarray]:
    """The ``woningvorm.csv`` columns per dwelling as numpy arrays (factorised once: fast for millions);
    only ``kolommen`` when given (each column is an array of a million values)."""
    codes, uniek = _codes(subtype)
    onbekend = sorted(map(str, set(uniek) - set(_VORM.index)))
    if onbekend or (codes < 0).any():
        raise ScenarioFout(f"Onbekend woningsubtype {onbekend or ['(leeg)']}; kies uit: {', '.join(_VORM.index)}.")
    v = _VORM.reindex(uniek)
    return {k: v[k].to_numpy(dtype=bool if k == "grondgebonden" else (float if k.startswith("als") else object))[codes]
            for k in v.columns if k != "bron" and (kolommen is None or k in kolommen)}


def standaard_kwh_m2(grondgebonden: np.ndarray, bouwjaar: np.ndarray, als_ag: np.ndarray) -> np.ndarray:
    """Standaard voor woningisolatie [kWh/m2.jr netto warmtebehoefte], rounded to a whole number.

    ``basis`` when Als/Ag < 1, else ``basis + helling * (Als/Ag - 1)``; build year <= 1945 uses the
    pre-war rows. Unknown build year counts as post-war (the stricter value).
    """
    gg = np.asarray(grondgebonden, dtype=bool)
    bj = np.asarray(bouwjaar, dtype=float)
    r = np.asarray(als_ag, dtype=float)
    uit = np.full(np.broadcast(gg, bj, r).shape, np.nan)
    for _, s in _STD.iterrows():
        voor = np.isfinite(bj) & (bj <= s["bouwjaar_tot"]) if pd.notna(s["bouwjaar_tot"]) \
            else ~(np.isfinite(bj) & (bj <= _STD["bouwjaar_tot"].max()))
        m = (gg == s["grondgebonden"]) & voor & np.isnan(uit)
        waarde = s["basis_kwh_m2"] + s["helling_kwh_m2"] * np.maximum(r - s["als_ag_knik"], 0.0)
        uit = np.where(m, waarde, uit)
    return np.round(uit)


def als_ag(subtype: np.ndarray | pd.Categorical, bouwjaar: np.ndarray) -> np.ndarray:
    """Typical Als/Ag of each dwelling from its subtype and build year (``woningvorm.csv``)."""
    v = vorm_arrays(subtype, ("als_ag_tot_1945", "als_ag_vanaf_1946"))
    bj = np.asarray(bouwjaar, dtype=float)
    return np.where(np.isfinite(bj) & (bj <= 1945), v["als_ag_tot_1945"], v["als_ag_vanaf_1946"])


def verwarming_param(verwarming: np.ndarray | pd.Categorical, kolom: str) -> np.ndarray:
    """A column of ``verwarming.csv`` per dwelling (see :func:`als_categorie` for many calls on one column)."""
    codes, uniek = _codes(verwarming)
    onbekend = sorted(map(str, set(uniek) - set(_VERW.index)))
    if onbekend or (codes < 0).any():
        raise ScenarioFout(f"Onbekende verwarming {onbekend or ['(leeg)']}; kies uit: {', '.join(VERWARMINGEN)}.")
    return _VERW[kolom].reindex(uniek).to_numpy()[codes]


def _c(verwarming: np.ndarray, grondgebonden: np.ndarray) -> np.ndarray:
    return np.where(np.asarray(grondgebonden, dtype=bool),
                    verwarming_param(verwarming, "ep2_c_grondgebonden").astype(float),
                    verwarming_param(verwarming, "ep2_c_gestapeld").astype(float))


def ep2_uit_q(q: np.ndarray, verwarming: np.ndarray, grondgebonden: np.ndarray) -> np.ndarray:
    """EP2 [kWh/m2.jr] of a dwelling with net heat demand ``q`` and heating system ``verwarming``."""
    return verwarming_param(verwarming, "ep2_k").astype(float) * np.asarray(q, dtype=float) \
        + _c(verwarming, grondgebonden)


def q_uit_ep2(ep2: np.ndarray, verwarming: np.ndarray, grondgebonden: np.ndarray) -> np.ndarray:
    """Net heat demand [kWh/m2.jr] that gives ``ep2`` with this system (inverse of :func:`ep2_uit_q`), >= 10."""
    k = verwarming_param(verwarming, "ep2_k").astype(float)
    return np.maximum((np.asarray(ep2, dtype=float) - _c(verwarming, grondgebonden)) / k, 10.0)


def warmte_gj(gas_m3: np.ndarray, tapwater_gj: np.ndarray, verwarming: np.ndarray,
              warmte_geschat_gj: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(space heat, tap water heat) a dwelling uses now [GJ useful heat per year].

    Gas-heated dwellings: from the (metered or estimated) gas use, tap water first; others: the
    key-figure estimate ``warmte_geschat_gj`` (what a gas boiler would deliver).
    """
    gas = np.asarray(gas_m3, dtype=float)
    gasverw = verwarming_param(verwarming, "aardgas").astype(bool)
    rend = np.nan_to_num(verwarming_param(verwarming, "rendement_gas").astype(float), nan=0.95)
    hybr = verwarming_param(verwarming, "aandeel_wp_ruimte").astype(float)
    uit_gas = gas * _ONDERWAARDE * rend
    ww = np.asarray(tapwater_gj, dtype=float)
    totaal = np.where(gasverw & np.isfinite(gas), uit_gas, np.asarray(warmte_geschat_gj, dtype=float))
    ruimte = np.maximum(totaal - ww, 0.0)
    # a hybrid burns gas for only (1 - aandeel) of the space heat
    ruimte = np.where(gasverw & np.isfinite(gas) & (hybr > 0), ruimte / np.maximum(1.0 - hybr, 1e-9), ruimte)
    return ruimte, np.minimum(ww, totaal)


def verbruik(ruimte_gj: np.ndarray, tapwater_gj: np.ndarray, verwarming: np.ndarray) -> dict[str, np.ndarray]:
    """Yearly use per carrier of a dwelling with this useful heat and heating system.

    Returns ``gas_m3``, ``elektriciteit_kwh`` (for heating only) and ``warmte_gj`` (district heat).
    A hybrid's heat pump takes ``aandeel_wp_ruimte`` of the space heat at its SCOP; the rest and
    the tap water stay on gas.
    """
    r = np.asarray(ruimte_gj, dtype=float)
    w = np.asarray(tapwater_gj, dtype=float)
    gasverw = verwarming_param(verwarming, "aardgas").astype(bool)
    rend = np.nan_to_num(verwarming_param(verwarming, "rendement_gas").astype(float), nan=1.0)
    aandeel = np.nan_to_num(verwarming_param(verwarming, "aandeel_wp_ruimte").astype(float))
    scop = np.nan_to_num(verwarming_param(verwarming, "scop_ruimte").astype(float), nan=1.0)
    cop_ww = np.nan_to_num(verwarming_param(verwarming, "cop_tapwater").astype(float), nan=1.0)
    net = np.asarray(verwarming, dtype=object) == "warmtenet"
    gas = np.where(gasverw, ((1 - aandeel) * r + w) / rend / _ONDERWAARDE, 0.0)
    el_ruimte = np.where(aandeel > 0, aandeel * r * GJ_KWH / scop, 0.0)
    el_ww = np.where(~gasverw & ~net, w * GJ_KWH / cop_ww, 0.0)
    return {"gas_m3": gas, "elektriciteit_kwh": el_ruimte + el_ww, "warmte_gj": np.where(net, r + w, 0.0)}


_ONDERWAARDE = float(lees("gasverbruik.csv")["gas_onderwaarde_gj_m3"].iloc[0])
