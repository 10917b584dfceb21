"""The progress tables: planned vs realised per half year, E/F/G against the NPA path, NPA figures."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..planning.tabellen import gekozen_staat
from .meting import Meter, in_voorraad, op_moment, tijd_in_jaar
from .realiseren import RANG_E, Werken, is_standaardpakket

NPA_INDICATOREN = [
    ("efg", "Woningen met label E, F of G (resterend, excl. vrijgesteld)"),
    ("verbeterd", "Woningen met een verbeterd label"),
    ("standaard", "Woningen geïsoleerd naar de Standaard"),
    ("pv", "Woningen met zonnepanelen"),
    ("agv", "Woningen aardgasvrij(-ready)"),
]

HALFJAAR_KOLOMMEN = ["corporatie", "wijk_code", "wijk_naam", "halfjaar", "gepland_woningen", "gerealiseerd_woningen",
                     "gepland_cumulatief", "gerealiseerd_cumulatief", "verschil_cumulatief"]
EFG_PAD_KOLOMMEN = ["corporatie", "moment", "jaar", "npa_pad", "plan", "gerealiseerd", "herplan", "verschil_met_plan"]
NPA_KOLOMMEN = ["corporatie", "indicator", "sleutel", "stand_start", "gepland_op_peildatum",
                "gerealiseerd_op_peildatum", "verschil", "plan_eind_deadline"]


def _groepen(corps: list[str]) -> list[tuple[str, list[str]]]:
    """Every corporation, and all together when there is more than one."""
    return [(c, [c]) for c in corps] + ([("alle corporaties", corps)] if len(corps) > 1 else [])


def _halfjaren(eerste: int, laatste: int) -> list[tuple[int, int]]:
    return [(j, h) for j in range(eerste, laatste + 1) for h in (1, 2)]


def halfjaar_tabel(complexen: pd.DataFrame, peildatum: dt.date, scenario, plan) -> pd.DataFrame:
    """Planned (in H2 of the planned year) vs realised dwellings worked on (the renovation's scope) per
    corporation x wijk x half year."""
    eerste = min(plan.jaren) if plan.jaren else scenario.startjaar
    laatste = max(peildatum.year, scenario.deadline)
    halves = _halfjaren(eerste, laatste)
    c = complexen.copy()
    c["wijk_code"] = c["wijk_code"].fillna("(geen wijk)")
    c["wijk_naam"] = c["wijk_naam"].fillna("")
    h_nu = 1 if peildatum.month <= 6 else 2
    gr = c["gerealiseerd_jaar"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    c["_gh"] = np.where(np.isfinite(gr), np.where((gr == peildatum.year) & (h_nu == 1), 1, 2), 0)
    rijen = []
    for (corp, wijk, wnaam), g in c.groupby(["corporatie", "wijk_code", "wijk_naam"], sort=True):
        gp = g["gepland_jaar"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        grj = g["gerealiseerd_jaar"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        won_p = g["gepland_woningen_aangepakt"].to_numpy(dtype=float)
        won_r = g["woningen_aangepakt"].to_numpy(dtype=float)
        if not (np.isfinite(gp).any() or np.isfinite(grj).any()):
            continue
        cum_p = cum_r = 0.0
        for j, h in halves:
            p = float(won_p[(gp == j)].sum()) if h == 2 else 0.0
            r = float(won_r[(grj == j) & (g["_gh"].to_numpy() == h)].sum())
            cum_p += p
            cum_r += r
            voorbij = (j, h) <= (peildatum.year, h_nu)
            rijen.append(dict(corporatie=corp, wijk_code=wijk, wijk_naam=wnaam, halfjaar=f"{j}-H{h}",
                              gepland_woningen=round(p, 1), gerealiseerd_woningen=round(r, 1) if voorbij else None,
                              gepland_cumulatief=round(cum_p, 1),
                              gerealiseerd_cumulatief=round(cum_r, 1) if voorbij else None,
                              verschil_cumulatief=round(cum_r - cum_p, 1) if voorbij else None))
    return pd.DataFrame(rijen, columns=HALFJAAR_KOLOMMEN)


def efg_pad_tabel(meter: Meter, scenario, peildatum: dt.date) -> pd.DataFrame:
    """E/F/G (excl. exempt) per corporation: NPA path (linear to 0 at the end of the deadline year), plan,
    realised on the peildatum and the re-plan, at 1 January of each year and on the peildatum."""
    D = int(scenario.deadline)
    rijen = []
    for naam, cs in _groepen(meter.corps):
        m = meter(np.isin(meter.o0.corporatie.astype(str), cs), cs)
        reeks, hreeks = m.reeks, m.hreeks
        start = m.start["efg"]
        eerste = int(reeks.index.min()) + 1
        frac = tijd_in_jaar(peildatum)
        n = max(D + 1 - eerste, 1)
        for j in range(eerste, max(D + 1, peildatum.year) + 1):
            pad = max(0.0, start * (1 - (j - eerste) / n))
            pl = op_moment(reeks, "efg", j - 1)
            hv = op_moment(hreeks, "efg", j - 1) if hreeks is not None and j - 1 >= int(hreeks.index.min()) + 1 else None
            op_peildatum = (j, 1, 1) == (peildatum.year, peildatum.month, peildatum.day)
            gr = m.nu["efg"] if op_peildatum else (start if j == eerste else None)
            rijen.append(dict(corporatie=naam, moment=f"1-1-{j}", jaar=j, npa_pad=round(pad, 1), plan=round(pl, 1),
                              gerealiseerd=gr, herplan=hv,
                              verschil_met_plan=round(gr - pl, 1) if gr is not None else None))
            if j == peildatum.year and (peildatum.month, peildatum.day) != (1, 1):
                pad_nu = max(0.0, start * (1 - (j - eerste + frac) / n))
                pl_nu = op_moment(reeks, "efg", j, frac)
                nu = m.nu["efg"]
                rijen.append(dict(corporatie=naam, moment=f"peildatum {peildatum:%d-%m-%Y}", jaar=j,
                                  npa_pad=round(pad_nu, 1), plan=round(pl_nu, 1), gerealiseerd=nu, herplan=nu,
                                  verschil_met_plan=round(nu - pl_nu, 1)))
    return pd.DataFrame(rijen, columns=EFG_PAD_KOLOMMEN)


def geplande_opties(o0, plan) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per complex of the options ``o0``, from the agreed ``plan``: the option of its renovation (its package in
    its scope; -1 none), the renovation year, the PV year and the year off gas (NaN none)."""
    pc = plan.complexen
    sleutel = pd.MultiIndex.from_arrays([pc["corporatie"].astype(str), pc["complex_id"].astype(str)])
    cx = o0.complexen
    rij = sleutel.get_indexer(pd.MultiIndex.from_arrays([cx["corporatie"].astype(str), cx["complex_id"].astype(str)]))

    def kolom(naam: str) -> np.ndarray:
        if naam not in pc:
            return np.full(o0.C, np.nan)
        v = pd.to_numeric(pc[naam], errors="coerce").to_numpy(dtype=float)
        return np.where(rij >= 0, v[np.maximum(rij, 0)], np.nan) if len(v) else np.full(o0.C, np.nan)
    aanpak = pc["aanpak"].to_numpy(dtype=object) if "aanpak" in pc else np.full(len(pc), None, dtype=object)
    pakket = pc["pakket"].to_numpy(dtype=object)
    optie = np.array([o0.optie(pakket[r], aanpak[r]) if r >= 0 else -1 for r in rij], dtype=np.int64)
    jaar = np.where(optie >= 0, kolom("jaar"), np.nan)
    return optie, jaar, kolom("pv_jaar"), kolom("van_gas_jaar")


def _plan_eind(o0, optie: np.ndarray, pj: np.ndarray, pvj: np.ndarray, vgj: np.ndarray, Y: int) -> dict:
    """Per complex the agreed plan's state at the end of year ``Y`` (works of ``Y`` and before done), for the
    NPA figures: E/F/G (excl. exempt), dwellings with a better label, insulated to the Standaard, aardgasvrij
    (-ready), with PV; zero for a complex out of the stock then."""
    ar = np.arange(o0.C)
    r = (optie >= 0) & (pj <= Y)
    s = vgj <= Y
    j = np.maximum(optie, 0)
    keuze = np.where(r, optie, -1)
    n = gekozen_staat(o0, keuze, np.where(s, 1, 0))[0]
    if o0.P:
        beter = np.where(s, np.where(r, o0.sw_beter[ar, j], o0.sw_beter0), np.where(r, o0.beter[ar, j], 0.0))
        std_pk = is_standaardpakket(o0.pakketten, o0.cat["naam"])
        std = np.where(r & std_pk[j], o0.werk[ar, j], 0.0)
        agv = (r & o0.agv[ar, j]) | (s & o0.schakel_mogelijk)
    else:
        beter, std, agv = np.zeros(o0.C), np.zeros(o0.C), s & o0.schakel_mogelijk
    voorraad = in_voorraad(o0, Y, 1.0)
    return {"efg": np.where(o0.vrij | ~voorraad, 0.0, n[:, RANG_E:].sum(1)), "verbeterd": beter * voorraad,
            "standaard": std * voorraad, "agv": np.where(agv & voorraad, o0.woningen, 0.0),
            "pv": np.where((o0.pv_aanwezig | (pvj <= Y)) & voorraad, o0.woningen, 0.0)}


def npa_tabel(o0, o1, werken: Werken, plan, scenario, jaar_nu: int, frac: float) -> pd.DataFrame:
    """The NPA progress figures a corporation reports, per corporation (and all together): at the start,
    planned on the peildatum, realised on it, and planned by the end of the deadline year. Planned works count
    at the scope they have (their option: package x scope) from the end of their year, a moment inside a year
    lies linearly between its year ends (as in the plan), and a complex demolished by a moment is out of the
    stock then; realised works count at the scope they were booked at."""
    D = int(scenario.deadline)
    eerste = int(plan.jaren[0]) if plan.jaren else jaar_nu
    won = o0.woningen
    optie, pj, pvj, vgj = geplande_opties(o0, plan)
    start = _plan_eind(o0, optie, pj, pvj, vgj, eerste - 1)
    voor, na = (_plan_eind(o0, optie, pj, pvj, vgj, Y) for Y in (jaar_nu - 1, jaar_nu))
    eind = _plan_eind(o0, optie, pj, pvj, vgj, D)
    gepland = {k: voor[k] + frac * (na[k] - voor[k]) for k in voor}
    nu = in_voorraad(o0, jaar_nu, frac)
    gerealiseerd = {
        "efg": np.where(o0.vrij | ~nu, 0.0, o1.n0[:, RANG_E:].sum(1)),
        "verbeterd": np.where(nu, werken.verbeterd, 0.0),
        "standaard": np.where(nu & werken.gedaan & werken.standaard, werken.aangepakt, 0.0),
        "agv": np.where(nu & werken.aardgasvrij, won, 0.0),
        "pv": np.where(nu & (o0.pv_aanwezig | werken.pv_nieuw), won, 0.0),
    }
    rijen = []
    for naam, cs in _groepen(sorted(set(o0.corporatie.astype(str)))):
        m = np.isin(o0.corporatie.astype(str), cs)
        for sleutel, tekst_ in NPA_INDICATOREN:
            # the start: the stock before any work (labels now, PV present); the counts of works start at 0
            b = start[sleutel][m].sum() if sleutel in ("efg", "pv") else 0.0
            g, r, e = gepland[sleutel][m].sum(), gerealiseerd[sleutel][m].sum(), eind[sleutel][m].sum()
            rijen.append(dict(corporatie=naam, indicator=tekst_, sleutel=sleutel, stand_start=int(round(b)),
                              gepland_op_peildatum=int(round(g)), gerealiseerd_op_peildatum=int(round(r)),
                              verschil=int(round(r - g)), plan_eind_deadline=int(round(e))))
    return pd.DataFrame(rijen, columns=NPA_KOLOMMEN)
