"""Opening an input file: only a regular file (a symbolic link to one is followed), read within a byte budget.

Every reader (the modules of ``io/`` and ``scenario.py``) checks its path here before it reads it or hands it to a
library (openpyxl, calamine, GDAL, pandas). A character or block device (``/dev/zero`` reports size 0 and never
ends), a FIFO (reading waits for a writer that never comes), a socket or a folder is refused with a Dutch
:class:`InvoerFout`. :func:`lees_bytes` reads at most the limit plus one byte, so a file that reports size 0 but goes
on (``/proc``) cannot grow memory beyond the limit; :func:`open_bestand` opens without blocking and checks the
opened descriptor again, so a path swapped for a FIFO between the check and the open is refused as well.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from .._fouten import InvoerFout

_SOORT = ((stat.S_ISDIR, "een map"), (stat.S_ISCHR, "een apparaat (zoals /dev/zero)"),
          (stat.S_ISBLK, "een apparaat (een schijf)"), (stat.S_ISFIFO, "een named pipe (FIFO)"),
          (stat.S_ISSOCK, "een socket"))
def _reden(e: OSError) -> str:
    """The Dutch reason for an OS error, else the system's own text."""
    return _REDEN.get(e.errno or 0) or str(e.strerror or e)


_REDEN: dict[int, str] = {errno.EACCES: "geen leesrechten", errno.EPERM: "geen leesrechten",
          errno.ELOOP: "symbolische koppelingen die in een kring naar elkaar wijzen",
          errno.ENAMETOOLONG: "het pad is te lang", errno.EIO: "leesfout van het apparaat"}


def grootte(n: int) -> str:
    """A byte count for a message: '4 GB', '16 MB'."""
    from ..tekst import getal
    return f"{getal(n / 1024**3, 0 if n % 1024**3 == 0 else 1)} GB" if n >= 1024**3 else f"{getal(n / 1024**2)} MB"


def _te_groot(naam: str, max_bytes: int) -> InvoerFout:
    return InvoerFout(f"het bestand is groter dan {grootte(max_bytes)} en wordt niet gelezen", bestand=naam)


def _niet_gewoon(st: os.stat_result, naam: str) -> InvoerFout:
    soort = next((s for test, s in _SOORT if test(st.st_mode)), "geen gewoon bestand")
    if stat.S_ISDIR(st.st_mode):
        return InvoerFout("is een map, geen bestand", bestand=naam)
    return InvoerFout(f"is {soort}, geen gewoon bestand; geef het bestand zelf op (een export of tabel)", bestand=naam)


def controleer_bestand(pad: str | Path, naam: str | None = None, *, max_bytes: int | None = None) -> os.stat_result:
    """The ``stat`` of ``pad`` (symbolic links followed) when it is a regular file within ``max_bytes``; a Dutch
    :class:`InvoerFout` naming ``naam`` (default: the path) otherwise."""
    naam = naam or str(pad)
    try:
        st = os.stat(pad)
    except (FileNotFoundError, NotADirectoryError):
        raise InvoerFout("bestand bestaat niet", bestand=naam) from None
    except OSError as e:
        raise InvoerFout(f"kan het bestand niet lezen ({_reden(e)})", bestand=naam) from None
    except ValueError:  # a NUL byte in the path
        raise InvoerFout("ongeldige bestandsnaam", bestand=naam) from None
    if not stat.S_ISREG(st.st_mode):
        raise _niet_gewoon(st, naam)
    if max_bytes is not None and st.st_size > max_bytes:
        raise _te_groot(naam, max_bytes)
    return st


def open_bestand(pad: str | Path, naam: str | None = None, *, max_bytes: int | None = None) -> BinaryIO:
    """``pad`` opened for reading (binary) after :func:`controleer_bestand`. The open does not block (a FIFO put in
    the file's place meanwhile) and the opened descriptor is checked once more."""
    naam = naam or str(pad)
    controleer_bestand(pad, naam, max_bytes=max_bytes)
    try:
        fd = os.open(pad, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
                     | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InvoerFout("bestand bestaat niet", bestand=naam) from None
    except OSError as e:
        raise InvoerFout(f"kan het bestand niet lezen ({_reden(e)})", bestand=naam) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _niet_gewoon(st, naam)
        if max_bytes is not None and st.st_size > max_bytes:
            raise _te_groot(naam, max_bytes)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def lees_bytes(pad: str | Path, naam: str | None = None, *, max_bytes: int) -> bytes:
    """The bytes of the regular file ``pad``, at most ``max_bytes``; a larger file is an :class:`InvoerFout`, also
    one that reports a smaller size than it has (``/proc``) or grows while it is read: never more than
    ``max_bytes + 1`` bytes are read."""
    naam = naam or str(pad)
    with open_bestand(pad, naam, max_bytes=max_bytes) as fh:
        try:
            gemeld = os.fstat(fh.fileno()).st_size
            data = fh.read(gemeld + 1) if gemeld else b""  # a file as large as it says: one read
            if not gemeld or len(data) > gemeld:  # it says 0 or grew: read on in pieces, within the limit
                stukken, n = [data], len(data)
                while n <= max_bytes:
                    stuk = fh.read(min(1 << 20, max_bytes + 1 - n))
                    if not stuk:
                        break
                    stukken.append(stuk)
                    n += len(stuk)
                data = b"".join(stukken)
        except OSError as e:
            raise InvoerFout(f"kan het bestand niet lezen ({_reden(e)})", bestand=naam) from None
    if len(data) > max_bytes:
        raise _te_groot(naam, max_bytes)
    return data
