"""The workspace cache: warm loads equal cold ones, and any change to a file is seen."""

import json
import os
import pickle

import pytest

from orgmodel.cli import cli
from orgmodel.workspace import cache, open_workspace

ORG = """\
organisations:
  - id: a
    name: Alpha
    category: kommune
    area: bornholm
"""


def _no_cold_load(monkeypatch):
    def fail(path):
        raise AssertionError("loaded from the files although the cache was valid")

    monkeypatch.setattr(cache, "load_workspace", fail)


def _dump(ws):
    return ({k: (r.kind, r.entity, r.file, r.line) for k, r in ws.records.items()},
            ws.problems, ws.manifest, ws.files)


def test_warm_load_comes_from_the_cache_and_equals_the_cold_one(make_ws, cache_dir, monkeypatch):
    root = make_ws({"orgs.yaml": ORG, "bad.yaml": "roles:\n  - id: r\n    title: 3\n    colour: red\n"})
    cold = open_workspace(root)
    assert len(list(cache_dir.glob("*.pickle"))) == 1
    _no_cold_load(monkeypatch)
    warm = open_workspace(root / "orgmodel.yaml")
    assert _dump(warm) == _dump(cold)
    assert warm.problems, "the example has a problem, which the cache must keep"


def test_an_upgraded_library_makes_the_cache_stale(make_ws, cache_dir, monkeypatch):
    """The load's messages are pydantic's words: after an upgrade, a stored load would show the old ones."""
    root = make_ws({"orgs.yaml": ORG})
    open_workspace(root)
    loads, real = [], cache.load_workspace
    monkeypatch.setattr(cache, "load_workspace", lambda *args: loads.append(args) or real(*args))
    open_workspace(root)
    assert loads == []
    monkeypatch.setattr(cache, "library_stamp", lambda: "pydantic_core:/elsewhere:1:2")
    open_workspace(root)
    assert len(loads) == 1


def test_warm_models_share_their_fields_sets_and_stay_apart(make_ws, cache_dir):
    """Models with the same fields set share one set, after a cold load (kept once) and after a warm one
    (read back once); a copy with changes gets its own, and the others keep theirs."""
    second = ORG.replace("id: a", "id: b").replace("organisations:\n", "")
    root = make_ws({"orgs.yaml": ORG + second})
    cold = open_workspace(root)
    assert cold.records["a"].entity.model_fields_set is cold.records["b"].entity.model_fields_set
    warm = open_workspace(root)
    a, b = warm.records["a"].entity, warm.records["b"].entity
    assert a.model_fields_set is b.model_fields_set
    changed = a.model_copy(update={"short_name": "A"})
    assert "short_name" in changed.model_fields_set and "short_name" not in b.model_fields_set
    assert b.model_dump(exclude_unset=True) == {"id": "b", "name": "Alpha", "category": "kommune",
                                                "area": "bornholm"}


def test_a_changed_file_is_read_again(make_ws, cache_dir):
    root = make_ws({"orgs.yaml": ORG})
    assert open_workspace(root).records["a"].entity.name == "Alpha"
    path = root / "orgs.yaml"
    stat = path.stat()
    path.write_text(ORG.replace("Alpha", "Alphb"), encoding="utf-8")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert open_workspace(root).records["a"].entity.name == "Alphb"


def test_a_new_or_removed_file_is_seen(make_ws, cache_dir):
    root = make_ws({"orgs.yaml": ORG})
    open_workspace(root)
    (root / "more.yaml").write_text(ORG.replace("id: a", "id: b"), encoding="utf-8")
    assert sorted(open_workspace(root).records) == ["a", "b"]
    (root / "orgs.yaml").unlink()
    assert sorted(open_workspace(root).records) == ["b"]


def test_the_cache_can_be_turned_off(make_ws, cache_dir, monkeypatch):
    monkeypatch.setenv("ORGMODEL_CACHE", "off")
    open_workspace(make_ws({"orgs.yaml": ORG}))
    assert not cache_dir.exists()


def test_an_unusable_cache_folder_is_ignored(make_ws, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("ORGMODEL_CACHE_DIR", str(blocker / "cache"))
    assert "a" in open_workspace(make_ws({"orgs.yaml": ORG})).records


@pytest.mark.parametrize("spoil", ["garbage", "other-stamp", "group-writable"])
def test_a_spoilt_cache_file_is_not_trusted(make_ws, cache_dir, spoil):
    root = make_ws({"orgs.yaml": ORG})
    open_workspace(root)
    (entry,) = cache_dir.glob("*.pickle")
    fake = make_ws({"orgs.yaml": ORG.replace("Alpha", "Forged")})
    forged = open_workspace(fake)
    if spoil == "garbage":
        entry.write_bytes(b"\x80\x05not a pickle")
    elif spoil == "other-stamp":
        entry.write_bytes(pickle.dumps(b"stamp") + pickle.dumps(forged))
    else:
        stamp = pickle.loads(entry.read_bytes())
        entry.write_bytes(pickle.dumps(stamp) + pickle.dumps(forged))
        entry.chmod(0o664)
    assert open_workspace(root).records["a"].entity.name == "Alpha"


def test_the_cli_uses_the_cache(make_ws, cache_dir, runner):
    root = make_ws({"orgs.yaml": ORG})
    first = runner.invoke(cli, ["show", "a", "-w", str(root)], catch_exceptions=False)
    assert list(cache_dir.glob("*.pickle"))
    second = runner.invoke(cli, ["show", "a", "-w", str(root)], catch_exceptions=False)
    assert (first.exit_code, first.output) == (second.exit_code, second.output)
    assert "Alpha" in second.output


def test_no_output_depends_on_the_folder_it_is_run_from(make_ws, cache_dir, runner, monkeypatch, tmp_path):
    """One cache, the same workspace named from two folders (relative, absolute, '.'): the same text, JSON
    and SARIF, with the lines of keys inside entries; JSON names the workspace as it was given."""
    root = make_ws({"orgs.yaml": ORG.replace("area: bornholm", "area: bornholmm")})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    runs = [(root.parent, root.name), (elsewhere, str(root)), (root, ".")]
    outputs = []
    for folder, given in runs:
        monkeypatch.chdir(folder)
        outputs.append({fmt: runner.invoke(cli, ["check", given, "--today", "2026-11-22", "--format", fmt],
                                           catch_exceptions=False) for fmt in ("text", "json", "sarif")})
        assert list(cache_dir.glob("*.pickle"))
    first = outputs[0]
    assert "orgs.yaml:5  a: unknown area 'bornholmm'" in first["text"].output
    for (_, given), out in zip(runs, outputs, strict=True):
        assert {fmt: r.exit_code for fmt, r in out.items()} == {"text": 1, "json": 1, "sarif": 1}
        assert out["text"].output == first["text"].output
        data = json.loads(out["json"].output)
        assert data.pop("workspace") == given
        assert data == {k: v for k, v in json.loads(first["json"].output).items() if k != "workspace"}
        assert out["sarif"].output == first["sarif"].output
    sarif = json.loads(first["sarif"].output)["runs"][0]
    assert sarif["originalUriBaseIds"]["WORKSPACE"]["uri"] == root.resolve().as_uri() + "/"
