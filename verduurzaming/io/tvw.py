"""Transitievisie Warmte schedule per wijk (CSV or XLSX), modelled on real planning annexes.

Per wijk: the strategy and the years of 'opstellen wijkuitvoeringsplan' (wup_start, wup_gereed),
'uitvoering transitiewijk' (uitvoering_start, uitvoering_eind) and 'wijk van het gas af'
(aardgasvrij_jaar). Years may be empty; a range like ``2027-2031`` fills start and end.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..findings import Bevindingen
from ..validate.tvw import valideer_transitievisie
from .kolommen import TVW_NAMEN, score_functie
from .tabel import lees_tabel


def lees_transitievisie(pad: str | Path, bev: Bevindingen, *, extra_kolommen: dict[str, str] | None = None
                        ) -> pd.DataFrame:
    """The TVW schedule as one row per wijk with canonical columns; problems become findings."""
    ruw = lees_tabel(pad, score_functie(TVW_NAMEN, extra_kolommen), naam=bev.naam(pad))
    return valideer_transitievisie(ruw, bev, extra_kolommen=extra_kolommen)
