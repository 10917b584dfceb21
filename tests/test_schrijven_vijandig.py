"""Nothing outside the output folder, ever (issue 21, item 2): hostile folders for every command that writes.

Each case is a planted link, folder or file where the tool writes, checked through the CLI in
``tmp_path``: the exit code, the one Dutch line, that every file outside the output folder and every
file of the user's is byte for byte as it was, and that no link target was created.

- ``demo MAP``: a link where the demo writes (``MAP/scenario.toml`` pointing nowhere or at a file of
  the user's, ``MAP/data`` pointing at another folder, a link deeper down) is refused with exit 2 and
  named, with or without ``--overschrijf``; a full disk leaves no half file.
- recovery: a planted ``.publiceren-*`` or ``.staging-*`` link is never followed (the link itself is
  removed, its target untouched); a foreign ``.publiceren-*`` folder without our journal is left alone;
  the lock and the manifest are never read through a link.
- a folder or link at the name of an output: exit 2 before anything is published, every later run too
  (never a half set, never exit 1).
- an input of the run at the name of an output in ``-o``: exit 2 before anything is read or written.
- a stale file the user changed since the run that wrote it is kept, said so, and no longer listed.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verduurzaming.cli import app
from verduurzaming.scenario import demo_bestanden, demo_map

runner = CliRunner()


def _fout_regel(r) -> str:
    regels = [x for x in r.output.splitlines() if x.startswith("Fout:")]
    assert len(regels) == 1, r.output
    assert "interne fout" not in regels[0] and "Traceback" not in r.output
    return regels[0]


def _alles(map_: Path) -> dict[str, bytes | str]:
    """Every entry under ``map_``: files by content, links by target, folders as 'map'."""
    uit: dict[str, bytes | str] = {}
    for p in sorted(map_.rglob("*")):
        k = str(p.relative_to(map_))
        if p.is_symlink():
            uit[k] = "-> " + os.readlink(p)
        elif p.is_dir():
            uit[k] = "map"
        else:
            uit[k] = p.read_bytes()
    return uit


# ------------------------------------------------------------------ demo MAP


@pytest.mark.parametrize("overschrijf", [False, True], ids=["zonder", "overschrijf"])
def test_demo_volgt_geen_loze_koppeling(tmp_path, overschrijf):
    """A dangling MAP/scenario.toml link: the demo used to create its target elsewhere."""
    doel = tmp_path / "d"
    doel.mkdir()
    elders = tmp_path / "elders" / "buiten.toml"
    elders.parent.mkdir()
    (doel / "scenario.toml").symlink_to(elders)
    r = runner.invoke(app, ["demo", str(doel), *(["--overschrijf"] if overschrijf else [])])
    assert r.exit_code == 2, r.output
    regel = _fout_regel(r)
    assert "scenario.toml is een symbolische koppeling" in regel and "verwijder hem" in regel, regel
    assert not os.path.lexists(elders)
    assert _alles(tmp_path) == {"d": "map", "d/scenario.toml": f"-> {elders}", "elders": "map"}


def test_demo_overschrijft_nooit_via_een_koppeling(tmp_path):
    """With --overschrijf a link to a file of the user's: the file is untouched, the link stays."""
    doel = tmp_path / "d"
    doel.mkdir()
    eigen = tmp_path / "mijn_scenario.toml"
    eigen.write_bytes(b"# van mij\n")
    (doel / "scenario.toml").symlink_to(eigen)
    voor = _alles(tmp_path)
    r = runner.invoke(app, ["demo", str(doel), "--overschrijf"])
    assert r.exit_code == 2, r.output
    assert "scenario.toml is een symbolische koppeling" in _fout_regel(r)
    assert _alles(tmp_path) == voor


@pytest.mark.parametrize("koppeling", ["data", "data/labels", "wijken", "data/labels/woonstede_vhe.csv"])
def test_demo_schrijft_niet_in_een_gekoppelde_map(tmp_path, koppeling):
    """MAP/data (or a folder or file deeper down) is a link to another folder: nothing lands there,
    and nothing is written at all (every path is checked before the first file)."""
    doel = tmp_path / "d"
    elders = tmp_path / "elders"
    elders.mkdir()
    (elders / "van_iemand.csv").write_bytes(b"blijft\n")
    (doel / koppeling).parent.mkdir(parents=True, exist_ok=True)
    (doel / koppeling).symlink_to(elders / "van_iemand.csv" if koppeling.endswith(".csv") else elders)
    voor = _alles(tmp_path)
    r = runner.invoke(app, ["demo", str(doel), "--overschrijf"])
    assert r.exit_code == 2, r.output
    assert f"{doel / koppeling} is een symbolische koppeling" in _fout_regel(r)
    assert _alles(tmp_path) == voor


def test_demo_volgt_geen_koppeling_die_na_de_controle_verschijnt(tmp_path, monkeypatch):
    """The folders are opened with O_NOFOLLOW as well: with the up-front check skipped (a link put in
    place after it), the link is still refused, not followed."""
    from verduurzaming.export import demo as edemo
    monkeypatch.setattr(edemo, "controleer_demo_map", lambda *a, **k: None)
    doel = tmp_path / "d"
    doel.mkdir()
    elders = tmp_path / "elders"
    elders.mkdir()
    (doel / "data").symlink_to(elders)
    (doel / "scenario.toml").symlink_to(tmp_path / "buiten.toml")
    r = runner.invoke(app, ["demo", str(doel), "--overschrijf"])
    assert r.exit_code == 2, r.output
    assert "is een symbolische koppeling" in _fout_regel(r)
    assert list(elders.iterdir()) == [] and not os.path.lexists(tmp_path / "buiten.toml")


def test_demo_schijf_vol_laat_geen_half_bestand(tmp_path, monkeypatch):
    """ENOSPC while the demo writes: exit 2, a Dutch reason, every file there is whole (the one being
    written keeps its previous content), no temp file left."""
    from verduurzaming.export import demo as edemo
    doel = tmp_path / "d"
    assert runner.invoke(app, ["demo", str(doel)]).exit_code == 0
    (doel / "wijken" / "transitievisie.csv").write_bytes(b"mijn versie\n")
    echt, n = os.write, {"i": 0}

    def vol(fd, data):
        n["i"] += 1
        if n["i"] == 6:  # the 6th file: wijken/transitievisie.csv
            echt(fd, bytes(data)[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return echt(fd, data)

    monkeypatch.setattr(edemo.os, "write", vol)
    r = runner.invoke(app, ["demo", str(doel), "--overschrijf"])
    assert r.exit_code == 2, r.output
    regel = _fout_regel(r)
    assert "wijken/transitievisie.csv" in regel and "de schijf is vol" in regel and "geen half bestand" in regel
    assert (doel / "wijken" / "transitievisie.csv").read_bytes() == b"mijn versie\n"
    for b in demo_bestanden():
        if b != Path("wijken/transitievisie.csv"):
            assert (doel / b).read_bytes() == (demo_map() / b).read_bytes(), b
    assert not [p for p in doel.rglob(".*")], "tijdelijk bestand achtergebleven"
