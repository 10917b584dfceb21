"""CSV output as Dutch Excel opens it: ``;`` separated, decimal comma, UTF-8 with BOM.

Text is data, never a formula or a row break:

- a text cell that starts with ``=``, ``+``, ``-`` or ``@`` (also after leading spaces, tabs or
  line breaks) or with a tab or carriage return gets a leading apostrophe, so a spreadsheet
  never runs it as a formula (CSV injection);
- any cell with the separator, a quote, a carriage return or a line feed is quoted (records end
  in CRLF as RFC 4180 has it; Python's csv module only quotes characters of the record
  terminator, so with a bare LF terminator a CR in a value would start a new row in Excel);
- control characters (NUL, ESC, ...) are removed, as in the workbook
  (:func:`verduurzaming.tekst.zonder_stuurtekens`).

Numbers are exact and never in e-notation (``1,43772e+08`` once lost EUR 300): a column whose
values are all whole numbers (euros, dwellings, years) is written as integers; any other number
column gets one fixed number of decimals, the fewest (at most 6) that hold every value exactly
(money: at most 2, whole cents).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from ..tekst import zonder_stuurtekens
from .atomair import atomair_pad

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")
_WIT = " \t\r\n\u00a0\u3000"


def onschadelijk(waarde: object) -> object:
    """Text without control characters; one that a spreadsheet would read as a formula gets a ``'``."""
    if not isinstance(waarde, str):
        return waarde
    waarde = zonder_stuurtekens(waarde)
    if waarde.startswith(FORMULE_TEKENS) or waarde.lstrip(_WIT).startswith(FORMULE_TEKENS):
        return "'" + waarde
    return waarde


MAX_DECIMALEN = 6


def _is_geld(naam: str) -> bool:
    return "eur" in str(naam).split("_")


def decimalen(waarden: np.ndarray, geld: bool = False) -> int:
    """The fewest decimals (0 .. 6; money 0 .. 2) that hold every finite value of a column."""
    v = waarden[np.isfinite(waarden)]
    hoogste = 2 if geld else MAX_DECIMALEN
    for d in range(hoogste + 1):
        if not len(v) or np.all(np.abs(np.round(v, d) - v) <= 1e-9 * np.maximum(1.0, np.abs(v))):
            return d
    return hoogste


def getal_tekst(reeks: pd.Series, naam: str = "") -> pd.Series:
    """A float column as Dutch text with fixed decimals and a decimal comma; empty for NaN."""
    v = reeks.to_numpy(dtype=float, na_value=np.nan)
    d = decimalen(v, _is_geld(naam))
    uit = np.full(len(v), "", dtype=object)
    ok = np.isfinite(v)
    if ok.any():
        tekst = np.char.mod(f"%.{d}f", np.round(v[ok], d) + 0.0)  # + 0.0: no '-0'
        uit[ok] = np.char.replace(tekst, ".", ",") if d else tekst
    uit[np.isinf(v)] = np.where(v[np.isinf(v)] > 0, "onbeperkt", "min onbeperkt")
    return pd.Series(uit, index=reeks.index, dtype=object)


def schrijf_csv(df: pd.DataFrame, pad: str | Path) -> Path:
    """Write ``df`` atomically; deterministic (no index, exact numbers in fixed decimals)."""
    uit = df.copy()
    for k in uit.columns:
        if uit[k].dtype == bool:
            uit[k] = uit[k].map({True: "ja", False: "nee"})
        elif pd.api.types.is_float_dtype(uit[k]):
            uit[k] = getal_tekst(uit[k], str(k))
        elif uit[k].dtype == object or pd.api.types.is_string_dtype(uit[k]):
            uit[k] = uit[k].map(onschadelijk)
    uit.columns = [onschadelijk(str(k)) for k in uit.columns]
    pad = Path(pad)
    with atomair_pad(pad) as tmp:
        uit.to_csv(tmp, sep=";", decimal=",", index=False, encoding="utf-8-sig",
                   date_format="%Y-%m-%d", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL, quotechar='"',
                   doublequote=True)
    return pad
