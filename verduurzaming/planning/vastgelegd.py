"""Fixed works (``scenario.vastgelegd``): contracted works the planner keeps exactly as they are.

Each entry ``{corporatie, complex_id, pakket, jaar}`` replaces every option of that complex by the
one option (pakket, jaar), which the MILP must take (row ``x >= 1``). It also counts against that
year's capacity and budget like any other work. Entries that do not match a complex of this
corporation, a catalog package or a plan year are left out here; ``voortgang.herplan`` reports them.
"""

from __future__ import annotations

import numpy as np


def vaste_werken(o, cidx: np.ndarray, scenario) -> dict[int, tuple[int, int]]:
    """{local complex index: (package index, year)} of the fixed works among complexes ``cidx``."""
    vast = scenario.vastgelegd
    if not vast:
        return {}
    cx = o.complexen
    lokaal = {(str(cx["corporatie"].iat[c]), str(cx["complex_id"].iat[c])): k for k, c in enumerate(cidx)}
    jaren = set(int(j) for j in scenario.jaren)
    uit = {}
    for v in vast:
        k = lokaal.get((str(v.get("corporatie")), str(v.get("complex_id"))))
        p = str(v.get("pakket"))
        j = v.get("jaar")
        if k is None or p not in o.pakketten or j is None or int(j) not in jaren:
            continue
        uit[k] = (o.pakketten.index(p), int(j))
    return uit


def met_vaste_werken(li: np.ndarray, pi: np.ndarray, yi: np.ndarray, vast: dict[int, tuple[int, int]]):
    """Options with those of fixed complexes replaced by their one fixed option; and a mask of it."""
    if not vast:
        return li, pi, yi, np.zeros(len(li), dtype=bool)
    weg = np.isin(li, np.fromiter(vast, dtype=np.int64))
    ks = np.fromiter(vast, dtype=np.int64)
    li = np.concatenate([li[~weg], ks])
    pi = np.concatenate([pi[~weg], np.array([vast[k][0] for k in ks], dtype=pi.dtype)])
    yi = np.concatenate([yi[~weg], np.array([vast[k][1] for k in ks], dtype=yi.dtype)])
    masker = np.zeros(len(li), dtype=bool)
    masker[-len(ks):] = True
    return li, pi, yi, masker
