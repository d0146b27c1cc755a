"""`python -m rasa_ext.actions_server --actions actions --port P`: rasa_sdk's action server, with its
package scan fixed and its errors kept private.

Package scan: rasa_sdk 3.6 walks the actions package with `pkgutil.walk_packages(package.__path__)`
and no prefix, so pkgutil imports each sub-package by its bare name: `actions/catalogue` is then
looked up as the top-level `catalogue`, which is spaCy's dependency on PyPI, and the server stops
with "No module named 'actions.catalogue._importlib_metadata'". Here the walk gets the package's
prefix (pkgutil's documented use), so it imports `actions.catalogue` and its modules only.

Privacy: every log handler masks (rasa_ext.logs.install), and an action that raises answers 500
with a fixed body. rasa_sdk's own handler puts the error text and the whole request -- the
tracker, with the user's messages and slot values -- in the response body, and Rasa then logs
that body ("ClientResponseError ... body='…'"). Here only the exception's type, the route and the
masked traceback are logged.
"""
from __future__ import annotations

import logging
import pkgutil

from rasa_ext import logs

logger = logging.getLogger(__name__)
ERROR_BODY = {"error": "The action failed; see the action server's log."}


def patch_rasa_sdk() -> None:
    from rasa_sdk import executor

    def _import_submodules(self, package, recursive: bool = True) -> None:
        if isinstance(package, str):
            package = self._import_module(package)
        if not getattr(package, "__path__", None):
            return
        for _loader, name, _is_pkg in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + "."):
            self._import_module(name)  # walk_packages already descends into sub-packages

    executor.ActionExecutor._import_submodules = _import_submodules


def keep_errors_private() -> None:
    from rasa_sdk import endpoint
    from sanic import response

    original = endpoint.create_app

    def create_app(*args, **kwargs):
        app = original(*args, **kwargs)

        @app.exception(Exception)
        async def exception_handler(request, exception: Exception):  # replaces rasa_sdk's handler
            logger.error("Action server error (%s) for %s %s", type(exception).__name__,
                         request.method, request.path, exc_info=exception)
            return response.json(ERROR_BODY, status=500)

        return app

    endpoint.create_app = create_app


def main() -> None:
    logs.install()
    patch_rasa_sdk()
    keep_errors_private()
    from rasa_sdk.__main__ import main as sdk_main

    sdk_main()


if __name__ == "__main__":
    main()
