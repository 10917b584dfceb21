"""The Planning sheet's two header rows: stable machine names and the Dutch headers people read.

The Planning sheet is the ledger of works as handed out (one row per work); ``Planning per complex`` is the
view per complex beside it.

The workbook writer (:mod:`verduurzaming.export.werkboek`) writes the machine names in a hidden
first row and the Dutch headers in the second; the realisation reader
(:mod:`verduurzaming.io.realisatie`) finds the columns by the machine names and skips the Dutch
header row. Both import this table, so the two rows cannot drift apart. Documented in
``docs/werkboek.md``.
"""

from __future__ import annotations

#: (machine name, Dutch header, kind, minimum width); kind is ``tekst``, ``label``, ``janee``
#: or a number format key of the workbook writer. The order is the order an asset manager reads.
#: The Planning sheet is the ledger of works as handed out: one row per work (``plan.werken``).
KOLOMMEN: list[tuple[str, str, str, float | None]] = [
    ("corporatie", "Corporatie", "tekst", 12),
    ("complex_id", "Complex", "tekst", 9),
    ("complex_naam", "Complexnaam", "tekst", 18),
    ("wijk_naam", "Wijk", "tekst", 12),
    ("jaar", "Jaar", "jaar", 6),
    ("soort", "Soort werk", "tekst", 10),
    ("werk", "Werk", "tekst", 24),
    ("woningen_aangepakt", "Woningen aangepakt", "dec1", 9),
    ("efg_weg", "E/F/G weg", "int", 7),
    ("kosten_eur", "Kosten (€)", "eur", 12),
    ("kosten_per_woning_eur", "Kosten per woning (€)", "eur", 10),
    ("redenen", "Reden", "tekst", 26),
    # details: on screen, right of the printed block
    ("woningen", "Woningen complex", "int", 9),
    ("slechtste_label", "Label nu (complex)", "label", 7),
    ("slechtste_label_na", "Label na alle werken", "label", 7),
    ("aanpak", "Aanpak", "tekst", 14),
    ("pakket", "Pakketcode", "tekst", 12),
    ("pakket_naam", "Pakket", "tekst", 16),
    ("kosten_heropname_eur", "Kosten heropname (€)", "eur", 11),
    ("kosten_renovatie_eur", "Kosten renovatie (€)", "eur", 11),
    ("kosten_van_gas_eur", "Kosten van het gas af (€)", "eur", 11),
    ("kosten_pv_eur", "Kosten zonnepanelen (€)", "eur", 11),
    ("co2_ton_minder", "CO2 minder (ton/jaar)", "dec1", 10),
    ("dmjop_gecombineerd", "Met onderhoud (DMJOP)", "janee", 10),
    ("onderhoud_jaar", "Onderhouds-jaar (DMJOP)", "jaar", 10),
    ("binnen_wup", "Binnen WUP-uitvoering", "janee", 10),
    ("wijk_code", "Wijkcode", "tekst", 11),
    ("gemeente_code", "Gemeente-code", "tekst", 10),
    ("tvw_strategie", "TVW-strategie", "tekst", 13),
    ("wup_start", "WUP start", "jaar", 8),
    ("uitvoering_start", "Uitvoering start", "jaar", 9),
    ("uitvoering_eind", "Uitvoering eind", "jaar", 9),
    ("aardgasvrij_jaar", "Aardgasvrij (jaar)", "jaar", 9),
    ("woningtype", "Woningtype", "tekst", 11),
    ("bouwjaar", "Bouwjaar", "jaar", 8),
    ("vrijstelling_reden", "Vrijstelling", "tekst", 11),
    ("schendingen", "Schendingen", "tekst", 40),
    ("gerealiseerd_jaar", "Gerealiseerd jaar", "jaar", 11),
    ("gerealiseerd_pakket", "Gerealiseerd pakket", "tekst", 14),
    ("nieuw_label", "Nieuw label", "label", 9),
]

#: the per-complex view beside it (sheet ``Planning per complex``): every work of a complex in one row, its
#: cost the sum of its works' costs
COMPLEX_KOLOMMEN: list[tuple[str, str, str, float | None]] = [
    ("corporatie", "Corporatie", "tekst", 12),
    ("complex_id", "Complex", "tekst", 9),
    ("complex_naam", "Complexnaam", "tekst", 18),
    ("wijk_naam", "Wijk", "tekst", 12),
    ("woningen", "Woningen", "int", 9),
    ("slechtste_label", "Label nu", "label", 7),
    ("slechtste_label_na", "Label na", "label", 7),
    ("ep2_kwh_m2", "EP2 nu kWh/m²", "ep2", 8),
    ("ep2_na_kwh_m2", "EP2 na kWh/m²", "ep2", 8),
    ("n_efg", "Woningen E/F/G nu", "int", 8),
    ("n_efg_na", "Woningen E/F/G na", "int", 8),
    ("jaar", "Jaar renovatie", "jaar", 6),
    ("werk", "Werken", "tekst", 24),
    ("kosten_eur", "Kosten alle werken (€)", "eur", 12),
    ("redenen", "Reden", "tekst", 26),
    ("renovatie_kosten_eur", "Kosten renovatie (€)", "eur", 12),
    ("heropname_kosten_eur", "Kosten heropname (€)", "eur", 11),
    ("van_gas_jaar", "Van het gas af (jaar)", "jaar", 9),
    ("van_gas_kosten_eur", "Kosten van het gas af (€)", "eur", 11),
    ("pv_jaar", "PV-jaar", "jaar", 7),
    ("pv_kwp", "PV (kWp)", "dec1", 8),
    ("pv_kosten_eur", "PV-kosten (€)", "eur", 11),
    ("co2_ton_voor", "CO2 nu (ton/jaar)", "dec1", 10),
    ("co2_ton_na", "CO2 na (ton/jaar)", "dec1", 10),
    ("huurkorting_eur_jaar", "Huurkorting (€/jaar)", "eur", 11),
    ("wijk_code", "Wijkcode", "tekst", 11),
    ("vrijstelling_reden", "Vrijstelling", "tekst", 11),
    ("schendingen", "Schendingen", "tekst", 40),
]

#: widest a column gets on the sheet; longer text wraps (``TERUGLOOP``) or is cut off on screen
MAXIMAAL = {"corporatie": 16, "complex_id": 9, "complex_naam": 22, "wijk_naam": 14, "woningen": 9,
            "slechtste_label": 7, "slechtste_label_na": 7, "ep2_kwh_m2": 8, "ep2_na_kwh_m2": 8, "n_efg": 9,
            "n_efg_na": 9, "jaar": 6, "soort": 11, "werk": 34, "pakket_naam": 24, "kosten_eur": 12,
            "kosten_per_woning_eur": 10, "woningen_aangepakt": 9, "efg_weg": 7, "redenen": 24}
TERUGLOOP = {"corporatie", "complex_naam", "wijk_naam", "soort", "werk", "pakket_naam", "redenen"}

#: columns printed (the reading block, fitted to one A4 width): up to and including this one
LAATSTE_GEPRINTE = "redenen"

MACHINENAMEN = [k[0] for k in KOLOMMEN]
KOPPEN = {k[0]: k[1] for k in KOLOMMEN}
COMPLEX_MACHINENAMEN = [k[0] for k in COMPLEX_KOLOMMEN]

#: reason codes of ``plan.complexen.redenen`` in words
REDENEN = {
    "EFG-deadline": "deadline E/F/G",
    "DMJOP": "met gepland onderhoud",
    "WUP-uitvoering": "in WUP-periode wijk",
    "doel-gemiddeld-label": "doel gemiddeld label",
    "aardgasvrij-ready": "aardgasvrij-klaar",
    "aardgasvrij": "wijk van het gas af (TVW)",
    "heropname": "label onzeker: heropname",
    "doel": "doel (label, CO2 of PV)",
    "sloop": "sloop (complexbestand)",
}


def redenen_tekst(codes: object) -> str | None:
    """``'EFG-deadline;DMJOP'`` -> ``'E/F/G weg vóór de deadline; samen met gepland onderhoud'``;
    an unknown code stays as it is."""
    if codes is None or not isinstance(codes, str) or not codes.strip():
        return None
    return "; ".join(REDENEN.get(c.strip(), c.strip()) for c in codes.split(";") if c.strip())


def is_weergavekop(waarden: dict[str, str]) -> bool:
    """Whether a row (machine name -> cell text) is the Dutch header row of the Planning sheet."""
    gelijk = sum(1 for k, v in waarden.items() if k in KOPPEN and str(v).strip() == KOPPEN[k])
    return gelijk >= max(2, len([k for k in waarden if k in KOPPEN]) // 2)
