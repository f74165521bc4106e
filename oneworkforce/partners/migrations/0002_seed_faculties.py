"""Seed the seven faculties of a typical ICS academy. Partnerships can rename, add or retire
faculties afterwards; this runs once, on the first migration."""

from django.db import migrations

FACULTIES = [
    ("Medical", "medical", "Doctors and medical associate professions."),
    ("Pharmacy", "pharmacy", "Pharmacists, pharmacy technicians and pharmacy support staff."),
    (
        "Healthcare science",
        "healthcare-science",
        "Scientists and practitioners in life, physical and physiological sciences.",
    ),
    (
        "Nursing and midwifery",
        "nursing-and-midwifery",
        "Nurses, midwives, nursing associates and care support workers.",
    ),
    (
        "Allied health professionals",
        "allied-health-professionals",
        "Physiotherapists, occupational therapists, paramedics, speech and language therapists and other allied health professions.",
    ),
    (
        "Social care",
        "social-care",
        "People working in home care, care homes, supported living and social work.",
    ),
    (
        "Voluntary, community and social enterprise",
        "vcse",
        "Staff and volunteers in voluntary, community and social enterprise organisations.",
    ),
]


def seed(apps, schema_editor):
    Faculty = apps.get_model("partners", "Faculty")
    for position, (name, slug, description) in enumerate(FACULTIES, start=1):
        Faculty.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
