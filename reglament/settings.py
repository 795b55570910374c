"""Settings of the services and the mesh: flags first, then REGLAMENT_* environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """One place for every runtime setting; each field maps to REGLAMENT_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="REGLAMENT_", extra="ignore")

    run_dir: Path = Field(default=Path("var"), description="where the embedded NATS and SQLite keep data")
    nats_url: str = Field(default="", description="NATS server; empty: `up` starts an embedded one")
    db: str = Field(
        default="", description="SQLAlchemy URL shared by all services; empty: one SQLite file per service in run_dir"
    )
    host: str = "127.0.0.1"
    registry_port: int = Field(default=50051, ge=0, le=65535)
    deadlines_port: int = Field(default=50052, ge=0, le=65535)
    approval_port: int = Field(default=50053, ge=0, le=65535)
    stream: str = "REGLAMENT"
    stream_duplicate_window_s: float = Field(default=600.0, gt=0, description="JetStream dedup window, seconds")
    consumer_batch: int = Field(default=256, ge=1, le=10_000, description="messages fetched per pull")
    shutdown_grace_s: float = Field(default=10.0, ge=0, description="in-flight work allowed on shutdown, seconds")
    log_level: str = "INFO"
    log_format: str = Field(default="json", pattern="^(json|text)$")
    rules_recheck_s: float = Field(
        default=1.0, ge=0, description="services trust loaded rules this long before re-reading changed files, s"
    )

    def db_url(self, service: str = "registry") -> str:
        """The database of `service`. One server database holds every service's tables; the embedded
        default gives each service its own SQLite file, so no two processes contend for one write lock."""
        if self.db:
            return self.db
        return f"sqlite:///{(self.run_dir / f'{service}.db').resolve()}"

    def port_of(self, service: str) -> int:
        return int(getattr(self, f"{service}_port"))
