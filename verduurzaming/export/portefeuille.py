"""Validation outputs: ``bevindingen.csv`` and ``complexen.csv`` from a Portfolio."""

from __future__ import annotations

from pathlib import Path

from ..portefeuille import LABEL_KOLOMMEN, Portefeuille
from .csv import schrijf_csv

COMPLEX_UITVOER = ["corporatie", "complex_id", "complex_naam", "wijk_code", "gemeente_code", "woningen",
                   *LABEL_KOLOMMEN, "n_efg", "n_geschat", "n_label_verloopt", "ep2_gem_kwh_m2", "slechtste_label", "monument",
                   "sloop_jaar", "onderhoud_jaar", "pv_panelen_aanwezig", "pv_panelen_aantal", "vrijgesteld",
                   "vrijstelling_reden"]


def schrijf_validatie(p: Portefeuille, map_: str | Path) -> list[Path]:
    """Write the findings (one row per finding) and the complex table to ``map_``."""
    map_ = Path(map_)
    map_.mkdir(parents=True, exist_ok=True)
    c = p.complexen[COMPLEX_UITVOER].copy()
    c["ep2_gem_kwh_m2"] = c["ep2_gem_kwh_m2"].round(1)
    return [schrijf_csv(p.bevindingen.als_tabel(), map_ / "bevindingen.csv"),
            schrijf_csv(c, map_ / "complexen.csv")]
