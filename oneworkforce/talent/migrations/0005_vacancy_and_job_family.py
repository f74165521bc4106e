# A vacancy's kind of work is a job family, and so are the kinds a candidate is interested in;
# "role" names only a person's permission, and a job opening is a "vacancy" everywhere (ADR 017).
from django.db import migrations, models


def _rename_reason(apps, old: str, new: str) -> None:
    for name in ("Application", "Checkpoint"):
        apps.get_model("talent", name).objects.filter(left_reason=old).update(left_reason=new)


def forwards(apps, schema_editor):  # noqa: ARG001
    _rename_reason(apps, "role_not_right", "work_not_right")


def backwards(apps, schema_editor):  # noqa: ARG001
    _rename_reason(apps, "work_not_right", "role_not_right")


class Migration(migrations.Migration):
    dependencies = [("talent", "0004_application_starts_index")]

    operations = [
        migrations.RenameField(model_name="vacancy", old_name="role_family", new_name="job_family"),
        migrations.RenameField(
            model_name="candidate", old_name="interest_roles", new_name="interest_families"
        ),
        migrations.RenameField(
            model_name="eventpartner", old_name="roles_on_offer", new_name="work_on_offer"
        ),
        migrations.AlterField(
            model_name="application",
            name="left_reason",
            field=models.CharField(
                blank=True,
                choices=[
                    ("pay", "Pay"),
                    ("hours", "Hours or shifts"),
                    ("travel", "Travel"),
                    ("caring", "Caring responsibilities"),
                    ("health", "Health"),
                    ("work_not_right", "The work was not what they expected"),
                    ("support", "Not enough support or supervision"),
                    ("dismissed", "Dismissed"),
                    ("other_sector", "Work outside health and care"),
                    ("education", "Went into education or training"),
                    ("other", "Another reason"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="candidate",
            name="in_pool",
            field=models.BooleanField(
                default=True, help_text="matched to new vacancies while looking for work"
            ),
        ),
        migrations.AlterField(
            model_name="checkpoint",
            name="left_reason",
            field=models.CharField(
                blank=True,
                choices=[
                    ("pay", "Pay"),
                    ("hours", "Hours or shifts"),
                    ("travel", "Travel"),
                    ("caring", "Caring responsibilities"),
                    ("health", "Health"),
                    ("work_not_right", "The work was not what they expected"),
                    ("support", "Not enough support or supervision"),
                    ("dismissed", "Dismissed"),
                    ("other_sector", "Work outside health and care"),
                    ("education", "Went into education or training"),
                    ("other", "Another reason"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="vacancy",
            name="external_ref",
            field=models.CharField(
                blank=True,
                help_text="the vacancy's reference in the partner's own system",
                max_length=64,
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
