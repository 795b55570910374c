"""Registers N documents through gRPC and reports documents/s until all their obligations are stored.

The documents are a generated year (reglament.generator, the Ivano-Frankivsk 2017 profile): its mix of
kinds, attributes and arrival shapes, scaled until the year holds N registrations.

Starts its own nats-server and mesh (SQLite under a temporary run dir, or --db), registers with many
requests in flight from an asyncio client, and polls the registry's database until every obligation
the rules give those documents has arrived through JetStream. The expected number comes from the
same core library evaluated in this process; the run fails if any is missing or extra.

    .venv/bin/python bench/pipeline.py --documents 10000 --in-flight 64
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

import grpc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reglament.documents import facts_of, validate_registration  # noqa: E402
from reglament.due import statute_obligations  # noqa: E402
from reglament.generator import generate, load_profile  # noqa: E402
from reglament.generator.load import requests  # noqa: E402
from reglament.mesh import Mesh  # noqa: E402
from reglament.natsd import NatsServer  # noqa: E402
from reglament.rules.evaluate import evaluate  # noqa: E402
from reglament.rules.loader import load_reglament  # noqa: E402
from reglament.rules.schema import Subject  # noqa: E402
from reglament.settings import Settings  # noqa: E402
from reglament.store.store import Store  # noqa: E402
from reglament.v1 import registry_pb2, registry_pb2_grpc  # noqa: E402
from services.convert import kind_name  # noqa: E402

REGLAMENT = "vinnytsia-2020"


def make_requests(n: int, seed: int, year: int) -> list[registry_pb2.RegisterDocumentRequest]:
    """The first `n` registrations of a year generated from the Ivano-Frankivsk 2017 profile (its mix of
    kinds and its arrival shapes), scaled up until the year holds `n`."""
    profile = load_profile()
    scale = max(0.01, n / 6000)
    while True:
        out = requests(generate(profile, scale=scale, seed=seed, year=year), REGLAMENT)
        if len(out) >= n:
            return out[:n]
        scale *= 1.2


def expected_obligations(requests_: list[registry_pb2.RegisterDocumentRequest]) -> int:
    """What the rules (and the statutes the reglament defers to) give the documents, evaluated here from the
    same facts the services use."""
    reglament = load_reglament(REGLAMENT)
    total = 0
    for i, r in enumerate(requests_):
        new = validate_registration(
            reglament=r.reglament,
            kind=kind_name(r.kind),
            title=r.title,
            correspondent=r.correspondent,
            received=r.received,
            registered=r.registered,
            due_date=r.due_date,
            urgent=r.urgent,
            for_information=r.for_information,
            restricted=r.restricted,
            simple=r.simple,
            executors=list(r.executors),
            attributes=dict(r.attributes),
            facts=reglament.facts(),
            today=dt.date.today(),
            signed=r.signed,
            topic=r.topic,
        )
        facts = facts_of(new, reglament.facts())
        total += len(evaluate(reglament, Subject.DOCUMENT, facts, subject_id=f"x{i}").obligations)
        total += len(statute_obligations(reglament, facts, subject_id=f"x{i}"))  # e.g. the public-information law
    return total


async def register_all(address: str, requests: list[registry_pb2.RegisterDocumentRequest], in_flight: int) -> None:
    async with grpc.aio.insecure_channel(address) as channel:
        stub = registry_pb2_grpc.RegistryStub(channel)
        queue = iter(requests)

        async def worker() -> None:
            for request in queue:
                await stub.RegisterDocument(request, timeout=30)

        await asyncio.gather(*(worker() for _ in range(in_flight)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--in-flight", type=int, default=64)
    parser.add_argument("--db", default="", help="SQLAlchemy URL; default a SQLite file in a temporary dir")
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--year", type=int, default=2026, help="the generated year (Ivano-Frankivsk 2017 profile)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds to wait for all obligations")
    args = parser.parse_args()

    requests_ = make_requests(args.documents, args.seed, args.year)
    expected = expected_obligations(requests_)
    with tempfile.TemporaryDirectory(prefix="reglament-bench-") as tmp:
        run_dir = Path(tmp)
        with NatsServer(run_dir / "jetstream") as nats_server:
            settings = Settings(
                run_dir=run_dir,
                nats_url=nats_server.url,
                db=args.db,
                registry_port=0,
                deadlines_port=0,
                approval_port=0,
                log_level="WARNING",
            )
            mesh = Mesh(settings, log_sink=open(run_dir / "mesh.log", "w"))  # noqa: SIM115
            mesh.start()
            store = Store.open(settings.db_url(), migrate=False)
            base_docs, base_obligations = store.count_documents(), store.count_obligations()
            try:
                t0 = time.perf_counter()
                asyncio.run(register_all(mesh.address("registry"), requests_, args.in_flight))
                t_registered = time.perf_counter() - t0
                deadline = time.monotonic() + args.timeout
                stored = 0
                while time.monotonic() < deadline:
                    stored = store.count_obligations() - base_obligations
                    if stored >= expected:
                        break
                    time.sleep(0.05)
                t_all = time.perf_counter() - t0
                time.sleep(1.0)  # anything extra (a duplicate) would arrive now
                stored = store.count_obligations() - base_obligations
                docs = store.count_documents() - base_docs
            finally:
                store.close()
                mesh.stop()
    result = {
        "documents": args.documents,
        "documents_stored": docs,
        "obligations_expected": expected,
        "obligations_stored": stored,
        "registration_s": round(t_registered, 2),
        "registration_docs_per_s": round(args.documents / t_registered),
        "until_all_obligations_s": round(t_all, 2),
        "docs_per_s_end_to_end": round(args.documents / t_all),
        "in_flight": args.in_flight,
        "db": args.db or "sqlite",
        "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, python {platform.python_version()}",
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    ok = docs == args.documents and stored == expected
    if not ok:
        print("FAILED: lost or duplicated documents or obligations", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
