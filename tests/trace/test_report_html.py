"""The HTML report as a lawyer opens it: rendered, then loaded in headless Chromium after its script ran."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from reglament.rules.loader import Inspection, inspect_reglament, resolve_dir
from reglament.trace.features import load_features, repo_root
from reglament.trace.html import write_html
from reglament.trace.matrix import build_trace
from reglament.trace.results import load_results, save_results
from tests.trace.test_matrix import result_for

pytestmark = pytest.mark.timeout(180)

KEPT = repo_root() / "var" / "trace" / "screenshots"
"""Where the screenshot and the printed PDF stay after the run (var/ is not under version control)."""

FEATURE = """# language: uk
@r12-s3
Функціонал: Строки виконання документів
  @r12-s3-p2.3
  Сценарій: Лист без конкретної дати виконується протягом 30 календарних днів
    Коли строк рахують
  @r12-s3-p2.1
  Сценарій: Термінове доручення виконується за 5 робочих днів
    Коли строк рахують
  @r12-s3-p2.2
  Сценарій: Документ із датою виконується до неї
    Коли строк рахують
"""


def vinnytsia() -> Inspection:
    inspection = inspect_reglament(resolve_dir("vinnytsia-2020"))
    assert inspection.tree is not None
    return inspection


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("!!! headless Chromium is not installed: `make chromium` (apt-get install chromium) !!!")


def open_page(
    page: Path, profile: Path, query: str = "", screenshot: Path | None = None, pdf: Path | None = None
) -> str:
    """The DOM after the page's script ran (or the screenshot taken, or the page printed to PDF)."""
    url = page.resolve().as_uri() + query
    args = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
    ]
    if screenshot is not None:
        args += [f"--screenshot={screenshot}", "--window-size=1280,2000", url]
    elif pdf is not None:
        args += [f"--print-to-pdf={pdf}", "--no-pdf-header-footer", url]
    else:
        args += ["--dump-dom", url]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class Dom(HTMLParser):
    """The clause articles of a dumped page: id → (status, shown, text, search text), and the links of the nav."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.articles: dict[str, dict[str, object]] = {}
        self.nav_links: list[str] = []
        self.section_ids: set[str] = set()
        self.count = ""
        self._current: str | None = None
        self._depth = 0
        self._in_nav = False
        self._in_count = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "article":
            self._current = a["id"] or ""
            self._depth = 1
            self.articles[self._current] = {
                "status": a.get("data-status"),
                "shown": "hidden" not in a,
                "search": a.get("data-search"),
                "text": "",
            }
        elif self._current is not None:
            self._depth += 1 if tag not in ("br", "img", "input", "meta") else 0
        if tag == "section" and a.get("id"):
            self.section_ids.add(str(a["id"]))
        if tag == "nav":
            self._in_nav = True
        if self._in_nav and tag == "a" and a.get("href"):
            self.nav_links.append(str(a["href"]))
        if tag == "span" and a.get("id") == "count":
            self._in_count = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_nav = False
        if tag == "span":
            self._in_count = False
        if self._current is not None:
            self._depth -= 1
            if self._depth == 0:
                self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self.articles[self._current]["text"] = str(self.articles[self._current]["text"]) + data
        if self._in_count:
            self.count += data

    def shown(self) -> set[str]:
        return {cid for cid, a in self.articles.items() if a["shown"]}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("report")
    features = base / "features"
    (features / "vinnytsia-2020").mkdir(parents=True)
    (features / "vinnytsia-2020" / "r12-s3.feature").write_text(FEATURE, encoding="utf-8")
    [feature], _ = load_features(features, "vinnytsia-2020")
    outcome = {"Лист": "passed", "Термінове": "failed"}
    results = [
        result_for(case, next(v for k, v in outcome.items() if case.scenario.startswith(k)), "строк інший")
        for case in feature.cases
        if any(case.scenario.startswith(k) for k in outcome)
    ]
    save_results(base / "results.json", results, "2026-03-02T10:00:00+00:00", merge=False)
    trace = build_trace("vinnytsia-2020", features, load_results(base / "results.json"))
    [page, index] = write_html([trace], base / "html")
    assert page.name == "vinnytsia-2020.html" and index.name == "index.html"
    return page


def test_the_page_is_self_contained_ukrainian_and_printable(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert '<html lang="uk">' in html
    assert "@media print" in html and "break-inside:avoid" in html
    for external in ("http://", "https://", "<link", "src="):
        assert external not in html, external


def test_a_lawyer_finds_the_clause_its_text_status_interpretation_and_scenarios(
    report: Path, tmp_path: Path
) -> None:
    dom = Dom(open_page(report, tmp_path / "profile"))
    reglament = vinnytsia()
    assert reglament.tree is not None
    assert len(dom.articles) == len(reglament.tree.normative())
    assert dom.shown() == set(dom.articles), "nothing is hidden without a search"
    clause = dom.articles["r12-s3-p2.3"]
    text = str(clause["text"])
    assert clause["status"] == "passing"
    assert "Покрито, сценарії проходять" in text
    assert reglament.tree.clauses["r12-s3-p2.3"].text in " ".join(text.split())
    encodings = [e for e in reglament.encodings if e.id == "r12-s3-p2.3"]
    assert encodings
    for encoding in encodings:
        assert encoding.interpretation and " ".join(encoding.interpretation.split()) in " ".join(text.split())
    assert "Лист без конкретної дати виконується протягом 30 календарних днів" in text and "пройшов" in text
    assert dom.articles["r12-s3-p2.1"]["status"] == "failing" and "не пройшов" in str(
        dom.articles["r12-s3-p2.1"]["text"]
    )
    assert dom.articles["r12-s3-p2.2"]["status"] == "not-run"
    assert dom.articles["r12-s3-p2.4"]["status"] == "no-scenario"
    assert dom.articles["r12-s3-p4"]["status"] == "not-checkable"
    # Navigation by Розділ and §: every link of the contents leads to a section of the page.
    assert "#r12" in dom.nav_links and "#r12-s3" in dom.nav_links and "#r6-s4" in dom.nav_links
    assert {link[1:] for link in dom.nav_links} <= dom.section_ids


def test_the_search_from_the_address_shows_only_the_matching_clauses(report: Path, tmp_path: Path) -> None:
    reglament = vinnytsia()
    assert reglament.tree is not None
    # A clause ID: that clause and the clauses under it.
    dom = Dom(open_page(report, tmp_path / "p1", "?q=r12-s3-p2"))
    expected = {
        c.id for c in reglament.tree.normative() if c.id == "r12-s3-p2" or c.id.startswith(("r12-s3-p2.", "r12-s3-p2-"))
    }
    assert dom.shown() == expected == {"r12-s3-p2", "r12-s3-p2.1", "r12-s3-p2.2", "r12-s3-p2.3", "r12-s3-p2.4"}
    assert dom.count.strip() == f"Показано {len(expected)} з {len(dom.articles)}"
    # Words: every shown clause has all of them, every hidden one misses one.
    words = ["календарних", "реєстрації"]
    dom = Dom(open_page(report, tmp_path / "p2", "?q=" + quote(" ".join(words))))
    shown = dom.shown()
    assert "r12-s3-p2.3" in shown and len(shown) < len(dom.articles)
    for cid, article in dom.articles.items():
        has_all = all(w in str(article["search"]) for w in words)
        assert has_all == (cid in shown), cid
    # A status: only the failing clause.
    dom = Dom(open_page(report, tmp_path / "p3", "?status=failing"))
    assert dom.shown() == {"r12-s3-p2.1"}


def keep(path: Path) -> Path:
    """A copy of a rendering in var/trace/screenshots/, for whoever looks at the run afterwards."""
    KEPT.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(path, KEPT / path.name))


def test_a_screenshot_of_the_report(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "vinnytsia-2020.png"
    open_page(report, tmp_path / "profile", "?q=r12-s3", screenshot=shot)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
    assert keep(shot).read_bytes() == data


def test_the_report_prints_to_a_pdf(report: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "vinnytsia-2020.pdf"
    open_page(report, tmp_path / "profile", pdf=pdf)
    data = pdf.read_bytes()
    keep(pdf)
    reglament = vinnytsia()
    assert reglament.tree is not None
    rozdily = [c for c in reglament.tree if c.kind == "rozdil"]
    assert data.startswith(b"%PDF-") and len(data) > 100_000
    # The print layout starts every Розділ on a new page, so there are at least as many pages.
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert pages >= len(rozdily) > 10
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return  # poppler-utils is not installed: the size and the pages are all we can check
    done = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    assert " ".join(reglament.tree.clauses["r12-s3-p2.3"].text.split()[:8]) in text
    assert "Лист без конкретної дати виконується протягом 30 календарних днів" in text
    assert "Показано" not in text  # the search and status filter are not printed
