"""The demo company's cases, in English and Russian: each with its own story (a summary that
leads with the result, then the challenge and the solution, each its own text), the person at
the client who is the contact and, where the client gave one, their quote.

Every text is a pair ``(english, russian)``; the Russian texts are written for a Russian reader
(roubles, Russian cities and law), not translated word for word.

Keys: ``key`` (the slug), ``title``, ``client``, ``client_description``, ``industry``,
``services`` (their slugs), ``year``, ``months``, ``visibility``, ``team`` ([(expert slug,
role)]), ``metrics`` ([(label, before, after, unit, higher is better)]), ``budget`` (₽, internal),
``summary``, ``challenge``, ``solution``, ``contact`` ((name, position) of the client's person)
and ``quote`` (their testimonial, or None).
"""

CASES = [
    {
        "key": "fashion-store",
        "title": ("Online store for a fashion retailer", "Интернет-магазин для fashion-ретейлера"),
        "client": ("Modnaya Liniya", "«Модная линия»"),
        "client_description": (
            "Fashion chain, 120 stores in the Volga region and the Urals",
            "Сеть магазинов одежды: 120 магазинов в Поволжье и на Урале",
        ),
        "industry": "retail",
        "services": ["ecommerce", "ux"],
        "year": 2024,
        "months": 6,
        "visibility": "public",
        "team": [
            ("kuznetsov", ("Tech lead", "Техлид")),
            ("popova", ("UX lead", "Руководитель UX")),
            ("lebedeva", ("Project manager", "Менеджер проекта")),
        ],
        "metrics": [
            (("Online conversion", "Конверсия сайта"), 1.1, 2.4, ("%", "%"), True),
            (("Page load time", "Время загрузки"), 4.8, 1.2, ("s", "с"), False),
            (("Online revenue share", "Доля онлайн-выручки"), 6, 19, ("%", "%"), True),
        ],
        "budget": 5400000,
        "summary": (
            "A headless online store that doubled the conversion rate and grew the online share "
            "of revenue from 6 to 19 % in a year.",
            "Новый интернет-магазин поднял конверсию более чем вдвое, а доля онлайна в выручке "
            "за год выросла с 6 до 19 %.",
        ),
        "challenge": (
            "The chain sold online on a boxed platform bought in 2016. With 40,000 products, "
            "sizes and prices that differ by region, pages took almost five seconds to open "
            "and every sale needed a developer's night.",
            "Магазин работал на коробочной платформе 2016 года. На 40 тысячах товаров с "
            "размерной сеткой и региональными ценами страницы открывались почти пять секунд, а "
            "каждую распродажу программисты запускали ночью вручную.",
        ),
        "solution": (
            "We built a headless store on Django and React, took prices and stock from 1C every "
            "fifteen minutes and connected three delivery services. Merchandisers now plan "
            "sales themselves in the admin.",
            "Собрали headless-магазин на Django и React, настроили обмен с 1С каждые 15 минут и "
            "подключили СДЭК, Boxberry и собственную курьерскую службу. Распродажи "
            "мерчендайзеры теперь заводят сами в админке.",
        ),
        "contact": (
            ("Irina Vasilieva", "Ирина Васильева"),
            ("E-commerce director", "директор по электронной коммерции"),
        ),
        "quote": (
            "Before, a sale meant a sleepless night for IT. Now our merchandisers launch it "
            "themselves, and the site holds Black Friday traffic without a hiccup.",
            "Раньше каждая распродажа — бессонная ночь для айтишников. Теперь мерчендайзеры "
            "запускают её сами, а «чёрную пятницу» сайт выдержал без единого сбоя.",
        ),
    },
    {
        "key": "bank-k8s",
        "title": (
            "Kubernetes platform for a regional bank",
            "Kubernetes-платформа для регионального банка",
        ),
        "client": ("Volga Bank", "Банк «Волга»"),
        "client_description": ("Regional bank, top-50", "Региональный банк из топ-50, Самара"),
        "industry": "banking",
        "services": ["kubernetes", "devops-support"],
        "year": 2023,
        "months": 5,
        "visibility": "anonymised",
        "team": [
            ("ivanov", ("Architect", "Архитектор")),
            ("sokolov", ("DevOps engineer", "DevOps-инженер")),
        ],
        "metrics": [
            (("Release time", "Время релиза"), 72, 2, ("hours", "ч"), False),
            (
                ("Infrastructure cost", "Затраты на инфраструктуру"),
                4.2,
                2.9,
                ("M ₽/month", "млн ₽/мес"),
                False,
            ),
        ],
        "budget": 7800000,
        "summary": (
            "Releases in two hours instead of three days, and a third less spent on "
            "infrastructure, after 38 services moved to Kubernetes.",
            "После переезда 38 сервисов в Kubernetes релиз занимает два часа вместо трёх дней, а "
            "расходы на инфраструктуру снизились на треть.",
        ),
        "challenge": (
            "Each release of the internet bank waited for a night maintenance window and took "
            "three days of manual work across four teams. Servers were sized for the peak and "
            "idle the rest of the month.",
            "Каждый релиз интернет-банка ждал ночного технологического окна и занимал три дня "
            "ручной работы четырёх команд. Серверы держали с запасом под пиковую нагрузку, и "
            "большую часть месяца они простаивали.",
        ),
        "solution": (
            "We moved 38 services to Kubernetes in the bank's own data centre, with blue-green "
            "deployments, audit of every change for the security team and autoscaling for the "
            "end-of-month peak.",
            "Перенесли 38 сервисов в Kubernetes в собственном ЦОДе банка: blue-green-выкладка, "
            "журнал изменений для службы ИБ по требованиям ЦБ и автомасштабирование под пики "
            "конца месяца.",
        ),
        "contact": (
            ("Oleg Nikitin", "Олег Никитин"),
            ("Head of IT operations", "начальник управления эксплуатации ИТ"),
        ),
        "quote": (
            "Our auditors asked how we track changes, and for the first time the answer was a "
            "link, not a folder of signed paper.",
            "Аудиторы спросили, как мы отслеживаем изменения, — и впервые мы ответили ссылкой, а "
            "не папкой с подписанными листами.",
        ),
    },
    {
        "key": "logistics-dwh",
        "title": (
            "Data warehouse for a logistics operator",
            "Хранилище данных для логистического оператора",
        ),
        "client": ("TransLogistic", "«ТрансЛогистик»"),
        "client_description": (
            "Logistics operator, 30 warehouses from Kaliningrad to Novosibirsk",
            "Логистический оператор: 30 складов от Калининграда до Новосибирска",
        ),
        "industry": "logistics",
        "services": ["dwh"],
        "year": 2024,
        "months": 7,
        "visibility": "public",
        "team": [
            ("smirnova", ("Data lead", "Руководитель по данным")),
            ("belov", ("BI analyst", "BI-аналитик")),
        ],
        "metrics": [
            (
                ("Report preparation time", "Время подготовки отчётов"),
                5,
                0.5,
                ("days", "дн"),
                False,
            ),
            (("Data sources integrated", "Подключено источников"), 2, 14, ("", ""), True),
        ],
        "budget": 4600000,
        "summary": (
            "One warehouse for 14 systems: the management report is ready in half a day instead "
            "of five.",
            "Единое хранилище вместо 14 разрозненных систем: управленческая отчётность готова за "
            "полдня, а не за пять.",
        ),
        "challenge": (
            "Warehouse, transport and billing data lived in 14 systems. Analysts spent the "
            "first week of each month reconciling exports, and the board still questioned the "
            "totals.",
            "Данные складов, транспорта и биллинга были разбросаны по 14 системам. Первую "
            "неделю каждого месяца аналитики сводили выгрузки в Excel, и всё равно правление "
            "сомневалось в итоговых цифрах.",
        ),
        "solution": (
            "A warehouse on PostgreSQL and Greenplum loaded every night, with quality checks on "
            "each source and 25 dashboards agreed with the finance team line by line.",
            "Построили хранилище на PostgreSQL и Greenplum с ночной загрузкой и проверками "
            "качества по каждому источнику. 25 дашбордов сверили с финансовой службой "
            "построчно.",
        ),
        "contact": (
            ("Konstantin Belyaev", "Константин Беляев"),
            ("Finance director", "финансовый директор"),
        ),
        "quote": (
            "Month-end used to be a week of reconciliations. Now I open the dashboard on the "
            "second working day and the numbers match the ledger.",
            "Закрытие месяца раньше означало неделю сверок. Теперь на второй рабочий день я "
            "открываю дашборд — и цифры сходятся с бухгалтерией.",
        ),
    },
    {
        "key": "grocery-forecast",
        "title": ("Demand forecasting for a grocery chain", "Прогноз спроса для продуктовой сети"),
        "client": ("FreshMarket", "«СвежийМаркет»"),
        "client_description": (
            "Grocery chain, 300 stores",
            "Продуктовая сеть: 300 магазинов у дома в Центральной России",
        ),
        "industry": "retail",
        "services": ["forecasting", "dwh"],
        "year": 2025,
        "months": 5,
        "visibility": "anonymised",
        "team": [
            ("novikova", ("Data scientist", "Специалист по данным")),
            ("smirnova", ("Data lead", "Руководитель по данным")),
        ],
        "metrics": [
            (("Write-offs", "Списания"), 4.1, 2.6, ("% of sales", "% продаж"), False),
            (("Stock-outs", "Дефицит на полке"), 9, 5, ("%", "%"), False),
        ],
        "budget": 3900000,
        "summary": (
            "Demand forecasts per store and product cut write-offs of fresh food from 4.1 to 2.6 "
            "% of sales and halved empty shelves.",
            "Прогноз спроса по каждому магазину и товару снизил списания свежих продуктов с 4,1 "
            "до 2,6 % от продаж и почти вдвое сократил пустые полки.",
        ),
        "challenge": (
            "Store managers ordered fresh products by feel. One store threw away unsold salads "
            "while the next one ran out of milk by noon, and the category team could not see "
            "why.",
            "Заказ свежей продукции директора магазинов делали «на глаз»: в одном магазине "
            "списывали салаты, а в соседнем к обеду заканчивалось молоко. Категорийные "
            "менеджеры не видели, где и почему это происходит.",
        ),
        "solution": (
            "A gradient boosting model trained on three years of receipts, promotions and "
            "weather proposes the order for each store every night; the manager confirms or "
            "corrects it.",
            "Модель градиентного бустинга на чеках за три года, промоакциях и погоде каждую "
            "ночь рассчитывает рекомендуемый заказ по каждому магазину. Директор утром "
            "подтверждает или правит его.",
        ),
        "contact": (
            ("Svetlana Makarova", "Светлана Макарова"),
            ("Supply chain director", "директор по цепям поставок"),
        ),
        "quote": (
            "The forecast is right more often than our best store managers, and it does not go on "
            "holiday.",
            "Прогноз ошибается реже, чем наши самые опытные директора магазинов, и при этом не "
            "уходит в отпуск.",
        ),
    },
    {
        "key": "clinic-app",
        "title": ("Mobile app for a clinic network", "Мобильное приложение для сети клиник"),
        "client": ("MedLine", "«МедЛайн»"),
        "client_description": (
            "Clinic network, 45 clinics in Moscow and St Petersburg",
            "Сеть клиник: 45 филиалов в Москве и Санкт-Петербурге",
        ),
        "industry": "healthcare",
        "services": ["mobile-app", "ux"],
        "year": 2024,
        "months": 8,
        "visibility": "public",
        "team": [
            ("kozlov", ("Mobile lead", "Тимлид мобильной разработки")),
            ("popova", ("UX lead", "Руководитель UX")),
        ],
        "metrics": [
            (("Online appointments", "Онлайн-записи"), 12, 48, ("%", "%"), True),
            (("Call centre load", "Нагрузка на колл-центр"), 100, 64, ("%", "%"), False),
        ],
        "budget": 6200000,
        "summary": (
            "Patient apps for iOS and Android: almost half of appointments are now booked online "
            "and the call centre handles a third fewer calls.",
            "Приложения для пациентов на iOS и Android: почти половина записей к врачам теперь "
            "идёт онлайн, звонков в колл-центр стало на треть меньше.",
        ),
        "challenge": (
            "Patients could book only by phone. In flu season callers waited twenty minutes on "
            "the line, and a part of them booked with a competitor instead.",
            "Записаться можно было только по телефону. В сезон простуд пациенты по двадцать "
            "минут ждали ответа оператора, и часть из них уходила в другие клиники.",
        ),
        "solution": (
            "Native apps linked to the clinics' medical information system: booking with real "
            "free slots, test results with the doctor's comments and video consultations.",
            "Нативные приложения, связанные с медицинской информационной системой клиник: "
            "запись на реально свободное время, результаты анализов с комментарием врача и "
            "видеоконсультации.",
        ),
        "contact": (
            ("Elena Sorokina", "Елена Сорокина"),
            ("Chief medical officer", "главный врач сети"),
        ),
        "quote": (
            "Patients stopped complaining about the phone line, and doctors get fewer empty slots "
            "because reminders come straight to the app.",
            "Пациенты перестали жаловаться на дозвон, а у врачей меньше пустых окон: напоминания о "
            "приёме приходят прямо в приложение.",
        ),
    },
    {
        "key": "factory-cloud",
        "title": (
            "Cloud cost audit for a manufacturer",
            "Аудит затрат на облако для производителя",
        ),
        "client": ("UralMash Digital", "«УралМаш Диджитал»"),
        "client_description": (
            "Machine-building holding, Yekaterinburg",
            "Машиностроительный холдинг, Екатеринбург",
        ),
        "industry": "manufacturing",
        "services": ["cloud-audit"],
        "year": 2025,
        "months": 1,
        "visibility": "public",
        "team": [("ivanov", ("Architect", "Архитектор"))],
        "metrics": [
            (
                ("Monthly cloud bill", "Ежемесячный счёт за облако"),
                3.4,
                2.3,
                ("M ₽", "млн ₽"),
                False,
            )
        ],
        "budget": 420000,
        "summary": (
            "A three-week audit cut the monthly cloud bill from 3.4 to 2.3 million roubles "
            "without touching the production workload.",
            "Трёхнедельный аудит сократил ежемесячный счёт за облако с 3,4 до 2,3 млн ₽, не "
            "затронув производственные системы.",
        ),
        "challenge": (
            "In a year the cloud bill doubled while the workload stayed the same. Nobody could "
            "say which of the 600 virtual machines were still needed.",
            "За год счёт за облако вырос вдвое, хотя нагрузка не менялась. Какие из 600 "
            "виртуальных машин ещё нужны, не мог сказать никто.",
        ),
        "solution": (
            "We tagged every resource by owner, switched off forgotten test environments, "
            "rightsized databases and moved nightly batch jobs to preemptible VMs.",
            "Разметили все ресурсы по владельцам, выключили забытые тестовые стенды, подобрали "
            "размеры баз данных и перевели ночные расчёты на прерываемые ВМ.",
        ),
        "contact": (("Viktor Shestakov", "Виктор Шестаков"), ("IT director", "директор по ИТ")),
        "quote": None,
    },
    {
        "key": "university-site",
        "title": ("Website for a university", "Сайт для университета"),
        "client": ("Polytech University", "Политехнический университет"),
        "client_description": (
            "Technical university, 20,000 students, Tomsk",
            "Технический университет, 20 000 студентов, Томск",
        ),
        "industry": "education",
        "services": ["corporate-site", "seo-audit"],
        "year": 2023,
        "months": 3,
        "visibility": "public",
        "team": [
            ("kuznetsov", ("Developer", "Разработчик")),
            ("morozov", ("SEO lead", "Руководитель SEO")),
            ("orlova", ("Frontend developer", "Фронтенд-разработчик")),
        ],
        "metrics": [
            (
                ("Applications from the site", "Заявки абитуриентов с сайта"),
                800,
                2300,
                ("per year", "в год"),
                True,
            ),
            (
                ("Organic traffic", "Органический трафик"),
                40,
                95,
                ("k visits/month", "тыс. визитов/мес"),
                True,
            ),
        ],
        "budget": 2300000,
        "summary": (
            "A new university website on Wagtail nearly tripled applications from the site and "
            "more than doubled organic traffic.",
            "Новый сайт университета на Wagtail почти втрое увеличил число заявок абитуриентов и "
            "более чем вдвое — органический трафик.",
        ),
        "challenge": (
            "Applicants could not find the right programme among 140 pages written by 30 "
            "departments, and editors had to ask a developer for every change to the admission "
            "rules.",
            "Абитуриенты терялись среди 140 страниц, которые 30 кафедр вели кто как умел, а "
            "каждую правку в правилах приёма редакторы согласовывали с программистом.",
        ),
        "solution": (
            "A Wagtail site with a programme finder by exam subjects and scores, and an editing "
            "workflow in which each department publishes its own pages after review by the "
            "admissions office.",
            "Сделали сайт на Wagtail с подбором программ по предметам ЕГЭ и баллам. Кафедры "
            "сами ведут свои страницы, а приёмная комиссия проверяет их перед публикацией.",
        ),
        "contact": (
            ("Galina Orekhova", "Галина Орехова"),
            ("Head of the admissions office", "ответственный секретарь приёмной комиссии"),
        ),
        "quote": (
            "During the admission campaign we changed the rules three times, and each time the "
            "site was updated the same day, by us.",
            "За приёмную кампанию правила менялись трижды, и каждый раз сайт обновлялся в тот же "
            "день — нашими силами.",
        ),
    },
    {
        "key": "realty-ppc",
        "title": ("Performance marketing for a developer", "Performance-маркетинг для девелопера"),
        "client": ("GorodStroy", "«ГородСтрой»"),
        "client_description": (
            "Housing developer, Moscow region",
            "Девелопер жилья, Московская область",
        ),
        "industry": "real-estate",
        "services": ["performance"],
        "year": 2025,
        "months": 9,
        "visibility": "anonymised",
        "team": [
            ("volkova", ("Performance lead", "Руководитель performance")),
            ("belov", ("Analyst", "Аналитик")),
        ],
        "metrics": [
            (
                ("Cost per qualified lead", "Стоимость квалифицированного лида"),
                9800,
                5200,
                ("₽", "₽"),
                False,
            ),
            (
                ("Qualified leads", "Квалифицированные лиды"),
                310,
                720,
                ("per month", "в месяц"),
                True,
            ),
        ],
        "budget": 2700000,
        "summary": (
            "Bidding on qualified leads instead of clicks: 720 qualified leads a month at almost "
            "half the former cost.",
            "Ставки на квалифицированные лиды вместо кликов: 720 целевых обращений в месяц почти "
            "вдвое дешевле прежнего.",
        ),
        "challenge": (
            "The developer paid nearly 10,000 roubles per lead, and the sales office said half "
            "of the callers were not buyers at all: renters, job seekers, other agencies.",
            "Лид обходился почти в 10 000 ₽, а отдел продаж жаловался, что половина звонящих — "
            "вовсе не покупатели: арендаторы, соискатели, другие агентства.",
        ),
        "solution": (
            "We joined ad data with the CRM so that campaigns learn from meetings at the sales "
            "office, not from form fills, and rebuilt the campaigns around each residential "
            "complex.",
            "Связали рекламные кабинеты с CRM, чтобы кампании обучались на визитах в офис "
            "продаж, а не на заполненных формах, и пересобрали их под каждый жилой комплекс.",
        ),
        "contact": (
            ("Sergei Morozov", "Сергей Морозов"),
            ("Marketing director", "директор по маркетингу"),
        ),
        "quote": (
            "Our sales managers noticed it first: fewer calls, but people who actually come to see "
            "the flats.",
            "Первыми заметили менеджеры офиса продаж: звонков меньше, зато люди реально приезжают "
            "смотреть квартиры.",
        ),
    },
    {
        "key": "media-seo",
        "title": ("SEO for a news portal", "SEO для новостного портала"),
        "client": ("Gorod News", "«Городские новости»"),
        "client_description": (
            "City news portal, Nizhny Novgorod",
            "Городской новостной портал, Нижний Новгород",
        ),
        "industry": "media",
        "services": ["seo-audit"],
        "year": 2024,
        "months": 2,
        "visibility": "public",
        "team": [("morozov", ("SEO lead", "Руководитель SEO"))],
        "metrics": [
            (
                ("Search traffic", "Поисковый трафик"),
                1.2,
                2.1,
                ("M visits/month", "млн визитов/мес"),
                True,
            )
        ],
        "budget": 360000,
        "summary": (
            "Search traffic back above its old level within four months of a redesign that had "
            "cost the portal a third of it.",
            "Через четыре месяца после неудачного редизайна поисковый трафик портала не только "
            "вернулся, но и превысил прежний уровень.",
        ),
        "challenge": (
            "A redesign changed every address on the site without redirects. Within a month "
            "search traffic fell by a third and the advertising revenue with it.",
            "При редизайне сменились адреса всех страниц, а редиректы не настроили. За месяц "
            "портал потерял треть поискового трафика и вместе с ним рекламные доходы.",
        ),
        "solution": (
            "We restored 180,000 redirects, added news structured data, closed duplicate tag "
            "pages from indexing and rewrote the 200 tags that bring most visits.",
            "Восстановили 180 тысяч редиректов, добавили микроразметку новостей, закрыли от "
            "индексации дубли страниц тегов и переписали 200 самых посещаемых тегов.",
        ),
        "contact": (("Roman Gusev", "Роман Гусев"), ("Editor-in-chief", "главный редактор")),
        "quote": None,
    },
    {
        "key": "bank-privacy",
        "title": (
            "Personal data compliance for a fintech",
            "Комплаенс по персональным данным для финтеха",
        ),
        "client": ("PayFast", "PayFast"),
        "client_description": (
            "Fintech start-up, 2 million users",
            "Финтех-сервис, 2 млн пользователей",
        ),
        "industry": "banking",
        "services": ["privacy"],
        "year": 2025,
        "months": 2,
        "visibility": "anonymised",
        "team": [("fedorov", ("Lawyer", "Юрист"))],
        "metrics": [(("Open compliance findings", "Открытые замечания"), 37, 0, ("", ""), False)],
        "budget": 780000,
        "summary": (
            "All 37 personal data findings closed before the regulator's inspection, which ended "
            "without a fine.",
            "Все 37 замечаний по персональным данным закрыты до проверки Роскомнадзора — "
            "проверка прошла без штрафа.",
        ),
        "challenge": (
            "The regulator announced an inspection in two months. The company had grown from a "
            "team of ten, and its consents, policies and contracts had not kept up.",
            "Роскомнадзор объявил плановую проверку через два месяца. Компания выросла из "
            "команды в десять человек, а согласия, политика обработки и договоры с "
            "подрядчиками за ростом не успели.",
        ),
        "solution": (
            "We mapped how personal data moves between 12 systems and 9 contractors, rewrote "
            "the consents and the policy, signed processing agreements and trained 40 "
            "employees.",
            "Описали, как персональные данные проходят через 12 систем и 9 подрядчиков, "
            "переписали согласия и политику по 152-ФЗ, оформили поручения на обработку и "
            "обучили 40 сотрудников.",
        ),
        "contact": (("Timur Galiev", "Тимур Галиев"), ("Chief risk officer", "директор по рискам")),
        "quote": None,
    },
    {
        "key": "retail-bi",
        "title": (
            "Sales dashboards for an electronics retailer",
            "Дашборды продаж для сети электроники",
        ),
        "client": ("ElectroMir", "«ЭлектроМир»"),
        "client_description": (
            "Electronics chain, 80 stores",
            "Сеть магазинов электроники: 80 магазинов в Сибири",
        ),
        "industry": "retail",
        "services": ["dwh"],
        "year": 2023,
        "months": 4,
        "visibility": "public",
        "team": [
            ("belov", ("BI analyst", "BI-аналитик")),
            ("smirnova", ("Data lead", "Руководитель по данным")),
        ],
        "metrics": [
            (
                ("Managers using reports daily", "Руководители, ежедневно смотрящие отчёты"),
                8,
                140,
                ("", ""),
                True,
            )
        ],
        "budget": 2100000,
        "summary": (
            "Daily sales dashboards on the phone: 140 managers now look at their store's figures "
            "every day instead of eight.",
            "Ежедневные дашборды продаж в телефоне: свои цифры каждый день смотрят 140 "
            "руководителей, а не восемь, как раньше.",
        ),
        "challenge": (
            "Store managers got last week's sales by email on Monday, as a spreadsheet of "
            "3,000 rows. By the time they read it, there was nothing left to fix.",
            "Директора магазинов получали продажи за прошлую неделю по понедельникам — "
            "таблицей на три тысячи строк. Пока её дочитаешь, исправлять уже нечего.",
        ),
        "solution": (
            "Mobile dashboards updated every morning, with the plan for each store, category "
            "and salesperson and a short list of what went worse than yesterday.",
            "Сделали мобильные дашборды с утренним обновлением: план по магазину, категории и "
            "продавцу и короткий список того, что просело по сравнению со вчерашним днём.",
        ),
        "contact": (
            ("Maxim Egorov", "Максим Егоров"),
            ("Retail operations director", "директор по рознице"),
        ),
        "quote": (
            "Store managers now call me about a drop in accessories on Tuesday, not at the end of "
            "the quarter.",
            "Теперь директора магазинов звонят мне о просадке по аксессуарам во вторник, а не в "
            "конце квартала.",
        ),
    },
    {
        "key": "logistics-k8s",
        "title": ("DevOps support for a delivery service", "DevOps-сопровождение службы доставки"),
        "client": ("Bystro", "«Быстро»"),
        "client_description": (
            "Same-day delivery service, Moscow",
            "Служба доставки в день заказа, Москва",
        ),
        "industry": "logistics",
        "services": ["devops-support", "kubernetes"],
        "year": 2024,
        "months": 12,
        "visibility": "public",
        "team": [
            ("sokolov", ("On-call engineer", "Дежурный инженер")),
            ("ivanov", ("Architect", "Архитектор")),
        ],
        "metrics": [
            (("Incidents per month", "Инцидентов в месяц"), 14, 2, ("", ""), False),
            (("Availability", "Доступность"), 99.2, 99.95, ("%", "%"), True),
        ],
        "budget": 4300000,
        "summary": (
            "On-call DevOps support brought incidents from 14 to 2 a month and availability to "
            "99.95 % through the Friday peaks.",
            "С нашим дежурством инцидентов стало два в месяц вместо четырнадцати, а доступность "
            "даже в пятничные пики держится на уровне 99,95 %.",
        ),
        "challenge": (
            "Every Friday evening the order service slowed down or went offline at the peak, "
            "and the only administrator was woken up to restart it by hand.",
            "Каждую пятницу вечером сервис заказов тормозил или падал на пике, и единственного "
            "администратора будили, чтобы он перезапустил всё вручную.",
        ),
        "solution": (
            "We set up autoscaling ahead of the known peaks, alerts on what customers see "
            "(orders per minute, not CPU) and a round-the-clock on-call rota with a 15-minute "
            "response.",
            "Настроили автомасштабирование заранее под известные пики, алерты по тому, что "
            "видит клиент (заказы в минуту, а не загрузка процессора), и круглосуточное "
            "дежурство с реакцией за 15 минут.",
        ),
        "contact": (("Artur Khasanov", "Артур Хасанов"), ("CTO", "технический директор")),
        "quote": (
            "I have not been woken up by an outage since spring. The monthly report tells me what "
            "the on-call engineers fixed before we noticed.",
            "С весны меня ни разу не будили из-за аварии. Из ежемесячного отчёта узнаю, что "
            "дежурные починили раньше, чем мы успели заметить.",
        ),
    },
    {
        "key": "edu-ux",
        "title": ("UX redesign of an online school", "UX-редизайн онлайн-школы"),
        "client": ("SkillUp", "SkillUp"),
        "client_description": ("Online school, 100,000 students", "Онлайн-школа, 100 000 учеников"),
        "industry": "education",
        "services": ["ux", "corporate-site"],
        "year": 2025,
        "months": 2,
        "visibility": "public",
        "team": [
            ("popova", ("UX lead", "Руководитель UX")),
            ("orlova", ("Frontend developer", "Фронтенд-разработчик")),
        ],
        "metrics": [
            (
                ("Trial-to-paid conversion", "Конверсия из пробного в платный"),
                3.2,
                5.9,
                ("%", "%"),
                True,
            )
        ],
        "budget": 1150000,
        "summary": (
            "A new onboarding and a one-page checkout took trial-to-paid conversion from 3.2 to "
            "5.9 %.",
            "Новый онбординг и оплата на одной странице подняли конверсию из пробного урока в "
            "покупку с 3,2 до 5,9 %.",
        ),
        "challenge": (
            "Nine out of ten students who liked their trial lesson never paid. Analytics "
            "showed where they left but not why.",
            "Девять из десяти учеников, которым понравился пробный урок, так и не доходили до "
            "оплаты. Аналитика показывала, где они уходят, но не объясняла почему.",
        ),
        "solution": (
            "Twenty interviews with students and parents showed that the price and the schedule "
            "came too late. We redesigned the first week around them and cut the checkout to "
            "one page.",
            "Провели двадцать интервью с учениками и родителями: цену и расписание люди видели "
            "слишком поздно. Перестроили первую неделю обучения и сократили оплату до одной "
            "страницы.",
        ),
        "contact": (
            ("Natalia Pavlova", "Наталья Павлова"),
            ("Head of product", "руководитель продукта"),
        ),
        "quote": (
            "The interviews changed our roadmap more than a year of A/B tests did.",
            "Двадцать интервью поменяли наш план развития сильнее, чем год A/B-тестов.",
        ),
    },
    {
        "key": "pharma-forecast",
        "title": ("Demand forecasting for a pharmacy chain", "Прогноз спроса для аптечной сети"),
        "client": ("Zdorovie", "«Здоровье»"),
        "client_description": (
            "Pharmacy chain, 900 pharmacies",
            "Аптечная сеть: 900 аптек в 30 регионах",
        ),
        "industry": "healthcare",
        "services": ["forecasting"],
        "year": 2024,
        "months": 6,
        "visibility": "internal",
        "team": [("novikova", ("Data scientist", "Специалист по данным"))],
        "metrics": [
            (("Forecast error (MAPE)", "Ошибка прогноза (MAPE)"), 38, 21, ("%", "%"), False)
        ],
        "budget": 3200000,
        "summary": (
            "Hierarchical forecasts with weather and epidemic data cut the error of the seasonal "
            "demand plan from 38 to 21 %.",
            "Иерархический прогноз с учётом погоды и заболеваемости снизил ошибку сезонного "
            "плана спроса с 38 до 21 %.",
        ),
        "challenge": (
            "Purchasing planned the cold and flu season in spreadsheets from last year's "
            "sales, so the chain either ran out of antivirals or sat on them until spring.",
            "Закупщики планировали сезон простуд в таблицах по продажам прошлого года, и сеть "
            "то оставалась без противовирусных, то держала их на складе до весны.",
        ),
        "solution": (
            "Forecasts at three levels (region, pharmacy, product) that take in the weather "
            "forecast and weekly incidence data and are reconciled with each other.",
            "Построили согласованный прогноз на трёх уровнях — регион, аптека, товар — с учётом "
            "прогноза погоды и еженедельных данных о заболеваемости.",
        ),
        "contact": (
            ("Yulia Kovaleva", "Юлия Ковалёва"),
            ("Head of purchasing", "руководитель отдела закупок"),
        ),
        "quote": None,
    },
    {
        "key": "insurer-strategy",
        "title": ("IT strategy for an insurer", "ИТ-стратегия для страховой компании"),
        "client": ("Garant Insurance", "«Гарант Страхование»"),
        "client_description": ("Insurance company, top-20", "Страховая компания из топ-20"),
        "industry": "banking",
        "services": ["it-strategy"],
        "year": 2025,
        "months": 1,
        "visibility": "internal",
        "team": [
            ("ivanov", ("Architect", "Архитектор")),
            ("lebedeva", ("Consultant", "Консультант")),
        ],
        "metrics": [(("Planned IT budget", "Плановый ИТ-бюджет"), 100, 78, ("%", "%"), False)],
        "budget": 1400000,
        "summary": (
            "A target architecture and a three-year roadmap, approved by the board, that plans "
            "22 % less IT spending than the vendors' proposals.",
            "Целевая архитектура и трёхлетняя дорожная карта, утверждённые советом директоров: "
            "на 22 % дешевле, чем предлагали вендоры.",
        ),
        "challenge": (
            "Three vendors proposed three incompatible platforms for the new policy system, "
            "and each proposal proved the other two wrong.",
            "Три вендора предложили для новой системы учёта договоров три несовместимые "
            "платформы, и каждое предложение доказывало, что два других никуда не годятся.",
        ),
        "solution": (
            "We compared the options on the insurer's own scenarios, priced each one over five "
            "years and drew a roadmap that replaces the core system in stages.",
            "Сравнили варианты на собственных сценариях страховщика, посчитали стоимость "
            "владения на пять лет и предложили поэтапную замену учётной системы.",
        ),
        "contact": (
            ("Vadim Lukin", "Вадим Лукин"),
            ("Deputy CEO", "заместитель генерального директора"),
        ),
        "quote": None,
    },
    {
        "key": "factory-dwh",
        "title": ("Production analytics for a plant", "Аналитика производства для завода"),
        "client": ("SteelWorks", "«СтальВоркс»"),
        "client_description": (
            "Steel plant, 5,000 employees",
            "Металлургический комбинат, 5000 сотрудников, Челябинская область",
        ),
        "industry": "manufacturing",
        "services": ["dwh", "forecasting"],
        "year": 2023,
        "months": 8,
        "visibility": "anonymised",
        "team": [
            ("smirnova", ("Data lead", "Руководитель по данным")),
            ("novikova", ("Data scientist", "Специалист по данным")),
            ("kuznetsov", ("Backend developer", "Бэкенд-разработчик")),
        ],
        "metrics": [
            (
                ("Unplanned downtime", "Внеплановые простои"),
                120,
                70,
                ("hours/month", "ч/мес"),
                False,
            )
        ],
        "budget": 5800000,
        "summary": (
            "Sensor data in one warehouse and a failure model that warns two days ahead: "
            "unplanned downtime fell from 120 to 70 hours a month.",
            "Данные датчиков в одном хранилище и модель, предупреждающая об отказе за двое "
            "суток: внеплановые простои сократились со 120 до 70 часов в месяц.",
        ),
        "challenge": (
            "Sensor readings were kept for a week on the line controllers and then lost, so a "
            "failing bearing was noticed only when the rolling mill stopped.",
            "Показания датчиков хранились неделю на контроллерах линий и затирались, поэтому "
            "износ подшипника замечали, только когда стан вставал.",
        ),
        "solution": (
            "We collect readings from 2,400 sensors into one warehouse, and a model trained on "
            "three years of repair records warns the maintenance crew two days before a likely "
            "failure.",
            "Собираем показания 2400 датчиков в едином хранилище. Модель, обученная на журналах "
            "ремонтов за три года, за двое суток предупреждает ремонтную службу о вероятном "
            "отказе.",
        ),
        "contact": (
            ("Nikolai Gromov", "Николай Громов"),
            ("Chief mechanical engineer", "главный механик"),
        ),
        "quote": (
            "We now change parts on a planned stop instead of an emergency one, and the repair "
            "crews plan their week.",
            "Теперь мы меняем узлы на плановой остановке, а не в аварийном порядке, и ремонтники "
            "наконец планируют свою неделю.",
        ),
    },
    {
        "key": "marketplace",
        "title": ("Marketplace for building materials", "Маркетплейс строительных материалов"),
        "client": ("StroyBaza", "«СтройБаза»"),
        "client_description": (
            "Building materials distributor, Krasnodar",
            "Дистрибьютор стройматериалов, Краснодар",
        ),
        "industry": "retail",
        "services": ["ecommerce", "performance"],
        "year": 2025,
        "months": 7,
        "visibility": "public",
        "team": [
            ("kuznetsov", ("Tech lead", "Техлид")),
            ("orlova", ("Frontend developer", "Фронтенд-разработчик")),
            ("volkova", ("Performance lead", "Руководитель performance")),
        ],
        "metrics": [
            (("Sellers on the platform", "Продавцов на площадке"), 0, 240, ("", ""), True),
            (("Monthly GMV", "Оборот в месяц"), 0, 85, ("M ₽", "млн ₽"), True),
        ],
        "budget": 8900000,
        "summary": (
            "A building materials marketplace that grew to 240 sellers and 85 million roubles of "
            "monthly sales in its first seven months.",
            "Маркетплейс стройматериалов за первые семь месяцев собрал 240 продавцов и вышел на "
            "оборот 85 млн ₽ в месяц.",
        ),
        "challenge": (
            "The distributor wanted to sell its partners' goods without holding their stock, "
            "but its store could not take other sellers' prices, stock or payouts.",
            "Дистрибьютор хотел продавать товары партнёров, не закупая их на свой склад, но "
            "его интернет-магазин не умел работать с чужими ценами, остатками и выплатами.",
        ),
        "solution": (
            "Seller accounts with price list uploads, commission billing with payouts through a "
            "payment provider, and paid acquisition for both buyers and sellers.",
            "Сделали кабинеты продавцов с загрузкой прайс-листов, расчёт комиссии с выплатами "
            "через платёжного агента и рекламу для привлечения и покупателей, и продавцов.",
        ),
        "contact": (
            ("Anton Kravets", "Антон Кравец"),
            ("Commercial director", "коммерческий директор"),
        ),
        "quote": (
            "Sellers came faster than we had planned: by the third month we had to hire a second "
            "moderator.",
            "Продавцы пошли быстрее, чем мы рассчитывали: уже на третий месяц пришлось брать "
            "второго модератора.",
        ),
    },
    {
        "key": "estate-site",
        "title": ("Website for a real estate agency", "Сайт для агентства недвижимости"),
        "client": ("Dom Plus", "«Дом Плюс»"),
        "client_description": (
            "Real estate agency, 3 cities",
            "Агентство недвижимости: Казань, Уфа и Самара",
        ),
        "industry": "real-estate",
        "services": ["corporate-site", "seo-audit"],
        "year": 2024,
        "months": 2,
        "visibility": "public",
        "team": [
            ("orlova", ("Frontend developer", "Фронтенд-разработчик")),
            ("morozov", ("SEO lead", "Руководитель SEO")),
        ],
        "metrics": [
            (("Requests from the site", "Заявки с сайта"), 60, 210, ("per month", "в месяц"), True)
        ],
        "budget": 980000,
        "summary": (
            "Listings imported automatically and a page for every district: requests from the "
            "site grew from 60 to 210 a month.",
            "Автоматическая выгрузка объектов и страницы по каждому району: заявок с сайта стало "
            "210 в месяц вместо 60.",
        ),
        "challenge": (
            "Agents copied each listing to the site by hand, often a week late, and the site "
            "was nowhere in search results for district names.",
            "Агенты переносили объекты на сайт вручную и с опозданием на неделю, а по запросам "
            "с названиями районов сайта не было в поиске вовсе.",
        ),
        "solution": (
            "Listings come from the agency's CRM every hour; visitors search on a map, and each "
            "district has its own page with prices and schools.",
            "Объекты каждый час выгружаются из CRM агентства, на сайте есть поиск по карте, а у "
            "каждого района — своя страница с ценами и школами.",
        ),
        "contact": (
            ("Tatiana Kozlova", "Татьяна Козлова"),
            ("Managing partner", "управляющий партнёр"),
        ),
        "quote": None,
    },
    {
        "key": "media-app",
        "title": ("News app for a media holding", "Новостное приложение для медиахолдинга"),
        "client": ("Media Group North", "Медиагруппа «Север»"),
        "client_description": (
            "Regional media holding, Arkhangelsk",
            "Региональный медиахолдинг, Архангельск",
        ),
        "industry": "media",
        "services": ["mobile-app"],
        "year": 2023,
        "months": 5,
        "visibility": "public",
        "team": [("kozlov", ("Mobile lead", "Тимлид мобильной разработки"))],
        "metrics": [
            (("Daily active users", "Активные пользователи в день"), 15, 62, ("k", "тыс."), True)
        ],
        "budget": 3600000,
        "summary": (
            "A news app with a personal feed and breaking-news alerts reached 62,000 readers a "
            "day, four times its launch figure.",
            "Новостное приложение с персональной лентой и срочными уведомлениями собирает 62 "
            "тысячи читателей в день — вчетверо больше, чем на старте.",
        ),
        "challenge": (
            "Readers had moved to social networks, where the holding's stories were read under "
            "someone else's name, and the advertising followed them.",
            "Читатели ушли в соцсети и мессенджеры, где материалы холдинга расходились без "
            "ссылки на источник, а вслед за аудиторией уходили и рекламодатели.",
        ),
        "solution": (
            "A native app with a feed by district and topic, push alerts the editors send in "
            "one click and ad slots sold by the holding's own sales team.",
            "Сделали приложение с лентой по районам и темам, срочными уведомлениями, которые "
            "редактор отправляет в один клик, и рекламными местами для собственного отдела "
            "продаж.",
        ),
        "contact": (("Pavel Rybakov", "Павел Рыбаков"), ("Publisher", "издатель")),
        "quote": (
            "Our readers are ours again: we know who they are and what they read, without a social "
            "network in between.",
            "Мы вернули себе читателя: знаем, кто он и что читает, без посредничества соцсетей.",
        ),
    },
    {
        "key": "clinic-privacy",
        "title": ("Medical data protection for a clinic", "Защита медицинских данных для клиники"),
        "client": ("MedLine", "«МедЛайн»"),
        "client_description": (
            "Clinic network, 45 clinics",
            "Сеть клиник: 45 филиалов в Москве и Санкт-Петербурге",
        ),
        "industry": "healthcare",
        "services": ["privacy"],
        "year": 2025,
        "months": 2,
        "visibility": "public",
        "team": [("fedorov", ("Lawyer", "Юрист"))],
        "metrics": [
            (
                ("Systems with documented data flows", "Систем с описанными потоками данных"),
                2,
                17,
                ("", ""),
                True,
            )
        ],
        "budget": 640000,
        "summary": (
            "Seventeen systems with documented data flows and signed agreements with every "
            "partner laboratory.",
            "Потоки данных описаны в 17 системах, а с каждой партнёрской лабораторией подписано "
            "поручение на обработку.",
        ),
        "challenge": (
            "Test results went to partner laboratories and insurers by email, without data "
            "processing agreements, and only two systems had their data flows described.",
            "Результаты анализов уходили в партнёрские лаборатории и страховые по электронной "
            "почте без поручений на обработку, а потоки данных были описаны только в двух "
            "системах.",
        ),
        "solution": (
            "Processing agreements with 11 partners, access rules by role for the medical "
            "information system and a register of processing activities kept by the clinics' "
            "lawyer.",
            "Оформили поручения с 11 партнёрами, разграничили доступ к медицинской "
            "информационной системе по ролям и завели реестр процессов обработки, который "
            "теперь ведёт юрист сети.",
        ),
        "contact": (
            ("Alla Demidova", "Алла Демидова"),
            ("Legal director", "директор юридического департамента"),
        ),
        "quote": None,
    },
    {
        "key": "edu-bi",
        "title": ("Learning analytics for a university", "Аналитика обучения для университета"),
        "client": ("Polytech University", "Политехнический университет"),
        "client_description": (
            "Technical university, 20,000 students, Tomsk",
            "Технический университет, 20 000 студентов, Томск",
        ),
        "industry": "education",
        "services": ["dwh"],
        "year": 2025,
        "months": 4,
        "visibility": "public",
        "team": [("belov", ("BI analyst", "BI-аналитик"))],
        "metrics": [
            (("First-year dropout", "Отчисления на первом курсе"), 18, 12, ("%", "%"), False)
        ],
        "budget": 1700000,
        "summary": (
            "Early-warning dashboards for deans' offices: first-year dropout fell from 18 to 12 "
            "% in two semesters.",
            "Дашборды раннего предупреждения для деканатов: за два семестра отчисления на первом "
            "курсе снизились с 18 до 12 %.",
        ),
        "challenge": (
            "Deans' offices learned that a student was struggling from the exam results, when "
            "it was too late to help and the student was already on the list for expulsion.",
            "О том, что студент не справляется, деканат узнавал по итогам сессии — когда "
            "помогать было поздно и студент уже попадал в приказ на отчисление.",
        ),
        "solution": (
            "Each week we combine attendance, the learning platform's activity and test scores "
            "into a risk list that tutors go through with their groups.",
            "Каждую неделю сводим посещаемость, активность в системе дистанционного обучения и "
            "оценки за контрольные в список риска, который кураторы разбирают со своими "
            "группами.",
        ),
        "contact": (
            ("Dmitry Sedov", "Дмитрий Седов"),
            ("Vice-rector for academic affairs", "проректор по учебной работе"),
        ),
        "quote": (
            "Tutors now talk to a student in October, not after the winter exams, and most of "
            "those students stay.",
            "Кураторы теперь говорят со студентом в октябре, а не после зимней сессии, и "
            "большинство таких ребят остаётся учиться.",
        ),
    },
    {
        "key": "manufacturing-k8s",
        "title": (
            "Kubernetes for an industrial IoT platform",
            "Kubernetes для промышленной IoT-платформы",
        ),
        "client": ("SteelWorks", "«СтальВоркс»"),
        "client_description": (
            "Steel plant, 5,000 employees",
            "Металлургический комбинат, 5000 сотрудников, Челябинская область",
        ),
        "industry": "manufacturing",
        "services": ["kubernetes"],
        "year": 2024,
        "months": 4,
        "visibility": "anonymised",
        "team": [
            ("sokolov", ("DevOps engineer", "DevOps-инженер")),
            ("ivanov", ("Architect", "Архитектор")),
        ],
        "metrics": [
            (
                ("Time to add a production line", "Время подключения новой линии"),
                30,
                3,
                ("days", "дн"),
                False,
            )
        ],
        "budget": 3100000,
        "summary": (
            "A new production line joins the IoT platform in three days instead of a month, with "
            "edge clusters managed from one place.",
            "Новая производственная линия подключается к IoT-платформе за три дня вместо месяца: "
            "периферийные кластеры управляются из одной точки.",
        ),
        "challenge": (
            "Every production line had its own servers in the shop, set up by hand by the "
            "plant's two engineers; connecting a new line took a month.",
            "У каждой линии стояли свои серверы прямо в цеху, и два инженера комбината "
            "настраивали их вручную: подключение новой линии занимало месяц.",
        ),
        "solution": (
            "Small Kubernetes clusters in the shops, configured from one Git repository, with "
            "updates that roll out line by line and roll back on their own.",
            "Поставили в цехах компактные кластеры Kubernetes, которые настраиваются из одного "
            "Git-репозитория; обновления раскатываются по одной линии и сами откатываются при "
            "сбое.",
        ),
        "contact": (
            ("Nikolai Gromov", "Николай Громов"),
            ("Chief mechanical engineer", "главный механик"),
        ),
        "quote": None,
    },
    {
        "key": "retail-app",
        "title": ("Loyalty app for a cosmetics chain", "Приложение лояльности для сети косметики"),
        "client": ("Krasota", "«Красота»"),
        "client_description": (
            "Cosmetics chain, 200 stores",
            "Сеть магазинов косметики: 200 магазинов по всей России",
        ),
        "industry": "retail",
        "services": ["mobile-app", "performance"],
        "year": 2025,
        "months": 6,
        "visibility": "public",
        "team": [
            ("kozlov", ("Mobile lead", "Тимлид мобильной разработки")),
            ("volkova", ("Performance lead", "Руководитель performance")),
        ],
        "metrics": [
            (("Repeat purchases", "Повторные покупки"), 22, 37, ("%", "%"), True),
            (("App installs", "Установки приложения"), 0, 410, ("k", "тыс."), True),
        ],
        "budget": 5100000,
        "summary": (
            "A loyalty app installed 410,000 times: repeat purchases grew from 22 to 37 % of "
            "customers.",
            "Приложение лояльности установили 410 тысяч раз, а доля повторных покупок выросла с "
            "22 до 37 %.",
        ),
        "challenge": (
            "The chain issued plastic loyalty cards that only gave a flat discount. It knew "
            "nothing about who its customers were or what made them come back.",
            "Сеть выдавала пластиковые карты с фиксированной скидкой и ничего не знала о своих "
            "покупателях: кто они и что заставляет их возвращаться.",
        ),
        "solution": (
            "An app with a digital card, personal offers built from purchase history and "
            "install campaigns that pay for customers who buy, not for downloads.",
            "Сделали приложение с электронной картой и персональными предложениями по истории "
            "покупок, а рекламу на установки оптимизировали по первой покупке, а не по "
            "скачиванию.",
        ),
        "contact": (
            ("Anna Belova", "Анна Белова"),
            ("CRM and loyalty director", "директор по CRM и лояльности"),
        ),
        "quote": (
            "For the first time we can tell a customer about a new serum she will actually like, "
            "not send the same leaflet to everyone.",
            "Впервые мы можем предложить покупательнице новую сыворотку, которая ей правда "
            "подойдёт, а не рассылать всем одну и ту же листовку.",
        ),
    },
    {
        "key": "logistics-strategy",
        "title": ("IT strategy for a port operator", "ИТ-стратегия для портового оператора"),
        "client": ("Baltic Port", "«Балтийский порт»"),
        "client_description": ("Port operator, Baltic region", "Портовый оператор, Усть-Луга"),
        "industry": "logistics",
        "services": ["it-strategy", "cloud-audit"],
        "year": 2024,
        "months": 1,
        "visibility": "public",
        "team": [
            ("ivanov", ("Architect", "Архитектор")),
            ("lebedeva", ("Consultant", "Консультант")),
        ],
        "metrics": [
            (("Systems to retire", "Систем к выводу из эксплуатации"), 0, 11, ("", ""), True)
        ],
        "budget": 1250000,
        "summary": (
            "A map of 26 overlapping systems and a plan to retire 11 of them, with a cloud-first "
            "target architecture.",
            "Карта из 26 пересекающихся систем и план вывода из эксплуатации одиннадцати из них "
            "с переходом в облако.",
        ),
        "challenge": (
            "Twenty-six systems overlapped after two mergers. Each had its defenders, and no "
            "one knew which could be switched off without stopping the terminals.",
            "После двух слияний в порту работали 26 систем с пересекающимися функциями. У "
            "каждой были свои защитники, и никто не знал, что можно отключить, не остановив "
            "терминалы.",
        ),
        "solution": (
            "We interviewed 40 users, mapped each system to the processes it serves and agreed "
            "with the terminals a retirement plan in four waves.",
            "Опросили 40 пользователей, соотнесли каждую систему с процессами, которые она "
            "обслуживает, и согласовали с терминалами план вывода в четыре волны.",
        ),
        "contact": (
            ("Igor Fedorov", "Игорь Фёдоров"),
            ("CIO", "директор по информационным технологиям"),
        ),
        "quote": (
            "The map ended arguments that had gone on for years. The first four systems are "
            "already switched off.",
            "Карта закрыла споры, которые шли годами. Первые четыре системы уже выключены.",
        ),
    },
    {
        "key": "bank-ux",
        "title": ("Mobile bank UX audit", "UX-аудит мобильного банка"),
        "client": ("Volga Bank", "Банк «Волга»"),
        "client_description": ("Regional bank, top-50", "Региональный банк из топ-50, Самара"),
        "industry": "banking",
        "services": ["ux", "mobile-app"],
        "year": 2025,
        "months": 2,
        "visibility": "internal",
        "team": [
            ("popova", ("UX lead", "Руководитель UX")),
            ("kozlov", ("Mobile lead", "Тимлид мобильной разработки")),
        ],
        "metrics": [
            (("Transfer completion rate", "Доля завершённых переводов"), 71, 88, ("%", "%"), True)
        ],
        "budget": 690000,
        "summary": (
            "A shorter transfer flow and clearer errors: 88 % of started transfers are now "
            "completed, up from 71 %.",
            "Короткий сценарий перевода и понятные ошибки: до конца теперь доходят 88 % начатых "
            "переводов вместо 71 %.",
        ),
        "challenge": (
            "Almost a third of customers abandoned a transfer halfway, and the bank's support "
            'line was full of calls about messages like "Error 4012".',
            "Почти треть клиентов бросали перевод на полпути, а линия поддержки была забита "
            "звонками про сообщения вроде «Ошибка 4012».",
        ),
        "solution": (
            "Usability tests with 16 customers, a transfer flow cut from seven screens to three "
            "and error messages that say what to do next.",
            "Провели юзабилити-тесты с 16 клиентами, сократили перевод с семи экранов до трёх и "
            "переписали ошибки так, чтобы было ясно, что делать дальше.",
        ),
        "contact": (
            ("Marina Zueva", "Марина Зуева"),
            ("Head of digital channels", "руководитель дистанционных каналов"),
        ),
        "quote": None,
    },
]
