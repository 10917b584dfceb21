"""The command line: demo run, exit codes, outputs, Dutch messages without tracebacks."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from verduurzaming.cli import app

runner = CliRunner()


def test_valideer_demo(tmp_path):
    r = runner.invoke(app, ["valideer", "--uitvoer", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert "6.901 woningen in 170 complexen" in r.output
    b = pd.read_csv(tmp_path / "bevindingen.csv", sep=";", encoding="utf-8-sig", dtype=str)
    assert list(b.columns) == ["bestand", "rij", "kolom", "waarde", "probleem", "actie", "ernst", "sleutel"]
    c = pd.read_csv(tmp_path / "complexen.csv", sep=";", decimal=",", encoding="utf-8-sig", dtype={"complex_id": str})
    assert len(c) == 170 and c["woningen"].sum() == 6901
    assert {"n_A++++", "n_G", "n_efg", "ep2_gem_kwh_m2", "vrijgesteld", "vrijstelling_reden"} <= set(c.columns)
    assert set(c["vrijgesteld"]) == {"ja", "nee"}


def test_onbekend_bestand_exit_2_zonder_traceback(tmp_path):
    r = runner.invoke(app, ["valideer", "--vhe", str(tmp_path / "bestaat_niet.csv"), "--uitvoer", str(tmp_path)])
    assert r.exit_code == 2
    assert "bestaat niet" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "bevindingen.csv").exists()


def test_ontbrekende_kolom_noemt_bestand_en_kolom(tmp_path):
    p = tmp_path / "export.csv"
    p.write_text("Adres;Label\nKerkstraat 1;C\n", encoding="utf-8")
    r = runner.invoke(app, ["valideer", "--vhe", str(p), "--uitvoer", str(tmp_path)])
    assert r.exit_code == 2
    assert "export.csv" in r.output and "vhe_id" in r.output and "[kolommen]" in r.output


def test_scenario_kolommen_mapping(tmp_path):
    p = tmp_path / "eigen.csv"
    p.write_text("Eenheidcode X;Cluster;Klasse\n1;A;C\n2;A;E\n", encoding="cp1252")
    sc = tmp_path / "s.toml"
    sc.write_text('[invoer]\nvhe = "eigen.csv"\n[kolommen]\nvhe_id = "Eenheidcode X"\ncomplex_id = "Cluster"\nenergielabel = "Klasse"\n',
                  encoding="utf-8")
    r = runner.invoke(app, ["valideer", "--scenario", str(sc), "--uitvoer", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert "2 woningen in 1 complexen" in r.output and "1 woningen met label E, F of G" in r.output


def test_help_is_nederlands():
    r = runner.invoke(app, ["--help"])
    assert r.exit_code == 0 and "Verduurzamingsplanning" in r.output
    r = runner.invoke(app, ["valideer", "--help"])
    assert "Peildatum" in r.output or "peildatum" in r.output
