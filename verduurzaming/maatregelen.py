"""Measure catalog: what a renovation package does to a dwelling, and what it costs there.

A package takes a dwelling to a *result*, never by a percentage of today's EP2
(``defaults/maatregelen.csv``):

- ``schil``: the net heat demand it insulates to: ``standaard`` (the Standaard voor
  woningisolatie of this dwelling) or ``basis`` (the heat demand of a typical label C,
  ``isolatieniveaus.csv``); a dwelling already at or below it gets nothing from the shell.
- ``verwarming_na``: the heating system it installs (``verwarming.csv``); it only replaces a
  system that is worse (gas boiler < hybrid < all-electric / district heat).
- EP2 after = ``min(ep2_before, ep2_before - (EP2(Q, system) - EP2(Q_after, system_after)))`` with
  the EP2 model of :mod:`verduurzaming.woning`; a package with no effect on a dwelling costs nothing
  there and a planner must not buy it.
- Costs by start state: the shell from PBL Vesta (``maatregel_kosten.csv``: per type x bouwjaar x
  start label, EUR per dwelling + EUR per m2, prijspeil 2020), the installation from
  ``installatie_kosten.csv`` (with its own prijspeil); both are brought to one price level with
  the CBS bouwkostenindex (``prijsindex.csv``, growth after its last year from the scenario).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import labels as L
from . import woning
from ._fouten import ScenarioFout
from .defaults import lees

__all__ = [
    "SCHILLEN",
    "STRATEGIEEN",
    "lees_catalogus",
    "pakket_rij",
    "past_bij_strategie",
    "prijsfactor",
    "resultaat",
]

#: TVW strategies a package can be compatible with
STRATEGIEEN: tuple[str, ...] = ("warmtenet", "all-electric", "hybride", "groengas", "onbekend")
_NIVEAUS = lees("isolatieniveaus.csv").set_index("schil")
SCHILLEN: tuple[str, ...] = tuple(_NIVEAUS.index)
# a package replaces a heating system only by a better one
_RANG_VERWARMING = {"gasketel": 0, "collectief_gas": 0, "hybride": 1, "all_electric": 2, "warmtenet": 2}
_KOSTEN = lees("maatregel_kosten.csv")
_INSTALLATIE = lees("installatie_kosten.csv").set_index(["installatie", "woningtype"])
_INDEX = lees("prijsindex.csv").set_index("jaar")["index"]
_VESTA_LABELS = "GFEDCBA"


def lees_catalogus(overrides: Mapping[str, Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """The measure catalog, indexed by ``pakket``, with scenario overrides applied.

    ``overrides``: ``{pakket: {kolom: waarde}}`` from the scenario, e.g.
    ``{"schil_standaard": {"kosten_factor": 1.2}}`` (20 % dearer everywhere) or
    ``{"warmtenet": {"schil": "standaard"}}``. Unknown package or column, a non-number for
    ``kosten_factor`` or an unknown shell, system or strategy raise :class:`ScenarioFout`.
    """
    cat = lees("maatregelen.csv").set_index("pakket")
    cat["kosten_factor"] = 1.0
    for k in ("schil", "verwarming_na", "installatie"):
        cat[k] = cat[k].astype(object).where(cat[k].notna(), None)
    cat["strategieen"] = cat["strategieen"].map(_strategieen)
    for pakket, kolommen in (overrides or {}).items():
        _controleer_pakket(cat, pakket)
        for kolom, waarde in kolommen.items():
            if kolom not in cat.columns:
                raise ScenarioFout(
                    f"Onbekende kolom '{kolom}' voor pakket '{pakket}' in de scenario-overrides; "
                    f"kies uit: {', '.join(cat.columns)}.")
            if kolom == "strategieen":
                waarde = _strategieen(waarde if isinstance(waarde, str) else "|".join(waarde))
            elif kolom == "kosten_factor":
                try:
                    waarde = float(waarde)
                except (TypeError, ValueError):
                    raise ScenarioFout(f"Waarde '{waarde}' voor {pakket}.{kolom} is geen getal.") from None
                if not np.isfinite(waarde) or waarde < 0:
                    raise ScenarioFout(f"{pakket}.kosten_factor moet een getal >= 0 zijn, niet {waarde}.")
            elif kolom == "schil" and waarde not in SCHILLEN:
                raise ScenarioFout(f"{pakket}.schil '{waarde}' onbekend; kies uit: {', '.join(SCHILLEN)}.")
            elif kolom == "verwarming_na" and waarde not in woning.VERWARMINGEN:
                raise ScenarioFout(f"{pakket}.verwarming_na '{waarde}' onbekend; kies uit: "
                                   f"{', '.join(woning.VERWARMINGEN)}.")
            cat.at[pakket, kolom] = waarde
    cat["aardgasvrij_ready"] = cat["schil"].eq("standaard") | cat["verwarming_na"].isin(["all_electric", "warmtenet"])
    return cat


def _strategieen(tekst: str) -> tuple[str, ...]:
    namen = tuple(s.strip() for s in str(tekst).split("|") if s.strip())
    onbekend = [s for s in namen if s not in STRATEGIEEN]
    if onbekend:
        raise ScenarioFout(f"Onbekende strategie(en) {onbekend}; kies uit: {', '.join(STRATEGIEEN)}.")
    return namen


def _controleer_pakket(catalog: pd.DataFrame, pakket: str) -> None:
    if pakket not in catalog.index:
        raise ScenarioFout(
            f"Onbekend pakket '{pakket}'; de catalogus kent: {', '.join(catalog.index)}. "
            "Controleer de pakketnaam in het scenario.")


def pakket_rij(catalog: pd.DataFrame, pakket: str) -> pd.Series:
    """The catalog row of ``pakket`` (with ``name`` == pakket); ScenarioFout when unknown."""
    _controleer_pakket(catalog, pakket)
    return catalog.loc[pakket]


def past_bij_strategie(pakket_row: pd.Series, strategie: str | None) -> bool:
    """True when the package fits the wijk's TVW strategy (None counts as ``onbekend``)."""
    return (strategie or "onbekend") in pakket_row["strategieen"]


# ------------------------------------------------------------------ prices

def prijsindex(jaar: int, groei_pct: float = 3.0) -> float:
    """CBS bouwkostenindex (83908NED, 2015 = 100) in ``jaar``; after the table's last year it grows ``groei_pct`` a
    year."""
    jaar = int(jaar)
    if jaar in _INDEX.index:
        return float(_INDEX[jaar])
    eerste, laatste = int(_INDEX.index.min()), int(_INDEX.index.max())
    if jaar < eerste:
        return float(_INDEX[eerste])
    return float(_INDEX[laatste]) * (1.0 + groei_pct / 100.0) ** (jaar - laatste)


def index_laatste_jaar() -> int:
    """The last year the CBS building cost index table holds (growth is assumed after it)."""
    return int(_INDEX.index.max())


def prijsfactor(van: int, naar: int, groei_pct: float = 3.0) -> float:
    """Factor that brings an amount at price level ``van`` to price level ``naar``."""
    return prijsindex(naar, groei_pct) / prijsindex(van, groei_pct)


def _kosten_vesta(vesta_type: np.ndarray, bouwjaar: np.ndarray, van: np.ndarray, naar: str,
                  gbo: np.ndarray) -> np.ndarray:
    """Vesta shell cost per dwelling [EUR, prijspeil 2020]: midpoint of min/max, asl + opp x gbo."""
    k = _KOSTEN[_KOSTEN["naar_label"] == naar]
    uit = np.full(len(vesta_type), np.nan)
    bj = np.where(np.isfinite(bouwjaar), bouwjaar, 1970.0)
    # one integer key per (type, start label): fast masks for millions of dwellings
    tc, tu = pd.factorize(np.asarray(vesta_type, dtype=object))
    lc, lu = pd.factorize(np.asarray(van, dtype=object))
    sleutel = tc.astype(np.int64) * (len(lu) + 1) + lc
    for (vt, v), deel in k.groupby(["vesta_type", "van_label"]):
        if vt not in tu or v not in lu:
            continue
        m = sleutel == list(tu).index(vt) * (len(lu) + 1) + list(lu).index(v)
        if not m.any():
            continue
        deel = deel.sort_values("bouwjaar_tot")
        tot = deel["bouwjaar_tot"].to_numpy(float)
        i = np.minimum(np.searchsorted(tot, bj[m], side="left"), len(deel) - 1)
        asl = ((deel["asl_min_eur"].to_numpy(float) + deel["asl_max_eur"].to_numpy(float)) / 2)[i]
        opp = ((deel["opp_min_eur_m2"].to_numpy(float) + deel["opp_max_eur_m2"].to_numpy(float)) / 2)[i]
        uit[m] = np.maximum(asl + opp * gbo[m], 0.0)
    return uit


def _vesta_van(label: np.ndarray, naar: str) -> np.ndarray:
    """Vesta start label for a cost step to ``naar``: the label itself, A+ classes as A, and a
    dwelling already at or above ``naar`` (whose heat demand is still above the target) as one
    class below ``naar``."""
    codes, uniek = pd.factorize(np.asarray(label, dtype=object))
    letters = np.array([str(x)[0] if isinstance(x, str) and x else "D" for x in uniek] + ["D"], dtype=object)
    lab = letters[np.where(codes < 0, len(uniek), codes)]
    slechter = _VESTA_LABELS[_VESTA_LABELS.index(naar) - 1]
    goed = np.array([_VESTA_LABELS.index(x) >= _VESTA_LABELS.index(naar) for x in letters])[
        np.where(codes < 0, len(uniek), codes)]
    return np.where(goed, slechter, lab)


# ------------------------------------------------------------------ the result of a package

def resultaat(pakket_row: pd.Series, staat: Mapping[str, np.ndarray], *, prijspeil: int = 2026,
              groei_pct: float = 3.0) -> dict[str, np.ndarray]:
    """What a package does to each dwelling and what it costs there.

    ``staat`` holds per dwelling: ``subtype``, ``bouwjaar``, ``gbo``, ``label`` (start label),
    ``ep2``, ``q`` (net heat demand), ``verwarming``, ``ruimte_gj`` and ``tapwater_gj`` (useful
    heat now). Returns per dwelling ``q_na``, ``ep2_na``, ``verwarming_na``, ``effect`` (bool),
    ``kosten_eur`` (0 where no effect; at price level ``prijspeil``), ``aardgasvrij_ready``
    (heat demand at or below the Standaard, or off gas), ``standaard_kwh_m2``, and ``gas_m3``,
    ``elektriciteit_kwh``, ``warmte_gj`` after.
    """
    sub = np.asarray(staat["subtype"], dtype=object)
    n = len(sub)
    v = woning.vorm_arrays(sub)
    gg = v["grondgebonden"]
    bj = np.asarray(staat["bouwjaar"], dtype=float)
    gbo = np.asarray(staat["gbo"], dtype=float)
    ep2 = np.asarray(staat["ep2"], dtype=float)
    q = np.asarray(staat["q"], dtype=float)
    verw = np.asarray(staat["verwarming"], dtype=object)
    std = woning.standaard_kwh_m2(gg, bj, woning.als_ag(sub, bj))

    schil = pakket_row.get("schil")
    schil = None if schil is None or (isinstance(schil, float) and np.isnan(schil)) else str(schil)
    q_doel = np.full(n, np.inf)
    if schil == "standaard":
        q_doel = std
    elif schil == "basis":
        ref = float(_NIVEAUS.loc["basis", "ep2_referentie_kwh_m2"])
        q_doel = np.maximum(std, woning.q_uit_ep2(np.full(n, ref), np.full(n, "gasketel", dtype=object), gg))
    elif schil is not None:
        raise ScenarioFout(f"{pakket_row.name}: onbekende schil '{schil}'; kies uit: {', '.join(SCHILLEN)}.")
    schil_effect = q > q_doel + 0.5
    q_na = np.where(schil_effect, q_doel, q)

    nieuw = pakket_row.get("verwarming_na")
    nieuw = None if nieuw is None or (isinstance(nieuw, float) and np.isnan(nieuw)) else str(nieuw)
    if nieuw is not None:
        codes, uniek = pd.factorize(verw)
        rang_nu = np.array([_RANG_VERWARMING[x] for x in uniek], dtype=int)[codes]
        wissel = rang_nu < _RANG_VERWARMING[nieuw]
        verw_na = np.where(wissel, nieuw, verw).astype(object)
    else:
        wissel = np.zeros(n, dtype=bool)
        verw_na = verw.copy()
    winst = woning.ep2_uit_q(q, verw, gg) - woning.ep2_uit_q(q_na, verw_na, gg)
    ep2_na = np.minimum(ep2, ep2 - winst)
    effect = schil_effect | wissel

    kosten = np.zeros(n)
    factor = float(pakket_row.get("kosten_factor", 1.0) or 1.0)
    if schil is not None and schil_effect.any():
        naar = str(_NIVEAUS.loc[schil, "naar_label"])
        van = _vesta_van(np.asarray(staat["label"], dtype=object), naar)
        k = _kosten_vesta(v["vesta_type"], bj, van, naar, gbo)
        kosten += np.where(schil_effect, np.nan_to_num(k), 0.0) * prijsfactor(2020, prijspeil, groei_pct)
    inst = pakket_row.get("installatie")
    if isinstance(inst, str) and inst and wissel.any():
        wt = v["woningtype"]
        for t in pd.unique(wt):
            r = _INSTALLATIE.loc[(inst, t)]
            m = wissel & (wt == t)
            kosten[m] += float(r["kosten_eur"]) * prijsfactor(int(r["prijspeil"]), prijspeil, groei_pct)
    kosten *= factor

    ruimte = np.asarray(staat["ruimte_gj"], dtype=float) * np.where(q > 0, q_na / np.maximum(q, 1e-9), 1.0)
    gebruik = woning.verbruik(ruimte, np.asarray(staat["tapwater_gj"], dtype=float), verw_na)
    agv = (q_na <= std + 0.5) | ~woning.verwarming_param(verw_na, "aardgas").astype(bool)
    return {"q_na": q_na, "ep2_na": ep2_na, "verwarming_na": verw_na, "effect": effect, "kosten_eur": kosten,
            "aardgasvrij_ready": agv, "standaard_kwh_m2": std, **gebruik,
            "label_na": L.label_uit_ep2(ep2_na)}
