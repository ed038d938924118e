"""Generate a synthetic national workspace of a given size for benchmarks.

Every politikreds gets a kredsråd with its politidirektør, the borgmestre of
its kommuner, a secretariat, a kontaktudvalg and strategic goals. Every kommune
gets a lokalråd, departments, schools, clubs and associations with staff roles,
SSP, SSP+, PSP and KSP with steering, coordination and school groups, and
operative goals with actions. ``per_kommune`` scales the number of schools and
associations so the whole workspace reaches the wanted size.

    python bench/synthetic.py OUT_DIR --entities 100000
"""

import argparse
import random
from pathlib import Path

import yaml

from orgmodel.model import AREAS, kommuner_of

AGES = ["0-5", "6-17", "10-17", "15-17", "16-25", "18-25", "18+", "25-64", "65+"]
GROUPS = ["boern", "unge", "unge-voksne", "voksne", "aeldre", "psykisk-saarbare", "socialt-udsatte", "loesladte"]
CRIMES = ["indbrud", "vold", "narkotika", "tyveri", "haervaerk", "bedrageri", "cyberkriminalitet"]


def kommune_entities(k: str, kreds: str, schools: int, rng: random.Random) -> dict:
    kommune, politi = f"{k}-kommune", f"{k}-lokalpoliti"
    orgs = [{"id": kommune, "name": f"{AREAS[k].name} Kommune", "category": "kommune", "area": k},
            {"id": politi, "name": f"Lokalpolitiet {AREAS[k].name}", "category": "lokalpoliti", "area": k,
             "parent": f"{kreds.removeprefix('kreds-')}-politi"}]
    for dept in ("skoleforvaltning", "socialforvaltning", "sundhed", "jobcenter", "uu-vejledning", "klub"):
        orgs.append({"id": f"{k}-{dept}", "name": f"{dept} {k}", "category": dept, "parent": kommune})
    orgs.append({"id": f"{k}-psykiatri", "name": f"Psykiatri {k}", "category": "psykiatri"})
    orgs.append({"id": f"{k}-kriminalforsorg", "name": f"Kriminalforsorgen {k}", "category": "kriminalforsorgen"})
    mayor = AREAS[k].mayor  # København's is the overborgmester
    roles = [{"id": f"borgmester-{k}", "title": mayor.capitalize(), "type": mayor, "organisation": kommune},
             {"id": f"stedfortraeder-{k}", "title": "Stedfortræder", "type": "stedfortraeder",
              "organisation": kommune, "substitute_for": f"borgmester-{k}"},
             {"id": f"chef-{k}", "title": "Forvaltningschef", "type": "forvaltningschef", "organisation": kommune},
             {"id": f"leder-{k}-politi", "title": "Leder", "type": "lokalpolitileder", "organisation": politi}]
    forums = []
    core = {"ssp": [f"{k}-skoleforvaltning", f"{k}-socialforvaltning", politi, f"{k}-uu-vejledning", f"{k}-klub"],
            "ssp-plus": [f"{k}-socialforvaltning", politi, f"{k}-jobcenter", f"{k}-kriminalforsorg"],
            "psp": [f"{k}-psykiatri", f"{k}-socialforvaltning", politi, f"{k}-kriminalforsorg"],
            "ksp": [f"{k}-kriminalforsorg", f"{k}-socialforvaltning", politi, f"{k}-jobcenter"]}
    for type_, members in core.items():
        forums.append({"id": f"{type_}-{k}", "type": type_, "under": f"lokalraad-{k}", "members": members,
                       "covers": {"groups": rng.sample(GROUPS, 3), "crimes": rng.sample(CRIMES, 3)}})
    forums.append({"id": f"ssp-styregruppe-{k}", "type": "styregruppe", "under": f"ssp-{k}",
                   "members": [f"chef-{k}", f"leder-{k}-politi"]})
    for n in range(schools):
        school = f"{k}-skole-{n}"
        orgs.append({"id": school, "name": f"Skole {n}", "category": "skole", "parent": f"{k}-skoleforvaltning"})
        orgs.append({"id": f"{k}-forening-{n}", "name": f"Forening {n}", "category": "idraetsforening", "area": k})
        staff = []
        for r in range(5):
            staff.append(f"{k}-medarbejder-{n}-{r}")
            roles.append({"id": staff[-1], "title": "Medarbejder", "type": "medarbejder",
                          "organisation": school if r < 3 else f"{k}-forening-{n}"})
        forums.append({"id": f"ssp-lokalgruppe-{k}-{n}", "type": "lokalgruppe", "under": f"ssp-styregruppe-{k}",
                       "members": [school, politi, f"{k}-klub", *staff],
                       "covers": {"ages": [rng.choice(AGES)], "groups": rng.sample(GROUPS, 2),
                                  "crimes": rng.sample(CRIMES, 2)}})
    council = {"id": f"lokalraad-{k}", "type": "lokalraad", "area": k, "reports_to": f"kredsraad-{kreds}",
               "chair": f"leder-{k}-politi", "members": [kommune, politi, f"chef-{k}"], "meetings_per_year": 4}
    goals = []
    for n in range(max(3, schools // 4)):
        goals.append({"id": f"{k}-operativ-{n}", "level": "operativ", "owner": f"lokalraad-{k}",
                      "derives_from": [f"{kreds}-strategisk-{n % 3}"], "title": f"Operativt mål {n}"})
        goals.append({"id": f"{k}-handling-{n}", "level": "handling", "owner": f"ssp-{k}", "target": "Målt",
                      "derives_from": [f"{k}-operativ-{n}"], "title": f"Handling {n}"})
    return {"organisations": orgs, "roles": roles, "councils": [council], "forums": forums, "goals": goals}


def kreds_entities(kreds: str, year: int) -> dict:
    short = kreds.removeprefix("kreds-")
    kommuner = kommuner_of(kreds)
    council = f"kredsraad-{kreds}"
    return {
        "organisations": [{"id": f"{short}-politi", "name": AREAS[kreds].police, "category": "politi", "area": kreds}],
        "roles": [{"id": f"politidirektoer-{short}", "title": "Politidirektør", "type": "politidirektoer",
                   "organisation": f"{short}-politi"}],
        "councils": [{"id": council, "type": "kredsraad", "area": kreds, "chair": f"politidirektoer-{short}",
                      "members": [f"borgmester-{k}" for k in kommuner], "secretariat": f"sekretariat-{short}",
                      "meetings_per_year": 4}],
        "forums": [{"id": f"sekretariat-{short}", "type": "sekretariat", "under": council,
                    "members": [f"{short}-politi"]},
                   {"id": f"kontaktudvalg-{short}", "type": "kontaktudvalg", "under": council,
                    "members": [f"chef-{k}" for k in kommuner] + [f"{short}-politi"]}],
        "goals": [{"id": f"{kreds}-strategisk-{n}", "level": "strategisk", "owner": council,
                   "period": year, "title": f"Strategisk mål {n}"} for n in range(3)],
    }


ENTITIES_PER_SCHOOL = 2 + 5 + 1 + 0.5  # school, association, 5 staff, a school group, half a goal pair
FIXED_PER_KOMMUNE = 21


def generate(out: Path, entities: int, year: int = 2026, seed: int = 7, kredse: list[str] | None = None) -> int:
    """Write a workspace of about ``entities`` entities to ``out``; return the exact count.

    The whole nation, or only the politikredse in ``kredse``.
    """
    rng = random.Random(seed)
    kredse = sorted(kredse or (a.id for a in AREAS.values() if a.kind == "politikreds"))
    kommuner = sorted(k for kreds in kredse for k in kommuner_of(kreds))
    schools = max(1, round((entities / len(kommuner) - FIXED_PER_KOMMUNE) / ENTITIES_PER_SCHOOL))
    out.mkdir(parents=True, exist_ok=False)
    # One politikreds gives the workspace its id (its partition in Neo4j); several need one written.
    ws_id = "" if len(kredse) == 1 else "id: syntetisk\n"
    (out / "orgmodel.yaml").write_text("name: Syntetisk workspace\n" + ws_id + "scope:\n  politikredse: ["
                                       + ", ".join(kredse) + "]\n", encoding="utf-8")
    count = 0
    for kreds in kredse:
        count += _write(out / "kredse" / f"{kreds}.yaml", kreds_entities(kreds, year))
    for k in kommuner:
        count += _write(out / "kommuner" / f"{k}.yaml", kommune_entities(k, AREAS[k].kreds, schools, rng))
    return count


def _write(path: Path, data: dict) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return sum(len(v) for v in data.values())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--entities", type=int, default=100_000)
    args = parser.parse_args()
    print(generate(args.out, args.entities))
