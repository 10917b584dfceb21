"""The rolling re-plan: plan what is left from the realised state, and say what changed and why.

``herplan_scenario`` plans from the peildatum's year, with that year's capacity and budget reduced by
what was realised in it and contracted works (``[[vastgelegd]]``) kept unless they are done, unknown
or outside the horizon (findings). ``wijzigingen`` compares the previous plan with the re-plan.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt

import numpy as np
import pandas as pd

from ..bevindingen import ACTIE_GEMELD, Bevindingen
from ..planning import maak_plan
from .realiseren import Toestand


def herplan_scenario(scenario, toestand: Toestand, plan, peildatum: dt.date, bev: Bevindingen | None = None):
    """The scenario for planning what is left: from the peildatum's year, capacity and budget of that
    year reduced by what was already realised in it, fixed works that are already done dropped, the lead time
    counted from the plan's own first year."""
    bev = bev if bev is not None else Bevindingen()
    start = max(int(scenario.startjaar), peildatum.year)
    # the lead time counts from the plan's own start: works the plan held for a later year have been prepared
    # since, so a re-plan a year on may place them at once
    voorbereiding = int(scenario.gewicht("voorbereidingstijd_jaar", 0.0)) if hasattr(scenario, "gewicht") else 0
    gewichten = {**scenario.gewichten,
                 "voorbereidingstijd_jaar": max(0, voorbereiding - (start - int(scenario.startjaar)))}
    s = dataclasses.replace(scenario, peildatum=peildatum, startjaar=start,
                            eindjaar=max(int(scenario.eindjaar), start), gewichten=gewichten,
                            corporaties={k: copy.deepcopy(v) for k, v in scenario.corporaties.items()},
                            standaard_corporatie=copy.deepcopy(scenario.standaard_corporatie))
    rc = toestand.complexen
    gedaan = rc[rc["gerealiseerd_jaar"].notna()] if len(rc) else rc
    kosten = {}
    if plan is not None and len(plan.complexen):
        pc = plan.complexen
        kosten = dict(zip(zip(pc["corporatie"].astype(str), pc["complex_id"].astype(str), strict=False),
                          pd.to_numeric(pc["renovatie_kosten_eur"], errors="coerce").fillna(0.0), strict=False))
    won = dict(zip(zip(toestand.portefeuille.complexen["corporatie"].astype(str),
                       toestand.portefeuille.complexen["complex_id"].astype(str), strict=False),
                   toestand.portefeuille.complexen["woningen"], strict=False))
    dit_jaar = gedaan[gedaan["gerealiseerd_jaar"].astype(float) == start] if len(gedaan) else gedaan
    for corp, g in (dit_jaar.groupby("corporatie") if len(dit_jaar) else []):
        params = s.corporaties.get(corp)
        if params is None:
            params = copy.deepcopy(s.standaard_corporatie)
            s.corporaties[corp] = params
        n = float(sum(won.get((corp, str(c)), 0) for c in g["complex_id"]))
        uitgegeven = float(sum(kosten.get((corp, str(c)), 0.0) for c in g["complex_id"]))
        if np.isfinite(params.capaciteit(start)):
            params.capaciteit_per_jaar[start] = int(max(0, params.capaciteit(start) - n))
        if np.isfinite(params.budget(start)):
            params.budget_per_jaar[start] = max(0.0, params.budget(start) - uitgegeven)
    klaar = set(zip(gedaan["corporatie"].astype(str), gedaan["complex_id"].astype(str), strict=False)) if len(gedaan) else set()
    bekend = set(won)
    vast = []
    for v in scenario.vastgelegd or []:
        k = (str(v["corporatie"]), str(v["complex_id"]))
        waar = f"vastgelegd {v['corporatie']} / {v['complex_id']}"
        if k not in bekend:
            bev.voeg_toe("scenario", None, "vastgelegd", waar, "vastgelegd werk bij een onbekend complex: genegeerd",
                         ACTIE_GEMELD, sleutel=v["complex_id"])
        elif k in klaar:
            bev.voeg_toe("scenario", None, "vastgelegd", waar, "vastgelegd werk is al gerealiseerd: niet opnieuw gepland",
                         ACTIE_GEMELD, ernst="info", sleutel=v["complex_id"])
        elif int(v["jaar"]) < start or int(v["jaar"]) > s.eindjaar:
            bev.voeg_toe("scenario", None, "vastgelegd", f"{waar}: {v['jaar']}",
                         f"vastgelegd jaar {v['jaar']} ligt buiten de planperiode {start}-{s.eindjaar} en is niet "
                         "gerealiseerd: de planner kiest opnieuw", ACTIE_GEMELD, sleutel=v["complex_id"])
        else:
            vast.append(v)
    s.vastgelegd = vast
    return s


def herplan(toestand: Toestand, scenario, plan, peildatum: dt.date, *, catalogus: pd.DataFrame | None = None,
            solver: dict | None = None, bev: Bevindingen | None = None):
    """Plan what is left from the realised state on ``peildatum``, keeping fixed works (a Plan)."""
    s = herplan_scenario(scenario, toestand, plan, peildatum, bev)
    return maak_plan(toestand.portefeuille, s, solver=solver, catalogus=catalogus, baseline=False)


WIJZIGING_KOLOMMEN = ["corporatie", "complex_id", "oud_pakket", "oud_jaar", "nieuw_pakket", "nieuw_jaar", "reden"]


def wijzigingen(oud, nieuw, toestand: Toestand, peildatum: dt.date, vastgelegd: list[dict] | None = None
                ) -> pd.DataFrame:
    """What changed per complex between the previous plan (a Plan or a frame with ``corporatie,
    complex_id, pakket, jaar``) and the re-plan, and why."""
    o = oud.complexen if hasattr(oud, "complexen") else oud
    n = nieuw.complexen
    ok = {(str(a), str(b)): (p if isinstance(p, str) else None, None if pd.isna(j) else int(j))
          for a, b, p, j in zip(o["corporatie"], o["complex_id"], o["pakket"], o["jaar"], strict=False)}
    nk = {(str(a), str(b)): (p if isinstance(p, str) else None, None if pd.isna(j) else int(j))
          for a, b, p, j in zip(n["corporatie"], n["complex_id"], n["pakket"], n["jaar"], strict=False)}
    rc = toestand.complexen.set_index(["corporatie", "complex_id"]) if len(toestand.complexen) else None
    vast = {(str(v["corporatie"]), str(v["complex_id"])) for v in (vastgelegd or [])}
    rijen = []
    for k in sorted(set(ok) | set(nk)):
        (op, oj), (np_, nj) = ok.get(k, (None, None)), nk.get(k, (None, None))
        r = rc.loc[k] if rc is not None and k in rc.index else None
        gj = r["gerealiseerd_jaar"] if r is not None and pd.notna(r["gerealiseerd_jaar"]) else None
        if (op, oj) == (np_, nj) and gj is None:
            continue
        if gj is not None and r is not None:
            reden = f"gerealiseerd in {int(gj)}" + (f" ({r['gerealiseerd_pakket']})"
                                                     if isinstance(r["gerealiseerd_pakket"], str) else "")
            if np_ is not None:
                reden += f"; nog nodig: {np_} in {nj}"
        elif k in vast:
            reden = "vastgelegd (gecontracteerd): ongewijzigd overgenomen"
        elif oj is not None and oj < peildatum.year and np_ is not None:
            reden = f"vertraagd: niet uitgevoerd in {oj}, opnieuw ingepland"
        elif oj is not None and oj < peildatum.year:
            reden = f"vertraagd: niet uitgevoerd in {oj} en niet meer ingepland"
        elif op is not None and np_ is None:
            efg = r["efg_nu"] if r is not None else None
            reden = "niet meer nodig: geen E/F/G meer (nieuw label)" if efg == 0 else "niet meer ingepland"
        elif op is None:
            efg_s = r["efg_start"] if r is not None else 0
            efg_n = r["efg_nu"] if r is not None else 0
            reden = "nieuw ingepland: label verslechterd" if efg_n > efg_s else "nieuw ingepland"
        else:
            reden = "verschoven door de planner (capaciteit en budget na de realisatie)"
        rijen.append(dict(corporatie=k[0], complex_id=k[1], oud_pakket=op, oud_jaar=oj, nieuw_pakket=np_,
                          nieuw_jaar=nj, reden=reden))
    df = pd.DataFrame(rijen, columns=WIJZIGING_KOLOMMEN)
    for c in ("oud_jaar", "nieuw_jaar"):
        df[c] = df[c].astype("Int64")
    return df
