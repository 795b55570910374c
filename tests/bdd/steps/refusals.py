"""Steps about the system refusing a request: the gRPC status, said in words.

    Тоді система відмовляє, бо дані неправильні
    І у відмові названо «дата й час надходження»
        (words of the refusal, a clause ID, or a label of the fact tables: the refusal names its field)
"""

from __future__ import annotations

import re

import grpc
from pytest_bdd import parsers, then

from tests.bdd.steps.common import Context, StepError, normalize_words, quoted
from tests.bdd.steps.vocabulary import (
    CONTROL_WORDS,
    DECLARATION_WORDS,
    DOCUMENT_WORDS,
    DRAFT_WORDS,
    ITEM_WORDS,
    MEETING_WORDS,
    NOTICE_WORDS,
    word_for,
)

_TABLES = (DOCUMENT_WORDS, DRAFT_WORDS, CONTROL_WORDS, MEETING_WORDS, ITEM_WORDS, DECLARATION_WORDS, NOTICE_WORDS)

REASONS: dict[str, grpc.StatusCode] = {
    "дані неправильні": grpc.StatusCode.INVALID_ARGUMENT,
    "такого немає": grpc.StatusCode.NOT_FOUND,
    "порушено порядок": grpc.StatusCode.FAILED_PRECONDITION,
    "бракує повноважень": grpc.StatusCode.PERMISSION_DENIED,
}


@then(parsers.re(r"система відмовляє, бо (?P<reason>.+)"))
def _refused(ctx: Context, reason: str) -> None:
    code = REASONS.get(normalize_words(reason))
    if code is None:
        raise StepError(f"«{reason}»: одна з причин {', '.join('«' + r + '»' for r in REASONS)}")
    if ctx.error is None:
        raise StepError(f"система не відмовила, а мала відмовити, бо {reason}")
    if ctx.error.code() != code:
        raise StepError(f"система відмовила з іншої причини: {ctx.error.code().name}: {ctx.error.details()}")


@then(parsers.re(rf"у відмові названо {quoted('words')}"))
def _refusal_names(ctx: Context, words: str) -> None:
    if ctx.error is None:
        raise StepError("система не відмовила")
    details = ctx.error.details() or ""
    if normalize_words(words) in normalize_words(details):
        return
    fields = _fields_labelled(ctx.reglament, words)
    if not any(re.search(rf"\b{re.escape(name)}\b", details) for name in fields):
        named = f" (поле {', '.join(sorted(fields))})" if fields else ""
        raise StepError(f"у відмові немає «{words}»{named}: {details}")


def _fields_labelled(reglament: str, label: str) -> set[str]:
    """The request fields or facts a label of the fact tables names (none when it is not such a label)."""
    found: set[str] = set()
    for table in _TABLES:
        try:
            found.add(word_for(reglament, label, table).target)
        except StepError:
            continue
    return found
