"""Typed values from raw text cells: text, numbers, years, dates, yes/no, postcodes, woningtypen, CBS codes.

Readers and validation both use these (a reader that types a column, validation that checks it); they
know nothing of files or findings. Every parser is vectorised (a million dwellings must load in seconds)
and returns the values plus a mask of cells that held something unparseable, so callers can name file,
row and column.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from .codes import canoniek
from .defaults import lees
from .io.kolommen import normaliseer
from .tekst import arrow_kolom

LEGE_WAARDEN = {"", "-", "--", "?", "n.v.t.", "n.v.t", "nvt", "nb", "n.b.", "geen", "onbekend", "nan",
                "none", "null", "#n/a", "n/a", "na", "#nb", "x.x"}
_JA = {"ja", "j", "x", "1", "true", "waar", "y", "yes", "1.0", "wel"}
_NEE = {"nee", "n", "0", "false", "onwaar", "no", "0.0", "niet"}

_WONINGTYPEN = lees("woningtypen.csv")
WONINGTYPE_MAP = dict(zip(_WONINGTYPEN["term"].map(normaliseer), _WONINGTYPEN["woningtype"], strict=False))


_F = TypeVar("_F", bound=Callable[..., Any])
#: below this many cells a parser reads every cell itself (factorising costs more than it saves)
_PER_WAARDE_VANAF = 5000


def per_waarde(functie: _F) -> _F:
    """A cell-by-cell parser of a text Series run once per distinct text and spread over the rows by code.

    An export repeats most of its values (years, dates, postcodes, house numbers, areas), so a million
    cells are a few thousand parses. ``functie`` must be elementwise: a cell's result depends on its text
    alone, not on its neighbours or its index. Returns what ``functie`` returns (a Series or a tuple of
    them), on the caller's index."""
    @functools.wraps(functie)
    def per_uniek(s: pd.Series, *args: Any, **kwargs: Any) -> Any:
        if len(s) < _PER_WAARDE_VANAF:
            return functie(s, *args, **kwargs)
        codes, uniek = pd.factorize(s, use_na_sentinel=False)
        if len(uniek) > len(s) // 2:  # nearly every value its own: spreading would only add a pass
            return functie(s, *args, **kwargs)
        uit = functie(pd.Series(uniek, dtype=s.dtype), *args, **kwargs)
        if isinstance(uit, tuple):
            return tuple(pd.Series(u.array.take(codes), index=s.index) for u in uit)
        return pd.Series(uit.array.take(codes), index=s.index)
    return per_uniek  # type: ignore[return-value]


def unieke_rijen(kolommen: list[pd.Series]) -> tuple[np.ndarray, list[np.ndarray]]:
    """(codes, distinct rows): each row's position among the distinct combinations of its values in
    ``kolommen``, and those combinations as one object array per column (missing values kept), so that a
    function of a row's values runs once per combination (an export has a handful of terms)."""
    codes = np.zeros(len(kolommen[0]), dtype=np.int64)
    per_kolom = []
    for k in kolommen:
        c, u = pd.factorize(k, use_na_sentinel=False)
        breedte = max(len(u), 1)
        # the combination as one integer (mixed radix); hashing those is cheaper than sorting rows
        codes = codes * breedte + c
        per_kolom.append((np.asarray(u, dtype=object), breedte))
    rij, combinaties = pd.factorize(codes)
    uit = []
    for u, breedte in reversed(per_kolom):
        combinaties, i = np.divmod(combinaties, breedte)
        uit.append(u[i])
    return rij, uit[::-1]


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
    return s.map(dict(zip(uniek, (functie(u) for u in uniek), strict=False))).astype(object)


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
    pa_array = arrow_kolom(t)
    if pa_array is None:
        return False
    for deel in pa_array.chunks:
        if deel.null_count or not len(deel):
            if deel.null_count:
                return False
            continue
        soort: Any
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
    pa_array = arrow_kolom(t)
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


@per_waarde
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


@per_waarde
def ontleed_getal(s: pd.Series, decimaal: str = ",") -> tuple[pd.Series, pd.Series]:
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
        w, f = _ontleed_getal_traag(t[rest], decimaal)
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


def _ontleed_getal_traag(t: pd.Series, decimaal: str) -> tuple[pd.Series, pd.Series]:
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
    # 'inf', 'Infinity', '1e999': numbers to Python, never a value in an export (and no integer either)
    waarden = waarden.where(np.isfinite(waarden))
    fout = waarden.isna() & ~leeg_
    return waarden, fout


@per_waarde
def ontleed_jaar(s: pd.Series, minimum: int, maximum: int) -> tuple[pd.Series, pd.Series]:
    """Whole years within [minimum, maximum]; a date gives its year; (Int64 values, bad mask)."""
    t = tekst(s)
    # only a cell with a separator can be a date (three plain substring searches: no regex pass)
    datum = t.str.contains("-", regex=False) | t.str.contains("/", regex=False) | t.str.contains(".", regex=False)
    if datum.any():
        datum_jaar = t[datum].str.extract(r"^(?:\d{1,2}[-/.]\d{1,2}[-/.](\d{4})|(\d{4})-\d{2}-\d{2}.*)$")
        jaar = datum_jaar[0].fillna(datum_jaar[1])
        t = t.copy()
        t[jaar[jaar.notna()].index] = jaar[jaar.notna()]
    w, fout = ontleed_getal(t, ".")
    ok = w.notna() & (w == np.floor(w)) & (w >= minimum) & (w <= maximum)
    fout = fout | (w.notna() & ~ok)
    return w.where(ok).round().astype("Int64"), fout


_DATUMFORMATEN = ("%d-%m-%Y", "%Y-%m-%d", "%Y%m%d", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S",
                  "%d-%m-%y", "%Y/%m/%d")


@per_waarde
def ontleed_datum(s: pd.Series) -> tuple[pd.Series, pd.Series]:
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
            d, f = ontleed_datum(ander)
            uit.loc[d.index[~f]] = d[~f]
            rest.loc[d.index[~f]] = False
    ok = uit.isna() | uit.between(pd.Timestamp("1990-01-01"), pd.Timestamp("2100-12-31"))
    fout = rest | ~ok
    return uit.where(ok), fout


@per_waarde
def ontleed_janee(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Booleans from ja/nee, j/n, x, 1/0, true/false; empty is False; (values, bad mask)."""
    t = tekst(s).str.lower()
    ja, nee = t.isin(_JA), t.isin(_NEE) | t.isin(LEGE_WAARDEN)
    return ja, ~(ja | nee)


def ontleed_janee_of_aantal(s: pd.Series, decimaal: str = ",") -> tuple[pd.Series, pd.Series, pd.Series]:
    """Like :func:`ontleed_janee`, but a whole number is a count (of panels, say): a positive number is
    'ja' and kept as the count, 0 is 'nee'; (values, counts (Int64, NA for ja/nee words), bad mask)."""
    ja, fout = ontleed_janee(s)
    aantal = pd.Series(pd.NA, index=s.index, dtype="Int64")
    if fout.any():
        getal, onleesbaar = ontleed_getal(s[fout], decimaal)
        telbaar = ~onleesbaar & getal.notna() & (getal >= 0) & (getal == np.floor(getal))
        idx = telbaar[telbaar].index
        ja.loc[idx] = getal[idx] > 0
        aantal.loc[idx] = getal[idx].round().astype("int64")
        fout = fout.copy()
        fout.loc[idx] = False
    return ja, pd.Series(aantal, index=s.index, dtype="Int64"), fout


@per_waarde
def normaliseer_toevoeging(s: pd.Series) -> pd.Series:
    """House-number addition as one key: upper case, without whitespace and hyphens ('1 - hoog' -> '1HOOG')."""
    return zonder_witruimte(tekst(s).str.upper(), "\\-")


@per_waarde
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


@per_waarde
def normaliseer_woningtype(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """eengezins / meergezins from the many terms exports use; unknown -> 'onbekend'."""
    w, onbekend = _normaliseer_woningtype(tekst(s).astype(object))
    return (pd.Series(pd.array(w.to_numpy(object), dtype="str"), index=s.index),
            pd.Series(onbekend.to_numpy(bool), index=s.index))


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


def canonieke_codes(s: pd.Series, soort: str) -> tuple[pd.Series, pd.Series]:
    """CBS codes written canonical; (codes or None, bad mask)."""
    t = tekst(s)
    c = t.map(lambda v: canoniek(v, soort) if v and v.lower() not in LEGE_WAARDEN else None)
    return c, c.isna() & ~t.str.lower().isin(LEGE_WAARDEN)


def adres_sleutel(postcode: pd.Series, huisnummer: pd.Series, toevoeging: pd.Series) -> pd.Series:
    """Join key postcode + huisnummer + (huisletter + toevoeging), normalised."""
    t = tekst(toevoeging).str.upper().str.replace(r"[\s\-]+", "", regex=True)
    hn = huisnummer.astype("Int64").astype("string").fillna("")
    return tekst(postcode).str.upper().str.replace(" ", "", regex=False) + "|" + hn + "|" + t
