"""Text rules (tekst.py): control characters out, Dutch number and percentage format, solver English made Dutch."""

from __future__ import annotations

import pandas as pd

from verduurzaming.bevindingen import Bevindingen
from verduurzaming.tekst import getal, nl_getallen, procent, verwijder_stuurtekens, zonder_stuurtekens


def test_stuurtekens_weg_tab_blijft():
    assert zonder_stuurtekens("a\x00b\x1bc\td\x7f\x9fe") == "abc\tde"


def test_nederlandse_getallen():
    assert getal(1234567.891) == "1.234.568"
    assert getal(12.345, 1) == "12,3"
    assert procent(0.1234) == "12,3 %" and procent(0.5, 0) == "50 %"
    assert nl_getallen("gap 0.30% en 12.5%") == "gap 0,30 % en 12,5 %"


def test_verwijder_stuurtekens_meldt_per_cel():
    bev = Bevindingen()
    df = pd.DataFrame({"naam": ["Flat\x1b[31m Oost", "Gewoon"], "code": ["A", "B"]})
    uit = verwijder_stuurtekens(df, bev, "x.csv", pd.Series([2, 3]), kolommen=["naam"], sleutels=df["code"])
    assert list(uit["naam"]) == ["Flat[31m Oost", "Gewoon"]
    f = bev.als_tabel()
    assert len(f) == 1 and f["rij"].iloc[0] == 2 and f["kolom"].iloc[0] == "naam"
    assert "stuurtekens" in f["probleem"].iloc[0]
