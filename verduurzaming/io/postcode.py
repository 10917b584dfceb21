"""CBS table mapping postcode + huisnummer to buurt (and wijk, gemeente).

CBS publishes it yearly as ``pc6hnrJJJJMMDD_gwb.csv`` (``;``-separated, columns ``PC6``,
``Huisnummer``, ``BuurtJJJJ``, ``WijkJJJJ``, ``GemeenteJJJJ``; codes numeric, often without
leading zeros). It is large (about 10 million rows), so it is read with pandas' C parser.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from .._fouten import InvoerFout
from ..bevindingen import ACTIE_RIJ_AFGEWEZEN, Bevindingen, kort
from ..codes import canoniek
from .bestand import controleer_bestand, open_bestand
from .grenzen import MAX_BESTAND_BYTES, MAX_RIJ_TEKENS
from .kolommen import normaliseer


def _kolom(kolommen: list[str], patroon: str) -> str | None:
    return next((k for k in kolommen if re.fullmatch(patroon, normaliseer(k))), None)


def _kopregel(pad: Path, naam: str) -> tuple[list[str], str]:
    """(column names, separator) from the first line, without a CSV parser that could choke on it."""
    with open_bestand(pad, naam) as fh:
        regel = fh.readline(MAX_RIJ_TEKENS + 1)
    if len(regel) > MAX_RIJ_TEKENS:
        raise InvoerFout(f"de kopregel is langer dan {MAX_RIJ_TEKENS:,} tekens; dit is geen CBS-tabel".replace(",", "."),
                         bestand=naam, rij=1)
    tekst = regel.decode("utf-8-sig", errors="replace").rstrip("\r\n")
    sep = max((";", "\t", ","), key=tekst.count)
    return [k.strip().strip('"').strip() for k in tekst.split(sep)], sep


def lees_postcode_buurt(pad: str | Path, bev: Bevindingen) -> pd.DataFrame:
    """Lookup table with columns ``postcode``, ``huisnummer`` (Int64) and ``buurt_code`` (BU........).

    Fields are read without quote handling (codes and numbers hold no separator), so a stray quote
    cannot swallow rows; a used value with an unbalanced quote is an error naming its row. A second
    row for the same postcode + huisnummer is a rejected row with a finding.
    """
    pad = Path(pad)
    controleer_bestand(pad)  # a regular file (pandas opens the path itself): not a device, FIFO or folder
    naam = bev.naam(pad)
    if controleer_bestand(pad, naam, max_bytes=MAX_BESTAND_BYTES).st_size == 0:
        raise InvoerFout("het bestand is leeg", bestand=naam)
    kol, sep = _kopregel(pad, naam)
    pc, hn, bu = _kolom(kol, r"pc6|postcode"), _kolom(kol, r"huisnummer|huisnr"), _kolom(kol, r"buurt(code)?\d{0,4}")
    if not (pc and hn and bu):
        raise InvoerFout("verwacht de CBS-kolommen PC6, Huisnummer en BuurtJJJJ (of buurtcode); gevonden: "
                         + kort(", ".join(kol[:12])), bestand=naam)
    try:
        d = pd.read_csv(pad, sep=sep, header=None, skiprows=1, usecols=[kol.index(pc), kol.index(hn), kol.index(bu)],
                        dtype=str, keep_default_na=False, quoting=csv.QUOTE_NONE, encoding_errors="replace")
    except (pd.errors.ParserError, ValueError) as e:
        regel = re.search(r"line (\d+)", str(e))
        raise InvoerFout(f"onleesbare CSV: een regel heeft meer velden dan de kopregel ({kort(str(e), 120)})",
                         bestand=naam, rij=int(regel[1]) if regel else None) from None
    d.columns = [pc, hn, bu]
    for k in d.columns:
        v = d[k]
        aanhaling = v.str.contains('"', regex=False)
        if aanhaling.any():
            oneven = aanhaling & (v.str.count('"') % 2 == 1)
            if oneven.any():
                i = int(oneven.to_numpy().nonzero()[0][0])
                raise InvoerFout("een aanhalingsteken (\") dat niet gesloten wordt; herstel het bestand",
                                 bestand=naam, rij=i + 2, kolom=k)
            d[k] = v.str.strip().str.strip('"')
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
    uit = pd.DataFrame({"postcode": postcode, "huisnummer": huisnummer, "buurt_code": buurt})
    dubbel = ok & uit[ok].duplicated(["postcode", "huisnummer"], keep="first").reindex(uit.index, fill_value=False)
    n_dubbel = int(dubbel.sum())
    if n_dubbel:
        rijen = (dubbel.to_numpy().nonzero()[0] + 2).tolist()
        eerste_buurt = uit[ok & ~dubbel].set_index(["postcode", "huisnummer"])["buurt_code"]
        ander = uit.loc[dubbel, "buurt_code"].to_numpy() != eerste_buurt.reindex(
            pd.MultiIndex.from_frame(uit.loc[dubbel, ["postcode", "huisnummer"]])).to_numpy()
        lijst = ", ".join(map(str, rijen[:10])) + (" …" if len(rijen) > 10 else "")
        bev.voeg_toe(naam, rijen[0], None, None,
                     f"{n_dubbel} regel(s) met een postcode en huisnummer die al eerder in de tabel staan "
                     f"({int(ander.sum())} met een andere buurt): niet gebruikt, de eerste regel telt (rijen {lijst})",
                     ACTIE_RIJ_AFGEWEZEN)
    houd = ok & ~dubbel
    bev.boek(naam, rijen_in=n, gebruikt=int(houd.sum()), afgewezen=n - int(houd.sum()))
    return uit[houd].reset_index(drop=True)
