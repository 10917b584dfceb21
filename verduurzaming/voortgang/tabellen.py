"""The progress tables: planned vs realised per half year, E/F/G against the NPA path, NPA figures."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .meting import Meter, op_moment, tijd_in_jaar
from .realiseren import RANG_E, Werken

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
    """Planned (in H2 of the planned year) vs realised dwellings per corporation x wijk x half year."""
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
        won = g["woningen"].to_numpy(dtype=float)
        if not (np.isfinite(gp).any() or np.isfinite(grj).any()):
            continue
        cum_p = cum_r = 0.0
        for j, h in halves:
            p = float(won[(gp == j)].sum()) if h == 2 else 0.0
            r = float(won[(grj == j) & (g["_gh"].to_numpy() == h)].sum())
            cum_p += p
            cum_r += r
            voorbij = (j, h) <= (peildatum.year, h_nu)
            rijen.append(dict(corporatie=corp, wijk_code=wijk, wijk_naam=wnaam, halfjaar=f"{j}-H{h}",
                              gepland_woningen=int(p), gerealiseerd_woningen=int(r) if voorbij else None,
                              gepland_cumulatief=int(cum_p), gerealiseerd_cumulatief=int(cum_r) if voorbij else None,
                              verschil_cumulatief=int(cum_r - cum_p) if voorbij else None))
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


def npa_tabel(o0, o1, complexen: pd.DataFrame, werken: Werken, gepland_jaar: np.ndarray, plan, scenario,
              jaar_nu: int, frac: float) -> pd.DataFrame:
    """The NPA progress figures a corporation reports, per corporation (and all together): at the start,
    planned on the peildatum, realised on it, and planned by the end of the deadline year."""
    D = int(scenario.deadline)
    won = o0.woningen
    efg0 = np.where(o0.vrij, 0, o0.n0[:, RANG_E:].sum(1))
    efg1 = np.where(o0.vrij, 0, o1.n0[:, RANG_E:].sum(1))
    verb = complexen["label_verbeterd_woningen"].to_numpy(dtype=float)
    pc = plan.complexen.set_index([plan.complexen["corporatie"].astype(str), plan.complexen["complex_id"].astype(str)])
    keys = list(zip(complexen["corporatie"], complexen["complex_id"], strict=False))
    pk = [pc["pakket"].get(k) if k in pc.index else None for k in keys]
    cat_std = {p: ("standaard" in p.lower()) for p in o0.pakketten}
    p_std = np.array([bool(isinstance(p, str) and cat_std.get(p, False)) for p in pk])
    p_agv = np.array([bool(isinstance(p, str) and p in o0.pakketten and o0.agv[i, o0.pakketten.index(p)])
                      for i, p in enumerate(pk)])
    pv_plan_j = pd.to_numeric(plan.complexen["pv_jaar"], errors="coerce").to_numpy(dtype=float) \
        if "pv_jaar" in plan.complexen else np.full(len(keys), np.nan)
    efg_na_plan = pd.to_numeric(plan.complexen["n_efg_na"], errors="coerce").to_numpy(dtype=float) \
        if "n_efg_na" in plan.complexen else efg0
    gedaan, pv_nieuw, is_std, is_agv = werken.gedaan, werken.pv_nieuw, werken.standaard, werken.aardgasvrij

    def gepland_tot(j_arr, waarde, j, f):
        return float(waarde[(j_arr < j)].sum() + f * waarde[(j_arr == j)].sum())

    rijen = []
    for naam, cs in _groepen(sorted(set(o0.corporatie.astype(str)))):
        m = np.isin(o0.corporatie.astype(str), cs)
        pj = np.where(m, gepland_jaar, np.nan)
        pvj = np.where(m, pv_plan_j, np.nan)
        w = np.where(m, won, 0.0)
        efg_weg = np.where(m, efg0 - efg_na_plan * ~o0.vrij, 0)
        pv_start = won[m & o0.pv_aanwezig].sum()
        pv_erbij = np.where(~o0.pv_aanwezig, w, 0)
        waarden = {
            "efg": (efg0[m].sum(), efg0[m].sum() - gepland_tot(pj, efg_weg, jaar_nu, frac),
                    efg1[m].sum(), efg0[m].sum() - gepland_tot(pj, efg_weg, D, 1.0)),
            "verbeterd": (0.0, gepland_tot(pj, w, jaar_nu, frac), verb[m].sum(), gepland_tot(pj, w, D, 1.0)),
            "standaard": (0.0, gepland_tot(pj, np.where(p_std, w, 0), jaar_nu, frac),
                          won[m & gedaan & is_std].sum(), gepland_tot(pj, np.where(p_std, w, 0), D, 1.0)),
            "pv": (pv_start, pv_start + gepland_tot(pvj, pv_erbij, jaar_nu, frac),
                   won[m & (o0.pv_aanwezig | pv_nieuw)].sum(), pv_start + gepland_tot(pvj, pv_erbij, D, 1.0)),
            "agv": (0.0, gepland_tot(pj, np.where(p_agv, w, 0), jaar_nu, frac), won[m & gedaan & is_agv].sum(),
                    gepland_tot(pj, np.where(p_agv, w, 0), D, 1.0)),
        }
        for sleutel, tekst_ in NPA_INDICATOREN:
            b, g, r, e = waarden[sleutel]
            rijen.append(dict(corporatie=naam, indicator=tekst_, sleutel=sleutel, stand_start=int(round(b)),
                              gepland_op_peildatum=int(round(g)), gerealiseerd_op_peildatum=int(round(r)),
                              verschil=int(round(r - g)), plan_eind_deadline=int(round(e))))
    return pd.DataFrame(rijen, columns=NPA_KOLOMMEN)
