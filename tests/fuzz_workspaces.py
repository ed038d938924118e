"""Hypothesis strategies that generate workspaces: valid ones, and every kind of breakage.

A generated workspace is a dict ``{relative path: bytes}`` written into a
folder by :func:`write_files`. Three layers of breakage can be applied:

- **data** (before the YAML is written): wrong types, missing and extra keys,
  dangling, duplicate and cyclic references, strange ids and texts, very long
  values, deep nesting, non-text keys, wrong sections and manifests;
- **text** (the YAML as written): cut, inserted and deleted characters, tabs,
  YAML tags, anchors and aliases, escapes of NUL and surrogates, several
  documents, CRLF line ends, a BOM;
- **bytes** (the file as stored): other encodings, stray bytes, empty files.
"""

import datetime as dt
import json
from pathlib import Path

import yaml
from hypothesis import strategies as st

from orgmodel.check import RULES
from orgmodel.model import AREAS, builtin_vocabulary
from orgmodel.workspace.yamlfile import QuotingDumper, represent_text

VOCAB = builtin_vocabulary()
AREA_IDS = sorted(AREAS)
KREDS_IDS = [a for a in AREA_IDS if AREAS[a].kind == "politikreds"]
AREA_WRITTEN = AREA_IDS + [AREAS[a].name for a in AREA_IDS[:20]] + [int(AREAS[a].code) for a in AREA_IDS[:20]
                                                                     if AREAS[a].code and AREAS[a].code.isdigit()]
RULE_IDS = sorted(RULES)
SEVERITIES = ["error", "warning", "info", "off"]
KINDS = ("organisation", "role", "council", "forum", "goal", "document")
SECTION_OF = {"organisation": "organisations", "role": "roles", "council": "councils", "forum": "forums",
              "goal": "goals", "document": "documents"}
TODAY = dt.date(2026, 11, 22)

# --- texts ----------------------------------------------------------------------------------------------

TRICKY_TEXTS = [
    "Skole & \"Klub\" <1>", "it's", "`rm -rf`", "{braces}", "}{", "[list]", "<script>alert(1)</script>",
    "100 %", "%s %d %(x)s", "{name}", "{0}", "$5 og $10", "\\n", "C:\\temp\\new", "\\", "line 1\nline 2",
    "tab\there", "\u202eRTL override", "\u200fRTL mark\u200e", "zero\u200bwidth\u200d", "\ufeffBOM",
    "nbsp\u00a0here", "line\u2028separator", "para\u2029separator", "Ærø Østerbro Åbenrå æøå",
    "=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "null", "~", "yes", "no", "on", "off", "true",
    "2026-01-01", "1e3", "0x1F", "0o17", ".inf", ".nan", "<<", "*alias", "&anchor", "!tag", "- item",
    "key: value", "# not a comment", "'quoted'", "\"dq\"", "|", ">", "?", ":", "-", "", " ", "  padded  ",
    "trailing ", " leading", "😀 emoji", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "עברית", "العربية", "中文", "e\u0301 combining",
    "end", "subgraph", "graph", "node", "digraph", "strict", "style", "click", "classDef", "%%",
]
_PLAIN = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff",
                       include_characters="\n\t")


LONG_TEXTS = st.integers(1_000, 120_000).map(lambda n: ("Lang tekst æøå " * (n // 15 + 1))[:n])


def texts(max_size: int = 30) -> st.SearchStrategy[str]:
    """Text a user may type or paste: random Unicode, tricky strings, mixtures; one in fifty very long."""
    short = st.one_of(st.text(_PLAIN, max_size=max_size), st.sampled_from(TRICKY_TEXTS),
                      st.lists(st.sampled_from(TRICKY_TEXTS), min_size=2, max_size=4).map(" ".join))
    return st.integers(0, 49).flatmap(lambda n: LONG_TEXTS if n == 0 else short)


# Strategies are built once: building them inside a draw costs more than the draw.
TEXT, SHORT_TEXT = texts(), texts(10)
NONEMPTY_TEXT = TEXT.filter(lambda t: t.strip() != "")
LABEL = st.one_of(NONEMPTY_TEXT, st.fixed_dictionaries({}, optional={"da": TEXT, "en": TEXT}))
"""A name or title: text, or ``{da: …, en: …}``."""
SLUGS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,24}", fullmatch=True)
DATES = st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))
_AGE = st.one_of(st.integers(0, 100).map(str),
                 st.tuples(st.integers(0, 60), st.integers(0, 40)).map(lambda t: f"{t[0]}-{t[0] + t[1]}"),
                 st.integers(0, 100).map(lambda a: f"{a}+"), st.integers(0, 100))
COVERAGE = st.fixed_dictionaries({}, optional={
    "ages": st.one_of(_AGE, st.lists(_AGE, max_size=3)),
    "groups": st.lists(st.sampled_from(sorted(VOCAB["groups"]) + ["ukendt-gruppe"]), max_size=3, unique=True),
    "crimes": st.lists(st.sampled_from(sorted(VOCAB["crimes"])), max_size=3, unique=True),
})
REF, REFS = object(), object()
"""Markers in the field tables below: one reference, or a list of references, to entities of some kinds."""
COMMON = {
    "tags": st.one_of(SHORT_TEXT, st.lists(SHORT_TEXT, max_size=3)),
    "source": TEXT, "verified": DATES, "valid_from": DATES, "valid_to": DATES, "note": TEXT,
    "ignore": st.lists(st.fixed_dictionaries({"rule": st.sampled_from(RULE_IDS + ["no.such-rule"]),
                                              "reason": NONEMPTY_TEXT}), max_size=2),
}
_BODY = {"name": LABEL, "area": st.sampled_from(AREA_WRITTEN), "chair": (REF, "role"),
         "members": (REFS, "role", "organisation"), "invited": (REFS, "role", "organisation"),
         "secretariat": (REF, "forum", "organisation", "role"), "meetings_per_year": st.integers(0, 365),
         "covers": COVERAGE}
FIELDS = {
    "organisation": ({"name": LABEL, "category": st.sampled_from(sorted(VOCAB["categories"]) + ["ukendt"])},
                     {"short_name": SHORT_TEXT, "parent": (REF, "organisation"),
                      "area": st.sampled_from(AREA_WRITTEN)}),
    "role": ({"title": LABEL},
             {"type": st.sampled_from(sorted(VOCAB["role_types"])), "organisation": (REF, "organisation"),
              "area": st.sampled_from(AREA_WRITTEN), "substitute_for": (REF, "role"),
              "holder": st.fixed_dictionaries({"name": TEXT}, optional={"verified": DATES})}),
    "council": ({"type": st.sampled_from(sorted(VOCAB["council_types"]))},
                {**_BODY, "reports_to": (REF, "council")}),
    "forum": ({"type": st.sampled_from(sorted(VOCAB["forum_types"]))},
              {**_BODY, "level": st.sampled_from(sorted(VOCAB["levels"])), "under": (REF, "council", "forum")}),
    "goal": ({"level": st.sampled_from(sorted(VOCAB["goal_levels"])), "title": LABEL},
             {"owner": (REF, "council", "forum"),
              "period": st.one_of(st.integers(2020, 2030), st.sampled_from(["2026-2027", "2026", "snart"])),
              "derives_from": (REFS, "goal"), "covers": COVERAGE, "target": TEXT, "description": LABEL}),
    "document": ({"type": st.sampled_from(sorted(VOCAB["document_types"])),
                  "year": st.one_of(st.integers(2000, 2035), st.sampled_from(["2026-2027", "2026"]))},
                 {"title": LABEL, "owner": (REF, "role"), "council": (REF, "council"), "discussed": DATES,
                  "published": DATES, "where": TEXT, "goals": (REFS, "goal")}),
}
"""Per kind: the required fields and the optional ones, each a strategy or a reference marker."""
_KEYS = {kind: st.sets(st.sampled_from(sorted({**COMMON, **optional}))) for kind, (_, optional) in FIELDS.items()}


def _pick(draw, values: list):
    return values[draw(st.integers(0, len(values) - 1))]


def _ref(draw, ids_by_kind: dict, kinds: tuple[str, ...]) -> str:
    """An id of one of ``kinds`` when there is one; sometimes another kind or a dangling id (check reports it)."""
    pool = [i for k in kinds for i in ids_by_kind.get(k, [])]
    everything = [i for ids in ids_by_kind.values() for i in ids]
    choice = draw(st.integers(0, 9))
    if pool and choice < 8:
        return _pick(draw, pool)
    if everything and choice == 8:
        return _pick(draw, everything)
    return draw(SLUGS)


def _value(draw, spec, ids: dict):
    if isinstance(spec, tuple) and spec[0] is REF:
        return _ref(draw, ids, spec[1:])
    if isinstance(spec, tuple) and spec[0] is REFS:
        return [_ref(draw, ids, spec[1:]) for _ in range(draw(st.integers(0, 4)))]
    return draw(spec)


def _entity(draw, kind: str, entity_id: str, ids: dict) -> dict:
    required, optional = FIELDS[kind]
    entry = {"id": entity_id, **{key: _value(draw, spec, ids) for key, spec in required.items()}}
    specs = {**COMMON, **optional}
    entry.update({key: _value(draw, specs[key], ids) for key in sorted(draw(_KEYS[kind]))})
    return entry


MANIFEST_FIELDS = {
    "language": st.sampled_from(["da", "en"]),
    "scope": st.fixed_dictionaries({}, optional={
        "politikredse": st.lists(st.sampled_from(KREDS_IDS), max_size=2, unique=True),
        "kommuner": st.lists(st.sampled_from([a for a in AREA_IDS if a not in KREDS_IDS]), max_size=2,
                             unique=True)}),
    "rules": st.dictionaries(st.sampled_from(RULE_IDS), st.sampled_from(SEVERITIES), max_size=3),
    "max_age": st.integers(1, 130),
    "description": LABEL,
    "vocabulary": st.fixed_dictionaries({}, optional={
        "categories": st.dictionaries(SLUGS, st.fixed_dictionaries(
            {"da": SHORT_TEXT, "en": SHORT_TEXT},
            optional={"parent": st.sampled_from(sorted(VOCAB["categories"]) + ["ukendt"])}), max_size=2)}),
}
MANIFESTS = st.fixed_dictionaries({"name": LABEL}, optional=MANIFEST_FIELDS)
FOLDERS = st.sampled_from(["", "sub/", "dybt/nede/", "æøå mappe/"])


@st.composite
def workspace_data(draw, max_entities: int = 8) -> dict[str, dict]:
    """A workspace as data: ``{file name: {section: [entries]}}`` with the manifest; every entry has a valid
    shape and a unique id, so it loads without problems (references may dangle or loop: check reports them)."""
    entity_ids = draw(st.lists(SLUGS, max_size=max_entities, unique=True))
    kinds = [_pick(draw, KINDS) for _ in entity_ids]
    ids: dict[str, list[str]] = {}
    for entity_id, kind in zip(entity_ids, kinds, strict=True):
        ids.setdefault(kind, []).append(entity_id)
    names = [f"{draw(FOLDERS)}fil-{n}.{_pick(draw, ['yaml', 'yml'])}" for n in range(draw(st.integers(1, 3)))]
    files: dict[str, dict] = {"orgmodel.yaml": draw(MANIFESTS)}
    for entity_id, kind in zip(entity_ids, kinds, strict=True):
        where = _pick(draw, ["orgmodel.yaml", *names])
        files.setdefault(where, {}).setdefault(SECTION_OF[kind], []).append(_entity(draw, kind, entity_id, ids))
    if draw(st.booleans()):
        _share_lists(files)
    return files


def _share_lists(files: dict) -> None:
    """Make equal member lists one object, so PyYAML writes them once with an anchor and then as aliases."""
    seen: dict = {}
    for content in files.values():
        for entries in content.values():
            if not isinstance(entries, list):
                continue
            for entry in entries:
                members = entry.get("members")
                if isinstance(members, list) and members:
                    entry["members"] = seen.setdefault(tuple(members), members)


class _Dumper(yaml.CSafeDumper):
    """Quotes text that YAML 1.1 or 1.2 reads as anything else ('1e3', 'off'), and escapes the characters YAML reads
    as line breaks and an editor does not, as orgmodel's writer does."""

    yaml_implicit_resolvers = QuotingDumper.yaml_implicit_resolvers


_Dumper.add_representer(str, represent_text)


@st.composite
def serialised(draw, files: dict[str, dict]) -> dict[str, bytes]:
    """Write each file the way a person or a tool might: block or flow YAML, JSON, CRLF, BOM, a modeline."""
    out = {}
    for name, data in files.items():
        style = _pick(draw, ["block", "flow", "json", "block-crlf", "bom", "modeline"])
        if style == "json":
            text = json.dumps(data, ensure_ascii=False, indent=_pick(draw, [None, 2]), default=str)
            for char in "\x85\u2028\u2029":  # as a JSON escape: raw, YAML reads it as a line break (refused)
                text = text.replace(char, f"\\u{ord(char):04x}")
        else:
            text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=draw(st.booleans()),
                                  default_flow_style=style == "flow", width=_pick(draw, [80, 10_000]))
        if style == "block-crlf":
            text = text.replace("\n", "\r\n")
        if style == "bom":
            text = "\ufeff" + text
        if style == "modeline":
            text = "# yaml-language-server: $schema=.orgmodel/workspace.schema.json\n# Kommentar: æøå\n" + text
        out[name] = text.encode("utf-8")
    return out


def valid_workspaces(max_entities: int = 10):
    """Files of a workspace whose every entry loads (``{path: bytes}``), with the data behind them."""
    return workspace_data(max_entities).flatmap(lambda data: serialised(data).map(lambda files: (data, files)))


# --- breakage of the data -------------------------------------------------------------------------------

ANY_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True), TEXT,
              DATES, st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2030, 1, 1)), st.sampled_from(AREA_IDS)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.one_of(SHORT_TEXT, st.integers(), st.booleans()), inner, max_size=3)),
    max_leaves=6)
KNOWN_KEYS = sorted({"id", "name", "title", "category", "type", "level", "parent", "area", "organisation",
                     "substitute_for", "holder", "chair", "members", "invited", "secretariat", "meetings_per_year",
                     "covers", "reports_to", "under", "owner", "period", "derives_from", "target", "description",
                     "tags", "source", "verified", "valid_from", "valid_to", "ignore", "note", "short_name",
                     "year", "council", "discussed", "published", "where", "goals"})
EXTRA_KEYS = st.one_of(SHORT_TEXT, st.sampled_from(KNOWN_KEYS).map(lambda k: k[:-1] or "x"),
                       st.sampled_from(KNOWN_KEYS).map(str.upper))
STRANGE_IDS = st.one_of(SHORT_TEXT, st.sampled_from(["Æble", "sskp-æ", "a\u202eb", "a b", "-a", "a_b", "A", "",
                                                     "x" * 300, "group:unge"]), st.integers(), st.none())
CYCLE_SECTIONS = {"organisations": "parent", "roles": "substitute_for", "councils": "reports_to",
                  "forums": "under", "goals": "derives_from"}
"""The reference of each section that can loop."""


def _entries(files: dict) -> list[tuple[str, dict]]:
    return [(section, entry) for content in files.values() if isinstance(content, dict)
            for section, entries in content.items() if isinstance(entries, list)
            for entry in entries if isinstance(entry, dict)]


def _nested(depth: int):
    value: object = "bund"
    for n in range(depth):
        value = [value] if n % 2 else {"x": value}
    return value


@st.composite
def broken_data(draw, files: dict) -> dict:
    """Apply one to three breakages to workspace data (in place) and return it."""
    for _ in range(draw(st.integers(1, 3))):
        entries = _entries(files)
        how = _pick(draw, ["wrong-type", "drop-key", "extra-key", "dangling", "duplicate", "cycle",
                                    "strange-id", "long-value", "deep", "odd-keys", "section", "manifest"])
        if how in ("wrong-type", "drop-key", "extra-key", "dangling", "strange-id", "long-value", "deep",
                   "odd-keys") and not entries:
            how = "section"
        if how == "wrong-type":
            _, entry = _pick(draw, entries)
            entry[_pick(draw, sorted(entry, key=repr) + KNOWN_KEYS)] = draw(ANY_VALUE)
        elif how == "drop-key":
            _, entry = _pick(draw, entries)
            if entry:
                entry.pop(_pick(draw, sorted(entry, key=repr)), None)
        elif how == "extra-key":
            _, entry = _pick(draw, entries)
            key = draw(EXTRA_KEYS)
            entry[key] = draw(ANY_VALUE)
        elif how == "dangling":
            _, entry = _pick(draw, entries)
            entry[_pick(draw, ["parent", "organisation", "chair", "members", "under", "owner",
                                        "derives_from", "reports_to", "secretariat", "substitute_for",
                                        "council", "goals"])] = \
                _pick(draw, ["findes-ikke", "kreds-fyn", "silkeborg", "group:unge"])
        elif how == "duplicate" and len(entries) >= 2:
            (_, first), (_, second) = draw(st.permutations(entries))[:2]
            second["id"] = first.get("id")
        elif how == "cycle" and any(s in CYCLE_SECTIONS for s, _ in entries):
            section = _pick(draw, sorted({s for s, _ in entries if s in CYCLE_SECTIONS}))
            loop = [e for s, e in entries if s == section][:3]
            key = CYCLE_SECTIONS[section]
            for entry, following in zip(loop, loop[1:] + loop[:1], strict=True):
                entry[key] = [following.get("id")] if key == "derives_from" else following.get("id")
        elif how == "strange-id":
            _, entry = _pick(draw, entries)
            entry["id"] = draw(STRANGE_IDS)
        elif how == "long-value":
            _, entry = _pick(draw, entries)
            entry[_pick(draw, ["name", "title", "note", "source", "tags", "members"])] = \
                _pick(draw, ["ø" * 100_000, ["a"] * 2_000])
        elif how == "deep":
            _, entry = _pick(draw, entries)
            entry[_pick(draw, ["covers", "holder", "name", "members"])] = \
                _nested(_pick(draw, [3, 30, 90]))
        elif how == "odd-keys":
            _, entry = _pick(draw, entries)
            entry[_pick(draw, [1, 2.5, True, None, dt.date(2026, 1, 1)])] = draw(ANY_VALUE)
        elif how == "section":
            name = _pick(draw, sorted(files))
            if not isinstance(files[name], dict):
                continue
            section = _pick(draw, ["organisations", "roles", "councils", "forums", "goals", "documents",
                                            "organization", "vocabulary", "scope", 7])
            files[name][section] = draw(st.one_of(ANY_VALUE, st.lists(ANY_VALUE, max_size=3)))
        elif how == "manifest":
            manifest = files["orgmodel.yaml"]
            manifest[_pick(draw, ["name", "language", "scope", "rules", "max_age", "vocabulary",
                                           "description", "sprog"])] = draw(ANY_VALUE)
            if draw(st.booleans()):
                manifest.pop("name", None)
    return files


def dump_any(data) -> str:
    """YAML for any generated data, keeping odd keys and dates (``yaml.dump`` writes Python tags, so use safe)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


# --- breakage of the text and the bytes -----------------------------------------------------------------

INSERTS = [":", ": ", "-", "- ", "[", "]", "{", "}", '"', "'", "\t", "&a ", "*a ", "*nope ", "!",
           "!!python/object:os.system ", "!!binary ", "!!set ", "!!omap ", "!!str ", "!!int ", "!!float ",
           "!!timestamp ", "!custom ", "%YAML 1.1\n", "%", "@", "`", "|", ">", "#", "? ", "<<: *a\n", "\\",
           '"\\0"', '"\\x01"', '"\\ud800"', '"\\udc00\\ud800"',
           '"\\r"', '"\\N"', '"\\ufffe"', "\x00", "\x85", "\u2028", "\ufeff", "\u202e", "\x7f", "\x1b[31m",
           "\n---\n", "\n...\n", "\n", "\r", "é", "ø" * 1000, "9" * 5000, "&a [*a]", "a: &a [x, x]\nb: [*a, *a]\n",
           "[" * 3000 + "]" * 3000, "{a: " * 3000 + "1" + "}" * 3000, "[" * 25_000, "- " * 25_000]
ALIAS_BOMB = "bomb: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcdefg", "bcdefgh", strict=True))


@st.composite
def broken_text(draw, text: str) -> str:
    """Apply one to three edits to YAML text."""
    for _ in range(draw(st.integers(1, 3))):
        how = _pick(draw, ["cut", "insert", "delete", "tab", "repeat-line", "tag", "prefix"])
        at = draw(st.integers(0, len(text)))
        if how == "cut":
            text = text[:at]
        elif how == "insert":
            text = text[:at] + _pick(draw, INSERTS) + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        elif how == "tab":
            lines = text.split("\n")
            n = draw(st.integers(0, max(len(lines) - 1, 0)))
            lines[n] = "\t" + lines[n].lstrip(" ")
            text = "\n".join(lines)
        elif how == "repeat-line":
            lines = text.split("\n")
            n = draw(st.integers(0, max(len(lines) - 1, 0)))
            lines.insert(n, lines[n])
            text = "\n".join(lines)
        elif how == "tag":
            colon = text.find(": ", at)
            if colon >= 0:
                text = text[:colon + 2] + _pick(draw, [i for i in INSERTS if i.startswith("!")]) + \
                    text[colon + 2:]
        else:
            text = _pick(draw, [ALIAS_BOMB, "---\n", "%YAML 1.1\n---\n", "\ufeff", "# æøå\n",
                                         "x: &a {y: 1}\n", "- liste\n"]) + text
    return text


@st.composite
def broken_bytes(draw, data: bytes) -> bytes:
    how = _pick(draw, ["latin-1", "utf-16", "stray-byte", "empty", "only-comment", "binary"])
    if how == "latin-1":
        return data.decode("utf-8", "replace").encode("latin-1", "replace")
    if how == "utf-16":
        return data.decode("utf-8", "replace").encode("utf-16")
    if how == "stray-byte":
        at = draw(st.integers(0, len(data)))
        return data[:at] + _pick(draw, [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\x80"]) + data[at:]
    if how == "empty":
        return b""
    if how == "only-comment":
        return b"# nothing here\n"
    return bytes(draw(st.lists(st.integers(0, 255), max_size=64)))


LAYERS = st.sets(st.sampled_from(["data", "text", "bytes"]), min_size=1)


@st.composite
def broken_workspaces(draw) -> dict[str, bytes]:
    """Files of a workspace with breakage in its data, its text or its bytes (or several)."""
    data = draw(workspace_data(max_entities=8))
    layers = draw(LAYERS)
    if "data" in layers:
        data = draw(broken_data(data))
    texts_ = {name: dump_any(content) for name, content in data.items()}
    if "text" in layers:
        name = _pick(draw, sorted(texts_))
        texts_[name] = draw(broken_text(texts_[name]))
    files = {name: text.encode("utf-8", "surrogatepass") for name, text in texts_.items()}
    if "bytes" in layers:
        name = _pick(draw, sorted(files))
        files[name] = draw(broken_bytes(files[name]))
    return files


def write_files(root: Path, files: dict[str, bytes]) -> Path:
    """Write generated files below ``root`` and return it."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


