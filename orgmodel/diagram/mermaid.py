"""Draw a :class:`~orgmodel.diagram.views.Diagram` as a Mermaid flowchart (for Markdown, wikis, GitLab/GitHub).

Every label is escaped with Mermaid's entity codes, so quotes, brackets,
ampersands, hashes and backticks stay text.

>>> from orgmodel.diagram.views import Diagram, Box
>>> print(to_mermaid(Diagram("T", boxes={"a-b": Box("a-b", 'Skole & "Klub"')})).splitlines()[2])
    n_a_b["<b>Skole #amp; #quot;Klub#quot;</b>"]
"""

from .views import CHANGE_COLOUR, Diagram

WORD_JOINER = "\u2060"
MAX_TEXT = 50_000
MAX_EDGES = 500
NOTE_FILL = "#ffffff"
"""The fill of a note box (what the view leaves out)."""
"""Mermaid's default maxTextSize and maxEdges; past them Mermaid refuses to draw."""

_ENTITIES = {"#": "#35;", "&": "#amp;", "<": "#lt;", ">": "#gt;", '"': "#quot;", "`": "#96;",
             "[": "#91;", "]": "#93;", "{": "#123;", "}": "#125;", "|": "#124;",
             "\\": "#92;" + WORD_JOINER, "$": "#36;" + WORD_JOINER}
"""Characters Mermaid would read as syntax, as its entity codes. Mermaid decodes the codes before it
looks for ``\\n`` (a line break) and ``$$…$$`` (a formula), so an invisible word joiner follows each
backslash and dollar sign: ``\\n`` and ``$$`` in a name are shown as written."""


def _text(text: str) -> str:
    return "".join(_ENTITIES.get(ch, ch) for ch in " ".join(str(text).split()))


def _id(box_id: str, prefix: str = "n_") -> str:
    """A Mermaid id: ``n_`` for boxes, ``c_`` for clusters, so a box and a cluster never share one."""
    return prefix + box_id.replace("-", "_").replace(":", "__")


def _label(box) -> str:
    parts = [f"<b>{_text(box.title)}</b>"]
    if box.subtitle:
        parts.append(f"<i>{_text(box.subtitle)}</i>")
    if box.level:
        parts.append(f"<i>{_text(box.level)}</i>")
    parts += [f"▪ {_text(line.text)}" for line in box.lines]
    return "<br/>".join(parts)


def to_mermaid(diagram: Diagram) -> str:
    """Mermaid ``flowchart TB`` text with subgraphs for clusters and a class per fill colour."""
    lines = ["flowchart TB", f"    %% {_text(diagram.title)}"]
    in_cluster = {b for c in diagram.clusters for b in c.boxes}
    for box_id, box in diagram.boxes.items():
        if box_id not in in_cluster:
            lines.append(f'    {_id(box_id)}["{_label(box)}"]')
    for cluster in diagram.clusters:
        lines.append(f'    subgraph {_id(cluster.id, "c_")}["{_text(cluster.title)}"]')
        lines += [f'        {_id(b)}["{_label(diagram.boxes[b])}"]' for b in cluster.boxes]
        lines.append("    end")
    for link in diagram.links:
        arrow = "-.->" if link.dashed else "-->"
        label = f"|{_text(link.label)}|" if link.label else ""
        lines.append(f"    {_id(link.source)} {arrow}{label} {_id(link.target)}")
    notes = {f"_note-{n}": note for n, note in enumerate(diagram.notes)}  # entity ids never start with '_'
    lines += [f'    {_id(note_id)}["<i>{_text(note)}</i>"]' for note_id, note in notes.items()]
    fills = sorted({box.fill for box in diagram.boxes.values()} | ({NOTE_FILL} if notes else set()))
    for n, fill in enumerate(fills):
        lines.append(f"    classDef fill{n} fill:{fill},stroke:#555555")
        members = [_id(b) for b, box in diagram.boxes.items() if box.fill == fill]
        members += [_id(note_id) for note_id in notes] if fill == NOTE_FILL else []
        lines.append(f"    class {','.join(members)} fill{n}")
    lines += _changes(diagram)
    return "\n".join(lines) + "\n"


def _changes(diagram: Diagram) -> list[str]:
    """Coloured borders and lines for what was added or removed (member lines carry + and − only)."""
    lines = []
    for box_id, box in diagram.boxes.items():
        if box.change == "added":
            lines.append(f"    style {_id(box_id)} stroke:{CHANGE_COLOUR['added']},stroke-width:3px")
        elif box.change == "removed":
            lines.append(f"    style {_id(box_id)} fill:#ffffff,stroke:{CHANGE_COLOUR['removed']},"
                         "stroke-width:2px,stroke-dasharray:5 5,color:#777777")
    for n, link in enumerate(diagram.links):
        if link.change:
            dashes = ",stroke-dasharray:5 5" if link.change == "removed" else ""
            lines.append(f"    linkStyle {n} stroke:{CHANGE_COLOUR[link.change]},stroke-width:2px{dashes}")
    return lines


def limits_exceeded(text: str, diagram: Diagram) -> list[str]:
    """Warnings for text past Mermaid's default limits (it then shows an error instead of the chart)."""
    warnings = []
    if len(text) > MAX_TEXT:
        warnings.append(f"the Mermaid text has {len(text):,} characters; Mermaid draws at most {MAX_TEXT:,} "
                        "by default (maxTextSize). Narrow the view or use --format svg")
    if len(diagram.links) > MAX_EDGES:
        warnings.append(f"the diagram has {len(diagram.links):,} lines; Mermaid draws at most {MAX_EDGES} by "
                        "default (maxEdges). Narrow the view or use --format svg")
    return warnings
