"""Issue 22's abuse cases against a real ``dyadwatch serve`` (uvicorn on 127.0.0.1): the server stays available.

Each case is what the fault probe did to main: a day series over the whole calendar, sixty concurrent codings
of 50 KB, a megabyte of one word, calendar-end times, a foreign Host. Every request goes to 127.0.0.1 only; the
loops are bounded in count and time. Memory is the resident size of the server and its worker processes, read
from /proc.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from http.client import HTTPConnection
from pathlib import Path

import httpx
import pytest
from serve_live import serve

TOKEN = "abuse-token-0123456789abcdef"
CORPUS = Path(__file__).parent / "data" / "relations" / "corpus.json"


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (MB)."""
    total = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm", encoding="ascii") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
            for task in Path(f"/proc/{p}/task").iterdir():  # a worker started from a thread is that thread's child
                todo += [int(c) for c in (task / "children").read_text(encoding="ascii").split()]
        except (OSError, ValueError):
            continue
    return total


def server_pid(port: int) -> int:
    """The pid of the serve process listening on ``port`` (found through /proc/net/tcp and the fd links)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if int(parts[1].rsplit(":", 1)[1], 16) == port and parts[3] == "0A":  # LISTEN
                inodes.add(parts[9])
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                link = os.readlink(fd)
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    return int(entry.name)
        except OSError:
            continue
    raise AssertionError(f"no process listens on {port}")


class Health(threading.Thread):
    """Polls /healthz until stopped; keeps the slowest answer (seconds)."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        self.base = base
        self.stop = threading.Event()
        self.times: list[float] = []

    def run(self) -> None:
        with httpx.Client(timeout=30) as http:
            while not self.stop.is_set() and len(self.times) < 2000:
                start = time.monotonic()
                assert http.get(f"{self.base}/healthz").status_code == 200
                self.times.append(time.monotonic() - start)
                time.sleep(0.1)

    def __enter__(self) -> Health:
        self.start()
        time.sleep(0.3)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.join(60)


def news_text(size: int) -> str:
    """About ``size`` characters of real-looking news: the test corpus' articles, one after another."""
    texts = [a["text"] for a in json.loads(CORPUS.read_text(encoding="utf-8"))["articles"]]
    out: list[str] = []
    while sum(map(len, out)) < size:
        out.extend(texts)
    return "\n\n".join(out)[:size].rsplit(".", 1)[0] + "."


@pytest.mark.timeout(300)
def test_the_server_stays_available_under_the_probe(served_store: Path, tmp_path: Path) -> None:
    db = tmp_path / "abuse.duckdb"
    shutil.copy(served_store, db)
    token = tmp_path / "token"
    token.write_text(TOKEN, encoding="utf-8")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with serve(db, "--token-file", str(token), "--coding-queue", "2") as base, httpx.Client(timeout=120) as http:
        pid = server_pid(int(base.rsplit(":", 1)[1]))
        figures: dict[str, float] = {"rss_idle_mb": tree_rss_mb(pid)}

        # A day series over the whole calendar: refused at once, saying the limit and how to aggregate.
        with Health(base) as health:
            start = time.monotonic()
            r = http.get(f"{base}/v1/dyads/USA/CHN/series",
                         params={"since": "0001-01-01", "until": "9999-12-31", "by": "day"})
            figures["whole_calendar_s"] = time.monotonic() - start
        assert r.status_code == 422 and "narrow since/until to at most 5,000 days" in r.text, r.text
        r = http.get(f"{base}/v1/dyads/USA/CHN/series", params={"since": "1990-01-01", "until": "2030-12-31",
                                                                 "by": "day"})
        assert r.status_code == 422 and "aggregate with by=week or month" in r.text, r.text
        figures["healthz_during_series_max_s"] = max(health.times)
        assert max(health.times) < 2

        # Calendar-end times and a foreign Host.
        for moment in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"):
            assert http.get(f"{base}/v1/events", params={"updated_since": moment}).status_code == 422
        assert http.get(f"{base}/healthz", headers={"Host": "evil.example"}).status_code == 400
        assert http.get(f"{base}/healthz", headers={"Host": "localhost"}).status_code == 200

        # A megabyte of one word: refused at once (coding limit); under it, refused before parsing.
        start = time.monotonic()
        r = http.post(f"{base}/v1/code", json={"text": "a " * 500_000})
        assert r.status_code == 413 and "coding limit" in r.json()["error"]["message"]
        r = http.post(f"{base}/v1/code", json={"text": "a " * 45_000})
        assert r.status_code == 422 and "no sentence end" in r.json()["error"]["message"], r.text
        figures["one_word_s"] = time.monotonic() - start
        assert figures["one_word_s"] < 60
        figures["rss_after_one_word_mb"] = tree_rss_mb(pid)
        assert figures["rss_after_one_word_mb"] < 3000

        # Sixty concurrent codings of 50 KB: a bounded queue codes some, refuses the rest with Retry-After,
        # and reads keep answering meanwhile.
        # Plain http.client connections and one encoded body: the load costs this test process little CPU, so
        # what is measured is the server's behaviour, not the client's.
        payload = json.dumps({"text": news_text(50_000), "published": "2024-11-25"}).encode()
        host, port = base.removeprefix("http://").split(":")
        statuses: list[int] = []
        retry_after: list[str] = []
        peak = [0.0]

        def post() -> None:
            conn = HTTPConnection(host, int(port), timeout=280)
            try:
                conn.request("POST", "/v1/code", body=payload, headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                resp.read()
                statuses.append(resp.status)
                if resp.status == 429:
                    retry_after.append(resp.getheader("Retry-After") or "")
            finally:
                conn.close()

        with Health(base) as health:
            threads = [threading.Thread(target=post, daemon=True) for _ in range(60)]
            start = time.monotonic()
            for t in threads:
                t.start()
            reads = []
            while any(t.is_alive() for t in threads) and time.monotonic() - start < 240:
                t0 = time.monotonic()
                assert http.get(f"{base}/v1/dyads").status_code == 200
                reads.append(time.monotonic() - t0)
                peak[0] = max(peak[0], tree_rss_mb(pid))
                time.sleep(0.2)
            for t in threads:
                t.join(30)
            figures["codings_wall_s"] = time.monotonic() - start
        figures["healthz_during_codings_max_s"] = max(health.times)
        figures["dyads_during_codings_max_s"] = max(reads)
        figures["rss_peak_codings_mb"] = peak[0]
        print("abuse figures:", {k: round(v, 2) for k, v in figures.items()})
        assert len(statuses) == 60 and set(statuses) <= {200, 429}, statuses
        assert statuses.count(200) >= 2 and retry_after and all(v.isdigit() for v in retry_after)
        assert max(health.times) < 2 and max(reads) < 2
        assert peak[0] < 3000
        # The server still codes and stores afterwards (and finishes any pending grouping as it writes).
        done = http.post(f"{base}/v1/articles", headers=auth,
                         json={"text": "Japan protested against North Korea's missile launch on Sunday.",
                               "published": "2025-06-08"}).json()
        assert done["articles_new"] == 1
