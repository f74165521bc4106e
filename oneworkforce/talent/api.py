"""The talent hub API for partners' own applicant tracking systems: roles in, application
status out. Authenticated by a partner's key (``Authorization: Bearer <key>``)."""

from ninja import Router

router = Router(tags=["Talent hub"])
