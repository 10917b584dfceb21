"""`verduurzaming plan` on the demo: every output written, the NPA deadline met."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from verduurzaming.cli import app


def test_plan_demo_schrijft_alles_en_haalt_2028(tmp_path):
    r = CliRunner().invoke(app, ["plan", "--uitvoer", str(tmp_path)])
    assert r.exit_code == 0, r.output
    for naam in ("bevindingen.csv", "complexen.csv", "plan_complexen.csv", "plan_corporatie_jaar.csv",
                 "plan_wijk_jaar.csv", "schendingen.csv", "verduurzamingsplan.xlsx", "kaart.html", "plan.gpkg"):
        assert (tmp_path / naam).stat().st_size > 0, naam
    assert not list(tmp_path.glob(".*.tmp"))
    pj = pd.read_csv(tmp_path / "plan_corporatie_jaar.csv", sep=";", encoding="utf-8-sig")
    na = pj[pj["jaar"] == 2029]
    # after 2028 only exempt dwellings (monument, sloop) may still be E/F/G
    assert (na["n_efg"] == na["efg_vrijgesteld"]).all(), na
    assert "Geen schendingen" in r.output
    assert "Traceback" not in r.output


def test_kaart_per_gemeente(tmp_path):
    r = CliRunner().invoke(app, ["kaart", "--uitvoer", str(tmp_path), "--gemeente", "9999"])
    assert r.exit_code == 0, r.output
    html = (tmp_path / "kaart_GM9999.html").read_text(encoding="utf-8")
    assert "leaflet" in html.lower() and "Molenwijk" in html
    r = CliRunner().invoke(app, ["kaart", "--uitvoer", str(tmp_path), "--gemeente", "GM0001"])
    assert r.exit_code == 2 and "GM9999" in r.output and "Traceback" not in r.output
