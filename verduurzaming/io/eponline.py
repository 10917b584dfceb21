"""RVO EP-online open-data export: registered labels per address, read by column name.

Accepts the older 37-column v2 'totaalbestand' and the 2023 layout (huisletter and toevoeging
split), preamble lines before the header, dates as ``YYYYMMDD`` and decimal commas. Only reads:
:func:`verduurzaming.validatie.eponline.valideer_ep_online` turns the table into one label per address.
"""

from __future__ import annotations

from pathlib import Path

from ..bevindingen import Bevindingen
from .kolommen import EP_ONLINE_NAMEN, score_functie
from .tabel import RuweTabel, lees_tabel


def lees_ep_online(pad: str | Path, bev: Bevindingen) -> RuweTabel:
    """The export as a raw table of text cells, its header found by the EP-online column names."""
    return lees_tabel(pad, score_functie(EP_ONLINE_NAMEN), naam=bev.naam(pad))
