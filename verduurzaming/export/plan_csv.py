"""Plan tables as CSV, in the same dialect as every CSV the tool writes (see :mod:`.csv`).

Reads a Plan and writes; never recomputes. Every file is written atomically (temp file in
the same folder, then ``os.replace``) and in a deterministic row order.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .csv import schrijf_csv

BESTANDEN = {
    "werken": "plan_werken.csv",
    "complexen": "plan_complexen.csv",
    "per_jaar": "plan_corporatie_jaar.csv",
    "wijk_jaar": "plan_wijk_jaar.csv",
    "schendingen": "schendingen.csv",
}
_SORTEER = {
    "werken": ["corporatie", "jaar", "complex_id"],
    "complexen": ["corporatie", "complex_id"],
    "per_jaar": ["corporatie", "jaar"],
    "wijk_jaar": ["wijk_code", "jaar"],
    "schendingen": ["corporatie", "soort", "jaar", "complex_id", "toelichting"],
}


def schrijf_plan_csv(plan, map: str | Path) -> list[Path]:
    """Write the plan tables (the ledger of works first) to folder ``map``; returns the paths written."""
    map_ = Path(map)
    uit = []
    for attr, naam in BESTANDEN.items():
        df = getattr(plan, attr)
        df = pd.DataFrame(df.drop(columns="geometry", errors="ignore"))
        if attr == "complexen" and hasattr(plan.complexen, "geometry") and "geometry" in plan.complexen:
            geo = plan.complexen.geometry
            df["x_rd"] = geo.x.where(~geo.is_empty & geo.notna()).round(1).to_numpy() if len(geo) else []
            df["y_rd"] = geo.y.where(~geo.is_empty & geo.notna()).round(1).to_numpy() if len(geo) else []
        sleutels = [k for k in _SORTEER[attr] if k in df.columns]
        if sleutels and len(df):
            df = df.sort_values(sleutels, kind="stable", na_position="last").reset_index(drop=True)
        uit.append(schrijf_csv(df, map_ / naam))
    return uit
