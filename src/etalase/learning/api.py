"""Programmes (public), enrolment for the signed-in owner, resources: /api/v1/learning/."""

from ninja import Router

router = Router(tags=["learning"])
