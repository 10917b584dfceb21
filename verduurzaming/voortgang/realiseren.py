"""The realised state: the portfolio on the peildatum, with the labels after the works.

Rules, per dwelling, in this order:

1. A complex realised (``gerealiseerd_jaar`` on or before the peildatum's year) with a package
   the catalog knows (the realised one, else the planned one) gets that package's effect on EP2
   (``measures``), never worse than now, on the dwellings of the work's scope: the scope (``aanpak``)
   the agreed plan gives the complex's renovation when the realised package is the planned one or
   none is given, else the whole complex. The dwellings of each scope are the planner's own
   (:func:`verduurzaming.planning.opties.woningen_per_aanpak`): all of them, the P90 set of E/F/G
   dwellings, or the most likely E/F/G dwellings after a label survey.
   A complex that went off gas (``van_gas_gerealiseerd_jaar``) gets the switch after the package, on
   all its dwellings, to where the planner switches it (district heat or all-electric, per the TVW).
2. A complex ``nieuw_label`` is the registered label after the works: dwellings of the work's scope
   still worse are set to it (EP2 capped at the top of its band). A label worse than the complex's
   worst now is a finding and is ignored.
3. A dwelling registration (corporation export, EP-online) newer than the portfolio's label is the
   valid label and wins (also when it is worse: a finding says so).
4. ``pv_gerealiseerd_jaar`` marks PV as present.

A complex whose works are done and that has no E/F/G left gets ``renovatie_gerealiseerd`` (the year), so a
re-plan does not renovate it a second time; the switch off gas its wijk asks for still holds for it.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .. import labels as L
from .. import woning
from ..bevindingen import ACTIE_GEMELD, Bevindingen
from ..planning.opties import SCOPES, na_pakket, van_gas_naar, vul_catalogus_aan, woningen_per_aanpak
from ..planning.tabellen import gekozen_staat
from ..validatie.realisatie import toets_realisatie

if TYPE_CHECKING:
    from ..portefeuille import Portefeuille

RANG_E = L.RANG["E"]
TYPISCH = np.array([L.EP2_TYPISCH_KWH_M2[lab] for lab in L.LABELS], dtype=float)
#: top of each label's EP2 band [kWh/m2]
HI = {lab: L.ep2_grenzen(lab)[1] for lab in L.LABELS}

WERK_KOLOMMEN = ["corporatie", "complex_id", "gerealiseerd_jaar", "gerealiseerd_pakket", "aanpak", "nieuw_label",
                 "pv_gerealiseerd_jaar", "van_gas_gerealiseerd_jaar", "controle"]


@dataclass
class Toestand:
    """The realised state on the peildatum."""

    portefeuille: Portefeuille                # with the labels after the realised works
    complexen: pd.DataFrame             # per complex: realised works and counts (see realiseer)
    bevindingen: Bevindingen


@dataclass
class _Woningstand:
    """Per-dwelling arrays that the realisation changes in place."""

    ep2: np.ndarray                     # EP2 now [kWh/m2]
    rang: np.ndarray                    # label rank now (index into L.LABELS)
    gas: np.ndarray                     # gas use [m3], NaN = estimate from EP2
    verwarming: np.ndarray | None       # heating system
    q: np.ndarray | None                # net heat demand [kWh/m2]
    ruimte: np.ndarray                  # useful space heat after realised works [GJ/yr], NaN = from the gas use


def renovatiecatalogus(scenario, catalogus: pd.DataFrame | None = None) -> pd.DataFrame:
    """The catalog's renovation packages (the scenario's catalog unless one is given)."""
    cat = vul_catalogus_aan(scenario, catalogus)
    return cat[cat["soort"].astype(str) == "renovatie"].reset_index(drop=True)


def realiseer(portefeuille, plan, realisatie, peildatum: dt.date, scenario, catalogus: pd.DataFrame | None = None,
              bev: Bevindingen | None = None) -> Toestand:
    """Apply the realisation to the portfolio: a new Portfolio with the labels on the peildatum."""
    bev = bev if bev is not None else Bevindingen()
    cat = renovatiecatalogus(scenario, catalogus)
    if realisatie is not None:
        startjaar = int(plan.jaren[0]) if plan is not None and plan.jaren else int(scenario.startjaar)
        realisatie = toets_realisatie(realisatie, bev, portefeuille=portefeuille, catalogus=cat, startjaar=startjaar,
                                      peildatum=peildatum, plan=plan)
    w = portefeuille.woningen.copy()
    key_w = list(zip(w["corporatie"].astype(str), w["complex_id"].astype(str), strict=False))
    w["_key"] = key_w
    ep2 = pd.to_numeric(w["ep2_kwh_m2"], errors="coerce").to_numpy(dtype=float)
    rang0 = w["energielabel"].map(L.RANG).to_numpy(dtype=float)
    ep2 = np.where(np.isfinite(ep2), ep2, TYPISCH[np.nan_to_num(rang0, nan=L.RANG["D"]).astype(int)])
    rang0 = np.where(np.isfinite(rang0), rang0, L.rang_uit_ep2(ep2)).astype(int)
    stand = _Woningstand(
        ep2=ep2.copy(), rang=rang0.copy(),
        gas=pd.to_numeric(w.get("gasverbruik_m3"), errors="coerce").to_numpy(dtype=float, copy=True)
        if "gasverbruik_m3" in w else np.full(len(w), np.nan),
        verwarming=w["verwarming"].to_numpy(dtype=object, copy=True) if "verwarming" in w else None,
        q=pd.to_numeric(w["warmtebehoefte_kwh_m2"], errors="coerce").to_numpy(dtype=float, copy=True)
        if "warmtebehoefte_kwh_m2" in w else None,
        ruimte=pd.to_numeric(w["ruimtewarmte_gj"], errors="coerce").to_numpy(dtype=float, copy=True)
        if "ruimtewarmte_gj" in w else np.full(len(w), np.nan))
    pos = pd.Series(np.arange(len(w))).groupby(pd.Series(key_w)).apply(list).to_dict() if len(w) else {}

    rc = realisatie.complexen if realisatie is not None else pd.DataFrame()
    cx = portefeuille.complexen
    naar = dict(zip(zip(cx["corporatie"].astype(str), cx["complex_id"].astype(str), strict=True),
                    van_gas_naar(portefeuille), strict=True))
    per_complex, aanpak = _pas_complexen_toe(w, stand, pos, rc, _geplande_werken(plan), cat, bev,
                                             woningen_per_aanpak(portefeuille), naar)
    rw = realisatie.woningen if realisatie is not None else pd.DataFrame()
    _pas_registraties_toe(w, stand, rw)

    nieuw = w.drop(columns="_key").copy()
    veranderd = (stand.rang != rang0) | (stand.ep2 != ep2)
    nieuw["energielabel"] = np.array(L.LABELS, dtype=object)[stand.rang]
    nieuw["ep2_kwh_m2"] = stand.ep2
    if "gasverbruik_m3" in nieuw:
        nieuw["gasverbruik_m3"] = stand.gas
    if stand.verwarming is not None:
        nieuw["verwarming"] = stand.verwarming
    if stand.q is not None:
        nieuw["warmtebehoefte_kwh_m2"] = stand.q
    # the useful space heat the planner computed for a dwelling whose works were realised, so that planning from
    # this state (the re-plan) starts from the energy the plan had after those works (a dwelling off gas has no
    # gas use to derive it from)
    nieuw["ruimtewarmte_gj"] = stand.ruimte
    if "label_bron" in nieuw:
        nieuw.loc[veranderd, "label_bron"] = "gerealiseerd"
    nieuw["label_rang_start"] = rang0
    c2 = _heraggregeer(portefeuille.complexen, nieuw, per_complex, peildatum)
    _markeer_klaar(c2, per_complex)
    p2 = copy.copy(portefeuille)
    p2.woningen = nieuw.drop(columns="label_rang_start")
    p2.complexen = c2
    p2.peildatum = peildatum
    return Toestand(p2, _werktabel(per_complex, aanpak, nieuw, stand.rang, rang0), bev)


def _geplande_werken(plan) -> dict:
    """(corporatie, complex_id) -> (planned package, planned year, planned scope) of the agreed plan."""
    if plan is None:
        return {}
    pc = plan.complexen
    aanpak = pc["aanpak"] if "aanpak" in pc else pd.Series([None] * len(pc), index=pc.index)
    return {(str(c), str(i)): (p, j, a) for c, i, p, j, a in zip(pc["corporatie"], pc["complex_id"], pc["pakket"],
                                                                 pc["jaar"], aanpak, strict=True)}


def _scope(aanpak: object) -> int:
    return SCOPES.index(aanpak) if isinstance(aanpak, str) and aanpak in SCOPES else 0


def _pas_toe(w: pd.DataFrame, stand: _Woningstand, idx: np.ndarray, rij: pd.Series | None, van_gas: str | None
             ) -> None:
    """A package (``rij``, or None) and then the switch off gas (to ``van_gas``, or None) on dwellings ``idx``."""
    if not len(idx) or (rij is None and van_gas is None):
        return
    res = na_pakket(w.iloc[idx], stand.ep2[idx], rij, van_gas=van_gas)
    e = np.minimum(res["ep2_na"], stand.ep2[idx])
    stand.ep2[idx] = e
    stand.rang[idx] = np.minimum(L.rang_uit_ep2(e), stand.rang[idx])
    stand.gas[idx] = res["gas_m3"]
    if res["ruimte_gj"] is not None:
        stand.ruimte[idx] = res["ruimte_gj"]
    if res["verwarming_na"] is not None and stand.verwarming is not None:
        stand.verwarming[idx] = res["verwarming_na"]
        if stand.q is not None:
            stand.q[idx] = res["q_na"]


def _pas_complexen_toe(w: pd.DataFrame, stand: _Woningstand, pos: dict, rc: pd.DataFrame, gepland: dict,
                       cat: pd.DataFrame, bev: Bevindingen, maskers: np.ndarray, naar: dict
                       ) -> tuple[dict, dict]:
    """Rules 1 and 2: the package's effect on the dwellings of the work's scope (``maskers``: per dwelling the
    planner's scopes) and the switch off gas (to ``naar`` per complex), then the complex's new label. Returns the
    realisation row per complex with a realised year, PV year or year off gas (the package resolved when the
    catalog knows it), and per realised renovation the scope it was booked at."""
    catrij = {str(p): cat.iloc[i] for i, p in enumerate(cat["pakket"])}
    resultaatmodel = "schil" in cat.columns
    per_complex: dict = {}
    aanpak: dict = {}
    for r in rc.itertuples():
        k = (str(r.corporatie), str(r.complex_id))
        van_gas_j = getattr(r, "van_gas_gerealiseerd_jaar", pd.NA)
        if pd.isna(r.gerealiseerd_jaar) and pd.isna(r.pv_gerealiseerd_jaar) and pd.isna(van_gas_j):
            continue
        alle = np.asarray(pos.get(k, []), dtype=int)
        van_gas = naar.get(k) if pd.notna(van_gas_j) and resultaatmodel else None
        if pd.isna(r.gerealiseerd_jaar):
            _pas_toe(w, stand, alle, None, van_gas)
            per_complex[k] = r
            continue
        gp, _, ga = gepland.get(k, (None, None, None))
        pk = r.gerealiseerd_pakket if isinstance(r.gerealiseerd_pakket, str) and r.gerealiseerd_pakket in catrij \
            else None
        if pk is not None:   # the planned work's scope only when this is the planned package
            s = _scope(ga) if pk == gp else 0
        else:
            pk = gp if isinstance(gp, str) and gp in catrij else None
            s = _scope(ga)
        binnen = maskers[alle, s] if len(alle) else np.zeros(0, bool)
        idx = alle[binnen]
        _pas_toe(w, stand, idx, catrij[pk] if pk is not None else None, van_gas)
        _pas_toe(w, stand, alle[~binnen], None, van_gas)
        lab = r.nieuw_label if isinstance(r.nieuw_label, str) else None
        if len(idx) and lab is not None:
            rn = L.RANG[lab]
            slechter = stand.rang[idx] > rn
            stand.rang[idx[slechter]] = rn
            stand.ep2[idx] = np.where(slechter, np.minimum(stand.ep2[idx], HI[lab] if np.isfinite(HI[lab]) else np.inf),
                                      stand.ep2[idx])
            stand.gas[idx[slechter]] = np.nan  # metered use before the works no longer holds: estimate from EP2
            stand.ruimte[idx[slechter]] = np.nan
        if pk is None and lab is None:
            bev.voeg_toe(r.bestand, r.rij, "gerealiseerd_pakket", r.gerealiseerd_pakket,
                         "gerealiseerd zonder herkend pakket, gepland pakket of nieuw label: effect op labels onbekend, "
                         "alleen als uitgevoerd geteld", ACTIE_GEMELD, sleutel=r.complex_id)
        per_complex[k] = r._replace(gerealiseerd_pakket=pk or r.gerealiseerd_pakket)
        aanpak[k] = SCOPES[s]
    return per_complex, aanpak


def _pas_registraties_toe(w: pd.DataFrame, stand: _Woningstand, rw: pd.DataFrame) -> None:
    """Rule 3: a newer dwelling registration is the valid label."""
    if not len(rw):
        return
    # VHE numbers are per corporation: the reader matched each row to one dwelling of its own
    vpos = {k: i for i, k in enumerate(zip(w["corporatie"].astype(str), w["vhe_id"].astype(str), strict=False))}
    for r in rw.itertuples():
        i = vpos.get((str(r.corporatie), str(r.vhe_id)))
        if i is None:
            continue
        rn = L.RANG.get(r.energielabel)
        if rn is None:
            continue
        e = r.ep2_kwh_m2 if pd.notna(r.ep2_kwh_m2) else TYPISCH[rn]
        stand.rang[i], stand.ep2[i] = rn, float(e)
        stand.gas[i] = np.nan
        stand.ruimte[i] = np.nan


def _markeer_klaar(c2: pd.DataFrame, per_complex: dict) -> None:
    """A complex whose works are done and that has no E/F/G left is not renovated again by a re-plan
    (``renovatie_gerealiseerd``: the year); it stays under its wijk's switch off gas."""
    klaar = np.array([(str(a), str(b)) in per_complex and pd.notna(per_complex[(str(a), str(b))].gerealiseerd_jaar)
                      for a, b in zip(c2["corporatie"], c2["complex_id"], strict=False)], dtype=bool)
    vrij = c2["vrijgesteld"].fillna(False).astype(bool).to_numpy() if "vrijgesteld" in c2 else np.zeros(len(c2), bool)
    klaar &= (c2["n_efg"].to_numpy() == 0) & ~vrij
    jaren = [int(per_complex[(str(a), str(b))].gerealiseerd_jaar) if k else None
             for a, b, k in zip(c2["corporatie"], c2["complex_id"], klaar, strict=False)]
    c2["renovatie_gerealiseerd"] = pd.array(jaren, dtype="Int64")


def _werktabel(per_complex: dict, aanpak: dict, nieuw: pd.DataFrame, rang: np.ndarray, rang0: np.ndarray
               ) -> pd.DataFrame:
    """Per complex: dwellings with a better label, E/F/G at the start and now, and the realised works."""
    rows = []
    for (corp, cid), r in per_complex.items():
        rows.append(dict(corporatie=corp, complex_id=cid, gerealiseerd_jaar=r.gerealiseerd_jaar,
                         gerealiseerd_pakket=r.gerealiseerd_pakket, aanpak=aanpak.get((corp, cid)),
                         nieuw_label=r.nieuw_label, pv_gerealiseerd_jaar=r.pv_gerealiseerd_jaar,
                         van_gas_gerealiseerd_jaar=getattr(r, "van_gas_gerealiseerd_jaar", pd.NA),
                         controle=getattr(r, "controle", None)))
    rcx = pd.DataFrame(rows, columns=WERK_KOLOMMEN)
    g = pd.DataFrame({"corporatie": nieuw["corporatie"].astype(str), "complex_id": nieuw["complex_id"].astype(str),
                      "verbeterd": rang < rang0, "efg_start": rang0 >= RANG_E, "efg_nu": rang >= RANG_E})
    tel = g.groupby(["corporatie", "complex_id"], sort=False)[["verbeterd", "efg_start", "efg_nu"]].sum().reset_index()
    return tel.merge(rcx, on=["corporatie", "complex_id"], how="left")


def _heraggregeer(cx: pd.DataFrame, w: pd.DataFrame, per_complex: dict, peildatum: dt.date) -> pd.DataFrame:
    """Complex label columns from the updated dwellings; PV realised -> present."""
    c = cx.copy()
    key = pd.MultiIndex.from_arrays([c["corporatie"].astype(str), c["complex_id"].astype(str)])
    gw = w.assign(_c=w["corporatie"].astype(str), _i=w["complex_id"].astype(str))
    gbo = pd.Series(woning.met_standaard_gbo_m2(pd.to_numeric(gw["gbo_m2"], errors="coerce").to_numpy(float),
                                                 gw["woningtype"].astype(str).eq("meergezins").to_numpy()), index=gw.index)
    gw["_ep2g"] = pd.to_numeric(gw["ep2_kwh_m2"], errors="coerce") * gbo
    gw["_gbo"] = gbo
    grp = gw.groupby(["_c", "_i"])
    for lab in L.LABELS:
        n = (gw["energielabel"] == lab).groupby([gw["_c"], gw["_i"]]).sum()
        c[f"n_{lab}"] = n.reindex(key).fillna(c.get(f"n_{lab}", 0)).astype(int).to_numpy() if len(n) else c.get(f"n_{lab}", 0)
    c["n_efg"] = sum(c[f"n_{lab}"] for lab in L.SLECHT)
    gem = (grp["_ep2g"].sum() / grp["_gbo"].sum()).reindex(key)
    c["ep2_gem_kwh_m2"] = np.where(gem.notna().to_numpy(), gem.to_numpy(),
                                   c["ep2_gem_kwh_m2"] if "ep2_gem_kwh_m2" in c else np.nan)
    mx = grp["ep2_kwh_m2"].max().reindex(key)
    c["ep2_max_kwh_m2"] = np.where(mx.notna().to_numpy(), mx.to_numpy(),
                                   c["ep2_max_kwh_m2"] if "ep2_max_kwh_m2" in c else np.nan)
    rang = np.stack([c[f"n_{lab}"].to_numpy() > 0 for lab in L.LABELS], axis=1)
    slechtste = np.where(rang.any(1), rang.shape[1] - 1 - np.argmax(rang[:, ::-1], axis=1), -1)
    c["slechtste_label"] = [L.LABELS[s] if s >= 0 else None for s in slechtste]
    if "gasverbruik_m3" in c:
        gas = grp["gasverbruik_m3"].sum(min_count=1).reindex(key) if "gasverbruik_m3" in gw else None
        if gas is not None:
            c["gasverbruik_m3"] = gas.to_numpy()
    pv = [(str(a), str(b)) in per_complex and pd.notna(per_complex[(str(a), str(b))].pv_gerealiseerd_jaar)
          for a, b in zip(c["corporatie"], c["complex_id"], strict=False)]
    oud = c["pv_panelen_aanwezig"].fillna(False).astype(bool) if "pv_panelen_aanwezig" in c else False
    c["pv_panelen_aanwezig"] = oud | np.array(pv, dtype=bool)
    return c


@dataclass
class Werken:
    """The realised works per complex, aligned with the planner's options ``o0`` (one entry per complex)."""

    gerealiseerd_jaar: np.ndarray       # float, NaN = not realised
    pakket: np.ndarray                  # realised package id (object), None = unknown
    optie: np.ndarray                   # int: the realised package in the scope it was booked at (-1: none, unknown)
    controle: np.ndarray                # why the realisation is to be checked (object), None = plausible
    pv_jaar: np.ndarray                 # float, NaN = no PV realised
    van_gas_jaar: np.ndarray            # float, NaN = not off gas by a realised switch
    gedaan: np.ndarray                  # bool: renovation realised
    pv_nieuw: np.ndarray                # bool: PV realised where there was none
    gas: np.ndarray                     # m3/yr after the realised works
    elek: np.ndarray                    # kWh/yr electricity for heating after the realised works (total)
    warmte: np.ndarray                  # GJ/yr district heat after the realised works
    aangepakt: np.ndarray               # dwellings the realised renovation worked on (the option's count)
    verbeterd: np.ndarray               # dwellings with a better label
    standaard: np.ndarray               # bool: package insulates to the Standaard
    aardgasvrij: np.ndarray             # bool: the realised works make the complex aardgasvrij(-ready)


def is_standaardpakket(pakketten, namen) -> np.ndarray:
    """Per package: does it insulate to the Standaard voor woningisolatie (its id or name says 'standaard')?"""
    return np.array(["standaard" in f"{p} {n}".lower() for p, n in zip(pakketten, namen, strict=True)], dtype=bool)


def werken_per_complex(o0, o1, toestand: Toestand) -> Werken:
    """The realised works of ``toestand`` on the complexes of the options ``o0`` (the start) and ``o1`` (the
    realised state, same complexes). A renovation is the option of its package in the scope it was booked at;
    its energy (gas, heating electricity, heat), with the switch off gas where that was realised, is that option's
    as the planner computes it. A complex whose labels differ from what its options give (a registered label,
    a package the catalog lacks) has the energy of its realised dwellings (``o1``)."""
    C = o0.C
    cx = o0.complexen
    kpos = {k: i for i, k in enumerate(zip(cx["corporatie"].astype(str), cx["complex_id"].astype(str), strict=False))}
    rc = toestand.complexen
    gj, pvj, vgj = np.full(C, np.nan), np.full(C, np.nan), np.full(C, np.nan)
    gpk = np.full(C, None, dtype=object)
    aanpak = np.full(C, None, dtype=object)
    controle = np.full(C, None, dtype=object)
    verbeterd = np.zeros(C)
    for r in rc.to_dict("records"):
        i = kpos.get((str(r["corporatie"]), str(r["complex_id"])))
        if i is None:
            continue
        verbeterd[i] = float(r.get("verbeterd", 0) or 0)
        for arr, kol in ((gj, "gerealiseerd_jaar"), (pvj, "pv_gerealiseerd_jaar"), (vgj, "van_gas_gerealiseerd_jaar")):
            v = r.get(kol)
            arr[i] = float(v) if v is not None and pd.notna(v) else np.nan
        gpk[i] = r.get("gerealiseerd_pakket") if isinstance(r.get("gerealiseerd_pakket"), str) else None
        aanpak[i] = r.get("aanpak") if isinstance(r.get("aanpak"), str) else None
        controle[i] = r["controle"] if isinstance(r.get("controle"), str) else None
    gedaan = np.isfinite(gj)
    van_gas = np.isfinite(vgj)
    pv_nieuw = np.isfinite(pvj) & ~o0.pv_aanwezig
    optie = np.array([o0.optie(p, a) if g else -1 for p, a, g in zip(gpk, aanpak, gedaan, strict=True)],
                     dtype=np.int64)
    ar = np.arange(C)
    j = np.maximum(optie, 0)
    heeft = optie >= 0
    # the state the options give the realised works, and where the realised dwellings say otherwise
    n, _, gas, elek, warmte = gekozen_staat(o0, optie, np.where(van_gas, 1, 0))
    eigen = (gedaan & ~heeft) | (van_gas & ~o0.schakel_mogelijk) | ~np.isclose(n, o1.n0).all(axis=1)
    gas = np.where(eigen, o1.gas0, gas)
    elek = np.where(eigen, o1.elek0, elek)
    warmte = np.where(eigen, o1.warmte0, warmte)
    aangepakt = np.where(heeft, o0.werk[ar, j], np.where(gedaan, o0.woningen, 0.0)) if o0.P else \
        np.where(gedaan, o0.woningen, 0.0)
    std_pk = is_standaardpakket(o0.pakketten, o0.cat["naam"]) if o0.P else np.zeros(0, bool)
    standaard = heeft & (std_pk[j] if o0.P else False)
    agv = (heeft & (o0.agv[ar, j] if o0.P else False)) | (van_gas & o0.schakel_mogelijk)
    return Werken(gerealiseerd_jaar=gj, pakket=gpk, optie=optie, controle=controle, pv_jaar=pvj, van_gas_jaar=vgj,
                  gedaan=gedaan, pv_nieuw=pv_nieuw, gas=gas, elek=elek, warmte=warmte, aangepakt=aangepakt,
                  verbeterd=verbeterd, standaard=standaard, aardgasvrij=agv)
