"""Generate a synthetic but realistic journey-map portfolio for benchmarks.

    python bench/generate.py OUT_DIR -n 1000 --seed 1

writes ``OUT_DIR/owners.yml``, ``OUT_DIR/personas/*.md`` and ``OUT_DIR/journeys/*.yml|md``:
N maps of all four types (45 % current state, 20 % future state improving a current-state
map, 15 % day in the life, 20 % service blueprint), N/40 personas, N/25 owners (teams and
the people in them). Every map has 5–8 stages, every lane of its type holds 1–4 items of
realistic length, steps carry scores, stages carry opportunities (owners, statuses, some
addressing a pain point) and KPIs. The same seed gives the same files, and the portfolio loads
without a single problem (``tests/test_bench.py`` checks it).
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

TODAY = date(2026, 11, 24)
"""The reference date of the benchmark builds (the plugin's ``today`` option)."""

WORDS = {
    "verb": [
        "checks",
        "opens",
        "compares",
        "scans",
        "confirms",
        "searches for",
        "uploads",
        "prints",
        "books",
        "pays for",
        "cancels",
        "reorders",
        "counts",
        "updates",
        "asks about",
        "downloads",
        "signs up for",
        "returns",
        "tracks",
        "reviews",
        "exports",
        "shares",
        "adjusts",
        "chooses",
    ],
    "thing": [
        "the delivery date",
        "the monthly invoice",
        "a refund",
        "the stock report",
        "a price change",
        "the loyalty card",
        "the opening hours",
        "a gift voucher",
        "the order history",
        "the receipt",
        "a replacement part",
        "the tax summary",
        "a staff rota",
        "the card reader",
        "the weekly sales",
        "a supplier order",
        "the click-and-collect slot",
        "a product photo",
        "the VAT number",
        "the cash drawer float",
        "the returns label",
        "a discount code",
        "the welcome email",
    ],
    "place": [
        "on the phone",
        "at the counter",
        "in the back office",
        "on the website",
        "in the app",
        "by email",
        "on a laptop at home",
        "in the stock room",
        "while the queue grows",
        "before opening",
        "after closing",
        "on the bus",
        "at the supplier's warehouse",
    ],
    "touch": [
        "Till tablet",
        "Back office",
        "Help centre",
        "Support chat",
        "Phone line",
        "Courier",
        "Order confirmation email",
        "Customer app",
        "Web shop",
        "Card reader",
        "Receipt printer",
        "Account manager",
        "Community forum",
        "SMS reminder",
        "Invoice PDF",
        "Status page",
        "Supplier portal",
        "Barcode scanner",
        "Staff group chat",
        "Printed quick-start card",
    ],
    "feeling": [
        "relieved",
        "anxious",
        "confused",
        "impatient",
        "reassured",
        "annoyed",
        "curious",
        "hopeful",
        "frustrated",
        "pleased",
        "rushed",
        "unsure",
    ],
    "team": [
        "Onboarding",
        "Payments",
        "Inventory",
        "Online orders",
        "Support operations",
        "Hardware",
        "Billing",
        "Loyalty",
        "Reporting",
        "Mobile",
        "Partnerships",
        "Data platform",
        "Growth",
        "Retention",
        "Customer research",
        "Design system",
        "Fulfilment",
        "Risk",
        "Identity",
        "Pricing",
        "Marketplace",
        "Workshop bookings",
        "Accounting integrations",
        "Trust & safety",
    ],
    "first": [
        "Priya",
        "Ava",
        "Tomas",
        "Dev",
        "Mei",
        "Jonas",
        "Ruth",
        "Kwame",
        "Lena",
        "Omar",
        "Sofia",
        "Nadia",
        "Felix",
        "Grace",
        "Hugo",
        "Ines",
        "Jack",
        "Keiko",
        "Liam",
        "Maya",
        "Noor",
        "Oscar",
    ],
    "last": [
        "Shah",
        "Okafor",
        "Reyes",
        "Patel",
        "Chen",
        "Berg",
        "Adeyemi",
        "Novak",
        "Haddad",
        "Rossi",
        "Osei",
        "Larsen",
        "Murphy",
        "Kowalski",
        "Ferreira",
        "Tanaka",
        "Nguyen",
        "Walsh",
        "Moreau",
    ],
    "business": [
        "bike shop",
        "bookshop",
        "café",
        "florist",
        "hardware store",
        "bakery",
        "deli",
        "record shop",
        "toy shop",
        "garden centre",
        "pet shop",
        "gift shop",
        "wine merchant",
    ],
    "role": ["Owner", "Manager", "Sales assistant", "Bookkeeper", "Area manager", "Weekend staff member"],
    "city": ["Bristol", "Leeds", "Norwich", "Glasgow", "Cardiff", "York", "Brighton", "Belfast", "Exeter"],
    "stage": [
        "Discovering",
        "Comparing options",
        "Signing up",
        "Setting up",
        "First sale",
        "Daily use",
        "Getting help",
        "Paying",
        "Reordering",
        "Reporting",
        "Renewing",
        "Leaving",
        "Returning",
        "Ordering",
        "Waiting for delivery",
        "Receiving",
        "Checking the numbers",
        "Closing the day",
        "Planning the week",
        "Training staff",
        "Fixing a problem",
        "Telling others",
    ],
    "topic": [
        "onboarding",
        "payments",
        "stock",
        "online",
        "support",
        "hardware",
        "billing",
        "loyalty",
        "reporting",
        "staff",
        "returns",
        "pricing",
        "delivery",
        "accounting",
    ],
    "kpi": [
        "Completion rate",
        "Time to first sale",
        "Calls to support",
        "CSAT",
        "Drop-off",
        "Repeat orders",
        "Refund time",
        "First-contact resolution",
        "NPS",
        "Orders on time",
        "Errors per import",
    ],
    "ev": ["interview", "survey", "analytics", "usability-test", "support-tickets", "observation", "workshop"],
}

TYPE_SHARES = (("current-state", 0.45), ("future-state", 0.20), ("day-in-the-life", 0.15), ("service-blueprint", 0.20))
BLUEPRINT = ("physical_evidence", "customer_actions", "frontstage", "backstage", "support")
JOURNEY_LANES = ("interactions", "goals", "thoughts", "positives", "negatives")
STATUSES = ("idea", "idea", "planned", "planned", "in-progress", "done", "dropped")
CADENCES = ("monthly", "quarterly", "quarterly", "half-yearly", "yearly", "6 weeks")


class Portfolio:
    """Builds the content of one synthetic portfolio with a seeded RNG."""

    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.personas: list[str] = []
        self.teams: list[str] = []
        self.people: list[str] = []

    # -- text --------------------------------------------------------------------------------

    def pick(self, key: str) -> str:
        return self.rng.choice(WORDS[key])

    def sentence(self, low: int = 6, high: int = 14) -> str:
        """A plausible sentence of ``low``–``high`` words."""
        parts = [self.pick("verb").capitalize(), self.pick("thing"), self.pick("place")]
        text = " ".join(parts)
        while len(text.split()) < self.rng.randint(low, high):
            text += self.rng.choice(
                [
                    f" and {self.pick('verb')} {self.pick('thing')}",
                    f", feeling {self.pick('feeling')}",
                    f" {self.pick('place')}",
                ]
            )
        return text

    def item(self, lane: str) -> str:
        if lane == "interactions":
            return self.pick("touch")
        if lane == "goals":
            return f"Help me {self.pick('verb').split()[0].rstrip('s')} {self.pick('thing')} {self.pick('place')}"
        if lane == "thoughts":
            return f"Why does {self.pick('thing')} take so long? I feel {self.pick('feeling')}."
        if lane == "positives":
            return f"{self.pick('thing').capitalize()} is clear and arrives {self.pick('place')}"
        if lane == "negatives":
            return f"{self.pick('thing').capitalize()} is hard to find {self.pick('place')}, so it takes ages"
        if lane == "physical_evidence":
            return f"{self.pick('touch')} showing {self.pick('thing')}"
        if lane == "customer_actions":
            return self.sentence(4, 9)
        if lane == "frontstage":
            return f"Adviser {self.pick('verb')} {self.pick('thing')} {self.pick('place')}"
        if lane == "backstage":
            return f"{self.pick('team')} team {self.pick('verb')} {self.pick('thing')} out of sight"
        return f"{self.pick('touch')} and the {self.pick('team').lower()} system"

    # -- entities ----------------------------------------------------------------------------

    def owners(self) -> dict[str, Any]:
        count = max(2, self.n // 25)
        teams = max(1, (count + 2) // 3)
        data: dict[str, Any] = {}
        for i in range(teams):
            ident = f"team-{i + 1:04d}"
            name = f"{WORDS['team'][i % len(WORDS['team'])]} squad {i // len(WORDS['team']) + 1}"
            data[ident] = {
                "name": name,
                "kind": "team",
                "role": f"Owns {self.pick('thing')} and {self.pick('thing')}",
                "email": f"{ident}@example.com",
                "chat": f"#{ident}",
                "about": self.sentence(12, 24) + ".",
            }
            self.teams.append(ident)
        for i in range(count - teams):
            ident = f"person-{i + 1:04d}"
            data[ident] = {
                "name": f"{self.pick('first')} {self.pick('last')}",
                "kind": "person",
                "team": self.teams[i % teams],
                "role": self.rng.choice(["Product manager", "Service designer", "Researcher", "Engineering lead"]),
            }
            self.people.append(ident)
        return data

    def persona(self, i: int) -> tuple[str, str]:
        ident = f"persona-{i + 1:04d}"
        self.personas.append(ident)
        business = self.pick("business")
        meta = {
            "name": f"{self.pick('first')} {self.pick('last')}",
            "role": f"{self.pick('role')} of a {business}",
            "summary": self.sentence(14, 26) + ".",
            "quote": self.sentence(8, 16) + ".",
            "about": {
                "Age": str(self.rng.randint(19, 66)),
                "Location": self.pick("city"),
                "Business": f"A {business} with {self.rng.randint(1, 30)} staff",
            },
            "goals": [self.sentence(5, 10) for _ in range(3)],
            "needs": [self.sentence(5, 10) for _ in range(3)],
            "frustrations": [self.sentence(5, 10) for _ in range(3)],
            "channels": sorted(self.rng.sample(WORDS["touch"], 3)),
            "owner": self.rng.choice(self.teams),
            "order": i + 1,
        }
        body = "\n\n".join(self.sentence(20, 40) + ". " + self.sentence(10, 20) + "." for _ in range(3))
        return ident, f"---\n{_dump(meta)}---\n{body}\n"

    def owner_id(self) -> str:
        return self.rng.choice(self.people if self.people and self.rng.random() < 0.4 else self.teams)

    def stages(self, kind: str, map_id: str, names: list[str] | None = None) -> list[dict[str, Any]]:
        count = len(names) if names else self.rng.randint(5, 8)
        names = names or self.rng.sample(WORDS["stage"], count)
        lanes = BLUEPRINT + JOURNEY_LANES if kind == "service-blueprint" else JOURNEY_LANES
        minute = self.rng.randint(6 * 60, 8 * 60)
        opp = 0
        stages: list[dict[str, Any]] = []
        for s, name in enumerate(names):
            stage: dict[str, Any] = {"name": name, "description": self.sentence(8, 16) + "."}
            if kind == "day-in-the-life":
                stage["time"] = f"{minute // 60:02d}:{minute % 60:02d}"
                minute += self.rng.randint(40, 120)
            stage["owner"] = self.rng.choice(self.teams)
            steps = []
            for _ in range(self.rng.randint(1, 4)):
                step: dict[str, Any] = {"title": self.sentence(4, 9), "emotion": self.rng.randint(-2, 2)}
                if self.rng.random() < 0.3:
                    step["description"] = self.sentence(10, 20) + "."
                steps.append(step)
            stage["steps"] = steps
            pains: list[str] = []
            for lane in lanes:
                items: list[Any] = list(dict.fromkeys(self.item(lane) for _ in range(self.rng.randint(1, 4))))
                if lane == "negatives":
                    pain = f"pain-{s + 1}"
                    items[0] = {"text": items[0], "id": pain}
                    pains.append(pain)
                stage[lane] = items
            opportunities = []
            for _ in range(self.rng.randint(0 if s else 1, 2)):
                opp += 1
                entry: dict[str, Any] = {
                    "id": f"{map_id}-o{opp}",
                    "title": f"Make {self.pick('thing')} easier {self.pick('place')}",
                    "description": self.sentence(12, 24) + ".",
                    "owner": self.owner_id(),
                    "status": self.rng.choice(STATUSES),
                    "priority": self.rng.choice(["high", "medium", "low"]),
                }
                if opp % 6:  # sized from the counter, not the generator's stream; one in six left unsized
                    entry["impact"], entry["effort"] = 1 + opp * 2 % 5, 1 + opp * 3 % 5
                if self.rng.random() < 0.5:
                    entry["backlog"] = f"https://backlog.example.com/{map_id.upper()}-{opp}"
                if pains and self.rng.random() < 0.4:
                    entry["addresses"] = pains[0]
                opportunities.append(entry)
            stage["opportunities"] = opportunities
            stage["kpis"] = [
                {
                    "name": self.pick("kpi"),
                    "value": self.rng.randint(20, 95),
                    "target": self.rng.randint(50, 99),
                    "unit": "%",
                }
                for _ in range(self.rng.randint(1, 2))
            ]
            stages.append(stage)
        return stages

    def journey(
        self, i: int, kind: str, improves: tuple[str, dict[str, Any]] | None
    ) -> tuple[str, dict[str, Any], str]:
        map_id = f"map-{i + 1:05d}"
        persona = self.rng.choice(self.personas)
        reviewed = TODAY - timedelta(days=self.rng.randint(1, 500))
        data: dict[str, Any] = {
            "title": f"{self.pick('verb').capitalize()} {self.pick('thing')} ({map_id})",
            "type": kind,
            "personas": [persona],
            "scenario": self.sentence(16, 30) + ".",
            "goal": self.sentence(6, 12) + ".",
            "summary": self.sentence(10, 18) + ".",
            "owner": self.owner_id(),
            "status": self.rng.choice(["published", "published", "published", "draft", "archived"]),
            "reviewed": reviewed,
            "review_every": self.rng.choice(CADENCES),
            "tags": sorted(self.rng.sample(WORDS["topic"], self.rng.randint(1, 3))),
            "evidence": [
                {
                    "id": f"source-{i + 1}",  # generated titles can repeat within a map
                    "title": self.sentence(5, 10),
                    "kind": self.pick("ev"),
                    "date": reviewed - timedelta(days=self.rng.randint(5, 60)),
                    "participants": self.rng.randint(3, 400),
                    "summary": self.sentence(10, 20) + ".",
                }
                for i in range(self.rng.randint(1, 3))
            ],
        }
        names = None
        if improves is not None:
            current_id, current = improves
            data["personas"] = current["personas"]
            data["improves"] = current_id
            names = [stage["name"] for stage in current["stages"]]
            opps = [o["id"] for stage in current["stages"] for o in stage["opportunities"]]
            data["realises"] = self.rng.sample(opps, min(len(opps), self.rng.randint(1, 3)))
        data["stages"] = self.stages(kind, map_id, names)
        body = ""
        if self.rng.random() < 0.2:
            body = "## Why this map\n\n" + "\n\n".join(self.sentence(20, 40) + "." for _ in range(2)) + "\n"
        return map_id, data, body

    def types(self) -> list[str]:
        kinds: list[str] = []
        for kind, share in TYPE_SHARES:
            kinds += [kind] * round(self.n * share)
        kinds = (kinds + ["current-state"] * self.n)[: self.n]
        if "current-state" not in kinds[: max(1, self.n // 2)]:
            kinds[0] = "current-state"
        self.rng.shuffle(kinds)
        # A future state needs a current state before it to improve.
        first = kinds.index("current-state")
        kinds.insert(0, kinds.pop(first))
        return kinds


def generate(out: Path, n: int, seed: int = 1) -> Path:
    """Write a portfolio of ``n`` maps into ``out`` (created if missing); return ``out``."""
    p = Portfolio(n, seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "personas").mkdir(exist_ok=True)
    (out / "journeys").mkdir(exist_ok=True)
    (out / "owners.yml").write_text(_dump(p.owners()), encoding="utf-8")
    for i in range(max(1, n // 40)):
        ident, text = p.persona(i)
        (out / "personas" / f"{ident}.md").write_text(text, encoding="utf-8")
    currents: list[tuple[str, dict[str, Any]]] = []
    for i, kind in enumerate(p.types()):
        improves = p.rng.choice(currents) if kind == "future-state" else None
        map_id, data, body = p.journey(i, kind, improves)
        if kind == "current-state":
            currents.append((map_id, data))
        folder = out / "journeys" / kind
        folder.mkdir(exist_ok=True)
        if body:
            (folder / f"{map_id}.md").write_text(f"---\n{_dump(data)}---\n{body}", encoding="utf-8")
        else:
            (folder / f"{map_id}.yml").write_text(_dump(data), encoding="utf-8")
    return out


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the portfolio into (the docs dir)")
    parser.add_argument("-n", type=int, default=100, help="number of maps (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args()
    generate(args.out, args.n, args.seed)


if __name__ == "__main__":
    main()
