"""English queries of the relevance set: ``kind | query | expected first | others expected in
the top five``, titles ;-separated. Where several results are equally right first (two cases for
the same client, two experts with the same competency and nothing else to tell them apart, the
banks for "fintech"), each of them counts as a right first result. Kinds: wordform, typo, synonym, brand, client, kind-order, token,
suggest (a prefix for as-you-type suggestions), hidden (a hidden client's name: that case must
not be found at all)."""

QUERIES = """
kind-order|Online store development|Online store development|Online store for a fashion retailer;Online store for a sporting goods chain
kind-order|SEO audit|SEO audit|SEO audit for an online electronics store;SEO for a news portal
kind-order|Kubernetes migration|Kubernetes migration|Migration to Kubernetes for a logistics operator;Kubernetes platform for a regional bank
kind-order|Demand forecasting|Demand forecasting|Demand forecasting for a grocery chain;Demand forecasting for a pharmacy chain
kind-order|DevOps support|DevOps support|DevOps for an online cinema
kind-order|Security audit|Security audit|Penetration test for an insurer;Security review for a payments company
kind-order|Data warehouse and BI|Data warehouse and BI|Data warehouse for a distributor
kind-order|Chatbot development|Chatbot development|Chatbot for an insurance company;Chatbot for a university admissions office
kind-order|Mobile app development|Mobile app development|Mobile app for a clinic network;Loyalty app for a cosmetics chain
kind-order|UX research and design|UX research and design|UX research for a banking app;UX redesign of a school learning platform
kind-order|Machine learning consulting|Machine learning consulting|
kind-order|Shopify store setup|Shopify store setup|Shopify store for a coffee roaster;Shopify store for a bookshop
kind-order|Content marketing|Content marketing|Content marketing for a B2B software vendor
kind-order|who knows Kubernetes|Ivan Sokolov;Konstantin Belov|
kind-order|Maria Smirnova|Maria Smirnova|
kind-order|expert in machine learning|Maria Smirnova;Olga Novikova|
kind-order|privacy lawyer|Mikhail Fedorov|
kind-order|SEO specialist|Natalia Popova|
kind-order|Anna Kuznetsova|Anna Kuznetsova|
kind-order|Corporate website|Corporate website|Corporate website for a manufacturer;Website for a university
wordform|online stores|Online store development|Online store for a fashion retailer;Online store for a sporting goods chain
wordform|forecasting demands|Demand forecasting|Demand forecasting for a grocery chain;Demand forecasting for a pharmacy chain
wordform|chatbots|Chatbot development|Chatbot for an insurance company;Chatbot for a university admissions office
wordform|mobile apps|Mobile app development|Mobile app for a clinic network
wordform|security audits|Security audit|
wordform|migrating to Kubernetes|Kubernetes migration|Migration to Kubernetes for a logistics operator
wordform|marketplaces|Marketplace for building materials|
wordform|data warehouses|Data warehouse and BI|Data warehouse for a distributor
wordform|insurers|Java modernisation for an insurer;Penetration test for an insurer|
wordform|universities|Chatbot for a university admissions office;Website for a university|
wordform|clinics|Mobile app for a clinic network;Personal data compliance for a clinic|
wordform|dashboard|BI dashboards for a bank's finance team;Data warehouse and BI|
typo|Kubernetis|Kubernetes migration|
typo|chatbott|Chatbot development|
typo|forcasting|Demand forecasting|
typo|markteplace|Marketplace for building materials|
typo|secuirty audit|Security audit|
typo|loyality app|Loyalty app for a cosmetics chain|
typo|warehose|Data warehouse and BI|
typo|Shopfy|Shopify store setup|
synonym|ecommerce|Online store development|
synonym|webshop|Online store development|
synonym|machine learning|Machine learning consulting|Demand forecasting
synonym|fintech|Kubernetes platform for a regional bank;Security review for a payments company;BI dashboards for a bank's finance team;.NET platform for an equipment leasing company;UX research for a banking app|
brand|Shopify|Shopify store setup|Shopify store for a coffee roaster;Shopify store for a bookshop
brand|Power BI|Power BI for a retail chain;Data warehouse and BI|BI dashboards for a bank's finance team
brand|Wagtail|Website for a university;Corporate website|
brand|PostgreSQL|Data warehouse and BI;Data warehouse for a distributor;Power BI for a retail chain|
brand|Terraform|Cloud cost audit;Kubernetes migration;DevOps support|
client|Volgabank|Kubernetes platform for a regional bank|
client|Freshmart|Demand forecasting for a grocery chain|
client|Modaline|Online store for a fashion retailer|
client|Ural University|Chatbot for a university admissions office;Website for a university|
client|Bean Brothers|Shopify store for a coffee roaster|
client|pharmacy chain|Demand forecasting for a pharmacy chain|
client|electronics distributor|SEO audit for an online electronics store|
token|S/4HANA|SAP S/4HANA migration|SAP S/4HANA migration for a steel plant;SAP S/4HANA for a retail group
token|C#|Warehouse system in C# for a logistics company;Custom .NET development|
token|.NET|Custom .NET development|.NET platform for an equipment leasing company
token|1С:ERP|1С:ERP implementation|1С:ERP implementation at a furniture factory;1С:ERP for a food producer
token|Node.js|Node.js backend development|Node.js API for a delivery service
token|SAP S/4HANA migration|SAP S/4HANA migration|SAP S/4HANA migration for a steel plant
token|1C ERP|1С:ERP implementation|
suggest|Online st|Online store development|Online store for a fashion retailer
suggest|Kuber|Kubernetes migration|
suggest|Demand fore|Demand forecasting|
suggest|Chatb|Chatbot development|
suggest|Maria Sm|Maria Smirnova|
suggest|Shopi|Shopify store setup|
hidden|Electrosila||
hidden|Sportmaster Plus||
hidden|Quantum Pay||
hidden|Apteka Plus||
hidden|Neftekhim Orion||
hidden|Lentaplex||
hidden|Uralmash||
"""
