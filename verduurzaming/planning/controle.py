"""Check a solved plan against its own figures, so that nothing the solver did not prove is
reported as compliant.

The slacks of the model say which hard demands were given up, but only when HiGHS returned a
solution and only for what is in the model. Here the plan tables are checked as they are:
E/F/G dwellings (not exempt) left after the deadline become violations when the model did not
list them, an unproven solve or a target outside the model becomes a diagnose sentence, and
:func:`oordeel` gives the one verdict every summary prints.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..doelen import JAARDOELEN
from ..tekst import procent
from .opties import RANG_E, Opties

__all__ = ["bewezen_per_corporatie", "controleer", "efg_na_deadline", "oordeel"]


def efg_na_deadline(o: Opties, pakket: np.ndarray, jaar: np.ndarray, n_na: np.ndarray, deadline: int) -> np.ndarray:
    """Per complex: E/F/G dwellings (exempt complexes: 0) left at the start of ``deadline + 1``."""
    klaar = (pakket >= 0) & (jaar > 0) & (jaar <= deadline)
    rest = np.where(klaar, n_na[:, RANG_E:].sum(1), o.n0[:, RANG_E:].sum(1))
    return np.where(o.vrij, 0, rest).astype(int)


def _advies(scenario, bewezen: bool) -> str:
    if not bewezen:
        return (f"geef de solver meer tijd (solver_tijd_s, nu {float(scenario.solver_tijd_s):g} s) of sta een "
                f"groter gat toe (solver_gap, nu {float(scenario.solver_gap):g}), of verruim capaciteit of budget")
    return "verruim de capaciteit of het budget in de jaren tot de deadline, of kies andere pakketten"


def controleer(o: Opties, scenario, pakket: np.ndarray, jaar: np.ndarray, n_na: np.ndarray, rows: list[dict],
               solver_rows: list[dict]) -> tuple[list[dict], list[str]]:
    """Violations and sentences the model did not give itself (appended to the planner's).

    ``rows``: the violations so far (dicts with ``corporatie``, ``complex_id``, ``soort``, ...);
    ``solver_rows``: one dict per corporation with ``bewezen``, ``toelichting``, ``heeft_oplossing``.
    """
    D = int(scenario.deadline)
    start = int(scenario.startjaar)
    nieuw_rows, zinnen = [], []
    bewezen = {r["corporatie"]: bool(r.get("bewezen", False)) for r in solver_rows}
    for r in solver_rows:
        if not r.get("bewezen", False):
            zinnen.append(f"{r['corporatie']}: solver {r['toelichting']}; de cijfers zijn niet bewezen optimaal: "
                          + _advies(scenario, False))
    rest = efg_na_deadline(o, pakket, jaar, n_na, D)
    cid = o.complexen["complex_id"].astype(str).to_numpy()
    gemeld = {(str(r["corporatie"]), str(r["complex_id"])) for r in rows
              if r.get("soort") in ("deadline", "tvw") and r.get("complex_id") is not None}
    per_corp: dict[str, list[int]] = {}
    for c in np.flatnonzero(rest > 0):
        corp = str(o.corporatie[c])
        if (corp, cid[c]) in gemeld:
            continue
        gepland = f"gepland in {int(jaar[c])}" if pakket[c] >= 0 and jaar[c] > 0 else "niet gepland"
        nieuw_rows.append(dict(corporatie=corp, complex_id=cid[c], soort="deadline", jaar=D,
                               toelichting=f"complex {cid[c]}: {int(rest[c])} woningen E/F/G na de deadline {D} "
                                           f"({gepland})"))
        per_corp.setdefault(corp, []).append(int(c))
    for corp, cs in sorted(per_corp.items()):
        n = int(rest[cs].sum())
        if start > D:
            oorzaak = f"de deadline {D} ligt voor het startjaar {start}, dus geen werk kan nog op tijd komen"
            advies = "zet deadline en startjaar in [scenario] goed"
        else:
            oorzaak = "het plan brengt ze niet op tijd naar D of beter"
            advies = _advies(scenario, bewezen.get(corp, False))
        zinnen.append(f"{corp}: {n} woningen E/F/G (niet vrijgesteld) in {len(cs)} complexen zijn er na {D} nog; "
                      f"{oorzaak}; {advies}")
    zinnen += _doelen_buiten_model(scenario)
    return nieuw_rows, zinnen


def _doelen_buiten_model(scenario) -> list[str]:
    """Targets of ``[doelen]`` the planner skips (a year before the start of the plan)."""
    start, eind = int(scenario.startjaar), int(scenario.eindjaar)
    zinnen = []
    for sleutel in JAARDOELEN:
        for j, waarde in sorted(scenario.doelen.jaardoel(sleutel).items()):
            if j < start:
                zinnen.append(f"doel {sleutel} {waarde} in {j} ligt voor het startjaar {start} en is niet meegenomen")
            elif j > eind:
                zinnen.append(f"doel {sleutel} {waarde} in {j} ligt na het eindjaar {eind}; getoetst aan het eind "
                              f"van de planperiode")
    return zinnen


def bewezen_per_corporatie(solver: pd.DataFrame) -> pd.Series:
    """Per solver row: proven optimal? (``bewezen`` column; older tables: status 'Optimal')."""
    if solver is None or not len(solver):
        return pd.Series(dtype=bool)
    if "bewezen" in solver:
        return solver["bewezen"].fillna(False).astype(bool)
    return solver["status"].astype(str).str.startswith("Optimal")


def oordeel(plan) -> tuple[bool, str]:
    """(compliant and proven, one short Dutch status line) for the terminal and the workbook.

    Compliant only when there is no violation, no diagnose sentence and every solve was proven
    optimal; the line then says so, and it is the only place such a claim is made."""
    sv = plan.solver if plan.solver is not None else pd.DataFrame()
    onbewezen = int((~bewezen_per_corporatie(sv)).sum()) if len(sv) else 0
    sch = plan.schendingen
    n_sch = len(sch) if sch is not None else 0
    delen = []
    if n_sch:
        dl = int((sch["soort"] == "deadline").sum()) if "soort" in sch else 0
        delen.append(f"{n_sch} schendingen" + (f", waarvan {dl} complexen na de E/F/G-deadline" if dl else ""))
    if onbewezen:
        delen.append(f"solver niet bewezen optimaal ({onbewezen} van {len(sv)} corporaties)")
    if not delen and plan.diagnose:
        delen.append(f"{len(plan.diagnose)} knelpunten")
    if not delen:
        # proven within the solver's gap: the line names the gap, so it claims no more than was proven
        gaps = pd.to_numeric(sv["gap"], errors="coerce") if "gap" in sv else pd.Series(dtype=float)
        gap = float(gaps.max()) if gaps.notna().any() else 0.0
        marge = f" (hoogstens {procent(gap, 2)} van het optimum af)" if round(gap * 100, 2) > 0 else ""
        return True, ("Geen schendingen: alle harde eisen zijn gehaald en de solver heeft het plan bewezen "
                      f"optimaal{marge}.")
    return False, "NIET alle eisen gehaald of bewezen: " + "; ".join(delen) + " (zie de diagnose)."
