"""CBS table mapping postcode + huisnummer to buurt (and wijk, gemeente).

CBS publishes it yearly as ``pc6hnrJJJJMMDD_gwb.csv`` (``;``-separated, columns ``PC6``,
``Huisnummer``, ``BuurtJJJJ``, ``WijkJJJJ``, ``GemeenteJJJJ``; codes numeric, often without
leading zeros). It is large (about 10 million rows), so it is read with pandas' C parser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .._errors import InvoerFout
from ..codes import canoniek
from ..findings import ACTIE_RIJ_AFGEWEZEN, Bevindingen
from .kolommen import normaliseer


def _kolom(kolommen: list[str], patroon: str) -> str | None:
    return next((k for k in kolommen if re.fullmatch(patroon, normaliseer(k))), None)


def lees_postcode_buurt(pad: str | Path, bev: Bevindingen) -> pd.DataFrame:
    """Lookup table with columns ``postcode``, ``huisnummer`` (Int64) and ``buurt_code`` (BU........)."""
    pad = Path(pad)
    naam = pad.name
    if not pad.exists():
        raise InvoerFout("bestand bestaat niet", bestand=str(pad))
    if pad.stat().st_size == 0:
        raise InvoerFout("het bestand is leeg", bestand=naam)
    try:
        kop = pd.read_csv(pad, sep=None, engine="python", nrows=5, dtype=str, encoding_errors="replace")
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as e:
        raise InvoerFout(f"geen leesbare CSV ({type(e).__name__})", bestand=naam) from None
    kol = list(kop.columns)
    pc, hn, bu = _kolom(kol, r"pc6|postcode"), _kolom(kol, r"huisnummer|huisnr"), _kolom(kol, r"buurt(code)?\d{0,4}")
    if not (pc and hn and bu):
        raise InvoerFout("verwacht de CBS-kolommen PC6, Huisnummer en BuurtJJJJ (of buurtcode); gevonden: "
                         + ", ".join(kol[:12]), bestand=naam)
    sep = ";" if ";" in open(pad, encoding="utf-8", errors="replace").readline() else ","
    d = pd.read_csv(pad, sep=sep, usecols=[pc, hn, bu], dtype=str, keep_default_na=False, encoding_errors="replace")
    n = len(d)
    postcode = d[pc].str.upper().str.replace(" ", "", regex=False)
    huisnummer = pd.to_numeric(d[hn], errors="coerce").astype("Int64")
    buurt = d[bu].map(lambda v: canoniek(v, "BU"))
    ok = postcode.str.fullmatch(r"[1-9][0-9]{3}[A-Z]{2}") & huisnummer.notna() & buurt.notna()
    slecht = int((~ok).sum())
    if slecht:
        eerste = int((~ok).to_numpy().nonzero()[0][0])
        bev.voeg_toe(naam, eerste + 2, None, None, f"{slecht} regel(s) zonder geldige postcode, huisnummer of "
                     "buurtcode: niet gebruikt (eerste genoemd)", ACTIE_RIJ_AFGEWEZEN)
    bev.boek(naam, rijen_in=n, gebruikt=n - slecht, afgewezen=slecht)
    uit = pd.DataFrame({"postcode": postcode[ok], "huisnummer": huisnummer[ok], "buurt_code": buurt[ok]})
    return uit.drop_duplicates(["postcode", "huisnummer"]).reset_index(drop=True)
