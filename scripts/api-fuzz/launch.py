"""The schemathesis command, with cartd's own checks (cart_checks.py) registered and one
workaround for the Python it runs on.

CPython 3.11 before 3.11.8 raises SystemError ("AST constructor recursion depth mismatch",
python/cpython#106905) when hypothesis parses a large module only to describe a lambda in a
strategy's repr. The description is cosmetic, so it falls back to hypothesis's own form for a
lambda it cannot read; nothing that is generated or checked changes."""
import sys

from hypothesis.internal import lambda_sources

_describe = lambda_sources._lambda_description


def _tolerant(f, *args, **kwargs):
    try:
        return _describe(f, *args, **kwargs)
    except SystemError:
        return "lambda: <unknown>"


lambda_sources._lambda_description = _tolerant

import os  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cart_checks  # noqa: E402,F401  (registers cart_resource_availability)
from schemathesis.cli import schemathesis  # noqa: E402

sys.argv[0] = "schemathesis"
sys.exit(schemathesis())
