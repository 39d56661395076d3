"""Self-evaluation: rounds, anonymous answers, distribution only from three answers."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, inspect, select

from observe.extensions import db
from observe.insights.selfeval.models import (
    SelfEvalAnswer,
    SelfEvalParticipation,
    SelfEvalRound,
)


@pytest.fixture
def members(world, f):
    dan = f.user(name="Dan Dyhr", teams=[world.team], email="dan@example.dk")
    dan.language = "en"
    db.session.commit()
    return [world.alice, world.bo, world.carl, dan]


def _open(client, team_id, title="Efterår"):
    response = client.post(f"/insights/teams/{team_id}/self-evaluation",
                           data={"title": title})
    assert response.status_code == 302, response.data[:500]
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _statements(rnd_id):
    return db.session.get(SelfEvalRound, rnd_id).statements


def _answer(client, rnd_id, values: dict, comments: dict | None = None):
    data = {f"s{k}": v for k, v in values.items()}
    data.update({f"c{k}": v for k, v in (comments or {}).items()})
    return client.post(f"/insights/self-evaluation/{rnd_id}/answers", data=data)


def test_answers_are_stored_without_a_person(app):
    columns = {c["name"] for c in inspect(db.engine).get_columns("selfeval_answers")}
    assert columns == {"id", "round_statement_id", "value", "comment"}


def test_round_with_two_answers_shows_no_distribution(world, as_user, members):
    alice = as_user(world.alice)
    rnd = _open(alice, world.team.id)
    first = _statements(rnd)[0]
    assert len(_statements(rnd)) == 12 and "hinandens praksis" in " ".join(
        s.text for s in _statements(rnd))
    assert _answer(alice, rnd, {first.id: 4}, {first.id: "Alice-kommentar"}).status_code == 302
    assert _answer(as_user(world.bo), rnd, {first.id: 1}).status_code == 302
    page = alice.get(f"/insights/self-evaluation/{rnd}").get_data(as_text=True)
    assert "2 of 4 members have answered." in page
    assert "Alice-kommentar" not in page
    assert alice.post(f"/insights/self-evaluation/{rnd}/close").status_code == 302
    page = alice.get(f"/insights/self-evaluation/{rnd}").get_data(as_text=True)
    assert "Too few answers to show" in page
    assert "Alice-kommentar" not in page  # comments follow the same minimum
    csv = alice.get(f"/insights/self-evaluation/{rnd}/results.csv").data.decode("utf-8-sig")
    line = next(row for row in csv.splitlines() if first.text in row)
    assert line.split(";")[2:] == ["2", "", "", "", "", "", ""]


def test_three_answers_show_the_distribution_never_who(world, as_user, members):
    alice = as_user(world.alice)
    rnd = _open(alice, world.team.id)
    first, second = _statements(rnd)[:2]
    answers = {world.alice: 4, world.bo: 3, world.carl: 3}
    for user, value in answers.items():
        response = _answer(as_user(user), rnd, {first.id: value, second.id: 2},
                           {first.id: f"Tanke fra {user.name.split()[0]}"})
        assert response.status_code == 302
    # The answer sheet is never shown again; the value is not on the page.
    again = alice.get(f"/insights/self-evaluation/{rnd}").get_data(as_text=True)
    assert "You have answered" in again and "checked" not in again
    # No distribution while the round is open (it would change as each person answers).
    assert alice.get(f"/insights/self-evaluation/{rnd}/results.csv").status_code == 404
    assert "Distribution per statement" not in again
    alice.post(f"/insights/self-evaluation/{rnd}/close")
    page = as_user(world.carl).get(f"/insights/self-evaluation/{rnd}").get_data(as_text=True)
    row = page.split(f'id="s{first.statement_id}"', 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r'class="dist-bar dist-(\d)">(\d+)<', row)
    assert cells == [("1", "0"), ("2", "0"), ("3", "2"), ("4", "1")]
    for name in ("Alice Ås", "Bo Bæk", "Carl Ørum"):
        assert name not in page.split("<main", 1)[1]
    # Comments appear without value, alphabetically (not in the order given).
    comments = re.findall(r"<li>(Tanke fra \w+)</li>", page)
    assert comments == sorted(comments, key=str.casefold) and len(comments) == 3
    csv = alice.get(f"/insights/self-evaluation/{rnd}/results.csv").data.decode("utf-8-sig")
    assert csv.splitlines()[1].split(";")[2:7] == ["3", "0", "0", "2", "1"]
    for name in ("Alice", "Bo Bæk", "Carl"):
        assert name not in csv


def test_answer_once_and_only_while_open(world, as_user, members):
    alice = as_user(world.alice)
    rnd = _open(alice, world.team.id)
    first = _statements(rnd)[0]
    _answer(alice, rnd, {first.id: 3})
    again = _answer(alice, rnd, {first.id: 1})
    assert again.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(SelfEvalAnswer)) == 1
    assert _answer(alice, rnd, {first.id: 9}).status_code == 303  # still refused: answered
    bo = as_user(world.bo)
    bad = _answer(bo, rnd, {first.id: 9})
    assert bad.status_code == 422
    assert _answer(bo, rnd, {}).status_code == 422
    assert db.session.scalar(select(func.count()).select_from(SelfEvalParticipation)) == 1
    alice.post(f"/insights/self-evaluation/{rnd}/close")
    assert _answer(bo, rnd, {first.id: 2}).status_code == 303
    assert db.session.scalar(select(func.count()).select_from(SelfEvalAnswer)) == 1


def test_only_facilitator_closes_and_one_open_round(world, as_user, members):
    alice = as_user(world.alice)
    rnd = _open(alice, world.team.id)
    assert as_user(world.bo).post(f"/insights/self-evaluation/{rnd}/close").status_code == 403
    second = alice.post(f"/insights/teams/{world.team.id}/self-evaluation",
                        data={"title": "Igen"})
    assert second.status_code == 302 and second.headers["Location"].endswith(
        "/self-evaluation")
    assert db.session.scalar(select(func.count()).select_from(SelfEvalRound)) == 1


def test_non_member_gets_404(world, as_user, members):
    rnd = _open(as_user(world.alice), world.team.id)
    for user in (world.dora, world.leader, world.admin):
        client = as_user(user)
        assert client.get(f"/insights/self-evaluation/{rnd}").status_code == 404
        assert client.get(f"/insights/teams/{world.team.id}/self-evaluation").status_code == 404
        first = _statements(rnd)[0]
        assert _answer(client, rnd, {first.id: 4}).status_code == 404


def test_later_round_shows_trend_and_links_points(world, as_user, members):
    from observe.meetings.models import DevelopmentPoint

    alice = as_user(world.alice)
    clients = [as_user(u) for u in members[:3]]
    means = []
    for values in ((2, 2, 2), (4, 4, 3)):
        rnd = _open(alice, world.team.id)
        first = _statements(rnd)[0]
        for client, value in zip(clients, values, strict=True):
            _answer(client, rnd, {first.id: value})
        alice.post(f"/insights/self-evaluation/{rnd}/close")
        means.append(rnd)
    page = alice.get(f"/insights/self-evaluation/{means[1]}").get_data(as_text=True)
    assert "Earlier round" in page and "3.7" in page and "2.0 ↑" in page
    point = db.session.scalar(select(DevelopmentPoint).where(
        DevelopmentPoint.status == "open"))
    first = _statements(means[1])[0]
    response = alice.post(f"/insights/self-evaluation/{means[1]}/links",
                          data={"point_id": point.id, "statement_id": first.statement_id})
    assert response.status_code == 302
    page = alice.get(f"/insights/self-evaluation/{means[1]}").get_data(as_text=True)
    assert "Development point: Vent fem sekunder" in page


def test_admin_edits_statements_staff_cannot(world, as_user):
    admin = as_user(world.admin)
    page = admin.get("/insights/statements")
    assert page.status_code == 200 and "Jeg kan sige det, når jeg er i tvivl." in page.get_data(
        as_text=True)
    response = admin.post("/insights/statements", data={
        "new-characteristic": "trust", "new-text": "Vi griner sammen på stuen."})
    assert response.status_code == 302
    assert "Vi griner sammen" in admin.get("/insights/statements").get_data(as_text=True)
    bad = admin.post("/insights/statements", data={"new-characteristic": "nope",
                                                    "new-text": ""})
    assert bad.status_code == 422
    assert as_user(world.alice).get("/insights/statements").status_code == 403


def test_school_gets_school_statements(f, as_user):
    school = f.institution("Skovbrynet Skole", kind="school")
    team = f.team("2.a", institution=school)
    teacher = f.user(institution=school, teams=[team])
    client = as_user(teacher)
    rnd = _open(client, team.id)
    texts = " ".join(s.text for s in _statements(rnd))
    assert "undervisning" in texts


def test_insights_api_never_mentions_self_evaluation(world, as_user, members):
    alice = as_user(world.alice)
    rnd = _open(alice, world.team.id)
    _answer(alice, rnd, {_statements(rnd)[0].id: 1}, {_statements(rnd)[0].id: "hemmelig"})
    body = alice.get(f"/api/v1/insights/teams/{world.team.id}").get_data(as_text=True)
    assert "hemmelig" not in body and "selfeval" not in body
