"""Whether an edited file still says what it said: only comment lines and blank lines changed, in place.

A check of a workspace is stored (:mod:`orgmodel.check.cache`) under the contents of its files. An
edit that only adds or changes a comment, or blanks a line, leaves every value and every key on the
line it had, so the stored check still holds. Such a file keeps its *version*: the digest of its
bytes when it last said something else. A workspace's :func:`versions_stamp` is made of those, so it
is the same before and after such an edit.

Two things must both hold for a file to keep its version (:func:`keeps_version`): its entries, problems
and invalid ids, as the load made them, are equal to what the stored version gave (so a comment-like
line inside a block text, which is text, counts as a change); and every line that is neither blank nor
a comment is the same and on the same line (:func:`layout_digest`), so the line of every key inside an
entry, which a finding may name, is too.
"""

import hashlib
import re

_TRIVIA = re.compile(rb"^[ \t]*(?:#[^\n]*)?$", re.MULTILINE)


def layout_digest(raw: bytes) -> bytes:
    """A digest of the bytes of a file with its comment lines and blank lines emptied, and none at the end.

    >>> layout_digest(b"a: 1\\n# note\\nb: 2\\n") == layout_digest(b"a: 1\\n\\nb: 2\\n\\n# more\\n")
    True
    >>> layout_digest(b"a: 1\\nb: 2\\n") == layout_digest(b"a: 1\\n# note\\nb: 2\\n")
    False
    """
    return hashlib.sha256(_TRIVIA.sub(b"", raw).rstrip(b"\n")).digest()


def keeps_version(before: tuple | None, digest: bytes, log: list, todo: bool, layout: bytes) -> bytes:
    """The version of a file read again: that of ``before`` (its entry in the load's cache: digest, log,
    whether it mentions TODO, layout, version) when the file still says the same, else ``digest``."""
    if before is not None and len(before) == 5 and before[3] == layout and before[2] == todo and before[1] == log:
        return before[4]
    return digest


def versions_stamp(manifest: bytes, versions: list[tuple[str, bytes]]) -> bytes:
    """The stamp of a workspace from its manifest's bytes and each other file's name and version."""
    digest = hashlib.sha256(hashlib.sha256(manifest).digest())
    for name, version in versions:
        digest.update(f"\0{name}\0".encode() + version)
    return digest.digest()
