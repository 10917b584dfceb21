"""The three charts of the Samenvatting, drawn from the NPA-monitor and CO2 sheets."""

from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl.chart import BarChart, LineChart, Reference, Series

from ... import labels as L
from ..werkmap import KOP_KLEUR as _KOP_KLEUR
from ..werkmap import leeg as _leeg
from ..werkmap import veilige_tekst
from .hulpmiddelen import _fmt_aantal

_CORP_KLEUREN = ["1F4E78", "ED7D31", "70AD47", "7030A0", "FFC000", "5B9BD5", "A5A5A5", "264478", "9E480E", "636363"]


def _as_ondergrens(waarden: Sequence[float]) -> float:
    """Where the CO2 axis starts: 0, unless the line would then look flat (all values in the top
    half of the axis): then a round number under the lowest value, so a -12 % change shows."""
    w = [float(v) for v in waarden if v is not None and not _leeg(v) and not isinstance(v, str)]
    if not w or min(w) <= 0:
        return 0.0
    laag, hoog = min(w), max(w)
    if laag < hoog * 0.5:
        return 0.0
    stap = 10 ** math.floor(math.log10(max(hoog - laag, hoog * 0.02)))
    return max(0.0, math.floor((laag - (hoog - laag) * 0.25) / stap) * stap)


def _grafiek_efg(npa_ws, npa_rijen, jaren: list[int], D: int) -> BarChart | None:
    """E/F/G per corporation (stacked) against the NPA path to 0 after the deadline."""
    efg_rijen = (npa_rijen or {}).get("efg_per_corporatie", {})
    if npa_ws is not None and jaren and efg_rijen and "npa_pad" in npa_rijen:
        ec = BarChart()
        ec.type, ec.grouping, ec.overlap = "col", "stacked", 100
        ec.title = f"Woningen E/F/G per corporatie (begin jaar) en het NPA-pad naar 0 na {D}"
        ec.y_axis.title, ec.x_axis.title = "woningen E/F/G", "jaar"
        ec.y_axis.numFmt = "#,##0"
        ec.y_axis.scaling.min = 0
        for i, (corp, r) in enumerate(efg_rijen.items()):
            reeks = Series(Reference(npa_ws, min_col=4, max_col=3 + len(jaren), min_row=r, max_row=r),
                           title=veilige_tekst(corp))
            reeks.graphicalProperties.solidFill = _CORP_KLEUREN[i % len(_CORP_KLEUREN)]
            ec.series.append(reeks)
        ec.set_categories(Reference(npa_ws, min_col=4, max_col=3 + len(jaren), min_row=1, max_row=1))
        pad = LineChart()
        r = npa_rijen["npa_pad"]
        lijn = Series(Reference(npa_ws, min_col=4, max_col=3 + len(jaren), min_row=r, max_row=r), title="NPA-pad")
        lijn.graphicalProperties.line.solidFill = "C00000"
        lijn.graphicalProperties.line.dashStyle = "dash"
        lijn.graphicalProperties.line.width = 28000
        lijn.smooth = False
        pad.series.append(lijn)
        ec += pad
        return _opmaak(ec)
    return None


def _opmaak(grafiek: BarChart) -> BarChart:
    """The size, legend and visible axes both column charts share."""
    grafiek.width, grafiek.height, grafiek.gapWidth = 19, 8.5, 60
    grafiek.legend.position = "r"
    grafiek.x_axis.delete = False
    grafiek.y_axis.delete = False
    return grafiek


def _grafiek_labels(npa_ws, npa_rijen, jaren: list[int]) -> BarChart | None:
    """Dwellings per energy label at the start of each year."""
    if npa_ws is not None and jaren and all(f"n_{lab}" in npa_rijen for lab in L.LABELS):
        bc = BarChart()
        bc.type, bc.grouping, bc.overlap = "col", "stacked", 100
        bc.title = "Woningen per energielabel (begin jaar)"
        bc.y_axis.title, bc.x_axis.title = "woningen", "jaar"
        bc.y_axis.numFmt = "#,##0"
        for lab in L.LABELS:
            r = npa_rijen[f"n_{lab}"]
            s = Series(Reference(npa_ws, min_col=4, max_col=3 + len(jaren), min_row=r, max_row=r), title=lab)
            s.graphicalProperties.solidFill = L.KLEUR[lab].lstrip("#").upper()
            s.graphicalProperties.line.solidFill = "FFFFFF"
            bc.series.append(s)
        bc.set_categories(Reference(npa_ws, min_col=4, max_col=3 + len(jaren), min_row=1, max_row=1))
        return _opmaak(bc)
    return None


def _grafiek_co2(co2_ws, co2_doel_rij, co2_waarden, jaren: list[int]) -> LineChart | None:
    """CO2 per year against its target."""
    if co2_ws is not None and jaren:
        lc = LineChart()
        lc.y_axis.title, lc.x_axis.title = "ton CO2", "jaar"
        lc.y_axis.numFmt = "#,##0"
        ondergrens = _as_ondergrens(co2_waarden or [])
        lc.y_axis.scaling.min = ondergrens
        lc.title = "CO2-uitstoot per jaar (ton, eind jaar)" + \
            (f"; de as begint bij {_fmt_aantal(ondergrens)} ton" if ondergrens else "")
        s = Series(Reference(co2_ws, min_col=5, max_col=4 + len(jaren), min_row=2, max_row=2), title="Totaal")
        s.graphicalProperties.line.solidFill = _KOP_KLEUR
        s.graphicalProperties.line.width = 28000
        s.smooth = False
        lc.series.append(s)
        if co2_doel_rij:
            d = Series(Reference(co2_ws, min_col=5, max_col=4 + len(jaren), min_row=co2_doel_rij,
                                 max_row=co2_doel_rij), title="Doel")
            d.graphicalProperties.line.solidFill = "C00000"
            d.graphicalProperties.line.dashStyle = "dash"
            d.smooth = False
            lc.series.append(d)
        lc.set_categories(Reference(co2_ws, min_col=5, max_col=4 + len(jaren), min_row=1, max_row=1))
        lc.width, lc.height = 19, 8.5
        lc.legend.position = "b"
        lc.x_axis.delete = False
        lc.y_axis.delete = False
        return lc
    return None
