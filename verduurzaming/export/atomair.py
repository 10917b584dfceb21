"""Atomic file writing: one file (temp file beside the target, then rename) and the output folder
as a whole (:class:`Uitvoermap`: checked, locked, written via staging, published as one set).

A crash mid-write leaves the previous file intact and no half file under the output name.
Temp files are named ``.<name>.<pid>-<random><suffix>``; a process killed mid-write (SIGKILL,
power loss) cannot remove its own, so every later write of the same output removes the temp
files of that output whose process is gone (see :func:`ruim_resten_op`).
"""

from __future__ import annotations

import contextlib
import csv as _csv
import datetime as _dt
import errno
import hashlib
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from .._fouten import VerduurzamingFout
from .uitvoernamen import uitvoernamen

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
    weg: list[Path] = []
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


# ---------------------------------------------------------------- the output folder as a whole
#
# One CLI run writes several files (CSVs, workbook, map, GeoPackage) that belong together. They are
# published as one set:
#
# 1. before any work, ``Uitvoermap.open`` checks the folder (exists or can be made, is a folder,
#    a file can be created in it) and takes the lock ``.verduurzaming.lock`` (O_EXCL, holding pid,
#    process start time, host and command). A second run into the same folder refuses at once
#    (exit 2); a lock of a process that no longer exists is taken over. Taking or taking over the
#    lock happens under a short ``flock`` on the folder itself, so two runs that both find a stale
#    lock cannot both take it.
# 2. every file of the run is written into ``.staging-<run>/`` inside the folder (same
#    filesystem, so renames are atomic); a crash or a signal in this phase leaves the previous
#    files untouched, the staging folder is removed (on SIGKILL: by the next run).
# 3. publishing: the staging folder gets a journal (what to move in, what to remove) and is
#    renamed to ``.publiceren-<run>/`` in one step -- the commit point. Then every file is renamed
#    into place, obsolete files are removed and ``uitvoer_manifest.csv`` goes in last. A run
#    killed between these renames (milliseconds; SIGINT/SIGTERM are held back meanwhile) leaves a
#    ``.publiceren-`` folder, and the next run into the folder completes it before anything else
#    (roll forward), so the mix never outlives the next run.
#
# ``uitvoer_manifest.csv`` lists every file the tool wrote into the folder with the run, command,
# time, size and SHA-256 that wrote it. A run replaces the files of the previous run of the same
# command: a file that run wrote and this one does not (wijzigingen.csv after a re-plan, when the
# next ``plan`` has no realisation) is removed while it still has the recorded SHA-256 (a file the
# user edited, a folder or link put there, or an input of this run stays and leaves the manifest).
# Files of another command (voortgang.xlsx next to the plan) stay, and the manifest names the run
# they come from. Files the manifest does not know (a README, outputs of older versions) are never
# removed.
#
# Nothing is followed: the lock, manifest and journal are read O_NOFOLLOW, recovery uses only real
# folders of this user with our journal (a link with our name is unlinked), a folder or link at an
# output's name is refused before the commit point, and an output never replaces an input of the run
# (``Uitvoermap.bewaak_invoer``).

SLOT = ".verduurzaming.lock"
MANIFEST = "uitvoer_manifest.csv"
STAGING = ".staging-"
PUBLICEREN = ".publiceren-"
JOURNAAL = ".journaal.json"
MANIFEST_KOLOMMEN = ["bestand", "run", "commando", "geschreven", "bytes", "sha256"]


class UitvoerFout(VerduurzamingFout):
    """The output folder cannot be used (a file, not writable, full, in use by another run)."""


class Afgebroken(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived; ``code`` is the exit code (130 / 143)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.code = 128 + signum
        self.na_publicatie = False


_EDQUOT = getattr(errno, "EDQUOT", -1)
_REDEN = {errno.EACCES: "geen schrijfrechten", errno.EPERM: "geen schrijfrechten",
          errno.EROFS: "alleen-lezen bestandssysteem", errno.ENOSPC: "de schijf is vol",
          _EDQUOT: "de schijfquota is op", errno.ENOTDIR: "een deel van het pad is een bestand",
          errno.EEXIST: "er staat een bestand met die naam", errno.EFBIG: "bestand te groot voor het bestandssysteem",
          errno.ENAMETOOLONG: "pad te lang", errno.EIO: "schrijffout van het apparaat",
          errno.EISDIR: "er staat een map met die naam", errno.ENOTEMPTY: "er staat een map met die naam",
          errno.ELOOP: "er staat een symbolische koppeling"}
SCHIJF_VOL = (errno.ENOSPC, _EDQUOT, errno.EFBIG)


def reden(e: OSError) -> str:
    """A short Dutch reason for an OS error."""
    return _REDEN.get(e.errno, e.strerror or type(e).__name__)


def schijf_vol(fout: BaseException) -> bool:
    """Does this error (or one it was raised from) say the disk or quota is full?"""
    gezien: set[int] = set()
    e: BaseException | None = fout
    while e is not None and id(e) not in gezien:
        gezien.add(id(e))
        if isinstance(e, OSError) and e.errno in SCHIJF_VOL:
            return True
        tekst = str(e)
        if "ENOSPC" in tekst or "No space left" in tekst or "Disk quota exceeded" in tekst:
            return True
        e = e.__cause__ or e.__context__
    return False


def _proces_start(pid: int) -> str:
    """The process start time (clock ticks since boot) from /proc, '' where not available."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return ""


def _fsync_map(map_: Path) -> None:
    try:
        fd = os.open(map_, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def _kort_slot(map_: Path) -> Iterator[None]:
    """Serialise taking the lock: an exclusive flock on the folder, held for milliseconds (POSIX)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: O_EXCL alone
        yield
        return
    fd = os.open(map_, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the flock


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _open_bestand(pad: Path) -> int:
    """A descriptor for reading the regular file ``pad``, never through a symbolic link (ELOOP) and
    never blocking on a planted FIFO; OSError for anything that is not a regular file."""
    fd = os.open(pad, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "geen gewoon bestand", str(pad))
    return fd


def _lees_bestand(pad: Path) -> bytes:
    with open(_open_bestand(pad), "rb") as fh:
        return fh.read()


def _lstat(pad: Path) -> os.stat_result | None:
    """``lstat`` (a link is the link, not its target); None when nothing is there."""
    try:
        return os.lstat(pad)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _is_gewoon(pad: Path) -> bool:
    """A regular file itself, not a link to one."""
    st = _lstat(pad)
    return st is not None and stat.S_ISREG(st.st_mode)


def _van_ons(st: os.stat_result) -> bool:
    """Owned by the user this run runs as: what another user put in a shared folder is not ours."""
    return not hasattr(os, "geteuid") or st.st_uid == os.geteuid()


def _hindernis(pad: Path) -> str | None:
    """What is in the way of writing a file at ``pad`` (a folder, a link, a device), in Dutch; None if nothing."""
    st = _lstat(pad)
    if st is None or stat.S_ISREG(st.st_mode):
        return None
    if stat.S_ISLNK(st.st_mode):
        return f"{pad} is een symbolische koppeling; verduurzaming schrijft niet via een koppeling"
    if stat.S_ISDIR(st.st_mode):
        return f"{pad} is een map, geen bestand"
    return f"{pad} is geen gewoon bestand"


def _lees_slot(pad: Path) -> dict[str, str]:
    try:
        tekst = _lees_bestand(pad).decode("utf-8", errors="replace")
    except OSError:
        return {}
    return dict(r.split("=", 1) for r in tekst.splitlines() if "=" in r)


def _slot_leeft(info: dict[str, str]) -> bool:
    """Is the process that holds this lock still running? A lock of another host counts as alive."""
    if info.get("host", socket.gethostname()) != socket.gethostname():
        return True
    try:
        pid = int(info.get("pid", ""))
    except ValueError:
        return False  # unreadable lock: written by nobody we know (taken under the flock, never half)
    if pid != os.getpid() and not _leeft(pid):
        return False
    start = info.get("start", "")
    return not (start and _proces_start(pid) and _proces_start(pid) != start)  # pid reused by another process


def _sha256(pad: Path) -> str:
    h = hashlib.sha256()
    with open(_open_bestand(pad), "rb") as fh:
        for blok in iter(lambda: fh.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()


def lees_manifest(map_: str | Path) -> dict[str, dict[str, str]]:
    """``uitvoer_manifest.csv`` of a folder: per file name its row; {} when absent or unreadable."""
    pad = Path(map_) / MANIFEST
    try:
        tekst = _lees_bestand(pad).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    rijen = list(_csv.DictReader(io.StringIO(tekst), delimiter=";"))
    return {r["bestand"]: r for r in rijen if r.get("bestand") and "/" not in r["bestand"]
            and "\\" not in r["bestand"] and not r["bestand"].startswith(".")}


def _schrijf_manifest(pad: Path, rijen: list[dict[str, str]]) -> None:
    buf = io.StringIO()
    w = _csv.DictWriter(buf, fieldnames=MANIFEST_KOLOMMEN, delimiter=";", lineterminator="\n",
                        quoting=_csv.QUOTE_MINIMAL)
    w.writeheader()
    for r in sorted(rijen, key=lambda r: r["bestand"]):
        w.writerow({k: r.get(k, "") for k in MANIFEST_KOLOMMEN})
    with open(pad, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(buf.getvalue())
        fh.flush()
        os.fsync(fh.fileno())


def _lees_journaal(pub: Path) -> dict | None:
    """The journal of a publication folder this tool made; None when it has none (not ours: left alone)."""
    try:
        journaal = json.loads(_lees_bestand(pub / JOURNAAL).decode("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(journaal, dict) or not isinstance(journaal.get("bestanden"), list):
        return None
    return journaal


def _ongewijzigd(map_: Path, naam: str, manifest: dict[str, dict[str, str]]) -> bool:
    """Is ``naam`` a regular file with the SHA-256 the manifest recorded when the tool wrote it?"""
    rij = manifest.get(naam)
    if rij is None or not _is_gewoon(map_ / naam):
        return False
    try:
        return _sha256(map_ / naam) == rij.get("sha256")
    except OSError:
        return False


def _voltooi(map_: Path, pub: Path, journaal: dict) -> None:
    """Roll a committed publication forward: move what is left in ``pub`` into place (idempotent).

    Only regular files in ``pub`` are moved, onto names where nothing but a regular file (or nothing)
    is: a folder or a link in the way stops it (UitvoerFout) before anything moves. A file the journal
    lists as obsolete is removed only while the folder's manifest (the previous one: ours goes in last)
    still records it with the same SHA-256, so a journal never removes a file the tool did not write.
    """
    namen = [n for n in journaal.get("bestanden", []) if n != MANIFEST and _gewone_naam(n)] + [MANIFEST]
    weg = journaal.get("verwijderen", [])
    verwijderen = [n for n in weg if _gewone_naam(n) and n != MANIFEST] if isinstance(weg, list) else []
    hindernissen = [h for n in namen if _is_gewoon(pub / n) and (h := _hindernis(map_ / n))]
    if hindernissen:
        raise UitvoerFout(f"uitvoermap {map_}: een onderbroken publicatie ({pub.name}) kan niet worden afgemaakt: "
                          f"{hindernissen[0]}; verwijder of hernoem die en draai opnieuw")
    vorig = lees_manifest(map_)
    for naam in namen:
        if naam == MANIFEST:  # obsolete files go before the manifest that no longer lists them
            for oud in verwijderen:
                if _ongewijzigd(map_, oud, vorig):
                    with contextlib.suppress(FileNotFoundError):
                        (map_ / oud).unlink()
        if _is_gewoon(pub / naam):
            os.replace(pub / naam, map_ / naam)
    _fsync_map(map_)
    shutil.rmtree(pub, ignore_errors=True)


def _gewone_naam(naam: object) -> bool:
    """A plain file name inside the folder (the journal is never trusted to point elsewhere)."""
    return (isinstance(naam, str) and bool(naam) and "/" not in naam and "\\" not in naam
            and not naam.startswith(".") and naam == Path(naam).name)


def _pid_van_run(naam: str, voorvoegsel: str) -> int | None:
    try:
        return int(naam[len(voorvoegsel):].split("-", 1)[0])
    except ValueError:
        return None


class Uitvoermap:
    """The output folder of one CLI run: checked, locked, written via staging, published as one set.

    Use as a context manager around all the work of a command::

        with Uitvoermap(map_, "plan") as um:
            ...                                      # read, plan
            paden = [schrijf(um.staging / naam) ...]  # write into staging
            paden = um.publiceer(paden)              # the final paths in map_

    Leaving the block without ``publiceer`` (an error, SIGINT, SIGTERM) removes the staging
    folder and leaves the previous files as they were.
    """

    def __init__(self, map_: str | Path, commando: str, meld=None) -> None:
        self.map = Path(map_)
        self.commando = commando
        self.run = f"{os.getpid()}-{secrets.token_hex(4)}"
        #: Dutch lines for the user that do not stop the run (a planted link removed, an edited file kept)
        self.meldingen: list[str] = []
        self._meld_aan = meld
        self._invoer: list[Path] = []
        self._slot: Path | None = None
        self._staging: Path | None = None
        self._aangemaakt = False
        self.gepubliceerd = False

    # ------------------------------------------------------------ before any work
    def controleer(self) -> None:
        """The folder exists (or is made), is a folder and takes a file; UitvoerFout otherwise."""
        m = self.map
        if m.exists() and not m.is_dir():
            raise UitvoerFout(f"uitvoermap {m}: dit is een bestand, geen map; kies met --uitvoer een map")
        if not m.exists():
            try:
                m.mkdir(parents=True)
                self._aangemaakt = True
            except FileExistsError:
                if not m.is_dir():
                    raise UitvoerFout(f"uitvoermap {m}: dit is een bestand, geen map; kies met --uitvoer een map") \
                        from None
            except OSError as e:
                raise UitvoerFout(f"uitvoermap {m} kan niet worden aangemaakt: {reden(e)}") from None
        try:
            fd, proef = tempfile.mkstemp(prefix=f".schrijftest-{os.getpid()}-", dir=m)
            try:
                os.write(fd, b"verduurzaming schrijftest\n" * 40)  # ~1 KB: a full disk fails here
                os.fsync(fd)
            finally:
                os.close(fd)
                os.unlink(proef)
        except OSError as e:
            raise UitvoerFout(f"uitvoermap {m} is niet bruikbaar: {reden(e)}") from None

    def vergrendel(self) -> None:
        """Take the lock, or UitvoerFout naming the run that holds it; then clean up after dead runs."""
        slot = self.map / SLOT
        inhoud = (f"pid={os.getpid()}\nstart={_proces_start(os.getpid())}\nhost={socket.gethostname()}\n"
                  f"commando={self.commando}\nrun={self.run}\n"
                  f"tijd={_dt.datetime.now().astimezone().isoformat(timespec='seconds')}\n").encode()
        try:
            with _kort_slot(self.map):
                try:
                    fd = os.open(slot, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                except FileExistsError:
                    info = _lees_slot(slot)
                    if _slot_leeft(info):
                        wie = f"{info.get('commando', '?')}, pid {info.get('pid', '?')}"
                        if info.get("host") and info["host"] != socket.gethostname():
                            wie += f" op {info['host']}"
                        raise UitvoerFout(
                            f"uitvoermap {self.map} is in gebruik door een andere run ({wie}, gestart "
                            f"{info.get('tijd', '?')}); wacht tot die klaar is of kies een andere --uitvoer "
                            f"(bestaat die run niet meer, verwijder dan {slot})") from None
                    slot.unlink()  # stale: its process is gone
                    fd = os.open(slot, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                try:
                    os.write(fd, inhoud)
                    os.fsync(fd)
                finally:
                    os.close(fd)
                self._slot = slot
        except OSError as e:
            raise UitvoerFout(f"uitvoermap {self.map}: vergrendelen lukt niet: {reden(e)}") from None
        self._herstel()

    def _herstel(self) -> None:
        """Under the lock: finish a publication a killed run committed, drop staging of dead runs.

        Only real folders (lstat) of this user are used; a link with one of our names is removed (the
        link, never its target) and anything else that is not ours is left alone, each with a line."""
        for p in sorted(self.map.iterdir()):
            if not p.name.startswith((PUBLICEREN, STAGING)):
                continue
            st = _lstat(p)
            if st is None:
                continue
            if stat.S_ISLNK(st.st_mode):
                with contextlib.suppress(OSError):
                    p.unlink()
                self._meld(f"{p} was een symbolische koppeling met de naam van een tussenmap van verduurzaming; "
                           "de koppeling is verwijderd, niet gevolgd")
            elif not stat.S_ISDIR(st.st_mode) or not _van_ons(st):
                self._meld(f"{p} is niet door verduurzaming gemaakt en blijft onaangeroerd staan")
            elif p.name.startswith(PUBLICEREN):
                self._maak_af(p)
            else:
                pid = _pid_van_run(p.name, STAGING)
                if pid is None or not _leeft(pid) or pid == os.getpid():
                    shutil.rmtree(p, ignore_errors=True)

    def _maak_af(self, pub: Path) -> None:
        journaal = _lees_journaal(pub)
        if journaal is None:
            self._meld(f"{pub} heeft geen journaal van verduurzaming en blijft onaangeroerd staan; verwijder die "
                       "map als niemand hem nodig heeft")
            return
        try:
            _voltooi(self.map, pub, journaal)
        except OSError as e:
            raise UitvoerFout(f"uitvoermap {self.map}: een onderbroken publicatie ({pub.name}) kan niet worden "
                              f"afgemaakt: {reden(e)}") from None

    def _meld(self, tekst: str) -> None:
        self.meldingen.append(tekst)
        if self._meld_aan is not None:
            self._meld_aan(tekst)

    def _weiger_hindernis(self, namen: Iterable[str]) -> None:
        """A folder, link or device at the name of an output: UitvoerFout before anything is published."""
        for n in namen:
            h = _hindernis(self.map / n)
            if h:
                raise UitvoerFout(f"uitvoermap {self.map}: {h}; verwijder of hernoem die, of kies een andere "
                                  "uitvoermap (er is niets geschreven, de vorige uitvoer is ongewijzigd)")

    def bewaak_invoer(self, paden: Iterable[str | Path | None]) -> None:
        """The files this run reads. An output of this command with the name of one of them in the folder
        would replace it: UitvoerFout now, before the input is read (and again with the names actually
        written when publishing); a stale output that is an input stays."""
        self._invoer = [Path(p) for p in paden if p]
        self._weiger_invoer(uitvoernamen(self.commando))

    def _is_invoer(self, pad: Path) -> Path | None:
        for p in self._invoer:
            with contextlib.suppress(OSError):
                if os.path.samefile(p, pad):
                    return p
        return None

    def _weiger_invoer(self, namen: Iterable[str]) -> None:
        for n in namen:
            if _lstat(self.map / n) is None:
                continue
            invoer = self._is_invoer(self.map / n)
            if invoer is not None:
                raise UitvoerFout(f"uitvoermap {self.map}: de uitvoer {n} van deze run zou het invoerbestand "
                                  f"{invoer} vervangen; kies een andere uitvoermap (--uitvoer)")

    def open(self) -> Uitvoermap:
        self.controleer()
        self.vergrendel()
        self._weiger_hindernis([*uitvoernamen(self.commando), MANIFEST])
        _OPEN_MAPPEN.add(self)  # the watchdog of afbreekbaar() closes it when the main thread cannot
        return self

    # ------------------------------------------------------------ writing
    @property
    def staging(self) -> Path:
        """The folder this run writes into (made on first use)."""
        if self._staging is None:
            if self._slot is None:
                raise RuntimeError("Uitvoermap.staging before open()")
            self._staging = self.map / f"{STAGING}{self.run}"
            try:
                self._staging.mkdir()
            except OSError as e:
                raise UitvoerFout(f"uitvoermap {self.map}: schrijven lukt niet: {reden(e)}") from None
        return self._staging

    @contextlib.contextmanager
    def schrijven(self) -> Iterator[Path]:
        """Yield the staging folder; a full disk or a write error becomes one Dutch UitvoerFout."""
        try:
            yield self.staging
        except UitvoerFout:
            raise
        except OSError as e:
            raise UitvoerFout(self._schrijffout(reden(e))) from None
        except Exception as e:
            # writers wrap OS errors (lxml's SerialisationError IO_ENOSPC, GDAL): recognise a full disk
            if schijf_vol(e) or self._vol():
                raise UitvoerFout(self._schrijffout("de schijf is vol")) from None
            raise

    def _vorige_rijen(self, namen: list[str]) -> tuple[dict[str, dict[str, str]], list[str]]:
        """The manifest rows that stay beside this run's files, and the stale files to remove.

        A file the previous run of this command wrote and this run does not is removed only when it is
        still a regular file with the SHA-256 the manifest recorded and not an input of this run; otherwise
        it stays, the user is told, and the manifest no longer lists it (it is the user's now). Files of
        other commands keep their rows; rows of files that are gone, or are no longer regular files, go."""
        rijen: dict[str, dict[str, str]] = {}
        verwijderen: list[str] = []
        for n, r in lees_manifest(self.map).items():
            if n in namen or n == MANIFEST or _lstat(self.map / n) is None:
                continue
            eigen = r.get("commando") == self.commando
            if not _is_gewoon(self.map / n):
                if eigen:
                    self._meld(f"{self.map / n} is geen gewoon bestand meer en blijft staan; {MANIFEST} noemt het "
                               "niet meer")
            elif not eigen:
                rijen[n] = r
            elif self._is_invoer(self.map / n) is not None:
                self._meld(f"{self.map / n} is invoer van deze run en blijft staan; {MANIFEST} noemt het niet meer")
            elif not _ongewijzigd(self.map, n, {n: r}):
                self._meld(f"{self.map / n} is aangepast nadat '{self.commando}' het schreef en blijft staan; "
                           f"{MANIFEST} noemt het niet meer")
            else:
                verwijderen.append(n)
        return rijen, sorted(verwijderen)

    def _schrijffout(self, waarom: str) -> str:
        return f"uitvoermap {self.map}: schrijven mislukt ({waarom}); de vorige uitvoer is ongewijzigd"

    def _vol(self) -> bool:
        try:
            return shutil.disk_usage(self.map).free < 64 * 1024
        except OSError:
            return False

    # ------------------------------------------------------------ publishing
    def publiceer(self, paden: list[Path]) -> list[Path]:
        """Move every file written in staging into the folder as one set; returns the final paths."""
        st = self.staging
        namen = []
        for p in paden:
            p = Path(p)
            if p.parent.resolve() != st.resolve():
                raise RuntimeError(f"{p} is not in the staging folder {st}")
            if p.name not in namen:
                namen.append(p.name)
        self._weiger_hindernis([*namen, MANIFEST])
        self._weiger_invoer(namen)
        nu = _dt.datetime.now().astimezone().isoformat(timespec="seconds")
        rijen, verwijderen = self._vorige_rijen(namen)
        for n in namen:
            rijen[n] = {"bestand": n, "run": self.run, "commando": self.commando, "geschreven": nu,
                        "bytes": str((st / n).stat().st_size), "sha256": _sha256(st / n)}
        with self.schrijven():
            _schrijf_manifest(st / MANIFEST, list(rijen.values()))
            (st / JOURNAAL).write_text(json.dumps({"run": self.run, "bestanden": [*namen, MANIFEST],
                                                   "verwijderen": verwijderen}), encoding="utf-8")
            with open(st / JOURNAAL, "rb+") as fh:
                os.fsync(fh.fileno())
            _fsync_map(st)
        pub = self.map / f"{PUBLICEREN}{self.run}"
        with _signalen_uitgesteld() as uitgesteld:
            try:
                os.replace(st, pub)  # the commit point
            except OSError as e:
                raise UitvoerFout(self._schrijffout(reden(e))) from None
            self._staging = None
            _fsync_map(self.map)
            try:
                _voltooi(self.map, pub, {"bestanden": [*namen, MANIFEST], "verwijderen": verwijderen})
            except OSError as e:
                raise UitvoerFout(f"uitvoermap {self.map}: het plaatsen van de nieuwe bestanden is onderbroken "
                                  f"({reden(e)}); de volgende run in deze map maakt het af") from None
            self.gepubliceerd = True
        if uitgesteld:
            afgebroken = Afgebroken(uitgesteld[0])
            afgebroken.na_publicatie = True
            raise afgebroken
        return [self.map / n for n in namen]

    # ------------------------------------------------------------ the end
    def sluit(self) -> None:
        """Remove staging (if not published) and release the lock; idempotent."""
        _OPEN_MAPPEN.discard(self)
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None
        if self._slot is not None:
            with contextlib.suppress(OSError):
                if _lees_slot(self._slot).get("run") == self.run:
                    self._slot.unlink()
            self._slot = None
        if self._aangemaakt and not self.gepubliceerd:
            with contextlib.suppress(OSError):
                self.map.rmdir()  # only when empty: nothing of ours, nothing of anyone else

    def __enter__(self) -> Uitvoermap:
        try:
            return self.open()
        except BaseException:
            self.sluit()
            raise

    def __exit__(self, *exc) -> None:
        self.sluit()


@contextlib.contextmanager
def _signalen_uitgesteld() -> Iterator[list[int]]:
    """Hold SIGINT/SIGTERM back while the set is renamed into place; yields the signals that came."""
    if threading.current_thread() is not threading.main_thread():
        yield []
        return
    gekomen: list[int] = []
    oud = {}
    for s in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError, OSError):  # not the main thread
            oud[s] = signal.signal(s, lambda signum, _frame: gekomen.append(signum))
    _PUBLICEREN.set()  # the watchdog waits until the renames are done
    try:
        yield gekomen
    finally:
        _PUBLICEREN.clear()
        for s, h in oud.items():
            signal.signal(s, h)


#: seconds the main thread has after SIGINT or SIGTERM to stop by itself before the watchdog ends the process
AFBREEK_RESPIJT_S = 5.0

#: the output folders of this process that are open (locked), for the watchdog
_OPEN_MAPPEN: set[Uitvoermap] = set()
#: set while a set of files is renamed into place (signals are held back then; the watchdog waits too)
_PUBLICEREN = threading.Event()


def _noodstop(signum: int) -> None:
    """End the process with 128 + ``signum`` after closing the open output folders (staging removed, lock
    released) and a Dutch line on stderr. For a main thread that did not stop within the grace time."""
    compleet = any(um.gepubliceerd for um in list(_OPEN_MAPPEN))
    for um in list(_OPEN_MAPPEN):
        with contextlib.suppress(Exception):
            um.sluit()
    uitvoer = "de uitvoer van deze run is compleet" if compleet else "de vorige uitvoer is ongewijzigd"
    melding = (f"Fout: afgebroken; het programma reageerde niet binnen {AFBREEK_RESPIJT_S:g} s op "
               f"{signal.Signals(signum).name} en is gestopt; {uitvoer}\n")
    with contextlib.suppress(OSError):
        os.write(2, melding.encode("utf-8", "replace"))
    os._exit(128 + signum)


def _waakhond(lees: int, gestopt: threading.Event) -> None:
    """The watchdog thread: reads the signal numbers the C-level signal handler writes (``signal.set_wakeup_fd``);
    after SIGINT or SIGTERM it gives the main thread :data:`AFBREEK_RESPIJT_S` seconds, then :func:`_noodstop`."""
    try:
        while True:
            try:
                data = os.read(lees, 64)
            except OSError:
                return
            if not data or gestopt.is_set():
                return
            signalen = [b for b in data if b in (signal.SIGINT, signal.SIGTERM)]
            if not signalen:
                continue
            if gestopt.wait(AFBREEK_RESPIJT_S):
                return
            while _PUBLICEREN.is_set() and not gestopt.wait(0.05):
                pass
            if not gestopt.is_set():
                _noodstop(signalen[0])
    finally:
        with contextlib.suppress(OSError):
            os.close(lees)


@contextlib.contextmanager
def _waakhond_actief() -> Iterator[None]:
    """Run the watchdog while the block runs: Python runs a signal handler only between bytecodes, so a main
    thread stuck in C code (a GDAL or SQLite query, calamine) would never see SIGINT or SIGTERM. The C-level handler
    does write the signal number to the wakeup fd, and a thread waiting on it wakes; it can run only when that C
    code has released the GIL (GDAL, SQLite and calamine do; Python's re module, for one, does not)."""
    try:
        lees, schrijf = os.pipe()
    except OSError:  # pragma: no cover - no descriptors left: run without
        yield
        return
    try:
        os.set_blocking(schrijf, False)  # the C-level handler must never block on it
        vorige = signal.set_wakeup_fd(schrijf, warn_on_full_buffer=False)
    except (ValueError, OSError):  # pragma: no cover - not the main interpreter, or a platform without it
        os.close(lees)
        os.close(schrijf)
        yield
        return
    gestopt = threading.Event()
    threading.Thread(target=_waakhond, args=(lees, gestopt), name="verduurzaming-waakhond", daemon=True).start()
    try:
        yield
    finally:
        gestopt.set()
        signal.set_wakeup_fd(vorige)
        os.close(schrijf)  # the watchdog reads the end of the pipe and closes its side


@contextlib.contextmanager
def afbreekbaar() -> Iterator[None]:
    """SIGTERM (and SIGINT) raise :class:`Afgebroken`, so ``finally`` blocks clean up (main thread only). When the
    main thread does not stop within :data:`AFBREEK_RESPIJT_S` (stuck in C code that releases the GIL), a watchdog
    closes the open output folders and ends the process with 130 / 143 (:func:`_waakhond_actief`)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, _frame):
        raise Afgebroken(signum)

    oud = {}
    for s in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError, OSError):  # not the main thread
            oud[s] = signal.signal(s, handler)
    try:
        with _waakhond_actief():
            yield
    finally:
        for s, h in oud.items():
            signal.signal(s, h)
