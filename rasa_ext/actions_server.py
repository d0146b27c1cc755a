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

The domain by digest (rasa_ext.speedups.patch_domaindigest): a call that names its domain by
`domain_digest` and carries it is kept (the last DOMAINS_KEPT domains) and acknowledged with the
digest in the reply; a later call with the digest alone gets that domain; an unknown digest is
answered 409, and Rasa sends the call again with the domain.

Closed by default (issue 12): it listens on ACTIONS_BIND_HOST (default 127.0.0.1: only Rasa on
the same machine calls it; rasa_sdk alone binds 0.0.0.0), sends no CORS headers (no browser needs
it) and takes request bodies up to ACTIONS_REQUEST_MAX_BYTES (default 8 MiB: Rasa sends the
tracker, which grows with the conversation).
"""
from __future__ import annotations

import logging
import os
import pkgutil

from rasa_ext import logs

logger = logging.getLogger(__name__)
ERROR_BODY = {"error": "The action failed; see the action server's log."}
DOMAINS_KEPT = 4
DOMAIN_UNKNOWN_STATUS = 409  # the same as rasa_ext.speedups.DOMAIN_UNKNOWN_STATUS (Rasa's side)


def share_the_domain(app) -> None:
    """Keep the domains Rasa sends by their digest; fill a call that only names its digest."""
    import json
    from collections import OrderedDict

    from sanic import response

    domains: OrderedDict = OrderedDict()

    @app.on_request
    async def domain_by_digest(request):
        if request.method != "POST" or request.path != "/webhook":
            return None
        try:
            body = request.json
        except Exception:  # noqa: BLE001 - not JSON: rasa_sdk answers it
            return None
        digest = body.get("domain_digest") if isinstance(body, dict) else None
        if not isinstance(digest, str):
            return None
        if isinstance(body.get("domain"), dict):
            domains[digest] = body["domain"]
            domains.move_to_end(digest)
            while len(domains) > DOMAINS_KEPT:
                domains.popitem(last=False)
            request.ctx.fv_domain_kept = digest
        elif digest in domains:
            body["domain"] = domains[digest]  # rasa_sdk reads this same parsed body
        else:
            return response.json({"error": "unknown domain_digest", "domain_digest": digest},
                                 status=DOMAIN_UNKNOWN_STATUS)
        return None

    @app.on_response
    async def acknowledge(request, resp):
        digest = getattr(request.ctx, "fv_domain_kept", None)
        if digest is None or resp.status != 200 or "json" not in (resp.content_type or ""):
            return None
        try:
            data = json.loads(resp.body)
        except ValueError:
            return None
        if isinstance(data, dict):
            data["domain_digest"] = digest
            return response.json(data, status=resp.status, headers={k: v for k, v in resp.headers.items()
                                                                     if k.lower() != "content-length"})
        return None


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
        kwargs["cors_origins"] = None  # no Access-Control-* headers
        app = original(*args, **kwargs)
        app.config.REQUEST_MAX_SIZE = int(os.environ.get("ACTIONS_REQUEST_MAX_BYTES") or 8 * 1024 * 1024)
        share_the_domain(app)

        @app.exception(Exception)
        async def exception_handler(request, exception: Exception):  # replaces rasa_sdk's handler
            logger.error("Action server error (%s) for %s %s", type(exception).__name__,
                         request.method, request.path, exc_info=exception)
            return response.json(ERROR_BODY, status=500)

        return app

    endpoint.create_app = create_app


def main() -> None:
    # rasa_sdk reads SANIC_HOST (default 0.0.0.0) and has no --interface option.
    os.environ["SANIC_HOST"] = os.environ.get("ACTIONS_BIND_HOST") or "127.0.0.1"
    logs.install()
    patch_rasa_sdk()
    keep_errors_private()
    from rasa_sdk.__main__ import main as sdk_main

    sdk_main()


if __name__ == "__main__":
    main()
