"""Draw each worker's resident memory over articles from a ``dyadwatch bench-scale --json`` result.

    python tools/plot_scale_rss.py scale.json docs/img/scale-rss.png

One line per worker and side (1 worker, N workers); the recycling guard's 1 GB limit is drawn for reference.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

RECYCLE_MB = 1024.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("result", type=Path)
    parser.add_argument("png", type=Path)
    args = parser.parse_args()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    data = json.loads(args.result.read_text(encoding="utf-8"))
    fig = Figure(figsize=(6.4, 3.2), dpi=100)
    ax = fig.add_subplot()
    for row in data["rows"]:
        curve = row.get("rss_curve") or []
        if not curve:
            continue
        workers = max(len(p["worker_rss_mb"]) for p in curve)
        for w in range(workers):
            xs = [p["articles"] for p in curve if len(p["worker_rss_mb"]) > w]
            ys = [p["worker_rss_mb"][w] for p in curve if len(p["worker_rss_mb"]) > w]
            ax.plot(xs, ys, marker="o", markersize=3, label=f"{row['side']}, worker {w + 1}")
    ax.axhline(RECYCLE_MB, color="grey", linestyle="--", linewidth=1, label="recycling limit (1 GB)")
    ax.set_xlabel("articles ingested")
    ax.set_ylabel("worker RSS (MB)")
    ax.set_ylim(0, RECYCLE_MB * 1.1)
    ax.set_title(f"bench-scale, {data['articles']:,} articles: resident memory per worker", fontsize=10)
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    FigureCanvasAgg(fig).print_png(str(args.png))


if __name__ == "__main__":
    main()
