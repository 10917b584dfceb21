"""The plan workbook: planning, NPA monitor, wijken, PV, CO2, baseline and findings as one XLSX file.

A pure writer: it reads a :class:`~verduurzaming.planning.Plan` (and the portfolio's wijken and
findings for display) and reshapes or sums what those tables hold; it never recomputes the plan.
Whatever the Plan does not hold is written as ``niet beschikbaar``.

The whole workbook is written in openpyxl's write-only mode: rows stream to disk as they are
made, so a plan of 100,000 complexes needs no second copy in memory. Every text cell is written
as an inline string (``t="inlineStr"``), never as a formula: a complex name ``=HYPERLINK(...)``,
``+31...``, ``-5`` or ``@SUM(...)`` stays text, and gets Excel's quote prefix so that editing the
cell does not turn it into a formula either. The file is written atomically.

The header of the Planning sheet is a stable contract (``PLANNING_KOLOMMEN``), documented in
``docs/werkboek.md``; ``verduurzaming voortgang`` reads it back.

One module per sheet or group of sheets: ``samenvatting`` (with its charts in ``grafieken``), ``npa``
(NPA-monitor), ``planningsblad`` (the Planning sheet), ``wijken`` (Wijken, Gemeente, Wijk per jaar, Wijkpagina's), ``overige``
(Zon, CO2, Baseline, Bevindingen); ``samenstelling`` puts them together; ``hulpmiddelen`` holds what
they share. The sheet toolkit is ``export/werkmap.py``, shared with the progress workbook.
"""

from .hulpmiddelen import BLADEN, NIET_BESCHIKBAAR
from .npa import ALLE_CORPORATIES
from .planningsblad import PLANNING_KOLOMMEN, PLANNING_MACHINENAMEN
from .samenstelling import schrijf_werkmap

__all__ = ["ALLE_CORPORATIES", "BLADEN", "NIET_BESCHIKBAAR", "PLANNING_KOLOMMEN", "PLANNING_MACHINENAMEN",
           "schrijf_werkmap"]
