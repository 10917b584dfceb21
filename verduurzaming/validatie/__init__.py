"""Validation: findings from raw tables, one module per kind of input.

:mod:`.vhe` the corporation export (dwellings, duplicates), :mod:`.complexen` complex attributes,
:mod:`.eponline` the EP-online export, :mod:`.tvw` the Transitievisie schedule, :mod:`.realisatie` realised
works, :mod:`.scenario` the scenario against the data. The cell-value parsers they use live in
:mod:`verduurzaming.waarden`, the row accounting of a raw table in :mod:`verduurzaming.io.boekhouding`.
Readers (``io/``) never import from here: the direction is io -> validatie -> portefeuille.
"""

from .complexen import valideer_complexattributen
from .eponline import valideer_ep_online
from .tvw import valideer_transitievisie
from .vhe import ontdubbel_vhe, valideer_vhe

__all__ = ["ontdubbel_vhe", "valideer_complexattributen", "valideer_ep_online", "valideer_transitievisie",
           "valideer_vhe"]
