"""The committed generated code matches protos/, and the compose file is valid."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_generated_code_is_not_stale(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_protos.py"), str(tmp_path)], check=True)
    generated = sorted((tmp_path / "reglament" / "v1").iterdir())
    committed = ROOT / "reglament" / "v1"
    assert [p.name for p in generated] == sorted(p.name for p in committed.iterdir() if p.name != "__pycache__")
    stale = [p.name for p in generated if p.read_bytes() != (committed / p.name).read_bytes()]
    assert not stale, f"run `make protos`: stale generated files {stale}"


def test_every_rpc_and_field_is_documented() -> None:
    undocumented = []
    for proto in sorted((ROOT / "protos" / "reglament" / "v1").glob("*.proto")):
        lines = proto.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            stripped = line.strip()
            if stripped.startswith("rpc ") and not lines[i - 1].strip().startswith("//"):
                undocumented.append(f"{proto.name}:{i + 1}: {stripped}")
            documented = lines[i - 1].strip().startswith("//")
            is_type = stripped.startswith(("message ", "service ", "enum "))
            # Request/Response messages are documented by their rpc.
            if is_type and not documented and not stripped.endswith(("Request {", "Response {")):
                undocumented.append(f"{proto.name}:{i + 1}: {stripped}")
    assert not undocumented, undocumented


def test_compose_file_follows_the_compose_specification() -> None:
    check = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run(
        [str(check), "--builtin-schema", "vendor.compose-spec", str(ROOT / "docker-compose.yml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_services_have_health_checks_and_env() -> None:
    import yaml

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"nats", "postgres", "registry", "deadlines", "approval"} <= set(services)
    for name in ("registry", "deadlines", "approval"):
        svc = services[name]
        assert "healthcheck" in svc and svc["command"][:3] == ["reglament", "serve", name]
        assert svc["environment"]["REGLAMENT_NATS_URL"].startswith("nats://")
        assert svc["environment"]["REGLAMENT_DB"].startswith("postgresql")
    assert "-js" in services["nats"]["command"]
