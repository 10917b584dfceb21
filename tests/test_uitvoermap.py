"""The output folder as a whole (``export.atomair.Uitvoermap`` and the CLI around it): checked before
any work, locked against a second run, written via staging and published as one set, a full disk
or a signal reported in Dutch with the previous set intact. Subprocess kill tests are in
``test_robuust_crash.py``."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verduurzaming.cli import app
from verduurzaming.export import atomair
from verduurzaming.export.atomair import MANIFEST, SLOT, Afgebroken, UitvoerFout, Uitvoermap, lees_manifest

runner = CliRunner()
KOMMANDOS = [["valideer"], ["plan"], ["kaart"], ["voortgang", "--peildatum", "2027-01-01"]]


def _geen_werk(monkeypatch):
    """Any reading of the input fails the test: the folder check must come first."""
    import verduurzaming.portefeuille as pf

    def nooit(*a, **k):
        raise AssertionError("de invoer is gelezen voordat de uitvoermap gecontroleerd was")

    monkeypatch.setattr(pf, "lees_portefeuille", nooit)


def _fout_regel(r) -> str:
    regels = [x for x in r.output.splitlines() if x.startswith("Fout:")]
    assert len(regels) == 1, r.output
    assert "interne fout" not in regels[0] and "Traceback" not in r.output
    return regels[0]


@pytest.mark.parametrize("cmd", KOMMANDOS, ids=lambda c: c[0])
def test_uitvoer_is_een_bestand(tmp_path, monkeypatch, cmd):
    _geen_werk(monkeypatch)
    bestand = tmp_path / "reports"
    bestand.write_text("ik ben een bestand")
    r = runner.invoke(app, [*cmd, "--uitvoer", str(bestand)])
    assert r.exit_code == 2, r.output
    assert "dit is een bestand, geen map" in _fout_regel(r)
    assert bestand.read_text() == "ik ben een bestand"


def test_uitvoer_onder_een_bestand(tmp_path, monkeypatch):
    _geen_werk(monkeypatch)
    (tmp_path / "f").write_text("x")
    r = runner.invoke(app, ["plan", "--uitvoer", str(tmp_path / "f" / "sub")])
    assert r.exit_code == 2
    assert "kan niet worden aangemaakt" in _fout_regel(r)


@pytest.fixture
def alleen_lezen(tmp_path):
    """A read-only folder that stops root too: a read-only tmpfs when we may mount, else chmod."""
    map_ = tmp_path / "ro"
    map_.mkdir()
    (map_ / "oud.csv").write_text("oud\n")
    if os.geteuid() == 0:
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,ro", "tmpfs", str(map_)], capture_output=True)
        if r.returncode != 0:
            pytest.skip(f"kan geen alleen-lezen tmpfs koppelen: {r.stderr!r}")
        yield map_
        subprocess.run(["umount", str(map_)], check=False)
    else:
        map_.chmod(0o555)
        yield map_
        map_.chmod(0o755)


@pytest.mark.parametrize("cmd", KOMMANDOS, ids=lambda c: c[0])
def test_uitvoer_alleen_lezen(alleen_lezen, monkeypatch, cmd):
    _geen_werk(monkeypatch)
    r = runner.invoke(app, [*cmd, "--uitvoer", str(alleen_lezen)])
    assert r.exit_code == 2, r.output
    regel = _fout_regel(r)
    assert "niet bruikbaar" in regel and ("alleen-lezen" in regel or "schrijfrechten" in regel), regel


def test_schijf_vol_voor_het_begin(tmp_path, monkeypatch):
    """A disk that is already full: exit 2 with a Dutch reason, before reading any input."""
    _geen_werk(monkeypatch)
    echt = os.write

    def vol(fd, data):
        if os.fstat(fd).st_size == 0 and b"schrijftest" in data:
            raise OSError(errno.ENOSPC, "No space left on device")
        return echt(fd, data)

    monkeypatch.setattr(atomair.os, "write", vol)
    r = runner.invoke(app, ["plan", "--uitvoer", str(tmp_path / "uit")])
    assert r.exit_code == 2
    assert "de schijf is vol" in _fout_regel(r)
    assert not (tmp_path / "uit").exists()  # made by the check, removed again: nothing of ours left


@pytest.fixture(scope="module")
def vorige(tmp_path_factory):
    """A folder with the complete output of ``valideer`` on the demo."""
    map_ = tmp_path_factory.mktemp("vorige")
    r = runner.invoke(app, ["valideer", "--uitvoer", str(map_)])
    assert r.exit_code == 0, r.output
    return {p.name: p.read_bytes() for p in map_.iterdir()}


def _kopie(tmp_path: Path, inhoud: dict[str, bytes]) -> Path:
    map_ = tmp_path / "uit"
    map_.mkdir()
    for n, d in inhoud.items():
        (map_ / n).write_bytes(d)
    return map_


def _alles(map_: Path) -> dict[str, bytes]:
    return {str(p.relative_to(map_)): p.read_bytes() for p in map_.rglob("*") if p.is_file()}


def test_schijf_vol_tijdens_schrijven(tmp_path, vorige, monkeypatch):
    """ENOSPC from the second file: the previous set stays, staging and lock are gone, exit 2."""
    map_ = _kopie(tmp_path, vorige)
    import verduurzaming.export.csv as ecsv
    echt, n = ecsv.schrijf_csv, {"i": 0}

    def tweede_vol(df, pad):
        n["i"] += 1
        if n["i"] == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(pad))
        return echt(df, pad)

    monkeypatch.setattr("verduurzaming.export.portefeuille.schrijf_csv", tweede_vol)
    r = runner.invoke(app, ["valideer", "--uitvoer", str(map_)])
    assert r.exit_code == 2, r.output
    regel = _fout_regel(r)
    assert "de schijf is vol" in regel and "de vorige uitvoer is ongewijzigd" in regel
    assert _alles(map_) == vorige


def test_schijf_vol_verpakt_in_een_andere_fout(tmp_path, vorige, monkeypatch):
    """Writers wrap the OS error (lxml: SerialisationError IO_ENOSPC): still a Dutch 'schijf vol'."""
    map_ = _kopie(tmp_path, vorige)

    class SerialisationError(Exception):
        pass

    def kapot(df, pad):
        raise SerialisationError("IO_ENOSPC")

    monkeypatch.setattr("verduurzaming.export.portefeuille.schrijf_csv", kapot)
    r = runner.invoke(app, ["valideer", "--uitvoer", str(map_)])
    assert r.exit_code == 2
    assert "de schijf is vol" in _fout_regel(r)
    assert _alles(map_) == vorige


@pytest.mark.skipif(os.geteuid() != 0, reason="mount needs root")
def test_echte_volle_schijf(tmp_path, vorige):
    """A real full filesystem (200 KB tmpfs): the previous set (about 140 KB) stays, exit 2."""
    vol = tmp_path / "vol"
    vol.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(vol)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"kan geen tmpfs koppelen: {r.stderr!r}")
    try:
        map_ = _kopie(vol, vorige)
        r = runner.invoke(app, ["valideer", "--uitvoer", str(map_)])
        assert r.exit_code == 2, r.output
        assert "de schijf is vol" in _fout_regel(r)
        assert _alles(map_) == vorige
    finally:
        subprocess.run(["umount", str(vol)], check=False)


def test_sigint_en_sigterm_tijdens_schrijven(tmp_path, vorige, monkeypatch):
    """A signal while the files are written: 130 / 143, the Dutch line, the previous set."""
    voor = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    for signum, code in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
        map_ = tmp_path / f"s{signum}"
        map_.mkdir()
        for n, d in vorige.items():
            (map_ / n).write_bytes(d)
        import verduurzaming.export.csv as ecsv
        echt = ecsv.schrijf_csv

        def signaal(df, pad, signum=signum):
            echt(df, pad)
            os.kill(os.getpid(), signum)  # the handler raises at the next bytecode
            raise AssertionError("niet afgebroken")

        monkeypatch.setattr("verduurzaming.export.portefeuille.schrijf_csv", signaal)
        r = runner.invoke(app, ["valideer", "--uitvoer", str(map_)])
        assert r.exit_code == code, (signum, r.output)
        assert "afgebroken; de vorige uitvoer is ongewijzigd" in _fout_regel(r)
        assert _alles(map_) == vorige
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == voor  # handlers restored


def test_signaal_tijdens_publiceren_wordt_uitgesteld(tmp_path, monkeypatch):
    """A signal between the renames into place does not stop them: the set is complete, and
    the exit code and message say so."""
    map_ = tmp_path / "uit"
    echt = os.replace
    gestuurd = []

    def replace(a, b):
        echt(a, b)
        if ".publiceren-" in str(a) and not gestuurd:
            gestuurd.append(1)
            os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(atomair.os, "replace", replace)
    with pytest.raises(Afgebroken) as e, atomair.afbreekbaar(), Uitvoermap(map_, "test") as um:
        (um.staging / "a.csv").write_text("a\n")
        (um.staging / "b.csv").write_text("b\n")
        um.publiceer([um.staging / "a.csv", um.staging / "b.csv"])
    assert e.value.na_publicatie and e.value.code == 143
    assert sorted(p.name for p in map_.iterdir()) == ["a.csv", "b.csv", MANIFEST]


def test_slot_van_een_levende_run_weigert(tmp_path, vorige):
    map_ = _kopie(tmp_path, vorige)
    slaper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (map_ / SLOT).write_text(f"pid={slaper.pid}\nstart={atomair._proces_start(slaper.pid)}\n"
                                 f"host={os.uname().nodename}\ncommando=plan\nrun=x\ntijd=2026-12-01T10:00:00\n")
        r = runner.invoke(app, ["valideer", "--uitvoer", str(map_)])
        assert r.exit_code == 2
        regel = _fout_regel(r)
        assert "in gebruik door een andere run (plan, pid " + str(slaper.pid) in regel, regel
        assert (map_ / SLOT).exists()  # not ours to remove
    finally:
        slaper.kill()
        slaper.wait()
    # the same lock, now of a dead process: taken over, the run succeeds and removes it
    r = runner.invoke(app, ["valideer", "--uitvoer", str(map_)])
    assert r.exit_code == 0, r.output
    assert not (map_ / SLOT).exists()


def test_slot_van_een_hergebruikte_pid_is_verlopen(tmp_path):
    """A lock whose pid now belongs to another process (other start time) is stale."""
    map_ = tmp_path / "uit"
    map_.mkdir()
    (map_ / SLOT).write_text(f"pid={os.getppid()}\nstart=1\nhost={os.uname().nodename}\ncommando=plan\n")
    with Uitvoermap(map_, "test") as um:
        assert f"run={um.run}" in (map_ / SLOT).read_text()
    assert not (map_ / SLOT).exists()


def test_gelijktijdig_slot_nemen_een_winnaar(tmp_path):
    """Many processes take a stale lock at once: exactly one gets it."""
    map_ = tmp_path / "uit"
    map_.mkdir()
    (map_ / SLOT).write_text("pid=999999999\nstart=\nhost=" + os.uname().nodename + "\n")
    code = ("import sys, time; from verduurzaming.export.atomair import Uitvoermap, UitvoerFout\n"
            "u = Uitvoermap(sys.argv[1], 't')\n"
            "try:\n    u.open()\nexcept UitvoerFout:\n    sys.exit(3)\n"
            "time.sleep(3); u.sluit()\n")
    env = os.environ | {"PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    ps = [subprocess.Popen([sys.executable, "-c", code, str(map_)], env=env) for _ in range(6)]
    codes = sorted(p.wait(timeout=120) for p in ps)
    assert codes == [0, 3, 3, 3, 3, 3], codes


def test_vorige_uitvoer_van_hetzelfde_commando_wordt_opgeruimd(tmp_path):
    """A file the previous run of the same command wrote and this one does not is removed; files of
    other commands and files the manifest does not know stay, and the manifest says whose they are."""
    map_ = tmp_path / "uit"

    def run(commando, bestanden):
        with Uitvoermap(map_, commando) as um:
            for n in bestanden:
                (um.staging / n).write_text(f"{commando} {n}\n")
            um.publiceer([um.staging / n for n in bestanden])
            return um.run

    map_.mkdir()
    (map_ / "README.md").write_text("van de gebruiker\n")
    r1 = run("plan", ["a.csv", "wijzigingen.csv"])
    r2 = run("voortgang", ["voortgang.xlsx"])
    r3 = run("plan", ["a.csv"])
    assert sorted(p.name for p in map_.iterdir()) == ["README.md", "a.csv", MANIFEST, "voortgang.xlsx"]
    m = lees_manifest(map_)
    assert sorted(m) == ["a.csv", "voortgang.xlsx"]
    assert m["a.csv"]["run"] == r3 and m["voortgang.xlsx"]["run"] == r2 and r1 not in {r2, r3}
    assert m["voortgang.xlsx"]["commando"] == "voortgang"


def test_fout_voor_publiceren_laat_niets_achter(tmp_path):
    map_ = tmp_path / "uit"
    with pytest.raises(RuntimeError, match="stuk"), Uitvoermap(map_, "test") as um:
        (um.staging / "a.csv").write_text("a\n")
        raise RuntimeError("stuk")
    assert not map_.exists()  # made by the run, left empty: removed again
    map_.mkdir()
    (map_ / "a.csv").write_text("oud\n")
    with pytest.raises(RuntimeError), Uitvoermap(map_, "test") as um:
        (um.staging / "a.csv").write_text("nieuw\n")
        raise RuntimeError("stuk")
    assert _alles(map_) == {"a.csv": b"oud\n"}


def test_onvolledige_publicatie_wordt_afgemaakt(tmp_path):
    """A committed publication a killed run left half done is completed by the next open()."""
    map_ = tmp_path / "uit"
    map_.mkdir()
    (map_ / "a.csv").write_text("oud a\n")
    (map_ / "b.csv").write_text("oud b\n")
    pub = map_ / ".publiceren-999999999-abcd"
    pub.mkdir()
    (map_ / "a.csv").write_text("nieuw a\n")  # a already moved in, b and the manifest not yet
    (pub / "b.csv").write_text("nieuw b\n")
    (pub / MANIFEST).write_text("bestand;run\n")
    (pub / ".journaal.json").write_text('{"run": "x", "bestanden": ["a.csv", "b.csv", "%s"], '
                                        '"verwijderen": ["oud.csv"]}' % MANIFEST)
    (map_ / "oud.csv").write_text("weg\n")
    import hashlib  # the previous manifest (ours goes in last) records oud.csv as the tool wrote it
    sha = hashlib.sha256((map_ / "oud.csv").read_bytes()).hexdigest()
    (map_ / MANIFEST).write_text(f"bestand;run;commando;geschreven;bytes;sha256\noud.csv;r0;test;;4;{sha}\n",
                                 encoding="utf-8")
    staging = map_ / ".staging-999999999-ef01"  # a dead run's unfinished staging: dropped
    staging.mkdir()
    (staging / "c.csv").write_text("half")
    with Uitvoermap(map_, "test"):
        assert sorted(p.name for p in map_.iterdir()) == [SLOT, "a.csv", "b.csv", MANIFEST]
    assert (map_ / "b.csv").read_text() == "nieuw b\n"


def test_uitvoerfout_is_een_verduurzamingsfout():
    from verduurzaming._fouten import VerduurzamingFout
    assert issubclass(UitvoerFout, VerduurzamingFout)


def test_journaal_wijst_nooit_buiten_de_map(tmp_path):
    """A journal (left in a shared folder) naming paths outside the folder is not followed."""
    buiten = tmp_path / "buiten.txt"
    buiten.write_text("blijft\n")
    map_ = tmp_path / "uit"
    map_.mkdir()
    pub = map_ / ".publiceren-999999999-abcd"
    pub.mkdir()
    (pub / "a.csv").write_text("a\n")
    (pub / ".journaal.json").write_text('{"bestanden": ["a.csv", "../x.csv"], "verwijderen": ["../buiten.txt", '
                                        '"/etc/hostname", ".verduurzaming.lock"]}')
    with Uitvoermap(map_, "test"):
        pass
    assert buiten.read_text() == "blijft\n"
    assert sorted(p.name for p in map_.iterdir()) == ["a.csv"]
