"""Formats of ``orgmodel diff`` output: text for a secretariat, and JSON.

Each function takes a :class:`~orgmodel.diff.compare.ModelDiff` and returns
the finished text. Headings and words are Danish unless the diff was made
with ``lang="en"``.

>>> from orgmodel.diff.compare import ModelDiff
>>> print(format_text(ModelDiff("2025", "2026", "Kredsrådet", "en")))
Changes in Kredsrådet: 2025 → 2026
<BLANKLINE>
No changes
"""

import json
from itertools import groupby

from orgmodel.model import ui_words
from orgmodel.tables import cell_text, one_line

from .compare import EntityChange, ModelDiff

UI = ui_words("diff")
"""Headings and the words of each change, by language (``orgmodel/data/ui.yaml``)."""
GROUPS = {"council": "bodies", "forum": "bodies", "goal": "goals", "document": "documents", "policy": "policies",
          "organisation": "organisations", "role": "roles"}
CHANGES = ("added", "removed", "changed")
BODY_WORDS = {"added": "created", "removed": "closed", "changed": "changed"}


def _value(value) -> str:
    return "—" if value is None else one_line(cell_text(value))


def _change(old, new) -> str:
    r"""``old → new``, each as a secretariat reads it; written exactly (as JSON) when the two would read alike:
    ``["illustrativ, ny"]`` against two tags, a name that gained a space at its end.

    >>> print(_change(["illustrativ, ny"], ["illustrativ", "ny"]), _change("SSP", "SSP "), _change(4, 6), sep="\n")
    ["illustrativ, ny"] → ["illustrativ", "ny"]
    "SSP" → "SSP "
    4 → 6
    """
    before, after = _value(old), _value(new)
    if before.strip() == after.strip():
        before, after = _exact(old), _exact(new)
    return f"{before} → {after}"


def _exact(value) -> str:
    return "—" if value is None else one_line(json.dumps(value, ensure_ascii=False, default=str))


def _name(id_: str, label: str, context: str = "") -> str:
    text = id_ if label in ("", id_) else f"{id_}  {one_line(label)}"
    return f"{text} ({one_line(context)})" if context else text


def format_text(diff: ModelDiff) -> str:
    """Sections with headings (settings, members, bodies, goals, documents, organisations, roles, coverage);
    empty ones left out."""
    ui = UI[diff.lang]
    lines = [ui["title"].format(name=diff.name, old=diff.old, new=diff.new)]
    if diff.as_of:
        lines.append(ui["as_of"].format(date=diff.as_of.isoformat()))
    if diff.is_empty:
        return "\n".join(lines + ["", ui["none"]])
    lines += _settings_lines(diff, ui) + _seat_lines(diff, ui) + _entity_lines(diff, ui) + _coverage_lines(diff, ui)
    return "\n".join(lines)


def _settings_lines(diff: ModelDiff, ui: dict) -> list[str]:
    if not diff.settings:
        return []
    return ["", ui["settings"], *(f"  {f.field}: {_change(f.old, f.new)}" for f in diff.settings)]


def _seat_lines(diff: ModelDiff, ui: dict) -> list[str]:
    if not diff.seats:
        return []
    lines = ["", ui["seats"]]
    for body, group in groupby(diff.seats, key=lambda s: s.body):
        changes = list(group)
        lines.append(f"  {_name(body, changes[0].body_label)}")
        for s in changes:
            seats = " → ".join(", ".join(ui[r] for r in side) for side in (s.old, s.new) if side)
            lines.append(f"    {ui[s.change]}: {_name(s.member, s.member_label, seats)}")
    return lines


def _entity_lines(diff: ModelDiff, ui: dict) -> list[str]:
    lines = []
    for group in dict.fromkeys(GROUPS.values()):
        for change in CHANGES:
            found = sorted((e for e in diff.entities if GROUPS[e.kind] == group and e.change == change),
                           key=lambda e: e.id)
            if not found:
                continue
            word = ui[BODY_WORDS[change] if group == "bodies" else change]
            lines += ["", f"{ui[group]} {word}"]
            for e in found:
                lines += _entity(e, ui, diff)
    return lines


def _entity(e: EntityChange, ui: dict, diff: ModelDiff) -> list[str]:
    head = f"  {_name(e.id, e.label, e.context)}"
    if e.reason == "deleted":
        head += f": {ui['deleted']}"
    elif e.reason == "kind-changed":
        head += f": {ui['kind-changed'].format(kind=e.new_kind)}"
    elif e.reason == "closed":
        head += f": {ui['closed_on'].format(date=e.closed_on)}"
    elif e.reason == "not-valid":
        head += f": {ui['not-valid'].format(date=diff.as_of)}"
    lines = [head]
    if e.members and e.change != "changed":
        lines.append(f"    {ui['seated']}: {', '.join(e.members)}")
    lines += [f"    {f.field}: {_change(f.old, f.new)}" for f in e.fields]
    return lines


def _coverage_lines(diff: ModelDiff, ui: dict) -> list[str]:
    if not diff.coverage:
        return []
    lines = ["", ui["coverage"]]
    for (area, name), changes in groupby(diff.coverage, key=lambda c: (c.area, c.area_name)):
        lines.append(f"  {_name(area, name)}")
        for change, items in groupby(changes, key=lambda c: c.change):
            lines.append(f"    {ui[change]}")
            for c in items:
                item = c.item if c.label == c.item else f"{one_line(c.label)} ({c.item})"
                bodies = [f"{b} ({ui['assumed']})" if b in c.assumed else b for b in c.bodies]
                lines.append(f"      {ui[c.dimension]} {item}: {', '.join(bodies)}")
    return lines


def _entity_dict(e: EntityChange) -> dict:
    data: dict[str, object] = {
        "id": e.id, "kind": e.kind, "label": e.label, "context": e.context, "change": e.change,
        "reason": e.reason, "closed_on": e.closed_on,
        "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in e.fields]}
    if e.kind in ("council", "forum"):
        data["members"] = list(e.members)
    if e.new_kind is not None:
        data["new_kind"] = e.new_kind
    return data


def format_json(diff: ModelDiff) -> str:
    """One JSON object: ``settings``, ``members``, ``bodies``, ``goals``, ``documents``, ``organisations``, ``roles``,
    ``coverage``."""
    data = {"old": diff.old, "new": diff.new, "name": diff.name,
            "as_of": diff.as_of.isoformat() if diff.as_of else None, "changed": not diff.is_empty,
            "settings": [{"field": f.field, "old": f.old, "new": f.new} for f in diff.settings],
            "members": [{"body": s.body, "body_label": s.body_label, "member": s.member,
                         "member_label": s.member_label, "change": s.change, "old": list(s.old), "new": list(s.new)}
                        for s in diff.seats]}
    for group in dict.fromkeys(GROUPS.values()):
        data[group] = [_entity_dict(e) for e in sorted(diff.entities, key=lambda e: e.id) if GROUPS[e.kind] == group]
    data["coverage"] = [{"area": c.area, "area_name": c.area_name, "dimension": c.dimension, "item": c.item,
                         "label": c.label, "change": c.change, "bodies": list(c.bodies), "assumed": list(c.assumed)}
                        for c in diff.coverage]
    return json.dumps(data, ensure_ascii=False, indent=2)


FORMATS = {"text": format_text, "json": format_json}
