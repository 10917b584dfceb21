"""CBS area codes (codes.py) against a golden table: input, kind, expected canonical code, and why."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from verduurzaming.codes import canoniek, gemeente_van, wijk_van_buurt

GOUDEN = pd.read_csv(Path(__file__).parent / "data" / "golden" / "cbs_codes.csv", sep=";", dtype=str,
                     keep_default_na=False)


@pytest.mark.parametrize("rij", GOUDEN.to_dict("records"), ids=list(GOUDEN["waarom"]))
def test_canoniek_gouden_tabel(rij):
    assert canoniek(rij["invoer"], rij["soort"]) == (rij["verwacht"] or None)


def test_canoniek_leeg_en_nan():
    assert canoniek(None, "GM") is None and canoniek(float("nan"), "WK") is None


def test_gemeente_en_wijk_uit_kleinere_code():
    assert gemeente_van("WK191601") == "GM1916" and gemeente_van("BU19160101") == "GM1916"
    assert wijk_van_buurt("BU19160101") == "WK191601"
    assert gemeente_van(None) is None and wijk_van_buurt("") is None
