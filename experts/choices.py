from django.db import models
from django.utils.translation import gettext_lazy as _


class CompetencyArea(models.TextChoices):
    ENGINEERING = "engineering", _("Engineering")
    DATA = "data", _("Data and analytics")
    DESIGN = "design", _("Design")
    MARKETING = "marketing", _("Marketing")
    MANAGEMENT = "management", _("Management")
    LEGAL = "legal", _("Legal")


class CompetencyLevel(models.IntegerChoices):
    BASIC = 1, _("Basic")
    INTERMEDIATE = 2, _("Intermediate")
    ADVANCED = 3, _("Advanced")
    EXPERT = 4, _("Expert")


class Seniority(models.TextChoices):
    JUNIOR = "junior", _("Junior")
    MIDDLE = "middle", _("Middle")
    SENIOR = "senior", _("Senior")
    LEAD = "lead", _("Lead")
    PRINCIPAL = "principal", _("Principal")


class PublicationKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    TALK = "talk", _("Talk")
    BOOK = "book", _("Book")
    PODCAST = "podcast", _("Podcast")
    COURSE = "course", _("Course")
