"""The demo's privacy policy: what a request keeps, including where the visitor came from
(static/js/visitor-path.js, leads/visitor.py). English and Russian, as the rest of the demo."""

POLICY = (
    """<h2>What we keep when you send a request</h2>
<p>The details you type into the request form (name, email or phone, company, message, budget)
and your consent, with the time you gave it. We use them only to answer your request and to
prepare and discuss our proposal.</p>
<h2>Where you came from</h2>
<p>To know which of our pages and advertisements bring requests, your own browser keeps a short
note of how you reached us:</p>
<ul>
<li>for this visit — the page you landed on, the site that sent you (referrer), the UTM tags of
the link you followed and the last 20 pages you read here; kept in the browser tab
(sessionStorage) and gone when you close it;</li>
<li>for your first visit — the page you landed on, the referrer, the UTM tags and the time;
kept in your browser (localStorage) for 90 days, then replaced by your next visit's.</li>
</ul>
<p>This note never leaves your browser on its own: it is sent to us only with a request you
choose to send, and is then stored with that request. We use no cookies for it and no
third-party counters, trackers or advertising networks. You can clear it at any time by clearing
this site's data in your browser.</p>
<h2>Who sees it</h2>
<p>A request and what came with it are seen only by our sales team. Ask us at any time for a copy
of everything we keep about you, or to erase it.</p>""",
    """<h2>Что мы храним, когда вы отправляете заявку</h2>
<p>Данные, которые вы вводите в форму заявки (имя, почту или телефон, компанию, сообщение,
бюджет), и ваше согласие со временем, когда оно дано. Мы используем их только чтобы ответить на
заявку, подготовить и обсудить наше предложение.</p>
<h2>Откуда вы пришли</h2>
<p>Чтобы понимать, какие страницы и объявления приводят заявки, ваш собственный браузер хранит
короткую запись о том, как вы к нам попали:</p>
<ul>
<li>для этого визита — страницу входа, сайт, с которого вы пришли (реферер), UTM-метки ссылки
и последние 20 прочитанных у нас страниц; хранится во вкладке браузера (sessionStorage) и
исчезает, когда вы её закрываете;</li>
<li>для первого визита — страницу входа, реферер, UTM-метки и время; хранится в вашем браузере
(localStorage) 90 дней, затем заменяется данными следующего визита.</li>
</ul>
<p>Сама по себе эта запись не покидает ваш браузер: она передаётся нам только вместе с заявкой,
которую вы решили отправить, и хранится вместе с этой заявкой. Мы не используем для неё cookie,
сторонние счётчики, трекеры и рекламные сети. Вы можете удалить её в любой момент, очистив
данные этого сайта в браузере.</p>
<h2>Кто это видит</h2>
<p>Заявку и всё, что пришло с ней, видит только наш отдел продаж. В любой момент вы можете
попросить у нас копию всех данных о вас или их удаление.</p>""",
)
