from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("partners", "0003_job_family")]

    operations = [
        migrations.AddField(
            model_name="user", name="weekly_digest", field=models.BooleanField(default=True)
        ),
    ]
