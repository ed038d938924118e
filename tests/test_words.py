"""The words of the user interface (orgmodel/data/ui.yaml): both languages complete and alike.

Each check takes one section of the file and returns its problems as strings; the tests apply
the checks to every section, and the self-tests show that each check can fail.
"""

import re
import string
from importlib import resources

import pytest
import yaml

from orgmodel.model import fill_counts, ui_words

LANGS = ("da", "en")
TABLES = ("diagram", "charts", "map", "diff", "report")
"""Sections that map keys to texts."""
LISTS = {"months": 12}
"""Sections that list texts, with how many."""


class _NoDuplicates(yaml.SafeLoader):
    """A loader that refuses a key written twice in one mapping (PyYAML keeps the last one silently)."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        twice = sorted({str(k) for k in keys if keys.count(k) > 1})
        if twice:
            raise yaml.constructor.ConstructorError(None, None, f"keys written twice: {twice}", node.start_mark)
        return super().construct_mapping(node, deep=deep)


def placeholders(text: str) -> set[str]:
    """The ``{names}`` str.format fills in (raises ValueError for a stray brace).

    >>> sorted(placeholders("{n} af {total}"))
    ['n', 'total']
    """
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def language_problems(section: str, words: dict) -> list[str]:
    """Both languages are there, and nothing else."""
    if set(words) != set(LANGS):
        return [f"{section}: languages {sorted(words)}, expected {list(LANGS)}"]
    return []


def key_problems(section: str, words: dict) -> list[str]:
    """Every key is in both languages."""
    problems = []
    for lang in LANGS:
        for other in LANGS:
            missing = [key for key in words[other] if key not in words[lang]]
            if missing:
                problems.append(f"{section}: {lang} lacks {missing}, which {other} has")
    return problems


def value_problems(section: str, words: dict) -> list[str]:
    """Every text is a non-empty string whose braces str.format can read."""
    problems = []
    for lang in LANGS:
        table = words[lang]
        items = table.items() if isinstance(table, dict) else enumerate(table)
        for key, text in items:
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{section}.{lang}.{key}: {text!r} is not a non-empty text")
                continue
            try:
                placeholders(text)
            except ValueError as error:
                problems.append(f"{section}.{lang}.{key}: {error} in {text!r}")
    return problems


def placeholder_problems(section: str, words: dict) -> list[str]:
    """A Danish text and its English twin name the same placeholders."""
    problems = []
    for key in words["da"].keys() & words["en"].keys():
        da, en = placeholders(words["da"][key]), placeholders(words["en"][key])
        if da != en:
            problems.append(f"{section}.{key}: da names {sorted(da)}, en names {sorted(en)}")
    return problems


COUNTS = {"n", "count", "total", "forums", "lokalraad", "levels"}
"""Placeholders that hold a count."""
SAME_FORM = {"da": {"lokalråd", "mål", "fejl", "fund"}, "en": set()}
"""Words with one form for one and for several."""
FILLED_BY_SCRIPT = {("report", "search_more")}
"""Texts search.js fills in, only ever with more results than it shows."""
_COUNTED = re.compile(r"\{(\w+)\}(?: (?:af|of) \{(\w+)\})? ([^\W\d_]+)")


def agreement_problems(section: str, words: dict) -> list[str]:
    """A word after a count agrees with it: the text picks its form with ``{count:one|many}``, the key has
    a singular twin ``KEY_one`` (model.count_text), or the word is the same for one and several."""
    problems = []
    for lang in LANGS:
        table = words[lang]
        for key, text in table.items():
            if key.endswith("_one") or f"{key}_one" in table or (section, key) in FILLED_BY_SCRIPT:
                continue
            agreeing = {name for _, name, spec, _ in string.Formatter().parse(text) if spec and "|" in spec}
            for match in _COUNTED.finditer(text):
                counts = {match[1], match[2]} & COUNTS
                if counts and not counts & agreeing and match[3] not in SAME_FORM[lang]:
                    problems.append(f"{section}.{lang}.{key}: '{match[0]}' reads wrong for a count of 1")
    return problems


def list_problems(section: str, words: dict, count: int) -> list[str]:
    return [f"{section}.{lang}: {len(words[lang])} texts, expected {count}"
            for lang in LANGS if not isinstance(words[lang], list) or len(words[lang]) != count]


def test_the_file_has_these_sections_and_no_key_twice():
    text = resources.files("orgmodel.data").joinpath("ui.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=_NoDuplicates)
    assert set(data) == {*TABLES, *LISTS}
    assert data == {section: ui_words(section) for section in data}


@pytest.mark.parametrize("section", TABLES)
def test_a_table_has_every_key_in_both_languages(section):
    words = ui_words(section)
    assert language_problems(section, words) == []
    assert key_problems(section, words) == []
    assert value_problems(section, words) == []
    assert placeholder_problems(section, words) == []
    assert agreement_problems(section, words) == []


@pytest.mark.parametrize("section", LISTS)
def test_a_list_has_every_text_in_both_languages(section):
    words = ui_words(section)
    assert language_problems(section, words) == []
    assert list_problems(section, words, LISTS[section]) == []
    assert value_problems(section, words) == []


def test_the_file_is_read_once():
    assert ui_words("report") is ui_words("report")


# Self-tests: each check finds what it is for.

def test_self_a_language_missing_or_extra():
    assert language_problems("s", {"da": {}}) == ["s: languages ['da'], expected ['da', 'en']"]
    assert language_problems("s", {"da": {}, "en": {}, "de": {}}) != []


def test_self_a_key_in_one_language_only():
    assert key_problems("s", {"da": {"a": "A", "b": "B"}, "en": {"a": "A"}}) == ["s: en lacks ['b'], which da has"]
    assert key_problems("s", {"da": {"a": "A"}, "en": {"a": "A", "c": "C"}}) == ["s: da lacks ['c'], which en has"]


def test_self_an_empty_or_non_text_value():
    words = {"da": {"a": "", "b": True, "c": 1, "d": "{n"}, "en": {"a": " ", "b": "yes", "c": "1", "d": "{n}"}}
    assert [p.split(":")[0] for p in value_problems("s", words)] == ["s.da.a", "s.da.b", "s.da.c", "s.da.d", "s.en.a"]
    assert value_problems("m", {"da": ["januar", None], "en": ["January", "February"]}) == [
        "m.da.1: None is not a non-empty text"]


def test_self_a_placeholder_in_one_language_only():
    words = {"da": {"a": "{n} af {total}", "b": "{what}"}, "en": {"a": "{n} of {all}", "b": "{what}"}}
    assert placeholder_problems("s", words) == ["s.a: da names ['n', 'total'], en names ['all', 'n']"]


def test_self_a_list_of_the_wrong_length():
    assert list_problems("m", {"da": ["januar"], "en": ["January", "February"]}, 2) == [
        "m.da: 1 texts, expected 2"]


def test_self_a_key_written_twice():
    with pytest.raises(yaml.constructor.ConstructorError, match=r"keys written twice: \['a'\]"):
        yaml.load("da:\n  a: A\n  a: B\n", Loader=_NoDuplicates)


def test_self_a_count_whose_word_does_not_agree():
    words = {"da": {"a": "{n} fora", "b": "{n} {n:forum|fora}", "c": "{n} lokalråd", "d": "{n} fora", "d_one": "x"},
             "en": {"a": "{n} forums", "b": "{n} {n:forum|forums}", "c": "{n} local councils", "d": "{n} forums",
                    "d_one": "x"}}
    assert agreement_problems("s", words) == ["s.da.a: '{n} fora' reads wrong for a count of 1",
                                              "s.en.a: '{n} forums' reads wrong for a count of 1",
                                              "s.en.c: '{n} local' reads wrong for a count of 1"]


@pytest.mark.parametrize(("lang", "key", "fields", "one", "several"), [
    ("da", "kommune_diagram_alt", {"name": "Lokalrådet"}, "Diagram over Lokalrådet og det forum under det.",
     "Diagram over Lokalrådet og de 3 fora under det."),
    ("en", "kommune_diagram_alt", {"name": "X"}, "Chart of X and the forum under it.",
     "Chart of X and the 3 forums under it."),
    ("da", "diagram_alt", {"name": "K", "lokalraad": 2}, "Organisationsdiagram over K med 2 lokalråd og 1 forum.",
     "Organisationsdiagram over K med 2 lokalråd og 3 fora."),
    ("en", "goals_diagram_alt", {}, "Chart of 1 goal: strategic", "Chart of 3 goals: strategic"),
    ("en", "trace_missing", {"total": 4}, "1 of 4 local councils has no", "3 of 4 local councils have no"),
])
def test_a_count_of_one_and_of_several_in_the_reports_words(lang, key, fields, one, several):
    text = ui_words("report")[lang][key]
    count = "forums" if "{forums" in text else "n"
    assert fill_counts(text, **fields, **{count: 1}).startswith(one)
    assert fill_counts(text, **fields, **{count: 3}).startswith(several)


def test_omitted_forums_in_a_diagram_note_agree_with_their_count():
    da = ui_words("diagram")["da"]["omitted_kommune"]
    assert fill_counts(da, count=1, depth=4) == "Ikke vist: 1 råd eller forum længere nede. Se det med --depth 4."
    assert fill_counts(da, count=2, depth=4) == "Ikke vist: 2 råd og fora længere nede. Se dem med --depth 4."
