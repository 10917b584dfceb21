"""Crash safety: SIGKILL while ``verduurzaming plan`` writes the workbook, the map or the GeoPackage.

The run is a real subprocess (``python -m verduurzaming plan``) writing into a folder that
already holds a previous, good output. To hit the write deterministically the child gets a
test-only audit hook (``sys.addaudithook``, set up by the ``-c`` launcher below, nothing in the
package): when it sees the chosen moment -- the temp file of an output opened for writing, N
file opens later (so the workbook's ZIP is half written), or the final ``os.replace`` -- it
stops itself with SIGSTOP. The test then looks at the folder while the process is frozen
mid-write, and sends SIGKILL from outside.

Checked: no half file under an output name; every output the killed run had not finished is
byte-identical to the previous one; leftovers are only dot-prefixed temp names; and the next
run succeeds, writes the same result as a clean run and removes the stale temp files of the
killed one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import helpers_vijandig as H

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="SIGSTOP/SIGKILL"),
              pytest.mark.filterwarnings("ignore")]

# the killed run uses different input than the previous output, so "old" and "new" differ
ANDER = ["--scenario", str(H.ROOT / "scenario.toml"),
         "--vhe", str(H.ROOT / "data" / "labels" / "woonstede_vhe.csv"),
         "--complexen", str(H.ROOT / "data" / "labels" / "woonstede_complexen.csv")]
VOLGORDE = H.UITVOER  # the order plan writes them in

LANCEER = r"""
import os, signal, sys, runpy
doel, moment, n = os.environ["ROB_DOEL"], os.environ["ROB_MOMENT"], int(os.environ.get("ROB_N", "0"))
toestand = {"open": False, "n": 0}

def is_tmp(pad):
    naam = os.path.basename(os.fsdecode(pad))
    return naam.startswith("." + doel + ".") or naam.startswith("." + doel.rsplit(".", 1)[0] + ".") and ".tmp" in naam

def haak(event, args):
    if moment == "open" and event == "open":
        pad, modus = args[0], args[1]
        if toestand["open"]:
            toestand["n"] += 1
            if toestand["n"] >= n:
                os.kill(os.getpid(), signal.SIGSTOP)
        elif isinstance(pad, (str, bytes)) and isinstance(modus, str) and "w" in modus and is_tmp(pad):
            toestand["open"] = True
            if n == 0:
                os.kill(os.getpid(), signal.SIGSTOP)
    elif moment == "replace" and event == "os.rename":
        if os.path.basename(os.fsdecode(args[1])) == doel:
            os.kill(os.getpid(), signal.SIGSTOP)

sys.addaudithook(haak)
sys.argv = ["verduurzaming", *sys.argv[1:]]
runpy.run_module("verduurzaming", run_name="__main__", alter_sys=True)
"""


def _inhoud(map_: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in map_.iterdir() if p.is_file()}


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
    map_ = tmp_path / "uit"
    map_.mkdir()
    for naam, data in oud.items():
        (map_ / naam).write_bytes(data)
    systmp = tmp_path / "systmp"  # openpyxl's sheet streams; kept out of /tmp
    systmp.mkdir()
    env = H.omgeving() | {"ROB_DOEL": doel, "ROB_MOMENT": moment, "ROB_N": str(n), "TMPDIR": str(systmp)}
    p = subprocess.Popen([sys.executable, "-c", LANCEER, "plan", "--uitvoer", str(map_), *ANDER], cwd=H.ROOT,
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, status = os.waitpid(p.pid, os.WUNTRACED)
        assert os.WIFSTOPPED(status), f"het schrijven van {doel} is niet getroffen (status {status})"
        bevroren = _inhoud(map_)
        tmp = [x for x in bevroren if x.startswith("." + doel.rsplit(".", 1)[0] + ".")]
        assert tmp, f"geen tijdelijk bestand voor {doel} tijdens het schrijven: {sorted(bevroren)}"
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
    i = VOLGORDE.index(doel)
    for naam in VOLGORDE:
        assert naam in na, f"{naam} verdwenen"
        if VOLGORDE.index(naam) >= i:
            assert na[naam] == oud[naam], f"{naam}: vorige uitvoer niet intact na kill tijdens {doel}"
        else:
            assert _compleet(naam, na[naam]), f"{naam}: half bestand"
            if naam.endswith(".csv"):
                assert na[naam] in (oud[naam], ref[naam]), naam
    rest = sorted(set(na) - set(VOLGORDE))
    assert all(x.startswith(".") and ".tmp" in x for x in rest), rest

    # the next run: succeeds, same result as a clean run, and cleans the killed run's temp files
    r = H.draai_plan(map_, *ANDER)
    assert r.returncode == 0, r.stderr[-2000:]
    daarna = _inhoud(map_)
    assert sorted(daarna) == sorted(VOLGORDE), f"achtergebleven: {sorted(set(daarna) - set(VOLGORDE))}"
    for naam in H.UITVOER_CSV:
        assert daarna[naam] == ref[naam], naam
    assert daarna["kaart.html"] == ref["kaart.html"]


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
