"""A workspace as it was at a git revision, or as it is in a folder.

``open_version("HEAD~1", "examples/x")`` reads the workspace folder
``examples/x`` as it was committed at ``HEAD~1``: its YAML files are taken
from git (``git ls-tree`` and ``git cat-file``, no shell, each call with a
time limit) into a temporary folder, loaded with the normal loader, and the
folder is removed again. An argument that is an existing folder (or a
manifest file) is read as it is; anything else is a revision.

>>> is_folder("examples/midt-og-vestjylland"), is_folder("HEAD~1")
(True, False)
"""

import os
import posixpath
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from orgmodel.errors import UnreadableInputError

from .loader import MANIFEST, Workspace, load_workspace

TIMEOUT = 60
"""Seconds any one git call may take."""

YAML_SUFFIXES = (".yaml", ".yml")
_REGULAR_FILES = (b"100644", b"100755")
_LINK = b"120000"
_SUBMODULE = b"160000"
_LFS_POINTER = b"version https://git-lfs.github.com/spec/"


@dataclass
class Version:
    """A loaded workspace and how to name it: the folder, or ``REVISION (short hash)``."""

    workspace: Workspace
    label: str


def is_folder(spec: str) -> bool:
    """Whether ``spec`` names a workspace on disk (a folder, or its ``orgmodel.yaml``)."""
    path = Path(spec)
    return path.is_dir() or (path.is_file() and path.name in (MANIFEST, "orgmodel.yml"))


def open_version(spec: str, workspace: Path | str = ".", timeout: float = TIMEOUT) -> Version:
    """The workspace named by ``spec``: a folder as it is, else ``workspace`` at git revision ``spec``."""
    if is_folder(spec):
        from .cache import open_workspace

        return Version(open_workspace(spec), spec)
    repo = _Repository(Path(workspace), spec, timeout)
    commit = repo.commit(spec)
    label = commit[:7] if len(spec) >= 4 and commit.startswith(spec.lower()) else f"{spec} ({commit[:7]})"
    repo.require_workspace(commit, label)
    with tempfile.TemporaryDirectory(prefix="orgmodel-revision-") as tmp:
        repo.extract(commit, Path(tmp))
        try:
            loaded = load_workspace(tmp)
        except UnreadableInputError as exc:
            raise UnreadableInputError(f"in {label} of {repo.shown}: {exc.problem}", exc.fix) from None
    return Version(loaded, label)


class _Repository:
    """The git repository around a workspace folder, and the folder's path inside it."""

    def __init__(self, workspace: Path, spec: str, timeout: float):
        self.timeout = timeout
        self.spec = spec
        if workspace.name in (MANIFEST, "orgmodel.yml") and workspace.is_file():
            workspace = workspace.parent
        self.shown = workspace.as_posix()
        absolute = Path(os.path.abspath(workspace))
        existing = next(p for p in (absolute, *absolute.parents) if p.is_dir())
        found = self._git(["rev-parse", "--show-toplevel"], cwd=existing, check=False)
        if found.returncode != 0:
            self._not_a_repository(found)
        self.top = Path(found.stdout.decode().strip())
        if not absolute.resolve().is_relative_to(self.top.resolve()):
            raise UnreadableInputError(f"{self.shown} is outside the git repository at {self.top}",
                                  "name a workspace folder inside the repository with -w DIR")
        self.path = PurePosixPath(absolute.resolve().relative_to(self.top.resolve()).as_posix())

    def _git(self, args: list[str], cwd: Path | None = None, stdin: bytes | None = None,
             check: bool = True) -> subprocess.CompletedProcess:
        env = {**os.environ, "LC_ALL": "C", "LANGUAGE": "C", "GIT_TERMINAL_PROMPT": "0"}
        try:
            done = subprocess.run(["git", *args], cwd=cwd or self.top, input=stdin, capture_output=True,
                                  timeout=self.timeout, env=env, check=False)
        except FileNotFoundError:
            raise UnreadableInputError(f"'{self.spec}' is not a folder, and git is not installed to read it as a "
                                  "revision", "install git (Debian/Ubuntu: apt-get install git), or give two "
                                  "workspace folders") from None
        except subprocess.TimeoutExpired:
            raise UnreadableInputError(f"git needed more than {self.timeout:g} s to read '{self.spec}'",
                                  "try again when the machine is less busy, or give two workspace folders") from None
        if check and done.returncode != 0:
            raise UnreadableInputError(f"git could not read '{self.spec}': {_last_line(done.stderr)}",
                                  "check the repository with `git status`, or give two workspace folders")
        return done

    def _not_a_repository(self, found: subprocess.CompletedProcess) -> None:
        message = _last_line(found.stderr)
        if "not a git repository" in message:
            raise UnreadableInputError(
                f"'{self.spec}' is not a folder, and {self.shown} is not inside a git repository, so it cannot "
                "be a revision either",
                "give two workspace folders, or run the command inside the git repository that holds the "
                "workspace (or name the workspace folder with -w DIR)")
        raise UnreadableInputError(f"git could not read the repository around {self.shown}: {message}",
                              "fix what git reports (try `git status` there), or give two workspace folders")

    def commit(self, spec: str) -> str:
        """The full hash of the commit ``spec`` names, or a clear error."""
        found = None if spec.startswith("-") else self._git(
            ["rev-parse", "--verify", f"{spec}^{{commit}}"], check=False)  # (not --quiet: it hides "ambiguous")
        if found is None or found.returncode != 0:
            raise UnreadableInputError(
                f"'{spec}' is neither a folder nor a revision of the git repository at {self.top}",
                "give an existing workspace folder, or a commit, branch or tag (see `git log --oneline`)")
        if b"ambiguous" in found.stderr:  # git warns, and picks one (a tag before a branch)
            raise UnreadableInputError(
                f"'{spec}' names more than one revision of the git repository at {self.top} (a tag and a branch, "
                "say), and git would pick one of them without a word",
                f"give the one you mean in full: refs/tags/{spec} or refs/heads/{spec}")
        return found.stdout.decode().strip()

    def _tree(self, commit: str) -> str:
        return f"{commit}:{self.path}" if str(self.path) != "." else f"{commit}^{{tree}}"

    def require_workspace(self, commit: str, label: str) -> None:
        """Raise unless the workspace folder, with its manifest, exists at ``commit``."""
        kind = self._git(["cat-file", "-t", self._tree(commit)], check=False).stdout.decode().strip()
        if kind != "tree":
            raise UnreadableInputError(
                f"the workspace folder '{self.path}' does not exist at revision {label}",
                f"pick a revision where it exists (`git log --oneline -- {shlex.quote(str(self.path))}`), or name "
                "the workspace folder with -w DIR")
        names = self._git(["ls-tree", "--name-only", "-z", self._tree(commit)]).stdout.split(b"\0")
        if not {MANIFEST.encode(), b"orgmodel.yml"} & set(names):
            raise UnreadableInputError(
                f"the folder '{self.path}' at revision {label} has no {MANIFEST}, so it is not an orgmodel "
                "workspace", f"name the folder that holds {MANIFEST} with -w DIR")

    def extract(self, commit: str, into: Path) -> list[Path]:
        """Write the workspace's YAML files at ``commit`` below ``into``; a symbolic link is read as the file it
        points to in the same revision, as a folder reads it (else a diff would call all its entries new)."""
        entries = []
        for entry in self._git(["ls-tree", "-r", "-z", self._tree(commit)]).stdout.split(b"\0"):
            meta, _, name = entry.partition(b"\t")
            parts = meta.split(b" ")
            relative = PurePosixPath(os.fsdecode(name))
            if len(parts) == 3 and parts[0] == _SUBMODULE:
                raise UnreadableInputError(
                    f"{relative} at '{self.spec}' is a git submodule: the revision holds the commit it points to, "
                    "not its files, so the workspace's entries there would be left out",
                    "compare two folders instead: check out both versions (e.g. with `git worktree add` and `git "
                    "submodule update`) and give the folders as OLD and NEW")
            if len(parts) == 3 and parts[0] == _LINK and relative.suffix.lower() not in YAML_SUFFIXES \
                    and not any(part.startswith((".", "_")) for part in relative.parts) \
                    and self._links_to_folder(commit, self.path / relative, parts[2].decode()):
                raise UnreadableInputError(
                    f"{relative} at '{self.spec}' is a link to a folder, which the working folder reads but a revision "
                    "does not: its files would be left out", "compare two folders instead: check out both versions "
                    "(e.g. with `git worktree add`) and give the folders as OLD and NEW")
            if len(parts) == 3 and parts[0] in (*_REGULAR_FILES, _LINK) and relative.suffix.lower() in YAML_SUFFIXES \
                    and ".." not in relative.parts and not relative.is_absolute():
                oid = parts[2].decode()
                entries.append((self._linked(commit, self.path / relative, oid) if parts[0] == _LINK else oid,
                                relative))
        if not entries:
            return []
        batch = self._git(["cat-file", "--batch"], stdin=b"".join(f"{oid}\n".encode() for oid, _ in entries))
        written, data, offset = [], batch.stdout, 0
        for _, relative in entries:
            header_end = data.index(b"\n", offset)
            header = data[offset:header_end].split(b" ")
            if len(header) != 3:
                raise UnreadableInputError(f"git could not read {relative} at '{self.spec}': the object is missing",
                                      "fetch the whole history (`git fetch --unshallow`), or give two folders")
            size = int(header[2])
            content = data[header_end + 1:header_end + 1 + size]
            if content.startswith(_LFS_POINTER):
                raise UnreadableInputError(
                    f"{relative} at '{self.spec}' is stored in Git LFS: the revision holds a pointer to the file, "
                    "not the file", "compare two folders instead: check out both versions (git lfs fetches the "
                    "files) and give the folders as OLD and NEW")
            target = into.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            written.append(target)
            offset = header_end + 1 + size + 1
        return written


    def _links_to_folder(self, commit: str, link: PurePosixPath, oid: str) -> bool:
        """Whether the symbolic link ``link`` (its object ``oid``) points to a folder: of the repository at
        ``commit``, or, leading out of it, on the disk now (which the working folder reads)."""
        target = self._git(["cat-file", "blob", oid]).stdout.decode("utf-8", "surrogateescape")
        resolved = posixpath.normpath(posixpath.join(str(link.parent), target))
        if target.startswith("/") or resolved == ".." or resolved.startswith("../"):
            return os.path.isdir(os.path.join(self.top, resolved))
        kind = self._git(["cat-file", "-t", f"{commit}:{resolved}"], check=False).stdout.decode().strip()
        return kind == "tree"

    def _linked(self, commit: str, link: PurePosixPath, oid: str, hops: int = 8) -> str:
        """The object of the file the symbolic link ``link`` (a path in the repository, its object ``oid``) points
        to at ``commit``; a clear error for a link that leads out of the repository or to nothing."""
        target = self._git(["cat-file", "blob", oid]).stdout.decode("utf-8", "surrogateescape")
        resolved = posixpath.normpath(posixpath.join(str(link.parent), target))
        if target.startswith("/") or resolved == ".." or resolved.startswith("../") or hops == 0:
            raise UnreadableInputError(f"{link} at '{self.spec}' is a link to {target}, which is outside the "
                                       "repository, so git does not hold it at that revision",
                                       "keep the file itself in the repository, or give two workspace folders")
        found = self._git(["ls-tree", "-z", commit, "--", resolved], check=False).stdout.split(b"\0")[0]
        meta = found.partition(b"\t")[0].split(b" ")
        if len(meta) != 3 or meta[0] not in (*_REGULAR_FILES, _LINK):
            raise UnreadableInputError(f"{link} at '{self.spec}' is a link to {target}, which that revision does "
                                       "not hold", "commit the file the link points to, or give two workspace "
                                       "folders")
        next_oid = meta[2].decode()
        return self._linked(commit, PurePosixPath(resolved), next_oid, hops - 1) if meta[0] == _LINK else next_oid


def _last_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1].removeprefix("fatal: ") if lines else "unknown error"



@dataclass(frozen=True)
class Revision:
    """The last git commit that changed a workspace folder: its full hash and commit time (Unix seconds)."""

    commit: str
    committed: int


def last_revision(folder: Path | str, timeout: float = TIMEOUT) -> Revision | None:
    """The last commit that changed ``folder``, or ``None`` outside git (or without git installed).

    >>> last_revision("/") is None
    True
    """
    env = {**os.environ, "LC_ALL": "C", "LANGUAGE": "C", "GIT_TERMINAL_PROMPT": "0"}
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%H %ct", "--", "."], cwd=Path(folder),
                              capture_output=True, timeout=timeout, env=env, check=False)
    except (FileNotFoundError, NotADirectoryError, subprocess.TimeoutExpired):
        return None
    found = done.stdout.decode().split()
    if done.returncode != 0 or len(found) != 2:
        return None
    return Revision(found[0], int(found[1]))
