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
    # -- deadlines: the clock and the scheduler ---------------------------------------------------
    clock: str = Field(
        default="",
        description="a fixed 'now' for the deadlines scheduler: ISO date (00:00 Kyiv) or datetime; empty: system clock",
    )
    due_soon_working_days: int = Field(
        default=3, ge=0, le=60, description="an obligation is due soon from this many working days before its term"
    )
    scheduler_interval_s: float = Field(
        default=60.0, gt=0, description="seconds between two runs of the deadlines scheduler"
    )
    # -- end deadlines -----------------------------------------------------------------------------
    # -- registry ---------------------------------------------------------------------------------
    registry_number_formats: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="journal number formats per reglament and kind, over rules/<id>/registry.yaml, as JSON: "
        '{"vinnytsia-2020": {"mayor_order": "{seq}-р"}}',
    )
    registry_outbox_interval_s: float = Field(
        default=1.0, gt=0, le=60, description="the registry publishes its outbox at least this often, s"
    )
    # -- end registry -----------------------------------------------------------------------------

    def db_url(self, service: str = "registry") -> str:
        """The database of `service`. One server database holds every service's tables; the embedded
        default gives each service its own SQLite file, so no two processes contend for one write lock."""
        if self.db:
            return self.db
        return f"sqlite:///{(self.run_dir / f'{service}.db').resolve()}"

    def port_of(self, service: str) -> int:
        return int(getattr(self, f"{service}_port"))
