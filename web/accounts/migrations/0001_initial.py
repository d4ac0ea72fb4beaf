import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        migrations.CreateModel(
            name="Profile",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("role", models.CharField(choices=[("controller", "Controller"), ("analyst", "Analytiker"),
                                                   ("admin", "Administrator")], max_length=16)),
                ("areas", models.JSONField(blank=True, default=list)),
                ("user", models.OneToOneField(on_delete=django.db.models.deletion.PROTECT,
                                              related_name="profile", to=settings.AUTH_USER_MODEL)),
            ],
        ),
    ]
