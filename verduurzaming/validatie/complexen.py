"""Validation of complex attributes (coordinates, CBS codes, monument, years, roof, PV) on dwelling or complex rows."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..bevindingen import ACTIE_STANDAARD, ACTIE_WAARDE_GENEGEERD, Bevindingen
from ..io.tabel import RuweTabel
from ..waarden import canonieke_codes, ontleed_getal, ontleed_jaar, ontleed_janee_of_aantal, tekst


def valideer_complexattributen(d: pd.DataFrame, ruw: RuweTabel | None, bev: Bevindingen, *, bestand: str,
                               rijen: pd.Series, sleutels: pd.Series, bron: dict[str, str],
                               peildatum: dt.date) -> pd.DataFrame:
    """Typed complex attributes (coordinates, codes, monument, years, roof, PV) with findings.

    ``d`` holds canonical column names; ``rijen`` the file row of each row of ``d``.
    """
    def meld(masker: pd.Series, kolom: str, probleem: str, actie: str = ACTIE_WAARDE_GENEGEERD) -> None:
        for i in np.flatnonzero(masker.to_numpy()):
            bev.voeg_toe(bestand, int(rijen.iloc[i]), bron.get(kolom, kolom), d[kolom].iloc[i], probleem, actie,
                         sleutel=sleutels.iloc[i])

    decimaal = ruw.decimaal if ruw is not None else ","
    # the columns gathered first and made a frame once: a column added to a frame costs more than parsing it
    uit: dict[str, object] = {}
    uit["complex_naam"] = tekst(d["complex_naam"]) if "complex_naam" in d else ""
    for k in ("x", "y", "lon", "lat", "dak_geschikt_m2", "pand_oppervlakte_m2", "dak_azimut", "dak_hellingshoek"):
        if k in d:
            w, fout = ontleed_getal(d[k], decimaal)
            meld(fout, k, "geen getal")
            if k in ("dak_geschikt_m2", "pand_oppervlakte_m2"):
                neg = w < 0
                meld(neg, k, "negatief dakoppervlak" if k == "dak_geschikt_m2" else "negatief oppervlak")
                w = w.where(~neg)
            elif k in ("dak_azimut", "dak_hellingshoek"):
                buiten = (w < 0) | (w > (360 if k == "dak_azimut" else 90))
                meld(buiten, k, "onmogelijke hoek (azimut 0-360, hellingshoek 0-90 graden)")
                w = w.where(~buiten)
            uit[k] = w
        else:
            uit[k] = np.nan
    for k, soort in (("wijk_code", "WK"), ("buurt_code", "BU")):
        if k in d:
            c, fout = canonieke_codes(d[k], soort)
            meld(fout, k, f"geen geldige CBS-{'wijk' if soort == 'WK' else 'buurt'}code")
            uit[k] = c
        else:
            uit[k] = None
    for k in ("monument", "pv_panelen_aanwezig"):
        if k in d:
            w, aantal, fout = ontleed_janee_of_aantal(d[k], decimaal)
            meld(fout, k, "geen ja/nee-waarde of aantal: als 'nee' gelezen", ACTIE_STANDAARD)
            uit[k] = w
            if k == "pv_panelen_aanwezig":  # exports often give the number of panels
                uit["pv_panelen_aantal"] = aantal
        else:
            uit[k] = False
            if k == "pv_panelen_aanwezig":
                uit["pv_panelen_aantal"] = pd.Series(pd.NA, index=d.index, dtype="Int64")
    for k, lo, hi in (("sloop_jaar", 2000, 2100), ("onderhoud_jaar", 1990, 2100)):
        if k in d:
            w, fout = ontleed_jaar(d[k], lo, hi)
            meld(fout, k, f"onmogelijk of onleesbaar jaar (verwacht {lo}-{hi}); 'leeg' of 'n.v.t.' betekent geen")
            uit[k] = w
        else:
            uit[k] = pd.Series(pd.NA, index=d.index, dtype="Int64")
    return pd.DataFrame(uit, index=d.index)
