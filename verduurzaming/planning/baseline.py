"""The plan a spreadsheet user makes by hand, to compare the optimiser against.

Worst label first (then most E/F/G dwellings), each year filled up to capacity and budget,
with the cheapest package that clears E/F/G and fits the wijk's TVW strategy (and, for
warmtenet, its uitvoering window). A complex in a wijk that goes off gas within the horizon
gets the cheapest aardgasvrij-ready package, as the TVW demands of the optimiser too: E/F/G
complexes in the E/F/G pass, the others as late as the wijk allows (the rule of thumb "do it
just before the wijk goes off gas"). A complex with a DMJOP (maintenance) moment gets its works at
that moment when it falls before the deadline (E/F/G) or before the wijk goes off gas, as a good
spreadsheet planner combines works with maintenance. Same catalogue, result model, TVW rule,
capacity and budget as the optimiser. No PV, no targets.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .nabewerking import nabewerken
from .opties import Opties, bouw_opties, vroegste_werkjaar
from .plan import Plan
from .tabellen import bouw_plan


def _slechtste_rang(o: Opties) -> np.ndarray:
    n = o.n0
    return np.where(n.sum(1) > 0, n.shape[1] - 1 - np.argmax(n[:, ::-1] > 0, axis=1), -1)


def baseline_keuzes(o: Opties, scenario) -> tuple[np.ndarray, np.ndarray]:
    """Per complex: package index (-1 none) and year (0 none) of the hand-made plan."""
    C = o.C
    korting = scenario.gewicht("dmjop_korting_pct") / 100.0
    pakket = np.full(C, -1, dtype=np.int64)
    jaar = np.zeros(C, dtype=np.int64)
    efg = (o.efg0 > 0) & ~o.vrij
    agv_eis = o.tvw_eis
    if not (efg.any() or agv_eis.any()) or o.P == 0:
        return pakket, jaar
    cid = o.complexen["complex_id"].astype(str).to_numpy()

    # C x P per year, computed once (per complex and year it was quadratic in the number of complexes)
    toegestaan = {int(y): o.jaar_toegestaan(int(y)) for y in scenario.jaren}

    def past(c: int, y: int, alleen_agv: bool = False) -> np.ndarray:
        ok = toegestaan[int(y)][c].copy()
        if efg[c]:
            ok &= o.wist_efg[c]
        if agv_eis[c] and y <= o.agv_jaar[c]:
            ok_agv = ok & o.agv[c]
            if ok_agv.any() or alleen_agv:
                return ok_agv
        return ok

    rang = _slechtste_rang(o)
    D = int(scenario.deadline)
    # the same lead time as the optimiser: a hand-made plan cannot contract works in the first year either
    vroegst = vroegste_werkjaar(scenario)
    for corp, grp in pd.Series(np.arange(C)).groupby(o.corporatie, sort=True):
        alle = grp.to_numpy()
        idx = alle[efg[alle]]
        volgorde = list(idx[np.lexsort((cid[idx], -o.efg0[idx], -rang[idx]))])
        params = scenario.corporatie(corp)
        cap = {y: params.capaciteit(y) for y in scenario.jaren}
        bud = {y: params.budget(y) for y in scenario.jaren}

        def neem(c: int, jaren: list[int], alleen_agv: bool = False) -> bool:
            for y in jaren:
                if y < vroegst:
                    continue
                ok = past(c, y, alleen_agv)
                if not ok.any():
                    continue
                kosten = np.where(ok, o.kosten[c] * o.prijsfactor(y), np.inf)
                p = int(np.argmin(kosten))
                k = kosten[p] * ((1 - korting) if o.onderhoud[c] == y else 1.0)
                if o.woningen[c] <= cap[y] and k <= bud[y]:
                    pakket[c], jaar[c] = p, y
                    cap[y] -= o.woningen[c]
                    bud[y] -= k
                    return True
            return False

        eerste_agv = {int(c): next((y for y in scenario.jaren
                                    if vroegst <= y <= D and past(c, y, alleen_agv=True).any()), None)
                      for c in volgorde if agv_eis[c]}
        # E/F/G with a DMJOP moment before the deadline: at that moment (a spreadsheet planner combines
        # with maintenance), worst label first, as long as capacity and budget of that year allow
        for c in volgorde:
            dm = o.onderhoud[c]
            if np.isfinite(dm) and int(dm) in cap and int(dm) <= D:
                neem(c, [int(dm)])
        # then the rest of E/F/G, year by year from the start, worst label first; a complex in a wijk that goes
        # off gas waits for the first year before the deadline in which an aardgasvrij-ready package may be done
        # (a warmtenet window that opens in time), as a planner who reads the TVW would
        for y in scenario.jaren:
            for c in volgorde:
                if pakket[c] >= 0:
                    continue
                wacht = eerste_agv.get(c)
                if wacht is not None and y < wacht:
                    continue
                if not (wacht is not None and neem(c, [y], alleen_agv=True)):
                    neem(c, [y])
        # then the rest of the wijken going off gas: as late as the wijk allows, earlier if full
        agv_rest = alle[agv_eis[alle] & ~efg[alle]]
        for c in agv_rest[np.lexsort((cid[agv_rest], o.agv_jaar[agv_rest]))]:
            jj = [y for y in reversed(scenario.jaren) if y <= o.agv_jaar[c]]
            dm = o.onderhoud[c]
            if np.isfinite(dm) and int(dm) in jj:
                jj = [int(dm)] + [y for y in jj if y != int(dm)]
            # the wijk needs it off gas: a year whose options are not aardgasvrij-ready (after a warmtenet window,
            # say) is skipped for a year that has one; only when no year has one, the best the rules allow
            if not neem(c, jj, alleen_agv=True):
                neem(c, jj)
    return pakket, jaar


def maak_baseline(portefeuille, scenario, *, catalogus: pd.DataFrame | None = None, opties: Opties | None = None) -> Plan:
    """The hand-made baseline plan (same layout as :func:`maak_plan`; ``baseline`` is None)."""
    o = opties if opties is not None else bouw_opties(portefeuille, scenario, catalogus)
    pakket, jaar = baseline_keuzes(o, scenario)
    D = int(scenario.deadline)
    rows = []
    cid = o.complexen["complex_id"].astype(str).to_numpy()
    mist = (o.efg0 > 0) & ~o.vrij & ((pakket < 0) | (jaar > D))
    for c in np.flatnonzero(mist):
        gepland = f"gepland in {jaar[c]}" if pakket[c] >= 0 else "niet gepland"
        rows.append(dict(corporatie=o.corporatie[c], complex_id=cid[c], soort="deadline", jaar=D,
                         toelichting=f"complex {cid[c]}: {int(o.efg0[c])} woningen E/F/G missen de deadline {D} ({gepland})"))
    zinnen = []
    for corp in sorted(set(o.corporatie[mist])):
        n = int(o.efg0[mist & (o.corporatie == corp)].sum())
        zinnen.append(f"{corp}: in het handmatige plan missen {n} woningen E/F/G de deadline {D}")
    solver = pd.DataFrame({"corporatie": sorted(set(o.corporatie)), "status": "handmatig (baseline)",
                           "doelwaarde": np.nan, "gap": np.nan, "seconden": 0.0})
    plan = bouw_plan(o, scenario, pakket, jaar, np.zeros(o.C, dtype=np.int64), rows, zinnen, solver)
    nabewerken(plan, o, scenario)
    plan.bronversies.update(portefeuille.bronversies)
    return plan
