"""verduurzaming: plan the removal of labels E/F/G, PV and CO2 reduction for Dutch social housing.

Public API (imported lazily so the command line starts fast)::

    from verduurzaming import lees_scenario, load_portfolio, make_plan, write_workbook, write_map
    s = lees_scenario("scenario.toml")
    p = load_portfolio(s)
    plan = make_plan(p, s)
    write_workbook(plan, p, s, "reports/verduurzamingsplan.xlsx")
    write_map(plan, p, "reports/kaart.html")

Progress (``verduurzaming voortgang``): ``lees_realisatie`` -> ``realiseer`` -> ``herplan`` ->
``bereken_voortgang`` -> ``write_voortgang``; see ``docs/voortgang.md``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names below, typed for users' type checkers; at run time imported on first use
    from ._errors import InvoerFout, KoppelFout, ScenarioFout, VerduurzamingFout
    from .export.excel import write_workbook
    from .export.geo import write_geopackage
    from .export.kaart import write_map
    from .export.tabellen import write_plan_csv
    from .export.voortgang import write_voortgang
    from .findings import Bevindingen
    from .planning import Plan, baseline_plan, make_plan
    from .portfolio import Portfolio, load_portfolio
    from .scenario import Scenario, lees_scenario
    from .validate.realisatie import lees_realisatie
    from .voortgang import Voortgang, bereken_voortgang, herplan, realiseer

__all__ = ["Scenario", "lees_scenario", "Portfolio", "load_portfolio", "Plan", "make_plan", "baseline_plan",
           "write_workbook", "write_map", "write_geopackage", "write_plan_csv", "Bevindingen",
           "lees_realisatie", "realiseer", "herplan", "Voortgang", "bereken_voortgang", "write_voortgang",
           "VerduurzamingFout", "InvoerFout", "ScenarioFout", "KoppelFout"]

_WAAR = {
    "Scenario": "scenario", "lees_scenario": "scenario",
    "Portfolio": "portfolio", "load_portfolio": "portfolio",
    "Plan": "planning", "make_plan": "planning", "baseline_plan": "planning",
    "write_workbook": "export.excel", "write_map": "export.kaart", "write_geopackage": "export.geo",
    "write_plan_csv": "export.tabellen", "Bevindingen": "findings",
    "lees_realisatie": "validate.realisatie", "realiseer": "voortgang", "herplan": "voortgang",
    "Voortgang": "voortgang", "bereken_voortgang": "voortgang", "write_voortgang": "export.voortgang",
    "VerduurzamingFout": "_errors", "InvoerFout": "_errors", "ScenarioFout": "_errors",
    "KoppelFout": "_errors",
}


def __getattr__(naam: str) -> Any:
    if naam in _WAAR:
        return getattr(importlib.import_module(f".{_WAAR[naam]}", __name__), naam)
    raise AttributeError(f"module 'verduurzaming' has no attribute {naam!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
