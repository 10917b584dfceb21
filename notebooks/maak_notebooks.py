"""Write the three worked-example notebooks (outputs stripped) from the cells below.

    python notebooks/maak_notebooks.py

The notebooks are committed without outputs; ``tests/test_notebooks.py`` executes them on the
demo. Edit the cells here, not in the .ipynb files, and rerun this script.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

MAP = Path(__file__).resolve().parent

# The first code cell of every notebook: find the repository (the folder with scenario.toml) and
# the output folder. VERDUURZAMING_UITVOER lets the tests send the outputs to a temporary folder.
OPZET = '''\
import dataclasses
import datetime as dt
import os
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import IFrame, display

import verduurzaming
from verduurzaming import lees_scenario, lees_portefeuille, maak_plan
from verduurzaming.planning import oordeel
from verduurzaming.labels import KLEUR, LABELS, SLECHT

# de map met scenario.toml (de notebook staat in notebooks/, maar mag ook elders draaien)
ROOT = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "scenario.toml").exists())
UITVOER = Path(os.environ.get("VERDUURZAMING_UITVOER", ROOT / "reports" / "notebooks"))
UITVOER.mkdir(parents=True, exist_ok=True)
pd.set_option("display.max_columns", 40)
pd.set_option("display.width", 200)
print("repository:", ROOT)
print("uitvoer naar:", UITVOER)'''


def jaarplan() -> list:
    return [
        new_markdown_cell("""\
# Jaarplan corporatie: van VHE-export naar verduurzamingsplan

Voor de **asset manager** van een woningcorporatie. Deze notebook laat stap voor stap zien hoe je
met `verduurzaming` een jaarplan maakt:

1. de VHE-export inlezen en controleren;
2. de labelverdeling van het bezit bekijken;
3. het plan doorrekenen met twee capaciteiten (wat het scenario zegt, en 40% daarvan) en de
   kosten en het aantal E/F/G-woningen per jaar vergelijken;
4. de Excel-werkmap maken die je aan collega's en de gemeente geeft.

We gebruiken de meegeleverde demo: de fictieve gemeente *Voorbeeldstad* (GM9999) met twee
corporaties, *Woonstede Voorbeeldstad* en *WonenPlus*. Voor je eigen bezit verander je alleen
het scenariobestand (zie `scenario.voorbeeld.toml`).

De Nationale Prestatieafspraken (2022) zeggen: **na 2028 geen corporatiewoningen meer met label
E, F of G.** Het plan kiest per complex een maatregelenpakket en een jaar, zo goedkoop mogelijk,
binnen de capaciteit (woningen per jaar) en het budget van elke corporatie."""),
        new_code_cell(OPZET),
        new_markdown_cell("""\
## 1. Inlezen en controleren

Het scenario noemt de invoerbestanden (VHE-export, complextabel, EP-online, CBS-wijken,
Transitievisie Warmte) en de capaciteit en het budget per corporatie. `lees_portefeuille` leest alles,
controleert elke rij en houdt bij wat er gebruikt en wat er afgewezen is. Niets verdwijnt
stilletjes: elke afgewezen of aangepaste rij staat in de bevindingen."""),
        new_code_cell('''\
scenario = lees_scenario(ROOT / "scenario.toml")
portefeuille = lees_portefeuille(scenario)

print(f"Scenario: {scenario.naam}, peildatum {scenario.peildatum:%d-%m-%Y}, "
      f"plan {scenario.startjaar}-{scenario.eindjaar}, deadline {scenario.deadline}")
for naam, par in scenario.corporaties.items():
    print(f"  {naam}: {par.capaciteit_woningen} woningen en € {par.budget_eur:,.0f} per jaar".replace(",", "."))

# per bestand: rijen in = gebruikt + afgewezen
portefeuille.bevindingen.boekhouding_frame()'''),
        new_code_cell('''\
# de bevindingen: wat er mis was met de invoer en wat ermee gedaan is
bevindingen = portefeuille.bevindingen.als_tabel()
print(bevindingen["ernst"].value_counts().to_string())
bevindingen[bevindingen["ernst"] != "info"].head(10)'''),
        new_markdown_cell("""\
## 2. De labelverdeling

Het label dat op de peildatum geldig is telt. Een label ouder dan tien jaar is verlopen; dan
schat het programma het label uit bouwjaar en woningtype (kolom `label_bron` = `geschat`).
Een nieuwer label uit EP-online gaat voor het label in de export."""),
        new_code_cell('''\
woningen = portefeuille.woningen
verdeling = (woningen.groupby(["energielabel", "corporatie"]).size().unstack(fill_value=0)
             .reindex(LABELS, fill_value=0))
verdeling["totaal"] = verdeling.sum(axis=1)
print(f"{len(woningen)} woningen, waarvan {int(woningen['energielabel'].isin(SLECHT).sum())} met label E, F of G")
print(woningen["label_bron"].value_counts().to_string())
verdeling'''),
        new_code_cell('''\
corporaties = sorted(woningen["corporatie"].unique())
fig, assen = plt.subplots(1, len(corporaties), figsize=(12, 4), sharey=True)
for ax, corp in zip(assen, corporaties):
    n = verdeling[corp]
    ax.bar(n.index, n.values, color=[KLEUR[lab] for lab in n.index], edgecolor="#444", linewidth=0.5)
    ax.set_title(corp)
    ax.set_xlabel("energielabel")
    ax.tick_params(axis="x", rotation=45)
assen[0].set_ylabel("woningen")
fig.suptitle(f"Labelverdeling op {scenario.peildatum:%d-%m-%Y}")
fig.tight_layout()
plt.show()'''),
        new_markdown_cell("""\
## 3. Het plan met twee capaciteiten

Eerst het plan met de capaciteit uit het scenario. Daarna dezelfde vraag met **40% van die
capaciteit** (bijvoorbeeld omdat er minder aannemers beschikbaar zijn). We maken een kopie van het
scenario met `dataclasses.replace`; het origineel blijft zoals het was. Probeer ook `FACTOR = 0.6`:
in de demo past dan alles nog voor de deadline, het werk schuift alleen over meer jaren uit.

Capaciteit en budget zijn harde grenzen. Past het werk niet meer voor de deadline, dan blijven er
na 2028 E/F/G-woningen over: het plan noemt die als *schendingen* en legt uit waar het knelt."""),
        new_code_cell('''\
def met_capaciteit(s, factor):
    """Een kopie van scenario s met factor x de capaciteit van elke corporatie."""
    corps = {naam: dataclasses.replace(par, capaciteit_woningen=round(par.capaciteit_woningen * factor),
                                       capaciteit_per_jaar={j: round(c * factor) for j, c in par.capaciteit_per_jaar.items()})
             for naam, par in s.corporaties.items()}
    return dataclasses.replace(s, naam=f"{s.naam}, capaciteit {factor:.0%}", corporaties=corps)

FACTOR = 0.4
scenario_krap = met_capaciteit(scenario, FACTOR)
plan_100 = maak_plan(portefeuille, scenario, baseline=False)
plan_krap = maak_plan(portefeuille, scenario_krap, baseline=False)
KRAP = f"{FACTOR:.0%}"
for naam, par in scenario_krap.corporaties.items():
    print(f"{naam}: capaciteit {scenario.corporaties[naam].capaciteit_woningen} -> {par.capaciteit_woningen} woningen per jaar")
plan_100.solver[["corporatie", "status", "gap", "seconden"]]'''),
        new_code_cell('''\
def per_jaar(plan, label):
    t = plan.per_jaar.groupby("jaar")[["n_efg", "efg_vrijgesteld", "renovaties_woningen", "kosten_eur"]].sum()
    t["efg_excl_vrijgesteld"] = t["n_efg"] - t["efg_vrijgesteld"]
    return t[["efg_excl_vrijgesteld", "renovaties_woningen", "kosten_eur"]].add_suffix(f" ({label})")

vergelijking = per_jaar(plan_100, "100%").join(per_jaar(plan_krap, KRAP))
# E/F/G staat aan het BEGIN van elk jaar: de rij 2029 laat zien wat er na de deadline over is
# hele getallen met een punt als duizendtalscheiding
vergelijking.map(lambda x: f"{x:,.0f}".replace(",", "."))'''),
        new_code_cell('''\
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4))
for plan, label, stijl in [(plan_100, "capaciteit 100%", "-o"), (plan_krap, f"capaciteit {KRAP}", "--s")]:
    t = plan.per_jaar.groupby("jaar")[["n_efg", "efg_vrijgesteld", "kosten_eur"]].sum()
    ax1.plot(t.index, t["n_efg"] - t["efg_vrijgesteld"], stijl, label=label)
    ax2.plot(t.index, t["kosten_eur"] / 1e6, stijl, label=label)
ax1.axvline(scenario.deadline + 1, color=KLEUR["G"], linestyle=":", label="na de NPA-deadline")
ax1.set_title("E/F/G-woningen aan het begin van het jaar (excl. vrijgesteld)")
ax2.set_title("Kosten per jaar (mln euro)")
for ax in (ax1, ax2):
    ax.set_xlabel("jaar")
    ax.legend()
fig.tight_layout()
plt.show()'''),
        new_code_cell('''\
for label, plan in [("100%", plan_100), (KRAP, plan_krap)]:
    kosten = plan.per_jaar["kosten_eur"].sum()
    na = plan.per_jaar[plan.per_jaar["jaar"] == scenario.deadline + 1]
    over = int((na["n_efg"] - na["efg_vrijgesteld"]).sum())
    print(f"capaciteit {label}: kosten € {kosten:,.0f}; E/F/G na {scenario.deadline} (excl. vrijgesteld): {over}; "
          f"schendingen: {len(plan.schendingen)}".replace(",", "."))
    # the verdict: compliant only without violations AND with a solve HiGHS proved optimal
    print("   ", oordeel(plan)[1])
print()
print(f"Waar het knelt bij {KRAP}:")
for zin in plan_krap.diagnose or ["geen knelpunten (en de solver is bewezen optimaal)"]:
    print(" -", zin)
plan_krap.schendingen'''),
        new_markdown_cell("""\
Per complex: welk pakket in welk jaar, en waarom (`redenen`: `EFG-deadline`, `DMJOP` =
gecombineerd met gepland onderhoud, `WUP-uitvoering` = binnen het wijkuitvoeringsplan)."""),
        new_code_cell('''\
kolommen = ["corporatie", "complex_id", "complex_naam", "woningen", "n_efg", "slechtste_label", "pakket_naam",
            "jaar", "kosten_eur", "slechtste_label_na", "redenen"]
plan_100.complexen[plan_100.complexen["jaar"].notna()][kolommen].sort_values(["jaar", "corporatie"]).head(15)'''),
        new_markdown_cell("""\
## 4. De werkmap

`schrijf_werkmap` schrijft `verduurzamingsplan.xlsx` met de bladen Samenvatting, NPA-monitor,
Planning, Wijken, Zon, CO2, Baseline en Bevindingen (uitleg per blad: `docs/werkboek.md`). Het blad
*Planning* heeft drie lege kolommen (`gerealiseerd_jaar`, `gerealiseerd_pakket`, `nieuw_label`): die
vul je later in voor de voortgangsrapportage (notebook 3). We schrijven beide varianten."""),
        new_code_cell('''\
from openpyxl import load_workbook
from verduurzaming import schrijf_werkmap

pad_100 = schrijf_werkmap(plan_100, portefeuille, scenario, UITVOER / "verduurzamingsplan.xlsx")
pad_krap = schrijf_werkmap(plan_krap, portefeuille, scenario_krap, UITVOER / "verduurzamingsplan_capaciteit_krap.xlsx")
for pad in (pad_100, pad_krap):
    print(pad, f"{pad.stat().st_size / 1024:.0f} KB")
print("bladen:", load_workbook(pad_100, read_only=True).sheetnames)'''),
        new_markdown_cell("""\
Op de commandoregel doe je hetzelfde met

```bash
verduurzaming plan --scenario scenario.toml --uitvoer reports
```

die ook de kaart (`kaart.html`), de GeoPackage voor QGIS en de CSV-tabellen schrijft."""),
    ]


def wijkuitvoering() -> list:
    return [
        new_markdown_cell("""\
# Wijkuitvoeringsplan gemeente: alle corporaties in één gemeente

Voor de **beleidsmedewerker warmtetransitie** van een gemeente. De Transitievisie Warmte (TVW) zegt
per wijk welke strategie (warmtenet, all-electric, hybride, groen gas) en wanneer: het
wijkuitvoeringsplan (WUP) wordt geschreven, de uitvoering loopt, de wijk van het aardgas af is.
De corporaties moeten hun E/F/G-woningen voor eind 2028 verbeteren. Deze notebook laat zien:

1. welke corporaties in welke wijk bezit hebben;
2. per wijk wat er gepland is, tegen de WUP-jaren (binnen of buiten het uitvoeringsvenster);
3. welke wijken een startpunt voor een warmtenet kunnen zijn (genoeg corporatiewoningen);
4. de kaart.

We gebruiken de demo *Voorbeeldstad* (GM9999, fictief) met de corporaties *Woonstede Voorbeeldstad*
en *WonenPlus*; het plan wordt per corporatie gemaakt, de gemeente kijkt naar het geheel."""),
        new_code_cell(OPZET),
        new_code_cell('''\
scenario = lees_scenario(ROOT / "scenario.toml")
portefeuille = lees_portefeuille(scenario)
plan = maak_plan(portefeuille, scenario, baseline=False)

wijken = pd.DataFrame(portefeuille.wijken.drop(columns="geometry"))
gemeenten = sorted(wijken["gemeente_code"].dropna().unique())
print("gemeenten:", ", ".join(gemeenten))
GEMEENTE = gemeenten[0]
print(f"we kijken naar {GEMEENTE} ({wijken.loc[wijken['gemeente_code'] == GEMEENTE, 'gemeente_naam'].iloc[0]})")'''),
        new_markdown_cell("""\
## 1. Corporatiebezit per wijk

Woningen per wijk en per corporatie, en hoeveel daarvan nu label E, F of G hebben."""),
        new_code_cell('''\
complexen = plan.complexen[plan.complexen["gemeente_code"] == GEMEENTE]
bezit = complexen.pivot_table(index="wijk_code", columns="corporatie", values="woningen", aggfunc="sum", fill_value=0)
bezit["E/F/G nu"] = complexen.groupby("wijk_code")["n_efg"].sum()
namen = wijken.set_index("wijk_code")[["wijk_naam", "strategie"]]
namen.join(bezit, how="inner")'''),
        new_markdown_cell("""\
## 2. Wat er gepland is, tegen de WUP-jaren

`plan.wijk_jaar` geeft per wijk en per jaar het aantal gerenoveerde woningen, en hoeveel daarvan
binnen of buiten het uitvoeringsvenster van de wijk vallen. Een renovatie buiten het venster is niet
verboden (de NPA-deadline gaat voor), maar kost in het plan een boete per woning
(`[gewichten] buiten_wup_boete_eur_woning`), zodat de planner werk waar het kan laat samenvallen
met de uitvoering van de wijk."""),
        new_code_cell('''\
wj = plan.wijk_jaar[plan.wijk_jaar["wijk_code"].isin(complexen["wijk_code"].dropna())]
per_jaar = wj.pivot_table(index="wijk_code", columns="jaar", values="renovaties_woningen", aggfunc="sum", fill_value=0)
per_jaar = per_jaar.loc[:, per_jaar.sum() > 0]
tvw = wijken.set_index("wijk_code")[["wijk_naam", "strategie", "wup_start", "wup_gereed", "uitvoering_start",
                                     "uitvoering_eind", "aardgasvrij_jaar"]]
binnen = wj.groupby("wijk_code")[["binnen_wup_woningen", "buiten_wup_woningen"]].sum()
tvw.join(binnen, how="inner").join(per_jaar, how="inner")'''),
        new_code_cell('''\
# tijdlijn per wijk: WUP schrijven (licht), uitvoering (donker), aardgasvrij (ruit) en de geplande renovaties (bollen)
tab = tvw.join(per_jaar, how="inner").sort_index(ascending=False)
jaren = [j for j in per_jaar.columns]
fig, ax = plt.subplots(figsize=(11, 0.45 * len(tab) + 1.2))
for i, (code, r) in enumerate(tab.iterrows()):
    if pd.notna(r["wup_start"]):
        eind = r["wup_gereed"] if pd.notna(r["wup_gereed"]) else r["wup_start"]
        ax.broken_barh([(r["wup_start"] - 0.5, eind - r["wup_start"] + 1)], (i - 0.3, 0.6), color="#c6dbef")
    if pd.notna(r["uitvoering_start"]):
        ax.broken_barh([(r["uitvoering_start"] - 0.5, r["uitvoering_eind"] - r["uitvoering_start"] + 1)],
                       (i - 0.3, 0.6), color="#6baed6")
    if pd.notna(r["aardgasvrij_jaar"]):
        ax.plot(r["aardgasvrij_jaar"], i, "D", color="#08519c")
    for j in jaren:
        if r[j] > 0:
            ax.scatter(j, i, s=12 + r[j] / 2, color=KLEUR["E"], edgecolor="#444", zorder=3)
ax.set_yticks(range(len(tab)))
ax.set_yticklabels([f"{c} {n} ({s})" for c, n, s in zip(tab.index, tab["wijk_naam"], tab["strategie"])])
ax.axvline(scenario.deadline + 0.5, color=KLEUR["G"], linestyle=":")
ax.set_xlim(2021.5, max(scenario.eindjaar, int(tvw["aardgasvrij_jaar"].max())) + 0.5)
ax.set_xlabel("jaar (stippellijn: einde NPA-deadline)")
ax.set_title("Per wijk: WUP (licht), uitvoering (donker), aardgasvrij (ruit), renovaties (bol = woningen)")
fig.tight_layout()
plt.show()'''),
        new_markdown_cell("""\
Complexen die buiten het uitvoeringsvenster van hun wijk gerenoveerd worden: dit zijn de gesprekken
die gemeente en corporatie moeten voeren (kan de wijk eerder, of kan het complex wachten zonder de
NPA-deadline te missen?)."""),
        new_code_cell('''\
buiten = complexen[complexen["binnen_wup"].astype("boolean").eq(False).fillna(False)]
buiten[["corporatie", "complex_id", "complex_naam", "wijk_code", "woningen", "n_efg", "pakket_naam", "jaar",
        "redenen"]].sort_values(["wijk_code", "jaar"])'''),
        new_markdown_cell("""\
## 3. Startpunten voor een warmtenet

Een wijk is een mogelijk startpunt voor een warmtenet als de corporaties er samen genoeg woningen
hebben (`[gewichten] warmtenet_drempel_woningen`, standaard 100; en, als de wijkentabel de totale
woningvoorraad heeft, een aandeel van minstens `warmtenet_drempel_pct`, standaard 30%). Met veel
corporatiebezit bij elkaar is een collectief aansluitbesluit mogelijk. De drempels zijn een keuze in
het scenario, geen landelijk kengetal."""),
        new_code_cell('''\
from verduurzaming.planning.gemeente import gemeente_overzicht

overzicht = gemeente_overzicht(plan, portefeuille, scenario)
overzicht = overzicht[overzicht["wijk_code"].isin(wijken.loc[wijken["gemeente_code"] == GEMEENTE, "wijk_code"])]
overzicht[["wijk_code", "wijk_naam", "strategie", "uitvoering_start", "uitvoering_eind", "corporaties",
           "corporatiewoningen", "efg_start", "renovatie_woningen", "binnen_wup_woningen", "buiten_wup_woningen",
           "startpunt_warmtenet", "toelichting"]]'''),
        new_code_cell('''\
warmtenet = overzicht[(overzicht["startpunt_warmtenet"] == "ja") & (overzicht["strategie"] == "warmtenet")]
print("Warmtenetwijken met genoeg corporatiebezit voor een startpunt:")
for r in warmtenet.itertuples():
    print(f"  {r.wijk_code} {r.wijk_naam}: {r.corporatiewoningen} woningen van {r.corporaties}")
anders = overzicht[(overzicht["startpunt_warmtenet"] == "ja") & (overzicht["strategie"] != "warmtenet")]
print(f"Nog {len(anders)} wijken halen de drempel, maar hebben in de TVW een andere strategie.")'''),
        new_markdown_cell("""\
## 4. De kaart

`schrijf_kaart` schrijft één HTML-bestand: de wijken gekleurd naar aandeel E/F/G, TVW-strategie of
CO2-reductie, en de complexen naar label, met een schuif voor het jaar. Open het bestand in een
browser. De kaart haalt Leaflet en de achtergrondkaart van internet; zonder internet zie je in de
notebook alleen een leeg kader, het bestand zelf is in orde.

Op de commandoregel: `verduurzaming kaart --gemeente GM9999`."""),
        new_code_cell('''\
from verduurzaming import schrijf_kaart

kaart = schrijf_kaart(plan, portefeuille, UITVOER / f"kaart_{GEMEENTE}.html", gemeente=GEMEENTE)
print(kaart, f"{kaart.stat().st_size / 1024:.0f} KB")
# inline tonen (IFrame zoekt het bestand relatief aan de map van de notebook)
try:
    bron = os.path.relpath(kaart, Path.cwd())
except ValueError:  # een andere schijf (Windows)
    bron = str(kaart)
display(IFrame(bron, width="100%", height=520))'''),
    ]


def voortgang() -> list:
    return [
        new_markdown_cell("""\
# NPA-voortgang en prestatieafspraken

Voor wie de **voortgang rapporteert**: de corporatie aan de gemeente en de huurdersorganisatie (twee
keer per jaar bij de prestatieafspraken) en aan Aedes/het Rijk (de NPA-monitor). Deze notebook:

1. leest een realisatiebestand: wat er in 2026 werkelijk is uitgevoerd;
2. bepaalt de stand op de peildatum 1 januari 2027 en plant opnieuw wat nog moet;
3. geeft elke prestatieafspraak een status: `gehaald`, `op schema`, `achter` of `niet haalbaar`;
4. schrijft de voortgangswerkmap `voortgang.xlsx`.

Het realisatiebestand is het blad *Planning* uit de werkmap van het plan, met de kolommen
`gerealiseerd_jaar`, `gerealiseerd_pakket` en `nieuw_label` ingevuld (een nieuwere VHE-export of een
EP-online-export kan ook). De afspraken staan als `[[afspraken]]` in het scenario
`scenario_voortgang.toml`; uitleg in `docs/voortgang.md`."""),
        new_code_cell(OPZET),
        new_code_cell('''\
from verduurzaming.bevindingen import Bevindingen
from verduurzaming.validatie.realisatie import lees_realisatie
from verduurzaming.planning.opties import vul_catalogus_aan
from verduurzaming.voortgang import afgesproken_plan, bereken_voortgang, herplan, realiseer

scenario = lees_scenario(ROOT / "scenario_voortgang.toml")
PEILDATUM = dt.date(2027, 1, 1)
print(scenario.naam)
print("realisatie:", [str(p.relative_to(ROOT)) for p in scenario.realisatie])
print("afspraken:", [a["id"] for a in scenario.afspraken])
print("vastgelegd:", scenario.vastgelegd)'''),
        new_markdown_cell("""\
## 1. De realisatie, en het plan zoals afgesproken

Eerst de realisatie. Conflicten in de realisatie (een onbekend complex, een jaar in de toekomst, een label dat
geen label is, een slechter label dan nu) worden bevindingen, geen fouten: elke rij wordt gebruikt of
met reden afgewezen.

Het realisatiebestand is een ingevuld blad *Planning*: de geplande kolommen (`pakket`, `jaar`, `aanpak`)
zijn het plan zoals het is uitgegeven. Daarmee wordt vergeleken, niet met een plan dat nu opnieuw uit het
scenario wordt berekend (dat alleen als er geen uitgegeven plan is). Een werk aan alleen de E/F/G-woningen
telt ook bij de realisatie alleen voor die woningen."""),
        new_code_cell('''\
portefeuille = lees_portefeuille(scenario)

bevindingen = Bevindingen()
catalogus = vul_catalogus_aan(scenario)
realisatie = lees_realisatie(scenario.realisatie, bevindingen, portefeuille=portefeuille, peildatum=PEILDATUM,
                             catalogus=catalogus[catalogus["soort"] == "renovatie"])
afgesproken = afgesproken_plan(portefeuille, scenario, realisatie.plan, bev=bevindingen)
plan = afgesproken.plan
print(afgesproken.vergeleken_met)
rc = realisatie.complexen
print(f"{len(rc)} complexen in de realisatie, {int(rc['gerealiseerd_jaar'].notna().sum())} met een gerealiseerd jaar")
rc[rc["gerealiseerd_jaar"].notna()].head(8)'''),
        new_code_cell('''\
# de conflicten in het realisatiebestand
bevindingen.als_tabel()[["bestand", "rij", "kolom", "waarde", "probleem", "actie", "ernst"]]'''),
        new_markdown_cell("""\
## 2. De stand op de peildatum en het nieuwe plan

`realiseer` past de uitgevoerde werken toe op de labels (het effect van het pakket, of het nieuwe
label). `herplan` plant opnieuw vanaf 2027: alleen wat nog moet, met de werken die al gecontracteerd
zijn (`[[vastgelegd]]`) precies zoals afgesproken. `bereken_voortgang` vergelijkt plan, realisatie en
herplan en toetst elke afspraak."""),
        new_code_cell('''\
toestand = realiseer(portefeuille, plan, realisatie, PEILDATUM, scenario, bev=bevindingen)
nieuw_plan = herplan(toestand, scenario, plan, PEILDATUM, bev=bevindingen)
v = bereken_voortgang(afgesproken, portefeuille, scenario, realisatie, PEILDATUM, herplan=nieuw_plan,
                      toestand=toestand)
s = v.samenvatting
print(f"peildatum {PEILDATUM:%d-%m-%Y}: {s['complexen_gerealiseerd']} complexen ({s['woningen_gerealiseerd']} woningen) "
      f"gerealiseerd, {s['vertraagd']} vertraagd; E/F/G {s['efg_start']} bij de start, {s['efg_nu']} nu")
print("statussen:", s["statussen"])'''),
        new_markdown_cell("""\
## 3. De prestatieafspraken

Per afspraak, per corporatie (als de afspraak per corporatie geldt) en per doeljaar: het doel, de
stand bij de start, wat het plan op de peildatum verwachtte, wat er gerealiseerd is, de prognose van
het herplan in het doeljaar en de status.

| status | betekenis |
|---|---|
| `gehaald` | het doel is op de peildatum al bereikt |
| `op schema` | de realisatie volgt het plan en het doel wordt gehaald |
| `achter` | het herplan haalt het doel nog, maar de realisatie loopt achter op het plan |
| `niet haalbaar` | het doeljaar is voorbij, of ook het herplan haalt het doel niet |"""),
        new_code_cell('''\
afspraken = v.afspraken[["id", "corporatie", "doeljaar", "doel", "start", "gepland_op_peildatum",
                         "gerealiseerd_op_peildatum", "prognose_doeljaar", "status", "toelichting"]]
# gesorteerd op status: wat niet haalbaar is of achterloopt staat bovenaan
volgorde = {"niet haalbaar": 0, "achter": 1, "op schema": 2, "gehaald": 3}
afspraken.sort_values("status", key=lambda s: s.map(volgorde), kind="stable").set_index("id")'''),
        new_code_cell('''\
# dezelfde statussen als telling per afspraak
pd.crosstab(v.afspraken["id"], v.afspraken["status"])'''),
        new_markdown_cell("""\
## 4. E/F/G tegen het NPA-pad

Het NPA-pad loopt lineair van het aantal E/F/G bij de start naar nul aan het eind van 2028. Daarnaast
het plan zoals afgesproken, wat er gerealiseerd is (tot de peildatum) en het herplan."""),
        new_code_cell('''\
pad = v.efg_pad[v.efg_pad["corporatie"] == "alle corporaties"].sort_values("jaar")
fig, ax = plt.subplots(figsize=(8, 4))
ax.plot(pad["jaar"], pad["npa_pad"], ":", color="#555", label="NPA-pad")
ax.plot(pad["jaar"], pad["plan"], "-o", label="plan zoals afgesproken")
ax.plot(pad["jaar"], pad["gerealiseerd"], "-s", color=KLEUR["E"], label="gerealiseerd")
ax.plot(pad["jaar"], pad["herplan"], "--^", label="herplan")
ax.set_xlabel("1 januari van het jaar")
ax.set_ylabel("woningen E/F/G (excl. vrijgesteld)")
ax.set_title("Alle corporaties: E/F/G tegen het NPA-pad")
ax.legend()
fig.tight_layout()
plt.show()
v.npa[["corporatie", "indicator", "stand_start", "gepland_op_peildatum", "gerealiseerd_op_peildatum", "verschil",
       "plan_eind_deadline"]]'''),
        new_markdown_cell("""\
Vertraagde werken, en wat het herplan veranderde ten opzichte van het afgesproken plan (ook als
`wijzigingen.csv`)."""),
        new_code_cell('''\
v.verschoven'''),
        new_code_cell('''\
print(v.wijzigingen["reden"].str.split(":").str[0].str.replace(r" in \\d{4}.*", " in JJJJ", regex=True)
      .value_counts().to_string())
v.wijzigingen.head(10)'''),
        new_markdown_cell("""\
## 5. De voortgangswerkmap

`voortgang.xlsx` heeft de bladen Samenvatting, Afspraken (met stoplichtkleuren), NPA-voortgang,
EFG-pad, Halfjaar, Verschoven, Complexen, Gemeente, Wijzigingen en Bevindingen.

Op de commandoregel:

```bash
verduurzaming voortgang --scenario scenario_voortgang.toml --peildatum 2027-01-01
```"""),
        new_code_cell('''\
from openpyxl import load_workbook
from verduurzaming.export.csv import schrijf_csv
from verduurzaming.export.voortgang import schrijf_voortgang

pad = schrijf_voortgang(v, scenario, UITVOER / "voortgang.xlsx", bestanden=realisatie.bestanden)
wijz = schrijf_csv(v.wijzigingen, UITVOER / "wijzigingen.csv")
print(pad, f"{pad.stat().st_size / 1024:.0f} KB")
print(wijz)
print("bladen:", load_workbook(pad, read_only=True).sheetnames)'''),
    ]


NOTEBOOKS = {
    "01_jaarplan_corporatie.ipynb": jaarplan,
    "02_wijkuitvoeringsplan_gemeente.ipynb": wijkuitvoering,
    "03_npa_voortgang.ipynb": voortgang,
}


def maak(naam: str) -> nbformat.NotebookNode:
    nb = new_notebook(cells=NOTEBOOKS[naam]())
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    # stable cell ids, so regenerating gives the same file
    for i, cel in enumerate(nb.cells):
        cel["id"] = f"cel-{i:02d}"
    return nb


def main() -> None:
    for naam in NOTEBOOKS:
        nb = maak(naam)
        nbformat.validate(nb)
        nbformat.write(nb, MAP / naam)
        print("geschreven:", MAP / naam)


if __name__ == "__main__":
    main()
