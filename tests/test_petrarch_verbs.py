"""PETRARCH-format verb dictionaries: the importer, the compiled base layer, and user dictionaries on top.

The small dictionaries here are written for the tests (our own words and codes from the CAMEO codebook); the
shared PETR.Validate file is read only when ../shared is present.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.config import Settings
from dyadwatch.errors import ConfigError
from dyadwatch.events.layers import BASE_ISOLATED, BASE_ON_HAND_VERBS
from dyadwatch.events.lexicon import BASE, HAND, USER, load_lexicon, load_lexicon_from
from dyadwatch.events.petrarch_verbs import parse_code, read_verb_dictionary
from dyadwatch.records import Article
from dyadwatch.tables import data_path

SHARED_VERBS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "petrarch-validation" / \
    "PETR.Validate.verbs.txt"

SMALL = """\
# a test dictionary
&ENVOY
+ENVOY
+AMBASSADOR
+CHARGE_D'AFFAIRES

&ENVOYS_
+&ENVOY
+LEGATE

####### VERB PATTERNS #######

--- SUMMON  [---]  ---
SUMMON
CALL_IN [---]
+HAUL_UP {+HAULED_UP +HAULING_UP} [110]
WIRE_+TAP [1711]
- * &ENVOY                                   [1661]  # summon the envoy
- * {FOREIGN MINISTER} (TO CAPITAL)          [0311]
- * (FOR TALKS) (WITH +)                     [040]
- &ENVOYS * OUT                              [---]
- * (BEFORE COURT)                           [:173]
- * (TO {BANNED PARTIES}) $                  [1722]
- + * ROCKET                                 [193]
- * VENTURE (WITH VISIT)  VISIT)             [042]
- * &NO_SUCH_SET                             [020]

--- PRAISE  [051]  ---
COMMEND
LAUD  [054]

--- TOUR  [042:043]  ---
TOUR
~ a (a b ATTACK) SAY = a b 015
"""


@pytest.fixture()
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.verbs.txt"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_codes_parse_as_written() -> None:
    assert parse_code("042") == ("042", "")
    assert parse_code("042:043") == ("042", "043")
    assert parse_code(":173") == ("", "173")
    assert parse_code("---") == ("", "")
    assert parse_code("abc") is None
    assert parse_code("075A") is None


def test_importer_reads_synsets_verbs_and_patterns(small: Path) -> None:
    vd = read_verb_dictionary(small)
    assert vd.synsets["&ENVOY"] >= {"envoy", "ambassador", "d'affaires"}  # a multi-word member: its head
    assert vd.synsets["&ENVOYS"] >= {"envoy", "legate"}  # a member naming another set is expanded
    lemmas = {v[0]: v[2] for v in vd.verbs}
    assert lemmas["summon"] == "" and lemmas["commend"] == "051" and lemmas["laud"] == "054"
    assert lemmas["haul||up"] == "110" and lemmas["tap|wire|"] == "1711"
    assert lemmas["tour"] == "042:043"  # a visit, and the target hosting it
    by_code = {p.cameo: p for p in vd.patterns}
    assert by_code["1661"].obj == "&ENVOY" and by_code["1661"].lemmas == ("summon",)
    meet = by_code["0311"]
    assert (meet.obj, meet.after, meet.pps) == ("@minister", ("@foreign",), (("to", "@capital"),))
    talks = by_code["040"]  # the phrase holding the target becomes the row's own preposition
    assert (talks.prt, talks.obj, talks.pps) == ("with", "*", (("for", "@talks"),))
    null = by_code[""]
    assert (null.before, null.prt) == (("&ENVOYS",), "out")


def test_what_cannot_be_expressed_is_counted_by_reason(small: Path) -> None:
    report = read_verb_dictionary(small).report
    assert report.patterns_read == 10  # nine patterns and one transformation
    assert report.patterns_imported == 4
    assert report.skipped == {
        "code only with source and target reversed ([:B])": 1,
        "source marked after the verb": 1,
        "target marked before the verb (roles reversed)": 1,
        "unbalanced brackets": 1,
        "undefined synonym set": 1,
        "verb-verb transformation (~)": 1,
    }
    assert sum(report.skipped.values()) + report.patterns_imported == report.patterns_read
    assert report.approximated  # the multi-word synonym-set member
    assert all(report.examples[reason] for reason in report.skipped)


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"cannot read PETRARCH verb dictionary .*check the path"):
        read_verb_dictionary(tmp_path / "nope.txt")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="-*+$^%&()[]{}_:~#ABC 019\t", max_size=40), max_size=12))
def test_importer_never_fails_on_odd_lines(tmp_path_factory: pytest.TempPathFactory, lines: list[str]) -> None:
    path = tmp_path_factory.mktemp("odd") / "odd.txt"
    path.write_text("--- ODD [010] ---\nODD\n" + "\n".join(lines), encoding="utf-8")
    vd = read_verb_dictionary(path)
    report = vd.report
    assert report.patterns_imported + sum(report.skipped.values()) >= report.patterns_read - 0
    assert all(p.block for p in vd.patterns)


def test_base_layer_is_packaged_with_its_licence() -> None:
    folder = data_path("lexicon")
    manifest = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))["tables"]
    for name in ("base_verbs.tsv", "base_patterns.tsv", "base_words.tsv"):
        info = manifest[name]
        assert "MIT" in info["licence"] and "Open Event Data Alliance" in info["notice"]
        assert info["generated_by"] == "tools/build_verb_tables.py" and len(info["source_sha256"]) == 64
    lex = load_lexicon()
    hand_only = load_lexicon_from(folder, base=False)
    base_rows = [e for es in lex.verbs.values() for e in es if e.tier == BASE]
    assert len(base_rows) > 1000 and len(lex.verbs) > 3 * len(hand_only.verbs)
    assert all(e.rule.startswith("petrarch:CAMEO.2.0.txt:") for e in base_rows)
    if not BASE_ON_HAND_VERBS:  # the hand-written rows keep their verbs to themselves
        assert all(e.tier == HAND for lemma in hand_only.verbs for e in lex.verbs[lemma])
    if not BASE_ISOLATED:  # every base row names some context after the verb
        assert all(e.obj not in ("*", "+") or e.prt or e.pps or e.after for e in base_rows)


def test_base_pattern_codes_a_verb_the_hand_table_lacks(make_analysis) -> None:  # type: ignore[no-untyped-def]
    assert "rush" not in load_lexicon_from(data_path("lexicon"), base=False).verbs
    analysis = make_analysis("Norway rushed food aid to Chad on Monday.", published=date(2020, 3, 2))
    rules = [c.rule for c in analysis.candidates]
    assert any(r.startswith("petrarch:CAMEO.2.0.txt:") and "->07" in r for r in rules), rules


def _code(text: str, settings_: Settings) -> list[tuple[str, str]]:
    from dyadwatch.pipeline import build_pipeline

    analysis = build_pipeline(settings_).analyse(Article.create(text, published=date(2020, 3, 2)))
    return [(c.type.cameo, c.rule) for c in analysis.candidates]


def test_user_dictionary_goes_on_top(small: Path) -> None:
    text = "Norway commended Sweden on Monday."
    ours = _code(text, Settings())
    theirs = _code(text, Settings(petrarch_verbs=(small,)))
    assert any(rule.startswith("lexicon:V:commend") for _, rule in ours)
    assert any(code == "051" and rule.startswith("petrarch:small.verbs.txt:") for code, rule in theirs), theirs
    lex = load_lexicon((small,), True)
    assert {e.tier for e in lex.verbs["commend"]} == {USER, HAND}
    assert {e.tier for e in load_lexicon((small,), False).verbs["commend"]} == {USER}


def test_reverse_code_gives_the_other_side(small: Path) -> None:
    from dyadwatch.pipeline import build_pipeline

    analysis = build_pipeline(Settings(petrarch_verbs=(small,))).analyse(
        Article.create("Norway toured Sweden on Monday.", published=date(2020, 3, 2)))
    pairs = {(c.source.country if c.source else None, c.target.country if c.target else None, c.type.cameo)
             for c in analysis.candidates}
    assert {("NOR", "SWE", "042"), ("SWE", "NOR", "043")} <= pairs, pairs


def test_cli_flag_takes_a_verb_dictionary(tmp_path: Path, small: Path) -> None:
    from dyadwatch.cli.main import cli

    article = tmp_path / "one.txt"
    article.write_text("Norway lauded Sweden on Monday.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["code", str(article), "--published", "2020-03-02", "--petrarch-verbs",
                                      str(small)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert any(e["event"]["cameo"] == "054" and e["rule"].startswith("petrarch:small") for e in events), result.stdout
    bad = CliRunner().invoke(cli, ["code", str(article), "--petrarch-verbs", str(tmp_path / "none.txt")])
    assert bad.exit_code != 0
    alone = CliRunner().invoke(cli, ["code", str(article), "--no-builtin-verbs"])
    assert alone.exit_code != 0 and "--petrarch-verbs" in alone.output


@pytest.mark.skipif(not SHARED_VERBS.exists(), reason="../shared not present")
def test_petrarch_validation_verbs_import() -> None:
    vd = read_verb_dictionary(SHARED_VERBS)
    assert vd.report.patterns_imported > 300
    assert sum(vd.report.skipped.values()) + vd.report.patterns_imported == vd.report.patterns_read


SHARED_CAMEO = Path(__file__).resolve().parents[2] / "shared" / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt"


@pytest.mark.skipif(not SHARED_CAMEO.exists(), reason="../shared not present")
def test_base_layer_was_built_from_the_shared_dictionary() -> None:
    import hashlib

    manifest = json.loads((data_path("lexicon") / "MANIFEST.json").read_text(encoding="utf-8"))["tables"]
    digest = hashlib.sha256(SHARED_CAMEO.read_bytes()).hexdigest()
    assert manifest["base_patterns.tsv"]["source_sha256"] == digest, "rerun tools/build_verb_tables.py"
