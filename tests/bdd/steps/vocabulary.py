"""The words of the fact tables («| ознака | значення |»): a Ukrainian label → the API field or rules fact
it sets, and how its value is read. Add a label here when a scenario needs a fact that has none yet.

A label that is not here may still be the fact's own name (`pages`) or its description in
reglament.yaml (`facts:`), word for word; prefer adding a short label here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.bdd.steps.common import (
    StepError,
    fact_types,
    iso,
    list_values,
    normalize_words,
    parse_bool,
    role_id,
)


@dataclass(frozen=True)
class Word:
    """What a label sets: a request `field` of the API message, or a rules `fact` (sent as an attribute)."""

    target: str
    type: str  # text | bool | int | date | list | enum | role
    own_field: bool = False  # a field of the request message (else a fact in `attributes`)
    values: dict[str, str] = field(default_factory=dict)  # enum: Ukrainian word → value


MEDIUM = {
    "електронний": "electronic",
    "в електронному вигляді": "electronic",
    "електронна": "electronic",
    "паперовий": "paper",
    "на папері": "paper",
    "паперова": "paper",
    "у паперовому вигляді": "paper",
}
PERIODIC = {
    "щомісяця": "monthly",
    "щомісячно": "monthly",
    "щокварталу": "quarterly",
    "щоквартально": "quarterly",
    "щороку": "yearly",
    "щорічно": "yearly",
}

DOCUMENT_WORDS: dict[str, Word] = {
    "назва": Word("title", "text", own_field=True),
    "короткий зміст": Word("title", "text", own_field=True),
    "кореспондент": Word("correspondent", "text", own_field=True),
    "від кого": Word("correspondent", "text", own_field=True),
    "надійшов до міської ради": Word("received", "date", own_field=True),
    "дата надходження": Word("received", "date", own_field=True),
    "зареєстровано": Word("registered", "date", own_field=True),
    "дата реєстрації": Word("registered", "date", own_field=True),
    "строк виконання, вказаний у документі": Word("due_date", "date", own_field=True),
    "конкретна дата виконання": Word("due_date", "date", own_field=True),
    "терміново": Word("urgent", "bool", own_field=True),
    "до відома": Word("for_information", "bool", own_field=True),
    "обмежений доступ": Word("restricted", "bool", own_field=True),
    "не потребує значної аналітичної роботи": Word("simple", "bool", own_field=True),
    "виконавці": Word("executors", "list", own_field=True),
    "містить завдання": Word("has_tasks", "bool"),
    "акт органу влади вищого рівня": Word("from_higher_authority", "bool"),
    "рішення міської ради": Word("council_act", "bool"),
    "документ довгострокової дії": Word("long_term", "bool"),
    "періодичність": Word("periodic", "enum", values=PERIODIC),
    "кінець звітного періоду": Word("period_end", "date"),
    "кількість завдань": Word("task_count", "int"),
    "строк останнього завдання": Word("last_task_due", "date"),
    "підписав": Word("signed_by", "role"),
    "анонімне": Word("anonymous", "bool"),
    "потребує додаткового вивчення": Word("needs_extra_study", "bool"),
    "повторне": Word("repeated", "bool"),
}

DRAFT_WORDS: dict[str, Word] = {
    "назва": Word("title", "text", own_field=True),
    "розробник": Word("preparing_body", "text", own_field=True),
    "проект підготував": Word("preparing_body", "text", own_field=True),
    "компетенція департаменту фінансів": Word("finance_competence", "bool", own_field=True),
    "виноситься на сесію міської ради": Word("to_council", "bool", own_field=True),
    "гриф обмеження допуску": Word("restricted", "bool", own_field=True),
    "органи, яким доручено виконання": Word("task_bodies", "list", own_field=True),
    "орган, до компетенції якого належить питання": Word("competent_body", "text", own_field=True),
    "заступник міського голови, відповідальний за підготовку": Word("responsible_deputy", "text", own_field=True),
    "заступник міського голови, що координує": Word("coordinating_deputy", "text", own_field=True),
    "спосіб візування": Word("visa_medium", "enum", values=MEDIUM),
    "змінено під час розгляду на засіданні": Word("changed_at_meeting", "bool"),
    "візу ставить зараз": Word("visa_role", "role"),
    "бракує віз пп. 5.1–5.8": Word("prior_visas_missing", "int"),
    "візує особа замість відсутньої": Word("visa_by_substitute", "bool"),
    "ця особа виконує обов'язки відсутньої": Word("substitute_is_acting", "bool"),
    "потрібні істотні зміни": Word("substantial_changes", "bool"),
    "повторне візування пройдено": Word("revisa_done", "bool"),
    "кожне доручення має строк": Word("tasks_have_terms", "bool"),
    "кожне доручення має відповідальну особу": Word("tasks_have_responsible", "bool"),
    "кількість виконавців": Word("executor_count", "int"),
    "визначено відповідального за збір інформації": Word("has_coordinator", "bool"),
    "обсяг у сторінках": Word("pages", "int"),
    "прошнуровано і засвідчено": Word("bound_and_certified", "bool"),
    "додано довідку про розсилку": Word("has_distribution_list", "bool"),
}

_TYPE_OF_DECLARED = {"bool": "bool", "int": "int", "date": "date", "datetime": "date", "list": "list", "str": "text"}


def word_for(reglament: str, label: str, words: dict[str, Word]) -> Word:
    """The Word a table label names: a label of `words`, the fact's own name, or its reglament.yaml description."""
    wanted = normalize_words(label)
    for known, word in words.items():
        if normalize_words(known) == wanted:
            return word
    declared = fact_types(reglament)
    if label.strip() in declared:
        return Word(label.strip(), _TYPE_OF_DECLARED.get(declared[label.strip()][0], "text"))
    for name, (kind, description) in declared.items():
        if normalize_words(description) == wanted:
            return Word(name, _TYPE_OF_DECLARED.get(kind, "text"))
    sample = ", ".join(f"«{k}»" for k in list(words)[:8])
    raise StepError(f"«{label}»: невідома ознака; відомі: {sample}, … (tests/bdd/steps/vocabulary.py)")


def value_for(reglament: str, word: Word, text: str) -> str | bool | list[str]:
    """The value as the API takes it: bool for a boolean field, a list for a list field, else a string."""
    if word.type == "bool":
        flag = parse_bool(text)
        return flag if word.own_field else ("true" if flag else "false")
    if word.type == "int":
        try:
            return str(int(text.strip()))
        except ValueError:
            raise StepError(f"«{text}»: очікується ціле число") from None
    if word.type == "date":
        return iso(text)
    if word.type == "list":
        values = list_values(text)
        return values if word.own_field else ";".join(values)
    if word.type == "enum":
        key = normalize_words(text)
        for ukr, value in word.values.items():
            if normalize_words(ukr) == key:
                return value
        if text.strip() in word.values.values():
            return text.strip()
        raise StepError(f"«{text}»: одне з {', '.join('«' + k + '»' for k in word.values)}")
    if word.type == "role":
        return role_id(reglament, text)
    return text.strip()


def apply_words(reglament: str, message: object, rows: list[tuple[str, str]], words: dict[str, Word]) -> None:
    """Set each (label, value) on a request message: its own field, or `attributes[fact]`."""
    for label, text in rows:
        word = word_for(reglament, label, words)
        value = value_for(reglament, word, text)
        if word.own_field:
            if word.target not in type(message).DESCRIPTOR.fields_by_name:  # type: ignore[attr-defined]
                raise StepError(f"«{label}»: поле {word.target} ще не підтримується API")
            current = getattr(message, word.target)
            if isinstance(value, list):
                del current[:]
                current.extend(value)
            else:
                setattr(message, word.target, value)
        else:
            attributes = getattr(message, "attributes")  # noqa: B009 - proto map field
            attributes[word.target] = value


# --- documents of Vinnytsia 2020: intake, appeals, outgoing letters, control (appended) ---------------

CHANNEL = {
    "на папері": "paper",
    "поштою": "paper",
    "особисто": "paper",
    "електронною поштою": "email",
    "на електронну адресу міської ради": "email",
    "через сайт міської ради": "website",
    "через цнап «прозорий офіс»": "tsnap",
}

DOCUMENT_WORDS.update(
    {
        "зареєстрував": Word("registered_by", "role"),
        "канал надходження": Word("channel", "enum", values=CHANNEL),
        "надійшов безпосередньо до виконавчого органу": Word("received_by_body", "bool"),
        "виконавець отримав": Word("executor_received", "date"),
        "розглядається у винятковому триденному терміні": Word("exceptional", "bool"),
        "питання може вирішити лише виконавчий комітет": Word("ec_competence", "bool"),
        "питання виключної компетенції міської ради": Word("council_competence", "bool"),
        "оформлене без дотримання вимог ст. 5 закону": Word("incomplete", "bool"),
        "питання не входять до повноважень місцевого самоврядування": Word("not_competent", "bool"),
        "бракує даних для обґрунтованого рішення": Word("insufficient_data", "bool"),
        "автор — герой україни": Word("priority_group", "bool"),
        "автор — інвалід великої вітчизняної війни": Word("priority_group", "bool"),
        "надійшло від органу влади вищого рівня": Word("from_higher_authority", "bool"),
        "перше звернення вирішено по суті": Word("first_resolved", "bool"),
        "готує апарат міської ради та її виконкому": Word("from_apparatus", "bool"),
        "адресовано органу державної влади": Word("to_state_authority", "bool"),
        "інформація про виконання документа": Word("execution_report", "bool"),
        "віза виконавця": Word("executor_visa", "bool"),
        "віза безпосереднього керівника виконавця": Word("superior_visa", "bool"),
        "має додатки": Word("has_annexes", "bool"),
        "додатки підписав": Word("annexes_signed_by", "role"),
        "підписант виконував повноваження міського голови і головував на засіданні": Word("signer_chaired", "bool"),
        "контрольна резолюція міського голови": Word("control_resolution", "bool"),
        "дата засідання виконкому": Word("meeting", "date"),
    }
)

CONTROL_WORDS: dict[str, Word] = {
    "завдання виконано": Word("tasks_done", "bool"),
    "виконання підтверджено документально, зацікавлених повідомлено": Word("execution_confirmed", "bool"),
    "результат виконання — лист або правовий акт": Word("result_is_act", "bool"),
    "лист підписано (акт прийнято)": Word("result_signed", "bool"),
    "завдання неможливо вирішити": Word("unresolvable", "bool"),
    "кореспонденту надано вичерпну аргументовану відповідь": Word("reasoned_reply_sent", "bool"),
}
"""The circumstances of a control step («| обставина | значення |»): facts of MarkExecuted / RemoveFromControl."""


# --- documents of Shostka 2013: plans, leave, terms of execution, control, appeals, regulatory acts,
# public information, inspections (appended) ------------------------------------------------------------

ANSWER_TO = {
    "звернення громадянина": "appeal",
    "запит на інформацію": "info_request",
    "запит на публічну інформацію": "info_request",
    "депутатське звернення": "deputy_appeal",
}
REMOVAL_BASIS = {
    "письмовий звіт про виконання": "written_report",
    "письмова інформація про виконання": "written_info",
}

DOCUMENT_WORDS.update(
    {
        "розпорядження про призначення керівника підрозділу": Word("head_appointment", "bool"),
        "пропозиції до плану роботи виконавчого комітету": Word("plan_proposal", "bool"),
        "проект плану роботи підрозділу": Word("unit_plan", "bool"),
        "початок планового періоду": Word("period_start", "date"),
        "заява про відпустку": Word("vacation_application", "bool"),
        "перший день відпустки": Word("vacation_start", "date"),
        "змінює відомості, що оприлюднюються на веб-сайті": Word("website_info", "bool"),
        "додатки підписав керуючий справами": Word("annexes_signed_by_manager", "bool"),
        "термін «невідкладно»": Word("immediate", "bool"),
        "отримано у вихідний день": Word("received_on_day_off", "bool"),
        "термін «постійно»": Word("permanent", "bool"),
        "остання інформація про хід виконання": Word("last_informed", "date"),
        "документ сам встановлює строки інформування": Word("reporting_terms_set", "bool"),
        "проміжний контрольний строк": Word("interim_due", "date"),
        "адресовано органу виконавчої влади вищого рівня": Word("to_higher_authority", "bool"),
        "вимагає одноразового інформування": Word("one_time_report", "bool"),
        "відповідь на": Word("answer_to", "enum", values=ANSWER_TO),
        "у задоволенні вимог відмовлено": Word("refused", "bool"),
        "відмову доведено письмово": Word("refusal_written", "bool"),
        "відмова посилається на закон": Word("refusal_cites_law", "bool"),
        "відмова викладає мотиви": Word("refusal_reasons", "bool"),
        "відмова роз'яснює порядок оскарження": Word("refusal_explains_appeal", "bool"),
        "автор — герой або інвалід великої вітчизняної війни": Word("hero_or_war_invalid", "bool"),
        "розглянув": Word("considered_by", "role"),
        "безоплатна первинна правова допомога": Word("legal_aid", "bool"),
        "питання не належать до компетенції виконавчих органів міської ради": Word("not_competent", "bool"),
        "план діяльності з підготовки регуляторних актів": Word("regulatory_plan", "bool"),
        "дата затвердження": Word("approved", "date"),
        "регуляторний акт": Word("regulatory_act", "bool"),
        "дата набрання чинності": Word("effective", "date"),
        "показники результативності лише статистичні": Word("statistical_only", "bool"),
        "закінчення попереднього відстеження": Word("last_tracking_done", "date"),
        "початок заходів з відстеження": Word("tracking_started", "date"),
        "звіт про відстеження результативності": Word("tracking_report", "bool"),
        "публічна інформація, що підлягає оприлюдненню": Word("publishable", "bool"),
        "оприлюднено на веб-сайті": Word("published", "bool"),
        "зазначено дату оприлюднення": Word("publication_date_shown", "bool"),
        "внутрішньоорганізаційний документ": Word("internal_document", "bool"),
        "оприлюднено інформацію про видання": Word("issuance_notice_published", "bool"),
        "звіт про результати публічного обговорення": Word("discussion_report", "bool"),
        "надійшов після закінчення робочого часу": Word("after_hours", "bool"),
        "великий обсяг інформації": Word("needs_extension", "bool"),
        "стосується захисту життя чи свободи особи": Word("life_or_safety", "bool"),
        "виконавець порушує строк підготовки відповіді": Word("term_at_risk", "bool"),
        "останній день відповіді на запит": Word("answer_due", "date"),
        "день закінчення перевірки": Word("inspection_end", "date"),
        "тематична перевірка": Word("thematic_inspection", "bool"),
    }
)

CONTROL_WORDS.update(
    {
        "завдання вирішено": Word("tasks_resolved", "bool"),
        "кореспонденту надано відповідь по суті": Word("answered", "bool"),
        "підстава зняття з контролю": Word("removal_basis", "enum", values=REMOVAL_BASIS),
        "звіт підписав": Word("report_signed_by", "role"),
        "інформацію підписав": Word("report_signed_by", "role"),
        "звіт подано на паперовому носії": Word("report_paper", "bool"),
        "звіт подано в електронному вигляді": Word("report_electronic", "bool"),
    }
)
