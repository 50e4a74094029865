"""Triggers: the verbs and nouns of ``ontology/relations.yaml`` that state a relation.

A trigger is a verb ("met", "signed", "traveled") or a noun ("talks", "visit", "arms
sales"); some need a cue among their modifiers ("sales" states an arms transfer only as
"arms sales"). Nouns that sum events up ("a flurry of talks") or sit in a document's
title ("a treaty of friendship and cooperation") are not triggers.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..lexicon import Lexicon, Trigger

__all__ = ["demanded_cessation", "find_triggers", "has_cue", "judged_clause"]

_NOMINAL = {"dobj", "nsubj", "nsubjpass", "pobj", "attr", "appos"}
# Requirements the argument reader checks, not cue words: person arguments, a place the
# trigger leads to, a route between two states ("a pipeline from Skovorodino to Daqing"),
# a judgment ("regards India as a candidate"), a recognition of a state.
STRUCTURAL = (
    "persons",
    "destination",
    "route",
    "named",
    "judgment",
    "recognition",
    "harm",
    "feeling",
    "together",
    "facility",
    "claim",
    "cessation",
    "hosted",
)


def has_cue(token: Token, cue: frozenset[str], *, modifiers_only: bool = False) -> bool:
    """Return True when a cue word modifies the trigger or is its object ("arms sales").

    With ``modifiers_only`` the cue must modify the trigger itself ("air campaign", not
    "a campaign against missile defense") or name its doer ("destruction by NATO bombs").
    """
    if modifiers_only:
        words = {t.lower_ for t in token.lefts} | {t.lemma_.lower() for t in token.lefts}
        for mod in token.lefts:
            if mod.dep_ == "poss":
                words |= {t.lower_ for t in mod.subtree}
        for prep in token.rights:
            if prep.dep_ == "prep" and prep.lower_ == "by":  # "destruction ... by NATO bombs"
                words |= {t.lower_ for t in prep.subtree} | {t.lemma_ for t in prep.subtree}
            if prep.dep_ == "prep" and prep.lower_ in ("on", "against"):
                # "strikes on Taliban targets": what is struck
                words |= {o.lemma_.lower() for o in prep.children if o.dep_ == "pobj"}
        return bool(words & cue)
    words: set[str] = {token.lemma_.lower(), token.lower_}
    near = [token, *token.children]
    if token.pos_ == "VERB" and token.i > 0 and not any(c.dep_ == "nsubj" for c in token.children):
        # "On the night of August 7 Georgian troops moved into ...": a subject the parser
        # hung on the phrase before it
        near.append(token.doc[token.i - 1])
    if token.dep_ in ("compound", "amod", "relcl", "acl"):
        near.append(token.head)
    if token.dep_ in ("nsubjpass", "dobj"):
        # "contracts had been signed ... for 24 Su-30 fighters": the goods on the verb
        near.extend(p for p in token.head.children if p.dep_ == "prep" and p.lower_ == "for")
    for child in list(near):
        if child.dep_ == "prep":
            # "supply China with 30 million tons of oil": the goods in the phrase, measured
            objs = [c for c in child.children if c.dep_ == "pobj"]
            near.extend(objs)
            near.extend(
                o
                for obj in objs
                for prep in obj.children
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for o in prep.children
                if o.dep_ == "pobj"
            )
        if child.dep_ in ("dobj", "nsubjpass", "pobj", "attr"):
            near.extend(child.children)
            # a measure of goods: "30 billion cubic meters of gas", "tons of crude"
            near.extend(
                obj
                for prep in child.children
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for obj in prep.children
                if obj.dep_ == "pobj"
            )
    for word in near:
        words.add(word.lemma_.lower())
        words.add(word.lower_)
        for mod in word.lefts:
            if mod.dep_ in ("amod", "compound", "nmod"):
                words.add(mod.lower_)
                words.add(f"{mod.lower_} {word.lemma_.lower()}")
                for sub in mod.lefts:
                    words.add(f"{sub.lower_} {word.lemma_.lower()}")
    return bool(words & cue)


def _has_particle(token: Token, particle: str) -> bool:
    """ "called off", "put their names to", "call on": the particle is the verb's own.

    A coordinated phrase is not: "calling for a settlement in Iraq and on Korea".
    """
    return any(
        (c.lower_ == particle or c.lemma_ == particle) and c.dep_ != "conj" for c in token.children
    )


def find_triggers(sent, lexicon: Lexicon) -> Iterator[tuple[Token, Trigger]]:
    """Yield ``(token, trigger)`` for every word of the sentence that may state a relation."""
    mentions = sent.doc._.kg_mentions or {}
    yield from _named_events(sent, lexicon)
    for token in sent:
        if token.pos_ == "VERB" and lexicon.has("report_verbs", token.lemma_):
            yield from _harmful_report(token, lexicon)
        if token.pos_ == "VERB" and demanded_cessation(token, lexicon) is not None:
            yield token, Trigger("oppose", token.lemma_.lower(), "verb", None, "cessation")
        if token.i in mentions and mentions[token.i].kind in ("name", "ner"):
            continue  # "Shanghai Cooperation Organization" names a body, not a cooperation
        if (
            token.tag_.startswith("NN")
            or token.pos_ in ("NOUN", "PROPN")
            or (token.dep_ in _NOMINAL and not lexicon.triggers_for(token.lemma_.lower(), "verb"))
        ):
            pos = "noun"  # the tagger may call "criticisms" a verb; its place in the parse knows
        elif token.pos_ in ("VERB", "AUX", "ADJ"):
            pos = "verb"
        else:
            continue
        if pos == "verb" and token.dep_ == "acl" and token.tag_ == "VBN":
            head = mentions.get(token.head.i)
            if not any(c.dep_ == "agent" for c in token.children) and not (head and head.actors):
                continue  # "the documents signed": describes a thing, the event is told elsewhere
        if pos == "verb" and _fixed_expression(token):
            continue
        if pos == "noun" and (
            _aggregate(token, lexicon) or _named_inside(token, lexicon) or _in_title(token, lexicon)
        ):
            continue
        found = []
        # "welcomed Jiang to Moscow" greets a guest: a meeting, no stance
        greeting = lexicon.has("greeting_verbs", token.lemma_) and any(
            c.dep_ == "prep" and c.lower_ == "to" and _names_place(c, mentions)
            for c in token.children
        )
        # "did not rule out a visit": whether an event may happen, no stance on anyone
        possible = pos == "verb" and _rules_on_an_event(token, lexicon)
        for trigger in lexicon.triggers_for(token.lemma_.lower(), pos):
            if (greeting and trigger.relation != "meet") or possible:
                continue
            if trigger.particle and not _has_particle(token, trigger.particle):
                continue
            if trigger.requires and trigger.requires not in STRUCTURAL:
                cue = lexicon.cues.get(trigger.requires, frozenset())
                own = trigger.requires in lexicon.words.get("modifier_cues", frozenset())
                if (
                    not has_cue(token, cue, modifiers_only=own and pos == "noun")
                    and not (trigger.requires == "sovereignty" and _claimed(token, lexicon))
                    and not (lexicon.has("wars", token.lemma_) and _between_states(token))
                    and not (trigger.requires == "joint" and _held_by_several(token, mentions))
                ):
                    continue
            found.append(trigger)
        specific = [t for t in found if t.requires and t.requires not in STRUCTURAL]
        for trigger in specific or found:  # "arms contracts" are arms sales, not just contracts
            yield token, trigger


def _rules_on_an_event(verb: Token, lexicon: Lexicon) -> bool:
    """Whether a verb of possibility ("rule out") has an event for its object."""
    forms = [verb.lemma_, *(f"{verb.lemma_} {c.lower_}" for c in verb.children if c.dep_ == "prt")]
    if not any(lexicon.has("possibility_verbs", f) for f in forms):
        return False
    return any(
        lexicon.has("gathering_relations", t.relation)
        for c in verb.children
        if c.dep_ == "dobj"
        for t in lexicon.triggers_for(c.lemma_.lower(), "noun")
    )


def _names_place(prep: Token, mentions: dict) -> bool:
    """Whether a preposition's object names a city or a state's seat."""
    return any(
        mentions.get(o.i) is not None and mentions[o.i].place is not None
        for o in prep.children
        if o.dep_ == "pobj"
    )


def _held_by_several(token: Token, mentions: dict) -> bool:
    """ "Russia and China held an antiterrorist exercise", "troops from Russia, China and
    Kazakhstan took part in the exercise": an exercise of two or more states is joint."""
    verb = token if token.pos_ == "VERB" else token.head
    if token.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head  # "took part in the exercise"
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    states: set[str] = set()
    doers = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and verb is not token]
    # "the declaration adopted by the SCO heads of state", "Putin and Hu adopted a statement"
    doers += [c for c in verb.children if c.dep_ == "nsubj" and verb is token]
    doers += [o for c in verb.children if c.dep_ == "agent" for o in c.children]
    for subject in doers:
        for word in subject.subtree:
            mention = mentions.get(word.i)
            for actor in mention.actors if mention is not None else ():
                state = actor.name if actor.kind == "country" else actor.country
                if state:
                    states.add(state)
    return len(states) >= 2


def _named_events(sent, lexicon: Lexicon) -> Iterator[tuple[Token, Trigger]]:
    """ "Peace Mission 2005": a named event of lexicon.yaml, its trigger the name's last word."""
    text = sent.text.lower()
    for name, (relation, _) in lexicon.named_events.items():
        start = text.find(name)
        while start >= 0:
            span = sent.char_span(start, start + len(name))
            if span is not None:
                yield span[-1], Trigger(relation, name, "noun", None, "named")
            start = text.find(name, start + 1)


def _harmful_report(token: Token, lexicon: Lexicon) -> Iterator[tuple[Token, Trigger]]:
    """ "Ivanov said the U.S. plan would threaten Russia's security": to report that an act
    harms is to criticize its doer. Reporting verbs that are triggers themselves ("warned",
    "complained") keep their own relation."""
    if any(
        (not t.particle or _has_particle(token, t.particle))
        and lexicon.has("stance_relations", t.relation)
        for t in lexicon.triggers_for(token.lemma_.lower(), "verb")
    ):
        # "warned", "complained" are stances of their own; "charging that" is not, nor is
        # "told" (a meeting when told to a person)
        return
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        relation = judged_clause(clause, lexicon)
        if relation is not None:
            yield token, Trigger(relation, token.lemma_.lower(), "verb", None, "harm")
            return


def demanded_cessation(token: Token, lexicon: Lexicon) -> Token | None:
    """The clause of a demand that someone stop: "urged Pyongyang to abandon its plans",
    "agreed that NATO must halt its strikes", "demanded that the raids stop"."""
    urged = lexicon.has("demand_verbs", token.lemma_)
    if not urged and not lexicon.has("demand_reports", token.lemma_):
        return None
    for clause in (c for c in token.children if c.dep_ in ("ccomp", "xcomp")):
        if not lexicon.has("cessations", clause.lemma_) or any(
            c.dep_ == "neg" for c in clause.children
        ):
            continue
        must = any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in clause.children)
        if urged or must or token.lemma_ in ("demand", "insist"):
            return clause
    return None


def judged_clause(clause: Token, lexicon: Lexicon) -> str | None:
    """The stance a reported clause takes on its subject: criticism when it harms or is
    wrong ("would upset the balance", "was a gross violation of the UN Charter", "remained a
    serious mistake"), support when it is right ("is the sole legal government of China")."""
    if any(c.dep_ == "neg" for c in clause.children):
        return None
    if lexicon.has("harm_verbs", clause.lemma_):
        return "criticize"
    if clause.lemma_ not in _COPULAS:
        return None
    for relation in ("criticize", "support"):
        wanted = lexicon.words.get(f"judgments.{relation}", frozenset())
        for word in (c for c in clause.children if c.dep_ in ("attr", "acomp", "oprd")):
            forms = {word.lemma_.lower(), word.lower_}
            forms |= {c.lower_ for c in word.children if c.dep_ in ("amod", "compound")}
            forms |= {
                f"{c.lower_} {word.lemma_.lower()}"
                for c in word.children
                if c.dep_ in ("amod", "compound")
            }
            if forms & wanted:
                return relation
    return None


_COPULAS = {"be", "remain", "become", "constitute", "represent"}


_TITLE_GLUE = {"of", "and", "on", "for", "the", "in", "-", "between"}


def _in_title(token: Token, lexicon: Lexicon) -> bool:
    """A capitalized word inside a document's title: "the Treaty of Good-Neighborliness and
    Friendly Cooperation" names a treaty, not a cooperation."""
    if not token.text[:1].isupper() or token.i == token.sent.start:
        return False
    accords = lexicon.cues.get("accord", frozenset())
    for word in reversed(token.doc[max(token.sent.start, token.i - 15) : token.i]):
        if word.lower_ in _TITLE_GLUE:
            continue
        if not word.text[:1].isupper():
            return False
        if word.lower_ in accords or word.lemma_.lower() in accords:
            return True
    return False


def _between_states(token: Token) -> bool:
    """ "Russia's war with Georgia": a state's war on another state needs no cue word."""
    mentions = token.doc._.kg_mentions or {}

    def state(word: Token) -> bool:
        mention = mentions.get(word.i)
        return mention is not None and any(a.kind == "country" for a in mention.actors)

    owner = any(c.dep_ == "poss" and state(c) for c in token.children)
    other = any(
        p.dep_ == "prep" and p.lower_ in ("with", "against", "on") and state(o)
        for p in token.children
        for o in p.children
    )
    return owner and other


def _claimed(token: Token, lexicon: Lexicon) -> bool:
    """ "recognized Taiwan as part of China": a verb of recognition makes "part of" a claim."""
    node = token
    for _ in range(3):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ == "VERB":
            return lexicon.has("claim_verbs", node.lemma_)
    return False


def _fixed_expression(token: Token) -> bool:
    """Return True for a verb inside a fixed phrase: "as opposed to" states no opposition."""
    previous = token.doc[token.i - 1] if token.i > 0 else None
    return previous is not None and previous.lower_ == "as" and token.tag_ == "VBN"


def _aggregate(token: Token, lexicon: Lexicon) -> bool:
    """Return True for a noun that sums up several events: "a flurry of talks"."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i:
        quantifier = head.head
        return lexicon.has("aggregates", quantifier.lemma_) or lexicon.has(
            "aggregates", quantifier.lower_
        )
    return False


def _named_inside(token: Token, lexicon: Lexicon) -> bool:
    """A relation noun inside another event's "of" phrase is part of it, not an event.

    "the signing of the agreement" is one agreement; "a treaty of friendship and
    cooperation" names a treaty, not a cooperation.
    """
    if (
        token.dep_ == "pobj"
        and token.head.lower_ in ("on", "about", "over")
        and {token.head.head.lemma_.lower(), token.head.head.lower_}
        & lexicon.cues.get("talks", frozenset())
    ):
        return True  # "talks on a peace treaty": the treaty is their subject, not yet an event
    node = token
    for _ in range(3):
        if node.dep_ not in ("pobj", "conj") or node.head.i == node.i:
            return False
        node = node.head
        if node.dep_ == "prep" and node.lower_ == "of":
            outer = node.head.lemma_.lower()
            return outer in lexicon.cues.get("accord", frozenset()) or outer == "signing"
    return False
