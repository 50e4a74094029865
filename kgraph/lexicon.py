"""Relations (`ontology/relations.yaml`) and structural word lists (`lexicon.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import InputError
from .kb import ontology_dir

__all__ = ["Conflict", "Relation", "Trigger", "Lexicon"]


@dataclass(frozen=True)
class Trigger:
    """A word that states a relation: a lemma, its part of speech and what it needs."""

    relation: str
    lemma: str
    pos: str  # verb | noun
    particle: str | None = None  # "call on": the child word that must follow the verb
    requires: str | None = None  # a cue set of lexicon.yaml


@dataclass(frozen=True)
class Conflict:
    """A war or air campaign of the period: who attacked whom, from when to when."""

    attacker: str
    target: str
    start: date
    end: date


@dataclass(frozen=True)
class Relation:
    """A relation of ``relations.yaml`` with its ontology names and event-coder codes."""

    name: str
    event_class: str
    property: str
    symmetric: bool
    plover: dict
    cameo: tuple[str, ...]
    label: str
    comment: str
    recipient_is_subject: frozenset[str] = frozenset()


@dataclass
class Lexicon:
    """Relations, triggers and the word lists the extractor reads structure from.

    Examples
    --------
    >>> lex = Lexicon.load()
    >>> sorted({t.relation for t in lex.triggers_for("talk", "noun")})
    ['meet']
    >>> lex.relations["meet"].symmetric
    True
    """

    relations: dict[str, Relation]
    triggers: dict[tuple[str, str], list[Trigger]]
    cues: dict[str, frozenset[str]]
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    #: named events ("Peace Mission") → (relation, the names of the actors it is between)
    named_events: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    #: weapon names ("su-30") → the state that makes them
    arms_makers: dict[str, str] = field(default_factory=dict)
    #: wars and air campaigns of the period, for attacks told without doer or target
    conflicts: tuple[Conflict, ...] = ()
    #: claims a policy names ("one-china") → the state whose claim it is
    claims: dict[str, str] = field(default_factory=dict)
    #: territories whose independence a state contests ("Taiwan") → that state
    separatisms: dict[str, str] = field(default_factory=dict)
    #: policies of the period known by their owner ("missile defense") → that actor
    issues: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: str | Path | None = None) -> Lexicon:
        """Load ``relations.yaml`` and ``lexicon.yaml`` from an ontology folder (cached)."""
        folder = Path(directory) if directory is not None else ontology_dir()
        return _load(str(folder.resolve()))

    def triggers_for(self, lemma: str, pos: str) -> list[Trigger]:
        """Return the triggers a lemma with a part of speech (verb or noun) may be."""
        return self.triggers.get((lemma.lower(), pos), [])

    def has(self, list_name: str, word: str) -> bool:
        """Return True when ``word`` is in the named word list of ``lexicon.yaml``."""
        return word.lower() in self.words.get(list_name, frozenset())

    def conflict(
        self, day: date | None, *, attacker: str | None = None, target: str | None = None
    ) -> Conflict | None:
        """Return the conflict with this attacker or target under way or latest at ``day``.

        A text speaks of a war while it goes on and for two years after.

        Examples
        --------
        >>> Lexicon.load().conflict(date(1999, 4, 2), target="Yugoslavia").attacker
        'NATO'
        """
        if day is None:
            return None
        found = [
            c
            for c in self.conflicts
            if (attacker is None or c.attacker == attacker)
            and (target is None or c.target == target)
            and c.start - timedelta(days=7) <= day <= c.end + timedelta(days=730)
        ]
        return max(found, key=lambda c: c.start) if found else None

    def conflict_under_way(self, day: date | None) -> Conflict | None:
        """Return the one conflict under way at ``day`` (or ended within a month), if any.

        Examples
        --------
        >>> Lexicon.load().conflict_under_way(date(1998, 12, 18)).target
        'Iraq'
        """
        if day is None:
            return None
        found = [
            c
            for c in self.conflicts
            if c.start - timedelta(days=7) <= day <= c.end + timedelta(days=30)
        ]
        return found[0] if len(found) == 1 else None


def _words(value) -> frozenset[str]:
    return frozenset(str(v).lower() for v in value or [])


@lru_cache(maxsize=4)
def _load(folder: str) -> Lexicon:
    path = Path(folder)
    try:
        rel_data = yaml.safe_load((path / "relations.yaml").read_text(encoding="utf-8"))
        lexicon_file = path / "lexicon.yaml"
        lex_data = (
            yaml.safe_load(lexicon_file.read_text(encoding="utf-8"))
            if lexicon_file.exists()
            else {}
        ) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read relations.yaml/lexicon.yaml ({exc})") from exc
    if not isinstance(rel_data, dict) or not isinstance(rel_data.get("relations"), dict):
        raise InputError(f"{path / 'relations.yaml'}: no 'relations' mapping; see kgraph's own")
    relations: dict[str, Relation] = {}
    triggers: dict[tuple[str, str], list[Trigger]] = {}
    for name, spec in (rel_data.get("relations") or {}).items():
        relations[name] = Relation(
            name=name,
            event_class=spec["class"],
            property=spec["property"],
            symmetric=bool(spec.get("symmetric")),
            plover=dict(spec.get("plover") or {}),
            cameo=tuple(str(c) for c in spec.get("cameo") or []),
            label=spec.get("label", name),
            comment=spec.get("comment", ""),
            recipient_is_subject=_words(spec.get("recipient_is_subject")),
        )
        requires = {str(k).lower(): str(v) for k, v in (spec.get("requires") or {}).items()}
        for pos, key in (("verb", "verbs"), ("noun", "nouns")):
            for entry in spec.get(key) or []:
                words = str(entry).lower().split()
                lemma, particle = words[0], (words[1] if len(words) > 1 else None)
                need = requires.get(str(entry).lower(), requires.get("*"))
                trigger = Trigger(name, lemma, pos, particle, need)
                triggers.setdefault((lemma, pos), []).append(trigger)
    cues = {name: _words(values) for name, values in (lex_data.get("cues") or {}).items()}
    words: dict[str, frozenset[str]] = {}
    named = {
        str(name).lower(): (str(spec["relation"]), tuple(str(a) for a in spec["between"]))
        for name, spec in (lex_data.get("named_events") or {}).items()
    }
    makers = {
        str(word).lower(): str(state)
        for state, words in (lex_data.get("arms_makers") or {}).items()
        for word in words or []
    }
    conflicts = tuple(
        Conflict(str(c["attacker"]), str(c["target"]), _day(c["from"]), _day(c["to"]))
        for c in lex_data.get("conflicts") or []
    )
    for key, value in lex_data.items():
        if key in (
            "cues", "named_events", "arms_makers", "conflicts", "claims", "separatisms", "issues"
        ):  # fmt: skip
            continue
        if isinstance(value, dict):
            for sub, items in value.items():
                words[f"{key}.{sub}"] = _words(items)
        else:
            words[key] = _words(value)
    return Lexicon(
        relations=relations,
        triggers=triggers,
        cues=cues,
        words=words,
        named_events=named,
        arms_makers=makers,
        conflicts=conflicts,
        claims={str(k).lower(): str(v) for k, v in (lex_data.get("claims") or {}).items()},
        separatisms={str(k): str(v) for k, v in (lex_data.get("separatisms") or {}).items()},
        issues={
            str(phrase).lower(): str(owner)
            for owner, phrases in (lex_data.get("issues") or {}).items()
            for phrase in phrases or []
        },
    )


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
