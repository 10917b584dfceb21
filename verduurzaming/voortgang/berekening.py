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
from ..planning.opties import SCOPES, bouw_opties
from .afgesproken import AfgesprokenPlan
from .herplannen import WIJZIGING_KOLOMMEN, wijzigingen
from .meting import Meter, in_voorraad, tijd_in_jaar
from .realiseren import Toestand, realiseer, werken_per_complex
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
                      toestand: Toestand | None = None) -> Voortgang:
    """Statuses of the agreements and the progress tables on ``peildatum``.

    ``plan``: the agreed plan (:class:`AfgesprokenPlan`, see :func:`afgesproken_plan`; a bare Plan is taken as
    recomputed from the scenario): its works, years and per-year values are the schedule, and every output
    says which plan it was (``samenvatting["vergeleken_met"]``);
    ``herplan``: the re-plan from the realised state (the prognosis; without it the plan is used);
    ``toestand``: the realised state (made here with :func:`realiseer` when not given; give it the same plan).
    """
    afgesproken = plan if isinstance(plan, AfgesprokenPlan) else AfgesprokenPlan(plan)
    plan = afgesproken.plan
    bev = Bevindingen()
    afspraken = lees_afspraken(scenario.afspraken) if afspraken is None else afspraken
    if toestand is None:
        toestand = realiseer(portefeuille, plan, realisatie, peildatum, scenario, catalogus, bev)
    o0 = bouw_opties(portefeuille, scenario, catalogus)
    o1 = bouw_opties(toestand.portefeuille, scenario, catalogus)
    jaar_nu, frac = peildatum.year, tijd_in_jaar(peildatum)
    werken = werken_per_complex(o0, o1, toestand)
    gepland = _zoals_afgesproken(afgesproken, o0)
    voorraad = in_voorraad(o0, jaar_nu, frac)

    complexen = complex_tabel(portefeuille, toestand, o0, o1, werken, gepland, _herplan_keuze(herplan), jaar_nu,
                              voorraad)
    meter = Meter(o0, o1, plan, herplan, scenario, werken, jaar_nu, frac)
    afspraken_df = afspraken_tabel(afspraken, meter, complexen, jaar_nu, frac, herplan, scenario)
    gedaan = werken.gedaan
    samen = {"peildatum": peildatum, "afspraken": len(afspraken), "vergeleken_met": afgesproken.vergeleken_met,
             "statussen": afspraken_df["status"].value_counts().to_dict() if len(afspraken_df) else {},
             "complexen_gerealiseerd": int(gedaan.sum()),
             "woningen_gerealiseerd": round(float(werken.aangepakt[gedaan].sum())),
             "vertraagd": int((complexen["status"] == "vertraagd").sum()),
             "van_gas_vertraagd": int((complexen["status_van_gas"] == "vertraagd").sum()),
             "pv_vertraagd": int((complexen["status_pv"] == "vertraagd").sum()),
             "efg_start": int(complexen["efg_start"].sum()), "efg_nu": int(complexen["efg_nu"].sum()),
             "gemiddeld_label_definitie": L.definitie_tekst(*meter.definitie)}
    if toestand.bevindingen is not bev:
        bev.extend(toestand.bevindingen)
    wz = wijzigingen(plan, herplan, toestand, peildatum, scenario.vastgelegd) if herplan is not None \
        else pd.DataFrame(columns=WIJZIGING_KOLOMMEN)
    return Voortgang(peildatum, afspraken_df, complexen,
                     halfjaar=halfjaar_tabel(complexen, peildatum, scenario, plan),
                     verschoven=verschoven_tabel(complexen),
                     efg_pad=efg_pad_tabel(meter, scenario, peildatum),
                     npa=npa_tabel(o0, o1, werken, plan, scenario, jaar_nu, frac),
                     gemeente=gemeente_overzicht(plan, portefeuille, scenario, complexen),
                     wijzigingen=wz, bevindingen=bev, samenvatting=samen)


def _zoals_afgesproken(afgesproken: AfgesprokenPlan, o0) -> dict:
    """Per complex of ``o0`` the agreed renovation: ``pakket`` (object, None = none), ``jaar`` (float, NaN = none),
    ``aanpak`` and ``woningen_aangepakt`` (the dwellings its option works on); and the agreed ``van_gas_jaar`` and
    ``pv_jaar``. From the plan as handed out where there is one (also a package the catalog lacks: it was
    planned; a switch or PV year only where the handed-out plan gives them, not the rule of thumb it was
    completed with), else from the recomputed plan; a complex the handed-out plan does not list has no works."""
    pc = afgesproken.uitgegeven.complexen if afgesproken.uitgegeven is not None else afgesproken.plan.complexen
    cx = o0.complexen
    sleutel = pd.MultiIndex.from_arrays([pc["corporatie"].astype(str), pc["complex_id"].astype(str)])
    rij = sleutel.get_indexer(pd.MultiIndex.from_arrays([cx["corporatie"].astype(str), cx["complex_id"].astype(str)]))
    pakket = pc["pakket"].to_numpy(dtype=object)
    jaar = pd.to_numeric(pc["jaar"], errors="coerce").to_numpy(dtype=float)
    aanpak = pc["aanpak"].to_numpy(dtype=object) if "aanpak" in pc else np.full(len(pc), None, dtype=object)
    pk = np.array([pakket[r] if r >= 0 and isinstance(pakket[r], str) else None for r in rij], dtype=object)
    jr = np.array([jaar[r] if r >= 0 else np.nan for r in rij], dtype=float)
    ap = np.array([(aanpak[r] if isinstance(aanpak[r], str) else SCOPES[0]) if r >= 0 and pk[i] is not None
                   else None for i, r in enumerate(rij)], dtype=object)
    optie = np.array([o0.optie(p, a) for p, a in zip(pk, ap, strict=True)], dtype=np.int64)
    aangepakt = np.where(optie >= 0, o0.werk[np.arange(o0.C), np.maximum(optie, 0)], np.nan) if o0.P \
        else np.full(o0.C, np.nan)
    def jaren(kolom: str) -> np.ndarray:
        if kolom not in pc:
            return np.full(o0.C, np.nan)
        v = pd.to_numeric(pc[kolom], errors="coerce").to_numpy(dtype=float)
        return np.array([v[r] if r >= 0 else np.nan for r in rij], dtype=float)
    return {"pakket": pk, "jaar": jr, "aanpak": ap, "woningen_aangepakt": np.where(np.isfinite(jr), aangepakt, 0.0),
            "van_gas_jaar": jaren("van_gas_jaar"), "pv_jaar": jaren("pv_jaar")}


def _herplan_keuze(herplan) -> dict:
    """(corporatie, complex_id) -> (package, year) of the re-plan; empty without one."""
    if herplan is None:
        return {}
    h = herplan.complexen
    return dict(zip(zip(h["corporatie"].astype(str), h["complex_id"].astype(str), strict=False), zip(h["pakket"], h["jaar"], strict=False), strict=False))
