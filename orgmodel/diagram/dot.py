"""Draw a :class:`~orgmodel.diagram.views.Diagram` with Graphviz: DOT text, and SVG/PNG/PDF from the real ``dot``.

Labels are Graphviz HTML-like labels with every text escaped, so quotes,
angle brackets, ampersands and newlines in names stay text.

>>> from orgmodel.diagram.views import Diagram, Box
>>> d = Diagram("T", boxes={"a": Box("a", 'Skole & "Klub" <1>')})
>>> "Skole &amp; &quot;Klub&quot; &lt;1&gt;" in to_dot(d)
True
"""

import html
import re
import shutil
import subprocess
from itertools import pairwise

from orgmodel.errors import GraphvizFailedError, OrgmodelError, UsageError

from .views import CATEGORY_MARK, CHANGE_COLOUR, Diagram

FONT = "DejaVu Sans"
A3_LANDSCAPE = "16.54,11.69"
MAX_BOXES = 1500
"""A view larger than this is refused. Measured: dot lays out 1,016 boxes of a national structure in
0.8 s, so time is not the limit; a chart of over 1,500 boxes cannot be read on any page."""


WRAP = 34


MAX_STRING = 16_000
"""The longest label written into DOT: Graphviz refuses a quoted or HTML-like string over 16,384 characters."""


def _wrap(words: str, width: int) -> list[str]:
    """Greedy word wrap (textwrap is ten times slower and this is all a box needs); a word longer than a line
    is cut into pieces of the line's width, so no box is wider than that.

    >>> _wrap("a " + "x" * 10, 4)
    ['a', 'xxxx', 'xxxx', 'xx']
    """
    lines, current = [], ""
    pieces = (word[i:i + width] for word in words.split(" ") for i in range(0, max(len(word), 1), width))
    for word in pieces:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return lines + [current]


def _escape(text: str) -> str:
    r"""Text for an HTML-like label: markup escaped, and backslashes doubled, because Graphviz reads
    ``\N``, ``\G`` and ``\L`` even there (a name with ``\N`` would show the node's id).

    >>> print(_escape('a\\N <b> & "c"'))
    a\\N &lt;b&gt; &amp; &quot;c&quot;
    """
    return html.escape(text, quote=True).replace("\\", "\\\\")


def _text(text: str, wrap: int | None = None) -> str:
    words = " ".join(str(text).split())
    lines = _wrap(words, wrap) if wrap and len(words) > wrap else [words]
    if len(lines) < 2:
        return _escape(words)
    return "".join(_escape(line) + '<BR ALIGN="LEFT"/>' for line in lines)


def _label(box) -> str:
    rows = [f'<TR><TD ALIGN="LEFT"><B>{_text(box.title, WRAP)}</B></TD></TR>']
    if box.subtitle:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#555555">{_text(box.subtitle)}</FONT></TD></TR>')
    if box.level:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#555555">{_text(box.level)}</FONT></TD></TR>')
    for line in box.lines:
        text, colour, change = line
        marker = f'<FONT COLOR="{colour}">{CATEGORY_MARK.get(colour, "&#9632;")}</FONT> ' if colour else ""
        text = _text(text, WRAP + 6)
        if change:
            text = f'<FONT COLOR="{CHANGE_COLOUR[change]}">{f"<S>{text}</S>" if change == "removed" else text}</FONT>'
        rows.append(f'<TR><TD ALIGN="LEFT">{marker}<FONT POINT-SIZE="10">{text}</FONT></TD></TR>')
    return _Html('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>")


def _legend(diagram: Diagram) -> str:
    rows = "".join(f'<TR>{_swatch(colour)}<TD ALIGN="LEFT">{_text(text)}</TD></TR>' for text, colour in diagram.legend)
    rows += "".join(f'<TR><TD COLSPAN="2" ALIGN="LEFT"><I>{_text(text, WRAP + 6)}</I></TD></TR>'
                    for text in diagram.notes)
    return _Html(f'<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="2">{rows}</TABLE>>')


def _swatch(colour: str) -> str:
    """The legend's sample of a colour: a category's marker in its shape, else a filled cell.

    >>> _swatch("#2e7d32"), _swatch("#dce6f5")
    ('<TD WIDTH="14"><FONT COLOR="#2e7d32">&#9679;</FONT></TD>', '<TD BGCOLOR="#dce6f5" WIDTH="14"> </TD>')
    """
    if colour in CATEGORY_MARK:
        return f'<TD WIDTH="14"><FONT COLOR="{colour}">{CATEGORY_MARK[colour]}</FONT></TD>'
    return f'<TD BGCOLOR="{colour}" WIDTH="14"> </TD>'


LEGEND, ROW = "_legend", "_row-"
"""Names of the legend and the level rows: entity ids cannot start with '_', so they never clash."""

GRAPH_ATTRS = {"rankdir": "TB", "newrank": "true", "nodesep": "0.3", "ranksep": "0.55", "fontname": FONT,
               "labelloc": "t", "fontsize": "18", "size": A3_LANDSCAPE, "ratio": "compress"}
NODE_ATTRS = {"shape": "box", "style": "rounded,filled", "fontname": FONT, "fontsize": "11",
              "margin": "0.12,0.06", "color": "#555555"}
EDGE_ATTRS = {"color": "#777777", "arrowsize": "0.6", "fontname": FONT, "fontsize": "9"}


class _Html(str):
    """An HTML-like label built here from escaped text: written into DOT as it is."""


def _q(value: str, what: str = "") -> str:
    """A DOT id or attribute value: our HTML-like labels as they are, everything else quoted and escaped.

    A value longer than Graphviz reads is refused, naming ``what`` holds it (see :func:`_too_long`).
    """
    if not isinstance(value, _Html):
        value = '"' + " ".join(str(value).split()).replace("\\", "\\\\").replace('"', '\\"') + '"'
    if len(value) > MAX_STRING:
        raise _too_long(what or f"the text '{value[1:40]}…'", len(value))
    return value


def _too_long(what: str, length: int) -> UsageError:
    return UsageError(f"cannot draw the diagram: {what} needs a label of {length:,} characters, more than the "
                      f"{MAX_STRING:,} Graphviz reads\n  Fix: shorten it in the workspace (a name of a few words is "
                      "enough; put the rest in 'note:')")


def _attrs(attrs: dict, what: str = "") -> str:
    return "[" + " ".join(f"{k}={_q(v, what)}" for k, v in attrs.items()) + "]"


def to_dot(diagram: Diagram) -> str:
    """The DOT text of a diagram (deterministic: boxes, clusters and links in the given order)."""
    in_cluster = {b for c in diagram.clusters for b in c.boxes}
    boxes = [_node(box) for box_id, box in diagram.boxes.items() if box_id not in in_cluster]
    # the boxes first: a body's name that is too long is then named by its box, not as the title of its view
    title = _attrs({**GRAPH_ATTRS, "label": diagram.title}, "the title of the diagram")
    out = ["digraph orgmodel {", f"\tgraph {title}",
           f"\tnode {_attrs(NODE_ATTRS)}", f"\tedge {_attrs(EDGE_ATTRS)}", *boxes]
    for cluster in diagram.clusters:
        out.append(f"\tsubgraph {_q('cluster_' + cluster.id)} {{")
        cluster_attrs = {"label": cluster.title, "style": "rounded,dashed", "color": "#999999", "fontname": FONT,
                         "fontsize": "12"}
        group = "the title of the group '" + cluster.id + "'"
        out.append(f"\t\tgraph {_attrs(cluster_attrs, group)}")
        out += ["\t" + _node(diagram.boxes[box_id]) for box_id in cluster.boxes]
        out.append("\t}")
    for link in diagram.links:
        attrs = {"style": "dashed"} if link.dashed or link.change == "removed" else {}
        if link.change:
            attrs.update(color=CHANGE_COLOUR[link.change], penwidth="2")
        if not link.constraint:
            attrs["constraint"] = "false"
        if link.label:
            attrs["label"] = link.label
        line = f"the line from '{link.source}' to '{link.target}'"
        out.append(f"\t{_q(link.source)} -> {_q(link.target)}" + (f" {_attrs(attrs, line)}" if attrs else ""))
    for stack in diagram.stacks:
        out += [f"\t{_q(upper)} -> {_q(lower)} [style=invis]" for upper, lower in pairwise(stack)]
    out += _rows(diagram)
    if diagram.legend or diagram.notes:
        legend_attrs = {"label": _legend(diagram), "shape": "plaintext", "style": "", "fontsize": "10"}
        out.append(f"\t{LEGEND} {_attrs(legend_attrs, 'the legend')}")
    return "\n".join(out) + "\n}\n"


def _node(box) -> str:
    attrs = {"label": _label(box), "fillcolor": box.fill}
    if box.staff:
        attrs["style"] = "rounded,filled,dashed"
    if box.change == "added":
        attrs.update(color=CHANGE_COLOUR["added"], penwidth="3")
    elif box.change == "removed":
        attrs.update(style="rounded,dashed", color=CHANGE_COLOUR["removed"], penwidth="2", fontcolor="#777777")
    what = f"the box of '{box.id}'"
    return f"\t{_q(box.id)} {_attrs(attrs, what)}"


def _rows(diagram: Diagram) -> list[str]:
    """A column of level names, each on the same rank as its boxes, chained top to bottom."""
    out = []
    for n, (title, boxes) in enumerate(diagram.rows):
        row = f"{ROW}{n}"
        row_attrs = {"label": title, "shape": "plaintext", "style": "", "fontsize": "12", "fontcolor": "#555555"}
        out.append(f"\t{_q(row)} {_attrs(row_attrs, f'the row {n + 1}')}")
        out.append("\t{rank=same; " + " ".join(_q(b) for b in [row] + boxes) + "}")
        if n:
            out.append(f"\t{_q(f'{ROW}{n - 1}')} -> {_q(row)} [style=invis]")
    return out


def render(diagram: Diagram, fmt: str, timeout: float = 60) -> bytes:
    """Lay a diagram out with the real ``dot`` into ``svg``, ``png`` or ``pdf`` within ``timeout`` seconds."""
    if len(diagram.boxes) > MAX_BOXES:
        raise UsageError(f"the view has {len(diagram.boxes):,} boxes; more than {MAX_BOXES:,} cannot be laid out "
                           "legibly. Narrow it with --kommune ID or --depth 2, or write --format dot")
    return render_dot(to_dot(diagram), fmt, timeout, widest_row(diagram))


def render_dot(text: str, fmt: str, timeout: float = 60, widest: int = 0) -> bytes:
    """Lay out the DOT ``text`` of a diagram as :func:`render` does (a caller that holds many diagrams until
    they are drawn keeps their text, a tenth of their size); ``widest``: its :func:`widest_row`."""
    if fmt == "svg" and surely_below_min_scale(widest):
        return layout(text, fmt, timeout, options=_OWN_SIZE)
    drawn = layout(text, fmt, timeout)
    if fmt == "svg" and svg_scale(drawn) < MIN_SCALE:
        # Fitted to A3, a wide chart (a national structure: 98 lokalråd side by side) shrinks to a strip a few
        # pixels high. An SVG is read on a screen, which scrolls: draw it at its own size instead.
        drawn = layout(text, fmt, timeout, options=_OWN_SIZE)
    return drawn


_OWN_SIZE = ["-Gsize=10000,10000"]


def widest_row(diagram: Diagram) -> int:
    """The number of boxes in the diagram's widest row of one level (0 without rows)."""
    return max((len(boxes) for _, boxes in diagram.rows), default=0)


def surely_below_min_scale(widest: int) -> bool:
    """Whether fitting a drawing whose widest row holds ``widest`` boxes to A3 surely shrinks it below
    :data:`MIN_SCALE`, so that laying it out at A3 first would only be thrown away.

    The boxes of a row share one rank, side by side: each is at least as wide as Graphviz's least width of a
    node (0.75 in; no box sets its own), with ``nodesep`` between two. The scale of a fit is at most the width
    of A3 over the drawing's, which is at least that. A tenth is left for rounding.

    >>> surely_below_min_scale(40), surely_below_min_scale(60)
    (False, True)
    """
    least = widest * 0.75 + (widest - 1) * float(GRAPH_ATTRS["nodesep"])
    return widest > 0 and float(A3_LANDSCAPE.split(",")[0]) / least < MIN_SCALE * 0.9


MIN_SCALE = 0.3
"""An SVG that fitting to A3 would shrink below this scale (its 11 pt text below 3.3 pt) is drawn at its own size."""


def svg_scale(svg: bytes) -> float:
    """The scale Graphviz applied to fit an SVG into the ``size`` of its graph (1 when it applied none).

    >>> svg_scale(b'<g id="graph0" class="graph" transform="scale(0.04 0.04) rotate(0)">')
    0.04
    """
    found = re.search(rb'class="graph" transform="scale\(([0-9.]+)', svg)
    return float(found.group(1)) if found else 1.0


DPI = {"png": "150"}


def layout(dot_text: str, fmt: str, timeout: float = 60, program: str = "dot",
           options: list[str] | None = None) -> bytes:
    """Run ``dot -T<fmt>`` (or another Graphviz ``program``, e.g. ``sfdp``) on DOT text, with more command-line
    ``options``, a time limit and clear errors."""
    if shutil.which("dot") is None:
        raise OrgmodelError("Graphviz's `dot` program is not installed. Install Graphviz "
                            "(Debian/Ubuntu: apt-get install graphviz); without it, `orgmodel diagram` can write "
                            "the DOT text (--format dot) or Mermaid (--format mermaid)")
    try:
        options = [*(options or []), *([f"-Gdpi={DPI[fmt]}"] if fmt in DPI else [])]
        proc = subprocess.run([program, f"-T{fmt}", *options], input=dot_text.encode("utf-8"), capture_output=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise OrgmodelError(f"Graphviz needed more than {timeout:g} s to lay out the diagram. Narrow the view "
                            "(--kommune ID, --depth 2) or raise --timeout") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GraphvizFailedError(f"Graphviz could not draw the diagram: "
                                  f"{message[-1] if message else _signal_text(proc.returncode)}")
    return proc.stdout


def _signal_text(returncode: int) -> str:
    """Why a program that wrote no message stopped: ``dot`` may crash on a layout it cannot make.

    >>> _signal_text(-11), _signal_text(3)
    ('it crashed (signal 11)', 'it stopped with exit code 3')
    """
    return f"it crashed (signal {-returncode})" if returncode < 0 else f"it stopped with exit code {returncode}"
