"""Rebuild the ontology tables in ``dyadwatch/data/ontology/`` from the upstream reference files, and the manifest.

Why generated: CAMEO codes, names and Goldstein weights, the CAMEO2PLOVER table and the PLOVER manual's types,
modes, scores, contexts and sectors are published facts. Regenerating them from the upstream files (read from
``../shared``, never copied) keeps the package's tables in step with their sources and makes every deviation an
explicit, reviewable row in one of the hand-curated files:

* ``plover_aliases.tsv``        upstream CAMEO2PLOVER modes/contexts that are not in the manual -> manual names
* ``cameo2plover_dropped.tsv``  dyadwatch's PLOVER reading of CAMEO 01 (statements) and 02 (appeals)
* ``plover_old_names.tsv``      PLOVER 0.5b1 type names -> current names
* ``plover2cameo_overrides.tsv`` where the rule for "most general CAMEO code of a PLOVER type/mode" is not enough

The example sentences of the CAMEO codebook table are evaluation material: they are never read into a table.

Run: ``.venv/bin/python tools/build_ontology_tables.py [--shared ../shared] [--check]``
(``--check`` rebuilds in memory and fails if a packaged file differs: CI can use it.)
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from dyadwatch.ontology.model import quad_class_of_root

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "dyadwatch" / "data" / "ontology"
VERSION = "2026.11.2"  # .2: QuadClass of CAMEO root 05 is verbal cooperation (1), as in GDELT

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
QUAD_NAMES = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT", 4: "MATERIAL CONFLICT"}

PLOVER_REPO = "openeventdata/PLOVER @ 5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f (2024-02-04)"
SOURCES = {
    "goldstein": (
        "GDELT CAMEO.goldsteinscale.txt, as published in mpiccirilli/UNDP-BCPR-Project @ "
        "08d29bb45bd64d999e6212382fb7cf145f9eb37d"
    ),
    "codebook": (
        "CAMEO 1.1b3 codebook table andybega/icews data-raw/cameo-codes.csv @ "
        "3746c729551f5fcb5a49f643f82638011a5fcfec (code, name, description only; mojibake repaired)"
    ),
    "c2p": f"{PLOVER_REPO}, CAMEO2PLOVER-2021.txt (PLOVER draft 0.8, 2021-09-17)",
    "manual": f"{PLOVER_REPO}, PLOVER_MANUAL.tex (DRAFT Version 2.0)",
}
LICENCES = {
    "gdelt": "GDELT data: free use with attribution (The GDELT Project)",
    "cameo": "CAMEO codebook text (Schrodt et al. 2012) via the icews R package (MIT, (c) 2022 Andreas Beger)",
    "plover": "CC BY-SA 4.0 (Open Event Data Alliance, PLOVER); this derived table is CC BY-SA 4.0 as well",
    "dyadwatch": "dyadwatch (MIT); decisions documented row by row",
}


# ----------------------------------------------------------------------------------------------------- helpers


def tsv(rows: Sequence[Sequence[object]]) -> str:
    """TSV text with a fixed dialect, so rebuilds are byte-identical."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow(["" if v is None else " ".join(str(v).split()) for v in row])
    return buf.getvalue()


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def fmt(x: float | None) -> str:
    return "" if x is None else (str(int(x)) if float(x).is_integer() else str(x))


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Mac-Roman (``‚Äô`` -> ``’``): each run of non-ASCII characters is re-encoded."""

    def fix(m: re.Match[str]) -> str:
        try:
            return m.group(0).encode("mac_roman").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return m.group(0)

    return re.sub(r"[^\x00-\x7f]+", fix, text)


def latex_text(s: str) -> str:
    """LaTeX fragment -> plain text (enough for the manual's definitions and table cells)."""
    s = re.sub(r"(?<!\\)%.*", "", s)
    s = re.sub(r"\\(?:hyperref)\[[^\]]*\]\{([^}]*)\}", r"\1", s)
    s = re.sub(r"\\(?:auto)?ref\{[^}]*\}", "", s)
    s = re.sub(r"\\(?:url)\{([^}]*)\}", r"\1", s)
    for _ in range(3):
        s = re.sub(r"\\(?:plcat|plcon|plmod|txt|ti|textit|emph|texttt|textbf|textsf)\{([^{}]*)\}", r"\1", s)
    s = re.sub(r"\$\+\$", "+", s)
    s = re.sub(r"\$([^$]*)\$", r"\1", s)
    s = s.replace("``", "\u201c").replace("''", "\u201d").replace("---", "\u2014").replace("--", "\u2013")
    s = s.replace("\\ldots", "\u2026").replace("\\dots", "\u2026").replace("~", " ")
    s = re.sub(r"\\([_&$%#])", r"\1", s)
    s = re.sub(r"`([^']*)'", "\u2018\\1\u2019", s)
    s = re.sub(r"\\[a-zA-Z]+\*?", "", s)
    return " ".join(s.replace("{", "").replace("}", "").split())


def uncomment(tex: str) -> str:
    return "\n".join(line for line in tex.splitlines() if not line.lstrip().startswith("%"))


def tabular_rows(block: str, merge: bool = True) -> list[list[str]]:
    r"""Rows of a LaTeX tabular body: ``a & b \\`` lines, continuation lines (starting with ``&``) merged."""
    rows: list[list[str]] = []
    for raw in uncomment(block).split("\\\\"):
        line = raw.replace("\\hline", "").strip()
        if not line or "&" not in line:
            continue
        cells = [c.strip() for c in line.split("&")]
        if merge and rows and cells[0] == "" and len(cells) == len(rows[-1]):
            rows[-1] = [(a + " " + b).strip() for a, b in zip(rows[-1], cells, strict=True)]
        else:
            rows.append(cells)
    return rows


# ----------------------------------------------------------------------------------------------------- CAMEO


def read_goldstein(path: Path) -> dict[str, float]:
    weights: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            code, value = line.split("\t")
            weights[code.strip()] = float(value)
    return weights


def read_codebook(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("cp1252")
    out = []
    for row in csv.DictReader(io.StringIO(text, newline="")):
        desc = "" if row["description"] in ("NA", "") else repair_mojibake(row["description"]).strip()
        out.append({"code": row["code"].strip(), "name": repair_mojibake(row["name"]).strip(), "description": desc})
    return out


def build_cameo_codes(codebook: list[dict[str, str]], gold: dict[str, float]) -> list[list[object]]:
    codes = {r["code"]: r for r in codebook}
    extra = sorted(set(gold) - set(codes))
    if extra:
        raise SystemExit(f"GDELT Goldstein codes missing from the codebook: {extra}")
    rows: list[list[object]] = [
        ["code", "name", "root", "parent", "level", "goldstein", "goldstein_from", "quad_class", "description"]
    ]
    for code in sorted(codes, key=lambda c: (c[:2], c)):
        if not re.fullmatch(r"\d{2,4}", code):
            raise SystemExit(f"bad CAMEO code in codebook: {code!r}")
        parent = "" if len(code) == 2 else code[:2] if len(code) == 3 else code[:3]
        src = code
        while src not in gold:
            src = "" if len(src) == 2 else src[:2] if len(src) == 3 else src[:3]
            if not src:
                raise SystemExit(f"no Goldstein weight for {code} or its parents")
        rows.append(
            [
                code,
                codes[code]["name"],
                code[:2],
                parent,
                len(code),
                fmt(gold[src]),
                src,
                quad_class_of_root(code[:2]),
                codes[code]["description"],
            ]
        )
    return rows


def read_cameo2plover(path: Path) -> list[dict[str, str]]:
    """Entries of CAMEO2PLOVER in file order: ``code: TYPE, mode, context # name``."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#\s*(.*))?$", line)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")] + ["", ""]
        out.append(
            {
                "code": m.group(1),
                "plover": parts[0].upper(),
                "mode": parts[1],
                "context": parts[2],
                "name": (m.group(3) or "").strip(),
                "note": "",
            }
        )
    return out


def norm_context(ctx: str, ctx_alias: dict[str, str], contexts: set[str]) -> str:
    parts = [c.strip() for c in ctx.split(";") if c.strip()]
    parts = [ctx_alias.get(c, c) for c in parts]
    for c in parts:
        if c not in contexts:
            raise SystemExit(f"context {c!r} is not in the PLOVER manual; add an alias to plover_aliases.tsv")
    return ";".join(dict.fromkeys(parts))


def build_cameo2plover(
    entries: list[dict[str, str]],
    aliases: list[dict[str, str]],
    modes: dict[str, set[str]],
    contexts: set[str],
    cameo: set[str],
) -> tuple[list[list[object]], list[str]]:
    mode_alias = {(a["plover"], a["upstream"]): a["current"] for a in aliases if a["kind"] == "mode"}
    ctx_alias = {a["upstream"]: a["current"] for a in aliases if a["kind"] == "context"}
    rows: list[list[object]] = [
        ["cameo", "plover", "mode", "context", "mode_upstream", "context_upstream", "cameo_in_codebook", "note"]
    ]
    notes: list[str] = []
    seen: dict[str, dict[str, str]] = {}
    for e in entries:
        if e["plover"] not in PLOVER_TYPES:
            raise SystemExit(f"CAMEO2PLOVER {e['code']}: unknown PLOVER type {e['plover']!r}")
        if e["code"] in seen:
            same = (seen[e["code"]]["plover"], seen[e["code"]]["mode"]) == (e["plover"], e["mode"])
            notes.append(f"{e['code']}: listed twice upstream ({'identical' if same else e['plover']}); first kept")
            continue
        seen[e["code"]] = e
        mode_up, ctx_up = e["mode"], e["context"]
        mode = mode_alias.get((e["plover"], mode_up), mode_up)
        note = []
        ctx = ctx_up
        if mode_up and (e["plover"], mode_up) in mode_alias:
            note.append(f"mode {mode_up!r} -> {mode!r} (plover_aliases.tsv)")
            if mode_up in contexts:  # a context written in the mode column upstream
                ctx = f"{mode_up};{ctx}" if ctx else mode_up
        if mode and mode not in modes[e["plover"]]:
            raise SystemExit(
                f"CAMEO2PLOVER {e['code']}: mode {mode!r} is not a manual {e['plover']} mode; "
                "add it to plover_aliases.tsv"
            )
        context = norm_context(ctx, ctx_alias, contexts)
        if context != ";".join(c.strip() for c in ctx_up.split(";") if c.strip()):
            note.append(f"context {ctx_up!r} -> {context!r}")
        if e["code"] not in cameo:
            note.append("not a CAMEO 1.1b3 codebook code")
        rows.append([e["code"], e["plover"], mode, context, mode_up, ctx_up, int(e["code"] in cameo), "; ".join(note)])
    return rows, notes


# ----------------------------------------------------------------------------------------------------- PLOVER


def section(tex: str, start: str, end: str) -> str:
    i = tex.index(start)
    return tex[i : tex.index(end, i + len(start))]


def parse_scores(tex: str) -> dict[tuple[str, str], float]:
    """``(TYPE, mode or "")`` -> score from the manual's conflict--cooperation score table."""
    block = section(tex, "\\caption{PLOVER conflict--cooperation scores}", "\\end{tabular}")
    block = block.split("\\hline", 2)[2]  # after the header row
    scores: dict[tuple[str, str], float] = {}
    for row in tabular_rows(block.replace("\\cellcolor{gray!25}", ""), merge=False):
        for label, value in zip(row[0::2], row[1::2], strict=False):
            if not label.strip():
                continue
            kind, _, mode = label.partition(":")
            scores[(kind.strip().upper(), mode.strip().lower())] = float(value.strip())
    return scores


def parse_types(tex: str) -> dict[str, dict[str, object]]:
    body = section(tex, "\\chapter{Event Categories}", "\\chapter{Contexts}")
    parts = re.split(r"\\section\{([A-Z]+)\}", body)
    types: dict[str, dict[str, object]] = {}
    for name, text in zip(parts[1::2], parts[2::2], strict=True):
        clean = uncomment(text)
        intro = clean.split("\\subsection", 1)[0]
        types[name] = {
            "definition": definition(intro),
            "requires_recipient": re.search(r"Requires recipient:\s*(Yes|No)", clean).group(1) == "Yes",  # type: ignore[union-attr]
            "quad": re.search(r"Quad category:\s*([A-Z ]+?)\s*\}", clean).group(1),  # type: ignore[union-attr]
            "modes": parse_mode_table(clean),
        }
    if tuple(types) != PLOVER_TYPES:
        raise SystemExit(f"manual sections {tuple(types)} != the 16 PLOVER types")
    return types


def definition(intro: str) -> str:
    """The first paragraph of a type's section (with the list it introduces), without cross-references."""
    intro = intro.strip()
    if intro.startswith("\\begin{itemize}"):
        items = re.findall(r"\\item\s+(.*?)(?=\\item|\\end\{itemize\})", intro, re.S)
        return "; ".join(latex_text(i).rstrip(".") for i in items) + "."
    first, _, rest = intro.partition("\n\n")
    if rest.lstrip().startswith("\\begin{itemize}"):  # the paragraph introduces a list ("including")
        block = rest.split("\\end{itemize}")[0] + "\\end{itemize}"
        items = re.findall(r"\\item\s+(.*?)(?=\\item|\\end\{itemize\})", block, re.S)
        first = first.rstrip().rstrip(":") + " " + "; ".join(latex_text(i).rstrip(".") for i in items) + "."
    sentences = re.split(r"(?<=\.)\s+", latex_text(first))
    return " ".join(s for s in sentences if "Section" not in s and "See the discussion" not in s)


def parse_mode_table(section_tex: str) -> dict[str, str]:
    m = re.search(r"\\begin\{tabular\}.*?\n(.*?)\\end\{tabular\}", section_tex, re.S)
    if not m:
        return {}
    modes = {}
    for row in tabular_rows(m.group(1)):
        if row[0].strip() == "Name":
            continue
        modes[latex_text(row[0]).lower()] = latex_text(" ".join(row[1:]))
    return modes


def parse_quad_table(tex: str) -> dict[str, int]:
    block = section(tex, "\\caption{Quad categories in PLOVER}", "\\end{tabular}")
    out = {}
    for row in tabular_rows(block):
        if row[-1].strip().isdigit():
            for name in row[1].split(","):
                out[name.strip()] = int(row[-1])
    return out


def parse_contexts(tex: str) -> list[tuple[str, str]]:
    block = section(tex, "\\label{tab:general-contexts}", "\\end{longtable}").split("\\endlastfoot", 1)[1]
    return [(latex_text(r[0]), latex_text(r[1])) for r in tabular_rows(block)]


def parse_sectors(tex: str) -> list[tuple[str, str, str]]:
    block = section(tex, "\\label{tab:roles}", "\\end{longtable}")
    out, freq = [], "frequent"
    for row in tabular_rows(block):
        label = latex_text(row[0])
        if not label:
            freq = "less frequent" if "Less frequently" in row[1] else freq
            continue
        if re.fullmatch(r"[A-Z]{3}", label):
            out.append((label, latex_text(row[1]), freq))
    return out


def parse_auxiliary(tex: str) -> list[tuple[str, str]]:
    block = section(tex, "\\section{Auxiliary modes}", "\\end{itemize}")
    return [
        (m.group(1), latex_text(m.group(2)).strip('\u201c\u201d" '))
        for m in re.finditer(r"\\item\s*\\plcon\{(\w+)\}:\s*(.*)", block)
    ]


# ----------------------------------------------------------------------------------------------------- plover2cameo


def build_plover2cameo(
    c2p_rows: list[list[object]], overrides: list[dict[str, str]], modes: dict[str, set[str]], cameo: set[str]
) -> list[list[object]]:
    """The most general CAMEO code for each PLOVER type and each (type, mode).

    Rule: official CAMEO2PLOVER rows of the type (and mode), in the type's main CAMEO root (the root with most
    rows of the type), preferring rows without mode (type only) or without context, then 3-digit codes over
    4- and 2-digit ones, then the lowest code. A mode with no official row falls back to the type's code
    unless ``plover2cameo_overrides.tsv`` names a better one.
    """
    header, *body = c2p_rows
    rows = [dict(zip(header, r, strict=True)) for r in body if r[0] in cameo]
    out: list[list[object]] = [["plover", "mode", "cameo", "rule"]]
    over = {(o["plover"], o["mode"]): o for o in overrides}
    for (ptype, mode), o in over.items():
        if ptype not in PLOVER_TYPES or mode not in modes[ptype] or o["cameo"] not in cameo:
            raise SystemExit(f"plover2cameo_overrides.tsv: bad row {o}")
    for ptype in PLOVER_TYPES:
        mine = [r for r in rows if r["plover"] == ptype]
        roots: dict[str, int] = {}
        for r in mine:
            roots[str(r["cameo"])[:2]] = roots.get(str(r["cameo"])[:2], 0) + 1
        main = max(roots, key=lambda k: (roots[k], -int(k)))

        def key(r: dict[str, object], main: str = main, want_mode: bool = False) -> tuple[object, ...]:
            code = str(r["cameo"])
            return (
                code[:2] != main,
                {3: 0, 4: 1, 2: 2}[len(code)],
                not code.endswith("0"),
                (bool(r["mode"]) and not want_mode),
                code,
            )

        general = min(mine, key=key)
        out.append(
            [
                ptype,
                "",
                general["cameo"],
                "official: most general code of the type's main root "
                f"{main} (3-digit, ending in 0 or without mode, lowest)",
            ]
        )
        for mode in sorted(modes[ptype]):
            if (ptype, mode) in over:
                out.append([ptype, mode, over[(ptype, mode)]["cameo"], "override: " + over[(ptype, mode)]["reason"]])
                continue
            cands = [r for r in mine if r["mode"] == mode]
            if cands:
                best = min(cands, key=lambda r: key(r, want_mode=True))
                out.append([ptype, mode, best["cameo"], "official: most general code with this mode"])
            else:
                out.append([ptype, mode, general["cameo"], "fallback: no CAMEO code for this mode; the type's code"])
    return out


# ----------------------------------------------------------------------------------------------------- main


def build(shared: Path) -> tuple[dict[str, str], dict[str, dict[str, str]], list[str]]:
    """All generated files as text, manifest entries for every file, and build notes."""
    onto, evald = shared / "ontology", shared / "eval" / "plover-gsr-cameo"
    for path in (
        onto / "PLOVER_MANUAL.tex",
        onto / "CAMEO.goldsteinscale.txt",
        evald / "cameo-codes.csv",
        evald / "CAMEO2PLOVER-2021.txt",
    ):
        if not path.exists():
            raise SystemExit(f"upstream file {path} not found; pass --shared <folder holding ontology/ and eval/>")
    tex = uncomment((onto / "PLOVER_MANUAL.tex").read_text(encoding="utf-8"))  # drop the commented-out drafts
    gold = read_goldstein(onto / "CAMEO.goldsteinscale.txt")
    codebook = read_codebook(evald / "cameo-codes.csv")
    cameo = {r["code"] for r in codebook}
    aliases = read_tsv(OUT / "plover_aliases.tsv")
    dropped = read_tsv(OUT / "cameo2plover_dropped.tsv")
    old_names = read_tsv(OUT / "plover_old_names.tsv")
    overrides = read_tsv(OUT / "plover2cameo_overrides.tsv")
    notes: list[str] = []

    scores = parse_scores(tex)
    types = parse_types(tex)
    quad_table = parse_quad_table(tex)
    contexts = parse_contexts(tex)
    context_names = {c for c, _ in contexts}
    modes: dict[str, dict[str, object]] = {}
    for ptype, info in types.items():
        table: dict[str, str] = info["modes"]  # type: ignore[assignment]
        names = list(table) + sorted(m for (t, m) in scores if t == ptype and m and m not in table)
        modes[ptype] = {
            m: {
                "description": table.get(m, ""),
                "score": scores.get((ptype, m)),
                "in_mode_table": m in table,
                "in_score_table": (ptype, m) in scores,
            }
            for m in names
        }
    mode_names = {t: set(m) for t, m in modes.items()}
    for t, _mode in scores:
        if t not in PLOVER_TYPES:
            raise SystemExit(f"score table names unknown type {t}")

    files: dict[str, str] = {}
    files["cameo_codes.tsv"] = tsv(build_cameo_codes(codebook, gold))
    c2p_rows, c2p_notes = build_cameo2plover(
        read_cameo2plover(evald / "CAMEO2PLOVER-2021.txt"), aliases, mode_names, context_names, cameo
    )
    notes += c2p_notes
    files["cameo2plover.tsv"] = tsv(c2p_rows)

    # dyadwatch's rows for CAMEO 01/02 must cover exactly the codebook codes the official table drops
    official = {str(r[0]) for r in c2p_rows[1:]}
    missing = sorted(cameo - official)
    have = sorted(r["cameo"] for r in dropped)
    if missing != have:
        raise SystemExit(f"cameo2plover_dropped.tsv must list exactly {missing}; it lists {have}")
    for r in dropped:
        if r["plover"] not in PLOVER_TYPES or (r["mode"] and r["mode"] not in mode_names[r["plover"]]):
            raise SystemExit(f"cameo2plover_dropped.tsv: bad row {r}")
        norm_context(r["context"], {}, context_names)
    for r in old_names:
        if r["current_name"] not in PLOVER_TYPES:
            raise SystemExit(f"plover_old_names.tsv: {r['current_name']} is not a PLOVER type")

    type_rows: list[list[object]] = [
        [
            "name",
            "quad",
            "quad_class",
            "quad_table_class",
            "score",
            "score_printed",
            "requires_recipient",
            "cameo_roots",
            "definition",
            "note",
        ]
    ]
    for ptype, info in types.items():
        quad = str(info["quad"])
        qclass = {v: k for k, v in QUAD_NAMES.items()}[quad]
        printed = scores[(ptype, "")]
        score, note = printed, []
        mode_scores = [s for (t, m), s in scores.items() if t == ptype and m]
        if mode_scores and all(s < 0 for s in mode_scores) and printed > 0:
            score = -printed
            note.append(f"category score printed {fmt(printed)} but every mode is negative: read {fmt(score)}")
        if quad_table.get(ptype) != qclass:
            note.append(
                f"quad table says {quad_table.get(ptype)}, the type's own section says {quad} "
                f"({qclass}): section kept, it agrees with the manual's summary table and CAMEO root 16"
            )
        roots = sorted({str(r[0])[:2] for r in c2p_rows[1:] if r[1] == ptype})
        type_rows.append(
            [
                ptype,
                quad,
                qclass,
                quad_table.get(ptype, ""),
                fmt(score),
                fmt(printed),
                int(bool(info["requires_recipient"])),
                " ".join(roots),
                info["definition"],
                "; ".join(note),
            ]
        )
    files["plover_types.tsv"] = tsv(type_rows)

    mode_rows: list[list[object]] = [["plover", "mode", "score", "in_mode_table", "in_score_table", "description"]]
    for ptype, ms in modes.items():
        for m, info in ms.items():
            mode_rows.append(
                [
                    ptype,
                    m,
                    fmt(info["score"]),
                    int(bool(info["in_mode_table"])),  # type: ignore[arg-type]
                    int(bool(info["in_score_table"])),
                    info["description"],
                ]
            )
    files["plover_modes.tsv"] = tsv(mode_rows)
    files["plover_contexts.tsv"] = tsv([["context", "description"], *contexts])
    files["plover_sectors.tsv"] = tsv([["sector", "description", "frequency"], *parse_sectors(tex)])
    aux = parse_auxiliary(tex)
    if [a for a, _ in aux] != ["historical", "future", "hypothetical", "negation"]:
        raise SystemExit(f"auxiliary modes not found as expected: {aux}")
    files["plover_auxiliary_modes.tsv"] = tsv([["mode", "example"], *aux])
    files["plover2cameo.tsv"] = tsv(build_plover2cameo(c2p_rows, overrides, mode_names, cameo))

    hand = {
        "plover_aliases.tsv": ("dyadwatch, from the PLOVER manual's mode and context tables", "dyadwatch"),
        "cameo2plover_dropped.tsv": (
            "dyadwatch, from the PLOVER manual definitions and translation notes "
            "(CAMEO 01/02, which CAMEO2PLOVER drops)",
            "dyadwatch",
        ),
        "plover_old_names.tsv": ("dyadwatch, from the PLOVER manual's CAMEO to PLOVER translation table", "dyadwatch"),
        "plover2cameo_overrides.tsv": ("dyadwatch, from the CAMEO 1.1b3 code names", "dyadwatch"),
    }
    gen = {
        "cameo_codes.tsv": (f"{SOURCES['codebook']}; Goldstein: {SOURCES['goldstein']}", "cameo", "gdelt"),
        "cameo2plover.tsv": (SOURCES["c2p"], "plover"),
        "plover_types.tsv": (SOURCES["manual"], "plover"),
        "plover_modes.tsv": (SOURCES["manual"], "plover"),
        "plover_contexts.tsv": (SOURCES["manual"], "plover"),
        "plover_sectors.tsv": (SOURCES["manual"], "plover"),
        "plover_auxiliary_modes.tsv": (SOURCES["manual"], "plover"),
        "plover2cameo.tsv": (f"{SOURCES['c2p']} + plover2cameo_overrides.tsv", "plover", "dyadwatch"),
    }
    manifest: dict[str, dict[str, str]] = {}
    for name, (source, *lic) in {**gen, **hand}.items():
        text = files[name] if name in files else (OUT / name).read_text(encoding="utf-8")
        manifest[name] = {
            "version": VERSION,
            "source": source,
            "licence": "; ".join(LICENCES[x] for x in lic),
            "generated_by": "tools/build_ontology_tables.py" if name in files else "hand-curated",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        }
    return files, manifest, notes


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    ap.add_argument("--check", action="store_true", help="fail if the packaged tables differ from a rebuild")
    args = ap.parse_args(list(argv) if argv is not None else None)
    files, manifest, notes = build(args.shared)
    text = json.dumps({"tables": dict(sorted(manifest.items()))}, indent=2, ensure_ascii=False) + "\n"
    files["MANIFEST.json"] = text
    if args.check:
        stale = [n for n, t in files.items() if not (OUT / n).exists() or (OUT / n).read_text(encoding="utf-8") != t]
        if stale:
            print(f"stale ontology tables: {', '.join(stale)}; run tools/build_ontology_tables.py", file=sys.stderr)
            return 1
        print("ontology tables up to date")
        return 0
    for name, content in files.items():
        (OUT / name).write_text(content, encoding="utf-8", newline="")
    for n in notes:
        print("note:", n)
    print(f"wrote {len(files)} files to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
