"""Text from input files is data in every output and on the terminal, never template, formula or command.

``helpers_vijandig.SJABLONEN`` puts Jinja expressions (folium/branca render the page twice
through Jinja: ``{{7*191}}`` gave 1337, ``os.popen`` ran a shell command during ``plan``), a
JS template literal, a ``</script>`` break-out, CSV formulas behind a CR or LF, rich markup
(``[/x]`` raised MarkupError, ``[bold]`` styled), an ESC sequence and a NUL byte into every
text field of every input: VHE number, complex number, corporation, complex name, woningtype,
wijk and gemeente name (GeoPackage), wijk name, strategy and note (TVW), scenario and package
names. One real ``plan`` and one ``valideer`` run (subprocesses); then every output is read
back: nothing was evaluated (no 1337, no ``id`` output, no PWNED), the literal text comes
back with only its control characters removed, no cell is a formula (Python's csv reader,
openpyxl and LibreOffice), the CSVs have one record per row, and the terminal shows the text
as written without escape sequences.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import helpers_vijandig as H
import pytest

NAAM_KOLOMMEN = {  # output CSV -> columns that carry input text
    "complexen.csv": ["corporatie", "complex_id", "complex_naam"],
    "plan_complexen.csv": ["corporatie", "complex_id", "complex_naam", "pakket_naam"],
    "plan_corporatie_jaar.csv": ["corporatie"],
}
N = len(H.SJABLONEN)


def _zichtbaar(s: str) -> str:
    """A text as one line shows it (map, terminal): tab, CR and LF as a space."""
    return re.sub(r"[\t\r\n]", " ", s)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    invoer = tmp_path_factory.mktemp("sjabloon_invoer")
    scenario, verwacht = H.bouw_sjabloon_invoer(invoer)
    uit = tmp_path_factory.mktemp("sjabloon_uit")
    r = H.draai_plan(uit, "--scenario", str(scenario))
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    v_uit = tmp_path_factory.mktemp("sjabloon_valideer")
    v = subprocess.run(H.valideer_commando(v_uit, "--scenario", str(scenario)), cwd=H.ROOT, env=H.omgeving(),
                       capture_output=True, text=True, timeout=300)
    assert v.returncode == 0, v.stdout[-3000:] + v.stderr[-3000:]
    return uit, r, v, verwacht


def _alle_tekst(uit: Path) -> dict[str, str]:
    """Every output as text: CSVs and the map as written, the workbook's XML parts, the GeoPackage's attributes."""
    teksten = {}
    for p in sorted(uit.iterdir()):
        if p.suffix in (".csv", ".html"):
            teksten[p.name] = p.read_text(encoding="utf-8-sig")
        elif p.suffix == ".xlsx":
            with zipfile.ZipFile(p) as z:
                for n in z.namelist():
                    if n.endswith(".xml"):
                        teksten[f"{p.name}:{n}"] = z.read(n).decode("utf-8")
        elif p.suffix == ".gpkg":
            for laag, df in H.gpkg_lagen(p).items():
                teksten[f"{p.name}:{laag}"] = df.drop(columns="_wkb", errors="ignore").to_csv(sep="\x1f")
    assert {"kaart.html", "plan_complexen.csv", "bevindingen.csv"} <= set(teksten)
    assert any(k.startswith("verduurzamingsplan.xlsx:") for k in teksten)
    assert any(k.startswith("plan.gpkg:") for k in teksten)
    return teksten


def test_invoer_heeft_elke_payload_in_elk_veld(run):
    _, _, _, verwacht = run
    for veld in ("vhe_id", "complex_id", "corporatie", "complex_naam"):
        assert verwacht[veld] == {H.zonder_stuurtekens(s) for s in H.SJABLONEN}, veld
    assert len(verwacht["wijk_naam"]) == 14


def test_niets_uitgevoerd(run):
    """No template was evaluated: none of 7*191, the output of ``id`` or PW~NED appears anywhere."""
    uit, r, v, _ = run
    teksten = _alle_tekst(uit)
    teksten.update({"plan stdout": r.stdout, "plan stderr": r.stderr,
                    "valideer stdout": v.stdout, "valideer stderr": v.stderr})
    for naam, t in teksten.items():
        for spoor in H.SPOREN:
            assert spoor not in t, f"{naam}: {spoor!r} -- een sjabloon uit de invoer is uitgevoerd"
    for uitvoer in (r, v):
        assert "Traceback" not in uitvoer.stderr and "MarkupError" not in uitvoer.stderr + uitvoer.stdout


def test_geen_stuurtekens_in_uitvoer(run):
    uit, r, v, _ = run
    teksten = _alle_tekst(uit)
    teksten.update({"plan stdout": r.stdout, "plan stderr": r.stderr, "valideer stdout": v.stdout})
    for naam, t in teksten.items():
        assert "\x1b" not in t and "\x00" not in t and "\x9b" not in t, naam
    for p in uit.glob("*.csv"):
        assert b"\x1b" not in p.read_bytes() and b"\x00" not in p.read_bytes(), p.name


def test_stuurtekens_als_bevinding(run):
    """Each cleaned cell is a finding naming file, row and column; the value shows what was removed."""
    uit, _, _, _ = run
    bev = H.lees_csv(uit / "bevindingen.csv")
    st = bev[bev["probleem"].str.contains("stuurtekens verwijderd")]
    gezien = {(b, k) for b, k in zip(st["bestand"], st["kolom"])}
    for verwacht in [("vhe.csv", "VHE-nummer"), ("vhe.csv", "Complexnummer"), ("vhe.csv", "Corporatie"),
                     ("complexen.csv", "Complexnaam"), ("transitievisie.csv", "wijk_naam")]:
        assert verwacht in gezien, (verwacht, sorted(gezien))
    assert ("wijken.gpkg", "wijk_naam") in gezien  # the ESC name (GDAL ends text at NUL)
    tabellen = st[st["bestand"] != "wijken.gpkg"]
    assert tabellen["rij"].str.fullmatch(r"\d+").all()  # CSV rows by number; wijken are dissolved, by code:
    assert (st.loc[st["bestand"] == "wijken.gpkg", "sleutel"].str.fullmatch(r"WK\d{6}")).all()
    assert st["waarde"].str.contains(r"\\x1b|\\x00").all()


# ------------------------------------------------------------------ CSV

def _records(pad: Path) -> list[list[str]]:
    with open(pad, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, delimiter=";"))


@pytest.mark.parametrize("bestand", H.UITVOER_CSV)
def test_csv_een_record_per_rij(run, bestand):
    uit, _, _, _ = run
    records = _records(uit / bestand)
    assert len({len(r) for r in records}) == 1, f"{bestand}: rijen met verschillend aantal velden"
    df = H.lees_csv(uit / bestand)
    assert len(records) == len(df) + 1
    if bestand in ("complexen.csv", "plan_complexen.csv"):
        assert len(df) == N


@pytest.mark.parametrize("bestand", sorted(NAAM_KOLOMMEN))
def test_csv_tekst_komt_terug(run, bestand):
    uit, _, _, verwacht = run
    df = H.lees_csv(uit / bestand)
    for kol in NAAM_KOLOMMEN[bestand]:
        gezien = set()
        for v in df[kol]:
            if kol == "pakket_naam" and v == "":
                continue
            origineel = v[1:] if v.startswith("'") and v[1:] in verwacht[kol] else v
            assert origineel in verwacht[kol], f"{bestand}.{kol}: {v[:60]!r} is geen invoertekst"
            gezien.add(origineel)
        if kol != "pakket_naam":
            assert gezien == verwacht[kol], f"{bestand}.{kol}: ontbreekt {sorted(verwacht[kol] - gezien)}"
        else:
            assert gezien == verwacht[kol]
    for kol in df.columns:
        for v in df[kol]:
            assert not v.lstrip(" \t\r\n").startswith(("=", "@")) or v.startswith("'"), (bestand, kol, v[:60])


@pytest.mark.skipif(shutil.which("libreoffice") is None and shutil.which("soffice") is None,
                    reason="LibreOffice is niet geïnstalleerd")
@pytest.mark.parametrize("bestand", ["plan_complexen.csv", "complexen.csv"])
def test_csv_in_libreoffice_geen_formule_en_evenveel_rijen(run, bestand, tmp_path):
    """LibreOffice imports the CSV (``;``, ``"``, UTF-8): same number of rows, every name one text cell."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    uit, _, _, verwacht = run
    lo = shutil.which("libreoffice") or shutil.which("soffice")
    shutil.copy(uit / bestand, tmp_path / bestand)
    r = subprocess.run([lo, f"-env:UserInstallation=file://{tmp_path}/profiel", "--headless",
                        "--infilter=CSV:59,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp_path),
                        str(tmp_path / bestand)], capture_output=True, text=True, timeout=180)
    xlsx = tmp_path / bestand.replace(".csv", ".xlsx")
    assert xlsx.exists(), r.stdout + r.stderr
    ws = load_workbook(xlsx).active
    rijen = list(ws.iter_rows())
    assert len(rijen) == N + 1
    kop = [c.value for c in rijen[0]]
    for rij in rijen:
        for c in rij:
            assert c.data_type != "f", (c.coordinate, c.value)
    namen = {c.value for c in ws[get_column_letter(kop.index("complex_naam") + 1)][1:]}
    # LibreOffice keeps a CR inside a cell as a line break
    assert {n[1:] if n.startswith("'") else n for n in namen} == \
        {s.replace("\r\n", "\n").replace("\r", "\n") for s in verwacht["complex_naam"]}


# ------------------------------------------------------------------ workbook, GeoPackage, map

def test_werkboek_tekst_en_nooit_formule(run):
    from openpyxl import load_workbook
    uit, _, _, verwacht = run
    pad = uit / "verduurzamingsplan.xlsx"
    for deel, xml in H.werkboek_xml(pad).items():
        assert not re.search(r"<f[\s>/]", xml), f"formule in {deel}"
    wb = load_workbook(pad)
    cellen = {c.value for ws in wb.worksheets for rij in ws.iter_rows() for c in rij if isinstance(c.value, str)}
    for veld in ("corporatie", "complex_id", "complex_naam", "wijk_naam", "pakket_naam"):
        ontbreekt = verwacht[veld] - cellen
        assert not ontbreekt, f"{veld}: {sorted(ontbreekt)}"


def test_geopackage_tekst_intact(run):
    uit, _, _, verwacht = run
    lagen = H.gpkg_lagen(uit / "plan.gpkg")
    for veld in ("complex_naam", "corporatie", "complex_id"):
        assert set(lagen["complexen"][veld]) == verwacht[veld], veld
    assert set(lagen["wijken"]["wijk_naam"]) == verwacht["wijk_naam"]


def test_kaart_toont_letterlijke_tekst(run):
    uit, _, _, verwacht = run
    ruw = (uit / "kaart.html").read_text(encoding="utf-8")
    tekst = H.ontsleutel(ruw)
    for veld in ("complex_naam", "corporatie", "wijk_naam", "gemeente_naam", "pakket_naam"):
        for s in verwacht[veld]:
            assert _zichtbaar(s) in tekst, f"{veld} {s!r} niet letterlijk op de kaart"
    # in the file itself no payload is live: no Jinja delimiter, template literal or script from data
    for s in H.SJABLONEN:
        for stuk in ("{{7*191}}", "{% if", "{# c", "${alert", "<script>alert"):
            assert stuk not in ruw
    assert ruw.lower().count("<script") == ruw.lower().count("</script>")


def test_kaart_sjabloon_wordt_niet_uitgevoerd(tmp_path):
    """schrijf_kaart itself (no subprocess): the quote-less payloads that ran code before the fix."""
    from kaart_helpers import demo_portefeuille, nep_plan, vijandig

    from verduurzaming.export.kaart import schrijf_kaart
    _, p = demo_portefeuille()
    pv = vijandig(p)
    namen = ["Flat {{7*191}}", "{{ lipsum.__globals__.os.popen(dict(id=1)|first).read() }}",
             "{{ (dict(PW=1)|first) ~ (dict(NED=1)|first) }}", "{% if 1 %}X{% endif %}{# c #}"]
    for i, n in enumerate(namen):
        pv.complexen.loc[pv.complexen.index[3 + i], "complex_naam"] = n
    pv.complexen.loc[pv.complexen.index[3], "corporatie"] = namen[0]
    pv.wijken.loc[pv.wijken.index[1], "wijk_naam"] = namen[1]
    pv.wijken["gemeente_naam"] = namen[2]
    pad = schrijf_kaart(nep_plan(pv), pv, tmp_path)
    ruw = pad.read_text(encoding="utf-8")
    for spoor in H.SPOREN:
        assert spoor not in ruw, spoor
    tekst = H.ontsleutel(ruw)
    for n in namen:
        assert n in tekst, n


# ------------------------------------------------------------------ terminal

def test_terminal_toont_tekst_zonder_opmaak_of_escape(run):
    _, r, v, verwacht = run
    for uitvoer, velden in ((r.stdout, ("corporatie", "wijk_naam")), (v.stdout, ("wijk_naam",))):
        for veld in velden:
            for s in verwacht[veld]:
                assert _zichtbaar(s) in uitvoer, f"{veld} {s!r} niet letterlijk in de terminaluitvoer"
        assert "[bold]x" in uitvoer and "[/x]" in uitvoer
        assert "\x1b" not in uitvoer
    assert "\x1b" not in r.stderr + v.stderr


def test_foutmelding_toont_bestandsnaam_als_tekst(tmp_path):
    """An error that names a file: markup and ESC in the name are printed inert (stderr, exit 2)."""
    naam = "[bold]x [link=x]y \x1b[31mrood.csv"  # a file name cannot hold '/' ([/x])
    pad = tmp_path / naam
    pad.write_bytes(b"")
    r = subprocess.run(H.plan_commando(tmp_path / "uit", "--vhe", str(pad)), cwd=H.ROOT, env=H.omgeving(),
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "[bold]x [link=x]y [31mrood.csv" in r.stderr
    assert "\x1b" not in r.stderr and "Traceback" not in r.stderr


def test_voortgang_samenvatting_toont_markup_als_tekst(capsys):
    """``voortgang`` prints status lines with corporation names: '[/x]' and ESC stay inert."""
    import types

    import pandas as pd

    from verduurzaming import cli
    afspraken = pd.DataFrame([{"status": "achter", "afspraak": "E/F/G weg [bold]", "corporatie": "Wonen [/x]\x1b[2J",
                               "doeljaar": 2028, "gerealiseerd_op_peildatum": 3, "prognose_doeljaar": 5}])
    v = types.SimpleNamespace(peildatum=pd.Timestamp("2027-01-01"), afspraken=afspraken, wijzigingen=[],
                              bevindingen=[], samenvatting={"complexen_gerealiseerd": 1, "woningen_gerealiseerd": 2,
                                                            "vertraagd": 0, "efg_start": 4, "efg_nu": 3,
                                                            "vergeleken_met": "vergeleken met het plan uit "
                                                                              "[red]p\x1b[2J.xlsx, blad Planning"})
    cli._samenvatting_voortgang(v)
    uit = capsys.readouterr().out
    assert "[achter] E/F/G weg [bold] — Wonen [/x][2J, 2028" in uit
    assert "vergeleken met het plan uit [red]p[2J.xlsx, blad Planning" in uit   # a file name stays text
    assert "\x1b" not in uit
