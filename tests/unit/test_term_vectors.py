"""Every encoded term of both reglaments and of the public-information statute against a table of due
dates worked out by hand (tests/vectors/deadlines.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from reglament.due import DEFAULT_VARIANT, due_for_clause, load_term_source
from reglament.legaltime.statute import load_statute
from reglament.rules.loader import load_reglament

TABLE = Path(__file__).resolve().parent.parent / "vectors" / "deadlines.yaml"
SOURCES = ("vinnytsia-2020", "shostka-2013", "public-information")
ROWS_PER_TERM = 2


def _rows() -> list[dict[str, Any]]:
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    return list(data["vectors"])


ROWS = _rows()


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _id(row: dict[str, Any]) -> str:
    return f"{row['source']}/{row['clause']}@{_text(row['from'])}"


@pytest.mark.parametrize("row", ROWS, ids=[_id(r) for r in ROWS])
def test_due_date_of_the_table(row: dict[str, Any]) -> None:
    clause, _, variant = str(row["clause"]).partition("#")
    result = due_for_clause(
        load_term_source(row["source"]), clause, _text(row["from"]), variant=variant or DEFAULT_VARIANT
    )
    assert result.due.isoformat() == _text(row["due"]), f"{row['why']}\n" + "\n".join(result.explanation)


def _encoded_terms() -> set[str]:
    keys = set()
    for reglament_id in SOURCES[:2]:
        for encoding in load_reglament(reglament_id).encodings:
            if encoding.obligation is not None:
                keys.add(f"{reglament_id}/{encoding.key}")
    statute = load_statute("public-information")
    keys |= {f"{statute.id}/{p.key}" for p in statute.meta.provisions}
    return keys


def test_every_encoded_term_has_rows_in_the_table() -> None:
    counted: dict[str, int] = {}
    for row in ROWS:
        key = f"{row['source']}/{row['clause']}"
        counted[key] = counted.get(key, 0) + 1
    encoded = _encoded_terms()
    missing = sorted(k for k in encoded if counted.get(k, 0) < ROWS_PER_TERM)
    assert not missing, f"terms with fewer than {ROWS_PER_TERM} rows: {missing}"
    unknown = sorted(set(counted) - encoded)
    assert not unknown, f"rows for terms that are not encoded: {unknown}"


def test_the_table_covers_the_calendar_cases_it_claims() -> None:
    anchors = {_text(r["from"])[:10] for r in ROWS} | {_text(r["due"])[:10] for r in ROWS}
    # transferred working Saturdays, the leap days, and each martial-law year
    for day in ("2019-12-28", "2020-01-11", "2021-01-16", "2021-08-28", "2021-10-23", "2022-03-12"):
        assert any(
            (_text(r["due"])[:10] == day) or (_text(r["from"])[:10] < day < _text(r["due"])[:10]) for r in ROWS
        ), f"no row counts or ends on the working Saturday {day}"
    assert {"2020-02-29", "2024-02-29"} <= anchors
    years = {day[:4] for day in anchors}
    assert {"2022", "2023", "2024", "2025", "2026"} <= years
