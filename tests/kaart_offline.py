"""Show kaart.html in headless Debian chromium with every request blocked: the page is set as the
document's content, and any request it makes (a script, style, image, tile, font) is aborted and
recorded, as are Content-Security-Policy refusals and script errors. Used by the browser test and
by docs/img/maak_plaatjes.py.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


class OfflinePagina:
    """A page of ``browser`` showing ``html`` with all routes blocked.

    ``verzoeken`` lists every request the page tried, ``fouten`` script errors and console
    errors (CSP refusals among them), ``dialogen`` every alert/confirm that opened.
    """

    def __init__(self, browser, html: Path, viewport: tuple[int, int] = (1400, 900)):
        self.verzoeken: list[str] = []
        self.fouten: list[str] = []
        self.dialogen: list[str] = []
        self.ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.page = self.ctx.new_page()
        self.page.route("**/*", lambda r: (self.verzoeken.append(r.request.url), r.abort()))
        self.page.on("requestfailed", lambda r: r.url in self.verzoeken or self.verzoeken.append(r.url))
        self.page.on("pageerror", lambda e: self.fouten.append(str(e)))
        self.page.on("console", lambda m: (m.type == "error" or "Refused" in m.text or "Security Policy" in m.text)
                     and self.fouten.append(m.text))
        self.page.on("dialog", lambda d: (self.dialogen.append(d.message), d.dismiss()))
        self.page.set_content(Path(html).read_text(encoding="utf-8"), wait_until="load")
        self.page.wait_for_selector(".leaflet-container")
        self.page.wait_for_timeout(500)

    def sluit(self) -> None:
        self.ctx.close()
