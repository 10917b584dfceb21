"""RVO EP-online open-data export: registered labels per address, read by column name.

Accepts the older 37-column v2 'totaalbestand' and the 2023 layout (huisletter and toevoeging
split), preamble lines before the header, dates as ``YYYYMMDD`` and decimal commas.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from ..findings import Bevindingen
from ..validate.eponline import valideer_ep_online
from .kolommen import EP_ONLINE_NAMEN, score_functie
from .tabel import lees_tabel


def lees_ep_online(pad: str | Path, bev: Bevindingen, *, peildatum: dt.date) -> pd.DataFrame:
    """One row per address with the label valid on ``peildatum`` (see :mod:`verduurzaming.validate.eponline`)."""
    return valideer_ep_online(lees_tabel(pad, score_functie(EP_ONLINE_NAMEN), naam=bev.naam(pad)), bev, peildatum=peildatum)
