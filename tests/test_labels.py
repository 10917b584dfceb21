"""Label bands (Regeling energieprestatie gebouwen, NTA 8800, 2021) and the old Energie-Index."""

import numpy as np
import pytest

from verduurzaming.labels import label_uit_ei, label_uit_ep2, normaliseer_label

# golden: band edges of the Regeling (upper bound inclusive)
EP2_RANDEN = [(-5, "A++++"), (0, "A++++"), (0.01, "A+++"), (50, "A+++"), (50.01, "A++"), (75, "A++"),
              (75.01, "A+"), (105, "A+"), (105.01, "A"), (160, "A"), (160.01, "B"), (190, "B"),
              (190.01, "C"), (250, "C"), (250.01, "D"), (290, "D"), (290.01, "E"), (335, "E"),
              (335.01, "F"), (380, "F"), (380.01, "G"), (900, "G")]


@pytest.mark.parametrize("ep2,label", EP2_RANDEN)
def test_ep2_bandranden(ep2, label):
    assert label_uit_ep2(ep2)[0] == label


def test_ep2_vectorised_and_nan():
    uit = label_uit_ep2(np.array([10.0, np.nan, 400.0]))
    assert list(uit) == ["A+++", None, "G"]


# golden: Energie-Index classes (Regeling, old, until 2021)
EI_RANDEN = [(0.5, "A++"), (0.51, "A+"), (0.7, "A+"), (0.71, "A"), (1.05, "A"), (1.06, "B"), (1.3, "B"),
             (1.31, "C"), (1.6, "C"), (1.61, "D"), (2.0, "D"), (2.01, "E"), (2.4, "E"), (2.41, "F"),
             (2.9, "F"), (2.91, "G")]


@pytest.mark.parametrize("ei,label", EI_RANDEN)
def test_ei_bandranden(ei, label):
    assert label_uit_ei(ei)[0] == label


@pytest.mark.parametrize("tekst,label", [("a+", "A+"), (" C ", "C"), ("Label B", "B"), ("A++++", "A++++"),
                                         ("A+++++", None), ("H", None), ("geen", None), (None, None),
                                         (float("nan"), None), ("B+", None)])
def test_normaliseer_label(tekst, label):
    assert normaliseer_label(tekst) == label


def test_label_codes_is_isna_en_label_index():
    """One factorisation answers both questions the portfolio asks: missing (isna) and which class."""
    import pandas as pd

    from verduurzaming import labels as L
    waarden = np.array(["B", None, "G", float("nan"), "onzin", "A++++", pd.NA, "E"], dtype=object)
    codes = L.label_codes(waarden)
    assert codes.dtype == np.int8
    assert ((codes == L.GEEN) == pd.isna(waarden)).all()
    assert (np.maximum(codes, L.GEEN) == L.label_index(waarden)).all()
    assert list(codes) == [5, -1, 10, -1, -2, 0, -1, 8]
    assert list(L.is_slecht_index(codes)) == [isinstance(x, str) and x in L.SLECHT for x in waarden]


def test_geldig_tot_per_datum_gelijk_aan_offset():
    """Adding 10 years once per distinct date gives what adding it per element gives (29 Feb, NaT, time, index)."""
    import pandas as pd

    from verduurzaming.labels import geldig_tot
    for s in (pd.Series(pd.to_datetime(["2016-02-29", "2020-02-29 13:45", None, "2016-02-29"], format="mixed"),
                        index=[3, 1, 7, 5], name="label_registratiedatum"),
              pd.Series([pd.NaT, pd.NaT], dtype="datetime64[ns]"), pd.Series([], dtype="datetime64[ns]")):
        pd.testing.assert_series_equal(geldig_tot(s), s + pd.DateOffset(years=10))
