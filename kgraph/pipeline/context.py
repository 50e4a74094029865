"""The circumstances of an event: status, time, place, cited sources and speaker."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..dates import Interval, TimeExpression, days_apart, find_time_expressions
from ..kb import KnowledgeBase
from ..lexicon import Lexicon
from ..model import Actor, Citation, Document
from ..reader import outlet_name
from .actors import actor_of
from .relations import clause_subject

__all__ = [
    "event_status",
    "governors",
    "sentence_times",
    "event_time",
    "event_place",
    "event_cites",
    "inline_citations",
    "event_speaker",
]

_DURATION = re.compile(r"^(?P<n>\w+)-day$", re.I)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}  # fmt: skip


def governors(token: Token, limit: int = 6) -> list[Token]:
    """Return the trigger and the words that govern it, up to its clause's root."""
    chain = [token]
    node = token
    for _ in range(limit):
        if node.head.i == node.i or node.dep_ in ("ccomp", "parataxis", "advcl", "relcl", "ROOT"):
            break
        node = node.head
        chain.append(node)
    return chain


def _verb_forms(node: Token) -> list[str]:
    """A verb's lemma, and with its particle: "called off" → ["call", "call off"]."""
    forms = [node.lemma_]
    forms += [f"{node.lemma_} {c.lower_}" for c in node.children if c.dep_ == "prt"]
    return forms


def event_status(token: Token, lexicon: Lexicon) -> str:
    """Return ``"negated"``, ``"planned"`` or ``"occurred"`` for a trigger in its clause.

    Negation: a ``not``/``never`` on the trigger or a word governing it, "no agreement",
    "failed to". Planned: a modal (will, would, may), a governor such as *expected*,
    *scheduled*, *due*, "is to", or a modifier such as *upcoming*.
    """
    chain = governors(token)
    for k, node in enumerate(chain):
        if node.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            # "Moscow has rejected the calls ...: on May 25 Hu and his guest signed": a
            # clause with its own subject keeps its own status
            chain = chain[: k + 1]
            break
    if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "under":
        return "occurred"  # "Under the agreement, Russia will supply oil": the agreement is
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("nsubjpass", "dobj"):
        forms = _verb_forms(token.head)
        if any(lexicon.has("possibility_verbs", w) for w in forms):
            # "did not rule out a meeting": possible, so planned; "ruled out a visit": not
            negative = any(c.dep_ == "neg" for c in token.head.children)
            return "planned" if negative else "negated"
        if token.dep_ == "nsubjpass" and any(lexicon.has("negated.governors", w) for w in forms):
            return "negated"  # "Putin's trip to Beijing has been postponed", "was called off"
    if (
        token.pos_ in ("NOUN", "PROPN")
        and token.dep_ in ("nsubj", "nsubjpass")
        and not lexicon.has("occurrence_verbs", token.head.lemma_)
    ):
        # "Russian arms sales to China will rise": the modal is the rise's, not the sales';
        # but "the exercise will be held" and "the summit will take place" are the event's
        chain = [token]
    for node in chain:
        if node.dep_ in ("pobj", "pcomp") and lexicon.has("negated.prepositions", node.head.lower_):
            return "negated"  # "ended without agreement", "without a treaty being signed"
        for child in node.children:
            if child.dep_ == "neg" or child.lower_ in ("never", "nor"):
                return "negated"
            if (
                child.dep_ == "det"
                and lexicon.has("negated.determiners", child.lower_)
                and node.pos_ != "VERB"
            ):
                return "negated"
        if node.i != token.i and any(
            lexicon.has("negated.governors", word) for word in _verb_forms(node)
        ):
            return "negated"
    if token.pos_ in ("VERB", "AUX"):
        # "no agreement was signed", "signed no agreement"
        for child in token.children:
            if child.dep_ in ("nsubjpass", "dobj") and any(
                d.dep_ == "det" and lexicon.has("negated.determiners", d.lower_)
                for d in child.children
            ):
                return "negated"
    if token.pos_ in ("NOUN", "PROPN"):
        for child in token.children:
            if child.dep_ == "det" and lexicon.has("negated.determiners", child.lower_):
                return "negated"
        verb = next((n for n in chain[1:] if n.pos_ in ("VERB", "AUX")), None)
        if verb is not None and token.dep_ in ("nsubjpass", "dobj"):
            for child in verb.children:
                if child.dep_ == "neg":
                    return "negated"
    for node in chain:
        for child in node.children:
            if child.dep_ == "aux" and lexicon.has("planned.auxiliaries", child.lower_):
                return "planned"
            if (
                child.dep_ == "aux"
                and child.lower_ == "to"
                and node.head.lemma_ == "be"
                and node.dep_ == "xcomp"
            ):
                return "planned"
            if child.dep_ in ("amod", "acl", "compound") and lexicon.has(
                "planned.modifiers", child.lower_
            ):
                return "planned"
            if child.dep_ == "acl" and lexicon.has("planned.governors", child.lemma_):
                return "planned"
            if (
                child.dep_ == "nsubj"
                and node.tag_ in ("VBZ", "VBP")
                and lexicon.has("itineraries", child.lemma_.lower())
            ):
                return "planned"  # "his program for the summer includes a visit to Beijing"
        if (
            (node.i != token.i or token.pos_ == "ADJ" or _presence(token))
            and (
                lexicon.has("planned.governors", node.lemma_)
                or lexicon.has("planned.governors", node.lower_)
            )
            # "Uzbekistan agreed, during a visit by Rumsfeld, to ...": the visit is the
            # agreement's time, not its object
            and not (node.i != token.i and token.dep_ == "pobj" and token.head.lower_ == "during")
        ):
            return "planned"
    if (
        token.tag_ in ("VBZ", "VBP")
        and lexicon.has("planned.present", token.lemma_)
        and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
    ):
        return "planned"  # "On Wednesday Putin flies on to Bandar Seri Begawan"
    return "occurred"


def told_act(token: Token, lexicon: Lexicon) -> bool:
    """Whether a noun names an act already done by its agent ("would stand behind Russia's
    war with Georgia", "condemned the strikes by U.S. aircraft"): the modal of the verb
    governing it is not the act's."""
    governor = token.head
    return (
        token.pos_ == "NOUN"
        and token.dep_ in ("dobj", "pobj")
        and any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in token.children)
        and not lexicon.has("occurrence_verbs", governor.lemma_)
        and not lexicon.has("doing_verbs", governor.lemma_)
    )


_CHAINED_DAY = {
    "the previous day": -1,
    "the day before": -1,
    "the next day": 1,
    "the following day": 1,
    "the day after": 1,
    "the same day": 0,
    "later that day": 0,
    "later in the day": 0,
    "earlier that day": 0,
    "earlier in the day": 0,
}


def _presence(token: Token) -> bool:
    """ "Hu is expected in St. Petersburg": the trigger itself says the visit is to come."""
    return token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children)


def sentence_times(
    sent: Span,
    document: Document,
    excluded: list[tuple[int, int]],
    future: bool,
    context_day: date | None = None,
    event_day: date | None = None,
):
    """Return the time expressions of a sentence with the tokens they cover.

    "The previous day" counts from the last day named before it, in the sentence ("flew
    into Almaty on June 3 and met them the next day") or the paragraph (``context_day``),
    not from the document's date. "The same day" is that of the last event told
    (``event_day``), not of a report or warning told in passing.
    """
    anchor = document.date
    found = []
    for expression in find_time_expressions(sent.text, anchor, year=document.year, future=future):
        offset = _CHAINED_DAY.get(expression.text.lower().removeprefix("on "))
        apart = days_apart(expression.text) if offset is None else None
        told = next(
            (e.interval.end for e, _ in reversed(found) if e.interval.precision == "day"),
            # "later the same day", "a day earlier": from the last event told
            (event_day or context_day) if offset == 0 or apart is not None else context_day,
        )
        offset = apart if offset is None else offset
        if offset is not None and told is not None:
            day = told + timedelta(days=offset)
            expression = TimeExpression(
                expression.start, expression.end, expression.text, Interval(day, day, "day"), True
            )
        start = sent.start_char + expression.start
        end = sent.start_char + expression.end
        if any(a <= start < b for a, b in excluded):
            continue
        span = sent.doc.char_span(start, end, alignment_mode="expand")
        if span is None or expression.interval is None:
            continue
        named = _names_a_thing(span)
        if named is not None and named.i > span.start:
            continue  # "the 1956 declaration", "the 1921 treaty": a title, not a time
        found.append((expression, span))
    return found


def names_a_thing(span: Span) -> bool:
    """Whether a bare year tells which thing a noun is ("the treaties of 1921"): it dates
    that thing, not the other events of its sentence and paragraph."""
    return _names_a_thing(span) is not None


def _names_a_thing(span: Span) -> Token | None:
    """The noun a bare year modifies as part of its name: "the 1956 declaration", "the
    Soviet-Iranian treaties of 1921 and 1940" (not "the summer of 1999")."""
    if len(span) != 1 or not span[0].like_num:
        return None
    word = span[0]
    while word.dep_ == "conj" and word.head.like_num:
        word = word.head  # "of 1921 and 1940"
    if word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.pos_ == "NOUN":
        noun = word.head.head
    elif (
        word.dep_ in ("compound", "nummod", "amod")
        and word.head.pos_ in ("NOUN", "PROPN")
        and word.head.i > word.i
    ):
        noun = word.head
    else:
        return None
    return None if noun.lemma_.lower() in _TIME_NOUNS else noun


_TIME_NOUNS = {"year", "month", "summer", "spring", "autumn", "fall", "winter", "end", "start"}
_TIME_NOUNS |= {"beginning", "middle", "half", "quarter", "part", "course", "period"}


def _tree_distance(a: Token, b: Token) -> int:
    ancestors_a = {a.i: 0}
    node, d = a, 0
    while node.head.i != node.i:
        node, d = node.head, d + 1
        ancestors_a[node.i] = d
    node, d = b, 0
    while node.i not in ancestors_a:
        if node.head.i == node.i:
            return 99
        node, d = node.head, d + 1
    return d + ancestors_a[node.i]


_SUBORDINATE = {"relcl", "acl", "ccomp", "advcl", "parataxis", "appos"}
_ASPECTUAL = {"end", "begin", "start", "open", "close", "conclude", "last", "finish", "take"}


def _relations_of(token: Token, lexicon: Lexicon | None) -> set[str]:
    if lexicon is None:
        return set()
    return {t.relation for pos in ("verb", "noun") for t in lexicon.triggers_for(token.lemma_, pos)}


def _schedules(node: Token, lexicon: Lexicon | None) -> bool:
    """ "scheduled", "set", "planned": a clause that gives an event its time and place."""
    return lexicon is not None and lexicon.has("planned.governors", node.lemma_)


def _describes(noun: Token, trigger: Token) -> bool:
    """Whether a noun is the event noun or its "of" phrase: "its purchases of Russian weapons"."""
    if noun.i == trigger.i:
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i == trigger.i


def _in_scope(word: Token, trigger: Token, lexicon: Lexicon | None = None) -> bool:
    """Whether a time word may date the trigger: not inside a clause that hangs on another word.

    "talks with Wen, with trade, which reached $29 billion last year, at the top" —
    "last year" dates the trade, not the talks. A clause that tells the same relation
    does: "agreed to hold the drill in a memorandum signed last July".
    """
    named = _names_a_thing(word.doc[word.i : word.i + 1])
    if named is not None and named.i != trigger.i:
        return False  # "the treaties of 1921" date those treaties only
    trigger_line = {t.i for t in governors(trigger)}
    under_trigger = any(a.i == trigger.i for a in word.ancestors)
    same = _relations_of(trigger, lexicon)
    node = word
    told_again = False  # the time word sits in a clause that tells the same relation
    while node.i not in trigger_line and node.head.i != node.i:
        if (
            node.dep_ in ("acl", "relcl")
            and under_trigger
            and (
                same & _relations_of(node, lexicon)
                or (node.head.i == trigger.i and _schedules(node, lexicon))
                or (node.dep_ == "relcl" and _describes(node.head, trigger))
                # "the ninth regular meeting ..., held in Moscow on September 24"
                or (
                    node.dep_ == "acl"
                    and lexicon is not None
                    and lexicon.has("occurrence_verbs", node.lemma_)
                )
            )
        ):
            # "a memorandum signed last July", "a visit to Japan set for September 6-11",
            # "its purchases of Russian weapons, which this year included ..."
            told_again = told_again or bool(same & _relations_of(node, lexicon))
            node = node.head
            continue
        if (
            node.dep_ == "xcomp"
            and node.head.i == trigger.i
            and trigger.pos_ == "VERB"
            and not told_again
        ):
            return False  # "agreed to hold exercises next year": the exercises' time
        if _participle_of(node, trigger):
            node = node.head  # "Meeting in Turkmenbashi on 12 May, the presidents signed"
            continue
        if node.dep_ in _SUBORDINATE and (
            node.lemma_ not in _ASPECTUAL
            # "with Medvedev, who will take over the Kremlin on May 7": an actor's own time
            or (
                node.dep_ == "relcl"
                and _names_actor(node.head)
                and lexicon is not None
                and any(
                    c.dep_ == "aux" and lexicon.has("planned.auxiliaries", c.lower_)
                    for c in node.children
                )
            )
        ):
            # "a trip to China, which ended on April 26" still dates the trip; "signed a
            # memorandum, with deliveries envisaged for 2011" does not date the signing
            if node.head.i != trigger.i or node.dep_ != "appos":
                return False
        if node.dep_ in _SUBORDINATE and not under_trigger and node.head.i != trigger.i:
            return False
        node = node.head
    if across_clauses(word.doc, word.i, trigger.i):
        return False  # "X and Y meet this week, and the premiers will meet in 2007"
    previous = word.doc[word.left_edge.i - 1] if word.left_edge.i > 0 else None
    if previous is not None and previous.lower_ == "since":
        return False  # "since the 1950s" measures a stretch of time, it does not date an event
    return True


def _names_actor(word: Token) -> bool:
    """Whether a word is a mention of some actor."""
    mentions = word.doc._.kg_mentions or {}
    mention = mentions.get(word.i)
    return mention is not None and bool(mention.actors)


def _participle_of(node: Token, trigger: Token) -> bool:
    """Whether a clause is a bare participle opening the trigger's sentence, which shares its
    time: "Meeting in Turkmenbashi on 12 May, the presidents signed" (not "After meeting")."""
    return (
        node.dep_ == "advcl"
        and node.head.i == trigger.i
        and node.i < trigger.i
        and node.i == node.sent.start
        and node.lower_.endswith("ing")
    )


def across_clauses(doc: Doc, a: int, b: int) -> bool:
    """Whether a clause with a subject of its own is coordinated between two words: "X and
    Y are to meet in Hanoi, and the prime ministers will hold their meeting in 2007"."""
    lo, hi = min(a, b), max(a, b)
    return any(
        t.dep_ == "conj"
        and t.pos_ in ("VERB", "AUX")
        and t.head.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass") and lo < c.i for c in t.children)
        for t in doc[lo : hi + 1]
    )


def _duration_days(token: Token) -> int | None:
    """Days an event lasts when the text says so: "a three-day trip", "for a four-day visit"."""
    nouns = [token]
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            nouns.extend(c for c in child.children if c.dep_ == "pobj")
    for noun in nouns:
        days = _days_on(noun)
        if days:
            return days
    return None


def _days_on(token: Token) -> int | None:
    for child in token.children:
        words = [child, *child.children]
        for word in words:
            m = _DURATION.match(word.text)
            if m:
                n = m["n"].lower()
                return int(n) if n.isdigit() else _NUMBERS.get(n)
        if child.dep_ in ("amod", "compound") and child.lower_ == "day":
            for sub in child.children:
                if sub.dep_ == "nummod":
                    n = sub.lower_
                    return int(n) if n.isdigit() else _NUMBERS.get(n)
    return None


def _time_of_report(word: Token, token: Token, lexicon: Lexicon | None) -> bool:
    """Whether a time word dates the report of the trigger's clause: "said yesterday that ..."."""
    verb = word.head
    while verb.dep_ in ("prep", "pobj") and verb.head.i != verb.i:
        verb = verb.head
    return (
        lexicon is not None
        and verb.i != token.i
        and lexicon.has("report_verbs", verb.lemma_)
        and any(a.i == verb.i for a in token.ancestors)
    )


def event_time(
    token: Token,
    times: list[tuple[TimeExpression, Span]],
    status: str,
    lexicon: Lexicon | None = None,
) -> Interval | None:
    """Return the interval of the time expression closest to the trigger in the parse.

    A duration on the trigger ("a four-day visit", "a two-day visit which ended
    yesterday") widens a single day into the span of the event. A time of the report
    ("the ministry said yesterday that the exercise will be held on August 18-25") yields
    to a time of the event.
    """
    best = None
    best_key = None
    clause = governors(token)[-1]
    if clause.dep_ == "relcl":
        for expression, span in times:
            if span.start <= clause.head.i < span.end:
                return expression.interval  # "November, when Medvedev and Hu are due in Seoul"
    for expression, span in times:
        if not _in_scope(span.root, token, lexicon):
            continue
        distance = _tree_distance(span.root, token)
        inside = any(t.i == token.i for t in span.root.ancestors)
        reported = _time_of_report(span.root, token, lexicon)
        key = (not inside, reported, distance, abs(span.root.i - token.i))
        if best_key is None or key < best_key:
            best, best_key = (expression, span), key
    if best is None and len(times) == 1 and status == "planned":
        # the plan's only time, though the parse does not reach it; not a time told of
        # another actor ("Putin, who had spent the previous day in Berlin, said ...")
        line = {t.i for t in governors(token)}
        if not any(
            a.dep_ in ("relcl", "acl") and a.head.i not in line for a in times[0][1].root.ancestors
        ):
            best = times[0]
    if best is None:
        return None
    expression, span = best
    interval = expression.interval
    days = _duration_days(token)
    if days and interval is not None and interval.start == interval.end:
        anchor_word = " ".join(t.lemma_ for t in governors(span.root))
        if re.search(r"\b(end|conclude|finish|close)\b", anchor_word):
            interval = Interval(interval.end - timedelta(days=days - 1), interval.end, "range")
        else:
            interval = Interval(interval.start, interval.start + timedelta(days=days - 1), "range")
    if best_key is not None and best_key[2] > 6:
        return None
    if (
        span.start > 0
        and span.doc[span.start - 1].lower_ == "by"
        and expression.interval is not None
    ):
        # "by the middle of next year": any time up to then
        return interval
    return interval


def event_place(
    doc: Doc, token: Token, document: Document, kb: KnowledgeBase, lexicon: Lexicon | None = None
) -> Actor | None:
    """Return the city where the trigger's clause says the event happened.

    Looks for "in/at <city>" on the trigger and on the words governing it (so a
    sentence-initial "In Beijing he repeated ..." counts), for a governing visit's
    destination ("traveled to Moscow for talks with"), and for "here" in a datelined
    wire report.
    """
    nodes = governors(token)
    clause = nodes[-1]
    if clause.dep_ == "relcl" and any(c.lower_ == "where" for c in clause.children):
        # "took him on to Pyongyang, where he held talks with Kim Jong Il"
        mention = doc._.kg_mentions.get(clause.head.i)
        if mention is not None and mention.place is not None:
            return mention.place
    # "the summit scheduled for September 4-5 in Moscow"
    for clause in (c for c in token.children if c.dep_ == "acl" and _schedules(c, lexicon)):
        nodes += [clause, *(w for w in clause.subtree if w.dep_ == "pobj")]
    if token.pos_ == "VERB":
        nodes += [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    else:
        # "the consultations of the Russian and Chinese delegations in Bishkek", "the meeting
        # between Putin and Bush in Sochi" (the city on the last conjunct)
        # (before the words governing it: "the forum in Bangkok and the meeting between ...")
        nodes[1:1] = [
            member
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ in ("of", "between", "with")
            for obj in prep.children
            if obj.dep_ == "pobj"
            for member in (obj, *obj.conjuncts)
        ]
    for node in nodes:
        for child in node.children:
            if (
                child.dep_ == "prep"
                and child.lower_ in ("in", "at", "during")
                or (
                    child.dep_ == "prep"
                    and child.lower_ == "to"
                    and node.i != token.i
                    and node.pos_ == "VERB"
                    and not _before_the_journey(node, token, lexicon)
                )
                # "Yeltsin welcomed Jiang to Moscow"
                or (
                    child.dep_ == "prep"
                    and child.lower_ == "to"
                    and node.i == token.i
                    and lexicon is not None
                    and lexicon.has("greeting_verbs", token.lemma_)
                )
            ):
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    mention = doc._.kg_mentions.get(obj.i)
                    if mention is not None and mention.place is not None:
                        return mention.place
                    for sub in obj.subtree:
                        mention = doc._.kg_mentions.get(sub.i)
                        if mention is None or mention.place is None:
                            continue
                        # "in the Kremlin's St. Andrew's Hall": a known seat's building
                        owner = (
                            sub.dep_ == "poss"
                            and obj.i in (sub.head.i, sub.head.head.i)
                            and mention.place.linked
                        )
                        if sub.dep_ == "pobj" or owner:
                            return mention.place
                    # "In Bishkek Jiang and Akaev put their signatures": the parser takes the
                    # city for a modifier of the name after it
                    for sub in (c for c in obj.children if c.dep_ == "compound"):
                        mention = doc._.kg_mentions.get(sub.i)
                        if mention is not None and mention.place is not None:
                            return mention.place
            if document.dateline and (child.lower_ == "here" or _this_city(child)):
                found = kb.lookup(document.dateline, kind="city")
                if found:
                    return actor_of(found[0])
    return None


def _before_the_journey(verb: Token, token: Token, lexicon: Lexicon | None) -> bool:
    """ "Following his talks with Jiang, Putin flew to Pyongyang": the talks came first."""
    for child in verb.children:
        if child.i <= token.i <= child.right_edge.i and child.left_edge.i <= token.i:
            return lexicon is not None and lexicon.has("before_words", child.lower_)
    return False


def _this_city(prep: Token) -> bool:
    """ "in this Pacific port city": the place of a datelined report."""
    if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
        return False
    for obj in prep.children:
        if obj.dep_ == "pobj" and obj.lemma_ in ("city", "town", "capital", "port"):
            return any(c.lower_ == "this" for c in obj.children)
    return False


_INLINE = (
    r"(?i:according to|cited by|quoted by|told)\s+(?:[Tt]he\s+)?(?P<a>{o})"
    r"|(?:[Tt]he\s+)?(?P<b>{o})(?i:\s+news agency|\s+agency|\s+newspaper|\s+daily)?"
    r"(?:,\s*[^,]{{0,40}},)?\s+"
    r"(?i:reported|said|quoted|cited|describes|described|reports|says|wrote|writes|added)"
)


def _inline_pattern(kb: KnowledgeBase) -> re.Pattern[str] | None:
    """The inline-citation pattern of a knowledge base's outlets, compiled once per base."""
    if "_inline_pattern" not in kb.__dict__:
        names = sorted({n for o in kb.outlets for n in (o.name, *o.aliases)}, key=len, reverse=True)
        outlets = "|".join(re.escape(n) for n in names)
        kb.__dict__["_inline_pattern"] = (
            re.compile(_INLINE.format(o=rf"\b(?:{outlets})\b")) if names else None
        )
    return kb.__dict__["_inline_pattern"]


def inline_citations(text: str, start: int, end: int, kb: KnowledgeBase) -> list[Citation]:
    """Find outlets cited in running text: "ITAR-TASS reported", "according to Xinhua"."""
    pattern = _inline_pattern(kb)
    if pattern is None:
        return []
    found = []
    for raw, m_start, m_end in _inline_matches(pattern, text, start, end):
        name = outlet_name(raw, kb)
        if name is None:
            continue
        found.append(Citation(outlets=(name,), date=None, start=m_start, end=m_end))
    return found


@lru_cache(maxsize=64)
def _inline_matches(
    pattern: re.Pattern[str], text: str, start: int, end: int
) -> tuple[tuple[str, int, int], ...]:
    # every event of a paragraph asks for the same paragraph's citations
    return tuple((m["a"] or m["b"], m.start(), m.end()) for m in pattern.finditer(text, start, end))


def event_cites(document: Document, sent: Span, kb: KnowledgeBase) -> tuple[list[str], date | None]:
    """Return the outlets cited for a sentence and the date of the citation.

    A citation covers the sentences of its paragraph that come before it: the event
    takes the first citation at or after its sentence, in the same paragraph.
    """
    for paragraph in document.paragraphs:
        if paragraph.start <= sent.start_char < paragraph.end:
            cited = list(paragraph.citations) + inline_citations(
                document.text, paragraph.start, paragraph.end, kb
            )
            cited.sort(key=lambda c: c.start)
            for citation in cited:
                if citation.end >= sent.start_char and citation.outlets:
                    return list(citation.outlets), citation.date
            return [], None
    return [], None


def event_speaker(doc: Doc, token: Token, lexicon: Lexicon) -> list[Actor]:
    """Return who the text says stated the event: "Klebanov said", "he made it clear that"."""
    node = token
    for _ in range(8):
        for child in node.children:
            if child.dep_ == "parataxis" and lexicon.has("report_verbs", child.lemma_):
                found = clause_subject(doc, child, set())
                if found:
                    return found
        if node.head.i == node.i:
            break
        parent = node.head
        shares_subject = node.dep_ != "conj" or not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in node.children
        )  # "Tang told Powell ..., and Beijing has let it be known": Beijing's own words
        if (
            node.dep_ in ("ccomp", "xcomp", "dobj", "conj")
            and shares_subject
            and (
                lexicon.has("report_verbs", parent.lemma_)
                or (parent.lemma_ == "make" and any(c.lower_ == "clear" for c in parent.children))
            )
        ):
            return clause_subject(doc, parent, set())
        node = parent
    return []
