"""verduurzaming: plan the removal of labels E/F/G, PV and CO2 reduction for Dutch social housing.

Public API (imported lazily so the command line starts fast)::

    from verduurzaming import lees_scenario, lees_portefeuille, maak_plan, schrijf_werkmap, schrijf_kaart
    s = lees_scenario("scenario.toml")
    p = lees_portefeuille(s)
    plan = maak_plan(p, s)
    schrijf_werkmap(plan, p, s, "reports/verduurzamingsplan.xlsx")
    schrijf_kaart(plan, p, "reports/kaart.html")

Progress (``verduurzaming voortgang``): ``lees_realisatie`` -> ``realiseer`` -> ``herplan`` ->
``bereken_voortgang`` -> ``schrijf_voortgang``; see ``docs/voortgang.md``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names below, typed for users' type checkers; at run time imported on first use
    from ._fouten import InvoerFout, KoppelFout, ScenarioFout, VerduurzamingFout
    from .bevindingen import Bevindingen
    from .export.geo import schrijf_geopackage
    from .export.kaart import schrijf_kaart
    from .export.plan_csv import schrijf_plan_csv
    from .export.voortgang import schrijf_voortgang
    from .export.werkboek import schrijf_werkmap
    from .planning import Plan, maak_baseline, maak_plan
    from .portefeuille import Portefeuille, lees_portefeuille
    from .scenario import Scenario, lees_scenario
    from .validatie.realisatie import lees_realisatie
    from .voortgang import Voortgang, bereken_voortgang, herplan, realiseer

__all__ = [
    "Bevindingen",
    "InvoerFout",
    "KoppelFout",
    "Plan",
    "Portefeuille",
    "Scenario",
    "ScenarioFout",
    "VerduurzamingFout",
    "Voortgang",
    "bereken_voortgang",
    "herplan",
    "lees_portefeuille",
    "lees_realisatie",
    "lees_scenario",
    "maak_baseline",
    "maak_plan",
    "realiseer",
    "schrijf_geopackage",
    "schrijf_kaart",
    "schrijf_plan_csv",
    "schrijf_voortgang",
    "schrijf_werkmap",
]

_WAAR = {
    "Scenario": "scenario", "lees_scenario": "scenario",
    "Portefeuille": "portefeuille", "lees_portefeuille": "portefeuille",
    "Plan": "planning", "maak_plan": "planning", "maak_baseline": "planning",
    "schrijf_werkmap": "export.werkboek", "schrijf_kaart": "export.kaart", "schrijf_geopackage": "export.geo",
    "schrijf_plan_csv": "export.plan_csv", "Bevindingen": "bevindingen",
    "lees_realisatie": "validatie.realisatie", "realiseer": "voortgang", "herplan": "voortgang",
    "Voortgang": "voortgang", "bereken_voortgang": "voortgang", "schrijf_voortgang": "export.voortgang",
    "VerduurzamingFout": "_fouten", "InvoerFout": "_fouten", "ScenarioFout": "_fouten",
    "KoppelFout": "_fouten",
}


def __getattr__(naam: str) -> Any:
    if naam in _WAAR:
        return getattr(importlib.import_module(f".{_WAAR[naam]}", __name__), naam)
    raise AttributeError(f"module 'verduurzaming' has no attribute {naam!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
