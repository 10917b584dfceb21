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
import hashlib
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verduurzaming.cli import app
from verduurzaming.export.atomair import JOURNAAL, MANIFEST, SLOT, UitvoerFout, Uitvoermap, lees_manifest
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


# ------------------------------------------------------------------ the output folder: recovery, lock, manifest

DEMO_VHE = demo_map() / "data" / "labels" / "woonstede_vhe.csv"
DEMO_COMPLEXEN = demo_map() / "data" / "labels" / "woonstede_complexen.csv"


def _geen_werk(monkeypatch):
    """Reading the portfolio fails the test: the refusal must come before any input is read."""
    import verduurzaming.portefeuille as pf

    def nooit(*a, **k):
        raise AssertionError("de invoer is gelezen voordat de uitvoermap gecontroleerd was")

    monkeypatch.setattr(pf, "lees_portefeuille", nooit)


def _valideer(map_: Path, *extra: str):
    return runner.invoke(app, ["valideer", "--vhe", str(DEMO_VHE), "--uitvoer", str(map_), *extra])


def _elders(tmp_path: Path) -> Path:
    """Another folder with files that must never move: what a planted link points at."""
    e = tmp_path / "elders"
    e.mkdir()
    (e / "geheim.csv").write_bytes(b"van iemand anders\n")
    (e / "kaart.html").write_bytes(b"<p>niet van ons</p>\n")
    (e / JOURNAAL).write_text(json.dumps({"run": "x", "bestanden": ["geheim.csv", "kaart.html"],
                                          "verwijderen": ["README.md"]}), encoding="utf-8")
    return e


def test_geplante_publicatiekoppeling_wordt_niet_gevolgd(tmp_path):
    """A .publiceren-* link to another folder: its files used to be moved into the output folder.
    Now the link (ours by name) is removed, its target left exactly as it was, and the run says so."""
    elders = _elders(tmp_path)
    map_ = tmp_path / "uit"
    map_.mkdir()
    (map_ / "README.md").write_bytes(b"van de gebruiker\n")
    (map_ / ".publiceren-999999999-abcd").symlink_to(elders)
    voor = _alles(elders)
    r = _valideer(map_)
    assert r.exit_code == 0, r.output
    assert "symbolische koppeling" in r.output and "niet gevolgd" in r.output
    assert _alles(elders) == voor
    assert sorted(p.name for p in map_.iterdir()) == ["README.md", "bevindingen.csv", "complexen.csv", MANIFEST]
    assert (map_ / "README.md").read_bytes() == b"van de gebruiker\n"


def test_geplante_stagingkoppeling_wordt_niet_gevolgd(tmp_path):
    elders = _elders(tmp_path)
    map_ = tmp_path / "uit"
    map_.mkdir()
    (map_ / ".staging-999999999-abcd").symlink_to(elders)
    voor = _alles(elders)
    with Uitvoermap(map_, "test") as um:
        assert any("niet gevolgd" in m for m in um.meldingen), um.meldingen
    assert _alles(elders) == voor and list(map_.iterdir()) == []


def test_vreemde_publicatiemap_blijft_onaangeroerd(tmp_path):
    """A real .publiceren-* folder without our journal (or with a journal that is a link) is not ours:
    nothing in it moves, it stays, and the run says so."""
    map_ = tmp_path / "uit"
    map_.mkdir()
    vreemd = map_ / ".publiceren-999999999-abcd"
    vreemd.mkdir()
    (vreemd / "a.csv").write_bytes(b"vreemd\n")
    gekoppeld = map_ / ".publiceren-999999999-ef01"
    gekoppeld.mkdir()
    (gekoppeld / "b.csv").write_bytes(b"vreemd\n")
    (gekoppeld / JOURNAAL).symlink_to(_elders(tmp_path) / JOURNAAL)
    voor = _alles(map_)
    with Uitvoermap(map_, "test") as um:
        assert sum("geen journaal van verduurzaming" in m for m in um.meldingen) == 2, um.meldingen
    assert _alles(map_) == voor


def test_journaal_verwijdert_geen_bestand_van_de_gebruiker_en_verplaatst_geen_koppeling(tmp_path):
    """Our own publication folder, tampered with: a journal that lists a file of the user's as obsolete
    does not remove it (the manifest never recorded it), and a link inside is not moved into place."""
    elders = _elders(tmp_path)
    map_ = tmp_path / "uit"
    map_.mkdir()
    (map_ / "README.md").write_bytes(b"van de gebruiker\n")
    pub = map_ / ".publiceren-999999999-abcd"
    pub.mkdir()
    (pub / "a.csv").write_bytes(b"a\n")
    (pub / "b.csv").symlink_to(elders / "geheim.csv")
    (pub / JOURNAAL).write_text(json.dumps({"run": "999999999-abcd", "bestanden": ["a.csv", "b.csv"],
                                            "verwijderen": ["README.md"]}), encoding="utf-8")
    voor = _alles(elders)
    with Uitvoermap(map_, "test"):
        pass
    assert _alles(map_) == {"README.md": b"van de gebruiker\n", "a.csv": b"a\n"}
    assert _alles(elders) == voor


def test_manifest_via_koppeling_wordt_niet_gelezen(tmp_path):
    """uitvoer_manifest.csv planted as a link to a manifest elsewhere that lists the user's README.md as
    written by 'valideer': the next valideer used to remove README.md as stale. Now exit 2 before any
    input is read, README.md and the other manifest untouched."""
    map_ = tmp_path / "uit"
    map_.mkdir()
    (map_ / "README.md").write_bytes(b"van de gebruiker\n")
    sha = hashlib.sha256(b"van de gebruiker\n").hexdigest()
    vals = tmp_path / "vals_manifest.csv"
    vals.write_text(f"bestand;run;commando;geschreven;bytes;sha256\nREADME.md;r0;valideer;;17;{sha}\n",
                    encoding="utf-8")
    (map_ / MANIFEST).symlink_to(vals)
    voor = _alles(tmp_path)
    r = _valideer(map_)
    assert r.exit_code == 2, r.output
    regel = _fout_regel(r)
    assert f"{map_ / MANIFEST} is een symbolische koppeling" in regel and "er is niets geschreven" in regel, regel
    assert _alles(tmp_path) == voor


def test_slot_via_koppeling_wordt_niet_gevolgd(tmp_path):
    """A lock planted as a link to a file elsewhere: that file is neither read as our lock nor changed;
    the link is replaced by our own lock and removed at the end."""
    map_ = tmp_path / "uit"
    map_.mkdir()
    doel = tmp_path / "ander_bestand"
    doel.write_bytes(b"pid=1\nhost=" + os.uname().nodename.encode() + b"\n")  # read as a lock: pid 1 lives
    (map_ / SLOT).symlink_to(doel)
    with Uitvoermap(map_, "test"):
        assert not (map_ / SLOT).is_symlink()
    assert doel.read_bytes().startswith(b"pid=1\n") and not os.path.lexists(map_ / SLOT)


# ------------------------------------------------------------------ something at the name of an output


def test_map_met_de_naam_van_een_uitvoer_weigert_vooraf(tmp_path, monkeypatch):
    """A folder reports/complexen.csv used to leave a half-published set and make every later run exit 1.
    Now: exit 2 before any input is read, the folder as it was, and the same on every later run."""
    _geen_werk(monkeypatch)
    map_ = tmp_path / "uit"
    (map_ / "complexen.csv").mkdir(parents=True)
    (map_ / "complexen.csv" / "iets.txt").write_bytes(b"van de gebruiker\n")
    for _ in range(2):
        r = _valideer(map_)
        assert r.exit_code == 2, r.output
        regel = _fout_regel(r)
        assert f"{map_ / 'complexen.csv'} is een map, geen bestand" in regel and "niets geschreven" in regel, regel
        assert _alles(map_) == {"complexen.csv": "map", "complexen.csv/iets.txt": b"van de gebruiker\n"}


@pytest.mark.parametrize("soort", ["map", "koppeling"])
def test_hindernis_bij_publiceren_niets_half(tmp_path, soort):
    """A name the table of the command does not know in advance (kaart_GM....html): checked when
    publishing, before the commit point: nothing of the set is published, no .publiceren- folder stays,
    a link's target is untouched."""
    elders = _elders(tmp_path)
    map_ = tmp_path / "uit"
    map_.mkdir()
    (map_ / "a.csv").write_bytes(b"oud\n")
    if soort == "map":
        (map_ / "kaart_GM9999.html").mkdir()
    else:
        (map_ / "kaart_GM9999.html").symlink_to(elders / "kaart.html")
    voor, voor_elders = _alles(map_), _alles(elders)
    with pytest.raises(UitvoerFout, match="niets geschreven") as e, Uitvoermap(map_, "kaart") as um:
        for n in ("a.csv", "kaart_GM9999.html"):
            (um.staging / n).write_bytes(b"nieuw\n")
        um.publiceer([um.staging / "a.csv", um.staging / "kaart_GM9999.html"])
    assert "kaart_GM9999.html is een " + ("map" if soort == "map" else "symbolische koppeling") in str(e.value)
    assert _alles(map_) == voor and _alles(elders) == voor_elders


def test_onderbroken_publicatie_met_een_map_in_de_weg_is_exit_2(tmp_path):
    """A killed run's committed publication, and a folder at one of its names: every run used to exit 1
    (IsADirectoryError). Now exit 2 with a Dutch line; nothing of the publication moved."""
    map_ = tmp_path / "uit"
    map_.mkdir()
    pub = map_ / ".publiceren-999999999-abcd"
    pub.mkdir()
    for n in ("a.csv", "x.csv"):
        (pub / n).write_bytes(b"nieuw\n")
    (pub / JOURNAAL).write_text(json.dumps({"run": "999999999-abcd", "bestanden": ["a.csv", "x.csv", MANIFEST],
                                            "verwijderen": []}), encoding="utf-8")
    (map_ / "x.csv").mkdir()
    voor = _alles(map_)
    r = _valideer(map_)
    assert r.exit_code == 2, r.output
    regel = _fout_regel(r)
    assert "onderbroken publicatie" in regel and f"{map_ / 'x.csv'} is een map" in regel, regel
    assert _alles(map_) == voor


# ------------------------------------------------------------------ an input at the name of an output


def _invoermap(tmp_path: Path) -> Path:
    map_ = tmp_path / "mijn_map"
    map_.mkdir()
    (map_ / "complexen.csv").write_bytes(DEMO_COMPLEXEN.read_bytes())
    (map_ / "bevindingen.csv").write_bytes(DEMO_VHE.read_bytes())
    for n in ("verduurzamingsplan.xlsx", "plan_complexen.csv", "voortgang.xlsx"):
        (map_ / n).write_bytes(f"mijn {n}\n".encode())
    return map_


GEVALLEN = {
    "valideer --complexen": (["valideer", "--vhe", str(DEMO_VHE), "--complexen", "{m}/complexen.csv"],
                             "complexen.csv"),
    "valideer --vhe": (["valideer", "--vhe", "{m}/bevindingen.csv"], "bevindingen.csv"),
    "plan --realisatie": (["plan", "--vhe", str(DEMO_VHE), "--peildatum", "2027-01-01", "--realisatie",
                           "{m}/verduurzamingsplan.xlsx"], "verduurzamingsplan.xlsx"),
    "plan --vorig-plan": (["plan", "--vhe", str(DEMO_VHE), "--vorig-plan", "{m}/plan_complexen.csv"],
                          "plan_complexen.csv"),
    "voortgang --realisatie": (["voortgang", "--peildatum", "2027-01-01", "--realisatie", "{m}/voortgang.xlsx"],
                               "voortgang.xlsx"),
}


@pytest.mark.parametrize("geval", sorted(GEVALLEN))
def test_invoer_wordt_nooit_door_uitvoer_vervangen(tmp_path, monkeypatch, geval):
    """-o set to the folder that holds an input with the name of an output: that input used to be
    overwritten. Now exit 2 before any input is read, naming input and output; the folder unchanged."""
    _geen_werk(monkeypatch)
    map_ = _invoermap(tmp_path)
    args, naam = GEVALLEN[geval]
    voor = _alles(tmp_path)
    r = runner.invoke(app, [a.replace("{m}", str(map_)) for a in args] + ["--uitvoer", str(map_)])
    assert r.exit_code == 2, r.output
    regel = _fout_regel(r)
    assert f"de uitvoer {naam} van deze run zou het invoerbestand {map_ / naam} vervangen" in regel, regel
    assert "kies een andere uitvoermap" in regel
    assert _alles(tmp_path) == voor


def test_invoer_uit_het_scenario_via_een_andere_weg(tmp_path, monkeypatch):
    """The scenario names complexen.csv beside itself, and -o reaches that folder through a link: the
    same file (samefile), so refused too."""
    _geen_werk(monkeypatch)
    map_ = _invoermap(tmp_path)
    (map_ / "s.toml").write_text(f'[invoer]\nvhe = "{DEMO_VHE.as_posix()}"\ncomplexen = "complexen.csv"\n',
                                 encoding="utf-8")
    (tmp_path / "via").symlink_to(map_)
    voor = _alles(tmp_path)
    r = runner.invoke(app, ["valideer", "-s", str(map_ / "s.toml"), "--uitvoer", str(tmp_path / "via")])
    assert r.exit_code == 2, r.output
    assert f"zou het invoerbestand {map_ / 'complexen.csv'} vervangen" in _fout_regel(r)
    assert _alles(tmp_path) == voor


def test_invoer_bij_publiceren_en_als_oud_bestand(tmp_path):
    """With the names actually written (kaart_GM....html are known late) the check runs again when
    publishing; and a stale file of the same command that is an input of this run stays."""
    map_ = tmp_path / "uit"
    map_.mkdir()
    with Uitvoermap(map_, "kaart") as um:
        (um.staging / "kaart_GM1.html").write_bytes(b"1\n")
        (um.staging / "kaart_GM2.html").write_bytes(b"2\n")
        um.publiceer([um.staging / "kaart_GM1.html", um.staging / "kaart_GM2.html"])
    with pytest.raises(UitvoerFout, match="kies een andere uitvoermap"), Uitvoermap(map_, "kaart") as um:
        um.bewaak_invoer([map_ / "kaart_GM1.html"])
        (um.staging / "kaart_GM1.html").write_bytes(b"nieuw\n")
        um.publiceer([um.staging / "kaart_GM1.html"])
    with Uitvoermap(map_, "kaart") as um:
        um.bewaak_invoer([map_ / "kaart_GM2.html"])
        (um.staging / "kaart_GM1.html").write_bytes(b"nieuw\n")
        um.publiceer([um.staging / "kaart_GM1.html"])
        assert any("kaart_GM2.html is invoer van deze run en blijft staan" in m for m in um.meldingen)
    assert (map_ / "kaart_GM2.html").read_bytes() == b"2\n" and (map_ / "kaart_GM1.html").read_bytes() == b"nieuw\n"
    assert sorted(lees_manifest(map_)) == ["kaart_GM1.html"]


# ------------------------------------------------------------------ stale files the user changed


def _run(map_: Path, commando: str, bestanden: dict[str, bytes]) -> Uitvoermap:
    with Uitvoermap(map_, commando) as um:
        for n, d in bestanden.items():
            (um.staging / n).write_bytes(d)
        um.publiceer([um.staging / n for n in bestanden])
    return um


def test_aangepast_oud_bestand_blijft_staan(tmp_path):
    """wijzigingen.csv of a re-plan, edited by the user: the next plan without a realisation used to
    remove it. Now it stays, the run says so once, and the manifest no longer lists it (it is the
    user's now: later runs leave it alone without a word). An unchanged one is still removed."""
    map_ = tmp_path / "uit"
    map_.mkdir()
    _run(map_, "plan", {"a.csv": b"a\n", "wijzigingen.csv": b"w\n", "schendingen_oud.csv": b"s\n"})
    (map_ / "wijzigingen.csv").write_bytes(b"w\nmijn aantekening\n")
    um = _run(map_, "plan", {"a.csv": b"a2\n"})
    assert um.meldingen == [f"{map_ / 'wijzigingen.csv'} is aangepast nadat 'plan' het schreef en blijft staan; "
                            f"{MANIFEST} noemt het niet meer"]
    assert (map_ / "wijzigingen.csv").read_bytes() == b"w\nmijn aantekening\n"
    assert not (map_ / "schendingen_oud.csv").exists()
    assert sorted(lees_manifest(map_)) == ["a.csv"]
    um = _run(map_, "plan", {"a.csv": b"a3\n"})
    assert um.meldingen == [] and (map_ / "wijzigingen.csv").read_bytes() == b"w\nmijn aantekening\n"


def test_oud_bestand_dat_een_map_of_koppeling_werd_blijft(tmp_path):
    elders = _elders(tmp_path)
    map_ = tmp_path / "uit"
    map_.mkdir()
    _run(map_, "plan", {"a.csv": b"a\n", "m.csv": b"m\n", "k.csv": b"k\n"})
    (map_ / "m.csv").unlink()
    (map_ / "m.csv").mkdir()
    (map_ / "k.csv").unlink()
    (map_ / "k.csv").symlink_to(elders / "geheim.csv")
    voor = _alles(elders)
    um = _run(map_, "plan", {"a.csv": b"a2\n"})
    assert sum("is geen gewoon bestand meer en blijft staan" in m for m in um.meldingen) == 2, um.meldingen
    assert (map_ / "m.csv").is_dir() and (map_ / "k.csv").is_symlink() and _alles(elders) == voor
    assert sorted(lees_manifest(map_)) == ["a.csv"]


def test_aangepast_oud_bestand_via_de_opdrachtregel(tmp_path):
    """The same through the CLI: the Dutch 'Let op:' line, the file kept byte for byte."""
    map_ = tmp_path / "uit"
    assert _valideer(map_).exit_code == 0
    # as if an earlier valideer had written wijzigingen.csv too (same manifest row format)
    (map_ / "wijzigingen.csv").write_bytes(b"x\n")
    m = lees_manifest(map_)
    rij = dict(m["complexen.csv"], bestand="wijzigingen.csv", bytes="2", sha256=hashlib.sha256(b"x\n").hexdigest())
    tekst = (map_ / MANIFEST).read_text(encoding="utf-8-sig").rstrip("\n") + "\n" + ";".join(
        rij[k] for k in ("bestand", "run", "commando", "geschreven", "bytes", "sha256")) + "\n"
    (map_ / MANIFEST).write_text(tekst, encoding="utf-8-sig")
    (map_ / "wijzigingen.csv").write_bytes(b"x\nmijn aantekening\n")
    r = _valideer(map_)
    assert r.exit_code == 0, r.output
    regels = [x for x in r.output.splitlines() if "wijzigingen.csv" in x]
    assert regels == [f"Let op: {map_ / 'wijzigingen.csv'} is aangepast nadat 'valideer' het schreef en blijft "
                      f"staan; {MANIFEST} noemt het niet meer"], r.output
    assert (map_ / "wijzigingen.csv").read_bytes() == b"x\nmijn aantekening\n"
    assert sorted(lees_manifest(map_)) == ["bevindingen.csv", "complexen.csv"]


# ------------------------------------------------------------------ the table of output names


def test_uitvoernamen_kloppen_met_de_schrijvers():
    import helpers_vijandig as H

    from verduurzaming.export.plan_csv import BESTANDEN
    from verduurzaming.export.uitvoernamen import PER_COMMANDO, PLAN_TABELLEN, VALIDATIE
    assert tuple(BESTANDEN.values()) == PLAN_TABELLEN
    assert set(PER_COMMANDO["plan"]) == {*H.UITVOER, "wijzigingen.csv"}
    assert tuple(H.UITVOER_CSV[:2]) == VALIDATIE
