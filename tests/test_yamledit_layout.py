"""The layout of a file that ``orgmodel import`` edits, read through libyaml, is the one PyYAML's own parser
reads: the same sections, entries, keys, lines, columns, styles and quotes (orgmodel/workspace/yamledit.py)."""

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgmodel.workspace import yamledit

from .conftest import EXAMPLE
from .fuzz_workspaces import broken_text, valid_workspaces

TEXTS = [
    "forums:\r\n  - id: a\r\n    type: ssp\r\n\r\n  # b\r\n  - id: b\r\n    note: |\r\n      x\r\n      y\r\n",
    "forums: [{id: a, type: ssp}]\n",
    "forums: []\nroles:\n- id: r\n  title: {da: Rolle, en: Role}\n  tags: [a, b]\n",
    "roles:\n  - id: 'r'\n    title: \"Skolechef\"\n    note: >-\n      lang\n      tekst\n    holder:\n"
    "      name: Navn  # kommentar\n      verified: 2026-01-02\n",
    "roles:\n  - &a\n    id: r\n  - <<: *a\n    id: s\n",
    "roles:\n  -   id: r\n      title: æøå ☃ 𝄞\n  -\n    id: s\n",
    "roles:\n  - id: r\x85  - id: s\n",
    "# yaml-language-server: $schema=x\n%YAML 1.2\n---\nroles:\n  - id: r\n...\n",
]


def _both(text):
    """The layout through libyaml and through PyYAML's own parser (each an error's type when it refuses)."""
    def read(composer):
        kept = yamledit._CComposer
        yamledit._CComposer = composer
        try:
            return yamledit.layout(text)
        except yaml.YAMLError as exc:
            return type(exc).__name__
        finally:
            yamledit._CComposer = kept

    return read(yamledit._CComposer), read(yamledit._Composer)


@pytest.mark.parametrize("text", TEXTS + [p.read_text(encoding="utf-8-sig") for p in sorted(EXAMPLE.rglob("*.yaml"))])
def test_the_layout_through_libyaml_is_pyyamls(text):
    fast, own = _both(text)
    assert fast == own
    if "- id:" in text and not text.startswith("%YAML"):  # something to compare: the entries and their keys
        assert any(item.keys for section in own.values() for item in section.items)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(valid_workspaces(max_entities=6).flatmap(
    lambda pair: st.sampled_from(sorted(pair[1].items())).flatmap(
        lambda item: st.one_of(st.just(item[1].decode("utf-8-sig", "replace")),
                               broken_text(item[1].decode("utf-8-sig", "replace"))))))
def test_the_layout_of_generated_files_through_libyaml_is_pyyamls(text):
    fast, own = _both(text)
    if not isinstance(fast, str) and not isinstance(own, str):
        assert fast == own
