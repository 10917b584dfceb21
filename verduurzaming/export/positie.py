"""Where a complex is drawn: its own coordinates, or an estimated point in its wijk.

Complexes without coordinates (and without an address that joined to a point) are placed near
the representative point of their wijk, spread on a small golden-angle spiral so they do not
overlap. Every export that draws them (map, GeoPackage) takes the same points from here and
says they are estimated.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd

from ..projectie import RD

__all__ = ["POSITIE_GEMETEN", "POSITIE_GESCHAT", "POSITIE_ONBEKEND", "complex_posities"]

POSITIE_GEMETEN = "coördinaten"
POSITIE_GESCHAT = "geschat (in de wijk)"
POSITIE_ONBEKEND = "onbekend"
#: spiral step [m] between estimated points in one wijk
_STAP_M = 40.0
_GULDEN_HOEK = math.pi * (3 - math.sqrt(5))


def _leeg(x: object) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def complex_posities(cx: gpd.GeoDataFrame, wijken: gpd.GeoDataFrame | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x, y [m, EPSG:28992] per complex and its kind of position (`POSITIE_*`).

    Complexes without a wijk with a geometry stay NaN with ``POSITIE_ONBEKEND``.
    """
    n = len(cx)
    x, y = np.full(n, np.nan), np.full(n, np.nan)
    soort = np.full(n, POSITIE_ONBEKEND, dtype=object)
    if n == 0:
        return x, y, soort
    crs = cx.crs or (wijken.crs if wijken is not None else None) or RD
    geo = gpd.GeoSeries(cx.geometry.values, crs=crs).to_crs(RD)
    heeft = np.asarray(geo.notna() & ~geo.is_empty, dtype=bool)
    if heeft.any():
        x[heeft] = geo[heeft].x.to_numpy()
        y[heeft] = geo[heeft].y.to_numpy()
        soort[heeft] = POSITIE_GEMETEN
    midden: dict[str, tuple[float, float]] = {}
    if wijken is not None and len(wijken):
        w = wijken[wijken.geometry.notna() & ~wijken.geometry.is_empty]
        if len(w):
            rp = (w.geometry.to_crs(RD) if w.crs is not None else w.geometry).representative_point()
            midden = dict(zip(w["wijk_code"], zip(rp.x, rp.y, strict=False), strict=False))
    teller: dict[str, int] = {}
    codes = cx["wijk_code"].to_numpy() if "wijk_code" in cx else np.full(n, None)
    for i in np.flatnonzero(~heeft):
        code = codes[i]
        if _leeg(code) or code not in midden:
            continue
        k = teller.get(code, 0)
        teller[code] = k + 1
        hoek, r = k * _GULDEN_HOEK, _STAP_M * math.sqrt(k)
        x[i], y[i] = midden[code][0] + r * math.cos(hoek), midden[code][1] + r * math.sin(hoek)
        soort[i] = POSITIE_GESCHAT
    return x, y, soort
