"""The action server: rasa_sdk's, closed by default.

    python -m actions.glue.server [--port 5055]

  * binds ACTIONS_BIND_HOST, default 127.0.0.1: only Rasa on the same machine reaches it (rasa_sdk
    alone binds 0.0.0.0 and has no authentication);
  * no CORS headers (no browser ever needs it), request bodies up to ACTIONS_REQUEST_MAX_BYTES
    (default 8 MiB: the tracker Rasa sends grows with the conversation);
  * an error answer names the exception only; rasa_sdk's own echoes the whole request, which holds
    the user's messages, back to Rasa's log;
  * registers ``actions.glue``, where every action lives. rasa_sdk's walk of the package
    ``actions`` imports the top-level package of each sub-package's name, and ``catalogue`` is
    also a PyPI package (a spaCy dependency), so ``--actions actions`` fails where spaCy is
    installed;
  * Ctrl-C and SIGTERM stop it: Sanic handles them on the event loop, and every message's work is
    bounded (actions/lang/parse.py MAX_TEXT and linear patterns), so the loop is never busy long.
"""
from __future__ import annotations

import argparse
import logging
import os

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app
from sanic import response

logger = logging.getLogger(__name__)
PACKAGE = "actions.glue"


def build_app():
    app = create_app(PACKAGE, cors_origins=None)
    app.config.REQUEST_MAX_SIZE = int(os.environ.get("ACTIONS_REQUEST_MAX_BYTES") or 8 * 1024 * 1024)

    @app.exception(Exception)
    async def error(request, exception: Exception):
        logger.error("Action server error: %s", type(exception).__name__)
        return response.json({"error": type(exception).__name__}, status=500)

    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTIONS_PORT") or 5055))
    parser.add_argument("--loglevel", default="INFO")
    args = parser.parse_args(argv)
    utils.configure_colored_logging(args.loglevel)
    utils.update_sanic_log_level()
    host = os.environ.get("ACTIONS_BIND_HOST") or "127.0.0.1"
    logger.info("Action server on http://%s:%s", host, args.port)
    build_app().run(host, args.port, workers=utils.number_of_sanic_workers(), access_log=False)


if __name__ == "__main__":
    main()
