"""The register of sources: every public text a rule, a vocabulary term or the glossary rests on.

``orgmodel/data/sources.yaml`` holds one entry per source, keyed by an id. Rules,
vocabulary terms and glossary entries cite ids; :func:`cite` turns ids into the
text a reader sees. A source the project could not read is ``unconfirmed`` and
says so wherever it is cited, so it is never presented as law.

>>> cite("bek-1426-3")
'Bekendtgørelse om kredsråd vedrørende politiets virksomhed (nr. 1426), § 3 (Justitsministeriet, 2006-12-13)'
>>> cite("lokalraadscirkulaere-2006", "en")
'Lokalrådscirkulæret (udsteder ukendt, 2006-12) (source not confirmed)'
"""

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
"""What a source id looks like: a lower-case slug."""

UNCONFIRMED = {"da": "kilde ikke bekræftet", "en": "source not confirmed"}
"""The words every citation of an unconfirmed source ends with."""


def _date_text(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return value


class Source(BaseModel):
    """One source: what it is, who issued it, where it was read and when, and whether it says what we cite."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str = Field(min_length=1)
    section: str | None = None
    issuer: str = Field(min_length=1)
    date: Annotated[str | None, BeforeValidator(_date_text)] = Field(
        None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="The date of the text: YYYY, YYYY-MM or YYYY-MM-DD.")
    url: str | None = Field(None, pattern=r"^https?://\S+$")
    checked: dt.date
    status: Literal["confirmed", "unconfirmed"]
    note: str | None = None

    @model_validator(mode="after")
    def _url_or_reason(self) -> "Source":
        if self.url is None and (self.status != "unconfirmed" or not self.note):
            raise ValueError("a source needs 'url:' (the page where it was read), unless it has "
                             "'status: unconfirmed' and a 'note:' saying why there is none")
        return self

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"

    def text(self, lang: str = "da") -> str:
        """``Title, section (issuer, date)``, marked when the source is not confirmed."""
        head = f"{self.title}, {self.section}" if self.section else self.title
        who = ", ".join(part for part in (self.issuer, self.date) if part)
        return f"{head} ({who})" + ("" if self.confirmed else f" ({UNCONFIRMED[lang]})")

    def as_dict(self) -> dict:
        """The entry as plain values (for JSON), its id first."""
        return {"id": self.id, "title": self.title, "section": self.section, "issuer": self.issuer,
                "date": self.date, "url": self.url, "checked": self.checked.isoformat(), "status": self.status,
                "note": self.note}


class _UniqueKeyLoader(yaml.CSafeLoader):
    """A YAML loader that refuses a key written twice in one mapping (a source id used twice). libyaml parses:
    PyYAML's Python parser took 35 ms of every load of a workspace."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise ValueError(f"orgmodel/data/sources.yaml:{key_node.start_mark.line + 1}: the key '{key}' "
                                 "is written twice; give each source its own id")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def parse_register(text: str) -> dict[str, Source]:
    """Read the register's YAML text strictly; raise ``ValueError`` naming the entry and the fix."""
    data = yaml.load(text, Loader=_UniqueKeyLoader)
    if not isinstance(data, dict) or set(data) != {"sources"}:
        raise ValueError("orgmodel/data/sources.yaml must hold one mapping, 'sources:', and nothing else")
    register: dict[str, Source] = {}
    for source_id, entry in (data["sources"] or {}).items():
        if not isinstance(source_id, str) or not SOURCE_ID.fullmatch(source_id):
            raise ValueError(f"source id '{source_id}' is not a lower-case slug; write e.g. 'rpl-113'")
        if not isinstance(entry, dict):
            raise ValueError(f"source '{source_id}' must be a mapping with title, issuer, url, checked and status")
        try:
            register[source_id] = Source.model_validate({"id": source_id, **entry})
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'entry'}: {e['msg']}"
                                 for e in exc.errors())
            raise ValueError(f"source '{source_id}' in orgmodel/data/sources.yaml: {problems}") from None
    return register


@cache
def source_register() -> dict[str, Source]:
    """Every source of the register (``orgmodel/data/sources.yaml``) by id, in the file's order."""
    return parse_register(resources.files("orgmodel.data").joinpath("sources.yaml").read_text("utf-8"))


def source_ids(ids: str | Iterable[str] | None) -> tuple[str, ...]:
    """One id or several as a tuple (``None`` as no ids)."""
    if ids is None:
        return ()
    return (ids,) if isinstance(ids, str) else tuple(ids)


def unknown_sources(ids: str | Iterable[str] | None) -> list[str]:
    """The ids that are not in the register."""
    register = source_register()
    return [i for i in source_ids(ids) if i not in register]


def require_sources(ids: str | Iterable[str] | None, where: str) -> tuple[str, ...]:
    """The ids as a tuple; raise ``ValueError`` naming ``where`` if one is not in the register."""
    missing = unknown_sources(ids)
    if missing:
        raise ValueError(f"{where} cites {', '.join(repr(m) for m in missing)}, which is not in the register of "
                         "sources; add the source to orgmodel/data/sources.yaml or cite an id that is there")
    return source_ids(ids)


def cite(ids: str | Iterable[str] | None, lang: str = "da") -> str:
    """The sources as a reader sees them, joined with ``; ``; an id not in the register is shown as written.

    (A workspace's own vocabulary may name its sources in words; built-in rules and terms are checked
    against the register when they load.)
    """
    register = source_register()
    return "; ".join(register[i].text(lang) if i in register else i for i in source_ids(ids))


def cited_sources(ids: str | Iterable[str] | None) -> list[Source]:
    """The register entries of the ids that are in the register, in the order cited."""
    register = source_register()
    return [register[i] for i in source_ids(ids) if i in register]
