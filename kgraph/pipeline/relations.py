"""The arguments of a relation's trigger, read from the dependency parse.

Subjects are found also through control, raising, coordination, relative clauses and
the verb that governs an event noun ("held talks with"); objects through direct
objects, prepositions ("talks with", "visit to", "summit between X and Y") and phrases
that name an actor's plans ("criticisms of U.S. plans"); and the destination of a
visit. Triggers themselves are found by :mod:`kgraph.pipeline.triggers`. Every
function here is pure over the parsed ``Doc``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from spacy.tokens import Doc, Span, Token

from ..kb import ACTOR_BASE
from ..lexicon import Lexicon, Trigger
from ..model import Actor
from .actors import Mention, actor_of, objects_of, state_of
from .triggers import demanded_cessation, judged_clause

__all__ = ["Candidate", "read_arguments", "actors_at", "clause_subject", "noun_subject"]

#: Prepositions that introduce the second actor of a relation, per relation.
OBJECT_PREPOSITIONS = {
    "meet": {"with", "between", "among"},
    "visit": {"to", "into", "in", "at"},
    "agree": {"with", "between", "among", "to"},
    "cooperate": {"with", "between", "among", "to"},
    "support": {"for", "to", "of", "with", "by"},
    "transfer_arms": {"to", "with", "for"},
    "criticize": {"of", "against", "on", "at", "for", "with", "over", "about"},
    "oppose": {"to", "against", "of", "on"},
    "transfer_power": {"to", "from"},
    "attack": {"against", "on", "of", "in", "into"},
}
#: Prepositions of an event noun's object that the parser may hang on the verb governing it.
_GOVERNED = {"to", "against", "on", "with"}
#: Prepositions whose object holds both actors of a symmetric relation ("between X and Y").
PAIR_PREPOSITIONS = {"between", "among", "of"}
_CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "parataxis"}
#: Prepositions of time and place: a search for the actor acted on does not enter them.
_CIRCUMSTANCE = {
    "in",
    "at",
    "on",
    "during",
    "since",
    "after",
    "before",
    "until",
    "by",
    "from",
    "for",
    "without",  # "the use of force without UN approval" acts on no UN
}
_CLIMB_DEPS = {
    "dobj",
    "pobj",
    "prep",
    "attr",
    "npadvmod",
    "pcomp",
    "oprd",
    "acomp",
    "appos",
    "conj",
}


@dataclass
class Candidate:
    """A relation read off one trigger: its actors before time, place and status."""

    relation: str
    trigger: Token
    subjects: list[Actor]
    objects: list[Actor]
    place: Actor | None = None
    how: set[str] = field(default_factory=set)


def _mention(doc: Doc, token: Token) -> Mention | None:
    return doc._.kg_mentions.get(token.i)


def _single(doc: Doc, token: Token, *, states_from_demonyms: bool = False) -> list[Actor]:
    mention = _mention(doc, token)
    if mention is None or not mention.actors:
        return []
    if mention.kind == "demonym" and not states_from_demonyms:
        return []
    if mention.kind == "city":
        return []
    return list(mention.actors)


def _delegation_head(doc: Doc, token: Token) -> list[Actor]:
    """The persons who lead a delegation or mission ("a delegation led by Hui Liangyu")."""
    if token.lemma_.lower() not in ("delegation", "mission", "team"):
        return []
    for clause in (c for c in token.children if c.dep_ == "acl" and c.lemma_ in ("lead", "head")):
        for agent in (c for c in clause.children if c.dep_ == "agent"):
            found = [
                a
                for obj in agent.children
                if obj.dep_ == "pobj"
                for a in _single(doc, obj)
                if a.kind == "person"
            ]
            if found:
                return found
    return []


def actors_at(doc: Doc, token: Token, how: set[str] | None = None) -> list[Actor]:
    """Return the actors of the phrase headed by ``token``, with its conjuncts and inclusions."""
    for child in token.children:
        if child.dep_ == "prep" and child.lemma_ in ("include", "including"):
            included = []
            for obj in child.children:
                if obj.dep_ == "pobj":
                    included += actors_at(doc, obj, how)
            if included:
                return included
    found = _single(doc, token)
    mention = _mention(doc, token)
    leader = _delegation_head(doc, token)
    if leader:
        # "a Chinese delegation led by Vice Premier Hui Liangyu": its head acts for it
        found = leader
    elif not found and token.lemma_.lower() in ("troop", "force", "unit", "soldier"):
        # "troops from Russia, China and Kazakhstan": their states
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "from"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                found = [a for a in actors_at(doc, obj, how) if a.kind == "country"]
    if not found or (mention is not None and mention.kind in ("group", "role", "state")):
        # "the two foreign ministers, Sergei Lavrov and Li Zhaoxing": the names win; a name
        # beside a resolved role may belong to its conjunct ("the president and his host, Hu")
        for child in token.children:
            if child.dep_ == "appos" and not _conjunct_before(token, child):
                named = [a for a in actors_at(doc, child) if a.kind == "person"] or _single(
                    doc, child
                )
                if named:
                    # the role's holder stays unless the name is of the same state: then it
                    # names the holder ("his Indian counterpart, George Fernandes")
                    keep = mention is not None and mention.kind == "role"
                    states = {a.country for a in named if a.kind == "person"}
                    kept = [a for a in found if keep and a.country not in states]
                    found = kept + [a for a in named if a not in kept]
                    break
    if (
        token.pos_ == "NOUN"
        and (token.tag_ == "NNS" or mention is None or mention.kind == "role")
        and (not found or (mention is not None and mention.kind in ("group", "role")))
    ):
        # "received by the nominal head of state, Kim Yong Nam": the name, if of its state
        stray = _stray_apposition(doc, token)
        states = {a.country for a in found if a.kind == "person"}
        if stray and (token.tag_ == "NNS" or not states or states & {a.country for a in stray}):
            found = stray
    if not found and token.dep_ != "compound":
        # A person's name may sit in a compound ("the Putin government" is not one:
        # places and states named as modifiers of a thing do not stand for it).
        for child in token.children:
            if child.dep_ == "compound":
                found = [a for a in _single(doc, child) if a.kind == "person"]
                if found:
                    break
    if how is not None and mention is not None and mention.how != "name":
        how.add(mention.how)
    for conjunct in token.conjuncts:
        if conjunct.i > token.i:
            # "the Russian president and his Chinese host, Hu Jintao": the parser may hang
            # the name on the first conjunct; it names the one just before it
            stray = [
                c
                for c in token.children
                if c.dep_ == "appos" and _conjunct_before(token, c) == conjunct
            ]
            named = [a for c in stray for a in _single(doc, c) if a.kind == "person"]
            more = named or _single(doc, conjunct) or _appos_actors(doc, conjunct)
            if not more and conjunct.tag_ == "VBG":
                # "Jiang Zemin and visiting Russian President Vladimir Putin"
                more = [a for c in conjunct.children if c.dep_ == "dobj" for a in _single(doc, c)]
            for actor in more:
                if actor not in found:
                    found.append(actor)
    for member in (token, *token.conjuncts):
        # "signed by Yeltsin, Jiang Zemin, Kazakhstan's Nursultan Nazarbaev, ...": the parser
        # may hang a list's next name on the previous one as an apposition; two different
        # named persons (or states: "Kazakhstan, Kyrgyzstan, Tajikistan, Russia and China")
        # are not one described twice.
        kinds = {a.kind for a in _single(doc, member)} & {"person", "country"}
        if len(kinds) != 1:
            continue
        for child in member.children:
            mentioned = _mention(doc, child)
            # "Foreign Minister Sergei Lavrov and Defense Minister Anatoly Serdyukov" may come
            # out with the first name a modifier of the second
            if child.dep_ not in ("appos", "nmod") or mentioned is None or mentioned.kind != "name":
                continue
            listed = actors_at(doc, child)
            if listed and all(a.kind in kinds and a not in found for a in _single(doc, child)):
                found.extend(a for a in listed if a not in found)
    return found


def _conjunct_before(token: Token, appos: Token) -> Token | None:
    """The last conjunct of ``token`` between it and an apposition hung on it, if any."""
    between = [c for c in token.conjuncts if token.i < c.i < appos.i]
    return max(between, key=lambda c: c.i) if between else None


def _stray_apposition(doc: Doc, token: Token) -> list[Actor]:
    """Names after a comma that the parser hung elsewhere: "talks with the speakers of both
    houses of parliament, Boris Gryzlov and Sergei Mironov" (the names a loose dependent of
    the verb, or a conjunct of "parliament")."""
    for comma in range(token.i + 1, min(token.right_edge.i + 2, len(doc) - 1)):
        if doc[comma].text != ",":
            continue
        name = doc[comma + 1]
        while name.dep_ == "compound" and name.head.i > name.i:
            name = name.head
        attached = name.head
        hung_outside = name.dep_ in ("dep", "appos", "npadvmod") and not (
            token.i <= attached.i < comma
        )
        # or coordinated with the phrase's last noun, which names no actor
        hung_inside = (
            name.dep_ == "conj" and token.i < attached.i < comma and not _single(doc, attached)
        )
        if not (hung_outside or hung_inside):
            return []
        return [a for a in actors_at(doc, name) if a.kind == "person"]
    return []


def _appos_actors(doc: Doc, token: Token) -> list[Actor]:
    for child in token.children:
        if child.dep_ == "appos":
            found = _single(doc, child)
            if found:
                return found
    return []


def _demonym_states(doc: Doc, token: Token) -> list[Actor]:
    """States named by adjectives on a noun: "Russian arms sales", "Japanese-U.S. cooperation"."""
    found: list[Actor] = []
    for child in token.lefts:
        if child.dep_ in ("amod", "compound", "nmod", "npadvmod", "poss"):
            for word in [child, *child.conjuncts, *child.lefts]:
                mention = _mention(doc, word)
                if mention is not None and mention.kind in ("demonym", "state", "name", "seat"):
                    for actor in mention.actors:
                        if actor.kind in ("country", "organization") and actor not in found:
                            found.append(actor)
    return found


def clause_subject(
    doc: Doc, verb: Token, how: set[str], depth: int = 0, *, raising: bool = False
) -> list[Actor]:
    """Return the actors doing what ``verb`` says, climbing control, coordination and clauses.

    ``raising`` is set when climbing from an infinitive: then the passive subject of the
    governing verb is the doer ("Putin is expected to visit").
    """
    if depth > 5:
        return []
    subjects = [
        c for c in verb.children if c.dep_ == "nsubj" or (raising and c.dep_ == "nsubjpass")
    ]
    if subjects:
        # "Putin and visiting Japanese Prime Minister Koizumi signed": the parser may give
        # the verb two subjects
        found = []
        for child in subjects:
            found += [a for a in actors_at(doc, child, how) if a not in found]
            found += [a for a in _stranded_conjunct(doc, child) if a not in found]
        # "the presidents of Russia and Kazakhstan, and Turkmenistan signed": a state beside
        # its own leader was read into the post
        leaders = {a.country for a in found if a.kind == "person"}
        return [a for a in found if a.kind != "country" or a.name not in leaders]
    found = []
    for child in verb.children:
        if child.dep_ == "agent":
            # "by Premier Wen and by Hu Jintao", "by Putin, by Fradkov and by Lavrov"
            for agent in (child, *child.conjuncts):
                # "and by the parliamentary chairman, Wu Bangguo": the parser may join the
                # name itself to the "by"
                named = [agent] if agent.pos_ != "ADP" else []
                for obj in [*(c for c in agent.children if c.dep_ == "pobj"), *named]:
                    found += [a for a in actors_at(doc, obj, how) if a not in found]
    if found:
        return found
    if depth == 0 and any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ in ("acomp", "oprd", "attr") or (verb.pos_ == "ADJ" and verb.dep_ != "amod"):
        # "Medvedev and Hu are due in Seoul": the subject of the copula
        return clause_subject(doc, head, how, depth + 1, raising=True)
    if verb.dep_ == "xcomp":
        lexicon = doc.user_data["kg_discourse"].lexicon
        for child in head.children:
            # "urged Pyongyang to abandon": the one urged; "telephoned Putin to congratulate
            # him", "used the talks to repeat": the subject
            if child.dep_ == "dobj" and not lexicon.has("subject_control", head.lemma_):
                found = actors_at(doc, child, how)
                if found:
                    how.add("control")
                    return found
        how.add("control")
        return clause_subject(doc, head, how, depth + 1, raising=True)
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # "who was elected by the congress to succeed Jiang": the one elected succeeds
        how.add("control")
        return clause_subject(doc, head, how, depth + 1, raising=True)
    if verb.dep_ == "pcomp" and head.lower_ == "in" and head.head.lemma_ == "join":
        # "Qin joined his Russian colleague Lavrov in accusing Washington": both accuse
        how.add("inherited")
        joiners = clause_subject(doc, head.head, how, depth + 1)
        for partner in (c for c in head.head.children if c.dep_ == "dobj"):
            joiners += [a for a in actors_at(doc, partner, how) if a not in joiners]
        return joiners
    if verb.dep_ in ("conj", "advcl", "pcomp") or head.dep_ == "prep":
        how.add("inherited")
        target = head.head if head.dep_ == "prep" else head
        if verb.dep_ == "conj":
            target = _first_conjunct(verb) or target
            patients = [c for c in target.children if c.dep_ == "nsubjpass"]
            if patients:
                # "Fradkov was received by Hu and opened an exhibition": Fradkov opened it
                return actors_at(doc, patients[0], how)
        if target.pos_ in ("NOUN", "PROPN"):
            return noun_subject(doc, target, how, depth + 1)
        return clause_subject(doc, target, how, depth + 1)
    if verb.dep_ in ("relcl", "acl"):
        while head.dep_ == "appos" and head.head.i != head.i:
            head = (
                head.head
            )  # "Lavrov and his counterpart, Yang Jiechi, signed" parsed as a modifier
        if head.pos_ in ("NOUN", "PROPN"):
            poss = [c for c in head.children if c.dep_ == "poss"]
            if poss and verb.dep_ == "acl":
                return actors_at(doc, poss[0], how)
            return actors_at(doc, head, how)
    return []


def _stranded_conjunct(doc: Doc, subject: Token) -> list[Actor]:
    """ "In Bishkek Jiang and Kyrgyz President Askar Akaev put their signatures": the parser
    reads "Bishkek Jiang" as one name under "In"; the actor before "and" is a subject too."""
    left = subject.left_edge.i
    if left < 2 or doc[left - 1].lower_ != "and":
        return []
    before = doc[left - 2]
    mention = _mention(doc, before)
    if mention is None or not mention.actors or mention.kind in ("city", "demonym"):
        return []
    head = doc[mention.end - 1]
    if head.dep_ != "pobj" or head.head.i != head.sent.start:
        return []
    return [a for a in mention.actors if a.kind == "person"]


def _signers(doc: Doc, document: Token, how: set[str], lexicon: Lexicon) -> list[Actor]:
    """Who signed a document: "signed with his host a joint statement that defends ..."."""
    verb = document.head
    accords = lexicon.cues.get("accord", frozenset())
    if document.dep_ != "dobj" or document.lemma_.lower() not in accords or verb.pos_ != "VERB":
        return []
    found = clause_subject(doc, verb, how)
    partners, _ = _objects_from(doc, verb, {"with"}, how, search=False)
    return found + [a for a in partners if a not in found]


def _first_conjunct(verb: Token) -> Token | None:
    """Return the verb a coordinated verb really joins: the head of its "and".

    The parser often attaches "X traveled ... and then chose ..." to the main verb of
    the sentence; the conjunction itself still hangs on the right verb.
    """
    doc = verb.doc
    for i in range(verb.i - 1, max(verb.i - 4, verb.sent.start) - 1, -1):
        token = doc[i]
        if token.dep_ == "cc":
            first = token.head
            if first.i != verb.head.i and first.pos_ in ("VERB", "AUX") and first.i < verb.i:
                return first
            return None
    return None


def _governing_verb(token: Token) -> Token | None:
    node = token
    for _ in range(6):
        if node.dep_ not in _CLIMB_DEPS or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def noun_subject(
    doc: Doc, noun: Token, how: set[str], depth: int = 0, lexicon: Lexicon | None = None
) -> list[Actor]:
    """Return the actors doing what an event noun names: "Tang's visit", "held talks".

    The subject of a verb that takes a stance on the event ("Yeltsin denounced the air
    campaign") did not do it.
    """
    for child in noun.children:
        if child.dep_ == "poss":
            found = actors_at(doc, child, how)
            if found:
                return _voiced_by(doc, noun, found, lexicon) or found
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    # "by Putin", "by NATO bombs"
                    found = actors_at(doc, obj, how) or [
                        a
                        for c in obj.children
                        if c.dep_ == "compound"
                        for a in _single(doc, c)
                        if a.kind in ("country", "organization")
                    ]
                    if found:
                        return found
    led = _led_by(doc, noun)
    if led:
        return led
    if noun.dep_ == "pobj" and noun.head.lower_ == "on" and noun.head.head.pos_ == "PROPN":
        # "Chi Haotian, in Moscow on an official visit, met Sergeev": the one it hangs on
        found = [a for a in actors_at(doc, noun.head.head, how) if a.kind == "person"]
        if found:
            return found
    if noun.dep_ == "advcl" and noun.head.i != noun.i:
        # "Meeting in Beijing on 10 November, Yeltsin and Jiang signed ...": a participle
        return clause_subject(doc, noun.head, how, depth + 1)
    verb = _governing_verb(noun)
    if verb is not None and lexicon is not None and _takes_stance(verb, lexicon):
        return []
    if verb is not None and depth < 5:
        chain_subject = noun.dep_ not in ("nsubj", "nsubjpass")
        if chain_subject:
            found = clause_subject(doc, verb, how, depth + 1) or _itinerary_owner(
                doc, verb, lexicon
            )
            if found:
                how.add("governor")
                return found
    return []


def _itinerary_owner(doc: Doc, verb: Token, lexicon: Lexicon | None) -> list[Actor]:
    """ "Putin's program for the summer includes a visit to Beijing": the program's owner."""
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        if lexicon is not None and lexicon.has("itineraries", subject.lemma_.lower()):
            owners = [a for c in subject.children if c.dep_ == "poss" for a in actors_at(doc, c)]
            if owners:
                return owners
    return []


def _voiced_by(doc: Doc, noun: Token, owners: list[Actor], lexicon: Lexicon | None) -> list[Actor]:
    """ "Lavrov reiterated Moscow's objection": the person who voices his state's stance."""
    verb = noun.head
    if lexicon is None or noun.dep_ != "dobj" or not lexicon.has("voice_verbs", verb.lemma_):
        return []
    if any(a.kind != "country" for a in owners):
        return []
    speakers = clause_subject(doc, verb, set())
    states = {a.name for a in owners}
    if speakers and all(a.kind == "person" and a.country in states for a in speakers):
        return speakers
    if speakers and lexicon.has("adopting_verbs", verb.lemma_):
        # "China echoed Moscow's objections": both hold them now
        return [a for a in speakers if a not in owners] + owners
    return []


_LED = re.compile(r"^(?P<who>.+?)-(?:led|backed|sponsored|brokered|organized|organised)$", re.I)


def _led_by(doc: Doc, noun: Token) -> list[Actor]:
    """The leader a compound adjective names: "the U.S.-led invasion", "NATO-led forces"."""
    kb = doc.user_data["kg_discourse"].kb
    for child in noun.children:
        m = _LED.match(child.text) if child.dep_ in ("amod", "compound", "nummod") else None
        if m is None:
            continue
        who = m["who"]
        found = kb.lookup(who) or [e for e in [kb.country_of_demonym(who)] if e is not None]
        found = [e for e in found if e.kind in ("country", "organization")]
        if found:
            return [actor_of(found[0])]
    return []


def _takes_stance(token: Token, lexicon: Lexicon) -> bool:
    """Whether a word is a trigger of a relation that takes a stance (criticize, oppose).

    Not a verb of possibility: "Putin did not rule out a visit to Japan" is his own visit.
    """
    forms = [
        token.lemma_,
        *(f"{token.lemma_} {c.lower_}" for c in token.children if c.dep_ == "prt"),
    ]
    if any(lexicon.has("possibility_verbs", f) for f in forms):
        return False
    stances = lexicon.words.get("stance_relations", frozenset())
    return any(
        t.relation in stances
        and (t.requires != "judgment" or _judged(token, t.relation, lexicon) is not None)
        for pos in ("verb", "noun")
        for t in lexicon.triggers_for(token.lemma_, pos)
    )


def _event_agents(
    doc: Doc,
    token: Token,
    is_verb: bool,
    lexicon: Lexicon,
    how: set[str],
    nouns: list[Token] | None = None,
) -> tuple[list[Actor], str | None]:
    """The doers of the event a stance is taken on: "condemned NATO's bombing" → NATO.

    Returns the agents and the event's relation; no agents when the text does not name
    them ("denounced the strike"), for the caller to take from the events told before.
    """
    if nouns is None:
        nouns = _stance_nouns(token, is_verb)
    events = set(lexicon.words.get("agent_events", frozenset()))
    for noun in nouns:
        for trigger in lexicon.triggers_for(noun.lemma_, "noun"):
            if trigger.relation not in events:
                continue
            inner = Trigger(trigger.relation, trigger.lemma, "noun", trigger.particle, None)
            found = read_arguments(doc, noun, inner, lexicon)
            agents = list(found.subjects) if found is not None else []
            if not agents:
                # "the raids by U.S. and British aircraft": the doers, or the states that own
                # the means; "condemned the bombing of Yugoslavia by NATO": the parser may
                # hang the act's "by" on the active verb
                holders = [noun]
                if is_verb and not any(c.dep_ == "auxpass" for c in token.children):
                    holders.append(token)
                for prep in (
                    c
                    for holder in holders
                    for c in holder.children
                    if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                ):
                    for obj in (c for c in prep.children if c.dep_ == "pobj"):
                        found_by = actors_at(doc, obj) or _demonym_states(doc, obj)
                        agents += [a for a in found_by if a not in agents]
            if not agents:
                agents = _demonym_states(doc, noun) or [
                    a
                    for c in noun.children
                    if c.dep_ in ("compound", "amod", "npadvmod")
                    for a in _single(doc, c, states_from_demonyms=True)
                ]
            return agents, trigger.relation
    return [], None


def _objects_from(
    doc: Doc, token: Token, prepositions: set[str], how: set[str], *, search: bool = True
) -> tuple[list[Actor], bool]:
    """Return ``(actors, pair)`` from the trigger's prepositional and direct objects."""
    found: list[Actor] = []
    pair = False
    preps = [c for c in token.children if c.dep_ in ("prep", "agent", "dative")]
    # "called on Li Peng": the parser may take the preposition for a particle with an object
    preps += [
        c for c in token.children if c.dep_ == "prt" and any(o.dep_ == "pobj" for o in c.children)
    ]
    for prep in list(preps):
        preps.extend(c for c in prep.conjuncts if c.dep_ in ("prep", "conj"))
        if prep.lower_ in ("in", "at") and token.pos_ == "NOUN":
            # "talks in the Kremlin between Putin and Jiang": the parser hangs the pair on
            # the place
            preps.extend(
                c
                for place in prep.children
                if place.dep_ == "pobj"
                for c in place.children
                if c.dep_ == "prep" and c.lower_ in ("between", "with")
            )
    for prep in preps:
        pair_only = prep.lower_ in PAIR_PREPOSITIONS and prep.lower_ not in prepositions
        if prep.lower_ not in prepositions and not pair_only:
            continue
        for obj in prep.children:
            visiting = obj.tag_ == "VBG" and obj.lower_ == "visiting"
            if obj.dep_ != "pobj" and not (visiting and obj.dep_ == "pcomp"):
                continue
            if visiting:
                # "talks between visiting Chinese President Jiang and ...": the parser takes
                # the participle for a verb and the visitor for its object
                obj = next((c for c in obj.children if c.dep_ == "dobj"), obj)
            actors = actors_at(doc, obj, how) or (
                [] if pair_only or not search else _search(doc, obj)
            )
            if pair_only and len(actors) < 2:
                continue
            if prep.lower_ in PAIR_PREPOSITIONS and len(actors) >= 2:
                pair = True
            for actor in actors:
                if actor not in found:
                    found.append(actor)
    return found, pair


def _as_state(doc: Doc, token: Token, actors: list[Actor]) -> list[Actor]:
    """An organization named as a modifier stands for its state ("Russian military technology")."""
    if token.dep_ not in ("amod", "compound", "nmod"):
        return actors
    kb = doc.user_data["kg_discourse"].kb

    def armed_group(actor: Actor) -> bool:  # "Taliban targets": the Taliban's, not Kabul's
        entity = kb.get(actor.iri.removeprefix(ACTOR_BASE))
        return entity is not None and entity.org_kind == "group"

    return [a if armed_group(a) else state_of(a, kb, ("organization",)) for a in actors]


def _search(doc: Doc, token: Token, limit: int = 3) -> list[Actor]:
    """Breadth-first search of a phrase for its first actor ("criticisms of U.S. plans")."""
    for prep in (c for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"):
        # "the recognition of Kosovo by the United States": the doer, not the thing done to
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            found = actors_at(doc, obj) or _single(doc, obj, states_from_demonyms=True)
            if found:
                return found
    frontier = [token]
    for _ in range(limit + 1):
        nxt = []
        for node in frontier:
            found = _as_state(doc, node, _single(doc, node, states_from_demonyms=True))
            if found:
                return found
            nxt.extend(
                c
                for c in node.children
                if c.dep_ not in _CLAUSE_DEPS
                and c.dep_ != "punct"
                and not (c.dep_ == "prep" and c.lower_ in _CIRCUMSTANCE)
            )
        frontier = nxt
    # "the missile defense system which the United States plans to deploy": the owner of a
    # thing is the subject of the clause that describes it
    for clause in (c for c in token.children if c.dep_ in ("relcl", "acl")):
        if token.lemma_.lower() in _SPANS:
            break  # "on the day it took place"
        doers = [
            c for c in clause.children if c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP", "PRP")
        ]
        # "the memorandum circulated by Russia, France and Germany"
        doers += [o for a in clause.children if a.dep_ == "agent" for o in a.children]
        for doer in doers:
            found = [a for a in actors_at(doc, doer) if a.kind != "person"]
            if found:
                return found
    return []


def antecedent(word: Token) -> Token:
    """The noun a relative pronoun stands for ("the strikes, which Moscow condemned")."""
    if word.tag_ in ("WDT", "WP") and word.lower_ in ("which", "that"):
        clause = word.head
        while clause.dep_ != "relcl" and clause.head.i != clause.i and clause.dep_ != "ROOT":
            clause = clause.head
        if clause.dep_ == "relcl":
            head = clause.head
            if head.dep_ == "pobj" and head.head.head.pos_ == "NOUN" and head.head.i < head.i:
                # "the strikes on Iraq, which Moscow condemned": the strikes
                return head.head.head
            return head
    return word


def direct_objects(doc: Doc, verb: Token, how: set[str], *, search: bool = True) -> list[Actor]:
    """Return the actors a verb acts on: its direct object, or a passive subject.

    With ``search``, an object that is not itself an actor is searched for one
    ("criticized U.S. plans" acts on the United States).
    """
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "dative"):
            thing = antecedent(child)  # "a request that Sukhoi turned down"
            if thing is not child:
                found = actors_at(doc, thing, how) or (_search(doc, thing) if search else [])
            else:
                found = actors_at(doc, child, how) or (_search(doc, child) if search else [])
            if found:
                if any(a.kind == "person" for a in found):
                    found += [a for a in _stranded_objects(doc, verb, how) if a not in found]
                return found
    return []


def _stranded(doc: Doc, verb: Token, how: set[str]) -> Iterator[tuple[Actor, Actor | None]]:
    """ "will meet Nazarbaev in Astana and Karimov in Tashkent": the parser hangs the second
    person on the first place; he is met too, in the place of his own "in"."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "at")):
        for place in (c for c in prep.children if c.dep_ == "pobj"):
            for other in place.conjuncts:
                own = next(
                    (
                        _place_of(doc, o)
                        for p in other.children
                        if p.dep_ == "prep" and p.lower_ in ("in", "at")
                        for o in p.children
                        if o.dep_ == "pobj"
                    ),
                    None,
                )
                for actor in actors_at(doc, other, how):
                    if actor.kind == "person":
                        yield actor, own


def _stranded_objects(doc: Doc, verb: Token, how: set[str]) -> list[Actor]:
    return [actor for actor, _ in _stranded(doc, verb, how)]


def stranded_places(doc: Doc, verb: Token) -> dict[str, Actor]:
    """The places of persons met in a place of their own: {actor iri: city}."""
    return {actor.iri: place for actor, place in _stranded(doc, verb, set()) if place is not None}


def _place_of(doc: Doc, token: Token) -> Actor | None:
    mention = _mention(doc, token)
    if mention is None:
        return None
    if mention.place is not None:
        return mention.place
    if mention.kind == "name" and mention.actors and mention.actors[0].kind == "country":
        return mention.actors[0]
    return None


def destination(doc: Doc, token: Token, lexicon: Lexicon) -> Actor | None:
    """Return the place a visit trigger leads to: "traveled to Beijing", "visit to Moscow"."""
    candidates = []
    towards = (
        ("to", "into", "in", "at", "for")
        if token.lemma_ in ("leave", "depart", "head")
        else ("to", "into", "in", "at")
    )
    for child in token.children:
        if (
            child.dep_ == "dobj"
            and token.pos_ == "VERB"
            and token.lemma_ not in ("leave", "depart")
        ):
            candidates.append(child)
        if child.dep_ in ("prep", "advmod") and child.lower_ in towards:
            candidates.extend(c for c in child.children if c.dep_ == "pobj")
        if child.dep_ == "compound" and token.pos_ == "NOUN":
            candidates.append(child)  # "Jiang's Moscow visit", "the Beijing trip"
    if token.pos_ == "NOUN" and token.dep_ == "dobj":
        verb = token.head
        if lexicon.has("light_verbs", verb.lemma_):
            # "made his first trip abroad this year to Russia": the parser hangs it on the verb
            candidates += objects_of(verb, ("to",))
        if lexicon.has("ending_verbs", verb.lemma_) or lexicon.has("opening_verbs", verb.lemma_):
            # "wound up his Asian tour in Tokyo", "opened his visit to China in Luoyang"
            candidates += objects_of(verb, ("in", "at"))
    if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "on":
        # "Chi Haotian, in Moscow on an official visit": where the visitor is
        candidates += objects_of(token.head.head, ("in", "at"))
    places = [p for p in (_place_of(doc, o) or _described_place(doc, o) for o in candidates) if p]
    if places:
        # "his visit to China in Luoyang": the city, in the country named
        return next(
            (p for p in places[1:] if p.kind == "city" and p.country == places[0].name),
            places[0],
        )
    if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "during":
        # "signed in Beijing last October during Putin's visit": where the business was done
        verb = token.head.head
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    place = _place_of(doc, obj)
                    if place is not None and place.kind == "city":
                        return place
    if lexicon.has("attendance_verbs", token.lemma_):
        # "attended the opening of the Olympic Games in Beijing": where the thing was held
        for thing in (c for c in token.children if c.dep_ == "dobj"):
            for word in thing.subtree:
                # "the Olympic Games in Beijing", "the opening of the Beijing Olympics"
                if (word.dep_ == "pobj" and word.head.lower_ in ("in", "at")) or (
                    word.dep_ == "compound" and word.head.i != thing.i
                ):
                    place = _place_of(doc, word)
                    if place is not None and place.kind == "city":
                        return place
    return None


def _taken_along(
    doc: Doc, noun: Token, lexicon: Lexicon
) -> tuple[list[Actor], Token, Actor] | None:
    """ "Jiang's tour ... will take him to Philadelphia": who a journey takes, by which
    verb, and where."""
    verbs = [noun.head] if noun.dep_ == "nsubj" else []
    for clause in (c for c in noun.children if c.dep_ == "relcl"):
        # "Jiang's tour, which began in Hawaii and will take him to Philadelphia"
        if any(c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in clause.children):
            verbs += [clause, *clause.conjuncts]
    for verb in verbs:
        if not lexicon.has("journey_verbs", verb.lemma_):
            continue
        travellers = [
            a
            for c in verb.children
            if c.dep_ == "dobj"
            for a in actors_at(doc, c)
            if a.kind == "person"
        ]
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                place = _place_of(doc, obj)
                if travellers and place is not None:
                    return travellers, verb, place
    return None


def _conjoined_places(doc: Doc, token: Token, place: Actor) -> list[Actor]:
    """The places coordinated with a visit's destination: "Tokyo, Seoul and Beijing"."""
    for word in token.subtree:
        mention = _mention(doc, word)
        if mention is None or (mention.place != place and place not in mention.actors):
            continue
        found = []
        for other in word.conjuncts:
            more = _place_of(doc, other) or _gathering_city(doc, other)
            if more is not None and more != place and more not in found:
                found.append(more)
        return found
    return []


def _city_held_in(doc: Doc, noun: Token) -> Actor | None:
    """The city a noun's "in" or "at" names: "the G-8 summit in Heiligendamm"."""
    for obj in objects_of(noun, ("in", "at")):
        place = _place_of(doc, obj)
        if place is not None and place.kind == "city":
            return place
    return None


def _gathering_city(doc: Doc, noun: Token) -> Actor | None:
    """The city of a gathering on a traveller's way: "a visit to Beijing and the G-8 summit in
    Okinawa"."""
    lexicon = doc.user_data["kg_discourse"].lexicon
    if not any(
        lexicon.has("gathering_relations", t.relation)
        for t in lexicon.triggers_for(noun.lemma_.lower(), "noun")
    ):
        return None
    return _city_held_in(doc, noun)


def _described_place(doc: Doc, noun: Token) -> Actor | None:
    """ "the Chinese port of Dalian", "the Japanese island of Okinawa": the named place, else
    the state the description names."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            place = _place_of(doc, obj)
            if place is not None:
                return place
    held = _city_held_in(doc, noun)  # "went to the G-8 summit in Heiligendamm"
    if held is not None:
        return held
    for mod in (c for c in noun.children if c.dep_ in ("amod", "compound", "poss")):
        mention = _mention(doc, mod)
        if mention is not None and mention.kind in ("demonym", "name") and mention.actors:
            state = mention.actors[0]
            if state.kind == "country":
                return state
    return None


def _state_at(doc: Doc, token: Token | Span) -> Actor | None:
    """The state a place phrase (or the words of a span) lies in: a city, a state, "Russia's
    Amur region"."""
    kb = doc.user_data["kg_discourse"].kb
    for node in token.subtree if isinstance(token, Token) else token:
        mention = _mention(doc, node)
        if mention is None:
            continue
        if mention.place is not None and mention.place.country:
            country = kb.country(mention.place.country)
            if country is not None:
                return state_of(Actor(country.iri, country.name, "country", country.name), kb)
        for actor in mention.actors:
            if actor.kind == "country":
                return actor
    return None


def route_states(doc: Doc, token: Token) -> list[Actor]:
    """The two states a route joins: "the oil pipeline from Skovorodino to Daqing".

    The route's ends are the objects of "from" and "to" on the noun, on the verb of a
    clause describing it ("a pipeline to carry gas from the Irkutsk region to China") or on
    the noun it completes ("the completion of the pipeline from Skovorodino to Daqing").
    """
    heads = [token, *(c for c in token.children if c.dep_ in ("acl", "relcl"))]
    if token.dep_ in ("nsubj", "nsubjpass"):
        heads.append(token.head)  # "the pipeline will run from Angarsk to Daqing"
    # "discussed a pipeline to carry oil from ...": the parser may hang the infinitive that
    # describes the noun on the verb instead; it starts right after the noun's phrase
    heads.extend(
        c
        for c in token.head.children
        if c.dep_ in ("advcl", "xcomp") and c.left_edge.i == token.right_edge.i + 1
    )
    # "discussed the pipeline from Skovorodino to Daqing", "the completion of the pipeline
    # ... to Daqing": the phrases may hang on the words the noun's phrase depends on
    outer, node = [], token
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.lower_ == "of":
            node = node.head.head
        elif node.dep_ == "dobj":
            node = node.head
        else:
            break
        outer.append(node)
    ends: dict[str, Actor] = {}
    if _route_ends(doc, heads, ends) < 2:
        _route_ends(doc, outer, ends, after=token.i)
    if len(ends) < 2:
        ends = _hyphenated_ends(doc, token) or ends
    if len(ends) == 2 and ends["from"] != ends["to"]:
        return [ends["from"], ends["to"]]
    return []


def _hyphenated_ends(doc: Doc, token: Token) -> dict[str, Actor]:
    """The ends named before the noun: "the Atasu-Alashankou pipeline", "the Angarsk-Daqing
    route" (two places joined by a hyphen)."""
    for k in range(token.left_edge.i + 1, token.i - 1):
        if doc[k].text not in ("-", "–"):
            continue
        # each word alone (the second's subtree holds the first)
        first, second = _state_at(doc, doc[k - 1 : k]), _state_at(doc, doc[k + 1 : k + 2])
        if first is not None and second is not None:
            return {"from": first, "to": second}
    return {}


def _route_ends(doc: Doc, heads: list[Token], ends: dict[str, Actor], after: int = -1) -> int:
    """Record the states of the "from" and "to" phrases on ``heads``; return how many are known."""
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("from", "to", "into") or prep.i < after:
                continue
            for obj in prep.children:
                state = _state_at(doc, obj) if obj.dep_ == "pobj" else None
                if state is not None:
                    ends.setdefault("from" if prep.lower_ == "from" else "to", state)
    return len(ends)


def read_arguments(doc: Doc, token: Token, trigger: Trigger, lexicon: Lexicon) -> Candidate | None:
    """Read the actors of one trigger, or None when the parse does not give them."""
    relation = lexicon.relations[trigger.relation]
    how: set[str] = set()
    is_verb = trigger.pos == "verb"
    if is_verb:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
        subjects = clause_subject(doc, token, how)
        objects = (
            direct_objects(doc, token, how, search=not relation.symmetric)
            if relation.name != "visit"
            else []
        )
        # "the submarines that the Chinese navy ordered": the doer is not what it acts on
        objects = [a for a in objects if a not in subjects]
        if relation.name == "transfer_arms":
            # the thing sold is the object; only a known actor there is a recipient, who may
            # also be named on the goods: "build two destroyers for the Chinese navy"
            objects = [a for a in objects if a.linked and a.kind in ("country", "organization")]
            for goods in (c for c in token.children if c.dep_ == "dobj"):
                found, _ = _objects_from(doc, goods, {"for", "to"}, how)
                objects += [a for a in found if a not in objects]
        if passive and token.dep_ == "conj" and not objects:
            # "Jiang stepped down and was succeeded by Hu": the shared subject is the patient
            if not any(c.dep_ == "nsubjpass" for c in token.children):
                first = _first_conjunct(token) or token.head
                objects = [
                    a
                    for c in first.children
                    if c.dep_ in ("nsubj", "nsubjpass")
                    for a in actors_at(doc, c, how)
                ] or (
                    # "is scheduled to hold talks ... and to be received by Jiang"
                    clause_subject(doc, first, how, 1, raising=True)
                    if first.dep_ == "xcomp"
                    else []
                )
                subjects = [a for a in subjects if a not in objects]
        if passive and token.dep_ == "xcomp" and not objects:
            # "Lavrov is scheduled to be received by Hu": the raised subject is the patient
            objects = clause_subject(doc, token.head, how, 1, raising=True)
        if passive and not subjects and relation.name == "visit":
            # "Hu is expected in St. Petersburg": the one expected is the visitor
            subjects = [
                a for c in token.children if c.dep_ == "nsubjpass" for a in actors_at(doc, c, how)
            ]
        if not subjects and token.dep_ in ("relcl", "acl") and not passive:
            # "a joint statement that defends the ABM Treaty": its signers speak
            subjects = _signers(doc, token.head, how, lexicon)
        if relation.symmetric and token.dep_ == "relcl" and len(subjects) == 1:
            # "Putin and Jiang, who met in Shanghai last year": "who" is both of them
            together = actors_at(doc, token.head)
            if len(together) >= 2 and subjects[0] in together:
                subjects = together
        if (
            passive
            and not subjects
            and lexicon.has("stance_relations", relation.name)
            and any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children)
        ):
            # "Beijing was strongly opposed to the military action": a state, not a passive
            subjects, objects = objects, []
            passive = False
        if passive and trigger.requires == "feeling":
            # "Moscow is concerned by North Korea's launch": who feels it is the subject; what
            # causes it falls on its doer
            felt = [a for c in token.children if c.dep_ == "nsubjpass" for a in actors_at(doc, c)]
            if felt:
                subjects, objects = felt, []
                for prep in (
                    c
                    for c in token.children
                    if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "at", "over", "about")
                ):
                    for obj in (c for c in prep.children if c.dep_ == "pobj"):
                        found = actors_at(doc, obj) or _search(doc, obj)
                        objects += [a for a in found if a not in subjects and a not in objects]
        if passive and not subjects:
            subjects, objects = objects, []
        if (
            not subjects
            and not passive
            and token.dep_ in ("ROOT", "conj")
            and not any(c.dep_ == "nsubj" for c in token.children)
        ):
            subjects = _nearest_subject(doc, token, how) or _preceding_actors(doc, token, how)
        elif not subjects and not passive and token.dep_ in ("ROOT", "conj"):
            # "After the first round of talks during his visit to India, Putin and Vajpayee
            # signed": the parser took a noun of the opening phrase for the subject
            subjects = _preceding_actors(doc, token, how)
        if relation.name == "support" and subjects:
            # "defends the ABM Treaty against U.S. plans": support for one thing is
            # opposition to whoever threatens it
            against = []
            for node in [token, *(c for c in token.children if c.dep_ == "dobj")]:
                for prep in (
                    c for c in node.children if c.dep_ == "prep" and c.lower_ == "against"
                ):
                    for obj in (c for c in prep.children if c.dep_ == "pobj"):
                        found = actors_at(doc, obj, how) or _search(doc, obj)
                        against += [a for a in found if a not in subjects and a not in against]
            if against and "oppose" in lexicon.relations:
                return Candidate("oppose", token, subjects, against, how=how)
    else:
        subjects = noun_subject(doc, token, how, lexicon=lexicon)
        heard = _heard_from(doc, token, lexicon, relation.name)
        if heard is not None:
            # "the test drew protests from Washington, Tokyo and Canberra"
            subjects, objects = heard
            how.add("from")
            return Candidate(relation.name, token, subjects, objects, how=how)
        if (
            relation.name == "attack"
            and "governor" in how
            and not (token.dep_ == "dobj" and lexicon.has("doing_verbs", token.head.lemma_))
        ):
            # "launched air strikes" is the subject's; "saw no grounds for military action"
            # is not
            subjects = []
        objects = _governor_objects(doc, token, how, subjects)
        verb = _governing_verb(token)
        if (
            verb is not None
            and lexicon.has(f"witnesses.{relation.name}", verb.lemma_)
            and not any(c.dep_ == "poss" or c.lower_ == "by" for c in token.children)
        ):
            # "the two premiers presided over the signing of eight documents": their
            # officials signed for their states
            kb = doc.user_data["kg_discourse"].kb
            subjects = list(dict.fromkeys(state_of(a, kb) for a in subjects))
            objects = list(dict.fromkeys(state_of(a, kb) for a in objects))
        if not subjects and relation.name != "visit" and token.dep_ == "ROOT":
            subjects = _nearest_subject(doc, token, how)
    if trigger.requires == "feeling" and not _felt(token, is_verb, lexicon):
        return None  # "voiced concern over", not "a major concern for Moscow"
    if relation.name == "support" and any(
        lexicon.has("downfalls", c.lemma_) for c in token.children if c.dep_ == "dobj"
    ):
        return None  # "welcomed the fall of the Taliban" backs no one
    if trigger.requires == "claim":
        # "reaffirmed Washington's one-China policy": support for the state whose claim it is
        named = doc[token.left_edge.i : token.i].text.lower().replace(" ", "")
        claimant = next((v for k, v in lexicon.claims.items() if k in named), None)
        found = doc.user_data["kg_discourse"].kb.lookup(claimant) if claimant else []
        subjects = [a for a in subjects if a.kind != "country" or a.name != claimant]
        if not found or not subjects:
            return None
        return Candidate(relation.name, token, subjects, [actor_of(found[0])], how=how)
    if trigger.requires == "facility":
        return _facility_built(doc, token, is_verb, subjects, lexicon, how)
    if trigger.requires == "together":
        # "China and Russia tabled a rival draft", "sponsored by Russia together with Belarus"
        kb = doc.user_data["kg_discourse"].kb
        partners, _ = _objects_from(doc, token, {"with"}, how, search=False)
        for prep in (c for c in token.children if c.dep_ in ("prep", "agent")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                partners += [a for a in _objects_from(doc, obj, {"with"}, how, search=False)[0]]
        everyone = list(dict.fromkeys(state_of(a, kb) for a in subjects + partners))
        everyone = [a for a in everyone if a.kind == "country"]
        if len(everyone) < 2:
            return None
        if len(everyone) > 2:
            # of several sponsors, kgraph records the pairs of the corpus's focus states
            focus = [a for a in everyone if lexicon.has("focus_states", a.name)]
            if not focus:
                return None
            others = [a for a in everyone if a not in focus]
            return Candidate(relation.name, token, focus, others or focus[1:], how=how)
        return Candidate(relation.name, token, everyone, [], how=how)
    if trigger.requires == "cessation":
        # "urged Pyongyang to abandon its test plans": the one urged; "agreed that NATO must
        # halt its air strikes", "demanded that the raids stop": who does what must stop
        clause = demanded_cessation(token, lexicon)
        targets = []
        if clause is not None and clause.dep_ == "xcomp":
            targets = [a for c in token.children if c.dep_ == "dobj" for a in actors_at(doc, c)]
            if not targets:
                targets, _ = _objects_from(doc, token, {"on"}, how, search=False)
        for subject in (
            c
            for c in (clause.children if clause is not None else ())
            if c.dep_ in ("nsubj", "nsubjpass")
        ):
            if targets:
                break
            agents, _ = _event_agents(doc, clause, True, lexicon, how, nouns=[subject])
            targets = agents or actors_at(doc, subject, how) or doers_named(doc, subject)
        if not targets and clause is not None:
            # "must halt its air strikes": whose strikes
            for thing in (c for c in clause.children if c.dep_ == "dobj"):
                agents, _ = _event_agents(doc, clause, True, lexicon, how, nouns=[thing])
                targets = agents or [
                    a for c in thing.children if c.dep_ == "poss" for a in actors_at(doc, c)
                ]
        objects = [a for a in targets if a not in subjects]
        if not subjects or not objects:
            return None
        return Candidate(relation.name, token, subjects, objects, how=how)
    if trigger.requires == "harm":
        # the doer of what the report says harms: "the U.S. strike on Iraq was a violation"
        clause = next(
            c
            for c in token.children
            if c.dep_ == "ccomp" and judged_clause(c, lexicon) == relation.name
        )
        objects = []
        for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
            agents, _ = _event_agents(doc, clause, True, lexicon, how, nouns=[subject])
            objects = (
                agents
                or actors_at(doc, subject, how)
                or doers_named(doc, subject)
                or _search(doc, subject)
            )
        objects = [a for a in objects if a not in subjects]
        if not subjects or not objects:
            return None
        return Candidate(relation.name, token, subjects, objects, how=how)
    if trigger.requires == "judgment":
        judged = _judged(token, relation.name, lexicon)
        if judged is None:
            return None
        if judged is not token and not objects:
            # "called the decision a mistake" parsed as a small clause
            objects = [
                a
                for c in judged.children
                if c.dep_ in ("nsubj", "nsubjpass")
                for a in actors_at(doc, c, how) or _search(doc, c)
            ]
    if trigger.requires in ("ties", "sanctions", "envoy"):
        # "froze its ties with NATO", "imposed sanctions on India", "recalled its ambassador
        # from Washington": the partner of the ties, the target of the sanctions, the state
        # the envoy leaves, not their owner
        for thing in (c for c in token.children if c.dep_ in ("dobj", "nsubjpass")):
            if thing.dep_ == "nsubjpass" and trigger.requires == "envoy":
                # "Russia's ambassadors in Washington and London were recalled"
                subjects = doers_named(doc, thing) or subjects
            found, _ = _objects_from(doc, thing, {"with", "in", "on", "against", "from", "to"}, how)
            objects = [a for a in found if a not in subjects]
        if not objects and is_verb:
            # "suspending food aid to North Korea": the parser hangs the partner on the verb
            found, _ = _objects_from(doc, token, {"with", "to", "on", "against"}, how)
            objects = [a for a in found if a not in subjects]
        if not objects:
            return None
    if trigger.requires == "recognition":
        # "recognized Abkhazia", "its recognition of Kosovo"; not a claim ("recognized Taiwan
        # as part of China") nor a thing ("recognized the need for ...")
        if any(c.dep_ == "prep" and c.lower_ == "as" for c in token.children):
            return None
        if is_verb:
            objects = [a for a in objects if a.kind in ("country", "organization")]
        else:
            found, _ = _objects_from(doc, token, {"of"}, how)
            objects = [a for a in found if a.kind in ("country", "organization")]
        if not objects:
            return None
    if trigger.requires == "named":
        kb = doc.user_data["kg_discourse"].kb
        found = [kb.lookup(name) for name in lexicon.named_events[trigger.lemma][1]]
        if not all(found):
            return None
        actors = [actor_of(entities[0]) for entities in found]
        return Candidate(relation.name, token, actors[:1], actors[1:], how={"named"})
    if trigger.requires == "sovereignty":
        return _sovereignty(doc, token, relation.name, how, lexicon)
    if trigger.requires == "route":
        ends = route_states(doc, token)
        if len(ends) != 2:
            return None
        return Candidate(relation.name, token, [ends[0]], [ends[1]], how={"route"})
    if trigger.requires == "hosted":
        # "Jiang told his Swiss hosts", "the Russian president and his Chinese host, Hu"
        guests = [
            a
            for c in token.children
            if c.dep_ == "poss"
            for a in actors_at(doc, c)
            if a.kind == "person"
        ]
        states = [a for a in _demonym_states(doc, token) if a.kind == "country"]
        if not guests or len(states) != 1:
            return None
        return Candidate("visit", token, guests, states, how=how | {"hosted"})
    if relation.name == "visit":
        place = destination(doc, token, lexicon)
        taken = _taken_along(doc, token, lexicon) if not is_verb and place is None else None
        if taken is not None:
            # "the tour also took him to Tashkent": the one taken travels there
            subjects, verb, place = taken
            places = [place, *_conjoined_places(doc, verb, place)]
            # the verb tells the journey's status and time ("will take him to")
            return Candidate("visit", verb, subjects, places, place=place, how=how)
        if place is None:
            return None
        # "will visit Kazakhstan and Uzbekistan": each is visited
        places = [place, *_conjoined_places(doc, token, place)]
        if not is_verb:
            # "a state visit to Moscow and the APEC summit in Auckland"
            more = [_gathering_city(doc, c) for c in token.conjuncts]
            places += [p for p in more if p is not None and p not in places]
        return Candidate("visit", token, subjects, places, place=place, how=how)
    prepositions = OBJECT_PREPOSITIONS.get(relation.name, set())
    if is_verb and lexicon.has("addressed", token.lemma_):
        prepositions = prepositions | {"to"}  # "protested to Pyongyang"
    if trigger.requires == "feeling" and (token.pos_ == "ADJ" or token.tag_ == "VBN"):
        prepositions = prepositions | {"by"}  # "concerned by the Japanese decision"
    if trigger.particle and not any(
        c.dep_ == "prt"
        and c.lower_ == trigger.particle
        and not any(o.dep_ == "pobj" for o in c.children)  # "called on Li Peng" as prt+pobj
        for c in token.children
    ):
        # "call on Yeltsin", "side with"; not "was sworn in in Tokyo"
        prepositions = prepositions | {trigger.particle}
    if relation.symmetric and len(subjects) >= 2:
        # "Gazprom and CNPC signed a memorandum on gas supplies to China": the pair is complete
        prepositions = {"with"}
    extra, pair = _objects_from(doc, token, prepositions, how, search=not relation.symmetric)
    if pair and relation.symmetric and subjects and "fallback" in how:
        subjects = []
    for actor in extra:
        if actor not in objects:
            objects.append(actor)
    if is_verb and relation.symmetric and not objects and not pair:
        # "signed a joint declaration with President Putin": the partner on the object
        things = [c for c in token.children if c.dep_ == "dobj"]
        # "co-chaired a session of the commission with Li": on the noun after "of"
        things += [o for t in things for o in objects_of(t, ("of",))]
        for thing in things:
            found, _ = _objects_from(doc, thing, {"with"}, how, search=False)
            objects = [a for a in found if a not in subjects]
            if objects:
                break
    if not is_verb and relation.symmetric and not objects and not pair:
        # "with whom Yeltsin spent several hours in talks", "held talks on Monday with Hu":
        # the partner may hang on the verb that governs the event noun
        verb = _governing_verb(token)
        if verb is not None and token.dep_ in ("dobj", "pobj"):
            found, _ = _objects_from(doc, verb, {"with"}, how, search=False)
            objects = [a for a in found if a not in subjects]
    if not is_verb and not objects and not pair and token.dep_ == "dobj":
        # "raise shipments of crude to China", "launched strikes against Serbia": the parser
        # may hang the event noun's object on the verb that governs it
        found, _ = _objects_from(doc, token.head, prepositions & _GOVERNED, how, search=False)
        objects = [a for a in found if a not in subjects]
    if not is_verb:
        states = _demonym_states(doc, token)
        if states and not subjects:
            subjects = states  # "Russian arms sales", "the Russian-Chinese summit"
            how.add("demonym")
            if lexicon.has("summit_nouns", token.lemma_.lower()):
                subjects = _leaders(doc, states)  # a summit is held by the heads of state
    if token.lemma_.lower() in relation.recipient_is_subject or (
        relation.name == "transfer_arms" and _orders_goods(token)
    ):
        # "China bought Su-27s from Russia", "Medvedev took over from Putin", "Beijing has
        # contracted for two destroyers"
        giver = [a for a in objects if a.linked]
        if not giver and relation.name == "transfer_arms":
            giver = _search_modifiers(doc, token)
        if not giver and relation.name == "transfer_power":
            giver = _predecessor(doc, token, subjects)
        subjects, objects = giver, subjects
    if relation.name == "transfer_arms" and not is_verb and not objects:
        # "deliveries of the Su-30MKK fighters that China ordered": the buyer in a clause
        objects = [a for a in _buyers(doc, token, relation) if a not in subjects]
        if not objects and not subjects and token.dep_ in ("nsubjpass", "dobj"):
            # "contracts had been signed with Caracas for 24 Su-30 fighters"
            found, _ = _objects_from(doc, token.head, {"with"}, how, search=False)
            objects = [a for a in found if a.kind == "country"]
    if relation.name == "transfer_arms":
        objects = [a for a in objects if a.linked]  # "contracted for two Sovremenny destroyers"
        if objects and not subjects:
            # the maker of the weapons the text names supplies them
            subjects = _arms_maker(doc, token, lexicon)
    if pair and relation.symmetric and not subjects:
        subjects, objects = objects, []
    if not relation.symmetric and subjects and not objects and not is_verb:
        objects = [a for a in _following_actor(doc, token) if a not in subjects]
    if (
        not relation.symmetric
        and subjects
        and not objects
        and is_verb
        and not lexicon.has("report_verbs", token.lemma_)  # "warned that ..." reports, not acts
    ):
        # "continued to resist what appear to be Russian efforts"
        for clause in (c for c in token.children if c.dep_ in ("ccomp", "xcomp")):
            objects = [a for a in _search(doc, clause, limit=4) if a not in subjects]
            if objects:
                break
    elif not relation.symmetric and subjects and not objects and is_verb:
        # "warned that Moscow would pay a heavy price", "complain that China stopped buying":
        # a reporting trigger acts on the subject of what it reports
        for clause in (c for c in token.children if c.dep_ == "ccomp"):
            for child in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                found = actors_at(doc, child, how) or _search(doc, child)
                objects = [a for a in found if a not in subjects]
            if objects:
                break
    if (
        lexicon.has("stance_relations", relation.name)
        and subjects
        and not objects
        and is_verb
        and token.dep_ == "conj"
        and any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in token.head.children)
        and not any(
            c.dep_ in ("dobj", "prep", "ccomp", "xcomp")
            and not (c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == "(")  # a citation
            for c in token.children
        )
    ):
        # "Beijing wanted to stage the landing there, but Moscow objected": against the one
        # whose wish the first clause tells
        objects = [a for a in clause_subject(doc, token.head, set()) if a not in subjects]
    if lexicon.has("stance_relations", relation.name) and subjects:
        # a stance on an event is a stance on its doers: "opposed the U.S.-led invasion of
        # Iraq" acts on the United States, not on Iraq
        agents, event = _event_agents(doc, token, is_verb, lexicon, how)
        if event is not None:
            objects = [a for a in agents if a not in subjects]
            if not objects:
                how.add(f"agent-of:{event}")
        if not objects:
            # "condemned the test": the doer of the test the text told before
            objects = [
                a for a in _antecedent_doers(doc, token, is_verb, lexicon) if a not in subjects
            ]
        if not objects:
            # "opposes the development of missile defense systems": whose policy it is
            objects = [a for a in _issue_owners(doc, token, is_verb, lexicon) if a not in subjects]
        if (
            not objects
            and token.dep_ in ("advcl", "xcomp")
            and lexicon.has("summons", token.head.lemma_)
        ):
            # "summoned the U.S. ambassador to protest the bombing": to the envoy's state
            envoys = [c for c in token.head.children if c.dep_ == "dobj"]
            objects = [
                state_of(a, doc.user_data["kg_discourse"].kb)
                for e in envoys
                for a in actors_at(doc, e) or _demonym_states(doc, e)
            ]
            objects = [a for a in dict.fromkeys(objects) if a not in subjects]
    if relation.symmetric and objects and not subjects and not pair:
        # "... following talks with Jiang": the talks are held by the clause's subject
        subjects = _nearest_subject(doc, token, how)
        if not subjects and not is_verb and token.head.i != token.i:
            # "After talks with Koizumi in Tokyo, the two leaders signed": the subject of
            # the clause the phrase opens
            verb = token.head if token.head.pos_ in ("VERB", "AUX") else _governing_verb(token)
            if verb is not None and verb.i > token.i:
                subjects = [a for a in clause_subject(doc, verb, how) if a not in objects]
    if (
        len(subjects) + len(objects) < 2
        and lexicon.has("bilateral_relations", relation.name)
        and _bilateral(token, lexicon)
    ):
        # "bilateral military-technical cooperation": between the two states of the text
        subjects, objects = doc.user_data["kg_discourse"].focal_pair(), []
        how.add("focal")
    if relation.symmetric and subjects and objects:
        # "Jiang and Putin signed the Treaty ... between China and Russia": a signer's own
        # state is not the other party
        kb = doc.user_data["kg_discourse"].kb
        own = {state_of(a, kb).iri for a in subjects if a.kind == "person"}
        objects = [a for a in objects if a.iri not in own]
    if relation.name == "attack" and is_verb and not subjects:
        # "NATO bombs struck the Chinese embassy", "Russian aircraft bombed Gori"
        subjects = [
            a
            for c in token.children
            if c.dep_ == "nsubj"
            for a in doers_named(doc, c)
            if a not in objects
        ]
    if relation.name == "attack" and bool(subjects) != bool(objects):
        # "the first cruise missile strikes on Yugoslavia", "the U.S.-led bombing campaign":
        # the war of the period names the side the text leaves out
        subjects, objects = _war_sides(doc, subjects, objects, lexicon, how)
    elif relation.name == "attack" and not subjects and not objects and not is_verb:
        # "the strikes", told while a war is under way: that war's
        war = lexicon.conflict_under_way(doc.user_data["kg_discourse"].day)
        kb = doc.user_data["kg_discourse"].kb
        sides = [kb.lookup(name) for name in (war.attacker, war.target)] if war else []
        if sides and all(sides):
            subjects, objects = [actor_of(sides[0][0])], [actor_of(sides[1][0])]
            how.add("conflict")
    if not subjects and not objects:
        return None
    if (
        relation.name != "meet"
        and is_verb
        and lexicon.has("greetings", token.lemma_)
        and objects
        and all(a.kind == "person" for a in objects)
        and all(
            any(a.kind == "person" for a in actors_at(doc, c))
            for c in token.children
            if c.dep_ in ("dobj", "nsubjpass")
        )
    ):
        return None  # "was welcomed by President Sharma": greeted, a meeting
    if trigger.requires == "persons":
        if any(a.kind != "person" for a in subjects + objects):
            return None
    claimant = _breakaway_claimant(doc, token, is_verb, lexicon)
    if claimant is not None and relation.name in ("oppose", "criticize") and subjects:
        # "Russia opposes Taiwan independence in any form": support for China's claim
        return Candidate("support", token, subjects, [claimant], how=how | {"separatism"})
    name = relation.name
    if (
        is_verb
        and lexicon.has("warnings", token.lemma_)
        and not any(
            c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ == "against")
            for c in token.children
        )
        and "criticize" in lexicon.relations
    ):
        # "Clinton warned that Russia would pay a heavy price": a warning to no one
        # criticizes the one it is about ("warned NATO that" opposes NATO)
        name = "criticize"
    return Candidate(name, token, subjects, objects, how=how)


def _war_sides(
    doc: Doc, subjects: list[Actor], objects: list[Actor], lexicon: Lexicon, how: set[str]
) -> tuple[list[Actor], list[Actor]]:
    """Complete an attack told with one side from the conflicts of lexicon.yaml."""
    discourse = doc.user_data["kg_discourse"]
    known = subjects or objects
    if len(known) != 1:
        return subjects, objects
    if subjects:
        conflict = lexicon.conflict(discourse.day, attacker=known[0].name)
        other = conflict.target if conflict else None
    else:
        conflict = lexicon.conflict(discourse.day, target=known[0].name)
        other = conflict.attacker if conflict else None
    found = discourse.kb.lookup(other) if other else []
    if not found:
        return subjects, objects
    how.add("conflict")
    side = [actor_of(found[0])]
    return (subjects, side) if subjects else (side, objects)


def _felt(token: Token, is_verb: bool, lexicon: Lexicon) -> bool:
    """A feeling voiced ("expressed concern over") or felt ("he was disappointed that")."""
    if not is_verb:
        return token.dep_ == "dobj" and lexicon.has("voice_verbs", token.head.lemma_)
    return token.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in token.children)


def _heard_from(
    doc: Doc, noun: Token, lexicon: Lexicon, relation: str
) -> tuple[list[Actor], list[Actor]] | None:
    """A stance noun with "from X" drawn by a thing: X takes the stance on its doer."""
    if not lexicon.has("stance_relations", relation):
        return None
    verb = _governing_verb(noun)
    if verb is None or noun.dep_ != "dobj":
        return None
    critics, _ = _objects_from(doc, noun, {"from"}, set(), search=False)
    if not critics:  # the parser may hang "from X" on the verb
        critics, _ = _objects_from(doc, verb, {"from"}, set(), search=False)
    if not critics:
        return None
    things = [c for c in verb.children if c.dep_ == "nsubj"]
    if not things and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        # "a Chinese missile destroyed a satellite, drawing protests from Washington"
        things = [c for c in verb.head.children if c.dep_ == "nsubj"]
    for thing in things:
        thing = antecedent(thing)
        agents, _ = _event_agents(doc, verb, True, lexicon, set(), nouns=[thing])
        doers = (
            agents
            or actors_at(doc, thing)
            or doers_named(doc, thing)
            or _antecedent_doers(doc, verb, True, lexicon, [thing])
            or _demonym_states(doc, thing)
        )
        doers = [a for a in doers if a not in critics]
        if doers:
            return critics, doers
    return None


def _facility_built(
    doc: Doc, token: Token, is_verb: bool, subjects: list[Actor], lexicon: Lexicon, how: set[str]
) -> Candidate | None:
    """ "the light-water reactor that Russia is building for Iran at Bushehr", "the
    construction of two nuclear power units at Kudankulam": the builder's state cooperates
    with the state the plant is for, or in."""
    kb = doc.user_data["kg_discourse"].kb
    cue = lexicon.cues.get("facility", frozenset())
    things = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if not is_verb:
        things = [o for p in token.children if p.lower_ == "of" for o in p.children]
    if token.dep_ == "relcl":
        things.append(token.head)  # "the reactor that Russia is building"
    things = [antecedent(t) for t in things]
    facilities = [
        t for t in things if t.lemma_.lower() in cue or any(c.lower_ in cue for c in t.children)
    ]
    if not facilities:
        return None
    hosts: list[Actor] = []
    for node in [token, *facilities]:
        found, _ = _objects_from(doc, node, {"for"}, how, search=False)
        hosts += found
        hosts += [a for c in node.children if c.dep_ == "poss" for a in actors_at(doc, c)]
        places = [c for c in node.children if c.dep_ in ("compound", "nmod")]  # "Bushehr plant"
        for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ in ("in", "at")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                # "at Kudankulam in India": the town, or the country it is in
                places += [obj] + [o for p in obj.children if p.lower_ == "in" for o in p.children]
        for word in places:
            place = _place_of(doc, word)
            country = kb.country(place.country) if place is not None else None
            if country is not None:
                hosts.append(actor_of(country))
    builders = [state_of(a, kb) for a in subjects]
    if not builders and not is_verb:
        builders = _demonym_states(doc, token)  # "Russian help in building"
    hosts = [h for h in dict.fromkeys(state_of(a, kb) for a in hosts) if h not in builders]
    if not builders or not hosts:
        return None
    return Candidate("cooperate", token, builders[:1], hosts[:1], how=how | {"facility"})


def _breakaway_claimant(doc: Doc, token: Token, is_verb: bool, lexicon: Lexicon) -> Actor | None:
    """The state whose territory's breakaway a stance is on: "Taiwan independence" → China."""
    kb = doc.user_data["kg_discourse"].kb
    for noun in _stance_nouns(token, is_verb):
        if not lexicon.has("breakaway_nouns", noun.lemma_):
            continue
        words = [c for c in noun.children if c.dep_ in ("compound", "poss", "amod", "nmod")]
        words += [
            o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
        ]
        for word in words:
            for actor in actors_at(doc, word) or _single(doc, word):
                claimant = lexicon.separatisms.get(actor.name)
                found = kb.lookup(claimant) if claimant else []
                if found:
                    return actor_of(found[0])
    return None


def _issue_owners(doc: Doc, token: Token, is_verb: bool, lexicon: Lexicon) -> list[Actor]:
    """The owner of a policy the stance's object names (lexicon ``issues``), if the document
    names that owner somewhere: "the eastward expansion of military blocs" → NATO."""
    if not lexicon.issues:
        return []
    named = {a.name: a for m in (doc._.kg_mentions or {}).values() for a in m.actors}
    for noun in _stance_nouns(token, is_verb):
        words = [t for t in noun.subtree if t.dep_ not in ("relcl", "acl", "det", "poss")]
        text = " " + " ".join(t.lower_ for t in words) + " "
        lemmas = " " + " ".join(t.lemma_.lower() for t in words) + " "
        for phrase, owner in lexicon.issues.items():
            if owner in named and (f" {phrase} " in text or f" {phrase} " in lemmas):
                return [named[owner]]
    return []


def _stance_nouns(token: Token, is_verb: bool) -> list[Token]:
    """The thing a stance is taken on: "condemned the test", "criticism of the decision"."""
    things = (
        [antecedent(c) for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if is_verb
        else []
    )
    # "was opposed to the military action", "criticism of the decision"
    preps = ("to", "against", "over", "about") if is_verb else ("of", "to", "against", "over")
    if token.pos_ == "ADJ" or token.tag_ == "VBN":
        preps += ("by", "at", "with")  # "concerned by the decision", "alarmed at the tests"
    return things + [
        obj
        for prep in token.children
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def doers_named(doc: Doc, noun: Token) -> list[Actor]:
    """The doers a noun phrase names: "China's test", "the Russian proposal", "the U.S.
    plan", "the test by North Korea"."""
    return (
        [a for c in noun.children if c.dep_ == "poss" for a in actors_at(doc, c)]
        or _demonym_states(doc, noun)
        or [
            a
            for c in noun.children
            if c.dep_ in ("compound", "nmod")
            for a in _single(doc, c, states_from_demonyms=True)
        ]
        or [
            a
            for p in noun.children
            if p.dep_ in ("prep", "agent") and p.lower_ == "by"
            for o in p.children
            if o.dep_ == "pobj"
            for a in actors_at(doc, o)
        ]
    )


def _antecedent_doers(
    doc: Doc,
    token: Token,
    is_verb: bool,
    lexicon: Lexicon,
    nouns: list[Token] | None = None,
    window: int = 400,
) -> list[Actor]:
    """The doer of a definite thing told before: "North Korea conducted a nuclear test on
    October 9 ... Beijing condemned the test" → North Korea. The earlier mention names its
    doer by a possessive, a modifier, "by X", or as the subject of the verb it is object of.
    """
    for noun in nouns if nouns is not None else _stance_nouns(token, is_verb):
        if noun.pos_ != "NOUN" or not any(
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those")
            for c in noun.children
        ):
            continue
        before = list(reversed(doc[max(0, noun.i - window) : noun.i]))
        # or told later in the paragraph: "condemned the test ... five days after North
        # Korea's underground nuclear test"
        after = list(doc[noun.i + 1 : noun.i + 150])
        after = after[: next((k for k, t in enumerate(after) if t.is_space), len(after))]
        for earlier in before + after:
            if earlier.lemma_ != noun.lemma_ or earlier.i == noun.i:
                continue
            doers = doers_named(doc, earlier)
            if (
                not doers
                and earlier.dep_ == "dobj"
                and earlier.head.pos_ == "VERB"
                and lexicon.has("doing_verbs", earlier.head.lemma_)
            ):
                doers = clause_subject(doc, earlier.head, set())
            if doers:
                return doers
    return []


def _judged(verb: Token, relation: str, lexicon: Lexicon) -> Token | None:
    """The word a judgment verb calls its object by, when it is one of the relation's
    judgments ("regards India as a strong candidate", "called the decision a mistake")."""
    wanted = lexicon.words.get(f"judgments.{relation}", frozenset())
    nodes = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    words = [
        obj
        for node in nodes
        for prep in node.children
        if prep.dep_ == "prep" and prep.lower_ == "as"
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]
    words += [c for c in verb.children if c.dep_ in ("oprd", "attr", "ccomp", "xcomp")]
    # "called the sale of F-16s to Taiwan unacceptable": the parser may hang the complement
    # on the last noun, after it
    words += [t for t in verb.subtree if t.dep_ == "amod" and t.i > t.head.i]
    words += [c for c in verb.children if c.dep_ == "dobj"][1:]
    for word in list(words):
        # "one of the leading terrorist nations"
        words += [
            o for p in word.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
        ]
    for word in words:
        lemma = word.lemma_.lower()
        forms = {lemma}
        forms |= {f"{c.lower_} {lemma}" for c in word.children if c.dep_ in ("amod", "compound")}
        forms |= {c.lower_ for c in word.children if c.dep_ in ("amod", "compound")}
        forms |= {
            f"{lemma} of {o.lemma_.lower()}"
            for p in word.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children
        }
        if forms & wanted:
            small_clause = word.dep_ in ("ccomp", "xcomp") or (
                word.dep_ == "oprd" and any(c.dep_ == "nsubj" for c in word.children)
            )  # "called the council's decision illegal" parsed as a clause
            return word if small_clause else verb
    return None


def _sovereignty(
    doc: Doc, token: Token, relation: str, how: set[str], lexicon: Lexicon
) -> Candidate | None:
    """ "Moscow reaffirmed that Taiwan is an inalienable part of China": Russia supports China.

    The state is the object of "of"; the supporter is the subject of the first verb above
    the phrase that is not a copula (the territory itself is not).
    """
    objects: list[Actor] = []
    holder = token
    for _ in range(2):  # "part of China", "part of the territory of the People's Republic"
        pobjs = [
            obj
            for prep in holder.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for obj in prep.children
            if obj.dep_ == "pobj"
        ]
        objects = [a for obj in pobjs for a in actors_at(doc, obj) if a.kind == "country"]
        if objects or len(pobjs) != 1 or pobjs[0].lemma_ not in ("territory", "land", "soil"):
            break
        holder = pobjs[0]
    verb = token.head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") and verb.lemma_ != "be":
            break
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    else:
        return None
    subjects = clause_subject(doc, verb, how)
    if not subjects and verb.dep_ in ("acl", "relcl"):
        # "issued a statement describing Tibet as an inseparable part of China"
        subjects = _signers(doc, verb.head, how, lexicon)
    subjects = [a for a in subjects if a not in objects]
    if not objects or not subjects:
        return None
    return Candidate(relation, token, subjects, objects, how=how)


def _leaders(doc: Doc, states: list[Actor]) -> list[Actor]:
    """The leaders of ``states`` on the document's day (heads of state, or of government
    where the head of state is ceremonial), when each is known."""
    discourse = doc.user_data["kg_discourse"]
    if discourse.day is None:
        return states
    leaders = []
    for state in states:
        role = discourse.kb.leader_role(state.name)
        holders = discourse.kb.holders(role, state.name, discourse.day)
        if state.kind != "country" or len(holders) != 1:
            return states
        leaders.append(actor_of(holders[0]))
    return leaders


def _bilateral(token: Token, lexicon: Lexicon) -> bool:
    return any(c.dep_ == "amod" and lexicon.has("bilateral", c.lower_) for c in token.children)


def _governor_objects(doc: Doc, noun: Token, how: set[str], subjects: list[Actor]) -> list[Actor]:
    """The person addressed by the verb an event noun hangs on: "assured Beijing of its support"."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep" or noun.head.lower_ not in ("of", "about"):
        return []
    verb = noun.head.head
    if verb.pos_ != "VERB":
        return []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            found = [a for a in actors_at(doc, child, how) if a not in subjects]
            if found:
                return found
    return []


def _nearest_subject(doc: Doc, token: Token, how: set[str]) -> list[Actor]:
    """The closest actor before the trigger that is the subject of its clause (a parse fallback).

    A sentence that opens with "and" or in lower case continues the previous one, whose
    subject it shares.
    """
    start = token.sent.start
    first = doc[start]
    if (first.lower_ in ("and", "but") or first.is_lower) and start > 0:
        start = doc[start - 1].sent.start
    for i in range(token.i - 1, start - 1, -1):
        word = doc[i]
        if word.dep_ in ("nsubj", "nsubjpass"):
            found = actors_at(doc, word, how)
            if found:
                how.add("fallback")
                return found
    return []


def _preceding_actors(doc: Doc, verb: Token, how: set[str]) -> list[Actor]:
    """The actors named just before a verb the parser left without a subject."""
    for i in range(verb.i - 1, verb.sent.start - 1, -1):
        word = doc[i]
        if word.is_punct or word.is_space:
            continue
        mention = _mention(doc, word)
        if mention is None and word.dep_ in ("advmod", "npadvmod") and word.head.i == verb.i:
            continue  # "Jiang and President Akaev yesterday signed"
        if mention is None or not mention.actors or mention.kind in ("demonym", "city"):
            return []
        head = doc[mention.end - 1]
        while head.head.i < head.i:  # back to the first of "Gazprom and the CNPC (CNPC)"
            above = _mention(doc, head.head)
            if above is None or not above.actors:
                break
            same = above.actors == (_mention(doc, head).actors if _mention(doc, head) else [])
            if head.dep_ == "conj" and head.head.dep_ == "pobj" and doc[head.i - 1].text == ",":
                break  # "a visit to India, Putin and Vajpayee signed": the phrase ended
            if head.dep_ == "conj" or (head.dep_ == "appos" and same):
                head = head.head
            else:
                break
        how.add("fallback")
        return actors_at(doc, head, how)
    return []


def _following_actor(doc: Doc, token: Token) -> list[Actor]:
    """The first actor right after an event noun, in its phrase: "criticisms both of U.S. plans"."""
    for i in range(token.i + 1, min(token.i + 7, token.sent.end)):
        word = doc[i]
        if word.is_punct or word.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return []
        if word.dep_ == "prep" and word.lower_ in _TOPICS:
            return []  # "its support on the questions of Taiwan": a topic, not the one backed
        found = _as_state(doc, word, _single(doc, word, states_from_demonyms=True))
        if found:
            return found
    return []


def _predecessor(doc: Doc, verb: Token, successors: list[Actor]) -> list[Actor]:
    """ "took over after Niyazov's death", "after Akaev was driven from power": the person
    whose end the "after" phrase tells. Else, "Medvedev was sworn in as president": whoever
    held before him the post the base says he took up about the time of the text."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "after"):
        for obj in prep.children:
            people = [
                a
                for c in obj.subtree
                if c.dep_ in ("poss", "nsubj", "nsubjpass")
                for a in _single(doc, c)
                if a.kind == "person"
            ]
            if people:
                return people[:1]
    discourse = doc.user_data["kg_discourse"]
    day, kb = discourse.day, discourse.kb
    if day is None or len(successors) != 1 or successors[0].kind != "person":
        return []
    if verb.tag_ == "VBG":
        return []  # "his first trip abroad since taking office" dates the trip
    entity = kb.get(successors[0].iri.removeprefix(ACTOR_BASE))
    posts = [
        p
        for p in (entity.posts if entity is not None else ())
        if p.start is not None and -30 <= (day - p.start).days <= 120
    ]
    if not posts:
        return []
    post = min(posts, key=lambda p: abs((day - p.start).days))
    before = [
        e
        for e in kb.holders(post.role, entity.country, post.start - timedelta(days=1))
        if e.id != entity.id
    ]
    return [actor_of(before[0])] if len(before) == 1 else []


def _buyers(doc: Doc, noun: Token, relation) -> list[Actor]:
    """The subject of a clause on the goods that says who bought or ordered them."""
    buying = set(relation.recipient_is_subject) | {"order", "contract"}
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for goods in (c for c in prep.children if c.dep_ == "pobj"):
            for clause in (c for c in goods.children if c.dep_ in ("relcl", "acl")):
                if clause.lemma_.lower() not in buying:
                    continue
                for child in clause.children:
                    if child.dep_ == "nsubj" or child.dep_ == "agent":
                        found = actors_at(doc, child) or [
                            a for g in child.children if g.dep_ == "pobj" for a in actors_at(doc, g)
                        ]
                        if found:
                            return found
    return []


def _orders_goods(token: Token) -> bool:
    """ "contracted for two destroyers", "signed contracts for Su-30 fighters": a buyer.

    A verb or an order noun whose goods follow "for" has the buyer as its subject.
    """
    if token.pos_ not in ("VERB", "AUX") and token.lemma_.lower() not in (
        "contract",
        "order",
        "deal",
    ):
        return False
    if any(_for_goods(c) for c in token.children):
        return True
    return any(
        c.dep_ == "dobj"
        and c.lemma_.lower() in ("contract", "order", "deal")
        and any(_for_goods(p) for p in c.children)
        for c in token.children
    )


#: Prepositions that introduce what a stance is about, not whom it is on.
_TOPICS = {"on", "over", "regarding", "concerning", "about"}
_SPANS = {"year", "month", "decade", "week", "day", "time", "while"}


def _for_goods(prep: Token) -> bool:
    """ "for two destroyers", not "for years"."""
    return (
        prep.dep_ == "prep"
        and prep.lower_ == "for"
        and any(
            o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME") and o.lemma_ not in _SPANS
            for o in prep.children
        )
    )


def _arms_maker(doc: Doc, token: Token, lexicon: Lexicon) -> list[Actor]:
    """The state that makes the weapons named around the trigger (lexicon.yaml arms_makers)."""
    kb = doc.user_data["kg_discourse"].kb
    words = [token.head, *token.head.subtree] if token.dep_ != "ROOT" else list(token.subtree)
    for word in words:
        for form in (word.lower_, word.lemma_.lower(), word.lower_.split("-class")[0]):
            maker = lexicon.arms_makers.get(form)
            if maker is None and "-" in form:
                # "Su-30MKI", "Su-27SK": the family's maker
                maker = next(
                    (m for w, m in lexicon.arms_makers.items() if form.startswith(w)), None
                )
            if maker is not None:
                found = kb.country(maker)
                return [actor_of(found)] if found is not None else []
    return []


def _search_modifiers(doc: Doc, token: Token) -> list[Actor]:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found = _search(doc, obj)
                    if found:
                        return found
    return []
