"""The page at ``/``: one HTML file and its script and style, all served from the package (works offline).

Hand-written vanilla JavaScript with an inline SVG chart: nothing bundled, nothing fetched from a CDN
(``static/MANIFEST.json`` lists every asset with its version and licence).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def index() -> HTMLResponse:
    return HTMLResponse((STATIC / "index.html").read_text(encoding="utf-8"),
                        headers={"Cache-Control": "no-cache"})


@router.get("/docs", response_class=HTMLResponse)
def docs() -> HTMLResponse:
    """The API reference, drawn by ``static/docs.js`` from ``/openapi.json`` (FastAPI's own page loads a CDN)."""
    return HTMLResponse((STATIC / "docs.html").read_text(encoding="utf-8"), headers={"Cache-Control": "no-cache"})


def static_files() -> StaticFiles:
    return StaticFiles(directory=STATIC)
