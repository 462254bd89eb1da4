"""``dyadwatch watch``: feeds and pages served by a local HTTP server (127.0.0.1) started by the test."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

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
    assert code == 3  # a failing feed or item is skipped input (bad input, 3), the good items stored

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
