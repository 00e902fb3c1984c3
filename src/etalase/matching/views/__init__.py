"""Pages of the matching app: thin — forms in, services and selectors called, templates out.

Every page decides access through accounts.permissions; an object the user may not see
answers 404, like a missing one, so ids reveal nothing.
"""

from etalase.matching.views.conversations import (
    attachment_download,
    inquiry_create,
    inquiry_detail,
    inquiry_list,
    inquiry_quote,
    inquiry_status,
    notifications,
)
from etalase.matching.views.events import (
    event_create,
    event_detail,
    event_ical,
    event_list,
    event_propose,
    event_register,
    event_schedule,
    meeting_respond,
)
from etalase.matching.views.requests import (
    buyer_verify,
    for_me,
    hs_options,
    joint_offer_create,
    match_decide,
    request_create,
    request_detail,
    request_edit,
    request_list,
    request_report,
    request_respond,
    request_review,
    request_status,
)

__all__ = [
    "attachment_download", "buyer_verify", "event_create", "event_detail", "event_ical",
    "event_list",
    "event_propose", "event_register", "event_schedule", "for_me", "hs_options",
    "inquiry_create", "inquiry_detail", "inquiry_list", "inquiry_quote", "inquiry_status",
    "joint_offer_create", "match_decide", "meeting_respond", "notifications",
    "request_create", "request_detail", "request_edit", "request_list", "request_report",
    "request_respond", "request_review", "request_status",
]
