"""``dyadwatch watch``: feeds and pages served by a local HTTP server (127.0.0.1) started by the test."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.cli.main import cli
from dyadwatch.errors import InputError
from dyadwatch.watch import parse_every, read_feed_list

PAGES = {
    "talks.html": ("Japan and South Korea hold defence talks",
                   "Japan and South Korea held talks on missile defence in Tokyo on Monday, officials said."),
    "protest.html": ("Seoul protests missile launch",
                     "South Korea protested against North Korea's missile launch on Tuesday."),
    "aid.html": ("Germany sends aid", "Germany sent humanitarian aid to Ukraine on Wednesday, the ministry said."),
    "sanction.html": ("New sanctions", "The European Union imposed sanctions on Iran on Thursday."),
}


def _page(title: str, text: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World</nav><article><h1>{title}</h1>"
            f"<p>{text}</p><p>{text.replace('said', 'added')}</p></article><footer>Contact</footer></body></html>")


def _rss(base: str, names: list[str]) -> str:
    items = "".join(
        f"<item><title>{PAGES[n][0]}</title><link>{base}/{n}</link><guid>{base}/{n}</guid>"
        f"<pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate></item>" for n in names
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>{items}</channel></rss>'


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "site"
    root.mkdir()
    for name, (title, text) in PAGES.items():
        (root / name).write_text(_page(title, text), encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


def _round(feeds: Path, db: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["watch", str(feeds), "--db", str(db), "--once"])
    return result.exit_code, result.output


@pytest.mark.timeout(300)
def test_watch_rounds_code_new_items_skip_stored_and_retry_failing_feeds(site: tuple[str, Path],
                                                                         tmp_path: Path) -> None:
    base, root = site
    (root / "feed.xml").write_text(_rss(base, ["talks.html", "protest.html"]), encoding="utf-8")
    local_feed = tmp_path / "local.rss"  # a feed file on disk, linking to pages on the server
    local_feed.write_text(_rss(base, ["aid.html"]), encoding="utf-8")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test feeds\n{base}/feed.xml\n{local_feed}\n{base}/later.xml\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"

    code, out = _round(feeds, db)
    assert "3 new, 0 skipped (already stored), 0 rejected" in out, out
    assert "1 feed(s) failed" in out and "later.xml: HTTP 404" in out
    assert code == 3  # a failing feed: a batch with a failed input (README exit table), not a usage error

    (root / "later.xml").write_text(_rss(base, ["sanction.html", "talks.html"]), encoding="utf-8")
    code, out = _round(feeds, db)
    assert "1 new, 4 skipped (already stored), 0 rejected" in out and code == 0, out

    from dyadwatch.store import open_store

    with open_store(db, read_only=True) as store:
        rows = store.sql("SELECT url, title, source, published FROM articles ORDER BY url")
        events = store.sql("SELECT plover, source_country, target_country FROM events")
    assert sorted(rows["url"]) == sorted(f"{base}/{n}" for n in PAGES)
    assert set(rows["source"]) == {"Test Wire"}
    assert "Home | World" not in " ".join(store_text for store_text in rows["title"])
    assert ("PROTEST", "KOR", "PRK") in set(map(tuple, events.to_numpy().tolist()))


def test_feed_list_and_every_are_checked(tmp_path: Path) -> None:
    empty = tmp_path / "feeds.txt"
    empty.write_text("# nothing yet\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="lists no feeds"):
        read_feed_list(empty)
    assert parse_every("15m") == 900 and parse_every("30s") == 30 and parse_every("1h") == 3600
    for bad in ("soon", "0m", "-5s", ""):
        with pytest.raises(InputError, match="not a duration"):
            parse_every(bad)


# --- issue 22: a watcher that finishes --------------------------------------------------------------------------
GOOD = ("Seoul protests missile launch", "South Korea protested against North Korea's missile launch on Tuesday.")


class Abusive(Quiet):
    """The good page, a page that answers 500, and one that trickles 8 bytes a second (bounded: 300 s)."""

    hits: ClassVar[dict[str, int]] = {}

    def do_GET(self) -> None:
        Abusive.hits[self.path] = Abusive.hits.get(self.path, 0) + 1
        if self.path.startswith("/broken"):
            self.send_error(500, "Gives 500")
        elif self.path.startswith("/trickle"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(300):
                    self.wfile.write(b"<p>slow.")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
        else:
            super().do_GET()


def _item(base: str, path: str, title: str, description: str, content: str | None = None) -> str:
    body = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
    return (f"<item><title>{title}</title><link>{base}/{path}</link><guid>{base}/{path}</guid>"
            f"<description>{description}</description>{body}"
            "<pubDate>Tue, 03 Jun 2025 08:00:00 GMT</pubDate></item>")


def _feed(items: str) -> str:
    return ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Abuse Wire</title>{items}</channel></rss>")


@pytest.fixture()
def abusive(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "site"
    root.mkdir()
    (root / "good.html").write_text(_page(*GOOD), encoding="utf-8")
    Abusive.hits = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Abusive, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.timeout(300)
def test_watch_once_finishes_stores_no_stub_and_retries_failed_pages(abusive: tuple[str, Path],
                                                                     tmp_path: Path) -> None:
    from dyadwatch.store import open_store

    base, root = abusive
    items = (_item(base, "good.html", GOOD[0], "Teaser one")
             + _item(base, "broken.html", "Gives 500", "Gives 500")
             + _item(base, "trickle.html", "Trickles", "A slow page"))
    (root / "feed.xml").write_text(_feed(items), encoding="utf-8")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{base}/feed.xml\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"

    start = time.monotonic()
    code, out = _round(feeds, db)
    took = time.monotonic() - start
    assert took < 120, took
    assert code == 3, out  # failed pages: reported like a batch's bad inputs
    assert "1 new" in out and "2 failed page(s) (retried next round)" in out, out
    assert "HTTP 500" in out and "deadline" in out, out
    with open_store(db, read_only=True) as store:
        rows = store.sql("SELECT url, text FROM articles")
    assert list(rows["url"]) == [f"{base}/good.html"]
    assert all(stub not in " ".join(rows["text"]) for stub in ("Gives 500", "A slow page", "Teaser one"))

    # Next round: the stored page is skipped, the failed ones are fetched again (and fail again).
    (root / "feed.xml").write_text(_feed(items.replace("/good.html", "/good.html?utm_source=x&amp;utm_medium=rss")),
                                   encoding="utf-8")
    broken_before = Abusive.hits.get("/broken.html", 0)
    code, out = _round(feeds, db)
    assert Abusive.hits["/broken.html"] == broken_before + 1
    assert "0 new, 1 skipped (already stored)" in out and "2 failed page(s)" in out, out
    assert Abusive.hits.get("/good.html?utm_source=x&utm_medium=rss", 0) == 0  # known by its canonical URL


@pytest.mark.timeout(300)
def test_run_round_backs_off_uses_full_content_and_skips_known_text(abusive: tuple[str, Path],
                                                                    tmp_path: Path) -> None:
    """The function ``serve --watch`` calls: one round against an open store, state kept between rounds."""
    import threading as th

    from dyadwatch.config import Settings
    from dyadwatch.runner import shared_runner
    from dyadwatch.store import open_store
    from dyadwatch.watch import FULL_TEXT_CHARS, WatchState, run_round

    base, root = abusive
    (root / "copy.html").write_text(_page(*GOOD), encoding="utf-8")  # the same article under another URL
    story = ("Germany sent humanitarian aid to Ukraine on Wednesday, the ministry in Berlin said. " * 12)
    assert len(story) >= FULL_TEXT_CHARS
    items = (_item(base, "good.html", GOOD[0], "Teaser")
             + _item(base, "broken.html", "Full text in the feed", "Teaser", content=f"<p>{story}</p>")
             + _item(base, "broken-too.html", "No full text", "Only a teaser"))
    (root / "feed.xml").write_text(_feed(items), encoding="utf-8")
    state = WatchState()
    lock = th.RLock()
    code = shared_runner(Settings()).code
    with open_store(tmp_path / "r.duckdb") as store:
        first = run_round([f"{base}/feed.xml"], store, code, lock=lock, state=state)
        assert first.new == 2 and len(first.from_feed) == 1 and len(first.failed_pages) == 1, first
        assert "coded from the feed's full content" in first.from_feed[0]
        (root / "feed.xml").write_text(_feed(items + _item(base, "copy.html", "Copy", "Copy")), encoding="utf-8")
        hits = Abusive.hits.get("/broken-too.html", 0)
        second = run_round([f"{base}/feed.xml"], store, code, lock=lock, state=state)
        assert second.new == 0 and second.skipped == 3, second  # two by URL, the copy by its content hash
        assert Abusive.hits["/broken-too.html"] == hits + 1  # retried next round ...
        third = run_round([f"{base}/feed.xml"], store, code, lock=lock, state=state)
        assert Abusive.hits["/broken-too.html"] == hits + 1 and third.backing_off == 1  # ... then backs off
        texts = " ".join(store.sql("SELECT text FROM articles")["text"])
    assert "Only a teaser" not in texts and "Teaser" not in texts


@pytest.mark.timeout(300)
def test_watch_beside_a_store_holder_waits_and_writes_next_round(site: tuple[str, Path], tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A standalone watch while another process holds the DuckDB file: reported, kept, written later."""
    import subprocess
    import sys

    from dyadwatch.config import Settings
    from dyadwatch.runner import shared_runner
    from dyadwatch.store import open_store
    from dyadwatch.watch import WatchState, run_db_round

    base, root = site
    (root / "feed.xml").write_text(_rss(base, ["talks.html"]), encoding="utf-8")
    db = tmp_path / "locked.duckdb"
    open_store(db).close()
    monkeypatch.setenv("DYADWATCH_LOCK_WAIT", "1")
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('held', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        (tmp_path / "feeds.txt").write_text(f"{base}/feed.xml\n", encoding="utf-8")
        result = CliRunner().invoke(cli, ["watch", str(tmp_path / "feeds.txt"), "--db", str(db), "--once"])
        assert result.exit_code == 5 and "locked" in result.output, result.output
        state = WatchState()
        code = shared_runner(Settings()).code
        busy = run_db_round([f"{base}/feed.xml"], db, code, state=state)
        assert busy.store_busy and "store busy" in busy.line()
    finally:
        holder.kill()
        holder.wait()
    done = run_db_round([f"{base}/feed.xml"], db, code, state=state)
    assert done.new == 1 and not done.store_busy, done.line()


def test_a_trickling_page_is_cut_at_the_fetch_deadline(abusive: tuple[str, Path]) -> None:
    from dyadwatch.watch import fetch

    base, _ = abusive
    start = time.monotonic()
    with pytest.raises(InputError, match="deadline"):
        fetch(f"{base}/trickle.html", deadline_s=2)
    assert time.monotonic() - start < 6
    with pytest.raises(InputError, match="HTTP 500"):
        fetch(f"{base}/broken.html")
    with pytest.raises(InputError, match="over the limit of 100"):
        fetch(f"{base}/good.html", max_bytes=100)
    assert b"Seoul" in fetch(f"{base}/good.html")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["utm_source", "utm_medium", "fbclid", "id", "page", "q"]),
                          st.text("abc123", max_size=4)), max_size=5),
       st.sampled_from(["", "#top", "#x"]), st.sampled_from(["HTTP://News.Example", "http://news.example"]))
def test_canonical_urls_drop_tracking_and_fragments(params: list[tuple[str, str]], fragment: str,
                                                    origin: str) -> None:
    from urllib.parse import urlencode

    from dyadwatch.watch import canonical_url

    url = f"{origin}/a/story?{urlencode(params)}{fragment}"
    kept = [(k, v) for k, v in params if k in ("id", "page", "q")]
    canon = canonical_url(url)
    assert canon == canonical_url(canon)  # idempotent
    assert canon == canonical_url(f"http://news.example/a/story?{urlencode(kept)}")
    assert "utm_" not in canon and "fbclid" not in canon and "#" not in canon
