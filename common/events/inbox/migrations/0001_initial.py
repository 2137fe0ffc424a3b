from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="InboxEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("event_id", models.UUIDField()),
                ("handler", models.CharField(max_length=200)),
                ("event_type", models.CharField(max_length=100)),
                ("applied_at", models.DateTimeField(auto_now_add=True, db_index=True)),
            ],
            options={"verbose_name_plural": "inbox entries"},
        ),
        migrations.AddConstraint(
            model_name="inboxentry",
            constraint=models.UniqueConstraint(fields=("event_id", "handler"), name="inbox_once_per_handler"),
        ),
    ]
