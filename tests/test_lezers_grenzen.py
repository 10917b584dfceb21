"""Resource limits on every reader (issue 21): hostile files that took the machine down or never ended.

* XLSX: one stray value far from the table. calamine builds the block from row 1 to the last cell holding a value
  times the columns it spans: a 5 KB workbook with a value in XFD1048576 asked for 549 GB and aborted the process
  (SIGABRT, no Dutch message, the lock left behind); one in XFD20000 took 86 s and 13 GB. The sheet's real content
  is found in its XML bytes first (``io/bladinhoud.py``) and such a sheet is refused naming the cell.
* A device, FIFO or socket given as an input: ``/dev/zero`` reports size 0 and never ends, a FIFO blocks for ever.
  Every reader accepts a regular file only and reads within a byte budget (``io/bestand.py``).
* A GeoPackage whose wijken layer is a recursive view without end: GDAL ran it to list the layers, SQLite spun and
  ignored Ctrl-C and SIGTERM. The layers are listed with sqlite3 (read-only, with a time limit) and a view is
  never handed to GDAL.

Every case that could take the machine down without the fix runs in a subprocess with an address-space limit
(``RLIMIT_AS``) and a timeout, so that a regression fails the test instead of killing CI.
"""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import helpers_vijandig as H
import openpyxl
import pytest
from openpyxl.styles import Font

import verduurzaming.io.tabel as T
from verduurzaming._fouten import InvoerFout
from verduurzaming.io import bladinhoud as B
from verduurzaming.io.kolommen import VHE_NAMEN, score_functie
from verduurzaming.io.tabel import lees_tabel

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "data" / "bad"
BASIS = BAD / "_basis_vhe.csv"
GPKG = ROOT / "wijken" / "voorbeeldstad_wijken.gpkg"
SCORE = score_functie(VHE_NAMEN)
#: address space of a subprocess: a real run needs well under 1 GB; 549 GB or 13 GB fail at once
GRENS_AS = 4 * 1024**3
SLOT = ".verduurzaming.lock"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _begrens() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GRENS_AS, GRENS_AS))


def _subproces(args: list[str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=H.omgeving(), capture_output=True, text=True,
                          timeout=timeout, preexec_fn=_begrens)


def _plan(uit: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """``verduurzaming plan --uitvoer uit ...`` in a subprocess with a memory limit and a timeout."""
    return _subproces(["-m", "verduurzaming", "plan", "--uitvoer", str(uit), *args], timeout)


def _geweigerd(r: subprocess.CompletedProcess, uit: Path, *teksten: str) -> str:
    """Exit 2 with a Dutch message holding ``teksten``, no traceback, the lock released and nothing written."""
    alles = r.stdout + r.stderr
    assert r.returncode == 2, f"exit {r.returncode}\n{alles[-3000:]}"
    assert "Traceback" not in alles and "Fout:" in alles, alles[-3000:]
    for t in teksten:
        assert t in alles, (t, alles[-3000:])
    rest = sorted(p.name for p in uit.iterdir()) if uit.exists() else []
    assert SLOT not in rest and not rest, rest  # a folder the run made is removed again when nothing was written
    return alles


def _rijen() -> list[list[str]]:
    return [r.split(";") for r in BASIS.read_text(encoding="utf-8").splitlines()]


def _werkmap(pad: Path, waarden: dict[str, object] | None = None, *, stijl: tuple[str, ...] = (),
             samenvoegen: str | None = None) -> Path:
    """The clean six dwellings on sheet 'Blad1' (A1:L7), plus ``waarden`` in cells far away."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad1"
    for r in _rijen():
        ws.append(r)
    for cel, v in (waarden or {}).items():
        ws[cel] = v
    for cel in stijl:
        ws[cel].font = Font(bold=True)
    if samenvoegen:
        ws.merge_cells(samenvoegen)
    wb.save(pad)
    return pad


def _met_blad(bron: Path, doel: Path, xml: bytes) -> Path:
    """``bron`` with its first sheet's XML replaced by ``xml``."""
    with zipfile.ZipFile(bron) as z:
        delen = [(i, z.read(i.filename)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info, inhoud in delen:
            z.writestr(info, xml if info.filename == "xl/worksheets/sheet1.xml" else inhoud)
    doel.write_bytes(buf.getvalue())
    return doel


def _blad_xml(rijen: list[list[str]], *, r_cel: bool = True, r_rij: bool = True, voor: str = "",
              extra: str = "") -> bytes:
    """A sheet written by hand: inline strings, with or without ``r`` on cells and rows, with a namespace prefix
    ``voor`` ('x:') on every element, and ``extra`` (more rows) after the table."""
    def cel(i: int, j: int, v: str) -> str:
        if v == "":  # an empty cell: left out, or <c/> when cells count by position
            return "" if r_cel else f"<{voor}c/>"
        r = f' r="{B.kolomletters(j + 1)}{i}"' if r_cel else ""
        return f'<{voor}c{r} t="inlineStr"><{voor}is><{voor}t>{v}</{voor}t></{voor}is></{voor}c>'

    regels = []
    for i, rij in enumerate(rijen, start=1):
        r = f' r="{i}"' if r_rij else ""
        regels.append(f"<{voor}row{r}>" + "".join(cel(i, j, v) for j, v in enumerate(rij)) + f"</{voor}row>")
    ns = f'xmlns:{voor[:-1]}="{MAIN}"' if voor else f'xmlns="{MAIN}"'
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{voor}worksheet {ns}><{voor}sheetData>'
            + "".join(regels) + extra + f"</{voor}sheetData></{voor}worksheet>").encode("utf-8")


#: reads one file as a VHE export in a subprocess: exit 2 and the message for an InvoerFout
_LEES_EEN = """
import sys
from verduurzaming._fouten import InvoerFout
from verduurzaming.io.kolommen import VHE_NAMEN, score_functie
from verduurzaming.io.tabel import lees_tabel
try:
    lees_tabel(sys.argv[1], score_functie(VHE_NAMEN))
except InvoerFout as e:
    print(e)
    sys.exit(2)
"""


def _tabel(pad: Path) -> tuple:
    r = lees_tabel(pad, SCORE)
    return r.data.to_dict("list"), list(r.rijnummers), r.overgeslagen


# ------------------------------------------------------------------ XLSX: one stray value far from the table

@pytest.mark.parametrize("cel", ["XFD1048576", "XFD20000"])
def test_losse_cel_ver_buiten_de_tabel_geweigerd(tmp_path, cel):
    """The attacker's workbooks: refused at once with exit 2, naming file, sheet, cell and table, lock released
    (before the fix: SIGABRT asking for 549 GB, or 13 GB and 86 s; under the 4 GB limit both abort)."""
    pad = _werkmap(tmp_path / "vhe.xlsx", {cel: "x"})
    assert pad.stat().st_size < 10_000
    uit = tmp_path / "uit"
    t0 = time.perf_counter()
    r = _plan(uit, "--vhe", str(pad))
    _geweigerd(r, uit, "vhe.xlsx", f"cel {cel} op blad 'Blad1' ligt ver buiten de tabel (A1:L7)",
               "Verwijder de inhoud van die cel")
    assert time.perf_counter() - t0 < 30


def test_losse_cel_onder_de_tabel_in_een_kolom_van_de_tabel(tmp_path):
    """A value in A1048576 (a column of the table) would make a million rows: refused, naming the cell."""
    pad = _werkmap(tmp_path / "vhe.xlsx", {"A1048576": "x"})
    with pytest.raises(InvoerFout, match=r"vhe.xlsx: cel A1048576 op blad 'Blad1' ligt ver buiten de tabel \(A1:L7\)"):
        lees_tabel(pad, SCORE)


def test_twee_losse_cellen_genoemd(tmp_path):
    pad = _werkmap(tmp_path / "vhe.xlsx", {"B1048000": "x", "A1048576": "y"})
    with pytest.raises(InvoerFout, match=r"cel A1048576 \(en 1 andere cel daarbuiten\) op blad 'Blad1' ligt ver buiten "
                                         r"de tabel \(A1:L7\)"):
        lees_tabel(pad, SCORE)


def test_losse_cel_dichtbij_wordt_gelezen(tmp_path):
    """A stray value within the limit (A100000: 1.2 million cells) is read: a data row the validation rejects."""
    pad = _werkmap(tmp_path / "vhe.xlsx", {"A100000": "x"})
    r = lees_tabel(pad, SCORE)
    assert list(r.rijnummers) == [2, 3, 4, 5, 6, 7, 100000]


@pytest.mark.parametrize("vorm", ["openpyxl", "zelfsluitend"])
def test_opgemaakte_lege_cellen_tellen_niet(tmp_path, vorm):
    """A styled empty cell in XFD1048576 (as openpyxl writes it, <c ... s="1" t="n"></c>, and self-closing) is
    no content: calamine leaves it out of its block too, and the sheet is read as the clean one."""
    schoon = _werkmap(tmp_path / "schoon.xlsx")
    pad = _werkmap(tmp_path / "stijl.xlsx", stijl=("XFD1048576", "A1048576"))
    if vorm == "zelfsluitend":
        xml = zipfile.ZipFile(pad).read("xl/worksheets/sheet1.xml")
        xml = xml.replace(b'<c r="XFD1048576" s="1" t="n"></c>', b'<c r="XFD1048576" s="1"/>')
        assert b'<c r="XFD1048576" s="1"/>' in xml
        pad = _met_blad(pad, tmp_path / "stijl2.xlsx", xml)
    t0 = time.perf_counter()
    assert _tabel(pad) == _tabel(schoon)
    assert time.perf_counter() - t0 < 5


def test_samenvoeging_ver_buiten_de_tabel_geweigerd(tmp_path):
    """A merged range down to row 1048576 would fill a million rows (4 s, 650 MB): refused, naming the range."""
    pad = _werkmap(tmp_path / "vhe.xlsx", samenvoegen="B2:B1048576")
    with pytest.raises(InvoerFout, match=r"samengevoegde cellen B2:B1048576 op blad 'Blad1' lopen tot rij 1\.048\.576"):
        lees_tabel(pad, SCORE)


def test_samenvoeging_voorbij_kolom_xfd_geen_interne_fout(tmp_path):
    """A merged range 'A2:ZZZZ3' (beyond Excel's last column) made the byte scan's column parser (openpyxl's) raise:
    exit 1. Now the range is read like any other, or the sheet is refused as broken where openpyxl reaches it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad1"
    kop, *rijen = _rijen()
    ws.append(kop)
    for i in range(40):  # the header search (30 rows) stops before the merged ranges at the end of the sheet
        ws.append([str(2000000 + i), *rijen[i % len(rijen)][1:]])
    wb.save(tmp_path / "bron.xlsx")
    xml = zipfile.ZipFile(tmp_path / "bron.xlsx").read("xl/worksheets/sheet1.xml").replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A2:ZZZZ3"/></mergeCells>')
    pad = _met_blad(tmp_path / "bron.xlsx", tmp_path / "vhe.xlsx", xml)
    wb = openpyxl.load_workbook(pad, read_only=True)
    try:
        assert T._scan_blad(wb, wb.worksheets[0])[1] == [(2, 1, 3, B.kolomnummer("ZZZZ"))]
    finally:
        wb.close()
    r = lees_tabel(pad, SCORE)
    assert len(r.data) == 40 and r.samengevoegd[0][2] == "A2:ZZZZ3"


def test_groter_dan_toegestaan_blok_hangt_af_van_de_inhoud():
    assert B.toegestaan(0) == B.MAX_XLSX_BLOK_CELLEN
    assert B.toegestaan(10_000_000) == 10_000_000 * B.MAX_XLSX_BLOK_FACTOR


@pytest.mark.parametrize("vorm", ["zonder_r_op_cellen", "zonder_r", "voorvoegsel"])
def test_andere_schrijfwijzen_gelezen_als_de_gewone(tmp_path, vorm):
    """A sheet not in the common form (cells without r, rows and cells without r, x:-prefixed elements) goes the
    expat way: its content found as openpyxl counts it, read by openpyxl, the same table as the common form."""
    bron = _werkmap(tmp_path / "bron.xlsx")
    gewoon = _met_blad(bron, tmp_path / "gewoon.xlsx", _blad_xml(_rijen()))
    opties = {"zonder_r_op_cellen": {"r_cel": False}, "zonder_r": {"r_cel": False, "r_rij": False},
              "voorvoegsel": {"voor": "x:"}}[vorm]
    ander = _met_blad(bron, tmp_path / f"{vorm}.xlsx", _blad_xml(_rijen(), **opties))
    wb = openpyxl.load_workbook(ander, read_only=True)
    try:
        inhoud = T._scan_blad(wb, wb.worksheets[0])[3]
    finally:
        wb.close()
    assert not inhoud.standaard and (inhoud.max_rij, inhoud.max_kol) == (7, 12)
    assert _tabel(ander) == _tabel(gewoon)


@pytest.mark.parametrize("vorm", ["zonder_r", "voorvoegsel", "groter_dan_in_attribuut", "enkele_aanhalingstekens"])
def test_losse_cel_in_andere_schrijfwijze_geweigerd(tmp_path, vorm):
    """The stray value hidden from a simple scan: in a row and cell without r (row 1048576 by counting), behind a
    namespace prefix, behind a '>' inside an attribute (the tag does not end there) or another quote."""
    bron = _werkmap(tmp_path / "bron.xlsx")
    rijen = _rijen()
    if vorm == "zonder_r":
        xml = _blad_xml(rijen, r_cel=False, extra='<row r="1048575"/><row><c t="inlineStr"><is><t>x</t></is></c></row>')
        cel = "A1048576"
    elif vorm == "voorvoegsel":
        xml = _blad_xml(rijen, voor="x:", extra='<x:row r="20000"><x:c r="XFD20000" t="inlineStr"><x:is><x:t>x</x:t>'
                                                 '</x:is></x:c></x:row>')
        cel = "XFD20000"
    else:
        attribuut = ' x="/>"' if vorm == "groter_dan_in_attribuut" else " x='/>'"
        xml = _blad_xml(rijen, extra=f'<row r="20000"><c r="XFD20000"{attribuut} t="inlineStr"><is><t>x</t></is></c>'
                                     "</row>")
        cel = "XFD20000"
    pad = _met_blad(bron, tmp_path / "vhe.xlsx", xml)
    r = _subproces(["-c", _LEES_EEN, str(pad)])
    assert r.returncode == 2, r.stdout[-2000:] + r.stderr[-2000:]
    assert f"cel {cel} op blad 'Blad1' ligt ver buiten de tabel (A1:L7)" in r.stdout, r.stdout


def test_onleesbare_celverwijzing_is_invoerfout(tmp_path):
    bron = _werkmap(tmp_path / "bron.xlsx")
    xml = _blad_xml(_rijen(), extra='<row r="8"><c r="8A" t="inlineStr"><is><t>x</t></is></c></row>')
    pad = _met_blad(bron, tmp_path / "vhe.xlsx", xml)
    with pytest.raises(InvoerFout, match=r"blad 'Blad1' is niet te lezen: beschadigd of onvolledig"):
        lees_tabel(pad, SCORE)  # openpyxl finds it first, in the header rows
    with pytest.raises(InvoerFout, match=r"vhe.xlsx: blad 'Blad1' bevat een onleesbare celverwijzing r=\"8A\""):
        B.lees_met_expat(io.BytesIO(xml), "Blad1", "vhe.xlsx")


def test_bladinhoud_zoals_calamine(tmp_path):
    """The block found in the bytes is calamine's own (start and end of what it reads), for the workbooks above."""
    from python_calamine import CalamineWorkbook
    gevallen = {"schoon": {}, "ver": {"Z30": "x"}, "links": {"A40": 3}, "stijl": {}}
    for naam, waarden in gevallen.items():
        pad = _werkmap(tmp_path / f"{naam}.xlsx", waarden, stijl=("XFD1048576",) if naam == "stijl" else ())
        wb = openpyxl.load_workbook(pad, read_only=True)
        try:
            inhoud = T._scan_blad(wb, wb.worksheets[0])[3]
        finally:
            wb.close()
        blad = CalamineWorkbook.from_path(str(pad)).get_sheet_by_name("Blad1")
        assert (inhoud.max_rij, inhoud.min_kol, inhoud.max_kol) == (blad.end[0] + 1, blad.start[1] + 1,
                                                                     blad.end[1] + 1), naam


def test_bladinhoud_hangt_niet_af_van_de_blokgrens(tmp_path, monkeypatch):
    """The scan reads the XML in blocks: with blocks of 61 bytes every cell tag and '</c>' crosses a boundary, and
    the block found is the same, empty cells included."""
    pad = _werkmap(tmp_path / "vhe.xlsx", {"P9": "x"}, stijl=("XFD1048576", "Q3"))
    xml = zipfile.ZipFile(pad).read("xl/worksheets/sheet1.xml").replace(b"</row>", b'<c r="R1" s="1"></c></row>', 1)
    pad = _met_blad(pad, tmp_path / "vhe2.xlsx", xml)
    wb = openpyxl.load_workbook(pad, read_only=True)
    try:
        heel = T._scan_blad(wb, wb.worksheets[0])[3]
        monkeypatch.setattr(T, "_XML_BLOK", 61)
        klein = T._scan_blad(wb, wb.worksheets[0])[3]
    finally:
        wb.close()
    assert heel == klein and heel.standaard and (heel.max_rij, heel.max_kol, heel.cellen) == (9, 16, 81)


# ------------------------------------------------------------------ devices, FIFOs, endless inputs

_ROLLEN = """
import json, sys
from pathlib import Path
from verduurzaming._fouten import VerduurzamingFout
from verduurzaming.bevindingen import Bevindingen
from verduurzaming.io.cbs import lees_wijken
from verduurzaming.io.eponline import lees_ep_online
from verduurzaming.io.postcode import lees_postcode_buurt
from verduurzaming.io.realisatie import lees_realisatiebestanden, lees_vorig_plan
from verduurzaming.io.tabel import lees_tabel
from verduurzaming.io.tvw import lees_transitievisie
from verduurzaming.io.kolommen import VHE_NAMEN, score_functie
from verduurzaming.scenario import lees_scenario

rollen = {
    "vhe": lambda p: lees_tabel(p, score_functie(VHE_NAMEN)),
    "ep_online": lambda p: lees_ep_online(p, Bevindingen()),
    "wijken": lambda p: lees_wijken(p, Bevindingen()),
    "transitievisie": lambda p: lees_transitievisie(p, Bevindingen()),
    "postcode_buurt": lambda p: lees_postcode_buurt(p, Bevindingen()),
    "realisatie": lambda p: lees_realisatiebestanden([p], Bevindingen()),
    "vorig_plan": lambda p: lees_vorig_plan(p, Bevindingen()),
    "scenario": lambda p: lees_scenario(p),
}
uit = {}
for pad in sys.argv[1:]:
    for rol, lees in rollen.items():
        try:
            lees(Path(pad))
            uit[f"{Path(pad).name} {rol}"] = "gelezen"
        except VerduurzamingFout as e:
            uit[f"{Path(pad).name} {rol}"] = str(e)
print(json.dumps(uit))
"""


def test_apparaat_fifo_socket_en_map_geweigerd_door_elke_lezer(tmp_path):
    """/dev/zero behind a .csv, .xlsx, .gpkg or .toml name (size 0, endless), a FIFO (blocks for ever), a socket
    and a folder: every reader refuses each with a Dutch InvoerFout, at once (one subprocess, memory-limited)."""
    import socket
    paden = []
    for naam in ("nul.csv", "nul.xlsx", "nul.gpkg", "nul.toml"):
        (tmp_path / naam).symlink_to("/dev/zero")
        paden.append(tmp_path / naam)
    for naam in ("pijp.csv", "pijp.xlsx", "pijp.gpkg"):
        os.mkfifo(tmp_path / naam)
        paden.append(tmp_path / naam)
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(tmp_path / "sok.csv"))
    paden.append(tmp_path / "sok.csv")
    (tmp_path / "map.csv").mkdir()
    paden.append(tmp_path / "map.csv")
    try:
        r = _subproces(["-c", _ROLLEN, *map(str, paden)], timeout=120)
    finally:
        s.close()
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-3000:]
    uit = json.loads(r.stdout.strip().splitlines()[-1])
    assert len(uit) == 8 * len(paden)
    verwacht = {"nul": "is een apparaat (zoals /dev/zero), geen gewoon bestand", "pijp": "is een named pipe (FIFO)",
                "sok": "is een socket, geen gewoon bestand", "map": "is een map, geen bestand"}
    for sleutel, melding in uit.items():
        soort = sleutel.split(".")[0]
        assert verwacht[soort] in melding, (sleutel, melding)


def test_dev_zero_via_symlink_geeft_exit_2_en_geen_slot(tmp_path):
    """The attacker's case through the CLI: a scenario input pointing at /dev/zero passed the size check (0) and
    grew to 21 GB; now exit 2 at once naming the file, lock released, nothing written."""
    (tmp_path / "vhe.csv").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "tvw.csv")
    scenario = tmp_path / "scenario.toml"
    scenario.write_text('[invoer]\nvhe = ["vhe.csv"]\n', encoding="utf-8")
    uit = tmp_path / "uit"
    _geweigerd(_plan(uit, "--scenario", str(scenario)), uit, "vhe.csv: is een apparaat")
    scenario.write_text(f'[invoer]\nvhe = ["{BASIS}"]\ntransitievisie = "tvw.csv"\n', encoding="utf-8")
    _geweigerd(_plan(uit, "--scenario", str(scenario)), uit, "tvw.csv: is een named pipe (FIFO)")


def test_scenario_fifo_en_te_diep_genest(tmp_path):
    os.mkfifo(tmp_path / "scenario.toml")
    uit = tmp_path / "uit"
    _geweigerd(_plan(uit, "--scenario", str(tmp_path / "scenario.toml")), uit, "scenario", "is een named pipe (FIFO)")
    diep = tmp_path / "diep.toml"
    diep.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    from verduurzaming._fouten import ScenarioFout
    from verduurzaming.scenario import lees_scenario
    with pytest.raises(ScenarioFout, match="te diep in elkaar genest"):
        lees_scenario(diep)


def test_bestand_dat_meer_geeft_dan_het_zegt_blijft_binnen_de_grens(tmp_path, monkeypatch):
    """A regular file that reports size 0 but has content (/proc) is read in pieces up to the limit + 1 byte, and
    refused beyond it; /proc/self/status is such a file."""
    from verduurzaming.io import bestand
    proc = Path("/proc/self/status")
    if not proc.exists() or proc.stat().st_size != 0:
        pytest.skip("no /proc with size-0 files here")
    data = bestand.lees_bytes(proc, max_bytes=1 << 20)
    assert data.startswith(b"Name:")
    with pytest.raises(InvoerFout, match="groter dan"):
        bestand.lees_bytes(proc, max_bytes=10)


# ------------------------------------------------------------------ GeoPackage: a recursive view as layer

def _gpkg_met_view(doel: Path, *, ook_contents: bool = False) -> Path:
    """The demo wijken with layer 'wijken' replaced by a recursive view that never yields a row (and, with
    ``ook_contents``, gpkg_contents itself such a view)."""
    shutil.copy(GPKG, doel)
    con = sqlite3.connect(doel)
    kolommen = [r[1] for r in con.execute('PRAGMA table_info("wijken")')]
    con.execute('ALTER TABLE wijken RENAME TO wijken_tabel')
    kies = ", ".join(f'w."{k}"' for k in kolommen)
    con.execute(f"CREATE VIEW wijken AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) "
                f"SELECT {kies} FROM r, wijken_tabel w WHERE r.x < 0")
    con.execute("DELETE FROM gpkg_ogr_contents WHERE table_name = 'wijken'")
    if ook_contents:
        con.execute("ALTER TABLE gpkg_contents RENAME TO gpkg_contents_tabel")
        con.execute("CREATE VIEW gpkg_contents AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) "
                    "SELECT c.* FROM r, gpkg_contents_tabel c WHERE r.x < 0")
    con.commit()
    con.close()
    return doel


def test_gpkg_recursieve_view_als_laag_geweigerd(tmp_path):
    """Named as wijken_laag: exit 2 naming file and layer, at once (before: GDAL listed the layers by running the
    view, SQLite spun for ever and ignored SIGTERM)."""
    gpkg = _gpkg_met_view(tmp_path / "wijken.gpkg")
    scenario = tmp_path / "scenario.toml"
    scenario.write_text(f'[invoer]\nvhe = ["{BASIS}"]\nwijken = "wijken.gpkg"\nwijken_laag = "wijken"\n',
                        encoding="utf-8")
    uit = tmp_path / "uit"
    _geweigerd(_plan(uit, "--scenario", str(scenario)), uit,
               "wijken.gpkg: laag 'wijken' is een view (een opgeslagen zoekvraag), geen tabel")
    # gpkg_contents itself a view: refused too (GDAL reads it on opening the file)
    _gpkg_met_view(tmp_path / "contents.gpkg", ook_contents=True)
    scenario.write_text(f'[invoer]\nvhe = ["{BASIS}"]\nwijken = "contents.gpkg"\n', encoding="utf-8")
    _geweigerd(_plan(uit, "--scenario", str(scenario)), uit,
               "contents.gpkg: de GeoPackage-tabel gpkg_contents is een view")
    assert gpkg.exists()


def test_gpkg_view_overgeslagen_bij_eigen_keuze(tmp_path):
    """Without wijken_laag the view is never run: the buurten layer is used, with a warning naming the view."""
    gpkg = _gpkg_met_view(tmp_path / "wijken.gpkg")
    code = ("import sys, json\nfrom verduurzaming.bevindingen import Bevindingen\nfrom verduurzaming.io.cbs import "
            "lees_wijken\nbev = Bevindingen()\nw = lees_wijken(sys.argv[1], bev)\nprint(json.dumps([len(w), "
            "list(bev.als_tabel()['probleem'])]))\n")
    r = _subproces(["-c", code, str(gpkg)])
    assert r.returncode == 0, r.stderr[-3000:]
    n, problemen = json.loads(r.stdout.strip().splitlines()[-1])
    assert n == 14
    assert any("laag 'wijken' is een view" in p and "laag 'buurten' is gebruikt" in p for p in problemen), problemen


def test_eigen_sqlite_zoekvraag_heeft_een_tijdslimiet():
    from verduurzaming.io.cbs import _Tijdslimiet
    con = sqlite3.connect(":memory:")
    con.set_progress_handler(_Tijdslimiet(0.2), 1000)
    t0 = time.perf_counter()
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        con.execute("WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 100000000) "
                    "SELECT count(*) FROM r").fetchall()
    assert time.perf_counter() - t0 < 5


def test_numpy_scan_en_expat_vinden_hetzelfde(tmp_path):
    """The two ways of :mod:`verduurzaming.io.bladinhoud` agree on a sheet both can read."""
    pad = _werkmap(tmp_path / "vhe.xlsx", {"Q12": "x", "C30": 4})
    xml = zipfile.ZipFile(pad).read("xl/worksheets/sheet1.xml")
    snel = B.Bladinhoud()
    snel.lees_blok(xml, len(xml))
    snel.einde()
    traag = B.lees_met_expat(io.BytesIO(xml), "Blad1", "vhe.xlsx")
    assert snel.standaard and (snel.cellen, snel.max_rij, snel.max_kol) == (traag.cellen, traag.max_rij, traag.max_kol)
