"""The Planning sheet: the ledger of works as handed out, one row per work, under the hidden machine-name row
that ``verduurzaming voortgang`` reads back (``PLANNING_KOLOMMEN``, documented in ``docs/werkboek.md``); and
``Planning per complex``, every work of a complex in one row (its cost the sum of its works)."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
from openpyxl.utils import get_column_letter

from ... import planningblad as PB
from ...planning.werken import SOORT_NL
from ..werkmap import Kolom
from ..werkmap import tabelblad as _tabelblad
from .hulpmiddelen import _eerste, _kolom, _wijkinfo

#: Planning sheet: Dutch header, kind, width; the machine names (hidden row 1) are the stable
#: read-back contract (``verduurzaming.planningblad``, ``PLANNING_MACHINENAMEN``).
PLANNING_KOLOMMEN: list[Kolom] = [Kolom(kop, soort, breedte, PB.MAXIMAAL.get(m), m in PB.TERUGLOOP)
                                  for m, kop, soort, breedte in PB.KOLOMMEN]
PLANNING_MACHINENAMEN: list[str] = list(PB.MACHINENAMEN)
COMPLEX_KOLOMMEN: list[Kolom] = [Kolom(kop, soort, breedte, PB.MAXIMAAL.get(m), m in PB.TERUGLOOP)
                                 for m, kop, soort, breedte in PB.COMPLEX_KOLOMMEN]
#: the source column behind a machine name where it differs (None: left empty for the user)
_BRON = {"ep2_kwh_m2": "ep2_gem_kwh_m2", "werk": "omschrijving", "gerealiseerd_jaar": None,
         "gerealiseerd_pakket": None, "nieuw_label": None}
_TVW = {"tvw_strategie": "strategie", "wijk_naam": "wijk_naam", "wup_start": "wup_start",
        "uitvoering_start": "uitvoering_start", "uitvoering_eind": "uitvoering_eind",
        "aardgasvrij_jaar": "aardgasvrij_jaar"}
#: complex columns shown beside each work (the ledger holds the work, the complex table the rest)
_VAN_COMPLEX = ("slechtste_label", "slechtste_label_na", "onderhoud_jaar", "woningtype", "bouwjaar",
                "vrijstelling_reden", "schendingen")


def _rijen(df: pd.DataFrame, wijken: pd.DataFrame, machinenamen: list[str], bron: dict) -> Iterator[tuple]:
    n = len(df)
    wcode = df["wijk_code"] if "wijk_code" in df else pd.Series([None] * n, index=df.index)
    iters = []
    for m in machinenamen:
        if m in _TVW:
            iters.append(iter(wcode.map(wijken[_TVW[m]])) if _TVW[m] in wijken else _kolom(df, None, n))
        elif m in ("co2_ton_voor", "co2_ton_na", "co2_ton_minder"):
            kol = {"co2_ton_voor": "co2_kg_voor", "co2_ton_na": "co2_kg_na", "co2_ton_minder": "co2_kg_minder"}[m]
            iters.append(iter(pd.to_numeric(df[kol], errors="coerce") / 1000) if kol in df else _kolom(df, None, n))
        elif m == "redenen":
            iters.append(map(PB.redenen_tekst, _kolom(df, "redenen", n)))
        elif m == "soort" and "soort" in df:
            iters.append(iter(df["soort"].map(SOORT_NL)))
        else:
            iters.append(_kolom(df, bron.get(m, m), n))
    return zip(*iters, strict=False)


def werken_met_complex(plan) -> pd.DataFrame:
    """The ledger with the complex columns the Planning sheet shows beside each work (a join, no figure)."""
    w = plan.werken
    cx = pd.DataFrame(plan.complexen.drop(columns="geometry", errors="ignore"))
    kol = [k for k in _VAN_COMPLEX if k in cx]
    if not len(w) or not kol:
        return w
    extra = cx[["corporatie", "complex_id", *kol]].astype({"complex_id": str})
    return w.astype({"complex_id": str}).merge(extra, on=["corporatie", "complex_id"], how="left")


def _planning(wb, plan, portefeuille):
    w = werken_met_complex(plan)
    wijken = _wijkinfo(portefeuille)
    voorbeeld = list(_eerste(_rijen(w.iloc[:500], wijken, PLANNING_MACHINENAMEN, _BRON), 500))
    werk = PLANNING_MACHINENAMEN.index("werk")
    ws, n = _tabelblad(wb, "Planning", "Planning", PLANNING_KOLOMMEN, _rijen(w, wijken, PLANNING_MACHINENAMEN, _BRON),
                       voorbeeld, freeze=f"{get_column_letter(werk + 1)}3",
                       kop_kleur={len(PLANNING_KOLOMMEN) - j: "FFE699" for j in (1, 2, 3)},
                       machinekop=PLANNING_MACHINENAMEN)
    # printed: the reading block (complex .. reason) one page wide, header row on every page;
    # the detail columns right of it are for the screen
    laatste = PLANNING_MACHINENAMEN.index(PB.LAATSTE_GEPRINTE) + 1
    ws.print_area = f"A2:{get_column_letter(laatste)}{n + 2}"
    ws.page_setup.fitToWidth = 1
    ws.page_margins.left = ws.page_margins.right = 0.3
    return ws, n


def _planning_per_complex(wb, plan, portefeuille):
    cx = plan.complexen
    wijken = _wijkinfo(portefeuille)
    namen = PB.COMPLEX_MACHINENAMEN
    bron = {"ep2_kwh_m2": "ep2_gem_kwh_m2"}
    voorbeeld = list(_eerste(_rijen(cx.iloc[:500], wijken, namen, bron), 500))
    label_na = namen.index("slechtste_label_na")
    ws, n = _tabelblad(wb, "Planning per complex", "PlanningPerComplex", COMPLEX_KOLOMMEN,
                       _rijen(cx, wijken, namen, bron), voorbeeld, freeze=f"{get_column_letter(label_na + 2)}2")
    laatste = namen.index("redenen") + 1
    ws.print_area = f"A1:{get_column_letter(laatste)}{n + 1}"
    ws.page_setup.fitToWidth = 1
    ws.page_margins.left = ws.page_margins.right = 0.3
    return ws, n
