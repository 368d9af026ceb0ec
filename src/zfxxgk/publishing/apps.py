from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "zfxxgk.publishing"
    verbose_name = "主动公开"
