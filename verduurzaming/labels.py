"""Energy label classes: NTA 8800 EP2 bands, the old Energie-Index, parsing and validity.

A label is valid for 10 years from registration; the valid label is the one on the
``peildatum``. Labels registered before 2021 were set by the Energie-Index (EI).
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd

from .defaults import lees

_BANDS = lees("energielabels.csv")
_EI = lees("energie_index.csv")

#: label classes from best to worst
LABELS: list[str] = list(_BANDS["label"])
RANG: dict[str, int] = dict(zip(_BANDS["label"], _BANDS["rang"].astype(int), strict=False))
KLEUR: dict[str, str] = dict(zip(_BANDS["label"], _BANDS["kleur"], strict=False))
EP2_TYPISCH_KWH_M2: dict[str, float] = dict(zip(_BANDS["label"], _BANDS["ep2_typisch_kwh_m2"], strict=False))
SLECHT: tuple[str, ...] = ("E", "F", "G")
#: E/F/G per :func:`label_index` (the last entry, for index -1, is no label)
_SLECHT_PER_INDEX = np.append(np.isin(np.array(LABELS, dtype=object), SLECHT), False)
GELDIGHEID_JAREN = 10
NTA8800_START = date(2021, 1, 1)

# upper bounds of EP2 per class, ascending: A++++ <= 0, A+++ <= 50, ... F <= 380, G above
_EP2_GRENZEN = _BANDS["ep2_max_kwh_m2"].dropna().to_numpy(dtype=float)
_EI_GRENZEN = _EI["ei_max"].dropna().to_numpy(dtype=float)
_EI_LABELS = list(_EI["label"])
_EI_RANG = np.array([RANG[x] for x in _EI_LABELS], dtype=np.int8)  # rank of each Energie-Index class


def label_uit_ep2(ep2_kwh_m2: float | np.ndarray | pd.Series) -> np.ndarray:
    """Label class from EP2 [kWh/m2.jr] per NTA 8800; NaN gives None.

    Band edges are inclusive at the top (EP2 50.00 is A+++, 50.01 is A++), as the Regeling states.
    """
    ep2 = np.atleast_1d(np.asarray(ep2_kwh_m2, dtype=float))
    return _als_label(rang_uit_ep2(ep2), np.isnan(ep2))


def rang_uit_ep2(ep2_kwh_m2: np.ndarray) -> np.ndarray:
    """Label rank (0 = A++++ .. 10 = G) of EP2 values; NaN gives G."""
    return np.searchsorted(_EP2_GRENZEN, np.round(np.asarray(ep2_kwh_m2, dtype=float), 2), side="left").astype(np.int8)


def label_uit_ei(energie_index: float | np.ndarray | pd.Series) -> np.ndarray:
    """Label class from the old Energie-Index (labels registered before 2021); NaN gives None."""
    ei = np.atleast_1d(np.asarray(energie_index, dtype=float))
    return _als_label(rang_uit_ei(ei), np.isnan(ei))


def rang_uit_ei(energie_index: np.ndarray) -> np.ndarray:
    """Label rank (0 = A++++ .. 10 = G) of Energie-Index values; NaN gives G."""
    idx = np.searchsorted(_EI_GRENZEN, np.round(np.asarray(energie_index, dtype=float), 2), side="left")
    return _EI_RANG[np.minimum(idx, len(_EI_RANG) - 1)]


def _als_label(rang: np.ndarray, geen: np.ndarray) -> np.ndarray:
    """Label texts of ranks; None where ``geen``."""
    out = np.array(LABELS, dtype=object)[rang]
    out[geen] = None
    return out


def ep2_grenzen(label: str) -> tuple[float, float]:
    """(lower, upper) EP2 band of a label; -inf / inf at the open ends."""
    rij = _BANDS.loc[_BANDS["label"] == label].iloc[0]
    lo = -np.inf if pd.isna(rij["ep2_min_kwh_m2"]) else float(rij["ep2_min_kwh_m2"])
    hi = np.inf if pd.isna(rij["ep2_max_kwh_m2"]) else float(rij["ep2_max_kwh_m2"])
    return lo, hi


_LABEL_RE = re.compile(r"^\s*(?:energie)?(?:label|klasse)?\s*[:\-]?\s*([A-Ga-g])\s*(\+{0,4})\s*$", re.I)


def normaliseer_label(tekst: object) -> str | None:
    """Canonical label from what exports write (``'a+'``, ``' C '``, ``'Label B'``); None if unknown.

    Empty or ``geen``/``n.v.t.`` gives None too; the caller decides whether that is a finding.
    """
    if tekst is None or (isinstance(tekst, float) and np.isnan(tekst)):
        return None
    s = str(tekst).strip()
    m = _LABEL_RE.match(s)
    if not m:
        return None
    letter, plussen = m.group(1).upper(), m.group(2)
    if plussen and letter != "A":
        return None
    kandidaat = letter + plussen
    return kandidaat if kandidaat in RANG else None


def is_leeg(tekst: object) -> bool:
    """True for values exports use for 'nothing': empty, '-', '?', 'n.v.t.', 'geen', 'onbekend'."""
    if tekst is None:
        return True
    if isinstance(tekst, float) and np.isnan(tekst):
        return True
    s = str(tekst).strip().lower().rstrip(".")
    return s in {"", "-", "--", "?", "n.v.t", "nvt", "n.b", "nb", "geen", "onbekend", "nan", "none", "null", "#n/a", "n/a"}


def geldig_tot(registratiedatum: pd.Series) -> pd.Series:
    """End of validity: registration date + 10 years.

    Added once per distinct date (a stock registers its labels on a few thousand days; the calendar
    offset costs per element)."""
    codes, uniek = pd.factorize(registratiedatum)
    tot = (uniek + pd.DateOffset(years=GELDIGHEID_JAREN)).take(codes, allow_fill=True)
    return pd.Series(tot, index=registratiedatum.index, name=registratiedatum.name)


#: :func:`label_codes` of a missing label and of a text that is no label class
GEEN, ONBEKEND = -1, -2


def label_index(labels: np.ndarray | pd.Series) -> np.ndarray:
    """Position of each label in :data:`LABELS` (int64), -1 for None or anything that is no label.

    One lookup per distinct value: a stock has a million labels but only eleven classes."""
    return np.maximum(label_codes(labels), GEEN).astype(np.int64)


def label_codes(labels: np.ndarray | pd.Series) -> np.ndarray:
    """Position of each label in :data:`LABELS` as int8; :data:`GEEN` where missing (``pd.isna``),
    :data:`ONBEKEND` for anything else. One hashing of the column answers both 'is there a label' and
    'which', so a caller that needs both factorises the million labels once."""
    codes, uniek = pd.factorize(np.asarray(labels, dtype=object))  # missing: -1
    positie = {x: i for i, x in enumerate(LABELS)}
    return np.array([positie.get(x, ONBEKEND) for x in uniek] + [GEEN], dtype=np.int8)[codes]


def rang(labels: pd.Series) -> pd.Series:
    """Numeric rank (A++++ = 0 ... G = 10), NaN for unknown."""
    return labels.map(RANG).astype("float")


def gemiddeld_label(ep2_kwh_m2: pd.Series, weights: pd.Series | None = None) -> str | None:
    """Label of the (weighted) mean EP2 of a stock, as prestatieafspraken state 'gemiddeld label B'."""
    s = ep2_kwh_m2.astype(float)
    if s.dropna().empty:
        return None
    gem = np.average(s.dropna(), weights=None if weights is None else weights[s.notna()])
    return str(label_uit_ep2(gem)[0])


# ------------------------------------------------------------------ labels that are not certain

_VERDELING = lees("labelverdeling.csv")
_SPREIDING = lees("labelspreiding_generiek.csv")
#: share of old Energie-Index labels that keep their letter when re-surveyed under NTA 8800 (DOMAIN.md: "about half")
EI_ZELFDE_LETTER = 0.5


def _verdelingen(li: np.ndarray, subtype: np.ndarray, bouwjaar: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(table, row): the few distinct distributions of :func:`labelverdeling`, normalised, and the row of
    the table that holds each dwelling's (``li``: :func:`label_index` of the estimates). Rows 0..10 are the
    generic spread around each label rank, the rows after them those of ``labelverdeling.csv``; a million
    dwellings share these fifteen rows."""
    n_lab = len(LABELS)
    # the rank of each label, D for anything else
    rang = np.append(np.array([RANG[x] for x in LABELS], dtype=np.int64), RANG["D"])[li]
    generiek = np.zeros((n_lab, n_lab))
    alle = np.arange(n_lab)
    for v, kans in zip(_SPREIDING["verschuiving"].astype(int), _SPREIDING["kans"].astype(float), strict=False):
        generiek[alle, np.clip(alle + v, 0, n_lab - 1)] += kans
    rij = rang.copy()
    sub = np.asarray(subtype, dtype=object)
    bj = np.asarray(bouwjaar, dtype=float)
    rvo: list[list[float]] = []
    for _, r in _VERDELING.iterrows():
        van = -np.inf if pd.isna(r["bouwjaar_van"]) else float(r["bouwjaar_van"])
        tot = np.inf if pd.isna(r["bouwjaar_tot"]) else float(r["bouwjaar_tot"])
        m = (sub == r["subtype"]) & np.isfinite(bj) & (bj >= van) & (bj <= tot)
        rij[m] = n_lab + len(rvo)
        rvo.append([float(r[f"p_{x}"]) for x in LABELS])
    tabel = np.vstack([generiek, np.array(rvo, dtype=float).reshape(-1, n_lab)])
    return tabel / tabel.sum(1, keepdims=True), rij


def labelverdeling(label: np.ndarray, subtype: np.ndarray, bouwjaar: np.ndarray) -> np.ndarray:
    """N x 11 probabilities of each label class (A++++ .. G) for dwellings whose label is an estimate.

    Where RVO Voorbeeldwoningen 2022 has the dwelling's type x period (``labelverdeling.csv``) that spread is
    used; otherwise the generic spread (``labelspreiding_generiek.csv``) around the estimated ``label``,
    folded into A++++ and G at the ends.
    """
    tabel, rij = _verdelingen(label_index(label), subtype, bouwjaar)
    return tabel[rij]


def kans_efg(label: np.ndarray, subtype: np.ndarray, bouwjaar: np.ndarray, geschat: np.ndarray,
             ei_verloopt: np.ndarray) -> np.ndarray:
    """Probability that each dwelling counts as E/F/G when it is measured (again) under NTA 8800.

    A valid label is certain (0 or 1); an estimate follows :func:`labelverdeling`; an old Energie-Index
    label that expires before the deadline keeps its letter with :data:`EI_ZELFDE_LETTER`, else the spread.
    """
    return kans_efg_uit_index(label_index(label), subtype, bouwjaar, geschat, ei_verloopt)


def kans_efg_uit_index(li: np.ndarray, subtype: np.ndarray, bouwjaar: np.ndarray, geschat: np.ndarray,
                       ei_verloopt: np.ndarray) -> np.ndarray:
    """:func:`kans_efg` of labels given as :func:`label_index` or :func:`label_codes` (for a caller that has them)."""
    li = np.maximum(li, GEEN)
    zeker = _SLECHT_PER_INDEX[li].astype(float)
    efg = np.array([RANG[x] for x in SLECHT])
    tabel, rij = _verdelingen(li, subtype, bouwjaar)
    spreiding = tabel[:, efg].sum(1)[rij]
    g = np.asarray(geschat, dtype=bool)
    ei = np.asarray(ei_verloopt, dtype=bool) & ~g
    return np.where(g, spreiding, np.where(ei, EI_ZELFDE_LETTER * zeker + (1 - EI_ZELFDE_LETTER) * spreiding, zeker))


def is_slecht(label: np.ndarray | pd.Series) -> np.ndarray:
    """True where the label is E, F or G (:data:`SLECHT`): ``np.isin(label, SLECHT)`` with one lookup per
    distinct value instead of per dwelling."""
    return is_slecht_index(label_index(label))


def is_slecht_index(li: np.ndarray) -> np.ndarray:
    """:func:`is_slecht` of labels given as :func:`label_index` or :func:`label_codes` (no label: False)."""
    return _SLECHT_PER_INDEX[np.maximum(li, GEEN)]


def efg_verwacht_p90(kans: np.ndarray) -> tuple[float, float]:
    """(expected, 90th percentile) number of E/F/G among dwellings with these probabilities.

    The dwellings are taken as independent (normal approximation of the Poisson-binomial, rounded up and
    never above the count); dwellings of one complex are alike, so the real spread is wider.
    """
    p = np.asarray(kans, dtype=float)
    gem = float(p.sum())
    sd = float(np.sqrt((p * (1 - p)).sum()))
    return gem, float(min(len(p), np.ceil(gem + 1.2816 * sd - 1e-9)))


# ------------------------------------------------------------------ what "gemiddeld label" means

_GEM_EI = lees("gemiddeld_label_ei.csv").set_index("label")
#: typical Energie-Index per label (class midpoint) for a mean EI over a stock
EI_TYPISCH: dict[str, float] = _GEM_EI["ei_typisch"].astype(float).to_dict()
_EI_GEM_MAX = _GEM_EI["ei_max_gemiddeld"].dropna().astype(float)
#: the definitions a scenario can choose: [doelen] gemiddeld_label_maat / gemiddeld_label_weging
MATEN = ("ep2", "ei")
WEGINGEN = ("m2", "woning")


def definitie_tekst(maat: str, weging: str) -> str:
    """The definition of a mean label in Dutch, printed beside every mean label."""
    w = "gewogen naar gebruiksoppervlak (m2)" if weging == "m2" else "per woning (ongewogen)"
    if maat == "ei":
        return (f"gemiddelde Energie-Index {w}, elk label op het midden van zijn EI-klasse; gemiddeld label B = "
                f"gemiddelde EI <= 1,40 (Aedes), andere letters: de EI-klassengrens")
    return f"gemiddelde EP2 (NTA 8800, kWh/m2) {w}, label volgens de NTA 8800-klassen"


def gemiddeld_label_uit_ei(ei: float | np.ndarray) -> np.ndarray:
    """Mean label from a mean Energie-Index: the best letter whose mean-EI limit it meets (B: <= 1.40)."""
    v = np.atleast_1d(np.asarray(ei, dtype=float))
    grenzen = _EI_GEM_MAX[~_EI_GEM_MAX.index.isin(["A++++", "A+++"])]
    idx = np.searchsorted(grenzen.to_numpy(), np.round(v, 2), side="left")
    namen = list(grenzen.index) + ["G"]
    out = np.array(namen, dtype=object)[np.minimum(idx, len(namen) - 1)]
    out[np.isnan(v)] = None
    return out


def gemiddeld_label_gehaald(waarde: float, doel: str, maat: str) -> bool:
    """Does a mean value (EP2 or EI, per ``maat``) meet the target label ``doel``?"""
    if waarde is None or np.isnan(waarde):
        return False
    if maat == "ei":
        lim = _EI_GEM_MAX.get(doel, np.inf) if doel != "G" else np.inf
        return bool(round(waarde, 2) <= lim + 1e-9)
    return bool(round(waarde, 2) <= ep2_grenzen(doel)[1] + 1e-9)
