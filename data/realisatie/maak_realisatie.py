"""Make the demo realisation over 2026 (``realisatie_2026.csv``) from the demo plan.

The file has the Planning sheet's columns that ``verduurzaming voortgang`` reads back
(``corporatie``, ``complex_id``, ``complex_naam``, ``pakket``, ``jaar``, and the user's
``gerealiseerd_jaar``, ``gerealiseerd_pakket``, ``nieuw_label``, ``pv_gerealiseerd_jaar``),
one row per complex of the plan, filled in as an asset manager would after 2026:

* works planned for 2026: four of every five done in 2026 with the planned package, the new
  label registered for every other one; the fifth slipped (left empty);
* early works: the first three complexes planned for 2027 (per corporation) done in 2026;
* PV: placed in 2026 on the first five complexes with a suitable roof and no panels yet;
* deliberate conflicts, to show they become findings: a complex label worse than now, a
  complex the plan does not know, a realised year after the peildatum (2028), a package name
  that is not in the catalog, and a label that is no label.

Deterministic: same plan, same file. Run from the repository root::

    python data/realisatie/maak_realisatie.py
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from verduurzaming import labels as L
from verduurzaming.planning import maak_plan
from verduurzaming.portefeuille import lees_portefeuille
from verduurzaming.scenario import lees_scenario

HIER = Path(__file__).resolve().parent
WORTEL = HIER.parents[1]


def maak(uit: Path = HIER / "realisatie_2026.csv") -> Path:
    s = lees_scenario(WORTEL / "scenario.toml")
    p = lees_portefeuille(s)
    pl = maak_plan(p, s, baseline=False)
    c = pd.DataFrame(pl.complexen.drop(columns="geometry")).sort_values(["corporatie", "complex_id"],
                                                                        kind="stable").reset_index(drop=True)
    rijen = pd.DataFrame({
        "corporatie": c["corporatie"], "complex_id": c["complex_id"].astype(str), "complex_naam": c["complex_naam"],
        "wijk_code": c["wijk_code"], "pakket": c["pakket"], "jaar": c["jaar"].astype("Int64"),
        "gerealiseerd_jaar": pd.array([None] * len(c), dtype="Int64"), "gerealiseerd_pakket": None,
        "nieuw_label": None, "pv_gerealiseerd_jaar": pd.array([None] * len(c), dtype="Int64"),
    })
    for corp, g in rijen.groupby("corporatie", sort=True):
        in_2026 = g.index[g["jaar"] == 2026]
        for k, i in enumerate(in_2026):
            if k % 5 == 4:
                continue  # slipped
            rijen.loc[i, ["gerealiseerd_jaar", "gerealiseerd_pakket"]] = [2026, rijen.loc[i, "pakket"]]
            if k % 2 == 0:
                rijen.loc[i, "nieuw_label"] = c.loc[i, "slechtste_label_na"]
        for i in g.index[g["jaar"] == 2027][:3]:  # early works
            rijen.loc[i, ["gerealiseerd_jaar", "gerealiseerd_pakket"]] = [2026, rijen.loc[i, "pakket"]]
    pv = c.index[(c["dak_geschikt_m2"] > 0) & ~c["pv_panelen_aanwezig"].astype(bool)][:5]
    rijen.loc[pv, "pv_gerealiseerd_jaar"] = 2026
    # conflicts
    zonder = rijen.index[rijen["jaar"].isna() & (c["slechtste_label"] == "D")]
    rijen.loc[zonder[0], ["gerealiseerd_jaar", "nieuw_label"]] = [2026, "F"]           # label got worse
    rijen.loc[zonder[1], ["gerealiseerd_jaar", "gerealiseerd_pakket"]] = [2028, "schil_basis"]  # future year
    rijen.loc[zonder[2], ["gerealiseerd_jaar", "gerealiseerd_pakket"]] = [2026, "Dakisolatie extra"]  # unknown package
    rijen.loc[zonder[3], ["gerealiseerd_jaar", "nieuw_label"]] = [2026, "X9"]          # not a label
    onbekend = pd.DataFrame([{"corporatie": "WonenPlus", "complex_id": "999", "complex_naam": "Verkocht complex",
                              "gerealiseerd_jaar": 2026, "gerealiseerd_pakket": "schil_standaard",
                              "nieuw_label": "B"}])
    rijen = pd.concat([rijen, onbekend], ignore_index=True)
    assert set(rijen["nieuw_label"].dropna()) <= set(L.LABELS) | {"X9"}
    rijen.to_csv(uit, sep=";", index=False, encoding="utf-8-sig", lineterminator="\n")
    return uit


if __name__ == "__main__":
    print(maak())
