"""Progress: realised state + plan + agreements -> statuses and tables (pure: no files, no printing).

Flow (``verduurzaming voortgang``, see ``docs/voortgang.md``)::

    plan as handed out (--vorig-plan, or the Planning sheet of the realisation), else the scenario
                                    --afgesproken_plan-->  AfgesprokenPlan (the plan compared with)
    Portfolio (start) + Realisatie + agreed plan  --realiseer-->  Toestand (the portfolio on the peildatum)
    Toestand + scenario + agreed plan  --herplan-->  Plan of what is left (contracted works kept)
    agreed plan + Portfolio + Realisatie + re-plan  --bereken_voortgang-->  Voortgang

``bereken_voortgang`` is the entry point (it makes the Toestand itself when not given one); the
workbook writer is :func:`verduurzaming.export.voortgang.schrijf_voortgang`.

Modules: ``afgesproken`` (the plan compared with), ``realiseren`` (the realised state), ``meting``
(indicator values and the plan's series), ``status`` (work status per complex, status per agreement),
``tabellen`` (half years, E/F/G path, NPA figures), ``herplannen`` (re-plan and what changed),
``berekening`` (the entry point).
"""

from __future__ import annotations

from .afgesproken import AfgesprokenPlan, afgesproken_plan, plan_uit_werken
from .berekening import Voortgang, bereken_voortgang
from .herplannen import WIJZIGING_KOLOMMEN, herplan, herplan_scenario, wijzigingen
from .realiseren import Toestand, realiseer
from .status import WERK_STATUSSEN

__all__ = ["WERK_STATUSSEN", "WIJZIGING_KOLOMMEN", "AfgesprokenPlan", "Toestand", "Voortgang", "afgesproken_plan",
           "bereken_voortgang", "herplan", "herplan_scenario", "plan_uit_werken", "realiseer", "wijzigingen"]
