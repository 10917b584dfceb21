"""Validation of a Transitievisie Warmte schedule: canonical wijk codes, strategies and phase years."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..bevindingen import ACTIE_RIJ_AFGEWEZEN, ACTIE_STANDAARD, ACTIE_WAARDE_GENEGEERD, Bevindingen
from ..io.boekhouding import canoniek_en_geteld
from ..io.kolommen import TVW_NAMEN, normaliseer
from ..io.tabel import RuweTabel
from ..maatregelen import STRATEGIEEN
from ..waarden import canonieke_codes, ontleed_jaar, tekst

_STRATEGIE_WOORDEN = {
    "warmtenet": "warmtenet", "warmte net": "warmtenet", "stadsverwarming": "warmtenet",
    "collectief": "warmtenet", "wamtenet": "warmtenet", "warmtenetbuurt": "warmtenet",
    "allelectric": "all-electric", "allelektrisch": "all-electric", "elektrisch": "all-electric",
    "warmtepomp": "all-electric", "individueel": "all-electric",
    "hybride": "hybride", "hybridewarmtepomp": "hybride", "hybrid": "hybride",
    "groengas": "groengas", "groen gas": "groengas", "biogas": "groengas", "waterstof": "groengas",
    "onbekend": "onbekend", "nogonbekend": "onbekend", "": "onbekend",
}


def normaliseer_strategie(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Canonical strategy from what gemeenten write ('stadsverwarming', 'hybride warmtepomp');
    unknown -> 'onbekend'; (values, mask of unknown non-empty texts)."""
    n = tekst(s).str.lower().map(lambda x: normaliseer(x))
    w = n.map({normaliseer(k): v for k, v in _STRATEGIE_WOORDEN.items()})
    rest = w.isna()
    if rest.any():
        w[rest] = n[rest].map(lambda x: next((v for k, v in _STRATEGIE_WOORDEN.items() if k and normaliseer(k) in x), None))
    return w.fillna("onbekend"), w.isna()


def valideer_transitievisie(ruw: RuweTabel, bev: Bevindingen, *,
                            extra_kolommen: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per wijk with canonical columns; every problem a finding, every row accounted for."""
    naam = ruw.bestand
    d, bron, houd = canoniek_en_geteld(ruw, TVW_NAMEN, extra_kolommen, ["wijk_code"], bev)
    rijen = ruw.rijnummers

    def meld(masker, kolom, probleem, actie=ACTIE_WAARDE_GENEGEERD, waarden=None):
        for i in np.flatnonzero((masker & houd).to_numpy()):
            w = (waarden if waarden is not None else d[kolom]).iloc[i] if kolom in d else None
            bev.voeg_toe(naam, int(rijen.iloc[i]), bron.get(kolom, kolom), w, probleem, actie)

    uit = pd.DataFrame(index=d.index)
    code, fout = canonieke_codes(d["wijk_code"], "WK")
    meld(fout | code.isna(), "wijk_code", "geen geldige CBS-wijkcode (WK + 6 cijfers)", ACTIE_RIJ_AFGEWEZEN)
    houd &= code.notna()
    uit["wijk_code"] = code
    uit["wijk_naam_tvw"] = tekst(d["wijk_naam"]) if "wijk_naam" in d else ""
    if "strategie" in d:
        st, fout = normaliseer_strategie(d["strategie"])
        meld(fout, "strategie", f"onbekende strategie; verwacht {', '.join(STRATEGIEEN)}: 'onbekend' gebruikt",
             ACTIE_STANDAARD)
        uit["strategie"] = st
    else:
        uit["strategie"] = "onbekend"
    jaartekst: dict[str, pd.Series] = {}
    for k in ("wup_start", "wup_gereed", "uitvoering_start", "uitvoering_eind", "aardgasvrij_jaar"):
        if k in d:
            t = tekst(d[k])
            bereik = t.str.extract(r"^\s*(\d{4})\s*[-–/]\s*(\d{4})\s*$")
            if k.endswith("start") and bereik[0].notna().any():
                eind = k.replace("start", "eind" if k.startswith("uitvoering") else "gereed")
                if eind not in d:
                    uit[eind] = ontleed_jaar(bereik[1], 2000, 2100)[0]
                t = t.where(bereik[0].isna(), bereik[0])
            jaartekst[k] = t
        if k not in uit:  # the column's place; the years are filled in below
            uit[k] = pd.Series(pd.NA, index=d.index, dtype="Int64")
    # the year columns read in one pass (a schedule is a few rows: the cost is per call, not per cell)
    if jaartekst:
        jaren, fouten = ontleed_jaar(pd.concat(list(jaartekst.values()), ignore_index=True), 2000, 2100)
        for i, k in enumerate(jaartekst):
            deel = slice(i * len(d), (i + 1) * len(d))
            fout = pd.Series(fouten.iloc[deel].to_numpy(), index=d.index)
            meld(fout, k, "onleesbaar of onmogelijk jaar (verwacht 2000-2100)")
            uit[k] = pd.Series(jaren.array[deel], index=d.index)
    for a, b, wat in (("wup_start", "wup_gereed", "WUP"), ("uitvoering_start", "uitvoering_eind", "uitvoering")):
        omgekeerd = (uit[a].notna() & uit[b].notna() & (uit[b] < uit[a])).fillna(False).astype(bool)
        meld(omgekeerd, b, f"{wat} eindigt voordat het begint; eindjaar genegeerd",
             waarden=uit[b].astype("string"))
        uit.loc[omgekeerd, b] = pd.NA
    dubbel = houd & uit["wijk_code"].duplicated(keep="first") & uit["wijk_code"].notna()
    meld(dubbel, "wijk_code", "wijk staat twee keer in de transitievisie; de eerste rij is gebruikt",
         ACTIE_RIJ_AFGEWEZEN)
    houd &= ~dubbel
    uit["tvw_bron_rij"] = rijen.to_numpy()
    bev.boek(naam, gebruikt=int(houd.sum()), afgewezen=int((~houd).sum()))
    return uit[houd].reset_index(drop=True)
