"""The lines of "why" a match shows ("HS 1801.00 exact", "halal expired 2025-01" …).

Made by `scoring` for every product it explains, translated only when read.
"""

from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# Reason texts, translated only when read (a ranking scores hundreds of products and
# shows fifty): gettext_noop marks them for makemessages.
MESSAGES: dict[str, str] = {
    "hs_exact": gettext_noop("HS %(code)s exact"),
    "hs_in_heading": gettext_noop("HS %(code)s in heading %(heading)s"),
    "hs_heading": gettext_noop("HS %(code)s, same heading %(heading)s"),
    "hs_chapter": gettext_noop("HS %(code)s, same chapter %(chapter)s"),
    "text": gettext_noop("text: %(words)s"),
    "cert_valid_to": gettext_noop("%(kind)s valid to %(month)s"),
    "cert_valid": gettext_noop("%(kind)s valid"),
    "cert_expired": gettext_noop("%(kind)s expired %(month)s"),
    "cert_not_yet": gettext_noop("%(kind)s not yet valid"),
    "cert_missing": gettext_noop("no %(kind)s certificate"),
    "capacity_unknown": gettext_noop("monthly capacity not stated"),
    "capacity_unit": gettext_noop("capacity in %(unit)s, not comparable with %(wanted)s"),
    "capacity_ok": gettext_noop("capacity %(have)s %(unit)s/month ≥ %(need)s %(unit)s"),
    "capacity_short": gettext_noop(
        "capacity %(have)s %(unit)s/month < %(need)s %(unit)s needed (%(share)s%%)"),
    "region_subdivision": gettext_noop("in preferred province %(code)s"),
    "region_country": gettext_noop("in preferred country %(code)s"),
    "verified_by": gettext_noop("verified by %(office)s"),
    "verified_office": gettext_noop("%(code)s office"),
    "exporting_to": gettext_noop("exporting to %(markets)s"),
    "exporting": gettext_noop("exporting"),
    "export_ready": gettext_noop("export-ready"),
}


class Reason(NamedTuple):
    """One line of "why": translated only when read (a ranking scores hundreds of
    products and shows fifty). A tuple, because hundreds are made per ranking."""

    kind: str  # hs, text, certification, capacity, region, verified, export
    key: str  # of MESSAGES
    params: tuple[tuple[str, str], ...]
    points: int
    good: bool = True  # False for what counts against ("halal expired …", "capacity …<")

    @property
    def text(self) -> str:
        values = dict(self.params)
        if self.key == "verified_by" and "code" in values:
            values["office"] = _(MESSAGES["verified_office"]) % values
        return _(MESSAGES[self.key]) % values

    def __str__(self) -> str:
        return self.text


def reason(kind_: str, key: str, points: int, good: bool = True, **params: object) -> Reason:
    return Reason(kind_, key, tuple((k, str(v)) for k, v in params.items()), points, good)
