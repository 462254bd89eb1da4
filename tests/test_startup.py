"""Start-up of ``dyadwatch code``: the parent process reads inputs and watches, the worker parses.

Why these tests: the parent of the watched worker never parses, so every second it spends importing spaCy is
paid on top of the worker's own load (issue 24: a one-sentence ``dyadwatch code`` against bare ``spacy.load``).
What the parent imports is checked in a fresh interpreter, since this test process has spaCy loaded already.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
