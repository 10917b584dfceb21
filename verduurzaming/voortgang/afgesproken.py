"""The agreed plan: the plan progress is judged against, and where it came from.

In this order: the plan as handed out before (``--vorig-plan`` / ``[invoer] vorig_plan``), the planned
columns of a realisation file that is a filled-in Planning sheet (one row per work, or the older one row per
complex), or, when neither is given, the plan the planner makes from the scenario. A handed-out plan is rebuilt
as a :class:`~verduurzaming.planning.Plan` from its works with the planner's own table builder
(:func:`~verduurzaming.planning.tabellen.bouw_plan` on the planner's options), so every figure progress compares
with (per complex, per year, the E/F/G path, the NPA figures) is that plan's, evaluated on the portfolio. A
complex the handed-out plan does not list has no works in it; a renovation has the scope (``aanpak``) the
plan gives it, the whole complex where it gives none.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..bevindingen import ACTIE_GEMELD, Bevindingen
from ..io.realisatie import UitgegevenPlan
from ..planning import maak_plan
from ..planning.gemeente import gemeente_overzicht
from ..planning.nabewerking import nabewerken
from ..planning.opties import Opties, bouw_opties
from ..planning.plan import Plan
from ..planning.tabellen import bouw_plan


@dataclass
class AfgesprokenPlan:
    """The plan progress compares with: ``plan`` (a Plan), and ``uitgegeven``, the plan as handed out it was
    rebuilt from (None: recomputed from the scenario)."""

    plan: Plan
    uitgegeven: UitgegevenPlan | None = None

    @property
    def bron(self) -> str | None:
        """The file (and sheet) the plan was handed out in; None when it was recomputed."""
        return self.uitgegeven.bron if self.uitgegeven is not None else None

    @property
    def vergeleken_met(self) -> str:
        """The sentence every output shows: which plan the realisation was compared with."""
        if self.bron:
            return f"vergeleken met het plan uit {self.bron}"
        return ("vergeleken met het plan opnieuw berekend uit het scenario: geef --vorig-plan voor het "
                "uitgegeven plan")


def afgesproken_plan(portefeuille, scenario, uitgegeven: UitgegevenPlan | None = None, *,
                     catalogus: pd.DataFrame | None = None, solver: dict | None = None,
                     bev: Bevindingen | None = None) -> AfgesprokenPlan:
    """The handed-out plan ``uitgegeven`` rebuilt on the portfolio (:func:`plan_uit_werken`), or without one
    the plan made from the scenario (:func:`~verduurzaming.planning.maak_plan`, no baseline)."""
    if uitgegeven is None:
        return AfgesprokenPlan(maak_plan(portefeuille, scenario, solver=solver, catalogus=catalogus, baseline=False))
    return AfgesprokenPlan(plan_uit_werken(portefeuille, scenario, uitgegeven, catalogus=catalogus, bev=bev),
                           uitgegeven)


def plan_uit_werken(portefeuille, scenario, uitgegeven: UitgegevenPlan, *, catalogus: pd.DataFrame | None = None,
                    opties: Opties | None = None, bev: Bevindingen | None = None) -> Plan:
    """The Plan whose works are those of ``uitgegeven`` (per complex its renovation: package, scope and year; its
    PV year; its year off gas), built as the planner builds its own. The switch off gas follows the planner's
    rule of thumb when the source does not say (an older Planning sheet); PV only where it says so. What cannot
    be placed (a complex or package unknown) is a finding and left out of the figures."""
    bev = bev if bev is not None else Bevindingen()
    o = opties if opties is not None else bouw_opties(portefeuille, scenario, catalogus)
    C = o.C
    pos = {k: i for i, k in enumerate(zip(o.corporatie.astype(str), o.complexen["complex_id"].astype(str),
                                          strict=True))}
    pakket = np.full(C, -1, dtype=np.int64)
    jaar = np.zeros(C, dtype=np.int64)
    pv_jaar = np.zeros(C, dtype=np.int64)
    van_gas = np.zeros(C, dtype=np.int64)
    w = uitgegeven.complexen
    for r in w.itertuples(index=False):
        k = (str(r.corporatie), str(r.complex_id))
        c = pos.get(k)
        if c is None:
            bev.voeg_toe(uitgegeven.bron, None, "complex_id", f"{k[0]} / {k[1]}",
                         "complex uit het uitgegeven plan staat niet in de portefeuille: niet meegeteld in de "
                         "geplande cijfers", ACTIE_GEMELD, sleutel=k[1])
            continue
        if isinstance(r.pakket, str) and pd.notna(r.jaar):
            j = o.optie(r.pakket, getattr(r, "aanpak", None))
            if j < 0:
                bev.voeg_toe(uitgegeven.bron, None, "pakket", r.pakket,
                             f"gepland pakket van complex {k[1]} staat niet in de maatregelencatalogus: niet "
                             "meegeteld in de geplande cijfers", ACTIE_GEMELD, sleutel=k[1])
            else:
                pakket[c], jaar[c] = j, int(r.jaar)
        if pd.notna(getattr(r, "pv_jaar", None)):
            pv_jaar[c] = int(r.pv_jaar)
        if pd.notna(getattr(r, "van_gas_jaar", None)):
            van_gas[c] = int(r.van_gas_jaar)
    solver = pd.DataFrame({"corporatie": sorted(set(o.corporatie.astype(str))), "status": "uitgegeven plan",
                           "doelwaarde": np.nan, "gap": np.nan, "seconden": 0.0})
    plan = bouw_plan(o, scenario, pakket, jaar, pv_jaar, [], [], solver,
                     schakel_jaar=van_gas if "van_gas_jaar" in w else None)
    plan.bronversies.update(portefeuille.bronversies)
    plan.bronversies["plan"] = f"uitgegeven plan: {uitgegeven.bron}"
    nabewerken(plan, o, scenario)
    plan.gemeente = gemeente_overzicht(plan, portefeuille, scenario)
    return plan
