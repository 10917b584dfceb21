"""GeoPackage for GIS users (QGIS): layers ``wijken`` and ``complexen`` with the plan attributes.

Reads only Plan tables and the portfolio's wijk geometries; EPSG:28992 (RD New); written
atomically (a temp GeoPackage beside the target, then one rename).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from .atomair import ruim_resten_op, tijdelijke_naam_voorvoegsel

__all__ = ["write_geopackage", "LAAG_WIJKEN", "LAAG_COMPLEXEN"]

LAAG_WIJKEN = "wijken"
LAAG_COMPLEXEN = "complexen"
RD = "EPSG:28992"


def _gpkg_kolommen(df: pd.DataFrame) -> pd.DataFrame:
    """Types GDAL writes cleanly: nullable booleans as Int8-like ints, dates as text, objects as text."""
    uit = df.copy()
    for k in uit.columns:
        if k == uit.geometry.name if isinstance(uit, gpd.GeoDataFrame) else False:
            continue
        s = uit[k]
        if isinstance(s.dtype, pd.BooleanDtype):
            uit[k] = s.astype("Int8")
        elif pd.api.types.is_datetime64_any_dtype(s):
            uit[k] = s.dt.strftime("%Y-%m-%d").where(s.notna(), None)
        elif s.dtype == object or pd.api.types.is_string_dtype(s):
            uit[k] = s.map(lambda v: None if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))
                           else str(v)).astype(object)
    return uit


def _wijken(plan, portfolio) -> gpd.GeoDataFrame:
    w = portfolio.wijken.copy()
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
        "kosten_eur": g["kosten_eur"].sum() if "kosten_eur" in cx else np.nan,
        "co2_kg_voor": g["co2_kg_voor"].sum(min_count=1) if "co2_kg_voor" in cx else np.nan,
        "co2_kg_na": g["co2_kg_na"].sum(min_count=1) if "co2_kg_na" in cx else np.nan,
    })
    if len(plan.wijk_jaar):
        wj = plan.wijk_jaar.groupby("wijk_code")[["renovaties_woningen", "binnen_wup_woningen",
                                                   "buiten_wup_woningen"]].sum()
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


def _complexen(plan) -> gpd.GeoDataFrame:
    cx = plan.complexen.copy()
    if not isinstance(cx, gpd.GeoDataFrame):
        cx = gpd.GeoDataFrame(cx, geometry="geometry", crs=RD)
    cx = cx.to_crs(RD) if cx.crs is not None else cx.set_crs(RD)
    cx["buiten_wup"] = cx["binnen_wup"].map(lambda v: pd.NA if v is pd.NA or v is None else not bool(v)) \
        .astype("boolean") if "binnen_wup" in cx else pd.NA
    return cx


def heeft_wijkgeometrie(portfolio) -> bool:
    """True when at least one wijk has a geometry (a plan made without ``--wijken`` has none)."""
    w = getattr(portfolio, "wijken", None)
    if w is None or not len(w) or "geometry" not in w:
        return False
    g = w.geometry
    return bool((g.notna() & ~g.is_empty).any())


def write_geopackage(plan, portfolio, pad: str | Path) -> Path:
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
        The file written. Complexes without coordinates keep an empty geometry. Without wijk
        geometries (a plan made without ``--wijken``) the file has only the ``complexen`` layer.
    """
    pad = Path(pad)
    if pad.suffix.lower() != ".gpkg":
        pad = pad / "plan.gpkg"
    pad.parent.mkdir(parents=True, exist_ok=True)
    wijken = _gpkg_kolommen(_wijken(plan, portfolio)) if heeft_wijkgeometrie(portfolio) else None
    complexen = _gpkg_kolommen(_complexen(plan))
    ruim_resten_op(pad, ".tmp.gpkg")  # temp GeoPackages of a run that was killed mid-write
    tmp = pad.parent / f"{tijdelijke_naam_voorvoegsel(pad)}{uuid.uuid4().hex}.tmp.gpkg"
    try:
        if wijken is not None:
            wijken.to_file(tmp, layer=LAAG_WIJKEN, driver="GPKG", engine="pyogrio")
        complexen.to_file(tmp, layer=LAAG_COMPLEXEN, driver="GPKG", engine="pyogrio")
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, pad)
    finally:
        for extra in ("", "-wal", "-shm", "-journal"):
            p = Path(str(tmp) + extra)
            if p.exists():
                p.unlink()
    return pad
