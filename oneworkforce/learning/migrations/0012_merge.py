# Joins three migrations written in parallel from 0008: evaluations and the CPD log (0009),
# programmes and session materials (0010), and the stored compliance grid with team managers
# (0011).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0009_evaluations_and_cpd"),
        ("learning", "0010_programmes_and_materials"),
        ("learning", "0011_stored_compliance"),
    ]

    operations = []
