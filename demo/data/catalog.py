"""The demo company's catalog: categories, competencies and services, in English and Russian.

Every text is a pair ``(english, russian)``.
"""

COMPANY = {
    "name": ("Northwind Digital", "Нордвинд Диджитал"),
    "tagline": (
        "IT outsourcing, web development and consulting since 2012",
        "ИТ-аутсорсинг, веб-разработка и консалтинг с 2012 года",
    ),
    "legal_name": ("Northwind Digital LLC", "ООО «Нордвинд Диджитал»"),
    "legal_details": ("TIN 7701234567, PSRN 1127746000000", "ИНН 7701234567, ОГРН 1127746000000"),
    "address": ("12 Tverskaya St., Moscow, 125009", "125009, Москва, ул. Тверская, 12"),
    "email": "hello@northwind.example",
    "phone": "+7 495 123-45-67",
    "hero_title": (
        "Digital products that pay for themselves",
        "Цифровые продукты, которые окупаются",
    ),
    "hero_text": (
        "We design, build and run web services, data platforms and cloud infrastructure "
        "for retail, banking and industry — and we show the numbers.",
        "Проектируем, разрабатываем и сопровождаем веб-сервисы, платформы данных и облачную "
        "инфраструктуру для ретейла, банков и промышленности — и показываем цифры.",
    ),
    "value_proposition": (
        "<p>Every case on this site has <b>measured results</b>, every expert a public track record.</p>",
        "<p>У каждого кейса на сайте — <b>измеренный результат</b>, у каждого эксперта — открытое портфолио.</p>",
    ),
    "figures": [
        ("140+", ("projects delivered", "реализованных проектов")),
        ("12", ("years on the market", "лет на рынке")),
        ("60", ("engineers and consultants", "инженеров и консультантов")),
        ("94%", ("clients come back", "клиентов возвращаются")),
    ],
}

CATEGORIES = [
    ("web", ("Web and mobile development", "Веб- и мобильная разработка")),
    ("cloud", ("Cloud and DevOps", "Облака и DevOps")),
    ("data", ("Data and AI", "Данные и ИИ")),
    ("consulting", ("Consulting and compliance", "Консалтинг и комплаенс")),
    ("marketing", ("Marketing and design", "Маркетинг и дизайн")),
]

COMPETENCIES = [
    ("django", "engineering", ("Python and Django", "Python и Django")),
    ("react", "engineering", ("React and TypeScript", "React и TypeScript")),
    ("mobile", "engineering", ("iOS and Android", "iOS и Android")),
    ("kubernetes", "engineering", ("Kubernetes", "Kubernetes")),
    ("cloud", "engineering", ("Cloud architecture", "Облачная архитектура")),
    ("postgres", "data", ("PostgreSQL", "PostgreSQL")),
    ("data-eng", "data", ("Data engineering", "Инженерия данных")),
    ("ml", "data", ("Machine learning", "Машинное обучение")),
    ("bi", "data", ("BI and dashboards", "BI и дашборды")),
    ("pm", "management", ("Project management", "Управление проектами")),
    ("ux", "design", ("UX research and design", "UX-исследования и дизайн")),
    ("seo", "marketing", ("SEO", "SEO-продвижение")),
    ("ppc", "marketing", ("Performance marketing", "Performance-маркетинг")),
    ("privacy", "legal", ("Personal data law", "Законодательство о персональных данных")),
]

# Steps shared by the services of a category.
STEPS = {
    "web": [
        (
            ("Discovery", "Исследование"),
            (
                "Interviews, analytics, a map of user journeys.",
                "Интервью, аналитика, карта пользовательских сценариев.",
            ),
        ),
        (
            ("Prototype", "Прототип"),
            (
                "Clickable prototype tested with real users.",
                "Кликабельный прототип, проверенный на пользователях.",
            ),
        ),
        (
            ("Development", "Разработка"),
            (
                "Two-week sprints with a demo at the end of each.",
                "Двухнедельные спринты с демонстрацией в конце каждого.",
            ),
        ),
        (
            ("Launch and support", "Запуск и поддержка"),
            ("Release, monitoring, a warranty period.", "Релиз, мониторинг, гарантийный период."),
        ),
    ],
    "cloud": [
        (
            ("Audit", "Аудит"),
            (
                "Inventory of services, costs and risks.",
                "Инвентаризация сервисов, затрат и рисков.",
            ),
        ),
        (
            ("Target architecture", "Целевая архитектура"),
            ("A plan with milestones and rollback points.", "План с этапами и точками отката."),
        ),
        (
            ("Migration", "Миграция"),
            ("Service by service, without downtime.", "Сервис за сервисом, без простоя."),
        ),
        (
            ("Operations", "Эксплуатация"),
            (
                "24/7 monitoring and on-call engineers.",
                "Круглосуточный мониторинг и дежурные инженеры.",
            ),
        ),
    ],
    "data": [
        (
            ("Data audit", "Аудит данных"),
            (
                "Sources, quality and the questions the business asks.",
                "Источники, качество и вопросы, которые задаёт бизнес.",
            ),
        ),
        (
            ("Pilot", "Пилот"),
            (
                "One use case end to end in six weeks.",
                "Один сценарий от начала до конца за шесть недель.",
            ),
        ),
        (
            ("Scale-up", "Масштабирование"),
            (
                "More sources, more users, automated checks.",
                "Больше источников, больше пользователей, автоматические проверки.",
            ),
        ),
    ],
    "consulting": [
        (
            ("Interviews", "Интервью"),
            (
                "We talk to the people who own the problem.",
                "Говорим с теми, кто отвечает за проблему.",
            ),
        ),
        (
            ("Analysis", "Анализ"),
            (
                "Documents, systems, processes, benchmarks.",
                "Документы, системы, процессы, сравнение с рынком.",
            ),
        ),
        (
            ("Report", "Отчёт"),
            (
                "Findings, a prioritised roadmap, a presentation to management.",
                "Выводы, приоритизированная дорожная карта, презентация руководству.",
            ),
        ),
    ],
    "marketing": [
        (
            ("Audit", "Аудит"),
            ("Where traffic and money go today.", "Куда сегодня уходят трафик и деньги."),
        ),
        (
            ("Strategy", "Стратегия"),
            ("Channels, budgets, targets per month.", "Каналы, бюджеты, цели на каждый месяц."),
        ),
        (
            ("Execution", "Реализация"),
            ("Weekly iterations and reports.", "Еженедельные итерации и отчёты."),
        ),
    ],
}

COST_FACTORS = {
    "web": [
        (
            ("Number of integrations", "Количество интеграций"),
            (
                "ERP, CRM, payment and delivery services add scope.",
                "ERP, CRM, платёжные сервисы и доставка увеличивают объём.",
            ),
        ),
        (
            ("Design complexity", "Сложность дизайна"),
            ("A design system costs more than a template.", "Дизайн-система дороже шаблона."),
        ),
    ],
    "cloud": [
        (
            ("Number of services", "Количество сервисов"),
            (
                "Each service is migrated and tested separately.",
                "Каждый сервис переносится и тестируется отдельно.",
            ),
        ),
        (
            ("Availability target", "Требования к доступности"),
            (
                "99.95% needs more redundancy than 99.5%.",
                "99,95% требует большего резервирования, чем 99,5%.",
            ),
        ),
    ],
    "data": [
        (
            ("Number of sources", "Количество источников"),
            (
                "Each source needs a connector and quality checks.",
                "Каждому источнику нужен коннектор и проверки качества.",
            ),
        ),
        (
            ("Data volume", "Объём данных"),
            (
                "Terabytes need a different storage than gigabytes.",
                "Терабайтам нужно другое хранилище, чем гигабайтам.",
            ),
        ),
    ],
    "consulting": [
        (
            ("Size of the organisation", "Размер организации"),
            ("More departments, more interviews.", "Больше подразделений — больше интервью."),
        ),
    ],
    "marketing": [
        (
            ("Advertising budget", "Рекламный бюджет"),
            (
                "Our fee is a share of the media spend.",
                "Наше вознаграждение — доля от рекламного бюджета.",
            ),
        ),
        (
            ("Number of regions", "Количество регионов"),
            ("Each region gets its own campaigns.", "Для каждого региона — свои кампании."),
        ),
    ],
}

PARTNERS = {
    "cloud": [
        ("Yandex Cloud", ("Cloud provider", "Облачный провайдер"), "https://cloud.yandex.ru")
    ],
    "data": [
        ("Arenadata", ("Data platform vendor", "Вендор платформы данных"), "https://arenadata.tech")
    ],
    "web": [("YooKassa", ("Payments", "Платежи"), "https://yookassa.ru")],
}

# key, category, (title), (summary), types, pricing, price_from, price_to, currency,
# (duration min, max, unit), complexity, competencies, (audience), (applicability), team, packages
SERVICES = [
    {
        "key": "ecommerce",
        "category": "web",
        "title": ("Online store development", "Разработка интернет-магазина"),
        "summary": (
            "A fast online store integrated with your ERP, payments and delivery.",
            "Быстрый интернет-магазин с обменом с 1С или другой ERP, онлайн-оплатой и доставкой.",
        ),
        "types": ["project", "b2b"],
        "pricing": "fixed",
        "price": (1_500_000, 6_000_000),
        "currency": "RUB",
        "duration": (3, 6, "months"),
        "complexity": "high",
        "competencies": ["django", "react", "postgres", "pm", "ux"],
        "audience": (
            "Retail chains and brands selling online or planning to.",
            "Розничные сети и бренды, которые продают онлайн или собираются.",
        ),
        "applicability": (
            "When a boxed platform no longer fits your catalogue, prices or logistics.",
            "Когда коробочная платформа больше не справляется с каталогом, ценами или логистикой.",
        ),
        "team": [
            (("Project manager", "Менеджер проекта"), 1),
            (("Backend developer", "Бэкенд-разработчик"), 2),
            (("Frontend developer", "Фронтенд-разработчик"), 2),
            (("Designer", "Дизайнер"), 1),
        ],
        "packages": [
            (
                ("Start", "Старт"),
                1_500_000,
                ("3 months", "3 месяца"),
                (
                    "<ul><li>Catalogue and cart</li><li>Payments</li><li>One delivery service</li></ul>",
                    "<ul><li>Каталог и корзина</li><li>Онлайн-оплата</li><li>Одна служба доставки</li></ul>",
                ),
            ),
            (
                ("Business", "Бизнес"),
                3_500_000,
                ("4–5 months", "4–5 месяцев"),
                (
                    "<ul><li>ERP integration</li><li>Loyalty programme</li><li>Personal account</li></ul>",
                    "<ul><li>Интеграция с ERP</li><li>Программа лояльности</li><li>Личный кабинет</li></ul>",
                ),
            ),
            (
                ("Enterprise", "Энтерпрайз"),
                6_000_000,
                ("6 months", "6 месяцев"),
                (
                    "<ul><li>Marketplace mode</li><li>Several warehouses</li><li>SLA 99.9%</li></ul>",
                    "<ul><li>Режим маркетплейса</li><li>Несколько складов</li><li>SLA 99,9%</li></ul>",
                ),
            ),
        ],
    },
    {
        "key": "corporate-site",
        "category": "web",
        "title": ("Corporate website", "Корпоративный сайт"),
        "summary": (
            "A website that explains what you do and brings requests, on Wagtail.",
            "Сайт на Wagtail, который понятно рассказывает о компании и приносит заявки.",
        ),
        "types": ["project", "one_off"],
        "pricing": "fixed",
        "price": (600_000, None),
        "currency": "RUB",
        "duration": (6, 10, "weeks"),
        "complexity": "low",
        "competencies": ["django", "ux"],
        "audience": (
            "B2B companies whose website no longer sells.",
            "B2B-компании, чей сайт больше не продаёт.",
        ),
        "applicability": (
            "Rebranding, a new product line, or a site editors are afraid to touch.",
            "Ребрендинг, новая линейка продуктов или сайт, который редакторы боятся трогать.",
        ),
        "team": [(("Designer", "Дизайнер"), 1), (("Developer", "Разработчик"), 1)],
        "packages": [
            (
                ("Standard", "Стандарт"),
                600_000,
                ("6 weeks", "6 недель"),
                (
                    "<ul><li>Up to 10 page types</li><li>Request form with CRM</li></ul>",
                    "<ul><li>До 10 типов страниц</li><li>Форма заявки с передачей в CRM</li></ul>",
                ),
            ),
            (
                ("With catalogue", "С каталогом"),
                1_200_000,
                ("8–10 weeks", "8–10 недель"),
                (
                    "<ul><li>Product or programme catalogue</li><li>Filters and search</li>"
                    "<li>Editorial workflow</li></ul>",
                    "<ul><li>Каталог продукции или услуг</li><li>Фильтры и поиск</li>"
                    "<li>Согласование публикаций</li></ul>",
                ),
            ),
        ],
    },
    {
        "key": "mobile-app",
        "category": "web",
        "title": ("Mobile app development", "Разработка мобильного приложения"),
        "summary": (
            "Native iOS and Android apps for your customers, from idea to the stores.",
            "Нативные приложения для iOS и Android — от идеи до публикации в App Store, Google Play и RuStore.",
        ),
        "types": ["project", "b2c"],
        "pricing": "fixed",
        "price": (3_500_000, 12_000_000),
        "currency": "RUB",
        "duration": (4, 9, "months"),
        "complexity": "high",
        "competencies": ["mobile", "ux", "pm"],
        "audience": (
            "Consumer brands, banks and delivery services.",
            "Потребительские бренды, банки и службы доставки.",
        ),
        "applicability": (
            "When most of your customers come from phones.",
            "Когда большинство клиентов приходит с телефонов.",
        ),
        "team": [
            (("iOS developer", "iOS-разработчик"), 1),
            (("Android developer", "Android-разработчик"), 1),
            (("QA engineer", "Тестировщик"), 1),
        ],
        "packages": [
            (
                ("First release", "Первый релиз"),
                3_500_000,
                ("4 months", "4 месяца"),
                (
                    "<ul><li>iOS and Android</li><li>Sign-in and profile</li>"
                    "<li>Push notifications</li><li>Publishing in the stores</li></ul>",
                    "<ul><li>iOS и Android</li><li>Вход и профиль</li>"
                    "<li>Push-уведомления</li><li>Публикация в App Store, Google Play и RuStore</li></ul>",
                ),
            ),
            (
                ("Product", "Продукт"),
                7_500_000,
                ("6–7 months", "6–7 месяцев"),
                (
                    "<ul><li>Integration with your CRM or ERP</li><li>Payments</li>"
                    "<li>Offline mode</li><li>Three months of support</li></ul>",
                    "<ul><li>Интеграция с CRM или ERP</li><li>Онлайн-оплата</li>"
                    "<li>Работа без сети</li><li>Три месяца сопровождения</li></ul>",
                ),
            ),
        ],
    },
    {
        "key": "kubernetes",
        "category": "cloud",
        "title": ("Migration to Kubernetes", "Миграция в Kubernetes"),
        "summary": (
            "Move your services to Kubernetes without downtime and pay less for infrastructure.",
            "Перенос сервисов в Kubernetes без простоя и с меньшими затратами на инфраструктуру.",
        ),
        "types": ["project", "b2b"],
        "pricing": "fixed",
        "price": (900_000, 4_000_000),
        "currency": "RUB",
        "duration": (2, 5, "months"),
        "complexity": "high",
        "competencies": ["kubernetes", "cloud"],
        "audience": (
            "Companies with ten or more services and a growing team.",
            "Компании с десятком сервисов и растущей командой.",
        ),
        "applicability": (
            "Releases take days, servers are configured by hand, costs keep rising.",
            "Релизы занимают дни, серверы настраивают вручную, затраты растут.",
        ),
        "team": [(("DevOps engineer", "DevOps-инженер"), 2), (("Architect", "Архитектор"), 1)],
        "packages": [
            (
                ("Pilot", "Пилот"),
                900_000,
                ("1 month", "1 месяц"),
                (
                    "<ul><li>Three services migrated</li><li>CI/CD</li></ul>",
                    "<ul><li>Перенос трёх сервисов</li><li>CI/CD</li></ul>",
                ),
            )
        ],
    },
    {
        "key": "devops-support",
        "category": "cloud",
        "title": ("DevOps support", "DevOps-сопровождение"),
        "summary": (
            "Engineers on call for your infrastructure, 24/7, for a monthly fee.",
            "Дежурные инженеры круглосуточно следят за вашей инфраструктурой; оплата помесячная.",
        ),
        "types": ["subscription", "b2b"],
        "pricing": "subscription",
        "price": (180_000, 600_000),
        "currency": "RUB",
        "duration": (12, 36, "months"),
        "complexity": "medium",
        "competencies": ["kubernetes", "cloud", "postgres"],
        "audience": (
            "Teams without their own operations engineers.",
            "Команды без собственных инженеров эксплуатации.",
        ),
        "applicability": (
            "Incidents at night, no monitoring, one admin who knows everything.",
            "Ночные инциденты, нет мониторинга, один администратор, который знает всё.",
        ),
        "team": [(("DevOps engineer", "DevOps-инженер"), 2)],
        "packages": [
            (
                ("Basic", "Базовый"),
                180_000,
                ("per month", "в месяц"),
                (
                    "<ul><li>Business hours</li><li>Monitoring</li></ul>",
                    "<ul><li>Рабочие часы</li><li>Мониторинг</li></ul>",
                ),
            ),
            (
                ("24/7", "24/7"),
                450_000,
                ("per month", "в месяц"),
                (
                    "<ul><li>Response in 15 minutes</li><li>Monthly report</li></ul>",
                    "<ul><li>Реакция за 15 минут</li><li>Ежемесячный отчёт</li></ul>",
                ),
            ),
        ],
    },
    {
        "key": "cloud-audit",
        "category": "cloud",
        "title": ("Cloud cost audit", "Аудит затрат на облако"),
        "summary": (
            "Find out where your cloud money goes and cut the bill by a fifth or more; our fee is "
            "a share of the first year's savings, at least 150,000 roubles.",
            "Разберёмся, куда уходят деньги на облако, и сократим счёт на 20 % и больше. Оплата — "
            "доля от экономии за первый год, но не меньше 150 000 ₽.",
        ),
        "types": ["one_off", "b2b"],
        "pricing": "success_fee",
        "price": (150_000, None),
        "currency": "RUB",
        "duration": (2, 3, "weeks"),
        "complexity": "low",
        "competencies": ["cloud"],
        "audience": (
            "Companies spending more than 500,000 roubles a month on cloud.",
            "Компании, которые платят за облако больше 500 000 ₽ в месяц.",
        ),
        "applicability": (
            "The bill grows faster than the business.",
            "Счёт растёт быстрее бизнеса.",
        ),
        "team": [(("Cloud architect", "Облачный архитектор"), 1)],
        "packages": [],
    },
    {
        "key": "dwh",
        "category": "data",
        "title": ("Data warehouse and BI", "Хранилище данных и BI"),
        "summary": (
            "One set of figures for sales, stock and finance, with dashboards managers use daily.",
            "Одни и те же цифры по продажам, остаткам и финансам во всех отделах и дашборды, "
            "которые руководители открывают каждый день.",
        ),
        "types": ["project", "b2b"],
        "pricing": "fixed",
        "price": (2_000_000, 8_000_000),
        "currency": "RUB",
        "duration": (3, 8, "months"),
        "complexity": "high",
        "competencies": ["data-eng", "postgres", "bi"],
        "audience": (
            "Companies where every report is built by hand in spreadsheets.",
            "Компании, где каждый отчёт собирают вручную в таблицах.",
        ),
        "applicability": (
            "Numbers differ between departments; reports come a week late.",
            "Цифры в отделах расходятся, отчёты приходят с опозданием на неделю.",
        ),
        "team": [(("Data engineer", "Инженер данных"), 2), (("BI analyst", "BI-аналитик"), 1)],
        "packages": [],
    },
    {
        "key": "forecasting",
        "category": "data",
        "title": (
            "Demand forecasting with machine learning",
            "Прогноз спроса на машинном обучении",
        ),
        "summary": (
            "Forecast demand per store and product to keep less stock and lose fewer sales.",
            "Прогноз спроса по магазинам и товарам: меньше остатков и меньше упущенных продаж.",
        ),
        "types": ["project", "b2b"],
        "pricing": "fixed",
        "price": (1_800_000, 5_000_000),
        "currency": "RUB",
        "duration": (3, 6, "months"),
        "complexity": "high",
        "competencies": ["ml", "data-eng"],
        "audience": (
            "Retail and distribution with thousands of products.",
            "Ретейл и дистрибуция с тысячами товаров.",
        ),
        "applicability": (
            "Stock-outs and write-offs at the same time.",
            "Дефицит и списания одновременно.",
        ),
        "team": [
            (("Data scientist", "Специалист по данным"), 2),
            (("Data engineer", "Инженер данных"), 1),
        ],
        "packages": [],
    },
    {
        "key": "it-strategy",
        "category": "consulting",
        "title": ("IT strategy consultation", "Консультация по ИТ-стратегии"),
        "summary": (
            "A week with our architects: a clear plan for your systems, team and budget, "
            "for a fixed fee.",
            "Неделя работы с нашими архитекторами и понятный план по системам, команде и "
            "бюджету — за фиксированную сумму.",
        ),
        "types": ["one_off", "b2b"],
        "pricing": "fixed",
        "price": (350_000, None),
        "currency": "RUB",
        "duration": (1, 2, "weeks"),
        "complexity": "low",
        "competencies": ["cloud", "pm"],
        "audience": (
            "Owners and CEOs who need a second opinion.",
            "Собственники и руководители, которым нужно независимое мнение.",
        ),
        "applicability": (
            "Before a large IT purchase or a new digital product.",
            "Перед крупной ИТ-закупкой или запуском цифрового продукта.",
        ),
        "team": [(("Architect", "Архитектор"), 1), (("Consultant", "Консультант"), 1)],
        "packages": [
            (
                ("Strategy day", "Стратегическая сессия"),
                350_000,
                ("1 week", "1 неделя"),
                (
                    "<ul><li>Interviews with three to five managers</li><li>A one-day "
                    "workshop</li><li>A written report with priorities</li></ul>",
                    "<ul><li>Интервью с 3–5 руководителями</li><li>Однодневная "
                    "стратегическая сессия</li><li>Письменный отчёт с приоритетами</li></ul>",
                ),
            ),
            (
                ("Roadmap", "Дорожная карта"),
                950_000,
                ("3 weeks", "3 недели"),
                (
                    "<ul><li>A map of your systems</li><li>Target architecture</li>"
                    "<li>A three-year plan with a budget</li></ul>",
                    "<ul><li>Карта ИТ-систем</li><li>Целевая архитектура</li>"
                    "<li>План на три года с бюджетом</li></ul>",
                ),
            ),
        ],
    },
    {
        "key": "privacy",
        "category": "consulting",
        "title": ("Personal data compliance", "Соответствие закону о персональных данных"),
        "summary": (
            "Bring your processes and documents in line with personal data law.",
            "Приведём процессы и документы в соответствие с законом о персональных данных.",
        ),
        "types": ["one_off", "b2b"],
        "pricing": "fixed",
        "price": (300_000, 900_000),
        "currency": "RUB",
        "duration": (3, 6, "weeks"),
        "complexity": "medium",
        "competencies": ["privacy"],
        "audience": (
            "Any company that collects customer data.",
            "Любая компания, собирающая данные клиентов.",
        ),
        "applicability": (
            "Before an inspection, or after a leak.",
            "Перед проверкой или после утечки.",
        ),
        "team": [(("Lawyer", "Юрист"), 1), (("Security engineer", "Инженер ИБ"), 1)],
        "packages": [],
    },
    {
        "key": "seo-audit",
        "category": "marketing",
        "title": ("SEO audit", "SEO-аудит"),
        "summary": (
            "A technical and content audit of your site with a prioritised list of fixes.",
            "Технический и контентный аудит сайта с приоритизированным списком доработок.",
        ),
        "types": ["one_off", "b2c"],
        "pricing": "fixed",
        "price": (120_000, None),
        "currency": "RUB",
        "duration": (2, 3, "weeks"),
        "complexity": "low",
        "competencies": ["seo"],
        "audience": (
            "Online stores and services that live on search traffic.",
            "Интернет-магазины и сервисы, живущие за счёт поискового трафика.",
        ),
        "applicability": (
            "Traffic fell after a redesign or an algorithm update.",
            "Трафик упал после редизайна или обновления алгоритмов.",
        ),
        "team": [(("SEO specialist", "SEO-специалист"), 1)],
        "packages": [
            (
                ("Audit", "Аудит"),
                120_000,
                ("2 weeks", "2 недели"),
                (
                    "<ul><li>Technical audit</li><li>Content audit</li></ul>",
                    "<ul><li>Технический аудит</li><li>Аудит контента</li></ul>",
                ),
            )
        ],
    },
    {
        "key": "performance",
        "category": "marketing",
        "title": ("Performance marketing", "Performance-маркетинг"),
        "summary": (
            "Paid acquisition with a target cost per order, managed monthly.",
            "Платное привлечение с целевой стоимостью заказа, ежемесячное ведение.",
        ),
        "types": ["subscription", "b2c"],
        "pricing": "subscription",
        "price": (150_000, None),
        "currency": "RUB",
        "duration": (6, 12, "months"),
        "complexity": "medium",
        "competencies": ["ppc", "bi"],
        "audience": (
            "Online stores and consumer services.",
            "Интернет-магазины и потребительские сервисы.",
        ),
        "applicability": (
            "Advertising costs grow, orders don't.",
            "Расходы на рекламу растут, заказы — нет.",
        ),
        "team": [
            (("Performance marketer", "Performance-маркетолог"), 1),
            (("Analyst", "Аналитик"), 1),
        ],
        "packages": [],
    },
    {
        "key": "ux",
        "category": "marketing",
        "title": ("UX research and design", "UX-исследования и дизайн"),
        "summary": (
            "Find out why users leave and redesign the path to purchase; research is billed "
            "by the hour, audits and redesigns have fixed packages.",
            "Выясним, почему пользователи уходят, и перепроектируем путь к покупке. "
            "Исследования — по часовой ставке, аудит и редизайн — пакетами с фиксированной ценой.",
        ),
        "types": ["project", "b2c"],
        "pricing": "hourly",
        "price": (3_500, 5_000),
        "currency": "RUB",
        "duration": (4, 8, "weeks"),
        "complexity": "medium",
        "competencies": ["ux"],
        "audience": (
            "Product teams with a conversion problem.",
            "Продуктовые команды с проблемой конверсии.",
        ),
        "applicability": ("Traffic is fine, conversion is not.", "Трафик есть, конверсии нет."),
        "team": [(("UX researcher", "UX-исследователь"), 1), (("Designer", "Дизайнер"), 1)],
        "packages": [
            (
                ("Express audit", "Экспресс-аудит"),
                240_000,
                ("2 weeks", "2 недели"),
                (
                    "<ul><li>Analytics review</li><li>Five user interviews</li>"
                    "<li>Top 20 problems with fixes</li></ul>",
                    "<ul><li>Разбор аналитики</li><li>Пять интервью с пользователями</li>"
                    "<li>20 главных проблем и способы их исправить</li></ul>",
                ),
            ),
            (
                ("Research and redesign", "Исследование и редизайн"),
                780_000,
                ("6–8 weeks", "6–8 недель"),
                (
                    "<ul><li>Twenty interviews</li><li>Tested prototype</li>"
                    "<li>Design of the key screens</li></ul>",
                    "<ul><li>Двадцать интервью</li><li>Прототип, проверенный на пользователях</li>"
                    "<li>Дизайн ключевых экранов</li></ul>",
                ),
            ),
        ],
    },
]

# How the services of a category are run (the "methodology" of each service page).
METHODOLOGY = {
    "web": (
        "<p>Two-week sprints with a demo of working software at the end of each, one product "
        "owner on your side and one project manager on ours.</p>",
        "<p>Двухнедельные спринты, в конце каждого — демонстрация работающей версии. С вашей "
        "стороны — владелец продукта, с нашей — менеджер проекта.</p>",
    ),
    "cloud": (
        "<p>Infrastructure as code from the first day: every change is reviewed, can be rolled "
        "back and is recorded for your security team.</p>",
        "<p>Инфраструктура как код с первого дня: каждое изменение проходит ревью, его можно "
        "откатить, а служба ИБ видит полный журнал.</p>",
    ),
    "data": (
        "<p>We start with the decision the data should support, prove it on one use case and "
        "only then connect the remaining sources.</p>",
        "<p>Начинаем с управленческого решения, которое должны поддержать данные, проверяем "
        "подход на одном сценарии и только потом подключаем остальные источники.</p>",
    ),
    "consulting": (
        "<p>Interviews first, documents second: every conclusion in our report names the "
        "people and the facts it rests on.</p>",
        "<p>Сначала интервью, потом документы: у каждого вывода в отчёте есть ссылка на факты "
        "и людей, от которых мы их узнали.</p>",
    ),
    "marketing": (
        "<p>Targets agreed in money, not clicks; a weekly report on what changed and a monthly "
        "review of the budget with you.</p>",
        "<p>Цели — в деньгах, а не в кликах: еженедельный отчёт о том, что изменилось, и раз в "
        "месяц вместе пересматриваем бюджет.</p>",
    ),
}
