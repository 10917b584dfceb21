"""Reference data files (CSV with a ``bron`` column); read them with :func:`lees`."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import pandas as pd


@cache
def _lees(naam: str) -> pd.DataFrame:
    with files(__package__).joinpath(naam).open("rb") as fh:
        return pd.read_csv(fh, keep_default_na=True, na_values=[""])


def lees(naam: str) -> pd.DataFrame:
    """A copy of the default table ``naam`` (e.g. ``"energielabels.csv"``)."""
    return _lees(naam).copy()
