"""What the trade tables cover and what they do not, computed from the tables themselves.

Shown as the closing note of every checklist page and PDF, so that the note can never claim
more than the data holds.
"""

from __future__ import annotations

from functools import cache

from etalase.trade import selectors, tables


@cache
def summary() -> dict:
    data = tables.load()
    agreements = data["agreements"]["agreements"]
    offices = sorted({o["country"] for o in data["offices"]["offices"]})
    requirements = data["requirements"]["requirements"]
    tariffs = data["tariffs"]["tariffs"]
    with_needs = sorted({r["destination"] for r in requirements})
    with_rates = sorted({t["destination"] for t in tariffs})
    return {
        "agreements": [f"{a['code']} ({a['name']})" for a in agreements],
        "psr": [f"{p['agreement']} {p['hs']}: {' / '.join(p['rule'])}"
                for p in data["rules"]["psr"]],
        "general_rules": [a["code"] for a in agreements if a.get("general_rule")],
        "psr_missing": [a["code"] for a in agreements
                        if a.get("psr_annex") is None or a.get("general_rule")],
        "offices": offices,
        "offices_missing": [c for c in selectors.origins() if c not in offices],
        "requirements": [f"{r['destination']} {', '.join(r['hs'])}: {r['kind']}"
                         for r in requirements],
        "requirements_missing": [c for c in selectors.destinations() if c not in with_needs],
        "tariffs": [f"{t['destination']} {t['hs']} ({t['schedule_year']})" for t in tariffs],
        "tariffs_missing": [c for c in selectors.destinations() if c not in with_rates],
        "versions": tables.versions(),
    }
