"""A workload profile as data: yearly volumes, control shares and closures per class of document."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import Field, ValidationError

from reglament.legaltime.spec import Strict
from reglament.rules.facts import DOCUMENT_KINDS

PROFILES_DIR = Path(__file__).with_name("profiles")
DEFAULT_PROFILE = "ivano-frankivsk-2017"


class Weighted(Strict):
    name: str = Field(min_length=1)
    weight: float = Field(gt=0)


class ClassSpec(Strict):
    """One class of documents of the profile (a line of the control division's report)."""

    kind: str
    per_year: int = Field(ge=0)
    on_control_share: float = Field(ge=0, le=1)
    carried_over: int = Field(default=0, ge=0, description="on control at the start of the year, put on it before")
    closure: str = Field(default="controller", pattern="^(controller|removal_act|authority_document)$")
    closed_share: float = Field(default=1.0, ge=0, le=1, description="of the executed, removed within the year")
    executed_share: float = Field(default=0.98, ge=0, le=1, description="of those due in the year, executed")
    with_due_date_share: float = Field(default=0.0, ge=0, le=1)
    meetings_per_year: int = Field(default=0, ge=0, description="registered in batches on meeting days")
    second_half_pace: float = Field(default=1.0, gt=0, description="pace after mid-July relative to before")
    attributes: dict[str, str] = Field(default_factory=dict)
    channels: dict[str, float] = Field(default_factory=dict)
    anonymous_share: float = Field(default=0.0, ge=0, le=1)
    repeated_share: float = Field(default=0.0, ge=0, le=1)
    priority_share: float = Field(default=0.0, ge=0, le=1)
    correspondents: list[Weighted] = Field(min_length=1)

    def model_post_init(self, context: object) -> None:
        if self.kind not in DOCUMENT_KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")


class Profile(Strict):
    profile: str
    year: int = Field(ge=1991, le=2100)
    executor_units: int = Field(ge=1, le=1000)
    classes: dict[str, ClassSpec]
    removal_acts: dict[str, int] = Field(default_factory=dict)
    overdue_share: float = Field(ge=0, le=1)
    open_at_year_end_share: float = Field(default=0.0, ge=0, le=1)


def load_profile(name_or_path: str = DEFAULT_PROFILE) -> Profile:
    """A profile by name (`profiles/<name>.yaml` of this package) or by path; ValueError naming the problem."""
    path = Path(name_or_path)
    if not path.suffix:
        path = PROFILES_DIR / f"{name_or_path}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Profile.model_validate(data)
    except OSError as exc:
        known = ", ".join(sorted(p.stem for p in PROFILES_DIR.glob("*.yaml")))
        raise ValueError(f"no profile {name_or_path!r} ({exc.strerror}); known: {known}") from exc
    except (yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
