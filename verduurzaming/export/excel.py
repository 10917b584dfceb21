"""The workbook: planning, NPA monitor, wijken, PV, CO2, baseline and findings as one XLSX file.

A pure writer: it reads a :class:`~verduurzaming.planning.Plan` (and the portfolio's wijken and
findings for display) and reshapes or sums what those tables hold; it never recomputes the plan.
Whatever the Plan does not hold is written as ``niet beschikbaar``.

The whole workbook is written in openpyxl's write-only mode: rows stream to disk as they are
made, so a plan of 100,000 complexes needs no second copy in memory. Every text cell is written
as an inline string (``t="inlineStr"``), never as a formula: a complex name ``=HYPERLINK(...)``,
``+31...``, ``-5`` or ``@SUM(...)`` stays text, and gets Excel's quote prefix so that editing the
cell does not turn it into a formula either. The file is written atomically.

The header of the Planning sheet is a stable contract (``PLANNING_KOLOMMEN``), documented in
``docs/werkboek.md``; ``verduurzaming voortgang`` reads it back.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import math
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .. import labels as L
from .. import planningblad as PB
from ..tekst import solver_uitkomst

# the sheet toolkit under the private names this file used before it moved to werkmap.py
from .werkmap import KOP_KLEUR as _KOP_KLEUR
from .werkmap import LABEL_FILL as _LABEL_FILL
from .werkmap import LETTERTYPE as _FONT
from .werkmap import Kolom, nieuwe_werkmap, veilige_tekst
from .werkmap import Rijschrijver as _Rijschrijver
from .werkmap import kolombreedtes as _breedtes
from .werkmap import kop_hoogte as _kop_hoogte
from .werkmap import kopcel as _kopcel
from .werkmap import leeg as _leeg
from .werkmap import pagina as _pagina
from .werkmap import rij_hoogte as _rij_hoogte
from .werkmap import tabelblad as _tabelblad
from .werkmap import voor_rijen as _voor_rijen
from .werkmap import zet_tekst as _zet_tekst

__all__ = ["BLADEN", "NIET_BESCHIKBAAR", "PLANNING_KOLOMMEN", "PLANNING_MACHINENAMEN", "schrijf_werkmap", "veilige_tekst"]

NIET_BESCHIKBAAR = "niet beschikbaar"
BLADEN = ["Samenvatting", "NPA-monitor", "Planning", "Wijken", "Gemeente", "Wijk per jaar", "Wijkpagina's", "Zon", "CO2",
          "Baseline", "Bevindingen"]

_SECTIE_KLEUR = "DDEBF7"


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


# ------------------------------------------------------------------ sheets

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


def _eerste(it: Iterable, n: int) -> Iterator:
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x


_NPA = [
    ("woningen", "Woningen (totaal)", "int"),
    *[(f"n_{lab}", f"Label {lab} (begin jaar)", "int") for lab in L.LABELS],
    ("n_efg", "E/F/G resterend (begin jaar)", "int"),
    ("npa_pad", "NPA-pad E/F/G (lineair naar 0 na de deadline; vrijgesteld blijft)", "int"),
    ("efg_verwijderd", "E/F/G verwijderd (in jaar)", "int"),
    ("efg_vrijgesteld", "waarvan vrijgesteld (monument, sloop)", "int"),
    ("renovaties_complexen", "Renovaties gepland (complexen)", "int"),
    ("renovaties_woningen", "Renovaties gepland (woningen)", "int"),
    ("kosten_eur", "Investering (EUR, incl. PV)", "eur"),
    ("pv_woningen", "Woningen met PV (eind jaar, al aanwezig + gepland)", "int"),
    ("pv_kwp", "PV-vermogen geplaatst (kWp, cumulatief)", "dec1"),
    ("ep2_gem_kwh_m2", "Gemiddelde EP2 (kWh/m², eind jaar)", "ep2"),
    ("gemiddeld_label", "Gemiddeld label (eind jaar)", "label"),
    ("co2_kg", "CO2 (ton, eind jaar)", "dec1"),
    ("capaciteit_woningen", "Capaciteit (woningen per jaar)", "int"),
    ("budget_eur", "Budget (EUR per jaar)", "eur"),
]
_NIET_OPTELBAAR = {"ep2_gem_kwh_m2", "gemiddeld_label"}
ALLE_CORPORATIES = "Alle corporaties"


def _npa_pad(sub: pd.DataFrame, jaren: list[int], deadline: int) -> list[float | None]:
    """The NPA path as a reference line: E/F/G at the start, straight down to the exempt dwellings
    (0 when none) at the start of the year after the deadline, flat after it."""
    if not jaren or "n_efg" not in sub or not len(sub):
        return [None] * len(jaren)
    eerste = sub[sub["jaar"] == jaren[0]]
    start = float(eerste["n_efg"].astype(float).sum())
    vrij = float(eerste["efg_vrijgesteld"].astype(float).sum()) if "efg_vrijgesteld" in eerste else 0.0
    eind = deadline + 1
    uit: list[float | None] = []
    for j in jaren:
        f = 0.0 if j >= eind else (eind - j) / max(eind - jaren[0], 1)
        uit.append(round(vrij + (start - vrij) * f))
    return uit


def _npa(wb, plan, jaren: list[int], deadline: int):
    pj = plan.per_jaar
    kolommen = [Kolom("Corporatie", "tekst", 24), Kolom("Sleutel", "tekst", 16), Kolom("Indicator", "tekst", 38)] + \
        [Kolom(str(j), "int", 11) for j in jaren]
    rijen: list[list] = []
    soorten: list[list[str]] = []
    label_rijen: dict[str, Any] = {}
    corps = list(dict.fromkeys(pj["corporatie"])) if len(pj) else []
    blokken = [(c, pj[pj["corporatie"] == c]) for c in corps]
    if len(corps) != 1:
        blokken.append((ALLE_CORPORATIES, None))
    efg_per_corp: dict[str, int] = {}
    for corp, sub in blokken:
        for key, tekst, soort in _NPA:
            if key == "npa_pad":
                rijen.append([corp, key, tekst, *_npa_pad(pj if sub is None else sub, jaren, deadline)])
                soorten.append(["tekst", "tekst", "tekst", *[soort] * len(jaren)])
                if corp == (ALLE_CORPORATIES if len(corps) != 1 else corps[0]):
                    label_rijen[key] = len(rijen) + 1
                continue
            waarden = []
            for j in jaren:
                v: Any
                if sub is None:
                    d = pj[pj["jaar"] == j]
                    if key in _NIET_OPTELBAAR:
                        v = NIET_BESCHIKBAAR
                    elif key not in d or not len(d):
                        v = None
                    else:
                        v = d[key].astype(float).sum()
                else:
                    d = sub[sub["jaar"] == j]
                    v = d[key].iloc[0] if key in d and len(d) else None
                if key == "co2_kg" and not _leeg(v) and not isinstance(v, str):
                    v = float(v) / 1000.0
                waarden.append(v)
            rijen.append([corp, key, tekst, *waarden])
            soorten.append(["tekst", "tekst", "tekst", *[soort] * len(jaren)])
            if key == "n_efg" and sub is not None:
                efg_per_corp[corp] = len(rijen) + 1
            if corp == (ALLE_CORPORATIES if len(corps) != 1 else corps[0]):
                label_rijen[key] = len(rijen) + 1
    ws, _n = _tabelblad(wb, "NPA-monitor", "NPAmonitor", kolommen, rijen, rijen[:200],
                       freeze="D2", soorten_per_rij=_soorten_label(rijen, soorten))
    label_rijen["efg_per_corporatie"] = efg_per_corp
    return ws, label_rijen


def _soorten_label(rijen, soorten):
    """The indicator cell of a label row gets that label's colour."""
    for rij, s in zip(rijen, soorten, strict=False):
        key = rij[1]
        if key.startswith("n_") and key[2:] in _LABEL_FILL:
            s = list(s)
            s[2] = "labeltekst:" + key[2:]
        yield s


def _wijken(wb, plan, portefeuille, jaren):
    info = _wijkinfo(portefeuille)
    cx = plan.complexen
    wj = plan.wijk_jaar
    codes = list(info.index)
    if len(wj):
        codes += [c for c in dict.fromkeys(wj["wijk_code"]) if c not in set(codes)]
    g = cx.groupby("wijk_code") if "wijk_code" in cx else None
    agg = g.agg(complexen=("complex_id", "size"), woningen=("woningen", "sum"),
                co2=("co2_kg_voor", "sum")) if g is not None else pd.DataFrame()
    eerste = wj[wj["jaar"] == jaren[0]].set_index("wijk_code") if len(wj) and jaren else pd.DataFrame()
    laatste = wj[wj["jaar"] == jaren[-1]].set_index("wijk_code") if len(wj) and jaren else pd.DataFrame()
    tot = wj.groupby("wijk_code")[["binnen_wup_woningen", "buiten_wup_woningen"]].sum() if len(wj) else pd.DataFrame()
    ren = wj.pivot_table(index="wijk_code", columns="jaar", values="renovaties_woningen", aggfunc="sum") \
        if len(wj) else pd.DataFrame()
    kolommen = [Kolom("Wijkcode", "tekst", 11), Kolom("Wijk", "tekst"), Kolom("Gemeente", "tekst"),
                Kolom("TVW-strategie", "tekst", 13), Kolom("WUP start", "jaar", 8), Kolom("WUP gereed", "jaar", 8),
                Kolom("Uitvoering start", "jaar", 9), Kolom("Uitvoering eind", "jaar", 9),
                Kolom("Aardgasvrij", "jaar", 9), Kolom("Complexen", "int", 9),
                Kolom("Corporatie-woningen", "int", 11), Kolom(f"E/F/G begin {jaren[0]}" if jaren else "E/F/G", "int", 9),
                Kolom("Renovaties binnen WUP (woningen)", "int", 11), Kolom("Renovaties buiten WUP (woningen)", "int", 11),
                Kolom("CO2 nu (ton)", "dec1", 10), Kolom(f"CO2 eind {jaren[-1]} (ton)" if jaren else "CO2 eind", "dec1", 10)] + \
        [Kolom(f"Renovaties {j}", "int", 10) for j in jaren]

    def get(df, idx, col):
        try:
            return df.at[idx, col]
        except (KeyError, ValueError):
            return None

    rijen = []
    for code in codes:
        co2_nu, co2_eind = get(agg, code, "co2"), get(laatste, code, "co2_kg")
        rijen.append([code, get(info, code, "wijk_naam"), get(info, code, "gemeente_naam"),
                      get(info, code, "strategie"), get(info, code, "wup_start"), get(info, code, "wup_gereed"),
                      get(info, code, "uitvoering_start"), get(info, code, "uitvoering_eind"),
                      get(info, code, "aardgasvrij_jaar"), get(agg, code, "complexen"), get(agg, code, "woningen"),
                      get(eerste, code, "n_efg"), get(tot, code, "binnen_wup_woningen"),
                      get(tot, code, "buiten_wup_woningen"),
                      None if _leeg(co2_nu) else float(co2_nu) / 1000, None if _leeg(co2_eind) else float(co2_eind) / 1000,
                      *[get(ren, code, j) for j in jaren]])
    ws, n = _tabelblad(wb, "Wijken", "Wijken", kolommen, rijen, rijen[:500], freeze="C2")
    _twee_paginas_breed(ws)
    return ws, n


_GEMEENTE = [("wijk_code", Kolom("Wijkcode", "tekst", 11)), ("wijk_naam", Kolom("Wijk", "tekst")),
             ("strategie", Kolom("TVW-strategie", "tekst", 13)), ("uitvoering_start", Kolom("Uitvoering start", "jaar", 9)),
             ("uitvoering_eind", Kolom("Uitvoering eind", "jaar", 9)), ("aardgasvrij_jaar", Kolom("Aardgasvrij", "jaar", 9)),
             ("corporaties", Kolom("Corporaties (woningen)", "tekst", 24, 30, True)), ("complexen", Kolom("Complexen", "int", 9)),
             ("corporatiewoningen", Kolom("Corporatie-woningen", "int", 11)),
             ("woningvoorraad", Kolom("Woningvoorraad (CBS)", "int", 11)),
             ("aandeel_corporatie_pct", Kolom("Aandeel corporatie", "pct", 10)),
             ("efg_start", Kolom("E/F/G bij start", "int", 9)), ("renovatie_woningen", Kolom("Renovaties (woningen)", "int", 11)),
             ("binnen_wup_woningen", Kolom("Binnen WUP (woningen)", "int", 11)),
             ("buiten_wup_woningen", Kolom("Buiten WUP (woningen)", "int", 11)),
             ("eerste_jaar", Kolom("Eerste werkjaar", "jaar", 9)), ("laatste_jaar", Kolom("Laatste werkjaar", "jaar", 9)),
             ("startpunt_warmtenet", Kolom("Startpunt warmtenet", "tekst", 11)), ("toelichting", Kolom("Toelichting", "tekst", 36, 40, True))]


def _gemeente(wb, plan):
    """Per wijk all corporations' works against the WUP, and the warmtenet starting points (plan.gemeente)."""
    g = plan.gemeente
    n = len(g)
    kolommen = [k for _, k in _GEMEENTE]
    rijen = list(zip(*[_kolom(g, naam, n) for naam, _ in _GEMEENTE], strict=False)) if n else []
    ws, n_rijen = _tabelblad(wb, "Gemeente", "Gemeente", kolommen, rijen, rijen[:500], freeze="C2")
    _twee_paginas_breed(ws)
    return ws, n_rijen


def _twee_paginas_breed(ws) -> None:
    """A wide per-wijk sheet prints two pages wide at a readable size, wijk code and name on both."""
    ws.page_setup.fitToWidth = 2
    ws.print_title_cols = "A:B"


def _efg_eind_jaar(cx: pd.DataFrame, jaren: list[int]) -> dict[int, pd.Series]:
    """E/F/G dwellings per complex at the end of each year: before its works ``n_efg``, from its
    renovation year on ``n_efg_na`` (a look-up in the plan's own columns, no re-plan)."""
    voor = pd.to_numeric(cx.get("n_efg"), errors="coerce").fillna(0)
    na = pd.to_numeric(cx.get("n_efg_na", voor), errors="coerce").fillna(voor)
    jaar = pd.to_numeric(cx.get("jaar"), errors="coerce").astype(float)
    return {j: na.where((jaar <= j).fillna(False).astype(bool), voor) for j in jaren}


_WIJK_JAAR = [Kolom("Wijkcode", "tekst", 11), Kolom("Wijk", "tekst", 14, 20), Kolom("Jaar", "jaar", 6),
              Kolom("Corporatie", "tekst", 14, 24), Kolom("Complexen gerenoveerd", "int", 10),
              Kolom("Woningen gerenoveerd", "int", 10), Kolom("Woningen E/F/G eind jaar", "int", 10),
              Kolom("Kosten (€)", "eur", 13), Kolom("Binnen WUP-uitvoering (woningen)", "int", 11),
              Kolom("Aardgasvrij-klaar (woningen)", "int", 11)]


def _wijk_per_jaar(wb, plan, portefeuille, jaren):
    """Wijk x year x corporation: what a WUP takes over as it is (renovated, E/F/G left, cost)."""
    cx = plan.complexen
    info = _wijkinfo(portefeuille)
    rijen = []
    if len(cx) and jaren and "wijk_code" in cx:
        efg = _efg_eind_jaar(cx, jaren)
        wcode = cx["wijk_code"].fillna("(geen wijk)").astype(str)
        corp = cx["corporatie"].astype(str)
        jaar = pd.to_numeric(cx.get("jaar"), errors="coerce").astype(float)
        kosten = pd.to_numeric(cx.get("kosten_eur"), errors="coerce").astype(float).fillna(0)
        woningen = pd.to_numeric(cx.get("woningen"), errors="coerce").fillna(0)
        binnen = cx["binnen_wup"].map(lambda v: not _leeg(v) and (v is True or v == "ja" or v == 1)).astype(bool) \
            if "binnen_wup" in cx else \
            pd.Series(False, index=cx.index)
        agv = cx["redenen"].fillna("").astype(str).str.contains("aardgasvrij-ready", regex=False) \
            if "redenen" in cx else pd.Series(False, index=cx.index)
        sleutel = [wcode.rename("w"), corp.rename("c")]
        efg_wc = pd.DataFrame({j: efg[j].groupby(sleutel).sum() for j in jaren})
        d = pd.DataFrame({"w": wcode, "c": corp, "j": jaar, "n": 1, "won": woningen, "kosten": kosten,
                          "binnen": woningen.where(binnen.to_numpy(), 0.0), "agv": woningen.where(agv.to_numpy(), 0.0)})
        ren = d[d["j"].notna()].groupby(["w", "c", "j"])[["n", "won", "kosten", "binnen", "agv"]].sum()
        ren_d = {(w, c, float(j)): vals for (w, c, j), vals in zip(ren.index, ren.itertuples(index=False, name=None), strict=False)}
        efg_d = efg_wc.to_dict("index")
        namen = info["wijk_naam"].to_dict() if "wijk_naam" in info else {}
        leeg = (0, 0.0, 0.0, 0.0, 0.0)
        for (w, c) in sorted(efg_d):
            naam = namen.get(w)
            for j in jaren:
                n, won, kos, bin_, agv_ = ren_d.get((w, c, float(j)), leeg)
                rijen.append([w, naam, j, c, int(n), float(won), float(efg_d[(w, c)][j]), float(kos), float(bin_),
                              float(agv_)])
    return _tabelblad(wb, "Wijk per jaar", "WijkPerJaar", _WIJK_JAAR, rijen, rijen[:300], freeze="E2")


_WIJKPAGINA = [Kolom("Corporatie", "tekst", 16, 16, True), Kolom("Complex", "tekst", 9, 9),
               Kolom("Complexnaam", "tekst", 22, 22, True), Kolom("Woningen", "int", 9, 9),
               Kolom("Label nu", "label", 7, 7), Kolom("Label na", "label", 7, 7),
               Kolom("Woningen E/F/G nu", "int", 9, 9), Kolom("Jaar", "jaar", 6, 6),
               Kolom("Pakket", "tekst", 28, 28, True), Kolom("Kosten (€)", "eur", 13, 13),
               Kolom("Kosten per woning (€)", "eur", 10, 10), Kolom("Binnen WUP-uitvoering", "janee", 10, 10)]


def _wijkpaginas(wb, plan, portefeuille):
    """One printed page per wijk: its TVW years, the corporations' complexes there and the totals."""
    from openpyxl.worksheet.pagebreak import Break
    ws = wb.create_sheet("Wijkpagina's")
    breedtes = _breedtes(_WIJKPAGINA, [])
    for i, w in enumerate(breedtes, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.sheet_view.showGridLines = False
    _voor_rijen(ws)
    rs = _Rijschrijver(ws, _WIJKPAGINA)
    cx = plan.complexen
    info = _wijkinfo(portefeuille)
    codes = list(info.index)
    if "wijk_code" in cx:
        codes += [c for c in dict.fromkeys(cx["wijk_code"].dropna().astype(str)) if c not in set(codes)]
    rij_nr = 0
    titel_font = Font(name=_FONT, bold=True, size=14, color=_KOP_KLEUR)
    vet = Font(name=_FONT, bold=True)

    def tekstrij(tekst, font=None):
        nonlocal rij_nr
        c = WriteOnlyCell(ws)
        _zet_tekst(c, veilige_tekst(tekst))
        if font is not None:
            c.font = font
        ws.append([c])
        rij_nr += 1

    def jaar(code, k):
        v = info.at[code, k] if code in info.index and k in info else None
        return "—" if _leeg(v) else str(int(v)) if isinstance(v, (int, float)) else str(v)

    nodig = [k for k in ("corporatie", "complex_id", "complex_naam", "woningen", "slechtste_label",
                         "slechtste_label_na", "n_efg", "jaar", "pakket_naam", "kosten_eur", "binnen_wup", "wijk_code")
             if k in cx]
    cx = cx[nodig]
    per_wijk = cx.groupby(cx["wijk_code"].astype(str)).indices if "wijk_code" in cx else {}
    for code in codes:
        sub = cx.iloc[per_wijk[code]] if code in per_wijk else cx.iloc[:0]
        naam = info.at[code, "wijk_naam"] if code in info.index and "wijk_naam" in info else None
        gem = info.at[code, "gemeente_naam"] if code in info.index and "gemeente_naam" in info else None
        tekstrij(f"Wijk {naam or ''} ({code})" + (f", gemeente {gem}" if not _leeg(gem) and gem else ""), titel_font)
        strategie = info.at[code, "strategie"] if code in info.index and "strategie" in info else None
        tekstrij(f"Transitievisie Warmte: {strategie if not _leeg(strategie) else 'geen strategie bekend'}; "
                 f"WUP start {jaar(code, 'wup_start')}, gereed {jaar(code, 'wup_gereed')}; uitvoering "
                 f"{jaar(code, 'uitvoering_start')}–{jaar(code, 'uitvoering_eind')}; aardgasvrij "
                 f"{jaar(code, 'aardgasvrij_jaar')}")
        won = pd.to_numeric(sub.get("woningen"), errors="coerce").fillna(0)
        efg = pd.to_numeric(sub.get("n_efg"), errors="coerce").fillna(0)
        gepland = sub["jaar"].notna() if "jaar" in sub else pd.Series(False, index=sub.index)
        corps = ", ".join(f"{c} ({_fmt_aantal(n)})" for c, n in
                          won.groupby(sub["corporatie"].astype(str)).sum().items()) if len(sub) else "geen"
        tekstrij(f"Corporatiewoningen: {_fmt_aantal(won.sum())} in {len(sub)} complexen ({corps}); "
                 f"E/F/G nu {_fmt_aantal(efg.sum())}; gepland: {int(gepland.sum())} complexen, "
                 f"{_fmt_aantal(won[gepland.to_numpy()].sum())} woningen")
        tekstrij("")
        ws.row_dimensions[rij_nr + 1].height = _kop_hoogte(_WIJKPAGINA, breedtes)
        ws.append([_kopcel(ws, k.kop) for k in _WIJKPAGINA])
        del ws.row_dimensions[rij_nr + 1]
        rij_nr += 1
        if len(sub):
            volg = sub.assign(_j=pd.to_numeric(sub.get("jaar"), errors="coerce")).sort_values(
                ["_j", "corporatie", "complex_id"], na_position="last", kind="stable")
            for waarden_rij in volg.to_dict("records"):
                d = waarden_rij
                k = d.get("kosten_eur")
                w = d.get("woningen")
                per = None if _leeg(k) or not w else round(float(k) / float(w))
                waarden = [d.get("corporatie"), d.get("complex_id"), d.get("complex_naam"), w,
                           d.get("slechtste_label"), d.get("slechtste_label_na"), d.get("n_efg"),
                           d.get("jaar") if not _leeg(d.get("jaar")) else None, d.get("pakket_naam"), k, per,
                           d.get("binnen_wup") if not _leeg(d.get("jaar")) else None]
                hoog = _rij_hoogte(waarden, _WIJKPAGINA, breedtes)
                if hoog > 1:
                    ws.row_dimensions[rij_nr + 1].height = 15.0 * hoog
                ws.append(rs.rij(waarden))
                if hoog > 1:
                    del ws.row_dimensions[rij_nr + 1]
                rij_nr += 1
        kosten = pd.to_numeric(sub.get("kosten_eur"), errors="coerce").fillna(0).sum() if len(sub) else 0
        tot = rs.rij(["Totaal", None, f"{len(sub)} complexen", won.sum(), None, None, efg.sum(), None,
                      f"{int(gepland.sum())} gepland", kosten,
                      round(kosten / won[gepland.to_numpy()].sum()) if won[gepland.to_numpy()].sum() else None, None])
        for c in tot:
            if c is not None:
                c.font = vet
        ws.append(tot)
        rij_nr += 1
        ws.row_breaks.append(Break(id=rij_nr))
    _pagina(ws, len(_WIJKPAGINA), max(rij_nr, 1), titelrij=False)
    ws.page_setup.orientation = "landscape"
    return ws


_ZON = [Kolom("Corporatie", "tekst"), Kolom("Complex", "tekst", 10), Kolom("Complexnaam", "tekst"),
        Kolom("Wijkcode", "tekst", 11), Kolom("Woningen", "int", 9), Kolom("Geschikt dak (m²)", "int", 10),
        Kolom("PV al aanwezig", "janee", 9), Kolom("PV-jaar", "jaar", 8), Kolom("Panelen", "int", 8),
        Kolom("Vermogen (kWp)", "dec1", 10), Kolom("Opbrengst (kWh/jaar)", "int", 11),
        Kolom("Kosten PV (EUR)", "eur", 12), Kolom("CO2 vermeden (kg/jaar)", "int", 14)]


def _zon(wb, plan, scenario):
    cx = plan.complexen
    if "pv_jaar" in cx:
        m = cx["pv_jaar"].notna()
        if "pv_panelen_aanwezig" in cx:
            m = m | cx["pv_panelen_aanwezig"].fillna(False).astype(bool)
        sub = cx.loc[m.to_numpy()]
    else:
        sub = cx.iloc[:0]
    n = len(sub)
    bron = ["corporatie", "complex_id", "complex_naam", "wijk_code", "woningen", "dak_geschikt_m2",
            "pv_panelen_aanwezig", "pv_jaar", "pv_panelen", "pv_kwp", "pv_kwh_jaar", "pv_kosten_eur"]
    rijen = zip(*[_kolom(sub, b, n) for b in bron], (NIET_BESCHIKBAAR for _ in range(n)), strict=False)
    voorbeeld = list(_eerste(zip(*[_kolom(sub.iloc[:300], b, min(n, 300)) for b in bron],
                                 [NIET_BESCHIKBAAR] * min(n, 300), strict=False), 300))
    ws, n_rijen = _tabelblad(wb, "Zon", "Zon", _ZON, rijen, voorbeeld, freeze="C2")
    zinnen = _zon_uitleg(cx, scenario)
    if zinnen:
        ws.append([])
        for z in zinnen:
            c = WriteOnlyCell(ws)
            _zet_tekst(c, z)
            c.font = Font(name=_FONT, italic=True)
            ws.append([c])
        ws.print_area = f"A1:{get_column_letter(len(_ZON))}{n_rijen + 2 + len(zinnen)}"
    return ws, n_rijen


def _zon_uitleg(cx: pd.DataFrame, scenario) -> list[str]:
    """Why the Zon sheet is empty or all zero, in a sentence (nothing when PV is planned)."""
    if "pv_jaar" in cx and cx["pv_jaar"].notna().any() and float(cx.get("pv_kwp", pd.Series([0.0])).sum()) > 0:
        return []
    redenen = []
    dak = pd.to_numeric(cx["dak_geschikt_m2"], errors="coerce") if "dak_geschikt_m2" in cx else None
    if dak is None or not (dak.fillna(0) > 0).any():
        redenen.append("er zijn geen dakgegevens (geschikt dakoppervlak ontbreekt of is 0 voor elk complex)")
    doelen = scenario.doelen
    if not doelen.get("pv_woningen"):
        redenen.append("het scenario stelt geen PV-doel ([doelen] pv_woningen)")
    zin = "Er zijn geen nieuwe zonnepanelen gepland" + (": " + " en ".join(redenen) + "." if redenen else
                                                         ": binnen budget en doelen levert PV hier niets op.")
    uit = [zin]
    aanwezig = int(cx["pv_panelen_aanwezig"].fillna(False).astype(bool).sum()) if "pv_panelen_aanwezig" in cx else 0
    if aanwezig:
        uit.append(f"De {aanwezig} rijen hierboven zijn complexen waar al panelen liggen; hun vermogen en "
                   "opbrengst staan niet in de invoer (0).")
    return uit


def _co2_doel_per_jaar(pct, jaren) -> dict[int, float]:
    """The CO2 reduction target [%] that applies in each plan year: ``[doelen] co2_reductie_pct``
    is a table year = % (documented form; a target holds from its year on) or one number (all years)."""
    if pct is None:
        return {}
    if isinstance(pct, dict):
        doelen = sorted((int(y), float(v)) for y, v in pct.items())
        uit = {}
        for j in jaren:
            geldend = [v for y, v in doelen if y <= j]
            if geldend:
                uit[j] = geldend[-1]
        return uit
    return {j: float(pct) for j in jaren}


def _co2(wb, plan, portefeuille, scenario, jaren):
    pj, wj = plan.per_jaar, plan.wijk_jaar
    doelen = scenario.doelen
    ref_jaar = int(doelen.get("co2_referentiejaar", jaren[0] if jaren else 0))
    pct = doelen.get("co2_reductie_pct")
    tot = pj.groupby("jaar")["co2_kg"].sum() / 1000 if len(pj) else pd.Series(dtype=float)
    if "co2_referentie_kg" in pj and len(pj):
        # the corporations' own stock in the reference year (plan tables); a gemeente-wide tonnage is context only
        ref = float(pj.groupby("corporatie")["co2_referentie_kg"].first().sum()) / 1000
    elif ref_jaar in tot.index:
        ref = float(tot[ref_jaar])
    else:
        ref = NIET_BESCHIKBAAR
    kolommen = [Kolom("Niveau", "tekst", 12), Kolom("Code", "tekst", 12), Kolom("Naam", "tekst", 26),
                Kolom(f"Referentie {ref_jaar} (ton)", "dec1", 12)] + [Kolom(str(j), "dec1", 10) for j in jaren]
    rijen, soorten = [], []
    num = ["tekst", "tekst", "tekst", "dec1"] + ["dec1"] * len(jaren)
    rijen.append(["Totaal", "", "Alle corporaties", ref, *[tot.get(j) for j in jaren]])
    soorten.append(num)
    doel_rij = None
    per_jaar = _co2_doel_per_jaar(pct, jaren)
    if per_jaar and not isinstance(ref, str):
        if isinstance(pct, dict):
            tekst = "Doel: " + "; ".join(f"{float(v):g}% minder in {int(y)}" for y, v in sorted(
                (int(a), b) for a, b in pct.items())) + f" (t.o.v. {ref_jaar})"
        else:
            tekst = f"Doel: {float(pct):g}% minder dan {ref_jaar}"
        rijen.append(["Doel", "", tekst, ref, *[ref * (1 - per_jaar[j] / 100) if j in per_jaar else None
                                               for j in jaren]])
        soorten.append(num)
        doel_rij = len(rijen) + 1
    pct_rij = ["Reductie", "", f"Reductie t.o.v. {ref_jaar}", None]
    for j in jaren:
        v = tot.get(j)
        pct_rij.append(None if isinstance(ref, str) or _leeg(v) or ref == 0 else 1 - float(v) / ref)
    rijen.append(pct_rij)
    soorten.append(["tekst", "tekst", "tekst", "pct"] + ["pct"] * len(jaren))
    for corp, sub in (pj.groupby("corporatie", sort=True) if len(pj) else []):
        s = sub.set_index("jaar")["co2_kg"] / 1000
        rijen.append(["Corporatie", "", corp, s.get(ref_jaar), *[s.get(j) for j in jaren]])
        soorten.append(num)
    info = _wijkinfo(portefeuille)
    for code, sub in (wj.groupby("wijk_code", sort=True) if len(wj) else []):
        s = sub.set_index("jaar")["co2_kg"] / 1000
        naam = info.at[code, "wijk_naam"] if code in info.index and "wijk_naam" in info else None
        rijen.append(["Wijk", code, naam, s.get(ref_jaar), *[s.get(j) for j in jaren]])
        soorten.append(num)
    ws, _n = _tabelblad(wb, "CO2", "CO2", kolommen, rijen, rijen, freeze="D2", soorten_per_rij=soorten)
    grafiek = [v for v in rijen[0][4:]] + ([v for v in rijen[doel_rij - 2][4:]] if doel_rij else [])
    return ws, doel_rij, grafiek


_BASELINE = [Kolom("Corporatie", "tekst"), Kolom("Complex", "tekst", 10), Kolom("Complexnaam", "tekst"),
             Kolom("Woningen", "int", 9), Kolom("E/F/G nu", "int", 8), Kolom("Pakket (plan)", "tekst", 14),
             Kolom("Jaar (plan)", "jaar", 8), Kolom("Kosten (plan)", "eur", 12),
             Kolom("Label na (plan)", "label", 9), Kolom("Pakket (baseline)", "tekst", 14),
             Kolom("Jaar (baseline)", "jaar", 9), Kolom("Kosten (baseline)", "eur", 12),
             Kolom("Label na (baseline)", "label", 10), Kolom("Schendingen (baseline)", "tekst", 40)]


def _baseline(wb, plan):
    cx = plan.complexen
    b = plan.baseline
    n = len(cx)
    if b is None:
        rijen = iter([])
        ws, _ = _tabelblad(wb, "Baseline", "Baseline", _BASELINE, rijen)
        return ws
    bc = b.complexen
    sleutel = pd.MultiIndex.from_arrays([cx["corporatie"].astype(str), cx["complex_id"].astype(str)])
    bsleutel = pd.MultiIndex.from_arrays([bc["corporatie"].astype(str), bc["complex_id"].astype(str)])
    pos = bsleutel.get_indexer(sleutel)

    def bkol(naam):
        if naam not in bc:
            return iter([NIET_BESCHIKBAAR] * n)
        v = bc[naam].to_numpy(dtype=object)
        return (v[p] if p >= 0 else None for p in pos)

    rijen = zip(*[_kolom(cx, k, n) for k in ["corporatie", "complex_id", "complex_naam", "woningen", "n_efg",
                                             "pakket", "jaar", "kosten_eur", "slechtste_label_na"]],
                bkol("pakket"), bkol("jaar"), bkol("kosten_eur"), bkol("slechtste_label_na"), bkol("schendingen"), strict=False)
    ws, _ = _tabelblad(wb, "Baseline", "Baseline", _BASELINE, rijen, [], freeze="C2")
    return ws


_BEVINDINGEN = [Kolom("Bestand", "tekst"), Kolom("Rij", "int", 7), Kolom("Kolom", "tekst"), Kolom("Waarde", "tekst"),
                Kolom("Probleem", "tekst", 50), Kolom("Actie", "tekst", 16), Kolom("Ernst", "tekst", 11),
                Kolom("Sleutel", "tekst", 12)]


def _bevindingen(wb, portefeuille):
    df = portefeuille.bevindingen.als_tabel()
    bron = ["bestand", "rij", "kolom", "waarde", "probleem", "actie", "ernst", "sleutel"]
    n = len(df)
    voorbeeld = list(_eerste(zip(*[_kolom(df.iloc[:500], b, min(n, 500)) for b in bron], strict=False), 500))
    return _tabelblad(wb, "Bevindingen", "Bevindingen", _BEVINDINGEN, zip(*[_kolom(df, b, n) for b in bron], strict=False),
                      voorbeeld, freeze="A2")


# ------------------------------------------------------------------ Samenvatting

def _getal_tekst(v: Any) -> str:
    """22.0 -> '22', 0.5 -> '0.5'; text as it is."""
    return f"{v:g}" if isinstance(v, float) else str(v)


def _fmt_bedrag(v: float) -> str:
    return "onbeperkt" if math.isinf(v) else f"€ {v:,.0f}".replace(",", ".")


def _fmt_aantal(v: float) -> str:
    return "onbeperkt" if math.isinf(v) else f"{v:,.0f}".replace(",", ".")


def _aanpak_rijen(plan, jaren: list[int], D: int) -> tuple[list[tuple[str, Any, str]], list[tuple]]:
    """The plan's key figures of its approach (``plan.kengetallen``, ``per_jaar`` and the baseline), summed over
    corporations: (text, value, number format) rows, and per corporation (name, E/F/G cleared, cost per
    E/F/G cleared, surveys). Sums and look-ups of plan tables only."""
    k = plan.kengetallen
    if not len(k):
        return [], []
    som = lambda kol: float(pd.to_numeric(k[kol], errors="coerce").fillna(0).sum()) if kol in k else 0.0  # noqa: E731
    pj = plan.per_jaar
    rijen: list[tuple[str, Any, str]] = []
    rijen.append(("E/F/G bij de start (meest waarschijnlijk)", som("n_efg_start"), "int"))
    rijen.append(("  verwacht (geschatte labels naar kans)", som("n_efg_verwacht"), "dec1"))
    rijen.append(("  pessimistisch (P90)", som("n_efg_p90"), "int"))
    weg = som("efg_verwijderd")
    rijen.append(("E/F/G-woningen weggewerkt", weg, "int"))
    kost = som("kosten_eur")
    rijen.append(("Kosten per weggewerkte E/F/G-woning (EUR)",
                  kost / weg if weg > 0 else NIET_BESCHIKBAAR, "eur" if weg > 0 else "tekst"))
    rijen.append(("  zonder overstap van het gas (EUR)", (kost - som("van_gas_kosten_eur")) / weg if weg > 0
                  else NIET_BESCHIKBAAR, "eur" if weg > 0 else "tekst"))
    rijen.append(("Werken alleen E/F/G-woningen (complexen)", som("werken_losse_aanpak"), "int"))
    rijen.append(("Werken heel complex (complexen)", som("werken_heel_complex"), "int"))
    rijen.append(("Heropnames label (woningen)", som("heropname_woningen"), "int"))
    rijen.append(("Heropnames: kosten (EUR)", som("heropname_kosten_eur"), "eur"))
    if "heropname_woningen" in pj and len(pj):
        per = pj.groupby("jaar")["heropname_woningen"].sum()
        per = per[per > 0]
        rijen.append(("Heropnames per jaar", "; ".join(f"{int(j)}: {_fmt_aantal(float(n))}" for j, n in per.items())
                      or "geen", "tekst"))
    rijen.append(("Van het gas: complexen", som("van_gas_complexen"), "int"))
    if "van_gas_woningen" in pj:
        rijen.append(("Van het gas: woningen", float(pj["van_gas_woningen"].sum()), "int"))
    rijen.append(("Van het gas: kosten (EUR)", som("van_gas_kosten_eur"), "eur"))
    b = plan.baseline
    if b is not None and len(b.per_jaar) and len(pj):
        k_plan, k_base = float(pj["kosten_eur"].sum()), float(b.per_jaar["kosten_eur"].sum())
        vergelijkbaar = not len(b.schendingen)
        if k_base > 0:
            rijen.append(("Kosten plan / baseline" + ("" if vergelijkbaar else " (niet vergelijkbaar)"),
                          k_plan / k_base, "pct"))
            if not vergelijkbaar:
                rijen.append((f"  de baseline haalt {len(b.schendingen)} eisen niet", "zie blad Baseline", "tekst"))
        if D + 1 in jaren:
            def na(t):
                m = t["jaar"] == D + 1
                return float(t.loc[m, "n_efg"].sum() - (t.loc[m, "efg_vrijgesteld"].sum() if "efg_vrijgesteld" in t else 0))
            rijen.append((f"E/F/G na {D} (niet vrijgesteld): plan", na(pj), "int"))
            rijen.append((f"E/F/G na {D} (niet vrijgesteld): baseline", na(b.per_jaar), "int"))
    per_corp = [(r.corporatie, r.efg_verwijderd,
                 r.kosten_per_efg_verwijderd_eur if pd.notna(r.kosten_per_efg_verwijderd_eur) else None,
                 r.heropname_woningen) for r in k.itertuples(index=False)]
    return rijen, per_corp


_CORP_KLEUREN = ["1F4E78", "ED7D31", "70AD47", "7030A0", "FFC000", "5B9BD5", "A5A5A5", "264478", "9E480E", "636363"]


def _as_ondergrens(waarden: Sequence[float]) -> float:
    """Where the CO2 axis starts: 0, unless the line would then look flat (all values in the top
    half of the axis): then a round number under the lowest value, so a -12 % change shows."""
    w = [float(v) for v in waarden if v is not None and not _leeg(v) and not isinstance(v, str)]
    if not w or min(w) <= 0:
        return 0.0
    laag, hoog = min(w), max(w)
    if laag < hoog * 0.5:
        return 0.0
    stap = 10 ** math.floor(math.log10(max(hoog - laag, hoog * 0.02)))
    return max(0.0, math.floor((laag - (hoog - laag) * 0.25) / stap) * stap)


def prijspeil(plan) -> str | None:
    """The price level of the plan's costs, when the plan carries one (``plan.bronversies['prijspeil']``)."""
    v = plan.bronversies.get("prijspeil")
    return None if _leeg(v) or v == "" else _getal_tekst(v)


class _Samenvattingblad:
    """The Samenvatting sheet while it is written: rows and section headings, counted."""

    def __init__(self, ws, kolommen: list[Kolom]):
        self.ws = ws
        self.rs = _Rijschrijver(ws, kolommen)
        self.rij_nr = 0

    def schrijf(self, *waarden, soorten=None, stijl=None) -> None:
        cellen = self.rs.rij(list(waarden), soorten or ["tekst"] * len(waarden))
        if stijl is not None and cellen and cellen[0] is not None:
            c = WriteOnlyCell(self.ws)
            _zet_tekst(c, veilige_tekst(waarden[0]))
            c.font = stijl
            cellen[0] = c
        self.ws.append(cellen)
        self.rij_nr += 1

    def sectie(self, tekst, *koppen) -> None:
        self.schrijf()
        cellen = [_kopcel(self.ws, tekst, kleur=_SECTIE_KLEUR, wit=False)] + \
            [_kopcel(self.ws, k, kleur=_SECTIE_KLEUR, wit=False) for k in koppen]
        for c in cellen:
            c.alignment = Alignment(horizontal="left", vertical="center")
            c.font = Font(name=_FONT, bold=True, color=_KOP_KLEUR)
        self.ws.append(cellen)
        self.rij_nr += 1


def _samenvatting_scenario(b: _Samenvattingblad, plan, scenario, jaren: list[int], D: int) -> bool:
    """Title, plan status and the scenario (inputs, targets); True when the plan meets every requirement."""
    naam = scenario.naam
    b.schrijf(f"Verduurzamingsplan — {naam}", stijl=Font(name=_FONT, bold=True, size=16, color=_KOP_KLEUR))
    b.schrijf(f"Planhorizon {jaren[0]}–{jaren[-1]}; geen woningen met label E, F of G na {D} (NPA)" if jaren else
              "Planhorizon onbekend")
    from ..planning.controle import oordeel
    goed, status_regel = oordeel(plan)
    b.schrijf(f"Status: {status_regel}", stijl=Font(name=_FONT, bold=True, color="006100" if goed else "C00000"))

    peil_prijs = prijspeil(plan)
    if peil_prijs:
        b.schrijf(f"Alle bedragen in euro's, prijspeil {peil_prijs}")
    b.sectie("Scenario", "Waarde")
    bronbestand = scenario.bron
    b.schrijf("Scenario", naam)
    b.schrijf("Scenariobestand", Path(bronbestand).name if bronbestand else "(geen bestand)")
    peil = scenario.peildatum
    b.schrijf("Peildatum", dt.datetime.combine(peil, dt.time()) if peil else None, soorten=["tekst", "datum"])
    b.schrijf("Startjaar – eindjaar", f"{jaren[0]} – {jaren[-1]}" if jaren else NIET_BESCHIKBAAR)
    b.schrijf("Deadline E/F/G (NPA)", D, soorten=["tekst", "jaar"])
    invoer = []
    for k, titel in [("vhe", "VHE-bestanden"), ("complexen", "Complexbestanden"), ("ep_online", "EP-online"),
                     ("wijken", "Wijken (CBS)"), ("transitievisie", "Transitievisie Warmte"),
                     ("realisatie", "Realisatie")]:
        v = getattr(scenario, k, None)
        if not v:
            continue
        paden = v if isinstance(v, list) else [v]
        invoer.append((titel, ", ".join(Path(p).name for p in paden)))
    for titel, v in invoer:
        b.schrijf(f"Invoer: {titel}", v)
    for k, v in scenario.doelen.items():
        b.schrijf(f"Doel: {k}", "; ".join(f"{a}: {_getal_tekst(w)}" for a, w in v.items()) if isinstance(v, dict)
                  else _getal_tekst(v))
    return goed


def _samenvatting_capaciteit(b: _Samenvattingblad, plan, scenario, jaren: list[int]) -> None:
    """Capacity and budget per corporation as the scenario set them."""
    cx, pj = plan.complexen, plan.per_jaar
    corps = list(dict.fromkeys(pj["corporatie"])) if len(pj) else sorted(set(cx.get("corporatie", [])))
    b.sectie("Capaciteit en budget per corporatie", "Capaciteit (woningen/jaar)", "Budget per jaar")
    for c in corps:
        par = scenario.corporatie(c) if hasattr(scenario, "corporatie") else None
        if par is None:
            b.schrijf(c, NIET_BESCHIKBAAR, NIET_BESCHIKBAAR)
            continue
        cap = par.capaciteit(jaren[0]) if jaren else NIET_BESCHIKBAAR
        bud = par.budget(jaren[0]) if jaren else NIET_BESCHIKBAAR
        afw = [f"{j}: {_fmt_aantal(v)}" for j, v in sorted(par.capaciteit_per_jaar.items())] + \
            [f"{j}: {_fmt_bedrag(v)}" for j, v in sorted(par.budget_per_jaar.items())]
        b.schrijf(c, cap, bud, ("afwijkend " + "; ".join(afw)) if afw else None,
                  soorten=["tekst", "int", "eur", "tekst"])


def _samenvatting_kerncijfers(b: _Samenvattingblad, plan, jaren: list[int], D: int) -> None:
    """Key figures: sums and look-ups of plan tables only."""
    cx, pj = plan.complexen, plan.per_jaar
    # key figures: sums and look-ups of plan tables only
    b.sectie("Kerncijfers", "Waarde")

    def pj_som(kol, jaar):
        if not len(pj) or kol not in pj:
            return NIET_BESCHIKBAAR
        d = pj.loc[pj["jaar"] == jaar, kol]
        return float(d.sum()) if len(d) else NIET_BESCHIKBAAR

    def cx_som(kol, frame=cx):
        return float(frame[kol].sum()) if kol in frame else NIET_BESCHIKBAAR

    b.schrijf("Complexen", len(cx), soorten=["tekst", "int"])
    b.schrijf("Woningen", cx_som("woningen"), soorten=["tekst", "int"])
    if jaren:
        b.schrijf(f"Woningen E/F/G begin {jaren[0]}", pj_som("n_efg", jaren[0]), soorten=["tekst", "int"])
        if D + 1 in jaren:
            b.schrijf(f"Woningen E/F/G na de deadline (begin {D + 1})", pj_som("n_efg", D + 1),
                      soorten=["tekst", "int"])
        else:
            b.schrijf("Woningen E/F/G na de deadline", NIET_BESCHIKBAAR, soorten=["tekst", "int"])
        b.schrijf("waarvan vrijgesteld (monument, sloop)", pj_som("efg_vrijgesteld", jaren[0]),
                  soorten=["tekst", "int"])
    b.schrijf("Vrijgestelde complexen", int(cx["vrijgesteld"].fillna(False).astype(bool).sum()) if "vrijgesteld" in cx
              else NIET_BESCHIKBAAR, soorten=["tekst", "int"])
    b.schrijf("Renovaties gepland (complexen)", int(cx["jaar"].notna().sum()) if "jaar" in cx else NIET_BESCHIKBAAR,
              soorten=["tekst", "int"])
    b.schrijf("Investering renovaties (EUR)", cx_som("kosten_eur"), soorten=["tekst", "eur"])
    b.schrijf("Investering PV (EUR)", cx_som("pv_kosten_eur"), soorten=["tekst", "eur"])
    b.schrijf("CO2 nu (ton/jaar)", cx_som("co2_kg_voor") / 1000 if "co2_kg_voor" in cx else NIET_BESCHIKBAAR,
              soorten=["tekst", "dec1"])
    if jaren:
        co2_eind = pj_som("co2_kg", jaren[-1])
        b.schrijf(f"CO2 eind {jaren[-1]} (ton/jaar)", co2_eind / 1000 if not isinstance(co2_eind, str) else co2_eind,
                  soorten=["tekst", "dec1"])
        b.schrijf(f"Woningen met PV eind {jaren[-1]} (al aanwezig + gepland)", pj_som("pv_woningen", jaren[-1]),
                  soorten=["tekst", "int"])
        b.schrijf(f"PV-vermogen nieuw geplaatst t/m {jaren[-1]} (kWp)", pj_som("pv_kwp", jaren[-1]),
                  soorten=["tekst", "dec1"])
    b.schrijf("PV-opbrengst (kWh/jaar)", cx_som("pv_kwh_jaar"), soorten=["tekst", "int"])
    b.schrijf("Huurkorting na de deadline (EUR/jaar)", cx_som("huurkorting_eur_jaar"), soorten=["tekst", "eur"])
    b.schrijf("Schendingen", len(plan.schendingen), soorten=["tekst", "int"])
    basis = plan.baseline
    if basis is not None:
        b.schrijf("Baseline: investering renovaties (EUR)", cx_som("kosten_eur", basis.complexen),
                  soorten=["tekst", "eur"])
        if D + 1 in jaren and len(basis.per_jaar):
            d = basis.per_jaar.loc[basis.per_jaar["jaar"] == D + 1, "n_efg"]
            b.schrijf(f"Baseline: E/F/G na de deadline (begin {D + 1})", float(d.sum()), soorten=["tekst", "int"])
        b.schrijf("Baseline: schendingen", len(basis.schendingen), soorten=["tekst", "int"])


def _samenvatting_aanpak(b: _Samenvattingblad, plan, jaren: list[int], D: int) -> None:
    """Scope of the works (single dwellings, surveys, off gas) and key figures per corporation."""
    rijen, per_corp = _aanpak_rijen(plan, jaren, D)
    if rijen:
        b.sectie("Aanpak: losse woningen, heropname, van het gas", "Waarde")
        for tekst, waarde, soort in rijen:
            b.schrijf(tekst, waarde, soorten=["tekst", soort])
    if len(per_corp) > 1:
        b.sectie("Kengetallen per corporatie", "E/F/G weggewerkt", "EUR per E/F/G weg", "Heropnames")
        for r in per_corp:
            b.schrijf(*r, soorten=["tekst", "int", "eur", "int"])


def _samenvatting_rekenuitkomst(b: _Samenvattingblad, plan, scenario) -> None:
    """Solver outcome per corporation, in words."""
    b.sectie("Rekenuitkomst per corporatie", "Rekentijd (s)", "Afwijking van het optimum (hoogstens)")
    sv = plan.solver if plan.solver is not None else pd.DataFrame()
    toegestaan = scenario.solver_gap
    if len(sv):
        from ..planning.controle import bewezen_per_corporatie
        for r, bewezen in zip(sv.itertuples(index=False), bewezen_per_corporatie(sv), strict=False):
            zin = solver_uitkomst(bewezen, getattr(r, "gap", None),
                                  getattr(r, "toelichting", None) or getattr(r, "status", None),
                                  float(toegestaan) if toegestaan is not None else None)
            gap = getattr(r, "gap", None)
            onbekend = _leeg(gap) or (isinstance(gap, float) and math.isinf(gap))
            b.schrijf(getattr(r, "corporatie", None), getattr(r, "seconden", None), "onbekend" if onbekend else gap,
                      soorten=["tekst", "dec1", "tekst" if onbekend else "pct"])
            b.schrijf(f"    {zin}")
    else:
        b.schrijf("(geen rekengegevens)", NIET_BESCHIKBAAR)


def _samenvatting_schendingen(b: _Samenvattingblad, plan, goed: bool) -> None:
    """Violations and the diagnosis of an infeasible plan."""
    b.sectie("Schendingen en diagnose")
    if goed:
        b.schrijf("Alle eisen worden gehaald: geen schendingen.")
    for zin in plan.diagnose:
        b.schrijf(zin)
    if len(plan.schendingen):
        telling = plan.schendingen.groupby(["corporatie", "soort"]).size()
        for (c, s), aantal in telling.items():
            b.schrijf(f"{c}: {aantal} × {s} (zie Planning, kolom schendingen)")
        for t in _eerste(plan.schendingen["toelichting"], 50):
            b.schrijf(f"• {t}")
        if len(plan.schendingen) > 50:
            b.schrijf(f"… en {len(plan.schendingen) - 50} meer (zie Planning)")


def _samenvatting_bronnen(b: _Samenvattingblad, plan, portefeuille) -> None:
    """Reference data versions and the row accounting per input file."""
    b.sectie("Bronversies (referentiedata)", "Versie")
    for bron, versies in [("plan", plan.bronversies or {}), ("portefeuille", portefeuille.bronversies)]:
        for k, v in versies.items():
            b.schrijf(f"{k} ({bron})", v)

    bev = portefeuille.bevindingen
    if bev.boekhouding:
        b.sectie("Invoer: rijen per bestand", "Rijen in", "Gebruikt", "Afgewezen")
        for bh in bev.boekhouding.values():
            b.schrijf(bh.bestand, bh.rijen_in, bh.rijen_gebruikt, bh.rijen_afgewezen,
                      soorten=["tekst", "int", "int", "int"])
        b.schrijf(f"Bevindingen: {len(bev)} (zie blad Bevindingen)")


def _samenvatting_over(b: _Samenvattingblad, plan) -> None:
    """When and with which version the file was made, and what it cannot show."""
    cx = plan.complexen
    try:
        versie = importlib.metadata.version("verduurzaming")
    except importlib.metadata.PackageNotFoundError:
        versie = "onbekend"
    vandaag = dt.datetime.now().replace(microsecond=0)
    b.sectie("Over dit bestand", "")
    b.schrijf("Gemaakt op", vandaag, soorten=["tekst", "datum"])
    b.schrijf("Versie verduurzaming", versie)
    b.schrijf("Bladen", ", ".join(BLADEN))
    if "gemeente_code" in cx and cx["gemeente_code"].nunique() > 1:
        b.schrijf(f"NPA-monitor per gemeente: {NIET_BESCHIKBAAR} (het plan telt per corporatie, niet per gemeente)")
    b.schrijf(f"Zon, CO2 vermeden per complex: {NIET_BESCHIKBAAR} (het plan geeft geen CO2 per PV-installatie)")


def _grafiek_efg(npa_ws, npa_rijen, jaren: list[int], D: int) -> BarChart | None:
    """E/F/G per corporation (stacked) against the NPA path to 0 after the deadline."""
    efg_rijen = (npa_rijen or {}).get("efg_per_corporatie", {})
    if npa_ws is not None and jaren and efg_rijen and "npa_pad" in npa_rijen:
        ec = BarChart()
        ec.type, ec.grouping, ec.overlap = "col", "stacked", 100
        ec.title = f"Woningen E/F/G per corporatie (begin jaar) en het NPA-pad naar 0 na {D}"
        ec.y_axis.title, ec.x_axis.title = "woningen E/F/G", "jaar"
        ec.y_axis.numFmt = "#,##0"
        ec.y_axis.scaling.min = 0
        for i, (corp, r) in enumerate(efg_rijen.items()):
            reeks = Series(Reference(npa_ws, min_col=4, max_col=3 + len(jaren), min_row=r, max_row=r),
                           title=veilige_tekst(corp))
            reeks.graphicalProperties.solidFill = _CORP_KLEUREN[i % len(_CORP_KLEUREN)]
            ec.series.append(reeks)
        ec.set_categories(Reference(npa_ws, min_col=4, max_col=3 + len(jaren), min_row=1, max_row=1))
        pad = LineChart()
        r = npa_rijen["npa_pad"]
        lijn = Series(Reference(npa_ws, min_col=4, max_col=3 + len(jaren), min_row=r, max_row=r), title="NPA-pad")
        lijn.graphicalProperties.line.solidFill = "C00000"
        lijn.graphicalProperties.line.dashStyle = "dash"
        lijn.graphicalProperties.line.width = 28000
        lijn.smooth = False
        pad.series.append(lijn)
        ec += pad
        ec.width, ec.height, ec.gapWidth = 19, 8.5, 60
        ec.legend.position = "r"
        ec.x_axis.delete = False
        ec.y_axis.delete = False
        return ec
    return None


def _grafiek_labels(npa_ws, npa_rijen, jaren: list[int]) -> BarChart | None:
    """Dwellings per energy label at the start of each year."""
    if npa_ws is not None and jaren and all(f"n_{lab}" in npa_rijen for lab in L.LABELS):
        bc = BarChart()
        bc.type, bc.grouping, bc.overlap = "col", "stacked", 100
        bc.title = "Woningen per energielabel (begin jaar)"
        bc.y_axis.title, bc.x_axis.title = "woningen", "jaar"
        bc.y_axis.numFmt = "#,##0"
        for lab in L.LABELS:
            r = npa_rijen[f"n_{lab}"]
            s = Series(Reference(npa_ws, min_col=4, max_col=3 + len(jaren), min_row=r, max_row=r), title=lab)
            s.graphicalProperties.solidFill = L.KLEUR[lab].lstrip("#").upper()
            s.graphicalProperties.line.solidFill = "FFFFFF"
            bc.series.append(s)
        bc.set_categories(Reference(npa_ws, min_col=4, max_col=3 + len(jaren), min_row=1, max_row=1))
        bc.width, bc.height, bc.gapWidth = 19, 8.5, 60
        bc.legend.position = "r"
        bc.x_axis.delete = False
        bc.y_axis.delete = False
        return bc
    return None


def _grafiek_co2(co2_ws, co2_doel_rij, co2_waarden, jaren: list[int]) -> LineChart | None:
    """CO2 per year against its target."""
    if co2_ws is not None and jaren:
        lc = LineChart()
        lc.y_axis.title, lc.x_axis.title = "ton CO2", "jaar"
        lc.y_axis.numFmt = "#,##0"
        ondergrens = _as_ondergrens(co2_waarden or [])
        lc.y_axis.scaling.min = ondergrens
        lc.title = "CO2-uitstoot per jaar (ton, eind jaar)" + \
            (f"; de as begint bij {_fmt_aantal(ondergrens)} ton" if ondergrens else "")
        s = Series(Reference(co2_ws, min_col=5, max_col=4 + len(jaren), min_row=2, max_row=2), title="Totaal")
        s.graphicalProperties.line.solidFill = _KOP_KLEUR
        s.graphicalProperties.line.width = 28000
        s.smooth = False
        lc.series.append(s)
        if co2_doel_rij:
            d = Series(Reference(co2_ws, min_col=5, max_col=4 + len(jaren), min_row=co2_doel_rij,
                                 max_row=co2_doel_rij), title="Doel")
            d.graphicalProperties.line.solidFill = "C00000"
            d.graphicalProperties.line.dashStyle = "dash"
            d.smooth = False
            lc.series.append(d)
        lc.set_categories(Reference(co2_ws, min_col=5, max_col=4 + len(jaren), min_row=1, max_row=1))
        lc.width, lc.height = 19, 8.5
        lc.legend.position = "b"
        lc.x_axis.delete = False
        lc.y_axis.delete = False
        return lc
    return None


def _samenvatting(ws, plan, portefeuille, scenario, jaren, npa_ws, npa_rijen, co2_ws, co2_doel_rij,
                  co2_waarden=None):
    kolommen = [Kolom("A", "tekst", 46), Kolom("B", "tekst", 27), Kolom("C", "tekst", 18), Kolom("D", "tekst", 16),
                Kolom("E", "tekst", 12), Kolom("F", "tekst", 12)]
    for i, k in enumerate(kolommen, start=1):
        ws.column_dimensions[get_column_letter(i)].width = k.breedte
    for i in range(7, 18):
        ws.column_dimensions[get_column_letter(i)].width = 11
    ws.sheet_view.showGridLines = False
    _voor_rijen(ws)
    b = _Samenvattingblad(ws, kolommen)
    D = int(plan.deadline)
    goed = _samenvatting_scenario(b, plan, scenario, jaren, D)
    _samenvatting_capaciteit(b, plan, scenario, jaren)
    _samenvatting_kerncijfers(b, plan, jaren, D)
    kern_eind = b.rij_nr
    _samenvatting_aanpak(b, plan, jaren, D)
    _samenvatting_rekenuitkomst(b, plan, scenario)
    _samenvatting_schendingen(b, plan, goed)
    _samenvatting_bronnen(b, plan, portefeuille)
    _samenvatting_over(b, plan)

    # charts right of the text (columns A-D), under the status line
    plek = iter(["E5", "E23", "E41"])
    for grafiek in (_grafiek_efg(npa_ws, npa_rijen, jaren, D), _grafiek_labels(npa_ws, npa_rijen, jaren),
                    _grafiek_co2(co2_ws, co2_doel_rij, co2_waarden, jaren)):
        if grafiek is not None:
            ws.add_chart(grafiek, next(plek))
    _pagina(ws, 12, max(b.rij_nr, 58), titelrij=False)
    ws.page_setup.fitToHeight = 0
    return kern_eind


def schrijf_werkmap(plan, portefeuille, scenario, pad: str | Path) -> Path:
    """Write the planning workbook (sheets ``BLADEN``) to ``pad`` atomically; returns ``pad``.

    Reads only ``plan`` tables (and the portfolio's wijken, findings and reference versions);
    never recomputes the plan. Text from input data is always written as text, never a formula.
    """
    pad = Path(pad)
    jaren = [int(j) for j in (plan.jaren or (sorted(set(plan.per_jaar["jaar"])) if len(plan.per_jaar) else
                                              list(scenario.jaren)))]
    with nieuwe_werkmap(pad) as wb:
        samen = wb.create_sheet("Samenvatting")
        npa_ws, npa_rijen = _npa(wb, plan, jaren, int(plan.deadline))
        _planning(wb, plan, portefeuille)
        _wijken(wb, plan, portefeuille, jaren)
        _gemeente(wb, plan)
        _wijk_per_jaar(wb, plan, portefeuille, jaren)
        _wijkpaginas(wb, plan, portefeuille)
        _zon(wb, plan, scenario)
        co2_ws, co2_doel_rij, co2_waarden = _co2(wb, plan, portefeuille, scenario, jaren)
        _baseline(wb, plan)
        _bevindingen(wb, portefeuille)
        _samenvatting(samen, plan, portefeuille, scenario, jaren, npa_ws, npa_rijen, co2_ws, co2_doel_rij,
                      co2_waarden)
        peil_prijs = prijspeil(plan)
        if peil_prijs:
            for ws in wb.worksheets:
                ws.oddHeader.right.text = f"Bedragen in euro's, prijspeil {peil_prijs}"
    return pad
