"""Shared fixtures: the real spaCy pipeline and a graph built from the seeds, once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared() -> Path:
    """The steering folder beside the project; tests that need it skip without it."""
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is absent (it is only beside the project in development and CI)")
    return SHARED


@pytest.fixture(scope="session")
def extractor():
    from kgraph.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def seed_graph(extractor):
    """A KnowledgeGraph in memory built from seeds/ with the session's extractor."""
    from kgraph.graph import KnowledgeGraph

    kg = KnowledgeGraph.open(":memory:")
    kg._extractor = extractor
    kg.build([ROOT / "seeds"])
    yield kg
    kg.close()
