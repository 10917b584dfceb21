"""Ctrl-C and SIGTERM end a run with 130 / 143 also when the main thread is stuck in C code (issue 21, item 4).

Python runs a signal handler only between bytecodes: a main thread inside a SQLite query (GDAL's GeoPackage reader
ran a recursive view for ever) never saw the signal, and the run ignored Ctrl-C and SIGTERM with its lock held. The
watchdog of ``export/atomair.afbreekbaar`` wakes on the byte the C-level handler writes to the wakeup fd, gives the
main thread a grace time, then closes the output folder (staging removed, lock released) and ends the process. It
can only run when the stuck C code has released the GIL, as SQLite, GDAL and calamine do; a C loop that holds the
GIL (``sum(range(10**13))``) is out of its reach, and that limit is documented, not tested here.
"""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from verduurzaming.export import atomair

ROOT = Path(__file__).resolve().parents[1]

#: stuck in SQLite (the GIL released) inside an open output folder, with a grace time of 1 s
_VAST = """
import sqlite3, sys
from pathlib import Path
from verduurzaming.export import atomair
atomair.AFBREEK_RESPIJT_S = 1.0
with atomair.afbreekbaar(), atomair.Uitvoermap(Path(sys.argv[1]), "plan") as um:
    (um.staging / "plan_complexen.csv").write_text("half")
    print("vast", flush=True)
    sqlite3.connect(":memory:").execute(
        "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT count(*) FROM r").fetchall()
"""


def _begrens() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (4 * 1024**3, 4 * 1024**3))


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signaal_stopt_ook_een_run_die_in_sqlite_vastzit(tmp_path, signum, code):
    uit = tmp_path / "uit"
    uit.mkdir()
    (uit / "plan_complexen.csv").write_text("vorige")
    with subprocess.Popen([sys.executable, "-c", _VAST, str(uit)], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, preexec_fn=_begrens) as p:
        try:
            assert p.stdout.readline().strip() == "vast"
            time.sleep(0.2)  # inside the query
            t0 = time.perf_counter()
            p.send_signal(signum)
            p.wait(timeout=30)
            duur = time.perf_counter() - t0
        finally:
            if p.poll() is None:
                p.kill()
                p.wait()
        fout = p.stderr.read()
    assert p.returncode == code, fout
    assert 0.9 < duur < 10, duur
    assert f"Fout: afgebroken; het programma reageerde niet binnen 1 s op {signal.Signals(signum).name}" in fout
    assert "de vorige uitvoer is ongewijzigd" in fout and "Traceback" not in fout
    assert sorted(q.name for q in uit.iterdir()) == ["plan_complexen.csv"]  # no lock, no staging
    assert (uit / "plan_complexen.csv").read_text() == "vorige"


def test_waakhond_weg_na_het_blok():
    """After afbreekbaar() the wakeup fd is restored and the watchdog thread has ended: in-process use (tests, a
    notebook) is never ended by it later."""
    voor = signal.set_wakeup_fd(-1)
    signal.set_wakeup_fd(voor)
    with atomair.afbreekbaar():
        assert any(t.name == "verduurzaming-waakhond" for t in threading.enumerate())
    assert signal.set_wakeup_fd(voor) == voor
    for _ in range(100):
        if not any(t.name == "verduurzaming-waakhond" for t in threading.enumerate()):
            break
        time.sleep(0.01)
    assert not any(t.name == "verduurzaming-waakhond" for t in threading.enumerate())
