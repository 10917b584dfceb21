"""The CSV reader's own cp1252 -> UTF-8 conversion must give exactly what Python's codecs give."""

from __future__ import annotations

import numpy as np
import pytest

from verduurzaming.io.tabel import _niet_ascii, _utf8_of_cp1252


@pytest.mark.parametrize("lengte", [0, 1, 7, 8, 9, 63, 1000, 4099])
@pytest.mark.parametrize("aandeel", [0.0, 0.001, 0.3, 1.0])
def test_niet_ascii_posities(lengte, aandeel):
    rng = np.random.default_rng(lengte)
    arr = rng.integers(0, 0x80, lengte).astype(np.uint8)
    hoog = rng.random(lengte) < aandeel
    arr[hoog] = rng.integers(0x80, 0x100, int(hoog.sum()))
    ruw = arr.tobytes()
    assert np.array_equal(_niet_ascii(ruw, np.frombuffer(ruw, dtype=np.uint8)), np.flatnonzero(arr >= 0x80))


@pytest.mark.parametrize("seed", range(6))
def test_cp1252_naar_utf8_als_python(seed):
    rng = np.random.default_rng(seed)
    namen = ["Café", "Zuid", "ĳs", "Ærø", "€ 5", "naïef"]
    tekst = "VHE;Oppervlakte (m²);Naam\n" + "".join(
        f"{i};{rng.integers(20, 200)},5;{rng.choice(namen)}\n" for i in range(300))
    ruw = tekst.encode("cp1252", errors="replace")
    ruw += bytes([0x81, 0x8D, 0x41, 0x9D])  # bytes cp1252 leaves undefined: U+FFFD, as errors="replace"
    assert _utf8_of_cp1252(ruw) == ruw.decode("cp1252", errors="replace").encode("utf-8")
    utf8 = tekst.encode("utf-8")
    assert _utf8_of_cp1252(utf8) is utf8
    assert _utf8_of_cp1252(b"alleen ascii;1\n") == b"alleen ascii;1\n"
