"""`orgmodel diff` and `orgmodel diagram --compare`: hand-made versions, git revisions, errors."""

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml

from orgmodel.cli import cli
from orgmodel.diagram import Style, draw
from orgmodel.diff.compare import compare
from orgmodel.errors import UnreadableInputError, UsageError
from orgmodel.workspace import load_workspace, open_version

from .districts import bornholm, find

MANIFEST = "name: Bornholm\nscope: {politikredse: [kreds-bornholm], kommuner: [dragoer]}\n"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def before_data() -> dict:
    data = bornholm()
    data["forums"] += [
        {"id": "ksp", "type": "ksp", "under": "lokalraad", "members": ["bornholm-social", "bornholms-politi"]},
        {"id": "ssp-plus", "type": "ssp-plus", "under": "lokalraad", "members": ["bornholm-uu", "bornholms-politi"],
         "covers": {"groups": ["unge-voksne"]}},
    ]
    find(data, "borgmester-bornholm")["holder"] = {"name": "Jens Hansen"}
    data["documents"] = [d for d in data["documents"] if d["id"] != "handleplan"]  # the next version adds it
    return data


def after_data() -> dict:
    """The next version: one member joins, one leaves, PSP is created, KSP deleted, SSP+ closed by date,
    a goal changed, SSP no longer covers 'vold' on Bornholm, an ungesamråd in Dragør covers 'narkotika', the
    samarbejdsplan's publication date is corrected and the lokalråd's handleplan is added."""
    data = before_data()
    find(data, "lokalraad")["members"].append("bornholm-social")
    find(data, "ssp")["members"].remove("bornholm-klub")
    find(data, "ssp")["covers"]["crimes"] = []
    data["forums"] = [f for f in data["forums"] if f["id"] != "ksp"]
    data["forums"].append({"id": "psp", "type": "psp", "under": "lokalraad", "name": "PSP Bornholm",
                           "members": ["bornholm-social", "bornholms-politi"]})
    data["forums"].append({"id": "ungesamraad-dragoer", "type": "ungesamraad", "area": "dragoer",
                           "members": ["bornholms-politi"], "covers": {"crimes": ["narkotika"]}})
    find(data, "ssp-plus")["valid_to"] = "2026-06-30"
    find(data, "s1").update(title="Færre indbrud i private hjem", period="2026-2027")
    find(data, "borgmester-bornholm")["holder"] = {"name": "Hanne Holm"}
    find(data, "plan")["published"] = "2026-01-20"
    data["documents"].append({"id": "handleplan", "type": "handleplan", "year": 2026, "council": "lokalraad",
                              "goals": ["o1"]})
    return data


def _write(root, data: dict):
    root.mkdir(parents=True, exist_ok=True)
    (root / "orgmodel.yaml").write_text(MANIFEST, encoding="utf-8")
    (root / "data.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


@pytest.fixture
def versions(tmp_path, monkeypatch):
    """Folders ``before`` and ``after`` in the current folder, so labels are short and stable."""
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "before", before_data())
    _write(tmp_path / "after", after_data())
    return "before", "after"


def _diff(runner, *args):
    return runner.invoke(cli, ["diff", *args], catch_exceptions=False)


# --- the comparison ------------------------------------------------------------------


def test_each_kind_of_change_is_found(versions):
    result = compare(load_workspace("before"), load_workspace("after"))
    assert [(s.body, s.member, s.change) for s in result.seats] == [
        ("lokalraad", "bornholm-social", "joined"), ("ssp", "bornholm-klub", "left")]
    entities = {(e.id, e.change, e.reason) for e in result.entities}
    assert {("psp", "added", None), ("ksp", "removed", "deleted"), ("ssp-plus", "removed", "closed"),
            ("ungesamraad-dragoer", "added", None)} <= entities
    plan = next(e for e in result.entities if e.id == "plan")
    assert (plan.kind, plan.change, plan.label, plan.context, plan.fields) == (
        "document", "changed", "Samarbejdsplan 2026", "", (("published", "2026-01-10", "2026-01-20"),))
    assert ("handleplan", "added", None) in entities
    goal = next(e for e in result.entities if e.id == "s1")
    assert [(f.field, f.old, f.new) for f in goal.fields] == [
        ("period", "2026", "2026-2027"), ("title", "Færre indbrud", "Færre indbrud i private hjem")]
    assert {(c.area, c.dimension, c.item, c.change, c.bodies) for c in result.coverage} >= {
        ("bornholm", "crimes", "vold", "lost", ("ssp",)), ("dragoer", "crimes", "narkotika", "gained",
                                                          ("ungesamraad-dragoer",))}


def test_documents_have_their_own_heading(versions, runner):
    text = _diff(runner, *versions).stdout
    assert "\nDokumenter tilføjet\n  handleplan  Handleplan 2026\n" in text
    assert "\nDokumenter ændret\n  plan  Samarbejdsplan 2026\n    published: 2026-01-10 → 2026-01-20\n" in text
    as_json = json.loads(_diff(runner, *versions, "--format", "json", "--lang", "en").stdout)
    assert [(d["id"], d["label"], d["change"]) for d in as_json["documents"]] == [
        ("handleplan", "Action plan 2026", "added"), ("plan", "Cooperation plan 2026", "changed")]


def test_public_leaves_out_holders(versions):
    shown = compare(load_workspace("before"), load_workspace("after"))
    public = compare(load_workspace("before"), load_workspace("after"), public=True)
    assert ("holder.name", "Jens Hansen", "Hanne Holm") in next(e for e in shown.entities if e.kind == "role").fields
    assert not [e for e in public.entities if e.kind == "role"]


def test_golden_text_and_json(versions, runner, golden):
    danish = _diff(runner, *versions)
    assert danish.exit_code == 0 and danish.stderr == ""
    golden("diff/changes.txt", danish.stdout)
    golden("diff/changes-en-as-of.txt", _diff(runner, *versions, "--lang", "en", "--as-of", "2026-07-01").stdout)
    as_json = _diff(runner, *versions, "--format", "json", "--public")
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)["changed"] is True
    golden("diff/changes.json", as_json.stdout)


def test_as_of_closes_by_date_and_drops_coverage(versions):
    import datetime as dt

    lost = ("bornholm", "groups", "unge-voksne", "lost", ("ssp-plus",))
    always = compare(load_workspace("before"), load_workspace("after"))
    assert lost not in {(c.area, c.dimension, c.item, c.change, c.bodies) for c in always.coverage}
    result = compare(load_workspace("before"), load_workspace("after"), as_of=dt.date(2026, 7, 1))
    closed = next(e for e in result.entities if e.id == "ssp-plus")
    assert (closed.change, closed.reason, closed.closed_on) == ("removed", "closed", "2026-06-30")
    assert lost in {(c.area, c.dimension, c.item, c.change, c.bodies) for c in result.coverage}


def test_no_changes(versions, runner):
    result = _diff(runner, "before", "before")
    assert result.exit_code == 0
    assert result.output == "Ændringer i Bornholm: before → before\n\nIngen ændringer\n"
    english = _diff(runner, "before", "before", "--lang", "en", "--format", "json")
    assert json.loads(english.output)["changed"] is False


def test_settings_of_the_manifest(versions, runner):
    """A changed name, scope, rule severity and a new vocabulary term in orgmodel.yaml, and nothing else."""
    shutil.copytree("before", "renamed")
    Path("renamed", "orgmodel.yaml").write_text(
        "name: Bornholm og Dragør\nscope: {politikredse: [kreds-bornholm], kommuner: [dragoer, taarnby]}\n"
        "rules: {forum.recommended-partners: info}\n"
        "vocabulary:\n  forum_types:\n    natteravne: {da: Natteravne, en: Night ravens}\n",
        encoding="utf-8")
    result = _diff(runner, "before", "renamed")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Ændringer i Bornholm og Dragør: before → renamed\n\n"
        "Indstillinger i orgmodel.yaml ændret\n"
        "  name: Bornholm → Bornholm og Dragør\n"
        "  rules.forum.recommended-partners: — → info\n"
        "  scope.kommuner: dragoer → dragoer, taarnby\n"
        "  vocabulary.forum_types.natteravne.da: — → Natteravne\n"
        "  vocabulary.forum_types.natteravne.en: — → Night ravens\n")
    as_json = json.loads(_diff(runner, "renamed", "before", "--format", "json").output)
    assert as_json["changed"] is True
    assert as_json["settings"][0] == {"field": "name", "old": "Bornholm og Dragør", "new": "Bornholm"}


def test_errors_of_format_are_noted(versions, runner):
    Path("after", "extra.yaml").write_text("roles:\n  - id: x\n    titel: X\n", encoding="utf-8")
    result = _diff(runner, *versions)
    assert result.exit_code == 0
    assert result.stderr == ("Note: after has 1 error(s) of format; what cannot be read is left out of the "
                             "comparison. Run `orgmodel check` on it for details.\n")


# --- git revisions -------------------------------------------------------------------


def _git(repo, *args) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, timeout=30).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository with the workspace in sub/ws: ``before`` committed, then ``after``."""
    for name, value in {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "T",
                        "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CEILING_DIRECTORIES": str(tmp_path)}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    (root / "README").write_text("a repository\n")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "start")
    _write(root / "sub" / "ws", before_data())
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "before")
    _write(root / "sub" / "ws", after_data())
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "after")
    return root


def _short(repo, revision: str) -> str:
    return _git(repo, "rev-parse", "--short=7", revision).strip()


@needs_git
def test_two_git_revisions(repo, runner, versions, monkeypatch):
    folders = _diff(runner, "before", "after").output.splitlines()
    monkeypatch.chdir(repo)
    with_option = _diff(runner, "HEAD~1", "HEAD", "-w", "sub/ws")
    assert with_option.exit_code == 0
    labels = f"HEAD~1 ({_short(repo, 'HEAD~1')}) → HEAD ({_short(repo, 'HEAD')})"
    assert with_option.output.splitlines() == [f"Ændringer i Bornholm: {labels}"] + folders[1:]
    monkeypatch.chdir(repo / "sub" / "ws")
    inside = _diff(runner, "HEAD~1", "HEAD")
    assert inside.exit_code == 0 and inside.output == with_option.output
    assert os.listdir(tempfile.gettempdir()) == []


@needs_git
def test_revision_against_the_working_folder(repo, runner, monkeypatch):
    monkeypatch.chdir(repo / "sub" / "ws")
    assert _diff(runner, "HEAD", ".").output.endswith("\n\nIngen ændringer\n")
    data = after_data()
    find(data, "ssp")["members"].append("bornholm-klub")
    _write(repo / "sub" / "ws", data)
    result = _diff(runner, "HEAD", ".")
    assert "    Kommet til: bornholm-klub  Klubben (medlem)\n" in result.output


@needs_git
def test_not_inside_a_git_repository(tmp_path, runner, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "plain").mkdir()
    monkeypatch.chdir(tmp_path / "plain")
    result = _diff(runner, "HEAD~1", "HEAD")
    assert result.exit_code == 2
    assert result.output == (
        "Error: 'HEAD~1' is not a folder, and . is not inside a git repository, so it cannot be a revision either\n"
        "  Fix: give two workspace folders, or run the command inside the git repository that holds the workspace "
        "(or name the workspace folder with -w DIR)\n")


@needs_git
def test_unknown_revision(repo, runner, monkeypatch):
    monkeypatch.chdir(repo)
    for bad in ("HEAD~9", "--output=x", "nope"):
        result = runner.invoke(cli, ["diff", "-w", "sub/ws", "--", bad, "HEAD"], catch_exceptions=False)
        assert result.exit_code == 2
        assert result.output == (
            f"Error: '{bad}' is neither a folder nor a revision of the git repository at {repo}\n"
            "  Fix: give an existing workspace folder, or a commit, branch or tag (see `git log --oneline`)\n")


@needs_git
def test_workspace_absent_at_revision(repo, runner, monkeypatch):
    monkeypatch.chdir(repo)
    result = _diff(runner, "HEAD~2", "HEAD", "-w", "sub/ws")
    assert result.exit_code == 2
    assert result.output == (
        f"Error: the workspace folder 'sub/ws' does not exist at revision HEAD~2 ({_short(repo, 'HEAD~2')})\n"
        "  Fix: pick a revision where it exists (`git log --oneline -- sub/ws`), or name the workspace folder "
        "with -w DIR\n")
    no_manifest = _diff(runner, "HEAD~1", "HEAD", "-w", "sub")
    assert no_manifest.exit_code == 2
    assert no_manifest.output.startswith(
        f"Error: the folder 'sub' at revision HEAD~1 ({_short(repo, 'HEAD~1')}) has no orgmodel.yaml")


@needs_git
def test_unreadable_file_at_revision_names_the_revision_and_leaves_no_folder(repo, runner, monkeypatch):
    (repo / "sub" / "ws" / "bad.yaml").write_text("forums:\n\t- id: x\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "bad")
    monkeypatch.chdir(repo)
    result = _diff(runner, "HEAD", "HEAD~1", "-w", "sub/ws")
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: in HEAD ({_short(repo, 'HEAD')}) of sub/ws: bad.yaml:2:")
    assert os.listdir(tempfile.gettempdir()) == []
    with pytest.raises(UnreadableInputError):
        open_version("HEAD", "sub/ws")
    assert os.listdir(tempfile.gettempdir()) == []


@needs_git
def test_a_name_that_is_both_a_tag_and_a_branch_is_refused(repo, runner, monkeypatch):
    _git(repo, "tag", "v2", "HEAD~1")
    _git(repo, "branch", "v2", "HEAD")
    monkeypatch.chdir(repo)
    result = _diff(runner, "v2", "HEAD", "-w", "sub/ws")
    assert (result.exit_code, result.output) == (2, (
        f"Error: 'v2' names more than one revision of the git repository at {repo} (a tag and a branch, say), and "
        "git would pick one of them without a word\n  Fix: give the one you mean in full: refs/tags/v2 or "
        "refs/heads/v2\n"))
    assert _diff(runner, "refs/tags/v2", "refs/heads/v2", "-w", "sub/ws").exit_code == 0


@needs_git
def test_a_linked_folder_at_a_revision_is_refused_not_left_out(repo, runner, monkeypatch):
    shared = repo / "shared"
    shared.mkdir()
    (shared / "orgs.yaml").write_text("organisations:\n  - {id: extra, name: Ekstra, category: politi}\n")
    (repo / "sub" / "ws" / "linked").symlink_to("../../shared")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "a linked folder")
    monkeypatch.chdir(repo / "sub" / "ws")
    result = _diff(runner, "HEAD~1", "HEAD")
    assert result.exit_code == 2
    assert result.output.startswith("Error: linked at 'HEAD' is a link to a folder, which the working folder reads "
                                    "but a revision does not: its files would be left out\n")


@needs_git
@pytest.mark.parametrize("kind", ["submodule", "lfs"])
def test_files_a_revision_does_not_hold_are_refused_not_left_out(repo, runner, monkeypatch, kind):
    ws = repo / "sub" / "ws"
    if kind == "lfs":
        (ws / "shared.yaml").write_text("version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 12\n")
    else:
        inner = repo.parent / "inner"
        inner.mkdir()
        _git(inner, "init", "-q")
        (inner / "orgs.yaml").write_text("organisations: []\n")
        _git(inner, "add", ".")
        _git(inner, "commit", "-q", "-m", "orgs")
        _git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner), "sub/ws/shared")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", kind)
    monkeypatch.chdir(repo)
    result = _diff(runner, "HEAD~1", "HEAD", "-w", "sub/ws")
    assert result.exit_code == 2
    if kind == "lfs":
        assert result.output.startswith("Error: shared.yaml at 'HEAD' is stored in Git LFS: the revision holds a "
                                        "pointer to the file, not the file\n  Fix: compare two folders instead")
    else:
        assert result.output.startswith("Error: shared at 'HEAD' is a git submodule: the revision holds the commit "
                                        "it points to, not its files")


# --- the diagram overlay -------------------------------------------------------------


def test_golden_overlay_dot(versions, golden):
    text, _ = draw(load_workspace("after"), "structure", "dot", compare=load_workspace("before"),
                   compared_with="2025")
    golden("dot/compare.dot", text)
    ghosts = [line for line in text.splitlines() if 'style="rounded,dashed" color="#d50000"' in line]
    assert [line.split()[0] for line in ghosts] == ['"ksp"', '"ssp-plus"']  # deleted; closed by valid_to
    assert "<S>− Klubben</S>" in text and "+ Tilføjet siden 2025" in text


def test_overlay_in_english_and_mermaid(versions):
    old, new = load_workspace("before"), load_workspace("after")
    english, _ = draw(new, "structure", "dot", style=Style(lang="en"), compare=old, compared_with="v1")
    assert "− Removed since v1 (struck through, dashed)" in english and "· closed" in english
    mermaid, _ = draw(new, "structure", "mermaid", compare=old, compared_with="v1")
    assert "    style n_ksp fill:#ffffff,stroke:#d50000" in mermaid and "▪ − Klubben" in mermaid
    assert "    style n_psp stroke:#00a651,stroke-width:3px" in mermaid
    with pytest.raises(UsageError, match="--compare draws the structure view, not 'goals'"):
        draw(new, "goals", "dot", compare=old)


@needs_git
def test_diagram_compare_with_a_revision(repo, runner, monkeypatch):
    monkeypatch.chdir(repo / "sub" / "ws")
    result = runner.invoke(cli, ["diagram", "--compare", "HEAD~1", "--format", "dot"], catch_exceptions=False)
    assert result.exit_code == 0
    assert f"+ Tilføjet siden HEAD~1 ({_short(repo, 'HEAD~1')})" in result.output
    assert '"psp" [label=' in result.output and 'penwidth="3"' in result.output
    missing = runner.invoke(cli, ["diagram", "--compare", "HEAD~7"], catch_exceptions=False)
    assert missing.exit_code == 2 and "'HEAD~7' is neither a folder nor a revision" in missing.output


# --- found by a review ----------------------------------------------------------------


def _compared(tmp_path, old: dict, new: dict):
    return compare(load_workspace(_write(tmp_path / "old", old)), load_workspace(_write(tmp_path / "new", new)))


def _fields(diff, entity: str) -> list[tuple]:
    return [(f.field, f.old, f.new) for e in diff.entities if e.id == entity for f in e.fields]


def test_an_indicator_with_its_measure_alone_is_added_and_removed(tmp_path):
    old, new = bornholm(), bornholm()
    find(new, "h1")["indicators"].append({"measure": "Møder holdt"})
    assert _fields(_compared(tmp_path, old, new), "h1") == [("indicators.Møder holdt", None, "Møder holdt")]
    assert _fields(_compared(tmp_path / "back", new, old), "h1") == [("indicators.Møder holdt", "Møder holdt", None)]


def test_the_dates_of_one_of_two_seats_of_a_member_are_a_change(tmp_path):
    old, new = bornholm(), bornholm()
    for data, until in ((old, "2024-12-31"), (new, "2023-12-31")):
        find(data, "lokalraad")["members"] = [{"id": "bornholm-kommune", "since": "2020-01-01", "until": until},
                                              {"id": "bornholm-kommune", "since": "2025-01-01"}]
    assert _fields(_compared(tmp_path, old, new), "lokalraad") == [
        ("members.bornholm-kommune", ["since: 2020-01-01; until: 2024-12-31", "since: 2025-01-01"],
         ["since: 2020-01-01; until: 2023-12-31", "since: 2025-01-01"])]


def test_an_end_date_given_to_one_seat_names_that_seat_alone(tmp_path):
    old, new = bornholm(), bornholm()
    find(old, "psp-bornholm")["members"][0] = {"id": "psykiatrien", "since": "2025-01-01"}
    find(new, "psp-bornholm")["members"][:2] = [{"id": "psykiatrien", "since": "2025-01-01", "until": "2026-06-30"},
                                                {"id": "bornholm-social", "since": "2026-01-01"}]
    assert _fields(_compared(tmp_path, old, new), "psp-bornholm") == [
        ("members.bornholm-social", ["—"], ["since: 2026-01-01"]),
        ("members.psykiatrien", ["since: 2025-01-01"], ["since: 2025-01-01; until: 2026-06-30"])]


def test_a_changed_body_lists_its_members_and_an_id_written_twice_is_noted(tmp_path):
    old, new = bornholm(), bornholm()
    find(new, "ssp")["name"] = "SSP på Bornholm"
    new["forums"].append({**find(new, "ssp"), "name": "En kopi"})
    diff = _compared(tmp_path, old, new)
    [ssp] = [e for e in diff.entities if e.id == "ssp"]
    assert ssp.change == "changed" and set(ssp.members) >= {"bornholms-politi", "bornholm-skole"}
    [note] = [n for n in diff.notes if "written twice" in n]
    assert re.fullmatch(r"new: 1 id\(s\) are written twice: 'ssp' \(data\.yaml:(\d+) and data\.yaml:(\d+)\); only "
                        r"the first entry of each is used\. Run `orgmodel check` for details\.", note)


def test_an_entry_written_as_another_kind_is_not_called_deleted(tmp_path):
    old, new = bornholm(), bornholm()
    forum = find(new, "sekretariat")
    new["forums"].remove(forum)
    new["councils"].append({"id": "sekretariat", "type": "lokalraad", "area": "bornholm"})
    diff = _compared(tmp_path, old, new)
    assert [(e.kind, e.change, e.reason, e.new_kind) for e in diff.entities if e.id == "sekretariat"] == [
        ("council", "added", None, None), ("forum", "removed", "kind-changed", "council")]


@needs_git
def test_a_linked_yaml_file_is_read_at_a_revision_as_in_the_folder(repo, runner, monkeypatch):
    ws = repo / "sub" / "ws"
    shared = repo / "shared"
    shared.mkdir()
    (ws / "data.yaml").rename(shared / "data.yaml")
    (ws / "data.yaml").symlink_to("../../shared/data.yaml")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "shared data")
    monkeypatch.chdir(ws)
    result = _diff(runner, "HEAD", ".")
    assert result.exit_code == 0 and result.output.endswith("\n\nIngen ændringer\n"), result.output
    (ws / "data.yaml").unlink()
    (ws / "data.yaml").symlink_to("/etc/hostname.yaml")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "a link out of the repository")
    outside = _diff(runner, "HEAD", "HEAD~1")
    assert outside.exit_code == 2 and "is a link to /etc/hostname.yaml, which is outside the repository" in \
        outside.output


def test_a_member_added_with_a_reference_to_no_entry_is_noted_not_hidden(tmp_path):
    old, new = bornholm(), bornholm()
    find(new, "ssp")["members"].append("bornholm-klubb")
    diff = _compared(tmp_path, old, new)
    assert diff.is_empty
    assert diff.notes == ["new: 1 reference(s) name no entry, so what they add is not shown: 'ssp' names "
                          "'bornholm-klubb' in 'members'. Run `orgmodel check` for details."]
    assert _compared(tmp_path / "same", new, new).notes == []


@needs_git
def test_the_fix_for_a_folder_absent_at_a_revision_quotes_a_name_with_spaces(repo, runner, monkeypatch):
    (repo / "sub" / "ws").rename(repo / "sub" / "w s")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "renamed")
    monkeypatch.chdir(repo)
    result = _diff(runner, "HEAD~1", "HEAD", "-w", "sub/w s")
    assert result.exit_code == 2 and "(`git log --oneline -- 'sub/w s'`)" in result.output


def test_a_value_printed_can_neither_start_a_line_nor_read_like_the_other(tmp_path, runner):
    """A name with line breaks printed a heading of its own ("Organer lukket"); a tag holding ", " and two tags,
    or a name that gained a space at its end, printed as no change."""
    old, new = bornholm(), bornholm()
    find(old, "psp-bornholm")["tags"] = ["illustrativ, ny"]
    find(new, "psp-bornholm")["tags"] = ["illustrativ", "ny"]
    find(new, "psp-bornholm")["name"] = "PSP Bornholm\n\nOrganer lukket\n  ssp-bornholm  SSP: slettet"
    find(old, "lokalraad")["name"] = "Lokalrådet"
    find(new, "lokalraad")["name"] = "Lokalrådet "
    paths = [str(_write(tmp_path / name, data)) for name, data in (("old", old), ("new", new))]
    result = runner.invoke(cli, ["diff", *paths], catch_exceptions=False)
    lines = result.output.splitlines()
    assert [line for line in lines if line.startswith("Organer lukket")] == []
    assert '    tags: ["illustrativ, ny"] → ["illustrativ", "ny"]' in lines
    assert "    name: — → PSP Bornholm\\n\\nOrganer lukket\\n  ssp-bornholm  SSP: slettet" in lines
    assert '    name: "Lokalrådet" → "Lokalrådet "' in lines
