"""An apprenticeship is asked once, as the vacancy's contract. A vacancy ticked "It is an
apprenticeship" under another contract becomes an apprenticeship contract (an apprenticeship is
itself a fixed-term job with study), then the box goes. Going back ticks the box again for every
apprenticeship contract."""

from django.db import migrations

APPRENTICESHIP = "apprenticeship"


def contract_from_box(apps, schema_editor):
    Vacancy = apps.get_model("talent", "Vacancy")
    Vacancy.objects.filter(apprenticeship=True).update(contract=APPRENTICESHIP)


def box_from_contract(apps, schema_editor):
    Vacancy = apps.get_model("talent", "Vacancy")
    Vacancy.objects.filter(contract=APPRENTICESHIP).update(apprenticeship=True)


class Migration(migrations.Migration):
    dependencies = [("talent", "0008_case_notes")]

    operations = [
        migrations.RunPython(contract_from_box, box_from_contract),
        migrations.RemoveField(model_name="vacancy", name="apprenticeship"),
    ]
