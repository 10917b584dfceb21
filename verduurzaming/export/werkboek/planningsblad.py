"""The Planning sheet: one row per complex, under the hidden machine-name row that
``verduurzaming voortgang`` reads back (``PLANNING_KOLOMMEN``, documented in ``docs/werkboek.md``)."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
from openpyxl.utils import get_column_letter

from ... import planningblad as PB
from ..werkmap import Kolom
from ..werkmap import tabelblad as _tabelblad
from .hulpmiddelen import _eerste, _kolom, _wijkinfo

#: Planning sheet: Dutch header, kind, width; the machine names (hidden row 1) are the stable
#: read-back contract (``verduurzaming.planningblad``, ``PLANNING_MACHINENAMEN``).
PLANNING_KOLOMMEN: list[Kolom] = [Kolom(kop, soort, breedte, PB.MAXIMAAL.get(m), m in PB.TERUGLOOP)
                                  for m, kop, soort, breedte in PB.KOLOMMEN]
PLANNING_MACHINENAMEN: list[str] = list(PB.MACHINENAMEN)
#: plan.complexen column behind each machine name (None: from the wijken table, derived, or left empty for the user)
_PLANNING_BRON = {"ep2_kwh_m2": "ep2_gem_kwh_m2", "tvw_strategie": None, "wijk_naam": None, "wup_start": None,
                  "uitvoering_start": None, "uitvoering_eind": None, "aardgasvrij_jaar": None,
                  "gerealiseerd_jaar": None, "gerealiseerd_pakket": None, "nieuw_label": None}
_TVW = {"tvw_strategie": "strategie", "wijk_naam": "wijk_naam", "wup_start": "wup_start",
        "uitvoering_start": "uitvoering_start", "uitvoering_eind": "uitvoering_eind",
        "aardgasvrij_jaar": "aardgasvrij_jaar"}


def _planning_rijen(cx: pd.DataFrame, wijken: pd.DataFrame) -> Iterator[tuple]:
    n = len(cx)
    wcode = cx["wijk_code"] if "wijk_code" in cx else pd.Series([None] * n, index=cx.index)
    iters = []
    for m in PLANNING_MACHINENAMEN:
        if m in _TVW:
            bron = _TVW[m]
            if bron in wijken:
                iters.append(iter(wcode.map(wijken[bron])))
            else:
                iters.append(_kolom(cx, None, n))
        elif m == "kosten_per_woning_eur":
            if "kosten_eur" in cx and "woningen" in cx:
                k = pd.to_numeric(cx["kosten_eur"], errors="coerce")
                w = pd.to_numeric(cx["woningen"], errors="coerce")
                iters.append(iter((k / w.where(w > 0)).round(0)))
            else:
                iters.append(_kolom(cx, None, n))
        elif m in ("co2_ton_voor", "co2_ton_na"):
            bron = "co2_kg_voor" if m == "co2_ton_voor" else "co2_kg_na"
            iters.append(iter(pd.to_numeric(cx[bron], errors="coerce") / 1000) if bron in cx else _kolom(cx, None, n))
        elif m == "redenen":
            iters.append(map(PB.redenen_tekst, _kolom(cx, "redenen", n)))
        else:
            iters.append(_kolom(cx, _PLANNING_BRON.get(m, m), n))
    return zip(*iters, strict=False)


def _planning(wb, plan, portefeuille):
    cx = plan.complexen
    wijken = _wijkinfo(portefeuille)
    voorbeeld = list(_eerste(_planning_rijen(cx.iloc[:500], wijken), 500))
    label_na = PLANNING_MACHINENAMEN.index("slechtste_label_na")
    ws, n = _tabelblad(wb, "Planning", "Planning", PLANNING_KOLOMMEN, _planning_rijen(cx, wijken), voorbeeld,
                       freeze=f"{get_column_letter(label_na + 2)}3",
                       kop_kleur={len(PLANNING_KOLOMMEN) - j: "FFE699" for j in (1, 2, 3)},
                       machinekop=PLANNING_MACHINENAMEN)
    # printed: the reading block (complex .. reason) one page wide, header row on every page;
    # the detail columns right of it are for the screen
    laatste = PLANNING_MACHINENAMEN.index(PB.LAATSTE_GEPRINTE) + 1
    ws.print_area = f"A2:{get_column_letter(laatste)}{n + 2}"
    ws.page_setup.fitToWidth = 1
    ws.page_margins.left = ws.page_margins.right = 0.3
    return ws, n
