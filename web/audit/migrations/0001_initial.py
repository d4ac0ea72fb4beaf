from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="AuditEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("occurred_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("username", models.CharField(db_index=True, max_length=150)),
                ("action", models.CharField(choices=[
                    ("login", "Log ind"), ("login_failed", "Mislykket log ind"), ("logout", "Log ud"),
                    ("flag_view", "Flag vist"), ("cpr_reveal", "CPR vist"), ("decision", "Afgørelse"),
                    ("export", "Eksport"), ("user_change", "Brugerændring"), ("refused", "Afvist adgang"),
                    ("cli_reidentification", "CPR udleveret (kommandolinje)")], db_index=True, max_length=32)),
                ("object_ref", models.CharField(blank=True, max_length=200)),
                ("reason", models.TextField(blank=True)),
                ("client_address", models.CharField(blank=True, max_length=64)),
                ("detail", models.JSONField(blank=True, default=dict)),
            ],
            options={"ordering": ["-occurred_at", "-id"]},
        ),
    ]
