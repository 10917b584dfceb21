"""Readers against hostile files (issue 11), beyond the one-file-per-case table of test_slechte_invoer:
files of the same name in different folders, the scenario's layer choice, findings that cannot grow
without bound, formulas with and without a stored result, and rows in = used + rejected throughout."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from verduurzaming._fouten import InvoerFout
from verduurzaming.bevindingen import Bevindingen, weergavenamen
from verduurzaming.cli import app
from verduurzaming.io.grenzen import MAX_CEL_TEKENS, MAX_WAARDE_TEKENS
from verduurzaming.io.kolommen import VHE_NAMEN, score_functie
from verduurzaming.io.tabel import lees_tabel
from verduurzaming.portefeuille import lees_portefeuille
from verduurzaming.scenario import Scenario, lees_scenario

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "data" / "bad"
GPKG = ROOT / "wijken" / "voorbeeldstad_wijken.gpkg"
runner = CliRunner(env={"COLUMNS": "400", "VERDUURZAMING_DEBUG": None})
_TELLING = re.compile(r"^\s+(.+?): (\d+) in, (\d+) gebruikt, (\d+) afgewezen", re.M)


def _klopt(bev: Bevindingen) -> None:
    for naam, b in bev.boekhouding.items():
        assert b.klopt, (naam, b)


def test_zelfde_naam_in_twee_mappen_apart_geboekt(tmp_path):
    """Two exports both called vhe.csv: each is booked under its own folder, with its full path."""
    tekst = (BAD / "_basis_vhe.csv").read_text(encoding="utf-8")
    a, b = tmp_path / "noord" / "vhe.csv", tmp_path / "zuid" / "vhe.csv"
    a.parent.mkdir()
    b.parent.mkdir()
    a.write_text(tekst, encoding="utf-8")
    # the second corporation: other VHE numbers, one row with a bad postcode for a finding
    b.write_text(tekst.replace("Testcorporatie", "Zuiderwoon").replace("200000", "300000")
                 .replace("9961 AB;12", "99X;12"), encoding="utf-8")
    r = runner.invoke(app, ["valideer", "--vhe", str(a), "--vhe", str(b), "--complexen", str(BAD / "_basis_complexen.csv"),
                            "--wijken", str(GPKG), "--uitvoer", str(tmp_path / "uit")])
    assert r.exit_code == 0, r.output
    tellingen = {m[0]: tuple(int(x) for x in m[1:]) for m in _TELLING.findall(r.output)}
    assert tellingen["noord/vhe.csv"] == (6, 6, 0) and tellingen["zuid/vhe.csv"] == (6, 6, 0), tellingen
    assert "vhe.csv" not in tellingen
    bev = pd.read_csv(tmp_path / "uit" / "bevindingen.csv", sep=";", dtype=str, encoding="utf-8-sig",
                      keep_default_na=False)
    assert ((bev["bestand"] == "zuid/vhe.csv") & bev["probleem"].str.contains("postcode")).any(), bev.to_string()

    p = lees_portefeuille(Scenario(basismap=tmp_path, vhe=[a, b], wijken=GPKG))
    bh = p.bevindingen.boekhouding_frame().set_index("bestand")
    assert bh.loc["noord/vhe.csv", "pad"] == str(a.resolve())
    assert bh.loc["zuid/vhe.csv", "pad"] == str(b.resolve())
    assert set(p.woningen["bron_bestand"]) == {"noord/vhe.csv", "zuid/vhe.csv"}
    _klopt(p.bevindingen)


def test_weergavenamen_onderscheiden_en_blijven_kort():
    namen = weergavenamen(["/d/a/x/vhe.csv", "/d/b/x/vhe.csv", "/d/tvw.csv"])
    assert namen == {"/d/a/x/vhe.csv": "a/x/vhe.csv", "/d/b/x/vhe.csv": "b/x/vhe.csv", "/d/tvw.csv": "tvw.csv"}
    bev = Bevindingen()
    bev.registreer(["/d/a/vhe.csv"])
    assert bev.naam("/d/a/vhe.csv") == "vhe.csv"
    assert bev.naam("/d/b/vhe.csv") == "b/vhe.csv"  # a later file never renames an earlier one


def test_wijken_laag_kiest_uit_twee_lagen(tmp_path):
    """Without wijken_laag the first of two equal layers is taken with a warning; the scenario picks the other."""
    basis = {"basismap": tmp_path, "vhe": [BAD / "_basis_vhe.csv"], "complexen": [BAD / "_basis_complexen.csv"],
             "wijken": BAD / "wijken_twee_lagen.gpkg"}
    p = lees_portefeuille(Scenario(**basis))
    f = p.bevindingen.als_tabel()
    melding = f[f["probleem"].str.contains("lagen met wijken", regex=False)]
    assert len(melding) == 1 and melding["ernst"].iloc[0] == "waarschuwing"
    assert "wijken_2023, wijken_2024" in melding["probleem"].iloc[0] and melding["waarde"].iloc[0] == "wijken_2023"

    toml = tmp_path / "scenario.toml"
    toml.write_text(f'[invoer]\nvhe = "{BAD / "_basis_vhe.csv"}"\ncomplexen = "{BAD / "_basis_complexen.csv"}"\n'
                    f'wijken = "{BAD / "wijken_twee_lagen.gpkg"}"\nwijken_laag = "wijken_2024"\n', encoding="utf-8")
    p = lees_portefeuille(lees_scenario(toml))
    f = p.bevindingen.als_tabel()
    assert not f["probleem"].str.contains("lagen met wijken", regex=False).any()
    assert len(p.wijken) == 14
    _klopt(p.bevindingen)


def test_bevinding_herhaalt_geen_onbegrensde_waarde():
    bev = Bevindingen()
    bev.voeg_toe("x.csv", 2, "EP2", "9" * 1_000_000, "p" * 50_000, "waarde genegeerd", sleutel="k" * 10_000)
    b = bev.items[0]
    assert len(b.waarde) == MAX_WAARDE_TEKENS + 1 and b.waarde.endswith("…")
    assert len(b.probleem) <= 5 * MAX_WAARDE_TEKENS + 1 and len(b.sleutel) == MAX_WAARDE_TEKENS + 1


def test_lange_onleesbare_waarde_in_bevindingen_ingekort(tmp_path):
    """A 30,000-character EP2 (within the cell limit) becomes a finding with a value of 200 characters + '…'."""
    regels = (BAD / "_basis_vhe.csv").read_text(encoding="utf-8").splitlines()
    velden = regels[2].split(";")
    velden[10] = "x" * 30_000  # EP2
    regels[2] = ";".join(velden)
    p = tmp_path / "vhe.csv"
    p.write_text("\n".join(regels) + "\n", encoding="utf-8")
    r = runner.invoke(app, ["valideer", "--vhe", str(p), "--uitvoer", str(tmp_path / "uit")])
    assert r.exit_code == 0, r.output
    bev = (tmp_path / "uit" / "bevindingen.csv").read_text(encoding="utf-8-sig")
    assert len(bev) < 5_000
    assert "x" * MAX_WAARDE_TEKENS + "…" in bev


def test_cel_boven_de_grens_in_csv_noemt_rij_en_kolom(tmp_path):
    regels = (BAD / "_basis_vhe.csv").read_text(encoding="utf-8").splitlines()
    velden = regels[5].split(";")
    velden[1] = "C" * (MAX_CEL_TEKENS + 1)
    regels[5] = ";".join(velden)
    p = tmp_path / "vhe.csv"
    p.write_text("\n".join(regels) + "\n", encoding="utf-8")
    with pytest.raises(InvoerFout, match=r"vhe.csv, rij 6, kolom 'Complexnummer': de cel is 32.768 tekens lang"):
        lees_tabel(p, score_functie(VHE_NAMEN))


def test_meerregelige_opmerking_blijft_toegestaan(tmp_path):
    """A quoted remark over two lines is a legitimate cell, not an unclosed quote."""
    regels = (BAD / "_basis_vhe.csv").read_text(encoding="utf-8").splitlines()
    regels[0] += ";Opmerking"
    regels[1:] = [r + ";" for r in regels[1:]]
    regels[2] += '"dak vervangen in 2019\nzie dossier"'
    p = tmp_path / "vhe.csv"
    p.write_text("\n".join(regels) + "\n", encoding="utf-8")
    ruw = lees_tabel(p, score_functie(VHE_NAMEN))
    assert len(ruw.data) == 6
    assert ruw.data["Opmerking"].iloc[1] == "dak vervangen in 2019\nzie dossier"
    assert ruw.rijnummers.tolist() == [2, 4, 5, 6, 7, 8]


def _met_opgeslagen_uitkomst(bron: Path, doel: Path) -> None:
    """``bron`` with the results of its formulas stored, as Excel does on saving."""
    with zipfile.ZipFile(bron) as z:
        delen = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for naam, inhoud in delen:
            if naam == "xl/worksheets/sheet1.xml":
                for cel, soort, waarde in ((b"J3", b' t="str"', b"E"), (b"K3", b"", b"300.5"), (b"K4", b"", b"230")):
                    inhoud = re.sub(rb'<c r="' + cel + rb'"(?: t="\w+")?><f>(.*?)</f><v\s*/?>(?:</v>)?',
                                    lambda m: b'<c r="' + cel + b'"' + soort + b"><f>" + m[1] + b"</f><v>" + waarde + b"</v>",
                                    inhoud)
            z.writestr(naam, inhoud)
    doel.write_bytes(buf.getvalue())


def test_formules_met_en_zonder_opgeslagen_uitkomst(tmp_path):
    """Without stored results: a warning per cell, the label estimated; with them (saved by Excel): no finding."""
    bron = BAD / "xlsx_formules_zonder_waarde.xlsx"
    p = lees_portefeuille(Scenario(basismap=tmp_path, vhe=[bron]))
    _klopt(p.bevindingen)
    b = p.bevindingen.boekhouding["xlsx_formules_zonder_waarde.xlsx"]
    assert (b.rijen_in, b.rijen_gebruikt, b.rijen_afgewezen) == (6, 6, 0)
    f = p.bevindingen.als_tabel()
    formule = f[f["probleem"].str.contains("formule zonder opgeslagen uitkomst", regex=False)]
    assert sorted(formule["probleem"].str.extract(r"cel (\w+)")[0]) == ["J3", "K3", "K4"]
    assert formule["ernst"].eq("waarschuwing").all()
    w = p.woningen.set_index("vhe_id")
    assert w.loc["2000002", "label_bron"] == "geschat"

    xml = zipfile.ZipFile(bron).read("xl/worksheets/sheet1.xml")
    assert b"<f>" in xml
    opgeslagen = tmp_path / "opgeslagen.xlsx"
    _met_opgeslagen_uitkomst(bron, opgeslagen)
    assert b"<v>300.5</v>" in zipfile.ZipFile(opgeslagen).read("xl/worksheets/sheet1.xml")
    p = lees_portefeuille(Scenario(basismap=tmp_path, vhe=[opgeslagen]))
    f = p.bevindingen.als_tabel()
    assert not f["probleem"].str.contains("formule", regex=False).any(), f.to_string()
    w = p.woningen.set_index("vhe_id")
    assert w.loc["2000002", "energielabel"] == "E" and w.loc["2000002", "label_bron"] == "geregistreerd"
    assert w.loc["2000003", "ep2_kwh_m2"] == 230


def test_postcode_buurt_dubbel_is_afgewezen(tmp_path):
    s = Scenario(basismap=tmp_path, vhe=[BAD / "_basis_vhe.csv"], postcode_buurt=BAD / "postcode_buurt_dubbel.csv")
    p = lees_portefeuille(s)
    b = p.bevindingen.boekhouding["postcode_buurt_dubbel.csv"]
    assert (b.rijen_in, b.rijen_gebruikt, b.rijen_afgewezen) == (6, 5, 1)
    _klopt(p.bevindingen)
    # the first row counts: 9960AA 3 stays in buurt BU99990001, not the repeat's BU99990302
    assert set(p.complexen.set_index("complex_id").loc[["C1"], "buurt_code"]) == {"BU99990001"}


def test_utf16_zonder_bom_en_met_bom_gelijk(tmp_path):
    score = score_functie(VHE_NAMEN)
    zonder = lees_tabel(BAD / "utf16_zonder_bom.csv", score)
    met = lees_tabel(BAD / "scheiding_tab_utf16.txt", score)
    assert zonder.data.to_numpy().tolist() == met.data.to_numpy().tolist()
    be = tmp_path / "be.csv"
    be.write_bytes((BAD / "_basis_vhe.csv").read_text(encoding="utf-8").encode("utf-16-be"))
    assert len(lees_tabel(be, score).data) == 6


def test_oud_xls_als_xlsx_heeft_eigen_melding(tmp_path):
    p = tmp_path / "oud.xlsx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Workbook".encode("utf-16-le") + bytes(600))
    with pytest.raises(InvoerFout, match=r"oud Excel-bestand \(\.xls\)"):
        lees_tabel(p, score_functie(VHE_NAMEN))
    with pytest.raises(InvoerFout, match="beveiligd met een wachtwoord"):
        lees_tabel(BAD / "wachtwoord_beveiligd.xlsx", score_functie(VHE_NAMEN))


def test_rij_met_alleen_formules_verdwijnt_niet(tmp_path):
    """A row whose every cell is a formula without a stored result reads as empty; it is still a data
    row: rejected with a finding and counted, never skipped as a blank line."""
    import openpyxl

    regels = [r.split(";") for r in (BAD / "_basis_vhe.csv").read_text(encoding="utf-8").splitlines()]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "VHE"
    for i, r in enumerate(regels):
        ws.append([f'="{c}"' for c in r] if i == 3 else r)
    p = tmp_path / "formules.xlsx"
    wb.save(p)
    ruw = lees_tabel(p, score_functie(VHE_NAMEN))
    assert ruw.rijnummers.tolist() == [2, 3, 4, 5, 6, 7]
    assert [c for r, _, c in ruw.formules] == [f"{k}4" for k in "ABCDEFGHIJKL"]
    pf = lees_portefeuille(Scenario(basismap=tmp_path, vhe=[p]))
    b = pf.bevindingen.boekhouding["formules.xlsx"]
    assert (b.rijen_in, b.rijen_gebruikt, b.rijen_afgewezen) == (6, 5, 1)
    f = pf.bevindingen.als_tabel()
    assert ((f["rij"] == 4) & f["probleem"].str.contains("VHE-nummer ontbreekt")).any()
    assert ((f["rij"] == 4) & f["probleem"].str.contains("cel A4 op blad 'VHE' bevat een formule")).any()
    _klopt(pf.bevindingen)
