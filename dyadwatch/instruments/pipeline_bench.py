"""``dyadwatch bench``: our pipeline against a bare spaCy pass over the same texts, in the same run.

Why a ratio inside one run: absolute speed depends on the machine, the ratio (ours / bare spaCy throughput)
does not, so it is the number we hold targets to (>= 0.95, goal 1.0: with selective parsing the whole pipeline
should be as fast as spaCy's own full pipeline, whose parser runs on every sentence). The two
are measured on the same chunk of articles one after the other, alternating which goes first (AB, BA, ...),
so drifts in machine load hit both sides alike. The corpus is streamed line by line, one chunk at a time, and
``--repeat`` re-reads the file: resident memory after the first and the last pass shows whether it stays flat.
"""

from __future__ import annotations

import dataclasses
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyadwatch.config import Settings
from dyadwatch.errors import InputError
from dyadwatch.pipeline.process import settle, tune_allocator
from dyadwatch.pipeline.stage import Stage
from dyadwatch.records import Article

MAX_PROBLEMS_SHOWN = 5
WARMUP_ARTICLES = 4


@dataclass(slots=True)
class Side:
    """What one side of the comparison did and how long its coding took (reading/counting excluded)."""

    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process's CPU time: what other processes' load does not inflate
    system_seconds: float = 0.0  # the kernel's share of it (page faults, mapping memory)
    page_faults: int = 0  # minor page faults: memory touched for the first time since it was mapped
    articles: int = 0
    sentences: int = 0
    chars: int = 0

    def rate(self, count: int) -> float | None:
        return count / self.seconds if self.seconds > 0 else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "seconds": round(self.seconds, 4),
            "cpu_seconds": round(self.cpu_seconds, 4),
            "system_seconds": round(self.system_seconds, 4),
            "page_faults": self.page_faults,
            "articles": self.articles,
            "sentences": self.sentences,
            "chars": self.chars,
            "articles_per_s": _round(self.rate(self.articles)),
            "sentences_per_s": _round(self.rate(self.sentences)),
        }


def _round(value: float | None, digits: int = 2) -> float | None:
    return round(value, digits) if value is not None else None


@dataclass(slots=True)
class BenchResult:
    corpus: str
    repeat: int
    model: str
    batch_size: int
    ours: Side = field(default_factory=Side)
    bare: Side = field(default_factory=Side)
    rounds: int = 0
    events: int = 0
    rejected: int = 0
    problems: list[str] = field(default_factory=list)
    problem_count: int = 0
    rss_mb: list[dict[str, float]] = field(default_factory=list)  # [{"pass": k, "rss_mb": .., "peak_mb": ..}]
    stage_seconds: dict[str, float] | None = None
    round_ratios: list[float] = field(default_factory=list)  # per interleaved round: shows the machine's noise
    # CPU ratio bare / ours of each round (one chunk, both sides): its median and spread sit beside the total
    round_ratios_cpu: list[float] = field(default_factory=list)
    parsed_sentences: int = 0  # sentences the dependency parser ran on (all of them unless selective), of ...
    seen_sentences: int = 0  # ... the sentences the parse stage saw
    selective: bool = False  # our side parsed selectively (Settings.selective_parse)
    # CPU ratio of each pass: the first pays for what each side meets first (new words, lazily decoded tables)
    pass_ratios_cpu: list[float] = field(default_factory=list)
    full: Side | None = None  # our pipeline parsing every sentence (bench --selective-parse): before/after
    full_events: int = 0

    @property
    def ratio(self) -> float | None:
        """Throughput ours / bare, on the same articles: bare seconds / our seconds."""
        if self.ours.seconds <= 0 or self.bare.seconds <= 0:
            return None
        return self.bare.seconds / self.ours.seconds

    @property
    def parsed_share(self) -> float | None:
        """Share of sentences the dependency parser ran on (None: the pipeline has no parse stage)."""
        return self.parsed_sentences / self.seen_sentences if self.seen_sentences else None

    @property
    def full_ratio(self) -> float | None:
        """Throughput of the pipeline parsing every sentence / bare spaCy, on the same articles."""
        if self.full is None or self.full.seconds <= 0 or self.bare.seconds <= 0:
            return None
        return self.bare.seconds / self.full.seconds

    @property
    def ratio_cpu(self) -> float | None:
        """The same ratio on CPU time: on a busy machine, wall time also counts waiting for a core."""
        if self.ours.cpu_seconds <= 0 or self.bare.cpu_seconds <= 0:
            return None
        return self.bare.cpu_seconds / self.ours.cpu_seconds

    @property
    def ratio_cpu_round_median(self) -> float | None:
        """Median of the rounds' CPU ratios: one round whose bare side ran slow or fast (spaCy's first meeting
        with a chunk's words, the machine's load) moves it less than it moves the total."""
        return statistics.median(self.round_ratios_cpu) if self.round_ratios_cpu else None

    def round_spread_cpu(self) -> dict[str, Any] | None:
        """The rounds' CPU ratios: each value, min, quartiles (``statistics.quantiles``, inclusive) and max."""
        values = self.round_ratios_cpu
        if not values:
            return None
        q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else values * 3
        return {"values": [round(v, 4) for v in values], "min": round(min(values), 4), "q1": round(q1, 4),
                "median": round(q2, 4), "q3": round(q3, 4), "max": round(max(values), 4)}

    @property
    def peak_rss_mb(self) -> float:
        return peak_rss_mb()

    @property
    def rss_growth_mb(self) -> float | None:
        """Resident memory after the last pass minus after the first (flat memory: about 0)."""
        passes = [r for r in self.rss_mb if r["pass"] >= 1]
        if len(passes) < 2:
            return None
        return passes[-1]["rss_mb"] - passes[0]["rss_mb"]

    def stage_shares(self) -> dict[str, float] | None:
        if not self.stage_seconds:
            return None
        total = self.ours.cpu_seconds or sum(self.stage_seconds.values())
        return {name: secs / total for name, secs in self.stage_seconds.items()} if total else None

    def to_dict(self) -> dict[str, Any]:
        shares = self.stage_shares()
        return {
            "corpus": self.corpus,
            "repeat": self.repeat,
            "model": self.model,
            "batch_size": self.batch_size,
            "rounds": self.rounds,
            "ours": self.ours.to_dict(),
            "bare_spacy": self.bare.to_dict(),
            "ratio": _round(self.ratio, 4),
            "ratio_cpu": _round(self.ratio_cpu, 4),
            "ratio_cpu_round_median": _round(self.ratio_cpu_round_median, 4),
            "ratio_cpu_per_round": self.round_spread_cpu(),
            "parsed_sentences": self.parsed_sentences,
            "seen_sentences": self.seen_sentences,
            "parsed_share": _round(self.parsed_share, 4),
            "selective_parse": self.selective,
            "ratio_cpu_per_pass": [round(r, 4) for r in self.pass_ratios_cpu],
            "full_parse": (
                {**self.full.to_dict(), "ratio": _round(self.full_ratio, 4), "events": self.full_events,
                 "ratio_cpu": _round(self.bare.cpu_seconds / self.full.cpu_seconds, 4)
                 if self.full.cpu_seconds > 0 else None}
                if self.full is not None else None
            ),
            "ratio_per_round": (
                {"min": round(min(self.round_ratios), 4), "median": round(statistics.median(self.round_ratios), 4),
                 "max": round(max(self.round_ratios), 4)}
                if self.round_ratios else None
            ),
            "events": self.events,
            "rejected": self.rejected,
            "input_problems": self.problem_count,
            "input_problem_examples": self.problems,
            "memory": {
                "peak_rss_mb": round(self.peak_rss_mb, 1),
                "rss_growth_mb": _round(self.rss_growth_mb, 1),
                "passes": self.rss_mb,
            },
            "profile": (
                {name: {"cpu_seconds": round(self.stage_seconds[name], 4), "share": round(share, 4)}
                 for name, share in shares.items()}
                if shares and self.stage_seconds else None
            ),
        }


# --- memory -----------------------------------------------------------------------------------------------------
def peak_rss_mb() -> float:
    """Peak resident set size of this process (``ru_maxrss`` is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float:
    """Resident memory now (Linux ``/proc``); elsewhere the peak, which is the best the OS tells us."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
        return pages * resource.getpagesize() / (1024 * 1024)
    except (OSError, ValueError, IndexError):
        return peak_rss_mb()


# --- corpus streaming -------------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Problems:
    count: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.examples) < MAX_PROBLEMS_SHOWN:
            self.examples.append(message)


def _check_corpus(path: Path) -> None:
    if not path.exists():
        raise InputError(f"{path}: no such file; pass a JSONL corpus (one article per line)")
    if path.is_dir():
        raise InputError(f"{path} is a directory; pass the JSONL corpus file inside it")


def count_lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())


def stream_corpus(path: Path, pass_index: int, problems: _Problems) -> Iterator[Article]:
    """One pass over the corpus, line by line; pass k > 0 gives every article a new id (``id#k``)."""
    from dyadwatch.io.readers import article_from_record

    with open(path, encoding="utf-8", errors="strict") as handle:
        number = 0
        while True:
            try:
                line = handle.readline()
            except UnicodeDecodeError:
                raise InputError(f"{path}: not UTF-8 text after line {number}; convert it to UTF-8 first") from None
            if not line:
                return
            number += 1
            if not line.strip():
                continue
            try:
                article = article_from_record(json.loads(line))
            except json.JSONDecodeError as err:
                problems.add(f"{path}:{number}: malformed JSON ({err.msg}); line skipped")
                continue
            except InputError as err:
                problems.add(f"{path}:{number}: {err.args[0]}")
                continue
            if pass_index:
                article = dataclasses.replace(article, id=f"{article.id}#{pass_index}")
            yield article


def chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- per-stage timing -------------------------------------------------------------------------------------------
class TimedStage(Stage):
    """Wraps a stage and adds the CPU time spent in its ``__call__``/``pipe`` to a shared clock (--profile).

    CPU time, not wall time: on a shared machine a stage's wall time depends on who else was running.
    """

    def __init__(self, inner: Stage, clock: dict[str, float]) -> None:
        self.inner = inner
        self.clock = clock
        self.name = inner.name  # type: ignore[misc]
        self.requires = inner.requires  # type: ignore[misc]
        self.assigns = inner.assigns  # type: ignore[misc]
        clock.setdefault(inner.name, 0.0)

    def __call__(self, analysis: Any) -> Any:
        start = time.process_time()
        try:
            return self.inner(analysis)
        finally:
            self.clock[self.name] += time.process_time() - start

    def pipe(self, analyses: Iterable[Any]) -> Iterator[Any]:
        if type(self.inner).pipe is Stage.pipe:
            for analysis in analyses:
                yield self(analysis)
            return
        inner = iter(self.inner.pipe(analyses))
        while True:
            start = time.process_time()
            try:
                item = next(inner)
            except StopIteration:
                self.clock[self.name] += time.process_time() - start
                return
            self.clock[self.name] += time.process_time() - start
            yield item


def timed_pipeline(pipeline: Any, clock: dict[str, float]) -> Any:
    from dyadwatch.pipeline import Pipeline

    return Pipeline([TimedStage(s, clock) for s in pipeline.stages], pipeline.settings)


# --- the two sides ----------------------------------------------------------------------------------------------
def _timed_next(iterator: Iterator[Any], side: Side) -> tuple[bool, Any]:
    """``next(iterator)``, adding its wall and CPU time, system time and page faults to ``side``; ``(False, None)``
    when exhausted."""
    wall, cpu, usage = time.perf_counter(), time.process_time(), resource.getrusage(resource.RUSAGE_SELF)
    try:
        item = next(iterator)
    except StopIteration:
        return False, None
    finally:
        side.seconds += time.perf_counter() - wall
        side.cpu_seconds += time.process_time() - cpu
        after = resource.getrusage(resource.RUSAGE_SELF)
        side.system_seconds += after.ru_stime - usage.ru_stime
        side.page_faults += after.ru_minflt - usage.ru_minflt
    return True, item


def _run_ours(pipeline: Any, chunk: list[Article], side: Side, result: BenchResult, *, full: bool = False) -> None:
    from dyadwatch.pipeline import Rejected

    stream = iter(pipeline.pipe(chunk))
    while True:
        more, item = _timed_next(stream, side)
        if not more:
            break
        side.articles += 1
        if isinstance(item, Rejected):
            result.rejected += 1
            continue
        side.sentences += len(item.sentences)
        side.chars += len(item.article.text)
        if full:
            result.full_events += len(item.events)
        else:
            result.events += len(item.events)


def _run_bare(nlp: Any, chunk: list[Article], batch_size: int, side: Side) -> None:
    docs = iter(nlp.pipe((a.text for a in chunk), batch_size=batch_size))
    while True:
        more, doc = _timed_next(docs, side)
        if not more:
            break
        side.articles += 1
        side.chars += len(doc.text)
        side.sentences += sum(1 for s in doc.sents if not s.text.isspace())


def run_bench(
    corpus: Path,
    *,
    repeat: int = 1,
    profile: bool = False,
    full_parse_side: bool = False,
    settings: Settings | None = None,
    progress: Callable[[int], None] | None = None,
    total: Callable[[int], None] | None = None,
) -> BenchResult:
    """Code the corpus ``repeat`` times with our pipeline and with bare spaCy, interleaved chunk by chunk.

    Bare spaCy is the model as ``spacy.load`` gives it (its full pipeline, parser on every sentence, none of our
    components). ``full_parse_side`` adds a third side, our pipeline parsing every sentence, so the effect of
    selective parsing is measured in the same run; the sides take turns going first.

    Both sides run in this one process, so what is set for the process is set for both: the allocator keeps
    freed memory for the next batch (``tune_allocator``, as a worker does) and, after the warm-up, the loaded
    models and tables leave the collector's sight (``settle``, as a worker does).
    """
    import spacy

    from dyadwatch.document.model import resolve_model_name
    from dyadwatch.evaluation.runner import build

    corpus = Path(corpus)
    _check_corpus(corpus)
    tune_allocator()
    settings = settings or Settings()
    pipeline = build(settings)
    full_pipeline = build(settings.with_(selective_parse=False)) if full_parse_side else None
    name = resolve_model_name(settings.model)
    nlp = spacy.load(name)
    batch = settings.batch_size
    result = BenchResult(str(corpus), repeat, name, batch)
    if full_pipeline is not None:
        result.full = Side()
    problems = _Problems()

    # Warm-up (untimed): first calls load lazy tables and allocate spaCy's buffers. The first articles are repeated
    # to a whole batch, so the process's heap grows to a batch's working size here and not inside the first timed
    # round, where whichever side went first would pay for both; only those few articles' words are met early.
    first = list(_take(stream_corpus(corpus, 0, _Problems()), WARMUP_ARTICLES))
    if not first:
        raise InputError(f"{corpus}: no readable articles; each line needs a JSON object with 'text'")
    warm = [dataclasses.replace(first[k % len(first)], id=f"{first[k % len(first)].id}~warm-up{k}")
            for k in range(max(batch, len(first)))]
    for _ in pipeline.pipe(warm):
        pass
    for _ in full_pipeline.pipe(warm) if full_pipeline is not None else ():
        pass
    parse = _parse_stage(pipeline)
    parsed0, seen0 = (parse.parsed, parse.seen) if parse is not None else (0, 0)
    for _ in nlp.pipe((a.text for a in warm), batch_size=batch):
        pass
    del warm
    settle()
    result.rss_mb.append({"pass": 0, "rss_mb": round(current_rss_mb(), 1), "peak_mb": round(peak_rss_mb(), 1)})

    clock: dict[str, float] | None = {} if profile else None
    ours_pipeline = timed_pipeline(pipeline, clock) if clock is not None else pipeline
    if total:
        total(count_lines(corpus) * repeat)
    for pass_index in range(repeat):
        pass_start = (result.ours.cpu_seconds, result.bare.cpu_seconds)
        for chunk_index, chunk in enumerate(chunks(stream_corpus(corpus, pass_index, problems), batch)):
            ours_before, bare_before = result.ours.seconds, result.bare.seconds
            ours_cpu_before, bare_cpu_before = result.ours.cpu_seconds, result.bare.cpu_seconds
            sides: list[Callable[[], None]] = [
                lambda: _run_ours(ours_pipeline, chunk, result.ours, result),  # noqa: B023 (run in this round)
                lambda: _run_bare(nlp, chunk, batch, result.bare),  # noqa: B023
            ]
            if full_pipeline is not None and result.full is not None:
                full_side = result.full
                sides.append(lambda: _run_ours(full_pipeline, chunk, full_side, result, full=True))  # noqa: B023
            turn = first_side(chunk_index, pass_index, len(sides))
            for run_side in sides[turn:] + sides[:turn]:
                run_side()
            result.rounds += 1
            ours_took = result.ours.seconds - ours_before
            if ours_took > 0:
                result.round_ratios.append((result.bare.seconds - bare_before) / ours_took)
            ours_cpu = result.ours.cpu_seconds - ours_cpu_before
            if ours_cpu > 0:
                result.round_ratios_cpu.append((result.bare.cpu_seconds - bare_cpu_before) / ours_cpu)
            if progress:
                progress(len(chunk))
        ours_cpu, bare_cpu = result.ours.cpu_seconds - pass_start[0], result.bare.cpu_seconds - pass_start[1]
        if ours_cpu > 0:
            result.pass_ratios_cpu.append(bare_cpu / ours_cpu)
        result.rss_mb.append(
            {"pass": pass_index + 1, "rss_mb": round(current_rss_mb(), 1), "peak_mb": round(peak_rss_mb(), 1)}
        )
    if parse is not None:
        result.parsed_sentences, result.seen_sentences = parse.parsed - parsed0, parse.seen - seen0
        result.selective = getattr(parse, "screen", None) is not None
    result.problem_count = problems.count // repeat if repeat else problems.count
    result.problems = problems.examples
    result.stage_seconds = clock
    if result.ours.articles == 0:
        raise InputError(f"{corpus}: no readable articles; each line needs a JSON object with 'text'")
    return result


def first_side(chunk_index: int, pass_index: int, sides: int) -> int:
    """Which side goes first on a chunk: it turns with the chunk and with the pass, so over ``sides`` passes each
    chunk is coded first by each side once. (Turning with the round number alone, with an even number of chunks
    per pass (VOA: 32 + 17 articles), gave the same chunk the same order in every pass.)"""
    return (chunk_index + pass_index) % sides


def _parse_stage(pipeline: Any) -> Any:
    """The pipeline's parse stage (it counts the sentences it saw and parsed), else None."""
    stage = next((s for s in pipeline.stages if s.name == "parse"), None)
    return stage if stage is not None and hasattr(stage, "parsed") and hasattr(stage, "seen") else None


def _take(items: Iterable[Article], n: int) -> Iterator[Article]:
    for i, item in enumerate(items):
        if i >= n:
            return
        yield item
