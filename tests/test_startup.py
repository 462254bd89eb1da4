"""Start-up of ``dyadwatch code``: the parent process reads inputs and watches, the worker parses.

Why these tests: the parent of the watched worker never parses, so every second it spends importing spaCy is
paid on top of the worker's own load (issue 24: a one-sentence ``dyadwatch code`` against bare ``spacy.load``).
What the parent imports is checked in a fresh interpreter, since this test process has spaCy loaded already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]


def _fresh(code: str) -> str:
    """Run ``code`` in a new interpreter with this source tree first on the path; its stdout."""
    env_path = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {env_path!r})\n{code}"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_reading_inputs_as_the_cli_parent_does_imports_no_spacy(tmp_path: Path) -> None:
    article = tmp_path / "one.txt"
    # A dateline, so the reader's fallback for the publication date (dyadwatch.dating.published) runs.
    article.write_text("BEIJING, Nov. 21, 2024 - China condemned the United States over an arms sale.\n",
                       encoding="utf-8")
    out = _fresh(
        "import json\n"
        "import dyadwatch.cli.main\n"
        "from dyadwatch import api\n"
        "report = api.RunReport()\n"
        f"articles = list(api.iter_inputs([{str(article)!r}], None, report))\n"
        "heavy = sorted(m for m in ('spacy', 'thinc', 'numpy', 'dateparser') if m in sys.modules)\n"
        "print(json.dumps({'published': str(articles[0].published), 'heavy': heavy}))\n"
    )
    found = json.loads(out)
    assert found["published"] == "2024-11-21"  # the dateline was read: the import path under test ran
    assert found["heavy"] == []


def test_dating_names_still_load_on_first_use() -> None:
    out = _fresh(
        "import dyadwatch.dating as d\n"
        "print('spacy' in sys.modules)\n"
        "print(d.parse_expression.__module__, d.date_candidates.__module__, d.find_publication_date.__module__)\n"
        "print('spacy' in sys.modules)\n"
        "print(sorted(set(d.__all__) - set(dir(d))))\n"
    )
    before, modules, after, missing = out.splitlines()
    assert before == "False"
    assert modules == "dyadwatch.dating.expressions dyadwatch.dating.resolve dyadwatch.dating.published"
    assert after == "True"  # resolve walks parses: it is the part that needs spaCy
    assert missing == "[]"


# ------------------------------------------------------------------------------------------ packed indexes
@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(max_size=12), st.lists(st.integers(0, 2**32 - 1), max_size=5).map(tuple),
                       max_size=40))
def test_a_packed_index_reads_back_every_key_through_the_cache_format(table: dict[str, tuple[int, ...]]) -> None:
    import msgpack

    from dyadwatch.tables import PackedIndex, pack_index

    wire = msgpack.unpackb(msgpack.packb(pack_index(table), use_bin_type=True), use_list=False, raw=False)
    back = PackedIndex(wire, list)
    assert sorted(back) == sorted(table) and len(back) == len(table)  # even a key holding the separator
    assert {k: tuple(back[k]) for k in back} == table
    assert "\x00never a key" not in back and back.get("\x00never a key") is None


def test_a_packed_index_that_does_not_add_up_is_refused() -> None:
    import pytest

    from dyadwatch.tables import PackedIndex, pack_index

    packed = pack_index({"laos": (1, 2), "peru": (3,)})
    with pytest.raises(ValueError):
        PackedIndex({**packed, "numbers": packed["numbers"][:4]}, list)  # type: ignore[index]
    with pytest.raises(ValueError):
        PackedIndex({**packed, "count": 3}, list)
    with pytest.raises(ValueError):
        PackedIndex({**packed, "keys": ["laos\x1eperu\x1echad"]}, list)  # a bucket with a key too many


def test_the_compiled_gazetteer_is_read_without_decoding_its_names(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.places import gazetteer as places
    from dyadwatch.tables import PackedIndex, read_compiled, write_compiled

    monkeypatch.setenv("DYADWATCH_CACHE", str(tmp_path))
    built = places.Gazetteer(15000)
    write_compiled("places-test", "c" * 64, places._to_plain(built))
    back = places._from_plain(read_compiled("places-test", "c" * 64))
    assert back is not None and isinstance(back._index, PackedIndex)
    assert back._index._decoded == {}  # type: ignore[attr-defined]
    assert back.resolve("Vientiane") == built.resolve("Vientiane")
    assert set(back._index._decoded) <= {"vientiane"}  # type: ignore[attr-defined]
    assert len(back._index) == len([k for k, v in built._index.items() if v])


# ------------------------------------------------------------------------------------------- early worker
def test_only_a_locally_coded_command_line_starts_a_worker_early() -> None:
    from dyadwatch.runner.spawn import wants_early_worker

    assert wants_early_worker(["dyadwatch", "code", "a.txt", "--published", "2024-11-21"])
    assert wants_early_worker(["dyadwatch", "code", "-", "--workers", "2"])
    assert not wants_early_worker(["dyadwatch", "code", "s3://b/n.jsonl", "--dask", "tcp://h:8786"])
    assert not wants_early_worker(["dyadwatch", "code", "n.jsonl", "--dask=tcp://h:8786"])
    assert not wants_early_worker(["dyadwatch", "code", "--help"])
    assert not wants_early_worker(["dyadwatch", "ingest", "a.txt"])
    assert not wants_early_worker(["dyadwatch", "--version"])
    assert not wants_early_worker(["dyadwatch"])


def test_the_first_runner_worker_adopts_the_early_one_and_codes() -> None:
    out = _fresh(
        "import json\n"
        "from dyadwatch.runner import spawn\n"
        "spawn.start_early_worker(['dyadwatch', 'code', 'a.txt'])\n"
        "early = spawn._early[0].proc.pid\n"
        "from dyadwatch.records import Article\n"
        "from dyadwatch.runner import Coded, Runner\n"
        "with Runner() as runner:\n"
        "    result = runner.code([Article.create('China condemned the United States on Tuesday.', id='a')])[0]\n"
        "    pid = runner._pool[0].proc.pid\n"
        "assert isinstance(result, Coded), result\n"
        "print(json.dumps({'adopted': pid == early, 'left': len(spawn._early), 'events': len(result.events)}))\n"
    )
    assert json.loads(out.splitlines()[-1]) == {"adopted": True, "left": 0, "events": 1}


def test_an_early_worker_nobody_adopts_is_gone_when_the_process_exits() -> None:
    import os
    import time

    pid = int(_fresh(
        "from dyadwatch.runner import spawn\n"
        "spawn.start_early_worker(['dyadwatch', 'code', 'missing.txt'])\n"
        "print(spawn._early[0].proc.pid)\n"
    ).split()[-1])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError(f"the early worker {pid} outlived its parent")


def test_the_cli_keeps_its_statuses_and_silence_with_an_early_worker(tmp_path: Path) -> None:
    """Usage and input errors exit as before, with only their own one-line message on stderr."""
    article = tmp_path / "one.txt"
    article.write_text("China condemned the United States on Tuesday over a $2 billion arms sale to Taiwan.\n",
                       encoding="utf-8")
    script = "import sys; sys.argv = ['dyadwatch', *sys.argv[1:]]; from dyadwatch.cli.main import cli; cli()"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                              timeout=120, check=False, env=env)

    missing = run("code", str(tmp_path / "missing.txt"))
    assert missing.returncode == 3 and len(missing.stderr.strip().splitlines()) == 1, missing.stderr
    no_path = run("code")
    assert no_path.returncode == 2 and "missing PATH" in no_path.stderr and "Traceback" not in no_path.stderr
    coded = run("code", str(article), "--published", "2024-11-21")
    assert coded.returncode == 0 and coded.stderr == "", coded.stderr
    events = [json.loads(line) for line in coded.stdout.splitlines()]
    assert [(e["source"]["code"], e["target"]["code"]) for e in events] == [("CHN", "USA")]


def test_a_stopped_worker_ends_cleanly_without_interpreter_teardown() -> None:
    """The worker ends with ``os._exit`` after its last message: status 0, its results all delivered."""
    from test_runner import spin_pipeline

    from dyadwatch.records import Article
    from dyadwatch.runner import Coded, Runner

    runner = Runner(factory=spin_pipeline).start()
    results = runner.code([Article.create(f"Article {i}.", id=f"a{i}") for i in range(3)])
    proc = runner._pool[0].proc
    runner.close()
    assert [type(r) for r in results] == [Coded, Coded, Coded]
    assert proc.returncode == 0


# ----------------------------------------------------------------------------------------- office holders
def test_the_compiled_tables_carry_the_office_holder_index(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.actors.tables import from_plain, holder_index, load_table, to_plain
    from dyadwatch.tables import LazyValues, data_path, read_compiled, write_compiled

    monkeypatch.setenv("DYADWATCH_CACHE", str(tmp_path))
    gaz = load_table(data_path("actors", "office_holders.tsv"))
    scanned = holder_index(gaz.exact.values())
    assert len(scanned) > 10  # the table names office holders of many states
    write_compiled("holders-test", "d" * 64, to_plain(gaz))
    back = from_plain(read_compiled("holders-test", "d" * 64))
    assert back is not None and isinstance(back.holders, LazyValues)  # read, not rebuilt by decoding every phrase
    assert dict(back.office_holders().items()) == scanned
    assert all(type(v) is tuple for v in dict.values(back.exact))  # no phrase was decoded to find them


def test_adding_a_phrase_renews_the_office_holder_index() -> None:
    from dyadwatch.actors.tables import Entry, Gazetteer

    gaz = Gazetteer()
    assert gaz.office_holders() == {}
    holder = Entry("person", "Jane Roe", "FRE", ("GOV",), role="Prime Minister")
    gaz.add(("Jane", "Roe"), holder)
    assert gaz.office_holders() == {("FRE", "prime minister"): [holder]}


def test_longer_forms_of_a_name_are_found_without_decoding_every_phrase(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.actors.tables import from_plain, load_table, to_plain
    from dyadwatch.tables import data_path, read_compiled, write_compiled

    monkeypatch.setenv("DYADWATCH_CACHE", str(tmp_path))
    gaz = load_table(data_path("actors", "office_holders.tsv"))
    write_compiled("extensions-test", "e" * 64, to_plain(gaz))
    back = from_plain(read_compiled("extensions-test", "e" * 64))
    assert back is not None
    key = next(k for k in gaz.exact if len(k) > 1)[:1]
    assert list(back.extensions(key)) == list(gaz.extensions(key)) != []
    decoded = [k for k in back.exact if type(dict.__getitem__(back.exact, k)) is not tuple]
    assert decoded and all(k[:1] == key for k in decoded)
