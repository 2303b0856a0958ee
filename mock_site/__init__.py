"""The ameli.fr mock: a Flask application reproducing the account-creation journey."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from mock_site import errors, security, statiques, store
from mock_site.config import config_for_mode, secret_key, settings_from_env
from mock_site.extensions import csrf


class _TemplatesCompiles(BytecodeCache):
    """Compiled templates kept in memory for every application built in this process.

    Jinja compiles each template once per application; the mock's own tests build hundreds of
    applications in one process. A template whose source changed is compiled again: Jinja
    checks the source's checksum before using what is kept.
    """

    def __init__(self) -> None:
        self._codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._codes[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES_COMPILES = _TemplatesCompiles()


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application for the mode in `MOCK_MODE` (or `test_config["MODE"]`)."""
    app = Flask(__name__, instance_relative_config=True)
    app.jinja_options = {**app.jinja_options, "bytecode_cache": _TEMPLATES_COMPILES}
    overrides = dict(test_config or {})
    mode = overrides.pop("MODE", None) or os.environ.get("MOCK_MODE")
    app.config.from_object(config_for_mode(mode))
    app.config.update(settings_from_env())
    app.config.update(overrides)

    instance = Path(app.instance_path)
    if not app.config.get("DATABASE"):
        app.config["DATABASE"] = str(instance / "ameli-mock.sqlite")
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(instance)

    store.init_app(app)
    csrf.init_app(app)
    security.init_app(app)
    statiques.init_app(app)
    errors.init_app(app)

    from mock_site.franceconnect import views as franceconnect
    from mock_site.views import compte, messagerie, portail

    app.register_blueprint(portail.bp)
    app.register_blueprint(compte.bp)
    app.register_blueprint(messagerie.bp)
    app.register_blueprint(franceconnect.bp)
    app.register_blueprint(franceconnect.fournisseur)
    # The mock FranceConnect's back channel: called server to server, the token endpoint
    # authenticates its caller with the client secret and userinfo with the access token.
    csrf.exempt(franceconnect.jeton)
    csrf.exempt(franceconnect.infos_utilisateur)
    if app.config["TEST_DATA_API"]:
        # Imported here only: the test-data API and its person generator (Faker) are never
        # loaded in production mode.
        from mock_site.views import testing

        csrf.exempt(testing.bp)
        app.register_blueprint(testing.bp)
    return app
