"""Generates a year's register from a profile: registrations and every control step, in the order of days.

Deterministic for a (profile, scale, seed, year). Volumes are the profile's yearly figures × `scale`;
arrival keeps the profile's shapes (decisions in batches on meeting days, faster after mid-July;
protocol instructions weekly; the rest on working days). A controlled document is put on control
within 3 days of registration, executed before its term (but for the profile's overdue share),
and removed: in batches by a removal act (a new decision, the mayor's order), on the higher body's
own letter, or by its controller. Documents carried over were registered and put on control in the
previous year. Terms set here are the resolutions' own dates, not legal terms.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from reglament.domain import ControlReportRow
from reglament.generator.profile import ClassSpec, Profile, Weighted
from reglament.legaltime.calendar import WorkCalendar

REGISTER, PUT, INTERIM, EXECUTED, REMOVED = "register", "put_on_control", "interim", "executed", "removed"
AMENDS, CANCELS = "amends", "cancels"  # how a document a removal rests on refers to the removed one
PHASES = {REGISTER: 0, PUT: 1, INTERIM: 2, EXECUTED: 3, REMOVED: 4}

UNITS = (
    "Департамент житлово-комунального господарства",
    "Департамент фінансів",
    "Департамент освіти",
    "Департамент соціальної політики",
    "Департамент містобудування та архітектури",
    "Управління охорони здоров'я",
    "Управління культури",
    "Управління транспорту і зв'язку",
    "Управління капітального будівництва",
    "Управління економіки",
    "Управління земельних відносин",
    "Управління комунальної власності",
    "Управління з питань надзвичайних ситуацій",
    "Управління у справах молоді та спорту",
    "Служба у справах дітей",
    "Управління праці",
    "Юридичне управління",
    "Відділ кадрів",
    "Архівний відділ",
    "Відділ звернень громадян",
    "Центр надання адміністративних послуг",
    "Управління організаційно-інформаційної роботи та контролю",
    "Управління екології та природних ресурсів",
    "Управління торгівлі",
    "Відділ реєстрації",
    "Управління державного архітектурно-будівельного контролю",
    "Інспекція з благоустрою",
    "Відділ інформаційної політики",
    "Управління інвестиційної політики",
    "Відділ внутрішнього аудиту",
    "Відділ бухгалтерського обліку",
    "Загальний відділ",
    "Відділ з питань оборонної роботи",
    "Відділ енергоменеджменту",
    "Управління цифрової трансформації",
)
LEADERS = (
    ("Перший заступник міського голови", "deputy_mayor"),
    ("Заступник міського голови з питань діяльності виконавчих органів", "deputy_mayor"),
    ("Заступник міського голови з гуманітарних питань", "deputy_mayor"),
    ("Секретар міської ради", "council_secretary"),
)
TOPICS = (
    "ремонт дороги",
    "освітлення вулиці",
    "вивезення сміття",
    "ремонт покрівлі",
    "опалення",
    "водопостачання",
    "благоустрій двору",
    "місце в дитячому садку",
    "матеріальна допомога",
    "паркування",
    "зелені насадження",
    "громадський транспорт",
)
SURNAMES = ("Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник", "Шевчук", "Поліщук", "Бойко", "Мельник")
EXECUTION_FACTS = {"tasks_done": "true", "execution_confirmed": "true", "tasks_resolved": "true", "answered": "true"}
MAYOR = ("Міський голова", "mayor")
EXECUTIVE_COMMITTEE = ("Виконавчий комітет міської ради", "executive_committee")
DEFAULT_TERM_DAYS = 30  # a resolution's usual term when it names no date


@dataclass(frozen=True)
class Document:
    """A document to register (the fields of RegisterDocument)."""

    key: str
    category: str  # the control report's class
    kind: str
    registered: dt.date
    received: dt.date
    title: str
    correspondent: str
    executors: tuple[str, ...]
    due_date: dt.date | None = None
    signed: dt.date | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    topic: str = ""
    tasks: tuple[tuple[str, dt.date | None], ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (relation, key of a document registered before it)


@dataclass(frozen=True)
class Step:
    """One thing that happens to a document on a day."""

    day: dt.date
    action: str  # register | put_on_control | interim | executed | removed
    key: str  # the document's key in the register
    document: Document | None = None  # for register
    actor: str = ""
    actor_role: str = ""
    due: dt.date | None = None  # the control term (put_on_control)
    controller: str = ""  # who puts it on control (put_on_control); "" where the reglament names them
    controller_role: str = ""
    basis_key: str = ""  # the document a removal rests on
    text: str = ""
    facts: dict[str, str] = field(default_factory=dict)
    long_term: bool = False

    @property
    def order(self) -> tuple[dt.date, int, str]:
        return (self.day, PHASES[self.action], self.key)


@dataclass
class Fate:
    """What happens to one controlled document (used for the expected report)."""

    category: str
    registered: dt.date
    put_on: dt.date | None = None
    due: dt.date | None = None
    executed_on: dt.date | None = None
    removed_on: dt.date | None = None


@dataclass
class Register:
    profile: str
    year: int
    scale: float
    seed: int
    steps: list[Step]
    fates: dict[str, Fate]

    def documents(self) -> Iterator[Document]:
        for step in self.steps:
            if step.document is not None:
                yield step.document

    def count(self, action: str) -> int:
        return sum(step.action == action for step in self.steps)

    def expected_report(self, start: dt.date, end: dt.date) -> dict[str, ControlReportRow]:
        """The control report of [start, end] as the registry must compute it from this register."""
        figures: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for fate in self.fates.values():
            f = figures[fate.category]
            if start <= fate.registered <= end:
                f["registered"] += 1
            if fate.put_on is None:
                continue
            removed_after = fate.removed_on is None
            if fate.put_on < start and (removed_after or fate.removed_on >= start):  # type: ignore[operator]
                f["carried_over"] += 1
            if start <= fate.put_on <= end:
                f["put_on_control"] += 1
            if fate.executed_on is not None and start <= fate.executed_on <= end:
                f["executed"] += 1
                if fate.due is not None and fate.executed_on > fate.due:
                    f["executed_late"] += 1
            if fate.removed_on is not None and start <= fate.removed_on <= end:
                f["removed"] += 1
            if fate.put_on <= end and (fate.removed_on is None or fate.removed_on > end):
                f["open_at_end"] += 1
                not_done = fate.executed_on is None or fate.executed_on > end
                if not_done and fate.due is not None and fate.due < end:
                    f["overdue"] += 1
        return {
            category: ControlReportRow(category, **dict(values))
            for category, values in figures.items()
            if any(values.values())
        }


def generate(profile: Profile, *, scale: float = 1.0, seed: int = 2017, year: int | None = None) -> Register:
    """The register of `year` (default: the profile's) with the profile's volumes × `scale`."""
    if not 0 < scale <= 1000:
        raise ValueError(f"scale must be in (0, 1000], got {scale}")
    return _Generator(profile, scale, seed, year or profile.year).run()


class _Generator:
    def __init__(self, profile: Profile, scale: float, seed: int, year: int) -> None:
        self.profile = profile
        self.scale = scale
        self.seed = seed
        self.year = year
        # the scale as a float: 1 and 1.0 (what the command line parses) are the same register
        self.rng = random.Random(f"{profile.profile}/{seed}/{year}/{float(scale)!r}")
        self.calendar = WorkCalendar()
        self.start = dt.date(year, 1, 1)
        self.end = dt.date(year, 12, 31)
        self.days = self._working_days(self.start, self.end)
        self.previous_days = self._working_days(dt.date(year - 1, 7, 1), dt.date(year - 1, 12, 31))
        units = UNITS[: profile.executor_units] if profile.executor_units <= len(UNITS) else UNITS
        self.units = units
        # Violations concentrate on a few units (80/20): unit i weighs 1/(i+1).
        self.unit_weights = [1 / (i + 1) for i in range(len(units))]
        self.steps: list[Step] = []
        self.fates: dict[str, Fate] = {}
        self.appeal_authors: dict[tuple[str, str], list[str]] = {}  # (author, question) → appeals' keys
        self.serial = 0

    def _working_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        days, day = [], start
        while day <= end:
            if self.calendar.is_working_day(day):
                days.append(day)
            day += dt.timedelta(days=1)
        return days

    def _count(self, figure: int) -> int:
        return round(figure * self.scale)

    def _key(self, category: str) -> str:
        self.serial += 1
        return f"{category}-{self.serial:07d}"

    def _pick(self, options: list[Weighted]) -> str:
        return self.rng.choices([o.name for o in options], weights=[o.weight for o in options])[0]

    def _executors(self) -> tuple[str, ...]:
        count = self.rng.choices((1, 2, 3), weights=(0.6, 0.3, 0.1))[0]
        chosen: list[str] = []
        while len(chosen) < count:
            unit = self.rng.choices(self.units, weights=self.unit_weights)[0]
            if unit not in chosen:
                chosen.append(unit)
        return tuple(chosen)

    def _after(self, day: dt.date, days: int) -> dt.date:
        return day + dt.timedelta(days=days)

    def _next_working(self, day: dt.date) -> dt.date:
        while not self.calendar.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    # -- arrival ---------------------------------------------------------------------------------

    def _meeting_days(self, meetings: int, days: list[dt.date]) -> list[dt.date]:
        if meetings <= 0:
            return []
        step = len(days) / meetings
        return [days[min(len(days) - 1, int(i * step + step / 2))] for i in range(meetings)]

    def _arrivals(self, spec: ClassSpec, count: int, days: list[dt.date]) -> list[dt.date]:
        if count <= 0:
            return []
        if spec.meetings_per_year:
            meetings = self._meeting_days(spec.meetings_per_year, days)
            mid = dt.date(days[0].year, 7, 15)
            weights = [spec.second_half_pace if day >= mid else 1.0 for day in meetings]
            return sorted(self.rng.choices(meetings, weights=weights, k=count))
        return sorted(self.rng.choice(days) for _ in range(count))

    # -- the year --------------------------------------------------------------------------------

    def run(self) -> Register:
        removable: dict[str, list[tuple[str, Fate]]] = defaultdict(list)  # kind → executed docs awaiting an act
        appeals: list[Document] = []
        for category, spec in self.profile.classes.items():
            carried = self._count(spec.carried_over)
            for day in self._arrivals(spec, carried, self.previous_days):
                self._document(category, spec, day, carried=True, removable=removable, appeals=appeals)
            for day in self._arrivals(spec, self._count(spec.per_year), self.days):
                self._document(category, spec, day, carried=False, removable=removable, appeals=appeals)
        self._removal_acts(removable)
        self.steps.sort(key=lambda s: s.order)
        return Register(self.profile.profile, self.year, self.scale, self.seed, self.steps, self.fates)

    def _document(
        self,
        category: str,
        spec: ClassSpec,
        day: dt.date,
        *,
        carried: bool,
        removable: dict[str, list[tuple[str, Fate]]],
        appeals: list[Document],
    ) -> None:
        rng = self.rng
        key = self._key(category)
        correspondent = self._pick(spec.correspondents)
        attributes = dict(spec.attributes)
        topic = ""
        anonymous = False
        not_considered = False  # anonymous, or repeating an appeal resolved before (r10-s2-p13): never on control
        if spec.kind == "appeal":
            anonymous = rng.random() < spec.anonymous_share
            if anonymous:
                correspondent = ""
                attributes["anonymous"] = "true"
            elif appeals and rng.random() < spec.repeated_share:
                earlier = rng.choice(appeals)
                correspondent, topic = earlier.correspondent, earlier.topic
            else:
                correspondent = f"{rng.choice(SURNAMES)} {rng.choice('АБВГДКМОП')}. {rng.choice('АВГІМОП')}."
                topic = rng.choice(TOPICS)
            if not anonymous:
                # the registry recognises a repeat by author and question, chosen so or by chance
                same = self.appeal_authors.setdefault((correspondent, topic), [])
                resolved = [self.fates[earlier_key].executed_on for earlier_key in same]
                not_considered = any(on is not None and on < day for on in resolved)
                same.append(key)
            if not anonymous and rng.random() < spec.priority_share:
                attributes["priority_group"] = "true"
        if spec.channels:
            channels = list(spec.channels)
            attributes["channel"] = rng.choices(channels, weights=[spec.channels[c] for c in channels])[0]
        due_date = None
        if rng.random() < spec.with_due_date_share:
            due_date = self._after(day, rng.randint(10, 60))
        document = Document(
            key=key,
            category=category,
            kind=spec.kind,
            registered=day,
            received=day,
            title=_title(category, topic, key),
            correspondent=correspondent,
            executors=self._executors(),
            due_date=due_date,
            signed=day if spec.kind in ("ec_decision", "mayor_order", "protocol_instruction") else None,
            attributes=attributes,
            topic=topic,
        )
        if spec.kind == "appeal" and not anonymous:
            appeals.append(document)
        self.steps.append(Step(day, REGISTER, key, document=document))
        fate = Fate(category=category, registered=day)
        self.fates[key] = fate
        on_control = carried or (not anonymous and not not_considered and rng.random() < spec.on_control_share)
        if not on_control:
            return
        # a carried-over document was put on control in the previous year, never in this one
        last_day = self.start - dt.timedelta(days=1) if carried else self.end
        put_on = min(self._after(day, rng.randint(0, 2)), last_day)
        due = due_date or self._after(day, DEFAULT_TERM_DAYS)
        if carried:  # still open when the year begins: its term runs into the year (a long task, an extension)
            due = max(due, self._after(self.start, rng.randint(5, 120)))
        controller, role = self._controller(spec, correspondent)
        named = spec.kind in ("mayor_order", "protocol_instruction", "ec_decision") or role == "higher_authority"
        fate.put_on, fate.due = put_on, due
        self.steps.append(
            Step(
                put_on,
                PUT,
                key,
                actor="Відділ контролю",
                due=due,
                controller="" if named else controller,
                controller_role="" if named else role,
                text="Резолюція: взяти на контроль",
            )
        )
        executed = self._execution(spec, max(put_on, self.start) if carried else put_on, due)
        if spec.kind == "appeal" and rng.random() < 0.1:
            interim = min(self._after(put_on, rng.randint(1, 10)), due, self.end)
            if executed is None or interim < executed:
                self.steps.append(Step(interim, INTERIM, key, actor=document.executors[0], text="Проміжна відповідь"))
        if executed is None:
            return
        fate.executed_on = executed
        self.steps.append(
            Step(executed, EXECUTED, key, actor=document.executors[0], text="Виконано", facts=dict(EXECUTION_FACTS))
        )
        if rng.random() >= spec.closed_share:
            return
        if spec.closure == "removal_act":
            removable[spec.kind].append((key, fate))
        elif spec.closure == "authority_document":
            self._authority_letter(key, fate, correspondent, executed)
        else:
            removed = min(self._after(executed, rng.randint(0, 5)), self.end)
            fate.removed_on = removed
            self.steps.append(
                Step(removed, REMOVED, key, actor=controller, actor_role=role, text="Знято з контролю: виконано")
            )

    def _controller(self, spec: ClassSpec, correspondent: str) -> tuple[str, str]:
        if spec.kind in ("mayor_order", "protocol_instruction"):
            return MAYOR
        if spec.kind == "ec_decision":
            return EXECUTIVE_COMMITTEE
        if spec.closure == "authority_document":
            return correspondent, "higher_authority"
        return self.rng.choice(LEADERS)

    def _execution(self, spec: ClassSpec, put_on: dt.date, due: dt.date) -> dt.date | None:
        """The day of execution, or None when it is not executed by the year's end."""
        rng = self.rng
        overdue = self.profile.overdue_share
        if rng.random() < overdue:
            if rng.random() < 0.5:
                return None  # overdue (or open) at the year's end
            late = self._after(due, rng.randint(1, 20))  # executed late
            return late if late <= self.end else None
        # half of the overdue ones are executed (late): the rest are executed on time as often as makes
        # the class's executed share the profile's (e.g. 1339 of 1362 instructions, 98.3 %)
        on_time = (spec.executed_share - overdue / 2) / (1 - overdue) if overdue < 1 else 0.0
        if rng.random() >= on_time:
            return None
        latest = min(due, self.end)
        if latest < put_on:
            return None
        return self._after(put_on, rng.randint(0, (latest - put_on).days))

    def _authority_letter(self, key: str, fate: Fate, body: str, executed: dt.date) -> None:
        """The higher body answers with a letter removing its document from control (r12-s4-p4.4)."""
        day = self._next_working(self._after(executed, self.rng.randint(3, 20)))
        if day > self.end:
            return
        letter_key = self._key("incoming")
        letter = Document(
            key=letter_key,
            category="incoming",
            kind="incoming",
            registered=day,
            received=day,
            title=f"Про зняття з контролю документа ({key})",
            correspondent=body,
            executors=("Управління організаційно-інформаційної роботи та контролю",),
            links=((AMENDS, key),),
        )
        self.steps.append(Step(day, REGISTER, letter_key, document=letter))
        self.fates[letter_key] = Fate(category="incoming", registered=day)
        fate.removed_on = day
        self.steps.append(
            Step(
                day,
                REMOVED,
                key,
                actor="Відділ контролю",
                actor_role="",
                basis_key=letter_key,
                text="Виконано та закрито «До справи»",
            )
        )

    def _removal_acts(self, removable: dict[str, list[tuple[str, Fate]]]) -> None:
        """Decisions and orders «Про зняття з контролю …», spread over the year, each removing the
        documents of its kind executed before it (r12-s4-p4.1, p4.2)."""
        for kind, acts in self.profile.removal_acts.items():
            pending = sorted(removable.get(kind, []), key=lambda item: (item[1].executed_on, item[0]))
            if not pending:
                continue
            count = max(1, self._count(acts))
            days = [self.days[min(len(self.days) - 1, (i + 1) * len(self.days) // count - 1)] for i in range(count)]
            actor, role = MAYOR if kind == "mayor_order" else EXECUTIVE_COMMITTEE
            # r12-s4-p4.2: «новим рішенням виконкому …, що відмінює дію попереднього»; the mayor's order amends
            relation = AMENDS if kind == "mayor_order" else CANCELS
            title = (
                "Про зняття з контролю розпоряджень міського голови"
                if kind == "mayor_order"
                else "Про зняття з контролю рішень виконавчого комітету"
            )
            for day in days:
                due_now = [(k, f) for k, f in pending if f.executed_on is not None and f.executed_on < day]
                if not due_now:
                    continue
                pending = [item for item in pending if item not in due_now]
                act_key = self._key(kind)
                act = Document(
                    key=act_key,
                    category=kind,
                    kind=kind,
                    registered=day,
                    received=day,
                    title=title,
                    correspondent=actor,
                    executors=("Управління організаційно-інформаційної роботи та контролю",),
                    signed=day,
                    links=tuple((relation, key) for key, _ in due_now),
                )
                self.steps.append(Step(day, REGISTER, act_key, document=act))
                self.fates[act_key] = Fate(category=kind, registered=day)
                for key, fate in due_now:
                    fate.removed_on = day
                    self.steps.append(
                        Step(
                            day,
                            REMOVED,
                            key,
                            actor=actor,
                            actor_role=role,
                            basis_key=act_key,
                            text=f"{title}: виконано",
                        )
                    )


def _title(category: str, topic: str, key: str) -> str:
    titles = {
        "higher_authority": "Про виконання акта органу влади вищого рівня",
        "ec_decision": "Рішення виконавчого комітету",
        "mayor_order": "Розпорядження міського голови",
        "protocol_instruction": "Протокольне доручення оперативної наради",
        "info_request": "Запит на публічну інформацію",
        "appeal": "Звернення",
    }
    base = titles.get(category, "Документ")
    return f"{base}: {topic}" if topic else f"{base} ({key})"
