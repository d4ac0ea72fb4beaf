import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from web.audit.append_only import append_only


class Migration(migrations.Migration):
    initial = True
    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL), ("audit", "0002_append_only")]

    operations = [
        migrations.CreateModel(
            name="Decision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("flag_id", models.CharField(db_index=True, max_length=64)),
                ("status", models.CharField(choices=[
                    ("ny", "Ny"), ("under behandling", "Under behandling"), ("opkrævet", "Opkrævet"),
                    ("delvist opkrævet", "Delvist opkrævet"), ("afvist - ikke relevant", "Afvist - ikke relevant"),
                    ("afvist - forældet", "Afvist - forældet")], max_length=32)),
                ("comment", models.TextField(blank=True)),
                ("recovered_amount_dkk", models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True)),
                ("follow_up_date", models.DateField(blank=True, null=True)),
                ("decided_at", models.DateTimeField(auto_now_add=True)),
                ("decided_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                                 related_name="decisions_made", to=settings.AUTH_USER_MODEL)),
                ("responsible", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                                  related_name="decisions_responsible",
                                                  to=settings.AUTH_USER_MODEL)),
            ],
            options={"ordering": ["-decided_at", "-id"]},
        ),
        append_only("worklist_decision"),
    ]
