"""Validation of a corporation export: typed, canonical dwelling rows, and duplicates across files."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from .. import labels as lbl
from ..bevindingen import (
    ACTIE_GECORRIGEERD,
    ACTIE_GEMELD,
    ACTIE_RIJ_AFGEWEZEN,
    ACTIE_STANDAARD,
    ACTIE_WAARDE_GENEGEERD,
    Bevindingen,
)
from ..io.boekhouding import canoniek_en_geteld, meld_rijen
from ..io.kolommen import COMPLEX_KOLOMMEN, VHE_NAMEN
from ..io.tabel import RuweTabel
from ..tekst import arrow_kolom
from ..waarden import (
    LEGE_WAARDEN,
    leeg,
    normaliseer_postcode,
    normaliseer_toevoeging,
    normaliseer_woningtype,
    ontleed_datum,
    ontleed_getal,
    ontleed_jaar,
    tekst,
    zonder_punt_nul,
)

#: plausibility bounds; beyond them a value is ignored with a finding
EP2_MIN_KWH_M2, EP2_MAX_KWH_M2 = -150.0, 1500.0
GBO_MIN_M2, GBO_MAX_M2 = 10.0, 1500.0
BOUWJAAR_MIN = 1500
GAS_MAX_M3 = 15000.0


def valideer_vhe(ruw: RuweTabel, bev: Bevindingen, *, peildatum: dt.date,
                 extra_kolommen: dict[str, str] | None = None) -> pd.DataFrame:
    """Typed, canonical dwelling rows from a corporation export; bad rows go to the findings.

    Returns one row per accepted dwelling with ``bron_bestand`` and ``bron_rij``; the
    complex attributes found on the rows are kept (prefixed ``cx_``) for the complex table.
    """
    naam = ruw.bestand
    d, bron, houd = canoniek_en_geteld(ruw, VHE_NAMEN, extra_kolommen,
                                       ["vhe_id", "complex_id", ("energielabel", "ep2_kwh_m2", "energie_index")], bev)
    vhe = zonder_punt_nul(tekst(d["vhe_id"]))
    cid = zonder_punt_nul(tekst(d["complex_id"]))
    geen_vhe = houd & vhe.str.lower().isin(LEGE_WAARDEN)
    meld_rijen(bev, ruw, geen_vhe, "vhe_id", bron["vhe_id"], "VHE-nummer ontbreekt", ACTIE_RIJ_AFGEWEZEN)
    houd &= ~geen_vhe
    geen_cx = houd & cid.str.lower().isin(LEGE_WAARDEN)
    meld_rijen(bev, ruw, geen_cx, "complex_id", bron["complex_id"], "complexnummer ontbreekt", ACTIE_RIJ_AFGEWEZEN, vhe)
    houd &= ~geen_cx

    uit: dict[str, Any] = {}  # columns gathered first: inserting them one by one into a frame copies
    uit["vhe_id"], uit["complex_id"] = vhe, cid
    if "corporatie" in d:
        corp = tekst(d["corporatie"])
        geen = houd & (corp == "")
        corp = corp.where(~geen, ruw.bestand.rsplit(".", 1)[0])
        meld_rijen(bev, ruw, geen, "corporatie", bron["corporatie"], "corporatie leeg: bestandsnaam gebruikt",
              ACTIE_STANDAARD, vhe)
    else:
        corp = pd.Series(ruw.bestand.rsplit(".", 1)[0], index=d.index)
        bev.voeg_toe(naam, ruw.kopregel, "corporatie", None,
                     "geen kolom corporatie: de bestandsnaam is als corporatie gebruikt", ACTIE_STANDAARD, ernst="info")
    uit["corporatie"] = corp

    if "postcode" in d:
        pc, fout = normaliseer_postcode(d["postcode"])
        meld_rijen(bev, ruw, houd & fout, "postcode", bron["postcode"], "geen geldige postcode (1234AB)",
              ACTIE_WAARDE_GENEGEERD, vhe)
        uit["postcode"] = pc
    else:
        uit["postcode"] = None
    if "huisnummer" in d:
        hn, fout = ontleed_getal(d["huisnummer"], ".")
        fout |= hn.notna() & ((hn != np.floor(hn)) | (hn < 1) | (hn > 99999))
        meld_rijen(bev, ruw, houd & fout, "huisnummer", bron["huisnummer"], "geen geldig huisnummer",
              ACTIE_WAARDE_GENEGEERD, vhe)
        uit["huisnummer"] = hn.where(~fout).astype("Int64")
    else:
        uit["huisnummer"] = pd.Series(pd.NA, index=d.index, dtype="Int64")
    toev = tekst(d["toevoeging"]) if "toevoeging" in d else pd.Series("", index=d.index)
    if "huisletter" in d:
        toev = tekst(d["huisletter"]) + toev
    uit["toevoeging"] = normaliseer_toevoeging(toev)

    jaar_max = peildatum.year + 5
    if "bouwjaar" in d:
        bj, fout = ontleed_jaar(d["bouwjaar"], BOUWJAAR_MIN, jaar_max)
        meld_rijen(bev, ruw, houd & fout, "bouwjaar", bron["bouwjaar"],
              f"onmogelijk of onleesbaar bouwjaar (verwacht {BOUWJAAR_MIN}-{jaar_max})", ACTIE_WAARDE_GENEGEERD, vhe)
        meld_rijen(bev, ruw, houd & ~fout & leeg(d["bouwjaar"]) & ~tekst(d["bouwjaar"]).eq(""), "bouwjaar",
              bron["bouwjaar"], "bouwjaar onbekend", ACTIE_GEMELD, vhe, ernst="info")
        uit["bouwjaar"] = bj
    else:
        uit["bouwjaar"] = pd.Series(pd.NA, index=d.index, dtype="Int64")

    if "woningtype" in d:
        wt, fout = normaliseer_woningtype(d["woningtype"])
        meld_rijen(bev, ruw, houd & fout, "woningtype", bron["woningtype"],
              "onbekend woningtype: behandeld als meergezins", ACTIE_STANDAARD, vhe)
        uit["woningtype"] = wt.replace("onbekend", "meergezins")
    else:
        uit["woningtype"] = "meergezins"
        bev.voeg_toe(naam, ruw.kopregel, "woningtype", None, "geen kolom woningtype: alle woningen als meergezins",
                     ACTIE_STANDAARD, ernst="info")

    if "gbo_m2" in d:
        gbo, fout = ontleed_getal(d["gbo_m2"], ruw.decimaal)
        fout |= gbo.notna() & ~gbo.between(GBO_MIN_M2, GBO_MAX_M2)
        meld_rijen(bev, ruw, houd & fout, "gbo_m2", bron["gbo_m2"],
              f"gebruiksoppervlakte onleesbaar of buiten {GBO_MIN_M2:.0f}-{GBO_MAX_M2:.0f} m²", ACTIE_WAARDE_GENEGEERD, vhe)
        uit["gbo_m2"] = gbo.where(~fout)
    else:
        uit["gbo_m2"] = np.nan

    # label, EP2, Energie-Index: checked and reconciled into one class
    for k, v in _labelvelden(d, ruw, bev, bron, houd, vhe, peildatum).items():
        uit[k] = v

    if "gasverbruik_m3" in d:
        gas, fout = ontleed_getal(d["gasverbruik_m3"], ruw.decimaal)
        fout |= gas.notna() & ~gas.between(0, GAS_MAX_M3)
        meld_rijen(bev, ruw, houd & fout, "gasverbruik_m3", bron["gasverbruik_m3"],
              f"gasverbruik onleesbaar of buiten 0-{GAS_MAX_M3:.0f} m³", ACTIE_WAARDE_GENEGEERD, vhe)
        uit["gasverbruik_m3"] = gas.where(~fout)
    else:
        uit["gasverbruik_m3"] = np.nan

    # the dwelling's state as the export names it; verduurzaming.woning interprets it
    uit["woningtype_export"] = tekst(d["woningtype"]) if "woningtype" in d else ""
    uit["verwarming_export"] = tekst(d["verwarming"]) if "verwarming" in d else ""
    if "warmtebehoefte_kwh_m2" in d:
        q, fout = ontleed_getal(d["warmtebehoefte_kwh_m2"], ruw.decimaal)
        fout |= q.notna() & ~q.between(0, 1000)
        meld_rijen(bev, ruw, houd & fout, "warmtebehoefte_kwh_m2", bron["warmtebehoefte_kwh_m2"],
              "netto warmtebehoefte onleesbaar of buiten 0-1000 kWh/m²", ACTIE_WAARDE_GENEGEERD, vhe)
        uit["warmtebehoefte_kwh_m2"] = q.where(~fout)
    else:
        uit["warmtebehoefte_kwh_m2"] = np.nan

    for k in COMPLEX_KOLOMMEN:
        if k in d:
            uit["cx_" + k] = d[k]
    uit["bron_bestand"] = naam
    uit["bron_rij"] = ruw.rijnummers.to_numpy()
    tabel = pd.DataFrame(uit, index=d.index)[houd]
    bev.boek(naam, afgewezen=int((~houd).sum()))
    return tabel.reset_index(drop=True)


def _labelvelden(d: pd.DataFrame, ruw: RuweTabel, bev: Bevindingen, bron: dict[str, str], houd: pd.Series,
                 vhe: pd.Series, peildatum: dt.date) -> dict[str, pd.Series]:
    """The dwelling's label class from what the export gives (label, EP2, Energie-Index, registration date):
    each value checked, then the class reconciled (EP2 decides under NTA 8800, the Energie-Index for older
    labels), with a finding wherever the given label is overruled."""
    lab = _label_rang(d["energielabel"]) if "energielabel" in d else np.full(len(d), -1, dtype=np.int8)
    if "energielabel" in d:
        fout = (lab == lbl.ONBEKEND) & houd.to_numpy()
        meld_rijen(bev, ruw, pd.Series(fout, index=d.index), "energielabel", bron["energielabel"],
                   "onbekend energielabel (verwacht A++++ t/m G)", ACTIE_WAARDE_GENEGEERD, vhe)
    heeft_label = lab >= 0
    if "ep2_kwh_m2" in d:
        ep2, fout = ontleed_getal(d["ep2_kwh_m2"], ruw.decimaal)
        buiten = ep2.notna() & ~ep2.between(EP2_MIN_KWH_M2, EP2_MAX_KWH_M2)
        meld_rijen(bev, ruw, houd & fout, "ep2_kwh_m2", bron["ep2_kwh_m2"], "EP2 is geen getal", ACTIE_WAARDE_GENEGEERD, vhe)
        meld_rijen(bev, ruw, houd & buiten, "ep2_kwh_m2", bron["ep2_kwh_m2"],
              f"EP2 buiten het mogelijke bereik ({EP2_MIN_KWH_M2:.0f} tot {EP2_MAX_KWH_M2:.0f} kWh/m²)",
              ACTIE_WAARDE_GENEGEERD, vhe)
        ep2 = ep2.where(~buiten)
        nul = houd & ep2.eq(0) & (heeft_label & (lab != lbl.RANG["A++++"]))
        meld_rijen(bev, ruw, nul, "ep2_kwh_m2", bron["ep2_kwh_m2"], "EP2 van 0 bij een label dat geen A++++ is: "
              "vermoedelijk een lege waarde", ACTIE_WAARDE_GENEGEERD, vhe)
        ep2 = ep2.where(~nul)
    else:
        ep2 = pd.Series(np.nan, index=d.index)
    if "energie_index" in d:
        ei, fout = ontleed_getal(d["energie_index"], ruw.decimaal)
        fout |= ei.notna() & ~ei.between(0, 6)
        meld_rijen(bev, ruw, houd & fout, "energie_index", bron["energie_index"],
              "Energie-Index onleesbaar of buiten 0-6", ACTIE_WAARDE_GENEGEERD, vhe)
        ei = ei.where(~fout)
    else:
        ei = pd.Series(np.nan, index=d.index)

    if "label_registratiedatum" in d:
        datum, fout = ontleed_datum(d["label_registratiedatum"])
        toekomst = datum > pd.Timestamp(peildatum)
        meld_rijen(bev, ruw, houd & fout, "label_registratiedatum", bron["label_registratiedatum"],
              "onleesbare registratiedatum", ACTIE_WAARDE_GENEGEERD, vhe)
        meld_rijen(bev, ruw, houd & toekomst, "label_registratiedatum", bron["label_registratiedatum"],
              f"registratiedatum na de peildatum {peildatum.isoformat()}: label nog niet geldig",
              ACTIE_WAARDE_GENEGEERD, vhe)
        datum = datum.where(~toekomst)
    else:
        datum = pd.Series(pd.NaT, index=d.index, dtype="datetime64[ns]")

    # EP2 decides the class under NTA 8800; the EI decides it for older labels (compared as ranks)
    heeft_ep2, heeft_ei = ep2.notna().to_numpy(), ei.notna().to_numpy()
    ep2_rang = np.where(heeft_ep2, lbl.rang_uit_ep2(ep2.to_numpy()), -1)
    ei_rang = np.where(heeft_ei, lbl.rang_uit_ei(ei.to_numpy()), -1)
    nta = heeft_ep2 & ~(datum < pd.Timestamp(lbl.NTA8800_START)).to_numpy()
    h = houd.to_numpy()
    tegenspraak = h & heeft_label & nta & (ep2_rang != lab)
    if tegenspraak.any():
        meld_rijen(bev, ruw, pd.Series(tegenspraak, index=d.index), "energielabel", bron.get("energielabel"),
              "label past niet bij de EP2 (NTA 8800): de klasse volgens de EP2 is gebruikt", ACTIE_GECORRIGEERD, vhe)
    ei_tegen = h & heeft_label & heeft_ei & (ei_rang != lab) & ~nta
    meld_rijen(bev, ruw, pd.Series(ei_tegen, index=d.index), "energielabel", bron.get("energielabel"),
          "label past niet bij de Energie-Index: de klasse volgens de Energie-Index is gebruikt", ACTIE_GECORRIGEERD, vhe)
    definitief = np.where(nta, ep2_rang, np.where(heeft_ei, ei_rang, np.maximum(lab, -1)))
    definitief = np.where(definitief < 0, ep2_rang, definitief)
    return {"energielabel": pd.Series(_LABEL_OF_GEEN[definitief], index=d.index, dtype=object), "ep2_kwh_m2": ep2,
            "energie_index": ei, "label_registratiedatum": datum}


#: the label text of a rank, None for -1 (index -1 is the last element)
_LABEL_OF_GEEN = np.array([*lbl.LABELS, None], dtype=object)


def _label_rang(s: pd.Series) -> np.ndarray:
    """Per cell its label rank (:data:`labels.RANG`), :data:`labels.GEEN` when it means 'nothing' (empty,
    '-', 'n.v.t.', ...) and :data:`labels.ONBEKEND` when it is no label; worked out once per distinct text
    (an export has a handful)."""
    codes, uniek = pd.factorize(tekst(s))
    rangen = []
    for u in uniek:
        label = lbl.normaliseer_label(u)
        rangen.append(lbl.RANG[label] if label is not None else
                      lbl.GEEN if str(u).lower() in LEGE_WAARDEN else lbl.ONBEKEND)
    return np.array(rangen, dtype=np.int8)[codes] if len(codes) else np.zeros(0, dtype=np.int8)


def _alle_verschillend(s: pd.Series) -> bool:
    """True when the Arrow strings of ``s`` (without missing values) are all different: one hash pass in
    pyarrow (``unique``; ``count_distinct`` is slower), no codes built; False when unsure.

    VHE numbers are nearly always plain numbers, and hashing a million integers costs a third of hashing the
    strings: equal strings are equal integers, so all integers different means all strings different. When
    the integers are not all different ('007' and '7'), the answer is 'unsure' and the caller compares texts."""
    pa_array = arrow_kolom(s)
    if pa_array is None or s.hasnans:
        return False
    import pyarrow as pa
    import pyarrow.compute as pc
    try:
        getallen = pc.cast(pa_array, pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return len(pc.unique(pa_array)) == len(s)
    return bool(pd.Series(getallen.to_numpy()).is_unique)


def ontdubbel_vhe(woningen: pd.DataFrame, bev: Bevindingen) -> pd.DataFrame:
    """Keep the first row of each (corporatie, vhe_id); later duplicates are rejected findings."""
    # only a VHE number that occurs more than once can be a duplicate pair: the pairs are compared for those rows
    dubbel = pd.Series(False, index=woningen.index)
    if _alle_verschillend(woningen["vhe_id"]):
        return woningen
    kandidaat = woningen["vhe_id"].duplicated(keep=False).to_numpy()
    if kandidaat.any():
        dubbel[kandidaat] = woningen[kandidaat].duplicated(["corporatie", "vhe_id"], keep="first").to_numpy()
    if not dubbel.any():
        return woningen
    eerste = woningen[~dubbel].set_index(["corporatie", "vhe_id"])
    for _, r in woningen[dubbel].iterrows():
        e = eerste.loc[(r["corporatie"], r["vhe_id"])]
        verschil = "" if e["energielabel"] == r["energielabel"] else \
            f" met een ander label ({r['energielabel']} hier, {e['energielabel']} eerder)"
        bev.voeg_toe(r["bron_bestand"], int(r["bron_rij"]), "vhe_id", r["vhe_id"],
                     f"dubbel VHE-nummer{verschil}; de eerste rij ({e['bron_bestand']} rij {int(e['bron_rij'])}) is gebruikt",
                     ACTIE_RIJ_AFGEWEZEN, sleutel=r["vhe_id"])
        bev.boek(r["bron_bestand"], afgewezen=1)
    return woningen[~dubbel].reset_index(drop=True)
