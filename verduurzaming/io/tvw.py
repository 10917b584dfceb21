"""Transitievisie Warmte schedule per wijk (CSV or XLSX), modelled on real planning annexes.

Per wijk: the strategy and the years of 'opstellen wijkuitvoeringsplan' (wup_start, wup_gereed),
'uitvoering transitiewijk' (uitvoering_start, uitvoering_eind) and 'wijk van het gas af'
(aardgasvrij_jaar). Years may be empty; a range like ``2027-2031`` fills start and end. Only reads:
:func:`verduurzaming.validatie.tvw.valideer_transitievisie` makes one row per wijk of it.
"""

from __future__ import annotations

from pathlib import Path

from ..bevindingen import Bevindingen
from .kolommen import TVW_NAMEN, score_functie
from .tabel import RuweTabel, lees_tabel


def lees_transitievisie(pad: str | Path, bev: Bevindingen, *, extra_kolommen: dict[str, str] | None = None
                        ) -> RuweTabel:
    """The TVW schedule as a raw table of text cells, its header found by the TVW column names."""
    return lees_tabel(pad, score_functie(TVW_NAMEN, extra_kolommen), naam=bev.naam(pad))
