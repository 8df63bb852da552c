"""Names for generated companies, people and proposals, in the seeding language (``en`` or
``ru``): plausible enough for the demo's screens, drawn from the generator's seeded random."""

FIRST = {
    "en": [
        "Anna",
        "Boris",
        "Elena",
        "Igor",
        "Irina",
        "Maxim",
        "Natalia",
        "Oleg",
        "Pavel",
        "Svetlana",
        "Dmitry",
        "Tatiana",
        "Andrei",
        "Olga",
        "Sergei",
        "Yulia",
    ],
    "ru": [
        "Анна",
        "Борис",
        "Елена",
        "Игорь",
        "Ирина",
        "Максим",
        "Наталья",
        "Олег",
        "Павел",
        "Светлана",
        "Дмитрий",
        "Татьяна",
        "Андрей",
        "Ольга",
        "Сергей",
        "Юлия",
    ],
}
LAST = {
    "en": [
        "Ivanov",
        "Petrova",
        "Smirnov",
        "Kuznetsova",
        "Popov",
        "Volkova",
        "Sokolov",
        "Lebedeva",
        "Kozlov",
        "Novikova",
        "Morozov",
        "Orlova",
        "Zaitsev",
        "Belova",
    ],
    "ru": [
        "Иванов",
        "Петрова",
        "Смирнов",
        "Кузнецова",
        "Попов",
        "Волкова",
        "Соколов",
        "Лебедева",
        "Козлов",
        "Новикова",
        "Морозов",
        "Орлова",
        "Зайцев",
        "Белова",
    ],
}
STEM = {
    "en": [
        "Nord",
        "Volga",
        "Ural",
        "Baltic",
        "Sever",
        "Techno",
        "Agro",
        "Med",
        "Fin",
        "Stroy",
        "Trans",
        "Electro",
        "Neva",
        "Altai",
        "Sibir",
        "Kama",
        "Oka",
        "Don",
    ],
    "ru": [
        "Норд",
        "Волга",
        "Урал",
        "Балтик",
        "Север",
        "Техно",
        "Агро",
        "Мед",
        "Фин",
        "Строй",
        "Транс",
        "Электро",
        "Нева",
        "Алтай",
        "Сибирь",
        "Кама",
        "Ока",
        "Дон",
    ],
}
TAIL = {
    "en": [
        "Trade",
        "Soft",
        "Invest",
        "Group",
        "Logistic",
        "Service",
        "Systems",
        "Lab",
        "Market",
        "Bank",
        "Pharm",
        "Retail",
    ],
    "ru": [
        "Торг",
        "Софт",
        "Инвест",
        "Групп",
        "Логистик",
        "Сервис",
        "Системс",
        "Лаб",
        "Маркет",
        "Банк",
        "Фарм",
        "Ритейл",
    ],
}
PROPOSAL = {"en": "Proposal: %s", "ru": "Коммерческое предложение: %s"}


def person_name(rng, lang: str) -> str:
    return f"{rng.choice(FIRST[lang])} {rng.choice(LAST[lang])}"


def company_name(rng, lang: str, number: int) -> str:
    """Distinct for the first few hundred companies, then with a number."""
    name = rng.choice(STEM[lang]) + rng.choice(TAIL[lang])
    return name if number < 200 else f"{name} {number}"


def proposal_title(lang: str, what: str) -> str:
    return PROPOSAL[lang] % what
