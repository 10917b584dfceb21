"""Determinism: the same inputs give the same plan, the same CSVs byte for byte, the same workbook
cell values, the same GeoPackage attributes and the same map byte for byte.

Two ``verduurzaming plan`` runs (subprocesses with different ``PYTHONHASHSEED``, so set and dict
iteration order of strings differs between them) on the demo and on the hostile-text input.
Ignored: the creation time and the solver's wall-clock seconds in the Samenvatting sheet.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess

import helpers_vijandig as H
import pytest

TIJD_RIJEN = ("Gemaakt op", "planning_seconden")


def _run(uit, seed: str, *args: str) -> None:
    env = H.omgeving() | {"PYTHONHASHSEED": seed}
    r = subprocess.run(H.plan_commando(uit, *args), cwd=H.ROOT, env=env, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]


def _werkboek(pad):
    cellen = H.werkboek_cellen(pad)
    cellen["Samenvatting"] = [r for r in cellen["Samenvatting"]
                              if not (r and isinstance(r[0], str) and r[0].startswith(TIJD_RIJEN))
                              and not any(isinstance(v, dt.datetime) and v.year > 2030 for v in r)]
    # wall-clock seconds per solver run: blank the 'Rekentijd (s)' column of that section
    rijen, kolom = [], None
    for r in cellen["Samenvatting"]:
        if r and r[0] == "Rekenuitkomst per corporatie":
            kolom = r.index("Rekentijd (s)") if "Rekentijd (s)" in r else None
        elif not r or r[0] is None:
            kolom = None
        elif kolom is not None and kolom < len(r):
            r = r[:kolom] + (None,) + r[kolom + 1:]
        rijen.append(r)
    cellen["Samenvatting"] = rijen
    return cellen


@pytest.fixture(scope="module", params=["demo", "vijandig"])
def twee_runs(request, tmp_path_factory):
    args: list[str] = []
    if request.param == "vijandig":
        scenario, _ = H.bouw_vijandige_invoer(tmp_path_factory.mktemp("invoer"))
        args = ["--scenario", str(scenario)]
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    _run(a, "1", *args)
    _run(b, "2", *args)
    return a, b


@pytest.mark.parametrize("naam", H.UITVOER_CSV)
def test_csv_byte_voor_byte(twee_runs, naam):
    a, b = twee_runs
    assert (a / naam).read_bytes() == (b / naam).read_bytes(), naam


def test_werkboek_celwaarden(twee_runs):
    a, b = twee_runs
    wa, wb = _werkboek(a / "verduurzamingsplan.xlsx"), _werkboek(b / "verduurzamingsplan.xlsx")
    assert list(wa) == list(wb)
    for blad in wa:
        assert len(wa[blad]) == len(wb[blad]), blad
        for i, (ra, rb) in enumerate(zip(wa[blad], wb[blad])):
            assert ra == rb, (blad, i, ra[:6], rb[:6])


def test_geopackage_attributen(twee_runs):
    a, b = twee_runs
    la, lb = H.gpkg_lagen(a / "plan.gpkg"), H.gpkg_lagen(b / "plan.gpkg")
    assert list(la) == list(lb)
    for laag in la:
        assert la[laag].equals(lb[laag]), laag


def test_kaart_byte_voor_byte_gelijk(twee_runs):
    a, b = twee_runs
    assert (a / "kaart.html").read_bytes() == (b / "kaart.html").read_bytes()


def test_uitvoer_gewone_bestandsrechten(twee_runs):
    """Every output gets the same permissions as any file the user creates (not mkstemp's 0600)."""
    a, _ = twee_runs
    masker = os.umask(0)
    os.umask(masker)
    for naam in H.UITVOER:
        assert stat.S_IMODE((a / naam).stat().st_mode) == 0o666 & ~masker, naam
