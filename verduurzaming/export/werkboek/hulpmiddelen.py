"""Helpers the sheet modules share: the missing-value text, the sheet list, column iterators, the
wijk look-up and number formatting for sentences."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd

from ...tekst import getal
from ..werkmap import leeg as _leeg

NIET_BESCHIKBAAR = "niet beschikbaar"
BLADEN = ["Samenvatting", "NPA-monitor", "Planning", "Planning per complex", "Wijken", "Gemeente", "Wijk per jaar", "Wijkpagina's", "Zon", "CO2",
          "Baseline", "Bevindingen"]


def _kolom(df: pd.DataFrame, naam: str | None, n: int) -> Iterable[Any]:
    """A column as an iterator (no copy of the frame); absent columns give None."""
    if naam is not None and naam in df.columns:
        return iter(df[naam])
    return iter([None] * n) if n < 1_000 else (None for _ in range(n))


def _wijkinfo(portefeuille) -> pd.DataFrame:
    w = portefeuille.wijken
    if w is None or len(w) == 0 or "wijk_code" not in w:
        return pd.DataFrame(columns=["wijk_code", "wijk_naam", "gemeente_naam", "strategie", "wup_start",
                                     "wup_gereed", "uitvoering_start", "uitvoering_eind", "aardgasvrij_jaar"])
    kol = [k for k in ["wijk_code", "wijk_naam", "gemeente_code", "gemeente_naam", "strategie", "wup_start",
                       "wup_gereed", "uitvoering_start", "uitvoering_eind", "aardgasvrij_jaar"] if k in w]
    return pd.DataFrame(w[kol]).drop_duplicates("wijk_code").set_index("wijk_code", drop=False)


def _eerste(it: Iterable, n: int) -> Iterator:
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x


def _getal_tekst(v: Any) -> str:
    """22.0 -> '22', 0.5 -> '0.5'; text as it is."""
    return f"{v:g}" if isinstance(v, float) else str(v)


def _fmt_aantal(v: float) -> str:
    return getal(v)  # "onbeperkt" for no limit


def prijspeil(plan) -> str | None:
    """The price level of the plan's costs, when the plan carries one (``plan.bronversies['prijspeil']``)."""
    v = plan.bronversies.get("prijspeil")
    return None if _leeg(v) or v == "" else _getal_tekst(v)
