"""Assumed coverage: what a council or forum is taken to cover when its ``covers`` names no ages or groups.

A type's defaults are assumptions, not facts about a body: kommuner run the same
type of forum for very different ages (SSP: København 10-18, Helsingør 0-25).
They come from the workspace's ``coverage_defaults`` in orgmodel.yaml, else from
the vocabulary (``ages``, ``groups`` of the type), and every output marks them
as assumed.

>>> from orgmodel.model import Manifest, builtin_vocabulary
>>> vocab = builtin_vocabulary()
>>> assumed_coverage(vocab, Manifest(name="x"), "forum", "ssp-plus", None)
AssumedCoverage(ages=('18-25',), groups=('unge-voksne',), ages_origin='type', groups_origin='type')
>>> ws = Manifest(name="x", coverage_defaults={"ssp-plus": {"ages": "16-25"}})
>>> assumed_coverage(vocab, ws, "forum", "ssp-plus", None).ages_origin
'workspace'
"""

from typing import NamedTuple

from .schema import Manifest
from .vocabulary import Terms

DIMENSIONS = ("ages", "groups")
"""The parts of ``covers`` a type gives defaults for (crime types have none)."""


class AssumedCoverage(NamedTuple):
    """The ages (range texts) and person groups a body is assumed to cover, and where each comes from:
    ``workspace`` (orgmodel.yaml's ``coverage_defaults``) or ``type`` (the vocabulary); ``None`` when
    nothing is assumed for that part."""

    ages: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    ages_origin: str | None = None
    groups_origin: str | None = None

    @property
    def dimensions(self) -> tuple[str, ...]:
        """The parts that are assumed: ``("ages",)``, ``("groups",)``, both or none."""
        return tuple(d for d in DIMENSIONS if getattr(self, d))


def type_defaults(vocabulary: Terms, manifest: Manifest, kind: str, type_: str | None) -> AssumedCoverage:
    """The defaults of a council or forum type, the workspace's before the vocabulary's, part by part."""
    term = vocabulary.body_type(kind, type_) if type_ else None
    own = manifest.coverage_defaults.get(type_) if type_ else None
    parts: dict[str, tuple] = {}
    for dimension in DIMENSIONS:
        written = getattr(own, dimension) if own is not None else None
        if written is not None:
            parts[dimension] = (tuple(written), "workspace")
            continue
        values: list[str] = []
        if term is not None:
            values = ([term.ages] if term.ages else []) if dimension == "ages" else list(term.groups)
        parts[dimension] = (tuple(values), "type")
    return AssumedCoverage(parts["ages"][0], parts["groups"][0],
                           parts["ages"][1] if parts["ages"][0] else None,
                           parts["groups"][1] if parts["groups"][0] else None)


def assumed_coverage(vocabulary: Terms, manifest: Manifest, kind: str, type_: str | None,
                     covers) -> AssumedCoverage:
    """What a body of ``kind`` and ``type_`` with ``covers`` (or ``None``) is assumed to cover:
    the type's defaults for each part its ``covers`` leaves empty."""
    defaults = type_defaults(vocabulary, manifest, kind, type_)
    keep_ages = not (covers is not None and covers.ages)
    keep_groups = not (covers is not None and covers.groups)
    return AssumedCoverage(defaults.ages if keep_ages else (), defaults.groups if keep_groups else (),
                           defaults.ages_origin if keep_ages else None,
                           defaults.groups_origin if keep_groups else None)
