"""Property tests on the readers: arbitrary bytes and mangled demo exports never raise anything but the
tool's own :class:`VerduurzamingFout`, and whenever a portfolio loads, every input row is used or
rejected (``rows in = used + rejected``) and every used dwelling sits in one complex."""

from __future__ import annotations

import datetime as dt
import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from verduurzaming._fouten import VerduurzamingFout
from verduurzaming.bevindingen import Bevindingen
from verduurzaming.io.cbs import lees_wijken
from verduurzaming.io.kolommen import VHE_NAMEN, score_functie
from verduurzaming.io.tabel import lees_tabel
from verduurzaming.portefeuille import lees_portefeuille
from verduurzaming.scenario import Scenario, lees_scenario

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "data" / "labels"
GPKG = ROOT / "wijken" / "voorbeeldstad_wijken.gpkg"

INSTELLING = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SCORE = score_functie(VHE_NAMEN)

# the first 40 dwellings of the demo export (cp1252, ';', CRLF, decimal commas) and their complexes
_VHE_REGELS = (LABELS / "woonstede_vhe.csv").read_bytes().decode("cp1252").splitlines()[:41]
_CX_REGELS = (LABELS / "woonstede_complexen.csv").read_bytes().decode("cp1252").splitlines()[:6]

_KOPPEN = st.sampled_from([b"", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"SQLite format 3\x00",
                           b'{"type": "FeatureCollection", "features": [', b"[invoer]\nvhe = ",
                           ";".join(_VHE_REGELS[0].split(";")).encode("cp1252") + b"\r\n"])
BYTES = st.builds(lambda kop, romp: kop + romp, _KOPPEN, st.binary(max_size=1500))
TEKST = st.text(alphabet=st.characters(codec="utf-8"), max_size=600)
ENCODING = st.sampled_from(["utf-8", "cp1252", "utf-8-sig", "utf-16", "latin-1"])


def _schrijf(map_: Path, naam: str, inhoud: bytes) -> Path:
    p = map_ / naam
    p.write_bytes(inhoud)
    return p


def _klopt(bev: Bevindingen) -> None:
    for naam, b in bev.boekhouding.items():
        assert b.klopt, (naam, b)


def _portefeuille_klopt(p, vhe_namen: list[str]) -> None:
    _klopt(p.bevindingen)
    gebruikt = sum(p.bevindingen.boekhouding[n].rijen_gebruikt for n in vhe_namen if n in p.bevindingen.boekhouding)
    assert gebruikt == len(p.woningen)
    assert int(p.complexen["woningen"].sum()) == len(p.woningen)
    assert not p.woningen.duplicated(["corporatie", "vhe_id"]).any()


# ------------------------------------------------------------------ arbitrary bytes


@INSTELLING
@given(inhoud=BYTES, ext=st.sampled_from([".csv", ".txt", ".xlsx", ".tsv"]))
def test_willekeurige_bytes_lees_tabel(inhoud, ext):
    with tempfile.TemporaryDirectory() as d:
        p = _schrijf(Path(d), "export" + ext, inhoud)
        try:
            ruw = lees_tabel(p, SCORE)
        except VerduurzamingFout:
            return
        assert len(ruw.data) == len(ruw.rijnummers)
        assert all(isinstance(v, str) for v in ruw.data.to_numpy().ravel())


@INSTELLING
@given(inhoud=BYTES, ext=st.sampled_from([".gpkg", ".geojson", ".json"]))
def test_willekeurige_bytes_lees_wijken(inhoud, ext):
    with tempfile.TemporaryDirectory() as d, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GDAL and pandas comment on random bytes; the test is about our errors
        p = _schrijf(Path(d), "wijken" + ext, inhoud)
        bev = Bevindingen()
        try:
            lees_wijken(p, bev)
        except VerduurzamingFout:
            return
        _klopt(bev)


@INSTELLING
@given(inhoud=st.one_of(BYTES, TEKST.map(lambda t: t.encode("utf-8"))))
def test_willekeurige_bytes_lees_scenario(inhoud):
    with tempfile.TemporaryDirectory() as d:
        p = _schrijf(Path(d), "scenario.toml", inhoud)
        try:
            lees_scenario(p)
        except VerduurzamingFout:
            pass


_SCENARIO_DELEN = [
    "[scenario]", "peildatum = 2026-01-01", "peildatum = \"2026-13-01\"", "startjaar = 2030", "eindjaar = 2020",
    "eindjaar = 2500", "deadline = -5", "strikt = 1", "solver_gap = inf", "solver_tijd_s = -1",
    "[invoer]", "vhe = [\"a.csv\", 3]", "vhe = \"\"", "vhe = {a = 1}", "wijken = 5", "wijken_laag = 7",
    "[kolommen]", "vhe_id = \"Eenheid\"", "vhe_id = [1]", "[corporatie.X]", "[corporatie.standaard]",
    "capaciteit_woningen = 1.5", "capaciteit_woningen = -3", "budget_eur = \"veel\"", "budget_eur = 1e400",
    "capaciteit_per_jaar = {2027 = 10, x = 3}", "budget_per_jaar = {2027 = -1}", "budget_per_jaar = 5",
    "[doelen]", "gemiddeld_label = { 2030 = \"B\" }", "onzin = 1", "[gewichten]", "dmjop_korting_pct = \"15\"",
    "dmjop_korting_pct = nan", "[[afspraken]]", "afspraken = 3", "[maatregelen]", "[[vastgelegd]]", "a = 1",
]


@INSTELLING
@given(regels=st.lists(st.sampled_from(_SCENARIO_DELEN), max_size=14))
def test_gemengde_scenario_sleutels(regels):
    """TOML that parses but mixes sections, wrong types and impossible values."""
    with tempfile.TemporaryDirectory() as d:
        p = _schrijf(Path(d), "scenario.toml", "\n".join(regels).encode())
        try:
            lees_scenario(p)
        except VerduurzamingFout:
            pass


@INSTELLING
@given(inhoud=BYTES, ext=st.sampled_from([".csv", ".xlsx"]))
def test_willekeurige_bytes_lees_portefeuille(inhoud, ext):
    with tempfile.TemporaryDirectory() as d:
        p = _schrijf(Path(d), "vhe" + ext, inhoud)
        s = Scenario(basismap=Path(d), vhe=[p], peildatum=dt.date(2026, 1, 1))
        try:
            pf = lees_portefeuille(s)
        except VerduurzamingFout:
            return
        _portefeuille_klopt(pf, [p.name])


# ------------------------------------------------------------------ mangled demo exports

CEL_TEKST = st.one_of(
    st.sampled_from(["", "n.v.t.", "-", "?", "geen", "H", "A+++++", " c ", "Label B", "1.234,5", "9999", "0",
                     "1066", "2150", "-5", "31-02-2020", "20230101", "#DIV/0!", "=1+1", "Totaal", "VHE-nummer",
                     "\"", "'", ";", "\t", "NaN", "inf", "1e308", "WK999900", "ja", "x"]),
    st.text(max_size=12),
)


@st.composite
def verminkte_csv(draw, regels: list[str]) -> bytes:
    kop, data = regels[0], list(regels[1:])
    for _ in range(draw(st.integers(0, 6))):
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        actie = draw(st.sampled_from(["weg", "dubbel", "cel", "cel", "kop", "leeg", "velden"]))
        if actie == "weg":
            data.pop(i)
        elif actie == "dubbel":
            data.insert(draw(st.integers(0, len(data))), data[i])
        elif actie == "cel":
            cellen = data[i].split(";")
            cellen[draw(st.integers(0, len(cellen) - 1))] = draw(CEL_TEKST)
            data[i] = ";".join(cellen)
        elif actie == "kop":
            data.insert(i, kop)
        elif actie == "leeg":
            data.insert(i, draw(st.sampled_from(["", ";;;;", "   "])))
        else:
            data[i] = data[i] + ";" + draw(CEL_TEKST)
    if draw(st.booleans()):
        data = [draw(st.sampled_from(["Overzicht bezit", "Peildatum;01-01-2026", ""]))] * draw(st.integers(1, 3)) \
            + [kop] + data
    else:
        data = [kop] + data
    sep = draw(st.sampled_from([";", ";", ",", "\t", "|"]))
    tekst = "\r\n".join(data) + "\r\n"
    if sep != ";":
        tekst = tekst.replace(";", sep)
    ruw = tekst.encode(draw(ENCODING), errors="replace")
    if draw(st.booleans()):
        ruw = ruw[: draw(st.integers(0, len(ruw)))]
    return ruw


@INSTELLING
@given(vhe=verminkte_csv(_VHE_REGELS), cx=verminkte_csv(_CX_REGELS), met_wijken=st.booleans())
def test_verminkte_demo_csv(vhe, cx, met_wijken):
    with tempfile.TemporaryDirectory() as d, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GDAL and pandas comment on random bytes; the test is about our errors
        pv = _schrijf(Path(d), "woonstede_vhe.csv", vhe)
        pc = _schrijf(Path(d), "woonstede_complexen.csv", cx)
        s = Scenario(basismap=Path(d), vhe=[pv], complexen=[pc], peildatum=dt.date(2026, 1, 1),
                     wijken=GPKG if met_wijken else None)
        try:
            pf = lees_portefeuille(s)
        except VerduurzamingFout:
            return
        _portefeuille_klopt(pf, [pv.name])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cellen=st.lists(st.tuples(st.integers(1, 12), st.integers(1, 19), CEL_TEKST | st.integers() | st.floats()),
                       max_size=8),
       verberg=st.booleans(), kop_leeg=st.booleans())
# a number in a date-formatted cell that is a date in 1677: parses, but does not fit datetime64[ns]
@example(cellen=[(2, 12, -81183)], verberg=False, kop_leeg=False)
def test_verminkte_xlsx(cellen, verberg, kop_leeg):
    """A small WonenPlus-like workbook with cells replaced (text, huge numbers, NaN), optionally hidden."""
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    bron = openpyxl.load_workbook(LABELS / "wonenplus_vhe.xlsx", read_only=True)
    rijen = [list(r) for r in bron.worksheets[0].iter_rows(max_row=12, values_only=True)]
    bron.close()
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rijen:
        ws.append(r)
    for rij, k, w in cellen:
        if isinstance(w, float) and w != w:
            w = "NaN"
        ws.cell(row=rij, column=k, value=w if not isinstance(w, str) else ILLEGAL_CHARACTERS_RE.sub("", w))
    if kop_leeg:
        ws.delete_rows(1)
    if verberg:
        ws2 = wb.create_sheet("Leeg")
        ws2.append(["niets"])
        ws.sheet_state = "hidden"
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "wonenplus.xlsx"
        try:
            wb.save(p)
        except Exception:  # openpyxl refuses some characters: not the reader's problem
            return
        s = Scenario(basismap=Path(d), vhe=[p], peildatum=dt.date(2026, 1, 1))
        try:
            pf = lees_portefeuille(s)
        except VerduurzamingFout:
            return
        _portefeuille_klopt(pf, [p.name])


@pytest.mark.parametrize("ext", [".csv", ".xlsx", ".gpkg", ".toml"])
def test_map_en_ontbrekend_bestand(tmp_path, ext):
    """A folder or a missing path where a file is expected: the tool's own error."""
    (tmp_path / ("map" + ext)).mkdir()
    for p in (tmp_path / ("map" + ext), tmp_path / ("weg" + ext)):
        with pytest.raises(VerduurzamingFout):
            if ext == ".gpkg":
                lees_wijken(p, Bevindingen())
            elif ext == ".toml":
                lees_scenario(p)
            else:
                lees_tabel(p, SCORE)
