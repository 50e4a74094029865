"""Actor mentions: names, roles, demonyms, seats of power, pronouns and groups, resolved.

The :class:`ActorLinker` component finds every expression that designates an actor and
resolves it against the knowledge base and the discourse so far: "Tang" to the foreign
minister the document named, "the Chinese president" in 2000 to Jiang Zemin, "Moscow"
as the Russian state, "his Russian counterpart" to the holder of the same post, "the two
countries" to the two states the text is about. The algorithm is in module functions;
the component only wires them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..kb import ACTOR_BASE, Entity, KnowledgeBase
from ..lexicon import Lexicon
from ..model import Actor

__all__ = ["Mention", "Discourse", "ActorLinker", "actor_of", "unlinked_actor"]

_PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
_THING_PRONOUNS = {"it", "its", "itself"}
_PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
_RELATIVE = {"who", "whom", "whose", "which", "that"}
_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "both": 2,
}


@dataclass
class Mention:
    """An expression designating one or more actors (or a place), with how it was resolved."""

    start: int  # first token
    end: int  # one past the last token
    kind: str  # name | family | seat | city | demonym | role | pronoun | group | state | ner
    actors: list[Actor] = field(default_factory=list)
    place: Actor | None = None
    role: str | None = None
    how: str = "name"

    @property
    def resolved(self) -> bool:
        return bool(self.actors)


def actor_of(entity: Entity) -> Actor:
    """Return the :class:`~kgraph.model.Actor` of a knowledge-base entity."""
    return Actor(iri=entity.iri, name=entity.name, kind=entity.kind, country=entity.country)


def objects_of(token: Token, prepositions: tuple[str, ...]) -> list[Token]:
    """The objects of the word's prepositional phrases headed by one of ``prepositions``."""
    return [
        o
        for p in token.children
        if p.dep_ in ("prep", "agent") and p.lower_ in prepositions
        for o in p.children
        if o.dep_ == "pobj"
    ]


def state_of(actor: Actor, kb: KnowledgeBase, kinds: tuple[str, ...] = ("person",)) -> Actor:
    """Return the state an actor of one of ``kinds`` stands for, or the actor itself.

    Examples
    --------
    >>> kb = KnowledgeBase.load()
    >>> state_of(actor_of(kb.lookup("Vladimir Putin")[0]), kb).name
    'Russia'
    """
    if actor.kind in kinds and actor.country:
        country = kb.country(actor.country)
        if country is not None:
            return actor_of(country)
    return actor


def unlinked_actor(name: str, kind: str) -> Actor:
    """Return an actor for a name the knowledge base does not hold.

    Examples
    --------
    >>> unlinked_actor("Grigory Berdennikov", "person").iri
    'https://w3id.org/kgraph/id/actor/unlinked/grigory-berdennikov'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unnamed"
    return Actor(iri=f"{ACTOR_BASE}unlinked/{slug}", name=name, kind=kind, linked=False)


class Discourse:
    """What the document has mentioned so far, for coreference and role resolution."""

    def __init__(
        self, kb: KnowledgeBase, day: date | None, year: int | None, lexicon: Lexicon | None = None
    ):
        self.kb = kb
        self.lexicon = lexicon if lexicon is not None else Lexicon.load()
        self.day = day or (date(year, 7, 1) if year else None)
        self.persons: list[tuple[int, Actor, bool]] = []  # (token, actor, was subject)
        self.states: list[tuple[int, Actor]] = []
        self.things: list[tuple[int, Actor]] = []
        self.plurals: list[tuple[int, list[Actor]]] = []
        self.names: dict[str, Actor] = {}  # family names of persons named in full
        self._focal: tuple[int, list[Actor]] = (-1, [])  # focal pair, by states seen
        self.summit_role: tuple[int, str] | None = None  # the post of a gathering told

    def note(self, i: int, actors: list[Actor], subject: bool = False) -> None:
        for actor in actors:
            if actor.kind == "person":
                self.persons.append((i, actor, subject))
                family = actor.name.split()[-1].lower() if actor.name else ""
                if family:
                    self.names.setdefault(family, actor)
                for part in actor.name.split():
                    self.names.setdefault(part.lower(), actor)
            elif actor.kind in ("country", "organization"):
                self.things.append((i, actor))
                if actor.kind == "country":
                    self.states.append((i, actor))
            if actor.country and actor.kind != "country":
                country = self.kb.country(actor.country)
                if country is not None:
                    self.states.append((i, actor_of(country)))
        if len(actors) >= 2:
            self.plurals.append((i, list(actors)))

    def recent_states(self, n: int) -> list[Actor]:
        seen: list[Actor] = []
        for _, actor in reversed(self.states):
            if actor not in seen:
                seen.append(actor)
            if len(seen) == n:
                break
        return list(reversed(seen))

    def focal_pair(self) -> list[Actor]:
        """The two states the text is about so far: the most mentioned, recent first on ties."""
        if self._focal[0] == len(self.states):
            return list(self._focal[1])
        pair = self._rank_states()
        self._focal = (len(self.states), pair)
        return list(pair)

    def _rank_states(self) -> list[Actor]:
        counts: dict[Actor, tuple[int, int]] = {}
        for i, actor in self.states:
            n, _ = counts.get(actor, (0, 0))
            counts[actor] = (n + 1, i)
        ranked = sorted(counts, key=lambda a: (-counts[a][0], -counts[a][1]))
        return ranked[:2] if len(ranked) >= 2 else []

    def summit_pair(self, lexicon: Lexicon, bodies: list[Actor] = ()) -> list[Actor]:
        """The two states whose leaders kgraph records of a summit ("the six leaders"): the
        corpus's focus states (lexicon.yaml) when the text has named both, else the focal pair.
        ``bodies`` are organizations the phrase itself names ("of the six member states of
        the SCO").
        """
        named = {actor for _, actor in self.states}
        focus = [a for a in named if lexicon.has("focus_states", a.name)]
        if len(focus) == 2:
            return sorted(focus, key=lambda a: a.name)
        # "the six leaders" of a Shanghai Cooperation Organization summit: its members
        for body in [*bodies, *(b for _, b in reversed(self.things))]:
            entity = self.kb.get(body.iri.removeprefix(ACTOR_BASE))
            members = set(entity.members) if entity is not None else set()
            focus_members = sorted(m for m in members if lexicon.has("focus_states", m))
            if body.kind == "organization" and len(focus_members) == 2:
                found = [self.kb.country(m) for m in focus_members]
                return [actor_of(e) for e in found if e is not None]
        return self.focal_pair()

    def recent_persons(self, n: int, role: str | None = None) -> list[Actor]:
        seen: list[Actor] = []
        for _, actor, _ in reversed(self.persons):
            if actor in seen or not actor.linked and role:
                continue
            if role and not self.holds(actor, role):
                continue
            seen.append(actor)
            if len(seen) == n:
                break
        return list(reversed(seen))

    def recent_counterparts(self, window: int = 6) -> list[Actor]:
        """The latest two persons of different states holding the same post ("the two
        ministers" after "Yang Jiechi and his Russian counterpart Sergei Lavrov")."""
        if self.day is None:
            return []
        seen: list[Actor] = []
        for _, actor, _ in reversed(self.persons):
            if actor not in seen and actor.linked:
                seen.append(actor)
            if len(seen) == window:
                break
        posts = {}
        for actor in seen:
            entity = self.kb.get(actor.iri.removeprefix(ACTOR_BASE))
            posts[actor] = {p.role for p in entity.roles_on(self.day)} if entity else set()
        for j, later in enumerate(seen):
            for earlier in seen[j + 1 :]:
                if earlier.country != later.country and posts[earlier] & posts[later]:
                    return [earlier, later]
        return []

    def recent_foreigners(self) -> list[Actor]:
        """The last two persons named who serve different states (or whose state the base
        does not know)."""
        found: list[Actor] = []
        for _, actor, _ in reversed(self.persons):
            if actor in found:
                continue
            if actor.country is None or all(a.country != actor.country for a in found):
                found.append(actor)
            if len(found) == 2:
                return list(reversed(found))
        return []

    def recent_leaders(self, window: int = 6) -> list[Actor]:
        """The latest two persons of different states who lead them ("the two leaders" after
        "Hu ... signed with Prime Minister Fukuda"): each holds his state's leading post."""
        if self.day is None:
            return []
        found: list[Actor] = []
        seen: list[Actor] = []
        for _, actor, _ in reversed(self.persons):
            if actor in seen or not actor.linked:
                continue
            seen.append(actor)
            if len(seen) > window:
                break
            role = self.kb.leader_role(actor.country)
            if self.holds(actor, role) and all(a.country != actor.country for a in found):
                found.append(actor)
            if len(found) == 2:
                return list(reversed(found))
        return []

    def holds(self, actor: Actor, role: str) -> bool:
        entity = self.kb.get(actor.iri.removeprefix(ACTOR_BASE))
        if entity is None or self.day is None:
            return False
        return any(p.role == role and p.held_on(self.day) for p in entity.posts)

    def last_person(
        self, before: int, prefer_subject: bool = True, besides: tuple[Actor, ...] = ()
    ) -> Actor | None:
        candidates = [(i, a, s) for i, a, s in self.persons if i < before and a not in besides]
        if not candidates:
            return None
        if prefer_subject:
            window = [c for c in candidates if before - c[0] < 80]
            subjects = [c for c in window if c[2]]
            if subjects:
                return subjects[-1][1]
        return candidates[-1][1]

    def last_thing(self, before: int) -> Actor | None:
        candidates = [a for i, a in self.things if i < before]
        return candidates[-1] if candidates else None

    def last_plural(self, before: int) -> list[Actor]:
        candidates = [a for i, a in self.plurals if i < before and before - i < 80]
        return candidates[-1] if candidates else []


class _Surface:
    """Surface forms of the knowledge base, compiled into a PhraseMatcher."""

    def __init__(self, nlp, kb: KnowledgeBase):
        self.kb = kb
        self.forms: dict[str, list[tuple[str, Entity]]] = {}
        self.originals: set[str] = set()
        for entity in kb:
            names = [entity.name, *entity.aliases]
            for name in names:
                self._add(name, "name", entity)
            if entity.kind == "person" and entity.family_name:
                self._add(entity.family_name, "family", entity)
            for seat in entity.seats:
                self._add(seat, "seat", entity)
            for demonym in entity.demonyms:
                self._add(demonym, "demonym", entity)
            for description in entity.descriptions:
                self._add(description, "description", entity)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("KG", [nlp.make_doc(form) for form in sorted(self.originals)])

    def _add(self, form: str, how: str, entity: Entity) -> None:
        form = form.strip()
        if not form:
            return
        for variant in {form, form.replace("’", "'"), form.replace("'", "’")}:
            self.originals.add(variant)
            bucket = self.forms.setdefault(variant.lower(), [])
            if (how, entity) not in bucket:
                bucket.append((how, entity))

    def spans(self, doc: Doc) -> list[Span]:
        found = []
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            text = span.text
            first = text.lstrip("the ").lstrip()
            described = text in self.originals and text.lower().startswith("the ")
            if not first or not (first[0].isupper() or first[0].isdigit() or described):
                continue  # "the alliance", as the base spells it, is a name; "the eight" is not
            candidates = self.forms.get(text.lower(), [])
            if any(form_is_acronym(e, text) and text != text.upper() for _, e in candidates):
                continue
            found.append(span)
        return filter_spans(found)


def form_is_acronym(entity: Entity, text: str) -> bool:
    """Return True when ``text`` matches an all-capital alias of the entity ("US" vs "us")."""
    return any(alias.isupper() and alias.lower() == text.lower() for alias in entity.aliases)


def _role_phrase(token: Token) -> list[str]:
    """Return the candidate role labels of a noun: "minister" with "prime" → "prime minister"."""
    lemma = token.lemma_.lower()
    labels = [lemma]
    mods = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")]
    words = [c.lower_ for c in mods]
    for i in range(len(words)):
        labels.append(" ".join(words[i:] + [lemma]))
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    labels.append(f"{lemma} of {obj.lemma_.lower()}")
    return sorted(set(labels), key=len, reverse=True)


def _demonyms(token: Token, kb: KnowledgeBase) -> list[Entity]:
    """Return the countries named by a noun's modifiers: "the Russian and Japanese ministers"."""
    found: list[Entity] = []
    for child in token.lefts:
        if child.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod"):
            for word in [child, *child.conjuncts]:
                text = word.text
                if word.i > 0 and word.doc[word.i - 1].dep_ in ("compound", "amod"):
                    text = f"{word.doc[word.i - 1].text} {text}"  # "North Korean"
                country = (
                    kb.country_of_demonym(text)
                    or kb.country_of_demonym(word.text)
                    or kb.country(word.text)
                )
                if country is None and word.dep_ == "poss":
                    country = kb.state_of_seat(word.text)
                if country is not None and country not in found:
                    found.append(country)
    return found


def _countries_of(token: Token, kb: KnowledgeBase) -> list[Entity]:
    """Countries named in an "of" phrase after a post: "the presidents of Kazakhstan and ..."."""
    found: list[Entity] = []
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    words = [obj, *obj.conjuncts]
                    words += [c for w in list(words) for c in w.children if c.dep_ == "appos"]
                    words += [c for w in list(words) for c in w.conjuncts if c not in words]
                    for word in words:
                        if not word.text[:1].isupper():
                            continue  # "member states" is not "the States"
                        country = kb.country(word.text)
                        if country is not None and country not in found:
                            found.append(country)
    if len(found) >= 2:
        # "the presidents of Russia, Kazakhstan, and Turkmenistan": the parser may hang the
        # last country on the verb, after an "and" of the post
        for cc in (c for c in token.rights if c.dep_ == "cc" and c.lower_ == "and"):
            nxt = token.doc[cc.i + 1] if cc.i + 1 < len(token.doc) else None
            country = kb.country(nxt.text) if nxt is not None and nxt.text[:1].isupper() else None
            if country is not None and country not in found:
                found.append(country)
    return found


class ActorLinker:
    """spaCy component that finds and resolves actor mentions.

    Sets ``doc._.kg_mentions`` (token index → :class:`Mention`, for every token of a
    mention) and ``doc.spans["kg_actors"]`` (the mentions as spans labelled with their
    kind). The document's date comes from ``doc._.kg_document`` when set.
    """

    def __init__(self, nlp, name: str, kb: KnowledgeBase, lexicon: Lexicon):
        self.name = name
        self.kb = kb
        self.lexicon = lexicon
        self.surface = _Surface(nlp, kb)
        self.role_labels = kb.role_labels()

    def __call__(self, doc: Doc) -> Doc:
        record = doc._.kg_document
        day = record.date if record is not None else None
        year = record.year if record is not None else None
        mentions = link_actors(doc, self.surface, self.kb, self.lexicon, day, year)
        index: dict[int, Mention] = {}
        spans = []
        for mention in mentions:
            for i in range(mention.start, mention.end):
                index[i] = mention
            spans.append(Span(doc, mention.start, mention.end, label=mention.kind))
        doc._.kg_mentions = index
        doc.spans["kg_actors"] = spans
        return doc


def _candidates(surface: _Surface, text: str) -> list[tuple[str, Entity]]:
    return surface.forms.get(text.lower(), [])


def _pick_person(entities: list[Entity], discourse: Discourse, title: list[str]) -> Entity | None:
    if len(entities) == 1:
        return entities[0]
    named = [e for e in entities if discourse.names.get(e.name.split()[-1].lower()) == actor_of(e)]
    if len(named) == 1:
        return named[0]
    day = discourse.day
    if day is not None:
        active = [e for e in entities if e.roles_on(day)]
        if title:
            titled = [e for e in active if any(p.role in title for p in e.roles_on(day))]
            if len(titled) == 1:
                return titled[0]
        if len(active) == 1:
            return active[0]
        if not active:
            near = [
                e
                for e in entities
                if any(p.overlaps(date(day.year - 3, 1, 1), day) for p in e.posts)
            ]
            if len(near) == 1:
                return near[0]
    return None


def _title_roles(span: Span, kb: KnowledgeBase) -> list[str]:
    """Return role ids of a title before a name: "Defense Minister Igor Sergeev"."""
    words = []
    for token in span.doc[max(0, span.start - 4) : span.start]:
        words.append(token.lower_)
    roles: list[str] = []
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            roles.extend(kb.roles_of_label(" ".join(words[i:j])))
    return roles


def _is_subject(token: Token) -> bool:
    return token.dep_ in ("nsubj", "nsubjpass") or (
        token.dep_ in ("compound", "appos", "conj", "poss")
        and token.head.dep_ in ("nsubj", "nsubjpass")
    )


def link_actors(
    doc: Doc,
    surface: _Surface,
    kb: KnowledgeBase,
    lexicon: Lexicon,
    day: date | None,
    year: int | None,
) -> list[Mention]:
    """Find and resolve the actor mentions of a parsed document, in text order."""
    discourse = Discourse(kb, day, year, lexicon)
    doc.user_data["kg_discourse"] = discourse
    mentions: list[Mention] = []
    taken: set[int] = set()
    matched = surface.spans(doc)
    for span in matched:
        taken.update(range(span.start, span.end))
    ner = [
        ent
        for ent in doc.ents
        if ent.label_ in ("PERSON", "ORG", "GPE")
        and not any(i in taken for i in range(ent.start, ent.end))
    ]
    items: list[tuple[int, str, object]] = [(s.start, "kb", s) for s in matched]
    items += [(e.start, "ner", e) for e in ner]
    taken |= {i for e in ner for i in range(e.start, e.end)}
    for token in doc:
        if token.i in taken:
            continue
        lower = token.lower_
        if token.pos_ == "PRON" or lower in _RELATIVE:
            if lower in _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS | _RELATIVE:
                items.append((token.i, "pronoun", token))
        elif token.pos_ in ("NOUN", "PROPN", "ADJ") and token.dep_ != "compound":
            items.append((token.i, "noun", token))
        elif (
            token.pos_ == "NUM"
            and lower in _NUMBER_WORDS
            and (
                token.dep_ in ("nsubj", "nsubjpass")
                # "receiving the two at his residence"
                or (token.dep_ == "dobj" and any(c.lower_ == "the" for c in token.lefts))
            )
        ):
            items.append((token.i, "number", token))  # "The six also signed a convention"
    items.sort(key=lambda item: item[0])
    body = record_body_start(doc)
    for start, what, obj in items:
        if doc[start].idx < body:
            continue  # the header "Publication: Xinhua Wire Volume: 11" names no actor
        mention = None
        if what == "kb" and _names_a_place(obj, lexicon):
            continue
        if what == "kb":
            mention = _resolve_surface(obj, surface, kb, discourse)
        elif what == "ner":
            mention = _resolve_ner(obj, discourse)
        elif what == "pronoun":
            mention = _resolve_pronoun(obj, discourse, mentions)
        elif what == "noun":
            mention = _resolve_noun(obj, kb, lexicon, discourse, mentions)
        elif what == "number":
            mention = _resolve_number(obj, kb, discourse, lexicon)
        if mention is None:
            continue
        mentions.append(mention)
        if mention.actors and mention.kind not in ("demonym", "city"):
            discourse.note(mention.start, mention.actors, _is_subject(doc[mention.end - 1]))
            together = _coordinated(doc[mention.end - 1], mentions)
            if len(together) >= 2:
                discourse.plurals.append((mention.start, together))  # "Ivanov and Li"
        elif mention.kind == "demonym" and mention.actors:
            discourse.states.append((mention.start, mention.actors[0]))
    return mentions


def _bodies_within(token: Token, kb: KnowledgeBase, include: bool = False) -> list[Actor]:
    """Organizations the base knows named inside a phrase ("of the member states of the
    Shanghai Cooperation Organization"), though not yet resolved; with ``include``, the
    phrase's own head counts ("SCO" in "the SCO heads of state")."""
    found = []
    for word in token.subtree:
        if word.pos_ != "PROPN" or (word.i == token.i and not include):
            continue
        if word.dep_ == "compound" and word.i != token.i:
            continue
        name = token.doc[word.left_edge.i : word.i + 1].text
        name = name[4:] if name.lower().startswith("the ") else name
        found += [actor_of(e) for e in kb.lookup(name) if e.kind == "organization" and e.members]
    return found


def _body_told(token: Token, kb, lexicon: Lexicon, discourse: Discourse) -> Actor | None:
    """ "the council's decision" after "the UN Security Council": the body last named whose
    name ends in the noun."""
    if not lexicon.has("body_nouns", token.lemma_) or token.tag_ not in ("NN", "NNP"):
        return None
    if [c.lower_ for c in token.children if c.dep_ != "case"] != ["the"]:
        return None  # "the council", not "a council", "the Arctic Council", "the councils"
    for _, actor in reversed(discourse.things[-40:]):
        if actor.kind != "organization" or not actor.linked:
            continue  # the bodies of the base, not a name the text alone knows
        entity = kb.get(actor.iri.removeprefix(ACTOR_BASE))
        names = [actor.name, *(entity.aliases if entity is not None else ())]
        if any(n.lower().split()[-1] == token.lower_ for n in names if n):
            return actor
    return None


def _names_a_place(span: Span, lexicon: Lexicon) -> bool:
    """ "the East China Sea", "the Korean Peninsula": a name inside a name of geography."""
    doc = span.doc
    return (
        span.end < len(doc)
        and doc[span.end].pos_ in ("PROPN", "NOUN")
        and lexicon.has("geographic_features", doc[span.end].lemma_)
        and span.root.dep_ in ("compound", "amod", "nmod")
    )


def _resolve_surface(span: Span, surface: _Surface, kb: KnowledgeBase, discourse: Discourse):
    candidates = _candidates(surface, span.text)
    by_how: dict[str, list[Entity]] = {}
    for how, entity in candidates:
        by_how.setdefault(how, []).append(entity)
    names = by_how.get("name", [])
    persons = [e for e in names if e.kind == "person"]
    root = span.root
    if (
        persons
        and any(e.kind == "city" for e in names)
        and (root.dep_ == "pobj" and root.head.lower_ in ("in", "at", "to", "from", "of", "near"))
    ):
        persons = []  # "the Turkmen port of Turkmenbashi": the city, not the man it honours
    if persons:
        chosen = _pick_person(persons, discourse, _title_roles(span, kb)) or persons[0]
        return Mention(span.start, span.end, "name", [actor_of(chosen)])
    states = [e for e in names if e.kind in ("country", "organization")]
    if states:
        body = states[0]
        if body.org_kind == "agency" and kb.country(body.country) is not None:
            # "the Russian Foreign Ministry condemned": a state body speaks for its state
            return Mention(span.start, span.end, "state", [actor_of(kb.country(body.country))])
        return Mention(span.start, span.end, "name", [actor_of(body)])
    cities = [e for e in names if e.kind == "city"] + by_how.get("description", [])
    seats = by_how.get("seat", [])
    if seats or cities:
        place = actor_of(cities[0]) if cities else None
        state = seats[0] if seats else None
        if state is None and cities and by_how.get("description"):
            capital = kb.country(cities[0].country)
            if capital is not None and capital.capital == cities[0].name:
                state = capital
        if state is not None:
            return Mention(span.start, span.end, "seat", [actor_of(state)], place=place)
        return Mention(span.start, span.end, "city", [], place=place)
    family = by_how.get("family", [])
    if family and _part_of_another_name(span, kb):
        # "Zhu Bangzao" is not Zhu Rongji, "Liu Guchang" not Liu Huaqing: the whole name is
        # someone the base does not know
        whole = next((e for e in span.doc.ents if e.start <= span.start < e.end), None)
        if whole is not None and whole.label_ == "PERSON" and len(whole) > len(span):
            person = unlinked_actor(whole.text, "person")
            return Mention(whole.start, whole.end, "ner", [person], how="ner")
        return None
    if family and _inside_a_title(span, kb):
        return None  # "the Comprehensive Test Ban Treaty" is no Mr. Ban's
    if family:
        known = discourse.names.get(span.text.lower())
        if known is not None and (not known.linked or any(actor_of(e) == known for e in family)):
            # "Liu Guchang ... Liu said": the man the text named in full, though the base
            # knows another Liu
            return Mention(span.start, span.end, "family", [known], how="family")
        chosen = _pick_person(family, discourse, _title_roles(span, kb))
        if chosen is not None:
            return Mention(span.start, span.end, "family", [actor_of(chosen)], how="family")
        return None
    demonyms = by_how.get("demonym", [])
    if demonyms:
        token = span.root
        if token.tag_ in ("NNPS", "NNS") or (
            token.pos_ in ("PROPN", "NOUN") and token.dep_ in ("nsubj", "pobj", "dobj")
        ):
            # "the Russians", "the Chinese": the people stand for the state
            return Mention(span.start, span.end, "state", [actor_of(demonyms[0])], how="demonym")
        return Mention(span.start, span.end, "demonym", [actor_of(demonyms[0])], how="demonym")
    return None


def record_body_start(doc: Doc) -> int:
    """The character offset where the document's body begins (after its header)."""
    record = doc._.kg_document
    return record.body_start if record is not None else 0


def _part_of_another_name(span: Span, kb: KnowledgeBase) -> bool:
    """Whether a family name is joined by a capitalized word that is no title."""
    doc = span.doc
    for i in (span.start - 1, span.end):
        if not 0 <= i < len(doc):
            continue
        word = doc[i]
        if (
            word.pos_ == "PROPN"
            and word.text[:1].isupper()
            and not word.text.isupper()
            and word.ent_type_ == "PERSON"
            and not kb.roles_of_label(word.lower_)
            and word.lower_.rstrip(".") not in _HONORIFICS
            and not kb.lookup(word.text)  # "In Munich Putin called": a place, not a name
        ):
            return True
    return False


def _inside_a_title(span: Span, kb: KnowledgeBase) -> bool:
    """Whether a family name stands inside the name of a law, body, work, building or event,
    after another word of that name that is no title ("the Comprehensive Test Ban Treaty")."""
    doc = span.doc
    whole = next((e for e in doc.ents if e.start <= span.start < e.end), None)
    if whole is None or whole.label_ not in _TITLED:
        return False
    return any(
        t.text[:1].isupper()
        and t.lower_ != "the"
        and not kb.roles_of_label(t.lower_)
        and t.lower_.rstrip(".") not in _HONORIFICS
        and not kb.lookup(t.text)
        for t in doc[whole.start : span.start]
    )


_TITLED = ("LAW", "ORG", "WORK_OF_ART", "FAC", "EVENT", "PRODUCT")


_HONORIFICS = {"mr", "mrs", "ms", "dr", "general", "gen", "marshal", "admiral", "adm", "colonel"}


def _resolve_ner(ent: Span, discourse: Discourse):
    text = re.sub(r"^(?:the|The)\s+", "", ent.text).strip(" ,.’'")
    text = re.sub(r"[’']s$", "", text)
    if not text or not text[0].isupper() or len(text) < 2:
        return None
    if discourse.kb.outlet(text) is not None:
        return None  # a news outlet is a source, not an actor
    if ent.label_ == "PERSON":
        known = discourse.names.get(text.split()[-1].lower())
        if known is not None and len(text.split()) == 1:
            return Mention(ent.start, ent.end, "family", [known], how="family")
        if len(text.split()) == 1 and ent.root.dep_ == "compound":
            return None
        return Mention(ent.start, ent.end, "ner", [unlinked_actor(text, "person")], how="ner")
    if ent.label_ == "ORG":
        if any(
            t.lower_ in ("minister", "ministry", "president", "monitor", "premier") for t in ent
        ):
            return None
        if any(discourse.lexicon.has("documents", t.lemma_) for t in ent):
            return None  # "a Treaty on Allied Relations" is a document, not a party
        if len(ent) == 1 and discourse.lexicon.has("state_nouns", ent[0].lemma_):
            return None  # "State" of "Secretary of State" names no body
        if ent.root.dep_ == "compound" or all(t.is_lower for t in ent):
            return None
        return Mention(ent.start, ent.end, "ner", [unlinked_actor(text, "organization")], how="ner")
    # An unknown GPE is a place, not an actor we can vouch for.
    return Mention(ent.start, ent.end, "city", [], place=unlinked_actor(text, "city"), how="ner")


def _resolve_pronoun(token: Token, discourse: Discourse, mentions: list[Mention]):
    lower = token.lower_
    if lower in _RELATIVE:
        if token.dep_ not in ("nsubj", "nsubjpass", "poss", "dobj") and not (
            token.dep_ == "pobj" and lower in ("whom", "which")  # "with whom Yeltsin met"
        ):
            return None
        clause = token.head
        while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
            if clause.dep_ in ("ROOT",):
                return None
            clause = clause.head
        antecedent = clause.head
        plural_verb = clause.tag_ == "VBP" or any(
            c.lower_ in ("both", "all") for c in clause.children
        )
        if plural_verb and antecedent.conjuncts:
            # "Moscow and Beijing, which both oppose": all of the coordination
            last = max((antecedent, *antecedent.conjuncts), key=lambda t: t.i)
            together = _coordinated(last, mentions)
            if len(together) >= 2:
                return Mention(token.i, token.i + 1, "pronoun", together, how="relative")
        before = token.i - 1 if token.i > 0 and token.doc[token.i - 1].is_punct else token.i
        for mention in reversed(mentions):
            # "Cao Gangchuan and Sergei Ivanov, who flew to China": the parser hangs the
            # clause on the first conjunct; the pronoun follows the last
            if mention.end == before and mention.actors and mention.end - 1 != antecedent.i:
                if token.doc[mention.end - 1] in antecedent.conjuncts:
                    return Mention(
                        token.i, token.i + 1, "pronoun", list(mention.actors), how="relative"
                    )
                break
        for mention in reversed(mentions):
            if mention.start <= antecedent.i < mention.end and mention.actors:
                return Mention(
                    token.i, token.i + 1, "pronoun", list(mention.actors), how="relative"
                )
        return None
    if lower in _PERSON_PRONOUNS:
        actor = discourse.last_person(token.i, besides=_own_subjects(token, mentions))
        return Mention(token.i, token.i + 1, "pronoun", [actor], how="pronoun") if actor else None
    if lower in _THING_PRONOUNS and token.dep_ == "poss":
        # "Moscow assured Beijing of its support": its = the subject of the clause
        subject = _clause_subject_actor(token, mentions)
        if subject is not None:
            return Mention(token.i, token.i + 1, "pronoun", [subject], how="pronoun")
    if lower in _THING_PRONOUNS:
        if _subject_of_a_thing_before(token, mentions):
            return None  # "the journey was shorter, but it yielded a summit": the journey
        if token.dep_ == "expl" or (
            token.dep_ == "nsubj"
            and token.head.lemma_ == "be"
            and any(
                c.dep_ in ("ccomp", "xcomp")
                # "it is likely that ...", "it is important to ...", not "it was concerned"
                or (c.dep_ == "acomp" and any(g.dep_ in ("ccomp", "xcomp") for g in c.children))
                for c in token.head.children
            )
        ):
            return None
        actor = _previous_subject(token, mentions) if token.dep_ == "nsubj" else None
        actor = actor or discourse.last_thing(token.i)
        return Mention(token.i, token.i + 1, "pronoun", [actor], how="pronoun") if actor else None
    if lower == "their":
        # "Hu told Putin during their meeting": the clause's subject and object
        actors = _clause_parties(token, mentions)
        if len(actors) < 2 and token.i == token.sent.start:
            # "Putin is due to meet Mori. Their talks are to prepare ...": the two the
            # sentence before brought together
            actors = _pair_before(token, mentions)
        if len(actors) >= 2:
            return Mention(token.i, token.i + 1, "pronoun", actors, how="pronoun")
    if lower in _PLURAL_PRONOUNS:
        actors = discourse.last_plural(token.i)
        return Mention(token.i, token.i + 1, "pronoun", actors, how="pronoun") if actors else None
    return None


def _own_subjects(token: Token, mentions: list[Mention]) -> tuple[Actor, ...]:
    """Who an object pronoun cannot be: the subject of its own verb, or of the verb that
    controls it ("Jiang telephoned Putin to congratulate him": not Jiang)."""
    if token.dep_ not in ("dobj", "dative") or token.lower_ not in ("him", "her"):
        return ()
    verbs = [token.head]
    if token.head.dep_ == "xcomp":
        verbs.append(token.head.head)
    found: list[Actor] = []
    for verb in verbs:
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            for mention in mentions:
                if mention.start <= subject.i < mention.end:
                    found += mention.actors
    return tuple(found)


def _previous_subject(token: Token, mentions: list[Mention]) -> Actor | None:
    """ "Beijing is Russia's biggest customer: last year it ordered ...": a subject "it" is
    the state or body that was the subject of the clause before, in its sentence."""
    for mention in reversed(mentions):
        if mention.start < token.sent.start:
            return None
        word = token.doc[mention.end - 1]
        if word.dep_ in ("nsubj", "nsubjpass") and mention.actors:
            actor = mention.actors[0]
            return actor if actor.kind in ("country", "organization") else None
    return None


def _subject_of_a_thing_before(token: Token, mentions: list[Mention]) -> bool:
    """Whether "it" is the subject of a clause coordinated with one whose subject is no actor."""
    if token.dep_ != "nsubj" or token.head.dep_ != "conj":
        return False
    first = token.head.head
    for subject in (c for c in first.children if c.dep_ in ("nsubj", "nsubjpass")):
        return not any(m.start <= subject.i < m.end and m.actors for m in mentions)
    return False


def _pair_before(token: Token, mentions: list[Mention]) -> list[Actor]:
    """The two persons who are subject and object (or partner) of the main verb of the
    sentence before, if there are just two."""
    if token.sent.start == 0:
        return []
    before = token.doc[token.sent.start - 1].sent
    verbs = [before.root]
    for k in range(3):  # "is also due to meet Mori"
        if k < len(verbs):
            verbs += [c for c in verbs[k].children if c.dep_ in ("xcomp", "ccomp", "acomp")]
    words = [c for v in verbs for c in v.children if c.dep_ in ("nsubj", "dobj", "dative")]
    words += [o for v in verbs for o in objects_of(v, ("with",))]
    found: list[Actor] = []
    for word in words:
        for mention in mentions:
            if mention.start <= word.i < mention.end:
                found += [a for a in mention.actors if a.kind == "person" and a not in found]
    return found if len(found) == 2 else []


def _clause_parties(token: Token, mentions: list[Mention]) -> list[Actor]:
    """The persons who are subject and object of the verb a word hangs on."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head  # "The two sides stressed ... and reaffirmed their opposition"
    found: list[Actor] = []
    for child in verb.children:
        if child.dep_ not in ("nsubj", "dobj", "dative") or child.i > token.i:
            continue
        for mention in reversed(mentions):
            if mention.start <= child.i < mention.end:
                persons = [a for a in mention.actors if a.kind == "person"]
                if child.dep_ != "nsubj" and len(persons) >= 2:
                    return persons  # "receiving the two before their talks": the two
                if child.dep_ == "nsubj" and len(mention.actors) >= 2 and not persons:
                    # "the two sides reaffirmed their opposition": the two states
                    return list(mention.actors)
                found += [a for a in persons if a not in found]
                break
    return found


def _clause_subject_actor(token: Token, mentions: list[Mention]) -> Actor | None:
    """The state or organization that is the subject of the clause a pronoun sits in."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for child in verb.children:
        if child.dep_ == "nsubj" and child.i < token.i:
            for mention in reversed(mentions):
                if mention.start <= child.i < mention.end and mention.actors:
                    actor = mention.actors[0]
                    if actor.kind in ("country", "organization"):
                        return actor
    return None


def two_states(mentions: Iterable[Mention], kb: KnowledgeBase) -> list[Actor]:
    """The states some mentions name (persons standing for theirs), when exactly two."""
    states: list[Actor] = []
    for mention in mentions:
        for actor in mention.actors:
            state = state_of(actor, kb)
            if state.kind == "country" and state not in states:
                states.append(state)
    return states if len(states) == 2 else []


def _sentence_pair(token: Token, kb: KnowledgeBase, mentions: list[Mention]) -> list[Actor]:
    """The two states named before ``token`` in its sentence, when there are exactly two."""
    return two_states((m for m in mentions if token.sent.start <= m.start < token.i), kb)


def _both_chambers(token: Token, lexicon: Lexicon) -> Token | None:
    """ "the leaders of both houses of parliament": the parliament's token, else None."""
    if not lexicon.has("chamber_heads", token.lemma_):
        return None
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for house in (c for c in prep.children if c.dep_ == "pobj"):
            if lexicon.has("chambers", house.lemma_) and any(
                c.lower_ == "both" for c in house.children
            ):
                for inner in (c for c in house.children if c.dep_ == "prep"):
                    for body in (c for c in inner.children if c.dep_ == "pobj"):
                        return body
                return house
    return None


def _last_place_state(mentions: list[Mention], kb: KnowledgeBase) -> Entity | None:
    """The state of the last city or seat the text named."""
    for mention in reversed(mentions):
        if mention.place is not None and mention.place.country:
            return kb.country(mention.place.country)
        if mention.kind == "seat" and mention.actors:
            return kb.country(mention.actors[0].name)
    return None


def _count(token: Token) -> int | None:
    """The number a noun is counted by: "the two ministers", "the defense ministers of the
    five participating states"."""
    for prep in (c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_ in _GROUPS):
            found = _count(obj)
            if found:
                return found
    for child in token.lefts:
        if (
            child.dep_ in ("nummod", "det", "predet", "quantmod", "amod")
            and child.lower_ in _NUMBER_WORDS
        ):
            return _NUMBER_WORDS[child.lower_]
        if child.dep_ == "nummod" and child.like_num and child.text.isdigit():
            return int(child.text)
    return None


_GROUPS = {"state", "country", "nation", "member", "power"}


def _resolve_noun(token: Token, kb, lexicon: Lexicon, discourse: Discourse, mentions):
    lemma = token.lemma_.lower()
    body = _body_told(token, kb, lexicon, discourse)
    if body is not None:
        return Mention(token.i, token.i + 1, "name", [body], how="definite")
    countries = _demonyms(token, kb) or _owner_states(token, kb, mentions)
    count = _count(token)
    if lemma in ("country", "nation") and not count and not countries:
        # "his country totally rejected the resolution": the state of the man
        owner = _possessor(token, mentions)
        state = kb.country(owner.country) if owner is not None and owner.kind == "person" else None
        if state is not None:
            return Mention(token.i, token.i + 1, "state", [actor_of(state)], how="pronoun")
    plural = token.tag_ in ("NNS", "NNPS")
    if (
        not count
        and lemma in ("side", "party")
        and plural
        and [c.lower_ for c in token.children if c.dep_ == "det"] == ["the"]
        and not any(c.dep_ in ("amod", "compound", "prep", "relcl") for c in token.children)
    ):
        count = 2  # "the sides signed agreements": the two sides of bilateral talks
    # "the two countries", "both sides"
    if count and lexicon.has("pair_nouns.states", lemma) and not countries:
        # the two states the sentence has named so far ("Hu's visit to Russia ... the two
        # countries' plans"), else the two the text is about
        states = (
            (_sentence_pair(token, kb, mentions) or discourse.focal_pair()) if count == 2 else []
        )
        if len(states) == count:
            return Mention(token.i, token.i + 1, "group", states, how="group")
        return None
    if (
        len(countries) == 1
        and not count
        and not plural
        and lexicon.has("person_titles", lemma)
        and any(c.lower_ == "the" for c in token.children)
    ):
        # "the Chinese general", "the Russian envoy": the last person of that state named
        near = [
            (a, subject)
            for i, a, subject in reversed(discourse.persons)
            if a.country == countries[0].name and token.i - i < 150
        ]
        # the one the text is about: the last of them who was a subject
        person = next((a for a, subject in near if subject), near[0][0] if near else None)
        if person is not None:
            return Mention(token.i, token.i + 1, "role", [person], how="role")
    chambers = _both_chambers(token, lexicon)
    if chambers is not None:
        # "the speakers of both houses of the Russian parliament": the legislature's heads
        state = (_demonyms(chambers, kb) or [None])[0] or _last_place_state(mentions, kb)
        holders = (
            kb.holders("legislature_head", state.name, discourse.day)
            if state is not None and discourse.day
            else []
        )
        if len(holders) == 2:
            return Mention(
                token.i, token.i + 1, "group", [actor_of(h) for h in holders], how="role"
            )
    # Roles: "the Chinese president", "his Russian counterpart", "the two presidents"
    roles = []
    for label in _role_phrase(token):
        roles = kb.roles_of_label(label)
        if roles:
            break
    if lexicon.has("counterpart_nouns", lemma):
        return _resolve_counterpart(token, kb, discourse, countries, mentions)
    if lexicon.has("partner_nouns", lemma) and not countries and not count:
        # "Moscow was quick to side with its neighbor": the other state the text is about
        owner = _possessor(token, mentions)
        if owner is not None and owner.kind == "country":
            others = [s for s in discourse.focal_pair() if s != owner]
            if others:
                return Mention(token.i, token.i + 1, "state", others[:1], how="partner")
    if roles and not countries:
        of_countries = _countries_of(
            token, kb
        )  # "the presidents of Kazakhstan, Kyrgyzstan and ..."
        if of_countries:
            return _resolve_role(token, kb, discourse, roles, of_countries, count, plural)
    if roles and plural and not count and len(countries) == 1:
        # "Russian leaders", "Chinese officials": the state speaks through them
        return Mention(
            token.i, token.i + 1, "state", [actor_of(c) for c in countries], how="demonym"
        )
    if roles and plural and not count and not countries:
        # "the defense ministers of the six member states": as many as the states
        count = next(
            (
                _count(obj)
                for prep in token.children
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for obj in prep.children
                if obj.dep_ == "pobj" and obj.lemma_.lower() in ("state", "country", "nation")
            ),
            None,
        )
    gathering = (
        plural
        and not count
        and not countries
        and roles
        and (
            any(
                c.dep_ == "compound" and c.pos_ == "PROPN" and _bodies_within(c, kb, include=True)
                for c in token.children
            )
            # "the defense ministers of the Shanghai Five"
            or any(
                _bodies_within(o, kb, include=True)
                for p in token.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children
                if o.dep_ == "pobj" and o.pos_ == "PROPN"
            )
        )
    )
    if (count and count > 2 or gathering) and (roles or lexicon.has("pair_nouns.persons", lemma)):
        # "the five heads of state", "all six presidents", "the SCO heads of state": kgraph
        # records what the leaders of the two states the text is about did
        bodies = _bodies_within(token, kb) + [
            b for c in token.children if c.dep_ == "compound" for b in _bodies_within(c, kb, True)
        ]
        states = discourse.summit_pair(lexicon, bodies)
        if roles and lemma != "leader":
            discourse.summit_role = (token.i, roles[0])  # "the five" later are these
        leaders = []
        for state in states:
            role = roles[0] if roles and lemma != "leader" else kb.leader_role(state.name)
            holders = kb.holders(role, state.name, discourse.day) if discourse.day else []
            if len(holders) == 1:
                leaders.append(actor_of(holders[0]))
        actors = leaders if len(leaders) == 2 else states
        return Mention(token.i, token.i + 1, "group", actors, how="summit") if actors else None
    if count == 2 and lemma == "leader" and not countries:
        leaders = discourse.recent_leaders()
        if leaders:
            return Mention(token.i, token.i + 1, "group", leaders, how="group")
    if roles:
        return _resolve_role(token, kb, discourse, roles, countries, count, plural)
    if count and lexicon.has("pair_nouns.persons", lemma) and not countries:
        if count == 2 and lemma in ("man", "woman"):
            # "Liu also met Urinson, and the two men headed their delegations": the last two
            # of different states, whatever their posts
            persons = discourse.recent_foreigners()
        else:
            persons = (discourse.recent_counterparts() if count == 2 else []) or (
                discourse.recent_persons(count)
            )
        if len(persons) == count:
            return Mention(token.i, token.i + 1, "group", persons, how="group")
        return None
    # "Russian officials", "the Chinese side", "the Russian and Chinese delegations"
    if countries and lexicon.has("state_nouns", lemma):
        return Mention(
            token.i, token.i + 1, "state", [actor_of(c) for c in countries], how="demonym"
        )
    return None


def _coordinated(head: Token, mentions: list[Mention]) -> list[Actor]:
    """The actors of a coordination that ends with ``head``: "Igor Ivanov and Li Zhaoxing"."""
    if head.dep_ != "conj":
        return []
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    found: list[Actor] = []
    for word in (first, *first.conjuncts):
        for mention in mentions:
            if mention.start <= word.i < mention.end:
                found += [a for a in mention.actors if a not in found]
    return found


def _owner_states(token: Token, kb: KnowledgeBase, mentions) -> list[Entity]:
    """ "the two countries' foreign ministers": the states of a possessor told as a group."""
    for child in (c for c in token.children if c.dep_ == "poss"):
        for mention in mentions:
            if mention.start <= child.i < mention.end and mention.kind == "group":
                found = [kb.country(a.name) for a in mention.actors if a.kind == "country"]
                if len(found) == len(mention.actors) and all(found):
                    return found
    return []


def _resolve_number(token: Token, kb, discourse: Discourse, lexicon: Lexicon):
    """ "The six signed": the leaders of a summit; kgraph records those of the focal pair."""
    count = _NUMBER_WORDS[token.lower_]
    if count <= 2:
        persons = discourse.recent_persons(count)
        return (
            Mention(token.i, token.i + 1, "group", persons, how="group")
            if len(persons) == 2
            else None
        )
    leaders = []
    told = discourse.summit_role
    for state in discourse.summit_pair(lexicon):
        # "the defense ministers of the Shanghai Five met ... the five declared": those
        role = told[1] if told and token.i - told[0] < 150 else kb.leader_role(state.name)
        holders = kb.holders(role, state.name, discourse.day) if discourse.day else []
        if len(holders) == 1:
            leaders.append(actor_of(holders[0]))
    return (
        Mention(token.i, token.i + 1, "group", leaders, how="summit") if len(leaders) == 2 else None
    )


def _inherited_countries(token: Token, kb: KnowledgeBase) -> list[Entity]:
    """Countries of the first conjunct: "the Chinese president and prime minister"."""
    head = token
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
        found = _demonyms(head, kb)
        if found:
            return found
    return []


def _appos_actor(token: Token, mentions: list[Mention]) -> list[Actor]:
    for child in token.rights:
        if child.dep_ == "appos":
            for mention in reversed(mentions):
                if mention.start <= child.i < mention.end and mention.actors:
                    return list(mention.actors)
    return []


def _body_of_post(token: Token, kb: KnowledgeBase) -> Entity | None:
    """The organization a post's noun names as its own: "the UN secretary general", "the
    secretary general of NATO"."""
    words = [c for c in token.lefts if c.dep_ in ("compound", "nmod", "poss")]
    words += [
        o
        for p in token.rights
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj"
    ]
    for word in words:
        text = " ".join(t.text for t in word.subtree if t.dep_ != "det" and t.pos_ != "PUNCT")
        for name in (text, word.text):
            found = [e for e in kb.lookup(name) if e.kind == "organization"]
            if found:
                return found[0]
    return None


def _resolve_role(token, kb, discourse, roles, countries, count, plural):
    day = discourse.day
    if not countries:
        countries = _inherited_countries(token, kb)
    body = _body_of_post(token, kb) if not countries and day is not None else None
    if body is not None:
        # "the UN secretary general", "the secretary general of NATO": the post's holder then
        for role in roles:
            holders = kb.holders(role, None, day, organization=body.name)
            if len(holders) == 1:
                actor = replace(actor_of(holders[0]), post=role)
                return Mention(token.i, token.i + 1, "role", [actor], role=role, how="role")
    if not countries and any(
        c.dep_ in ("amod", "compound") and c.text[:1].isupper() for c in token.lefts
    ):
        return None  # a nationality the knowledge base does not know: do not guess
    if not countries:
        if count:
            persons = discourse.recent_persons(count, role=roles[0])
            if len(persons) == count:
                return Mention(token.i, token.i + 1, "group", persons, role=roles[0], how="role")
            return None
        definite = any(c.lower_ == "the" for c in token.lefts) and not any(
            c.dep_ == "prep" for c in token.rights
        )
        if plural and definite:
            # "Hu received the ministers": the last group told whose members hold the post
            for _, group in reversed(discourse.plurals):
                if all(
                    a.kind == "person" and any(discourse.holds(a, r) for r in roles) for a in group
                ):
                    return Mention(token.i, token.i + 1, "group", group, role=roles[0], how="role")
            return None
        for _, actor, _ in reversed(discourse.persons):
            if any(discourse.holds(actor, role) for role in roles):
                return Mention(token.i, token.i + 1, "role", [actor], role=roles[0], how="role")
        return None
    if day is None:
        return None
    actors: list[Actor] = []
    named = [a for _, a, _ in reversed(discourse.persons)]
    for country in countries:
        # "the Japanese leader" is its prime minister
        posts = [kb.leader_role(country.name)] if token.lemma_.lower() == "leader" else roles
        if len(posts) > 1:
            # "the Russian minister" the text has named: the defense minister it spoke of
            held = [
                (role, actor)
                for role in posts
                for actor in (actor_of(h) for h in kb.holders(role, country.name, day))
                if actor in named
            ]
            if held:
                role, actor = min(held, key=lambda pair: named.index(pair[1]))
                actors.append(replace(actor, post=role))
                continue
        for role in posts:
            holders = kb.holders(role, country.name, day)
            if len(holders) > 1:
                named = [h for h in holders if actor_of(h) in {a for _, a, _ in discourse.persons}]
                holders = named or []
            if len(holders) == 1:
                actors.append(replace(actor_of(holders[0]), post=role))
                break
    if not actors:
        return None
    return Mention(token.i, token.i + 1, "role", actors, role=roles[0], how="role")


def _possessor(token: Token, mentions: list[Mention]) -> Actor | None:
    """The actor a possessive on ``token`` refers to: "its" in "its neighbor"."""
    for child in token.lefts:
        if child.dep_ == "poss":
            for mention in reversed(mentions):
                if mention.start <= child.i < mention.end and mention.actors:
                    return mention.actors[0]
    return None


def _resolve_counterpart(token, kb, discourse, countries, mentions):
    named = _appos_actor(token, mentions)
    if named:
        return Mention(token.i, token.i + 1, "role", named, how="appos")
    possessor = None
    for child in token.lefts:
        if child.dep_ == "poss":
            for mention in reversed(mentions):
                if mention.start <= child.i < mention.end and mention.actors:
                    possessor = mention.actors[0]
                    break
    if possessor is None or discourse.day is None:
        return None
    entity = kb.get(possessor.iri.removeprefix(ACTOR_BASE))
    if entity is None:
        return None
    if not countries and token.lemma_.lower() in ("guest", "host"):
        # "Hu Jintao and his guest": the foreign leader the text has just named
        for _, person, _ in reversed(discourse.persons[-6:]):
            if person.linked and person.country not in (None, entity.country):
                return Mention(token.i, token.i + 1, "role", [person], how="role")
    if not countries:
        # "his host", "his counterpart": the other of the two states the text is about
        others = [s for s in discourse.focal_pair() if s.name != entity.country]
        countries = [c for c in (kb.country(s.name) for s in others[:1]) if c is not None]
        if len(others) != 1 or not countries:
            return None
    for post in entity.roles_on(discourse.day):
        role = post.role
        if role == kb.leader_role(entity.country):
            # the leaders of two states: a president's guest from Japan is its premier
            role = kb.leader_role(countries[0].name)
        holders = kb.holders(role, countries[0].name, discourse.day)
        if len(holders) == 1:
            return Mention(
                token.i, token.i + 1, "role", [actor_of(holders[0])], role=role, how="role"
            )
    return None
