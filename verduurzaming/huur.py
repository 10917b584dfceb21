"""Rent effect of labels E/F/G that remain after the NPA deadline (WWS energy points).

Points per label in ``defaults/wws_energieprestatie.csv`` (Wet betaalbare huur, beleidsboek
Huurcommissie 2025, via woningwaardering); point value and NPA figures in
``defaults/huur_parameters.csv``.
"""

from __future__ import annotations

import pandas as pd

from ._errors import ScenarioFout
from .defaults import lees

__all__ = ["WWS_PUNTEN", "puntwaarde_eur_maand", "npa_deadline_jaar", "huurderving_eur_jaar"]

_WWS = lees("wws_energieprestatie.csv").set_index("label")
#: WWS energy points per label: {woningtype: {label: punten}}
WWS_PUNTEN: dict[str, dict[str, float]] = {wt: _WWS[wt].astype(float).to_dict()
                                           for wt in ("eengezins", "meergezins")}
_PAR = lees("huur_parameters.csv")
_MAANDEN = 12


def _parameter(naam: str, jaar: int | None = None) -> float:
    rijen = _PAR[_PAR["naam"] == naam].sort_values("jaar")
    if jaar is not None:
        eerder = rijen[rijen["jaar"] <= jaar]
        rijen = eerder if not eerder.empty else rijen.iloc[:1]
    return float(rijen["waarde"].iloc[-1])


def puntwaarde_eur_maand(jaar: int) -> float:
    """Value of one WWS point [EUR/maand] for ``jaar`` (latest known year at or before it)."""
    return _parameter("puntwaarde_eur_maand", jaar)


def npa_deadline_jaar() -> int:
    """Last year in which E/F/G may remain under the NPA (2028)."""
    return int(_parameter("npa_deadline_jaar"))


def huurderving_eur_jaar(labels: pd.Series, woningtype: pd.Series, jaar: int) -> pd.Series:
    """Yearly rent loss per dwelling [EUR/jr] for labels E/F/G after the NPA deadline.

    ``(aftrekpunten x puntwaarde + NPA-huurkorting) x 12`` for dwellings with a negative
    WWS energy score (E, F, G) when ``jaar`` > the deadline year; 0 otherwise. This is
    the maximum-rent reduction tied to the bad label, an upper bound: it only costs rent
    where the rent is at the WWS maximum.

    Parameters
    ----------
    labels
        Label per dwelling (A++++..G; None/NaN gives 0).
    woningtype
        ``eengezins`` or ``meergezins`` per dwelling (same index).
    jaar
        Calendar year.
    """
    onbekend = set(woningtype.dropna().unique()) - set(WWS_PUNTEN)
    if onbekend:
        raise ScenarioFout(f"Onbekend woningtype {sorted(onbekend)}; kies 'eengezins' of 'meergezins'.")
    if jaar <= npa_deadline_jaar():
        return pd.Series(0.0, index=labels.index)
    punten = pd.Series([WWS_PUNTEN.get(wt, {}).get(lab, 0.0) for lab, wt in zip(labels, woningtype)],
                       index=labels.index, dtype=float)
    aftrek = (-punten).clip(lower=0)
    korting = _parameter("npa_huurkorting_eur_maand")
    per_maand = aftrek * puntwaarde_eur_maand(jaar) + korting * (aftrek > 0)
    return per_maand * _MAANDEN
