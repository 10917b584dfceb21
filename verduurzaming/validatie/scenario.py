"""Findings about the scenario against the data: corporation names that do not match.

A scenario gives capacity and budget per corporation name. A name that is not in the data (a typo,
"Woonstede" for "Woonstede Voorbeeldstad", another scenario's names) would silently leave every real
corporation without limits; these findings say so, with the closest name in the data.
"""

from __future__ import annotations

import difflib

from ..bevindingen import ACTIE_GEMELD, ACTIE_STANDAARD, Bevindingen
from ..scenario import ZONDER_SCENARIO, Scenario

#: difflib's similarity cut-off for suggesting a corporation name
GELIJKENIS_MIN = 0.5


def scenario_naam(s: Scenario) -> str:
    """The 'file' findings about the scenario name: the scenario file's name, or the run without one."""
    return s.bron.name if s.bron is not None else ZONDER_SCENARIO


def _suggestie(naam: str, kandidaten: list[str]) -> str | None:
    """The closest candidate to ``naam`` (case-insensitive; a name that starts the other counts too)."""
    laag = {k.lower(): k for k in kandidaten}
    begint = [k for k in kandidaten if k.lower().startswith(naam.lower()) or naam.lower().startswith(k.lower())]
    if len(begint) == 1:
        return begint[0]
    beste = difflib.get_close_matches(naam.lower(), list(laag), n=1, cutoff=GELIJKENIS_MIN)
    return laag[beste[0]] if beste else None


def _grenzen(s: Scenario, naam: str) -> tuple[bool, bool]:
    """(capacity set, budget set) for corporation ``naam`` (its own block or ``[corporatie.standaard]``)."""
    par = s.corporatie(naam)
    return (par.capaciteit_woningen is not None or bool(par.capaciteit_per_jaar),
            par.budget_eur is not None or bool(par.budget_per_jaar))


def controleer_corporaties(s: Scenario, corporaties: list[str], bev: Bevindingen) -> list[str]:
    """Findings (warnings) for scenario corporations absent from the data and for data corporations
    without a capacity or budget; returns the Dutch sentences, for the terminal."""
    bestand = scenario_naam(s)
    in_data = sorted(set(corporaties))
    zinnen: list[str] = []
    for naam in sorted(s.corporaties):
        if naam in in_data:
            continue
        voorstel = _suggestie(naam, in_data)
        zin = (f"het scenario noemt corporatie '{naam}' ([corporatie.\"{naam}\"]), maar die komt niet voor in de "
               f"gegevens (daar: {', '.join(repr(c) for c in in_data)})")
        zin += ": de capaciteit en het budget van dit blok zijn niet gebruikt"
        zin += f"; bedoelt u '{voorstel}'? Zet die naam dan in het scenario" if voorstel else ""
        bev.voeg_toe(bestand, None, f"[corporatie.\"{naam}\"]", naam, zin, ACTIE_GEMELD, ernst="waarschuwing",
                     sleutel=naam)
        zinnen.append(zin)
    for naam in in_data:
        capaciteit, budget = _grenzen(s, naam)
        if capaciteit and budget:
            continue
        mist = " en geen ".join(w for w, heeft in (("capaciteit", capaciteit), ("budget", budget)) if not heeft)
        zin = (f"corporatie '{naam}' heeft geen {mist} in het scenario: standaard gebruikt, geen grens "
               f"(onbeperkt); geef capaciteit_woningen en budget_eur onder [corporatie.\"{naam}\"]")
        bev.voeg_toe(bestand, None, f"[corporatie.\"{naam}\"]", None, zin, ACTIE_STANDAARD, ernst="waarschuwing",
                     sleutel=naam)
        zinnen.append(zin)
    return zinnen
