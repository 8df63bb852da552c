"""Held-out English queries of the relevance set, in the format of :mod:`queries_en`
(``kind | query | expected first | others expected in the top five``, titles ;-separated).

Written after the tuned set and apart from the search code: the expectations are a judge's
reading of the content in :mod:`data_en` only, so a ranking tuned on :mod:`queries_en` is
measured here on queries (and targets) it has not seen. Kinds as in :mod:`queries_en`."""

QUERIES = """
kind-order|Cloud cost audit|Cloud cost audit|Cloud cost reduction for a media group
kind-order|Personal data compliance|Personal data compliance|Personal data compliance for a clinic
kind-order|IT strategy consultation|IT strategy consultation|IT strategy for a logistics holding
kind-order|who does penetration testing|Irina Pavlova|
kind-order|SAP consultant|Elena Morozova|
wordform|modernising Java|Java application modernisation|Java modernisation for an insurer
wordform|coffee roasters|Shopify store for a coffee roaster|
wordform|banks|Kubernetes platform for a regional bank;BI dashboards for a bank's finance team|UX research for a banking app
wordform|telecom operators|Churn prediction for a telecom operator|
wordform|logistics companies|Warehouse system in C# for a logistics company|Migration to Kubernetes for a logistics operator;IT strategy for a logistics holding
typo|telemedecine|Telemedicine platform for a hospital|
typo|furnture factory|1С:ERP implementation at a furniture factory|
typo|configurater|Corporate website for a manufacturer|
typo|leasng company|.NET platform for an equipment leasing company|
typo|online cinma|DevOps for an online cinema|
synonym|internet shop|Online store development|Online store for a fashion retailer
synonym|ML consulting|Machine learning consulting|
synonym|business intelligence|Data warehouse and BI|BI dashboards for a bank's finance team;Power BI for a retail chain
synonym|user experience|UX research and design|UX research for a banking app;UX redesign of a school learning platform
brand|TypeScript|Node.js backend development|
brand|React Native|Loyalty app for a cosmetics chain|Mobile app development
brand|Django|Corporate website;Roman Zaitsev|Website for a university
client|Magnitka Steel|SAP S/4HANA migration for a steel plant|
client|Gorod News|SEO for a news portal|
client|Skillbox Academy|Kubernetes for an online school|
client|Zdravitsa|Mobile app for a clinic network|
token|B2B|Content marketing for a B2B software vendor|
token|PCI DSS|Security review for a payments company|
suggest|Secur|Security audit|Security review for a payments company
suggest|UX res|UX research and design|UX research for a banking app
suggest|Yulia|Yulia Sorokina|
suggest|Loyal|Loyalty app for a cosmetics chain|
hidden|Chitai Gorod||
hidden|Telesv||
hidden|Magnit Star||
"""
