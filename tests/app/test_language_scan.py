"""Every page and tab speaks one language (issue 30, item 3).

A page in Chinese shows no English word of the English catalogue, and a page in English no Chinese character,
outside what users and their data wrote (names, ids, codes typed in) and units. The words looked for are those
of the product's own English texts (``hrcore.i18n.TEXT`` and the code labels ``CODES``) that its Chinese
texts never use: "KPI", "Excel" or "CSV" are words of both, "scored", "Department" or "linear" of English only.

Everything rendered is read: Markdown and captions, labels, help and placeholders, options, metrics, tab
labels, table headings and cells, and the texts of every chart.
"""

from __future__ import annotations

import json
import re

import pytest

from hrcore import i18n
from tests.app.conftest import app, open_tab

PAGES = ["views/overview.py", "views/evaluation.py", "views/pay.py", "views/kpi.py", "views/talent.py",
         "views/competency.py", "views/attrition.py", "views/data.py", "views/audit.py", "views/users.py"]
WORD = re.compile(r"[A-Za-z]{3,}")
CJK_RUN = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]+")
BILINGUAL_FIELD = re.compile(r"_(en|zh)$")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
STYLE_ONLY = re.compile(r"\s*<style>.*</style>\s*", re.S)
CSS_CONTENT = re.compile(r'content: "([^"]*)"')
# Chart fields a reader sees (hover templates hold Plotly's own %{...} syntax and are read through their values).
CHART_TEXT = {"text", "name", "title", "x", "y", "labels", "ticktext", "header", "values"}


def catalogue_words(lang: str) -> set[str]:
    texts = [pair[0 if lang == "en" else 1] for pair in i18n.TEXT.values()]
    texts += [pair[0 if lang == "en" else 1] for codes in i18n.CODES.values() for pair in codes.values()]
    return {w for text in texts for w in WORD.findall(PLACEHOLDER.sub(" ", text))}


ENGLISH_ONLY = catalogue_words("en") - catalogue_words("zh")


def chart_texts(value, key: str | None = None):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from chart_texts(v, k if k in CHART_TEXT or key in CHART_TEXT else None)
    elif isinstance(value, list):
        for v in value:
            yield from chart_texts(v, key)
    elif isinstance(value, str) and key is not None:
        yield value


def shown_texts(at) -> list[tuple[str, str]]:
    """(where, text) for everything the page shows."""
    found = []

    def walk(node):
        kind = getattr(node, "type", "")
        proto = getattr(node, "proto", None)
        if proto is not None:
            fields = {f.name for f in proto.DESCRIPTOR.fields}
            if kind == "html" and STYLE_ONLY.fullmatch(proto.body):
                # A style sheet shows nothing but the words it draws in (content: "..."), which a reader sees.
                found.extend(("style content", text) for text in CSS_CONTENT.findall(proto.body))
                fields = set()
            for name in ("body", "label", "help", "placeholder", "delta", "value"):
                if name in fields and isinstance(getattr(proto, name), str):
                    found.append((kind, getattr(proto, name)))
            if "options" in fields:
                found.extend((f"{kind} option", getattr(o, "content", o)) for o in proto.options)
            if kind == "plotly_chart":
                spec = json.loads(proto.spec)
                found.extend(("chart", text) for text in chart_texts(spec))
            if kind in ("arrow_data_frame", "dataframe"):
                frame = node.value
                config = json.loads(proto.columns) if getattr(proto, "columns", "") else {}
                shown_columns = list(proto.column_order) or [str(c) for c in frame.columns]
                for column in shown_columns:
                    setting = config.get(column, {}) if isinstance(config, dict) else {}
                    if setting.get("hidden") or column not in frame.columns:
                        continue
                    found.append(("table heading", str(setting.get("label") or column)))
                    if BILINGUAL_FIELD.search(column):  # an editor of both languages' texts shows both
                        continue
                    values = frame[column]
                    options = setting.get("type_config", {}).get("options", [])
                    labels = {o["value"]: o["label"] for o in options if isinstance(o, dict)}
                    if labels:  # a choice column shows each code's label
                        values = values.map(lambda v: labels.get(v, v))
                    if values.dtype == object or str(values.dtype) in ("string", "str", "category"):
                        found.extend(("table cell", str(v)) for v in values.dropna().unique()[:200])
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    for tab in at.tabs:
        found.append(("tab", tab.label))
    # The language picker names each language in itself.
    return [(where, text) for where, text in found if text not in i18n.LANGUAGE_NAMES.values()]


NAME_COLUMN = re.compile(r"name|title|label|note|survey|source|rater|_by$|by_name|reason|grounds|comment|"
                         r"description|definition|formula|text|anchor|behaviour|knowledge|item|action|owner|approver|summary|"
                         # An indicator's unit is typed in its library ("points", "days"): units are out of scope.
                         r"unit")


def data_texts(lang: str) -> list[str]:
    """What the company's own data says in words (names, titles, notes, what users typed): not the product's.

    Not the product's words kept in the database (the audit trail's actions and table names, the codes of
    ``CODES`` and the product's other code columns), and not the other language's column of a text kept in both:
    a Chinese page shows ``name_zh``, so an English ``name_en`` on it is a leak, not the company's own word.
    """
    from hrcore.store import default_path, open_store
    db = open_store(default_path())
    columns = db.query("SELECT table_name, column_name FROM information_schema.columns "
                       "WHERE data_type = 'VARCHAR' AND table_schema = 'main'")
    other_language = re.compile(r"_zh$" if lang == "en" else r"_en$")
    texts = []
    for table, group in columns.groupby("table_name"):
        if table in PRODUCT_TABLES:
            continue
        named = [c for c in group["column_name"] if (NAME_COLUMN.search(c) or c.endswith("_id"))
                 and c not in i18n.CODES and c not in CODE_COLUMNS and not other_language.search(c)]
        for column in named:
            texts += db.query(f'SELECT DISTINCT "{column}" AS v FROM "{table}" WHERE "{column}" IS NOT NULL')["v"].tolist()
    return texts


PRODUCT_TABLES = {"audit_log", "schema_migrations", "app_meta"}
CODE_COLUMNS = {"rater_group", "owner_type"}


def readable(text: str) -> str:
    """``text`` without what is not language: file paths and addresses, and Streamlit's Markdown directives.

    A directive is how a colour or an icon is asked for (``:green-badge[低于预算]`` shows a green badge saying
    低于预算, ``:material/edit:`` a pencil): the reader sees the colour or the icon, never the word.
    """
    return PATH.sub(" ", DIRECTIVE.sub(" ", text))


PATH = re.compile(r"\S*[/\\]\S*")
DIRECTIVE = re.compile(r":material/[a-z0-9_]+:|:[a-z]+(?:-(?:badge|background))?(?=\[)")


def leaked_english(text: str, own: set[str]) -> set[str]:
    """The words of ``text`` a reader of Chinese would meet as the product's English (not the data's own words)."""
    return {w for w in WORD.findall(readable(text)) if w in ENGLISH_ONLY and w not in own}


def tab_keys(at) -> tuple[str, list[str]] | None:
    labels = [tab.label for tab in at.tabs]
    for key in list(at.session_state):
        if str(key).endswith("_tab") and at.session_state[key] in labels:
            return key, labels
    return None


def every_tab(at):
    yield None, at
    found = tab_keys(at)
    if found:
        key, labels = found
        for label in labels[1:]:
            yield label, open_tab(at, key, label)


def leaks(at, foreign) -> str:
    """Every text of every tab with words ``foreign(text)`` finds, one line each."""
    found = []
    for tab, shown in every_tab(at):
        for where, text in shown_texts(shown):
            words = foreign(text)
            if words:
                found.append(f"[{tab or 'first tab'}] {where}: {text[:120]!r} -> {sorted(words)}")
    return "\n".join(dict.fromkeys(found))


@pytest.mark.parametrize("page", PAGES)
def test_a_chinese_page_shows_no_english_word(demo_db, page):
    at = app(page, lang="zh")
    own = {w for text in data_texts("zh") for w in WORD.findall(text)}
    assert not leaks(at, lambda text: leaked_english(text, own))


@pytest.mark.parametrize("page", PAGES)
def test_an_english_page_shows_no_chinese(demo_db, page):
    at = app(page, lang="en")
    own = {run for text in data_texts("en") for run in CJK_RUN.findall(text)}
    assert not leaks(at, lambda text: set(CJK_RUN.findall(readable(text))) - own)


def test_the_scan_finds_a_code_but_not_a_colour():
    """The scanner itself: a raw code on a Chinese page is a leak; a badge's colour, a path or a name of the data is not."""
    assert leaked_english("计分规则：linear", own=set()) == {"linear"}
    assert leaked_english(":green-badge[低于预算 ¥177.0万] :material/edit: :red[超出]", own=set()) == set()
    assert leaked_english(":green[scored]", own=set()) == {"scored"}
    assert leaked_english("文件 data/scored/linear.csv", own=set()) == set()
    assert leaked_english("Linear Chen 的考核表", own={"Linear"}) == set()


def test_the_demo_data_does_not_hide_the_products_codes(demo_db):
    """Words of the data are exempt; the product's codes must not be among them, or a raw code would pass unseen."""
    own = {w for text in data_texts("zh") for w in WORD.findall(text)}
    assert not own & {"linear", "threshold", "scored", "rows", "exposure", "self", "superior"}


def tables(node):
    """Every table and editor under ``node``."""
    if getattr(node, "type", "") in ("arrow_data_frame", "dataframe"):
        yield node
    for child in getattr(node, "children", {}).values():
        yield from tables(child)


@pytest.mark.parametrize("page", PAGES)
def test_every_table_and_editor_leaves_a_missing_value_empty(demo_db, page):
    # Issue 30, item 4: no "None" where a value is missing. Streamlit writes "None" unless a table is given a
    # placeholder; every table and editor of every tab is asked, here through what reaches the browser.
    for tab, shown in every_tab(app(page)):
        for table in tables(shown._tree):
            assert table.proto.HasField("placeholder") and table.proto.placeholder == "", (tab, table.proto.id)
