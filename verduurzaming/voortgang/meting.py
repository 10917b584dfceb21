"""Indicator values: the realised state's, and the plan's year-end series they are compared with.

A planned year means "done by 31 December"; the plan's value on a peildatum inside a year is
interpolated linearly between the year-end values (:func:`op_moment`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..planning.nabewerking import co2_referentie_kg, gemiddelde_waarde
from ..planning.opties import co2_factoren
from .realiseren import RANG_E, Werken


def tijd_in_jaar(peildatum: dt.date) -> float:
    """Fraction of the peildatum's year that has passed (1 January = 0)."""
    return (peildatum.timetuple().tm_yday - 1) / (366 if peildatum.year % 4 == 0 else 365)


def co2_factoren_op(jaar: int, frac: float, factoren: pd.DataFrame | None = None) -> tuple[float, float, float]:
    """The CO2 factors on a moment inside ``jaar`` (``frac`` of it passed), measured as the plan's values are: at
    1 January those of the year before (the plan's year-end value), linear to the year's own at its end."""
    voor, na = co2_factoren(jaar - 1, factoren), co2_factoren(jaar, factoren)
    return tuple(a + frac * (b - a) for a, b in zip(voor, na, strict=True))  # type: ignore[return-value]


def in_voorraad(o, jaar: int, frac: float) -> np.ndarray:
    """Per complex of the options ``o``: still in the stock on the moment (``frac`` of ``jaar`` passed)? A
    complex demolished in a year counts until that year's end, as in the plan."""
    cx = o.complexen
    sloop = pd.to_numeric(pd.Series(cx["sloop_jaar"], dtype="object"), errors="coerce").to_numpy(dtype=float) \
        if "sloop_jaar" in cx else np.full(o.C, np.nan)
    return ~(sloop <= jaar) if frac >= 1.0 else ~(sloop < jaar)


def indicatorwaarden(o, mask: np.ndarray, factoren: tuple[float, float, float], pv_nieuw: np.ndarray,
                     gas: np.ndarray, elek: np.ndarray, warmte: np.ndarray,
                     definitie: tuple[str, str] = ("ep2", "m2")) -> dict:
    """Indicator values of the state described by Opties ``o`` (its start arrays: labels, EP2, PV present) with
    energy ``gas``, ``elek`` (heating electricity, total) and ``warmte`` per complex, on complexes ``mask``; CO2
    with ``factoren`` (gas, electricity, heat).

    ``lbl`` is the mean a "gemiddeld label" is read from, per the scenario's definition (EP2 or EI,
    per m2 or per dwelling), computed as the plan computes it."""
    gbo = o.gbo[mask].sum()
    ep2 = o.ep2sum0[mask].sum() - (o.pv_ep2_red * o.gbo)[mask & pv_nieuw].sum()
    ep2_c = np.where(o.gbo > 0, (o.ep2sum0 - np.where(pv_nieuw, o.pv_ep2_red * o.gbo, 0.0)) / np.maximum(o.gbo, 1e-9),
                     np.nan)
    lbl = gemiddelde_waarde(o.n0[mask], ep2_c[mask], o.woningen[mask], o.gbo[mask], *definitie)
    fg, fe, fw = factoren
    co2 = (fg * gas + fe * (elek - np.where(pv_nieuw, o.pv_kwh, 0)) + fw * warmte)[mask].sum()
    return {
        "ep2": ep2 / gbo if gbo > 0 else np.nan,
        "lbl": lbl,
        "efg": float(np.where(o.vrij, 0, o.n0[:, RANG_E:].sum(1))[mask].sum()),
        "pv": float(o.woningen[mask & (o.pv_aanwezig | pv_nieuw)].sum()),
        "co2_kg": float(co2),
        "gbo": float(gbo),
    }


def plan_reeks(plan, corps: list[str], gbo_corp: dict, start: dict, weging: str = "m2") -> pd.DataFrame:
    """Year-end values of the plan for a set of corporations: ep2, lbl (the mean-label value per the
    scenario's definition), efg (excl. exempt), pv, co2_kg, renovaties."""
    pj = plan.per_jaar
    pj = pj[pj["corporatie"].astype(str).isin(corps)]
    rijen = [dict(jaar=None, **start)]
    for y, g in pj.groupby("jaar", sort=True):
        gb = np.array([gbo_corp.get(str(c), 0.0) for c in g["corporatie"]])
        ep2 = float((g["ep2_gem_kwh_m2"].to_numpy(dtype=float) * gb).sum() / gb.sum()) if gb.sum() > 0 else np.nan
        efg_eind = float((g["n_efg"] - g["efg_verwijderd"] - g["efg_vrijgesteld"]).sum())
        if "gemiddeld_label_waarde" in g:
            gw = gb if weging == "m2" else g["woningen"].to_numpy(dtype=float)
            lw = g["gemiddeld_label_waarde"].to_numpy(dtype=float)
            lbl = float((lw * gw).sum() / gw.sum()) if gw.sum() > 0 else np.nan
        else:
            lbl = ep2
        rijen.append(dict(jaar=int(y), ep2=ep2, lbl=lbl, efg=efg_eind, pv=float(g["pv_woningen"].sum()),
                          co2_kg=float(g["co2_kg"].sum()), renovaties=float(g["renovaties_woningen"].sum())))
    df = pd.DataFrame(rijen)
    eerste = int(pj["jaar"].min()) if len(pj) else 0
    df.loc[0, "jaar"] = eerste - 1
    df["renovaties"] = df["renovaties"].fillna(0).cumsum()
    return df.set_index("jaar")


def op_moment(reeks: pd.DataFrame, kol: str, jaar: int, frac: float = 1.0) -> float:
    """Value at the end of ``jaar`` (frac 1) or inside it (linear from the end of the year before)."""
    idx = reeks.index
    if not len(idx):
        return np.nan
    jaar_c = min(max(jaar, idx.min()), idx.max())
    eind = float(reeks.loc[jaar_c, kol])
    vorig_j = min(max(jaar - 1, idx.min()), idx.max())
    vorig = float(reeks.loc[vorig_j, kol])
    if jaar > idx.max():
        return float(reeks.loc[idx.max(), kol])
    return vorig + frac * (eind - vorig)


@dataclass
class Meting:
    """One group of complexes measured: at the start, on the peildatum, and the plan's and re-plan's series."""

    start: dict
    nu: dict
    reeks: pd.DataFrame
    hreeks: pd.DataFrame | None
    ren_nu: float                       # dwellings renovated or with a better label since the start
    ref_co2: float                      # CO2 reference [kg]: the corporations' own stock in co2_referentiejaar


class Meter:
    """Measures a group of complexes (a mask over the options ``o0``) of a set of corporations; a complex
    demolished by the moment measured is out of the stock, as in the plan."""

    def __init__(self, o0, o1, plan, herplan, scenario, werken: Werken, jaar_nu: int, frac: float = 0.0):
        self.o0, self.o1, self.plan, self.herplan, self.scenario = o0, o1, plan, herplan, scenario
        self.werken, self.jaar_nu, self.frac = werken, jaar_nu, frac
        self.corps = sorted(set(o0.corporatie.astype(str)))
        self.gbo_corp = {c: float(o0.gbo[o0.corporatie.astype(str) == c].sum()) for c in self.corps}
        self.definitie = (scenario.doelen.gemiddeld_label_maat, scenario.doelen.gemiddeld_label_weging)

    def __call__(self, mask: np.ndarray, cs: list[str]) -> Meting:
        o0, w, C = self.o0, self.werken, self.o0.C
        eerste = self.plan.jaren[0] if self.plan.jaren else self.jaar_nu
        start = indicatorwaarden(o0, mask & in_voorraad(o0, eerste, 0.0), co2_factoren(eerste, o0.factoren),
                                 np.zeros(C, bool), o0.gas0, o0.elek0, o0.warmte0, self.definitie)
        nu = indicatorwaarden(self.o1, mask & in_voorraad(o0, self.jaar_nu, self.frac),
                              co2_factoren_op(self.jaar_nu, self.frac, o0.factoren), w.pv_nieuw, w.gas, w.elek,
                              w.warmte, self.definitie)
        start_r = dict(ep2=start["ep2"], lbl=start["lbl"], efg=start["efg"], pv=start["pv"], co2_kg=start["co2_kg"],
                       renovaties=0.0)
        reeks = plan_reeks(self.plan, cs, self.gbo_corp, start_r, self.definitie[1])
        hreeks = plan_reeks(self.herplan, cs, self.gbo_corp, dict(ep2=nu["ep2"], lbl=nu["lbl"], efg=nu["efg"],
                                                                   pv=nu["pv"], co2_kg=nu["co2_kg"], renovaties=0.0),
                            self.definitie[1]) if self.herplan is not None else None
        # dwellings renovated (worked on by the realised works, as the plan counts them) or with a better label
        ren_nu = float(np.where(w.gedaan, w.aangepakt, w.verbeterd)[mask].sum())
        # the CO2 reference of plan and voortgang alike: the corporations' own stock in co2_referentiejaar
        ref_co2 = float(co2_referentie_kg(o0, self.scenario)[mask].sum())
        return Meting(start=start, nu=nu, reeks=reeks, hreeks=hreeks, ren_nu=ren_nu, ref_co2=ref_co2)
