"""Build the Plan tables from decisions (pure, vectorised over complexes, a loop over years).

Timing convention: label counts in ``per_jaar`` / ``wijk_jaar`` (``n_*``, ``n_efg``) are at the
*start* of the year (works of earlier years done); ``ep2_gem_kwh_m2``, ``gemiddeld_label``,
``co2_kg`` and ``pv_woningen`` are at the *end* of the year (that year's works done), which is
how the targets ("gemiddeld label B in 2027") are checked.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import labels as L
from ..maatregelen import index_laatste_jaar as maatregelen_index_laatste_jaar
from ..planningblad import REDENEN
from ..tekst import getal
from .opties import N_LAB, RANG_E, SCOPES, Opties, co2_factoren, van_gas_handregel
from .plan import Plan
from .werken import KOSTENPOSTEN, bouw_werken, pakket_namen

SCHENDING_KOLOMMEN = ["corporatie", "complex_id", "soort", "jaar", "toelichting"]



def gekozen_staat(o: Opties, pakket: np.ndarray, schakel_jaar: np.ndarray | None = None):
    """Per complex: label counts, EP2 sum, gas, electricity, heat after its chosen package (and the switch off
    gas where ``schakel_jaar`` > 0)."""
    C = o.C
    heeft = pakket >= 0
    if schakel_jaar is not None and (schakel_jaar > 0).any():
        los = gekozen_staat(o, pakket)
        sw = schakel_jaar > 0
        p = np.where(heeft, pakket, 0)
        ar = np.arange(C)
        met = (np.where(heeft[:, None], o.sw_n_na[ar, p], o.sw_n0), np.where(heeft, o.sw_ep2sum[ar, p], o.sw_ep2sum0),
               np.where(heeft, o.sw_gas[ar, p], o.sw_gas0),
               o.elek0 + np.where(heeft, o.sw_elek[ar, p], o.sw_elek0), np.where(heeft, o.sw_warmte[ar, p], o.sw_warmte0))
        return tuple(np.where(sw[:, None], m, l) if np.ndim(l) == 2 else np.where(sw, m, l) for m, l in zip(met, los, strict=False))
    p = np.where(heeft, pakket, 0)
    ar = np.arange(C)
    n_na = np.where(heeft[:, None], o.n_na[ar, p], o.n0) if o.P else o.n0.copy()
    ep2 = np.where(heeft, o.ep2sum_na[ar, p], o.ep2sum0) if o.P else o.ep2sum0.copy()
    gas = np.where(heeft, o.gas_na[ar, p], o.gas0) if o.P else o.gas0.copy()
    el = o.elek0 + (np.where(heeft, o.elek_extra[ar, p], 0.0) if o.P else np.zeros(C))
    wa = np.where(heeft, o.warmte[ar, p], o.warmte0) if o.P else o.warmte0.copy()
    return n_na, ep2, gas, el, wa


def heropname_per_complex(o: Opties, pakket) -> np.ndarray:
    """Per complex: the dwellings a label survey measures (the chosen option is 'na heropname'), else 0."""
    heeft = pakket >= 0
    return np.where(heeft & (o.scope[np.where(heeft, pakket, 0)] == 2), o.n_heropname, 0.0) if o.P else np.zeros(o.C)


def _nog_op_gas(o: Opties, pakket, jaar, sjaar) -> list[dict]:
    """Violations: complexes that must go off gas by their wijk's year and are still on gas then."""
    heeft = pakket >= 0
    p = np.where(heeft, pakket, 0)
    ar = np.arange(o.C)
    af = (heeft & (o.agv[ar, p] if o.P else False) & (jaar <= o.agv_jaar)) | ((sjaar > 0) & (sjaar <= o.agv_jaar))
    cid = o.complexen["complex_id"].astype(str).to_numpy()
    return [dict(corporatie=o.corporatie[c], complex_id=cid[c], soort="tvw", jaar=int(o.agv_jaar[c]),
                 toelichting=f"complex {cid[c]}: nog op aardgas in {int(o.agv_jaar[c])}, het jaar dat de wijk van het "
                             f"gas af gaat (niet aardgasvrij-ready voor de overstap)")
            for c in np.flatnonzero(o.schakel_mogelijk & ~af)]


@dataclass
class Toestanden:
    """Per complex its energy state with no work, the renovation alone, the switch off gas alone and both (keyed
    (renovation done, switch done)): dwellings per label, EP2 sum without PV, gas, electricity, heat. Built once
    per plan; a year's stock and a ledger row are picked from it."""

    n: dict[tuple[bool, bool], np.ndarray]
    ep2sum: dict[tuple[bool, bool], np.ndarray]
    gas: dict[tuple[bool, bool], np.ndarray]
    elek: dict[tuple[bool, bool], np.ndarray]
    warmte: dict[tuple[bool, bool], np.ndarray]


def toestanden(o: Opties, pakket: np.ndarray, sjaar: np.ndarray) -> Toestanden:
    """The four states of every complex (see :class:`Toestanden`) for the chosen packages and switch years."""
    geen = (o.n0, o.ep2sum0, o.gas0, o.elek0, o.warmte0)
    reno = gekozen_staat(o, pakket)
    beide = gekozen_staat(o, pakket, (sjaar > 0).astype(np.int64)) if (sjaar > 0).any() else reno
    alleen_s = (o.sw_n0, o.sw_ep2sum0, o.sw_gas0, o.elek0 + o.sw_elek0, o.sw_warmte0)
    staten = {(False, False): geen, (True, False): reno, (False, True): alleen_s, (True, True): beide}
    return Toestanden(*({k: v[i] for k, v in staten.items()} for i in range(5)))


def _staat_op(t: Toestanden, pakket, jaar, sch, Y: int, tot_en_met: bool):
    """Per complex (n, EP2 sum without PV, gas, electricity, heat) with the works of years before ``Y`` done
    (``tot_en_met``: and of ``Y`` itself): no work, the renovation, the switch off gas, or both."""
    r = (pakket >= 0) & ((jaar <= Y) if tot_en_met else (jaar < Y))
    s = (sch > 0) & ((sch <= Y) if tot_en_met else (sch < Y))
    uit = []
    for staat in (t.n, t.ep2sum, t.gas, t.elek, t.warmte):
        waarde = staat[(False, False)].astype(float, copy=True)
        for (kr, ks), v in staat.items():
            m = (r == kr) & (s == ks)
            waarde[m] = v[m]
        uit.append(waarde)
    return tuple(uit)


def kosten_per_complex(o: Opties, pakket, jaar, pv_jaar, korting: float):
    """Per complex: works cost (price level of the year of the works, after DMJOP discount), DMJOP-combined,
    PV cost. A label survey's cost is not in the works cost (see :func:`heropname_per_complex`)."""
    C = o.C
    ar = np.arange(C)
    heeft = pakket >= 0
    k = np.where(heeft, o.kosten[ar, np.where(heeft, pakket, 0)], 0.0) if o.P else np.zeros(C)
    k = k - heropname_per_complex(o, pakket) * o.heropname_eur
    k = k * np.where(heeft, o.prijsfactor(np.where(heeft, jaar, 0)), 1.0)  # price level of the year of the works
    dm = heeft & (o.onderhoud == jaar)
    k = k * np.where(dm, 1 - korting, 1.0)
    pvk = np.where(pv_jaar > 0, o.pv_kosten * np.where(o.onderhoud == pv_jaar, 1 - korting, 1.0), 0.0)
    return k, dm, pvk


def bouw_plan(o: Opties, scenario, pakket: np.ndarray, jaar: np.ndarray, pv_jaar: np.ndarray,
              schendingen: list[dict], diagnose: list[str], solver: pd.DataFrame,
              redenen_extra: dict[int, list[str]] | None = None, schakel_jaar: np.ndarray | None = None) -> Plan:
    """All Plan tables from per-complex decisions (arrays aligned with ``o.complexen``); ``schakel_jaar``: the
    year of each complex's switch off gas (second work), 0 none; None: a caller that plans no switch itself (the
    hand-made baseline) gets :func:`~verduurzaming.planning.opties.van_gas_handregel`."""
    jaren = list(scenario.jaren)
    D = int(scenario.deadline)
    korting = scenario.gewicht("dmjop_korting_pct") / 100.0
    C = o.C
    heeft = pakket >= 0
    if schakel_jaar is None:
        sjaar = van_gas_handregel(o, scenario, pakket, jaar)
        schendingen = list(schendingen) + _nog_op_gas(o, pakket, jaar, sjaar)
    else:
        sjaar = None
    sjaar = sjaar if sjaar is not None else np.asarray(schakel_jaar, dtype=np.int64)
    n_na, ep2sum_na, gas_na, el_na, wa_na = gekozen_staat(o, pakket, sjaar)
    pv = pv_jaar > 0
    ep2sum_tot = ep2sum_na - np.where(pv, o.pv_ep2_red * o.gbo, 0.0)
    kosten, dmjop, pvk = kosten_per_complex(o, pakket, jaar, pv_jaar, korting)
    heeft_window = np.isfinite(o.wup_start) | np.isfinite(o.wup_eind)
    binnen = (o.wup_start <= jaar) & (jaar <= o.wup_eind)

    cx = o.complexen.copy()
    cx["pakket"], cx["pakket_naam"] = pakket_namen(o, pakket)
    cx["jaar"] = pd.array(np.where(heeft, jaar, 0), dtype="Int64")
    cx.loc[~heeft, "jaar"] = pd.NA
    cx["renovatie_kosten_eur"] = np.round(kosten, 2)
    pi0 = np.where(heeft, pakket, 0)
    scopes = np.array(list(SCOPES), dtype=object)
    cx["aanpak"] = np.where(heeft, scopes[o.scope[pi0]] if o.P else None, None)
    cx["woningen_aangepakt"] = np.round(np.where(heeft, o.werk[np.arange(C), pi0] if o.P else 0.0, 0.0), 1)
    her = heropname_per_complex(o, pakket)
    cx["heropname_woningen"] = her.astype(int)
    hj = pd.array(np.full(C, jaren[0]), dtype="Int64")
    hj[her <= 0] = pd.NA
    cx["heropname_jaar"] = hj
    cx["heropname_kosten_eur"] = np.round(her * o.heropname_eur * o.prijsfactor(jaren[0]), 2)
    cx["n_efg_verwacht"] = np.round(o.efg_verwacht, 1)
    cx["n_efg_p90"] = o.efg_p90.astype(int)
    swj = pd.array(sjaar, dtype="Int64")
    swj[sjaar <= 0] = pd.NA
    cx["van_gas_jaar"] = swj
    cx["van_gas_naar"] = np.where(sjaar > 0, o.schakel_naar, np.array(None, dtype=object))
    cx["van_gas_kosten_eur"] = np.round(np.where(sjaar > 0, o.sw_kosten0 * o.prijsfactor(np.where(sjaar > 0, sjaar, jaren[0])),
                                                 0.0), 2)
    cx["aardgasvrij_jaar"] = pd.array(np.where(np.isfinite(o.agv_jaar), np.nan_to_num(o.agv_jaar), 0).astype(int),
                                      dtype="Int64")
    cx.loc[~np.isfinite(o.agv_jaar), "aardgasvrij_jaar"] = pd.NA
    # nominal: the price level of the year of the works; the present value at the first plan year when the
    # scenario sets a discount rate
    pp = pd.array(np.where(heeft, jaar, 0), dtype="Int64")
    pp[~heeft] = pd.NA
    cx["kosten_prijspeil"] = pp
    cx["dmjop_gecombineerd"] = dmjop
    bw = pd.array(binnen, dtype="boolean")
    bw[~(heeft & heeft_window)] = pd.NA
    cx["binnen_wup"] = bw
    _pv_kolommen(cx, o, pv_jaar, pvk)
    cx["ep2_na_kwh_m2"] = np.where(o.gbo > 0, ep2sum_tot / np.maximum(o.gbo, 1e-9), np.nan)
    for k, lab in enumerate(L.LABELS):
        cx[f"n_{lab}_na"] = n_na[:, k].astype(int)
    cx["n_efg_na"] = n_na[:, RANG_E:].sum(1).astype(int)
    slechtst = N_LAB - 1 - np.argmax(n_na[:, ::-1] > 0, axis=1)
    cx["slechtste_label_na"] = np.where(n_na.sum(1) > 0, np.array(L.LABELS, dtype=object)[slechtst], None)
    fg, fe, fw = co2_factoren(jaren[0], o.factoren)
    cx["co2_kg_voor"] = fg * o.gas0 + fe * o.elek0 + fw * o.warmte0
    cx["co2_kg_na"] = fg * gas_na + fe * (el_na - np.where(pv, o.pv_kwh, 0.0)) + fw * wa_na

    cx["werk"] = werk_per_complex(cx)

    redenen = _redenen(o, pakket, jaar, sjaar, dmjop, heeft_window & binnen, redenen_extra)
    cx["redenen"] = redenen
    cx["reden"] = [", ".join(REDENEN.get(x, x) for x in r.split(";")) if r else "" for r in redenen]
    sch, cx["schendingen"] = _schendingen(schendingen, cx)
    if not isinstance(cx, gpd.GeoDataFrame) and "geometry" in cx:
        cx = gpd.GeoDataFrame(cx, geometry="geometry", crs="EPSG:28992")

    sw_kost = np.where(sjaar > 0, o.sw_kosten0 * o.prijsfactor(np.where(sjaar > 0, sjaar, jaren[0])), 0.0)
    her_kost = her * o.heropname_eur * (o.prijsfactor(jaren[0]) if jaren else 1.0)
    staten = toestanden(o, pakket, sjaar)
    werken = bouw_werken(o, scenario, staten, pakket=pakket, jaar=jaar, pv_jaar=pv_jaar, sjaar=sjaar, kosten_renovatie=kosten,
                         pv_kosten=pvk, van_gas_kosten=sw_kost, heropname_woningen=her, heropname_kosten=her_kost,
                         dmjop=dmjop, binnen_wup=binnen, redenen=redenen)
    # the complex's own cost: the sum of its works in the ledger (renovation alone in renovatie_kosten_eur)
    per_complex = werken.groupby(["corporatie", "complex_id"], sort=False)["kosten_eur"].sum()
    sleutel = pd.MultiIndex.from_arrays([o.corporatie, cx["complex_id"].astype(object).to_numpy()])
    cx["kosten_eur"] = np.round(per_complex.reindex(sleutel).fillna(0.0).to_numpy(), 2)
    if scenario.gewicht("discontovoet_pct", 0.0) > 0:   # present value at the first plan year, per work
        contant = werken.groupby(["corporatie", "complex_id"], sort=False)["kosten_eur_contant"].sum()
        cx["kosten_eur_contant"] = np.round(contant.reindex(sleutel).fillna(0.0).to_numpy(), 2)
    per_jaar = _per_jaar(o, scenario, staten, pakket, jaar, pv_jaar, sjaar, werken)
    wijk_jaar = _wijk_jaar(o, scenario, staten, pakket, jaar, sjaar, pv_jaar, werken)
    bronnen = _bronnen(o)
    kengetallen = _kengetallen(cx, per_jaar, werken)
    if len(kengetallen):
        eisen, gehaald = _eisen(o, sch)
        kengetallen["eisen"] = kengetallen["corporatie"].map(eisen).fillna(0).astype(int)
        kengetallen["eisen_gehaald"] = kengetallen["corporatie"].map(gehaald).fillna(0).astype(int)
    return Plan(complexen=cx, per_jaar=per_jaar, wijk_jaar=wijk_jaar, schendingen=sch, deadline=D,
                diagnose=list(diagnose), solver=solver, bronversies=bronnen, jaren=jaren,
                kengetallen=kengetallen, werken=werken,
                discontovoet_pct=float(scenario.gewicht("discontovoet_pct", 0.0)) if hasattr(scenario, "gewicht") else 0.0)


def _eisen(o: Opties, sch: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Per corporation the hard requirements on its complexes (E/F/G gone by the deadline where a complex is not
    exempt and may hold E/F/G; off gas by the wijk's year where the TVW asks it) and how many the plan meets: the
    count a comparison of two plans is made on."""
    cid = o.complexen["complex_id"].astype(str).to_numpy()
    deadline = (o.efg_p90 > 0) & ~o.vrij
    tvw = np.asarray(o.schakel_mogelijk, dtype=bool)
    eisen = pd.Series(deadline.astype(int) + tvw.astype(int)).groupby(o.corporatie).sum()
    gemist = sch[sch["soort"].isin(["deadline", "tvw"]) & sch["complex_id"].notna()] \
        .drop_duplicates(["corporatie", "complex_id", "soort"]) if len(sch) else sch
    eigen = set(zip(o.corporatie, cid, strict=True))
    gemist = gemist[[k in eigen for k in zip(gemist["corporatie"], gemist["complex_id"].astype(str), strict=True)]] \
        if len(gemist) else gemist
    per_corp = gemist.groupby("corporatie").size() if len(gemist) else pd.Series(dtype=int)
    return eisen, (eisen - per_corp.reindex(eisen.index).fillna(0)).astype(int)


def _aantal(x: float) -> str:
    """An expected number of dwellings: whole when it is whole, else one decimal."""
    return getal(x, 0 if float(x).is_integer() else 1)


def _werk(r: dict) -> str | None:
    aanpak, naam, jaar = r["aanpak"], r["pakket_naam"], r["jaar"]
    delen = []
    if naam is not None and not pd.isna(jaar):
        if aanpak == SCOPES[2]:
            delen.append(f"heropname {_woningen(r['heropname_woningen'])} met een geschat of verlopen label "
                         f"({r['heropname_jaar']}); daarna {naam} ({jaar}) voor de woningen die dan E/F/G zijn "
                         f"(verwacht {_aantal(r['n_efg_verwacht'])})")
        elif aanpak == SCOPES[1]:
            delen.append(f"{naam} ({jaar}) voor {_aantal(r['woningen_aangepakt'])} E/F/G-woningen, niet het hele "
                         f"complex")
        else:
            delen.append(f"{naam} ({jaar}), hele complex ({_woningen(r['woningen'])})")
    if not pd.isna(r["van_gas_jaar"]):
        delen.append(f"van het gas af naar {r['van_gas_naar']} ({r['van_gas_jaar']})")
    if not pd.isna(r.get("pv_jaar")):  # PV is its own work: the printed page shows 'werk', not the PV columns
        delen.append(f"zonnepanelen ({r['pv_jaar']}): {getal(r['pv_panelen'])} panelen, {getal(r['pv_kwp'], 1)} kWp")
    vrij = r.get("vrijgesteld")
    if not delen and isinstance(vrij, bool | np.bool_) and vrij and r["n_efg_na"] > 0:
        # E/F/G left without works: the row says why, not only the detail column 'Vrijstelling'
        n = r["n_efg_na"]
        blijft = "1 E/F/G-woning blijft" if n == 1 else f"{getal(n)} E/F/G-woningen blijven"
        delen.append(f"geen werk: vrijgesteld ({r.get('vrijstelling_reden')}), {blijft}")
    return "; ".join(delen) or None


def _woningen(n: float) -> str:
    return f"{getal(n)} woning" if n == 1 else f"{getal(n)} woningen"


def werk_per_complex(cx: pd.DataFrame) -> list[str | None]:
    """Per complex in words what is done, for whom and when (Planning sheet, map): label works, the switch
    off gas and PV. A label survey's works depend on what it finds, so its row shows no label change; the
    words say why."""
    kol = ["aanpak", "pakket_naam", "jaar", "heropname_woningen", "heropname_jaar", "n_efg_verwacht",
           "woningen_aangepakt", "woningen", "van_gas_jaar", "van_gas_naar", "n_efg_na", "vrijgesteld",
           "vrijstelling_reden", "pv_jaar", "pv_panelen", "pv_kwp"]
    return [_werk(r) for r in cx[[k for k in kol if k in cx]].to_dict("records")]


def _redenen(o: Opties, pakket: np.ndarray, jaar: np.ndarray, sjaar: np.ndarray, dmjop: np.ndarray,
             binnen_window: np.ndarray, redenen_extra: dict[int, list[str]] | None) -> list[str]:
    """Per complex the ';'-joined reason codes of its works (see ``planningblad.REDENEN``)."""
    redenen = []
    heeft = pakket >= 0
    for i in range(o.C):
        r = []
        if heeft[i]:
            if o.scope[pakket[i]] == 2:
                r.append("heropname")
            if o.efg_p90[i] > 0 and not o.vrij[i] and o.wist_efg[i, pakket[i]]:
                r.append("EFG-deadline")
            if dmjop[i]:
                r.append("DMJOP")
            if binnen_window[i]:
                r.append("WUP-uitvoering")
            if o.agv[i, pakket[i]] and np.isfinite(o.agv_jaar[i]) and jaar[i] <= o.agv_jaar[i]:
                r.append("aardgasvrij-ready")
        if sjaar[i] > 0:
            r.append("aardgasvrij")
        if redenen_extra and i in redenen_extra:
            r.extend(x for x in redenen_extra[i] if x not in r)
        if (heeft[i] or sjaar[i] > 0) and not r:
            r.append("doel")   # only a target (mean label, CO2) asks for it
        redenen.append(";".join(r))
    return redenen


def _schendingen(schendingen: list[dict], cx: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray | str]:
    """The violations table, sorted, and per complex its violations joined with ' | '."""
    sch = pd.DataFrame(schendingen, columns=SCHENDING_KOLOMMEN)
    if len(sch):
        sch["jaar"] = pd.array(sch["jaar"], dtype="Int64")
        sch = sch.sort_values(["corporatie", "soort", "jaar", "complex_id"], kind="stable").reset_index(drop=True)
        per = sch.dropna(subset=["complex_id"]).groupby(["corporatie", "complex_id"])["toelichting"].agg(" | ".join)
        key = pd.MultiIndex.from_arrays([cx["corporatie"].astype(str), cx["complex_id"].astype(str)])
        per_complex = per.reindex(key).fillna("").to_numpy()
    else:
        sch = pd.DataFrame({c: pd.Series(dtype="object") for c in SCHENDING_KOLOMMEN})
        per_complex = ""
    return sch, per_complex


def _pv_kolommen(cx: pd.DataFrame, o: Opties, pv_jaar: np.ndarray, pvk: np.ndarray) -> None:
    """The PV columns of the complex table: year, panels, power, yield (and the yield row used), cost."""
    pv = pv_jaar > 0
    pvj = pd.array(np.where(pv, pv_jaar, 0), dtype="Int64")
    pvj[~pv] = pd.NA
    cx["pv_jaar"] = pvj
    cx["pv_panelen"] = np.where(pv, o.pv_panelen, 0).astype(int)
    cx["pv_kwp"] = np.where(pv, o.pv_kwp, 0.0)
    cx["pv_kwh_jaar"] = np.where(pv, o.pv_kwh, 0.0)
    if o.pv_kwh_per_kwp is not None:   # the yield used (roof orientation; ``onbekend``: the national mean)
        cx["pv_orientatie"] = o.pv_orientatie
        cx["pv_kwh_per_kwp"] = o.pv_kwh_per_kwp
    cx["pv_kosten_eur"] = np.round(pvk, 2)


def _bronnen(o: Opties) -> dict[str, str]:
    """Reference data versions, with the price level of the costs when they are indexed."""
    bronnen = dict(o.bronnen)
    if o.indexeren:
        laatste = int(maatregelen_index_laatste_jaar())
        bronnen["kosten_prijspeil"] = (f"kosten_eur nominaal, prijspeil van het uitvoeringsjaar, incl. btw: kengetallen "
                                       f"(Vesta 2020, installaties 2024) via CBS bouwkostenindex 83908NED (t/m "
                                       f"{laatste}), daarna {o.prijsstijging_pct:g}%/jaar (aanname)")
    return bronnen


def _kengetallen(cx: pd.DataFrame, per_jaar: pd.DataFrame, werken: pd.DataFrame) -> pd.DataFrame:
    """One row per corporation: what the plan costs per E/F/G dwelling cleared, and how it works (sums of the
    ledger of works)."""
    kol = ["corporatie", "kosten_eur", "renovatie_kosten_eur", "heropname_kosten_eur", "van_gas_kosten_eur",
           "van_gas_complexen", "van_gas_kosten_per_woning_eur", "efg_verwijderd", "efg_werken_kosten_eur",
           "efg_werken_efg_verwijderd", "efg_bijvangst", "kosten_per_efg_verwijderd_eur", "werken_heel_complex", "werken_losse_aanpak", "heropname_woningen",
           "n_efg_start", "n_efg_verwacht", "n_efg_p90"]
    if not len(cx):
        return pd.DataFrame(columns=kol)
    g = pd.DataFrame(cx.drop(columns="geometry", errors="ignore")).groupby("corporatie", sort=True)
    corps = g.size().index
    w = werken.groupby(["corporatie", "soort"])

    def som(soort: str, kolom: str) -> pd.Series:
        return (w[kolom].sum().xs(soort, level="soort") if soort in set(werken["soort"]) else pd.Series(dtype=float)) \
            .reindex(corps).fillna(0)

    def aantal(soort: str, masker=None) -> pd.Series:
        sel = werken[(werken["soort"] == soort) & (True if masker is None else masker)]
        return sel.groupby("corporatie").size().reindex(corps).fillna(0).astype(int)

    k = pd.DataFrame({
        "renovatie_kosten_eur": som("renovatie", "kosten_eur").round(2),
        "heropname_kosten_eur": som("heropname", "kosten_eur").round(2),
        "van_gas_kosten_eur": som("van_gas", "kosten_eur").round(2),
        "van_gas_complexen": aantal("van_gas"),
        "werken_heel_complex": aantal("renovatie", werken["aanpak"] == SCOPES[0]),
        "werken_losse_aanpak": aantal("renovatie", werken["aanpak"].isin(SCOPES[1:])),
        "heropname_woningen": som("heropname", "woningen_aangepakt").round().astype(int),
        "n_efg_verwacht": g["n_efg_verwacht"].sum().round(1),
        "n_efg_p90": g["n_efg_p90"].sum(),
    }, index=corps)
    pj = per_jaar.groupby("corporatie", sort=True)
    # works only, without PV (its own programme): the cost behind clearing E/F/G and going off gas
    k["kosten_eur"] = (k["renovatie_kosten_eur"] + k["heropname_kosten_eur"] + k["van_gas_kosten_eur"]).round(2)
    k["efg_verwijderd"] = pj["efg_verwijderd"].sum().reindex(k.index).fillna(0).astype(int)
    k["n_efg_start"] = pj["n_efg"].first().reindex(k.index).fillna(0).astype(int)
    # the controller's split: works the E/F/G deadline asks for (with the label surveys before them) against the
    # rest (TVW, targets), which clears E/F/G only as a by-product; and the switch off gas per dwelling
    ren = werken["soort"].eq("renovatie")
    redenen = werken["redenen"].fillna("").astype(str)
    # a work the TVW asks for (aardgasvrij-ready in a wijk going off gas) is there for the TVW even when it also
    # clears E/F/G; its E/F/G count as a by-product
    efg_werk = ren & redenen.str.contains("EFG-deadline", regex=False) & ~redenen.str.contains("aardgasvrij-ready",
                                                                                                regex=False)
    sleutel = set(zip(werken.loc[efg_werk, "corporatie"], werken.loc[efg_werk, "complex_id"], strict=True))
    hun_heropname = werken["soort"].eq("heropname") & pd.Series(
        [x in sleutel for x in zip(werken["corporatie"], werken["complex_id"], strict=True)], index=werken.index)
    k["efg_werken_kosten_eur"] = werken["kosten_eur"].where(efg_werk | hun_heropname, 0.0).groupby(
        werken["corporatie"]).sum().reindex(k.index).fillna(0).round(2)
    k["efg_werken_efg_verwijderd"] = werken["efg_weg"].where(efg_werk, 0).groupby(werken["corporatie"]).sum() \
        .reindex(k.index).fillna(0).astype(int)
    k["efg_bijvangst"] = (k["efg_verwijderd"] - k["efg_werken_efg_verwijderd"]).clip(lower=0)
    k["kosten_per_efg_verwijderd_eur"] = np.where(k["efg_werken_efg_verwijderd"] > 0, np.round(
        k["efg_werken_kosten_eur"] / k["efg_werken_efg_verwijderd"].clip(lower=1), 0), np.nan)
    gas_won = werken["woningen_aangepakt"].where(werken["soort"].eq("van_gas"), 0.0).groupby(werken["corporatie"]) \
        .sum().reindex(k.index).fillna(0) if len(werken) else pd.Series(0.0, index=k.index)
    k["van_gas_kosten_per_woning_eur"] = np.where(gas_won > 0, np.round(k["van_gas_kosten_eur"] / gas_won.clip(lower=1), 0),
                                                  np.nan)
    return k.reset_index()[kol]


def _in_voorraad(sloop: np.ndarray, Y: int, eind: bool) -> np.ndarray:
    """Per complex: still in the stock at the start (``eind`` False) or the end of year ``Y``; a complex
    demolished in ``Y`` (``sloop``: its demolition year, NaN none) is in the stock at the start of ``Y`` and
    out of it at the end."""
    return ~(sloop <= Y) if eind else ~(sloop < Y)


def _sloopjaren(o: Opties) -> np.ndarray:
    cx = o.complexen
    if "sloop_jaar" not in cx:
        return np.full(o.C, np.nan)
    return pd.to_numeric(pd.Series(cx["sloop_jaar"], dtype="object"), errors="coerce").to_numpy(dtype=float)


def _werken_per(werken: pd.DataFrame, sleutel: str, sleutels, jaren: list[int]) -> pd.DataFrame:
    """The ledger summed per (``sleutel``, jaar): costs, dwellings worked on and E/F/G cleared per kind of work;
    every pair of ``sleutels`` x ``jaren`` present (zeros where nothing happens)."""
    w = werken[werken[sleutel].notna()]
    soort = w["soort"]
    ren = soort.eq("renovatie")
    kolommen = pd.DataFrame({
        sleutel: w[sleutel], "jaar": w["jaar"],
        "kosten_eur": w["kosten_eur"], **{k: w[k] for k in KOSTENPOSTEN},
        "kosten_eur_contant": w["kosten_eur_contant"], "risicoreserve_eur": w["risicoreserve_eur"],
        "renovaties_complexen": ren.astype(int),
        "renovaties_woningen": w["woningen_aangepakt"].where(ren, 0.0),
        "losse_aanpak_complexen": (ren & w["aanpak"].isin(SCOPES[1:])).astype(int),
        "binnen_wup_woningen": w["woningen_aangepakt"].where(ren & w["binnen_wup"].fillna(False).astype(bool), 0.0),
        "buiten_wup_woningen": w["woningen_aangepakt"].where(ren & (~w["binnen_wup"].fillna(True).astype(bool)), 0.0),
        "heropname_woningen": w["woningen_aangepakt"].where(soort.eq("heropname"), 0.0),
        "van_gas_complexen": soort.eq("van_gas").astype(int),
        "van_gas_woningen": w["woningen_aangepakt"].where(soort.eq("van_gas"), 0.0),
        "pv_woningen_nieuw": w["woningen_aangepakt"].where(soort.eq("pv"), 0.0),
        "efg_verwijderd": w["efg_weg"].where(soort.isin(["renovatie", "van_gas"]), 0),
        "gesloopt_woningen": w["woningen_aangepakt"].where(soort.eq("sloop"), 0.0),
        "efg_gesloopt": w["efg_weg"].where(soort.eq("sloop"), 0),
        "co2_kg_minder": w["co2_kg_minder"],
    })
    som = kolommen.groupby([sleutel, "jaar"]).sum()
    idx = pd.MultiIndex.from_product([list(sleutels), list(jaren)], names=[sleutel, "jaar"])
    som = som.reindex(idx).fillna(0)
    # costs to the cent, dwellings worked on to one decimal (an expected count after a survey is fractional: rounded
    # to whole dwellings per year, a wijk's or a corporation's split would no longer add up), counts whole
    for k in som:
        if k.startswith("kosten") or k == "risicoreserve_eur":
            som[k] = som[k].round(2)
        elif k.endswith("_woningen") or k in ("co2_kg_minder", "pv_woningen_nieuw"):
            som[k] = som[k].round(1)
        else:
            som[k] = som[k].round().astype(int)
    return som.reset_index()


def _per_jaar(o, scenario, t, pakket, jaar, pv_jaar, sch, werken):
    corp_codes, corp = pd.factorize(pd.Series(o.corporatie), sort=True)
    K = len(corp)
    pv = pv_jaar > 0
    sloop = _sloopjaren(o)

    def som(v):
        return np.bincount(corp_codes, weights=np.asarray(v, dtype=float), minlength=K)

    rijen = []
    for Y in scenario.jaren:
        start, eind = _in_voorraad(sloop, Y, False), _in_voorraad(sloop, Y, True)
        n = _staat_op(t, pakket, jaar, sch, Y, False)[0] * start[:, None]
        pv_eind = pv & (pv_jaar <= Y)
        _, ep2_e, gas_e, el_e, wa_e = _staat_op(t, pakket, jaar, sch, Y, True)
        ep2 = (ep2_e - np.where(pv_eind, o.pv_ep2_red * o.gbo, 0.0)) * eind
        fg, fe, fw = co2_factoren(Y, o.factoren)
        co2_gas = fg * gas_e * eind
        co2_el = fe * (el_e - np.where(pv_eind, o.pv_kwh, 0)) * eind
        co2_wa = fw * wa_e * eind
        co2 = co2_gas + co2_el + co2_wa
        d = {"corporatie": corp, "jaar": np.full(K, Y), "woningen": som(np.where(start, o.woningen, 0)).astype(int)}
        for k, lab in enumerate(L.LABELS):
            d[f"n_{lab}"] = np.round(som(n[:, k])).astype(int)
        d["n_efg"] = np.round(som(n[:, RANG_E:].sum(1))).astype(int)
        # exempt E/F/G at the start of the year (a monument may be worked on for a target)
        d["efg_vrijgesteld"] = np.round(som(np.where(o.vrij, n[:, RANG_E:].sum(1), 0.0))).astype(int)
        d["pv_woningen"] = som(np.where((pv_eind | o.pv_aanwezig) & eind, o.woningen, 0)).astype(int)
        d["pv_kwp"] = som(np.where(pv_eind & eind, o.pv_kwp, 0))
        gbo = som(o.gbo * eind)
        gem = np.where(gbo > 0, som(ep2) / np.maximum(gbo, 1e-9), np.nan)
        d["ep2_gem_kwh_m2"] = np.round(gem, 2)
        d["gemiddeld_label"] = [None if np.isnan(g) else str(L.label_uit_ep2(g)[0]) for g in gem]
        d["co2_kg"] = np.round(som(co2), 1)
        d["co2_gas_kg"] = np.round(som(co2_gas), 1)
        d["co2_elektriciteit_kg"] = np.round(som(co2_el), 1)   # heating electricity minus new PV
        d["co2_warmte_kg"] = np.round(som(co2_wa), 1)
        d["capaciteit_woningen"] = [scenario.corporatie(c).capaciteit(Y) for c in corp]
        d["budget_eur"] = [scenario.corporatie(c).budget(Y) for c in corp]
        rijen.append(pd.DataFrame(d))
    uit = pd.concat(rijen, ignore_index=True) if rijen else pd.DataFrame()
    if len(uit):   # what the works do and cost: the ledger summed, never computed apart
        uit = uit.merge(_werken_per(werken, "corporatie", corp, scenario.jaren), on=["corporatie", "jaar"], how="left")
    return uit.sort_values(["corporatie", "jaar"], kind="stable").reset_index(drop=True)


def _wijk_jaar(o, scenario, t, pakket, jaar, sch, pv_jaar, werken):
    cx = o.complexen
    if "wijk_code" not in cx:
        return pd.DataFrame(columns=["wijk_code", "jaar", "woningen", "renovaties_woningen", "binnen_wup_woningen",
                                     "buiten_wup_woningen", "n_efg", "co2_kg", "kosten_eur"])
    wcode = cx["wijk_code"].astype(object).where(cx["wijk_code"].notna(), None)
    m_w = wcode.notna().to_numpy()
    codes, wijken = pd.factorize(wcode[m_w], sort=True)
    K = len(wijken)
    idx = np.flatnonzero(m_w)
    sloop = _sloopjaren(o)

    def som(v):
        return np.bincount(codes, weights=np.asarray(v, dtype=float)[idx], minlength=K)

    rijen = []
    for Y in scenario.jaren:
        start, eind = _in_voorraad(sloop, Y, False), _in_voorraad(sloop, Y, True)
        pv_eind = (pv_jaar > 0) & (pv_jaar <= Y)
        fg, fe, fw = co2_factoren(Y, o.factoren)
        _, _, gas_e, el_e, wa_e = _staat_op(t, pakket, jaar, sch, Y, True)
        co2 = (fg * gas_e + fe * (el_e - np.where(pv_eind, o.pv_kwh, 0)) + fw * wa_e) * eind
        n_efg = _staat_op(t, pakket, jaar, sch, Y, False)[0][:, RANG_E:].sum(1) * start
        rijen.append(pd.DataFrame({
            "wijk_code": np.asarray(wijken, dtype=object), "jaar": np.full(K, Y),
            "woningen": som(np.where(start, o.woningen, 0)).astype(int),
            "n_efg": np.round(som(n_efg)).astype(int),
            "co2_kg": np.round(som(co2), 1),
        }))
    uit = pd.concat(rijen, ignore_index=True) if rijen else pd.DataFrame()
    if len(uit):
        uit = uit.merge(_werken_per(werken, "wijk_code", wijken, scenario.jaren), on=["wijk_code", "jaar"], how="left")
    return uit.sort_values(["wijk_code", "jaar"], kind="stable").reset_index(drop=True)
