"""Integrity rules: the workspace must make sense as data before anything else."""

from orgmodel import graph as g
from orgmodel.didyoumean import suggest
from orgmodel.model import (
    AREAS,
    REFERENCES,
    SECTION_NAMES,
    area_suggestion,
    builtin_vocabulary,
    cite,
    lookup_area,
    parse_age_range,
    with_article,
)
from orgmodel.queries import scope

from . import RULES, Issue, rule
from .context import first_occurrences


@rule("id.duplicate", "integrity", "error", "The same id is used twice")
def duplicate_ids(ctx):
    for dup, first in ctx.ws.duplicates:
        yield Issue(dup.id, f"the id '{dup.id}' of the {first.kind} at {first.file}:{first.line} is used again "
                    f"by the {dup.kind} at {dup.file}:{dup.line}",
                    "give one of them another id; ids must be unique in the workspace", "id")
    for record in ctx.ws.records.values():
        if record.id in AREAS:
            area = AREAS[record.id]
            yield Issue(record.id, f"the id '{record.id}' is the built-in id of {area.kind} {area.name}",
                        f"choose another id, e.g. '{record.id}-{record.kind}'", "id")


@rule("ref.dangling", "integrity", "error", "A reference names an id that does not exist")
def dangling_references(ctx):
    known = ctx.ws.records
    for record, ref, index, target in ctx.bad_references:
        if target not in known and target not in ctx.ws.invalid_ids:
            hint = suggest(target, known)
            if not hint and target in AREAS:
                hint = f" '{target}' is an area; areas belong in 'area:'."
            yield Issue(record.id, f"'{ref.field}' names '{target}', which does not exist.{hint}",
                        "correct the id, or add an entry with this id", ref.field, index)


@rule("ref.wrong-kind", "integrity", "error", "A reference points to the wrong kind of entity")
def wrong_kind_references(ctx):
    known = ctx.ws.records
    for record, ref, index, target in ctx.bad_references:
        if target in known and known[target].kind not in ref.kinds:
            allowed = " or ".join(ref.kinds)
            yield Issue(record.id, f"'{ref.field}' names '{target}', which is {with_article(known[target].kind)}; "
                        f"'{ref.field}' of {with_article(record.kind)} must name {with_article(allowed)}",
                        f"name {with_article(allowed)} here", ref.field, index)


@rule("ref.not-valid", "integrity", "warning", "A reference names an entry that is not valid on the date checked")
def references_not_valid(ctx):
    """A reference of an entry valid on the date to one that has ended or not begun (a dated seat not held that day
    is fine): the rules judge the entry without it, so a forum under a lokalråd that has ended sits under none, and
    a kredsråd whose chair's role has ended has no chair."""
    if ctx.G is ctx.G_all:
        return  # every entry is valid on the date
    records, nodes, day = ctx.ws.records, ctx.G.nodes, ctx.as_of
    for record in records.values():
        if record.id not in nodes:
            continue
        for ref in REFERENCES[record.kind]:
            value = record.get(ref.field)
            if value is None:
                continue
            if ref.many:
                named = [(index, item if isinstance(item, str) else ref.ids((item,))[0]) for index, item in
                         enumerate(value) if isinstance(item, str) or ref.field != "members"
                         or g.is_active_seat(item, day)]  # a dated seat not held that day is no reference then
            else:
                named = [(None, target) for target in ([value] if isinstance(value, str) else ref.ids(value))]
            for index, target in _first_of_each(named):  # an id written twice is one problem
                if target in records and target not in nodes and records[target].kind in ref.kinds:
                    yield _not_valid(records[target], ref.field, index, record.id, day)


def _first_of_each(named: list[tuple[int | None, str]]) -> list[tuple[int | None, str]]:
    """(index, id) pairs with only the first of each id.

    >>> _first_of_each([(0, "a"), (1, "b"), (2, "a")])
    [(0, 'a'), (1, 'b')]
    """
    first: dict[str, int | None] = {}
    for index, target in named:
        first.setdefault(target, index)
    return [(index, target) for target, index in first.items()]


def _not_valid(target, field: str, index: int | None, entity: str, day) -> Issue:
    ends, starts = target.entity.valid_to, target.entity.valid_from
    if ends is not None and ends < day:
        return Issue(entity, f"'{field}' names '{target.id}', which ended {ends.isoformat()}, before "
                     f"{day.isoformat()}; the rules judge this entry without it",
                     "name the entry that took its place, or end this one too ('valid_to:')", field, index)
    return Issue(entity, f"'{field}' names '{target.id}', which begins {starts.isoformat() if starts else ''}, after "
                 f"{day.isoformat()}; the rules judge this entry without it",
                 "give this entry the same 'valid_from:', or name the entry valid today", field, index)


@rule("ref.cycle", "integrity", "error", "Entities refer to each other in a loop")
def cycles(ctx):
    G = ctx.G_all
    on_loops = _edges_on_paths_to_loops(g.hierarchy_edges(G))
    if not on_loops:  # as nearly always: then networkx is not imported for nothing
        return
    import networkx as nx

    hierarchy = nx.DiGraph()
    hierarchy.add_edges_from(on_loops)
    for component in nx.strongly_connected_components(hierarchy):
        if len(component) == 1 and not hierarchy.has_edge(*(2 * tuple(component))):
            continue
        start = min(component)
        loop = nx.find_cycle(hierarchy.subgraph(component), start)
        path = " → ".join([u for u, _ in loop] + [start])
        keys = sorted({k for u, v in loop for k in dict(g.edges_from(G, u))[v]})
        yield Issue(start, f"{path} form a loop through {', '.join(keys)}",
                    "break the loop: one of them must sit above the others", keys[0])


def _edges_on_paths_to_loops(edges: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The edges left after peeling off, again and again, every node that leads nowhere.

    A hierarchy is mostly a forest; peeling it costs one look at each edge and
    leaves only loops and the paths into them for the slower search.

    >>> _edges_on_paths_to_loops([("a", "b"), ("b", "c"), ("x", "y"), ("y", "x"), ("z", "x")])
    [('x', 'y'), ('y', 'x'), ('z', 'x')]
    """
    successors: dict[str, int] = {}
    predecessors: dict[str, list[str]] = {}
    for u, v in edges:
        successors[u] = successors.get(u, 0) + 1
        predecessors.setdefault(v, []).append(u)
    peeled = [v for v in predecessors if v not in successors]
    done = set(peeled)
    while peeled:
        for u in predecessors.get(peeled.pop(), ()):
            successors[u] -= 1
            if successors[u] == 0:
                done.add(u)
                peeled.append(u)
    return [(u, v) for u, v in edges if u not in done and v not in done]


@rule("area.unknown", "integrity", "error", "An area is not a known politikreds or kommune")
def unknown_areas(ctx):
    known: set[str] = set()  # the texts found to name an area: most entries write one of a few
    for record in ctx.ws.records.values():
        area = record.entity.__dict__.get("area")
        if area is None or area in known:
            continue
        if lookup_area(area) is not None:
            if type(area) is str:
                known.add(area)
        else:
            yield Issue(record.id, f"unknown area '{area}'.{area_suggestion(area)}",
                        "use an area id, name or code from `orgmodel areas`", "area")


@rule("scope.unknown-area", "integrity", "error",
      "The scope lists an area that is unknown, or a kommune as a politikreds (or the reverse), or none")
def scope_areas(ctx):
    """Without this, a misspelt district in the scope leaves every law rule and gap with nothing to look at. The
    scope as written is judged: of several workspaces read as one, a part without one is seen with the scope its
    own entries give, which is empty for a workspace of national units alone (and no error)."""
    for problem in scope.scope_problems(_written_manifest(ctx.ws)):
        yield Issue("", problem.message, problem.fix, f"scope.{problem.section}".rstrip("."),
                    problem.index if problem.section else None)


def _written_manifest(ws):
    """The manifest as its file writes it: of a part of several workspaces read as one, the part's own."""
    whole = ws.whole
    if whole is None:
        return ws.manifest
    return next((part.manifest for name, part in whole.parts.items()
                 if f"{name}/{part.manifest_file}" == ws.manifest_file), ws.manifest)


@rule("area.wrong-kind", "integrity", "error", "A council's area is missing or of the wrong kind")
def council_areas(ctx):
    vocab = ctx.ws.vocabulary
    for record in ctx.ws.of_kind("council"):
        term = vocab.body_type("council", record.entity.type)
        if term is None or term.area_kind is None:
            continue
        area = g.written_area(ctx.ws, record)
        if record.entity.area is None:
            yield Issue(record.id, f"the {term.da.lower()} has no area",
                        f"add 'area:' with the {term.area_kind} it serves", "type")
        elif area is not None and AREAS[area].kind != term.area_kind:
            yield Issue(record.id, f"{with_article(term.da.lower())} serves a {term.area_kind}, but its area "
                        f"'{record.entity.area}' is a {AREAS[area].kind}",
                        f"set 'area:' to a {term.area_kind}", "area")


@rule("vocabulary.unknown-term", "integrity", "error", "A term is not in the vocabulary")
def unknown_terms(ctx):
    vocab = ctx.ws.vocabulary
    sections = vocab.sections  # the terms read in place: `vocab.has` per term cost a third of the rule
    for record, field, section, term in ctx.unusual_terms:
        if term not in sections[section]:
            yield _unknown_term(vocab, record.id, field, None, term, section)
    for record in ctx.entries_with("covers"):
        covers = record.entity.__dict__["covers"]
        for section in ("groups", "crimes"):
            terms, known = getattr(covers, section), sections[section]
            if all(term in known for term in terms):
                continue
            for index, term in first_occurrences(terms):
                if not vocab.has(section, term):
                    yield _unknown_term(vocab, record.id, f"covers.{section}", index, term, section)
    for record in ctx.entries_with("status"):
        for index, entry in enumerate(record.entity.__dict__["status"]):
            if not vocab.has("goal_statuses", entry.status):
                yield _unknown_term(vocab, record.id, "status", index, entry.status, "goal_statuses")


def _unknown_term(vocab, entity, field, index, term, section) -> Issue:
    name = SECTION_NAMES[section]
    hint = suggest(term, vocab[section])
    other = "forum_types" if section == "council_types" else "council_types"
    if section in ("council_types", "forum_types") and vocab.has(other, term):
        hint = f" '{term}' is {with_article(SECTION_NAMES[other])}; move the entry to '{other.split('_')[0]}s:'."
    return Issue(entity, f"unknown {name} '{term}'.{hint}",
                 f"use {with_article(name)} from the vocabulary (`orgmodel vocabulary {section}`), "
                 "or add it under 'vocabulary:' in orgmodel.yaml", field, index)


@rule("vocabulary.alias", "integrity", "info", "A term is an outdated or ambiguous name, read as its current term")
def alias_terms(ctx):
    """Terms with ``alias_of`` in the vocabulary (``uu-vejledning``, ``psykiatri``): where a workspace writes one."""
    vocab = ctx.ws.vocabulary
    sections = vocab.sections
    for record, field, section, term in ctx.unusual_terms:
        if getattr(sections[section].get(term), "alias_of", None) is None:
            continue  # an unknown term: vocabulary.unknown-term's
        if vocab.canonical(section, term) != term:
            name, state, fix = _alias_text(vocab, section, term)
            yield Issue(record.id, f"the {name} {state}", fix, field)
    for record in ctx.entries_with("covers"):
        covers = record.entity.__dict__["covers"]
        for section in ("groups", "crimes"):
            for index, term in first_occurrences(getattr(covers, section)):
                if getattr(sections[section].get(term), "alias_of", None) is not None \
                        and vocab.canonical(section, term) != term:
                    name, state, fix = _alias_text(vocab, section, term)
                    yield Issue(record.id, f"the {name} {state}", fix, f"covers.{section}", index)
    extension = ctx.ws.manifest.vocabulary
    for section in SECTION_NAMES:
        for term_id, term in (getattr(extension, section).items() if extension else ()):
            requirements = (term.partners.required + term.partners.recommended) if term.partners else []
            named = [term.parent] + [c for r in requirements for c in ([r] if isinstance(r, str) else r)]
            for category in dict.fromkeys(c for c in named if c and vocab.canonical("categories", c) != c):
                name, state, fix = _alias_text(vocab, "categories", category)
                key = "parent" if category == term.parent else "partners"
                yield Issue("", f"{SECTION_NAMES[section]} '{term_id}' names the {name}, which {state}", fix,
                            f"vocabulary.{section}.{term_id}.{key}")


def _alias_text(vocab, section: str, term: str) -> tuple[str, str, str]:
    """(name, state, fix) of an alias: what it is read as, since when, what else it may mean, and its source."""
    found = vocab[section][term]
    current = vocab.canonical(section, term)
    name = f"{SECTION_NAMES[section]} '{term}' ({found.da})"
    state = f"is outdated since {found.replaced_on.isoformat()}" if found.replaced_on else "is ambiguous"
    state += f"; it is read as '{current}' ({vocab.label(section, current)})"
    others = [t for t in found.see_also if t != current]
    if others:
        state += "; it may also mean " + " or ".join(f"'{t}' ({vocab.label(section, t)})" for t in others)
    if found.source:
        state += f" (source: {cite(found.source[:1], 'en')})"
    fix = f"write '{current}'" + "".join(f", or '{t}' if that is what you mean" for t in others)
    return name, state, fix


@rule("coverage.bad-age-range", "integrity", "error", "An age range cannot be read")
def bad_age_ranges(ctx):
    max_age = ctx.ws.manifest.max_age
    readable: set[str] = set()  # the ranges read without a problem: most entries write one of a few
    for record in ctx.entries_with("covers"):
        covers = record.entity.__dict__["covers"]
        if all(text in readable for text in covers.ages):
            continue
        for index, text in first_occurrences(covers.ages):
            try:
                parse_age_range(text, max_age)
                if type(text) is str:
                    readable.add(text)
            except ValueError as exc:
                yield Issue(record.id, str(exc), "write ages as 'FIRST-LAST' or 'FIRST+' in whole years",
                            "covers.ages", index)


@rule("dates.bad-validity", "integrity", "error", "An entity ends before it starts")
def bad_validity(ctx):
    for record in ctx.entries_with("valid_to"):
        fields = record.entity.__dict__
        starts, ends = fields["valid_from"], fields["valid_to"]
        if starts and ends and ends < starts:
            yield Issue(record.id, f"valid_to {ends} is before valid_from {starts}",
                        "swap or correct the two dates", "valid_to")


@rule("rule.unknown-id", "integrity", "error", "A rule override or ignore names no known rule")
def unknown_rule_ids(ctx):
    """A rule id in ``rules:`` or ``ignore`` that names no rule: an error, since the setting does nothing (a stricter
    ``goal.measureable: error`` would let the check pass)."""
    known = [*RULES, *(f"district.{name}" for name in ctx.ws.manifest.district_rules)]
    fix = "use a rule id from `orgmodel rules`, or 'district.NAME' for a rule under 'district_rules:'"
    for rule_id in ctx.ws.manifest.rules:
        if rule_id not in known:
            yield Issue("", f"'rules:' names '{rule_id}', which is not a rule.{suggest(rule_id, known)}",
                        fix, f"rules.{rule_id}")
    for record in ctx.entries_with("ignore"):
        ignores = record.entity.__dict__["ignore"]
        for index, rule_id in first_occurrences([ignore.rule for ignore in ignores]) if ignores else ():
            if rule_id not in known:
                yield Issue(record.id, f"'ignore' names '{rule_id}', which is not a rule."
                            f"{suggest(rule_id, known)}", fix, "ignore", index)


@rule("vocabulary.override", "integrity", "info",
      "A workspace term changes what a built-in term says about § 115, partners or sectors")
def vocabulary_overrides(ctx):
    """A workspace may change a built-in term (README, "Adding terms in a workspace"); when the change moves what
    the law and guidance rules find (``boligorganisation`` put under ``kommune``, and so made an authority of
    § 115), the check says so once, at the term, so that a reviewer sees it was meant."""
    extension = ctx.ws.manifest.vocabulary
    if extension is None:
        return
    builtin, vocab = builtin_vocabulary(), ctx.ws.vocabulary
    for section in SECTION_NAMES:
        for term_id in getattr(extension, section):
            if term_id not in builtin[section]:
                continue
            changed = [(key, now, before) for key, now, before in _law_settings(vocab, builtin, section, term_id)
                       if now != before]
            if changed:
                yield Issue("", f"the workspace changes the built-in {SECTION_NAMES[section]} '{term_id}': "
                            + "; ".join(f"{key} {_setting(now)} (built in: {_setting(before)})"
                                        for key, now, before in changed),
                            "keep it if your district means it, and say why in a comment beside it; else remove it, "
                            "and the built-in term holds", f"vocabulary.{section}.{term_id}")


def _law_settings(vocab, builtin, section: str, term_id: str) -> list[tuple]:
    """The settings of a term that decide what the law and guidance rules find, as the workspace's vocabulary and
    the built-in one read them (inherited ones included): of a category, whether it may sit where persons are
    discussed (§ 115) and its sector; of a council or forum type, whether it discusses persons and its partners."""
    if section == "categories":
        return [("authority_115", vocab.is_115_authority(vocab.category_ancestors(term_id)),
                 builtin.is_115_authority(builtin.category_ancestors(term_id))),
                ("sector", vocab.sector_of(term_id), builtin.sector_of(term_id))]
    if section in ("council_types", "forum_types"):
        now, before = vocab[section][term_id], builtin[section][term_id]
        return [("individual_cases", now.individual_cases, before.individual_cases),
                ("partners", now.partners, before.partners)]
    return []


def _setting(value) -> str:
    """A term's setting in a message: a list of partners as ids, nothing as "not set".

    >>> _setting(None), _setting(True), _setting("community")
    ('not set', 'true', 'community')
    """
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "required"):
        return "required " + (", ".join("|".join(r) if isinstance(r, list) else r for r in value.required) or "none")
    return str(value)


@rule("vocabulary.bad-extension", "integrity", "error", "A workspace vocabulary term refers to an unknown term")
def bad_vocabulary_extension(ctx):
    extension = ctx.ws.manifest.vocabulary
    if extension is None:
        return
    vocab = ctx.ws.vocabulary
    for section in SECTION_NAMES:
        for term_id, term in getattr(extension, section).items():
            where = f"vocabulary.{section}.{term_id}"
            if term.parent and not vocab.has(section, term.parent):  # a role type's or forum type's too
                what = "category" if section == "categories" else SECTION_NAMES[section]
                yield Issue("", f"{what} '{term_id}' has the unknown parent '{term.parent}'."
                            f"{suggest(term.parent, vocab[section])}",
                            f"use {'a category' if section == 'categories' else 'a term'} from `orgmodel vocabulary "
                            f"{section}` as parent", f"{where}.parent")
            for key, named in [("alias_of", term.alias_of), *(("see_also", t) for t in term.see_also)]:
                if named and not vocab.has(section, named):
                    yield Issue("", f"{SECTION_NAMES[section]} '{term_id}' names the unknown {SECTION_NAMES[section]} "
                                f"'{named}' in 'alias_of' or 'see_also'.{suggest(named, vocab[section])}",
                                f"name a term of the same section (`orgmodel vocabulary {section}`)", f"{where}.{key}")
            if term.level and not vocab.has("levels", term.level):
                yield Issue("", f"{SECTION_NAMES[section]} '{term_id}' has the unknown level '{term.level}'.",
                            "use strategisk, taktisk or operationel", f"{where}.level")
            for kind in ("required", "recommended"):
                for requirement in getattr(term.partners, kind) if term.partners else []:
                    for category in [requirement] if isinstance(requirement, str) else requirement:
                        if not vocab.has("categories", category):
                            yield Issue("", f"{SECTION_NAMES[section]} '{term_id}' requires the unknown category "
                                        f"'{category}'.{suggest(category, vocab['categories'])}",
                                        "use a category from `orgmodel vocabulary categories`",
                                        f"{where}.partners.{kind}")


@rule("coverage.bad-default", "integrity", "error",
      "A coverage default names an unknown type or group, or an age range that cannot be read")
def bad_coverage_defaults(ctx):
    vocab, manifest = ctx.ws.vocabulary, ctx.ws.manifest
    types = {**vocab["council_types"], **vocab["forum_types"]}
    for type_id, default in manifest.coverage_defaults.items():
        where = f"coverage_defaults.{type_id}"
        if type_id not in types:
            yield Issue("", f"'coverage_defaults' names '{type_id}', which is not a council or forum type."
                        f"{suggest(type_id, types)}",
                        "use a type from `orgmodel vocabulary forum_types` or `orgmodel vocabulary council_types`",
                        where)
        yield from _default_problems(vocab, manifest.max_age, f"'coverage_defaults.{type_id}'", default.ages or (),
                                     default.groups or (), where)
    extension = manifest.vocabulary
    for section in ("council_types", "forum_types"):
        for type_id, term in (getattr(extension, section).items() if extension else ()):
            yield from _default_problems(vocab, manifest.max_age, f"{SECTION_NAMES[section]} '{type_id}'",
                                         [term.ages] if term.ages else [], term.groups,
                                         f"vocabulary.{section}.{type_id}")
    for section in [s for s in SECTION_NAMES if s not in ("council_types", "forum_types")]:
        for term_id, term in sorted(getattr(extension, section).items() if extension else ()):
            yield from _default_problems(vocab, manifest.max_age, f"{SECTION_NAMES[section]} '{term_id}'",
                                         [term.ages] if term.ages else [], [], f"vocabulary.{section}.{term_id}")


def _default_problems(vocab, max_age: int, what: str, ages, groups, where: str):
    """Problems of default ages and groups; ``where`` of a workspace term points at its 'ages' or 'groups' key."""
    keyed = where.startswith("vocabulary.")
    for text in dict.fromkeys(ages):
        try:
            parse_age_range(text, max_age)
        except ValueError as exc:
            yield Issue("", f"{what}: in the default ages, {exc}",
                        "write ages as 'FIRST-LAST' or 'FIRST+' in whole years",
                        f"{where}.ages" if keyed else where)
    for group in dict.fromkeys(groups):
        if not vocab.has("groups", group):
            yield Issue("", f"{what} has the unknown default person group '{group}'."
                        f"{suggest(group, vocab['groups'])}",
                        "use a person group from `orgmodel vocabulary groups`",
                        f"{where}.groups" if keyed else where)
