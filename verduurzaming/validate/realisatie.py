"""Plausibility of a realisation against the plan and the measure catalogue, as findings.

The reader (:mod:`verduurzaming.io.realisatie`) turns files into rows and matches them to
complexes and dwellings; this module judges whether what the rows claim can be true:

* a complex realised (or PV placed) in a year before the plan's first year: the works belong to
  the starting situation (or the year is a typo), so they are not counted as realised, let alone
  "eerder gerealiseerd"; the row's year, package and label are ignored;
* a realised year after the peildatum (the reader already ignores it; checked again here so a
  table built in code gets the same treatment);
* a new complex label that no package can reach from the complex's starting state: better by
  more than ``marge_labelstappen`` (``defaults/realisatie_controle.csv``) than the best label the
  realised package (else the planned one, else the best in the catalogue) reaches from the start
  EP2 of the complex's dwellings (the planner's result model). The label is ignored, the package's own
  effect counts, and the complex is marked ``controle`` so progress shows it as
  "gerealiseerd, te controleren" instead of "gerealiseerd volgens plan";
* a dwelling registration dated before the plan's first year is the valid label (it counts), but
  it is not a result of the plan: a warning says so.
"""

from __future__ import annotations

import copy
import datetime as dt

import numpy as np
import pandas as pd

from .. import labels as L
from ..defaults import lees
from ..findings import ACTIE_GEMELD, ACTIE_WAARDE_GENEGEERD, Bevindingen

_CONTROLE = dict(zip(lees("realisatie_controle.csv")["sleutel"], lees("realisatie_controle.csv")["waarde"]))
MARGE_LABELSTAPPEN = int(_CONTROLE["marge_labelstappen"])


def _beste_rang(ep2: np.ndarray, woningen: pd.DataFrame, rij: pd.Series) -> int:
    """Best (lowest) label rank the package reaches from these dwellings' start state (the planner's result model)."""
    from ..planning.opties import na_pakket
    rij = rij.copy()
    rij.name = str(rij["pakket"])
    na = na_pakket(woningen, ep2, rij)["ep2_na"]
    return int(min(L.RANG[x] for x in L.label_uit_ep2(na) if x is not None))


def _startsituatie(portfolio) -> dict[tuple[str, str], tuple[np.ndarray, pd.DataFrame, str]]:
    """Per (corporatie, complex_id): start EP2 of its dwellings, the dwelling rows, worst label."""
    w = portfolio.woningen
    ep2 = pd.to_numeric(w["ep2_kwh_m2"], errors="coerce").to_numpy(dtype=float)
    typisch = w["energielabel"].map(L.EP2_TYPISCH_KWH_M2).to_numpy(dtype=float)
    ep2 = np.where(np.isfinite(ep2), ep2, typisch)
    sleutel = pd.Series(list(zip(w["corporatie"].astype(str), w["complex_id"].astype(str))))
    uit = {}
    for k, idx in sleutel.groupby(sleutel).groups.items():
        i = np.asarray(list(idx))
        e = ep2[i]
        ok = np.isfinite(e)
        if not ok.any():
            continue
        slechtste = L.LABELS[int(max(L.RANG.get(x, 0) for x in w["energielabel"].to_numpy()[i] if isinstance(x, str)))] \
            if any(isinstance(x, str) for x in w["energielabel"].to_numpy()[i]) else "?"
        uit[k] = (e[ok], w.iloc[i[ok]], slechtste)
    return uit


def toets_realisatie(realisatie, bev: Bevindingen, *, portfolio, catalogus: pd.DataFrame, startjaar: int,
                     peildatum: dt.date, plan=None):
    """A copy of ``realisatie`` with implausible values removed, each removal a finding.

    ``catalogus``: the renovation packages (column ``pakket``); ``startjaar``: the plan's first
    year; ``plan``: the plan as agreed (its packages are the fallback when a row names none).
    Complex rows get a column ``controle`` (text or None) naming what is to be checked.
    """
    r = copy.copy(realisatie)
    c = realisatie.complexen.copy().reset_index(drop=True)
    if "controle" not in c:
        c["controle"] = None
    c["controle"] = c["controle"].astype(object)
    cat = {str(p): catalogus.iloc[i] for i, p in enumerate(catalogus["pakket"])} if len(catalogus) else {}
    gepland = {}
    if plan is not None and len(plan.complexen):
        pc = plan.complexen
        gepland = dict(zip(zip(pc["corporatie"].astype(str), pc["complex_id"].astype(str)), pc["pakket"]))
    start = _startsituatie(portfolio) if len(c) else {}

    for i, row in c.iterrows():
        k = (str(row["corporatie"]), str(row["complex_id"]))
        for kol in ("gerealiseerd_jaar", "pv_gerealiseerd_jaar"):
            j = row[kol]
            if pd.isna(j):
                continue
            if int(j) < startjaar:
                bev.voeg_toe(row["bestand"], int(row["rij"]), kol, int(j),
                             f"{'gerealiseerd jaar' if kol == 'gerealiseerd_jaar' else 'PV-jaar'} {int(j)} ligt voor "
                             f"de start van het plan ({startjaar}): niet als gerealiseerd geteld (hoort bij de "
                             "uitgangssituatie, of het jaartal klopt niet)", ACTIE_WAARDE_GENEGEERD,
                             sleutel=row["complex_id"])
            elif int(j) > peildatum.year:
                bev.voeg_toe(row["bestand"], int(row["rij"]), kol, int(j),
                             f"{'gerealiseerd jaar' if kol == 'gerealiseerd_jaar' else 'PV-jaar'} {int(j)} ligt na de "
                             f"peildatum {peildatum:%d-%m-%Y}: (nog) niet als gerealiseerd geteld",
                             ACTIE_WAARDE_GENEGEERD, sleutel=row["complex_id"])
            else:
                continue
            c.at[i, kol] = pd.NA
            if kol == "gerealiseerd_jaar":
                c.at[i, "gerealiseerd_pakket"] = None
                c.at[i, "nieuw_label"] = None

        lab = c.at[i, "nieuw_label"]
        if not isinstance(lab, str) or lab not in L.RANG or pd.isna(c.at[i, "gerealiseerd_jaar"]) or k not in start:
            continue
        ep2, rijen, slechtste = start[k]
        pk = c.at[i, "gerealiseerd_pakket"]
        bron = "gerealiseerde pakket"
        if not (isinstance(pk, str) and pk in cat):
            pk = gepland.get(k) if isinstance(gepland.get(k), str) else row.get("gepland_pakket")
            bron = "geplande pakket"
        if isinstance(pk, str) and pk in cat:
            beste = _beste_rang(ep2, rijen, cat[pk])
            met = f"het {bron} {pk}"
        elif cat:
            beste = min(_beste_rang(ep2, rijen, rij) for rij in cat.values())
            met = "geen enkel pakket uit de maatregelencatalogus"
        else:
            continue
        if L.RANG[lab] >= beste - MARGE_LABELSTAPPEN:
            continue
        bev.voeg_toe(row["bestand"], int(row["rij"]), "nieuw_label", lab,
                     f"nieuw label {lab} is niet aannemelijk: {met} haalt vanuit de startsituatie (slechtste label "
                     f"{slechtste}, EP2 {float(np.max(ep2)):.0f}) hooguit label {L.LABELS[beste]}; het label is "
                     "genegeerd, het effect van het pakket telt; controleer de oplevering en registreer het label "
                     "per woning", ACTIE_WAARDE_GENEGEERD, sleutel=row["complex_id"])
        c.at[i, "nieuw_label"] = None
        c.at[i, "controle"] = f"nieuw label {lab} niet haalbaar (hooguit {L.LABELS[beste]})"
    r.complexen = c

    w = realisatie.woningen
    if len(w) and "label_registratiedatum" in w:
        datum = pd.to_datetime(w["label_registratiedatum"], errors="coerce")
        for j in np.flatnonzero((datum.dt.year < startjaar).fillna(False).to_numpy()):
            bev.voeg_toe(w["bestand"].iloc[j], int(w["rij"].iloc[j]), "label_registratiedatum",
                         f"{datum.iloc[j]:%d-%m-%Y}",
                         f"registratie ligt voor de start van het plan ({startjaar}): het is het geldige label en "
                         "telt, maar het is geen resultaat van het plan", ACTIE_GEMELD,
                         sleutel=w["vhe_id"].iloc[j])
    return r
