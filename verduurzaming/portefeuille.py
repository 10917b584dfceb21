"""The portfolio: dwellings, complexes and wijken with the joins done, plus all findings.

Dwellings get the label valid on the peildatum (corporation export or a newer EP-online
registration); a dwelling without a valid label gets an estimate from woningtype and bouwjaar
and is marked ``geschat``. Complexes are joined to wijken by point in polygon (RD New) or by
code, wijken to the Transitievisie Warmte schedule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import labels as lbl
from . import woning, zon
from ._fouten import InvoerFout, ScenarioFout
from .bevindingen import (
    ACTIE_GECORRIGEERD,
    ACTIE_GEMELD,
    ACTIE_GESCHAT,
    ACTIE_RIJ_AFGEWEZEN,
    ACTIE_STANDAARD,
    ACTIE_WAARDE_GENEGEERD,
    Bevindingen,
)
from .codes import gemeente_van, wijk_van_buurt
from .defaults import lees
from .io.boekhouding import canoniek_en_geteld
from .io.cbs import lees_wijken
from .io.eponline import lees_ep_online
from .io.kolommen import COMPLEX_TABEL_KOLOMMEN, VHE_NAMEN, score_functie
from .io.postcode import lees_postcode_buurt
from .io.tabel import lees_tabel
from .io.tvw import lees_transitievisie
from .projectie import NL_LONLAT, RD, RD_BBOX, WGS84
from .scenario import Scenario
from .tekst import verwijder_stuurtekens
from .validatie import (
    ontdubbel_vhe,
    valideer_complexattributen,
    valideer_ep_online,
    valideer_transitievisie,
    valideer_vhe,
)
from .validatie.scenario import controleer_corporaties
from .waarden import adres_sleutel, tekst, unieke_rijen

LABEL_KOLOMMEN = [f"n_{label}" for label in lbl.LABELS]
TVW_JAREN = ["wup_start", "wup_gereed", "uitvoering_start", "uitvoering_eind", "aardgasvrij_jaar"]


@dataclass
class Portefeuille:
    """Dwellings, complexes and wijken, joined; see docs/architectuur.md for every column."""

    woningen: pd.DataFrame
    complexen: gpd.GeoDataFrame
    wijken: gpd.GeoDataFrame
    bevindingen: Bevindingen
    peildatum: dt.date
    deadline: int
    bronversies: dict[str, str] = field(default_factory=dict)

    @property
    def n_woningen(self) -> int:
        return len(self.woningen)


# ---------------------------------------------------------------- dwellings

def _tekstkolom(keuze: np.ndarray, waarden: list, index: pd.Index) -> pd.Series:
    """A text column holding ``waarden[keuze[i]]`` per row, as pandas would infer it from those Python strings
    (str, missing as NaN), taken from the few values instead of inferred from a million strings."""
    return pd.Series(pd.array(waarden, dtype="str").take(np.asarray(keuze)), index=index)


def _schoon(ruw, bev: Bevindingen):
    """A table as read with the control characters removed from every cell (one finding per cell)."""
    ruw.data = verwijder_stuurtekens(ruw.data, bev, ruw.bestand, ruw.rijnummers)
    return ruw


def _twee_rollen(scenario: Scenario) -> set[str]:
    """Resolved paths given both as VHE export and as complex table (one workbook with a sheet for each)."""
    return {str(Path(p).resolve()) for p in scenario.vhe} & {str(Path(p).resolve()) for p in scenario.complexen}


def _naam_met_blad(bev: Bevindingen, pad, ruw, rol: str, twee_rollen: set[str]) -> None:
    """A file read in two roles is booked per sheet: ``werkmap.xlsx [VHE]`` and ``werkmap.xlsx [Complexen]``."""
    if str(Path(pad).resolve()) in twee_rollen:
        ruw.bestand = f"{bev.naam(pad)} [{ruw.blad or rol}]"


def _lees_vhe_bestanden(scenario: Scenario, bev: Bevindingen, gelezen: dict | None = None) -> pd.DataFrame:
    if not scenario.vhe:
        waar = f"scenario {scenario.bron}: " if scenario.bron else ""
        raise ScenarioFout(f"{waar}geen VHE-bestanden opgegeven (scenario [invoer] vhe, of --vhe BESTAND)")
    delen = []
    score = score_functie(VHE_NAMEN, scenario.kolommen, kenmerk="vhe_id")
    twee = _twee_rollen(scenario)
    for pad in scenario.vhe:
        ruw = lees_tabel(pad, score, naam=bev.naam(pad))
        _naam_met_blad(bev, pad, ruw, "VHE", twee)
        if gelezen is not None:
            gelezen[str(Path(pad).resolve())] = ruw.blad
        ruw = _schoon(ruw, bev)
        delen.append(valideer_vhe(ruw, bev, peildatum=scenario.peildatum, extra_kolommen=scenario.kolommen))
    woningen = pd.concat(delen, ignore_index=True) if len(delen) > 1 else delen[0]
    return ontdubbel_vhe(woningen, bev)


def _koppel_ep_online(w: pd.DataFrame, scenario: Scenario, bev: Bevindingen) -> tuple[pd.DataFrame, np.ndarray]:
    """The newer EP-online label of each address, and the labels as :func:`lbl.label_codes` afterwards
    (hashed once here, read by every later step that asks whether or which label a dwelling has)."""
    rang = lbl.label_codes(w["energielabel"])
    # a text column made by taking from two values (inferring the type of a million Python strings is slow)
    w["label_bron"] = _tekstkolom(np.where(rang != lbl.GEEN, 0, 1), ["geregistreerd", None], w.index)
    if not scenario.ep_online:
        return w, rang
    ep = pd.concat([valideer_ep_online(lees_ep_online(p, bev), bev, peildatum=scenario.peildatum)
                    for p in scenario.ep_online])
    ep = ep.sort_values("label_registratiedatum").drop_duplicates("sleutel", keep="last").set_index("sleutel")
    sleutel = adres_sleutel(w["postcode"], w["huisnummer"], w["toevoeging"])
    gevonden = sleutel.isin(ep.index) & w["postcode"].notna() & w["huisnummer"].notna()
    if not gevonden.any():
        return w, rang
    e = ep.reindex(sleutel[gevonden])
    e.index = w.index[gevonden]
    nieuwer = e["label_registratiedatum"].gt(w.loc[gevonden, "label_registratiedatum"]) | \
        w.loc[gevonden, "label_registratiedatum"].isna() | w.loc[gevonden, "energielabel"].isna()
    idx = e.index[nieuwer.to_numpy()]
    for k in ("energielabel", "ep2_kwh_m2", "energie_index", "label_registratiedatum", "warmtebehoefte_kwh_m2"):
        if k in e:
            w.loc[idx, k] = e.loc[idx, k]
    w.loc[idx, "label_bron"] = "ep-online"
    bev.voeg_toe(", ".join(bev.naam(p) for p in scenario.ep_online), None, None, None,
                 f"{len(idx)} woningen hebben een nieuwer label uit EP-online gekregen "
                 f"({int(gevonden.sum())} adressen gekoppeld)", ACTIE_GEMELD, ernst="info")
    return w, lbl.label_codes(w["energielabel"])


def _labels_op_peildatum(w: pd.DataFrame, rang: np.ndarray, scenario: Scenario,
                         bev: Bevindingen) -> tuple[pd.DataFrame, np.ndarray]:
    """The label valid on the peildatum, estimates where there is none, and how sure E/F/G is.
    ``rang``: :func:`lbl.label_codes` of the labels; returned updated for the estimates."""
    peil = pd.Timestamp(scenario.peildatum)
    zonder_label = pd.Series(rang == lbl.GEEN, index=w.index)
    w["label_geldig_tot"] = lbl.geldig_tot(w["label_registratiedatum"])
    verlopen = w["label_geldig_tot"].lt(peil) & ~zonder_label
    w["label_verlopen"] = verlopen.fillna(False).astype(bool)
    deadline_eind = pd.Timestamp(scenario.deadline, 12, 31)
    w["label_verloopt_voor_deadline"] = (w["label_geldig_tot"].le(deadline_eind) & ~w["label_verlopen"]).fillna(False).astype(bool)
    oud_methode = w["label_registratiedatum"].lt(pd.Timestamp(lbl.NTA8800_START)).fillna(False)
    methode = np.where(zonder_label, 0, np.where(oud_methode, 1, 2))
    w["label_methode"] = _tekstkolom(methode, ["", "Energie-Index", "NTA 8800"], w.index)

    # a label without a registration date cannot be shown to be valid on the peildatum: kept, as an estimate that a
    # registered label (or a survey) must confirm, never as a certain one
    onbevestigd = (w["label_registratiedatum"].isna() & ~zonder_label).to_numpy(bool)
    # dwellings without a valid label: the expired or undated label if there is one, else type x bouwjaar
    geen = zonder_label | w["label_verlopen"] | onbevestigd
    g = geen.to_numpy()
    if g.any():
        _schat_labels(w, geen, bev, onbevestigd)
        rang[g] = lbl.label_codes(w["energielabel"].to_numpy(object)[g])
    w["label_geschat"] = g
    n_verlopen = int((geen & w["label_verlopen"]).sum())
    n_onbevestigd = int(onbevestigd.sum())
    n_zonder = int(g.sum()) - n_verlopen - n_onbevestigd
    if n_verlopen + n_zonder + n_onbevestigd:
        zonder_datum = f", {n_onbevestigd} met een label zonder registratiedatum" if n_onbevestigd else ""
        bev.voeg_toe("portefeuille", None, "energielabel", None,
                     f"{n_zonder} woningen zonder label en {n_verlopen} met een verlopen label{zonder_datum} hebben een "
                     "geschat label", ACTIE_GESCHAT, ernst="info")
    # how sure is E/F/G: estimates and old Energie-Index labels that expire before the deadline are a distribution
    # a valid label is certain (lbl.kans_efg gives 0/1 for it): the label spread is worked out only for the others
    ei_verloopt = w["label_verloopt_voor_deadline"].to_numpy() & (methode == 1)
    onzeker = g | ei_verloopt
    kans = lbl.is_slecht_index(rang).astype(float)
    if onzeker.any():
        kans[onzeker] = lbl.kans_efg_uit_index(rang[onzeker], w["woningsubtype"].to_numpy(object)[onzeker],
                                               pd.to_numeric(w["bouwjaar"], errors="coerce").to_numpy(float)[onzeker],
                                               g[onzeker], ei_verloopt[onzeker])
    w["kans_efg"] = kans
    if g.any():
        gem, p90 = lbl.efg_verwacht_p90(kans[g])
        bev.voeg_toe("portefeuille", None, "energielabel", None,
                     f"{int(g.sum())} woningen zonder geldig label: verwacht {gem:.0f} E/F/G, pessimistisch (P90) "
                     f"{p90:.0f}; het meest waarschijnlijke label geeft {int(lbl.is_slecht_index(rang[g]).sum())} "
                     "(RVO Voorbeeldwoningen 2022 / labelspreiding_generiek.csv)", ACTIE_GESCHAT, ernst="info")
    # old-method labels and estimates have no EP2: take the typical EP2 of the class for planning
    w["ep2_geschat"], w["ep2_kwh_m2"] = _met_typische_ep2(w["ep2_kwh_m2"], rang)
    return w, rang


def _met_typische_ep2(ep2: pd.Series, rang: np.ndarray) -> tuple[np.ndarray, pd.Series]:
    """(missing, EP2 with the typical EP2 of the label class where it is missing); by rank, not by label text."""
    geen = ep2.isna().to_numpy()
    if not geen.any():
        return geen, ep2
    typisch = np.array([*(lbl.EP2_TYPISCH_KWH_M2[x] for x in lbl.LABELS), np.nan], dtype=float)
    waarden = ep2.to_numpy(dtype=float, copy=True)
    waarden[geen] = typisch[np.maximum(rang[geen], lbl.GEEN)]
    return geen, pd.Series(waarden, index=ep2.index, name=ep2.name)


def _schat_labels(w: pd.DataFrame, geen: pd.Series, bev: Bevindingen, onbevestigd: np.ndarray) -> None:
    """The label of dwellings without a valid one (``geen``): the expired or undated (``onbevestigd``) label if
    there is one, else woningtype x bouwjaar (PBL Vesta); one finding per dwelling. Changes ``w`` in place."""
    schat = lees("label_schatting.csv")
    g = geen.to_numpy()
    wg = w[g]
    zonder_datum = onbevestigd[g]
    verlopen = wg["label_verlopen"].to_numpy(bool)
    bewaard = verlopen | zonder_datum
    vesta_type = woning.vorm_arrays(wg["woningsubtype"], ("vesta_type",))["vesta_type"]
    mediaan = w.groupby("complex_id")["bouwjaar"].transform("median").astype("Float64")[g]
    bj = wg["bouwjaar"].astype("Float64").fillna(mediaan).to_numpy(dtype=float, na_value=np.nan)
    geschat = np.full(len(wg), None, dtype=object)
    for vt, van, tot, label in zip(schat["vesta_type"], schat["bouwjaar_van"], schat["bouwjaar_tot"], schat["label"], strict=False):
        van = -np.inf if pd.isna(van) else van
        tot = np.inf if pd.isna(tot) else tot
        geschat[(vesta_type == vt) & (bj >= van) & (bj <= tot)] = label
    geschat[pd.isna(geschat)] = "D"  # no bouwjaar at all: the median class of the Vesta table, reported below
    oud = wg["energielabel"].to_numpy(object)
    w.loc[geen & w["label_verlopen"], "label_verlopen_oud"] = oud[verlopen]
    nieuw = np.where(bewaard, oud, geschat)
    w.loc[geen, "energielabel"] = nieuw
    w.loc[geen, "label_bron"] = "geschat"
    w.loc[geen & w["label_verlopen"], "ep2_kwh_m2"] = np.nan
    # findings from plain arrays: a row lookup per dwelling (w.iloc) costs more than the finding itself
    tot_ = wg["label_geldig_tot"]
    for bestand, rij, sleutel, v, zd, o, t, b, n, st in zip(
            wg["bron_bestand"].to_numpy(object), wg["bron_rij"].to_numpy(), wg["vhe_id"].to_numpy(object), verlopen,
            zonder_datum, oud, tot_.to_numpy(object) if len(tot_) else [], np.isnan(bj), nieuw,
            wg["woningsubtype"].to_numpy(object), strict=False):
        if zd:
            probleem = (f"label {o} zonder registratiedatum: niet te controleren of het op de peildatum geldt; als "
                        "schatting aangehouden, een geregistreerd label (EP-online) of heropname is nodig")
        elif v:
            probleem = f"label {o} verlopen op {t:%d-%m-%Y}: als schatting aangehouden, geldig label nodig"
        elif b:
            probleem = "geen label en geen bouwjaar: label D geschat"
        else:
            probleem = f"geen label: {n} geschat uit woningtype ({st}) en bouwjaar (PBL Vesta)"
        bev.voeg_toe(bestand, int(rij), "energielabel", None, probleem, ACTIE_GESCHAT, ernst="info", sleutel=sleutel)


def _vul_gbo(w: pd.DataFrame, bev: Bevindingen) -> pd.DataFrame:
    leeg_ = w["gbo_m2"].isna()
    if leeg_.any():
        standaard = lees("woning_standaard.csv").set_index("woningtype")["gbo_m2"]
        mediaan = w.groupby(["corporatie", "complex_id"])["gbo_m2"].transform("median")
        w.loc[leeg_, "gbo_m2"] = mediaan[leeg_].fillna(w.loc[leeg_, "woningtype"].map(standaard))
        # findings from plain arrays: a row lookup per dwelling (w.iloc) costs more than the finding itself
        r = w.loc[leeg_, ["bron_bestand", "bron_rij", "gbo_m2", "vhe_id"]]
        for bestand, rij, gbo, sleutel in zip(r["bron_bestand"].to_numpy(object), r["bron_rij"].to_numpy(),
                                              r["gbo_m2"].to_numpy(float), r["vhe_id"].to_numpy(object), strict=True):
            bev.voeg_toe(bestand, int(rij), "gbo_m2", None,
                         f"gebruiksoppervlakte onbekend: {gbo:.0f} m² aangenomen (mediaan complex of standaard)",
                         ACTIE_STANDAARD, ernst="info", sleutel=sleutel)
    return w


def _woningstaat(w: pd.DataFrame, bev: Bevindingen, subtype: pd.Categorical) -> pd.DataFrame:
    """Heating system, net heat demand and the Standaard per dwelling (verduurzaming.woning).

    ``subtype``: the woningsubtype column as a categorical (so it is not hashed again)."""
    # the export's heating terms are few: interpreted once per distinct term
    codes, (termen,) = unieke_rijen([w["verwarming_export"]])
    termen = pd.Series(termen, dtype=object)
    per_term = woning.verwarming_uit_term(termen).to_numpy(object)
    geschat = pd.isna(per_term)[codes]
    onbekend_term = pd.Series(geschat & termen.fillna("").astype(str).str.strip().ne("").to_numpy(bool)[codes],
                              index=w.index)
    zonder_gas = w["gasverbruik_m3"].eq(0).fillna(False)
    w["verwarming_geschat"] = geschat
    # the system of each dwelling as a position in a few names (the term's, else all-electric or gas boiler):
    # taking from them is cheap, making a million strings is not
    namen = np.array([*per_term, "all_electric", "gasketel"], dtype=object)
    keuze = np.where(geschat, np.where(zonder_gas.to_numpy(bool), len(per_term), len(per_term) + 1), codes)
    w["verwarming"] = pd.Series(namen[keuze], index=w.index, dtype=object)
    systeem_codes, systemen = pd.factorize(namen)
    verwarming = pd.Categorical.from_codes(systeem_codes[keuze], categories=systemen)
    gg = woning.vorm_arrays(subtype, ("grondgebonden",))["grondgebonden"]
    q = pd.to_numeric(w["warmtebehoefte_kwh_m2"], errors="coerce")
    w["warmtebehoefte_geschat"] = q.isna().to_numpy()
    w["warmtebehoefte_kwh_m2"] = np.round(q.fillna(pd.Series(
        woning.q_uit_ep2(w["ep2_kwh_m2"].to_numpy(float), verwarming, gg), index=w.index)), 1)
    bj = pd.to_numeric(w["bouwjaar"], errors="coerce").to_numpy(float)
    w["standaard_kwh_m2"] = woning.standaard_kwh_m2(gg, bj, woning.als_ag(subtype, bj))
    w["voldoet_standaard"] = (w["warmtebehoefte_kwh_m2"] <= w["standaard_kwh_m2"] + 0.5).to_numpy()
    for n, tekst_ in ((int(w["subtype_aangenomen"].sum()), "woningen: exporttype noemt geen woningvorm; "
                       "tussenwoning (eengezins) of portiekwoning (meergezins) aangenomen"),
                      (int(onbekend_term.sum()), "woningen: verwarming in de export niet herkend; geschat"),
                      (int((w["verwarming_geschat"] & ~zonder_gas).sum()),
                       "woningen: verwarming onbekend, individuele cv-ketel aangenomen"),
                      (int((w["verwarming_geschat"] & zonder_gas).sum()),
                       "woningen zonder gasverbruik: all-electric aangenomen"),
                      (int(w["warmtebehoefte_geschat"].sum()),
                       "woningen: netto warmtebehoefte geschat uit EP2 en verwarming (geen Pand_warmtebehoefte)")):
        if n:
            bev.voeg_toe("portefeuille", None, None, None, f"{n} {tekst_}", ACTIE_GESCHAT, ernst="info")
    return w


# ---------------------------------------------------------------- complexes

def _complexattributen_uit_vhe(w: pd.DataFrame, bev: Bevindingen, scenario: Scenario) -> pd.DataFrame:
    cx_kol = [c for c in w.columns if c.startswith("cx_")]
    if not cx_kol:
        return pd.DataFrame(columns=["corporatie", "complex_id"])
    d = w[["corporatie", "complex_id", "bron_bestand", "bron_rij", *cx_kol]].copy()
    d.columns = [c[3:] if c.startswith("cx_") else c for c in d.columns]
    # the first row per complex with a value wins: attributes repeat on every VHE row
    for k in [c[3:] for c in cx_kol]:
        d[k] = tekst(d[k]).replace("", np.nan)
    eerste = d.groupby(["corporatie", "complex_id"], sort=False).first().reset_index()
    # findings name the VHE file the complex's first row came from
    attr = pd.concat([valideer_complexattributen(deel, None, bev, bestand=str(bestand),
                                                 rijen=deel["bron_rij"].astype(int), sleutels=deel["complex_id"],
                                                 bron={}, peildatum=scenario.peildatum)
                      for bestand, deel in eerste.groupby("bron_bestand", sort=False)]).reindex(eerste.index)
    attr.insert(0, "complex_id", eerste["complex_id"])
    attr.insert(0, "corporatie", eerste["corporatie"])
    return attr


def _lees_complexbestanden(scenario: Scenario, bev: Bevindingen, bekende: pd.DataFrame,
                           gelezen: dict | None = None) -> pd.DataFrame:
    delen = []
    score = score_functie(VHE_NAMEN, scenario.kolommen, kenmerk="complex_id", alleen=COMPLEX_TABEL_KOLOMMEN,
                          zonder="vhe_id")
    twee = _twee_rollen(scenario)
    for pad in scenario.complexen:
        ruw = lees_tabel(pad, score, naam=bev.naam(pad))
        sleutel = str(Path(pad).resolve())
        if sleutel in twee and gelezen is not None and gelezen.get(sleutel, "") == ruw.blad:
            # the same sheet as the VHE export: its complex attributes were read from the VHE rows already
            bev.voeg_toe(bev.naam(pad), None, None, ruw.blad,
                         "als VHE- en als complexbestand opgegeven, maar er is geen apart werkblad met complexen: de "
                         "complexgegevens komen uit de VHE-rijen", ACTIE_GEMELD)
            continue
        _naam_met_blad(bev, pad, ruw, "complexen", twee)
        ruw = _schoon(ruw, bev)
        naam = ruw.bestand
        d, bron, houd = canoniek_en_geteld(ruw, VHE_NAMEN, scenario.kolommen, ["complex_id"], bev)
        cid = tekst(d["complex_id"]).str.replace(r"\.0$", "", regex=True)
        corp = tekst(d["corporatie"]) if "corporatie" in d else pd.Series("", index=d.index)
        rijen = ruw.rijnummers
        attr = valideer_complexattributen(d, ruw, bev, bestand=naam, rijen=rijen, sleutels=cid, bron=bron,
                                          peildatum=scenario.peildatum)
        attr.insert(0, "complex_id", cid)
        attr.insert(0, "corporatie", corp)
        attr["bron_rij"] = rijen.to_numpy()
        attr["bron_bestand"] = naam
        leeg_id = houd & (cid == "")
        for i in np.flatnonzero(leeg_id.to_numpy()):
            bev.voeg_toe(naam, int(rijen.iloc[i]), bron["complex_id"], None, "complexnummer ontbreekt",
                         ACTIE_RIJ_AFGEWEZEN)
        houd &= ~leeg_id
        # rows without corporation: match the complex in whichever corporation has it
        zonder = houd & (corp == "")
        if zonder.any():
            paren = bekende[["complex_id", "corporatie"]]  # the keys of the complexes: distinct already
            z = attr[zonder]
            meervoud = paren["complex_id"].duplicated(keep=False)
            if meervoud.any():  # complex numbers at more than one corporation (usually none: no grouping)
                per_nummer = paren[meervoud].groupby("complex_id")["corporatie"].agg(list)
                for i in np.flatnonzero(z["complex_id"].isin(per_nummer.index).to_numpy()):
                    corps = per_nummer[z["complex_id"].iloc[i]]
                    bev.voeg_toe(naam, int(z["bron_rij"].iloc[i]), bron["complex_id"], z["complex_id"].iloc[i],
                                 f"complexnummer komt bij {len(corps)} corporaties voor ({', '.join(corps)}) en het "
                                 "bestand noemt geen corporatie: gegevens bij allemaal gebruikt", ACTIE_GEMELD,
                                 sleutel=z["complex_id"].iloc[i])
            z = z.drop(columns="corporatie").merge(paren, on="complex_id", how="left")
            z["corporatie"] = z["corporatie"].fillna("")
            attr = pd.concat([attr[houd & ~zonder], z[attr.columns]], ignore_index=True)
        else:
            attr = attr[houd]
        dubbel = attr.duplicated(["corporatie", "complex_id"], keep="first")
        if dubbel.any():  # iterrows of an empty frame still costs a few ms
            for _, r in attr[dubbel].iterrows():
                bev.voeg_toe(naam, int(r["bron_rij"]), bron["complex_id"], r["complex_id"],
                             "complex staat twee keer in het complexbestand; de eerste rij is gebruikt",
                             ACTIE_RIJ_AFGEWEZEN, sleutel=r["complex_id"])
        attr = attr[~dubbel]
        bev.boek(naam, afgewezen=int((~houd).sum()) + int(dubbel.sum()))
        delen.append(attr)
    if not delen:
        return pd.DataFrame(columns=["corporatie", "complex_id"])
    return pd.concat(delen, ignore_index=True)


def _binnen(x: np.ndarray, y: np.ndarray, kader: tuple[float, float, float, float]) -> np.ndarray:
    """True where (x, y) lies in the box (xmin, ymin, xmax, ymax), edges included; NaN lies outside."""
    return (x >= kader[0]) & (x <= kader[2]) & (y >= kader[1]) & (y <= kader[3])


def _punten(c: pd.DataFrame, bev: Bevindingen) -> gpd.GeoSeries:
    """Complex points in RD New from x/y (RD) or lon/lat; swapped systems are repaired with a finding."""
    # plain arrays: a complex table has tens of thousands of rows and every Series operation costs its overhead
    x, y = c["x"].astype(float).to_numpy(), c["y"].astype(float).to_numpy()
    lon, lat = c["lon"].astype(float).to_numpy(), c["lat"].astype(float).to_numpy()
    lijkt_wgs = _binnen(x, y, NL_LONLAT)
    lijkt_rd_in_lonlat = _binnen(lon, lat, RD_BBOX) & (np.abs(lon) > 180)
    bestand, rij, sleutel = c["bron_bestand"], c["bron_rij"], c["complex_id"]
    for i in np.flatnonzero(lijkt_wgs):
        bev.voeg_toe(bestand.iloc[i], int(rij.iloc[i]), "x/y", f"{x[i]}, {y[i]}",
                     "X/Y lijken lengte- en breedtegraad (WGS84), geen RD: als lon/lat gelezen", ACTIE_GECORRIGEERD,
                     sleutel=sleutel.iloc[i])
    for i in np.flatnonzero(lijkt_rd_in_lonlat):
        bev.voeg_toe(bestand.iloc[i], int(rij.iloc[i]), "lon/lat", f"{lon[i]}, {lat[i]}",
                     "lon/lat lijken RD-coördinaten (meters): als X/Y gelezen", ACTIE_GECORRIGEERD,
                     sleutel=sleutel.iloc[i])
    lon, lat = np.where(lijkt_wgs, x, lon), np.where(lijkt_wgs, y, lat)
    x, y = np.where(lijkt_wgs, np.nan, x), np.where(lijkt_wgs, np.nan, y)
    x, y = np.where(np.isnan(x) & lijkt_rd_in_lonlat, lon, x), np.where(np.isnan(y) & lijkt_rd_in_lonlat, lat, y)
    lon, lat = np.where(lijkt_rd_in_lonlat, np.nan, lon), np.where(lijkt_rd_in_lonlat, np.nan, lat)
    uit = gpd.GeoSeries(gpd.points_from_xy(x, y), index=c.index, crs=RD)
    heeft_ll = np.isnan(x) & ~np.isnan(lon) & ~np.isnan(lat)
    if heeft_ll.any():
        ll = gpd.GeoSeries(gpd.points_from_xy(lon[heeft_ll], lat[heeft_ll]), index=c.index[heeft_ll], crs=WGS84)
        uit[heeft_ll] = ll.to_crs(RD)
    geen = np.isnan(x) & ~heeft_ll
    uit[geen] = None
    buiten = uit.notna().to_numpy() & ~_binnen(uit.x.to_numpy(), uit.y.to_numpy(), RD_BBOX)
    for i in np.flatnonzero(buiten):
        bev.voeg_toe(bestand.iloc[i], int(rij.iloc[i]), "x/y", f"{uit.iloc[i].x:.0f}, {uit.iloc[i].y:.0f}",
                     "coördinaten liggen buiten Nederland: genegeerd", ACTIE_WAARDE_GENEGEERD, sleutel=sleutel.iloc[i])
    uit[buiten] = None
    return uit


def _gesorteerde_codes(waarden: pd.Categorical) -> tuple[np.ndarray, np.ndarray]:
    """(codes, distinct values sorted) as ``pd.factorize(sort=True)`` gives them, NaN -1, from the
    categorical's own codes (nothing is hashed)."""
    categorieen = np.asarray(waarden.categories, dtype=object)
    volgorde = np.argsort(categorieen, kind="stable")
    plaats = np.empty(len(volgorde), dtype=np.intp)
    plaats[volgorde] = np.arange(len(volgorde))
    return np.where(waarden.codes >= 0, plaats[waarden.codes], -1), categorieen[volgorde]


def _meest_per_groep(gid: np.ndarray, k: int, waarden: pd.Categorical) -> np.ndarray:
    """Per group 0..k-1 the value that occurs most often (ties: the smallest value); NaN values do not count."""
    code, uniek = _gesorteerde_codes(waarden)  # NaN: -1, not counted
    if len(uniek) * k > 50_000_000:
        waarden = pd.Series(np.asarray(waarden, dtype=object))
        tel = waarden.groupby([gid, waarden]).size().rename("n").reset_index()
        tel.columns = ["gid", "waarde", "n"]
        tel = tel.sort_values(["gid", "n", "waarde"], ascending=[True, False, True]).drop_duplicates("gid")
        return tel.set_index("gid")["waarde"].reindex(range(k)).to_numpy(dtype=object)
    ok = code >= 0
    tel = np.bincount(gid[ok] * len(uniek) + code[ok], minlength=k * len(uniek)).reshape(k, len(uniek))
    uit = np.asarray(uniek, dtype=object)[tel.argmax(axis=1)] if len(uniek) else np.full(k, np.nan, dtype=object)
    uit[tel.sum(axis=1) == 0] = np.nan
    return uit  # argmax takes the first of equal counts: the smallest value, as the sort above


def _per_complex(gid: np.ndarray, n_cx: int) -> pd.Categorical:
    """A grouping key by complex number 0..n_cx-1 that pandas groups by its codes, without hashing."""
    return pd.Categorical.from_codes(gid, categories=pd.RangeIndex(n_cx))


def _sommen_per_complex(w: pd.DataFrame, gid: np.ndarray, n_cx: int, telling: np.ndarray) -> pd.DataFrame:
    """Per complex number 0..n_cx-1 the counts, sums, maxima and median of its dwellings.

    Counts come from ``np.bincount``, the worst label from ``telling`` (dwellings per complex and label);
    the float sums, maximum and median are pandas' grouped by :func:`_per_complex`, so every value equals
    that of the grouping by the two text keys to the bit (pandas sums with compensation)."""
    g = _per_complex(gid, n_cx)
    p = w["kans_efg"].astype(float).to_numpy()
    rang = np.array([lbl.RANG[x] for x in lbl.LABELS], dtype=float)
    slechtste = np.where(telling > 0, rang, -1.0).max(axis=1, initial=-1.0)

    def aantal(ja: pd.Series) -> np.ndarray:
        return np.bincount(gid[ja.to_numpy(bool)], minlength=n_cx).astype(np.int64)

    # the float sums in one grouping of one frame (a pass per column, one grouping set-up)
    sommen = pd.DataFrame({"p": p, "gbo_m2": w["gbo_m2"].to_numpy(), "pq": p * (1 - p),
                           "gewogen": (w["ep2_kwh_m2"] * w["gbo_m2"]).to_numpy()}).groupby(g, observed=False).sum()
    bouwjaar = pd.Series(w["bouwjaar"].to_numpy(float, na_value=np.nan))
    gas = pd.Series(w["gasverbruik_m3"].to_numpy())
    return pd.DataFrame({
        "n_geschat": aantal(w["label_geschat"]), "n_label_verloopt": aantal(w["label_verloopt_voor_deadline"]),
        "n_efg_verwacht": sommen["p"].to_numpy(), "gbo_m2": sommen["gbo_m2"].to_numpy(),
        "ep2_max_kwh_m2": w["ep2_kwh_m2"].groupby(g, observed=False).max().to_numpy(),
        # the median of whole years as float (NaN for none): the same numbers as the Int64 median, faster
        "bouwjaar": bouwjaar.groupby(g, observed=False).median().to_numpy(),
        "gasverbruik_m3": gas.groupby(g, observed=False).sum(min_count=1).to_numpy(),
        "rang_max": np.where(slechtste >= 0, slechtste, np.nan),
        "gewogen": sommen["gewogen"].to_numpy(), "pq": sommen["pq"].to_numpy()})


def _maak_complexen(w: pd.DataFrame, scenario: Scenario, bev: Bevindingen,
                    gelezen: dict | None, subtype: pd.Categorical, rang: np.ndarray,
                    woningtype: pd.Categorical) -> gpd.GeoDataFrame:
    """One row per (corporatie, complex_id): counts and sums of its dwellings, attributes from the complex
    files and VHE rows, a point and the exemptions. ``subtype`` and ``woningtype``: those columns as
    categoricals, ``rang`` the labels as :func:`lbl.label_codes` (so none is hashed again)."""
    sleutel = ["corporatie", "complex_id"]
    g = w.groupby(sleutel, sort=True)
    # the complex of every dwelling as a number (0.. in the sorted order of c): grouping by it again is an
    # integer grouping, where grouping by the two text keys hashes a million strings every time
    gid = g.ngroup().to_numpy()
    n_cx = g.ngroups
    c = g.size().rename("woningen").reset_index()
    # dwellings per label: a count per (complex, label)
    li = np.maximum(rang, lbl.GEEN)
    bekend = li >= 0
    telling = np.bincount(gid[bekend] * len(lbl.LABELS) + li[bekend],
                          minlength=n_cx * len(lbl.LABELS)).reshape(n_cx, len(lbl.LABELS))
    if bekend.all():
        c = pd.concat([c, pd.DataFrame(telling, columns=LABEL_KOLOMMEN, index=c.index, dtype=np.int64)], axis=1)
    else:
        per_label = w.groupby(["corporatie", "complex_id", "energielabel"], observed=True).size().unstack(fill_value=0)
        per_label = per_label.reindex(columns=lbl.LABELS, fill_value=0)
        per_label.columns = LABEL_KOLOMMEN
        c = c.merge(per_label.reset_index(), on=sleutel, how="left")
    c["n_efg"] = c[[f"n_{x}" for x in lbl.SLECHT]].sum(axis=1)
    agg = _sommen_per_complex(w, gid, n_cx, telling)
    agg["woningtype"] = _meest_per_groep(gid, n_cx, woningtype)
    agg["ep2_gem_kwh_m2"] = agg.pop("gewogen").to_numpy() / agg["gbo_m2"].to_numpy()
    # lbl.efg_verwacht_p90 per complex, as grouped sums (a Python call per complex costs seconds on a large stock)
    gem_p = agg["n_efg_verwacht"].to_numpy()
    sd_p = np.sqrt(agg.pop("pq").to_numpy())
    agg["n_efg_verwacht"] = agg["n_efg_verwacht"].round(1)
    agg["n_efg_p90"] = np.minimum(c["woningen"].to_numpy(), np.ceil(gem_p + 1.2816 * sd_p - 1e-9)).astype(int)
    c = pd.concat([c, agg.set_axis(c.index)], axis=1)
    c["bouwjaar"] = c["bouwjaar"].round().astype("Int64")
    c["slechtste_label"] = c["rang_max"].map({v: k for k, v in lbl.RANG.items()})
    c = c.drop(columns="rang_max")

    attr_vhe = _complexattributen_uit_vhe(w, bev, scenario)
    attr_best = _lees_complexbestanden(scenario, bev, c[sleutel], gelezen)
    attr_kol = ["complex_naam", "x", "y", "lon", "lat", "wijk_code", "buurt_code", "monument", "sloop_jaar",
                "onderhoud_jaar", "dak_geschikt_m2", "pv_panelen_aanwezig", "pv_panelen_aantal", "pand_oppervlakte_m2",
                "dak_azimut", "dak_hellingshoek", "bron_bestand", "bron_rij"]
    if len(attr_best):
        gekoppeld = attr_best.merge(c[sleutel], on=sleutel, how="left", indicator=True)
        los = gekoppeld["_merge"] == "left_only"
        for _, r in gekoppeld[los].iterrows():
            bev.voeg_toe(r["bron_bestand"], int(r["bron_rij"]), "complex_id", r["complex_id"],
                         f"complex zonder woningen in de VHE-bestanden{' (corporatie ' + r['corporatie'] + ')' if r['corporatie'] else ''}: niet gebruikt",
                         ACTIE_RIJ_AFGEWEZEN, sleutel=r["complex_id"])
            bev.boek(r["bron_bestand"], afgewezen=1)
        # a row without corporatie may serve the same complex number at several corporations: count it once
        gebruikt = gekoppeld[~los].drop_duplicates(["bron_bestand", "bron_rij"])
        for bestand, n in gebruikt.groupby("bron_bestand").size().items():
            bev.boek(bestand, gebruikt=int(n))
        attr_best = gekoppeld[~los].drop(columns="_merge")
    # complex file first, then attributes repeated on VHE rows
    if len(attr_vhe):
        attr_vhe = attr_vhe.assign(bron_bestand=w.groupby(sleutel, sort=False)["bron_bestand"].first().reindex(
            pd.MultiIndex.from_frame(attr_vhe[sleutel])).to_numpy(),
            bron_rij=w.groupby(sleutel, sort=False)["bron_rij"].first().reindex(
            pd.MultiIndex.from_frame(attr_vhe[sleutel])).to_numpy())
    attr = pd.concat([a for a in (attr_best, attr_vhe) if len(a)], ignore_index=True) if (len(attr_best) or len(attr_vhe)) \
        else pd.DataFrame(columns=sleutel)
    for k in attr_kol:
        if k not in attr:
            attr[k] = np.nan
    attr = attr.groupby(sleutel, sort=False)[attr_kol].first().reset_index()
    c = c.merge(attr, on=sleutel, how="left")  # keeps the rows of c: row i is still complex number i
    for k in ("complex_naam", "wijk_code", "buurt_code", "bron_bestand"):
        c[k] = c[k].astype(object).where(c[k].notna(), None)
    c["complex_naam"] = tekst(c["complex_naam"]).where(tekst(c["complex_naam"]) != "", "Complex " + c["complex_id"])
    for k in ("monument", "pv_panelen_aanwezig"):
        # no attribute is 'nee'; a column that the merge left all-NaN is float, where fillna(False) is deprecated
        c[k] = c[k].astype(object).where(c[k].notna(), False).astype(bool)
    for k in ("sloop_jaar", "onderhoud_jaar", "pv_panelen_aantal"):
        c[k] = pd.array(c[k], dtype="Int64")
    c["dak_geschikt_m2"] = c["dak_geschikt_m2"].astype(float)
    for k in ("pand_oppervlakte_m2", "dak_azimut", "dak_hellingshoek"):
        c[k] = pd.to_numeric(c[k], errors="coerce").astype(float)
    # no roof data: estimate the suitable roof from the dominant subtype and the footprint, and flag it
    c["dak_geschat"] = c["dak_geschikt_m2"].isna()
    if c["dak_geschat"].any():
        st = _meest_per_groep(gid, n_cx, subtype)
        schat = zon.schat_dak_m2(st, c["gbo_m2"].to_numpy(dtype=float), c["pand_oppervlakte_m2"].to_numpy(dtype=float))
        c.loc[c["dak_geschat"], "dak_geschikt_m2"] = schat[c["dak_geschat"].to_numpy()]
    c["dak_orientatie"] = zon.orientatie_uit_dak(c["dak_azimut"].to_numpy(dtype=float),
                                                   c["dak_hellingshoek"].to_numpy(dtype=float))
    eerste_bestand = w["bron_bestand"].groupby(_per_complex(gid, n_cx), observed=False).first().to_numpy()
    c["bron_bestand"] = c["bron_bestand"].fillna(pd.Series(eerste_bestand, index=c.index))
    c["bron_rij"] = c["bron_rij"].fillna(0).astype(int)
    geo = _punten(c, bev)
    c = gpd.GeoDataFrame(c.drop(columns=["x", "y", "lon", "lat"]), geometry=geo, crs=RD)

    # NPA: demolition exempts only when the scenario says so (default yes) and only when the complex is gone
    # by the deadline; a monument is exempt from the E/F/G deadline but stays plannable (restricted packages,
    # counts for mean-label and CO2 targets); a complex demolished within the horizon is not worth works
    sloop = c["sloop_jaar"].le(scenario.deadline).fillna(False).astype(bool) & scenario.sloop_vrijgesteld
    c["vrijgesteld"] = c["monument"] | sloop
    c["vrijstelling_reden"] = np.where(c["monument"], "monument",
                                       np.where(sloop, "sloop " + c["sloop_jaar"].astype("string").fillna(""), None))
    c["vrijstelling_reden"] = c["vrijstelling_reden"].where(c["vrijgesteld"], None)
    c["planbaar"] = ~sloop
    return c


# ---------------------------------------------------------------- wijken

def _buurt_via_adres(c: gpd.GeoDataFrame, w: pd.DataFrame, tabel: pd.DataFrame, bev: Bevindingen,
                     bestand: str) -> gpd.GeoDataFrame:
    """Complexes with neither coordinates nor codes get the buurt most of their addresses lie in."""
    zonder = c["wijk_code"].isna() & c["buurt_code"].isna() & (c.geometry.isna() | c.geometry.is_empty)
    if not zonder.any():
        return c
    sleutel = ["corporatie", "complex_id"]
    doel = c.loc[zonder, sleutel]
    ww = w.merge(doel, on=sleutel)[[*sleutel, "postcode", "huisnummer"]]
    ww = ww.merge(tabel, on=["postcode", "huisnummer"], how="inner")
    if ww.empty:
        return c
    tel = ww.groupby([*sleutel, "buurt_code"]).size().rename("n").reset_index()
    tel = tel.sort_values([*sleutel, "n", "buurt_code"], ascending=[True, True, False, True])
    meest = tel.drop_duplicates(sleutel).set_index(sleutel)
    totaal = ww.groupby(sleutel).size()
    idx = pd.MultiIndex.from_frame(c[sleutel])
    gevonden = meest["buurt_code"].reindex(idx).to_numpy()
    raak = zonder.to_numpy() & pd.notna(gevonden)
    c.loc[raak, "buurt_code"] = gevonden[raak]
    for i in raak.nonzero()[0]:
        k = (c["corporatie"].iloc[i], c["complex_id"].iloc[i])
        bev.voeg_toe(bestand, None, "buurt_code", gevonden[i],
                     f"buurt bepaald via postcode en huisnummer ({int(meest.loc[k, 'n'])} van {int(totaal.loc[k])} "
                     "gekoppelde adressen)", ACTIE_GEMELD, ernst="info", sleutel=c["complex_id"].iloc[i])
    return c


def _wijk_van_punt(geometrie: np.ndarray, punt: np.ndarray,
                   wijken: gpd.GeoDataFrame) -> pd.api.extensions.ExtensionArray:
    """The wijk_code of the first of ``wijken`` whose polygon holds each point (NaN for none or no point),
    as ``gpd.sjoin(predicate="within")`` keeping the first match; one tree query without the join's frames."""
    i_punt = np.flatnonzero(punt)
    raak_punt, raak_wijk = shapely.STRtree(wijken.geometry.to_numpy()).query(geometrie[i_punt], predicate="within")
    eerste = np.full(len(geometrie), len(wijken), dtype=np.intp)  # len(wijken): none
    np.minimum.at(eerste, i_punt[raak_punt], raak_wijk)
    return wijken["wijk_code"].array.take(np.where(eerste < len(wijken), eerste, -1), allow_fill=True)


def _koppel_wijken(c: gpd.GeoDataFrame, wijken: gpd.GeoDataFrame | None, bev: Bevindingen) -> gpd.GeoDataFrame:
    c["buurt_code"] = c["buurt_code"].where(c["buurt_code"].notna(), None)
    code = c["wijk_code"].where(c["wijk_code"].notna(), c["buurt_code"].map(wijk_van_buurt, na_action="ignore"))
    if wijken is not None and len(wijken):
        heeft_geo = wijken[wijken.geometry.notna() & ~wijken.geometry.is_empty]
        punt = (c.geometry.notna() & ~c.geometry.is_empty).to_numpy()
        if punt.any() and len(heeft_geo):
            ruimtelijk = pd.Series(_wijk_van_punt(c.geometry.to_numpy(), punt, heeft_geo), index=c.index)
        else:
            ruimtelijk = pd.Series(None, index=c.index, dtype=object)
        bekend = set(wijken["wijk_code"])
        onbekend_code = code.notna() & ~code.isin(bekend)
        for i in np.flatnonzero(onbekend_code.to_numpy()):
            r = c.iloc[i]
            bev.voeg_toe(r["bron_bestand"], int(r["bron_rij"]), "wijk_code", code.iloc[i],
                         "wijkcode komt niet voor in de wijkgeometrieën", ACTIE_GEMELD, sleutel=r["complex_id"])
        oneens = code.notna() & ruimtelijk.notna() & (code != ruimtelijk)
        for i in np.flatnonzero(oneens.to_numpy()):
            r = c.iloc[i]
            bev.voeg_toe(r["bron_bestand"], int(r["bron_rij"]), "wijk_code", code.iloc[i],
                         f"opgegeven wijkcode wijkt af van de ligging (punt ligt in {ruimtelijk.iloc[i]}): ligging gebruikt",
                         ACTIE_GECORRIGEERD, sleutel=r["complex_id"])
        punt_buiten = c.geometry.notna() & ~c.geometry.is_empty & ruimtelijk.isna()
        for i in np.flatnonzero(punt_buiten.to_numpy()):
            r = c.iloc[i]
            bev.voeg_toe(r["bron_bestand"], int(r["bron_rij"]), "x/y", f"{r.geometry.x:.0f}, {r.geometry.y:.0f}",
                         "complex ligt buiten alle wijken" + (f": wijkcode {code.iloc[i]} gebruikt" if pd.notna(code.iloc[i]) else
                                                              ": zonder wijk meegenomen"), ACTIE_GEMELD, sleutel=r["complex_id"])
        code = ruimtelijk.where(ruimtelijk.notna(), code)
    geen = code.isna()
    for i in np.flatnonzero((geen & (c.geometry.isna() | c.geometry.is_empty)).to_numpy()):
        r = c.iloc[i]
        bev.voeg_toe(r["bron_bestand"], int(r["bron_rij"]), "wijk_code", None,
                     "complex heeft geen coördinaten en geen wijk- of buurtcode: zonder wijk meegenomen", ACTIE_GEMELD,
                     sleutel=r["complex_id"])
    c["wijk_code"] = code.where(code.notna(), None)
    c["gemeente_code"] = c["wijk_code"].map(gemeente_van, na_action="ignore")
    return c


def _wijken_met_tvw(wijken: gpd.GeoDataFrame | None, tvw: pd.DataFrame | None, c: gpd.GeoDataFrame,
                    bev: Bevindingen, tvw_bestand: str | None) -> gpd.GeoDataFrame:
    if wijken is None:
        codes = sorted(set(c["wijk_code"].dropna()) | (set(tvw["wijk_code"]) if tvw is not None else set()))
        wijken = gpd.GeoDataFrame({"wijk_code": codes, "wijk_naam": codes,
                                   "gemeente_code": [gemeente_van(x) for x in codes], "gemeente_naam": None,
                                   "cbs_jaar": pd.array([pd.NA] * len(codes), dtype="Int64")},
                                  geometry=gpd.GeoSeries([None] * len(codes), crs=RD), crs=RD)
    if tvw is not None:
        onbekend = ~tvw["wijk_code"].isin(set(wijken["wijk_code"]))
        for _, r in tvw[onbekend].iterrows():
            bev.voeg_toe(tvw_bestand or "transitievisie", int(r["tvw_bron_rij"]), "wijk_code", r["wijk_code"],
                         "wijk uit de transitievisie komt niet voor in de wijkgeometrieën: niet gebruikt",
                         ACTIE_RIJ_AFGEWEZEN)
        if tvw_bestand and onbekend.any():
            b = bev.boekhouding[tvw_bestand]
            b.rijen_gebruikt -= int(onbekend.sum())
            b.rijen_afgewezen += int(onbekend.sum())
        wijken = wijken.merge(tvw[~onbekend].drop(columns=["tvw_bron_rij"]), on="wijk_code", how="left")
        wijken["wijk_naam"] = wijken["wijk_naam"].where(
            ~((wijken["wijk_naam"] == wijken["wijk_code"]) & tekst(wijken["wijk_naam_tvw"]).ne("")), wijken["wijk_naam_tvw"])
        wijken = wijken.drop(columns=["wijk_naam_tvw"])
    for k in TVW_JAREN:
        if k not in wijken:
            wijken[k] = pd.array([pd.NA] * len(wijken), dtype="Int64")
        wijken[k] = pd.array(wijken[k], dtype="Int64")
    wijken["strategie"] = wijken["strategie"].fillna("onbekend") if "strategie" in wijken else "onbekend"
    return gpd.GeoDataFrame(wijken, geometry="geometry", crs=RD)


def lees_portefeuille(scenario: Scenario, *, strict: bool | None = None) -> Portefeuille:
    """Read, validate and join every input the scenario names.

    Raises :class:`InvoerFout`/:class:`ScenarioFout` when an input cannot be used at all; every
    problem with a row or value is a finding in ``portfolio.bevindingen``.
    """
    bev = Bevindingen(strict=scenario.strikt if strict is None else strict)
    # display names that tell apart files of the same name in different folders
    bev.registreer([p for p in [*scenario.vhe, *scenario.complexen, *scenario.ep_online, scenario.wijken,
                                scenario.transitievisie, scenario.postcode_buurt] if p])
    gelezen: dict[str, str | None] = {}
    w = _lees_vhe_bestanden(scenario, bev, gelezen)
    if w.empty:
        raise InvoerFout("geen enkele bruikbare woning in de VHE-bestanden; zie de bevindingen",
                         bestand=", ".join(bev.naam(p) for p in scenario.vhe))
    codes, (termen, typen) = unieke_rijen([w["woningtype_export"], w["woningtype"]])
    sub, aangenomen = woning.subtype_uit_term(pd.Series(termen, dtype=object), pd.Series(typen, dtype=object))
    w["woningsubtype"] = pd.Series(sub.to_numpy(object)[codes], index=w.index, dtype=object)
    subtype = woning.als_categorie(sub).take(codes)
    woningtype = woning.als_categorie(typen).take(codes)
    w["subtype_aangenomen"] = aangenomen.to_numpy(bool)[codes]
    w, rang = _koppel_ep_online(w, scenario, bev)
    w, rang = _labels_op_peildatum(w, rang, scenario, bev)
    w = _vul_gbo(w, bev)
    w = _woningstaat(w, bev, subtype)
    c = _maak_complexen(w, scenario, bev, gelezen, subtype, rang, woningtype)
    wijken = tvw = None
    if scenario.wijken:
        wijken = lees_wijken(scenario.wijken, bev, laag=scenario.wijken_laag)
        wijken = verwijder_stuurtekens(wijken, bev, bev.naam(scenario.wijken), kolommen=["wijk_naam", "gemeente_naam"],
                                       sleutels=wijken["wijk_code"])
    if scenario.transitievisie:
        tvw = valideer_transitievisie(lees_transitievisie(scenario.transitievisie, bev, extra_kolommen=scenario.kolommen),
                                      bev, extra_kolommen=scenario.kolommen)
        tvw = verwijder_stuurtekens(tvw, bev, bev.naam(scenario.transitievisie), tvw["tvw_bron_rij"],
                                    kolommen=[k for k in tvw.columns if k != "tvw_bron_rij"], sleutels=tvw["wijk_code"],
                                    namen={"wijk_naam_tvw": "wijk_naam"})
    if scenario.postcode_buurt:
        tabel = lees_postcode_buurt(scenario.postcode_buurt, bev)
        c = _buurt_via_adres(c, w, tabel, bev, bev.naam(scenario.postcode_buurt))
    c = _koppel_wijken(c, wijken, bev)
    wijken = _wijken_met_tvw(wijken, tvw, c, bev, bev.naam(scenario.transitievisie) if scenario.transitievisie else None)
    for bestand, n in w.groupby("bron_bestand").size().items():
        bev.boek(bestand, gebruikt=int(n))
    kol = ["vhe_id", "complex_id", "corporatie", "postcode", "huisnummer", "toevoeging", "bouwjaar", "woningtype",
           "gbo_m2", "energielabel", "ep2_kwh_m2", "ep2_geschat", "energie_index", "label_bron", "label_methode",
           "label_registratiedatum", "label_geldig_tot", "label_verlopen", "label_verloopt_voor_deadline",
           "label_geschat", "gasverbruik_m3", "woningsubtype", "subtype_aangenomen", "verwarming",
           "verwarming_geschat", "kans_efg", "warmtebehoefte_kwh_m2", "warmtebehoefte_geschat", "standaard_kwh_m2",
           "voldoet_standaard", "bron_bestand", "bron_rij"]
    w = w[kol].reset_index(drop=True)
    controleer_corporaties(scenario, c["corporatie"].tolist(), bev)  # tolist: iterating Arrow strings is slow
    versies = {"energielabels": "NTA 8800 labelklassen (Regeling energieprestatie gebouwen, 2021)",
               "labelschatting": "PBL Vesta MAIS Woningen_BAG 2020-12-02 (meest waarschijnlijk label); "
                                 "RVO Voorbeeldwoningen 2022 labelspreiding (verwacht en P90 E/F/G)",
               "standaard_woningisolatie": "Standaard voor woningisolatie (BZK 2021; NTA 8800 par. 5.3.2)"}
    if wijken is not None and "cbs_jaar" in wijken and wijken["cbs_jaar"].notna().any():
        versies["cbs_wijken"] = str(int(wijken["cbs_jaar"].dropna().mode().iloc[0]))
    return Portefeuille(w, c.reset_index(drop=True), wijken, bev, scenario.peildatum, scenario.deadline, versies)
