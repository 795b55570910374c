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


# --- drafts and meetings of the Approval API: checks, visas, meetings (appended) -----------------------

AWARD = {
    "почесна грамота": "honorary_gramota",
    "почесна грамота вінницької міської ради та її виконавчого комітету": "honorary_gramota",
    "грамота": "gramota",
    "грамота вінницької міської ради та її виконавчого комітету": "gramota",
    "подяка": "podyaka",
    "подяка вінницької міської ради та її виконавчого комітету": "podyaka",
    "медаль «за вагомий внесок у розвиток міста»": "medal",
    "відзнака міського голови": "mayor_award",
}
PARTICIPANT = {
    "керівник консультативно-дорадчого органу": "advisory_head",
    "керівник іншої організації": "organisation_head",
    "керівник громадської організації": "organisation_head",
    "депутат": "deputy",
    "депутат міської ради": "deputy",
    "депутат обласної ради": "deputy",
    "громадянин": "citizen",
    "громадянка": "citizen",
}

DRAFT_WORDS.update(
    {
        "вносить зміни до раніше прийнятого рішення": Word("amends_previous", "bool"),
        "вносить зміни до раніше виданого розпорядження": Word("amends_previous", "bool"),
        "додано пояснювальну записку": Word("has_explanatory_note", "bool"),
        "включено до порядку денного на початку засідання": Word("added_at_meeting", "bool"),
        "згода головуючого і членів виконкому": Word("members_consent", "bool"),
        "усі візи маршруту отримано": Word("route_completed", "bool"),
        "дозвіл міського голови на прийняття матеріалів після строку": Word("mayor_permission", "bool"),
        "дата підписання": Word("signed", "date"),
        "відзнака": Word("award", "enum", values=AWARD),
        "попередня відзнака": Word("previous_award", "enum", values=AWARD),
        "повних років від попереднього нагородження": Word("years_since_award", "int"),
        "особа має дисциплінарне чи інше стягнення": Word("nominee_has_penalty", "bool"),
        "дата відзначення": Word("event_date", "date"),
    }
)

MEETING_WORDS: dict[str, Word] = {
    "загальний склад виконавчого комітету": Word("members_total", "int", own_field=True),
    "присутні члени виконкому": Word("present", "int", own_field=True),
    "початок засідання": Word("start", "date", own_field=True),
    "початок наради": Word("start", "date", own_field=True),
    "проект порядку денного сформовано": Word("agenda.formed", "date", own_field=True),
    "проект порядку денного погоджено з міським головою": Word("agenda.agreed_by_mayor", "bool", own_field=True),
    "проект порядку денного підписав керуючий справами виконкому": Word(
        "agenda.signed_by_keruiuchyi", "bool", own_field=True
    ),
    "порядок денний затверджено на початку засідання": Word("agenda.approved", "bool", own_field=True),
    "членам виконкому надано матеріали": Word("agenda.materials_to_members", "date", own_field=True),
    "протокол оформлено": Word("protocol.date", "date", own_field=True),
    "протокол містить номер і дату засідання": Word("protocol.has_number_date", "bool", own_field=True),
    "протокол містить загальне число членів, список відсутніх і запрошених": Word(
        "protocol.has_attendance", "bool", own_field=True
    ),
    "протокол містить порядок денний і регламент часу роботи": Word("protocol.has_agenda", "bool", own_field=True),
    "протокол містить прізвища і посади доповідачів і виступаючих": Word(
        "protocol.has_speakers", "bool", own_field=True
    ),
    "протокол містить результати голосування і прийняті рішення": Word("protocol.has_votes", "bool", own_field=True),
    "до протоколу додано поправки і доповнення до проектів": Word("protocol.has_amendments", "bool", own_field=True),
    "до протоколу додано скорочений запис засідання": Word("protocol.has_record", "bool", own_field=True),
    "протокол підписав міський голова": Word("protocol.signed_by_mayor", "bool", own_field=True),
    "протокол підписав керуючий справами виконкому": Word("protocol.signed_by_keruiuchyi", "bool", own_field=True),
    "опитування викликане надзвичайними обставинами": Word("poll.emergency", "bool", own_field=True),
    "лист опитування підписав міський голова": Word("poll.signed_by_mayor", "bool", own_field=True),
    "лист опитування підписали членів виконкому": Word("poll.signatures", "int", own_field=True),
    "матеріали погоджено надати у винятковий строк": Word("materials_exception", "bool"),
}
"""The facts of a meeting («| ознака | значення |»): a field of `Meeting` (dotted: `agenda.formed`) or a fact."""

ITEM_WORDS: dict[str, Word] = {
    "проголосували «за»": Word("votes_for", "int", own_field=True),
    "проголосували «проти»": Word("votes_against", "int", own_field=True),
    "прийнято мовчазною згодою": Word("tacit_consent", "bool", own_field=True),
    "були зауваження, пропозиції чи коментарі членів виконкому": Word("has_remarks", "bool", own_field=True),
    "рішення оформлено як прийняте": Word("adopted", "bool", own_field=True),
    "проект змінено на засіданні": Word("changed", "bool", own_field=True),
    "зміни запропонував": Word("proposer", "text", own_field=True),
    "включено до порядку денного на початку засідання": Word("added_at_meeting", "bool", own_field=True),
    "згода головуючого і членів виконкому": Word("members_consent", "bool", own_field=True),
}
"""The facts of one agenda item (`AgendaItem`) or of one polled draft."""

DECLARATION_WORDS: dict[str, Word] = {
    "щодо питання": Word("item", "text", own_field=True),
    "заяву занесено до протоколу": Word("in_protocol", "bool", own_field=True),
    "повідомлення занесено до протоколу": Word("in_protocol", "bool", own_field=True),
    "член виконкому голосував": Word("member_votes", "bool", own_field=True),
    "виконком вирішив здійснювати зовнішній контроль": Word("external_control", "bool", own_field=True),
    "дізнався про конфлікт інтересів": Word("known", "date", own_field=True),
    "повідомив безпосереднього керівника": Word("notified", "date", own_field=True),
}
"""The facts of a conflict-of-interest statement or notice (`Declaration`); «щодо питання» names an item."""

NOTICE_WORDS: dict[str, Word] = {
    "хто надсилає": Word("category", "enum", own_field=True, values=PARTICIPANT),
    "надіслано": Word("sent", "date", own_field=True),
    "має особистий підпис": Word("signed", "bool", own_field=True),
    "погоджено з керуючим справами виконкому": Word("agreed", "bool", own_field=True),
}
"""The facts of a request to take part in a meeting (`ParticipationNotice`)."""


# --- drafts and meetings of Shostka 2013: approval sheet, legal review, materials, regulatory acts,
# speeches and closed sessions (appended) -----------------------------------------------------------------

DRAFT_WORDS.update(
    {
        "зацікавлені структурні підрозділи": Word("interested_units", "list"),
        "строк погодження, визначений головним розробником": Word("approval_term", "date"),
        "візують за розподілом обов'язків": Word("curators", "list"),
        "питання фінансування з бюджету": Word("budget_matter", "bool"),
        "кадрове чи організаційне (внутрішнє) питання": Word("internal_matter", "bool"),
        "підготовлено лист погодження": Word("approval_sheet", "bool"),
        "аркушів у проекті": Word("pages", "int"),
        "аркушів із візою начальника юридичного відділу на звороті": Word("legal_visa_pages", "int"),
        "є неврегульовані розбіжності": Word("unresolved_disagreements", "bool"),
        "розбіжності зазначено в листі погодження": Word("disagreements_in_sheet", "bool"),
        "розглянуто в юридичному відділі": Word("legal_reviewed", "bool"),
        "посилається на нормативно-правові акти": Word("cites_normative_acts", "bool"),
        "додано тексти цих актів": Word("cited_texts_attached", "bool"),
        "юридичний відділ виявив потребу в істотних змінах": Word("substantially_changed", "bool"),
        "повторне погодження проведено": Word("reapproved", "bool"),
        "містить інформацію з обмеженим доступом": Word("restricted", "bool", own_field=True),
        "проставлено гриф обмеження доступу": Word("access_stamp", "bool"),
        "має додатки": Word("has_annexes", "bool"),
        "додатки підписав керуючий справами": Word("annexes_signed_by_manager", "bool"),
        "подано на паперових носіях": Word("paper_submitted", "bool"),
        "подано в електронному вигляді": Word("electronic_submitted", "bool"),
        "питання включено до порядку денного": Word("included_in_agenda", "bool"),
        "примірників проекту рішення": Word("draft_copies", "int"),
        "примірників довідки": Word("note_copies", "int"),
        "рішення приймається в робочому порядку": Word("working_order", "bool"),
        "згоду особистим підписом дали членів виконавчого комітету": Word("consents", "int"),
        "загальний склад виконавчого комітету": Word("members_total", "int"),
        "проект регуляторного акта": Word("regulatory_act", "bool"),
        "не внесено до плану підготовки регуляторних актів": Word("not_in_regulatory_plan", "bool"),
        "проект змін до плану подано": Word("plan_change_submitted", "date"),
        "проект оприлюднено": Word("draft_published", "date"),
        "повідомлення про оприлюднення проекту опубліковано": Word("notice_published", "date"),
        "підготовлено аналіз регуляторного впливу": Word("ria_prepared", "bool"),
        "підлягає громадському обговоренню": Word("subject_to_discussion", "bool"),
        "дата розгляду з метою прийняття": Word("consideration", "date"),
    }
)

ITEM_WORDS.update(
    {
        "тривалість доповіді, хвилин": Word("report_minutes", "int"),
        "тривалість співдоповіді, хвилин": Word("coreport_minutes", "int"),
        "найдовший виступ у дебатах, хвилин": Word("debate_minutes", "int"),
        "найдовша довідка, хвилин": Word("reference_minutes", "int"),
        "питання становить державну таємницю або конфіденційну інформацію держави": Word("secret_matter", "bool"),
        "розглянуто на закритому засіданні": Word("closed_session", "bool"),
    }
)


# --- documents: the moment of receipt (appended) --------------------------------------------------------

DOCUMENT_WORDS.update(
    {
        "дата й час надходження": Word("received_at", "date"),  # «02.03.2026 10:15»: Kyiv time
        "дата і час надходження": Word("received_at", "date"),
    }
)
