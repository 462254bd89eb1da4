"""The ``dyadwatch`` command line (``dyadwatch.cli.main``).

``dyadwatch code`` starts its worker process here, before the command modules import click, rich and the
library: the worker loads spaCy and the model on one core while this process imports on the other
(``dyadwatch.runner.spawn``; the first Runner worker adopts it, and it is killed at exit if none does).
"""

import sys

from dyadwatch.runner.spawn import start_early_worker

start_early_worker(sys.argv)
