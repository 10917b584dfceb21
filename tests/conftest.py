"""Shared fixtures: the demo scenario, portfolio and plan (one of each per session, read-only for
tests), and the path of the real public data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from verduurzaming.portefeuille import lees_portefeuille

# the tests read workbooks back with pandas as before; with python-calamine installed (the package reads
# data rows with it) pandas would warn that its default xlsx engine is about to change
pd.set_option("io.excel.xlsx.reader", "openpyxl")
from verduurzaming.scenario import demo_scenario_pad, lees_scenario

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real"


@pytest.fixture(scope="session")
def demo_scenario():
    return lees_scenario(demo_scenario_pad())


@pytest.fixture(scope="session")
def demo_portefeuille(demo_scenario):
    return lees_portefeuille(demo_scenario)


@pytest.fixture(scope="session")
def demo_plan(demo_portefeuille, demo_scenario):
    """The demo plan with its baseline, as `verduurzaming plan` makes it. Tests must not change it."""
    from verduurzaming.planning import maak_plan
    return maak_plan(demo_portefeuille, demo_scenario)


@pytest.fixture
def real_data() -> Path:
    if not REAL.is_dir():
        pytest.skip(f"real public data not present at {REAL} (only in the development workplace)")
    return REAL
