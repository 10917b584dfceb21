"""CBS area codes written canonical: ``GM1916``, ``WK191601``, ``BU19160101``."""

from __future__ import annotations

import re

import numpy as np

_PREFIX_LEN = {"GM": 4, "WK": 6, "BU": 8}
_RE = re.compile(r"^\s*(GM|WK|BU)?\s*0*(\d+)\s*$", re.I)


def canoniek(code: object, soort: str) -> str | None:
    """Canonical CBS code of kind ``soort`` (GM, WK or BU), or None when it cannot be one.

    Accepts codes without prefix and with leading zeros dropped (``1916`` -> ``GM1916``,
    ``WK48401`` -> ``WK048401``), and the jrstatcode form (``2024WK191601``).
    """
    if code is None or (isinstance(code, float) and np.isnan(code)):
        return None
    s = str(code).strip().upper()
    if s.endswith(".0"):
        s = s[:-2]
    m = re.match(r"^\d{4}(GM|WK|BU)(\d+)$", s)
    if m:
        s = m.group(1) + m.group(2)
    m = _RE.match(s)
    if not m:
        return None
    prefix = (m.group(1) or soort).upper()
    if prefix != soort:
        return None
    cijfers = m.group(2)
    if not cijfers.isascii():  # digits of another script (Arabic-Indic, full-width)
        cijfers = str(int(cijfers))
    n = _PREFIX_LEN[soort]
    if len(cijfers) > n:
        return None
    return soort + cijfers.zfill(n)


def gemeente_van(code: str | None) -> str | None:
    """Gemeente code of a wijk or buurt code."""
    if not code:
        return None
    return "GM" + code[2:6]


def wijk_van_buurt(code: str | None) -> str | None:
    if not code:
        return None
    return "WK" + code[2:8]
