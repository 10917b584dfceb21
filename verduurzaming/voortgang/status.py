"""Statuses: the work status of every complex and the status of every agreement.

Work status per complex (``WERK_STATUSSEN``): realised as planned, earlier, later, unplanned or to be
checked; not realised: slipped (``vertraagd``), this year or later, or no work.

Agreement status per (agreement, corporation, target year), see ``docs/voortgang.md``:
``gehaald`` when the realised value already meets the target; ``niet haalbaar`` when the target year
is over, or the re-plan does not meet it; ``achter`` when the realisation lags the plan's value on
the peildatum beyond a tolerance; else ``op schema``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import labels as L
from ..afspraken import ACHTER, GEHAALD, NIET_HAALBAAR, OP_SCHEMA, Afspraak
from ..planning.nabewerking import co2_referentiejaar
from ..tekst import getal
from .meting import Meter, Meting, op_moment
from .realiseren import HI, RANG_E, Toestand, Werken

#: work statuses per complex
WERK_STATUSSEN = ("gerealiseerd volgens plan", "eerder gerealiseerd", "later gerealiseerd",
                  "gerealiseerd, niet gepland", "gerealiseerd, te controleren", "vertraagd", "loopt dit jaar", "gepland", "geen werk")

AFSPRAAK_KOLOMMEN = ["id", "afspraak", "partij", "corporatie", "indicator", "eenheid", "doeljaar", "doel", "start",
                     "gepland_op_peildatum", "gerealiseerd_op_peildatum", "prognose_doeljaar", "status", "toelichting"]

_EENHEID = {"gemiddeld_label": "label (EP2 kWh/m²)", "pv_woningen": "woningen", "geen_efg": "woningen E/F/G",
            "co2_reductie": "% reductie", "renovaties": "woningen", "uitvoeringsprogramma": "woningen E/F/G"}


# ------------------------------------------------------------------ complexes

def werkstatus(gerealiseerd_jaar: float, gepland_jaar: float, controle: str | None, jaar_nu: int) -> str:
    """The work status of one complex (one of ``WERK_STATUSSEN``); years as floats, NaN = none."""
    p, g = gepland_jaar, gerealiseerd_jaar
    if np.isfinite(g):
        if controle is not None:  # the realisation claims what no package can do (see validatie)
            return "gerealiseerd, te controleren"
        if not np.isfinite(p):
            return "gerealiseerd, niet gepland"
        if g < p:
            return "eerder gerealiseerd"
        if g > p:
            return "later gerealiseerd"
        return "gerealiseerd volgens plan"
    if np.isfinite(p):
        return "vertraagd" if p < jaar_nu else ("loopt dit jaar" if p == jaar_nu else "gepland")
    return "geen werk"


def _jaren(x: np.ndarray) -> pd.array:
    return pd.array([int(v) if np.isfinite(v) else None for v in x], dtype="Int64")


def complex_tabel(portefeuille, toestand: Toestand, o0, o1, werken: Werken, gepland: dict,
                  herplan_keuze: dict, jaar_nu: int, in_voorraad: np.ndarray) -> pd.DataFrame:
    """Per complex: planned and realised works, the work status of its renovation, its switch off gas and its
    solar panels, labels then and now (E/F/G now 0 for a complex demolished by the peildatum: ``in_voorraad``
    False), the re-plan. ``gepland``: per complex the agreed renovation's ``pakket``, ``jaar``, ``aanpak`` and
    ``woningen_aangepakt``, and the agreed ``van_gas_jaar`` and ``pv_jaar`` (arrays aligned with ``o0``)."""
    C, cx = o0.C, o0.complexen
    gepland_jaar = gepland["jaar"]
    keys = list(zip(cx["corporatie"].astype(str), cx["complex_id"].astype(str), strict=False))
    status = [werkstatus(werken.gerealiseerd_jaar[i], gepland_jaar[i], werken.controle[i], jaar_nu)
              for i in range(C)]
    status_van_gas = [werkstatus(werken.van_gas_jaar[i], gepland["van_gas_jaar"][i], None, jaar_nu) for i in range(C)]
    status_pv = [werkstatus(werken.pv_jaar[i], gepland["pv_jaar"][i], None, jaar_nu) for i in range(C)]
    wijknaam = {}
    wk = portefeuille.wijken
    if wk is not None and len(wk):
        wijknaam = dict(zip(wk["wijk_code"], wk["wijk_naam"], strict=False))
    hp = herplan_keuze
    return pd.DataFrame({
        "corporatie": [k[0] for k in keys], "complex_id": [k[1] for k in keys],
        "complex_naam": cx.get("complex_naam", pd.Series([None] * C)).to_numpy(),
        "wijk_code": cx["wijk_code"].to_numpy() if "wijk_code" in cx else None,
        "wijk_naam": [wijknaam.get(c) for c in (cx["wijk_code"] if "wijk_code" in cx else [None] * C)],
        "woningen": o0.woningen.astype(int),
        "gepland_pakket": gepland["pakket"], "gepland_aanpak": gepland["aanpak"], "gepland_jaar": _jaren(gepland_jaar),
        "gepland_woningen_aangepakt": np.round(gepland["woningen_aangepakt"], 1),
        "gerealiseerd_jaar": _jaren(werken.gerealiseerd_jaar),
        "gerealiseerd_pakket": werken.pakket,
        "gerealiseerd_aanpak": np.where(werken.gedaan, _aanpak(o0, werken.optie), np.array(None, dtype=object)),
        "woningen_aangepakt": np.round(np.where(werken.gedaan, werken.aangepakt, 0.0), 1),
        "pv_gerealiseerd_jaar": _jaren(werken.pv_jaar),
        "van_gas_gerealiseerd_jaar": _jaren(werken.van_gas_jaar),
        "status": status,
        "gepland_van_gas_jaar": _jaren(gepland["van_gas_jaar"]), "status_van_gas": status_van_gas,
        "gepland_pv_jaar": _jaren(gepland["pv_jaar"]), "status_pv": status_pv,
        "efg_start": np.where(o0.vrij, 0, o0.n0[:, RANG_E:].sum(1)).astype(int),
        "efg_nu": np.where(o0.vrij | ~in_voorraad, 0, o1.n0[:, RANG_E:].sum(1)).astype(int),
        "label_verbeterd_woningen": werken.verbeterd.astype(int),
        "slechtste_label_start": cx.get("slechtste_label"),
        "slechtste_label_nu": toestand.portefeuille.complexen["slechtste_label"].to_numpy(),
        "herplan_pakket": [hp.get(k, (None, None))[0] for k in keys],
        "herplan_jaar": pd.array([int(hp[k][1]) if k in hp and pd.notna(hp[k][1]) else None for k in keys],
                                 dtype="Int64"),
        "vrijgesteld": o0.vrij,
    })


def _aanpak(o0, optie: np.ndarray) -> np.ndarray:
    """Per complex the scope (``aanpak``) of an option; None without one."""
    if not o0.P:
        return np.full(len(optie), None, dtype=object)
    scopes = np.array([o0.cat["aanpak"].iloc[j] if "aanpak" in o0.cat else None for j in range(o0.P)] + [None],
                      dtype=object)
    return scopes[np.where(optie >= 0, optie, -1)]


def verschoven_tabel(complexen: pd.DataFrame) -> pd.DataFrame:
    """The slipped complexes (``vertraagd``, ``later gerealiseerd``) and by how many years."""
    verschoven = complexen[complexen["status"].isin(["vertraagd", "later gerealiseerd"])].copy()
    verschoven["jaren_later"] = np.where(
        verschoven["status"] == "vertraagd",
        verschoven["herplan_jaar"].astype("Float64").fillna(np.nan).to_numpy(dtype=float)
        - verschoven["gepland_jaar"].astype(float).to_numpy(),
        verschoven["gerealiseerd_jaar"].astype(float).to_numpy() - verschoven["gepland_jaar"].astype(float).to_numpy())
    return verschoven[["corporatie", "complex_id", "complex_naam", "wijk_code", "wijk_naam", "woningen",
                       "efg_start", "efg_nu", "gepland_pakket", "gepland_jaar", "gerealiseerd_jaar", "status",
                       "herplan_pakket", "herplan_jaar", "jaren_later"]].reset_index(drop=True)


# ------------------------------------------------------------------ agreements

def afspraken_tabel(afspraken: list[Afspraak], meter: Meter, complexen: pd.DataFrame, jaar_nu: int, frac: float,
                    herplan, scenario) -> pd.DataFrame:
    """One row per agreement x corporation (or all together) x target year, with its status."""
    o0 = meter.o0
    rijen = []
    for a in afspraken:
        if a.per_corporatie:
            groepen = [(c, [c]) for c in meter.corps]
        elif a.corporatie:
            groepen = [(a.corporatie, [a.corporatie])]
        else:
            groepen = [("alle corporaties", meter.corps)]
        for naam, cs in groepen:
            mask = np.isin(o0.corporatie.astype(str), cs)
            if not mask.any():
                rijen.append(_rij(a, naam, a.doelen[0][0], a.doelen[0][1], None, None, None, None, NIET_HAALBAAR,
                                  f"geen complexen van {naam} in de portefeuille"))
                continue
            if a.indicator == "uitvoeringsprogramma":
                rijen.append(_programma(a, naam, mask, o0.complexen, complexen, o0, meter.o1, jaar_nu, herplan,
                                        scenario))
                continue
            m = meter(mask, cs)
            for jaar, doel in a.doelen:
                rijen.append(_status_rij(a, naam, jaar, doel, m, jaar_nu, frac, scenario))
    return pd.DataFrame(rijen, columns=AFSPRAAK_KOLOMMEN)


def _voldoet(ind: str, waarde: float, doel, marge: float, maat: str = "ep2") -> bool:
    if waarde is None or (isinstance(waarde, float) and np.isnan(waarde)):
        return False
    if ind == "gemiddeld_label":
        return L.gemiddeld_label_gehaald(float(waarde), doel, maat) if maat == "ei" else waarde <= HI[doel] + 1e-9
    if ind == "geen_efg":
        return waarde <= 0.5
    if ind in ("pv_woningen", "renovaties"):
        return waarde >= float(doel) * (1 - marge / 100.0) - 1e-9
    if ind == "co2_reductie":
        return waarde >= float(doel) - 1e-9
    return False


def _beter_of_gelijk(ind: str, a: float, b: float, marge: float, maat: str = "ep2") -> bool:
    """Is realised ``a`` at least as good as planned ``b`` (with a small tolerance)?"""
    if np.isnan(a) or np.isnan(b):
        return True
    if ind == "gemiddeld_label":
        return a <= b + (0.02 if maat == "ei" else 2.0)  # EI, or kWh/m2
    if ind == "co2_reductie":
        return a >= b - 1.0  # percentage points
    if ind == "geen_efg":
        return a <= b * (1 + marge / 100.0) + 1
    return a >= b * (1 - max(marge, 5.0) / 100.0) - 1


def _fmt(ind: str, v: float, maat: str = "ep2") -> object:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    if ind == "gemiddeld_label":
        if maat == "ei":
            return f"{L.gemiddeld_label_uit_ei(v)[0]} (EI {v:.2f})"
        return f"{L.label_uit_ep2(v)[0]} ({v:.0f} kWh/m²)"
    if ind == "co2_reductie":
        return round(v, 1)
    return int(round(v))


def _rij(a, naam, jaar, doel, start, gepland, nu, prognose, status, toelichting) -> dict:
    return dict(id=a.id, afspraak=a.tekst, partij=a.partij, corporatie=naam, indicator=a.indicator,
                eenheid=_EENHEID.get(a.indicator, ""), doeljaar=jaar, doel=doel, start=start,
                gepland_op_peildatum=gepland, gerealiseerd_op_peildatum=nu, prognose_doeljaar=prognose,
                status=status, toelichting=toelichting)


def _status_rij(a: Afspraak, naam: str, jaar: int, doel, m: Meting, jaar_nu: int, frac: float, scenario) -> dict:
    ind = a.indicator
    reeks, hreeks, start, nu = m.reeks, m.hreeks, m.start, m.nu
    maat, weging = scenario.doelen.gemiddeld_label_maat, scenario.doelen.gemiddeld_label_weging
    kol = {"gemiddeld_label": "lbl", "pv_woningen": "pv", "geen_efg": "efg", "co2_reductie": "co2_kg",
           "renovaties": "renovaties"}[ind]
    v_start = start[kol] if kol in start else 0.0
    v_nu = nu[kol] if kol in nu else m.ren_nu
    v_plan_nu = op_moment(reeks, kol, jaar_nu, frac)
    bron = hreeks if hreeks is not None else reeks
    v_prog = op_moment(bron, kol, jaar)
    toel = []
    if ind == "co2_reductie":
        ref = m.ref_co2
        toel.append(f"referentie: de eigen voorraad in {co2_referentiejaar(scenario)} ({getal(ref / 1000, 1)} t CO2), "
                    f"dezelfde als in het plan")
        if a.referentie_ton:
            toel.append(f"de opgegeven {getal(a.referentie_ton)} t CO2 ({a.referentiejaar or 'referentiejaar'}) is "
                        "gemeentebreed: alleen context, niet verdeeld over corporaties")

        def pct(v):
            return 100.0 * (1 - v / ref) if ref > 0 else np.nan
        v_start, v_nu, v_plan_nu, v_prog = pct(v_start), pct(v_nu), pct(v_plan_nu), pct(v_prog)
    marge = a.marge_pct
    if ind == "gemiddeld_label":
        toel.append(f"gemiddeld label: {L.definitie_tekst(maat, weging)}")
    if _voldoet(ind, v_nu, doel, marge, maat=maat):
        status = GEHAALD
        toel.append("doel op de peildatum al bereikt")
    elif jaar < jaar_nu:
        status = NIET_HAALBAAR
        toel.append(f"doeljaar {jaar} is voorbij en het doel is niet gehaald")
    elif not _voldoet(ind, v_prog, doel, marge, maat=maat):
        status = NIET_HAALBAAR
        toel.append("ook als het (her)plan wordt uitgevoerd wordt het doel in het doeljaar niet gehaald")
    elif not _beter_of_gelijk(ind, v_nu, v_plan_nu, marge, maat):
        status = ACHTER
        toel.append("de realisatie loopt achter op het plan; het herplan haalt het doel nog")
    else:
        status = OP_SCHEMA
        toel.append("realisatie volgt het plan en het doel wordt gehaald")
    if marge:
        toel.append(f"marge {marge:g}% ('circa')")
    return _rij(a, naam, jaar, doel if ind != "geen_efg" else 0, _fmt(ind, v_start, maat), _fmt(ind, v_plan_nu, maat),
                _fmt(ind, v_nu, maat), _fmt(ind, v_prog, maat), status, "; ".join(toel))


def _programma(a: Afspraak, naam, mask, cx, complexen, o0, o1, jaar_nu, herplan, scenario) -> dict:
    """An ``uitvoeringsprogramma``: works planned by the deadline for every E/F/G complex of the wijk,
    started by ``start_jaar``."""
    wijk = cx["wijk_code"].astype(object).to_numpy() == a.wijk if "wijk_code" in cx else np.zeros(len(mask), bool)
    m = mask & wijk & ~o0.vrij
    efg0 = o0.n0[:, RANG_E:].sum(1)
    efg1 = o1.n0[:, RANG_E:].sum(1)
    doel_c = m & (efg0 > 0)
    start, nu = float(efg0[doel_c].sum()), float(efg1[m].sum())
    gepl = complexen["gepland_jaar"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    hj = complexen["herplan_jaar"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    gr = complexen["gerealiseerd_jaar"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    toel = [f"{int(start)} woningen E/F/G in {a.wijk} bij de start"]
    if a.woningen is not None and int(start) != a.woningen:
        toel.append(f"de afspraak noemt {a.woningen}")
    gestart = np.isfinite(gr[doel_c]).any() or (efg1[doel_c] < efg0[doel_c]).any()
    jaren = np.where(np.isfinite(hj), hj, gepl) if herplan is not None else gepl
    open_c = doel_c & (efg1 > 0)
    programma = bool(np.isfinite(jaren[open_c]).all() and (jaren[open_c] <= scenario.deadline).all()) \
        if open_c.any() else True
    start_j = a.start_jaar or a.doelen[0][0]
    if doel_c.sum() == 0 or nu == 0:
        status = GEHAALD
        toel.append("geen E/F/G meer in deze wijk")
    elif not programma:
        status = NIET_HAALBAAR
        toel.append(f"niet voor alle complexen met E/F/G staat werk gepland tot en met {scenario.deadline}")
    elif not gestart and jaar_nu > start_j:
        status = ACHTER
        toel.append(f"start in {start_j} afgesproken, nog niets uitgevoerd")
    elif (complexen["status"].to_numpy()[doel_c] == "vertraagd").any():
        status = ACHTER
        n_v = int((complexen["status"].to_numpy()[doel_c] == "vertraagd").sum())
        toel.append(f"{n_v} complex(en) van het programma vertraagd")
    else:
        status = OP_SCHEMA
        eerst = np.nanmin(jaren[open_c]) if open_c.any() else np.nan
        toel.append("programma staat in het plan" + (f", eerste werk {int(eerst)}" if np.isfinite(eerst) else ""))
    prog = float(efg1[open_c & ~(np.isfinite(jaren) & (jaren <= scenario.deadline))].sum())
    return _rij(a, naam, start_j, 0, int(start), None, int(nu), int(prog), status, "; ".join(toel))
