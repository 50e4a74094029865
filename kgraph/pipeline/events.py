"""The event extractor component: triggers with their actors become dated, sourced events."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from ..dates import Interval
from ..kb import ACTOR_BASE, KnowledgeBase
from ..lexicon import Lexicon, Trigger
from ..model import Actor, Document, Event, Paragraph
from .actors import Mention, actor_of, objects_of, state_of, two_states
from .context import (
    across_clauses,
    event_cites,
    event_place,
    event_speaker,
    event_status,
    event_time,
    governors,
    names_a_thing,
    sentence_times,
    told_act,
)
from .relations import (
    Candidate,
    actors_at,
    clause_subject,
    noun_subject,
    read_arguments,
    stranded_places,
)
from .triggers import find_triggers, has_cue

__all__ = ["EventExtractor", "extract_events", "pairs"]


def pairs(candidate: Candidate, symmetric: bool) -> list[tuple[Actor, Actor]]:
    """Return the (subject, object) pairs a candidate states.

    Symmetric relations with several subjects and no object pair the subjects among
    themselves ("Putin and Jiang signed"). A pair never joins an actor with itself, nor a
    person with the state he serves ("Putin praised Russia's cooperation with China").
    """
    subjects, objects = candidate.subjects, candidate.objects
    out: list[tuple[Actor, Actor]] = []
    if subjects and objects:
        out = [(s, o) for s in subjects for o in objects]
    elif symmetric and len(subjects) >= 2:
        out = [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1 :]]
    elif symmetric and len(objects) >= 2:
        out = [(a, b) for i, a in enumerate(objects) for b in objects[i + 1 :]]
    elif len(subjects) >= 2 and _reciprocal(candidate.trigger):
        # "they support each other": each of them the other
        out = [(a, b) for a in subjects for b in subjects if a.iri != b.iri]
    return [(s, o) for s, o in out if s.iri != o.iri and not _serves(s, o) and not _serves(o, s)]


def _one_by_one(token: Token) -> bool:
    """Whether a meeting noun says its meetings were held one by one ("separate")."""
    return any(
        c.dep_ == "amod" and c.lower_ in ("separate", "individual", "bilateral")
        for c in token.children
    )


def _reciprocal(token: Token) -> bool:
    """Whether the trigger's object is "each other" or "one another"."""
    for child in token.children:
        if child.dep_ == "prep":  # "cooperate with each other"
            child = next((o for o in child.children if o.dep_ == "pobj"), child)
        words = {child.lower_, *(c.lower_ for c in child.children)}
        if words in ({"each", "other"}, {"one", "another"}):
            return True  # (the parser may hang "another" on "one")
    return False


def _in_office(actor: Actor, when: Interval, kb: KnowledgeBase) -> Actor:
    """The holder of the post an actor was designated by, at the event's time."""
    if actor.post is None or actor.country is None:
        return actor
    entity = kb.get(actor.iri.removeprefix(ACTOR_BASE))
    if entity is None or any(p.role == actor.post and p.held_on(when.start) for p in entity.posts):
        return actor
    holders = kb.holders(actor.post, actor.country, when.start)
    return replace(actor_of(holders[0]), post=actor.post) if len(holders) == 1 else actor


def _headline(sent: Span) -> bool:
    """Whether a sentence is a headline in capitals: "PUTIN, KOIZUMI ADOPT ACTION PLAN."."""
    words = [t.text for t in sent if t.is_alpha and len(t.text) > 1]
    return len(words) >= 3 and sum(w.isupper() for w in words) >= 0.8 * len(words)


def _demanded(token: Token, lexicon: Lexicon) -> bool:
    """ "urged the two neighbors to settle their differences": a demand, not their act."""
    verb = token.head
    return (
        token.dep_ == "xcomp"
        and lexicon.has("demand_verbs", verb.lemma_)
        and any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "on") for c in verb.children)
    )


def _compatriots(a: Actor, b: Actor) -> bool:
    return a.kind == b.kind == "person" and a.country is not None and a.country == b.country


def _placed_on_another(doc: Doc, place: int, token: Token, lexicon: Lexicon) -> bool:
    """Whether a place names where a journey told in the sentence went: "briefed Putin on her
    stops in Tokyo, Seoul and Beijing" did not brief him in Tokyo ("signed after talks in
    Beijing" did sign there)."""
    anchor = doc[place].head.head
    return (
        anchor.pos_ == "NOUN"
        and any(t.relation == "visit" for t in lexicon.triggers_for(anchor.lemma_, "noun"))
        and anchor.i != token.i
        and all(g.i != anchor.i for g in governors(token))
        and any(a.i == token.i for a in anchor.ancestors)
    )


def _refused(token: Token, relation: str, lexicon: Lexicon) -> bool:
    """ "refused to recognize", "would not accept": a rejection."""
    return relation == "support" and (
        any(lexicon.has("refusals", g.lemma_) for g in governors(token)[1:])
        or lexicon.has("acceptances", token.lemma_)
    )


def _voiced(subjects: list[Actor], speakers: list[Actor]) -> list[Actor]:
    """ "Putin repeated that Russia regards India as a candidate": the stance of a state is
    its leader's when he states it."""
    states = {a.name for a in subjects}
    if (
        subjects
        and speakers
        and all(a.kind == "country" for a in subjects)
        and all(a.kind == "person" and a.country in states for a in speakers)
    ):
        return list(speakers)
    return subjects


def _spokesmen_states(
    doc: Doc,
    token: Token,
    subjects: list[Actor],
    document: Document,
    kb: KnowledgeBase,
    lexicon: Lexicon,
) -> list[Actor]:
    """ "Foreign Ministry spokesman Zhu Bangzao condemned the raids": a spokesman's act is
    also his state's. The state is the one his title names, his own, or that of the city
    he spoke in ("In Beijing, ...") or the wire's dateline."""
    mentions = doc._.kg_mentions or {}
    states: list[Actor] = []
    for word in token.sent:
        mention = mentions.get(word.i)
        if (
            mention is None
            or word.i != mention.end - 1
            or not any(a.kind == "person" and a in subjects for a in mention.actors)
        ):
            continue
        # "spokesman Zhu Bangzao", "Zhu Bangzao, the ministry's spokesman", "the
        # spokesman, Zhu Bangzao"
        title = [
            t
            for t in word.children
            if t.dep_ in ("compound", "appos") and lexicon.has("spokesmen", t.lemma_)
        ]
        if word.dep_ == "appos" and lexicon.has("spokesmen", word.head.lemma_):
            title.append(word.head)
        if not title:
            continue
        named = [
            a
            for t in title[0].subtree
            if (m := mentions.get(t.i)) is not None
            for a in m.actors
            if a.kind == "country"
        ]
        person = next(a for a in mention.actors if a.kind == "person")
        country = named[0].name if named else person.country
        if country is None:
            country = next(
                (
                    m.actors[0].name if m.actors else m.place.country
                    for t in token.sent
                    if t.dep_ == "pobj" and t.head.lower_ == "in"
                    if (m := mentions.get(t.i)) is not None and m.kind in ("seat", "city")
                    if m.actors or m.place is not None
                ),
                None,
            )
        if country is None and document.dateline:
            found = kb.lookup(document.dateline, kind="city")
            country = found[0].country if found else None
        entity = kb.country(country)
        state = actor_of(entity) if entity is not None else None
        if state is not None and state not in subjects and state not in states:
            states.append(state)
    return states


def _serves(person: Actor, state: Actor) -> bool:
    return person.kind == "person" and state.kind == "country" and person.country == state.name


def _confidence(candidate: Candidate, pos: str, subject: Actor, obj: Actor) -> float:
    score = 0.8 if pos == "VERB" else 0.7
    score -= 0.1 * len(candidate.how & {"pronoun", "group", "summit", "role", "relative"})
    score -= 0.05 * len(candidate.how & {"control", "inherited", "governor", "family"})
    if not subject.linked or not obj.linked:
        score -= 0.15
    return round(max(0.2, min(0.95, score)), 2)


def _excluded_spans(document: Document) -> list[tuple[int, int]]:
    return [(c.start, c.end) for p in document.paragraphs for c in p.citations]


@dataclass
class _Context:
    """What the text has said so far that later sentences lean on."""

    paragraph: int = -1
    times: list[Interval] = field(default_factory=list)  # explicit times of this paragraph
    cities: list[Actor] = field(default_factory=list)  # cities named in this paragraph
    locations: list[Actor] = field(default_factory=list)  # cities where things happen in it
    visits: list[tuple[Actor, Actor | None, Interval | None, int, str]] = field(
        default_factory=list
    )
    agreements: list[tuple[Actor, Actor]] = field(default_factory=list)
    last_day: date | None = None  # the last day the document named, for "the next day"
    event_day: date | None = None  # the day of the last event of a main clause: "that day"
    agreements_here: bool = False
    arms_deals: list[tuple[Actor, Actor]] = field(default_factory=list)  # this paragraph's


def _paragraph_index(document: Document, offset: int) -> int:
    for i, paragraph in enumerate(document.paragraphs):
        if paragraph.start <= offset < paragraph.end:
            return i
    return -1


def _city_mentions(doc: Doc, sent: Span) -> Iterator[tuple[Token, Mention]]:
    """The words of a sentence that name a city, with their mention (cheap to enumerate)."""
    mentions = doc._.kg_mentions or {}
    for i in range(sent.start, sent.end):
        mention = mentions.get(i)
        if mention is not None and mention.place is not None and mention.place.kind == "city":
            yield doc[i], mention


def _sentence_locations(doc: Doc, sent: Span, lexicon: Lexicon) -> list[tuple[Actor, int]]:
    """Cities the sentence names as where things happen ("in Beijing", "talks at the
    Kremlin"), with the index of the word naming each."""
    found: list[tuple[Actor, int]] = []
    for token, mention in _city_mentions(doc, sent):
        if token.dep_ != "pobj" or token.head.lower_ not in ("in", "at"):
            continue
        where = token.head.head
        gathering = any(
            lexicon.has("gathering_relations", t.relation)
            for t in lexicon.triggers_for(where.lemma_, "noun")
        )
        if (
            # "talks in Beijing" place a sentence; "the war in Chechnya" does not
            (where.pos_ in ("VERB", "AUX") or gathering)
            and where.dep_ not in ("acl", "relcl")  # "the treaty concluded in Moscow last year"
            and not _reduced_relative(where)
            and mention.place not in [place for place, _ in found]
        ):
            found.append((mention.place, token.i))
    return found


def _reduced_relative(verb: Token) -> bool:
    """A participle right after a noun that the parser took for a clause of the sentence's
    verb: "signed a declaration reaffirming ... the Treaty concluded in Moscow last year"."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ in ("VBN", "VBD")  # no subject of its own: a participle
        and verb.i > 0
        and verb.doc[verb.i - 1].pos_ in ("NOUN", "PROPN")
        and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in verb.children
        )
    )


def _closing_the_talks(
    token, sent, events, context, document, lexicon, kb: KnowledgeBase
) -> Candidate | None:
    """The parties of the last talks of the paragraph, when the sentence speaks of talks;
    the states of the last visit, when it speaks of a visit ("seventeen documents were
    signed during the two-day visit")."""
    told = {t.relation for w in sent for t in lexicon.triggers_for(w.lemma_, "noun")}
    if not told & {"meet", "visit"}:
        return None
    for event in reversed(events):
        if _paragraph_index(document, event.char_start) != context.paragraph:
            return None
        if (
            "meet" in told
            and event.relation == "meet"
            and event.subject_kind == event.object_kind == "person"
        ):
            subject = Actor(event.subject_iri, event.subject, event.subject_kind)
            obj = Actor(event.object_iri, event.object, event.object_kind)
            return Candidate("agree", token, [subject], [obj], how={"talks"})
        if (
            "visit" in told
            and token.pos_ == "VERB"  # "documents were signed", not "new deals may be made"
            and event.relation == "visit"
            and event.subject_kind == "person"
        ):
            visitor = kb.get(event.subject_iri.removeprefix(ACTOR_BASE))
            host = kb.get(event.object_iri.removeprefix(ACTOR_BASE))
            home = kb.country(visitor.country) if visitor and visitor.country else None
            if home is not None and host is not None and home != host:
                return Candidate("agree", token, [actor_of(home)], [actor_of(host)], how={"talks"})
    return None


def _trip_told(
    doc: Doc, token: Token, events: list[Event], kb: KnowledgeBase
) -> tuple[Candidate | None, Interval | None]:
    """The trip "the trip" refers to: the traveller's last event in a foreign city."""
    travellers = [a for a in noun_subject(doc, token, set()) if a.kind == "person"]
    for event in reversed(events):
        if not travellers or event.place_iri is None:
            continue
        if travellers[0].iri not in (event.subject_iri, event.object_iri):
            continue
        place = kb.get(event.place_iri.removeprefix(ACTOR_BASE))
        country = kb.country(place.country) if place is not None else None
        if country is None or country.name == travellers[0].country:
            continue
        city = actor_of(place)
        when = (
            Interval(date.fromisoformat(event.start), date.fromisoformat(event.end), "range")
            if event.start and event.end
            else None
        )
        return Candidate("visit", token, travellers[:1], [city], place=city, how={"told"}), when
    return None, None


def _partner_told(
    candidate: Candidate, events: list[Event], lexicon: Lexicon, kb: KnowledgeBase
) -> list[Actor]:
    """The partner of the one party a definite meeting noun names ("the talks"), from the
    last meeting or signing of that party the document told."""
    relation = lexicon.relations[candidate.relation]
    actors = candidate.subjects + candidate.objects
    if not relation.symmetric or len(actors) != 1:
        return []
    party = actors[0].iri
    trigger = candidate.trigger
    if any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in trigger.children):
        return []  # "the APEC summit", "the G-8 summit": a gathering, not the talks told
    # "the sidelines of the summit": the summit the text last named, if it named one
    before = next(
        (
            t
            for t in reversed(trigger.doc[max(0, trigger.i - 150) : trigger.i])
            if t.lemma_ == trigger.lemma_ and t.pos_ == trigger.pos_
        ),
        None,
    )
    for event in reversed(events):
        if event.relation not in ("meet", "agree") or event.status == "negated":
            continue
        if before is not None and not event.char_start <= before.idx < event.char_end:
            continue
        other = {event.subject_iri: event.object_iri, event.object_iri: event.subject_iri}
        if party in other:
            entity = kb.get(other[party].removeprefix(ACTOR_BASE))
            return [actor_of(entity)] if entity is not None else []
    return []


def _agents_told(candidate: Candidate, events: list[Event], kb: KnowledgeBase) -> list[Actor]:
    """The subject of the last event of the relation a stance was taken on, if any."""
    wanted = next((h.split(":", 1)[1] for h in candidate.how if h.startswith("agent-of:")), None)
    if wanted is None:
        return []
    for event in reversed(events):
        if event.relation == wanted and event.status != "negated":
            entity = kb.get(event.subject_iri.removeprefix(ACTOR_BASE))
            if entity is not None:
                return [actor_of(entity)]
    return []


def _sentence_states(doc: Doc, sent: Span, kb: KnowledgeBase) -> list[Actor]:
    """The two states a sentence names, when it names exactly two ("Tokyo hopes ..., but
    Russian officials have made clear that no peace treaty will be signed")."""
    mentions = (doc._.kg_mentions.get(token.i) for token in sent)
    return two_states((m for m in mentions if m is not None), kb)


def _sentence_group(doc: Doc, sent: Span, before: Token) -> list[Actor]:
    """The persons of a group the sentence names before ``before`` ("the two leaders")."""
    mentions = doc._.kg_mentions or {}
    for token in sent:
        if token.i >= before.i:
            break
        mention = mentions.get(token.i)
        if (
            mention is not None
            and mention.kind == "group"
            and len(mention.actors) == 2
            and all(a.kind == "person" for a in mention.actors)
        ):
            return list(mention.actors)
    return []


def _sentence_cities(doc: Doc, sent: Span, lexicon: Lexicon) -> list[Actor]:
    """Cities the sentence names, but for the ends of a route ("a pipeline to Daqing")."""
    cities = []
    for token, mention in _city_mentions(doc, sent):
        prep = token.head
        if (
            token.dep_ == "pobj"
            and prep.lower_ in ("from", "to", "toward", "towards")
            and prep.head.pos_ == "NOUN"
            and not any(
                t.relation == "visit" for t in lexicon.triggers_for(prep.head.lemma_, "noun")
            )
        ):
            continue
        if mention.place not in cities:
            cities.append(mention.place)
    return cities


def extract_events(
    doc: Doc, document: Document, kb: KnowledgeBase, lexicon: Lexicon
) -> list[Event]:
    """Return the events of a parsed document whose actors were linked by :class:`ActorLinker`."""
    events: list[Event] = []
    excluded = _excluded_spans(document)
    context = _Context()
    open_visits: list[tuple[Event, int]] = []  # visits told only by their last day
    for s_index, sent in enumerate(doc.sents):
        if sent.end_char <= document.body_start:
            continue
        paragraph = _paragraph_index(document, sent.start_char)
        if paragraph != context.paragraph:
            context.paragraph, context.times, context.cities = paragraph, [], []
            context.locations, context.arms_deals = [], []
        context_day = next(
            (t.end for t in reversed(context.times) if t.precision == "day"), context.last_day
        )
        sentence_places = _sentence_locations(doc, sent, lexicon)
        times_past = sentence_times(
            sent,
            document,
            excluded,
            future=False,
            context_day=context_day,
            event_day=context.event_day,
        )
        times_future = None
        seen: dict[tuple, Event] = {}
        context.agreements_here = False  # implicit parties come from this sentence only
        # pairs of a multilateral meeting or signing, with the participants' states in order
        side_meetings: dict[int, list[str]] = {}
        placed_here: set[int] = set()  # events whose place this sentence (or its visit) tells
        # a digest item's capitalized headline repeats its text: its places and times count,
        # its events are read in the text
        triggers = [] if _headline(sent) else list(find_triggers(sent, lexicon))
        continued = _deal_continued(sent, triggers, context, lexicon)
        for token, trigger in triggers + continued:
            candidate = read_arguments(doc, token, trigger, lexicon)
            if any(token is t for t, _ in continued):
                seller, buyer = context.arms_deals[-1]
                candidate = Candidate("transfer_arms", token, [seller], [buyer], how={"focal"})
            if candidate is not None:
                token = candidate.trigger  # "the tour will take him to Tokyo": the verb tells
            status = event_status(token, lexicon)
            if (
                status == "planned"
                and lexicon.has("stance_relations", trigger.relation)
                and any(lexicon.has("pledges", g.lemma_) for g in governors(token)[1:3])
            ):
                status = "occurred"  # "China pledged to support Dushanbe": the pledge is the stance
            if (
                status == "planned"
                and lexicon.has("agent_events", trigger.relation)
                and told_act(token, lexicon)
            ):
                status = "occurred"  # "would stand behind Russia's war": the war is told
            if trigger.requires == "route" and status == "occurred" and not _built(token, lexicon):
                status = "planned"  # a pipeline is a project until the text says it was built
            referred = None  # the time of an earlier event a definite noun refers to
            if candidate is None and trigger.relation == "visit" and _definite(token):
                # "Jiang is postponing the trip": the trip to the place of the last event of
                # the traveller the text told of, at its time
                candidate, referred = _trip_told(doc, token, events, kb)
            if candidate is None and trigger.relation == "visit" and _arrival(token):
                # "The Chinese president flew in on Sunday": to where the paragraph's events are
                candidate = _arrived_here(doc, token, context, document, kb)
            if candidate is None and trigger.relation == "agree" and status != "negated":
                # "the talks ... are expected to end with the signing of agreements": the
                # signing closes the talks told before in the paragraph, between their parties
                candidate = _closing_the_talks(token, sent, events, context, document, lexicon, kb)
            if candidate is None and status == "negated" and trigger.relation == "agree":
                # "no agreement was reached": between the parties of the last agreement told,
                # or the two states the text is about
                parties = context.agreements[-1] if context.agreements_here else None
                parties = (
                    list(parties)
                    if parties
                    # "the two leaders said they had made progress, but no agreement was
                    # announced": between the two
                    else _sentence_group(doc, sent, token)
                    or _sentence_states(doc, sent, kb)
                    or doc.user_data["kg_discourse"].focal_pair()
                )
                if parties and _arms_deal(token, lexicon) and len(parties) == 2:
                    # "no new arms contract was signed": no arms transfer, from the maker
                    makers = [p for p in parties if p.name in set(lexicon.arms_makers.values())]
                    if len(makers) == 1:
                        buyer = [p for p in parties if p is not makers[0]]
                        candidate = Candidate("transfer_arms", token, makers, buyer, how={"focal"})
                if candidate is None and parties:
                    candidate = Candidate(trigger.relation, token, parties, [], how={"focal"})
            if (
                candidate is None
                and trigger.relation == "transfer_arms"
                and token.pos_ == "NOUN"
                and _arms_deal(token, lexicon)
            ):
                candidate = Candidate("transfer_arms", token, [], [], how={"focal"})
            if candidate is None or _demanded(token, lexicon):
                continue
            if candidate.relation == "agree" and bool(candidate.subjects) != bool(
                candidate.objects
            ):
                # "the State Duma ratified the agreement on the Russian-Chinese border"
                _other_party(doc, candidate, token, kb)
                if not (candidate.subjects and candidate.objects):
                    # "Under the agreement, Russia will supply oil to China"
                    _party_served(doc, candidate, token)
            if candidate.relation == "transfer_arms" and not candidate.subjects:
                # "ordered two more destroyers from Russia": the parser hangs the seller on
                # the goods; "the Chinese navy received its second Sovremenny destroyer": the
                # maker of the weapons sold it
                maker = _maker(token.subtree, lexicon, kb)
                candidate.subjects = _sold_from(doc, token, candidate.objects) or (
                    [maker] if maker is not None else []
                )
            if candidate.relation in ("transfer_arms", "agree") and _arms_deal(token, lexicon):
                # "Rosoboronexport has signed a contract for eight Kilo-class submarines": the
                # maker of the weapons sells, to the state the paragraph tells of
                here = (
                    document.paragraphs[paragraph]
                    if 0 <= paragraph < len(document.paragraphs)
                    else Paragraph(sent.start_char, sent.end_char)
                )
                _complete_arms_deal(doc, candidate, token, here, lexicon, kb)
            if (
                trigger.relation == "meet"
                and lexicon.has("demand_verbs", token.lemma_)
                and any(c.dep_ == "xcomp" for c in token.children)
            ):
                continue  # "called on NATO to halt its bombing" is a demand, not a visit
            if trigger.relation == "meet" and _remote(token, lexicon):
                continue  # "in a telephone conversation": they talked, but did not meet
            if "conflict" in candidate.how and status == "negated":
                continue  # a war's sides are not guessed for what did not happen
            if not candidate.objects:
                # "denounced the strike": the doers of the act told before
                candidate.objects = _agents_told(candidate, events, kb)
            if _definite(token) and token.pos_ == "NOUN":
                # "Bush used the talks to ...": the talks with the partner told before
                candidate.objects += _partner_told(candidate, events, lexicon, kb)
            if status == "negated" and _refused(token, candidate.relation, lexicon):
                # "refused to recognize Kosovo": a rejection, not a support that did not happen
                candidate.relation, status = "oppose", "occurred"
            speaker = event_speaker(doc, token, lexicon)
            if lexicon.has("stance_relations", candidate.relation):
                candidate.subjects = _voiced(candidate.subjects, speaker)
                candidate.subjects += _spokesmen_states(
                    doc, token, candidate.subjects, document, kb, lexicon
                )
            relation = lexicon.relations[candidate.relation]
            if status == "planned":
                if times_future is None:
                    times_future = _future_times(sent, document, excluded, context_day, context)
                times = times_future
            else:
                times = times_past
            interval = event_time(token, times, status, lexicon) or referred
            if interval is None and status == "negated":
                # "called off a visit to Japan set for September 6-11": the cancelled date
                if times_future is None:
                    times_future = _future_times(sent, document, excluded, context_day, context)
                interval = event_time(token, times_future, status, lexicon)
            if candidate.relation == "visit":
                found_pairs = _visit_pairs(candidate, kb)
                place = (
                    candidate.place
                    if candidate.place
                    and candidate.place.kind != "country"
                    and len(candidate.objects) <= 1  # a tour of several cities has no one place
                    else None
                )
            else:
                found_pairs = pairs(candidate, relation.symmetric)
                if lexicon.has("foreign_relations", relation.name):
                    # "Hu received the ministers": not his own foreign minister
                    found_pairs = [p for p in found_pairs if not _compatriots(*p)]
                if lexicon.has("person_relations", relation.name) and "demonym" not in (
                    candidate.how
                ):
                    # people meet; states meet only as their delegations or officials ("the
                    # consultations of the Russian and Chinese delegations"), not as "their
                    # meeting" of two capitals or "China worked closely with Russia"
                    found_pairs = [
                        p for p in found_pairs if not p[0].kind == p[1].kind == "country"
                    ]
                if relation.name in lexicon.words.get("state_relations", frozenset()):
                    found_pairs = _as_states(found_pairs, kb)
                elif "summit" in candidate.how and lexicon.has("summit_signings", relation.name):
                    # "the five heads of state signed a declaration": their states sign it,
                    # and the leaders of the two states the text is about with them
                    found_pairs = found_pairs + _as_states(found_pairs, kb)
                elif _definite(token) and "demonym" in candidate.how:
                    resolved = [_told(pair, relation.name, events, kb) for pair in found_pairs]
                    found_pairs = [pair for pair, _ in resolved]
                    referent = next((e for _, e in resolved if e is not None), None)
                    if referent is not None and interval is None:
                        # the event referred back to keeps its time and status
                        status = referent.status
                        if referent.start and referent.end:
                            interval = Interval(
                                date.fromisoformat(referent.start),
                                date.fromisoformat(referent.end),
                                "range",
                            )
                place = event_place(doc, token, document, kb, lexicon)
            if not found_pairs:
                continue
            actors = {a.iri for a in candidate.subjects + candidate.objects}
            # a summit, not a trilateral; nor one who "met Putin, Nazarbaev and Karimov"
            multilateral = (
                relation.symmetric
                and len(actors) >= 4
                and not (
                    relation.name == "meet"
                    and len(candidate.subjects) == 1
                    # "had separate meetings with Putin, Nazarbaev and Karimov"
                    and (token.pos_ == "VERB" or _one_by_one(token))
                    and candidate.objects
                )
            )
            participants = list(
                dict.fromkeys(state_of(a, kb).name for a in candidate.subjects + candidate.objects)
            )
            cites, cites_date = event_cites(document, sent, kb)
            own_places = stranded_places(doc, token) if token.pos_ == "VERB" else {}
            if candidate.relation == "visit" and len(candidate.objects) > 1:
                # "traveled to Tokyo and Seoul": each country's visit is to its city
                own_places = {**_cities_by_country(candidate.objects, kb), **own_places}
            for subject, obj in found_pairs:
                when, where = interval, own_places.get(obj.iri, place)
                basis = "text" if when is not None else None
                if when is None or where is None:
                    frame_when, frame_where = _frame(
                        context,
                        subject,
                        obj,
                        s_index,
                        relation.name,
                        stance=status == "occurred"
                        and lexicon.has("stance_relations", relation.name)
                        and not _lasting(token),
                    )
                    if (
                        when is None
                        and frame_when is not None
                        and (
                            status != "planned"
                            # "is also scheduled to meet Kasyanov": during the visit to come
                            or (document.date is not None and frame_when.end > document.date)
                        )
                    ):
                        when, basis = frame_when, "context"
                        if document.date and frame_when.start <= document.date:
                            # an arrival starts the visit: what follows happens until the report
                            when = Interval(
                                frame_when.start, max(frame_when.end, document.date), "range"
                            )
                    if where is None and (
                        when is None or frame_when is None or _in_stay(when, frame_when)
                    ):
                        where = frame_where
                if when is None:
                    when = _carried_time(context.times, document, status)
                    basis = "context" if when is not None else None
                if (
                    where is None
                    and len(sentence_places) == 1
                    and relation.name != "visit"
                    # "X, who flew in to join the talks, had stayed away from a summit in
                    # Krakow": a relative clause's event is not placed by its main clause
                    and governors(token)[-1].dep_ not in ("relcl", "acl")
                    and not across_clauses(doc, sentence_places[0][1], token.i)
                    and not _placed_on_another(doc, sentence_places[0][1], token, lexicon)
                ):
                    where = sentence_places[0][0]
                told_here = where is not None
                if (
                    where is None
                    and relation.name in ("meet", "agree")
                    and context.locations
                    # the next meeting, a month or more away, is not where this one was
                    and not (
                        status == "planned"
                        and when is not None
                        and document.date is not None
                        and when.start > document.date + timedelta(days=30)
                    )
                ):
                    # the summit's place, told earlier in the paragraph; its guests visit
                    # (a minister in a president's suite is not told to have come)
                    where = context.locations[-1]
                    told_here = multilateral
                if when is None and status == "occurred" and document.date is not None:
                    # as event coders do, an undated event is dated by its report: the week before
                    when = Interval(document.date - timedelta(days=7), document.date, "week")
                    basis = "document"
                if where is None and relation.name == "visit":
                    where = next(
                        (c for c in reversed(context.cities) if c.country == obj.name), None
                    )
                if where is None and document.dateline and when and document.date:
                    if when.start <= document.date <= when.end + timedelta(days=1):
                        found = kb.lookup(document.dateline, kind="city")
                        where = actor_of(found[0]) if found else None
                        told_here = where is not None  # the wire's dateline tells it
                if "route" in candidate.how or _remote(token, lexicon):
                    # a pipeline between two states, a telephone conversation: no one place
                    where, told_here = None, False
                event_status_now = status
                if when is not None and status == "occurred" and document.date:
                    if when.start > document.date:
                        event_status_now = "planned"
                if (
                    when is not None
                    and basis in ("text", "context")
                    and document.date is not None
                    and when.start < document.date - timedelta(days=180)
                ):
                    # "the agreement the two countries' foreign ministers signed in 2004",
                    # told in 2008: the holders of the post then
                    subject, obj = _in_office(subject, when, kb), _in_office(obj, when, kb)
                    if subject.iri == obj.iri:
                        continue
                events_key = (relation.name, subject.iri, obj.iri)
                if relation.symmetric:
                    events_key = (relation.name, *sorted((subject.iri, obj.iri)))
                event = _event(
                    document,
                    sent,
                    candidate,
                    subject,
                    obj,
                    when,
                    where,
                    event_status_now,
                    cites,
                    cites_date,
                    speaker,
                    token,
                )
                event.time_basis = basis
                if (
                    basis == "text"
                    and when.start == when.end
                    and governors(token)[-1].dep_ not in ("relcl", "acl")
                ):
                    context.event_day = when.start
                key = (*events_key, event.status, event.start, event.end)
                kept = seen.get(key)
                if kept is None or event.confidence > kept.confidence:
                    seen[key] = event
                    if multilateral:
                        side_meetings[id(event)] = participants
                    background = (
                        when is not None
                        and document.date is not None
                        and when.end < document.date - timedelta(days=60)
                    )
                    if told_here and not background:
                        # a meeting told in passing or long before implies no visit
                        placed_here.add(id(event))
                if relation.name == "visit":
                    context.visits.append((subject, where, when, s_index, obj.name))
                    if when is not None and when.start == when.end and _ends_here(token, lexicon):
                        open_visits.append((event, paragraph))
                if relation.name == "transfer_arms" and status != "negated":
                    context.arms_deals.append((subject, obj))
                if relation.name == "agree" and status != "negated":
                    context.agreements.append((subject, obj))
                    context.agreements_here = True
        found_here = list(seen.values())
        implied = _implied_visits(
            [e for e in found_here if id(e) in placed_here], events + found_here, kb
        )
        focal = {a.name for a in doc.user_data["kg_discourse"].focal_pair()}
        events.extend(
            e
            for e in found_here
            if id(e) not in side_meetings
            or _within(e, _core(side_meetings[id(e)], focal, lexicon), kb)
        )
        events.extend(implied)
        # ("the first such killing since 1956" measures a stretch: it dates nothing after it)
        context.times.extend(
            e.interval
            for e, span in times_past
            if e.interval is not None
            and not (span.start > 0 and doc[span.start - 1].lower_ == "since")
            and not names_a_thing(span)
        )
        days = [
            e.interval.end for e, _ in times_past if e.interval and e.interval.precision == "day"
        ]
        if days:
            context.last_day = days[-1]
        context.cities.extend(_sentence_cities(doc, sent, lexicon))
        # the scene of what the paragraph tells next: where the main clause's event took
        # place, not where something is yet to happen ("is to open in Tashkent") or was
        # told in passing ("their first since the SCO was founded in Shanghai")
        context.locations.extend(
            place for place, i in sentence_places if _scene(doc[i].head.head, lexicon)
        )
    return _open_visits_started(events, open_visits, document)


def _scene(word: Token, lexicon: Lexicon) -> bool:
    """Whether the word a place hangs on tells a main event that took place."""
    line = governors(word)
    return event_status(word, lexicon) != "planned" and not any(
        g.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since" for c in g.children)
        for g in line
    )


def _ends_here(token: Token, lexicon: Lexicon) -> bool:
    """ "a visit to China, which ends today", "wrapped up a visit": the day told is the last."""
    nouns = [token, *(o for p in token.children if p.dep_ == "prep" for o in p.children)]
    # the clause may hang on the destination: "a visit to China, which ends today"
    words = [c for n in nouns for c in n.children if c.dep_ in ("relcl", "acl")]
    words += [token.head] if token.dep_ in ("dobj", "nsubj") else []
    return any(lexicon.has("ending_verbs", w.lemma_) for w in words)


def _open_visits_started(
    events: list[Event], open_visits: list[tuple[Event, int]], document: Document
) -> list[Event]:
    """A visit told only to end on a day began with the first day its paragraph dates within
    two weeks before ("On December 2 the two presidents signed"); the events framed by it
    widen with it."""
    for visit, paragraph in open_visits:
        end = date.fromisoformat(visit.end)
        starts = [
            date.fromisoformat(e.start)
            for e in events
            if e.start
            and e.time_basis == "text"
            and e is not visit
            and _paragraph_index(document, e.char_start) == paragraph
            and end - timedelta(days=14) <= date.fromisoformat(e.start) < end
        ]
        if not starts:
            continue
        start, told = min(starts).isoformat(), (visit.start, visit.end)
        for event in events:
            if event is visit or (
                event.time_basis == "context" and (event.start, event.end) == told
            ):
                event.start = start
    return events


def _event(document, sent, candidate, subject, obj, when, where, status, cites, cites_date,
           speaker, token) -> Event:  # fmt: skip
    raw = sent.text
    text = raw.strip()
    offset = sent.start_char + (len(raw) - len(raw.lstrip()))
    return Event(
        doc=document.id,
        doc_date=document.date.isoformat() if document.date else None,
        relation=candidate.relation,
        subject=subject.name,
        object=obj.name,
        subject_iri=subject.iri,
        object_iri=obj.iri,
        start=when.start.isoformat() if when else None,
        end=when.end.isoformat() if when else None,
        place=where.name if where is not None else None,
        place_iri=where.iri if where is not None else None,
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


def _in_stay(when: Interval, visit: Interval) -> bool:
    """Whether an event falls within a visit: its days, or the days after an arrival told
    by its day alone ("flew to Moscow on Friday ... held talks on Saturday")."""
    if _overlap(when, visit):
        return True
    return visit.start == visit.end and 0 < (when.start - visit.end).days <= 4


def _overlap(a: Interval, b: Interval) -> bool:
    return a.start <= b.end and b.start <= a.end


def _future_times(
    sent: Span, document: Document, excluded: list, context_day: date | None, context: _Context
) -> list:
    """The sentence's times read as of the future ("in March" is the coming March)."""
    return sentence_times(
        sent, document, excluded, future=True, context_day=context_day, event_day=context.event_day
    )


def _arms_deal(token: Token, lexicon: Lexicon) -> bool:
    """Whether a signing's document is an arms deal: "no new arms contract was signed",
    "a January contract for two more Sovremenny-class destroyers"."""
    cue = lexicon.cues.get("arms", frozenset())
    words = [token] if token.pos_ == "NOUN" else []
    words += [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(
        any(t.relation == "transfer_arms" for t in lexicon.triggers_for(c.lemma_, "noun"))
        and has_cue(c, cue)
        for c in words
    )


def _other_party(doc: Doc, candidate: Candidate, token: Token, kb: KnowledgeBase) -> None:
    """The party an agreement's own words name besides the one told as signing it: "the
    agreement on the eastern section of the Russian-Chinese border"."""
    known = candidate.subjects or candidate.objects
    if len(known) != 1 or known[0].kind != "country":
        return  # two signers are a pair; a person's counterpart is told elsewhere
    states = set(known)
    words = [token] if token.pos_ == "NOUN" else []
    words += [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    mentions = doc._.kg_mentions or {}
    named: list[Actor] = []
    for word in (w for noun in words for w in noun.subtree):
        mention = mentions.get(word.i)
        if mention is None or mention.kind not in ("demonym", "name", "state", "seat"):
            continue
        named += [a for a in mention.actors if a.kind == "country" and a not in named]
    others = [a for a in named if a not in states]
    if len(others) == 1 and len(named) == 2:  # the two sides, one of them the signer's
        if candidate.subjects:
            candidate.objects = others
        else:
            candidate.subjects = others


def _party_served(doc: Doc, candidate: Candidate, token: Token) -> None:
    """The other party of an agreement "under" which one side acts for another: "Under the
    agreement, Russia will supply 30 million tons of oil a year to China"."""
    if token.dep_ != "pobj" or token.head.lower_ != "under" or token.head.head.pos_ != "VERB":
        return
    verb = token.head.head
    words = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    words += objects_of(verb, ("to", "with"))
    known = candidate.subjects or candidate.objects
    if len(known) != 1 or known[0].kind not in ("country", "organization"):
        return  # states or companies act under agreements; "accused Moscow of ..." does not
    others = [a for w in words for a in actors_at(doc, w) if a not in known]
    if len(others) == 1:
        if candidate.subjects:
            candidate.objects = others
        else:
            candidate.subjects = others


def _deal_continued(
    sent: Span, triggers: list[tuple[Token, Trigger]], context: _Context, lexicon: Lexicon
) -> list[tuple[Token, Trigger]]:
    """The deliveries of the arms deal the paragraph told before, when the sentence tells no
    other: "Deliveries are due to begin in 2004." """
    if not context.arms_deals or any(t.relation == "transfer_arms" for _, t in triggers):
        return []
    return [
        (token, Trigger("transfer_arms", token.lemma_.lower(), "noun", None, None))
        for token in sent
        if token.pos_ == "NOUN"
        and lexicon.has("deal_continuations", token.lemma_)
        and token.dep_ in ("nsubj", "nsubjpass", "dobj")
    ][:1]


def _maker(words, lexicon: Lexicon, kb: KnowledgeBase) -> Actor | None:
    """The state that makes the first weapon the words name ("Su-27" → Russia)."""
    for word in words:
        state = lexicon.arms_makers.get(word.lower_)
        entity = kb.country(state) if state is not None else None
        if entity is not None:
            return actor_of(entity)
    return None


def _sold_from(doc: Doc, token: Token, buyers: list[Actor]) -> list[Actor]:
    """The state or company a "from" phrase in the trigger's words names."""
    mentions = doc._.kg_mentions or {}
    for word in token.subtree:
        if word.dep_ != "prep" or word.lower_ != "from":
            continue
        for obj in (c for c in word.children if c.dep_ == "pobj"):
            mention = mentions.get(obj.i)
            found = [
                a
                for a in (mention.actors if mention is not None else ())
                if a.kind in ("country", "organization") and a not in buyers
            ]
            if found:
                return found[:1]
    return []


def _complete_arms_deal(
    doc: Doc,
    candidate: Candidate,
    token: Token,
    paragraph: Paragraph,
    lexicon: Lexicon,
    kb: KnowledgeBase,
) -> None:
    """Give an arms deal the side its sentence leaves out: the seller is the state that makes
    the weapons named, the buyer the state its paragraph speaks of most (not the seller)."""
    maker = _maker(token.sent, lexicon, kb)
    if token.tag_ == "NNS" and not any(c.dep_ in ("det", "nummod", "poss") for c in token.children):
        return  # "Iranian arms exports": a trade in general, no deal to complete
    sellers = [state_of(a, kb, ("person", "organization", "company")) for a in candidate.subjects]
    if maker is not None and sellers and maker not in sellers and not candidate.objects:
        # "China has taken delivery of Su-27 fighters": the one side told is the buyer
        candidate.subjects, candidate.objects, sellers = [maker], candidate.subjects, [maker]
    if candidate.relation == "transfer_arms":
        # "signed a contract for submarines": the governor's subject is no buyer of its own
        candidate.objects = [
            o for o in candidate.objects if state_of(o, kb) not in sellers + candidate.subjects
        ]
    elif candidate.subjects and candidate.objects:
        return
    if not candidate.subjects and maker is not None:
        candidate.subjects, sellers = [maker], [maker]
    if candidate.objects or not sellers:
        return
    counts: dict[Actor, int] = {}
    mentions = doc._.kg_mentions or {}
    for i in range(len(doc)):
        mention = mentions.get(i)
        if mention is None or not paragraph.start <= doc[i].idx < paragraph.end:
            continue
        for actor in mention.actors:
            if actor.kind == "country" and actor not in sellers:
                counts[actor] = counts.get(actor, 0) + 1
    if counts:
        candidate.objects = [max(counts, key=lambda a: counts[a])]


def _remote(token: Token, lexicon: Lexicon) -> bool:
    """ "a telephone conversation", "spoke by phone": the parties were not together."""
    words = [c for c in token.children if c.dep_ in ("amod", "compound")]
    words += [
        obj
        for prep in token.children
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("by", "over", "via")
        for obj in prep.children
    ]
    return any(lexicon.has("remote_words", w.lemma_) for w in words)


def _built(token: Token, lexicon: Lexicon) -> bool:
    """Whether a word governing a project says it was built: "the completion of the pipeline"."""
    return any(lexicon.has("built", node.lemma_.lower()) for node in governors(token)[1:])


def _carried_time(times: list[Interval], document: Document, status: str) -> Interval | None:
    """The last explicit time of the paragraph, if it fits the event's tense and is not a
    month or more before the report ("the first such meeting was held in 1996")."""
    for interval in reversed(times):
        future = document.date is not None and interval.start > document.date
        if document.date is not None and interval.end < document.date - timedelta(days=30):
            return None  # a time long past is background: it does not date what follows
        if (status == "planned") == future or document.date is None:
            return interval
    return None


def _country_of(actor: Actor) -> str | None:
    return actor.name if actor.kind == "country" else actor.country


def _definite(token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)


def _told(pair: tuple[Actor, Actor], relation: str, told: list[Event], kb: KnowledgeBase):
    """ "The Russian-Chinese summit" is the Putin-Jiang summit the text told of before.

    A definite description naming only the states refers back to the last event of the
    same relation between persons of those states; otherwise the states stay. Returns the
    pair and the event referred to (or None).
    """
    countries = {pair[0].name, pair[1].name}
    for event in reversed(told):
        if (
            event.relation != relation
            or event.subject_kind != "person"
            or event.object_kind != "person"
        ):
            continue
        people = [
            kb.get(iri.removeprefix(ACTOR_BASE)) for iri in (event.subject_iri, event.object_iri)
        ]
        if all(people) and {p.country for p in people} == countries:
            return (
                (
                    Actor(
                        iri=event.subject_iri,
                        name=event.subject,
                        kind="person",
                        country=people[0].country,
                    ),
                    Actor(
                        iri=event.object_iri,
                        name=event.object,
                        kind="person",
                        country=people[1].country,
                    ),
                ),
                event,
            )
    return pair, None


def _core(participants: list[str], focal: set[str], lexicon: Lexicon) -> set[str]:
    """The dyad kgraph records of a multilateral event.

    The states of the corpus (``focus_states`` in lexicon.yaml) when both take part, else
    the two states the text is about when both do, else the first two participants listed.
    """
    focus = {p for p in participants if lexicon.has("focus_states", p)}
    if len(focus) == 2:
        return focus
    return focal if focal <= set(participants) else set(participants[:2])


def _within(event: Event, focal: set[str], kb: KnowledgeBase) -> bool:
    """Whether both actors belong to the two states the text is about.

    Of a multilateral summit ("the five leaders signed"), kgraph records the dyad of the
    states the text is about; the other participants still get their visits.
    """

    def country(iri: str) -> str | None:
        entity = kb.get(iri.removeprefix(ACTOR_BASE))
        return entity.country if entity is not None else None

    return {country(event.subject_iri), country(event.object_iri)} <= focal


def _implied_visits(found: list[Event], known: list[Event], kb: KnowledgeBase) -> list[Event]:
    """A person who meets or signs in a foreign city is visiting that country.

    "Li and Lavrov were joined by Natwar Singh in Vladivostok": Singh visited Russia.
    The implied visit carries the meeting's evidence, time and status, with less confidence.
    """
    out: list[Event] = []
    for event in found:
        if (
            event.relation not in ("meet", "agree")
            or not event.place_iri
            or event.status == "negated"
        ):
            continue
        place = kb.get(event.place_iri.removeprefix(ACTOR_BASE))
        country = kb.country(place.country) if place is not None and place.kind == "city" else None
        if country is None:
            continue
        for iri, name, kind in (
            (event.subject_iri, event.subject, event.subject_kind),
            (event.object_iri, event.object, event.object_kind),
        ):
            person = kb.get(iri.removeprefix(ACTOR_BASE))
            if kind != "person" or person is None or person.country == country.name:
                continue
            if any(
                e.relation == "visit" and e.subject_iri == iri and e.object_iri == country.iri
                for e in known + out
            ):
                continue
            out.append(
                replace(
                    event,
                    relation="visit",
                    subject=name,
                    subject_iri=iri,
                    subject_kind="person",
                    object=country.name,
                    object_iri=country.iri,
                    object_kind="country",
                    confidence=round(max(0.2, event.confidence - 0.2), 2),
                )
            )
    return out


def _as_states(found: list[tuple[Actor, Actor]], kb: KnowledgeBase) -> list[tuple[Actor, Actor]]:
    """Relations between states (cooperation) name the states even when persons speak for them."""
    out: list[tuple[Actor, Actor]] = []
    for subject, obj in found:
        pair = (state_of(subject, kb), state_of(obj, kb))
        if pair[0].iri != pair[1].iri and pair not in out:
            out.append(pair)
    return out


def _arrival(token: Token) -> bool:
    """ "arrived on Sunday", "flew in", "came in": an arrival that names no destination."""
    if token.pos_ != "VERB":
        return False
    if token.lemma_ == "arrive":
        return True
    return token.lemma_ in ("fly", "come") and any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "in" for c in token.children
    )


def _arrived_here(
    doc: Doc, token: Token, context: _Context, document: Document, kb: KnowledgeBase
) -> Candidate | None:
    """The visit of one who arrives without a destination: to the city where the paragraph's
    events happen, or the wire's dateline."""
    city = (context.locations or context.cities or [None])[-1]
    if city is None and document.dateline:
        found = kb.lookup(document.dateline, kind="city")
        city = actor_of(found[0]) if found else None
    if city is None:
        return None
    subjects = [a for a in clause_subject(doc, token, set()) if a.kind == "person"]
    if not subjects:
        return None
    return Candidate("visit", token, subjects, [city], place=city, how={"arrival"})


def _visit_pairs(candidate: Candidate, kb: KnowledgeBase) -> list[tuple[Actor, Actor]]:
    out = []
    for place in candidate.objects or [candidate.place]:
        if place is None:
            continue
        if place.kind == "country":
            country = place
        else:
            entity = kb.country(_country_name(place, kb))
            if entity is None:
                continue
            country = Actor(iri=entity.iri, name=entity.name, kind="country", country=entity.name)
        for subject in candidate.subjects:
            if subject.kind not in ("person", "country", "organization"):
                continue
            if subject.iri == country.iri or (subject.country and subject.country == country.name):
                continue
            if (subject, country) not in out:
                out.append((subject, country))
    return out


def _cities_by_country(places: list[Actor], kb: KnowledgeBase) -> dict[str, Actor]:
    """The IRI of each country of which exactly one of ``places`` is a city → that city."""
    cities: dict[str, list[Actor]] = {}
    for place in places:
        country = kb.country(_country_name(place, kb)) if place.kind == "city" else None
        if country is not None:
            cities.setdefault(country.iri, []).append(place)
    return {iri: found[0] for iri, found in cities.items() if len(found) == 1}


def _country_name(place: Actor, kb: KnowledgeBase) -> str | None:
    if place.country:
        return place.country
    found = kb.lookup(place.name, kind="city")
    return found[0].country if found else None


def _lasting(token: Token) -> bool:
    """ "has continued to resist", "have opposed": a stance held over time, not taken then."""
    for node in governors(token):
        if node.lemma_ in ("continue", "remain", "keep"):
            return True
        if node.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in node.children
        ):
            return True
    return False


def _frame(
    context: _Context,
    subject: Actor,
    obj: Actor,
    s_index: int,
    relation: str,
    stance: bool = False,
):
    """Time and place of a visit by one of the actors, told in this or a recent sentence.

    When the visit names only the country, the last city of that country the paragraph
    names is where its meetings happen. The states' business during a state visit has the
    visit's time; a stance the states took ("Beijing described the war in Chechnya as an
    internal affair of Russia") its place too, not what they do over years ("arms sales
    will rise").
    """
    if relation == "visit":
        return None, None
    recent = [v for v in reversed(context.visits) if s_index - v[3] <= 8]
    # one who toured Tokyo, Seoul and Moscow met the Russian minister on his visit to Russia
    recent.sort(
        key=lambda v: (
            not (
                (v[0] == subject and v[4] == _country_of(obj))
                or (v[0] == obj and v[4] == _country_of(subject))
            )
        )
    )
    for actor, place, when, _, country in recent:
        between_states = {_country_of(subject), _country_of(obj)} == {actor.country, country}
        if not (between_states or actor in (subject, obj)):
            continue
        if place is None:  # "arrived in Moscow ... for a state visit to Russia"
            place = next(
                (
                    p
                    for a, p, _, _, c in reversed(context.visits)
                    if a == actor and c == country and p
                ),
                None,
            ) or next((c for c in reversed(context.cities) if c.country == country), None)
        if actor not in (subject, obj):
            return when, place if stance else None
        return when, place
    return None, None


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
        # The discourse is working state that refers to the whole knowledge base: it must
        # not travel with the Doc between processes (nlp.pipe with n_process > 1).
        doc.user_data.pop("kg_discourse", None)
        return doc
