"""The event extractor component: triggers with their actors become dated, sourced events."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span

from ..dates import Interval
from ..kb import KnowledgeBase
from ..model import Actor, Document, Event
from .context import (
    event_cites,
    event_place,
    event_speaker,
    event_status,
    event_time,
    sentence_times,
)
from .lexicon import Lexicon
from .relations import Candidate, find_triggers, read_arguments

__all__ = ["EventExtractor", "extract_events", "pairs"]


def pairs(candidate: Candidate, symmetric: bool) -> list[tuple[Actor, Actor]]:
    """Return the (subject, object) pairs a candidate states.

    Symmetric relations with several subjects and no object pair the subjects among
    themselves ("Putin and Jiang signed"). A pair never joins an actor with itself.
    """
    subjects, objects = candidate.subjects, candidate.objects
    out: list[tuple[Actor, Actor]] = []
    if subjects and objects:
        out = [(s, o) for s in subjects for o in objects]
    elif symmetric and len(subjects) >= 2:
        out = [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1 :]]
    elif symmetric and len(objects) >= 2:
        out = [(a, b) for i, a in enumerate(objects) for b in objects[i + 1 :]]
    return [(s, o) for s, o in out if s.iri != o.iri]


def _confidence(candidate: Candidate, pos: str, subject: Actor, obj: Actor) -> float:
    score = 0.8 if pos == "VERB" else 0.7
    score -= 0.1 * len(candidate.how & {"pronoun", "group", "role", "relative"})
    score -= 0.05 * len(candidate.how & {"control", "inherited", "governor", "family"})
    if not subject.linked or not obj.linked:
        score -= 0.15
    return round(max(0.2, min(0.95, score)), 2)


def _excluded_spans(document: Document) -> list[tuple[int, int]]:
    return [(c.start, c.end) for p in document.paragraphs for c in p.citations]


def extract_events(
    doc: Doc, document: Document, kb: KnowledgeBase, lexicon: Lexicon
) -> list[Event]:
    """Return the events of a parsed document whose actors were linked by :class:`ActorLinker`."""
    events: list[Event] = []
    excluded = _excluded_spans(document)
    visits: list[tuple[Actor, Actor | None, Interval | None, int]] = []
    previous_times: list = []
    for s_index, sent in enumerate(doc.sents):
        if sent.end_char <= document.body_start:
            continue
        times_past = sentence_times(sent, document, excluded, future=False)
        times_future = None
        seen: dict[tuple[str, str, str], Event] = {}
        for token, trigger in find_triggers(sent, lexicon):
            candidate = read_arguments(doc, token, trigger, lexicon)
            status = event_status(token, lexicon)
            if (
                candidate is None
                and status == "negated"
                and trigger.relation in ("agree", "cooperate")
            ):
                # "no agreement was reached": between the two states the text is about
                pair = doc.user_data["kg_discourse"].focal_pair()
                if pair:
                    candidate = Candidate(trigger.relation, token, pair, [], how={"focal"})
            if candidate is None:
                continue
            relation = lexicon.relations[candidate.relation]
            if status == "planned":
                if times_future is None:
                    times_future = sentence_times(sent, document, excluded, future=True)
                times = times_future
            else:
                times = times_past
            interval = event_time(token, times, status)
            place = (
                candidate.place
                if candidate.relation == "visit"
                else event_place(doc, token, document, kb)
            )
            found_pairs = pairs(candidate, relation.symmetric)
            if relation.name in lexicon.words.get("state_relations", frozenset()):
                found_pairs = _as_states(found_pairs, kb)
            if candidate.relation == "visit":
                found_pairs = _visit_pairs(candidate, kb)
                if place is not None and place.kind == "country":
                    place = None
            if not found_pairs:
                continue
            speaker = event_speaker(doc, token, lexicon)
            cites, cites_date = event_cites(document, sent, kb)
            for subject, obj in found_pairs:
                start = end = None
                when = interval
                if when is None and candidate.relation != "visit":
                    when, inherited_place = _frame(visits, subject, obj, s_index)
                    if place is None:
                        place = inherited_place
                if when is None and previous_times and _continues(sent, lexicon):
                    when = previous_times[-1]
                if when is not None:
                    start, end = when.start.isoformat(), when.end.isoformat()
                    if status == "occurred" and document.date and when.start > document.date:
                        status = "planned"
                key = (candidate.relation, subject.iri, obj.iri)
                if relation.symmetric:
                    key = (candidate.relation, *sorted((subject.iri, obj.iri)))
                text = sent.text.strip()
                offset = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                event = Event(
                    doc=document.id,
                    doc_date=document.date.isoformat() if document.date else None,
                    relation=candidate.relation,
                    subject=subject.name,
                    object=obj.name,
                    subject_iri=subject.iri,
                    object_iri=obj.iri,
                    start=start,
                    end=end,
                    place=place.name if place is not None else None,
                    place_iri=place.iri if place is not None else None,
                    status=status,
                    evidence=text,
                    char_start=offset,
                    char_end=offset + len(text),
                    cites=cites,
                    cites_date=cites_date.isoformat() if isinstance(cites_date, date) else None,
                    confidence=_confidence(candidate, token.pos_, subject, obj),
                    speaker=speaker[0].name if speaker else None,
                    speaker_iri=speaker[0].iri if speaker else None,
                    subject_kind=subject.kind,
                    object_kind=obj.kind,
                    trigger=token.text,
                )
                kept = seen.get(key)
                if kept is None or event.confidence > kept.confidence:
                    seen[key] = event
                if candidate.relation == "visit":
                    visits.append((subject, place, when, s_index))
        events.extend(seen.values())
        explicit = [e.interval for e, _ in times_past if e.interval is not None]
        if explicit:
            previous_times = explicit
    return events


def _as_states(found: list[tuple[Actor, Actor]], kb: KnowledgeBase) -> list[tuple[Actor, Actor]]:
    """Relations between states (cooperation) name the states even when persons speak for them."""
    out: list[tuple[Actor, Actor]] = []
    for pair in found:
        mapped = []
        for actor in pair:
            if actor.kind == "person" and actor.country:
                country = kb.country(actor.country)
                if country is not None:
                    actor = Actor(
                        iri=country.iri, name=country.name, kind="country", country=country.name
                    )
            mapped.append(actor)
        if mapped[0].iri != mapped[1].iri and tuple(mapped) not in out:
            out.append((mapped[0], mapped[1]))
    return out


def _visit_pairs(candidate: Candidate, kb: KnowledgeBase) -> list[tuple[Actor, Actor]]:
    place = candidate.place
    if place is None:
        return []
    if place.kind == "country":
        country = place
    else:
        entity = kb.country(_country_name(place, kb))
        if entity is None:
            return []
        country = Actor(iri=entity.iri, name=entity.name, kind="country", country=entity.name)
    out = []
    for subject in candidate.subjects:
        if subject.kind not in ("person", "country", "organization"):
            continue
        if subject.iri == country.iri or (subject.country and subject.country == country.name):
            continue
        out.append((subject, country))
    return out


def _country_name(place: Actor, kb: KnowledgeBase) -> str | None:
    if place.country:
        return place.country
    found = kb.lookup(place.name, kind="city")
    return found[0].country if found else None


def _frame(visits, subject: Actor, obj: Actor, s_index: int):
    """Time and place of a visit by one of the actors, told in this or a recent sentence."""
    for actor, place, when, index in reversed(visits):
        if actor in (subject, obj) and s_index - index <= 6:
            return when, place
    return None, None


def _continues(sent: Span, lexicon: Lexicon) -> bool:
    words = [t.lower_ for t in sent[:4]]
    text = " ".join(words)
    return any(w in lexicon.words.get("time_connectives", frozenset()) for w in words) or any(
        phrase in text
        for phrase in lexicon.words.get("time_connectives", frozenset())
        if " " in phrase
    )


class EventExtractor:
    """spaCy component that reads events off a parsed, actor-linked document.

    Sets ``doc._.kg_events`` to a list of :class:`~kgraph.model.Event`. Needs
    ``doc._.kg_document`` (the :class:`~kgraph.model.Document` the text came from).
    """

    def __init__(self, nlp, name: str, kb: KnowledgeBase, lexicon: Lexicon):
        self.name = name
        self.kb = kb
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.kg_document
        if document is None:
            doc._.kg_events = []
            return doc
        doc._.kg_events = extract_events(doc, document, self.kb, self.lexicon)
        return doc
