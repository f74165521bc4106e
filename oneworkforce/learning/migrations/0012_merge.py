# Joins the evaluations and CPD migration (0009) with the programmes and materials one (0010),
# both written in parallel from 0008.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0009_evaluations_and_cpd"),
        ("learning", "0010_programmes_and_materials"),
    ]

    operations = []
