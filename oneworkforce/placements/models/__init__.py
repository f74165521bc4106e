"""The placements app's models, split by sub-domain (Django sees one app)."""

from .allocation import AllocationRun, Offer, Placement
from .choices import (
    AuditOutcome,
    PlacementStatus,
    Profession,
    Setting,
    SettingRequirement,
    SupervisorRole,
)
from .demand import Block, PlacementRequest, Programme, Student
from .during import Concern, Evaluation, HoursEntry
from .environments import AuditAction, EducationalAudit, LearningEnvironment, Supervisor

__all__ = [
    "AllocationRun",
    "AuditAction",
    "AuditOutcome",
    "Block",
    "Concern",
    "EducationalAudit",
    "Evaluation",
    "HoursEntry",
    "LearningEnvironment",
    "Offer",
    "Placement",
    "PlacementRequest",
    "PlacementStatus",
    "Profession",
    "Programme",
    "Setting",
    "SettingRequirement",
    "Student",
    "Supervisor",
    "SupervisorRole",
]
