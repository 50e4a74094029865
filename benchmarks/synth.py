"""Generate a synthetic Monitor-style corpus with known events, for benchmarks and scale tests.

Each document opens with a publication header (``Publication: Monitor Volume: 6 Issue: 52``),
then a few paragraphs: analysis without events, and event paragraphs made from templates
over kgraph's actor knowledge base. Persons appear by name, by name with their post
("Russian Defense Minister Igor Sergeev") or by their post alone ("the Chinese president"),
always with the post they held on the event's date; places are cities of the knowledge base;
events occurred, are planned ("is scheduled to meet") or negated ("did not meet"); each
event paragraph closes with a citation such as "(Itar-Tass, March 2)". The publication date
is not printed: as in the real *Monitor*, it is the first weekday after the latest report the
text cites, and the year follows from the volume.

The gold is written in the format of the hand-annotated gold (``documents.jsonl``,
``entities.jsonl``, ``events.jsonl``; see ``kgraph.evaluate``), so ``kgraph evaluate`` and
:func:`kgraph.evaluate.score` read it.

Usage::

    python benchmarks/synth.py 1000 /tmp/corpus-1k           # texts in DIR, gold in DIR/gold
    python benchmarks/synth.py 100000 /tmp/corpus-100k --seed 3

or from Python: ``generate(n, folder, seed=...)``. The generator is deterministic for a
seed; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from kgraph.dates import next_weekday
from kgraph.kb import Entity, KnowledgeBase

__all__ = ["Corpus", "SynthDocument", "generate", "documents"]

#: Posts the templates name, with the title they print.
ROLE_TITLES = {
    "head_of_state": ("President", "president"),
    "head_of_government": ("Prime Minister", "prime minister"),
    "foreign_minister": ("Foreign Minister", "foreign minister"),
    "defense_minister": ("Defense Minister", "defense minister"),
}
#: Countries whose office holders the corpus speaks of; Russia and China come most often.
COUNTRIES = (
    ("Russia", 5),
    ("China", 5),
    ("United States", 2),
    ("Japan", 1),
    ("India", 1),
    ("Kazakhstan", 1),
)
OUTLETS = (
    "Itar-Tass",
    "Interfax",
    "Xinhua",
    "RIA Novosti",
    "Kommersant",
    "Nezavisimaya Gazeta",
    "Reuters",
    "Izvestia",
)
TOPICS = (
    "border trade",
    "oil supplies",
    "military supplies",
    "the demarcation of the border",
    "nuclear energy",
    "arms control",
)
MONARCHS = ("Emperor", "King", "Queen")
MONTHS = (
    "January February March April May June July August September October November December"
).split()
FILLERS = (
    "The talks come at a time of growing interest in regional security questions, and "
    "observers have paid close attention to the tone of official statements.",
    "Officials on both sides have been careful in recent weeks to stress continuity in "
    "policy, and analysts have noted few signs of a change of course.",
    "Economic questions remain at the heart of the relationship. Trade volumes have "
    "grown slowly, and both governments describe the pace as disappointing.",
    "The background to these developments is a long period of negotiation over the "
    "terms of arms sales, energy deliveries and investment in the border regions.",
    "Whether any of this amounts to a real shift is still unclear. Much will depend on "
    "the domestic situation in both capitals over the coming months.",
    "Commentators in the press were divided. Some saw the latest round of contacts as "
    "a sign of a maturing partnership; others dismissed it as a familiar ritual.",
    "Behind the official optimism lie old disputes about prices, quotas and the "
    "pace at which promised projects are carried out.",
    "It is worth recalling that similar expectations were raised two years ago, when "
    "a long list of projects was announced and few of them were completed.",
    "The military dimension of the relationship has attracted the most attention "
    "abroad, although its economic dimension is arguably the more important one.",
)


@dataclass
class SynthDocument:
    """One generated document: its id, text, publication date and gold events."""

    id: str
    text: str
    date: date
    publication: str
    volume: int
    issue: int
    events: list[dict] = field(default_factory=list)


@dataclass
class Corpus:
    """What :func:`generate` wrote: the text folder, the gold folder and the counts."""

    folder: Path
    gold: Path
    documents: int
    events: int


def _day(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


class _Generator:
    def __init__(self, kb: KnowledgeBase, seed: int):
        self.kb = kb
        self.rng = random.Random(seed)
        self.countries = [kb.country(name) for name, _ in COUNTRIES]
        self.weights = [w for _, w in COUNTRIES]
        self.cities = {
            c.name: [
                e
                for e in kb
                if e.kind == "city" and e.country == c.name and len(kb.lookup(e.name)) == 1
            ]
            for c in self.countries
        }
        self.used: dict[str, Entity] = {}
        self._holders: dict[tuple[str, str, date], list[Entity]] = {}

    # -- actors --------------------------------------------------------------------------
    def holder(self, role: str, country: str, day: date) -> Entity | None:
        key = (role, country, day)
        if key not in self._holders:
            self._holders[key] = [
                e
                for e in self.kb.holders(role, country, day)
                if len(self.kb.lookup(e.name)) == 1
                and not any(
                    p.role == role and (p.title or "").split(" ")[0] in MONARCHS for p in e.posts
                )
                and all(len(self.kb.lookup(a)) <= 1 for a in e.aliases)
            ]
        found = self._holders[key]
        return found[0] if len(found) == 1 else None

    def person(self, day: date, exclude: tuple[str, ...] = ()) -> tuple[Entity, str, str]:
        """Return (person, country entity name, post) of someone in office on ``day``."""
        for _ in range(200):
            country = self.rng.choices(self.countries, self.weights)[0]
            role = self.rng.choice(list(ROLE_TITLES))
            person = self.holder(role, country.name, day)
            if person is not None and person.name not in exclude and country.name not in exclude:
                return person, country.name, role
        raise RuntimeError(f"no office holder found for {day}")

    def mention(self, person: Entity, country: str, role: str, *, first: bool) -> str:
        """Return how the text names a person: by name, name with post, or post alone."""
        demonym = self.kb.country(country).demonyms[0]
        title, label = ROLE_TITLES[role]
        style = self.rng.random()
        if style < 0.45:
            return f"{demonym} {title} {person.name}"
        if style < 0.85 or not first:
            return person.name
        return f"the {demonym} {label}"

    def city(self, country: str) -> Entity:
        return self.rng.choice(self.cities[country])

    # -- paragraphs ----------------------------------------------------------------------
    def paragraph(
        self, relation: str, day: date, status: str, cite_day: date
    ) -> tuple[str, list[dict]]:
        """Return one event paragraph and its gold events (without the ``doc`` field).

        A meeting in a city of one party's country is also a visit by the other party,
        as kgraph reads it.
        """
        rng = self.rng
        subject, s_country, s_role = self.person(day)
        when = f"on {_day(day)}"
        start = end = day.isoformat()
        if status == "planned" and rng.random() < 0.3:
            when = f"in {MONTHS[day.month - 1]}"
            last = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            start, end = day.replace(day=1).isoformat(), last.isoformat()
        s_text = self.mention(subject, s_country, s_role, first=True)
        place = None
        if relation == "meet":
            other, o_country, o_role = self.person(day, exclude=(subject.name, s_country))
            o_text = self.mention(other, o_country, o_role, first=True)
            city = self.city(rng.choice([s_country, o_country]))
            place, obj = city.name, other.name
            self.used[other.name] = other
            if status == "occurred":
                sentence = rng.choice(
                    [
                        f"{s_text} met {o_text} in {city.name} {when}",
                        f"{s_text} held talks with {o_text} in {city.name} {when}",
                        f"{when[0].upper()}{when[1:]}, {s_text} met {o_text} in {city.name}",
                    ]
                )
            elif status == "planned":
                sentence = rng.choice(
                    [
                        f"{s_text} is scheduled to meet {o_text} in {city.name} {when}",
                        f"{s_text} will meet {o_text} in {city.name} {when}",
                    ]
                )
            else:
                sentence = f"{s_text} did not meet {o_text} in {city.name} {when}"
        elif relation == "visit":
            abroad = [c for c in self.countries if c.name != s_country and self.cities[c.name]]
            country = rng.choice(abroad)
            city = self.city(country.name)
            place, obj = city.name, country.name
            if status == "occurred":
                sentence = rng.choice(
                    [
                        f"{s_text} traveled to {city.name} {when}",
                        f"{s_text} visited {city.name} {when}",
                    ]
                )
            elif status == "planned":
                sentence = f"{s_text} is expected to visit {city.name} {when}"
            else:
                sentence = f"{s_text} did not visit {city.name} {when}"
        elif relation == "criticize":
            country = rng.choice([c for c in self.countries if c.name != s_country])
            obj = country.name
            topic = rng.choice(TOPICS)
            sentence = f"{s_text} criticized {country.name} over {topic} {when}"
        else:  # agree: two states sign an agreement
            other = rng.choice([c for c in self.countries if c.name != s_country])
            obj, topic = other.name, rng.choice(TOPICS)
            subject = self.kb.country(s_country)
            city = self.city(s_country)
            place = city.name
            verb = {"occurred": "signed", "planned": "are to sign", "negated": "did not sign"}
            sentence = (
                f"{s_country} and {other.name} {verb[status]} an agreement on {topic} "
                f"in {city.name} {when}"
            )
        self.used[subject.name] = subject
        if obj in (c.name for c in self.countries):
            self.used[obj] = self.kb.country(obj)
        if place:
            self.used[place] = self.kb.lookup(place)[0]
        outlets = rng.sample(OUTLETS, rng.choice([1, 1, 2]))
        closing = rng.choice(
            [
                " Officials gave no further details.",
                " The two sides described the atmosphere as businesslike.",
                "",
            ]
        )
        text = f"{sentence}.{closing} ({', '.join(outlets)}, {_day(cite_day)})."
        event = {
            "relation": relation,
            "subject": subject.name,
            "object": obj,
            "start": start,
            "end": end,
            "place": place,
            "status": status,
            "evidence": sentence,
            "cites": outlets,
        }
        events = [event]
        if relation == "meet" and status != "negated":
            visitor = subject if s_country != self.kb.lookup(place)[0].country else other
            host = self.kb.lookup(place)[0].country
            events.append({**event, "relation": "visit", "subject": visitor.name, "object": host})
            self.used[host] = self.kb.country(host)
        return text, events

    def filler(self) -> str:
        """Return a paragraph of analysis that states no event."""
        return " ".join(self.rng.sample(FILLERS, self.rng.choice([2, 3])))

    def document(self, index: int) -> SynthDocument:
        rng = self.rng
        year = rng.randint(1996, 2008)
        latest = date(year, 2, 20) + timedelta(days=rng.randint(0, 260))
        doc_date = next_weekday(latest)
        if year <= 2003:
            publication, volume = "Monitor", year - 1994
        else:
            publication, volume = "Eurasia Daily Monitor", year - 2003
        issue = max(1, (doc_date.timetuple().tm_yday * 250) // 365)
        paragraphs, events = [self.filler()], []
        count = rng.choice([2, 3, 3, 4])
        for k in range(count):
            relation = rng.choices(["meet", "visit", "criticize", "agree"], [5, 3, 1, 1])[0]
            status = rng.choices(["occurred", "planned", "negated"], [7, 2, 1])[0]
            if relation == "criticize":
                status = "occurred"
            cite_day = latest if k == 0 else latest - timedelta(days=rng.randint(1, 6))
            if status == "planned":
                day = doc_date + timedelta(days=rng.randint(5, 40))
            else:
                day = cite_day - timedelta(days=rng.randint(1, 12))
            if day.year != year:
                day, status = latest - timedelta(days=2), "occurred"
            text, told = self.paragraph(relation, day, status, cite_day)
            paragraphs.append(text)
            events.extend(told)
        for _ in range(rng.choice([1, 1, 2])):
            paragraphs.insert(rng.randint(2, len(paragraphs)), self.filler())
        text = f"Publication: {publication} Volume: {volume} Issue: {issue}\n\n" + "\n\n".join(
            paragraphs
        )
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
        doc_id = f"syn{index:06d}_{digest}"
        for event in events:
            event["doc"] = doc_id
        return SynthDocument(doc_id, text + "\n", doc_date, publication, volume, issue, events)


def documents(n: int, *, seed: int = 0, kb: KnowledgeBase | None = None) -> Iterator[SynthDocument]:
    """Yield ``n`` generated documents (deterministic for a seed).

    Examples
    --------
    >>> doc = next(documents(1, seed=1))
    >>> doc.text.startswith("Publication: ")
    True
    >>> all(e["evidence"] in doc.text for e in doc.events)
    True
    """
    generator = _Generator(kb or KnowledgeBase.load(), seed)
    for index in range(n):
        yield generator.document(index)


def _entity_record(entity: Entity, taken: set[str]) -> dict:
    aliases = []
    for alias in entity.aliases:
        key = alias.casefold()
        if key not in taken:
            taken.add(key)
            aliases.append(alias)
    record = {"name": entity.name, "kind": entity.kind, "aliases": aliases}
    if entity.kind in ("person", "city"):
        record["country"] = entity.country
    return record


def generate(
    n: int, folder: str | Path, *, seed: int = 0, gold: str | Path | None = None
) -> Corpus:
    """Write ``n`` documents as ``FOLDER/<id>.txt`` and their gold into ``FOLDER/gold``.

    Returns
    -------
    Corpus
        Where the texts and the gold are, and how many documents and events were written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    gold_dir = Path(gold) if gold is not None else folder / "gold"
    gold_dir.mkdir(parents=True, exist_ok=True)
    kb = KnowledgeBase.load()
    generator = _Generator(kb, seed)
    n_events = 0
    with (
        (gold_dir / "documents.jsonl").open("w", encoding="utf-8") as docs_out,
        (gold_dir / "events.jsonl").open("w", encoding="utf-8") as events_out,
    ):
        for index in range(n):
            doc = generator.document(index)
            (folder / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8")
            record = {
                "doc": doc.id,
                "publication": doc.publication,
                "volume": doc.volume,
                "issue": doc.issue,
                "date": doc.date.isoformat(),
            }
            docs_out.write(json.dumps(record) + "\n")
            for event in doc.events:
                events_out.write(json.dumps(event, ensure_ascii=False) + "\n")
                n_events += 1
    taken = {name.casefold() for name in generator.used}
    with (gold_dir / "entities.jsonl").open("w", encoding="utf-8") as out:
        for entity in sorted(generator.used.values(), key=lambda e: e.name):
            record = _entity_record(entity, taken)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return Corpus(folder, gold_dir, n, n_events)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of documents")
    parser.add_argument("folder", help="where to write the .txt files (gold goes to FOLDER/gold)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    corpus = generate(args.n, args.folder, seed=args.seed)
    print(f"{corpus.documents} documents, {corpus.events} events in {corpus.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
