"""Make the README's pictures from the demo: the map in headless chromium, workbook pages via LibreOffice.

    python docs/img/maak_plaatjes.py

Writes ``docs/img/kaart.png`` (kaart.html in Debian chromium through Playwright with every request blocked:
the map is self-contained, as ``tests/test_kaart_browser.py`` checks) and
``docs/img/werkmap_samenvatting.png``, ``werkmap_npa_monitor.png`` and ``werkmap_wijken.png`` (verduurzamingsplan.xlsx ->
``libreoffice --headless --convert-to pdf`` -> ``pdftoppm -png -r 70``). Every PNG is kept under 400 KB.

Needs: ``/usr/bin/chromium``, ``playwright`` (the ``[test]`` extra), ``libreoffice`` and poppler-utils.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

MAP = Path(__file__).resolve().parent
ROOT = MAP.parents[1]
MAX_BYTES = 400_000

sys.path.insert(0, str(ROOT / "tests"))
import kaart_offline as cdn  # noqa: E402  (shared with the browser test)


def demo(tmp: Path):
    """Plan the demo and write the map and the workbook into tmp."""
    from verduurzaming import lees_scenario, lees_portefeuille, maak_plan, schrijf_kaart, schrijf_werkmap
    s = lees_scenario(ROOT / "scenario.toml")
    p = lees_portefeuille(s)
    plan = maak_plan(p, s)
    return schrijf_kaart(plan, p, tmp / "kaart.html"), schrijf_werkmap(plan, p, s, tmp / "verduurzamingsplan.xlsx")


def kaart_png(html: Path, uit: Path) -> Path:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=cdn.CHROMIUM, args=cdn.CHROMIUM_ARGS)
        p = cdn.OfflinePagina(b, html, viewport=(1100, 720))
        p.page.wait_for_timeout(300)
        p.page.screenshot(path=str(uit))
        if p.verzoeken or p.fouten:
            print("let op, verzoeken of fouten:", p.verzoeken, p.fouten)
        p.sluit()
        b.close()
    return uit


def werkmap_pngs(xlsx: Path, tmp: Path) -> list[Path]:
    """The first pages of the sheets Samenvatting, NPA-monitor and Wijken as PNG at 70 dpi."""
    profiel = tmp / "lo-profiel"
    subprocess.run(["libreoffice", f"-env:UserInstallation=file://{profiel}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp), str(xlsx)], check=True, capture_output=True, timeout=300)
    pdf = tmp / (xlsx.stem + ".pdf")
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                          check=True).stdout).group(1))
    teksten = {i: subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"], capture_output=True,
                                 text=True).stdout for i in range(1, n + 1)}

    def eerste(*woorden: str) -> int | None:
        return next((i for i, t in teksten.items() if all(w in t for w in woorden)), None)

    paden = []
    for naam, pagina in [("werkmap_samenvatting", 1), ("werkmap_npa_monitor", eerste("Sleutel", "Indicator")),
                         ("werkmap_wijken", eerste("Wijkcode", "TVW-strategie"))]:
        if pagina is None:
            print(f"{naam}: pagina niet gevonden")
            continue
        doel = MAP / naam
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(pagina), "-l", str(pagina), "-singlefile",
                        str(pdf), str(doel)], check=True)
        paden.append(doel.with_suffix(".png"))
    return paden


def main() -> None:
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        html, xlsx = demo(tmp)
        paden = [kaart_png(html, MAP / "kaart.png")] + werkmap_pngs(xlsx, tmp)
    for p in paden:
        grootte = p.stat().st_size
        print(f"{p.relative_to(ROOT)}: {grootte / 1024:.0f} KB")
        if grootte > MAX_BYTES:
            sys.exit(f"{p} is groter dan {MAX_BYTES // 1000} KB")


if __name__ == "__main__":
    main()
