from experts.factories import CompetencyFactory, ExpertCompetencyFactory, ExpertPageFactory
from experts.models import Certificate, Publication


def test_expert_page_shows_competencies_certificates_publications_and_cases(client, portfolio):
    expert = portfolio.experts[0]
    Certificate.objects.create(expert=expert, title="CKA", issuer="CNCF", year=2023)
    Publication.objects.create(
        expert=expert, kind="talk", title="Clusters at scale", venue="HighLoad++"
    )

    html = client.get(expert.url).content.decode()

    assert "Kubernetes" in html and "Advanced" in html
    assert "CKA" in html and "CNCF" in html
    assert "Clusters at scale" in html and "HighLoad++" in html
    assert "Case 0" in html  # the case appears without editor work
    assert "Role: Tech lead" in html


def test_index_filters_by_competency(client, portfolio):
    python = CompetencyFactory(name="Python", slug="python")
    pythonista = ExpertPageFactory(parent=portfolio.tree.experts, title="Pythonista")
    ExpertCompetencyFactory(expert=pythonista, competency=python)

    html = client.get(portfolio.tree.experts.url, {"competency": "python"}).content.decode()
    assert "Pythonista" in html
    assert "Expert 0" not in html
    assert client.get(portfolio.tree.experts.url, {"competency": "<b>"}).status_code == 200


def test_a_long_career_shows_the_newest_cases_and_how_many_there_are(client, portfolio):
    from tests.builders import build_portfolio_more

    expert = portfolio.experts[0]
    build_portfolio_more(portfolio, None, extra=40)  # every third case is this expert's
    total = expert.case_roles.count()
    assert total > 12
    html = client.get(expert.url).content.decode()
    section = html.split('id="cases"', 1)[1].split("</section>", 1)[0]
    assert section.count("case-card") == 12
    assert f"The newest 12 of {total} cases." in section
