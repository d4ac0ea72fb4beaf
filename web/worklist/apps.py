from django.apps import AppConfig


class WorklistConfig(AppConfig):
    name = "web.worklist"
    label = "worklist"
    verbose_name = "Arbejdsliste"
