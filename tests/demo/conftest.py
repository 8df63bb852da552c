"""The seeded demo, built once per test module (``tests.module_data``): seeding takes seconds,
and every check of a module reads the same company, rolled back to it after each test."""

from django.core.management import call_command

from tests.module_data import module_data


def seed(lang: str):
    return lambda: call_command("seed_demo", lang=lang, verbosity=0)


demo_en = module_data(seed("en"), name="demo_en")
demo_ru = module_data(seed("ru"), name="demo_ru")
