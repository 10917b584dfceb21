"""``bereken_voortgang``: plan as agreed + realised state + re-plan -> statuses and tables (a Voortgang)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import labels as L
from ..afspraken import Afspraak, lees_afspraken
from ..bevindingen import Bevindingen
from ..planning.gemeente import gemeente_overzicht
from ..planning.opties import bouw_opties
from .herplannen import WIJZIGING_KOLOMMEN, wijzigingen
from .meting import Meter, tijd_in_jaar
from .realiseren import Toestand, realiseer, renovatiecatalogus, werken_per_complex
from .status import afspraken_tabel, complex_tabel, verschoven_tabel
from .tabellen import efg_pad_tabel, halfjaar_tabel, npa_tabel


@dataclass
class Voortgang:
    """Everything the progress workbook shows; tables only (the writer reshapes nothing)."""

    peildatum: dt.date
    afspraken: pd.DataFrame
    complexen: pd.DataFrame
    halfjaar: pd.DataFrame
    verschoven: pd.DataFrame
    efg_pad: pd.DataFrame
    npa: pd.DataFrame
    gemeente: pd.DataFrame
    wijzigingen: pd.DataFrame = field(default_factory=pd.DataFrame)
    bevindingen: Bevindingen = field(default_factory=Bevindingen)
    samenvatting: dict = field(default_factory=dict)


def bereken_voortgang(plan, portefeuille, scenario, realisatie, peildatum: dt.date, *, herplan=None,
                      catalogus: pd.DataFrame | None = None, afspraken: list[Afspraak] | None = None,
                      toestand: Toestand | None = None, vorig_plan: pd.DataFrame | None = None) -> Voortgang:
    """Statuses of the agreements and the progress tables on ``peildatum``.

    ``plan``: the plan as agreed (its years and per-year values are the schedule);
    ``herplan``: the re-plan from the realised state (the prognosis; without it the plan is used);
    ``toestand``: the realised state (made here with :func:`realiseer` when not given);
    ``vorig_plan``: per complex ``corporatie, complex_id, pakket, jaar`` as agreed when that differs
    from ``plan`` (e.g. the Planning sheet that was handed out).
    """
    bev = Bevindingen()
    afspraken = lees_afspraken(scenario.afspraken) if afspraken is None else afspraken
    if toestand is None:
        toestand = realiseer(portefeuille, plan, realisatie, peildatum, scenario, catalogus, bev)
    cat = renovatiecatalogus(scenario, catalogus)
    o0 = bouw_opties(portefeuille, scenario, catalogus)
    o1 = bouw_opties(toestand.portefeuille, scenario, catalogus)
    jaar_nu, frac = peildatum.year, tijd_in_jaar(peildatum)
    werken = werken_per_complex(o0, cat, toestand)
    keys = list(zip(o0.complexen["corporatie"].astype(str), o0.complexen["complex_id"].astype(str), strict=False))
    gepland_pakket, gepland_jaar = _zoals_afgesproken(plan, vorig_plan, keys)

    complexen = complex_tabel(portefeuille, toestand, o0, o1, werken, gepland_pakket, gepland_jaar,
                              _herplan_keuze(herplan), jaar_nu)
    meter = Meter(o0, o1, plan, herplan, scenario, werken, jaar_nu)
    afspraken_df = afspraken_tabel(afspraken, meter, complexen, jaar_nu, frac, herplan, scenario)
    gedaan = werken.gedaan
    samen = {"peildatum": peildatum, "afspraken": len(afspraken),
             "statussen": afspraken_df["status"].value_counts().to_dict() if len(afspraken_df) else {},
             "complexen_gerealiseerd": int(gedaan.sum()), "woningen_gerealiseerd": int(o0.woningen[gedaan].sum()),
             "vertraagd": int((complexen["status"] == "vertraagd").sum()),
             "efg_start": int(complexen["efg_start"].sum()), "efg_nu": int(complexen["efg_nu"].sum()),
             "gemiddeld_label_definitie": L.definitie_tekst(*meter.definitie)}
    if toestand.bevindingen is not bev:
        bev.extend(toestand.bevindingen)
    wz = wijzigingen(vorig_plan if vorig_plan is not None and len(vorig_plan) else plan, herplan, toestand,
                     peildatum, scenario.vastgelegd) if herplan is not None else pd.DataFrame(columns=WIJZIGING_KOLOMMEN)
    return Voortgang(peildatum, afspraken_df, complexen,
                     halfjaar=halfjaar_tabel(complexen, peildatum, scenario, plan),
                     verschoven=verschoven_tabel(complexen),
                     efg_pad=efg_pad_tabel(meter, scenario, peildatum),
                     npa=npa_tabel(o0, o1, complexen, werken, gepland_jaar, plan, scenario, jaar_nu, frac),
                     gemeente=gemeente_overzicht(plan, portefeuille, scenario, complexen),
                     wijzigingen=wz, bevindingen=bev, samenvatting=samen)


def _zoals_afgesproken(plan, vorig_plan: pd.DataFrame | None, keys: list[tuple[str, str]]
                       ) -> tuple[np.ndarray, np.ndarray]:
    """Planned package (object, None = none) and year (float, NaN = none) per complex as agreed: the
    plan, overruled per complex by ``vorig_plan`` where that names a package or a year."""
    pc = plan.complexen
    plan_pk = dict(zip(zip(pc["corporatie"].astype(str), pc["complex_id"].astype(str), strict=False), pc["pakket"], strict=False))
    plan_jr = dict(zip(zip(pc["corporatie"].astype(str), pc["complex_id"].astype(str), strict=False), pc["jaar"], strict=False))
    if vorig_plan is not None and len(vorig_plan):
        for r in vorig_plan.itertuples():
            k = (str(r.corporatie), str(r.complex_id))
            if pd.notna(r.jaar) or isinstance(r.pakket, str):
                plan_pk[k], plan_jr[k] = r.pakket, r.jaar
    pj_arr = np.array([_jaar(plan_jr.get(k)) for k in keys])
    pk_arr = np.array([plan_pk.get(k) if isinstance(plan_pk.get(k), str) else None for k in keys], dtype=object)
    return pk_arr, pj_arr


def _jaar(v) -> float:
    return float(v) if pd.notna(v) else np.nan


def _herplan_keuze(herplan) -> dict:
    """(corporatie, complex_id) -> (package, year) of the re-plan; empty without one."""
    if herplan is None:
        return {}
    h = herplan.complexen
    return dict(zip(zip(h["corporatie"].astype(str), h["complex_id"].astype(str), strict=False), zip(h["pakket"], h["jaar"], strict=False), strict=False))
