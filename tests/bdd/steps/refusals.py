"""Steps about the system refusing a request: the gRPC status, said in words.

    Тоді система відмовляє, бо дані неправильні
    І у відмові названо «from_date»
"""

from __future__ import annotations

import grpc
from pytest_bdd import parsers, then

from tests.bdd.steps.common import Context, StepError, normalize_words, quoted

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
    if normalize_words(words) not in normalize_words(details):
        raise StepError(f"у відмові немає «{words}»: {details}")
