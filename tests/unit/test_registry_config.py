"""Every reglament's registry.yaml names clauses, roles and kinds that exist, and its errors name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reglament.registry.config import DEFAULT, load_config
from reglament.rules.facts import DOCUMENT_KINDS
from reglament.rules.loader import RulesError, load_reglament
from reglament.rules.verify import all_reglament_dirs

REGLAMENTS = [p.name for p in all_reglament_dirs() if (p / "registry.yaml").is_file()]


@pytest.mark.parametrize("reglament_id", REGLAMENTS)
def test_the_registry_settings_refer_to_encoded_clauses_and_known_roles(reglament_id: str) -> None:
    reglament = load_reglament(reglament_id)
    config = load_config(reglament.dir)
    keys = {e.key for e in reglament.encodings}
    clauses = {e.id for e in reglament.encodings}
    roles = {r.id for r in reglament.meta.roles} | set(config.control.extra_roles)
    referred = [
        *config.control.permission_clauses,
        *config.intake.first_leaders_clauses,
        *config.intake.not_considered_clauses,
    ]
    assert [k for k in referred if k not in keys] == []
    assert [c for c in config.fulfilment.registration + config.fulfilment.put_on_control if c not in clauses] == []
    assert [r.clause for r in config.control.controllers if r.clause not in clauses] == []
    if config.control.long_term_clause:
        assert config.control.long_term_clause in clauses
    used_roles = [r.role for r in config.control.controllers] + list(config.control.issuers.values())
    used_roles += [r for rule in config.control.removal_basis for r in rule.actor_roles] + config.intake.first_leaders
    used_roles += [r for role, subs in config.control.substitutes.items() for r in (role, *subs)]
    assert [r for r in used_roles if r not in roles] == []
    assert set(config.journals) == set(DOCUMENT_KINDS)
    facts = reglament.facts()
    assert [r.fact for r in config.control.controllers if r.fact and r.fact not in facts] == []


def test_a_reglament_without_registry_settings_gets_the_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path) is DEFAULT
    assert DEFAULT.number_format("mayor_order") == "{seq}"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("journals:\n  incoming: {name: x, number_format: '{kind}'}\n", "journals.incoming.number_format"),
        ("journals:\n  letters: {name: x}\n", "journals"),
        ("control:\n  controllers:\n    - {controller: x, role: mayor, clause: r1-p1}\n", "control.controllers[0]"),
        ("intake:\n  first_leaders: [mayor]\n  unknown_key: 1\n", "intake.unknown_key"),
    ],
)
def test_a_bad_registry_file_is_refused_naming_file_line_and_field(tmp_path: Path, text: str, field: str) -> None:
    (tmp_path / "registry.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_config(tmp_path)
    assert "registry.yaml:" in str(caught.value) and field in str(caught.value)
