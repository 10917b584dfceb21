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
"""

from __future__ import annotations

import csv
from pathlib import Path

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


def schrijf_csv(df: pd.DataFrame, pad: str | Path) -> Path:
    """Write ``df`` atomically; deterministic (no index, fixed float format)."""
    uit = df.copy()
    for k in uit.columns:
        if uit[k].dtype == bool:
            uit[k] = uit[k].map({True: "ja", False: "nee"})
        elif uit[k].dtype == object or pd.api.types.is_string_dtype(uit[k]):
            uit[k] = uit[k].map(onschadelijk)
    uit.columns = [onschadelijk(str(k)) for k in uit.columns]
    pad = Path(pad)
    with atomair_pad(pad) as tmp:
        uit.to_csv(tmp, sep=";", decimal=",", index=False, encoding="utf-8-sig", float_format="%.6g",
                   date_format="%Y-%m-%d", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL, quotechar='"',
                   doublequote=True)
    return pad
