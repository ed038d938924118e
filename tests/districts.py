"""A tiny, clean workspace for Bornholm (one kommune) that rule tests change one thing in."""

import copy

import yaml

BORNHOLM = {
    "organisations": [
        {"id": "bornholms-politi", "name": "Bornholms Politi", "category": "politi", "area": "kreds-bornholm"},
        {"id": "bornholm-kommune", "name": "Bornholms Regionskommune", "category": "kommune", "area": "bornholm"},
        {"id": "bornholm-skoler", "name": "Skoleforvaltningen", "category": "skoleforvaltning",
         "parent": "bornholm-kommune"},
        {"id": "bornholm-skole", "name": "En skole", "category": "skole", "parent": "bornholm-skoler"},
        {"id": "bornholm-social", "name": "Socialforvaltningen", "category": "socialforvaltning",
         "parent": "bornholm-kommune"},
        {"id": "bornholm-uu", "name": "UU Bornholm", "category": "kommunal-ungeindsats", "parent": "bornholm-kommune"},
        {"id": "bornholm-klub", "name": "Klubben", "category": "klub", "parent": "bornholm-kommune"},
        {"id": "psykiatrien", "name": "Psykiatrien", "category": "behandlingspsykiatri"},
        {"id": "kriminalforsorgen", "name": "Kriminalforsorgen", "category": "kriminalforsorgen"},
        {"id": "bornholm-job", "name": "Jobcenter Bornholm", "category": "jobcenter", "parent": "bornholm-kommune"},
    ],
    "roles": [
        {"id": "politidirektoer", "title": "Politidirektør", "type": "politidirektoer",
         "organisation": "bornholms-politi"},
        {"id": "borgmester-bornholm", "title": "Borgmester", "type": "borgmester",
         "organisation": "bornholm-kommune"},
        {"id": "stedfortraeder-bornholm", "title": "Stedfortræder", "type": "stedfortraeder",
         "organisation": "bornholm-kommune", "substitute_for": "borgmester-bornholm"},
        {"id": "politikommissaer", "title": "Politikommissær", "type": "politiinspektoer",
         "organisation": "bornholms-politi"},
    ],
    "councils": [
        {"id": "kredsraad", "type": "kredsraad", "area": "kreds-bornholm", "chair": "politidirektoer",
         "members": ["borgmester-bornholm"], "secretariat": "sekretariat", "meetings_per_year": 4},
        {"id": "lokalraad", "type": "lokalraad", "area": "bornholm", "reports_to": "kredsraad",
         "chair": "politikommissaer", "members": ["bornholm-kommune"]},
    ],
    "forums": [
        {"id": "sekretariat", "type": "sekretariat", "under": "kredsraad", "members": ["bornholms-politi"]},
        {"id": "psp-bornholm", "type": "psp", "under": "lokalraad",
         "members": ["psykiatrien", "bornholm-social", "bornholms-politi", "kriminalforsorgen"],
         "covers": {"ages": "18+", "groups": ["psykisk-saarbare"]}},
        {"id": "ksp-bornholm", "type": "ksp", "under": "lokalraad",
         "members": ["kriminalforsorgen", "bornholm-social", "bornholms-politi", "bornholm-job"],
         "covers": {"ages": "15+", "groups": ["loesladte"]}},
        # The Ungdomskriminalitetsnævn sits in every politikreds; drawn beside the kredsråd.
        {"id": "ukn-bornholm", "type": "ungdomskriminalitetsnaevn", "area": "kreds-bornholm", "under": "kredsraad",
         "members": ["bornholms-politi", "bornholm-kommune"], "covers": {"ages": "10-17", "groups": ["boern", "unge"]}},
        {"id": "ssp", "type": "ssp", "under": "lokalraad",
         "members": ["bornholm-skole", "bornholm-social", "bornholms-politi", "bornholm-uu", "bornholm-klub"],
         "covers": {"ages": "6-17", "groups": ["boern", "unge"], "crimes": ["vold"]}},
    ],
    "goals": [
        {"id": "s1", "level": "strategisk", "owner": "kredsraad", "period": 2026, "title": "Færre indbrud"},
        {"id": "o1", "level": "operativ", "owner": "lokalraad", "derives_from": ["s1"], "title": "Nabohjælp"},
        {"id": "h1", "level": "handling", "owner": "ssp", "derives_from": ["o1"], "title": "Kampagne",
         "target": "100 husstande tilmeldt",
         "indicators": [{"measure": "Husstande tilmeldt Nabohjælp", "unit": "antal", "target": 100}]},
    ],
    # The politidirektør's samarbejdsplan for the year of TODAY, discussed by the kredsråd and published (§ 113).
    "documents": [
        {"id": "plan", "type": "samarbejdsplan", "year": 2026, "owner": "politidirektoer", "council": "kredsraad",
         "discussed": "2025-12-01", "published": "2026-01-10", "where": "https://politi.dk/bornholms-politi",
         "goals": ["s1"]},
        # The lokalråd's handleplan for the same year, from the kredsråd's strategic goals.
        {"id": "handleplan", "type": "handleplan", "year": 2026, "council": "lokalraad", "approved": "2026-02-01",
         "goals": ["o1"]},
    ],
}


def bornholm(**changes) -> dict:
    """A deep copy of the clean workspace; ``changes`` replace whole sections."""
    data = copy.deepcopy(BORNHOLM)
    data.update(changes)
    return data


def add_role(data: dict, role: str, title: str, type_: str, org: str, org_name: str, category: str,
             area: str) -> dict:
    """Add an organisation (if new) and a role in it; returns the role's entry (to change it in place)."""
    if not any(o["id"] == org for o in data["organisations"]):
        data["organisations"].append({"id": org, "name": org_name, "category": category, "area": area})
    entry = {"id": role, "title": title, "type": type_, "organisation": org}
    data["roles"].append(entry)
    return entry


def add_member(data: dict, body: str, org: str, name: str, category: str) -> None:
    """Add an organisation of ``category`` and seat it among the members of ``body``."""
    data["organisations"].append({"id": org, "name": name, "category": category})
    find(data, body)["members"].append(org)


def find(data: dict, entity_id: str) -> dict:
    """The entry with ``entity_id`` in any section (to change it in place)."""
    for section in data.values():
        for entry in section:
            if entry["id"] == entity_id:
                return entry
    raise KeyError(entity_id)


def write(make_ws, data: dict, manifest: str = "name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\n"):
    return make_ws({"orgmodel.yaml": manifest,
                    "data.yaml": yaml.safe_dump(data, allow_unicode=True, sort_keys=False)})


def national(folder, year: int = 2026):
    """A national repository of three district workspaces in ``folder``: ``bornholm/`` (the clean workspace
    above), ``fyn/`` (as `orgmodel init` writes it) and ``mvj/`` (a copy of the example); returns ``folder``."""
    import shutil
    from pathlib import Path

    from orgmodel.workspace import init_workspace

    folder = Path(folder)
    (folder / "bornholm").mkdir(parents=True)
    (folder / "bornholm" / "orgmodel.yaml").write_text("name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\n",
                                                      encoding="utf-8")
    (folder / "bornholm" / "data.yaml").write_text(yaml.safe_dump(bornholm(), allow_unicode=True, sort_keys=False),
                                                  encoding="utf-8")
    init_workspace("kreds-fyn", folder / "fyn", year)
    shutil.copytree(Path(__file__).resolve().parent.parent / "examples" / "midt-og-vestjylland", folder / "mvj")
    return folder
