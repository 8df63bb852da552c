"""The set-up screen refuses a muddled pipeline.

Two stages for one proposal milestone, a closing stage as a milestone, or acceptance before
sending: the form says why and the pipeline stays as it was.
"""

from leads.models import Pipeline
from tests.leads.pipelines import pipeline_form, project_pipeline


def milestones(pipeline) -> dict[str, str]:
    return dict(
        pipeline.stages.exclude(proposal_milestone="").values_list("proposal_milestone", "name")
    )


def test_setup_screen_refuses_two_sent_stages_and_a_lost_one(client, manager):
    pipeline = project_pipeline()
    before = milestones(pipeline)
    assert before == {"sent": "Proposal sent", "accepted": "Contract negotiation"}
    client.force_login(manager)

    url, data, stages = pipeline_form(client, pipeline)
    data[stages["Meeting / diagnostics"] + "proposal_milestone"] = "sent"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Only one stage of a pipeline can be where deals go when" in response.content.decode()
    assert milestones(pipeline) == before

    url, data, stages = pipeline_form(client, pipeline)
    data[stages["Contract negotiation"] + "proposal_milestone"] = ""
    data[stages["Lost"] + "proposal_milestone"] = "accepted"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "A lost stage cannot be where deals go when" in response.content.decode()
    assert milestones(pipeline) == before

    url, data, stages = pipeline_form(client, pipeline)
    data[stages["Contract negotiation"] + "proposal_milestone"] = ""
    data[stages["Contract signed"] + "proposal_milestone"] = "accepted"
    assert client.post(url, data).status_code == 302
    assert milestones(pipeline) == {"sent": "Proposal sent", "accepted": "Contract signed"}


def test_setup_screen_refuses_a_sent_proposal_winning_or_losing_the_deal(client, manager):
    """ "Proposal is sent" on "Won" would close the deal as won at its estimate on sending."""
    pipeline = Pipeline.objects.get(name="B2B sale")
    before = milestones(pipeline)
    client.force_login(manager)
    for closing in ("Won", "Lost"):
        url, data, stages = pipeline_form(client, pipeline)
        data[stages["Proposal sent"] + "proposal_milestone"] = ""
        data[stages[closing] + "proposal_milestone"] = "sent"
        data[stages["Won"] + "proposal_milestone"] = "sent" if closing == "Won" else ""
        response = client.post(url, data)
        assert response.status_code == 200
        html = response.content.decode()
        expected = {"Won": "A won stage cannot be where deals go when", "Lost": "A lost stage"}
        assert expected[closing] in html
        assert milestones(pipeline) == before


def test_setup_screen_refuses_acceptance_before_sending(client, manager):
    pipeline = project_pipeline()
    before = milestones(pipeline)
    client.force_login(manager)
    url, data, stages = pipeline_form(client, pipeline)
    data[stages["Contract negotiation"] + "proposal_milestone"] = ""
    data[stages["Qualified"] + "proposal_milestone"] = "accepted"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "must come after the stage for" in response.content.decode()
    assert milestones(pipeline) == before

    # moving the accepted stage above the sent one by reordering the rows is refused too
    url, data, stages = pipeline_form(client, pipeline)
    sent_order = data[stages["Proposal sent"] + "ORDER"]
    data[stages["Proposal sent"] + "ORDER"] = data[stages["Contract negotiation"] + "ORDER"]
    data[stages["Contract negotiation"] + "ORDER"] = sent_order
    response = client.post(url, data)
    assert response.status_code == 200
    assert "must come after the stage for" in response.content.decode()
    assert list(pipeline.stages.order_by("sort_order").values_list("name", flat=True)).index(
        "Proposal sent"
    ) < list(pipeline.stages.order_by("sort_order").values_list("name", flat=True)).index(
        "Contract negotiation"
    )
