"""Shared fixtures: the demo scenario and portfolio, and the path of the real public data."""

from __future__ import annotations

from pathlib import Path

import pytest

from verduurzaming.portfolio import load_portfolio
from verduurzaming.scenario import demo_scenario_pad, lees_scenario

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real"


@pytest.fixture(scope="session")
def demo_scenario():
    return lees_scenario(demo_scenario_pad())


@pytest.fixture(scope="session")
def demo_portfolio(demo_scenario):
    return load_portfolio(demo_scenario)


@pytest.fixture
def real_data() -> Path:
    if not REAL.is_dir():
        pytest.skip(f"real public data not present at {REAL} (only in the development workplace)")
    return REAL
