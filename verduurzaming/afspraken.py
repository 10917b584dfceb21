"""Prestatieafspraken as data: the scenario's ``[[afspraken]]`` tables as measurable indicators.

Each agreement names an indicator the tool can compute from the plan and the realised state
(see :mod:`verduurzaming.voortgang`), one or more target years with a target value, and whom it
binds (all corporations together, one corporation, or each corporation on its own). Examples
from real prestatieafspraken (Leidschendam-Voorburg 2022-2025, Alphen-Chaam) are in
``scenario_voortgang.toml``::

    [[afspraken]]
    id = "label-B-A"
    tekst = "Gemiddeld label B in 2027 en A in 2030 (per corporatie)"
    indicator = "gemiddeld_label"
    doel = { 2027 = "B", 2030 = "A" }
    per_corporatie = true

Indicators (``indicator``):

==========================  =================================================================
``gemiddeld_label``         mean EP2 (weighted by floor area) at the end of the year, as a label
``pv_woningen``             dwellings with PV (present or placed) at the end of the year
``geen_efg``                dwellings E/F/G left after the year, exempt ones (monument, sloop) aside
``co2_reductie``            CO2 reduction in % against a reference (``referentie_ton`` in
                            ``referentiejaar``; without it: the stock at the plan's start)
``renovaties``              dwellings improved (renovated or with a better label) since the start
``uitvoeringsprogramma``    the E/F/G dwellings of one ``wijk``: a programme (works planned) by
                            ``programma_jaar`` and works started by ``start_jaar``
==========================  =================================================================
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from . import labels as L
from ._fouten import ScenarioFout

INDICATOREN = ("gemiddeld_label", "pv_woningen", "geen_efg", "co2_reductie", "renovaties", "uitvoeringsprogramma")
_SLEUTELS = {"id", "tekst", "partij", "indicator", "doel", "jaar", "per_corporatie", "corporatie", "marge_pct",
             "referentie_ton", "referentiejaar", "wijk", "woningen", "programma_jaar", "start_jaar", "bron"}

#: statuses, in order from good to bad
GEHAALD, OP_SCHEMA, ACHTER, NIET_HAALBAAR = "gehaald", "op schema", "achter", "niet haalbaar"
STATUSSEN = (GEHAALD, OP_SCHEMA, ACHTER, NIET_HAALBAAR)


@dataclass(frozen=True)
class Afspraak:
    """One agreement with one indicator and one or more (year, target) pairs."""

    id: str
    tekst: str
    indicator: str
    doelen: tuple[tuple[int, Any], ...]          # ((jaar, doelwaarde), ...), sorted by year
    partij: str = "alle corporaties"
    per_corporatie: bool = False
    corporatie: str | None = None
    marge_pct: float = 0.0                       # 'circa 350': accept this much below the target
    referentie_ton: float | None = None
    referentiejaar: int | None = None
    wijk: str | None = None
    woningen: int | None = None
    programma_jaar: int | None = None
    start_jaar: int | None = None
    bron: str | None = None
    extra: dict = field(default_factory=dict)


def _fout(i: int, bericht: str) -> ScenarioFout:
    return ScenarioFout(f"scenario: [[afspraken]] nr. {i + 1}: {bericht}")


def _jaar(v: Any, i: int, sleutel: str) -> int:
    try:
        j = int(v)
    except (TypeError, ValueError):
        raise _fout(i, f"'{sleutel}' moet een jaartal zijn, niet {v!r}") from None
    if isinstance(v, bool) or (isinstance(v, float) and v != j) or not 2000 <= j <= 2100:
        raise _fout(i, f"'{sleutel}' moet een jaartal tussen 2000 en 2100 zijn, niet {v!r}")
    return j


def _waarde(indicator: str, v: Any, i: int) -> Any:
    if indicator == "gemiddeld_label":
        lab = L.normaliseer_label(v) if isinstance(v, str) else None
        if lab is None:
            raise _fout(i, f"doel {v!r} is geen energielabel (A++++ .. G)")
        return lab
    if indicator in ("geen_efg", "uitvoeringsprogramma"):
        return 0 if v is None else v
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
        raise _fout(i, f"doel {v!r} moet een niet-negatief getal zijn")
    if indicator == "co2_reductie" and v > 100:
        raise _fout(i, f"CO2-reductie {v}% is meer dan 100%")
    return float(v)


def lees_afspraak(d: Any, i: int = 0) -> Afspraak:
    """One ``[[afspraken]]`` table -> :class:`Afspraak`; a :class:`ScenarioFout` names what is wrong."""
    if not isinstance(d, dict):
        raise _fout(i, "moet een tabel zijn ([[afspraken]] met sleutels eronder)")
    onbekend = sorted(set(d) - _SLEUTELS)
    if onbekend:
        raise _fout(i, f"onbekende sleutel(s) {', '.join(onbekend)}; toegestaan: {', '.join(sorted(_SLEUTELS))}")
    ind = d.get("indicator")
    if ind not in INDICATOREN:
        raise _fout(i, f"indicator {ind!r} is onbekend; kies uit {', '.join(INDICATOREN)}")
    doel = d.get("doel")
    doelen: list[tuple[int, Any]] = []
    if isinstance(doel, dict):
        for k, v in doel.items():
            doelen.append((_jaar(k, i, f"doel.{k}"), _waarde(ind, v, i)))
    elif ind == "uitvoeringsprogramma":
        if "start_jaar" not in d:
            raise _fout(i, "een uitvoeringsprogramma heeft 'start_jaar' nodig")
        doelen.append((_jaar(d["start_jaar"], i, "start_jaar"), 0))
    else:
        if "jaar" not in d:
            raise _fout(i, "geef 'jaar' en 'doel', of 'doel' als tabel jaar = waarde")
        doelen.append((_jaar(d["jaar"], i, "jaar"), _waarde(ind, doel, i)))
    if not doelen:
        raise _fout(i, "'doel' is leeg")
    per = d.get("per_corporatie", False)
    if not isinstance(per, bool):
        raise _fout(i, f"'per_corporatie' moet true of false zijn, niet {per!r}")
    marge = d.get("marge_pct", 0.0)
    if isinstance(marge, bool) or not isinstance(marge, (int, float)) or not 0 <= marge <= 100:
        raise _fout(i, f"'marge_pct' moet een percentage 0-100 zijn, niet {marge!r}")
    ref = d.get("referentie_ton")
    if ref is not None and (isinstance(ref, bool) or not isinstance(ref, (int, float)) or not math.isfinite(ref)
                            or ref <= 0):
        raise _fout(i, f"'referentie_ton' moet een positief getal zijn, niet {ref!r}")
    wijk = d.get("wijk")
    if ind == "uitvoeringsprogramma" and not wijk:
        raise _fout(i, "een uitvoeringsprogramma hoort bij een 'wijk' (wijkcode, bijv. WK999911)")
    if wijk is not None:
        from .codes import canoniek
        try:
            wijk = canoniek(str(wijk), "WK")
        except Exception:  # noqa: BLE001 - any unreadable code
            wijk = None
        if not wijk:
            raise _fout(i, f"'wijk' {d.get('wijk')!r} is geen wijkcode (WK + 6 cijfers)")
    corp = d.get("corporatie")
    per_tekst = "per corporatie" if per else (str(corp) if corp else "alle corporaties samen")
    return Afspraak(
        id=str(d.get("id", f"afspraak-{i + 1}")), tekst=str(d.get("tekst", ind)), indicator=ind,
        doelen=tuple(sorted(doelen)), partij=str(d.get("partij", per_tekst)), per_corporatie=per,
        corporatie=None if corp is None else str(corp), marge_pct=float(marge),
        referentie_ton=None if ref is None else float(ref),
        referentiejaar=None if d.get("referentiejaar") is None else _jaar(d["referentiejaar"], i, "referentiejaar"),
        wijk=wijk, woningen=None if d.get("woningen") is None else int(d["woningen"]),
        programma_jaar=None if d.get("programma_jaar") is None else _jaar(d["programma_jaar"], i, "programma_jaar"),
        start_jaar=None if d.get("start_jaar") is None else _jaar(d["start_jaar"], i, "start_jaar"),
        bron=None if d.get("bron") is None else str(d["bron"]),
    )


def lees_afspraken(lijst: Any) -> list[Afspraak]:
    """All agreements of a scenario (``scenario.afspraken``); ids must be unique."""
    if lijst is None:
        return []
    if not isinstance(lijst, list):
        raise ScenarioFout("scenario: 'afspraken' moet een lijst van tabellen zijn ([[afspraken]])")
    uit = [a if isinstance(a, Afspraak) else lees_afspraak(a, i) for i, a in enumerate(lijst)]
    ids = [a.id for a in uit]
    dubbel = sorted({x for x in ids if ids.count(x) > 1})
    if dubbel:
        raise ScenarioFout(f"scenario: [[afspraken]]: id komt meer dan eens voor: {', '.join(dubbel)}")
    return uit


def lees_vastgelegd(lijst: Any) -> list[dict]:
    """``[[vastgelegd]]``: contracted works the planner keeps as they are.

    Each entry: ``corporatie``, ``complex_id``, ``pakket`` (catalog id), ``jaar``.
    """
    if lijst is None:
        return []
    if not isinstance(lijst, list):
        raise ScenarioFout("scenario: 'vastgelegd' moet een lijst van tabellen zijn ([[vastgelegd]])")
    uit = []
    for i, d in enumerate(lijst):
        if not isinstance(d, dict):
            raise ScenarioFout(f"scenario: [[vastgelegd]] nr. {i + 1} moet een tabel zijn")
        onbekend = sorted(set(d) - {"corporatie", "complex_id", "pakket", "jaar", "toelichting"})
        ontbreekt = [k for k in ("corporatie", "complex_id", "pakket", "jaar") if k not in d]
        if onbekend or ontbreekt:
            raise ScenarioFout(f"scenario: [[vastgelegd]] nr. {i + 1}: "
                               + (f"onbekende sleutel(s) {', '.join(onbekend)}; " if onbekend else "")
                               + (f"ontbrekend: {', '.join(ontbreekt)}; " if ontbreekt else "")
                               + "verwacht corporatie, complex_id, pakket, jaar")
        j = d["jaar"]
        if isinstance(j, bool) or not isinstance(j, int) or not 2000 <= j <= 2100:
            raise ScenarioFout(f"scenario: [[vastgelegd]] nr. {i + 1}: jaar {j!r} is geen jaartal")
        uit.append({"corporatie": str(d["corporatie"]), "complex_id": str(d["complex_id"]),
                    "pakket": str(d["pakket"]), "jaar": int(j), "toelichting": str(d.get("toelichting", ""))})
    return uit
