"""Rent effect of labels E/F/G (WWS energy minus points), per year from the date the law applies.

Points per label in ``defaults/wws_energieprestatie.csv`` (Wet betaalbare huur, beleidsboek
Huurcommissie 2025, via woningwaardering); the minus points apply from that table's
``begindatum`` (1-1-2025), not from the NPA deadline. Point value and NPA figures in
``defaults/huur_parameters.csv``. No rent effect for a demolished dwelling (after its
demolition year) nor for a monument (rijks-, provinciaal or gemeentelijk: its WWS energy
score is at least 0, so a bad label gives no minus points).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._fouten import ScenarioFout
from .defaults import lees

__all__ = ["WWS_PUNTEN", "huurderving_eur_jaar", "minpunten_vanaf_jaar", "npa_deadline_jaar", "puntwaarde_eur_maand"]

_WWS = lees("wws_energieprestatie.csv").set_index("label")
#: WWS energy points per label: {woningtype: {label: punten}}
WWS_PUNTEN: dict[str, dict[str, float]] = {wt: _WWS[wt].astype(float).to_dict()
                                           for wt in ("eengezins", "meergezins")}
#: first year in which the E/F/G minus points apply (the table's begindatum, Wet betaalbare huur)
_MINPUNTEN_VANAF = int(pd.to_datetime(_WWS.loc[["E", "F", "G"], "begindatum"]).min().year)
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
    """Last year in which E/F/G may remain under the NPA (``huur_parameters.csv``): the scenario's default deadline."""
    return int(_parameter("npa_deadline_jaar"))


def minpunten_vanaf_jaar() -> int:
    """First calendar year in which the WWS minus points for E/F/G apply (2025)."""
    return _MINPUNTEN_VANAF


def huurderving_eur_jaar(labels: pd.Series, woningtype: pd.Series, jaar: int, *,
                         monument: pd.Series | None = None, sloop_jaar: pd.Series | None = None) -> pd.Series:
    """Yearly rent loss per dwelling [EUR/jr] from the WWS minus points of labels E/F/G.

    ``(aftrekpunten x puntwaarde + NPA-huurkorting) x 12`` for dwellings with a negative
    WWS energy score (E, F, G) from :func:`minpunten_vanaf_jaar` on; 0 before. This is
    the maximum-rent reduction tied to the bad label, an upper bound: it only costs rent
    where the rent is at the WWS maximum. 0 for a monument (energy score floor 0) and for a
    dwelling whose ``sloop_jaar`` lies before ``jaar`` (demolished: no rent).

    Parameters
    ----------
    labels
        Label per dwelling (A++++..G; None/NaN gives 0).
    woningtype
        ``eengezins`` or ``meergezins`` per dwelling (same index).
    jaar
        Calendar year.
    monument
        Optional bool per dwelling (same index): monument, energy score at least 0.
    sloop_jaar
        Optional demolition year per dwelling (same index; NaN/NA: not demolished).
    """
    onbekend = set(woningtype.dropna().unique()) - set(WWS_PUNTEN)
    if onbekend:
        raise ScenarioFout(f"Onbekend woningtype {sorted(onbekend)}; kies 'eengezins' of 'meergezins'.")
    if jaar < minpunten_vanaf_jaar():
        return pd.Series(0.0, index=labels.index)
    # per woningtype one vectorised look-up (a Python loop per dwelling cost seconds nationally)
    lab = pd.Series(np.asarray(labels, dtype=object), index=labels.index)
    wt = np.asarray(woningtype, dtype=object)
    punten = pd.Series(0.0, index=labels.index, dtype=float)
    for t, tabel in WWS_PUNTEN.items():
        m = wt == t
        if m.any():
            punten[m] = lab[m].map(tabel).astype(float).fillna(0.0).to_numpy()
    aftrek = (-punten).clip(lower=0)
    if monument is not None:
        aftrek = aftrek.where(~pd.Series(monument, index=labels.index).fillna(False).astype(bool), 0.0)
    if sloop_jaar is not None:
        sj = pd.to_numeric(pd.Series(sloop_jaar, index=labels.index, dtype="object"), errors="coerce")
        aftrek = aftrek.where(~(sj < jaar).fillna(False).astype(bool), 0.0)
    korting = _parameter("npa_huurkorting_eur_maand")
    per_maand = aftrek * puntwaarde_eur_maand(jaar) + korting * (aftrek > 0)
    return per_maand * _MAANDEN
