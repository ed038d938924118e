import pytest

from orgmodel.errors import UnreadableInputError
from orgmodel.workspace import load_workspace
from orgmodel.workspace.yamlfile import read_yaml

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcde", "bcdef", strict=True)
) + "g: [*f, *f]\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("roles:\n\t- id: x\n",
         "a.yaml:2: a tab character\n  Fix: indent with spaces only; replace the tab with spaces"),
        ("name: Lokalråd: Silkeborg\n", "a.yaml:1: a ':' where YAML does not expect one"),
        ("a: 1\na: 2\n", "a.yaml:2: the key 'a' appears twice in the same block (first at line 1)"),
        ("a: 2025-02-30 12:00:00\n", "a.yaml:1: '2025-02-30 12:00:00' is not a real date and time"),
        ("a: 1\n---\nb: 2\n", "a.yaml:2: more than one document (---) in one file"),
        ('a: "open\nb: 1\n', "a.yaml:3: a quote that is never closed"),
        (BOMB, "a.yaml: YAML aliases (*name) in this file expand to more than 100,000 values"),
        ("a: *nothing\n", "a.yaml:1: an alias (*name) with no matching anchor (&name)"),
        ("a: !!bool yes\n", "a.yaml:1: cannot read 'yes' as true or false"),  # YAML 1.2: only true/false
        ("a: !!int 0b11\n", "a.yaml:1: cannot read '0b11' as a whole number"),
        # common slips, each named at its own line (they read as "a ':' where YAML does not expect one", with a
        # fix about quotes, or at the line below)
        ("p:\n  - id: x\n    type: t\n     name: S\n    area: s\n",
         "a.yaml:4: a line indented further than the line above it, which already has its value"),
        ("p:\n  - id: x\n    type: t\n\u00a0   name: S\n    area: s\n",
         "a.yaml:4: a no-break space (or another blank that is not a space) at the start of the line"),
        ("p:\n  - id: x\n    type: t\n    name:S\n    area: s\n",
         "a.yaml:4: no space after 'name:', so YAML reads the key and its value as one text"),
        ("p:\n  - id: x\n    url: https://x.dk\n     name: S\n",
         "a.yaml:4: a line indented further than the line above it"),
        # a valid line above the error, that looks like one of those slips, is not blamed for it
        ("p:\n  - id: x\n    source:\n      - mailto:ssp@x.dk\n    note: Godkendt: 9. december\n",
         "a.yaml:5: a ':' where YAML does not expect one"),
        ("a: |\n  Se:bilag\nb: c: d\n", "a.yaml:3: a ':' where YAML does not expect one"),
    ],
)
def test_unreadable_yaml_names_file_line_problem_and_fix(tmp_path, text, expected):
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UnreadableInputError) as info:
        read_yaml(path, "a.yaml")
    assert str(info.value).startswith(expected)
    assert "Fix: " in str(info.value)


def test_non_utf8_names_the_line(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes("a: 1\nb: Sø\n".encode("latin-1"))
    with pytest.raises(UnreadableInputError, match=r"^a.yaml:2: the file is not UTF-8 text \(byte 0xf8\)"):
        read_yaml(path, "a.yaml")


def test_lines_are_remembered(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("# comment\nroles:\n  - id: a\n    title: A\n  - id: b\n", encoding="utf-8")
    data = read_yaml(path)
    assert data.key_lines == {"roles": 2}
    assert data["roles"].item_lines == [3, 5]
    assert data["roles"][0].key_lines == {"id": 3, "title": 4}


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes("\ufeffname: Æble\n".encode())
    assert read_yaml(path) == {"name": "Æble"}


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"a.yaml": ""}, "a.yaml: the file is empty"),
        ({"a.yaml": "# only a comment\n"}, "a.yaml: the file is empty"),
        ({"a.yaml": "- id: x\n"}, "a.yaml:1: the file holds a list where sections belong"),
        ({"a.yaml": "just text\n"}, "a.yaml:1: the file holds a single value where sections belong"),
        ({"orgmodel.yaml": "- x\n"}, "orgmodel.yaml:1: the file holds a list where sections belong"),
    ],
)
def test_unreadable_workspace_files(make_ws, files, expected):
    root = make_ws(files)
    with pytest.raises(UnreadableInputError) as info:
        load_workspace(root)
    assert str(info.value).startswith(expected)
    assert info.value.exit_code == 2


def test_every_unreadable_file_is_reported_at_once(make_ws):
    root = make_ws({"a.yaml": "x: [\n", "b/c.yaml": "roles:\n\t- id: x\n"})
    with pytest.raises(UnreadableInputError) as info:
        load_workspace(root)
    assert "a.yaml:" in str(info.value)
    assert "b/c.yaml:2: a tab character" in str(info.value)


def test_folder_without_manifest(tmp_path):
    with pytest.raises(UnreadableInputError, match="no orgmodel.yaml in this folder") as info:
        load_workspace(tmp_path)
    assert "orgmodel init --kreds" in str(info.value)


def test_missing_folder(tmp_path):
    with pytest.raises(UnreadableInputError, match="no such folder"):
        load_workspace(tmp_path / "nope")


def test_hidden_and_underscore_folders_are_skipped(make_ws):
    root = make_ws({".git/x.yaml": "- broken\n", "_drafts/y.yaml": "\t", "a.yml": "roles: []\n"})
    assert load_workspace(root).files == ["orgmodel.yaml", "a.yml"]


def test_a_linked_folder_and_a_suffix_in_capitals_are_read_not_left_out(make_ws, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "forums.yaml").write_text("forums:\n  - {id: ssp, type: ssp, area: odense}\n", encoding="utf-8")
    root = make_ws({"goals.YAML": "roles:\n  - {id: r, title: R}\n"})
    (root / "linked").symlink_to(shared)
    (shared / "loop").symlink_to(shared)  # read once, not forever
    ws = load_workspace(root)
    assert ws.files == ["orgmodel.yaml", "goals.YAML", "linked/forums.yaml"] and {"ssp", "r"} <= ws.records.keys()


def test_a_folder_that_may_not_be_read_is_an_error_not_left_out(make_ws, monkeypatch):
    import os

    root = make_ws({"a.yaml": "roles: []\n", "locked/b.yaml": "roles: []\n"})
    scandir = os.scandir

    def refusing(path):
        if str(path).endswith("locked"):  # (the tests run as root, whom chmod does not stop)
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    with pytest.raises(UnreadableInputError, match=r"locked: the folder may not be read, so its files would be left "
                                                   r"out\n  Fix: give yourself read access"):
        load_workspace(root)


@pytest.mark.parametrize("name", ["loopy.yaml", "sub"])
def test_a_link_that_leads_round_in_a_loop_is_an_error_not_a_traceback(make_ws, name):
    root = make_ws({"a.yaml": "roles: []\n"})
    (root / name).symlink_to(name)
    with pytest.raises(UnreadableInputError, match=f"^{root / name}: the link leads round in a loop of links, so what "
                                                   "it stands for would be left out\n  Fix: point the link at") as info:
        load_workspace(root)
    assert info.value.exit_code == 2


def test_a_link_to_a_folder_that_is_not_there_is_an_error_not_left_out(make_ws, tmp_path):
    """A workspace linking a shared folder of YAML files (a network drive not connected today) was read without it,
    and its entries were missing without a word; a link to a missing file of another kind stays no concern."""
    root = make_ws({"a.yaml": "roles: []\n"})
    (root / "plan").symlink_to(tmp_path / "nowhere" / "plan.pdf")
    load_workspace(root)
    gone = tmp_path / "nowhere" / "faelles"
    (root / "faelles").symlink_to(gone)
    with pytest.raises(UnreadableInputError, match=f"^{root / 'faelles'}: a link to {gone}, which does not exist") \
            as info:
        load_workspace(root)
    assert info.value.exit_code == 2


def test_a_yaml_file_saved_with_txt_after_its_name_is_an_error_not_left_out(make_ws):
    root = make_ws({"a.yaml": "roles: []\n", "forums/viborg.yaml.txt": "forums: []\n", "b.YML.txt": "roles: []\n",
                    "README.txt": "x\n", "data.xlsx": "x\n", "_old.yaml.txt": "x\n"})
    with pytest.raises(UnreadableInputError) as info:
        load_workspace(root)
    left_out = ": the name ends in .txt, so the file is not read as YAML and its entries would be left out"
    assert str(info.value).splitlines() == [
        f"{root / 'b.YML.txt'}{left_out}",
        "  Fix: rename it to b.YML (Notepad adds .txt unless \"Save as type\" is \"All files\"), or put '_' before its "
        "name to leave it out on purpose",
        f"{root / 'forums' / 'viborg.yaml.txt'}{left_out}",
        "  Fix: rename it to viborg.yaml (Notepad adds .txt unless \"Save as type\" is \"All files\"), or put '_' "
        "before its name to leave it out on purpose"]
    assert info.value.exit_code == 2
    (root / "b.YML.txt").rename(root / "b.YML")
    (root / "forums" / "viborg.yaml.txt").rename(root / "forums" / "_viborg.yaml.txt")
    assert load_workspace(root).files == ["orgmodel.yaml", "a.yaml", "b.YML"]


def test_a_folder_of_yaml_without_a_manifest_beside_workspaces_is_refused(make_ws, tmp_path):
    from orgmodel.workspace import workspace_folders

    national = tmp_path / "national"
    (national / "a").mkdir(parents=True)
    (national / "a" / "orgmodel.yaml").write_text("name: A\n", encoding="utf-8")
    (national / "b").mkdir()
    (national / "b" / "Orgmodel.yaml").write_text("name: B\n", encoding="utf-8")
    (national / "b" / "forums.yaml").write_text("forums: []\n", encoding="utf-8")
    (national / "_old").mkdir()
    (national / "_old" / "x.yaml").write_text("forums: []\n", encoding="utf-8")
    with pytest.raises(UnreadableInputError, match=f"^{national / 'b'}: YAML files in a folder without "
                                                   "orgmodel.yaml, beside the workspaces in"):
        workspace_folders([national])
    (national / "b").rename(national / "_b")
    assert workspace_folders([national]) == [national / "a"]


def test_what_a_national_folder_would_leave_out_is_refused_and_what_holds_no_yaml_is_ignored(tmp_path):
    """Districts grouped by region, a district whose YAML sits only in a subfolder and a YAML file at the top were
    left out without a word; a folder of workspaces given as well is read."""
    from orgmodel.workspace import workspace_folders

    national = tmp_path / "national"
    for name in ["fyn/orgmodel.yaml", "sjaelland/koebenhavn/orgmodel.yaml", "nordjylland/forums/forums.yaml",
                 "faelles.yaml", "out/fyn/index.html", ".github/workflows/orgmodel.yml", ".pre-commit-config.yaml",
                 "_old/x/orgmodel.yaml", "README.txt"]:
        (national / name).parent.mkdir(parents=True, exist_ok=True)
        (national / name).write_text("name: X\n", encoding="utf-8")
    with pytest.raises(UnreadableInputError) as info:
        workspace_folders([national])
    assert str(info.value).splitlines() == [
        f"{national / 'sjaelland'}: a folder of workspaces inside {national}, whose workspaces are read only from the "
        "folders directly below it, so they would be left out",
        f"  Fix: give that folder as well, as in `orgmodel check {national} {national / 'sjaelland'}`, or put '_' "
        "before its name to leave it out on purpose",
        f"{national / 'nordjylland'}: YAML files in a folder without orgmodel.yaml, beside the workspaces in "
        f"{national}, so they would be left out",
        "  Fix: give the folder its orgmodel.yaml (`orgmodel init --kreds KREDS FOLDER` writes one), or put '_' before "
        "its name to leave it out on purpose",
        f"{national / 'faelles.yaml'}: YAML files directly in {national}, which is no workspace but holds workspaces "
        "in its folders, so they would be left out",
        "  Fix: move each into the workspace it belongs to (the other workspaces may refer to its entries), or put '_' "
        "before its name to leave it out on purpose; a file that is no workspace's (a tool's settings) may stay if "
        f"you give the workspaces themselves: `orgmodel check {national / 'KREDS1'} {national / 'KREDS2'}`"]
    (national / "nordjylland").rename(national / "_nordjylland")
    (national / "faelles.yaml").rename(national / "fyn" / "faelles.yaml")
    assert workspace_folders([national, national / "sjaelland"]) == [national / "fyn",
                                                                     national / "sjaelland" / "koebenhavn"]
    (national / "sjaelland").rename(national / "_sjaelland")
    assert workspace_folders([national]) == [national / "fyn"]



def test_a_workspace_a_level_deeper_through_a_link_is_refused_as_a_folder_is(tmp_path):
    """`national/region/k2` a link to a workspace was left out without a word (the look below did not follow links,
    as the reading of a workspace does); a link that leads back up is looked into once."""
    from orgmodel.workspace import workspace_folders

    national = tmp_path / "national"
    for manifest in (national / "fyn" / "orgmodel.yaml", tmp_path / "elsewhere" / "k2" / "orgmodel.yaml"):
        manifest.parent.mkdir(parents=True)
        manifest.write_text("name: X\n", encoding="utf-8")
    (national / "region").mkdir()
    (national / "region" / "k2").symlink_to(tmp_path / "elsewhere" / "k2", target_is_directory=True)
    (national / "region" / "up").symlink_to(national / "region", target_is_directory=True)
    with pytest.raises(UnreadableInputError, match=f"^{national / 'region'}: a folder of workspaces inside"):
        workspace_folders([national])


def test_a_workspace_inside_another_given_with_it_is_refused(tmp_path):
    from orgmodel.workspace import workspace_folders

    (tmp_path / "mvj" / "fyn").mkdir(parents=True)
    (tmp_path / "mvj" / "orgmodel.yaml").write_text("name: M\n", encoding="utf-8")
    (tmp_path / "mvj" / "fyn" / "orgmodel.yaml").write_text("name: F\n", encoding="utf-8")
    with pytest.raises(UnreadableInputError, match=f"^{tmp_path / 'mvj' / 'fyn'}: the workspace lies inside the "
                                                   f"workspace {tmp_path / 'mvj'}, whose files include its files"):
        workspace_folders([tmp_path / "mvj", tmp_path / "mvj" / "fyn"])


def test_a_date_that_is_no_day_of_the_calendar_is_an_error_of_its_entry_not_of_the_file(make_ws):
    root = make_ws({"a.yaml": "roles:\n  - id: a\n    title: 2026-02-30\n    valid_from: 2026-02-29\n"
                              "  - id: b\n    title: B\n    valid_to: 2025-09-31\n"})
    ws = load_workspace(root)
    assert [(p.location, p.message) for p in ws.problems] == [
        ("a.yaml:4", "'valid_from' of role 'a' must be a date, and '2026-02-29' is no day of the calendar"),
        ("a.yaml:7", "'valid_to' of role 'b' must be a date, and '2025-09-31' is no day of the calendar")]
    assert ws.records["a"].entity.title == "2026-02-30" and ws.records.keys() == {"a", "b"}


def test_a_key_written_beside_a_merge_key_overrides_the_merged_one():
    from orgmodel.workspace.yamlfile import parse_yaml

    text = "forums:\n  - &base\n    id: a\n    type: ssp\n  - <<: *base\n    id: b\n"
    assert parse_yaml(text, "a.yaml") == {"forums": [{"id": "a", "type": "ssp"}, {"id": "b", "type": "ssp"}]}
    with pytest.raises(UnreadableInputError, match="a.yaml:7: the key 'id' appears twice in the same block"):
        parse_yaml(text + "    id: c\n", "a.yaml")


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_a_character_yaml_reads_as_a_line_break_is_refused_at_its_line(make_ws, char):
    """PyYAML (YAML 1.1) counted it as a line break, an editor does not: every later finding pointed a line too far,
    and in a quoted text it turned into a space."""
    from orgmodel.errors import UnreadableInputError
    from orgmodel.workspace import load_workspace

    root = make_ws({"roles.yaml": f"# kopieret tekst\nroles:\n  - id: r\n    title: 'Chef{char}politi'\n"})
    with pytest.raises(UnreadableInputError, match=rf"^roles\.yaml:4: the text holds the character "
                                                  rf"U\+{ord(char):04X} \("):
        load_workspace(root)


@pytest.mark.parametrize("made,said", [
    ("orgmodel.yaml.txt", "'orgmodel.yaml.txt', whose name is not orgmodel.yaml (a suffix .txt, or capitals)"),
    ("Orgmodel.yaml", "'Orgmodel.yaml', whose name is not orgmodel.yaml (a suffix .txt, or capitals)"),
    ("link", "'orgmodel.yaml' is a link to gone.yaml, which does not exist"),
])
def test_a_manifest_named_all_but_right_is_named_not_said_missing(tmp_path, made, said):
    """A user told "no orgmodel.yaml" looks for the file they can see; the error names it."""
    from orgmodel.workspace import workspace_folders

    if made == "link":
        (tmp_path / "orgmodel.yaml").symlink_to("gone.yaml")
    else:
        (tmp_path / made).write_text("name: X\n", encoding="utf-8")
    for given in ([tmp_path], [tmp_path / "."]):
        with pytest.raises(UnreadableInputError) as info:
            workspace_folders(given)
        assert str(info.value).startswith(f"{given[0]}: no orgmodel.yaml in this folder, but {said}\n"
                                          "  Fix: rename or point it so that the folder holds a file named exactly "
                                          "orgmodel.yaml"), str(info.value)
