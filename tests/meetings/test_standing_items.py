"""Each committee's standing items are data democratic services edits: a meeting scheduled
afterwards starts with them; those already scheduled keep theirs; bad input and other roles are
refused with nothing changed."""

from datetime import date

import pytest
from django.urls import reverse

from meetings.models import Committee, StandingItem
from meetings.standing_items import DEFAULT_STANDING_ITEMS
from shp.roles import Role
from tests.meetings.factories import scheduled_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, role_user):
    user = role_user(Role.DEMOCRATIC_SERVICES, username="the-clerk")
    client.force_login(user)
    return user


@pytest.fixture
def board(db):
    return Committee.objects.create(name="Flamingo Board", slug="flamingo-board")


def version(committee) -> int:
    return Committee.objects.get(pk=committee.pk).templates_version


def titles(committee):
    return list(committee.standing_items.order_by("position").values_list("title", flat=True))


def test_a_new_committee_starts_with_the_usual_items(board):
    assert titles(board) == [title for _, title, _ in DEFAULT_STANDING_ITEMS]


def test_edited_items_reach_the_next_meeting_only(client, editor, board):
    before = scheduled_meeting(board, day=date(2030, 6, 14), today=date(2030, 1, 2))
    url = reverse("meetings:standing-items", kwargs={"slug": board.slug})
    form = {"title": "Flamingo welfare update", "section": "information", "kind": "standing"}
    assert client.post(url, {**form, "read_version": version(board)}).status_code == 302
    urgent = board.standing_items.get(section="urgent")
    action = reverse("meetings:standing-item-action", kwargs={"slug": board.slug, "pk": urgent.pk})
    stale = client.post(action, {"action": "remove", "read_version": 1}, follow=True)
    assert "Someone changed Flamingo Board" in stale.content.decode()
    assert board.standing_items.filter(pk=urgent.pk).exists()
    assert (
        client.post(action, {"action": "remove", "read_version": version(board)}).status_code == 302
    )
    declarations = board.standing_items.get(section="declarations")
    action = reverse(
        "meetings:standing-item-action", kwargs={"slug": board.slug, "pk": declarations.pk}
    )
    client.post(action, {"action": "up", "read_version": version(board)})
    assert titles(board)[:2] == ["Declarations of interest by members", "Apologies for absence"]
    edit = reverse(
        "meetings:standing-item-edit", kwargs={"slug": board.slug, "pk": declarations.pk}
    )
    client.post(
        edit,
        {
            "title": "Declarations of interest",
            "section": "declarations",
            "kind": "standing",
            "read_version": version(board),
        },
    )
    after = scheduled_meeting(board, day=date(2030, 9, 13), today=date(2030, 1, 2))
    after_titles = [item.title for item in after.items.order_by("position")]
    assert "Flamingo welfare update" in after_titles
    assert "Declarations of interest" in after_titles
    assert not any("Any other business" in t for t in after_titles)
    before_titles = [item.title for item in before.items.order_by("position")]
    assert "Flamingo welfare update" not in before_titles
    assert any("Any other business" in t for t in before_titles)
    history = board.standing_items.get(title="Flamingo welfare update").history.first()
    assert history.history_user == editor


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"title": " ", "section": "information", "kind": "standing"}, "title", "Enter"),
        ({"title": "X", "section": "nowhere", "kind": "standing"}, "section", "Choose the part"),
        ({"title": "X", "section": "decision", "kind": "matters_arising"}, "section", "go with"),
        ({"title": "X" * 301, "section": "decision", "kind": "standing"}, "title", "at most 300"),
    ],
)
def test_bad_items_are_refused(client, editor, board, form, field, message):
    url = reverse("meetings:standing-items", kwargs={"slug": board.slug})
    response = client.post(url, {**form, "read_version": version(board)})
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert len(titles(board)) == len(DEFAULT_STANDING_ITEMS)


def test_the_first_item_cannot_move_up_and_another_committees_item_is_not_found(
    client, editor, board
):
    first = board.standing_items.order_by("position").first()
    url = reverse("meetings:standing-item-action", kwargs={"slug": board.slug, "pk": first.pk})
    page = client.post(
        url, {"action": "up", "read_version": version(board)}, follow=True
    ).content.decode()
    assert "cannot move that way" in page
    other = Committee.objects.create(name="Other Board", slug="other-board")
    wrong = reverse("meetings:standing-item-action", kwargs={"slug": other.slug, "pk": first.pk})
    assert client.post(wrong, {"action": "remove"}).status_code == 404
    assert StandingItem.objects.filter(pk=first.pk).exists()


@pytest.mark.parametrize("role", [Role.PERFORMANCE_LEAD, Role.MEMBER, Role.OFFICER])
def test_only_democratic_services_edit_standing_items(client, role_user, board, role):
    client.force_login(role_user(role))
    url = reverse("meetings:standing-items", kwargs={"slug": board.slug})
    form = {"title": "Hijack", "section": "information", "kind": "standing"}
    assert client.post(url, form).status_code == 403
    first = board.standing_items.first()
    action = reverse("meetings:standing-item-action", kwargs={"slug": board.slug, "pk": first.pk})
    assert client.post(action, {"action": "remove"}).status_code == 403
    assert len(titles(board)) == len(DEFAULT_STANDING_ITEMS)
