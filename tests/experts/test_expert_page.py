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
