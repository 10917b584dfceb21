"""PV per complex: panels from suitable roof area, yield, cost, EP2 and CO2 effect.

Figures in ``defaults/pv_opbrengst.csv`` (kWh/kWp per orientation) and
``defaults/pv_parameters.csv`` (Wp per panel, m2 per panel, EUR/Wp, caps, NTA 8800 factor).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ._errors import ScenarioFout
from .co2 import factor
from .defaults import lees

__all__ = ["KWH_PER_KWP", "PARAMETERS", "pv_voor_complex", "pv_voor_complexen", "co2_vermeden_kg"]

_OPBRENGST = lees("pv_opbrengst.csv")
#: yield per orientation [kWh/kWp.jr]; state the one used in every output
KWH_PER_KWP: dict[str, float] = dict(zip(_OPBRENGST["orientatie"], _OPBRENGST["kwh_per_kwp"].astype(float)))
#: PV parameters by name (paneel_wp [Wp], m2_per_paneel [m2], kosten_eur_per_wp [EUR/Wp],
#: max_panelen_per_woning, primaire_factor_elektriciteit [kWh/kWh])
PARAMETERS: dict[str, float] = dict(zip(*(lees("pv_parameters.csv")[k] for k in ("naam", "waarde"))))


def _params(params: Mapping[str, float] | None) -> dict[str, float]:
    p = dict(PARAMETERS)
    p.update({f"kwh_per_kwp_{k}": v for k, v in KWH_PER_KWP.items()})
    for k, v in (params or {}).items():
        if k not in p:
            raise ScenarioFout(f"Onbekende PV-parameter '{k}'; kies uit: {', '.join(p)}.")
        p[k] = float(v)
    return p


def pv_voor_complexen(dak_geschikt_m2: np.ndarray, woningen: np.ndarray, gbo_m2: np.ndarray,
                      orientatie: np.ndarray | str = "onbekend",
                      params: Mapping[str, float] | None = None) -> dict[str, np.ndarray]:
    """Vectorised :func:`pv_voor_complex` over arrays of complexes (same keys, arrays)."""
    p = _params(params)
    dak = np.nan_to_num(np.asarray(dak_geschikt_m2, dtype=float))
    won = np.asarray(woningen, dtype=float)
    gbo = np.asarray(gbo_m2, dtype=float)
    ori = np.broadcast_to(np.asarray(orientatie, dtype=object), np.broadcast(dak, won).shape)
    onbekend = set(ori.ravel()) - set(KWH_PER_KWP)
    if onbekend:
        raise ScenarioFout(f"Onbekende dakorientatie {sorted(map(str, onbekend))}; kies uit: {', '.join(KWH_PER_KWP)}.")
    kwh_kwp = np.vectorize(lambda o: p[f"kwh_per_kwp_{o}"], otypes=[float])(ori)
    panelen = np.minimum(np.floor(np.maximum(dak, 0) / p["m2_per_paneel"]),
                         np.floor(won * p["max_panelen_per_woning"]))
    kwp = panelen * p["paneel_wp"] / 1000.0
    kwh = kwp * kwh_kwp
    with np.errstate(divide="ignore", invalid="ignore"):
        ep2_red = np.where(gbo > 0, kwh * p["primaire_factor_elektriciteit"] / gbo, 0.0)
    return {"panelen": panelen.astype(int), "kwp": kwp, "kwh_jaar": kwh,
            "kosten_eur": kwp * 1000.0 * p["kosten_eur_per_wp"], "ep2_reductie_kwh_m2": ep2_red,
            "kwh_per_kwp": kwh_kwp}


def pv_voor_complex(dak_geschikt_m2: float, woningen: int, gbo_m2: float, orientatie: str = "onbekend",
                    params: Mapping[str, float] | None = None) -> dict[str, float]:
    """PV on one complex.

    Parameters
    ----------
    dak_geschikt_m2
        Suitable roof area [m2] (NaN counts as 0).
    woningen
        Dwellings in the complex (caps the panels at ``max_panelen_per_woning`` each).
    gbo_m2
        Total gebruiksoppervlakte of the complex [m2].
    orientatie
        ``zuid``, ``oost-west``, ``plat`` or ``onbekend``.
    params
        Overrides of :data:`PARAMETERS` or ``kwh_per_kwp_<orientatie>`` from the scenario.

    Returns
    -------
    dict
        ``panelen`` [-], ``kwp`` [kWp], ``kwh_jaar`` [kWh/jr], ``kosten_eur`` [EUR],
        ``ep2_reductie_kwh_m2`` [kWh/m2.jr] = yield x 1.45 (NTA 8800) / gbo, and
        ``kwh_per_kwp`` [kWh/kWp.jr] used.
    """
    uit = pv_voor_complexen(np.array([dak_geschikt_m2]), np.array([woningen]), np.array([gbo_m2]),
                            orientatie, params)
    return {k: (int(v[0]) if k == "panelen" else float(v[0])) for k, v in uit.items()}


def co2_vermeden_kg(kwh_jaar: np.ndarray | float, jaar: int, factoren=None,
                    *, elektriciteit_drager: str = "elektriciteit") -> np.ndarray:
    """CO2 avoided by PV yield [kg/jr]: yield [kWh/jr] x electricity factor of ``jaar``."""
    return np.asarray(kwh_jaar, dtype=float) * factor(elektriciteit_drager, jaar, factoren)
