"""Privacy: a workspace full of personal names, rendered through every output in tests/outputs.py with
``--public`` where the command has it; no name may appear in any byte (nor in what PNG and PDF were
drawn from).

Personal data in a workspace: a role's ``holder`` (the person) and ``note`` (a free note for the
secretariat, where names end up: "ring til …"). ``--public`` drops both; outputs without ``--public``
(check, who, path, stats, gaps) never show them.
"""

import datetime as dt
import html
import json
import os
import re
import shutil
import unicodedata

import pytest
import yaml

from orgmodel.workspace import load_workspace

from .districts import bornholm, find
from .outputs import build_outputs, render

SURNAMES = ["Privatsen", "Ærbødigholm", "Hemmeligsen", "Navnesen", "Løndomsdatter", "Fortrolighed-Å"]
"""Made-up surnames (no Danish words, no real people), each written once or more in the workspace."""


def names_workspace() -> dict:
    data = bornholm()
    holders = {"politidirektoer": f"Karen {SURNAMES[0]}", "borgmester-bornholm": f"Jens Ole {SURNAMES[1]}",
               "stedfortraeder-bornholm": f"Åse {SURNAMES[2]}", "politikommissaer": f"Bo {SURNAMES[3]}"}
    for role, name in holders.items():
        find(data, role)["holder"] = {"name": name, "verified": "2026-01-15"}
    find(data, "politikommissaer")["note"] = f"TODO: ring til {SURNAMES[4]} om formandsposten"
    find(data, "ssp")["note"] = f"Kontaktperson: Mette {SURNAMES[5]}, tlf. 12 34 56 78"
    find(data, "kredsraad")["note"] = f"Referent: {SURNAMES[0]}"
    find(data, "s1")["note"] = f"todo {SURNAMES[1]} skriver udkast"
    return data


OUTPUTS = build_outputs(body="ssp", role="politikommissaer", org="bornholms-politi", other="h1", document="plan")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("privacy") / "personer"
    root.mkdir()
    (root / "orgmodel.yaml").write_text("name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\n", encoding="utf-8")
    (root / "data.yaml").write_text(yaml.safe_dump(names_workspace(), allow_unicode=True), encoding="utf-8")
    assert load_workspace(root).problems == []
    return root


def _readable(data: bytes) -> str:
    """Bytes as text with the escapes of HTML, XML, JSON and Cypher undone and accents composed."""
    text = data.decode("utf-8", "replace")
    text = html.unescape(text)
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), text)
    return unicodedata.normalize("NFC", text)


def names_in(files: dict[str, bytes]) -> list[tuple[str, str]]:
    """(file, surname) for every surname found in any of the files."""
    found = []
    for name, data in files.items():
        readable = _readable(data).casefold()
        found += [(name, surname) for surname in SURNAMES if surname.casefold() in readable]
    return found


needs_dot = pytest.mark.skipif(shutil.which("dot") is None and not os.environ.get("CI"),
                               reason="Graphviz is not installed (make test installs it)")


@needs_dot
@pytest.mark.parametrize("output", OUTPUTS, ids=[o.name for o in OUTPUTS])
def test_public_output_holds_no_personal_name(output, workspace, tmp_path, monkeypatch):
    files = render(output, workspace, tmp_path / "out", True, monkeypatch)
    assert names_in(files) == []


@needs_dot
@pytest.mark.parametrize("name", ["show politikommissaer --format json", "export --format json",
                                  "diagram --view structure --format dot", "export --format cypher"])
def test_without_public_the_names_are_there(name, workspace, tmp_path, monkeypatch):
    """The check above can fail: the same outputs without --public show holders and notes."""
    output = next(o for o in OUTPUTS if o.name == name)
    found = {surname for _, surname in names_in(render(output, workspace, tmp_path / "out", False, monkeypatch))}
    assert SURNAMES[3] in found


def test_json_export_without_public_keeps_holders_and_notes(workspace, tmp_path, monkeypatch):
    output = next(o for o in OUTPUTS if o.name == "export --format json")
    data = json.loads(render(output, workspace, tmp_path / "out", False, monkeypatch)["x.json"])
    node = next(n for n in data["nodes"] if n["id"] == "politikommissaer")
    assert SURNAMES[3] in node["holder"] and SURNAMES[4] in node["note"]


BROKEN_HOLDERS = f"""roles:
  - id: a
    title: A
    holder: {{name: Bo {SURNAMES[0]}, verified: Bo {SURNAMES[1]}, alder: 44}}
  - id: b
    title: B
    holder: Bo {SURNAMES[2]}
  - id: c
    title: C
    note: [Bo {SURNAMES[3]}]
    holder: {{name: [Bo {SURNAMES[4]}]}}
"""


@pytest.mark.parametrize("output", [o for o in OUTPUTS if o.name.startswith("check")], ids=lambda o: o.name)
def test_check_never_repeats_personal_data_it_cannot_read(output, make_ws, tmp_path, monkeypatch):
    """A holder or note of the wrong type is reported by field and line, without its value."""
    root = make_ws({"roles.yaml": BROKEN_HOLDERS})
    files = render(output, root, tmp_path / "out", False, monkeypatch)
    assert names_in(files) == []
    assert "holder.verified" in _readable(files.get("check.sarif") or files["stdout"])


@needs_dot
@pytest.mark.parametrize("name", [f"SSP Bornholm (Bo {SURNAMES[3]})",
                                  f"SSP Bornholm, koordinering ved Bo {SURNAMES[3]}"])
def test_a_holder_s_name_in_another_entry_s_name_is_cleared_from_the_report_s_pictures(tmp_path, name):
    """The report clears holders' names from every text, the diagrams and charts of img/ too (a review found
    them there), also a name a box wraps over two lines (a second review), and never publishes notes, not even
    with --with-names."""
    from orgmodel.report.build import build_report

    data = names_workspace()
    find(data, "ssp")["name"] = name
    find(data, "ssp")["covers"] = {"ages": ["10-17"]}
    root = tmp_path / "ws"
    root.mkdir()
    (root / "orgmodel.yaml").write_text("name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\n", encoding="utf-8")
    (root / "data.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    build_report(load_workspace(root), tmp_path / "report", today=dt.date(2026, 11, 22))
    files = {str(p.relative_to(tmp_path / "report")): p.read_bytes()
             for p in (tmp_path / "report").rglob("*") if p.is_file()}
    assert any(name.startswith("img/") and name.endswith(".svg") for name in files)
    assert names_in(files) == []
    build_report(load_workspace(root), tmp_path / "named", today=dt.date(2026, 11, 22), with_names=True)
    named = {str(p.relative_to(tmp_path / "named")): p.read_bytes()
             for p in (tmp_path / "named").rglob("*") if p.is_file()}
    found = {surname for _, surname in names_in(named)}
    assert SURNAMES[3] in found and SURNAMES[4] not in found and SURNAMES[5] not in found  # names, no notes


@needs_dot
def test_a_national_report_clears_every_district_s_holders_from_every_district_s_pages(tmp_path):
    """Each district's pages were cleared of its own holders only: a name written in another district's entry
    was published in that district's folder."""
    from orgmodel.report.build import build_report
    from orgmodel.workspace import open_workspaces

    from .districts import national

    land = national(tmp_path / "land")
    roles = land / "bornholm" / "data.yaml"
    data = yaml.safe_load(roles.read_text(encoding="utf-8"))
    find(data, "politidirektoer")["holder"] = {"name": f"Karen {SURNAMES[0]}"}
    roles.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    forums = land / "mvj" / "forums" / "silkeborg.yaml"
    forums.write_text(forums.read_text(encoding="utf-8").replace("name: SSP Silkeborg\n",
                                                                 f"name: SSP Silkeborg (Karen {SURNAMES[0]})\n", 1),
                      encoding="utf-8")
    assert SURNAMES[0] in forums.read_text(encoding="utf-8")
    build_report(open_workspaces([land]), tmp_path / "report", today=dt.date(2026, 11, 22))
    files = {str(p.relative_to(tmp_path / "report")): p.read_bytes()
             for p in (tmp_path / "report").rglob("*") if p.is_file()}
    assert any(name.startswith("mvj/") for name in files)
    assert names_in(files) == []
