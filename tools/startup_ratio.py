"""Start-up of a one-sentence ``dyadwatch code`` against bare ``spacy.load``: whole processes, runs alternated.

Why whole processes: what a user waits for includes interpreter start, imports, the model and whatever tables the
first sentence makes us read; timing inside one process would hide all of that. Runs alternate (bare, ours, bare,
ours, ...) so that a change in the machine's load hits both sides alike; the ratios of the best and the median
runs are reported, on wall time (what the user waits) and on CPU time (the process and its worker; what other
processes' load does not inflate), with every run printed.

Each side has its own compiled-table cache (a temporary directory, filled by one untimed run), so two source
trees whose tables differ do not rebuild each other's caches between runs. The package's byte-code is compiled
first (``compileall``, what ``pip install`` does): with ``PYTHONDONTWRITEBYTECODE`` set, a source checkout would
otherwise compile every module from source in every process, a cost spaCy's installed side never pays
(``--as-is`` measures that too).

    python tools/startup_ratio.py --runs 3
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "China condemned the United States on Tuesday over a $2 billion arms sale to Taiwan.\n"


def timed(argv: list[str], pythonpath: str | None = None, cache: str | None = None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the process and every child it waited for) of one run."""
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    if cache:
        env["DYADWATCH_CACHE"] = cache
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(argv)} exited with {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", metavar="PYTHONPATH",
                        help="also time `dyadwatch code` from another source tree (e.g. an export of main), in turn")
    parser.add_argument("--as-is", action="store_true",
                        help="do not compile the source trees' byte-code first (measure a checkout as it is)")
    args = parser.parse_args()
    python = sys.executable
    trees = [Path(__file__).resolve().parents[1], *([Path(args.before)] if args.before else [])]
    if not args.as_is:
        for tree in trees:
            subprocess.run([python, "-m", "compileall", "-q", str(tree / "dyadwatch")], check=True,
                           stdout=subprocess.DEVNULL)
    which = "from dyadwatch.document.model import resolve_model_name as r; print(r(None))"
    model = subprocess.run([python, "-c", which], text=True, check=True, capture_output=True).stdout.strip()
    bare = [python, "-c", f"import spacy; spacy.load({model!r})"]
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp, "one.txt")
        article.write_text(SENTENCE, encoding="utf-8")
        dyadwatch = str(Path(python).with_name("dyadwatch"))
        ours = [dyadwatch, "code", str(article), "--published", "2024-11-21"]
        ours_cache, before_cache = str(Path(tmp, "cache-ours")), str(Path(tmp, "cache-before"))
        timed(ours, cache=ours_cache)  # fills the compiled-table cache: start-up, not first install, is measured
        if args.before:
            timed(ours, args.before, before_cache)
        bare_runs, ours_runs, before_runs = [], [], []
        load = [os.getloadavg()[0]]
        for _ in range(args.runs):
            bare_runs.append(timed(bare))
            ours_runs.append(timed(ours, cache=ours_cache))
            if args.before:
                before_runs.append(timed(ours, args.before, before_cache))
        load.append(os.getloadavg()[0])
    sides = [(f"bare spacy.load ({model})", bare_runs), ("dyadwatch code, one sentence", ours_runs)]
    if args.before:
        sides.append((f"dyadwatch code from {args.before}", before_runs))
    for label, runs in sides:
        print(f"{label}: wall " + ", ".join(f"{w:.2f}" for w, _ in runs) + " s; CPU "
              + ", ".join(f"{c:.2f}" for _, c in runs) + " s")
    for label, runs in sides[1:]:
        for what, k in (("wall", 0), ("CPU", 1)):
            ours_k, bare_k = sorted(r[k] for r in runs), sorted(r[k] for r in bare_runs)
            print(f"{label} / bare, {what} time: best runs {ours_k[0] / bare_k[0]:.2f}, medians "
                  f"{ours_k[len(ours_k) // 2] / bare_k[len(bare_k) // 2]:.2f}")
    print(f"load average (1 min) before / after: {load[0]:.1f} / {load[1]:.1f}")


if __name__ == "__main__":
    main()
