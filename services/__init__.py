"""The three services of the mesh: thin gRPC and NATS adapters over the core library."""

from __future__ import annotations

SERVICE_NAMES: tuple[str, ...] = ("registry", "deadlines", "approval")


def service_class(name: str) -> type:
    """The Service subclass of a service name (imported lazily: each pulls in its own adapters)."""
    if name == "registry":
        from services.registry.service import RegistryService

        return RegistryService
    if name == "deadlines":
        from services.deadlines.service import DeadlinesService

        return DeadlinesService
    if name == "approval":
        from services.approval.service import ApprovalService

        return ApprovalService
    raise ValueError(f"unknown service {name!r}; one of {', '.join(SERVICE_NAMES)}")
