"""Planning: Portfolio + Scenario in, Plan out (pure: no files, no printing).

Public API: :class:`Plan`, :func:`maak_plan`, :func:`maak_baseline`.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from .baseline import maak_baseline
from .controle import controleer, oordeel
from .diagnose import na_oplossen, vooraf
from .formulering import los_op
from .gemeente import gemeente_overzicht
from .nabewerking import co2_referentie_kg, nabewerken
from .opties import bouw_opties
from .plan import Plan
from .tabellen import bouw_plan, gekozen_staat

__all__ = ["Plan", "maak_baseline", "maak_plan", "oordeel"]


def _los_alle(o, taken: list, scenario, solver: dict | None) -> list:
    """The MILP of every corporation. The models are independent: with ``scenario.solver_werkers`` > 1 they
    are solved side by side in threads (HiGHS releases the GIL while it solves and keeps a scheduler per
    thread; every model has its own seed and ``threads``), in the same order and with the same result as one
    after the other."""
    werkers = max(1, int(scenario.solver_werkers))

    def een(taak):
        _, cidx, params, ref_kg = taak
        return los_op(o, cidx, scenario, params, ref_kg, extra_opties=solver)

    if werkers == 1 or len(taken) < 2:
        return [een(t) for t in taken]
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=min(werkers, len(taken))) as pool:
        return list(pool.map(een, taken))


def maak_plan(portefeuille, scenario, *, solver: dict | None = None, catalogus: pd.DataFrame | None = None,
              baseline: bool = True) -> Plan:
    """The least-cost renovation + PV plan per corporation (MILP, HiGHS).

    ``solver``: extra HiGHS options; time limit and gap come from ``scenario.solver_tijd_s`` (per
    corporation) and ``scenario.solver_gap``, seed and threads from ``scenario.solver_seed`` (0) and
    ``scenario.solver_threads`` (1); ``scenario.solver_werkers`` corporations are solved side by side.
    ``catalogus``: a measure catalog (``measures.lees_catalogus`` layout) instead of the default.
    ``baseline``: also build the hand-made baseline plan into ``plan.baseline``.
    An infeasible scenario still gives a plan: the violated constraints are listed in
    ``plan.schendingen`` and explained in ``plan.diagnose``. A solve that is not proven optimal
    (time limit, no feasible solution) says so in ``plan.solver`` (``bewezen``, ``toelichting``)
    and in ``plan.diagnose``; E/F/G left after the deadline are violations whatever the solver
    reported (:mod:`verduurzaming.planning.controle`). :func:`oordeel` gives the verdict.
    """
    t0 = time.perf_counter()
    o = bouw_opties(portefeuille, scenario, catalogus)
    C = o.C
    pakket = np.full(C, -1, dtype=np.int64)
    jaar = np.zeros(C, dtype=np.int64)
    pv_jaar = np.zeros(C, dtype=np.int64)
    schakel = np.zeros(C, dtype=np.int64)
    rows, zinnen, solver_rows = [], [], []
    # the reference is each corporation's own stock in the reference year, all carriers; a gemeente-wide
    # tonnage (co2_referentie_ton) is context only, never a corporation's reference
    co2_ref = co2_referentie_kg(o, scenario)
    taken = []
    for corp, grp in pd.Series(np.arange(C)).groupby(o.corporatie, sort=True):
        cidx = grp.to_numpy()
        ref_kg = float(co2_ref[cidx].sum()) if scenario.doelen.co2_reductie_pct else None
        taken.append((corp, cidx, scenario.corporatie(corp), ref_kg))
    oplossingen = _los_alle(o, taken, scenario, solver)
    for (corp, cidx, params, _), opl in zip(taken, oplossingen, strict=False):
        r1, z1, _ = vooraf(o, cidx, scenario)
        r2, z2 = na_oplossen(o, opl, scenario, params)
        rows += r1 + r2
        zinnen += z1 + z2
        pakket[cidx], jaar[cidx], pv_jaar[cidx] = opl.pakket, opl.jaar, opl.pv_jaar
        if opl.schakel_jaar is not None:
            schakel[cidx] = opl.schakel_jaar
        solver_rows.append(dict(corporatie=corp, status=opl.status, doelwaarde=round(opl.doelwaarde, 2),
                                gap=opl.gap, seconden=round(opl.seconden, 3), variabelen=opl.n_var,
                                rijen=opl.n_rij, bewezen=opl.bewezen, heeft_oplossing=opl.heeft_oplossing,
                                toelichting=opl.toelichting))
    # the plan's own figures: E/F/G left after the deadline, unproven solves, targets outside the model
    r3, z3 = controleer(o, scenario, pakket, jaar, gekozen_staat(o, pakket, schakel)[0], rows, solver_rows)
    rows += r3
    zinnen += z3
    solver_df = pd.DataFrame(solver_rows, columns=["corporatie", "status", "doelwaarde", "gap", "seconden",
                                                   "variabelen", "rijen", "bewezen", "heeft_oplossing",
                                                   "toelichting"])
    plan = bouw_plan(o, scenario, pakket, jaar, pv_jaar, rows, zinnen, solver_df, schakel_jaar=schakel)
    plan.bronversies.update(portefeuille.bronversies)
    nabewerken(plan, o, scenario)
    plan.gemeente = gemeente_overzicht(plan, portefeuille, scenario)
    if baseline:
        plan.baseline = maak_baseline(portefeuille, scenario, opties=o)
    plan.bronversies["planning_seconden"] = f"{time.perf_counter() - t0:.1f}"
    return plan
