"""Crash safety of the output folder as a whole: SIGKILL, SIGTERM and a second run while
``verduurzaming plan`` writes.

The run is a real subprocess (``python -m verduurzaming plan``) writing into a folder that
already holds a previous, good output. To hit the write deterministically the child gets a
test-only audit hook (``sys.addaudithook``, set up by the ``-c`` launcher below, nothing in the
package): when it sees the chosen moment -- the temp file of an output opened for writing, N
file opens later (so the workbook's ZIP is half written), the rename of a finished file inside
the staging folder, or the rename of a file from the committed publication into place -- it
stops itself with SIGSTOP. The test then looks at the folder while the process is frozen
mid-write, and sends SIGKILL (or SIGTERM + SIGCONT) from outside.

Checked: while the run writes, every visible file is the previous run's (all files are written
into ``.staging-<run>/``); a kill leaves the previous complete set byte for byte; a kill between
the renames of a committed publication is completed by the next run into the folder (even one
that then fails on its input); SIGTERM gives exit 143, a Dutch line, the previous set and no
leftovers; a second run while one is writing refuses at once with exit 2 and the final folder is
one run's complete set (manifest: one run id, every hash matches); the next run after a kill
succeeds, writes the same result as a clean run and removes the killed run's staging and lock.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import helpers_vijandig as H
import pytest

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="SIGSTOP/SIGKILL"),
]

# the killed run uses different input than the previous output, so "old" and "new" differ
ANDER = ["--scenario", str(H.ROOT / "scenario.toml"),
         "--vhe", str(H.ROOT / "data" / "labels" / "woonstede_vhe.csv"),
         "--complexen", str(H.ROOT / "data" / "labels" / "woonstede_complexen.csv")]
VOLGORDE = H.UITVOER  # the order plan writes them in

LANCEER = r"""
import os, signal, sys, runpy
doel, moment, n = os.environ["ROB_DOEL"], os.environ["ROB_MOMENT"], int(os.environ.get("ROB_N", "0"))
toestand = {"open": False, "n": 0, "gestopt": False}

def stop():  # once: after SIGCONT the run goes on
    if not toestand["gestopt"]:
        toestand["gestopt"] = True
        os.kill(os.getpid(), signal.SIGSTOP)

def is_tmp(pad):
    naam = os.path.basename(os.fsdecode(pad))
    return naam.startswith("." + doel + ".") or naam.startswith("." + doel.rsplit(".", 1)[0] + ".") and ".tmp" in naam

def haak(event, args):
    if moment == "open" and event == "open":
        pad, modus = args[0], args[1]
        if toestand["open"]:
            toestand["n"] += 1
            if toestand["n"] >= n:
                stop()
        elif isinstance(pad, (str, bytes)) and isinstance(modus, str) and "w" in modus and is_tmp(pad):
            toestand["open"] = True
            if n == 0:
                stop()
    elif moment == "replace" and event == "os.rename":
        if os.path.basename(os.fsdecode(args[1])) == doel:
            stop()
    elif moment == "publiceer" and event == "os.rename":
        bron = os.fsdecode(args[0])
        if "/.publiceren-" in bron and os.path.basename(os.fsdecode(args[1])) == doel:
            stop()

sys.addaudithook(haak)
sys.argv = ["verduurzaming", *sys.argv[1:]]
runpy.run_module("verduurzaming", run_name="__main__", alter_sys=True)
"""


MANIFEST = "uitvoer_manifest.csv"
SET = [*VOLGORDE, MANIFEST]


def _inhoud(map_: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in map_.iterdir() if p.is_file()}


def _diep(map_: Path) -> dict[str, bytes]:
    """Every file under ``map_`` (staging folders included), by path relative to ``map_``."""
    return {str(p.relative_to(map_)): p.read_bytes() for p in map_.rglob("*") if p.is_file()}


def _zichtbaar(inhoud: dict[str, bytes]) -> dict[str, bytes]:
    return {k: v for k, v in inhoud.items() if not k.startswith(".")}


def _een_run(map_: Path) -> str:
    """The folder holds one run's complete set: the manifest names one run for all outputs and
    every file's size and SHA-256 match it. Returns that run id."""
    import csv
    import hashlib
    import io
    rijen = list(csv.DictReader(io.StringIO((map_ / MANIFEST).read_text(encoding="utf-8-sig")), delimiter=";"))
    per_naam = {r["bestand"]: r for r in rijen}
    assert sorted(per_naam) == sorted(VOLGORDE), sorted(per_naam)
    runs = {r["run"] for r in rijen}
    assert len(runs) == 1, runs
    for naam, r in per_naam.items():
        data = (map_ / naam).read_bytes()
        assert int(r["bytes"]) == len(data) and r["sha256"] == hashlib.sha256(data).hexdigest(), naam
    return runs.pop()


def _start(map_: Path, doel: str, moment: str, n: int, tmp_path: Path, *args: str) -> subprocess.Popen:
    systmp = tmp_path / "systmp"  # openpyxl's sheet streams; kept out of /tmp
    systmp.mkdir(exist_ok=True)
    env = H.omgeving() | {"ROB_DOEL": doel, "ROB_MOMENT": moment, "ROB_N": str(n), "TMPDIR": str(systmp)}
    return subprocess.Popen([sys.executable, "-c", LANCEER, "plan", "--uitvoer", str(map_), *args], cwd=H.ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _bevroren(p: subprocess.Popen, doel: str) -> None:
    _, status = os.waitpid(p.pid, os.WUNTRACED)
    assert os.WIFSTOPPED(status), f"het schrijven van {doel} is niet getroffen (status {status})"


def _vorige(tmp_path: Path, oud: dict[str, bytes]) -> Path:
    map_ = tmp_path / "uit"
    map_.mkdir()
    for naam, data in oud.items():
        (map_ / naam).write_bytes(data)
    return map_


def _compleet(naam: str, data: bytes) -> bool:
    """A whole output file (parses), not a prefix of one."""
    pad = Path("/nonexistent")
    if naam.endswith(".xlsx"):
        import io
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return z.testzip() is None and "xl/workbook.xml" in z.namelist()
        except zipfile.BadZipFile:
            return False
    if naam.endswith(".html"):
        return data.rstrip().endswith(b"</html>")
    if naam.endswith(".gpkg"):
        return data.startswith(b"SQLite format 3\x00") and len(data) % 1024 == 0
    if naam.endswith(".csv"):
        return data.endswith(b"\n") and data.startswith(b"\xef\xbb\xbf")
    return pad.exists()


@pytest.fixture(scope="module")
def uitvoer(tmp_path_factory):
    """The previous good output (full demo) and a clean reference run of the killed run's input."""
    oud = tmp_path_factory.mktemp("oud")
    r = H.draai_plan(oud)
    assert r.returncode == 0, r.stderr[-2000:]
    ref = tmp_path_factory.mktemp("ref")
    r = H.draai_plan(ref, *ANDER)
    assert r.returncode == 0, r.stderr[-2000:]
    return _inhoud(oud), _inhoud(ref)


GEVALLEN = [
    # (output, moment, N): where the child freezes
    ("verduurzamingsplan.xlsx", "open", 3),   # ZIP of the workbook half written
    ("verduurzamingsplan.xlsx", "replace", 0),  # complete temp file, not yet renamed
    ("kaart.html", "open", 0),                # map temp file open for writing
    ("kaart.html", "replace", 0),
    ("plan.gpkg", "replace", 0),
]


@pytest.mark.parametrize("doel,moment,n", GEVALLEN, ids=[f"{d}-{m}{n or ''}" for d, m, n in GEVALLEN])
def test_sigkill_tijdens_schrijven(tmp_path, uitvoer, doel, moment, n):
    oud, ref = uitvoer
    map_ = _vorige(tmp_path, oud)
    p = _start(map_, doel, moment, n, tmp_path, *ANDER)
    try:
        _bevroren(p, doel)
        bevroren = _diep(map_)
        # mid-write: what a user sees is the previous set, byte for byte; the new files are in staging
        assert _zichtbaar(bevroren) == oud, sorted(bevroren)
        tmp = [x for x in bevroren if x.startswith(".staging-")
               and Path(x).name.startswith("." + doel.rsplit(".", 1)[0] + ".")]
        assert tmp, f"geen tijdelijk bestand voor {doel} in de staging-map: {sorted(bevroren)}"
        if moment == "open" and n:
            # really mid-write: the temp ZIP has bytes but is not a whole workbook yet
            assert any(bevroren[t] and not _compleet(doel, bevroren[t]) for t in tmp), tmp
        os.kill(p.pid, signal.SIGKILL)
        assert p.wait(timeout=30) == -signal.SIGKILL
    finally:
        if p.poll() is None:
            os.kill(p.pid, signal.SIGKILL)
            p.wait()
        p.stderr.close()

    na = _inhoud(map_)
    assert _zichtbaar(na) == oud, "vorige uitvoer niet intact"
    assert set(na) - set(oud) <= {".verduurzaming.lock"}, sorted(na)

    # the next run: takes over the dead run's lock, succeeds, same result as a clean run, and
    # removes the killed run's staging folder
    r = H.draai_plan(map_, *ANDER)
    assert r.returncode == 0, r.stderr[-2000:]
    assert sorted(p.name for p in map_.iterdir()) == sorted(SET), sorted(p.name for p in map_.iterdir())
    daarna = _inhoud(map_)
    for naam in H.UITVOER_CSV:
        assert daarna[naam] == ref[naam], naam
    assert daarna["kaart.html"] == ref["kaart.html"]
    _een_run(map_)


@pytest.mark.parametrize("doel", ["bevindingen.csv", "verduurzamingsplan.xlsx", "plan.gpkg"])
def test_sigkill_tussen_de_renames_wordt_door_de_volgende_run_afgemaakt(tmp_path, uitvoer, doel):
    """Killed after the commit point, between the renames into place: the folder is a mix for a
    moment; the next run into the folder completes the publication first, even when that run
    then stops on bad input."""
    oud, ref = uitvoer
    map_ = _vorige(tmp_path, oud)
    p = _start(map_, doel, "publiceer", 0, tmp_path, *ANDER)
    try:
        _bevroren(p, doel)
        assert [x.name for x in map_.iterdir() if x.name.startswith(".publiceren-")]
        os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=30)
    finally:
        if p.poll() is None:
            os.kill(p.pid, signal.SIGKILL)
            p.wait()
        p.stderr.close()
    r = subprocess.run([sys.executable, "-m", "verduurzaming", "valideer", "--uitvoer", str(map_),
                        "--vhe", str(tmp_path / "bestaat_niet.csv")], cwd=H.ROOT, env=H.omgeving(),
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 2, r.stderr
    assert sorted(x.name for x in map_.iterdir()) == sorted(SET)
    na = _inhoud(map_)
    for naam in H.UITVOER_CSV:
        assert na[naam] == ref[naam], naam
    assert na["kaart.html"] == ref["kaart.html"]
    _een_run(map_)


@pytest.mark.parametrize("doel,moment,n", [("verduurzamingsplan.xlsx", "open", 3), ("plan.gpkg", "replace", 0)])
def test_sigterm_tijdens_schrijven(tmp_path, uitvoer, doel, moment, n):
    """SIGTERM mid-write: exit 143, one Dutch line, the previous complete set, nothing left behind."""
    oud, _ = uitvoer
    map_ = _vorige(tmp_path, oud)
    p = _start(map_, doel, moment, n, tmp_path, *ANDER)
    try:
        _bevroren(p, doel)
        os.kill(p.pid, signal.SIGTERM)
        os.kill(p.pid, signal.SIGCONT)
        assert p.wait(timeout=120) == 143
        fout = p.stderr.read().decode()
    finally:
        if p.poll() is None:
            os.kill(p.pid, signal.SIGKILL)
            p.wait()
        p.stderr.close()
    assert "afgebroken; de vorige uitvoer is ongewijzigd" in fout, fout
    assert "Traceback" not in fout
    assert _diep(map_) == oud, sorted(_diep(map_))
    assert sorted(x.name for x in map_.iterdir()) == sorted(oud)


def test_tweede_run_in_dezelfde_map_weigert(tmp_path, uitvoer):
    """A second plan into a folder that a run is writing: exit 2 at once, nothing touched; the
    first run then completes, and the folder is that run's complete set."""
    oud, ref = uitvoer
    map_ = _vorige(tmp_path, oud)
    a = _start(map_, "kaart.html", "open", 0, tmp_path, *ANDER)
    try:
        _bevroren(a, "kaart.html")
        voor = _diep(map_)
        b = subprocess.run(H.plan_commando(map_), cwd=H.ROOT, env=H.omgeving(), capture_output=True, text=True,
                           timeout=300)
        assert b.returncode == 2, b.stderr
        assert "is in gebruik door een andere run" in b.stderr and str(a.pid) in b.stderr, b.stderr
        assert "Ingelezen bestanden" not in b.stdout  # refused before reading, let alone planning
        assert _diep(map_) == voor
        os.kill(a.pid, signal.SIGCONT)
        assert a.wait(timeout=300) == 0
    finally:
        if a.poll() is None:
            os.kill(a.pid, signal.SIGKILL)
            a.wait()
        a.stderr.close()
    assert sorted(x.name for x in map_.iterdir()) == sorted(SET)
    na = _inhoud(map_)
    for naam in H.UITVOER_CSV:
        assert na[naam] == ref[naam], naam
    _een_run(map_)


def test_twee_gelijktijdige_runs_een_complete_set(tmp_path, uitvoer):
    """Two plan runs with different input started together into one empty folder: one refuses (or,
    if they happen not to overlap, one follows the other); the folder ends as one run's set."""
    oud, ref = uitvoer
    map_ = tmp_path / "uit"
    runs = [subprocess.Popen(H.plan_commando(map_, *args), cwd=H.ROOT, env=H.omgeving(), stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True) for args in ([], ANDER)]
    codes, fouten = [], []
    for r in runs:
        _, e = r.communicate(timeout=600)
        codes.append(r.returncode)
        fouten.append(e)
    assert sorted(codes) in ([0, 2], [0, 0]), (codes, fouten)
    for c, e in zip(codes, fouten):
        if c == 2:
            assert "is in gebruik door een andere run" in e, e
    assert sorted(x.name for x in map_.iterdir()) == sorted(SET)
    na = _inhoud(map_)
    bron = [o for o in (oud, ref) if na["plan_complexen.csv"] == o["plan_complexen.csv"]]
    assert len(bron) == 1
    for naam in H.UITVOER_CSV:
        assert na[naam] == bron[0][naam], naam
    assert na["kaart.html"] == bron[0]["kaart.html"]
    import io

    from openpyxl import load_workbook
    plan_rijen = {o: sum(1 for _ in load_workbook(io.BytesIO(d["verduurzamingsplan.xlsx"]),
                                                  read_only=True)["Planning"].iter_rows())
                  for o, d in (("oud", oud), ("ref", ref), ("na", na))}
    assert plan_rijen["oud"] != plan_rijen["ref"]
    assert plan_rijen["na"] == plan_rijen["oud" if bron[0] is oud else "ref"], plan_rijen
    _een_run(map_)


def test_volgende_run_laat_lopende_tijdelijke_bestanden_staan(tmp_path):
    """A temp file of a process that is still alive (another run writing) is not removed."""
    from verduurzaming.export.atomair import atomair_pad

    doel = tmp_path / "kaart.html"
    levend = tmp_path / f".kaart.html.{os.getppid()}-abc123.tmp"
    levend.write_text("bezig")
    dood_pid = _dode_pid()
    dood = tmp_path / f".kaart.html.{dood_pid}-def456.tmp"
    dood.write_text("half")
    ander = tmp_path / f".andere.html.{dood_pid}-x.tmp"
    ander.write_text("niet van ons")
    with atomair_pad(doel) as tmp:
        tmp.write_text("nieuw")
    assert doel.read_text() == "nieuw"
    assert levend.exists() and ander.exists()
    assert not dood.exists()


def _dode_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid
