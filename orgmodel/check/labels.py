"""The labels of entries in findings, kept apart from the text around them.

A rule names an entry in a message with :meth:`~orgmodel.check.rules.context.Context.label`, which gives a
token (:func:`label_token`). The finding made of the message shows each token as :func:`shown_label` and
keeps a *template*: the text around the labels, and of each label its node, what was shown, and the place
(file and line) of the entry it was read from. When only names and titles changed, :mod:`.relabel` shows the
stored findings again with the new labels, without the rules.

A token holds a number drawn anew in each process, so no text written in a workspace can be taken for one.

>>> message = f"member {label_token('borgmester-silkeborg')} is not a borgmester"
>>> place = ("roles.yaml", 4)
>>> text, template = resolved(message, lambda node: (shown_label(node, "Borgmester  i Silkeborg"), place))
>>> text
"member 'borgmester-silkeborg' (Borgmester i Silkeborg) is not a borgmester"
>>> shown_text(relabelled(template, {("borgmester-silkeborg", place): "'borgmester-silkeborg' (Borgmester)"}))
"member 'borgmester-silkeborg' (Borgmester) is not a borgmester"
>>> shown_text(relabelled(template, {("borgmester-silkeborg", ("roles.yaml", 9)): "other"})) == text
True
>>> resolved("no labels here", str)
('no labels here', None)
"""

import re
import secrets
from collections.abc import Callable

START, END = "\ue000", "\ue001"
"""The characters around a token (of Unicode's private use area)."""
_NONCE = secrets.token_hex(8)
_TOKEN = re.compile(f"{START}{_NONCE}([^{END}]*){END}")

Template = tuple
"""The text before the first label, then for each label ``(node, shown, place)`` and the text after it."""
Place = tuple[str, int] | None
"""The file and line of the entry a label was read from."""


def label_token(node: str) -> str:
    """What a rule's message holds in place of the label of ``node`` (see the module's docstring)."""
    return f"{START}{_NONCE}{node}{END}"


def shown_label(node: str, text: str) -> str:
    """A node's label as a finding shows it: its id and its name on one line.

    >>> shown_label("ssp-silkeborg", "SSP\\nSilkeborg")
    "'ssp-silkeborg' (SSP Silkeborg)"
    """
    return f"'{node}' ({' '.join(text.split())})"  # a name may hold line breaks; a finding is one line


def resolved(text: str, shown: Callable[[str], tuple[str, Place]]) -> tuple[str, Template | None]:
    """``text`` with each token shown, and its template (None when it holds no token); ``shown(node)`` gives what
    is shown of the node and the place it was read from."""
    if START not in text:
        return text, None
    parts = _TOKEN.split(text)
    if len(parts) == 1:
        return text, None
    template = tuple(part if index % 2 == 0 else (part, *shown(part)) for index, part in enumerate(parts))
    return shown_text(template), template


def shown_text(template: Template) -> str:
    """The text of a template."""
    return "".join(part if type(part) is str else part[1] for part in template)


def relabelled(template: Template, labels: dict[tuple[str, Place], str]) -> Template:
    """``template`` with each label read from an entry of ``labels`` (node and place → shown) shown anew."""
    return tuple(part if type(part) is str or (part[0], part[2]) not in labels
                 else (part[0], labels[part[0], part[2]], part[2]) for part in template)


def unique(findings: list) -> dict:
    """Each finding once (the first of equal ones; the dict's keys), with the last one equal to it."""
    return dict(zip(findings, findings, strict=True))


def kept_templates(once: dict, findings: list) -> bool:
    """Whether no finding left out as equal to another (``once``: :func:`unique`) shows its labels otherwise: one
    names an entry by its label, the other writes the same words. After a rename the two would differ."""
    return len(once) == len(findings) or all(once[f].template == f.template for f in findings)
