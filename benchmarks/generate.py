"""Deterministic, seeded workloads: ledgers of sourced facts and Markdown drafts that cite them.

Everything is derived from the seed with ``random.Random`` seeded by strings, so the same seed gives
byte-identical files on every machine and Python version. Ledgers are nested: the 1k-fact ledger is
a prefix of the 10k one, which is a prefix of the 100k one, so one draft binds the same way against
each and only the ledger's size changes between runs.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from factlint.fold import fold

AS_OF = dt.date(2023, 6, 15)  # the drafts' date (front matter), inside every validity window we state
SOURCE_HOST = "data.example.org"

_FIRST = (
    "Marta Rui Helena Ana João José Maria Pedro Lucia Carlos Sofia Miguel Clara Tomás Inês Diego Elena Pablo "
    "Laura Andrés Nuria Javier Carmen Hugo Irene Óscar Rosa Teresa Alberto Beatriz Daniel Eva Felipe Gloria "
    "Ignacio Julia Lorenzo Marco Nadia Olga Paolo Renata Sergio Valeria Zoë Søren Åsa Björn Françoise Thérèse "
    "Łukasz Michał Agnieszka Dorota Jürgen Günther Ingrid Klaus Annika Henrik Astrid Niamh Siobhan Aoife Ciarán "
    "Eamon Fiona Gareth Rhys Owen Megan Priya Arjun Ravi Anjali Kiran Mei Wei Jun Hana Yuki Kenji Amara Kwame "
    "Ngozi Tendai Zanele Omar Layla Yusuf Samir Leila Dmitri Irina Pavel Katarzyna Milan Jana Petra Tomasz "
    "Emil Freya Oskar Greta Matteo Chiara Luca Giulia Noah Emma Liam Olivia Ethan Ava Lucas Mia Adam Nora"
).split()
_LAST = (
    "Silva Ortiz Brandt Costa Pereira Almeida Ferreira Moreno Navarro Romero Castillo Herrera Medina Aguilar "
    "Vargas Delgado Guerrero Núñez Peña Müller Schäfer Köhler Weber Becker Hoffmann Krüger Lehmann Schulz "
    "Nowak Kowalski Wiśniewski Wójcik Kamiński Lewandowski Zieliński Dvořák Novák Horvath Fischer Wagner "
    "Johansson Lindqvist Andersson Eriksson Ødegaard Halvorsen Kristiansen Lindgren Okafor Mensah Adeyemi "
    "Banerjee Chatterjee Raghavan Nakamura Takahashi Yamamoto Fujimoto Okonkwo Haddad Rahman Karimi Petrov "
    "Ivanova Sokolov Volkov Marchetti Lombardi Ricci Esposito Bianchi Romano Colombo Moretti Barbieri Fontana "
    "Gallagher Donnelly Brennan Kavanagh Whitfield Ashworth Pemberton Fairbanks Holloway Winslow Thornton "
    "Blackwood Harcourt Lindsey Mercer Prescott Rutherford Sinclair Townsend Underwood Vickers Wentworth"
).split()
_SYLLABLES = ("ba be bi bo ca co da de di do fa fe ga go ha ka ke ki ko la le li lo lu ma me mi mo na ne ni no "
              "pa pe po ra re ri ro sa se si so ta te ti to va ve vi vo za ze zo").split()
_CODA = ("n r s l nd rt sk th v z ck rn lm st").split()
_PLACE_PREFIX = ("Porto San Santa Villa Monte Castel Puerto Nova Alta Fort Lake Port Mount Bad São Ciudad Lago "
                 "Riva Valle Costa").split()
_ORG_SECTOR = ("Water Energy Transit Health Housing Mining Steel Rail Ports Telecom Textiles Logistics Software "
               "Insurance Savings Grain Dairy Timber Chemicals Aviation Shipping Media Broadcasting Tourism "
               "Pharmaceuticals Cement Glass Fisheries Orchards Semiconductors").split()
_ORG_TYPE = ("Authority Company Group Holdings Cooperative Board Trust Corporation Agency Partners Institute "
             "Foundation").split()
_ROLES = ("finance minister", "chief executive", "party leader", "health minister", "council speaker",
          "central bank governor", "chief economist", "transport commissioner")
_PUBLISHERS = ("National Statistics Office", "Electoral Board", "Companies Registry", "Census Bureau",
               "Audit Court", "Treasury", "Energy Regulator", "Transport Observatory")


def _syllable_word(rng: random.Random, parts: int) -> str:
    """A pronounceable invented word such as 'Kavelond'."""
    word = "".join(rng.choice(_SYLLABLES) for _ in range(parts)) + rng.choice(_CODA)
    return word.capitalize()


def _date_between(rng: random.Random, first: int, last: int) -> dt.date:
    """A random day in the years [first, last]."""
    start, end = dt.date(first, 1, 1).toordinal(), dt.date(last, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(start, end))


def long_date(d: dt.date) -> str:
    """6 March 2022."""
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


@dataclass
class Entity:
    """A generated ledger entity."""

    id: str
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class Fact:
    """A generated ledger fact with what the draft writer needs to restate it."""

    id: str
    entity: Entity
    metric: str
    claim: str
    keywords: list[str]
    source: str
    value: float | None = None
    unit: str | None = None
    date: dt.date | None = None
    year: int | None = None
    role: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    tolerance: str | None = None
    current: bool = True  # False for a superseded value (validity window ended before AS_OF)


class Universe:
    """A prefix-stable stream of entities and their facts."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.entities: list[Entity] = []
        self.facts: list[Fact] = []
        self._used: set[str] = set()
        self._sources: dict[str, dict] = {}

    # -- entities ---------------------------------------------------------------------------
    def _unique(self, make) -> str:
        """Draw names until one is new (folded), so every entity name is unique."""
        for _ in range(1000):
            name = make()
            key = fold(name)
            if key not in self._used:
                self._used.add(key)
                return name
        raise RuntimeError("name space exhausted")

    def _entity(self, i: int) -> Entity:
        rng = random.Random(f"{self.seed}/entity/{i}")
        slot = i % 10
        if slot < 5:
            def make() -> str:
                last = rng.choice(_LAST) if rng.random() < 0.5 else _syllable_word(rng, rng.choice((2, 3)))
                return f"{rng.choice(_FIRST)} {last}"
            name = self._unique(make)
            aliases = [name.split()[-1]] if rng.random() < 0.2 else []
            return Entity(f"person-{i:06d}", "person", name, aliases)
        if slot < 8:
            def make() -> str:
                return f"{_syllable_word(rng, 2)} {rng.choice(_ORG_SECTOR)} {rng.choice(_ORG_TYPE)}"
            name = self._unique(make)
            aliases = ["".join(w[0] for w in name.split())] if rng.random() < 0.5 else []
            return Entity(f"org-{i:06d}", "organization", name, aliases)

        def make() -> str:
            return f"{rng.choice(_PLACE_PREFIX)} {_syllable_word(rng, rng.choice((1, 2)))}"
        return Entity(f"place-{i:06d}", "place", self._unique(make))

    # -- facts ------------------------------------------------------------------------------
    def _source(self, n: int) -> str:
        """Every 25 facts share a source."""
        sid = f"src-{n // 25:05d}"
        if sid not in self._sources:
            rng = random.Random(f"{self.seed}/source/{sid}")
            year = rng.randint(2019, 2023)
            publisher = rng.choice(_PUBLISHERS)
            self._sources[sid] = {"title": f"{publisher}: statistical release {year}-{rng.randint(1, 99):02d}",
                                  "url": f"https://{SOURCE_HOST}/releases/{sid}", "publisher": publisher,
                                  "published": dt.date(year, rng.randint(1, 12), rng.randint(1, 28))}
        return sid

    def _facts_for(self, e: Entity, index: int) -> list[Fact]:
        rng = random.Random(f"{self.seed}/facts/{e.id}")
        specs: list[dict] = []
        if e.kind == "person":
            year = rng.choice((2019, 2020, 2021, 2022))
            v = round(rng.uniform(3, 71), 2)
            specs.append(dict(metric="vote", value=v, unit="percent", year=year, keywords=["vote", "won"],
                              claim=f"{e.name} won {v:.2f}% of the vote in the {year} election."))
            born = _date_between(rng, 1945, 1995)
            specs.append(dict(metric="born", date=born, keywords=["born"], claim=f"{e.name} was born on {long_date(born)}."))
            if rng.random() < 0.6:
                v = rng.randint(45, 480) * 1000
                specs.append(dict(metric="salary", value=v, unit="EUR", keywords=["salary", "earned", "earns"],
                                  claim=f"{e.name} earns a salary of €{v:,} a year."))
            if rng.random() < 0.5:
                role, day = rng.choice(_ROLES), _date_between(rng, 2010, 2022)
                specs.append(dict(metric="appointed", date=day, role=role, keywords=["appointed"],
                                  claim=f"{e.name} was appointed {role} on {long_date(day)}."))
        elif e.kind == "organization":
            v = round(rng.uniform(0.12, 48), 2) * 1e9
            specs.append(dict(metric="revenue", value=v, unit="EUR", year=2022, keywords=["revenue", "sales"],
                              claim=f"{e.name} reported revenue of €{v / 1e9:.2f}bn in 2022."))
            staff = rng.randint(120, 95000)
            if rng.random() < 0.5:
                old = int(staff * rng.uniform(0.6, 0.9))
                specs.append(dict(metric="staff", value=old, unit="employees", current=False,
                                  valid_until=dt.date(2022, 1, 1), keywords=["employs", "employees", "staff", "workforce"],
                                  claim=f"{e.name} employed {old:,} people until 2021."))
            specs.append(dict(metric="staff", value=staff, unit="employees", valid_from=dt.date(2022, 1, 1),
                              keywords=["employs", "employees", "staff", "workforce"],
                              claim=f"{e.name} employs {staff:,} people."))
            founded = _date_between(rng, 1890, 2015)
            specs.append(dict(metric="founded", date=founded, keywords=["founded"],
                              claim=f"{e.name} was founded on {long_date(founded)}."))
            if rng.random() < 0.5:
                v = round(rng.uniform(1, 60), 1)
                specs.append(dict(metric="share", value=v, unit="percent", keywords=["market share"],
                                  claim=f"{e.name} holds a market share of {v:.1f}%."))
            if rng.random() < 0.4:
                v = rng.randint(5, 990) * 1e6
                specs.append(dict(metric="profit", value=v, unit="USD", keywords=["profit"],
                                  claim=f"{e.name} made a net profit of ${v / 1e6:.0f} million."))
        else:
            pop = rng.randint(8_000, 3_000_000)
            specs.append(dict(metric="population", value=pop, unit="people", tolerance="1%" if rng.random() < 0.1 else None,
                              keywords=["population", "residents", "inhabitants"],
                              claim=f"{e.name} has a population of {pop:,}."))
            v = round(rng.uniform(35, 88), 1)
            specs.append(dict(metric="turnout", value=v, unit="percent", keywords=["turnout"],
                              claim=f"Turnout in {e.name} was {v:.1f}%."))
            day = _date_between(rng, 2018, 2023)
            if day > AS_OF:
                day = day.replace(year=2022)
            specs.append(dict(metric="election", date=day, keywords=["election", "polls"],
                              claim=f"{e.name} held its municipal election on {long_date(day)}."))
            if rng.random() < 0.6:
                v = round(rng.uniform(4, 900), 1)
                specs.append(dict(metric="coastline", value=v, unit="km", keywords=["coastline"],
                                  claim=f"{e.name} has a coastline of {v:.1f} km."))
            if rng.random() < 0.5:
                v = rng.randint(12, 4800) * 1e6
                specs.append(dict(metric="budget", value=v, unit="EUR", keywords=["budget"],
                                  claim=f"{e.name} set a budget of €{v / 1e6:.0f} million."))
        out = []
        for spec in specs:
            n = len(self.facts) + len(out)
            out.append(Fact(id=f"fact-{n:06d}", entity=e, source=self._source(n), **spec))
        return out

    def grow(self, facts: int) -> None:
        """Generate entities (in order) until at least ``facts`` facts exist."""
        while len(self.facts) < facts:
            e = self._entity(len(self.entities))
            self.entities.append(e)
            self.facts.extend(self._facts_for(e, len(self.entities) - 1))

    def tokens(self) -> set[str]:
        """Every folded token of every name and alias generated so far."""
        return {t for e in self.entities for s in (e.name, *e.aliases) for t in fold(s).split()}

    def ledger(self, facts: int) -> tuple[dict, list[Entity], list[Fact]]:
        """Sources, entities and facts of the first ``facts`` facts."""
        self.grow(facts)
        chosen = self.facts[:facts]
        ids = dict.fromkeys(f.entity.id for f in chosen)
        entities = [e for e in self.entities if e.id in ids]
        sources = {f.source: self._sources[f.source] for f in chosen}
        return sources, entities, chosen


# -- YAML writing (by hand: fast, deterministic, and the format stays readable) ------------------
def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _num(value: float) -> str:
    """Integers without a fraction, floats with repr."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def ledger_yaml(sources: dict, entities: list[Entity], facts: list[Fact]) -> str:
    """One ledger v1 document."""
    out = ["version: 1\n"]
    if sources:
        out.append("sources:\n")
        for sid, s in sources.items():
            out.append(f"  {sid}:\n    title: {_q(s['title'])}\n    url: {s['url']}\n"
                       f"    publisher: {_q(s['publisher'])}\n    published: {s['published'].isoformat()}\n")
    if entities:
        out.append("entities:\n")
        for e in entities:
            out.append(f"  {e.id}:\n    name: {_q(e.name)}\n")
            if e.aliases:
                out.append(f"    aliases: [{', '.join(_q(a) for a in e.aliases)}]\n")
            out.append(f"    kind: {e.kind}\n")
    if facts:
        out.append("facts:\n")
        for f in facts:
            out.append(f"  - id: {f.id}\n    claim: {_q(f.claim)}\n    about: {f.entity.id}\n"
                       f"    keywords: [{', '.join(f.keywords)}]\n")
            if f.date is not None:
                out.append(f"    date: {f.date.isoformat()}\n")
            else:
                out.append(f"    value: {_num(f.value)}\n    unit: {f.unit}\n")
            if f.tolerance:
                out.append(f"    tolerance: {_q(f.tolerance)}\n")
            if f.valid_from:
                out.append(f"    valid_from: {f.valid_from.isoformat()}\n")
            if f.valid_until:
                out.append(f"    valid_until: {f.valid_until.isoformat()}\n")
            out.append(f"    source: {f.source}\n")
    return "".join(out)


def write_file(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) unless the file already holds it.

    A rerun then leaves unchanged workloads alone: rewriting ~100 MB just before the first timings
    made the kernel flush them to disk while those timings ran.
    """
    data = text.encode("utf-8")
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except OSError:
        pass  # absent or unreadable: write it
    path.write_bytes(data)


def write_folder(folder: Path, files: dict[str, str]) -> None:
    """Make ``folder`` hold exactly these files, writing only those that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.name in files:
            continue
        if old.is_dir():
            shutil.rmtree(old)
        else:
            old.unlink()
    for name, text in files.items():
        write_file(folder / name, text)


def write_ledger(path: Path, sources: dict, entities: list[Entity], facts: list[Fact]) -> None:
    """One YAML file."""
    write_file(path, ledger_yaml(sources, entities, facts))


def write_ledger_dir(folder: Path, sources: dict, entities: list[Entity], facts: list[Fact], parts: int = 10) -> None:
    """sources.yaml plus ``parts`` files of entities with their facts (a directory ledger)."""
    files = {"sources.yaml": ledger_yaml(sources, [], [])}
    per = -(-len(entities) // parts)
    by_entity: dict[str, list[Fact]] = {}
    for f in facts:
        by_entity.setdefault(f.entity.id, []).append(f)
    for k in range(parts):
        chunk = entities[k * per : (k + 1) * per]
        chunk_facts = [f for e in chunk for f in by_entity.get(e.id, ())]
        files[f"facts-{k:02d}.yaml"] = ledger_yaml({}, chunk, chunk_facts)
    write_folder(folder, files)


# -- drafts ---------------------------------------------------------------------------------
def _pct(rng: random.Random, v: float) -> str:
    return rng.choice((f"{v:.1f}%", f"{v:.2f}%", f"{v:.1f} percent", f"{v:.1f} per cent"))


def _money(rng: random.Random, v: float, unit: str) -> str:
    sym = {"EUR": "€", "USD": "$"}[unit]
    if v >= 1e9:
        return rng.choice((f"{sym}{v / 1e9:.1f}bn", f"{sym}{v / 1e9:.2f} billion", f"{unit} {v / 1e9:.1f}bn"))
    if v >= 1e6:
        return rng.choice((f"{sym}{v / 1e6:.0f} million", f"{sym}{v / 1e6:.0f}m"))
    return rng.choice((f"{sym}{v:,.0f}", f"{sym}{v / 1e3:.0f},000"))


def _count(rng: random.Random, v: float, noun: str, exact: bool = False) -> str:
    """Exact with commas, or hedged and rounded the way reporters write it."""
    n = int(v)
    style = rng.random()
    if exact or style < 0.4 or n < 1000:
        return f"{n:,} {noun}"
    if n >= 1_000_000 and style < 0.7:
        return f"{n / 1e6:.1f} million {noun}"
    step = 10 ** (len(str(n)) - 2)
    if style < 0.8:
        return f"nearly {(-(-n // step)) * step:,} {noun}"
    if style < 0.9:
        return f"more than {(n // step) * step:,} {noun}"
    return f"about {round(n / step) * step:,} {noun}"


def _wrong(rng: random.Random, v: float) -> float:
    """A value clearly outside any rounding or hedge of ``v``."""
    return v * rng.choice((0.6, 0.7, 1.35, 1.5))


def _date_text(rng: random.Random, d: dt.date, weekday: str | None = None) -> str:
    if weekday:
        return f"{weekday}, {long_date(d)}" if rng.random() < 0.5 else f"{weekday} {long_date(d)}"
    return rng.choice((long_date(d), f"{calendar.month_name[d.month]} {d.day}, {d.year}", d.isoformat()))


def _shifted(rng: random.Random, d: dt.date) -> dt.date:
    """The same year, a different day or month."""
    for _ in range(20):
        c = d + dt.timedelta(days=rng.choice((-40, -3, -2, -1, 1, 2, 3, 40)))
        if c.year == d.year:
            return c
    return d.replace(month=1 if d.month != 1 else 2, day=min(d.day, 28))


def _name(rng: random.Random, e: Entity) -> str:
    """As written in the draft: usually the full name, sometimes ASCII-folded or by acronym."""
    if e.aliases and e.kind == "organization" and rng.random() < 0.3:
        return e.aliases[0]
    if not e.name.isascii() and rng.random() < 0.3:
        return " ".join(w.capitalize() for w in fold(e.name).split())
    return e.name


def _cite(rng: random.Random, f: Fact) -> str:
    """A trailing citation for some sentences: the ledger's URL, a pandoc key, or a link no source has."""
    r = rng.random()
    if r < 0.12:
        return f", according to [the release](https://{SOURCE_HOST}/releases/{f.source})"
    if r < 0.16:
        return f" [@{f.source}]"
    if r < 0.18:
        return f" ([link](https://news.example.com/{f.id}/story))"
    if r < 0.19:  # a mistyped link to the ledger's own site
        return f" ([release](https://{SOURCE_HOST}/releases/{f.source}x))"
    return ""


def fact_sentence(rng: random.Random, f: Fact, mode: str = "correct") -> str:
    """A sentence stating ``f``: correctly, with a contradicted value or date, or with a wrong weekday."""
    name = _name(rng, f.entity)
    v = f.value if mode != "contradict" or f.value is None else _wrong(rng, f.value)
    d = f.date if mode != "contradict" or f.date is None else _shifted(rng, f.date)
    weekday = None
    if f.date is not None and mode in ("weekday", "bad-weekday"):
        actual = d.weekday()
        weekday = calendar.day_name[actual if mode == "weekday" else (actual + rng.randint(1, 6)) % 7]
    cite = _cite(rng, f) if mode == "correct" else ""
    exact = mode == "contradict"
    m = f.metric
    if m == "vote":
        text = rng.choice((f"{name} won {_pct(rng, v)} of the vote",
                           f"In the {f.year} election, {name} took {_pct(rng, v)} of the vote",
                           f"{name} finished with {_pct(rng, v)} of the vote"))
    elif m == "salary":
        text = rng.choice((f"{name} earns a salary of {_money(rng, v, 'EUR')}",
                           f"As {rng.choice(_ROLES)}, {name} earned {_money(rng, v, 'EUR')} last year"))
    elif m == "revenue":
        text = rng.choice((f"{name} reported revenue of {_money(rng, v, 'EUR')} in 2022",
                           f"Sales at {name} reached {_money(rng, v, 'EUR')}"))
    elif m == "staff":
        text = rng.choice((f"{name} employs {_count(rng, v, 'people', exact)}",
                           f"{name} now has a workforce of {_count(rng, v, 'employees', exact)}"))
    elif m == "share":
        text = f"{name} holds a market share of {_pct(rng, v)}"
    elif m == "profit":
        text = f"{name} made a net profit of {_money(rng, v, 'USD')}"
    elif m == "population":
        text = rng.choice((f"{name} has a population of {_count(rng, v, 'people', exact)}",
                           f"{name} is home to {_count(rng, v, 'residents', exact)}, the population register shows"))
    elif m == "turnout":
        text = rng.choice((f"Turnout in {name} was {_pct(rng, v)}", f"{name} recorded a turnout of {_pct(rng, v)}"))
    elif m == "coastline":
        text = f"{name} has a coastline of {v:.0f} km" if rng.random() < 0.5 else f"{name} has a {v:.1f} km coastline"
    elif m == "budget":
        text = f"{name} set a budget of {_money(rng, v, 'EUR')} for the year"
    elif m == "born":
        text = rng.choice((f"{name} was born on {_date_text(rng, d, weekday)}",
                           f"Born on {_date_text(rng, d, weekday)}, {name} grew up abroad"))
    elif m == "founded":
        text = f"{name} was founded on {_date_text(rng, d, weekday)}"
    elif m == "appointed":
        text = f"{name} was appointed {f.role} on {_date_text(rng, d, weekday)}"
    elif m == "election":
        text = rng.choice((f"{name} held its municipal election on {_date_text(rng, d, weekday)}",
                           f"Voters in {name} went to the polls on {_date_text(rng, d, weekday)}"))
    else:  # pragma: no cover - every metric is handled above
        raise ValueError(m)
    return text + cite + "."


_UNCITED = (
    "Some {n:,} volunteers joined the clean-up effort.",
    "Ticket prices rose {p:.1f}% over the period.",
    "The new bridge spans {k:.1f} km across the estuary.",
    "Local businesses lost an estimated €{m} million during the strike.",
    "Police said {n:,} people attended the march.",
    "The fund has paid out ${m} million since it opened.",
    "{org} opened {s} new stores last year.",
    "{person} has given {s} interviews since the vote.",
    "Waiting lists grew by {p:.1f} percent in the second quarter.",
    "The ministry hired {n:,} new inspectors on 3 May 2021.",
)
_FILLER = (
    "The council met behind closed doors for most of the afternoon.",
    "Critics said the plan lacked detail and came too late.",
    "Officials at the Ministry of Transport did not respond to requests for comment.",
    "The proposal now goes to a committee, which is expected to report in the autumn.",
    "Residents interviewed outside the town hall were divided.",
    "{person} declined to comment when reached by phone.",
    "A spokesperson for {org} said the company would study the ruling.",
    "The figures were published in the {org} annual report.",
    "Analysts at Northern Trust Research called the result a surprise.",
    "The opposition described the measure as a tax by another name.",
    "Negotiations are expected to resume after the summer recess.",
    "See the `summary_table()` output in the appendix for the raw data.",
    "Reporting was contributed by our correspondents in {place}.",
    "{person}, who has led the campaign since its launch, spoke briefly.",
    "More background is in [our explainer](https://news.example.com/explainers/budget).",
)
_MISSPELT = (
    "{name} declined to comment.",
    "A statement from {name} was read out at the meeting.",
    "Supporters of {name} gathered outside.",
)
_UNDATED = ("The hearing took place on {date}.", "The report was released on {date}.")


def misspell(rng: random.Random, name: str, tokens: set[str]) -> str | None:
    """The name with one letter of one of its longer words changed, into a token no ledger name uses."""
    words = name.split()
    for _ in range(30):
        w = rng.randrange(len(words))
        word = words[w]
        if len(fold(word)) < 5 or w == 0 and len(words) > 1 and rng.random() < 0.7:
            continue
        positions = [i for i in range(1, len(word) - 1) if word[i].isascii() and word[i].isalpha()]
        if not positions:
            continue
        i = rng.choice(positions)
        letter = rng.choice([c for c in "aeioulnrst" if c != word[i].lower()])
        new = word[:i] + letter + word[i + 1 :]
        if fold(new) in tokens:
            continue
        return " ".join(words[:w] + [new] + words[w + 1 :])
    return None


class DraftWriter:
    """Builds a draft block by block from a pool of facts."""

    def __init__(self, seed: int, label: str, pool: list[Fact], tokens: set[str]) -> None:
        self.rng = random.Random(f"{seed}/draft/{label}")
        self.pool = pool
        self.tokens = tokens
        self.people = [f.entity for f in pool if f.entity.kind == "person"]
        self.orgs = [f.entity for f in pool if f.entity.kind == "organization"]
        self.places = [f.entity for f in pool if f.entity.kind == "place"]
        self.current = [f for f in pool if f.current]
        self.votes = [f for f in pool if f.metric == "vote"]
        self.dated = [f for f in pool if f.date is not None]

    def _fill(self, template: str) -> str:
        r = self.rng
        return template.format(n=r.randint(100, 90000), p=r.uniform(1, 40), k=r.uniform(0.4, 30), m=r.randint(2, 900),
                               s=r.randint(12, 60), org=r.choice(self.orgs).name, person=r.choice(self.people).name,
                               place=r.choice(self.places).name)

    def sentence(self, kind: str | None = None) -> str:
        r = self.rng
        if kind is None:
            x = r.random()
            kind = ("correct" if x < 0.30 else "contradict" if x < 0.34 else "contradict-date" if x < 0.36
                    else "bad-weekday" if x < 0.38 else "weekday" if x < 0.41 else "misspelt" if x < 0.43
                    else "uncited" if x < 0.53 else "filler")
        if kind == "correct":
            return fact_sentence(r, r.choice(self.current))
        if kind == "contradict":
            return fact_sentence(r, r.choice([f for f in r.sample(self.current, 8) if f.value is not None]
                                             or self.votes), "contradict")
        if kind == "contradict-date":
            return fact_sentence(r, r.choice(self.dated), "contradict")
        if kind in ("weekday", "bad-weekday"):
            if r.random() < 0.3:
                d = _date_between(r, 2015, 2023)
                wd = calendar.day_name[(d.weekday() + (0 if kind == "weekday" else r.randint(1, 6))) % 7]
                return r.choice(_UNDATED).format(date=f"{wd}, {long_date(d)}")
            return fact_sentence(r, r.choice(self.dated), kind)
        if kind == "misspelt":
            for _ in range(10):
                e = r.choice(self.people + self.orgs)
                wrong = misspell(r, e.name, self.tokens)
                if wrong:
                    return r.choice(_MISSPELT).format(name=wrong)
        if kind == "uncited":
            return self._fill(r.choice(_UNCITED))
        return self._fill(r.choice(_FILLER))

    def paragraph(self) -> str:
        text = " ".join(self.sentence() for _ in range(self.rng.randint(3, 7)))
        if self.rng.random() < 0.3:  # hard-wrapped, as many editors save Markdown
            import textwrap

            text = textwrap.fill(text, 88, break_long_words=False, break_on_hyphens=False)
        return text

    def lede(self) -> str:
        """One sentence of every finding kind, so even the smallest draft exercises FL101-FL104."""
        kinds = ("correct", "contradict", "contradict-date", "bad-weekday", "misspelt", "uncited", "weekday")
        return " ".join(self.sentence(k) for k in kinds)

    def table(self) -> str:
        rows = ["| Candidate | Share of the vote |", "| --- | ---: |"]
        for f in self.rng.sample(self.votes, min(len(self.votes), self.rng.randint(3, 6))):
            v = f.value if self.rng.random() < 0.9 else _wrong(self.rng, f.value)
            rows.append(f"| {f.entity.name} | {v:.1f}% |")
        return "\n".join(rows)

    def code(self) -> str:
        f = self.rng.choice(self.current)
        return (f"```python\n# reproduces {f.id}; numbers in code are never checked\nvalue = {f.value or 0:.2f}  # 48.3%, €4bn\n"
                f"print(f\"{{value}} on 6 March 2022\")\n```")

    def listing(self) -> str:
        return "\n".join(f"- {self.sentence(self.rng.choice(('correct', 'correct', 'uncited', 'filler')))}"
                         for _ in range(self.rng.randint(2, 5)))

    def heading(self) -> str:
        return f"## {self.rng.choice(self.places).name}: {self.rng.choice(('the results', 'the money', 'who is who', 'timeline'))}"

    def blocks(self, size: int) -> list[str]:
        """Blocks (paragraphs, headings, tables, lists, code) totalling about ``size`` characters."""
        out = ["# Newsroom benchmark draft", self.lede()]
        total = sum(len(b) + 2 for b in out)
        n = 0
        while total < size:
            n += 1
            if n % 12 == 0:
                block = self.heading()
            elif n % 29 == 0:
                block = self.table()
            elif n % 37 == 0:
                block = self.code()
            elif n % 17 == 0:
                block = self.listing()
            else:
                block = self.paragraph()
            out.append(block)
            total += len(block) + 2
        return out


def front_matter(title: str) -> str:
    return f"---\ntitle: {title}\ndate: {AS_OF.isoformat()}\n---\n"


def draft_text(blocks: list[str], title: str) -> str:
    return front_matter(title) + "\n\n".join(blocks) + "\n"


def split_blocks(blocks: list[str], parts: int) -> list[list[str]]:
    """Contiguous groups of blocks of about equal size (at block boundaries, so nothing is cut in half)."""
    total = sum(len(b) + 2 for b in blocks)
    groups: list[list[str]] = [[]]
    done = 0
    for b in blocks:
        if done >= total * len(groups) / parts and len(groups) < parts and groups[-1]:
            groups.append([])
        groups[-1].append(b)
        done += len(b) + 2
    return groups


# -- the whole workload -----------------------------------------------------------------------
FULL = {"ledgers": {"1k": 1_000, "10k": 10_000, "100k": 100_000},
        "drafts": {"5KB": 5_000, "10KB": 10_000, "1MB": 1_000_000, "10MB": 10_000_000},
        "pool": 10_000, "split": ("1MB", 100)}
TINY = {"ledgers": {"50": 50, "200": 200}, "drafts": {"2KB": 2_000, "4KB": 4_000, "8KB": 8_000, "16KB": 16_000},
        "pool": 50, "split": ("8KB", 4)}


def generate(out: Path, seed: int = 6, scale: dict = FULL) -> dict:
    """Write every ledger and draft under ``out``; return the manifest (also written as manifest.json)."""
    out.mkdir(parents=True, exist_ok=True)
    universe = Universe(seed)
    sizes = scale["ledgers"]
    universe.grow(max(sizes.values()))
    manifest: dict = {"seed": seed, "as_of": AS_OF.isoformat(), "ledgers": {}, "drafts": {}, "split": None}
    for label, n in sizes.items():
        sources, entities, facts = universe.ledger(n)
        single, folder = out / f"facts-{label}.yaml", out / f"facts-{label}.d"
        write_ledger(single, sources, entities, facts)
        write_ledger_dir(folder, sources, entities, facts)
        manifest["ledgers"][label] = {"facts": len(facts), "entities": len(entities), "sources": len(sources),
                                      "file": single.name, "dir": folder.name, "bytes": single.stat().st_size}
    pool = universe.facts[: min(scale["pool"], max(sizes.values()))]
    tokens = universe.tokens()
    split_label, parts = scale["split"]
    for label, size in scale["drafts"].items():
        blocks = DraftWriter(seed, label, pool, tokens).blocks(size)
        path = out / f"draft-{label}.md"
        write_file(path, draft_text(blocks, f"Benchmark draft {label}"))
        manifest["drafts"][label] = {"file": path.name, "bytes": path.stat().st_size, "blocks": len(blocks)}
        if label == split_label:
            folder = out / f"draft-{label}-split"
            groups = split_blocks(blocks, parts)
            write_folder(folder, {f"part-{k:03d}.md": draft_text(group, f"Part {k + 1}") for k, group in enumerate(groups)})
            manifest["split"] = {"of": label, "dir": folder.name, "files": len(groups),
                                 "bytes": sum(p.stat().st_size for p in folder.iterdir())}
    write_file(out / "manifest.json", json.dumps(manifest, indent=2) + "\n")
    return manifest
