"""GeoPackage for GIS users (QGIS): layers ``wijken`` and ``complexen`` with the plan attributes.

Reads only Plan tables and the portfolio's wijk geometries; EPSG:28992 (RD New); written
atomically (a temp GeoPackage beside the target, then one rename). QGIS layer styles travel
in the ``layer_styles`` table (label colours, E/F/G share); years and counts are integers;
a complex without coordinates is placed in its wijk and its ``positie`` says so.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio

from ..tekst import zonder_stuurtekens
from .atomair import ruim_resten_op, tijdelijke_naam_voorvoegsel
from .positie import complex_posities
from .qgis_stijl import layer_styles, qml_efg_aandeel, qml_labels

__all__ = ["LAAG_COMPLEXEN", "LAAG_WIJKEN", "schrijf_geopackage"]

LAAG_WIJKEN = "wijken"
LAAG_COMPLEXEN = "complexen"
LAAG_STIJLEN = "layer_styles"
RD = "EPSG:28992"
#: integer columns: years and counts (pandas keeps them as floats when a value is missing)
_GEHEEL_NAMEN = ("jaar", "woningen", "complexen", "bouwjaar")
_GEHEEL_VOORVOEGSELS = ("n_", "wup_", "uitvoering_", "renovaties_")
_GEHEEL_ACHTERVOEGSELS = ("_jaar", "_woningen", "_complexen")


def _is_geheel(naam: str) -> bool:
    return (naam in _GEHEEL_NAMEN or naam.startswith(_GEHEEL_VOORVOEGSELS) or naam.endswith(_GEHEEL_ACHTERVOEGSELS))


def _gpkg_kolommen(df: pd.DataFrame) -> pd.DataFrame:
    """Types GDAL writes cleanly: nullable booleans as Int8-like ints, dates as text, objects as text
    (without control characters: GDAL would end a text at a NUL, and the other outputs drop them too)."""
    uit = df.copy()
    for k in uit.columns:
        if k == uit.geometry.name if isinstance(uit, gpd.GeoDataFrame) else False:
            continue
        s = uit[k]
        if _is_geheel(k) and pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            v = pd.to_numeric(s, errors="coerce")
            if (v.dropna() % 1 == 0).all():
                uit[k] = v.round().astype("Int64")
                continue
        if isinstance(s.dtype, pd.BooleanDtype):
            uit[k] = s.astype("Int8")
        elif pd.api.types.is_datetime64_any_dtype(s):
            uit[k] = s.dt.strftime("%Y-%m-%d").where(s.notna(), None)
        elif s.dtype == object or pd.api.types.is_string_dtype(s):
            uit[k] = s.map(lambda v: None if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))
                           else zonder_stuurtekens(str(v))).astype(object)
    return uit


def _wijken(plan, portefeuille) -> gpd.GeoDataFrame:
    w = portefeuille.wijken.copy()
    w = w.to_crs(RD) if w.crs is not None else w.set_crs(RD)
    w["wijk_code"] = w["wijk_code"].astype(object)
    cx = plan.complexen
    g = cx[cx["wijk_code"].notna()].groupby("wijk_code")
    agg = pd.DataFrame({
        "complexen": g.size(),
        "woningen": g["woningen"].sum(),
        "n_efg_nu": g["n_efg"].sum(),
        "n_efg_na": g["n_efg_na"].sum() if "n_efg_na" in cx else np.nan,
        "renovaties_complexen": g["jaar"].count(),
        "co2_kg_voor": g["co2_kg_voor"].sum(min_count=1) if "co2_kg_voor" in cx else np.nan,
        "co2_kg_na": g["co2_kg_na"].sum(min_count=1) if "co2_kg_na" in cx else np.nan,
    })
    if len(plan.wijk_jaar):
        wj = plan.wijk_jaar.groupby("wijk_code")[[k for k in ("renovaties_woningen", "binnen_wup_woningen",
                                                               "buiten_wup_woningen", "van_gas_woningen", "kosten_eur")
                                                   if k in plan.wijk_jaar]].sum()
        agg = agg.join(wj, how="outer")
        efg = plan.wijk_jaar.pivot_table(index="wijk_code", columns="jaar", values="n_efg", aggfunc="sum")
        efg.columns = [f"n_efg_{int(j)}" for j in efg.columns]  # at the start of the year
        agg = agg.join(efg, how="outer")
    w = w.merge(agg, left_on="wijk_code", right_index=True, how="left")
    for k in ("complexen", "woningen", "n_efg_nu", "renovaties_complexen"):
        w[k] = w[k].fillna(0).astype(int)
    w["aandeel_efg_nu"] = np.where(w["woningen"] > 0, w["n_efg_nu"] / w["woningen"].where(w["woningen"] > 0), np.nan)
    w["co2_reductie_pct"] = np.where(w["co2_kg_voor"] > 0,
                                     100 * (1 - w["co2_kg_na"] / w["co2_kg_voor"].where(w["co2_kg_voor"] > 0)), np.nan)
    return gpd.GeoDataFrame(w, geometry=w.geometry.name, crs=RD)


def _complexen(plan, wijken: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    cx = plan.complexen.copy()
    if not isinstance(cx, gpd.GeoDataFrame):
        cx = gpd.GeoDataFrame(cx, geometry="geometry", crs=RD)
    cx = cx.to_crs(RD) if cx.crs is not None else cx.set_crs(RD)
    x, y, positie = complex_posities(cx, wijken)
    punten = gpd.points_from_xy(x, y, crs=RD)
    cx = cx.set_geometry(gpd.GeoSeries([p if np.isfinite(xi) else None for p, xi in zip(punten, x, strict=False)],
                                       index=cx.index, crs=RD))
    cx["positie"] = positie
    cx["buiten_wup"] = cx["binnen_wup"].map(lambda v: pd.NA if v is pd.NA or v is None else not bool(v)) \
        .astype("boolean") if "binnen_wup" in cx else pd.NA
    return cx


def _stijlen(met_wijken: bool) -> pd.DataFrame:
    from .kaart import EFG_KLASSEN
    geom = "geom"  # pyogrio's default geometry column name in a GeoPackage
    stijlen = [
        (LAAG_COMPLEXEN, geom, "Slechtste label nu", qml_labels("slechtste_label"), True),
        (LAAG_COMPLEXEN, geom, "Slechtste label na het plan", qml_labels("slechtste_label_na"), False),
    ]
    if met_wijken:
        stijlen.append((LAAG_WIJKEN, geom, "Aandeel E/F/G nu", qml_efg_aandeel("aandeel_efg_nu", EFG_KLASSEN), True))
    return layer_styles(stijlen)


def heeft_wijkgeometrie(portefeuille) -> bool:
    """True when at least one wijk has a geometry (a plan made without ``--wijken`` has none)."""
    w = portefeuille.wijken
    if w is None or not len(w) or "geometry" not in w:
        return False
    g = w.geometry
    return bool((g.notna() & ~g.is_empty).any())


def schrijf_geopackage(plan, portefeuille, pad: str | Path) -> Path:
    """Write ``plan.gpkg`` with layers ``wijken`` (polygons) and ``complexen`` (points), EPSG:28992.

    Parameters
    ----------
    plan
        A :class:`~verduurzaming.planning.Plan`; only its tables are read.
    portfolio
        The portfolio the plan was made for (wijk geometries, TVW schedule).
    pad
        Output file, or a folder (then ``plan.gpkg`` in it).

    Returns
    -------
    Path
        The file written. Complexes without coordinates are placed in their wijk
        (``positie = geschat (in de wijk)``); without a wijk their geometry is empty. Without wijk
        geometries (a plan made without ``--wijken``) the file has no ``wijken`` layer.
    """
    pad = Path(pad)
    if pad.suffix.lower() != ".gpkg":
        pad = pad / "plan.gpkg"
    pad.parent.mkdir(parents=True, exist_ok=True)
    wijken = _gpkg_kolommen(_wijken(plan, portefeuille)) if heeft_wijkgeometrie(portefeuille) else None
    complexen = _gpkg_kolommen(_complexen(plan, portefeuille.wijken if wijken is not None else None))
    ruim_resten_op(pad, ".tmp.gpkg")  # temp GeoPackages of a run that was killed mid-write
    tmp = pad.parent / f"{tijdelijke_naam_voorvoegsel(pad)}{uuid.uuid4().hex}.tmp.gpkg"
    try:
        if wijken is not None:
            wijken.to_file(tmp, layer=LAAG_WIJKEN, driver="GPKG", engine="pyogrio")
        complexen.to_file(tmp, layer=LAAG_COMPLEXEN, driver="GPKG", engine="pyogrio")
        pyogrio.write_dataframe(_stijlen(wijken is not None), tmp, layer=LAAG_STIJLEN, driver="GPKG")
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, pad)
    finally:
        for extra in ("", "-wal", "-shm", "-journal"):
            p = Path(str(tmp) + extra)
            if p.exists():
                p.unlink()
    return pad
