"""Realised works in: the workbook's Planning sheet filled in, a newer corporation export, or an
EP-online export.

Three kinds of file, told apart by their header:

* **Planning sheet** (``verduurzamingsplan.xlsx``, sheet ``Planning``, or a CSV with the same
  header): one row per complex with ``gerealiseerd_jaar``, ``gerealiseerd_pakket``,
  ``nieuw_label`` (and optionally ``pv_gerealiseerd_jaar``) filled in by the user.
* **Corporation export** (VHE rows with a label and registration date): new registered labels per
  dwelling, matched on (corporatie, VHE id), else BAG verblijfsobject id, else postcode +
  huisnummer + toevoeging. A VHE number without a corporation matches only when one dwelling has
  it; a row is never matched to a dwelling of another corporation than it names (finding, row
  not used).
* **EP-online export** (RVO layout): new labels per address, matched on BAG id or address.

Conflicts are findings, never crashes: a complex unknown to the plan (row rejected), a realised
year after the peildatum (value ignored), a label worse than now (complex rows: ignored; a
dwelling registration: it is the valid label, so it counts, with a warning), an unknown package.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import labels as L
from .. import planningblad
from .._errors import InvoerFout
from ..findings import ACTIE_GEMELD, ACTIE_RIJ_AFGEWEZEN, ACTIE_WAARDE_GENEGEERD, Bevindingen
from ..waarden import adres_sleutel, normaliseer_postcode, parse_datum, parse_getal, parse_jaar, tekst
from .boekhouding import meld_overgeslagen, verwijder_extra_kopregels_en_totalen
from .eponline import lees_ep_online
from .kolommen import EP_ONLINE_NAMEN, VHE_NAMEN, _map, hernoem, normaliseer, score_functie
from .tabel import lees_tabel

#: Planning-sheet columns this reader uses (the rest of the stable header is ignored)
REALISATIE_NAMEN = _map({
    "corporatie": ["woningcorporatie", "organisatie"],
    "complex_id": ["complex", "complexnummer", "complexnr", "complexcode"],
    "pakket": ["gepland pakket"],
    "jaar": ["gepland jaar", "planjaar"],
    "gerealiseerd_jaar": ["jaar gerealiseerd", "realisatiejaar", "opgeleverd", "opleverjaar", "uitgevoerd in"],
    "gerealiseerd_pakket": ["pakket gerealiseerd", "uitgevoerd pakket", "uitgevoerde maatregel"],
    "nieuw_label": ["nieuw energielabel", "label na", "nieuwe label", "label na oplevering"],
    "pv_gerealiseerd_jaar": ["pv gerealiseerd", "zonnepanelen geplaatst", "pv geplaatst in"],
})

COMPLEX_KOLOMMEN = ["corporatie", "complex_id", "gerealiseerd_jaar", "gerealiseerd_pakket", "nieuw_label",
                    "pv_gerealiseerd_jaar", "gepland_pakket", "gepland_jaar", "bestand", "rij"]
WONING_KOLOMMEN = ["vhe_id", "corporatie", "complex_id", "energielabel", "ep2_kwh_m2", "label_registratiedatum",
                   "bestand", "rij", "gekoppeld_op"]


@dataclass
class Realisatie:
    """What was done by the peildatum: per complex (works) and per dwelling (new registered labels)."""

    complexen: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COMPLEX_KOLOMMEN))
    woningen: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=WONING_KOLOMMEN))
    bestanden: list[str] = field(default_factory=list)

    @property
    def leeg(self) -> bool:
        return len(self.complexen) == 0 and len(self.woningen) == 0


def _soort(pad: Path) -> str:
    """'planning', 'ep-online' or 'vhe' from the header (reads the file once more; files are small)."""
    ruw = lees_tabel(pad, score_functie({**REALISATIE_NAMEN, **EP_ONLINE_NAMEN, **VHE_NAMEN}),
                     blad="Planning" if pad.suffix.lower() in (".xlsx", ".xlsm") and _heeft_blad(pad, "Planning")
                     else None)
    kop = {normaliseer(c) for c in ruw.data.columns}
    if kop & {"gerealiseerdjaar", "nieuwlabel", "gerealiseerdpakket"}:
        return "planning"
    if any(k.startswith("pand") for k in kop):
        return "ep-online"
    return "vhe"


def _heeft_blad(pad: Path, blad: str) -> bool:
    try:
        from openpyxl import load_workbook
        wb = load_workbook(pad, read_only=True)
        try:
            return blad in wb.sheetnames
        finally:
            wb.close()
    except Exception:  # noqa: BLE001 - lees_tabel gives the real message
        return False


def lees_realisatie(paden: list[str | Path], bev: Bevindingen, *, portfolio, peildatum: dt.date,
                    catalogus: pd.DataFrame | None = None) -> Realisatie:
    """Read every realisation file; every row ends in the result or in the findings."""
    r = Realisatie()
    cdelen, wdelen = [], []
    for pad in paden:
        pad = Path(pad)
        soort = _soort(pad)
        r.bestanden.append(pad.name)
        if soort == "planning":
            cdelen.append(_lees_planning(pad, bev, portfolio, peildatum, catalogus))
        elif soort == "ep-online":
            wdelen.append(_lees_ep(pad, bev, portfolio, peildatum))
        else:
            wdelen.append(_lees_vhe(pad, bev, portfolio, peildatum))
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
    return r


# ---------------------------------------------------------------- Planning sheet

def _zonder_weergavekop(ruw):
    """The workbook's Planning sheet has the machine names in a hidden row 1 (the header found)
    and the Dutch headers in row 2: that row is a header, not a complex, and is dropped here."""
    if len(ruw.data) and planningblad.is_weergavekop(
            {str(k).strip(): v for k, v in ruw.data.iloc[0].items()}):
        ruw.data = ruw.data.iloc[1:]
        ruw.rijnummers = ruw.rijnummers.iloc[1:]
    return ruw


def _lees_planning(pad: Path, bev: Bevindingen, portfolio, peildatum: dt.date,
                   catalogus: pd.DataFrame | None) -> pd.DataFrame:
    blad = "Planning" if pad.suffix.lower() in (".xlsx", ".xlsm") and _heeft_blad(pad, "Planning") else None
    ruw = _zonder_weergavekop(lees_tabel(pad, score_functie(REALISATIE_NAMEN), blad=blad))
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
    cx = portfolio.complexen
    bekend = set(zip(cx["corporatie"].astype(str), cx["complex_id"].astype(str)))
    # a row without corporatie: the complex id alone, when only one corporation has it
    enig = cx.groupby(cx["complex_id"].astype(str))["corporatie"].agg(lambda s: s.iloc[0] if len(s) == 1 else None)
    leeg_corp = corp.eq("")
    corp = corp.where(~leeg_corp, cid.map(enig).fillna(""))
    sleutels = pd.Series(list(zip(corp, cid)), index=d.index)
    onbekend = ~sleutels.map(lambda k: k in bekend) & cid.ne("")
    meld(onbekend, "complex_id", "complex onbekend in het plan (corporatie + complex_id): rij niet gebruikt",
         ACTIE_RIJ_AFGEWEZEN)
    meld(cid.eq(""), "complex_id", "geen complex_id: rij niet gebruikt", ACTIE_RIJ_AFGEWEZEN)
    houd &= ~onbekend & cid.ne("")

    jaar, fout = parse_jaar(col("gerealiseerd_jaar"), 2000, 2100)
    meld(fout, "gerealiseerd_jaar", "geen jaartal: genegeerd", ACTIE_WAARDE_GENEGEERD)
    toekomst = jaar.notna() & (jaar > peildatum.year)
    meld(toekomst.fillna(False), "gerealiseerd_jaar",
         f"gerealiseerd jaar ligt na de peildatum {peildatum:%d-%m-%Y}: (nog) niet als gerealiseerd geteld",
         ACTIE_WAARDE_GENEGEERD)
    jaar = jaar.where(~toekomst.fillna(False))
    pvj, fout = parse_jaar(col("pv_gerealiseerd_jaar"), 2000, 2100)
    meld(fout, "pv_gerealiseerd_jaar", "geen jaartal: genegeerd", ACTIE_WAARDE_GENEGEERD)
    pv_toekomst = (pvj.notna() & (pvj > peildatum.year)).fillna(False)
    meld(pv_toekomst, "pv_gerealiseerd_jaar", f"PV-jaar ligt na de peildatum {peildatum:%d-%m-%Y}: niet geteld",
         ACTIE_WAARDE_GENEGEERD)
    pvj = pvj.where(~pv_toekomst)

    lab_t = col("nieuw_label")
    lab = lab_t.map(lambda x: L.normaliseer_label(x) if x else None)
    meld(lab.isna() & lab_t.ne(""), "nieuw_label", "geen energielabel (A++++ .. G): genegeerd", ACTIE_WAARDE_GENEGEERD)
    slechtste = dict(zip(zip(cx["corporatie"].astype(str), cx["complex_id"].astype(str)),
                         cx["slechtste_label"].astype(object)))
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
        ids.update({str(n).lower(): str(p) for p, n in zip(catalogus["pakket"], catalogus["naam"])})
        herkend = pakket.str.lower().map(ids)
        meld(herkend.isna() & pakket.ne(""), "gerealiseerd_pakket",
             "pakket niet in de maatregelencatalogus: effect volgt uit nieuw_label of het geplande pakket",
             ACTIE_GEMELD)
        pakket = herkend.where(herkend.notna(), pakket)
    zonder = pakket.ne("") & jaar.isna() & col("gerealiseerd_jaar").eq("")
    meld(zonder, "gerealiseerd_pakket", "pakket ingevuld zonder gerealiseerd jaar: niet als gerealiseerd geteld",
         ACTIE_WAARDE_GENEGEERD)
    gj, _ = parse_jaar(col("jaar"), 2000, 2100)
    uit = pd.DataFrame({
        "corporatie": corp, "complex_id": cid, "gerealiseerd_jaar": jaar.astype("Int64"),
        "gerealiseerd_pakket": pakket.where(pakket.ne("") & jaar.notna(), None),
        "nieuw_label": lab.where(jaar.notna(), None), "pv_gerealiseerd_jaar": pvj.astype("Int64"),
        "gepland_pakket": col("pakket").where(col("pakket").ne(""), None), "gepland_jaar": gj,
        "bestand": naam, "rij": rijen.to_numpy(),
    })
    bev.boek(naam, gebruikt=int(houd.sum()), afgewezen=int((~houd).sum()))
    return uit[houd.to_numpy()].reset_index(drop=True)


# ---------------------------------------------------------------- dwelling registrations

def _corp_sleutel(x: object) -> str:
    """A corporation name for comparing: trimmed, case and spacing folded."""
    return " ".join(str(x).split()).casefold() if isinstance(x, str) else ""


def _woning_sleutels(portfolio) -> tuple[pd.DataFrame, dict, dict, dict]:
    w = portfolio.woningen
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


def _koppel(bev, naam, rijen, vhe, bag, adres, portfolio, corp=None, houd=None) -> tuple[np.ndarray, list[str]]:
    """Per row the portfolio dwelling it belongs to (-1: none) and the key used.

    A VHE number is matched within the row's corporation; without a corporation only when one
    dwelling in the portfolio has that number. BAG id and address are unique nationally. A row
    that names a corporation is never matched to a dwelling of another corporation: that is a
    finding and the row is not used, as is a VHE number that several corporations use when the
    row names none (and no BAG id or address settles it).
    """
    basis, op_vhe, op_bag, op_adres = _woning_sleutels(portfolio)
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


def _woningrijen(naam, rijen, idx, hoe, lab, ep2, datum, portfolio, bev, houd) -> pd.DataFrame:
    w = portfolio.woningen
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


def _lees_ep(pad: Path, bev: Bevindingen, portfolio, peildatum: dt.date) -> pd.DataFrame:
    ep = lees_ep_online(pad, bev, peildatum=peildatum)
    n = len(ep)
    bag = [str(b).lstrip("0") if isinstance(b, str) and b else "" for b in ep["bag_vbo_id"]]
    idx, hoe = _koppel(bev, pad.name, ep["ep_bron_rij"].to_numpy(), [""] * n, bag, list(ep["sleutel"]), portfolio)
    return _woningrijen(pad.name, ep["ep_bron_rij"].to_numpy(), idx, hoe, ep["energielabel"].to_numpy(),
                        ep["ep2_kwh_m2"].to_numpy(), ep["label_registratiedatum"].to_numpy(), portfolio, bev,
                        np.ones(n, bool))


def _lees_vhe(pad: Path, bev: Bevindingen, portfolio, peildatum: dt.date) -> pd.DataFrame:
    namen = {**VHE_NAMEN, **_map({"bag_vbo_id": ["bag id", "bagid", "bag verblijfsobject", "verblijfsobjectid",
                                                 "bag vbo id", "adresseerbaar object"]})}
    ruw = lees_tabel(pad, score_functie(namen))
    naam = ruw.bestand
    mapping = hernoem(list(ruw.data.columns), namen, None, bestand=naam)
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
        hn, _ = parse_getal(d["huisnummer"], ".")
        adres = adres_sleutel(pc, hn, d["toevoeging"] if "toevoeging" in d else leeg).tolist()
    else:
        adres = [""] * len(d)
    lab = tekst(d["energielabel"]).map(lambda x: L.normaliseer_label(x) if x else None) if "energielabel" in d \
        else pd.Series([None] * len(d))
    ep2 = parse_getal(d["ep2_kwh_m2"], ruw.decimaal)[0] if "ep2_kwh_m2" in d else pd.Series(np.nan, index=d.index)
    lab = lab.where(lab.notna(), pd.Series(L.label_uit_ep2(ep2.to_numpy()), index=d.index))
    if "label_registratiedatum" in d:
        datum, _ = parse_datum(d["label_registratiedatum"])
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
    idx, hoe = _koppel(bev, naam, rijen, vhe, bag, adres, portfolio, corp, houd)
    uit = _woningrijen(naam, rijen, idx, hoe, lab.to_numpy(), ep2.to_numpy(), datum.to_numpy(), portfolio, bev, houd)
    bev.boek(naam, gebruikt=int((houd & (idx >= 0)).sum()), afgewezen=int((~(houd & (idx >= 0))).sum()))
    return uit


# ---------------------------------------------------------------- the previous plan

VORIG_PLAN_NAMEN = _map({"corporatie": ["woningcorporatie"], "complex_id": ["complex", "complexnummer"],
                         "pakket": ["gepland pakket"], "jaar": ["gepland jaar", "planjaar", "renovatiejaar"]})


def lees_vorig_plan(pad: str | Path, bev: Bevindingen) -> pd.DataFrame:
    """The plan as handed out before: the workbook's Planning sheet or ``plan_complexen.csv``;
    columns ``corporatie, complex_id, pakket, jaar`` (one row per complex)."""
    pad = Path(pad)
    blad = "Planning" if pad.suffix.lower() in (".xlsx", ".xlsm") and _heeft_blad(pad, "Planning") else None
    ruw = _zonder_weergavekop(lees_tabel(pad, score_functie(VORIG_PLAN_NAMEN), blad=blad))
    mapping = hernoem(list(ruw.data.columns), VORIG_PLAN_NAMEN, None, bestand=ruw.bestand)
    if not {"corporatie", "complex_id", "pakket", "jaar"} <= set(mapping.values()):
        raise InvoerFout("vorig plan: verwacht de kolommen corporatie, complex_id, pakket en jaar (blad Planning "
                         "of plan_complexen.csv)", bestand=ruw.bestand)
    d = ruw.data.rename(columns=mapping)
    jaar, fout = parse_jaar(d["jaar"], 2000, 2100)
    for i in np.flatnonzero(fout.to_numpy()):
        bev.voeg_toe(ruw.bestand, int(ruw.rijnummers.iloc[i]), "jaar", d["jaar"].iloc[i], "geen jaartal: genegeerd",
                     ACTIE_WAARDE_GENEGEERD)
    pakket = tekst(d["pakket"])
    uit = pd.DataFrame({"corporatie": tekst(d["corporatie"]), "complex_id": tekst(d["complex_id"]),
                        "pakket": pakket.where(pakket.ne(""), None), "jaar": jaar})
    return uit[uit["complex_id"].ne("")].drop_duplicates(["corporatie", "complex_id"], keep="last").reset_index(drop=True)
