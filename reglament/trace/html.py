"""The traceability report as HTML: one self-contained page per reglament (inline CSS and JS, no network),
in Ukrainian, navigable by Розділ and §, searchable, printable; and an index page.

The page reads `?q=<words>` and `?status=<status>` (also `#q=…`) on load, so a link can open it
already filtered; typing in the search box keeps the address in step.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

from reglament.rules.loader import display_path
from reglament.trace.matrix import (
    KIND_LABELS,
    OUTCOME_LABELS,
    STATUS_LABELS,
    STATUS_ORDER,
    ClauseRow,
    ReglamentTrace,
    ScenarioRun,
)

_APOSTROPHES = re.compile(r"[’ʼ`‘]")
_SPACES = re.compile(r"\s+")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def searchable(*parts: str) -> str:
    """The text the search box matches: lower case, one kind of apostrophe, single spaces."""
    text = " ".join(p for p in parts if p)
    return _SPACES.sub(" ", _APOSTROPHES.sub("'", text.lower())).strip()


def clause_label(row: ClauseRow) -> str:
    """How a lawyer names the clause: «Розділ 12», «§ 3», «п. 2.3», «абзац 2», «підпункт 4)»."""
    c = row.clause
    if c.kind == "rozdil":
        return f"Розділ {c.label}"
    if c.kind == "paragraf":
        return f"§ {c.label}"
    if c.kind == "point":
        return f"п. {c.label}"
    if c.kind == "abzac":
        number = c.id.rsplit("-a", 1)[-1]
        return f"абзац {number}"
    if c.kind == "item":
        return f"підпункт {c.label}" if c.label else f"пункт переліку {c.id.rsplit('-i', 1)[-1]}"
    return c.label


CSS = """
:root { --ok:#1b7f3b; --bad:#b3261e; --warn:#9a6700; --muted:#5f6368; --line:#d0d4d9; --bg:#f6f7f9; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.45 "DejaVu Sans", "Noto Sans", Arial, sans-serif; color:#1f2328; background:#fff; }
header.top { padding:16px 24px; border-bottom:1px solid var(--line); background:var(--bg); }
header.top h1 { margin:0 0 4px; font-size:22px; }
header.top p { margin:2px 0; color:var(--muted); }
.summary { display:flex; flex-wrap:wrap; gap:8px; margin-top:10px; }
.summary button { font:inherit; border:1px solid var(--line); background:#fff; border-radius:14px; padding:3px 10px;
  cursor:pointer; }
.summary button.active { outline:2px solid #1f6feb; }
.layout { display:flex; align-items:flex-start; }
nav.toc { position:sticky; top:0; max-height:100vh; overflow:auto; width:300px; flex:none; padding:12px 16px;
  border-right:1px solid var(--line); font-size:13px; }
nav.toc ul { list-style:none; margin:0; padding-left:12px; }
nav.toc > ul { padding-left:0; }
nav.toc li { margin:3px 0; }
nav.toc a { color:#1f2328; text-decoration:none; }
nav.toc a:hover { text-decoration:underline; }
nav.toc .n { color:var(--muted); }
main { flex:1; min-width:0; padding:12px 24px 48px; }
.controls { position:sticky; top:0; z-index:2; background:#fff; padding:8px 0; border-bottom:1px solid var(--line);
  display:flex; gap:12px; align-items:center; flex-wrap:wrap; }
.controls input[type=search] { flex:1; min-width:260px; font:inherit; padding:6px 10px; border:1px solid #8c959f;
  border-radius:6px; }
.controls select { font:inherit; padding:5px; }
#count { color:var(--muted); }
section.rozdil > h2 { margin:28px 0 8px; font-size:20px; border-bottom:2px solid #1f2328; }
section.paragraf > h3 { margin:20px 0 8px; font-size:17px; }
article.clause { border:1px solid var(--line); border-left:6px solid var(--line); border-radius:6px; padding:8px 12px;
  margin:8px 0; }
article.clause:target { box-shadow:0 0 0 3px #1f6feb55; }
article.st-passing { border-left-color:var(--ok); }
article.st-failing, article.st-suspect { border-left-color:var(--bad); }
article.st-no-scenario, article.st-not-run { border-left-color:var(--warn); }
article.st-not-encoded { border-left-color:#6e40c9; }
article.st-not-checkable { border-left-color:#8c959f; }
.chead { display:flex; gap:10px; align-items:baseline; flex-wrap:wrap; }
.cid { font-family:"DejaVu Sans Mono", monospace; font-size:13px; color:#1f6feb; text-decoration:none; }
.clabel { font-weight:bold; }
.badge { display:inline-block; border-radius:10px; padding:1px 8px; font-size:12px; color:#fff; background:#8c959f; }
.badge.st-passing { background:var(--ok); }
.badge.st-failing, .badge.st-suspect { background:var(--bad); }
.badge.st-no-scenario, .badge.st-not-run { background:var(--warn); }
.badge.st-not-encoded { background:#6e40c9; }
.ctext { margin:6px 0; }
.encoding { background:var(--bg); border-radius:4px; padding:6px 10px; margin:6px 0; font-size:14px; }
.encoding .meta { color:var(--muted); font-size:12px; }
.encoding .stale { color:var(--bad); font-weight:bold; }
.interp { margin-top:4px; }
table.scen { border-collapse:collapse; width:100%; font-size:13px; margin:6px 0; }
table.scen th, table.scen td { border:1px solid var(--line); padding:3px 6px; text-align:left; vertical-align:top; }
table.scen th { background:var(--bg); }
.o-passed { color:var(--ok); font-weight:bold; }
.o-failed { color:var(--bad); font-weight:bold; }
.o-skipped, .o-not-run { color:var(--warn); font-weight:bold; }
ul.problems { margin:4px 0; color:var(--bad); font-size:13px; }
.none { color:var(--muted); font-style:italic; font-size:13px; }
code { font-family:"DejaVu Sans Mono", monospace; font-size:12px; }
@media print {
  nav.toc, .controls, .summary button:not(.active) { display:none !important; }
  .layout { display:block; }
  main { padding:0; }
  header.top { background:none; border-bottom:2px solid #000; }
  body { font-size:10.5pt; }
  section.rozdil { break-before:page; }
  section.rozdil:first-of-type { break-before:auto; }
  article.clause { break-inside:avoid; border-color:#000; }
  .badge { background:none !important; color:#000 !important; border:1px solid #000; }
  a { color:inherit; text-decoration:none; }
  .encoding { background:none; border:1px solid #999; }
}
"""

JS = """
(function () {
  var q = document.getElementById('q'), st = document.getElementById('status');
  var count = document.getElementById('count');
  var items = Array.prototype.slice.call(document.querySelectorAll('article.clause'));
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.rozdil, section.paragraf'));
  var buttons = Array.prototype.slice.call(document.querySelectorAll('.summary button[data-status]'));
  var CLAUSE_ID = /^r\\d+(-s\\d+)?(-p\\d+(\\.\\d+)*)?(-i\\d+)?(-a\\d+)?(-i\\d+)?$/;
  function norm(s) {
    return (s || '').toLowerCase().replace(/[\\u2019\\u02bc`\\u2018]/g, "'").replace(/\\s+/g, ' ').trim();
  }
  function apply(updateUrl) {
    var words = norm(q.value).split(' ').filter(Boolean), status = st.value, shown = 0;
    // A query that is one clause ID shows that clause and the clauses under it, not every mention of it.
    var byId = words.length === 1 && CLAUSE_ID.test(words[0]) ? words[0] : '';
    items.forEach(function (a) {
      var hay = a.getAttribute('data-search'), id = a.id.toLowerCase();
      var matches = byId ? (id === byId || id.indexOf(byId + '-') === 0 || id.indexOf(byId + '.') === 0)
        : words.every(function (w) { return hay.indexOf(w) >= 0; });
      var ok = (!status || a.getAttribute('data-status') === status) && matches;
      if (ok) { a.removeAttribute('hidden'); shown++; } else { a.setAttribute('hidden', ''); }
    });
    var filtering = words.length > 0 || !!status;
    sections.forEach(function (s) {
      var any = !filtering || s.querySelector('article.clause:not([hidden])');
      if (any) { s.removeAttribute('hidden'); } else { s.setAttribute('hidden', ''); }
    });
    buttons.forEach(function (b) { b.classList.toggle('active', b.getAttribute('data-status') === status); });
    count.textContent = 'Показано ' + shown + ' з ' + items.length;
    document.body.setAttribute('data-shown', String(shown));
    if (updateUrl) {
      var p = new URLSearchParams();
      if (q.value) { p.set('q', q.value); }
      if (status) { p.set('status', status); }
      var s = p.toString();
      try { history.replaceState(null, '', location.pathname + (s ? '?' + s : '') + location.hash); } catch (e) {}
    }
  }
  var params = new URLSearchParams(location.search);
  var hash = location.hash.replace(/^#/, '');
  if (hash.indexOf('q=') === 0 || hash.indexOf('status=') === 0) {
    new URLSearchParams(hash).forEach(function (v, k) { params.set(k, v); });
  }
  q.value = params.get('q') || '';
  st.value = params.get('status') || '';
  q.addEventListener('input', function () { apply(true); });
  st.addEventListener('change', function () { apply(true); });
  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      var s = b.getAttribute('data-status');
      st.value = st.value === s ? '' : s;
      apply(true);
    });
  });
  apply(false);
})();
"""


def _now_text(now: dt.datetime) -> str:
    return now.strftime("%d.%m.%Y %H:%M") + " (UTC)"


def _scenarios_html(runs: list[ScenarioRun]) -> str:
    if not runs:
        return '<p class="none">Сценаріїв немає.</p>'
    rows = []
    for run in runs:
        r = run.result
        duration = f"{r.duration_s:.2f} с" if r is not None else "—"
        when = _e(r.finished_at.replace("T", " ")[:16]) if r is not None and r.finished_at else "—"
        message = f'<div class="none">{_e(r.message[:300])}</div>' if r is not None and r.message else ""
        line = run.case.example_line or run.case.line
        rows.append(
            "<tr>"
            f"<td>{_e(run.case.title)}{message}</td>"
            f"<td><code>{_e(run.case.feature)}:{line}</code></td>"
            f'<td class="o-{_e(run.outcome)}">{_e(OUTCOME_LABELS.get(run.outcome, run.outcome))}</td>'
            f"<td>{duration}</td><td>{when}</td>"
            "</tr>"
        )
    return (
        '<table class="scen"><thead><tr><th>Сценарій</th><th>Файл</th><th>Результат</th><th>Тривалість</th>'
        "<th>Запуск</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _encodings_html(row: ClauseRow) -> str:
    if not row.encodings:
        return '<p class="none">Не закодовано і не позначено як такий, що не піддається перевірці.</p>'
    parts = []
    for entry in row.encodings:
        e = entry.encoding
        variant = f" «{_e(e.variant)}»" if e.variant else ""
        stale = "" if entry.reviewed else ' · <span class="stale">текст змінено після перевірки</span>'
        body = f"<div>Цитата: «{_e(e.quote)}»</div>"
        if e.interpretation:
            body += f'<div class="interp"><b>Тлумачення:</b> {_e(e.interpretation)}</div>'
        if e.reason:
            body += f'<div class="interp"><b>Чому не перевіряється:</b> {_e(e.reason)}</div>'
        if e.message:
            body += f'<div class="interp"><b>Повідомлення про порушення:</b> {_e(e.message)}</div>'
        parts.append(
            '<div class="encoding">'
            f'<div class="meta">Кодування{variant}: {_e(KIND_LABELS.get(e.kind.value, e.kind.value))} · '
            f"<code>{_e(display_path(entry.file))}:{entry.line}</code>{stale}</div>{body}</div>"
        )
    return "".join(parts)


def _article(row: ClauseRow) -> str:
    c = row.clause
    status = row.status
    haystack = searchable(
        c.id,
        clause_label(row),
        c.text,
        STATUS_LABELS.get(status, ""),
        *(e.encoding.quote for e in row.encodings),
        *(e.encoding.interpretation for e in row.encodings),
        *(e.encoding.reason for e in row.encodings),
        *(run.case.title for run in row.scenarios),
    )
    problems = ""
    if row.problems:
        problems = '<ul class="problems">' + "".join(f"<li>{_e(p.message)}</li>" for p in row.problems) + "</ul>"
    return (
        f'<article class="clause st-{status}" id="{_e(c.id)}" data-status="{status}" data-search="{_e(haystack)}">'
        '<div class="chead">'
        f'<a class="cid" href="#{_e(c.id)}">{_e(c.id)}</a>'
        f'<span class="clabel">{_e(clause_label(row))}</span>'
        f'<span class="badge st-{status}">{_e(STATUS_LABELS.get(status, status))}</span>'
        "</div>"
        f'<p class="ctext">{_e(c.text)}</p>'
        f"{_encodings_html(row)}{_scenarios_html(row.scenarios)}{problems}"
        "</article>"
    )


def render_reglament(trace: ReglamentTrace, now: dt.datetime | None = None) -> str:
    """The whole page of one reglament."""
    now = now or dt.datetime.now(dt.UTC)
    coverage = trace.coverage()
    by_status = coverage["by_status"]
    toc: list[str] = []
    body: list[str] = []
    open_sections: list[str] = []  # "rozdil" / "paragraf" currently open
    toc_open_sub = False

    def close(level: str) -> None:
        """Close the open § (level paragraf) or everything (level rozdil)."""
        while open_sections and (level == "rozdil" or open_sections[-1] == "paragraf"):
            open_sections.pop()
            body.append("</section>")

    def counts(section_id: str) -> str:
        rows = [r for r in trace.rows if not r.heading and r.clause.id.startswith(section_id + "-")]
        encoded = [r for r in rows if r.encoded]
        ok = sum(1 for r in encoded if r.status == "passing")
        return f"{len(rows)} пп., закодовано {len(encoded)}, перевірено {ok}"

    for row in trace.rows:
        c = row.clause
        if c.kind == "rozdil":
            close("rozdil")
            if toc_open_sub:
                toc.append("</ul>")
                toc_open_sub = False
            if toc:
                toc.append("</li>")
            toc.append(
                f'<li><a href="#{_e(c.id)}">Розділ {_e(c.label)}. {_e(c.text)}</a> '
                f'<span class="n">({_e(counts(c.id))})</span>'
            )
            body.append(f'<section class="rozdil" id="{_e(c.id)}"><h2>Розділ {_e(c.label)}. {_e(c.text)}</h2>')
            open_sections.append("rozdil")
        elif c.kind == "paragraf":
            close("paragraf")
            if not toc_open_sub:
                toc.append("<ul>")
                toc_open_sub = True
            toc.append(
                f'<li><a href="#{_e(c.id)}">§ {_e(c.label)}. {_e(c.text)}</a> '
                f'<span class="n">({_e(counts(c.id))})</span></li>'
            )
            body.append(f'<section class="paragraf" id="{_e(c.id)}"><h3>§ {_e(c.label)}. {_e(c.text)}</h3>')
            open_sections.append("paragraf")
        else:
            body.append(_article(row))
    while open_sections:
        open_sections.pop()
        body.append("</section>")
    if toc_open_sub:
        toc.append("</ul>")
    if toc:
        toc.append("</li>")

    buttons = "".join(
        f'<button type="button" data-status="{key}"><span class="badge st-{key}">{by_status[key]}</span> '
        f"{_e(STATUS_LABELS[key])}</button>"
        for key in STATUS_ORDER
    )
    options = '<option value="">усі статуси</option>' + "".join(
        f'<option value="{key}">{_e(STATUS_LABELS[key])}</option>' for key in STATUS_ORDER
    )
    results = trace.results
    if results.path is not None and results.updated:
        results_line = (
            f"Результати сценаріїв: <code>{_e(display_path(results.path))}</code>, записано "
            f"{_e(results.updated.replace('T', ' ')[:16])} (UTC)."
        )
    else:
        results_line = "Результатів виконання сценаріїв немає: спершу запустіть сценарії (make bdd)."
    gate = (
        "Контроль покриття: пройдено."
        if trace.gate_ok
        else f"Контроль покриття: не пройдено ({len(trace.gate_problems)} зауважень; див. reglament trace --gate)."
    )
    data = json.dumps({"reglament": trace.reglament, "coverage": coverage}, ensure_ascii=False)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="uk"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(trace.title)} — відповідність тексту, кодування і сценаріїв</title>"
        f"<style>{CSS}</style></head>"
        f'<body data-reglament="{_e(trace.reglament)}">'
        '<header class="top">'
        f"<h1>{_e(trace.title)}</h1>"
        f"<p>{_e(trace.municipality_name)} · {_e(trace.adopted)} · <code>{_e(trace.reglament)}</code></p>"
        f"<p>Звіт сформовано {_e(_now_text(now))}. {results_line}</p>"
        f"<p>Пунктів: {coverage['total']}; закодовано {coverage['encoded']}, з них перевірено сценаріями, що "
        f"проходять, {coverage['encoded_passing']} ({coverage['encoded_passing_percent']}%). "
        f"Сценаріїв: {coverage['scenarios']} (пройшли {coverage['scenarios_passed']}, не пройшли "
        f"{coverage['scenarios_failed']}, пропущено {coverage['scenarios_skipped']}, не запускались "
        f"{coverage['scenarios_not_run']}). {_e(gate)}</p>"
        f'<div class="summary">{buttons}</div>'
        "</header>"
        '<div class="layout">'
        f'<nav class="toc" aria-label="Зміст"><ul>{"".join(toc)}</ul></nav>'
        "<main>"
        '<div class="controls">'
        '<input id="q" type="search" placeholder="Пошук: номер пункту (r12-s3-p2.3, п. 2.3), слова тексту, '
        'тлумачення, назва сценарію" aria-label="Пошук">'
        f'<select id="status" aria-label="Статус">{options}</select>'
        '<span id="count"></span>'
        "</div>"
        f"{''.join(body)}"
        "</main></div>"
        f'<script type="application/json" id="trace-data">{data}</script>'
        f"<script>{JS}</script>"
        "</body></html>\n"
    )


def render_index(traces: list[ReglamentTrace], now: dt.datetime | None = None) -> str:
    """A page listing each reglament's report with its coverage."""
    now = now or dt.datetime.now(dt.UTC)
    items = []
    for trace in traces:
        c = trace.coverage()
        items.append(
            f'<li><a href="{_e(trace.reglament)}.html">{_e(trace.title)}</a> ({_e(trace.municipality_name)}): '
            f"пунктів {c['total']}, закодовано {c['encoded']}, перевірено сценаріями {c['encoded_passing']} "
            f"({c['encoded_passing_percent']}%)</li>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="uk"><head><meta charset="utf-8"><title>Регламенти: звіти відповідності</title>'
        f"<style>{CSS}</style></head><body><header class=\"top\"><h1>Регламенти: звіти відповідності</h1>"
        f"<p>Звіт сформовано {_e(_now_text(now))}.</p></header><main><ul>{''.join(items)}</ul></main></body></html>\n"
    )


def write_html(traces: list[ReglamentTrace], out_dir: Path, now: dt.datetime | None = None) -> list[Path]:
    """Write `<reglament-id>.html` for each trace and `index.html`; returns the written paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for trace in traces:
        path = out_dir / f"{trace.reglament}.html"
        path.write_text(render_reglament(trace, now), encoding="utf-8")
        written.append(path)
    index = out_dir / "index.html"
    index.write_text(render_index(traces, now), encoding="utf-8")
    written.append(index)
    return written
