# A job is named by its job title and kind of work; "role" names only a person's permission
# (ADR 017). Columns are renamed in place, so no data moves. The audit log is append-only: events
# written before this keep the action names they were written with
# (deployments.employ_role_agreed and deployments.employ_role_changed); new ones are
# deployments.employ_post_agreed and deployments.employ_post_changed.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
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
    ]
