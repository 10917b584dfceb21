"""verduurzaming: plan the removal of labels E/F/G, PV and CO2 reduction for Dutch social housing.

Public API (imported lazily so the command line starts fast)::

    from verduurzaming import lees_scenario, load_portfolio, make_plan, write_workbook, write_map
    s = lees_scenario("scenario.toml")
    p = load_portfolio(s)
    plan = make_plan(p, s)
    write_workbook(plan, p, s, "reports/verduurzamingsplan.xlsx")
    write_map(plan, p, "reports/kaart.html")
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["Scenario", "lees_scenario", "Portfolio", "load_portfolio", "Plan", "make_plan", "baseline_plan",
           "write_workbook", "write_map", "write_geopackage", "write_plan_csv", "Bevindingen",
           "VerduurzamingFout", "InvoerFout", "ScenarioFout", "KoppelFout", "OnhaalbaarPlan"]

_WAAR = {
    "Scenario": "scenario", "lees_scenario": "scenario",
    "Portfolio": "portfolio", "load_portfolio": "portfolio",
    "Plan": "planning", "make_plan": "planning", "baseline_plan": "planning",
    "write_workbook": "export.excel", "write_map": "export.kaart", "write_geopackage": "export.geo",
    "write_plan_csv": "export.tabellen", "Bevindingen": "findings",
    "VerduurzamingFout": "_errors", "InvoerFout": "_errors", "ScenarioFout": "_errors",
    "KoppelFout": "_errors", "OnhaalbaarPlan": "_errors",
}


def __getattr__(naam: str) -> Any:
    if naam in _WAAR:
        return getattr(importlib.import_module(f".{_WAAR[naam]}", __name__), naam)
    raise AttributeError(f"module 'verduurzaming' has no attribute {naam!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
