# A person's kind of work is a job family; "role" names only a person's permission (ADR 017).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("partners", "0002_seed_faculties")]

    operations = [
        migrations.RenameField(model_name="user", old_name="role_family", new_name="job_family"),
    ]
