# A job is named by its job title and kind of work; "role" names only a person's permission
# (ADR 017). Columns are renamed in place, so no data moves; the audit log's past actions on
# agreed posts take the new action names so one filter finds old and new events alike.

from django.db import migrations, models

RENAMED_ACTIONS = {
    "deployments.employ_role_agreed": "deployments.employ_post_agreed",
    "deployments.employ_role_changed": "deployments.employ_post_changed",
}


def rename_actions(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    for old, new in RENAMED_ACTIONS.items():
        AuditEvent.objects.filter(action=old).update(action=new)


def restore_actions(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    for old, new in RENAMED_ACTIONS.items():
        AuditEvent.objects.filter(action=new).update(action=old)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("deployments", "0003_training_from_the_learning_record"),
    ]

    operations = [
        migrations.RenameField("deployment", "role", "job_title"),
        migrations.RenameField("deployment", "role_type", "work_type"),
        migrations.RenameField("deployment", "training_role", "training_job_role"),
        migrations.RenameModel("AgreedRole", "AgreedPost"),
        migrations.RenameField("agreedpost", "role", "job_title"),
        migrations.AlterModelOptions(
            "agreedpost", options={"ordering": ["pcn__name", "job_title"]}
        ),
        migrations.AlterField(
            "agreedpost",
            "agreement",
            models.ForeignKey(
                on_delete=models.deletion.CASCADE,
                related_name="posts",
                to="deployments.agreement",
            ),
        ),
        migrations.RenameField("employment", "role", "job_title"),
        migrations.RunPython(rename_actions, restore_actions),
    ]
