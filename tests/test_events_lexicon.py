"""The predicate lexicon as data: coverage of both ontologies, consistency with the ontology, bad-row errors."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from dyadwatch.errors import ConfigError
from dyadwatch.events.lexicon import HAND, load_lexicon, load_lexicon_from
from dyadwatch.ontology import load_ontology
from dyadwatch.pipeline.events_stage import check_lexicon
from dyadwatch.tables import data_path, table_versions

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
}


def all_entries():  # type: ignore[no-untyped-def]
    lex = load_lexicon()
    return [e for group in (lex.verbs, lex.nouns) for es in group.values() for e in es if not e.null]


def test_lexicon_covers_all_cameo_roots() -> None:
    roots = {code[:2] for code in load_lexicon().all_cameo_codes()}
    assert roots >= {f"{n:02d}" for n in range(1, 21)}


def test_lexicon_covers_all_plover_types() -> None:
    ont = load_ontology()
    types = set()
    for e in all_entries():
        types.add(ont.event_type(e.cameo, mode=e.mode, plover=e.plover).plover)
    assert types >= PLOVER_TYPES


def test_lexicon_agrees_with_ontology() -> None:
    check_lexicon(load_lexicon(), load_ontology())  # raises on an unknown code or mode


def test_derive_uses_longest_prefix() -> None:
    lex = load_lexicon()
    assert lex.derived("reject", "040") == "125"  # any consultation -> reject proposal to meet
    assert lex.derived("reject", "0841") == "1243"  # release persons -> refuse to release
    assert lex.derived("request", "072") == "1032"
    assert lex.derived("intent", "163") == "1312"  # intent to sanction is a threat
    assert lex.derived("reject", "999") is None
    assert lex.derived(None, "040") is None


def test_manifest_lists_every_table_with_its_hash() -> None:
    folder = data_path("lexicon")
    manifest = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))["tables"]
    files = {p.name for p in folder.glob("*.tsv")}
    assert set(manifest) == files
    for name, info in manifest.items():
        assert info["sha256"] == hashlib.sha256((folder / name).read_bytes()).hexdigest(), name
        assert info["version"] and info["source"]
    assert any(key.startswith("lexicon/") for key in table_versions())


def copy_lexicon(tmp_path: Path) -> Path:
    target = tmp_path / "lexicon"
    shutil.copytree(data_path("lexicon"), target)
    return target


def test_bad_row_width_names_the_line(tmp_path: Path) -> None:
    folder = copy_lexicon(tmp_path)
    with (folder / "predicates.tsv").open("a", encoding="utf-8") as handle:
        handle.write("parley\tV\t-\t*\n")
    with pytest.raises(ConfigError, match=r"predicates.tsv line \d+ has 4 columns"):
        load_lexicon_from(folder)


def test_unknown_class_is_refused(tmp_path: Path) -> None:
    folder = copy_lexicon(tmp_path)
    with (folder / "predicates.tsv").open("a", encoding="utf-8") as handle:
        handle.write("parley\tV\t-\tNO_SUCH_CLASS\t-\t040\t-\t-\n")
    with pytest.raises(ConfigError, match="unknown class 'NO_SUCH_CLASS'"):
        load_lexicon_from(folder)


def test_unknown_cameo_code_is_refused_at_startup(tmp_path: Path) -> None:
    folder = copy_lexicon(tmp_path)
    with (folder / "predicates.tsv").open("a", encoding="utf-8") as handle:
        handle.write("parley\tV\t-\t*\t-\t049\t-\t-\n")
    with pytest.raises(ConfigError, match="'049' is not a CAMEO code"):
        check_lexicon(load_lexicon_from(folder), load_ontology())


def test_missing_table_says_how_to_fix(tmp_path: Path) -> None:
    folder = copy_lexicon(tmp_path)
    (folder / "derive.tsv").unlink()
    with pytest.raises(ConfigError, match=r"derive\.tsv is missing"):
        load_lexicon_from(folder)


def test_no_object_marker_is_a_known_constraint() -> None:
    # "0" in the obj column: the row holds only for a verb without an object (the army mobilised)
    rows = [e for e in load_lexicon().verbs["mobilize"] if e.tier == HAND]
    assert any(e.obj == "0" for e in rows) and not any(e.obj == "*" for e in rows)
    assert all("obj=0" in e.rule for e in rows if e.obj == "0")
