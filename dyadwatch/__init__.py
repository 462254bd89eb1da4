"""dyadwatch: offline political event data from news text.

The public API is small on purpose: build a pipeline, code articles, open a store.
"""

from __future__ import annotations

import logging

# The one place the version is defined: pyproject.toml reads it (``dynamic = ["version"]``), and every output
# names it (``--version``, ``info``, ``/healthz``, each event's ``coder_version``, the page's footer), so a stored
# event says which coder produced it. Bump it with a CHANGELOG.md section.
__version__ = "0.9.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
