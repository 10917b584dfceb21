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
