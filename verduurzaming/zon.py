"""PV per complex: panels from suitable roof area, yield, cost, EP2 and CO2 effect.

Figures in ``defaults/pv_opbrengst.csv`` (kWh/kWp per orientation) and
``defaults/pv_parameters.csv`` (Wp per panel, m2 per panel, EUR/Wp, caps, NTA 8800 factor).
Without roof data the suitable roof is estimated from the dwelling subtype and footprint
(``defaults/dak_schatting.csv``: BAG pand area when given, else gbo / storeys) and flagged;
a measured roof orientation (3DBAG ``b3_azimut`` / ``b3_hellingshoek``) picks the yield row
(``defaults/pv_orientatie.csv``). Net metering (salderingsregeling) ends on 1-1-2027
(:data:`SALDERING_TOT`): from then on PV yield a tenant does not use at the moment it is made
earns only a supplier's feed-in fee, so PV is worth less to tenants than its kWh suggest.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ._fouten import ScenarioFout
from .co2 import factor
from .defaults import lees

__all__ = [
    "KWH_PER_KWP",
    "PARAMETERS",
    "SALDERING_TEKST",
    "SALDERING_TOT",
    "co2_vermeden_kg",
    "orientatie_uit_dak",
    "pv_doel_reden",
    "pv_voor_complex",
    "pv_voor_complexen",
    "schat_dak_m2",
]

_OPBRENGST = lees("pv_opbrengst.csv")
#: yield per orientation [kWh/kWp.jr]; state the one used in every output
KWH_PER_KWP: dict[str, float] = dict(zip(_OPBRENGST["orientatie"], _OPBRENGST["kwh_per_kwp"].astype(float), strict=False))
#: PV parameters by name (paneel_wp [Wp], m2_per_paneel [m2], kosten_eur_per_wp [EUR/Wp],
#: max_panelen_per_woning, primaire_factor_elektriciteit [kWh/kWh])
PARAMETERS: dict[str, float] = dict(zip(*(lees("pv_parameters.csv")[k] for k in ("naam", "waarde")), strict=False))


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


# ---------------------------------------------------------------------------------------------
# roof estimate, orientation, why a PV target is missed, net metering
# ---------------------------------------------------------------------------------------------

#: net metering (salderingsregeling) ends on 1 January 2027: Wet beeindiging salderingsregeling
#: (Kamerstukken 36 611), adopted by the Eerste Kamer in June 2025 (52-23)
SALDERING_TOT = 2027
SALDERING_TEKST = ("De salderingsregeling stopt op 1-1-2027 (wet beeindiging salderingsregeling, Kamerstuk 36 611, "
                   "aangenomen door de Eerste Kamer in juni 2025): daarna levert teruggeleverde stroom de huurder "
                   "alleen een terugleververgoeding op; de waarde van PV voor huurders hangt dan af van direct eigen "
                   "verbruik.")

_ORI = lees("pv_orientatie.csv")
_DAK = lees("dak_schatting.csv").set_index("woningsubtype")


def orientatie_uit_dak(azimut, helling) -> np.ndarray:
    """Yield row (``zuid``, ``oost-west``, ``plat``, ``noord``, ``onbekend``) from roof azimuth and slope.

    ``azimut`` in degrees from north, clockwise (3DBAG ``b3_azimut``: 180 = south); ``helling`` in degrees
    (3DBAG ``b3_hellingshoek``). A slope below the ``plat`` row's limit is flat whatever the azimuth; no
    azimuth (and not flat) gives ``onbekend`` (the national mean yield)."""
    az = np.atleast_1d(np.asarray(azimut, dtype=float)) % 360.0
    hl = np.broadcast_to(np.atleast_1d(np.asarray(helling, dtype=float)), az.shape)
    uit = np.full(az.shape, "onbekend", dtype=object)
    for r in _ORI.itertuples():
        if r.orientatie == "plat":
            continue
        lo, hi = float(r.azimut_van), float(r.azimut_tot)
        m = ((az >= lo) & (az < hi)) if lo < hi else ((az >= lo) | (az < hi))
        uit[m & np.isfinite(az)] = r.orientatie
    plat = _ORI.loc[_ORI["orientatie"] == "plat", "helling_max"].astype(float)
    if len(plat):
        uit[np.isfinite(hl) & (hl < float(plat.iloc[0]))] = "plat"
    return uit


def schat_dak_m2(subtype, gbo_m2, pand_m2=None) -> np.ndarray:
    """Estimated suitable roof area [m2] per complex: footprint x suitable share of its subtype.

    Footprint = the BAG pand area where given (> 0), else ``gbo_m2`` / storeys of the subtype
    (``defaults/dak_schatting.csv``; an unknown subtype counts as ``meergezins``). Flag the result as
    an estimate wherever it is used."""
    st = np.atleast_1d(np.asarray(subtype, dtype=object))
    gbo = np.broadcast_to(np.atleast_1d(np.asarray(gbo_m2, dtype=float)), st.shape)
    pand = np.broadcast_to(np.atleast_1d(np.asarray(np.nan if pand_m2 is None else pand_m2, dtype=float)), st.shape)
    # one table lookup per distinct subtype, not per complex
    codes, uniek = pd.factorize(st, use_na_sentinel=False)
    rij = _DAK.reindex([s if s in _DAK.index else "meergezins" for s in map(str, uniek)])
    lagen = rij["bouwlagen"].to_numpy(dtype=float)[codes]
    aandeel = rij["geschikt_aandeel"].to_numpy(dtype=float)[codes]
    grond = np.where(np.isfinite(pand) & (pand > 0), pand, np.nan_to_num(gbo) / lagen)
    return np.round(grond * aandeel, 1)


def pv_doel_reden(complexen, pv_mogelijk=None, doel: float | None = None) -> str:
    """Why a PV target is missed, in Dutch, from a corporation's complex rows (a plan's or a portfolio's).

    Counts the dwellings that cannot get PV and why: already PV, monument, no roof data, no suitable
    roof; those the plan gives PV (``pv_jaar`` set); whatever remains could get PV, so then capacity,
    budget or cost kept it out. A target above all dwellings is named as such."""
    import pandas as pd
    cx = complexen
    n = len(cx)
    won = pd.to_numeric(cx.get("woningen", pd.Series(0, index=cx.index)), errors="coerce").fillna(0).to_numpy(dtype=float)
    dak = pd.to_numeric(cx.get("dak_geschikt_m2", pd.Series(np.nan, index=cx.index)), errors="coerce").to_numpy(dtype=float)
    geschat = cx["dak_geschat"].fillna(False).astype(bool).to_numpy() if "dak_geschat" in cx else np.zeros(n, bool)
    aanw = cx["pv_panelen_aanwezig"].fillna(False).astype(bool).to_numpy() if "pv_panelen_aanwezig" in cx else np.zeros(n, bool)
    mon = cx["monument"].fillna(False).astype(bool).to_numpy() if "monument" in cx else np.zeros(n, bool)
    vrij = cx["vrijgesteld"].fillna(False).astype(bool).to_numpy() if "vrijgesteld" in cx else np.zeros(n, bool)
    delen, rest = [], np.ones(n, bool)

    def tel(m, tekst):
        nonlocal rest
        m = m & rest
        if m.any():
            delen.append(f"{int(won[m].sum())} woningen {tekst}")
        rest &= ~m
    if doel is not None and float(doel) > won.sum():
        delen.append(f"het doel ({float(doel):.0f}) is groter dan alle {int(won.sum())} woningen")
    tel(aanw, "hebben al zonnepanelen (tellen al mee)")
    tel(mon, "zijn monument (zonnepanelen niet zonder vergunning)")
    tel(vrij, "zijn vrijgesteld (sloop)")
    tel(~np.isfinite(dak), "hebben geen dakgegevens (geef dak_geschikt_m2 of BAG-pandoppervlak)")
    tel(np.isfinite(dak) & (dak <= 0), "hebben geen geschikt dak")
    if pv_mogelijk is not None:
        tel(~np.asarray(pv_mogelijk, dtype=bool), "hebben te weinig dak voor een paneel")
    if "pv_jaar" in cx:
        gepland = pd.to_numeric(pd.Series(cx["pv_jaar"], dtype="object"), errors="coerce").notna().to_numpy()
        extra = f" (waarvan {int(won[rest & gepland & geschat].sum())} op een geschat dak)" if (rest & gepland & geschat).any() else ""
        tel(gepland, f"krijgen PV in het plan{extra}")
    if rest.any():
        extra = f" (waarvan {int(won[rest & geschat].sum())} met een geschat dak)" if (rest & geschat).any() else ""
        delen.append(f"{int(won[rest].sum())} woningen kunnen PV krijgen{extra}, maar capaciteit, budget of kosten "
                     f"hielden ze buiten het plan")
    return "; ".join(delen) if delen else "geen complexen"
