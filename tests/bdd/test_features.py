"""Every scenario of features/<reglament-id>/*.feature, run against the running mesh."""

from __future__ import annotations

import pytest
from pytest_bdd import scenarios

from reglament.trace.features import features_root

pytestmark = [pytest.mark.integration, pytest.mark.timeout(120)]

_ROOT = features_root()
_FOLDERS = sorted(str(p) for p in _ROOT.iterdir() if p.is_dir() and any(p.rglob("*.feature"))) if _ROOT.is_dir() else []

if _FOLDERS:
    scenarios(*_FOLDERS)
