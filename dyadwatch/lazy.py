"""Names of a package loaded on first use (PEP 562), for packages whose ``__init__`` must stay cheap to import.

Why: ``dyadwatch code``'s parent process reads a dateline (``dyadwatch.dating.published``) and starts a worker
(``dyadwatch.runner.spawn``) without ever parsing; an ``__init__`` that imported its package's modules eagerly
would pull in spaCy there, about a second of start-up. Each such package names where each public name lives,
and this module supplies the two module-level hooks that import it when it is first asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping, Sequence
from importlib import import_module
from typing import Any


def lazy_exports(
    package: str, homes: Mapping[str, str], namespace: MutableMapping[str, Any], exported: Sequence[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``: ``homes`` maps each lazy name to its submodule.

    A name is imported once, then kept in the package's namespace, so later look-ups never reach the hook.
    """

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{home}"), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted([*namespace, *exported])

    return __getattr__, __dir__
