"""Supply-chain matching: buyers' sourcing requests, matches, conversations and events.

Split by subject: `requests` (what buyers need and what they decided about matches, reports
and joint offers), `conversations` (inquiries, messages, quotes, notifications), `events`
(matchmaking events and their meetings).
"""

from etalase.matching.models.conversations import (
    Attachment,
    Inquiry,
    InquiryStatus,
    Message,
    Notification,
    Quote,
    Side,
)
from etalase.matching.models.events import (
    EventRegistration,
    EventStatus,
    MatchmakingEvent,
    Meeting,
    MeetingStatus,
)
from etalase.matching.models.requests import (
    Incoterm,
    JointOffer,
    JointOfferMember,
    MatchDecision,
    RequestHSCode,
    RequestReport,
    RequestStatus,
    SourcingRequest,
    Visibility,
)

__all__ = [
    "Attachment",
    "EventRegistration",
    "EventStatus",
    "Incoterm",
    "Inquiry",
    "InquiryStatus",
    "JointOffer",
    "JointOfferMember",
    "MatchDecision",
    "MatchmakingEvent",
    "Meeting",
    "MeetingStatus",
    "Message",
    "Notification",
    "Quote",
    "RequestHSCode",
    "RequestReport",
    "RequestStatus",
    "Side",
    "SourcingRequest",
    "Visibility",
]
