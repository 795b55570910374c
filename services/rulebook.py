"""The services' access to the loaded reglaments, with NOT_FOUND for an unknown id."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from reglament.errors import InvalidArgument, NotFound
from reglament.rules.loader import Reglament, load_reglament

KYIV = ZoneInfo("Europe/Kyiv")
_REGLAMENT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def today_kyiv() -> dt.date:
    return dt.datetime.now(KYIV).date()


def reglament_or_not_found(reglament_id: str, field: str = "reglament") -> Reglament:
    if not reglament_id:
        raise InvalidArgument("is required (e.g. vinnytsia-2020)", field=field)
    if not _REGLAMENT_ID.match(reglament_id):
        raise InvalidArgument(f"{reglament_id[:70]!r} is not a reglament id", field=field)
    try:
        return load_reglament(reglament_id)
    except LookupError as exc:
        raise NotFound(f"unknown reglament {reglament_id!r}", field=field) from exc
