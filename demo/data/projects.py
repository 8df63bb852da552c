"""Texts of the demo's delivered projects (demo/seeders/projects.py): the plan of the accepted
proposals, and the stories of the won deals whose clients were asked to confirm the results.
Every text is an ``(english, russian)`` pair."""

from projects.choices import Publication

# (name, duration, first day, last day relative to today) of each accepted proposal's phases,
# and its team: (hours a week, share of the week %, phase number or None for every phase), in
# the order of the proposal's chosen experts. The second expert of the first proposal (the BI
# analyst of a data warehouse, belov, a part-timer of CAPACITIES) is booked 28 hours a week in
# its build phase, over his 24: over 100 % in those weeks; experts the two proposals share (as
# their services allow) add up the same way.
PLANS = [
    {
        "phases": [
            (("Discovery", "Обследование"), ("2 weeks", "2 недели"), -21, -8),
            (("Build", "Разработка"), ("9 weeks", "9 недель"), -7, 55),
            (("Launch and support", "Запуск и сопровождение"), ("5 weeks", "5 недель"), 56, 90),
        ],
        "team": [(20, None, None), (28, None, 2), (None, 50, None)],
    },
    {
        "phases": [
            (("Analysis", "Анализ"), ("3 weeks", "3 недели"), 0, 20),
            (("Implementation", "Внедрение"), ("9 weeks", "9 недель"), 21, 84),
        ],
        "team": [(28, None, None), (12, None, None), (16, None, 2)],
    },
]

# experts by slug: (hours a week they work); an override: (percent, reason, days it lasts)
CAPACITIES = [("belov", 24), ("popova", 32)]
OVERRIDE = (
    "ivanov",
    80,
    (
        "Leads the internal platform migration until it ships.",
        "Ведёт внутреннюю миграцию платформы до её запуска.",
    ),
    21,
)

# What happened to the client confirmation of each story's case:
PUBLISHED, ANSWERED, SENT = "published", "answered", "sent"

# Metrics: (label, before, after, unit, higher is better).
# One story per won demo deal, chosen by the deal's service (the first won deal with it):
# the client's answer and, for a published case, the editor's rewrite of the draft's notes.
STORIES = [
    {
        "service": "dwh",
        "outcome": PUBLISHED,
        "industry": "logistics",
        "publication": Publication.NAMED,
        "title": ("One data warehouse for 40 warehouses", "Одно хранилище данных для 40 складов"),
        "client_description": (
            "A logistics operator with 40 warehouses",
            "Логистический оператор с 40 складами",
        ),
        "summary": (
            "One data warehouse instead of nine spreadsheets: daily reports for every warehouse "
            "in the morning instead of at the end of the week.",
            "Одно хранилище данных вместо девяти таблиц: ежедневные отчёты по каждому складу "
            "утром, а не в конце недели.",
        ),
        "challenge": (
            "The warehouses reported in their own spreadsheets; the weekly summary took two "
            "analysts three days and was out of date when it arrived.",
            "Склады вели отчёты в своих таблицах; недельную сводку два аналитика собирали три "
            "дня, и она устаревала к моменту отправки.",
        ),
        "solution": (
            "We loaded the warehouse system and the ERP into one warehouse every night and built "
            "the dashboards the shift managers open each morning.",
            "Мы каждую ночь загружаем данные складской системы и ERP в одно хранилище и "
            "построили панели, которые начальники смен открывают каждое утро.",
        ),
        "metrics": [
            (
                ("Time to the weekly report", "Подготовка недельного отчёта"),
                72,
                2,
                ("h", "ч"),
                False,
            ),
            (("Reports by hand", "Отчёты вручную"), 9, 0, ("per week", "в неделю"), False),
        ],
        "quote": (
            "We stopped arguing about whose numbers are right: there is one set of numbers now.",
            "Мы перестали спорить, чьи цифры верны: теперь цифры одни.",
        ),
        "position": ("Operations director", "операционный директор"),
        "score": 9,
        "comment": ("Would like the same for the finance team.", "Хотим то же для финансов."),
        "may_be_reference": True,
    },
    {
        "service": "mobile-app",
        "outcome": PUBLISHED,
        "industry": "manufacturing",
        "publication": Publication.ANONYMISED,
        # anonymised: the title and the address say nothing of the client's name
        "title": (
            "A maintenance app for a steel manufacturer",
            "Приложение для ремонтных бригад металлургического завода",
        ),
        "client_description": (
            "A steel manufacturer with three plants",
            "Металлургический завод с тремя площадками",
        ),
        "summary": (
            "A mobile app for the plants' maintenance crews: faults are reported with a photo "
            "from the shop floor and reach the right crew in minutes.",
            "Мобильное приложение для ремонтных бригад: о неисправности сообщают с фото прямо "
            "из цеха, и она за минуты попадает к нужной бригаде.",
        ),
        "challenge": (
            "Faults were reported by phone and written down on paper; a third of them were "
            "lost between shifts.",
            "О неисправностях сообщали по телефону и записывали на бумаге; треть терялась при "
            "смене.",
        ),
        "solution": (
            "An offline-first app for Android handhelds, connected to the plant's maintenance "
            "system, with a queue per crew.",
            "Приложение для Android-терминалов, работающее без сети и связанное с системой "
            "ТОиР завода, с очередью для каждой бригады.",
        ),
        "metrics": [
            (
                ("Time to react to a fault", "Время реакции на неисправность"),
                95,
                12,
                ("min", "мин"),
                False,
            ),
            (
                ("Faults lost between shifts", "Потерянные при смене заявки"),
                30,
                2,
                ("%", "%"),
                False,
            ),
        ],
        "quote": (
            "The crews took to the app in a week; nobody wants the paper log back.",
            "Бригады освоили приложение за неделю; к бумажному журналу никто не хочет вернуться.",
        ),
        "position": ("Chief mechanical engineer", "главный механик"),
        "score": 8,
        "comment": ("", ""),
        "may_be_reference": False,
    },
    {
        "service": "devops-support",
        "outcome": ANSWERED,
        "publication": Publication.NAMED,
        "metrics": [
            (("Releases", "Релизы"), 2, 12, ("per month", "в месяц"), True),
            (("Night incidents", "Ночные инциденты"), 7, 1, ("per month", "в месяц"), False),
        ],
        "quote": (
            "Releases are a non-event now; the on-call phone stays quiet.",
            "Релизы стали будничными; дежурный телефон молчит.",
        ),
        "position": ("CTO", "технический директор"),
        "score": 10,
        "comment": ("", ""),
        "may_be_reference": True,
    },
    {"service": "forecasting", "outcome": SENT},
]

#: how many more won demo deals become plain draft cases (no confirmation yet)
EXTRA_DRAFTS = 2

EDITOR = ("nina", "Nina", "Sokolova")
