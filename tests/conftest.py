"""The only conftest: session fixtures shared by every test module."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from dyadwatch.config import Settings
from dyadwatch.records import Article

SHARED = Path(__file__).resolve().parents[2] / "shared"
REFERENCE_ARTICLE = SHARED / "examples" / "us-china-defence-relations.txt"
REFERENCE_PUBLISHED = date(2024, 11, 21)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False, help="run slow tests")
    parser.addoption("--update-golden", action="store_true", default=False, help="rewrite golden files")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from dyadwatch.document.model import load_model

    return load_model()


_PIPELINES: dict[tuple[str, ...], object] = {}


def _pipeline_for(stages: tuple[str, ...] | None = None):  # type: ignore[no-untyped-def]
    """The pipeline of these stages (default: every stage) with default settings, built once per session."""
    from dyadwatch.pipeline import build_pipeline

    settings = Settings()
    key = tuple(stages or settings.stages)
    if key not in _PIPELINES:
        _PIPELINES[key] = build_pipeline(settings.with_(stages=key))
    return _PIPELINES[key]


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """The default pipeline, shared by every test module (model and tables load once)."""
    return _pipeline_for()


@pytest.fixture(scope="session")
def make_analysis() -> Callable[..., object]:
    """``make_analysis(text, published=date, stages=(...))`` -> the Analysis after those stages.

    Pipelines are cached per stage tuple, so tests pay for model and table loading once.
    """

    def run(text: str, published: date | None = REFERENCE_PUBLISHED, stages: tuple[str, ...] | None = None):  # type: ignore[no-untyped-def]
        return _pipeline_for(stages).analyse(Article.create(text, published=published))  # type: ignore[attr-defined]

    return run


@pytest.fixture(scope="session")
def events(make_analysis):  # type: ignore[no-untyped-def]
    """``events(text)`` -> the events the whole pipeline gives for one text (the audit and non-event tests)."""

    def run(text: str):  # type: ignore[no-untyped-def]
        return make_analysis(text).events

    return run


@pytest.fixture(scope="session")
def target_rows(make_analysis):  # type: ignore[no-untyped-def]
    """``target_rows(text)`` -> (CAMEO code, source country, target span text, target code, rule) of each event
    candidate after the events stage: what the target tests compare (which words became the target, and how)."""

    def run(text: str):  # type: ignore[no-untyped-def]
        analysis = make_analysis(text, stages=("normalise", "parse", "actors", "events"))
        return [(c.type.cameo, c.source.country, c.target.span.text if c.target is not None else None,
                 c.target.code if c.target is not None else None, c.rule) for c in analysis.candidates]

    return run


@pytest.fixture(scope="session")
def code(make_analysis):  # type: ignore[no-untyped-def]
    """``code(text)`` -> (PLOVER type, CAMEO code, source country, target country, rule) of each event candidate
    after the events stage: what the linking tests compare. A module may define its own ``code`` instead."""

    def run(text: str):  # type: ignore[no-untyped-def]
        analysis = make_analysis(text, stages=("normalise", "parse", "actors", "events"))
        return [(c.type.plover, c.type.cameo, c.source.country,
                 c.target.country if c.target is not None else None, c.rule) for c in analysis.candidates]

    return run


@pytest.fixture(scope="session")
def reference_text() -> str:
    if not REFERENCE_ARTICLE.exists():
        pytest.skip(f"reference article not found at {REFERENCE_ARTICLE}")
    return REFERENCE_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def postgres_server():  # type: ignore[no-untyped-def]
    """A real PostgreSQL server for the session (tests/pgserver.py); skips only when no binaries are installed."""
    from pgserver import PostgresServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL binaries not found; `apt-get install -y postgresql` (.ci/run installs it)")
    server = PostgresServer(bindir).start()
    yield server
    server.stop()


@pytest.fixture()
def postgres_url(postgres_server) -> str:  # type: ignore[no-untyped-def]
    """The URL of a new empty database on the session's PostgreSQL server."""
    return str(postgres_server.new_database())


@pytest.fixture(scope="session")
def served_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store coded by the full pipeline from the test articles (tests/data/relations/corpus.json) and the
    project's example article: USA-CHN with cooperation through 2024 and strain in November (an alert). Read
    it only; copy it to write."""
    import json

    from dyadwatch import api
    from dyadwatch.pipeline import build_pipeline

    corpus = Path(__file__).parent / "data" / "relations" / "corpus.json"
    data = json.loads(corpus.read_text(encoding="utf-8"))
    articles = [
        Article.create(a["text"], id=a["id"], published=date.fromisoformat(a["published"]), source=a["outlet"])
        for a in data["articles"]
    ]
    articles.append(api.example_article())
    path = tmp_path_factory.mktemp("served") / "served.duckdb"
    from dyadwatch.store import open_store

    with open_store(path) as store:
        report = api.ingest_results(store, build_pipeline(Settings()).pipe(articles))
    assert report.ok, report.skipped
    return path
