"""The ontology tables and API: CAMEO codes, Goldstein, QuadClass, PLOVER types/modes and the mapping."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dyadwatch.errors import ConfigError
from dyadwatch.ontology import Ontology, load_ontology
from dyadwatch.ontology.loader import read_tables
from dyadwatch.records import EventType
from dyadwatch.tables import data_path, table_versions

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
C2P = SHARED / "eval" / "plover-gsr-cameo" / "CAMEO2PLOVER-2021.txt"
GOLDSTEIN = SHARED / "ontology" / "CAMEO.goldsteinscale.txt"
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


@pytest.fixture(scope="module")
def ont() -> Ontology:
    return load_ontology()


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not found (../shared is beside the clone in CI)")
    return path


# ------------------------------------------------------------------------------------------------ CAMEO


def test_every_cameo_code_has_plover_type_goldstein_and_quad(ont: Ontology) -> None:
    codes = ont.cameo_codes()
    assert len(codes) == 312 and len(set(codes)) == 312
    roots = {f"{i:02d}" for i in range(1, 21)}
    assert roots <= set(codes)
    for code in codes:
        et = ont.event_type(code)
        assert isinstance(et, EventType) and et.cameo == code
        assert et.plover in TYPES, code
        assert isinstance(et.goldstein, float) and -10 <= et.goldstein <= 10, code
        n = int(code[:2])
        assert et.quad_class == (1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4), code
        assert ont.cameo_root(code) == code[:2]
        assert ont.cameo_name(code)


def test_goldstein_is_gdelts_table_not_the_codebook_copy(ont: Ontology) -> None:
    # The codebook copy disagrees on these codes; GDELT's table is authoritative.
    assert ont.goldstein("016") == -2.0
    assert ont.goldstein("022") == 3.2
    assert ont.goldstein("164") == -7.0
    assert ont.goldstein("165") == -6.5
    # 1213 is missing from GDELT's table: its parent's weight is used, and the table says so.
    assert ont.cameo("1213").goldstein_from == "121"
    assert ont.goldstein("1213") == ont.goldstein("121")


def test_goldstein_matches_gdelt_file_for_every_listed_code(ont: Ontology) -> None:
    rows = need(GOLDSTEIN).read_text(encoding="utf-8").splitlines()[1:]
    weights = {c: float(w) for c, w in (r.split("\t") for r in rows if r.strip())}
    assert len(weights) == 311
    for code, weight in weights.items():
        assert ont.goldstein(code) == weight, code


def test_names_are_repaired_and_carry_no_example_sentences(ont: Ontology) -> None:
    header = data_path("ontology", "cameo_codes.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert "example" not in header and "usage_notes" not in header
    for code in ont.cameo_codes():
        rec = ont.cameo(code)
        for text in (rec.name, rec.description):
            assert not re.search("[\u00c4\u00c3\u201a\ufffd]", text), (code, text)
    assert ont.cameo_name("042") == "Make a visit"
    assert ont.cameo_name("01") == "MAKE PUBLIC STATEMENT"


def test_no_evaluation_sentence_in_the_tables() -> None:
    records = [json.loads(line) for line in need(C2P.parent / "eval.jsonl").read_text(encoding="utf-8").splitlines()]
    tables = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in data_path("ontology").glob("*.tsv"))
    for rec in records:
        text = " ".join(rec["text"].split())
        assert text[:60] not in tables, rec["id"]


def test_code_lookup_is_strict_about_strings(ont: Ontology) -> None:
    assert ont.is_cameo("042") and not ont.is_cameo("42") and not ont.is_cameo(42)
    assert not ont.is_cameo("1214")  # in CAMEO2PLOVER-2021 only, not a CAMEO 1.1b3 code


@pytest.mark.parametrize("bad", ["42", "999", "x1", "", 42, None])
def test_bad_code_error_is_one_line_and_names_code_and_fix(ont: Ontology, bad: object) -> None:
    with pytest.raises(ConfigError) as info:
        ont.event_type(bad)  # type: ignore[arg-type]
    msg = str(info.value)
    assert "\n" not in msg and "CAMEO" in msg and msg.startswith("[DW200]")
    assert "'042'" in msg  # the fix: string with leading zero
    if bad in ("42", 42):
        assert "did you mean '042'" in msg
    if isinstance(bad, str) and bad:
        assert repr(bad) in msg


# ------------------------------------------------------------------------------------------------ mapping


def test_mapping_follows_official_cameo2plover_types(ont: Ontology) -> None:
    seen: set[str] = set()
    for line in need(C2P).read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if not m or m.group(1) in seen or not ont.is_cameo(m.group(1)):
            continue
        seen.add(m.group(1))
        assert ont.event_type(m.group(1)).plover == m.group(2), line
        assert ont.plover_basis(m.group(1)) == "official"
    assert len(seen) == 273


@pytest.mark.parametrize(("code", "plover", "mode", "context"), [
    ("125", "REJECT", "meet", "diplomatic"),
    ("042", "CONSULT", "visit", None),
    ("044", "CONSULT", "third-party", None),
    ("161", "SANCTION", "withdraw", "diplomatic"),
    ("072", "AID", None, "military"),
    ("1121", "ACCUSE", "allege", "crime;corruption"),
    ("163", "COERCE", "restrict", "diplomatic"),  # CAMEO 16, but CAMEO2PLOVER says COERCE
    ("0841", "RETREAT", "release", "legal"),
    ("081", "CONCEDE", None, "legal"),
    ("186", "ASSAULT", "targeted", None),  # upstream mode 'assassinate' -> manual 'targeted'
    ("1722", "COERCE", "restrict", "pro_autocracy"),  # upstream 'ban' -> manual 'restrict'
    ("175", "ASSAULT", None, "pro_autocracy;military"),  # upstream put a context in the mode column
    ("0333", "AGREE", None, "human_security"),  # upstream context 'humanitarian' is not a manual context
])
def test_event_type_official_rows(ont: Ontology, code: str, plover: str, mode: str | None,
                                  context: str | None) -> None:
    et = ont.event_type(code)
    assert (et.plover, et.mode, et.context) == (plover, mode, context)


def test_plover_score_is_mode_score_else_type_score(ont: Ontology) -> None:
    assert ont.event_type("042").plover_score == 4.0  # CONSULT: Visit
    assert ont.event_type("040").plover_score == 2.5  # CONSULT
    assert ont.event_type("125").plover_score == -2.0  # REJECT: Meet
    assert ont.event_type("111").plover_score == -2.0  # ACCUSE: Disapprove
    assert ont.event_type("090").plover_score == -3.5  # ACCUSE: Investigate
    assert ont.event_type("0872").plover_score == 8.0  # RETREAT: Withdraw
    assert ont.event_type("070").plover_score == 10.0  # AID
    # an explicit mode without a manual score falls back to the type's score
    assert ont.event_type("140", mode="vandalize").plover_score == -5.0


def test_event_type_overrides(ont: Ontology) -> None:
    et = ont.event_type("036", mode="future", context="military; diplomatic")
    assert (et.plover, et.mode, et.context) == ("AGREE", "future", "military;diplomatic")
    assert ont.event_type("125", mode="").mode is None
    assert ont.event_type("125", context="").context is None
    assert ont.event_type("120", mode="meet").mode == "meet"
    # the coder overrides the type (manual guidance), Goldstein and QuadClass stay CAMEO's
    et = ont.event_type("116", plover="SANCTION", mode="convict")
    assert (et.plover, et.mode, et.plover_score, et.goldstein, et.quad_class) == ("SANCTION", "convict", -6.0, -2.0, 3)
    # a table mode the overriding type lacks is dropped; old names are accepted
    assert ont.event_type("125", plover="demand").mode == "meet"
    assert ont.event_type("042", plover="AGREE").mode is None
    assert ont.event_type("1823", plover="fight").plover == "ASSAULT"


@pytest.mark.parametrize(("kwargs", "needle"), [
    ({"mode": "teleport"}, "not a PLOVER REJECT mode"),
    ({"context": "weather"}, "not a PLOVER context"),
    ({"plover": "YIELD"}, "unknown PLOVER type"),
])
def test_event_type_bad_overrides_raise(ont: Ontology, kwargs: dict[str, str], needle: str) -> None:
    with pytest.raises(ConfigError, match=needle) as info:
        ont.event_type("125", **kwargs)  # type: ignore[arg-type]
    assert "\n" not in str(info.value) and "use one of" in str(info.value)


def test_event_type_falls_back_to_parent_then_root() -> None:
    tables, versions = read_tables()
    tables = dict(tables)
    tables["cameo2plover.tsv"] = [r for r in tables["cameo2plover.tsv"] if r["cameo"] not in {"1211", "121", "1384"}]
    tables["cameo2plover.tsv"] = [r for r in tables["cameo2plover.tsv"] if r["cameo"] != "138"]
    ont = Ontology.from_tables(tables, versions)
    et = ont.event_type("1211")  # no own row, no parent row: root 12
    assert (et.plover, et.mode, et.goldstein) == ("REJECT", None, -4.0)
    assert ont.cameo("1211").plover_from == "12"
    assert ont.cameo("1384").plover_from == "13"
    tables["cameo2plover.tsv"] = [r for r in read_tables()[0]["cameo2plover.tsv"] if r["cameo"] != "1211"]
    ont = Ontology.from_tables(tables, versions)
    assert ont.cameo("1211").plover_from == "121"
    assert ont.event_type("1211").mode == "assist"


def test_cameo_01_and_02_decisions(ont: Ontology) -> None:
    for code in ont.cameo_codes():
        if code.startswith("02"):
            et = ont.event_type(code)
            assert et.plover == "REQUEST" and et.quad_class == 1 and et.plover_score is not None, code
    assert ont.event_type("026").mode == "meet"
    assert ont.event_type("0253").mode == "yield"
    assert ont.event_type("015").plover == "AGREE" and ont.plover_basis("015") == "manual-note"
    assert ont.event_type("016").plover == "REJECT" and ont.plover_basis("016") == "manual-note"
    assert ont.event_type("019").plover == "SUPPORT" and ont.event_type("019").plover_score == 5.0
    nearest = [c for c in ont.cameo_codes() if ont.plover_basis(c) == "nearest"]
    assert nearest == ["01", "010", "011", "012", "013", "014", "017"]
    for code in nearest:  # no PLOVER equivalent: no PLOVER score, but Goldstein/QuadClass kept
        et = ont.event_type(code)
        assert et.plover_score is None and et.goldstein is not None and et.quad_class == 1
    assert ont.event_type("010", plover="SUPPORT").plover_score == 5.0  # the coder's explicit choice


# ------------------------------------------------------------------------------------------------ PLOVER


def test_plover_types_and_manual_quirks(ont: Ontology) -> None:
    types = ont.plover_types()
    assert tuple(t.name for t in types) == TYPES
    by = {t.name: t for t in types}
    assert by["ACCUSE"].score == -3.0 and "printed 3" in by["ACCUSE"].note
    assert all(m.score is not None and m.score < 0 for m in by["ACCUSE"].modes)
    assert by["SANCTION"].quad_class == 4 and by["SANCTION"].quad == "MATERIAL CONFLICT"
    assert "quad table says 3" in by["SANCTION"].note
    assert [t.quad_class for t in types] == [1] * 4 + [2] * 3 + [3] * 4 + [4] * 5
    assert {t.name for t in types if t.requires_recipient} == {"COOPERATE", "AID", "SANCTION"}
    assert by["CONSULT"].mode_names == ("visit", "third-party", "multilateral", "phone")
    assert by["REQUEST"].mode_names == by["REJECT"].mode_names == ("assist", "change", "yield", "meet")
    assert by["AGREE"].modes == () and by["AGREE"].score == 2.5
    assert by["AID"].score == 10.0 and by["ASSAULT"].score == -9.0
    assert by["PROTEST"].mode("vandalize") is not None and by["PROTEST"].mode("vandalize").score is None  # type: ignore[union-attr]
    assert all(t.definition and "\\" not in t.definition for t in types)
    assert by["REJECT"].definition == "All rejections and refusals."


def test_contexts_sectors_and_auxiliary_modes(ont: Ontology) -> None:
    assert len(ont.contexts) == 37 and {"military", "diplomatic", "pro_democracy", "cbrn"} <= set(ont.contexts)
    assert {"GOV", "MIL", "LEG", "CVL", "REB", "COP", "PRE"} <= set(ont.sectors)
    assert ont.auxiliary_modes == ("historical", "future", "hypothetical", "negation")
    for code in ont.cameo_codes():
        ctx = ont.event_type(code).context
        assert ctx is None or all(ont.is_context(c) for c in ctx.split(";")), code


def test_old_plover_names_map_to_current(ont: Ontology) -> None:
    for old, new in {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                     "FIGHT": "ASSAULT"}.items():
        assert ont.current_plover_name(old) == new
        assert ont.current_plover_name(old.lower()) == new
        assert ont.plover_type(old).name == new
    assert ont.current_plover_name("REJECT") == "REJECT"
    with pytest.raises(ConfigError, match="unknown PLOVER type 'STATEMENT'"):
        ont.current_plover_name("STATEMENT")


def test_cameo_for_plover(ont: Ontology) -> None:
    assert ont.cameo_for_plover("REQUEST", "meet") == "106"
    assert ont.cameo_for_plover("REJECT", "meet") == "125"
    assert ont.cameo_for_plover("CONSULT", "visit") == "042"
    assert ont.cameo_for_plover("CONSULT", "third-party") == "044"
    assert ont.cameo_for_plover("DEMAND") == "100"
    general = {t.name: ont.cameo_for_plover(t.name) for t in ont.plover_types()}
    assert general["ACCUSE"] == "110" and general["RETREAT"] == "084" and general["AGREE"] == "030"
    for t in ont.plover_types():
        assert ont.event_type(general[t.name]).plover == t.name  # the type's own code reads back as the type
        assert ont.cameo_root(general[t.name]) in t.cameo_roots
        for mode in t.mode_names:
            code = ont.cameo_for_plover(t.name, mode)
            et = ont.event_type(code, plover=t.name, mode=mode)
            assert (et.plover, et.mode) == (t.name, mode)
    assert ont.cameo_for_plover("CONSULT", "future") == "040"  # auxiliary modes do not pick a code
    with pytest.raises(ConfigError, match="not a PLOVER CONSULT mode"):
        ont.cameo_for_plover("CONSULT", "assist")


# ------------------------------------------------------------------------------------------------ data files


def test_manifest_versions_and_hashes(ont: Ontology) -> None:
    folder = data_path("ontology")
    manifest = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))["tables"]
    assert set(manifest) == {p.name for p in folder.glob("*.tsv")}
    for info in manifest.values():
        assert info["version"] and info["source"] and info["licence"] and len(info["sha256"]) == 64
    assert dict(ont.versions) == {k: v["version"] for k, v in manifest.items()}
    assert "ontology/cameo2plover.tsv" in table_versions()


def test_edited_table_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ontology"
    shutil.copytree(data_path("ontology"), folder)
    path = folder / "cameo_codes.tsv"
    original = path.read_bytes()
    path.write_text(original.decode("utf-8").replace("\t-10\t", "\t10\t"), encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape("cameo_codes.tsv does not match its MANIFEST.json sha256")):
        read_tables(folder)
    path.write_bytes(original)
    assert read_tables(folder)[1] == dict(load_ontology().versions)
    (folder / "plover_types.tsv").unlink()
    with pytest.raises(ConfigError, match=re.escape("plover_types.tsv cannot be read")):
        read_tables(folder)


def test_packaged_tables_are_up_to_date_with_upstream() -> None:
    need(C2P)
    done = subprocess.run([sys.executable, str(REPO / "tools" / "build_ontology_tables.py"), "--check",
                           "--shared", str(SHARED)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
