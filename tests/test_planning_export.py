"""CSV export of the plan tables: four files, ';'-separated, UTF-8 with BOM, deterministic, atomic."""

from __future__ import annotations

import pandas as pd
from planning_helpers import CATALOGUS, cx, portefeuille, scenario

from verduurzaming.export.plan_csv import schrijf_plan_csv
from verduurzaming.planning import maak_plan


def test_write_plan_csv(tmp_path):
    pf = portefeuille([cx("b", [350] * 3), cx("=a", [420] * 2, monument=True), cx("c", [400] * 5)])
    p = maak_plan(pf, scenario(capaciteit=5, deadline=2026), catalogus=CATALOGUS)
    paden = schrijf_plan_csv(p, tmp_path / "uit")
    assert [x.name for x in paden] == ["plan_werken.csv", "plan_complexen.csv", "plan_corporatie_jaar.csv", "plan_wijk_jaar.csv",
                                       "schendingen.csv"]
    raw = paden[1].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(paden[1], sep=";", encoding="utf-8-sig")
    assert list(df["complex_id"]) == ["'=a", "b", "c"]  # sorted; formula-like text defused
    assert len(pd.read_csv(paden[4], sep=";", encoding="utf-8-sig")) == len(p.schendingen) > 0
    eerst = [x.read_bytes() for x in paden]
    schrijf_plan_csv(p, tmp_path / "uit")
    assert [x.read_bytes() for x in paden] == eerst
    assert not [f for f in (tmp_path / "uit").iterdir() if f.name.endswith(".tmp")]
