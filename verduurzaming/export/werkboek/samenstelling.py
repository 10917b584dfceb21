"""The workbook assembled: the Samenvatting sheet comes first but is filled last (its charts point at the
NPA-monitor and CO2 sheets); the price level goes in every page header."""

from __future__ import annotations

from pathlib import Path

from ..werkmap import nieuwe_werkmap
from .hulpmiddelen import prijspeil
from .npa import _npa
from .overige import _baseline, _bevindingen, _co2, _zon
from .planningsblad import _planning, _planning_per_complex
from .samenvatting import _samenvatting
from .wijken import _gemeente, _wijk_per_jaar, _wijken, _wijkpaginas


def schrijf_werkmap(plan, portefeuille, scenario, pad: str | Path) -> Path:
    """Write the planning workbook (sheets ``BLADEN``) to ``pad`` atomically; returns ``pad``.

    Reads only ``plan`` tables (and the portfolio's wijken, findings and reference versions);
    never recomputes the plan. Text from input data is always written as text, never a formula.
    """
    pad = Path(pad)
    jaren = [int(j) for j in (plan.jaren or (sorted(set(plan.per_jaar["jaar"])) if len(plan.per_jaar) else
                                              list(scenario.jaren)))]
    with nieuwe_werkmap(pad) as wb:
        samen = wb.create_sheet("Samenvatting")
        npa_ws, npa_rijen = _npa(wb, plan, jaren, int(plan.deadline))
        _planning(wb, plan, portefeuille)
        _planning_per_complex(wb, plan, portefeuille)
        _wijken(wb, plan, portefeuille, jaren)
        _gemeente(wb, plan)
        _wijk_per_jaar(wb, plan, portefeuille, jaren)
        _wijkpaginas(wb, plan, portefeuille)
        _zon(wb, plan, scenario)
        co2_ws, co2_doel_rij, co2_waarden = _co2(wb, plan, portefeuille, scenario, jaren)
        _baseline(wb, plan)
        _bevindingen(wb, portefeuille)
        _samenvatting(samen, plan, portefeuille, scenario, jaren, npa_ws, npa_rijen, co2_ws, co2_doel_rij,
                      co2_waarden)
        peil_prijs = prijspeil(plan)
        if peil_prijs:
            for ws in wb.worksheets:
                ws.oddHeader.right.text = f"Bedragen in euro's, prijspeil {peil_prijs}"
    return pad
