"""A partner's job role and the training it needs was called ``RoleProfile``; it is ``JobRole`` now,
so a job is never named like a permission (``partners.RoleGrant``). See ADR 018."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0004_notice_moves_to_core"),
        ("partners", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel("RoleProfile", "JobRole"),
        migrations.AlterField(
            model_name="jobrole",
            name="organisation",
            field=models.ForeignKey(
                on_delete=models.deletion.CASCADE,
                related_name="job_roles",
                to="partners.organisation",
            ),
        ),
        migrations.AlterField(
            model_name="jobrole",
            name="requirements",
            field=models.ManyToManyField(related_name="job_roles", to="learning.requirement"),
        ),
        migrations.AlterField(
            model_name="jobrole",
            name="members",
            field=models.ManyToManyField(
                blank=True, related_name="job_roles", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.RemoveConstraint(model_name="jobrole", name="unique_role_name"),
        migrations.AddConstraint(
            model_name="jobrole",
            constraint=models.UniqueConstraint(
                fields=("organisation", "name"), name="unique_job_role_name"
            ),
        ),
    ]
