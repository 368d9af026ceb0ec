from django.apps import AppConfig


class AnnualConfig(AppConfig):
    name = "zfxxgk.annual"
    verbose_name = "政府信息公开工作年度报告"
