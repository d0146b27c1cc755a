"""`python -m rasa_ext.actions_server --actions actions --port P`: rasa_sdk's action server, with its
package scan fixed.

rasa_sdk 3.6 walks the actions package with `pkgutil.walk_packages(package.__path__)` and no
prefix, so pkgutil imports each sub-package by its bare name: `actions/catalogue` is then looked up
as the top-level `catalogue`, which is spaCy's dependency on PyPI, and the server stops with
"No module named 'actions.catalogue._importlib_metadata'". Here the walk gets the package's prefix
(pkgutil's documented use), so it imports `actions.catalogue` and its modules only.
"""
from __future__ import annotations

import logging
import pkgutil

logger = logging.getLogger(__name__)


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


def main() -> None:
    patch_rasa_sdk()
    from rasa_sdk.__main__ import main as sdk_main

    sdk_main()


if __name__ == "__main__":
    main()
