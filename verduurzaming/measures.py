"""Measure catalog: renovation packages and PV with costs, EP2 effect and TVW strategies.

The figures live in ``defaults/maatregelen.csv`` (one row per package) and
``defaults/maatregel_effect.csv`` (overrides by woningtype and bouwjaar class).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._errors import ScenarioFout
from .defaults import lees

__all__ = ["STRATEGIEEN", "load_catalog", "pakket_rij", "kosten_eur", "ep2_na", "effect",
           "past_bij_strategie"]

#: TVW strategies a package can be compatible with
STRATEGIEEN: tuple[str, ...] = ("warmtenet", "all-electric", "hybride", "groengas", "onbekend")
_WONINGTYPEN = ("eengezins", "meergezins")


def load_catalog(overrides: Mapping[str, Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """The measure catalog, indexed by ``pakket``, with scenario overrides applied.

    Parameters
    ----------
    overrides
        ``{pakket: {kolom: waarde}}`` from the scenario, e.g.
        ``{"schil_standaard": {"kosten_eur_eengezins": 24000}}``.

    Returns
    -------
    pandas.DataFrame
        One row per package; ``strategieen`` is a tuple of strategy names and
        ``aardgasvrij_ready`` a bool.

    Raises
    ------
    ScenarioFout
        Unknown package or column, or a non-numeric value for a numeric column.
    """
    cat = lees("maatregelen.csv").set_index("pakket")
    getallen = cat.select_dtypes("number").columns
    cat[getallen] = cat[getallen].astype(float)
    cat["aardgasvrij_ready"] = cat["aardgasvrij_ready"].astype(str).str.lower().eq("true")
    cat["strategieen"] = cat["strategieen"].map(_strategieen)
    for pakket, kolommen in (overrides or {}).items():
        _controleer_pakket(cat, pakket)
        for kolom, waarde in kolommen.items():
            if kolom not in cat.columns:
                raise ScenarioFout(
                    f"Onbekende kolom '{kolom}' voor pakket '{pakket}' in de scenario-overrides; "
                    f"kies uit: {', '.join(cat.columns)}.")
            if kolom == "strategieen":
                waarde = _strategieen(waarde if isinstance(waarde, str) else "|".join(waarde))
            elif pd.api.types.is_numeric_dtype(cat[kolom]):
                try:
                    waarde = float(waarde)
                except (TypeError, ValueError):
                    raise ScenarioFout(
                        f"Waarde '{waarde}' voor {pakket}.{kolom} is geen getal.") from None
            cat.at[pakket, kolom] = waarde
    return cat


def _strategieen(tekst: str) -> tuple[str, ...]:
    namen = tuple(s.strip() for s in str(tekst).split("|") if s.strip())
    onbekend = [s for s in namen if s not in STRATEGIEEN]
    if onbekend:
        raise ScenarioFout(f"Onbekende strategie(en) {onbekend}; kies uit: {', '.join(STRATEGIEEN)}.")
    return namen


def _controleer_pakket(catalog: pd.DataFrame, pakket: str) -> None:
    if pakket not in catalog.index:
        raise ScenarioFout(
            f"Onbekend pakket '{pakket}'; de catalogus kent: {', '.join(catalog.index)}. "
            "Controleer de pakketnaam in het scenario.")


def pakket_rij(catalog: pd.DataFrame, pakket: str) -> pd.Series:
    """The catalog row of ``pakket`` (with ``name`` == pakket); ScenarioFout when unknown."""
    _controleer_pakket(catalog, pakket)
    return catalog.loc[pakket]


def kosten_eur(catalog: pd.DataFrame, pakket: str, woningtype: str) -> float:
    """Cost of a package per dwelling [EUR incl. BTW, prijspeil 2024].

    Parameters
    ----------
    woningtype
        ``eengezins`` or ``meergezins``.
    """
    rij = pakket_rij(catalog, pakket)
    if woningtype not in _WONINGTYPEN:
        raise ScenarioFout(f"Onbekend woningtype '{woningtype}'; kies 'eengezins' of 'meergezins'.")
    return float(rij[f"kosten_eur_{woningtype}"])


def _effect_tabel() -> pd.DataFrame:
    return lees("maatregel_effect.csv")


def effect(pakket_row: pd.Series, kolom: str, *, woningtype: str | None = None,
           bouwjaar: float | None = None) -> float:
    """One effect value of a package, with the woningtype/bouwjaar override when one applies.

    Overrides in ``maatregel_effect.csv`` match when their ``woningtype`` is empty or equal
    and ``bouwjaar <= bouwjaar_tot`` (empty: all years); the most specific one wins.
    """
    waarde = float(pakket_row[kolom]) if pd.notna(pakket_row[kolom]) else np.nan
    eff = _effect_tabel()
    eff = eff[(eff["pakket"] == pakket_row.name) & eff[kolom].notna()] if kolom in eff else eff.iloc[0:0]
    if eff.empty:
        return waarde
    past = eff["woningtype"].isna() | (eff["woningtype"] == woningtype)
    if bouwjaar is None or pd.isna(bouwjaar):
        past &= eff["bouwjaar_tot"].isna()
    else:
        past &= eff["bouwjaar_tot"].isna() | (float(bouwjaar) <= eff["bouwjaar_tot"])
    eff = eff[past]
    if eff.empty:
        return waarde
    specificiteit = eff["woningtype"].notna().astype(int) + eff["bouwjaar_tot"].notna().astype(int)
    return float(eff.loc[specificiteit.idxmax(), kolom])


def ep2_na(ep2_kwh_m2: np.ndarray, pakket_row: pd.Series, *,
           bouwjaar: np.ndarray | None = None) -> np.ndarray:
    """EP2 after a package [kWh/m2.jr]: ``min(ep2 * (1 - pct/100), max_na)``.

    Dwellings already at or below what the package reaches keep their EP2 (a package
    never makes a dwelling worse). Packages without an EP2 effect (PV) return the input;
    use :func:`verduurzaming.solar.pv_voor_complex` for PV.

    Parameters
    ----------
    ep2_kwh_m2
        EP2 before [kWh/m2.jr], any shape.
    pakket_row
        A row of :func:`load_catalog`.
    bouwjaar
        Optional build years (same shape); applies the bouwjaar overrides of
        ``maatregel_effect.csv`` (e.g. pre-1945 dwellings reach less with the Standaard).
    """
    ep2 = np.asarray(ep2_kwh_m2, dtype=float)
    pct = pakket_row["ep2_reductie_pct"]
    if pd.isna(pct):
        return ep2.copy()
    na = ep2 * (1.0 - float(pct) / 100.0)
    if bouwjaar is None:
        max_na = effect(pakket_row, "ep2_na_max_kwh_m2")
        max_na = np.full(ep2.shape, np.inf if np.isnan(max_na) else max_na)
    else:
        bj = np.broadcast_to(np.asarray(bouwjaar, dtype=float), ep2.shape)
        uniek = {b: effect(pakket_row, "ep2_na_max_kwh_m2", bouwjaar=b) for b in np.unique(bj)}
        max_na = np.vectorize(lambda b: uniek.get(b, np.nan), otypes=[float])(bj)
        max_na = np.where(np.isnan(max_na), np.inf, max_na)
    return np.minimum(ep2, np.minimum(na, max_na))


def past_bij_strategie(pakket_row: pd.Series, strategie: str | None) -> bool:
    """True when the package fits the wijk's TVW strategy (None counts as ``onbekend``)."""
    return (strategie or "onbekend") in pakket_row["strategieen"]
