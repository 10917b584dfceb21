"""XLSX data rows are read by calamine (fast) and must come out exactly as openpyxl reads them.

Every workbook of the bad-input corpus, the demo and a set of hand-made edge cases is read twice:
with calamine and with it switched off (openpyxl for every row). Rows, row numbers, skipped lines,
header, formulas without results, merged cells and errors must be the same."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

import verduurzaming.io.tabel as T
from verduurzaming._fouten import VerduurzamingFout
from verduurzaming.io.kolommen import VHE_NAMEN, score_functie

HIER = Path(__file__).parent
SCORE = score_functie(VHE_NAMEN, kenmerk="vhe_id")
KOP = ["VHE-nummer", "Complexnummer", "Corporatie", "Energielabel", "Bouwjaar", "Registratiedatum", "Monument"]


def _lees(pad: Path, calamine: bool, monkeypatch) -> tuple:
    with monkeypatch.context() as m:
        if not calamine:
            m.setattr(T, "_datarijen_calamine", lambda *a, **k: None)
        try:
            r = T.lees_tabel(pad, SCORE)
        except VerduurzamingFout as e:
            return ("fout", str(e))
    return ("ok", r.data.to_dict("list"), list(r.rijnummers), r.overgeslagen, r.kopregel, r.blad,
            r.formules, r.samengevoegd)


def _zonder_preserve(pad: Path) -> Path:
    """The workbook as some exporters write it: no xml:space="preserve" on texts with edge whitespace."""
    uit = pad.with_name(pad.stem + "_zonder_preserve.xlsx")
    with zipfile.ZipFile(pad) as zin, zipfile.ZipFile(uit, "w") as zout:
        for deel in zin.infolist():
            inhoud = zin.read(deel.filename)
            if deel.filename.endswith(".xml"):
                inhoud = inhoud.replace(b' xml:space="preserve"', b"")
            zout.writestr(deel, inhoud)
    return uit


def _randgevallen(tmp: Path) -> list[Path]:
    """Workbooks with what calamine might read otherwise: types, edge whitespace, escapes, a late start."""
    paden = []
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "VHE"
    ws.append(["Export woningen"])
    ws.append([])
    ws.append(KOP)
    ws.append([1001, "C1", "Woonstede", " B ", 1975, dt.datetime(2020, 5, 1), True])
    ws.append([1002.0, "C1", "Woonstede", "c\t", 1975.5, dt.datetime(2020, 5, 1, 13, 30), False])
    ws.append(["1003", "C1", "Woonstede", "x", 1234567, dt.date(2021, 1, 2), "ja"])
    ws.append([None, None, None, None, None, None, None])
    ws.append(["1004", "C2", "Woonstede", "\u00a0D", "=1+1", dt.time(12, 30), None])
    ws.append(["1005", "C2", "Woonstede", "E\n", -0.0, 45000, 1])
    ws.merge_cells("B10:B11")
    ws["B10"] = "C3"
    ws["A10"], ws["A11"] = "1006", "1007"
    paden.append(tmp / "randgevallen.xlsx")
    wb.save(paden[-1])
    paden.append(_zonder_preserve(paden[-1]))
    # what calamine reads otherwise (an escaped character, a number beyond 1e15): openpyxl reads these
    for naam, waarde in (("escape", "x_x000D_y"), ("groot_getal", 10**16)):
        wb = openpyxl.Workbook()
        wb.active.append(KOP)
        wb.active.append(["1", "C1", "W", waarde, 1980, "2020-01-01", "nee"])
        paden.append(tmp / f"{naam}.xlsx")
        wb.save(paden[-1])
    # data that begins in column C, row 5
    wb = openpyxl.Workbook()
    ws = wb.active
    for j, k in enumerate(KOP):
        ws.cell(5, 3 + j, k)
    for i in range(3):
        for j, v in enumerate([2000 + i, "C9", "Thuisbaas", "F", 1960, "01-02-2019", "nee"]):
            ws.cell(6 + i, 3 + j, v)
    paden.append(tmp / "laat_begin.xlsx")
    wb.save(paden[-1])
    return paden


def _alle(tmp: Path) -> list[Path]:
    return (sorted((HIER / "data" / "bad").glob("*.xlsx"))
            + sorted((HIER.parent / "verduurzaming" / "demo").rglob("*.xlsx")) + _randgevallen(tmp))


def test_calamine_leest_als_openpyxl(tmp_path, monkeypatch):
    paden = _alle(tmp_path)
    assert len(paden) > 15
    gebruikt = []
    echt = T._datarijen_calamine

    def spion(pad, *a, **k):
        uit = echt(pad, *a, **k)
        if uit is not None:
            gebruikt.append(Path(pad).name)
        return uit

    for pad in paden:
        monkeypatch.setattr(T, "_datarijen_calamine", spion)
        met = _lees(pad, True, monkeypatch)
        monkeypatch.setattr(T, "_datarijen_calamine", echt)
        assert met == _lees(pad, False, monkeypatch), pad.name
    # the typed cells (dates, times, booleans, whole and broken numbers) and a late start went through calamine
    assert {"randgevallen.xlsx", "laat_begin.xlsx", "wonenplus_vhe.xlsx"} <= set(gebruikt)
    assert not {"escape.xlsx", "groot_getal.xlsx", "randgevallen_zonder_preserve.xlsx"} & set(gebruikt)


def test_calamine_leest_een_gewone_export(monkeypatch):
    # the demo's corporation export is read by calamine (not silently by the slow path)
    gelezen = []
    echt = T._datarijen_calamine

    def spion(*a, **k):
        uit = echt(*a, **k)
        gelezen.append(uit is not None)
        return uit

    monkeypatch.setattr(T, "_datarijen_calamine", spion)
    r = T.lees_tabel(HIER.parent / "verduurzaming" / "demo" / "data" / "labels" / "wonenplus_vhe.xlsx", SCORE)
    assert gelezen == [True] and len(r.data) > 1000


@pytest.mark.parametrize("naam", ["xlsx_excel_foutwaarden.xlsx"])
def test_wat_calamine_anders_leest_gaat_via_openpyxl(naam, monkeypatch):
    # error values (#DIV/0!) reach validation as openpyxl gives them; calamine is not asked
    gevraagd = []
    monkeypatch.setattr(T, "_datarijen_calamine", lambda *a, **k: gevraagd.append(1))
    r = T.lees_tabel(HIER / "data" / "bad" / naam, SCORE)
    assert not gevraagd
    assert any(str(v).startswith("#") for kol in r.data.columns for v in r.data[kol])


def test_formules_zonder_kopregel_geen_crash(tmp_path):
    # no recognisable header, a formula in the data: read (validation names the missing columns), no IndexError
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["B3"], ws["C3"], ws["B4"], ws["B6"] = "kop1", "kop2", dt.datetime(2020, 5, 1), "=1+1"
    wb.save(tmp_path / "zonder_kop.xlsx")
    r = T.lees_tabel(tmp_path / "zonder_kop.xlsx", SCORE)
    assert r.formules == []


def test_bytescan_hangt_niet_af_van_de_blokgrens(tmp_path, monkeypatch):
    # the scan reads the sheet XML in blocks: with blocks of 97 bytes most tags and texts cross a boundary,
    # and formulas, merged ranges and what calamine reads otherwise are still found exactly as in one block
    # (the zip bomb and the 48,000-character cell are left out: megabytes in blocks of 97 bytes take minutes)
    for pad in _alle(tmp_path):
        if pad.name in ("xlsx_zipbom.xlsx", "xlsx_lange_cel.xlsx"):
            continue
        try:
            wb = openpyxl.load_workbook(pad, read_only=True)
        except Exception:  # noqa: BLE001 - the corpus holds files openpyxl cannot open
            continue
        try:
            heel = [T._scan_blad(wb, ws) for ws in wb.worksheets]
            monkeypatch.setattr(T, "_XML_BLOK", 97)
            klein = [T._scan_blad(wb, ws) for ws in wb.worksheets]
            monkeypatch.setattr(T, "_XML_BLOK", 1 << 20)
        finally:
            wb.close()
        assert klein == heel, pad.name


def test_calamine_paniek_op_een_datum_buiten_bereik_leest_via_openpyxl(tmp_path):
    """A date-formatted cell of -1e17 makes calamine panic inside Rust (chrono: 'TimeDelta::milliseconds out of
    bounds', a pyo3 PanicException, which is no Exception): the sheet is read by openpyxl instead, never a
    crash (found by the fuzz test on a mangled workbook)."""
    import openpyxl

    from verduurzaming.io.kolommen import VHE_NAMEN, score_functie
    from verduurzaming.io.tabel import lees_tabel

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["vhe_id", "complex_id", "bouwjaar", "registratiedatum"])
    ws.append(["1", "A", 1970, -1e17])
    ws["D2"].number_format = "yyyy-mm-dd hh:mm:ss"
    pad = tmp_path / "datum_buiten_bereik.xlsx"
    wb.save(pad)
    t = lees_tabel(pad, score_functie(VHE_NAMEN))
    assert list(t.data["vhe_id"]) == ["1"] and len(t.data) == 1
