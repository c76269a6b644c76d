"""The layers import only downward; the domain imports no framework at all."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import inspector_app

PACKAGE = Path(inspector_app.__file__).parent
FRAMEWORKS = {
    "PySide6",
    "sqlalchemy",
    "alembic",
    "requests",
    "fastapi",
    "uvicorn",
    "psycopg",
    "PIL",
    "reportlab",
    "yaml",
}
# layer -> layers of ours it must not import
FORBIDDEN = {
    "domain": {
        "store",
        "services",
        "documents",
        "sync",
        "protocol",
        "ui",
        "server",
        "cli",
        "commands",
        "resources",
    },
    "store": {"services", "documents", "sync", "ui", "server", "cli", "commands", "resources"},
    "services": {"ui", "server", "cli", "commands"},
    "ui": {"server"},
    "protocol": {"store", "services", "documents", "sync", "ui", "server", "cli", "commands"},
    # The server shares only the domain and the wire protocol with the desktop.
    "server": {"ui", "store", "services", "documents", "sync", "cli", "commands"},
    # The command line's sub-commands run headless, like `inspector-app sync`.
    "commands": {"ui", "server"},
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _layer_files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def test_domain_imports_no_framework() -> None:
    offenders = {
        (path.name, name)
        for path in _layer_files("domain")
        for name in _imports(path)
        if name.split(".")[0] in FRAMEWORKS
    }
    assert offenders == set()


def test_layers_only_import_downward() -> None:
    offenders = set()
    for layer, forbidden in FORBIDDEN.items():
        for path in _layer_files(layer):
            for name in _imports(path):
                parts = name.split(".")
                if parts[0] == "inspector_app" and len(parts) > 1 and parts[1] in forbidden:
                    offenders.add((f"{layer}/{path.name}", name))
    assert offenders == set()


def test_server_never_imports_qt() -> None:
    offenders = {
        (path.name, name)
        for path in _layer_files("server")
        for name in _imports(path)
        if name.split(".")[0] == "PySide6"
    }
    assert offenders == set()


def test_widgets_never_import_the_store() -> None:
    """Only the composition root (ui/app.py) and the runner that owns the store thread may."""
    offenders = {
        (path.name, name)
        for path in _layer_files("ui")
        if path.name not in ("app.py", "store_runner.py")
        for name in _imports(path)
        if name.startswith("inspector_app.store") or name.split(".")[0] == "sqlalchemy"
    }
    assert offenders == set()


def _runner_named(node: ast.expr) -> bool:
    """`runner`, `self.runner`, `window.runner`, `self._runner`, `store_runner`…"""
    if isinstance(node, ast.Name):
        name = node.id
    elif isinstance(node, ast.Attribute):
        name = node.attr
    else:
        return False
    return name.lower().endswith("runner")


def _reads_store(node: ast.AST) -> bool:
    """`X.store` or `getattr(X, "store")` where X names a runner."""
    if isinstance(node, ast.Attribute):
        return node.attr == "store" and _runner_named(node.value)
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "getattr"
        and len(node.args) >= 2
        and _runner_named(node.args[0])
        and isinstance(node.args[1], ast.Constant)
        and node.args[1].value == "store"
    )


def _store_reads(path: Path) -> list[int]:
    """Lines where code reaches the store through a runner."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree) if _reads_store(node)]  # type: ignore[attr-defined]


def test_the_ui_never_reaches_the_store_through_a_runner() -> None:
    """The runner is the UI's only door to the store: jobs get a unit of work, not `runner.store`.

    Checked on the syntax tree (any `….runner.store`), and as text so that no
    comment or docstring teaches the habit either.
    """
    offenders = {
        (str(path.relative_to(PACKAGE)), line)
        for path in _layer_files("ui")
        for line in _store_reads(path)
    }
    mentions = {
        str(path.relative_to(PACKAGE))
        for path in _layer_files("ui")
        if "runner.store" in path.read_text(encoding="utf-8")
    }
    assert offenders == set()
    assert mentions == set()


def _ours(name: str) -> str | None:
    """The layer of one of our imports (`inspector_app.store.models` -> "store"), else None."""
    parts = name.split(".")
    if parts[0] == "inspector_app" and len(parts) > 1:
        return parts[1]
    return None


def test_documents_import_no_qt_and_no_store() -> None:
    """PDFs are built on file threads and by the CLI: plain content in, bytes out."""
    offenders = {
        (path.name, name)
        for path in _layer_files("documents")
        for name in _imports(path)
        if name.split(".")[0] in {"PySide6", "sqlalchemy", "alembic"}
        or _ours(name) in {"store", "services", "sync", "ui", "server", "cli", "commands"}
    }
    assert _layer_files("documents")
    assert offenders == set()


# settings: the headless `inspector-app sync` reads the server address and CA like the app.
SYNC_MAY_IMPORT = {"sync", "protocol", "domain", "store", "services", "settings"}


def test_sync_imports_only_protocol_domain_store_and_services() -> None:
    """The desktop's sync engine runs without Qt and without the UI (the CLI syncs too)."""
    offenders = {
        (path.name, name)
        for path in _layer_files("sync")
        for name in _imports(path)
        if name.split(".")[0] == "PySide6"
        or (_ours(name) is not None and _ours(name) not in SYNC_MAY_IMPORT)
    }
    assert offenders == set()


def test_only_the_server_imports_the_server_and_the_protocol_is_plain() -> None:
    """The desktop never imports server/ (it installs without the server extra); the wire
    protocol is plain pydantic and stdlib, so either side can load it alone (Pillow and
    pypdf too, which both sides install: what counts as a whole photo, and what a notice's
    digest is a digest of, are part of the contract); the
    server defines no wire model of its own (they live in protocol/)."""
    outside = {
        (str(path.relative_to(PACKAGE)), name)
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] != "server"
        for name in _imports(path)
        if name == "inspector_app.server" or name.startswith("inspector_app.server.")
    }
    plain = sys.stdlib_module_names | {"pydantic", "inspector_app", "PIL", "pypdf"}
    impure = {
        (path.name, name)
        for path in _layer_files("protocol")
        for name in _imports(path)
        if name.split(".")[0] not in plain
        or (name.startswith("inspector_app") and not name.startswith("inspector_app.protocol"))
    }
    server_models = {
        (path.name, name)
        for path in _layer_files("server")
        for name in _imports(path)
        if name.split(".")[0] == "pydantic"
    }
    assert (outside, impure, server_models) == (set(), set(), set())
