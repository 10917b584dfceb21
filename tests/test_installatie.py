"""Installed like real software: the demo as package data, runs without a scenario, names that do not
match, panel counts, and the fast CSV path reading exactly what the csv module path reads."""

from __future__ import annotations

import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from typer.testing import CliRunner

from verduurzaming.cli import app
from verduurzaming.io import tabel as tabelmodule
from verduurzaming.io.kolommen import VHE_NAMEN, score_functie
from verduurzaming.scenario import demo_bestanden, demo_map, demo_scenario_pad

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
DEMO_VHE = demo_map() / "data" / "labels" / "woonstede_vhe.csv"


def _bevindingen(map_: Path) -> pd.DataFrame:
    return pd.read_csv(map_ / "bevindingen.csv", sep=";", encoding="utf-8-sig", dtype=str)


def test_demo_zit_in_het_pakket():
    pad = demo_scenario_pad()
    assert pad.parent == ROOT / "verduurzaming" / "demo" and pad.is_file()
    namen = {str(p) for p in demo_bestanden()}
    assert {"scenario.toml", "data/labels/woonstede_vhe.csv", "data/labels/wonenplus_vhe.xlsx",
            "wijken/voorbeeldstad_wijken.gpkg", "wijken/transitievisie.csv"} <= namen
    # every demo file is matched by the package-data patterns, so a wheel carries it
    import fnmatch
    import tomllib
    patronen = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["verduurzaming"]
    for p in namen:
        assert any(fnmatch.fnmatch(f"demo/{p}", pat) for pat in patronen), p


def test_demo_commando_schrijft_en_weigert_overschrijven(tmp_path):
    doel = tmp_path / "d"
    r = runner.invoke(app, ["demo", str(doel)])
    assert r.exit_code == 0, r.output
    for b in demo_bestanden():
        assert (doel / b).read_bytes() == (demo_map() / b).read_bytes()
    (doel / "scenario.toml").write_text("# aangepast\n", encoding="utf-8")
    r = runner.invoke(app, ["demo", str(doel)])
    assert r.exit_code == 2 and "--overschrijf" in r.output and "Traceback" not in r.output
    assert (doel / "scenario.toml").read_text(encoding="utf-8") == "# aangepast\n"
    r = runner.invoke(app, ["demo", str(doel), "--overschrijf"])
    assert r.exit_code == 0, r.output
    assert (doel / "scenario.toml").read_bytes() == demo_scenario_pad().read_bytes()


def test_demo_kopie_valideert_vanuit_andere_map(tmp_path, monkeypatch):
    """The copied scenario refers to its inputs by relative path: it works from any folder."""
    assert runner.invoke(app, ["demo", str(tmp_path / "d")]).exit_code == 0
    elders = tmp_path / "elders"
    elders.mkdir()
    monkeypatch.chdir(elders)
    r = runner.invoke(app, ["valideer", "-s", str(tmp_path / "d" / "scenario.toml"), "-o", "uit"])
    assert r.exit_code == 0, r.output
    assert "6.901 woningen in 170 complexen" in r.output
    b = _bevindingen(elders / "uit")
    assert not b["probleem"].str.contains("niet voor in de gegevens").any()


def test_zonder_scenario_alleen_de_opdrachtregel(tmp_path):
    """`valideer --vhe X --wijken Y.geojson` without a scenario: nothing from the demo (its wijken_laag,
    its corporations), defaults named in the findings."""
    geojson = tmp_path / "x.geojson"
    gpd.read_file(demo_map() / "wijken" / "voorbeeldstad_wijken.gpkg", layer="wijken").to_file(geojson,
                                                                                           driver="GeoJSON")
    r = runner.invoke(app, ["valideer", "--vhe", str(DEMO_VHE), "--wijken", str(geojson), "-o", str(tmp_path / "u")])
    assert r.exit_code == 0, r.output
    assert "laag" not in r.output
    assert "4.505 woningen" in r.output and "1 corporatie(s)" in r.output
    b = _bevindingen(tmp_path / "u")
    standaard = b[b["kolom"] == '[corporatie."Woonstede Voorbeeldstad"]']
    assert len(standaard) == 1
    assert "geen capaciteit en geen budget" in standaard["probleem"].iloc[0]
    assert "geen grens" in standaard["probleem"].iloc[0]
    assert standaard["bestand"].iloc[0] == "zonder scenario (opdrachtregel)"
    assert "geen grens" in r.output  # said in the terminal summary too
    assert not b["probleem"].str.contains("WonenPlus").any()  # the demo's other corporation did not leak in


def test_zonder_scenario_zonder_vhe_is_een_duidelijke_fout(tmp_path):
    r = runner.invoke(app, ["valideer", "--ep-online", str(demo_map() / "data/labels/ep_online_voorbeeldstad.csv"),
                            "-o", str(tmp_path)])
    assert r.exit_code == 2 and "--vhe" in r.output and "Traceback" not in r.output


def test_scenario_met_onbekende_corporatie_geeft_waarschuwing(tmp_path):
    shutil.copytree(demo_map(), tmp_path / "d")
    s = tmp_path / "d" / "scenario.toml"
    s.write_text(s.read_text(encoding="utf-8").replace('[corporatie."Woonstede Voorbeeldstad"]',
                                                       "[corporatie.Woonstede]"), encoding="utf-8")
    r = runner.invoke(app, ["valideer", "-s", str(s), "-o", str(tmp_path / "u")])
    assert r.exit_code == 0, r.output
    b = _bevindingen(tmp_path / "u")
    fout = b[b["kolom"] == '[corporatie."Woonstede"]']
    assert len(fout) == 1 and fout["ernst"].iloc[0] == "waarschuwing"
    zin = fout["probleem"].iloc[0]
    assert "'Woonstede'" in zin and "bedoelt u 'Woonstede Voorbeeldstad'" in zin
    assert fout["bestand"].iloc[0] == "scenario.toml"
    zonder = b[b["kolom"] == '[corporatie."Woonstede Voorbeeldstad"]']
    assert len(zonder) == 1 and "geen grens" in zonder["probleem"].iloc[0]
    assert not (b["kolom"] == "[corporatie.\"WonenPlus\"]").any()  # WonenPlus has both in the scenario
    assert "bedoelt u 'Woonstede Voorbeeldstad'" in r.output


def test_pv_panelen_als_aantal(tmp_path):
    vhe = tmp_path / "vhe.csv"
    vhe.write_text("VHE;Complex;Corporatie;Energielabel;Zonnepanelen\n"
                   "1;A;C;D;12\n2;A;C;D;12\n3;B;C;E;0\n4;D;C;F;ja\n5;E;C;C;nee\n6;F;C;C;veel\n", encoding="utf-8")
    r = runner.invoke(app, ["valideer", "--vhe", str(vhe), "-o", str(tmp_path / "u")])
    assert r.exit_code == 0, r.output
    c = pd.read_csv(tmp_path / "u" / "complexen.csv", sep=";", encoding="utf-8-sig", dtype=str).set_index("complex_id")
    assert c.loc["A", "pv_panelen_aanwezig"] == "ja" and c.loc["A", "pv_panelen_aantal"] == "12"
    assert c.loc["B", "pv_panelen_aanwezig"] == "nee"
    assert c.loc["D", "pv_panelen_aanwezig"] == "ja" and pd.isna(c.loc["D", "pv_panelen_aantal"])
    b = _bevindingen(tmp_path / "u")
    janee = b[b["probleem"].str.contains("ja/nee", na=False)]
    assert list(janee["sleutel"]) == ["F"]  # only the word that is neither, no warning for numbers


# ------------------------------------------------------------------ the fast CSV path

SCORE = score_functie(VHE_NAMEN, {}, kenmerk="vhe_id")


def _beide(pad: Path, monkeypatch):
    """(fast result, csv-module result), each a RuweTabel or the InvoerFout message."""
    def lees():
        try:
            return tabelmodule.lees_csv(pad, SCORE)
        except Exception as e:  # noqa: BLE001 - compared as text
            return f"{type(e).__name__}: {e}"
    snel = lees()
    with monkeypatch.context() as m:
        m.setattr(tabelmodule, "_lees_csv_snel", lambda *a: None)
        traag = lees()
    return snel, traag


def _gelijk(snel, traag) -> None:
    if isinstance(traag, str) or isinstance(snel, str):
        assert snel == traag
        return
    pd.testing.assert_frame_equal(snel.data, traag.data)
    assert list(snel.rijnummers) == list(traag.rijnummers)
    assert (snel.kopregel, snel.decimaal, snel.overgeslagen) == (traag.kopregel, traag.decimaal, traag.overgeslagen)


@pytest.mark.parametrize("pad", sorted((ROOT / "tests" / "data" / "bad").glob("*.csv")) +
                         sorted((demo_map() / "data" / "labels").glob("*.csv")), ids=lambda p: p.name)
def test_snelle_lezer_leest_wat_de_csv_module_leest(pad, monkeypatch):
    _gelijk(*_beide(pad, monkeypatch))


KOP = "VHE-nummer;Complexnummer;Energielabel;EP2 (kWh/m²);Bouwjaar"
RIJEN = ["1001;12;E;301,5;1965", "1002;12;C;180,25;1971", "1003;13;G;;1930", "1004;13;A;101;2001"]


@pytest.mark.parametrize("regels,einde,codering", [
    (["Export woningen", "peildatum 1-1-2026", "", KOP, *RIJEN], "\r\n", "cp1252"),         # title block, CRLF
    ([KOP, RIJEN[0], "", "   ", RIJEN[1], ";;;;", "\xa0;;;;", RIJEN[2]], "\n", "utf-8"),   # empty lines
    ([KOP, RIJEN[0] + ";;", RIJEN[1] + ";x", RIJEN[2][:6], RIJEN[3]], "\n", "utf-8-sig"),  # too many / too few
    ([KOP, RIJEN[0], KOP, RIJEN[1], "Totaal;2;;;"], "\r\n", "utf-8"),                        # repeated header, totals
    ([KOP.replace(";", ","), "1001,12,E,301.5,1965", "1002,12,C,180,1971"], "\n", "utf-8"),  # comma separated
    ([KOP, *RIJEN], "", "cp1252"),                                                           # no final line break
    ([KOP, "1001;12;E;301,5;1965\r1002;12;C;1,5;1970"], "\n", "utf-8"),                      # a lone CR
    ([KOP, '1001;"12";E;301,5;1965'], "\n", "utf-8"),                                        # quotes: csv module
    ([KOP, " " + RIJEN[0], "\t" + RIJEN[1], " ;;;;", ";;; ;x", "\xe9;;;;", RIJEN[2]], "\n", "cp1252"),  # lines not
    ([KOP, *[" " + r for r in RIJEN * 400], " ;;;;", RIJEN[3]], "\r\n", "utf-8"),             # starting visibly
])
def test_snelle_lezer_randgevallen(tmp_path, monkeypatch, regels, einde, codering):
    pad = tmp_path / "v.csv"
    pad.write_bytes((einde.join(regels) + einde).encode(codering))
    snel, traag = _beide(pad, monkeypatch)
    _gelijk(snel, traag)


def test_snelle_lezer_wordt_gebruikt(tmp_path, monkeypatch):
    """The bulk case really takes the pyarrow path (and keeps the file's row numbers)."""
    pad = tmp_path / "v.csv"
    pad.write_bytes(("Titel\r\n\r\n" + "\r\n".join([KOP, *RIJEN * 50]) + "\r\n").encode("cp1252"))
    tekst = pad.read_bytes().decode("cp1252")
    snel = tabelmodule._lees_csv_snel(tekst, SCORE, "v.csv")
    assert snel is not None and len(snel.data) == 200
    assert list(snel.rijnummers[:3]) == [4, 5, 6] and snel.overgeslagen == [(1, "regel boven de kopregel")]
