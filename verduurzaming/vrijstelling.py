"""Which works a monument may take (``defaults/monument_pakketten.csv``).

NPA 2022 exempts monuments from the E/F/G rule, but a monument can still be insulated from
the inside and counts for a corporation's mean-label and CO2 targets. The table says per
package whether a monument may take it; a package not in the table is not allowed (unknown
works on a monument need a permit the plan cannot assume).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .defaults import lees

__all__ = ["MONUMENT_PAKKETTEN", "monument_toegestaan"]

_T = lees("monument_pakketten.csv")
#: package -> may a monument take it
MONUMENT_PAKKETTEN: dict[str, bool] = {str(p): str(t).strip().lower() in ("true", "1", "ja")
                                       for p, t in zip(_T["pakket"], _T["toegestaan"], strict=False)}


def monument_toegestaan(pakketten: Iterable[str]) -> np.ndarray:
    """Bool per package id: may a monument take it (unknown packages: no)."""
    return np.array([MONUMENT_PAKKETTEN.get(str(p), False) for p in pakketten], dtype=bool)
