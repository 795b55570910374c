"""Parser profiles: each reglament text's known layout defects, resolved by named, documented rules.

A profile never edits the text. It declares where the reglament body starts and ends and which of the
named rules below the parser applies to that text. Every rule is generic (it looks at the shape of a line
and of its neighbours, never at a line number), so a new redaction of the same text parses the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# --- the named rules -------------------------------------------------------------------------------

MARKDOWN_LABELS = "markdown-labels"
PAGE_BREAK_CONTINUATION = "page-break-continuation"
SPURIOUS_BULLET_CONTINUATION = "spurious-bullet-continuation"
LOWERCASE_NUMBERED_LIST_AS_ITEMS = "lowercase-numbered-list-as-items"
LOWERCASE_LIST_ITEMS = "lowercase-list-items"
HEADING_CONTINUATION = "heading-continuation"
POINT_LABEL_STARTS_WITH_PARAGRAF = "point-label-starts-with-paragraf"
DUPLICATE_PARAGRAF_NEXT_FREE = "duplicate-paragraf-next-free"

RULES: dict[str, str] = {
    MARKDOWN_LABELS: (
        "A point label may be printed with a list bullet and an orphan bold marker, «- 5.1.** text»; "
        "the bullet and the `**` are not part of the label or of the text (label 5.1)."
    ),
    PAGE_BREAK_CONTINUATION: (
        "A line that starts with a lower-case letter and follows a unit whose text does not end in "
        "terminal punctuation (. ; : ! ?) continues that unit's sentence across a page break; it is "
        "joined to that unit and gets no ID of its own. Blank lines between the two do not matter."
    ),
    SPURIOUS_BULLET_CONTINUATION: (
        "A «- » bulleted line that follows a unit whose text does not end in terminal punctuation is the "
        "rest of that unit's sentence rendered as a list item (Vinnytsia r15-p1, «…до Програми ⏎ - "
        "«Нагородження…»»); it is joined to that unit without the bullet."
    ),
    LOWERCASE_NUMBERED_LIST_AS_ITEMS: (
        "A top-level numbered line «N. text» whose text starts with a lower-case letter is not a point but "
        "an item of an enumeration (Vinnytsia r6-s10: «1. поправки…», «2. довідки…», «3. скорочений "
        "запис…» after «До протоколу … додаються:» reuse the labels of points 1–3); it becomes -i<N> of "
        "the unit that introduced the list."
    ),
    LOWERCASE_LIST_ITEMS: (
        "An unnumbered line that starts with a lower-case letter and follows a lead-in ending with «:» or "
        "another list item is a list item (-i<N>), not an абзац (Vinnytsia r6-s8-p10-i1..i3; Shostka "
        "lists without bullets such as R15 п. 2.1)."
    ),
    HEADING_CONTINUATION: (
        "A line that starts with a lower-case letter directly after a Розділ or Параграф heading continues "
        "the heading's title (Shostka «Розділ 13. … діяльності ⏎ виконавчих органів міської ради»)."
    ),
    POINT_LABEL_STARTS_WITH_PARAGRAF: (
        "Inside a Параграф the points are numbered «§.N» (Shostka: in Параграф 6 the points are 6.1, "
        "6.2, …), so a top-level point label has two numbers there and sub-points three; in a Розділ "
        "without Параграфи the points have one number. The ID keeps the label as printed: r11-s6-p6.1."
    ),
    DUPLICATE_PARAGRAF_NEXT_FREE: (
        "When a Розділ prints the same Параграф number twice, the second heading takes the next number "
        "not printed anywhere in that Розділ (Shostka Розділ 5 prints «Параграф 6» for «атестація» and "
        "again for «нагородна справа»; the second becomes r5-s7 because Розділ 5 has no Параграф 7). "
        "Point labels under it stay as printed (r5-s7-p6.1). Without this rule a duplicate is an error."
    ),
}
"""Every rule a profile can switch on, with the reason it exists."""


@dataclass(frozen=True)
class Profile:
    """How to read one reglament text: where its body is and which defect rules apply to it."""

    name: str
    description: str
    body_start: re.Pattern[str]
    """The title line of the reglament; the body starts on the line after the first match."""
    body_end: re.Pattern[str]
    """The first line after the body (signature or page footer); matched only after the body start."""
    rules: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        unknown = sorted(self.rules - RULES.keys())
        if unknown:
            raise ValueError(f"profile {self.name!r}: unknown rules {unknown}")

    def has(self, rule: str) -> bool:
        if rule not in RULES:
            raise KeyError(f"unknown parser rule {rule!r}")
        return rule in self.rules


VINNYTSIA = Profile(
    name="vinnytsia",
    description=(
        "Vinnytsia 2020: the decision of the executive committee precedes the reglament (its points 1–6 "
        "are not clauses) and a signature block follows it; headings «Розділ N.» and «§ N.» / «§N.»; "
        "markdown debris «- N.**» on labels; sentences split by page breaks."
    ),
    body_start=re.compile(r"^РЕГЛАМЕНТ\b"),
    body_end=re.compile(r"^В\.\s*о\.\s*керуючого справами"),
    rules=frozenset(
        {
            MARKDOWN_LABELS,
            PAGE_BREAK_CONTINUATION,
            SPURIOUS_BULLET_CONTINUATION,
            LOWERCASE_NUMBERED_LIST_AS_ITEMS,
            LOWERCASE_LIST_ITEMS,
        }
    ),
)

SHOSTKA = Profile(
    name="shostka",
    description=(
        "Shostka 2013 (web page copy): site navigation before the document title and the page footer "
        "after «Оновлено»; headings «Розділ N.» and «Параграф N.»; points «§.N» inside a Параграф; "
        "items «N)», bullets «- » and unbulleted lower-case lists; two «Параграф 6» in Розділ 5; "
        "no Параграф 2–3 in Розділ 9 (the printed numbers are kept, so r9-s1 is followed by r9-s4)."
    ),
    body_start=re.compile(r"^Регламент виконавчих органів Шосткинської міської ради$"),
    body_end=re.compile(r"^Оновлено$"),
    rules=frozenset(
        {
            PAGE_BREAK_CONTINUATION,
            LOWERCASE_LIST_ITEMS,
            HEADING_CONTINUATION,
            POINT_LABEL_STARTS_WITH_PARAGRAF,
            DUPLICATE_PARAGRAF_NEXT_FREE,
        }
    ),
)

PROFILES: dict[str, Profile] = {p.name: p for p in (VINNYTSIA, SHOSTKA)}


def get_profile(name: str) -> Profile:
    """The profile called `name`; LookupError naming the known profiles otherwise."""
    try:
        return PROFILES[name]
    except KeyError:
        raise LookupError(f"unknown parser profile {name!r}; known: {', '.join(sorted(PROFILES))}") from None
