"""The demo company's experts and industries, in English and Russian (the cases are in
demo/data/cases.py)."""

INDUSTRIES = [
    ("retail", ("Retail", "Розничная торговля")),
    ("banking", ("Banking", "Банки")),
    ("logistics", ("Logistics", "Логистика")),
    ("healthcare", ("Healthcare", "Здравоохранение")),
    ("manufacturing", ("Manufacturing", "Производство")),
    ("education", ("Education", "Образование")),
    ("real-estate", ("Real estate", "Недвижимость")),
    ("media", ("Media", "Медиа")),
]

# key, (name), (position), seniority, years, [(competency, level, years)], languages
EXPERTS = [
    (
        "ivanov",
        ("Alexei Ivanov", "Алексей Иванов"),
        ("Chief architect", "Главный архитектор"),
        "principal",
        18,
        [("cloud", 4, 12), ("kubernetes", 4, 7), ("django", 3, 10)],
    ),
    (
        "smirnova",
        ("Maria Smirnova", "Мария Смирнова"),
        ("Head of data", "Руководитель направления данных"),
        "lead",
        14,
        [("data-eng", 4, 10), ("ml", 4, 8), ("postgres", 3, 9)],
    ),
    (
        "kuznetsov",
        ("Dmitry Kuznetsov", "Дмитрий Кузнецов"),
        ("Lead backend developer", "Ведущий бэкенд-разработчик"),
        "lead",
        11,
        [("django", 4, 9), ("postgres", 4, 9), ("react", 2, 3)],
    ),
    (
        "popova",
        ("Elena Popova", "Елена Попова"),
        ("UX lead", "Руководитель UX"),
        "lead",
        10,
        [("ux", 4, 10), ("react", 2, 2)],
    ),
    (
        "sokolov",
        ("Ivan Sokolov", "Иван Соколов"),
        ("DevOps engineer", "DevOps-инженер"),
        "senior",
        8,
        [("kubernetes", 4, 6), ("cloud", 3, 6)],
    ),
    (
        "lebedeva",
        ("Anna Lebedeva", "Анна Лебедева"),
        ("Project manager", "Менеджер проектов"),
        "senior",
        9,
        [("pm", 4, 9)],
    ),
    (
        "kozlov",
        ("Sergei Kozlov", "Сергей Козлов"),
        ("Mobile team lead", "Тимлид мобильной разработки"),
        "lead",
        10,
        [("mobile", 4, 9), ("react", 3, 4)],
    ),
    (
        "novikova",
        ("Olga Novikova", "Ольга Новикова"),
        ("Data scientist", "Специалист по данным"),
        "senior",
        7,
        [("ml", 4, 6), ("bi", 3, 4)],
    ),
    (
        "morozov",
        ("Pavel Morozov", "Павел Морозов"),
        ("SEO lead", "Руководитель SEO"),
        "senior",
        12,
        [("seo", 4, 12), ("ppc", 3, 6)],
    ),
    (
        "volkova",
        ("Natalia Volkova", "Наталья Волкова"),
        ("Performance marketing lead", "Руководитель performance-маркетинга"),
        "lead",
        9,
        [("ppc", 4, 9), ("bi", 3, 5)],
    ),
    (
        "fedorov",
        ("Mikhail Fedorov", "Михаил Фёдоров"),
        ("Privacy lawyer", "Юрист по персональным данным"),
        "senior",
        13,
        [("privacy", 4, 11)],
    ),
    (
        "orlova",
        ("Daria Orlova", "Дарья Орлова"),
        ("Frontend developer", "Фронтенд-разработчик"),
        "middle",
        5,
        [("react", 4, 5), ("ux", 2, 2)],
    ),
    (
        "belov",
        ("Artem Belov", "Артём Белов"),
        ("BI analyst", "BI-аналитик"),
        "middle",
        4,
        [("bi", 4, 4), ("postgres", 2, 3)],
    ),
]

CERTIFICATES = {
    "cloud": ("Certified Kubernetes Administrator", "The Linux Foundation"),
    "kubernetes": ("Certified Kubernetes Application Developer", "The Linux Foundation"),
    "ml": ("Machine Learning Specialization", "Stanford Online"),
    "pm": ("Project Management Professional (PMP)", "PMI"),
    "ux": ("UX Certification", "Nielsen Norman Group"),
    "seo": ("Google Analytics Certification", "Google"),
    "ppc": ("Yandex Direct Certified Specialist", "Yandex"),
    "privacy": ("Certified Information Privacy Professional", "IAPP"),
    "postgres": ("PostgreSQL Professional", "Postgres Professional"),
    "bi": ("Power BI Data Analyst", "Microsoft"),
    "mobile": ("Associate Android Developer", "Google"),
    "django": ("Python Institute PCPP", "Python Institute"),
    "react": ("Meta Front-End Developer", "Meta"),
    "data-eng": ("Data Engineer Professional", "Databricks"),
}


# Each expert's own short bio: what they did before, what they do here, what they are known for.
BIOS = {
    "ivanov": (
        "Alexei designed payment systems at a federal bank before joining us in 2012. He "
        "decides how a client's systems should look in three years and checks every "
        "architecture we hand over.",
        "До нас Алексей десять лет проектировал платёжные системы в федеральном банке. Сейчас "
        "отвечает за то, какими системы клиента станут через три года, и принимает каждую "
        "архитектуру, которую мы сдаём.",
    ),
    "smirnova": (
        "Maria built the data team from two people to fourteen. She starts every project by "
        "asking which decision the data should change, and refuses dashboards nobody will open.",
        "Мария вырастила направление данных с двух человек до четырнадцати. Любой проект "
        "начинает с вопроса, какое решение должны изменить данные, и не берётся за дашборды, "
        "которые никто не откроет.",
    ),
    "kuznetsov": (
        "Dmitry has written Django since version 1.2 and leads our largest e-commerce builds. "
        "He is the one who gets called when a catalogue of a hundred thousand products slows "
        "down.",
        "Дмитрий пишет на Django с версии 1.2 и ведёт наши крупнейшие интернет-магазины. Если "
        "каталог на сто тысяч товаров начинает тормозить, звонят ему.",
    ),
    "popova": (
        "Elena came to UX from sociology and still runs the interviews herself. Her team has "
        "tested prototypes with more than 600 users, from bank clients to first-year students.",
        "Елена пришла в UX из социологии и до сих пор сама проводит интервью. Её команда "
        "проверила прототипы на 600 с лишним пользователях — от клиентов банков до "
        "первокурсников.",
    ),
    "sokolov": (
        "Ivan moved his first production system to Kubernetes in 2018 and has carried the "
        "on-call phone ever since. He writes the runbooks our night shift follows.",
        "Иван перенёс первую боевую систему в Kubernetes в 2018 году и с тех пор не расстаётся "
        "с дежурным телефоном. Инструкции, по которым работает наша ночная смена, написал он.",
    ),
    "lebedeva": (
        "Anna has delivered more than forty projects for retailers and banks. Clients know her "
        "for weekly status reports that fit on one page and never hide a slipping date.",
        "Анна провела больше сорока проектов для ретейла и банков. Клиенты ценят её "
        "еженедельные отчёты: на одной странице и без попыток спрятать сдвинувшийся срок.",
    ),
    "kozlov": (
        "Sergei shipped his first Android app in 2014 and now leads a mobile team of eight. "
        "Four of the apps he built are rated above 4.7 in the stores.",
        "Сергей выпустил первое Android-приложение в 2014 году, сейчас руководит мобильной "
        "командой из восьми человек. У четырёх его приложений рейтинг в сторах выше 4,7.",
    ),
    "novikova": (
        "Olga holds a PhD in applied mathematics and builds the forecasting models behind our "
        "retail and pharmacy cases. She prefers a simple model that a buyer trusts to a clever "
        "one nobody uses.",
        "Ольга — кандидат физико-математических наук, строит модели прогноза для наших "
        "проектов в ретейле и аптечных сетях. Простую модель, которой доверяет закупщик, ценит "
        "выше хитроумной, которой никто не пользуется.",
    ),
    "morozov": (
        "Pavel has done search optimisation since 2013, first for a large news site, then for "
        "online stores. He specialises in recovering traffic lost in migrations and redesigns.",
        "Павел занимается SEO с 2013 года: сначала в крупном новостном издании, потом в "
        "интернет-магазинах. Его конёк — вернуть трафик, потерянный при переезде или "
        "редизайне.",
    ),
    "volkova": (
        "Natalia managed advertising budgets of up to 40 million roubles a month on the "
        "client side. She judges a campaign by the sales it brings, not by clicks or "
        "impressions.",
        "Наталья вела рекламные бюджеты до 40 млн ₽ в месяц на стороне клиента. Кампанию "
        "оценивает по продажам, а не по кликам и показам.",
    ),
    "fedorov": (
        "Mikhail is a lawyer who reads code. He has prepared companies for more than thirty "
        "regulator inspections and writes consents that customers can actually understand.",
        "Михаил — юрист, который умеет читать код. Подготовил к проверкам Роскомнадзора "
        "больше тридцати компаний и пишет согласия, которые клиенты способны понять.",
    ),
    "orlova": (
        "Daria builds interfaces in React and TypeScript and cares about accessibility: every "
        "form she ships works from the keyboard and with a screen reader.",
        "Дарья делает интерфейсы на React и TypeScript и всерьёз занимается доступностью: "
        "каждая её форма работает с клавиатуры и с экранным диктором.",
    ),
    "belov": (
        "Artem joined us as an intern and now builds the dashboards store managers open on "
        "their phones every morning. Before that he was a sales analyst at an electronics "
        "retailer.",
        "Артём пришёл к нам стажёром, а теперь делает дашборды, которые директора магазинов "
        "каждое утро открывают в телефоне. До этого работал аналитиком продаж в сети "
        "электроники.",
    ),
}

# Each expert's publications: (kind, (title), venue, year, month).
PUBLICATIONS = {
    "ivanov": [
        (
            "talk",
            (
                "Moving a bank to Kubernetes without a night window",
                "Переезд банка в Kubernetes без ночного окна",
            ),
            "HighLoad++",
            2024,
            11,
        ),
        (
            "article",
            ("Why your cloud bill doubled", "Почему счёт за облако вырос вдвое"),
            "Habr",
            2025,
            3,
        ),
    ],
    "smirnova": [
        (
            "talk",
            (
                "A data warehouse the finance team believes",
                "Хранилище, которому верит финансовая служба",
            ),
            "Data Fest",
            2024,
            6,
        ),
    ],
    "kuznetsov": [
        (
            "talk",
            (
                "A catalogue of 100,000 products on Django: what broke first",
                "Каталог на 100 000 товаров на Django: что сломалось первым",
            ),
            "PyCon Russia",
            2023,
            7,
        ),
    ],
    "popova": [
        (
            "article",
            (
                "Twenty interviews that beat a year of A/B tests",
                "Двадцать интервью, которые оказались полезнее года A/B-тестов",
            ),
            "vc.ru",
            2025,
            4,
        ),
    ],
    "sokolov": [
        (
            "article",
            (
                "Alerts on what the customer sees, not on CPU",
                "Алерты по тому, что видит клиент, а не по загрузке процессора",
            ),
            "Habr",
            2024,
            9,
        ),
        (
            "talk",
            ("GitOps for edge clusters in a steel plant", "GitOps для кластеров в цехах комбината"),
            "DevOops",
            2025,
            5,
        ),
    ],
    "lebedeva": [
        (
            "podcast",
            (
                "A one-page status report and other habits of calm projects",
                "Отчёт на одну страницу и другие привычки спокойных проектов",
            ),
            "Podlodka",
            2024,
            2,
        ),
    ],
    "kozlov": [
        (
            "talk",
            (
                "Offline first: a mobile app for crews on the shop floor",
                "Offline first: мобильное приложение для бригад в цеху",
            ),
            "Mobius",
            2025,
            2,
        ),
    ],
    "novikova": [
        (
            "article",
            (
                "Forecasting flu season demand for 900 pharmacies",
                "Прогноз спроса в сезон простуд для 900 аптек",
            ),
            "Habr",
            2024,
            12,
        ),
    ],
    "morozov": [
        (
            "article",
            (
                "180,000 redirects: bringing a news portal back after a redesign",
                "180 тысяч редиректов: как вернуть трафик новостному порталу после редизайна",
            ),
            "vc.ru",
            2024,
            8,
        ),
    ],
    "volkova": [
        (
            "talk",
            (
                "Bidding on qualified leads, not on clicks",
                "Ставки на квалифицированные лиды, а не на клики",
            ),
            "RIF",
            2025,
            6,
        ),
    ],
    "fedorov": [
        (
            "article",
            (
                "Consents a customer can read: a lawyer's checklist",
                "Согласие на обработку данных, которое можно прочитать: чек-лист юриста",
            ),
            "vc.ru",
            2025,
            1,
        ),
    ],
    "orlova": [
        (
            "talk",
            (
                "Forms that work with a screen reader",
                "Формы, которые работают с экранным диктором",
            ),
            "HolyJS",
            2024,
            10,
        ),
    ],
    "belov": [
        (
            "article",
            (
                "A dashboard store managers open every morning",
                "Дашборд, который директор магазина открывает каждое утро",
            ),
            "Habr",
            2025,
            2,
        ),
    ],
}
