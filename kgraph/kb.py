"""The actor knowledge base: countries, organizations, cities and persons with their posts.

The knowledge lives in ``ontology/actors.yaml`` and ``ontology/sources.yaml``; this module
only reads it and answers look-ups (names, aliases, demonyms, seats of power, office
holders on a date). It knows nothing about particular actors.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import InputError

__all__ = [
    "ACTOR_BASE",
    "Post",
    "Entity",
    "Outlet",
    "Publication",
    "KnowledgeBase",
    "ontology_dir",
    "normalise_name",
]

#: Base IRI of the actors (persons, states, organizations, cities) kgraph knows.
ACTOR_BASE = "https://w3id.org/kgraph/id/actor/"


def ontology_dir() -> Path:
    """Return the folder holding the ontology and the knowledge base data.

    An installed wheel carries it as ``kgraph/_ontology``; a source checkout has it
    at the top level as ``ontology/``.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "_ontology", here.parent / "ontology"):
        if candidate.is_dir():
            return candidate
    raise InputError(f"{here.parent / 'ontology'}: ontology folder not found; reinstall kgraph")


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Return the look-up form of a name: case-folded, quotes unified, a leading "the" dropped.

    Examples
    --------
    >>> normalise_name("The  Kremlin")
    'kremlin'
    >>> normalise_name("Tang’s")
    "tang's"
    """
    text = unicodedata.normalize("NFKC", name).translate(_QUOTES)
    text = re.sub(r"\s+", " ", text).strip().casefold()
    return re.sub(r"^the ", "", text)


@dataclass(frozen=True)
class Post:
    """A post held by a person: a role id, its tenure and an optional display title."""

    role: str
    start: date | None
    end: date | None
    title: str | None = None
    organization: str | None = None  # the body the post is in: "United Nations", "NATO"

    def held_on(self, day: date) -> bool:
        """Return True when the post was held on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def overlaps(self, first: date, last: date) -> bool:
        """Return True when the tenure overlaps the interval ``[first, last]``."""
        return (self.start is None or self.start <= last) and (
            self.end is None or first <= self.end
        )


@dataclass(frozen=True)
class Entity:
    """An actor or place of the knowledge base."""

    id: str
    name: str
    kind: str  # person | country | organization | city
    country: str | None = None
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    family_name: str | None = None
    posts: tuple[Post, ...] = ()
    demonyms: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()
    capital: str | None = None
    org_kind: str | None = None
    members: tuple[str, ...] = ()
    #: for a country, the post of whoever leads it abroad: the head of state, or the head
    #: of government where the head of state is ceremonial (Japan's prime minister)
    leader: str = "head_of_state"

    @property
    def iri(self) -> str:
        """The entity's IRI in kgraph's actor namespace."""
        return ACTOR_BASE + self.id

    def roles_on(self, day: date) -> list[Post]:
        """Return the posts the person held on ``day``."""
        return [post for post in self.posts if post.held_on(day)]


@dataclass(frozen=True)
class Outlet:
    """A news outlet texts cite, with its spelling variants."""

    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None


@dataclass(frozen=True)
class Publication:
    """A publication whose header opens documents.

    Volume V appeared in ``first_volume_year + V - 1``.
    """

    name: str
    aliases: tuple[str, ...] = ()
    first_volume_year: int | None = None
    frequency: str | None = None
    publisher: str | None = None

    def year_of_volume(self, volume: int) -> int | None:
        """Return the year the volume appeared in, when the first volume's year is known."""
        if self.first_volume_year is None:
            return None
        return self.first_volume_year + volume - 1


def _date(value, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise InputError(f"{where}: bad date {value!r}; write YYYY-MM-DD") from exc


def _tuple(value) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


@dataclass
class KnowledgeBase:
    """Look-ups over the actors of ``ontology/actors.yaml`` and the sources of ``sources.yaml``.

    Examples
    --------
    >>> kb = KnowledgeBase.load()
    >>> kb.country_of_demonym("Chinese").name
    'China'
    >>> kb.state_of_seat("the Kremlin").name
    'Russia'
    """

    entities: dict[str, Entity] = field(default_factory=dict)
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    outlets: list[Outlet] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_name: dict[str, list[Entity]] = defaultdict(list)
        self._by_family: dict[str, list[Entity]] = defaultdict(list)
        self._by_role: dict[str, list[Entity]] = defaultdict(list)
        self._demonyms: dict[str, Entity] = {}
        self._seats: dict[str, Entity] = {}
        self._descriptions: dict[str, Entity] = {}
        self._role_labels: dict[str, list[str]] = defaultdict(list)
        self._outlets: dict[str, Outlet] = {}
        self._publications: dict[str, Publication] = {}
        for entity in self.entities.values():
            for name in (entity.name, *entity.aliases):
                bucket = self._by_name[normalise_name(name)]
                if entity not in bucket:
                    bucket.append(entity)
            if entity.family_name:
                self._by_family[normalise_name(entity.family_name)].append(entity)
            if entity.kind == "person":
                for role in dict.fromkeys(p.role for p in entity.posts):
                    self._by_role[role].append(entity)
            for demonym in entity.demonyms:
                self._demonyms.setdefault(normalise_name(demonym), entity)
            for seat in entity.seats:
                self._seats.setdefault(normalise_name(seat), entity)
            for description in entity.descriptions:
                self._descriptions.setdefault(normalise_name(description), entity)
        for role, labels in self.roles.items():
            for label in labels:
                self._role_labels[normalise_name(label)].append(role)
        for outlet in self.outlets:
            for name in (outlet.name, *outlet.aliases):
                self._outlets.setdefault(normalise_name(name), outlet)
        for publication in self.publications:
            for name in (publication.name, *publication.aliases):
                self._publications.setdefault(normalise_name(name), publication)

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, directory: str | Path | None = None) -> KnowledgeBase:
        """Load the knowledge base from an ontology folder (default: kgraph's own).

        Loading is cached per folder, so repeated calls are cheap.
        """
        folder = Path(directory) if directory is not None else ontology_dir()
        return _load_cached(str(folder.resolve()))

    # -- look-ups ------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.entities)

    def __iter__(self):
        return iter(self.entities.values())

    def get(self, entity_id: str) -> Entity | None:
        """Return the entity with this slug id, or None."""
        return self.entities.get(entity_id)

    def lookup(self, name: str, kind: str | None = None) -> list[Entity]:
        """Return entities whose canonical name or alias is ``name`` (case-insensitive)."""
        found = self._by_name.get(normalise_name(name), [])
        return [e for e in found if kind is None or e.kind == kind]

    def by_family_name(self, name: str) -> list[Entity]:
        """Return persons whose family name is ``name``."""
        return list(self._by_family.get(normalise_name(name), []))

    def country(self, name: str | None) -> Entity | None:
        """Return the country entity with this canonical name or alias."""
        if not name:
            return None
        found = self.lookup(name, kind="country")
        return found[0] if found else None

    def leader_role(self, country: str | None) -> str:
        """Return the post of whoever leads ``country`` abroad ("head_of_state" by default).

        Examples
        --------
        >>> KnowledgeBase.load().leader_role("Japan")
        'head_of_government'
        """
        entity = self.country(country)
        return entity.leader if entity is not None else "head_of_state"

    def country_of_demonym(self, word: str) -> Entity | None:
        """Return the country an adjective or plural designates ("Russian" → Russia)."""
        return self._demonyms.get(normalise_name(word))

    def state_of_seat(self, name: str) -> Entity | None:
        """Return the state a capital or seat of power stands for ("the Kremlin" → Russia)."""
        return self._seats.get(normalise_name(name))

    def described(self, phrase: str) -> Entity | None:
        """Return the entity a descriptive phrase designates ("the Chinese capital" → Beijing)."""
        return self._descriptions.get(normalise_name(phrase))

    def roles_of_label(self, label: str) -> list[str]:
        """Return the role ids a title word designates ("premier" → ["head_of_government"])."""
        return list(self._role_labels.get(normalise_name(label), []))

    def role_labels(self) -> dict[str, list[str]]:
        """Return every role label with the role ids it designates."""
        return {label: list(roles) for label, roles in self._role_labels.items()}

    def holders(
        self, role: str, country: str | None, on: date, organization: str | None = None
    ) -> list[Entity]:
        """Return the persons of ``country`` (or of any country, in ``organization``) holding
        ``role`` on a day.

        >>> kb = KnowledgeBase.load()
        >>> day = date(1998, 2, 23)
        >>> [e.name for e in kb.holders("secretary_general", None, day, "United Nations")]
        ['Kofi Annan']
        """
        return [
            e
            for e in self._by_role.get(role, ())
            if (country is None or e.country == country)
            and any(
                p.role == role
                and p.held_on(on)
                and (organization is None or p.organization == organization)
                for p in e.posts
            )
        ]

    def outlet(self, name: str) -> Outlet | None:
        """Return the outlet a cited name designates ("Kommersant daily" → Kommersant)."""
        return self._outlets.get(normalise_name(name))

    def publication(self, name: str) -> Publication | None:
        """Return the publication of a document header, if known."""
        return self._publications.get(normalise_name(name))


def _entities(data: dict, source: Path) -> dict[str, Entity]:
    entities: dict[str, Entity] = {}
    sections = (
        ("countries", "country"),
        ("organizations", "organization"),
        ("cities", "city"),
        ("persons", "person"),
    )
    for section, kind in sections:
        for i, row in enumerate(data.get(section) or []):
            where = f"{source}: {section}[{i}]"
            if not isinstance(row, dict) or "name" not in row or "id" not in row:
                raise InputError(f"{where}: every entry needs a name and an id")
            posts = tuple(
                Post(
                    role=str(p["role"]),
                    start=_date(p.get("from"), where),
                    end=_date(p.get("to"), where),
                    title=p.get("title"),
                    organization=p.get("organization"),
                )
                for p in row.get("posts") or []
            )
            entity = Entity(
                id=str(row["id"]),
                name=str(row["name"]),
                kind=kind,
                country=row.get("country") or (row["name"] if kind == "country" else None),
                wikidata=row.get("wikidata"),
                aliases=_tuple(row.get("aliases")),
                family_name=row.get("family_name"),
                posts=posts,
                demonyms=_tuple(row.get("demonyms")),
                seats=_tuple(row.get("seats")),
                descriptions=_tuple(row.get("descriptions")),
                capital=row.get("capital"),
                org_kind=row.get("kind") if kind == "organization" else None,
                members=_tuple(row.get("members")),
                leader=str(row.get("leader") or "head_of_state"),
            )
            if entity.id in entities:
                raise InputError(f"{where}: duplicate id {entity.id!r}; ids must be unique")
            entities[entity.id] = entity
    return entities


@lru_cache(maxsize=8)
def _load_cached(folder: str) -> KnowledgeBase:
    path = Path(folder)
    actors_path, sources_path = path / "actors.yaml", path / "sources.yaml"
    try:
        actors = yaml.safe_load(actors_path.read_text(encoding="utf-8")) or {}
        sources = (
            yaml.safe_load(sources_path.read_text(encoding="utf-8")) or {}
            if sources_path.exists()
            else {}
        )
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{actors_path}: cannot read the knowledge base ({exc})") from exc
    roles = {str(r["id"]): _tuple(r.get("labels")) for r in actors.get("roles") or [] if "id" in r}
    outlets = [
        Outlet(name=str(o["name"]), aliases=_tuple(o.get("aliases")), country=o.get("country"))
        for o in sources.get("outlets") or []
    ]
    publications = [
        Publication(
            name=str(p["name"]),
            aliases=_tuple(p.get("aliases")),
            first_volume_year=p.get("first_volume_year"),
            frequency=p.get("frequency"),
            publisher=p.get("publisher"),
        )
        for p in sources.get("publications") or []
    ]
    return KnowledgeBase(
        entities=_entities(actors, actors_path),
        roles=roles,
        outlets=outlets,
        publications=publications,
    )
