"""CSV numbers are exact: integers for euros and dwellings, fixed decimals elsewhere, never e-notation.

A plan table of 100,000 complexes (synthetic: the writer is what is tested) goes through
``schrijf_plan_csv`` and is read back with the tool's own CSV reader and with Python's csv module;
every money column must come back to the cent.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from verduurzaming.export.csv import getal_tekst, schrijf_csv
from verduurzaming.export.plan_csv import BESTANDEN, schrijf_plan_csv
from verduurzaming.io.tabel import lees_csv
from verduurzaming.planning.plan import Plan
from verduurzaming.waarden import ontleed_getal

N = 100_000
GELD = ["kosten_eur", "pv_kosten_eur", "huurkorting_eur_jaar", "budget_eur"]


def _plan(n: int = N) -> Plan:
    rng = np.random.default_rng(14)
    woningen = rng.integers(1, 400, n).astype(float)
    cx = pd.DataFrame({
        "corporatie": np.where(np.arange(n) % 2, "Groot Wonen", "-Klein"),
        "complex_id": [f"C{i:06d}" for i in range(n)],
        "woningen": woningen,
        # large totals that %.6g turned into 1,43772e+08
        "kosten_eur": np.where(rng.random(n) < 0.3, np.nan, woningen * rng.integers(5_000, 60_000, n)),
        "pv_kosten_eur": rng.integers(0, 2_000_000_000, n).astype(float),
        "huurkorting_eur_jaar": np.round(rng.random(n) * 50_000, 2),  # cents
        "budget_eur": np.full(n, 2.5e8),
        "ep2_gem_kwh_m2": rng.random(n) * 400,
        "jaar": np.where(rng.random(n) < 0.5, np.nan, rng.integers(2026, 2036, n)).astype(float),
    })
    pj = pd.DataFrame({"corporatie": ["Groot Wonen"] * 3, "jaar": [2026, 2027, 2028],
                       "kosten_eur": [143_772_300.0, 1e12 + 1, 0.0], "budget_eur": [2.5e8, 2.5e8, np.inf]})
    leeg = pd.DataFrame({"wijk_code": [], "jaar": []})
    sch = pd.DataFrame({"corporatie": [], "soort": [], "jaar": [], "complex_id": [], "toelichting": []})
    return Plan(complexen=cx, per_jaar=pj, wijk_jaar=leeg, schendingen=sch, deadline=2028)


@pytest.fixture(scope="module")
def geschreven(tmp_path_factory):
    plan = _plan()
    map_ = tmp_path_factory.mktemp("csv")
    schrijf_plan_csv(plan, map_)
    return plan, map_


def test_geen_e_notatie_en_gehele_euros(geschreven):
    plan, map_ = geschreven
    tekst = (map_ / BESTANDEN["complexen"]).read_text(encoding="utf-8-sig")
    assert not re.search(r"\d[eE][+-]?\d", tekst)
    pj = (map_ / BESTANDEN["per_jaar"]).read_text(encoding="utf-8-sig").splitlines()
    assert pj[1].split(";")[2:] == ["143772300", "250000000"]
    assert pj[2].split(";")[2:] == ["1000000000001", "250000000"]
    assert pj[3].split(";")[3] == "onbeperkt"


def _python_csv(pad):
    with open(pad, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def test_geld_exact_terug_met_python_csv(geschreven):
    plan, map_ = geschreven
    rijen = _python_csv(map_ / BESTANDEN["complexen"])
    assert len(rijen) == N
    cx = plan.complexen.sort_values(["corporatie", "complex_id"], kind="stable").reset_index(drop=True)
    for k in GELD:
        gelezen = [r[k] for r in rijen]
        if k != "huurkorting_eur_jaar":  # whole euros: integers
            assert all(re.fullmatch(r"-?\d*", v) for v in gelezen), k
        verwacht = [None if np.isnan(v) else Decimal(repr(float(v))).quantize(Decimal("0.01")) for v in cx[k]]
        terug = [None if v == "" else Decimal(v.replace(",", ".")).quantize(Decimal("0.01")) for v in gelezen]
        assert terug == verwacht, k
    # dwellings are integers, EP2 has one fixed number of decimals
    assert all(re.fullmatch(r"\d+", r["woningen"]) for r in rijen)
    d = {len(r["ep2_gem_kwh_m2"].split(",")[1]) for r in rijen}
    assert len(d) == 1 and d.pop() <= 6
    assert all(re.fullmatch(r"20\d\d|", r["jaar"]) for r in rijen)  # years as 2026, not 2026,0


def test_geld_exact_terug_met_eigen_lezer(geschreven):
    plan, map_ = geschreven
    ruw = lees_csv(map_ / BESTANDEN["complexen"], lambda kop: sum(k in GELD for k in kop))
    assert len(ruw.data) == N
    cx = plan.complexen.sort_values(["corporatie", "complex_id"], kind="stable").reset_index(drop=True)
    for k in GELD + ["woningen"]:
        waarden, fout = ontleed_getal(ruw.data[k].reset_index(drop=True))
        assert not fout.any(), k
        pd.testing.assert_series_equal(waarden, cx[k].astype(float), check_names=False, rtol=0, atol=1e-9)
    # text that looks like a formula still gets its quote
    assert set(ruw.data["corporatie"]) == {"'-Klein", "Groot Wonen"}


def test_vaste_decimalen_per_kolom():
    s = getal_tekst(pd.Series([1.5, 2.25, np.nan, -0.0, 1e-7]), "x")
    assert list(s) == ["1,500000", "2,250000", "", "0,000000", "0,000000"]
    assert list(getal_tekst(pd.Series([1.5, 2.25]), "y")) == ["1,50", "2,25"]
    assert list(getal_tekst(pd.Series([10.0, 2e9]), "kosten_eur")) == ["10", "2000000000"]
    assert list(getal_tekst(pd.Series([10.123, 2.0]), "kosten_eur")) == ["10,12", "2,00"]  # money: cents


def test_schrijf_csv_negatief_getal_geen_quote(tmp_path):
    pad = schrijf_csv(pd.DataFrame({"saldo_eur": [-5.0, 3.0], "naam": ["-5", "x"]}), tmp_path / "a.csv")
    regels = pad.read_text(encoding="utf-8-sig").splitlines()
    assert regels[1:] == ["-5;'-5", "3;x"]
