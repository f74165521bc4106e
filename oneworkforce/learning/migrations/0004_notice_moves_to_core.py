"""The record of messages sent once moves to core (the talent hub and the employ-and-deploy
jobs use it too). The table is renamed in place, keeping every row; core's migration 0004
takes the model over in Django's state."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("learning", "0003_stored_search_document")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RenameField("notice", "learner", "recipient"),
                migrations.AlterModelTable("notice", "core_notice"),
            ],
            state_operations=[migrations.DeleteModel("Notice")],
        )
    ]
