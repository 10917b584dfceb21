"""Atomic file writing: write to a temp file beside the target, then rename over it.

A crash mid-write leaves the previous file intact and no half file under the output name.
Temp files are named ``.<name>.<pid>-<random><suffix>``; a process killed mid-write (SIGKILL,
power loss) cannot remove its own, so every later write of the same output removes the temp
files of that output whose process is gone (see :func:`ruim_resten_op`).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

OUDE_REST_S = 3600  # temp files without a pid in their name (older versions) count as stale after this


def _leeft(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists, but not ours to signal
    return True


def tijdelijke_naam_voorvoegsel(doel: str | Path) -> str:
    """The prefix of this process's temp files for ``doel``: ``.<name>.<pid>-``."""
    return f".{Path(doel).name}.{os.getpid()}-"


def ruim_resten_op(doel: str | Path, achtervoegsel: str = ".tmp") -> list[Path]:
    """Remove stale temp files of ``doel`` left by a process that was killed mid-write.

    Only names ``.<name>.<pid>-*<achtervoegsel>`` (and sidecars ``<achtervoegsel>-wal`` etc.) whose
    process no longer exists are removed, and pid-less ``.<name>.*<achtervoegsel>`` names older
    than an hour; a temp file of a run that is still writing is left alone. Returns what was removed.
    """
    doel = Path(doel)
    voor = f".{doel.name}."
    patroon = re.compile(re.escape(voor) + r"(?:(\d+)-)?.*" + re.escape(achtervoegsel) + r"(?:-wal|-shm|-journal)?")
    weg = []
    try:
        namen = [p for p in doel.parent.iterdir() if p.name.startswith(voor)]
    except OSError:
        return weg
    for p in namen:
        m = patroon.fullmatch(p.name)
        if not m:
            continue
        try:
            if m.group(1) is not None:
                if _leeft(int(m.group(1))):
                    continue
            elif time.time() - p.stat().st_mtime < OUDE_REST_S:
                continue
            p.unlink()
            weg.append(p)
        except OSError:
            continue  # gone already, or not ours to remove
    return weg


@contextlib.contextmanager
def atomair_pad(doel: str | Path) -> Iterator[Path]:
    """Yield a temp path in the target's folder; on success it replaces ``doel`` in one step."""
    doel = Path(doel)
    doel.parent.mkdir(parents=True, exist_ok=True)
    ruim_resten_op(doel)
    fd, tmp = tempfile.mkstemp(prefix=tijdelijke_naam_voorvoegsel(doel), suffix=".tmp", dir=doel.parent)
    os.close(fd)
    tmp_pad = Path(tmp)
    try:
        yield tmp_pad
        with open(tmp_pad, "rb+") as fh:
            os.fsync(fh.fileno())
        masker = os.umask(0)
        os.umask(masker)
        os.chmod(tmp_pad, 0o666 & ~masker)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp_pad, doel)
    finally:
        if tmp_pad.exists():
            tmp_pad.unlink()
