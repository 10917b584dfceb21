"""The bundled demo written into a folder (``verduurzaming demo MAP``) without following a symbolic link.

MAP itself is the user's choice (it may be a link to a folder). Below it nothing is followed: every
folder and file the demo writes is looked at with ``lstat`` first, and a symbolic link in the way
(``MAP/data``, ``MAP/scenario.toml``, even one that points nowhere) stops the run with one Dutch
sentence naming it, with or without ``--overschrijf``: the demo never writes through a link and never
replaces one. Only then is anything written. The folders are then opened with ``O_NOFOLLOW`` and every
later step works through their descriptors, so a folder swapped for a link meanwhile is refused too,
not followed. Each file is written to a temp file in its real folder (``O_EXCL | O_NOFOLLOW``), synced
and renamed over its name: a full disk leaves no half file, and the error says so in Dutch.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

from .._fouten import VerduurzamingFout
from .atomair import reden

#: folder descriptors where the platform has them (POSIX); elsewhere the same steps by path
_MET_FD = {os.open, os.mkdir, os.stat, os.rename, os.unlink} <= os.supports_dir_fd
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class DemoFout(VerduurzamingFout):
    """The demo cannot be written into this folder (a link or a folder in the way, files present, full)."""


def _koppeling(pad: Path) -> DemoFout:
    return DemoFout(f"{pad} is een symbolische koppeling; de demo schrijft niet via een koppeling en vervangt "
                    "die ook niet: verwijder hem of kies een andere map")


def _soort(pad: Path) -> os.stat_result | None:
    try:
        return os.lstat(pad)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise DemoFout(f"kan {pad} niet bekijken: {reden(e)}") from None


def controleer_demo_map(map_: Path, bestanden: list[Path], overschrijf: bool) -> None:
    """Everything the demo would write below ``map_``, checked before anything is written (``lstat``)."""
    bestaand: list[Path] = []
    gezien: set[Path] = set()
    for b in bestanden:
        for i in range(1, len(b.parts)):
            deel = Path(*b.parts[:i])
            if deel in gezien:
                continue
            gezien.add(deel)
            st = _soort(map_ / deel)
            if st is not None and stat.S_ISLNK(st.st_mode):
                raise _koppeling(map_ / deel)
            if st is not None and not stat.S_ISDIR(st.st_mode):
                raise DemoFout(f"{map_ / deel} bestaat al en is geen map; kies een andere map")
        st = _soort(map_ / b)
        if st is None:
            continue
        if stat.S_ISLNK(st.st_mode):
            raise _koppeling(map_ / b)
        if not stat.S_ISREG(st.st_mode):
            raise DemoFout(f"{map_ / b} bestaat al en is geen gewoon bestand; kies een andere map")
        bestaand.append(b)
    if bestaand and not overschrijf:
        raise DemoFout(f"{map_} bevat al {', '.join(str(b) for b in bestaand[:3])}"
                       f"{' en meer' if len(bestaand) > 3 else ''}; kies een andere map of geef --overschrijf")


class _Map:
    """A real folder below MAP: its descriptor (POSIX) or its path, and the path for messages."""

    def __init__(self, pad: Path, fd: int | None) -> None:
        self.pad, self.fd = pad, fd

    def _waar(self, naam: str) -> tuple[str | Path, dict]:
        return (naam, {"dir_fd": self.fd}) if self.fd is not None else (self.pad / naam, {})

    def lstat(self, naam: str) -> os.stat_result | None:
        waar, fd = self._waar(naam)
        try:
            return os.stat(waar, follow_symlinks=False, **fd)
        except FileNotFoundError:
            return None

    def submap(self, naam: str) -> _Map:
        """Open (make if missing) folder ``naam`` in this one; a link or a file there is refused."""
        waar, fd = self._waar(naam)
        with contextlib.suppress(FileExistsError):
            os.mkdir(waar, **fd)
        st = self.lstat(naam)
        if st is not None and stat.S_ISLNK(st.st_mode):
            raise _koppeling(self.pad / naam)
        if st is None or not stat.S_ISDIR(st.st_mode):
            raise DemoFout(f"{self.pad / naam} is geen map; kies een andere map")
        if self.fd is None:
            return _Map(self.pad / naam, None)
        try:
            sub = os.open(naam, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=self.fd)
        except OSError as e:
            if e.errno in (errno.ELOOP, errno.ENOTDIR):  # swapped for a link since the lstat
                raise _koppeling(self.pad / naam) from None
            raise
        return _Map(self.pad / naam, sub)

    def schrijf(self, naam: str, data: bytes, overschrijf: bool) -> None:
        """Write ``naam`` as a temp file in this folder, then rename it over the name (never through a link)."""
        st = self.lstat(naam)
        if st is not None and stat.S_ISLNK(st.st_mode):
            raise _koppeling(self.pad / naam)
        if st is not None and (not stat.S_ISREG(st.st_mode) or not overschrijf):
            raise DemoFout(f"{self.pad / naam} bestaat al; kies een andere map of geef --overschrijf")
        tmp = f".{naam}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
        waar_tmp, fd = self._waar(tmp)
        waar, _ = self._waar(naam)
        h = os.open(waar_tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666, **fd)
        try:
            try:
                weergave = memoryview(data)
                while weergave:
                    weergave = weergave[os.write(h, weergave):]
                os.fsync(h)
            finally:
                os.close(h)
            if self.fd is not None:
                os.replace(tmp, naam, src_dir_fd=self.fd, dst_dir_fd=self.fd)
            else:
                os.replace(waar_tmp, waar)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(waar_tmp, **fd)
            raise

    def sluit(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _open_basis(map_: Path) -> _Map:
    """MAP itself (made if missing; a link the user chose to a folder is fine)."""
    try:
        map_.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise DemoFout(f"{map_} bestaat al en is geen map") from None
    except OSError as e:
        raise DemoFout(f"kan de map {map_} niet maken: {reden(e)}") from None
    if not _MET_FD:
        return _Map(map_, None)
    return _Map(map_, os.open(map_, os.O_RDONLY | _DIRECTORY))


def schrijf_demo(map_: str | Path, bron: Path, bestanden: list[Path], *, overschrijf: bool = False) -> list[Path]:
    """Copy ``bestanden`` (relative to ``bron``) into ``map_``; returns the paths written."""
    map_ = Path(map_)
    if os.path.lexists(map_) and not map_.is_dir():
        raise DemoFout(f"{map_} bestaat al en is geen map")
    controleer_demo_map(map_, bestanden, overschrijf)
    basis = _open_basis(map_)
    open_mappen: dict[Path, _Map] = {Path(): basis}
    geschreven: list[Path] = []
    try:
        for b in bestanden:
            try:
                m = basis
                for i, deel in enumerate(b.parts[:-1], start=1):
                    sleutel = Path(*b.parts[:i])
                    if sleutel not in open_mappen:
                        open_mappen[sleutel] = m.submap(deel)
                    m = open_mappen[sleutel]
                m.schrijf(b.name, (bron / b).read_bytes(), overschrijf)
            except OSError as e:
                n = len(geschreven)
                weg = f"; {n} {'bestand staat' if n == 1 else 'bestanden staan'} er al heel" if n else ""
                raise DemoFout(f"kan {b} van de demo niet in {map_} zetten: {reden(e)}; er is geen half bestand "
                               f"achtergebleven{weg}") from None
            geschreven.append(map_ / b)
    finally:
        for m in open_mappen.values():
            m.sluit()
    return geschreven
