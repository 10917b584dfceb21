"""Validation of a realisation: its rows matched to the portfolio, and their plausibility against the
plan and the measure catalogue, as findings.

The reader (:mod:`verduurzaming.io.realisatie`) turns files into raw tables; :func:`valideer_realisatie`
matches their rows to complexes and dwellings (a complex unknown to the plan: row rejected; a realised
year after the peildatum: value ignored; a label worse than now: complex rows ignore it, a dwelling
registration is the valid label, so it counts, with a warning; an unknown package; a row naming another
corporation than the dwelling's: not matched), and :func:`toets_realisatie` judges whether what the rows
claim can be true:

* a complex realised (or PV placed) in a year before the plan's first year: the works belong to
  the starting situation (or the year is a typo), so they are not counted as realised, let alone
  "eerder gerealiseerd"; the row's year, package and label are ignored;
* a realised year after the peildatum (the matching already ignores it; checked again here so a
  table built in code gets the same treatment);
* a new complex label that no package can reach from the complex's starting state: better by
  more than ``marge_labelstappen`` (``defaults/realisatie_controle.csv``) than the best label the
  realised package (else the planned one, else the best in the catalogue) reaches from the start
  EP2 of the complex's dwellings (the planner's result model). The label is ignored, the package's own
  effect counts, and the complex is marked ``controle`` so progress shows it as
  "gerealiseerd, te controleren" instead of "gerealiseerd volgens plan";
* a dwelling registration dated before the plan's first year is the valid label (it counts), but
  it is not a result of the plan: a warning says so.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import labels as L
from .._fouten import InvoerFout
from ..bevindingen import ACTIE_GEMELD, ACTIE_RIJ_AFGEWEZEN, ACTIE_WAARDE_GENEGEERD, Bevindingen
from ..defaults import lees
from ..io.boekhouding import meld_overgeslagen, verwijder_extra_kopregels_en_totalen
from ..io.kolommen import hernoem
from ..io.realisatie import (
    PV_SOORTEN,
    REALISATIE_NAMEN,
    RENOVATIE_SOORTEN,
    VAN_GAS_SOORTEN,
    VHE_REALISATIE_NAMEN,
    Realisatiebestand,
    UitgegevenPlan,
    lees_realisatiebestanden,
    plan_per_complex,
    planbron,
)
from ..io.tabel import RuweTabel
from ..waarden import adres_sleutel, normaliseer_postcode, ontleed_datum, ontleed_getal, ontleed_jaar, tekst
from .eponline import valideer_ep_online

COMPLEX_KOLOMMEN = ["corporatie", "complex_id", "gerealiseerd_jaar", "gerealiseerd_pakket", "nieuw_label",
                    "pv_gerealiseerd_jaar", "van_gas_gerealiseerd_jaar", "gepland_pakket", "gepland_jaar", "bestand",
                    "rij"]
WONING_KOLOMMEN = ["vhe_id", "corporatie", "complex_id", "energielabel", "ep2_kwh_m2", "label_registratiedatum",
                   "bestand", "rij", "gekoppeld_op"]


@dataclass
class Realisatie:
    """What was done by the peildatum: per complex (works) and per dwelling (new registered labels); ``plan``:
    the plan as handed out when a realisation file is a filled-in Planning sheet with its planned columns
    (``pakket``, ``jaar``), else None."""

    complexen: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COMPLEX_KOLOMMEN))
    woningen: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=WONING_KOLOMMEN))
    bestanden: list[str] = field(default_factory=list)
    plan: UitgegevenPlan | None = None

    @property
    def leeg(self) -> bool:
        return len(self.complexen) == 0 and len(self.woningen) == 0



def lees_realisatie(paden: list[str | Path], bev: Bevindingen, *, portefeuille, peildatum: dt.date,
                    catalogus: pd.DataFrame | None = None) -> Realisatie:
    """The realisation files read (:func:`verduurzaming.io.realisatie.lees_realisatiebestanden`) and matched to
    the portfolio (:func:`valideer_realisatie`): every row ends in the result or in the findings."""
    return valideer_realisatie(lees_realisatiebestanden(paden, bev), bev, portefeuille=portefeuille, peildatum=peildatum,
                               catalogus=catalogus)


def valideer_realisatie(bestanden: list[Realisatiebestand], bev: Bevindingen, *, portefeuille, peildatum: dt.date,
                        catalogus: pd.DataFrame | None = None) -> Realisatie:
    """The realisation files as read (:func:`verduurzaming.io.realisatie.lees_realisatiebestanden`) matched to the
    portfolio: every row ends in the result or in the findings."""
    r = Realisatie()
    cdelen, wdelen, plannen, bronnen = [], [], [], []
    for b in bestanden:
        r.bestanden.append(b.pad.name)
        if b.soort == "planning":
            c, plan = _planning(b.tabel, bev, portefeuille, peildatum, catalogus)
            cdelen.append(c)
            if plan is not None:
                plannen.append(plan)
                bronnen.append(planbron(b.pad))
        elif b.soort == "ep-online":
            wdelen.append(_ep_online(b.pad, b.tabel, bev, portefeuille, peildatum))
        else:
            wdelen.append(_vhe(b.tabel, bev, portefeuille, peildatum))
    if cdelen:
        c = pd.concat(cdelen, ignore_index=True)
        dubbel = c.duplicated(["corporatie", "complex_id"], keep="last")
        for row in c[dubbel].itertuples():
            bev.voeg_toe(row.bestand, row.rij, "complex_id", row.complex_id,
                         "complex staat meer dan eens in de realisatie: de laatste rij telt", ACTIE_WAARDE_GENEGEERD,
                         sleutel=row.complex_id)
        r.complexen = c[~dubbel].reset_index(drop=True)
    if wdelen:
        w = pd.concat(wdelen, ignore_index=True).sort_values("label_registratiedatum", kind="stable")
        r.woningen = w.drop_duplicates(["corporatie", "vhe_id"], keep="last").reset_index(drop=True)
    if plannen:  # the plan as handed out: a complex in two files, the last file's works
        p = pd.concat(plannen, ignore_index=True)
        r.plan = UitgegevenPlan(p.drop_duplicates(["corporatie", "complex_id"], keep="last").reset_index(drop=True),
                                " en ".join(bronnen))
    return r


# ---------------------------------------------------------------- Planning sheet

def _planning(ruw: RuweTabel, bev: Bevindingen, portefeuille, peildatum: dt.date,
              catalogus: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Rows of a filled-in Planning sheet matched to the plan's complexes (conflicts are findings), and the plan
    the sheet hands out (its planned columns per complex; None when it has no ``pakket`` and ``jaar``)."""
    naam = ruw.bestand
    mapping = hernoem(list(ruw.data.columns), REALISATIE_NAMEN, None, bestand=naam)
    if "complex_id" not in mapping.values():
        raise InvoerFout("realisatie: kolom complex_id ontbreekt (verwacht de kop van het blad Planning)",
                         bestand=naam)
    bron = {c: k for k, c in mapping.items()}
    d = ruw.data.rename(columns=mapping)
    n_in = len(d) + meld_overgeslagen(bev, ruw)
    bev.boek(naam, rijen_in=n_in, afgewezen=n_in - len(d))
    houd = verwijder_extra_kopregels_en_totalen(ruw, bev)
    rijen = ruw.rijnummers.reset_index(drop=True)
    d = d.reset_index(drop=True)
    houd = houd.reset_index(drop=True)

    def col(k):
        return tekst(d[k]) if k in d else pd.Series([""] * len(d), index=d.index)

    def meld(masker, kolom, probleem, actie, ernst=None):
        for i in np.flatnonzero((masker & houd).to_numpy()):
            bev.voeg_toe(naam, int(rijen.iloc[i]), bron.get(kolom, kolom), d[kolom].iloc[i] if kolom in d else None,
                         probleem, actie, ernst=ernst, sleutel=d["complex_id"].iloc[i])

    cid = col("complex_id")
    corp = col("corporatie")
    cx = portefeuille.complexen
    bekend = set(zip(cx["corporatie"].astype(str), cx["complex_id"].astype(str), strict=False))
    # a row without corporatie: the complex id alone, when only one corporation has it
    enig = cx.groupby(cx["complex_id"].astype(str))["corporatie"].agg(lambda s: s.iloc[0] if len(s) == 1 else None)
    leeg_corp = corp.eq("")
    corp = corp.where(~leeg_corp, cid.map(enig).fillna(""))
    sleutels = pd.Series(list(zip(corp, cid, strict=False)), index=d.index)
    onbekend = ~sleutels.map(lambda k: k in bekend) & cid.ne("")
    meld(onbekend, "complex_id", "complex onbekend in het plan (corporatie + complex_id): rij niet gebruikt",
         ACTIE_RIJ_AFGEWEZEN)
    meld(cid.eq(""), "complex_id", "geen complex_id: rij niet gebruikt", ACTIE_RIJ_AFGEWEZEN)
    houd &= ~onbekend & cid.ne("")

    jaar, fout = ontleed_jaar(col("gerealiseerd_jaar"), 2000, 2100)
    meld(fout, "gerealiseerd_jaar", "geen jaartal: genegeerd", ACTIE_WAARDE_GENEGEERD)
    toekomst = jaar.notna() & (jaar > peildatum.year)
    meld(toekomst.fillna(False), "gerealiseerd_jaar",
         f"gerealiseerd jaar ligt na de peildatum {peildatum:%d-%m-%Y}: (nog) niet als gerealiseerd geteld",
         ACTIE_WAARDE_GENEGEERD)
    jaar = jaar.where(~toekomst.fillna(False))
    pvj, fout = ontleed_jaar(col("pv_gerealiseerd_jaar"), 2000, 2100)
    meld(fout, "pv_gerealiseerd_jaar", "geen jaartal: genegeerd", ACTIE_WAARDE_GENEGEERD)
    pv_toekomst = (pvj.notna() & (pvj > peildatum.year)).fillna(False)
    meld(pv_toekomst, "pv_gerealiseerd_jaar", f"PV-jaar ligt na de peildatum {peildatum:%d-%m-%Y}: niet geteld",
         ACTIE_WAARDE_GENEGEERD)
    pvj = pvj.where(~pv_toekomst)

    lab_t = col("nieuw_label")
    lab = lab_t.map(lambda x: L.normaliseer_label(x) if x else None)
    meld(lab.isna() & lab_t.ne(""), "nieuw_label", "geen energielabel (A++++ .. G): genegeerd", ACTIE_WAARDE_GENEGEERD)
    slechtste = dict(zip(zip(cx["corporatie"].astype(str), cx["complex_id"].astype(str), strict=False),
                         cx["slechtste_label"].astype(object), strict=False))
    nu = sleutels.map(slechtste)
    rang_nu = nu.map(lambda x: L.RANG.get(x, np.nan) if isinstance(x, str) else np.nan).astype(float)
    rang_na = lab.map(lambda x: L.RANG.get(x, np.nan) if isinstance(x, str) else np.nan).astype(float)
    slechter = (rang_na > rang_nu).fillna(False)
    for i in np.flatnonzero((slechter & houd).to_numpy()):
        bev.voeg_toe(naam, int(rijen.iloc[i]), bron.get("nieuw_label", "nieuw_label"), lab.iloc[i],
                     f"label verslechterd: nieuw label {lab.iloc[i]} is slechter dan het slechtste label nu "
                     f"({nu.iloc[i]}); het complexlabel is genegeerd (registreer het per woning als het klopt)",
                     ACTIE_WAARDE_GENEGEERD, sleutel=cid.iloc[i])
    lab = lab.where(~slechter)
    # a label registered without a year: realised, year unknown -> the peildatum's year
    zonder_jaar = lab.notna() & jaar.isna() & ~toekomst.fillna(False) & col("gerealiseerd_jaar").eq("")
    meld(zonder_jaar, "gerealiseerd_jaar", f"nieuw label zonder gerealiseerd jaar: jaar {peildatum.year} aangenomen",
         ACTIE_GEMELD, ernst="info")
    jaar = jaar.where(~zonder_jaar, peildatum.year)

    pakket = col("gerealiseerd_pakket")
    if catalogus is not None and len(catalogus):
        ids = {str(p).lower(): str(p) for p in catalogus["pakket"]}
        ids.update({str(n).lower(): str(p) for p, n in zip(catalogus["pakket"], catalogus["naam"], strict=False)})
        herkend = pakket.str.lower().map(ids)
        meld(herkend.isna() & pakket.ne(""), "gerealiseerd_pakket",
             "pakket niet in de maatregelencatalogus: effect volgt uit nieuw_label of het geplande pakket",
             ACTIE_GEMELD)
        pakket = herkend.where(herkend.notna(), pakket)
    zonder = pakket.ne("") & jaar.isna() & col("gerealiseerd_jaar").eq("")
    meld(zonder, "gerealiseerd_pakket", "pakket ingevuld zonder gerealiseerd jaar: niet als gerealiseerd geteld",
         ACTIE_WAARDE_GENEGEERD)
    gj, _ = ontleed_jaar(col("jaar"), 2000, 2100)
    vgj, fout = ontleed_jaar(col("van_gas_gerealiseerd_jaar"), 2000, 2100)
    meld(fout, "van_gas_gerealiseerd_jaar", "geen jaartal: genegeerd", ACTIE_WAARDE_GENEGEERD)
    vg_toekomst = (vgj.notna() & (vgj > peildatum.year)).fillna(False)
    meld(vg_toekomst, "van_gas_gerealiseerd_jaar", f"jaar van het gas af ligt na de peildatum {peildatum:%d-%m-%Y}: "
         "niet geteld", ACTIE_WAARDE_GENEGEERD)
    vgj = vgj.where(~vg_toekomst)
    uit = pd.DataFrame({
        "corporatie": corp, "complex_id": cid, "gerealiseerd_jaar": jaar.astype("Int64"),
        "gerealiseerd_pakket": pakket.where(pakket.ne("") & jaar.notna(), None),
        "nieuw_label": lab.where(jaar.notna(), None), "pv_gerealiseerd_jaar": pvj.astype("Int64"),
        "van_gas_gerealiseerd_jaar": vgj.astype("Int64"),
        "gepland_pakket": col("pakket").where(col("pakket").ne(""), None), "gepland_jaar": gj,
        "bestand": naam, "rij": rijen.to_numpy(),
    })
    bev.boek(naam, gebruikt=int(houd.sum()), afgewezen=int((~houd).sum()))
    plan = None
    if {"pakket", "jaar"} <= set(d.columns):   # the plan as handed out, of the complexes matched
        plan = plan_per_complex(d.assign(corporatie=corp)[houd.to_numpy()], rijen[houd.to_numpy()], naam, bev)
    uit = uit[houd.to_numpy()]
    if "soort" in d:
        uit = _per_complex(uit, col("soort")[houd].str.lower(), naam, bev)
    return uit.reset_index(drop=True), plan


def _per_complex(uit: pd.DataFrame, soort: pd.Series, naam: str, bev: Bevindingen) -> pd.DataFrame:
    """A Planning sheet of one row per work (the ledger) to one row per complex: the renovation row gives the
    realised year, package and label (and the planned package and year), the PV row its year as the PV year,
    the 'van het gas af' row its year as the year the complex went off gas; a realisation filled in on another
    kind of work (survey, demolition) is not processed yet and says so."""
    soort = soort.to_numpy()
    ren = np.isin(soort, list(RENOVATIE_SOORTEN))
    pv = np.isin(soort, list(PV_SOORTEN))
    gas = np.isin(soort, list(VAN_GAS_SOORTEN))
    uit = uit.copy()
    for kolom, rij in (("pv_gerealiseerd_jaar", pv), ("van_gas_gerealiseerd_jaar", gas)):
        uit[kolom] = uit[kolom].where(~rij | uit[kolom].notna(), uit["gerealiseerd_jaar"])
    anders = ~ren & uit["gerealiseerd_jaar"].notna().to_numpy()
    for i in np.flatnonzero(anders & ~pv & ~gas):
        bev.voeg_toe(naam, int(uit["rij"].iloc[i]), "gerealiseerd_jaar", uit["gerealiseerd_jaar"].iloc[i],
                     f"realisatie van '{soort[i]}' wordt nog niet verwerkt (alleen renovaties, van het gas af en "
                     "zonnepanelen): niet als gerealiseerd geteld", ACTIE_WAARDE_GENEGEERD,
                     sleutel=uit["complex_id"].iloc[i])
    for k in ("gerealiseerd_jaar", "gerealiseerd_pakket", "nieuw_label", "gepland_pakket", "gepland_jaar"):
        uit[k] = uit[k].where(ren, None) if k not in ("gerealiseerd_jaar", "gepland_jaar") else uit[k].where(ren)
    # the renovation row first: its file row stands for the complex; per column the first value given
    uit = uit.iloc[np.argsort(~ren, kind="stable")]
    return uit.groupby(["corporatie", "complex_id"], sort=False, as_index=False).first()


# ---------------------------------------------------------------- dwelling registrations

def _corp_sleutel(x: object) -> str:
    """A corporation name for comparing: trimmed, case and spacing folded."""
    return " ".join(str(x).split()).casefold() if isinstance(x, str) else ""


def _woning_sleutels(portefeuille) -> tuple[pd.DataFrame, dict, dict, dict]:
    w = portefeuille.woningen
    basis = pd.DataFrame({"vhe_id": w["vhe_id"].astype(str), "corporatie": w["corporatie"].astype(str),
                          "complex_id": w["complex_id"].astype(str)})
    op_vhe: dict[str, list[int]] = {}  # VHE numbers are per corporation: one number, possibly several dwellings
    for i, v in enumerate(basis["vhe_id"]):
        op_vhe.setdefault(v, []).append(i)
    op_bag = {}
    if "bag_vbo_id" in w:
        op_bag = {str(v).lstrip("0"): i for i, v in enumerate(w["bag_vbo_id"]) if isinstance(v, str) and v.strip()}
    op_adres = {}
    if {"postcode", "huisnummer"} <= set(w.columns):
        pc, _ = normaliseer_postcode(w["postcode"])
        hn = pd.to_numeric(w["huisnummer"], errors="coerce")
        toev = w["toevoeging"] if "toevoeging" in w else pd.Series("", index=w.index)
        sl = adres_sleutel(pc, hn, toev)
        dubbel = set(sl[sl.duplicated(keep=False)])  # an address shared by two dwellings matches neither
        op_adres = {s: i for i, s in enumerate(sl) if isinstance(s, str) and not s.startswith("|") and s not in dubbel}
    return basis, op_vhe, op_bag, op_adres


def _koppel(bev, naam, rijen, vhe, bag, adres, portefeuille, corp=None, houd=None) -> tuple[np.ndarray, list[str]]:
    """Per row the portfolio dwelling it belongs to (-1: none) and the key used.

    A VHE number is matched within the row's corporation; without a corporation only when one
    dwelling in the portfolio has that number. BAG id and address are unique nationally. A row
    that names a corporation is never matched to a dwelling of another corporation: that is a
    finding and the row is not used, as is a VHE number that several corporations use when the
    row names none (and no BAG id or address settles it).
    """
    basis, op_vhe, op_bag, op_adres = _woning_sleutels(portefeuille)
    corp_w = [_corp_sleutel(c) for c in basis["corporatie"]]
    corp = [""] * len(rijen) if corp is None else list(corp)
    houd = np.ones(len(rijen), bool) if houd is None else houd
    idx = np.full(len(rijen), -1)
    hoe = [""] * len(rijen)
    for k in range(len(rijen)):
        ck = _corp_sleutel(corp[k])
        reden = None
        if vhe[k] and vhe[k] in op_vhe:
            kand = op_vhe[vhe[k]]
            eigen = [i for i in kand if corp_w[i] == ck] if ck else kand
            if len(eigen) == 1:
                idx[k], hoe[k] = eigen[0], "vhe_id"
                continue
            andere = sorted({basis["corporatie"].iloc[i] for i in kand})
            if ck and not eigen:
                reden = (f"VHE-nummer {vhe[k]} hoort in de portefeuille bij {', '.join(andere)}, de rij noemt "
                         f"corporatie {corp[k]}: niet gekoppeld (een label gaat nooit naar een andere corporatie)")
            else:
                reden = (f"VHE-nummer {vhe[k]} komt voor bij meer corporaties ({', '.join(andere)}) en de rij noemt "
                         "geen corporatie: niet gekoppeld (vul de kolom corporatie of een BAG-id in)")
        for soort, sleutel, tabel in (("bag_id", bag[k], op_bag), ("adres", adres[k], op_adres)):
            if sleutel and sleutel in tabel:
                i = tabel[sleutel]
                if ck and corp_w[i] != ck:
                    reden = (f"{'BAG-id' if soort == 'bag_id' else 'adres'} {sleutel.strip('|')} hoort in de "
                             f"portefeuille bij corporatie {basis['corporatie'].iloc[i]}, de rij noemt {corp[k]}: "
                             "niet gekoppeld (een label gaat nooit naar een andere corporatie)")
                    break
                idx[k], hoe[k], reden = i, soort, None
                break
        if reden and houd[k]:
            bev.voeg_toe(naam, int(rijen[k]), "corporatie" if ck else "vhe_id", corp[k] or vhe[k], reden,
                         ACTIE_RIJ_AFGEWEZEN, sleutel=vhe[k] or None)
            idx[k] = -2  # refused: a finding was given, not 'niet gevonden'
    return idx, hoe


def _woningrijen(naam, rijen, idx, hoe, lab, ep2, datum, portefeuille, bev, houd) -> pd.DataFrame:
    w = portefeuille.woningen
    geen = (idx == -1) & houd
    for k in np.flatnonzero(geen):
        bev.voeg_toe(naam, int(rijen[k]), None, None,
                     "woning niet gevonden in de portefeuille (VHE-id, BAG-id en adres): rij niet gebruikt",
                     ACTIE_RIJ_AFGEWEZEN)
    ok = houd & (idx >= 0)
    j = idx[ok]
    oud_datum = pd.to_datetime(w["label_registratiedatum"], errors="coerce").to_numpy()[j] \
        if "label_registratiedatum" in w else np.full(len(j), np.datetime64("NaT"))
    oud_lab = w["energielabel"].astype(object).to_numpy()[j]
    uit = pd.DataFrame({
        "vhe_id": w["vhe_id"].astype(str).to_numpy()[j], "corporatie": w["corporatie"].astype(str).to_numpy()[j],
        "complex_id": w["complex_id"].astype(str).to_numpy()[j], "energielabel": np.asarray(lab, dtype=object)[ok],
        "ep2_kwh_m2": np.asarray(ep2, dtype=float)[ok], "label_registratiedatum": pd.to_datetime(np.asarray(datum)[ok]),
        "bestand": naam, "rij": np.asarray(rijen)[ok], "gekoppeld_op": np.asarray(hoe, dtype=object)[ok],
    })
    nieuwer = ~(uit["label_registratiedatum"].to_numpy() <= oud_datum)  # NaT old: newer
    for k in np.flatnonzero(~nieuwer):
        bev.voeg_toe(naam, int(uit["rij"].iloc[k]), "label_registratiedatum", uit["label_registratiedatum"].iloc[k],
                     "registratie niet nieuwer dan het label in de portefeuille: niets veranderd", ACTIE_GEMELD,
                     ernst="info", sleutel=uit["vhe_id"].iloc[k])
    rang_oud = pd.Series(oud_lab).map(L.RANG).to_numpy(dtype=float)
    rang_new = uit["energielabel"].map(L.RANG).to_numpy(dtype=float)
    for k in np.flatnonzero(nieuwer & (rang_new > rang_oud)):
        bev.voeg_toe(naam, int(uit["rij"].iloc[k]), "energielabel", uit["energielabel"].iloc[k],
                     f"label verslechterd van {oud_lab[k]} naar {uit['energielabel'].iloc[k]}: de nieuwe registratie "
                     f"is het geldige label en telt", ACTIE_GEMELD, sleutel=uit["vhe_id"].iloc[k])
    return uit[nieuwer].reset_index(drop=True)


def _ep_online(pad: Path, ruw: RuweTabel, bev: Bevindingen, portefeuille, peildatum: dt.date) -> pd.DataFrame:
    """New labels of an EP-online export matched to the portfolio's dwellings on BAG id or address."""
    ep = valideer_ep_online(ruw, bev, peildatum=peildatum)
    n = len(ep)
    bag = [str(b).lstrip("0") if isinstance(b, str) and b else "" for b in ep["bag_vbo_id"]]
    idx, hoe = _koppel(bev, pad.name, ep["ep_bron_rij"].to_numpy(), [""] * n, bag, list(ep["sleutel"]), portefeuille)
    return _woningrijen(pad.name, ep["ep_bron_rij"].to_numpy(), idx, hoe, ep["energielabel"].to_numpy(),
                        ep["ep2_kwh_m2"].to_numpy(), ep["label_registratiedatum"].to_numpy(), portefeuille, bev,
                        np.ones(n, bool))


def _vhe(ruw: RuweTabel, bev: Bevindingen, portefeuille, peildatum: dt.date) -> pd.DataFrame:
    """New registered labels of a corporation export matched to the portfolio's dwellings."""
    naam = ruw.bestand
    mapping = hernoem(list(ruw.data.columns), VHE_REALISATIE_NAMEN, None, bestand=naam)
    aanwezig = set(mapping.values())
    if not ({"energielabel", "ep2_kwh_m2"} & aanwezig) or not ({"vhe_id", "bag_vbo_id"} & aanwezig
                                                               or {"postcode", "huisnummer"} <= aanwezig):
        raise InvoerFout("realisatie: niet herkend als Planning-blad (gerealiseerd_jaar, nieuw_label), "
                         "corporatie-export (VHE-id/BAG-id/adres met energielabel) of EP-online-export. Gevonden "
                         f"kolommen: {', '.join(list(ruw.data.columns)[:20])}", bestand=naam)
    d = ruw.data.rename(columns=mapping).reset_index(drop=True)
    n_in = len(d) + meld_overgeslagen(bev, ruw)
    bev.boek(naam, rijen_in=n_in, afgewezen=n_in - len(d))
    houd = verwijder_extra_kopregels_en_totalen(ruw, bev).reset_index(drop=True).to_numpy()
    rijen = ruw.rijnummers.to_numpy()
    leeg = pd.Series([""] * len(d))
    vhe = (tekst(d["vhe_id"]) if "vhe_id" in d else leeg).tolist()
    bag = [b.lstrip("0") for b in (tekst(d["bag_vbo_id"]) if "bag_vbo_id" in d else leeg)]
    if {"postcode", "huisnummer"} <= set(d.columns):
        pc, _ = normaliseer_postcode(d["postcode"])
        hn, _ = ontleed_getal(d["huisnummer"], ".")
        adres = adres_sleutel(pc, hn, d["toevoeging"] if "toevoeging" in d else leeg).tolist()
    else:
        adres = [""] * len(d)
    lab = tekst(d["energielabel"]).map(lambda x: L.normaliseer_label(x) if x else None) if "energielabel" in d \
        else pd.Series([None] * len(d))
    ep2 = ontleed_getal(d["ep2_kwh_m2"], ruw.decimaal)[0] if "ep2_kwh_m2" in d else pd.Series(np.nan, index=d.index)
    lab = lab.where(lab.notna(), pd.Series(L.label_uit_ep2(ep2.to_numpy()), index=d.index))
    if "label_registratiedatum" in d:
        datum, _ = ontleed_datum(d["label_registratiedatum"])
    else:
        datum = pd.Series(pd.Timestamp(peildatum), index=d.index)
    for k in np.flatnonzero(houd & lab.isna().to_numpy()):
        bev.voeg_toe(naam, int(rijen[k]), "energielabel", None, "geen bruikbaar label of EP2: rij niet gebruikt",
                     ACTIE_RIJ_AFGEWEZEN)
    toekomst = (datum > pd.Timestamp(peildatum)).to_numpy()
    for k in np.flatnonzero(houd & toekomst):
        bev.voeg_toe(naam, int(rijen[k]), "label_registratiedatum", datum.iloc[k],
                     f"registratie na de peildatum {peildatum:%d-%m-%Y}: nog niet geldig", ACTIE_RIJ_AFGEWEZEN)
    geen_datum = datum.isna().to_numpy()
    for k in np.flatnonzero(houd & geen_datum & lab.notna().to_numpy()):
        bev.voeg_toe(naam, int(rijen[k]), "label_registratiedatum", None, "registratiedatum ontbreekt: rij niet gebruikt",
                     ACTIE_RIJ_AFGEWEZEN)
    houd = houd & lab.notna().to_numpy() & ~toekomst & ~geen_datum
    corp = (tekst(d["corporatie"]) if "corporatie" in d else leeg).tolist()
    idx, hoe = _koppel(bev, naam, rijen, vhe, bag, adres, portefeuille, corp, houd)
    uit = _woningrijen(naam, rijen, idx, hoe, lab.to_numpy(), ep2.to_numpy(), datum.to_numpy(), portefeuille, bev, houd)
    bev.boek(naam, gebruikt=int((houd & (idx >= 0)).sum()), afgewezen=int((~(houd & (idx >= 0))).sum()))
    return uit


# ---------------------------------------------------------------- plausibility

_CONTROLE = dict(zip(lees("realisatie_controle.csv")["sleutel"], lees("realisatie_controle.csv")["waarde"], strict=False))
MARGE_LABELSTAPPEN = int(_CONTROLE["marge_labelstappen"])


def _beste_rang(ep2: np.ndarray, woningen: pd.DataFrame, rij: pd.Series) -> int:
    """Best (lowest) label rank the package reaches from these dwellings' start state (the planner's result model)."""
    from ..planning.opties import na_pakket
    rij = rij.copy()
    rij.name = str(rij["pakket"])
    na = na_pakket(woningen, ep2, rij)["ep2_na"]
    return int(min(L.RANG[x] for x in L.label_uit_ep2(na) if x is not None))


def _startsituatie(portefeuille) -> dict[tuple[str, str], tuple[np.ndarray, pd.DataFrame, str]]:
    """Per (corporatie, complex_id): start EP2 of its dwellings, the dwelling rows, worst label."""
    w = portefeuille.woningen
    ep2 = pd.to_numeric(w["ep2_kwh_m2"], errors="coerce").to_numpy(dtype=float)
    typisch = w["energielabel"].map(L.EP2_TYPISCH_KWH_M2).to_numpy(dtype=float)
    ep2 = np.where(np.isfinite(ep2), ep2, typisch)
    sleutel = pd.Series(list(zip(w["corporatie"].astype(str), w["complex_id"].astype(str), strict=False)))
    uit = {}
    for k, idx in sleutel.groupby(sleutel).groups.items():
        i = np.asarray(list(idx))
        e = ep2[i]
        ok = np.isfinite(e)
        if not ok.any():
            continue
        slechtste = L.LABELS[int(max(L.RANG.get(x, 0) for x in w["energielabel"].to_numpy()[i] if isinstance(x, str)))] \
            if any(isinstance(x, str) for x in w["energielabel"].to_numpy()[i]) else "?"
        uit[k] = (e[ok], w.iloc[i[ok]], slechtste)
    return uit


_JAAR_NAAM = {"gerealiseerd_jaar": "gerealiseerd jaar", "pv_gerealiseerd_jaar": "PV-jaar",
              "van_gas_gerealiseerd_jaar": "jaar van het gas af"}


def toets_realisatie(realisatie, bev: Bevindingen, *, portefeuille, catalogus: pd.DataFrame, startjaar: int,
                     peildatum: dt.date, plan=None):
    """A copy of ``realisatie`` with implausible values removed, each removal a finding.

    ``catalogus``: the renovation packages (column ``pakket``); ``startjaar``: the plan's first
    year; ``plan``: the plan as agreed (its packages are the fallback when a row names none).
    Complex rows get a column ``controle`` (text or None) naming what is to be checked.
    """
    r = copy.copy(realisatie)
    c = realisatie.complexen.copy().reset_index(drop=True)
    if "controle" not in c:
        c["controle"] = None
    c["controle"] = c["controle"].astype(object)
    cat = {str(p): catalogus.iloc[i] for i, p in enumerate(catalogus["pakket"])} if len(catalogus) else {}
    gepland = {}
    if plan is not None and len(plan.complexen):
        pc = plan.complexen
        gepland = dict(zip(zip(pc["corporatie"].astype(str), pc["complex_id"].astype(str), strict=False), pc["pakket"], strict=False))
    start = _startsituatie(portefeuille) if len(c) else {}

    for i, row in c.iterrows():
        k = (str(row["corporatie"]), str(row["complex_id"]))
        for kol in ("gerealiseerd_jaar", "pv_gerealiseerd_jaar", "van_gas_gerealiseerd_jaar"):
            j = row.get(kol)
            if j is None or pd.isna(j):
                continue
            if int(j) < startjaar:
                bev.voeg_toe(row["bestand"], int(row["rij"]), kol, int(j),
                             f"{_JAAR_NAAM[kol]} {int(j)} ligt voor "
                             f"de start van het plan ({startjaar}): niet als gerealiseerd geteld (hoort bij de "
                             "uitgangssituatie, of het jaartal klopt niet)", ACTIE_WAARDE_GENEGEERD,
                             sleutel=row["complex_id"])
            elif int(j) > peildatum.year:
                bev.voeg_toe(row["bestand"], int(row["rij"]), kol, int(j),
                             f"{_JAAR_NAAM[kol]} {int(j)} ligt na de "
                             f"peildatum {peildatum:%d-%m-%Y}: (nog) niet als gerealiseerd geteld",
                             ACTIE_WAARDE_GENEGEERD, sleutel=row["complex_id"])
            else:
                continue
            c.at[i, kol] = pd.NA
            if kol == "gerealiseerd_jaar":
                c.at[i, "gerealiseerd_pakket"] = None
                c.at[i, "nieuw_label"] = None

        lab = c.at[i, "nieuw_label"]
        if not isinstance(lab, str) or lab not in L.RANG or pd.isna(c.at[i, "gerealiseerd_jaar"]) or k not in start:
            continue
        ep2, rijen, slechtste = start[k]
        pk = c.at[i, "gerealiseerd_pakket"]
        bron = "gerealiseerde pakket"
        if not (isinstance(pk, str) and pk in cat):
            pk = gepland.get(k) if isinstance(gepland.get(k), str) else row.get("gepland_pakket")
            bron = "geplande pakket"
        if isinstance(pk, str) and pk in cat:
            beste = _beste_rang(ep2, rijen, cat[pk])
            met = f"het {bron} {pk}"
        elif cat:
            beste = min(_beste_rang(ep2, rijen, rij) for rij in cat.values())
            met = "geen enkel pakket uit de maatregelencatalogus"
        else:
            continue
        if L.RANG[lab] >= beste - MARGE_LABELSTAPPEN:
            continue
        bev.voeg_toe(row["bestand"], int(row["rij"]), "nieuw_label", lab,
                     f"nieuw label {lab} is niet aannemelijk: {met} haalt vanuit de startsituatie (slechtste label "
                     f"{slechtste}, EP2 {float(np.max(ep2)):.0f}) hooguit label {L.LABELS[beste]}; het label is "
                     "genegeerd, het effect van het pakket telt; controleer de oplevering en registreer het label "
                     "per woning", ACTIE_WAARDE_GENEGEERD, sleutel=row["complex_id"])
        c.at[i, "nieuw_label"] = None
        c.at[i, "controle"] = f"nieuw label {lab} niet haalbaar (hooguit {L.LABELS[beste]})"
    r.complexen = c

    w = realisatie.woningen
    if len(w) and "label_registratiedatum" in w:
        datum = pd.to_datetime(w["label_registratiedatum"], errors="coerce")
        for j in np.flatnonzero((datum.dt.year < startjaar).fillna(False).to_numpy()):
            bev.voeg_toe(w["bestand"].iloc[j], int(w["rij"].iloc[j]), "label_registratiedatum",
                         f"{datum.iloc[j]:%d-%m-%Y}",
                         f"registratie ligt voor de start van het plan ({startjaar}): het is het geldige label en "
                         "telt, maar het is geen resultaat van het plan", ACTIE_GEMELD,
                         sleutel=w["vhe_id"].iloc[j])
    return r
