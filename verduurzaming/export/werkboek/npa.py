"""The NPA-monitor sheet: per corporation and indicator one column per year, and the NPA path."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ... import labels as L
from ..werkmap import LABEL_FILL as _LABEL_FILL
from ..werkmap import Kolom
from ..werkmap import leeg as _leeg
from ..werkmap import tabelblad as _tabelblad
from .hulpmiddelen import NIET_BESCHIKBAAR

_NPA = [
    ("woningen", "Woningen (totaal)", "int"),
    *[(f"n_{lab}", f"Label {lab} (begin jaar)", "int") for lab in L.LABELS],
    ("n_efg", "E/F/G resterend (begin jaar)", "int"),
    ("npa_pad", "NPA-pad E/F/G (lineair naar 0 na de deadline; vrijgesteld blijft)", "int"),
    ("efg_verwijderd", "E/F/G verwijderd (in jaar)", "int"),
    ("efg_vrijgesteld", "waarvan vrijgesteld (monument, sloop)", "int"),
    ("renovaties_complexen", "Renovaties gepland (complexen)", "int"),
    ("renovaties_woningen", "Renovaties gepland (woningen)", "dec1"),
    ("kosten_eur", "Investering alle werken (EUR nominaal, incl. PV)", "eur"),
    ("kosten_eur_contant", "Investering, contante waarde eerste planjaar (EUR)", "eur"),
    ("risicoreserve_eur", "Risicoreserve: P90 E/F/G na heropname i.p.v. verwacht (EUR, naast het budget)", "eur"),
    ("pv_woningen", "Woningen met PV (eind jaar, al aanwezig + gepland)", "int"),
    ("pv_kwp", "PV-vermogen geplaatst (kWp, cumulatief)", "dec1"),
    ("ep2_gem_kwh_m2", "Gemiddelde EP2 (kWh/m², eind jaar)", "ep2"),
    ("gemiddeld_label", "Gemiddeld label (eind jaar)", "label"),
    ("co2_ton", "CO2 (ton, eind jaar)", "dec1"),
    ("capaciteit_woningen", "Capaciteit (woningen per jaar)", "int"),
    ("budget_eur", "Budget (EUR per jaar)", "eur"),
]
_NIET_OPTELBAAR = {"ep2_gem_kwh_m2", "gemiddeld_label"}
#: the plan.per_jaar column behind a key where they differ (the key names the unit the sheet shows)
_BRON = {"co2_ton": "co2_kg"}
ALLE_CORPORATIES = "Alle corporaties"


def _npa_pad(sub: pd.DataFrame, jaren: list[int], deadline: int) -> list[float | None]:
    """The NPA path as a reference line: the E/F/G that must go at the start, straight down to 0 at the start of
    the year after the deadline, on top of the exempt E/F/G still in the stock that year (a demolished complex
    leaves it)."""
    if not jaren or "n_efg" not in sub or not len(sub):
        return [None] * len(jaren)

    def vrij(j: int) -> float:
        d = sub[sub["jaar"] == j]
        return float(d["efg_vrijgesteld"].astype(float).sum()) if "efg_vrijgesteld" in d else 0.0

    start = float(sub.loc[sub["jaar"] == jaren[0], "n_efg"].astype(float).sum()) - vrij(jaren[0])
    eind = deadline + 1
    uit: list[float | None] = []
    for j in jaren:
        f = 0.0 if j >= eind else (eind - j) / max(eind - jaren[0], 1)
        uit.append(round(vrij(j) + start * f))
    return uit


def _npa(wb, plan, jaren: list[int], deadline: int):
    pj = plan.per_jaar
    kolommen = [Kolom("Corporatie", "tekst", 24), Kolom("Sleutel", "tekst", 16), Kolom("Indicator", "tekst", 38)] + \
        [Kolom(str(j), "int", 11) for j in jaren]
    rijen: list[list] = []
    soorten: list[list[str]] = []
    label_rijen: dict[str, Any] = {}
    corps = list(dict.fromkeys(pj["corporatie"])) if len(pj) else []
    blokken = [(c, pj[pj["corporatie"] == c]) for c in corps]
    if len(corps) != 1:
        blokken.append((ALLE_CORPORATIES, None))
    efg_per_corp: dict[str, int] = {}
    for corp, sub in blokken:
        for key, tekst, soort in _NPA:
            if key == "npa_pad":
                rijen.append([corp, key, tekst, *_npa_pad(pj if sub is None else sub, jaren, deadline)])
                soorten.append(["tekst", "tekst", "tekst", *[soort] * len(jaren)])
                if corp == (ALLE_CORPORATIES if len(corps) != 1 else corps[0]):
                    label_rijen[key] = len(rijen) + 1
                continue
            waarden = []
            kol = _BRON.get(key, key)
            for j in jaren:
                v: Any
                if sub is None:
                    d = pj[pj["jaar"] == j]
                    if key in _NIET_OPTELBAAR:
                        v = NIET_BESCHIKBAAR
                    elif kol not in d or not len(d):
                        v = None
                    else:
                        v = d[kol].astype(float).sum()
                else:
                    d = sub[sub["jaar"] == j]
                    v = d[kol].iloc[0] if kol in d and len(d) else None
                if key == "co2_ton" and not _leeg(v) and not isinstance(v, str):
                    v = float(v) / 1000.0
                waarden.append(v)
            rijen.append([corp, key, tekst, *waarden])
            soorten.append(["tekst", "tekst", "tekst", *[soort] * len(jaren)])
            if key == "n_efg" and sub is not None:
                efg_per_corp[corp] = len(rijen) + 1
            if corp == (ALLE_CORPORATIES if len(corps) != 1 else corps[0]):
                label_rijen[key] = len(rijen) + 1
    ws, _n = _tabelblad(wb, "NPA-monitor", "NPAmonitor", kolommen, rijen, rijen[:200],
                       freeze="D2", soorten_per_rij=_soorten_label(rijen, soorten))
    label_rijen["efg_per_corporatie"] = efg_per_corp
    return ws, label_rijen


def _soorten_label(rijen, soorten):
    """The indicator cell of a label row gets that label's colour."""
    for rij, s in zip(rijen, soorten, strict=False):
        key = rij[1]
        if key.startswith("n_") and key[2:] in _LABEL_FILL:
            s = list(s)
            s[2] = "labeltekst:" + key[2:]
        yield s
