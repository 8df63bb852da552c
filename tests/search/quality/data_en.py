"""English content of the relevance set: a fictional consultancy, written for this set only.

Rows are ``|``-separated; lists inside a field are ``;``-separated. Visibility: p public,
a anonymised (the client's name is hidden, the description shown), i internal (never public).
"""

CATEGORIES = "Development;Data and AI;Infrastructure;Consulting;Marketing"

INDUSTRIES = "Retail;Banking;Healthcare;Logistics;Manufacturing;Education;Insurance;Media"

COMPETENCIES = (
    "Kubernetes;Python;Django;React;Node.js;C#;.NET;SAP S/4HANA;1С:ERP;PostgreSQL;"
    "Machine learning;SEO;UX research;Terraform;Power BI;Shopify;Penetration testing;Java"
)

SERVICES = """
Online store development|Development|React;Node.js|We build online stores that sell from day one: catalogue, cart, payments and delivery.|Discovery, design, two-week sprints, launch and a month of support.
Mobile app development|Development|React|Native-feeling iOS and Android apps for customers and field staff.|Prototype, usability tests, release to both stores.
Corporate website|Development|Django;Python|A fast, accessible company website that editors update themselves.|Content model, design system, Wagtail CMS, training for editors.
Custom .NET development|Development|C#;.NET|Business applications and APIs on .NET and C# for companies that run Microsoft stacks.|Architecture review, code in C#, automated tests and CI.
Node.js backend development|Development|Node.js|APIs and real-time services on Node.js and TypeScript.|Event-driven design, load tests, observability from the start.
SAP S/4HANA migration|Consulting|SAP S/4HANA|Move from SAP ECC to S/4HANA without stopping the business.|Readiness check, data cleansing, conversion rehearsals, hypercare.
1С:ERP implementation|Consulting|1С:ERP|Implementation of 1С:ERP for manufacturing and distribution companies.|Process survey, configuration, data migration, user training.
Kubernetes migration|Infrastructure|Kubernetes;Terraform|Move applications to Kubernetes with zero downtime and clear costs.|Containerisation, Helm charts, GitOps, gradual traffic switch.
DevOps support|Infrastructure|Kubernetes;Terraform|Round-the-clock support of your pipelines, clusters and monitoring.|On-call rota, incident reviews, monthly reliability report.
Cloud cost audit|Infrastructure|Terraform|Find out where the cloud bill goes and cut it without risk.|Tagging review, rightsizing, reserved capacity plan.
Security audit|Infrastructure|Penetration testing|Penetration testing and a security review of your web applications.|Black-box and white-box testing, report with fixes by priority.
Data warehouse and BI|Data and AI|PostgreSQL;Power BI|One source of truth for sales, finance and operations reports.|Data model, ELT pipelines, Power BI dashboards.
Demand forecasting|Data and AI|Machine learning;Python|Forecast demand per store and product to cut write-offs and stock-outs.|Baseline, feature engineering, gradient boosting, weekly retraining.
Machine learning consulting|Data and AI|Machine learning;Python|Find where machine learning pays off and build the first model.|Use-case workshop, data audit, pilot model, business case.
Chatbot development|Data and AI|Machine learning;Python|Chatbots that answer customers in the website chat and messengers.|Intent design, language model integration, handover to operators.
SEO audit|Marketing|SEO|A technical and content audit that explains why pages do not rank.|Crawl, log analysis, content gaps, a prioritised fix list.
Content marketing|Marketing|SEO|Articles and guides that bring search traffic and leads.|Topic research, editorial calendar, writing and promotion.
UX research and design|Consulting|UX research|Interviews, usability tests and interface design based on evidence.|Research plan, interviews, journey maps, prototypes.
IT strategy consultation|Consulting|SAP S/4HANA;Java|A three-year IT roadmap tied to business goals and budget.|Interviews, application landscape, target architecture, roadmap.
Shopify store setup|Development|Shopify|A Shopify store with your brand, products and payments in two weeks.|Theme, apps, product import, payment and shipping setup.
Personal data compliance|Consulting|Penetration testing|Bring personal data processing in line with the law.|Data inventory, policies, consent flows, staff training.
Java application modernisation|Development|Java;Kubernetes|Split an ageing Java monolith into services that are easy to change.|Strangler pattern, contract tests, gradual cut-over.
"""

EXPERTS = """
Ivan Sokolov|Platform engineer|Kubernetes;Terraform|Ivan runs clusters for banks and retailers and teaches teams GitOps.
Maria Smirnova|Head of data|Machine learning;Python;Power BI|Maria builds forecasting models and the data platforms under them.
Olga Novikova|Machine learning engineer|Machine learning;Python|Olga trains models for demand, churn and pricing.
Mikhail Fedorov|Privacy lawyer|Penetration testing|Mikhail advises on personal data law and audits consent flows.
Anna Kuznetsova|UX researcher|UX research|Anna plans interviews and usability tests and turns them into designs.
Dmitry Volkov|.NET architect|C#;.NET|Dmitry designs business applications in C# for manufacturers.
Elena Morozova|SAP consultant|SAP S/4HANA|Elena has led six SAP S/4HANA conversions in retail and manufacturing.
Sergey Lebedev|1С developer|1С:ERP|Sergey configures 1С:ERP and integrates it with warehouses.
Pavel Orlov|Frontend developer|React;Node.js|Pavel builds storefronts and mobile apps in React.
Natalia Popova|SEO specialist|SEO|Natalia audits large sites and plans content that ranks.
Alexey Egorov|Backend developer|Node.js;PostgreSQL|Alexey writes APIs on Node.js and tunes PostgreSQL.
Irina Pavlova|Security engineer|Penetration testing|Irina runs penetration tests for banks and insurers.
Roman Zaitsev|Python developer|Python;Django|Roman builds Django websites and integrations.
Yulia Sorokina|BI analyst|Power BI;PostgreSQL|Yulia designs dashboards finance teams actually use.
Konstantin Belov|Java architect|Java;Kubernetes|Konstantin modernises Java monoliths in banking.
Tatiana Kozlova|E-commerce manager|Shopify;SEO|Tatiana launches Shopify stores and grows their sales.
"""

CASES = """
Online store for a fashion retailer|Modaline|A fashion retail chain|p|Retail|Online store development|An online store with 40,000 products and same-day delivery.|Sales moved online but the old store could not cope with peaks.|A React storefront, a Node.js order service and a new checkout.
Online store for a sporting goods chain|Sportmaster Plus|A sporting goods chain|a|Retail|Online store development|Online sales doubled in a year.|Customers abandoned carts on mobile.|A mobile-first checkout and stock shown per store.
Marketplace for building materials|Stroymarket|A building materials distributor|p|Retail|Online store development;Node.js backend development|A marketplace that connects 300 suppliers with builders.|Suppliers sent price lists by email.|Supplier portal, price import, orders split by supplier.
Loyalty app for a cosmetics chain|Beauty Lab|A cosmetics chain|p|Retail|Mobile app development|A loyalty app with personal offers used by 600,000 customers.|Plastic cards and paper coupons.|A React Native app with offers from purchase history.
Mobile app for a clinic network|Zdravitsa|A private clinic network|p|Healthcare|Mobile app development|Patients book doctors and see test results in the app.|Call centre queues of twenty minutes.|Booking, results and reminders in one app.
Telemedicine platform for a hospital|Granite Medical|A regional hospital|a|Healthcare|Node.js backend development|Video consultations for 50,000 patients a year.|Rural patients travelled hours for a five-minute follow-up.|Video calls, e-prescriptions and records integration.
Kubernetes platform for a regional bank|Volgabank|A regional bank|p|Banking|Kubernetes migration;DevOps support|A Kubernetes platform that deploys 40 times a day.|Releases once a month, at night.|Clusters, GitOps, canary releases and audit logs.
Migration to Kubernetes for a logistics operator|Trackwell|A logistics operator|p|Logistics|Kubernetes migration|Tracking services moved to Kubernetes with no downtime.|Servers at capacity every December.|Containers, autoscaling and gradual traffic switch.
DevOps for an online cinema|Kinovo|A streaming service|p|Media|DevOps support|Releases went from weekly to daily.|Manual deploys broke the player.|Pipelines, monitoring and an on-call rota.
Cloud cost reduction for a media group|Northern Press|A media group|a|Media|Cloud cost audit|The cloud bill fell by 38 percent.|Costs grew faster than audience.|Rightsizing, reserved instances and storage tiers.
Penetration test for an insurer|Garant Insurance|An insurance company|p|Insurance|Security audit|Twelve vulnerabilities found and fixed before launch.|A new customer portal had to pass a regulator check.|Black-box and white-box tests and a retest.
Security review for a payments company|Quantum Pay|A payments company|a|Banking|Security audit|The payment API passed PCI DSS on the first attempt.|Auditors found weak key storage.|Key management, API hardening, a retest.
Data warehouse for a distributor|Promtorg|A food distributor|p|Logistics|Data warehouse and BI|Daily reports in the morning instead of next week.|Twelve spreadsheets and no single number.|PostgreSQL warehouse and Power BI dashboards.
BI dashboards for a bank's finance team|Severny Bank|A commercial bank|p|Banking|Data warehouse and BI|The monthly close shrank from ten days to four.|Finance reconciled numbers by hand.|A finance data mart and Power BI reports.
Demand forecasting for a grocery chain|Freshmart|A grocery chain|p|Retail|Demand forecasting|Write-offs of fresh food fell by a fifth.|Store managers ordered by gut feeling.|A forecast per store and product, retrained weekly.
Demand forecasting for a pharmacy chain|Apteka Plus|A pharmacy chain|a|Healthcare|Demand forecasting|Stock-outs of popular medicines halved.|Seasonal peaks emptied shelves.|Forecasts with weather and epidemic data.
Churn prediction for a telecom operator|Telesvyaz|A telecom operator|a|Media|Machine learning consulting|Churn fell by 9 percent in the pilot region.|Retention offers went to the wrong customers.|A churn model and targeted offers.
Chatbot for an insurance company|Reliance Mutual|An insurance company|p|Insurance|Chatbot development|The chatbot answers 70 percent of questions without an operator.|The contact centre could not hire fast enough.|A chatbot in the website chat and messengers.
Chatbot for a university admissions office|Ural University|A university|p|Education|Chatbot development|Applicants get answers at night and on weekends.|Admissions staff answered the same questions all summer.|A chatbot trained on admission rules.
SEO for a news portal|Gorod News|A city news portal|p|Media|SEO audit|Search traffic grew by 60 percent in half a year.|Articles were not indexed for days.|Sitemaps, structured data and faster pages.
SEO audit for an online electronics store|Electrosila|An electronics distributor|a|Retail|SEO audit;Content marketing|Organic traffic up 45 percent after the fixes.|Category pages competed with each other.|Canonical pages, filters closed from indexing, new category texts.
Content marketing for a B2B software vendor|Cloudlink|A software vendor|p|Media|Content marketing|Blog articles bring a third of all leads.|Paid ads were the only source of leads.|Topic research and two guides a month.
Website for a university|Ural University|A university|p|Education|Corporate website|A new website on Wagtail with 200 editors.|Each faculty ran its own outdated site.|One Django and Wagtail site with a shared design system.
Corporate website for a manufacturer|Uralmash Works|A heavy machinery manufacturer|a|Manufacturing|Corporate website|A bilingual website with a product configurator.|Dealers could not find current specifications.|A product catalogue and a configurator for dealers.
SAP S/4HANA migration for a steel plant|Magnitka Steel|A steel plant|p|Manufacturing|SAP S/4HANA migration|Moved to S/4HANA over a weekend without stopping production.|ECC support was ending.|Brownfield conversion and three rehearsals.
SAP S/4HANA for a retail group|Lentaplex|A retail group|a|Retail|SAP S/4HANA migration;IT strategy consultation|Finance and logistics on one S/4HANA system.|Five ERP systems after acquisitions.|Selective data transition and one chart of accounts.
1С:ERP implementation at a furniture factory|Mebelny Dvor|A furniture factory|p|Manufacturing|1С:ERP implementation|Production planning in 1С:ERP instead of spreadsheets.|Orders were late and nobody knew why.|Production planning, costing and warehouse in 1С:ERP.
1С:ERP for a food producer|Agrokombinat|A food producer|a|Manufacturing|1С:ERP implementation|Batch tracking from field to shelf.|Recalls took a week to trace.|Batch accounting and quality control in 1С:ERP.
.NET platform for an equipment leasing company|Leasing Center|A leasing company|p|Banking|Custom .NET development|Lease applications approved in an hour instead of three days.|Applications were processed in email.|A C# workflow platform with scoring integration.
Warehouse system in C# for a logistics company|Cargo Express|A logistics company|p|Logistics|Custom .NET development|Picking errors fell by 80 percent.|Paper pick lists.|A .NET warehouse system with barcode scanners.
Node.js API for a delivery service|Dostavka Now|A food delivery service|p|Logistics|Node.js backend development|The order API serves 3,000 requests a second at peak.|The old API timed out on Friday evenings.|A Node.js API with queues and caching.
Java modernisation for an insurer|Ingos Life|A life insurer|a|Insurance|Java application modernisation|Release cycle cut from a quarter to two weeks.|A fifteen-year-old Java monolith.|Services split along business capabilities.
Shopify store for a coffee roaster|Bean Brothers|A coffee roaster|p|Retail|Shopify store setup|A Shopify store with subscriptions launched in three weeks.|Orders came by phone and messenger.|Shopify with a subscription app and local delivery.
Shopify store for a bookshop|Chitai Gorod|A bookshop chain|a|Retail|Shopify store setup|Online orders for pickup in 20 shops.|Customers called shops to check stock.|Shopify with stock per shop and pickup.
UX research for a banking app|Alfa Direct|A retail bank|p|Banking|UX research and design|App rating rose from 3.9 to 4.7.|Customers could not find transfers.|Interviews, usability tests and a new navigation.
UX redesign of a school learning platform|Uchi Online|An online school|p|Education|UX research and design|Lesson completion grew by a quarter.|Children got lost between lessons.|Usability tests with pupils and a new lesson flow.
Personal data compliance for a clinic|Medica Center|A private clinic|p|Healthcare|Personal data compliance|Passed the regulator's inspection without remarks.|Patient data was kept in shared folders.|Data inventory, access rules and consent forms.
IT strategy for a logistics holding|Transgroup|A logistics holding|a|Logistics|IT strategy consultation|A three-year roadmap approved by the board.|IT spending grew without a plan.|Application landscape review and a target architecture.
Internal pilot for a petrochemical company|Neftekhim Orion|A petrochemical company|i|Manufacturing|Machine learning consulting|A predictive maintenance pilot for pumps.|Unplanned stops cost millions.|Vibration data and a failure model.
Internal bid for a state bank|Gosbank Rezerv|A state bank|i|Banking|Kubernetes migration|A container platform proposal.|Legacy virtual machines.|Kubernetes platform design.
Django portal for an education ministry|Minobr Portal|A government education agency|i|Education|Corporate website|An internal portal prototype.|Scattered documents.|A Django portal with search.
Kubernetes for an online school|Skillbox Academy|An online school|p|Education|Kubernetes migration;DevOps support|The platform survived the September peak without outages.|Servers fell over at the start of every term.|Kubernetes with autoscaling and load tests.
Power BI for a retail chain|Magnit Star|A grocery retail chain|a|Retail|Data warehouse and BI|Store managers see sales by hour.|Reports came a week late.|Power BI dashboards on a PostgreSQL warehouse.
"""
