"""CSV output as Dutch Excel opens it: ``;`` separated, decimal comma, UTF-8 with BOM.

Text cells that start with ``=``, ``+``, ``-`` or ``@`` get a leading apostrophe so that a
spreadsheet never runs them as a formula (CSV injection).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .atomair import atomair_pad

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def onschadelijk(waarde: object) -> object:
    """A text that a spreadsheet would read as a formula, prefixed with an apostrophe."""
    if isinstance(waarde, str) and waarde.startswith(FORMULE_TEKENS):
        return "'" + waarde
    return waarde


def schrijf_csv(df: pd.DataFrame, pad: str | Path) -> Path:
    """Write ``df`` atomically; deterministic (no index, fixed float format)."""
    uit = df.copy()
    for k in uit.columns:
        if uit[k].dtype == bool:
            uit[k] = uit[k].map({True: "ja", False: "nee"})
        elif uit[k].dtype == object or pd.api.types.is_string_dtype(uit[k]):
            uit[k] = uit[k].map(onschadelijk)
    pad = Path(pad)
    with atomair_pad(pad) as tmp:
        uit.to_csv(tmp, sep=";", decimal=",", index=False, encoding="utf-8-sig", float_format="%.6g",
                   date_format="%Y-%m-%d", lineterminator="\n")
    return pad
