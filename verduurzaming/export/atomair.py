"""Atomic file writing: write to a temp file beside the target, then rename over it.

A crash mid-write leaves the previous file intact and no half file under the output name.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomair_pad(doel: str | Path) -> Iterator[Path]:
    """Yield a temp path in the target's folder; on success it replaces ``doel`` in one step."""
    doel = Path(doel)
    doel.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{doel.name}.", suffix=".tmp", dir=doel.parent)
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
