"""URL rules whose URL builders are compiled once per process, not once per application.

Werkzeug compiles, for every rule of every application, two small Python functions that build
its URLs (`Rule._compile_builder`, through the `ast` module and `compile`): about 60 % of the
time `create_app` took. A builder is made only from the rule's parsed parts (`_trace`: static
text and variable names; each variable's converter is looked up on the rule when a URL is
built) and from whether unknown arguments become a query string. Applications built in one
process (the mock's own tests build hundreds) therefore share the builders of their rules,
keyed by exactly that. A rule with defaults is compiled as Werkzeug does: a default's value
goes through the rule's converter when compiling.

Compiling is also done one rule at a time: CPython 3.11 may fail with "SystemError: AST
constructor recursion depth mismatch" when two threads build code from `ast` objects at once
(python/cpython#106905), which applications built in threads would otherwise risk.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import ClassVar

from flask import Flask
from werkzeug.routing import Rule

Builder = Callable[..., tuple[str, str]]
BuilderKey = tuple[tuple[tuple[bool, str], ...], bool]


class SharedBuilderRule(Rule):
    """A Werkzeug rule that reuses the URL builders already compiled for the same parts."""

    _builders: ClassVar[dict[BuilderKey, Builder]] = {}
    _compiling: ClassVar[threading.Lock] = threading.Lock()

    def _compile_builder(self, append_unknown: bool = True) -> Builder:
        if self.defaults:
            with self._compiling:
                return super()._compile_builder(append_unknown)
        key = (tuple(self._trace), append_unknown)
        builder = self._builders.get(key)
        if builder is None:
            with self._compiling:
                builder = self._builders.get(key)
                if builder is None:
                    builder = super()._compile_builder(append_unknown)
                    self._builders[key] = builder
        return builder


class SharedBuilderFlask(Flask):
    """A Flask application whose every rule, the static one included, is a `SharedBuilderRule`."""

    url_rule_class = SharedBuilderRule
