"""The fast path (yaml_rs) reads a file only when it gives what parse_yaml gives: values, types and lines."""

import datetime as dt
import re
import tempfile
from pathlib import Path

import pytest
import yaml_rs
from hypothesis import given, settings
from hypothesis import strategies as st

from orgmodel.errors import UnreadableInputError
from orgmodel.workspace import fastyaml, load_workspace, yamlfile
from orgmodel.workspace import loader as loader_module
from orgmodel.workspace.fastyaml import Entry, fast_parse, lined
from orgmodel.workspace.yamlfile import Mapping, Sequence, parse_yaml

EXAMPLES = Path(__file__).parent.parent / "examples" / "midt-og-vestjylland"
# Plain values yaml_rs 0.1 reads otherwise than orgmodel (YAML 1.2 core + dates + merge keys, strict).
DIFFERENT_VALUES = [
    "1_000", "1__0", "0b101", "0x_1F", "-0o17", "+0x1F",  # numbers there, text here
    "2026-3-1 10:00:00",  # text there, a date and time here (PyYAML's timestamp form)
    "!!binary aGk=", "!!set {a}",  # read there, refused here
    '"\\x01"',  # a control character: read there, refused here
    "'2026-03-01'", '"0001-01-01"', "'12:30:00'", "'2026-03-01t10:00:00'",  # dates and times there, text here
    "[1_000]", "{a: 0b101}", "['2026-03-01']", "[?a]",  # the same in brackets ('?a' is text there, a key here)
]
DIFFERENT_KEYS = ["1_000", "2026-03-01", "? a"]
DIFFERENT_DOCUMENTS = [
    "a: x\x85b: 2\n",  # NEL is a line break in YAML 1.1 (libyaml), text in 1.2
    "a: x\u2028b\n",
    "\ufeffa: 1\n",  # a BOM left in the text: dropped by libyaml, part of the key in yaml_rs
    "a: 1\n\ufeffb: 2\n",
    "a: 1\n---\nb: 2\n",  # several documents: a list there, refused here
    "x: &a {b: 1}\ny:\n  <<: *a\n  c: 2\n",  # merge keys: a key '<<' there
    "a:\tb\n",  # a tab: refused there, read here
    "a: b\x01\n",
]
# Written values of every kind the gate lets through, and some near them that it must not.
TRICKY = DIFFERENT_VALUES + [
    "2026-02-30", "2023-02-29", "0000-01-01",  # no day of the calendar: text in both
    "+1", ".5", "1e3", "0o17", "0x1F", "0740", "-0", "-0.0", "00", "1.", "1.50", "-00.50", "12e03",
    "99999999999999999999", "3.14159265358979323846", "TRUE", "True", "true", "tRUE", "False", "FALSE", ".NaN",
    ".inf", "-.Inf", "~", "", "null", "Null", "NULL", "nULL", "yes", "no", "on", "Off", "y", "N", "inf", "nan",
    "None", "2026-03-01", "2024-02-29", "2026-12-31", "2026-04-31", "1999-1-1", "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10", "2001-12-14T21:59:43Z", "2002-12-14 1:2:3", "15-17", "18+", "0-5", "100+",
    "1:20", "190:20:30", "a: b", "a:b", "a #c", "a#b", "a, b", "a ~", "~a", "-a", "?x", ":x", "x:",
    "http://x.dk/a?b=1&c=2", "Børn & unge", "æøå", "a\xa0b", "\xa0a", "&a x", "*a", "!!str 1", "[a, b]", "{a: 1}",
    "[a, b]", "[ a , b ]", "[a b, c]", "[a:b]", "[a: b]", "[a#b]", "[a #b]", "[a, b,]", "[]", "{}", "{ }", "{a: b}",
    "{a:b}", "{a: 1_000}", "[1_000]", "[2026-03-01]", "['2026-03-01']", "[15-17, 18+]", "[true, null, ~]",
    "[a, [b]]", "{a: [b]}", "[?a]", "{a: b, a: c}", "{da: Politidirektør, en: Chief of police}", "[a] x",
    "|\n  block", ">\n  folded", "a\n  b", '"a\n  b"', '"q"', "'q'", "'it''s'", "''", '""', '"a\\tb"', "'a\\b'",
    "'#x'", '"a: b"', "@x", "`x", "%x", "- a", "<<", "a\tb", "a\rb", "a\x85b", "a\u2028b",
]
KEYS = ["id", "name", "members", "since", "a-b", "æble", "_x", "y", "on", "No", "true", "True", "null", "~", "1",
        "1_000", "2026-03-01", "1.5", "<<", '"q"', "'q'", "a b", "x:y"]


def value_text(value: str) -> st.SearchStrategy[str]:
    return st.just(value)


SCALAR = st.one_of(
    st.sampled_from(TRICKY),
    st.integers(-10**20, 10**20).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.dates().map(dt.date.isoformat),
    st.dates().map(lambda day: f"'{day}'"),
    st.datetimes().map(lambda moment: f'"{moment}"'),
    st.times().map(lambda moment: f"'{moment}'"),
    st.from_regex(r"[A-Za-zæøåÆØÅ][A-Za-zæøå0-9 .,&'/()-]{0,12}", fullmatch=True),
    st.text(st.characters(codec="utf-8", exclude_characters="\n"), max_size=8),
)
KEY = st.one_of(st.sampled_from(KEYS), st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True))


def flows(items: st.SearchStrategy[str], keys: st.SearchStrategy[str], unique=False) -> st.SearchStrategy[str]:
    """Lists and blocks written in brackets on one line: ``[a, b]``, ``{da: x, en: y}``."""
    spaces = st.sampled_from(["", " ", "  "])
    return st.one_of(
        st.tuples(st.lists(items, max_size=3), spaces).map(lambda v: "[" + f",{v[1]}".join(v[0]) + "]"),
        st.lists(st.tuples(keys, items), max_size=3, unique_by=(lambda kv: kv[0]) if unique else None)
        .map(lambda v: "{" + ", ".join(f"{k}: {x}" for k, x in v) + "}"))


SCALAR = st.one_of(SCALAR, flows(SCALAR, KEY))


@st.composite
def documents(draw, mutate: bool = True, scalar=SCALAR, key=KEY) -> str:
    """A workspace file: sections of '- key: value' entries (with nested lists and blocks), in various layouts."""
    column, step = draw(st.sampled_from([0, 2, 4])), draw(st.sampled_from([2, 2, 3]))
    lines: list[str] = []
    comment = st.sampled_from(["", "", "", "  # note", " #x"])
    unique = not mutate or draw(st.booleans())  # else a key may be written twice
    for section in draw(st.lists(st.one_of(st.sampled_from(["roles", "forums", "goals"]), key), min_size=1,
                                 max_size=3, unique=unique)):
        if draw(st.booleans()):
            lines.append("# a comment" if draw(st.booleans()) else "")
        # a block of keys at the top (not a list of entries) is left to parse_yaml: no file in the simple layout
        shape = draw(st.sampled_from(["entries", "entries", "entries", "scalar", "empty"] + ["block"] * mutate))
        if shape == "scalar":
            lines.append(f"{section}: {draw(scalar)}{draw(comment)}")
            continue
        lines.append(f"{section}:{draw(comment)}")
        if shape == "block":
            lines.append(f"{' ' * step}{draw(key)}: {draw(scalar)}")
        if shape != "entries":
            continue
        for _ in range(draw(st.integers(1, 4))):
            dash = " " * column + "-" + " " * draw(st.sampled_from([1, 1, 2]))
            inner = " " * len(dash)
            if draw(st.integers(0, 9)) == 0:
                lines.append(f"{dash}{draw(scalar)}")
                continue
            for index, name in enumerate(draw(st.lists(key, min_size=1, max_size=4, unique=unique))):
                lead = dash if index == 0 else inner
                nested = draw(st.sampled_from(["value", "value", "value", "list", "block"]))
                if nested == "value":
                    lines.append(f"{lead}{name}: {draw(scalar)}{draw(comment)}")
                    continue
                lines.append(f"{lead}{name}:")
                indent = inner + " " * draw(st.sampled_from([0, step])) if nested == "list" else inner + " " * step
                for inner_key, item in draw(st.lists(st.tuples(key, scalar), min_size=1, max_size=3,
                                                     unique_by=(lambda pair: pair[0]) if unique else None)):
                    lines.append(f"{indent}- {item}" if nested == "list" else f"{indent}{inner_key}: {item}")
    if mutate and draw(st.booleans()):
        at = draw(st.integers(0, len(lines) - 1))
        change = draw(st.sampled_from(["indent", "dedent", "insert", "duplicate"]))
        if change == "indent":
            lines[at] = " " + lines[at]
        elif change == "dedent":
            lines[at] = lines[at][1:]
        elif change == "duplicate":
            lines.insert(at, lines[at])
        else:
            where = draw(st.integers(0, len(lines[at])))
            piece = draw(st.sampled_from(["\t", "\x85", "\u2028", "\ufeff", "\r", "&a ", "*a", "!", "[", "{", "#",
                                          ": ", "- ", '"', "'", "\\", "|", ">", "---\n", "<<: ", "\x01", "...\n"]))
            lines[at] = lines[at][:where] + piece + lines[at][where:]
    text = ("\r\n" if draw(st.booleans()) else "\n").join(lines)
    return text + draw(st.sampled_from(["\n", "\n", "", "\n\n"]))


def same_value(fast, slow, where="") -> None:
    """The same values and types; a mapping and a list may be plain (inside an entry) where slow has lines."""
    if isinstance(slow, dict):
        assert isinstance(fast, dict), where
        assert list(fast) == list(slow), where
        assert [type(k) for k in fast] == [type(k) for k in slow], where
        for key in slow:
            same_value(fast[key], slow[key], f"{where}.{key}")
    elif isinstance(slow, list):
        assert isinstance(fast, list) and len(fast) == len(slow), where
        for index, (a, b) in enumerate(zip(fast, slow, strict=True)):
            same_value(a, b, f"{where}[{index}]")
    else:
        assert type(fast) is type(slow) and repr(fast) == repr(slow), where


def same_lines(fast, slow) -> None:
    """Every line of ``slow`` (at any depth) is the line of ``fast``."""
    assert type(fast) is type(slow)
    assert fast.line == slow.line
    if isinstance(slow, Mapping):
        assert fast.key_lines == slow.key_lines
        children = [(fast[k], slow[k]) for k in slow]
    else:
        assert fast.item_lines == slow.item_lines
        children = list(zip(fast, slow, strict=True))
    for a, b in children:
        if isinstance(b, (Mapping, Sequence)):
            same_lines(a, b)


def same_as_parse_yaml(text: str) -> bool:
    """Assert what fast_parse gives of ``text`` is what parse_yaml gives; True when the fast path read it."""
    try:
        slow = parse_yaml(text, "a.yaml")
    except UnreadableInputError:
        assert fast_parse(text, "a.yaml") is None  # never read what the current path refuses
        return False
    fast = fast_parse(text, "a.yaml")
    if fast is None:
        return False
    same_value(fast, slow)
    assert isinstance(fast, Mapping) and (fast.line, fast.key_lines) == (slow.line, slow.key_lines)
    for key, items in slow.items():
        if isinstance(items, Sequence):
            assert (fast[key].line, fast[key].item_lines) == (items.line, items.item_lines)
            for entry, slow_entry in zip(fast[key], items, strict=True):
                if isinstance(slow_entry, Mapping):
                    assert isinstance(entry, Entry) and entry.line == slow_entry.line
                    same_lines(lined(entry), slow_entry)
    return True


@given(documents())
def test_the_fast_path_reads_what_parse_yaml_reads(text):
    same_as_parse_yaml(text)


SAFE_KEY = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(lambda k: k not in ("true", "false", "null"))
SAFE_WORD = st.from_regex(r"[A-Za-zæøåÆØÅ][A-Za-zæøå0-9 .&/()-]{0,12}[A-Za-z0-9]", fullmatch=True)
SAFE_SCALAR = st.one_of(
    flows(st.one_of(SAFE_WORD, st.integers(-10**17, 10**17).map(str), st.sampled_from(["15-17", "'q'", "true"])),
          SAFE_KEY, unique=True),
    st.sampled_from(["true", "False", "NULL", "yes", "Off", "15-17", "18+", "'q'", '"a: b"', "'it''s'",
                     "Børn & unge", "http://x.dk/a?b=1", "a#b", "-0.0", "0740", "2024-02-28"]),
    st.integers(-10**17, 10**17).map(str),
    st.dates(dt.date(1000, 1, 1)).filter(lambda d: (d.month, d.day) != (2, 29)).map(dt.date.isoformat),
    st.from_regex(r"[A-Za-zæøåÆØÅ][A-Za-zæøå0-9 .,&'/()-]{0,12}[A-Za-z0-9]", fullmatch=True),
)


@given(documents(mutate=False, scalar=SAFE_SCALAR, key=SAFE_KEY))
def test_the_fast_path_is_taken_for_files_in_the_simple_layout(text):
    assert same_as_parse_yaml(text)


@pytest.mark.parametrize("written", DIFFERENT_VALUES)
def test_a_value_yaml_rs_reads_otherwise_is_left_to_parse_yaml(written):
    for text in (f"roles:\n  - id: a\n    note: {written}\n", f"roles:\n- {written}\n", f"note: {written}\n"):
        assert _yaml_rs_differs(text)
        assert fast_parse(text, "a.yaml") is None
        same_as_parse_yaml(text)


@pytest.mark.parametrize("written", DIFFERENT_KEYS)
def test_a_key_yaml_rs_reads_otherwise_is_left_to_parse_yaml(written):
    for text in (f"roles:\n  - id: a\n    {written}: x\n", f"{written}: x\n"):
        assert _yaml_rs_differs(text)
        assert fast_parse(text, "a.yaml") is None


@pytest.mark.parametrize("text", DIFFERENT_DOCUMENTS)
def test_a_document_yaml_rs_reads_otherwise_is_left_to_parse_yaml(text):
    assert _yaml_rs_differs(text)
    assert fast_parse(text, "a.yaml") is None


def _yaml_rs_differs(text: str) -> bool:
    try:
        expected = repr(parse_yaml(text, "a.yaml"))
    except UnreadableInputError:
        expected = "an error"
    try:
        return repr(yaml_rs.loads(text)) != expected
    except yaml_rs.YAMLDecodeError:
        return expected != "an error"


@pytest.mark.parametrize("text", [
    "roles:\n- id: a\n  x: 1\n- id: b\n",
    "roles:\r\n  - id: a\r\n    tags:\r\n    - x\r\n  - id: b\r\n",
    "# head\n\nroles:  # note\n    -  id: a\n       ages:\n       - 15-17\n       - 18+\n\n    # between\n    - b\n"
    "goals:\nforums:\n  - id: f\n    name: 'Børn & unge: SSP'\n",
])
def test_the_fast_path_reads_the_simple_layout(text):
    assert same_as_parse_yaml(text)


@pytest.mark.parametrize("name", ["documents.yaml", "policies.yaml", "roles.yaml"])
def test_the_fast_path_reads_the_examples_in_the_plain_layout(name):
    """Files as people write them (lists in brackets, texts in two languages) take the fast path, and read alike."""
    assert same_as_parse_yaml((EXAMPLES / name).read_text(encoding="utf-8"))


def test_an_entry_read_again_alone_gives_the_lines_of_its_keys():
    text = "roles:\n  - id: a\n  - id: b\n    covers:\n      ages:\n      - 0-5\n\n# c\n  - id: c\n"
    entry = fast_parse(text, "a.yaml")["roles"][1]
    assert lined(entry).key_lines == {"id": 3, "covers": 4}
    assert lined(entry)["covers"].key_lines == {"ages": 5}
    assert lined(entry)["covers"]["ages"].item_lines == [6]


def test_what_parse_yaml_refuses_is_refused_with_its_message(make_ws):
    root = make_ws({"a.yaml": "roles:\n  - id: a\n    since: 2026-02-30 10:00:00\n"})
    with pytest.raises(UnreadableInputError, match=r"a.yaml:3: '2026-02-30 10:00:00' is not a real date and time"):
        load_workspace(root)


BROKEN = [
    "organisations:\n- id: a\n  name: A\n  category: politi\n  colour: red\n",
    "forums:\n  - id: f\n    type: ssp\n    members:\n      - a\n      - 7\n"
    "    covers:\n      ages:\n      - 200-300\n",
    "roles:\n- id: r\n  title: R\n  type: nope\n  meetings: many\n- 5\n- id: s\n",
    "councils:\n  - id: k\n    type: kredsraad\n    members:\n      politi: lots\n    meetings_per_year: -1\n",
    "goals:\n- name: no id\n  level: strategisk\n  period: 2026\n  title: T\n  since: 2026-03-01\n",
    "roles: x\nforums: 3\nunknown: 2\n",
    "roles:\n- id: q\n  title: {da: Q, en: Q, fr: Q}\n  type: [x]\n  tags: [a, 5]\npolicies: [1, x]\n",
]


def _loaded(root: Path) -> tuple:
    ws = load_workspace(root)
    records = sorted((r.kind, r.id, r.file, r.line, repr(r.entity), sorted(r.unreadable)) for r in ws.records.values())
    return records, ws.problems, ws.invalid_ids, [(a.id, b.id) for a, b in ws.duplicates], ws.manifest_lines


MANIFESTS = ["name: Test\n", "name: Test\nmax_age: 500\nroles:\n- id: m\n  title: M\n  type: 5\n  colour: red\n"]


@settings(max_examples=max(10, int(settings.default.max_examples * 0.05)))
@given(st.sampled_from(MANIFESTS), st.lists(st.sampled_from(BROKEN), min_size=1, max_size=4))
def test_the_loader_finds_the_same_with_and_without_the_fast_path(manifest, texts):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "orgmodel.yaml").write_text(manifest, encoding="utf-8")
        for index, text in enumerate(texts):
            (root / f"f{index}.yaml").write_text(text, encoding="utf-8")
        assert all(fast_parse(text, "f") is not None for text in [manifest, *texts])
        fast = _loaded(root)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(loader_module, "parse_yaml", yamlfile.parse_yaml)
            assert _loaded(root) == fast
    assert fast[1]  # the broken entries were found


def test_texts_are_interned_as_parse_yaml_interns_them():
    """A workspace names the same ids and terms thousands of times: one object each keeps records and cache small."""
    text = "roles:\n- id: a\n  members:\n  - kreds-fyn\n- id: b\n  area: kreds-fyn\n- kreds-fyn\n"
    for data in (parse_yaml(text, "a.yaml"), fast_parse(text, "a.yaml")):
        assert data is not None
        first, second, third = data["roles"][0]["members"][0], data["roles"][1]["area"], data["roles"][2]
        assert first is second is third


def test_an_entry_that_reads_otherwise_alone_is_found_in_the_whole_file(monkeypatch):
    """Not expected in the simple layout, but then the lines come from the whole file, not from a wrong guess."""
    text = "roles:\n- id: a\n- id: b\n  tags:\n  - x\n  name: B\n"
    entry = fast_parse(text, "a.yaml")["roles"][1]
    monkeypatch.setattr(fastyaml, "_end_at", lambda column: re.compile(r"^  - ", re.MULTILINE))  # cuts 'b' short
    assert lined(entry).key_lines == {"id": 3, "tags": 4, "name": 6}
    assert lined(entry)["tags"].item_lines == [5]


_ALLOWED_PAST_ASCII = "\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"
_EVERY_CHARACTER = "".join(map(chr, range(0x110000)))


@pytest.mark.parametrize(("allowed", "written"), [
    (rf"[\x20-\x7e{_ALLOWED_PAST_ASCII}]", rf"[^{fastyaml._NOT_TEXT}]"),
    (rf"[\x21\x22\x24-\x39\x3b-\x5a\x5e-\x7a\x7c\x7e{_ALLOWED_PAST_ASCII}]",
     rf"[^{fastyaml._NOT_TEXT}\x20\x23\x3a\x5b-\x5d\x7b\x7d]"),
    (rf"[\x20-\x26\x28-\x5a\x5e-\x7a\x7c\x7e{_ALLOWED_PAST_ASCII}]", rf"[^{fastyaml._NOT_TEXT}\x27\x5b-\x5d\x7b\x7d]"),
    (rf"[\x20\x21\x23-\x5a\x5e-\x7a\x7c\x7e{_ALLOWED_PAST_ASCII}]", rf"[^{fastyaml._NOT_TEXT}\x22\x5b-\x5d\x7b\x7d]"),
    (rf"[\x21\x24-\x26\x28-\x2b\x2d-\x39\x3b-\x5a\x5e-\x7a\x7c\x7e{_ALLOWED_PAST_ASCII}]",
     rf"[^{fastyaml._NOT_TEXT}\x20\x22\x23\x27\x2c\x3a\x5b-\x5d\x7b\x7d]"),
], ids=["comment", "plain", "in-single-quotes", "in-double-quotes", "plain-in-brackets"])
def test_each_class_of_characters_allows_exactly_the_characters_listed(allowed, written):
    """The classes are written as what they leave out (fast to compile); each allows exactly the characters
    its list of allowed ranges names, over every code point."""
    assert re.sub(allowed, "", _EVERY_CHARACTER) == re.sub(written, "", _EVERY_CHARACTER)


def test_every_class_of_characters_in_the_layout_is_one_of_those_above():
    classes = set(re.findall(r"\[\^[^\]]*\]", fastyaml._SIMPLE_LAYOUT.pattern.replace(r"\]", "")))
    assert {c for c in classes if fastyaml._NOT_TEXT in c} == {
        f"[^{fastyaml._NOT_TEXT}]", rf"[^{fastyaml._NOT_TEXT}\x20\x23\x3a\x5b-\x5d\x7b\x7d]",
        rf"[^{fastyaml._NOT_TEXT}\x27\x5b-\x5d\x7b\x7d]", rf"[^{fastyaml._NOT_TEXT}\x22\x5b-\x5d\x7b\x7d]",
        rf"[^{fastyaml._NOT_TEXT}\x20\x22\x23\x27\x2c\x3a\x5b-\x5d\x7b\x7d]"}
