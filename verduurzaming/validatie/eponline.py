"""Validation of an RVO EP-online export: the valid label per address on the peildatum.

Several labels per address may occur: the one with the latest opnamedatum is valid. Labels
registered before 2021 are classed by their Energie-Index, later ones by EP2 (NTA 8800).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .. import labels as lbl
from ..bevindingen import ACTIE_RIJ_AFGEWEZEN, ACTIE_WAARDE_GENEGEERD, Bevindingen
from ..io.boekhouding import canoniek_en_geteld
from ..io.kolommen import EP_ONLINE_NAMEN
from ..io.tabel import RuweTabel
from ..waarden import adres_sleutel, normaliseer_postcode, ontleed_datum, ontleed_getal, tekst


def valideer_ep_online(ruw: RuweTabel, bev: Bevindingen, *, peildatum: dt.date) -> pd.DataFrame:
    """One row per address with the label valid on ``peildatum``; superseded registrations count as used."""
    naam = ruw.bestand
    d, bron, houd = canoniek_en_geteld(ruw, EP_ONLINE_NAMEN, None, [
        "postcode", "huisnummer", ("energielabel", "ep2_kwh_m2", "energie_index"), "label_registratiedatum"], bev)
    rijen = ruw.rijnummers

    def meld(masker, kolom, probleem, actie):
        for i in np.flatnonzero((masker & houd).to_numpy()):
            bev.voeg_toe(naam, int(rijen.iloc[i]), bron.get(kolom, kolom), d[kolom].iloc[i] if kolom in d else None,
                         probleem, actie)

    pc, fout = normaliseer_postcode(d["postcode"])
    meld(fout | pc.isna(), "postcode", "geen geldige postcode: label niet te koppelen", ACTIE_RIJ_AFGEWEZEN)
    houd &= pc.notna()
    hn, fout = ontleed_getal(d["huisnummer"], ".")
    meld(fout | hn.isna(), "huisnummer", "geen geldig huisnummer: label niet te koppelen", ACTIE_RIJ_AFGEWEZEN)
    houd &= hn.notna()
    toev = tekst(d["huisletter"]) if "huisletter" in d else pd.Series("", index=d.index)
    if "toevoeging" in d:
        toev = toev + tekst(d["toevoeging"])
    datum, fout = ontleed_datum(d["label_registratiedatum"])
    meld(fout | datum.isna(), "label_registratiedatum", "opnamedatum ontbreekt of is onleesbaar (JJJJMMDD)",
         ACTIE_RIJ_AFGEWEZEN)
    houd &= datum.notna()
    lab = tekst(d["energielabel"]).map(lbl.normaliseer_label) if "energielabel" in d else pd.Series(None, index=d.index)
    ep2 = ontleed_getal(d["ep2_kwh_m2"], ruw.decimaal)[0] if "ep2_kwh_m2" in d else pd.Series(np.nan, index=d.index)
    ei = ontleed_getal(d["energie_index"], ruw.decimaal)[0] if "energie_index" in d else pd.Series(np.nan, index=d.index)
    ep2 = ep2.where(ep2.between(-150, 1500))
    q = ontleed_getal(d["warmtebehoefte_kwh_m2"], ruw.decimaal)[0] if "warmtebehoefte_kwh_m2" in d \
        else pd.Series(np.nan, index=d.index)
    q = q.where(q.between(0, 1000))
    nta = datum >= pd.Timestamp(lbl.NTA8800_START)
    ep2_label = pd.Series(lbl.label_uit_ep2(ep2.to_numpy()), index=d.index)
    ei_label = pd.Series(lbl.label_uit_ei(ei.to_numpy()), index=d.index)
    lab = lab.where(~(nta & ep2.notna()), ep2_label).where(~(~nta & ei.notna()), ei_label)
    geen = lab.isna()
    meld(geen, "energielabel", "geen bruikbaar label, EP2 of Energie-Index", ACTIE_RIJ_AFGEWEZEN)
    houd &= ~geen
    toekomst = datum > pd.Timestamp(peildatum)
    meld(toekomst, "label_registratiedatum", f"opname na de peildatum {peildatum}: nog niet geldig", ACTIE_WAARDE_GENEGEERD)
    uit = pd.DataFrame({
        "sleutel": adres_sleutel(pc, hn, toev),
        "bag_vbo_id": tekst(d["bag_vbo_id"]) if "bag_vbo_id" in d else "",
        "energielabel": lab, "ep2_kwh_m2": ep2, "energie_index": ei, "label_registratiedatum": datum,
        "warmtebehoefte_kwh_m2": q, "gebouwtype": tekst(d["gebouwtype"]) if "gebouwtype" in d else "",
        "ep_bron_rij": rijen.to_numpy(),
    })
    bev.boek(naam, gebruikt=int(houd.sum()), afgewezen=int((~houd).sum()))
    uit = uit[houd & ~toekomst]
    uit = uit.sort_values(["sleutel", "label_registratiedatum", "ep_bron_rij"])
    uit = uit.drop_duplicates("sleutel", keep="last")
    uit["ep_bestand"] = naam
    return uit.reset_index(drop=True)
