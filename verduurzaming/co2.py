"""CO2 emissions per energy carrier and year, and a gas-use estimate from EP2.

Factors live in ``defaults/co2_factoren.csv`` (``drager, jaar, factor, eenheid, methode, bron``),
the gas-use key figures in ``defaults/gasverbruik.csv`` (PBL Vesta kengetallen).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._fouten import ScenarioFout
from .defaults import lees
from .labels import label_uit_ep2

__all__ = ["DRAGERS", "co2_kg", "factor", "gasverbruik_geschat_m3"]

_FACTOREN = lees("co2_factoren.csv")
#: carriers in the default table
DRAGERS: tuple[str, ...] = tuple(dict.fromkeys(_FACTOREN["drager"]))
_GAS = lees("gasverbruik.csv")
# Vesta distinguishes A..G only; the A+ classes use A
_VESTA_LABEL = {"A++++": "A", "A+++": "A", "A++": "A", "A+": "A"}


def factor(drager: str, jaar: int, factoren: pd.DataFrame | None = None) -> float:
    """Emission factor of ``drager`` in ``jaar`` [kg CO2 per unit in the ``eenheid`` column].

    The nearest earlier year in the table is used; after the last year the last value
    stays; before the first year the first value is used.

    Parameters
    ----------
    drager
        ``aardgas`` [kg/m3], ``elektriciteit`` [kg/kWh], ``elektriciteit_isso82`` [kg/kWh],
        ``warmtenet`` [kg/GJ], or any carrier of ``factoren``.
    factoren
        A table like ``co2_factoren.csv`` from the scenario (e.g. a falling grid path);
        default: the packaged table.
    """
    tabel = _FACTOREN if factoren is None else factoren
    rijen = tabel[tabel["drager"] == drager].sort_values("jaar")
    if rijen.empty:
        raise ScenarioFout(
            f"Onbekende energiedrager '{drager}' voor de CO2-factor; "
            f"kies uit: {', '.join(dict.fromkeys(tabel['drager']))}.")
    jaren = rijen["jaar"].to_numpy(dtype=int)
    i = max(int(np.searchsorted(jaren, int(jaar), side="right")) - 1, 0)
    return float(rijen["factor"].iloc[i])


def factoren_uit_scenario(overrides: dict | None) -> pd.DataFrame | None:
    """The factor table with the scenario's ``[factoren]`` on top; None when there are none.

    ``overrides`` maps a carrier to a number (from the first year on) or to ``{jaar = factor}``,
    e.g. a falling grid path ``elektriciteit = { 2026 = 0.33, 2030 = 0.20 }``.
    """
    if not overrides:
        return None
    tabel = _FACTOREN.copy()
    for drager, waarde in overrides.items():
        if drager not in set(tabel["drager"]):
            raise ScenarioFout(f"scenario [factoren]: onbekende energiedrager '{drager}'; "
                               f"kies uit: {', '.join(dict.fromkeys(tabel['drager']))}")
        reeks = waarde if isinstance(waarde, dict) else {int(tabel["jaar"].min()): waarde}
        oud = tabel[tabel["drager"] == drager].iloc[0]
        rijen = []
        for jaar, f in reeks.items():
            try:
                jaar_i, f_f = int(jaar), float(f)
            except (TypeError, ValueError):
                raise ScenarioFout(f"scenario [factoren].{drager}: '{jaar} = {f!r}' is geen jaar = getal") from None
            if not np.isfinite(f_f) or f_f < 0:
                raise ScenarioFout(f"scenario [factoren].{drager}: factor {f!r} moet een getal >= 0 zijn")
            rijen.append({"drager": drager, "jaar": jaar_i, "factor": f_f, "eenheid": oud["eenheid"],
                          "methode": oud["methode"], "bron": "scenario [factoren]"})
        tabel = pd.concat([tabel[tabel["drager"] != drager], pd.DataFrame(rijen)], ignore_index=True)
    return tabel


def gasverbruik_geschat_m3(ep2_kwh_m2: np.ndarray | pd.Series | float,
                           gbo_m2: np.ndarray | pd.Series | float,
                           woningtype: np.ndarray | pd.Series | str) -> np.ndarray:
    """Estimated yearly gas use of a gas-heated dwelling [m3/jr] from its label and area.

    ``(rv_woning + rv_m2 * gbo + tapwater) / rendement / onderwaarde``, with the PBL Vesta
    space-heating demand per label (via the EP2 band) and woningtype. Use only when no
    metered use exists; the result is a key figure, not a prediction for one address.

    Parameters
    ----------
    ep2_kwh_m2
        EP2 [kWh/m2.jr]; NaN gives NaN.
    gbo_m2
        Gebruiksoppervlakte [m2].
    woningtype
        ``eengezins`` or ``meergezins`` (scalar or per dwelling).
    """
    ep2 = np.atleast_1d(np.asarray(ep2_kwh_m2, dtype=float))
    gbo = np.broadcast_to(np.asarray(gbo_m2, dtype=float), ep2.shape)
    wt = np.broadcast_to(np.asarray(woningtype, dtype=object), ep2.shape)
    onbekend = set(pd.unique(wt.ravel())) - set(_GAS["woningtype"])
    if onbekend:
        raise ScenarioFout(f"Onbekend woningtype {sorted(map(str, onbekend))}; kies 'eengezins' of 'meergezins'.")
    labels = np.array([_VESTA_LABEL.get(x, x) for x in label_uit_ep2(ep2)], dtype=object)
    sleutel = pd.MultiIndex.from_arrays([wt.ravel(), labels.ravel()])
    k = _GAS.set_index(["woningtype", "label"]).reindex(sleutel)
    gj = (k["ruimteverwarming_gj_woning"].to_numpy() + k["ruimteverwarming_gj_m2"].to_numpy() * gbo.ravel()
          + k["tapwater_gj_woning"].to_numpy())
    m3 = gj / k["rendement"].to_numpy() / k["gas_onderwaarde_gj_m3"].to_numpy()
    return m3.reshape(ep2.shape)


def co2_kg(gas_m3: np.ndarray | float, elektriciteit_kwh: np.ndarray | float,
           warmte_gj: np.ndarray | float, jaar: int, factoren: pd.DataFrame | None = None,
           *, elektriciteit_drager: str = "elektriciteit") -> np.ndarray:
    """Yearly CO2 emission [kg/jr] of gas [m3], electricity [kWh] and district heat [GJ].

    Negative electricity (net PV export) lowers the total. NaN in an input counts as 0.

    Parameters
    ----------
    jaar
        Year of the factors.
    factoren
        Scenario factor table (see :func:`factor`).
    elektriciteit_drager
        Which electricity series to use: ``elektriciteit`` (CBS, falling per year) or
        ``elektriciteit_isso82`` (constant 0.48 kg/kWh).
    """
    gas = np.nan_to_num(np.asarray(gas_m3, dtype=float))
    el = np.nan_to_num(np.asarray(elektriciteit_kwh, dtype=float))
    wa = np.nan_to_num(np.asarray(warmte_gj, dtype=float))
    return (gas * factor("aardgas", jaar, factoren)
            + el * factor(elektriciteit_drager, jaar, factoren)
            + wa * factor("warmtenet", jaar, factoren))
