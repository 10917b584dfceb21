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


def test_arrow_kolom_alleen_publieke_api():
    """The Arrow array behind a text column comes through pandas' public Arrow protocol, without a copy; the
    package reads no private pandas attribute (a pandas release may change ``_pa_array``)."""
    from pathlib import Path

    import pandas as pd
    import pyarrow as pa

    from verduurzaming.tekst import arrow_kolom

    s = pd.Series(["a", "b", None], dtype="string[pyarrow]")
    a = arrow_kolom(s)
    assert isinstance(a, pa.ChunkedArray) and a.to_pylist() == ["a", "b", None]
    assert arrow_kolom(pd.Series(["a"], dtype=pd.ArrowDtype(pa.large_string()))).type == pa.large_string()
    assert arrow_kolom(pd.Series(["a"], dtype=object)) is None and arrow_kolom(pd.Series([1, 2])) is None
    assert arrow_kolom(pd.Series([1, None], dtype="Int64")) is None
    pakket = Path(__file__).resolve().parents[1] / "verduurzaming"
    assert not [p for p in pakket.rglob("*.py") if "_pa_array" in p.read_text(encoding="utf-8")]
