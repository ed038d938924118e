"""``orgmodel init``: a new workspace for one politikreds, with placeholders to fill in.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "bornholm"
>>> sorted(p.name for p in init_workspace("kreds-bornholm", target, 2026))
['councils.yaml', 'documents.yaml', 'forums.yaml', 'goals.yaml', 'organisations.yaml', 'orgmodel.yaml', 'roles.yaml']
"""

import json
from pathlib import Path

from orgmodel.errors import UsageError
from orgmodel.files import atomic_dir
from orgmodel.model import AREAS, SCHEMA_FILES, builtin_vocabulary, kommuner_of, resolve_area, schema_text

MODELINE = "# yaml-language-server: $schema=.orgmodel/{}\n"
HEADER = ("# Created by `orgmodel init`. Values starting with TODO are placeholders:\n"
          "# `orgmodel check` lists them as information until they are filled in.\n")


def _q(text: str) -> str:
    """A YAML double-quoted string (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _files(kreds_id: str, year: int) -> dict[str, str]:
    """The files of a new workspace. Names come from the area data: the kommune's official name
    ("Københavns Kommune"), its mayor's role type (København's overborgmester) and the area after a
    preposition of place ("Lokalrådet i Silkeborg Kommune", "Lokalrådet på Samsø")."""
    kreds = AREAS[kreds_id]
    short = kreds_id.removeprefix("kreds-")
    kommuner = [AREAS[k] for k in kommuner_of(kreds_id)]
    police, chief, council = f"{short}-politi", f"politidirektoer-{short}", f"kredsraad-{short}"
    mayor_titles = {k.mayor: builtin_vocabulary().label("role_types", k.mayor) for k in kommuner}
    manifest = (f"{HEADER}\nname: {_q('Kredsrådet ' + kreds.locative)}\nlanguage: da\n"
                f"scope:\n  politikredse: [{kreds_id}]\n")
    orgs = [f"  - id: {police}\n    name: {_q(kreds.police)}\n    category: politi\n    area: {kreds_id}\n"]
    orgs += [f"  - id: {k.id}-kommune\n    name: {_q(k.official_name)}\n    category: kommune\n"
             f"    area: {k.id}\n" for k in kommuner]
    roles = [f"  - id: {chief}\n    title: Politidirektør\n    type: politidirektoer\n"
             f"    organisation: {police}\n"]
    for k in kommuner:
        title = mayor_titles[k.mayor]
        roles.append(f"  - id: {k.mayor}-{k.id}\n    title: {_q(title + ', ' + k.official_name)}\n"
                     f"    type: {k.mayor}\n    organisation: {k.id}-kommune\n")
        roles.append(f"  - id: stedfortraeder-{k.mayor}-{k.id}\n"
                     f"    title: {_q('Stedfortræder for ' + title.lower() + 'en, ' + k.official_name)}\n"
                     f"    type: stedfortraeder\n    organisation: {k.id}-kommune\n"
                     f"    substitute_for: {k.mayor}-{k.id}\n")
    members = "".join(f"      - {k.mayor}-{k.id}\n" for k in kommuner)
    councils = [f"  - id: {council}\n    type: kredsraad\n    name: {_q('Kredsrådet ' + kreds.locative)}\n"
                f"    area: {kreds_id}\n    chair: {chief}\n    members:\n{members}"
                f"    secretariat: sekretariat-{short}\n    meetings_per_year: 4\n"
                f"    source: {_q('TODO: kilde, fx samarbejdsplanen ' + str(year))}\n"]
    councils += [f"  - id: lokalraad-{k.id}\n    type: lokalraad\n    name: {_q('Lokalrådet ' + k.locative)}\n"
                 f"    area: {k.id}\n    reports_to: {council}\n    members: [{police}, {k.id}-kommune]\n"
                 f"    source: {_q('TODO: lokalrådets medlemmer og formand')}\n" for k in kommuner]
    forums = [f"  - id: sekretariat-{short}\n    type: sekretariat\n"
              f"    name: {_q('Kredsrådets sekretariat, ' + kreds.name)}\n    under: {council}\n"
              f"    members: [{police}]\n    source: {_q('TODO: hvem udgør sekretariatet')}\n"]
    # PSP is required in every politikreds (since 1 April 2009), KSP is provided for since 2011: placeholders
    # for the district to complete, or to replace with its forums per kommune.
    forums += [f"  - id: {type_}-{short}\n    type: {type_}\n    name: {_q(type_.upper() + ' ' + kreds.locative)}\n"
               f"    area: {kreds_id}\n    under: {council}\n    members: [{police}]\n"
               f"    source: {_q('TODO: ' + todo)}\n"
               for type_, todo in (("psp", "hvem deltager i PSP (socialforvaltning, social- og behandlingspsykiatri), "
                                           "og er der PSP pr. kommune"),
                                   ("ksp", "hvem deltager i KSP (Kriminalforsorgen, socialforvaltning), "
                                           "og er der KSP pr. kommune"))]
    goals = [f"  - id: {short}-{year}-maal-1\n    level: strategisk\n    owner: {council}\n"
             f"    period: {year}\n    title: {_q('TODO: første strategiske mål i samarbejdsplanen ' + str(year))}\n"]
    return {
        "orgmodel.yaml": manifest,
        "organisations.yaml": HEADER + "\norganisations:\n" + "".join(orgs),
        "roles.yaml": HEADER + "# Roles, not people: add 'holder:' only if you want names in the model.\n"
                      "\nroles:\n" + "".join(roles),
        "councils.yaml": HEADER + "\ncouncils:\n" + "".join(councils),
        "forums.yaml": HEADER + "# Add SSP, PSP, KSP and other forums here with 'under: lokalraad-…'.\n"
                       "\nforums:\n" + "".join(forums),
        "goals.yaml": HEADER + "\ngoals:\n" + "".join(goals),
        "documents.yaml": HEADER + _SAMARBEJDSPLAN.format(id=f"samarbejdsplan-{short}-{year}", year=year, chief=chief,
                                                          council=council, goal=f"{short}-{year}-maal-1",
                                                          where=_q("TODO: hvor planen er offentliggjort (URL)")),
    }


_SAMARBEJDSPLAN = """# The politidirektør publishes the samarbejdsplan each year after the kredsråd has discussed it
# (retsplejeloven § 113). Write the dates when they are known: 'discussed:' and 'published:' (YYYY-MM-DD).

documents:
  - id: {id}
    type: samarbejdsplan
    title: "Samarbejdsplan {year}"
    year: {year}
    owner: {chief}
    council: {council}
    where: {where}
    goals: [{goal}]
"""


def init_workspace(kreds: str, target: Path, year: int) -> list[Path]:
    """Write a new workspace for ``kreds`` (id, name or code) into the new folder ``target``.

    The files are written to a hidden temporary folder first and moved in place
    at the end (see :mod:`orgmodel.files`), so a failure never leaves half a workspace behind.
    """
    kreds_id = resolve_area(kreds, "politikreds")
    if AREAS[kreds_id].kind != "politikreds":
        raise UsageError(f"'{kreds}' is a kommune; --kreds takes a politikreds, "
                           f"e.g. '{AREAS[kreds_id].kreds}'")
    target = Path(target)
    with atomic_dir(target, replace=False) as staging:
        for name, text in _files(kreds_id, year).items():
            schema = SCHEMA_FILES["manifest" if name == "orgmodel.yaml" else "workspace"]
            (staging / name).write_text(MODELINE.format(schema) + text, encoding="utf-8")
        (staging / ".orgmodel").mkdir()
        for which, name in SCHEMA_FILES.items():
            (staging / ".orgmodel" / name).write_text(schema_text(which), encoding="utf-8")
    return sorted(p for p in target.iterdir() if p.is_file())
