"""dyadwatch: offline political event data from news text.

The public API is small on purpose: build a pipeline, code articles, open a store.
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
