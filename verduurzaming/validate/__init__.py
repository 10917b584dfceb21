"""Validation: typed values from raw text tables, every problem a finding.

This module holds the value parsers and the corporation export (dwellings, complex attributes);
:mod:`.tvw` and :mod:`.eponline` validate the Transitievisie schedule and the EP-online export.

Parsers are vectorised (a million dwellings must load in seconds) and return the values plus
a mask of cells that held something unparseable, so callers can name file, row and column.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import numpy as np
import pandas as pd

from .. import labels as lbl
from ..codes import canoniek
from ..defaults import lees
from ..findings import (ACTIE_GECORRIGEERD, ACTIE_GEMELD, ACTIE_RIJ_AFGEWEZEN, ACTIE_STANDAARD,
                       ACTIE_WAARDE_GENEGEERD, Bevindingen)
from ..io.kolommen import (COMPLEX_KOLOMMEN, VHE_NAMEN, eis_kolommen, hernoem, normaliseer)
from ..io.tabel import RuweTabel

LEGE_WAARDEN = {"", "-", "--", "?", "n.v.t.", "n.v.t", "nvt", "nb", "n.b.", "geen", "onbekend", "nan",
                "none", "null", "#n/a", "n/a", "na", "#nb", "x.x"}
_JA = {"ja", "j", "x", "1", "true", "waar", "y", "yes", "1.0", "wel"}
_NEE = {"nee", "n", "0", "false", "onwaar", "no", "0.0", "niet"}

#: plausibility bounds; beyond them a value is ignored with a finding
EP2_MIN_KWH_M2, EP2_MAX_KWH_M2 = -150.0, 1500.0
GBO_MIN_M2, GBO_MAX_M2 = 10.0, 1500.0
BOUWJAAR_MIN = 1500
GAS_MAX_M3 = 15000.0

_WONINGTYPEN = lees("woningtypen.csv")
WONINGTYPE_MAP = dict(zip(_WONINGTYPEN["term"].map(normaliseer), _WONINGTYPEN["woningtype"]))


def map_uniek(s: pd.Series, functie) -> pd.Series:
    """``s.map(functie)`` evaluated once per distinct value (fast on a million rows)."""
    if len(s) > 1000 and not s.hasnans:
        # the mapping done on the distinct values (as below, so None/NaN results come out the same) and
        # spread by codes: mapping a million cells through a dict costs an index lookup per cell
        codes, uniek = pd.factorize(s)
        klein = pd.Series(uniek, dtype=s.dtype)
        return pd.Series(_map_uniek(klein, functie).to_numpy(dtype=object)[codes], index=s.index, dtype=object)
    return _map_uniek(s, functie)


def _map_uniek(s: pd.Series, functie) -> pd.Series:
    uniek = pd.unique(s)
    return s.map(dict(zip(uniek, (functie(u) for u in uniek)))).astype(object)


def tekst(s: pd.Series) -> pd.Series:
    """Stripped text, empty string for missing."""
    t = s.fillna("").astype(str)
    if _zonder_randwitruimte(t):  # nothing to strip: no new column of a million strings
        return t
    return t.str.strip()


def _zonder_randwitruimte(t: pd.Series) -> bool:
    """True when ``t`` holds Arrow strings without missing values of which no cell begins or ends with
    whitespace: its first and last bytes are visible ASCII (whitespace is ASCII <= 0x20 or non-ASCII).
    Read from the offsets and the data buffer, nothing is copied; False when unsure."""
    import pyarrow as pa
    pa_array = getattr(t.array, "_pa_array", None)
    if pa_array is None:
        return False
    for deel in pa_array.chunks:
        if deel.null_count or not len(deel):
            if deel.null_count:
                return False
            continue
        if pa.types.is_string(deel.type):
            soort = np.int32
        elif pa.types.is_large_string(deel.type):
            soort = np.int64
        else:
            return False
        buffers = deel.buffers()
        grens = np.frombuffer(buffers[1], dtype=soort)[deel.offset:deel.offset + len(deel) + 1]
        begin, eind = grens[:-1], grens[1:]
        gevuld = eind > begin
        if not gevuld.any():
            continue
        data = np.frombuffer(buffers[2], dtype=np.uint8)
        for b in (data[begin[gevuld]], data[eind[gevuld] - 1]):
            if not ((b > 0x20) & (b < 0x7F)).all():
                return False
    return True


def _arrow(t: pd.Series):
    """``t`` (text without missing values) as a pyarrow string array, for vectorised regexes."""
    import pyarrow as pa
    pa_array = getattr(t.array, "_pa_array", None)
    if pa_array is not None and (pa.types.is_string(pa_array.type) or pa.types.is_large_string(pa_array.type)):
        return pa_array
    return pa.array(t.to_numpy(dtype=object), type=pa.string())


def volledig(t: pd.Series, patroon: str) -> pd.Series:
    """``t.str.fullmatch(patroon)`` in pyarrow (RE2) for text without missing values and line breaks
    (:func:`tekst` strips them from both ends); ``patroon`` must mean the same in RE2 and ``re``."""
    import pyarrow.compute as pc
    uit = pc.match_substring_regex(_arrow(t), f"^(?:{patroon})$")
    return pd.Series(uit.to_numpy(zero_copy_only=False), index=t.index, dtype=bool)


def _bevat(t: pd.Series, deel: str) -> bool:
    """Whether any cell of ``t`` (text without missing values) holds ``deel`` (a plain substring search)."""
    import pyarrow.compute as pc
    return bool(pc.any(pc.match_substring(_arrow(t), deel)).as_py())


def zonder_punt_nul(t: pd.Series) -> pd.Series:
    """Identifiers read from a spreadsheet as numbers: '1234.0' -> '1234' (``t`` from :func:`tekst`)."""
    import pyarrow.compute as pc
    arr = _arrow(t)
    if not pc.any(pc.ends_with(arr, ".0")).as_py():  # nothing to take off (the usual case): no regex pass
        return t
    return _als_reeks(pc.replace_substring_regex(arr, r"\.0$", ""), t)


#: what ``\\s`` matches in Python's ``re`` for text (``str.isspace``), written for RE2 (whose ``\\s`` is ASCII only)
WITRUIMTE_RE2 = "".join(f"\\x{{{ord(c):x}}}" for c in
                        "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                        "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def vervang(t: pd.Series, patroon: str, vervanging: str) -> pd.Series:
    """``t.str.replace(patroon, vervanging, regex=True)`` in pyarrow (RE2) for text without missing values;
    write whitespace as ``WITRUIMTE_RE2`` in a character class, not as ``\\s``."""
    import pyarrow.compute as pc
    return _als_reeks(pc.replace_substring_regex(_arrow(t), patroon, vervanging), t)


def zonder_witruimte(t: pd.Series, ook: str = "") -> pd.Series:
    """``vervang(t, f"[{WITRUIMTE_RE2}{ook}]+", "")`` (text without missing values): the spaces, by far the most
    common, go by a plain substring replace, and the regex runs only when another character is left."""
    import pyarrow.compute as pc
    arr = pc.replace_substring(_arrow(t), " ", "")
    klasse = f"[{WITRUIMTE_RE2}{ook}]"
    if pc.any(pc.match_substring_regex(arr, klasse)).as_py():
        arr = pc.replace_substring_regex(arr, klasse + "+", "")
    return _als_reeks(arr, t)


def _als_reeks(uit, t: pd.Series) -> pd.Series:
    """A pyarrow string result as a Series like ``t`` (same index and dtype; no copy for Arrow strings)."""
    if isinstance(t.dtype, pd.StringDtype) and t.dtype.storage == "pyarrow":
        return pd.Series(uit.to_pandas(types_mapper={uit.type: t.dtype}.get).array, index=t.index)
    return pd.Series(uit.to_numpy(zero_copy_only=False), index=t.index, dtype=t.dtype)


def leeg(s: pd.Series) -> pd.Series:
    """True where a cell means 'nothing' (empty, '-', 'n.v.t.', 'geen', ...)."""
    return tekst(s).str.lower().isin(LEGE_WAARDEN)


_SCHEIDING = {"\u066b": ",", "\u066c": ".", "\u2212": "-", "\u2013": "-"}  # Arabic decimal/thousands sign, minus


def _naar_ascii(v: str) -> str:
    """Digits of any script (Arabic-Indic ٣, full-width ３, Devanagari ३ ...) as ASCII digits."""
    v = unicodedata.normalize("NFKC", v)
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else _SCHEIDING.get(c, c)
                   for c in v)


def ascii_cijfers(t: pd.Series) -> pd.Series:
    """``t`` (text) with non-ASCII digits and separators written in ASCII; only non-ASCII cells are touched."""
    niet_ascii = ~t.map(str.isascii, na_action="ignore").fillna(True).astype(bool)
    if not niet_ascii.any():
        return t
    t = t.copy()
    t[niet_ascii] = map_uniek(t[niet_ascii], _naar_ascii)
    return t


def parse_getal(s: pd.Series, decimaal: str = ",") -> tuple[pd.Series, pd.Series]:
    """Floats from text with decimal commas and thousand dots (``1.234,5``); (values, bad mask).

    Digits of other scripts (Arabic-Indic, full-width) are read as their ASCII digits.
    """
    t = tekst(s)
    # fast path: plain ASCII numbers, the bulk of every export, read by pyarrow
    eenvoudig = volledig(t, r"-?[0-9]+(?:[.,][0-9]+)?" if decimaal == "," else r"-?[0-9]+(?:\.[0-9]+)?")
    if decimaal == "," and _bevat(t, "."):  # without a '.' in the column no cell is a thousands number
        duizendtal = eenvoudig & volledig(t, r"-?[0-9]{1,3}\.[0-9]{3}")
        eenvoudig &= ~duizendtal
    waarden = pd.Series(np.nan, index=s.index, dtype="float64")
    if eenvoudig.any():
        waarden[eenvoudig] = _als_getal(t[eenvoudig])
    eenvoudig &= waarden.notna()  # never silently NaN: what the fast path cannot read goes the slow way
    rest = ~eenvoudig & (t != "")  # an empty cell is no number and no finding
    fout = pd.Series(False, index=s.index)
    if rest.any():
        w, f = _parse_getal_traag(t[rest], decimaal)
        waarden[rest] = w
        fout[rest] = f
    return waarden, fout


def _als_getal(t: pd.Series) -> np.ndarray:
    """Floats from text that is ``-?digits([.,]digits)?``; pyarrow's cast, pandas when it refuses."""
    import pyarrow as pa
    import pyarrow.compute as pc
    try:
        return pc.cast(pc.replace_substring(_arrow(t), ",", "."), pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pd.to_numeric(t.str.replace(",", ".", regex=False), errors="coerce").to_numpy(dtype="float64")


def _parse_getal_traag(t: pd.Series, decimaal: str) -> tuple[pd.Series, pd.Series]:
    t = ascii_cijfers(t)
    t = t.str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
    t = t.str.replace(r"^€|€$|(?i:eur)$|(?i:m2|m²|m3|m³|kwh/m2|kwh/m²)$", "", regex=True)
    leeg_ = t.str.lower().isin(LEGE_WAARDEN)
    beide = t.str.contains(",", regex=False) & t.str.contains(".", regex=False)
    komma_laatst = t.str.rfind(",") > t.str.rfind(".")
    # 1.234,5 -> 1234.5 ; 1,234.5 -> 1234.5
    t = t.where(~(beide & komma_laatst), t.str.replace(".", "", regex=False))
    t = t.where(~(beide & ~komma_laatst), t.str.replace(",", "", regex=False))
    if decimaal == ",":
        duizend = t.str.fullmatch(r"-?\d{1,3}(\.\d{3})+")
        t = t.where(~duizend, t.str.replace(".", "", regex=False))
    t = t.str.replace(",", ".", regex=False)
    waarden = pd.to_numeric(t.where(~leeg_, None), errors="coerce").astype("float64")
    fout = waarden.isna() & ~leeg_
    return waarden, fout


def parse_jaar(s: pd.Series, minimum: int, maximum: int) -> tuple[pd.Series, pd.Series]:
    """Whole years within [minimum, maximum]; a date gives its year; (Int64 values, bad mask)."""
    t = tekst(s)
    # only a cell with a separator can be a date (three plain substring searches: no regex pass)
    datum = t.str.contains("-", regex=False) | t.str.contains("/", regex=False) | t.str.contains(".", regex=False)
    if datum.any():
        datum_jaar = t[datum].str.extract(r"^(?:\d{1,2}[-/.]\d{1,2}[-/.](\d{4})|(\d{4})-\d{2}-\d{2}.*)$")
        jaar = datum_jaar[0].fillna(datum_jaar[1])
        t = t.copy()
        t[jaar[jaar.notna()].index] = jaar[jaar.notna()]
    w, fout = parse_getal(t, ".")
    ok = w.notna() & (w == np.floor(w)) & (w >= minimum) & (w <= maximum)
    fout = fout | (w.notna() & ~ok)
    return w.where(ok).round().astype("Int64"), fout


_DATUMFORMATEN = ("%d-%m-%Y", "%Y-%m-%d", "%Y%m%d", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S",
                  "%d-%m-%y", "%Y/%m/%d")


def parse_datum(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates in the forms exports use (dd-mm-jjjj, jjjj-mm-dd, JJJJMMDD, Excel serials)."""
    t = tekst(s)
    leeg_ = t.str.lower().isin(LEGE_WAARDEN)
    # by position: setting a million values by index label costs a lookup per label
    waarden = np.full(len(t), np.datetime64("NaT"), dtype="datetime64[ns]")
    open_ = np.flatnonzero(~leeg_.to_numpy(dtype=bool))
    for fmt in _DATUMFORMATEN:
        if not len(open_):
            break
        d = pd.to_datetime(t if len(open_) == len(t) else t.iloc[open_], format=fmt, errors="coerce")
        # a year such as 1677 parses, but does not fit datetime64[ns]: it stays unread (a finding)
        raak = (d.notna() & d.between(pd.Timestamp("1900-01-01"), pd.Timestamp("2200-12-31"))).to_numpy(dtype=bool)
        waarden[open_[raak]] = d.to_numpy()[raak].astype("datetime64[ns]")
        open_ = open_[~raak]
    uit = pd.Series(waarden, index=s.index)
    rest = pd.Series(False, index=s.index)
    rest.iloc[open_] = True
    if rest.any():  # Excel serial numbers (days since 1899-12-30)
        n = pd.to_numeric(t[rest], errors="coerce")
        raak = n.between(1, 80000)
        d = pd.Timestamp("1899-12-30") + pd.to_timedelta(n[raak], unit="D")
        uit.loc[d.index] = d
        rest.loc[d.index] = False
    if rest.any():  # dates in digits of another script
        ander = ascii_cijfers(t[rest])
        ander = ander[ander != t[rest]]
        if len(ander):
            d, f = parse_datum(ander)
            uit.loc[d.index[~f]] = d[~f]
            rest.loc[d.index[~f]] = False
    ok = uit.isna() | uit.between(pd.Timestamp("1990-01-01"), pd.Timestamp("2100-12-31"))
    fout = rest | ~ok
    return uit.where(ok), fout


def parse_janee(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Booleans from ja/nee, j/n, x, 1/0, true/false; empty is False; (values, bad mask)."""
    t = tekst(s).str.lower()
    ja, nee = t.isin(_JA), t.isin(_NEE) | t.isin(LEGE_WAARDEN)
    return ja, ~(ja | nee)


def parse_janee_of_aantal(s: pd.Series, decimaal: str = ",") -> tuple[pd.Series, pd.Series, pd.Series]:
    """Like :func:`parse_janee`, but a whole number is a count (of panels, say): a positive number is
    'ja' and kept as the count, 0 is 'nee'; (values, counts (Int64, NA for ja/nee words), bad mask)."""
    ja, fout = parse_janee(s)
    aantal = pd.array([pd.NA] * len(s), dtype="Int64")
    if fout.any():
        getal, onleesbaar = parse_getal(s[fout], decimaal)
        telbaar = ~onleesbaar & getal.notna() & (getal >= 0) & (getal == np.floor(getal))
        idx = telbaar[telbaar].index
        ja.loc[idx] = getal[idx] > 0
        aantal = pd.Series(aantal, index=s.index)
        aantal.loc[idx] = getal[idx].round().astype("int64")
        fout = fout.copy()
        fout.loc[idx] = False
    return ja, pd.Series(aantal, index=s.index, dtype="Int64"), fout


def normaliseer_postcode(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    t = zonder_witruimte(tekst(s).str.upper())
    ok = t.str.fullmatch(r"[1-9][0-9]{3}[A-Z]{2}")
    if not ok.all():
        t = t.where(ok, ascii_cijfers(t[~ok]).str.upper())
        ok = t.str.fullmatch(r"[1-9][0-9]{3}[A-Z]{2}")
    fout = ~ok
    if fout.any():  # an unreadable postcode is a finding unless it means 'nothing'
        fout[fout] = ~t[fout].str.lower().isin(LEGE_WAARDEN)
    return t.where(ok, None), fout


def normaliseer_woningtype(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """eengezins / meergezins from the many terms exports use; unknown -> 'onbekend'.

    Worked out once per distinct term (an export has a handful) and spread over the rows."""
    codes, uniek = pd.factorize(tekst(s))
    w, onbekend = _normaliseer_woningtype(pd.Series(uniek, dtype=object))
    return (pd.Series(pd.array(w.to_numpy(object), dtype="str").take(codes), index=s.index),
            pd.Series(onbekend.to_numpy(bool)[codes], index=s.index))


def _normaliseer_woningtype(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    n = map_uniek(s, normaliseer)
    w = n.map(WONINGTYPE_MAP)
    onbekend = w.isna() & (n != "")
    deel = n[onbekend]
    if not deel.empty:  # 'Eengezinswoning (tussen)' and the like
        gevonden = deel.map(lambda x: "meergezins" if any(k in x for k in ("flat", "appartement", "meergezins", "etage", "portiek", "galerij"))
                            else ("eengezins" if any(k in x for k in ("eengezins", "woning", "rij", "hoek", "tussen", "vrijstaand")) else None))
        w.loc[gevonden.index] = gevonden
        onbekend = w.isna() & (n != "")
    return w.fillna("onbekend"), onbekend


def _meld(bev: Bevindingen, ruw: RuweTabel, masker: pd.Series, kolom: str, bronkolom: str | None,
          probleem: str, actie: str, sleutels: pd.Series | None = None, *, ernst: str | None = None) -> None:
    if not masker.any():
        return
    rijen = ruw.rijnummers
    waarden = ruw.data[bronkolom] if bronkolom in ruw.data.columns else pd.Series([None] * len(masker), index=masker.index)
    for i in np.flatnonzero(masker.to_numpy()):
        bev.voeg_toe(ruw.bestand, int(rijen.iloc[i]), bronkolom or kolom, waarden.iloc[i], probleem, actie,
                     ernst=ernst, sleutel=None if sleutels is None else sleutels.iloc[i])


def meld_overgeslagen(bev: Bevindingen, ruw: RuweTabel) -> int:
    """Findings for rows the reader skipped and cells it noticed (formulas without a stored result,
    merged data cells); returns how many skipped rows count as data rows."""
    titel = [r for r, w in ruw.overgeslagen if w == "regel boven de kopregel"]
    if titel:
        bev.voeg_toe(ruw.bestand, titel[0], None, None,
                     f"{len(titel)} regel(s) boven de kopregel (rij {ruw.kopregel}) overgeslagen (titelblok)",
                     ACTIE_GEMELD, ernst="info")
    lege = [r for r, w in ruw.overgeslagen if w == "lege regel"]
    if lege:
        bev.voeg_toe(ruw.bestand, lege[0], None, None, f"{len(lege)} lege regel(s) overgeslagen", ACTIE_GEMELD,
                     ernst="info")
    n = 0
    for r, w in ruw.overgeslagen:
        if w not in ("regel boven de kopregel", "lege regel"):
            bev.voeg_toe(ruw.bestand, r, None, None, w, ACTIE_RIJ_AFGEWEZEN)
            n += 1
    blad = f" op blad '{ruw.blad}'" if ruw.blad else ""
    for r, kolom, cel in getattr(ruw, "formules", []):
        bev.voeg_toe(ruw.bestand, r, kolom, None,
                     f"cel {cel}{blad} bevat een formule zonder opgeslagen uitkomst (de werkmap is niet in Excel "
                     "opgeslagen): als leeg gelezen. Open de werkmap in Excel en sla hem op, of plak de waarden",
                     ACTIE_WAARDE_GENEGEERD)
    for r, kolom, bereik, gevuld in getattr(ruw, "samengevoegd", []):
        if gevuld:
            bev.voeg_toe(ruw.bestand, r, kolom, None,
                         f"samengevoegde cellen {bereik}{blad}: de waarde van de eerste cel is voor elke rij van de "
                         "samenvoeging gebruikt", ACTIE_GECORRIGEERD)
        else:
            bev.voeg_toe(ruw.bestand, r, kolom, None,
                         f"samengevoegde cellen {bereik}{blad} over meer kolommen: alleen de eerste cel heeft een "
                         "waarde, de andere zijn als leeg gelezen; maak de samenvoeging ongedaan",
                         ACTIE_GEMELD)
    return n


def _kan_naam_zijn(s: pd.Series, naam: str) -> np.ndarray:
    """False where ``tekst(s).str.lower() == naam`` cannot hold, from the cell lengths alone (no text is read).

    ``strip`` only shortens a cell, and ``lower`` never makes the UTF-8 of a text more than three times as long
    (a cell equal to an ASCII name after ``lower`` has as many characters as the name, so at least as many
    bytes): a cell with fewer bytes than that cannot be the name."""
    pa_array = getattr(s.array, "_pa_array", None)
    if pa_array is None or not naam:
        return np.ones(len(s), dtype=bool)
    import pyarrow.compute as pc
    lengte = pc.fill_null(pc.binary_length(pa_array), 0).to_numpy(zero_copy_only=False)
    nodig = len(naam) if naam.isascii() else -(-len(naam.encode("utf-8")) // 3)
    return lengte >= nodig


def verwijder_extra_kopregels_en_totalen(ruw: RuweTabel, bev: Bevindingen) -> pd.Series:
    """Mask of rows to keep: drops a header repeated mid-file and totals rows, with findings."""
    drempel = max(2, len(ruw.data.columns) // 2)
    namen = {k: str(k).strip().lower() for k in ruw.data.columns}
    # only rows where enough cells are long enough to be their column's name are compared as text
    kan = np.zeros(len(ruw.data), dtype=np.int64)
    for k, naam in namen.items():
        kan += _kan_naam_zijn(ruw.data[k], naam)
    rijen = np.flatnonzero(kan >= drempel)
    gelijk = np.zeros(len(ruw.data), dtype=np.int64)
    if len(rijen):
        deel = ruw.data.iloc[rijen]
        for k, naam in namen.items():
            gelijk[rijen] += (tekst(deel[k]).str.lower() == naam).to_numpy(dtype=bool)
    herhaald = pd.Series(gelijk >= drempel, index=ruw.data.index)
    eerste = tekst(ruw.data.iloc[:, 0]).str.lower() if len(ruw.data.columns) else pd.Series(dtype=str)
    totaal = eerste.str.match(r"^(totaal|totalen|total|som|eindtotaal)\b") & ~herhaald
    _meld(bev, ruw, herhaald, "", None, "kopregel herhaald midden in het bestand", ACTIE_RIJ_AFGEWEZEN)
    _meld(bev, ruw, totaal, "", None, "totaalregel (geen woning)", ACTIE_RIJ_AFGEWEZEN)
    return ~(herhaald | totaal)


def canoniek_en_geteld(ruw: RuweTabel, namen: dict[str, str], extra: dict[str, str] | None,
                       verplicht: list, bev: Bevindingen) -> tuple[pd.DataFrame, dict[str, str], pd.Series]:
    """Rename a raw table to canonical columns, require ``verplicht``, count its rows in.

    Returns (data with canonical names, {canonical: file column}, mask of rows that are data:
    repeated headers and totals rows are rejected with a finding).
    """
    mapping = hernoem(list(ruw.data.columns), namen, extra, bestand=ruw.bestand)
    eis_kolommen(set(mapping.values()), verplicht, bestand=ruw.bestand, gevonden=list(ruw.data.columns))
    bron = {c: k for k, c in mapping.items()}
    d = ruw.data.rename(columns=mapping)
    n_in = len(d) + meld_overgeslagen(bev, ruw)
    bev.boek(ruw.bestand, rijen_in=n_in, afgewezen=n_in - len(d))
    return d, bron, verwijder_extra_kopregels_en_totalen(ruw, bev)


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
    _meld(bev, ruw, geen_vhe, "vhe_id", bron["vhe_id"], "VHE-nummer ontbreekt", ACTIE_RIJ_AFGEWEZEN)
    houd &= ~geen_vhe
    geen_cx = houd & cid.str.lower().isin(LEGE_WAARDEN)
    _meld(bev, ruw, geen_cx, "complex_id", bron["complex_id"], "complexnummer ontbreekt", ACTIE_RIJ_AFGEWEZEN, vhe)
    houd &= ~geen_cx

    uit = pd.DataFrame(index=d.index)
    uit["vhe_id"], uit["complex_id"] = vhe, cid
    if "corporatie" in d:
        corp = tekst(d["corporatie"])
        geen = houd & (corp == "")
        corp = corp.where(~geen, ruw.bestand.rsplit(".", 1)[0])
        _meld(bev, ruw, geen, "corporatie", bron["corporatie"], "corporatie leeg: bestandsnaam gebruikt",
              ACTIE_STANDAARD, vhe)
    else:
        corp = pd.Series(ruw.bestand.rsplit(".", 1)[0], index=d.index)
        bev.voeg_toe(naam, ruw.kopregel, "corporatie", None,
                     "geen kolom corporatie: de bestandsnaam is als corporatie gebruikt", ACTIE_STANDAARD, ernst="info")
    uit["corporatie"] = corp

    if "postcode" in d:
        pc, fout = normaliseer_postcode(d["postcode"])
        _meld(bev, ruw, houd & fout, "postcode", bron["postcode"], "geen geldige postcode (1234AB)",
              ACTIE_WAARDE_GENEGEERD, vhe)
        uit["postcode"] = pc
    else:
        uit["postcode"] = None
    if "huisnummer" in d:
        hn, fout = parse_getal(d["huisnummer"], ".")
        fout |= hn.notna() & ((hn != np.floor(hn)) | (hn < 1) | (hn > 99999))
        _meld(bev, ruw, houd & fout, "huisnummer", bron["huisnummer"], "geen geldig huisnummer",
              ACTIE_WAARDE_GENEGEERD, vhe)
        uit["huisnummer"] = hn.where(~fout).astype("Int64")
    else:
        uit["huisnummer"] = pd.array([pd.NA] * len(d), dtype="Int64")
    toev = tekst(d["toevoeging"]) if "toevoeging" in d else pd.Series("", index=d.index)
    if "huisletter" in d:
        toev = tekst(d["huisletter"]) + toev
    uit["toevoeging"] = zonder_witruimte(toev.str.upper(), "\\-")

    jaar_max = peildatum.year + 5
    if "bouwjaar" in d:
        bj, fout = parse_jaar(d["bouwjaar"], BOUWJAAR_MIN, jaar_max)
        _meld(bev, ruw, houd & fout, "bouwjaar", bron["bouwjaar"],
              f"onmogelijk of onleesbaar bouwjaar (verwacht {BOUWJAAR_MIN}-{jaar_max})", ACTIE_WAARDE_GENEGEERD, vhe)
        _meld(bev, ruw, houd & ~fout & leeg(d["bouwjaar"]) & ~tekst(d["bouwjaar"]).eq(""), "bouwjaar",
              bron["bouwjaar"], "bouwjaar onbekend", ACTIE_GEMELD, vhe, ernst="info")
        uit["bouwjaar"] = bj
    else:
        uit["bouwjaar"] = pd.array([pd.NA] * len(d), dtype="Int64")

    if "woningtype" in d:
        wt, fout = normaliseer_woningtype(d["woningtype"])
        _meld(bev, ruw, houd & fout, "woningtype", bron["woningtype"],
              "onbekend woningtype: behandeld als meergezins", ACTIE_STANDAARD, vhe)
        uit["woningtype"] = wt.replace("onbekend", "meergezins")
    else:
        uit["woningtype"] = "meergezins"
        bev.voeg_toe(naam, ruw.kopregel, "woningtype", None, "geen kolom woningtype: alle woningen als meergezins",
                     ACTIE_STANDAARD, ernst="info")

    if "gbo_m2" in d:
        gbo, fout = parse_getal(d["gbo_m2"], ruw.decimaal)
        fout |= gbo.notna() & ~gbo.between(GBO_MIN_M2, GBO_MAX_M2)
        _meld(bev, ruw, houd & fout, "gbo_m2", bron["gbo_m2"],
              f"gebruiksoppervlakte onleesbaar of buiten {GBO_MIN_M2:.0f}-{GBO_MAX_M2:.0f} m²", ACTIE_WAARDE_GENEGEERD, vhe)
        uit["gbo_m2"] = gbo.where(~fout)
    else:
        uit["gbo_m2"] = np.nan

    # label, EP2, Energie-Index
    if "energielabel" in d:
        ruwlabel = tekst(d["energielabel"])
        lab = map_uniek(ruwlabel, lbl.normaliseer_label)
        fout = lab.isna() & ~ruwlabel.str.lower().isin(LEGE_WAARDEN)
        _meld(bev, ruw, houd & fout, "energielabel", bron["energielabel"],
              "onbekend energielabel (verwacht A++++ t/m G)", ACTIE_WAARDE_GENEGEERD, vhe)
    else:
        lab = pd.Series(None, index=d.index, dtype=object)
    if "ep2_kwh_m2" in d:
        ep2, fout = parse_getal(d["ep2_kwh_m2"], ruw.decimaal)
        buiten = ep2.notna() & ~ep2.between(EP2_MIN_KWH_M2, EP2_MAX_KWH_M2)
        _meld(bev, ruw, houd & fout, "ep2_kwh_m2", bron["ep2_kwh_m2"], "EP2 is geen getal", ACTIE_WAARDE_GENEGEERD, vhe)
        _meld(bev, ruw, houd & buiten, "ep2_kwh_m2", bron["ep2_kwh_m2"],
              f"EP2 buiten het mogelijke bereik ({EP2_MIN_KWH_M2:.0f} tot {EP2_MAX_KWH_M2:.0f} kWh/m²)",
              ACTIE_WAARDE_GENEGEERD, vhe)
        ep2 = ep2.where(~buiten)
        nul = houd & ep2.eq(0) & lab.notna() & lab.ne("A++++")
        _meld(bev, ruw, nul, "ep2_kwh_m2", bron["ep2_kwh_m2"], "EP2 van 0 bij een label dat geen A++++ is: "
              "vermoedelijk een lege waarde", ACTIE_WAARDE_GENEGEERD, vhe)
        ep2 = ep2.where(~nul)
    else:
        ep2 = pd.Series(np.nan, index=d.index)
    if "energie_index" in d:
        ei, fout = parse_getal(d["energie_index"], ruw.decimaal)
        fout |= ei.notna() & ~ei.between(0, 6)
        _meld(bev, ruw, houd & fout, "energie_index", bron["energie_index"],
              "Energie-Index onleesbaar of buiten 0-6", ACTIE_WAARDE_GENEGEERD, vhe)
        ei = ei.where(~fout)
    else:
        ei = pd.Series(np.nan, index=d.index)

    if "label_registratiedatum" in d:
        datum, fout = parse_datum(d["label_registratiedatum"])
        toekomst = datum > pd.Timestamp(peildatum)
        _meld(bev, ruw, houd & fout, "label_registratiedatum", bron["label_registratiedatum"],
              "onleesbare registratiedatum", ACTIE_WAARDE_GENEGEERD, vhe)
        _meld(bev, ruw, houd & toekomst, "label_registratiedatum", bron["label_registratiedatum"],
              f"registratiedatum na de peildatum {peildatum.isoformat()}: label nog niet geldig",
              ACTIE_WAARDE_GENEGEERD, vhe)
        datum = datum.where(~toekomst)
    else:
        datum = pd.Series(pd.NaT, index=d.index, dtype="datetime64[ns]")

    # EP2 decides the class under NTA 8800; the EI decides it for older labels
    ep2_label = pd.Series(lbl.label_uit_ep2(ep2.to_numpy()), index=d.index)
    ei_label = pd.Series(lbl.label_uit_ei(ei.to_numpy()), index=d.index)
    oud = datum < pd.Timestamp(lbl.NTA8800_START)
    tegenspraak = houd & lab.notna() & ep2.notna() & ~oud & (ep2_label != lab)
    if tegenspraak.any():
        _meld(bev, ruw, tegenspraak, "energielabel", bron.get("energielabel"),
              "label past niet bij de EP2 (NTA 8800): de klasse volgens de EP2 is gebruikt", ACTIE_GECORRIGEERD, vhe)
    ei_tegen = houd & lab.notna() & ei.notna() & (ei_label != lab) & ~(ep2.notna() & ~oud)
    _meld(bev, ruw, ei_tegen, "energielabel", bron.get("energielabel"),
          "label past niet bij de Energie-Index: de klasse volgens de Energie-Index is gebruikt", ACTIE_GECORRIGEERD, vhe)
    definitief = lab.copy()
    definitief = definitief.where(~(ep2.notna() & ~oud), ep2_label)
    definitief = definitief.where(~(ei.notna() & ~(ep2.notna() & ~oud)), ei_label)
    definitief = definitief.where(definitief.notna(), ep2_label)
    uit["energielabel"] = definitief
    uit["ep2_kwh_m2"] = ep2
    uit["energie_index"] = ei
    uit["label_registratiedatum"] = datum

    if "gasverbruik_m3" in d:
        gas, fout = parse_getal(d["gasverbruik_m3"], ruw.decimaal)
        fout |= gas.notna() & ~gas.between(0, GAS_MAX_M3)
        _meld(bev, ruw, houd & fout, "gasverbruik_m3", bron["gasverbruik_m3"],
              f"gasverbruik onleesbaar of buiten 0-{GAS_MAX_M3:.0f} m³", ACTIE_WAARDE_GENEGEERD, vhe)
        uit["gasverbruik_m3"] = gas.where(~fout)
    else:
        uit["gasverbruik_m3"] = np.nan

    # the dwelling's state as the export names it; verduurzaming.woning interprets it
    uit["woningtype_export"] = tekst(d["woningtype"]) if "woningtype" in d else ""
    uit["verwarming_export"] = tekst(d["verwarming"]) if "verwarming" in d else ""
    if "warmtebehoefte_kwh_m2" in d:
        q, fout = parse_getal(d["warmtebehoefte_kwh_m2"], ruw.decimaal)
        fout |= q.notna() & ~q.between(0, 1000)
        _meld(bev, ruw, houd & fout, "warmtebehoefte_kwh_m2", bron["warmtebehoefte_kwh_m2"],
              "netto warmtebehoefte onleesbaar of buiten 0-1000 kWh/m²", ACTIE_WAARDE_GENEGEERD, vhe)
        uit["warmtebehoefte_kwh_m2"] = q.where(~fout)
    else:
        uit["warmtebehoefte_kwh_m2"] = np.nan

    for k in COMPLEX_KOLOMMEN:
        if k in d:
            uit["cx_" + k] = d[k]
    uit["bron_bestand"] = naam
    uit["bron_rij"] = ruw.rijnummers.to_numpy()
    uit = uit[houd]
    bev.boek(naam, afgewezen=int((~houd).sum()))
    return uit.reset_index(drop=True)


def _alle_verschillend(s: pd.Series) -> bool:
    """True when the Arrow strings of ``s`` (without missing values) are all different: one hash pass in
    pyarrow (``unique``; ``count_distinct`` is slower), no codes built; False when unsure."""
    pa_array = getattr(s.array, "_pa_array", None)
    if pa_array is None or s.hasnans:
        return False
    import pyarrow.compute as pc
    return len(pc.unique(pa_array)) == len(s)


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


def canonieke_codes(s: pd.Series, soort: str) -> tuple[pd.Series, pd.Series]:
    """CBS codes written canonical; (codes or None, bad mask)."""
    t = tekst(s)
    c = t.map(lambda v: canoniek(v, soort) if v and v.lower() not in LEGE_WAARDEN else None)
    return c, c.isna() & ~t.str.lower().isin(LEGE_WAARDEN)


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
    uit = pd.DataFrame(index=d.index)
    uit["complex_naam"] = tekst(d["complex_naam"]) if "complex_naam" in d else ""
    for k in ("x", "y", "lon", "lat", "dak_geschikt_m2", "pand_oppervlakte_m2", "dak_azimut", "dak_hellingshoek"):
        if k in d:
            w, fout = parse_getal(d[k], decimaal)
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
            w, aantal, fout = parse_janee_of_aantal(d[k], decimaal)
            meld(fout, k, "geen ja/nee-waarde of aantal: als 'nee' gelezen", ACTIE_STANDAARD)
            uit[k] = w
            if k == "pv_panelen_aanwezig":  # exports often give the number of panels
                uit["pv_panelen_aantal"] = aantal
        else:
            uit[k] = False
            if k == "pv_panelen_aanwezig":
                uit["pv_panelen_aantal"] = pd.array([pd.NA] * len(d), dtype="Int64")
    for k, lo, hi in (("sloop_jaar", 2000, 2100), ("onderhoud_jaar", 1990, 2100)):
        if k in d:
            w, fout = parse_jaar(d[k], lo, hi)
            meld(fout, k, f"onmogelijk of onleesbaar jaar (verwacht {lo}-{hi}); 'leeg' of 'n.v.t.' betekent geen")
            uit[k] = w
        else:
            uit[k] = pd.array([pd.NA] * len(d), dtype="Int64")
    return uit
