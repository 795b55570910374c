"""Where reglament folders live: the `rules/` root and one reglament's folder by its id."""

from __future__ import annotations

import os
import re
from pathlib import Path

RULES_DIR_ENV = "REGLAMENT_RULES_DIR"
"""Environment variable that replaces the default rules root (the `rules/` folder of the repository)."""

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def rules_root() -> Path:
    """The folder holding one sub-folder per reglament.

    `$REGLAMENT_RULES_DIR` when set and non-empty, else the `rules/` folder next to the `reglament` package.
    """
    override = os.environ.get(RULES_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(__file__).resolve().parent.parent.parent / "rules"


def reglament_dir(reglament_id: str) -> Path:
    """The folder of reglament `reglament_id` (it holds `reglament.yaml`); LookupError when there is none."""
    root = rules_root()
    if not _ID_RE.match(reglament_id):
        raise LookupError(
            f"unknown reglament {reglament_id!r}: not a reglament id (lower-case letters, digits, '-', '_'); "
            f"searched {root}"
        )
    candidate = root / reglament_id
    if (candidate / "reglament.yaml").is_file():
        return candidate
    known_ids = sorted(p.parent.name for p in root.glob("*/reglament.yaml")) if root.is_dir() else []
    hint = f"; known: {', '.join(known_ids)}" if known_ids else ""
    raise LookupError(
        f"unknown reglament {reglament_id!r}: no {candidate / 'reglament.yaml'} "
        f"(searched {root}, set {RULES_DIR_ENV} to use another folder){hint}"
    )
