"""No lost update: a save from a stale page is refused for what changed meanwhile, with both
values; a blank box never deletes; clearing is explicit, with a reason, and keeps the history."""

import re

import pytest
from django.urls import reverse

from indicators import periods
from indicators.entry import entry_scope
from indicators.grid_state import FIELD
from indicators.models import Commentary, Figure
from indicators.services.entry import BoxInput, quarter_figures_save
from shp.models import Organisation
from shp.roles import Role

Q1 = periods.parse("2016/17 Q1")


@pytest.fixture
def police(catalogue):
    return Organisation.objects.get(slug="cleveland-police")


@pytest.fixture
def alice(role_user, police):
    user = role_user(Role.OFFICER, username="alice", organisation=police)
    user.first_name, user.last_name = "Alice", "Ames"
    user.save()
    return user


@pytest.fixture
def bob(role_user, police):
    user = role_user(Role.OFFICER, username="bob", organisation=police)
    user.first_name, user.last_name = "Bob", "Brown"
    user.save()
    return user


def grid_url(organisation):
    return reverse(
        "indicators:quarter-entry", kwargs={"quarter": Q1, "organisation": organisation.slug}
    )


def box(organisation, code, area_name="Hartlepool"):
    scope = entry_scope(organisation=organisation, quarter=Q1)
    indicator = next(i for i in scope.indicators if i.code == code)
    area = next(a for a in scope.areas if a.name == area_name)
    return f"b-{indicator.pk}-{area.pk}-{Q1.start:%Y%m}", indicator, area


def page_form(client, url) -> dict:
    """Every field of the grid as the browser would post it untouched."""
    page = client.get(url).content.decode()
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page))
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', page):
        fields[name] = text
    fields.pop("csrfmiddlewaretoken", None)
    fields["action"] = "save"
    return fields


def figure(indicator, area):
    return Figure.objects.filter(indicator=indicator, area=area, period__code=Q1.code).first()


def test_a_stale_save_is_refused_for_the_box_changed_meanwhile(client, alice, bob, police):
    url = grid_url(police)
    shop, shop_indicator, hartlepool = box(police, "SHOP")
    asb, asb_indicator, _ = box(police, "ASB")
    client.force_login(alice)
    alice_page = page_form(client, url)  # Alice opens the grid
    client.force_login(bob)
    bob_page = page_form(client, url)
    client.post(url, {**bob_page, f"{shop}-value": "15"})  # Bob saves first
    assert figure(shop_indicator, hartlepool).value == 15

    client.force_login(alice)
    response = client.post(url, {**alice_page, f"{shop}-value": "12", f"{asb}-value": "700"})
    assert response.status_code == 409
    text = response.content.decode()
    assert "Someone else saved these figures while you were editing: nothing was saved" in text
    assert "Bob Brown changed Hartlepool, Shoplifting, 2016/17 Q1 to 15" in text
    assert "you entered 12" in text
    assert figure(shop_indicator, hartlepool).value == 15  # Bob's value stands
    assert figure(asb_indicator, hartlepool) is None  # nothing of Alice's save was written
    # The box now shows Bob's value; Alice's other change is still in the form.
    assert f'id="{shop}-value" name="{shop}-value"' in text
    assert re.search(rf'name="{shop}-value"[^>]*value="15"', text)
    assert re.search(rf'name="{asb}-value"[^>]*value="700"', text)

    # Confirming (saving the re-shown form) keeps her other change and Bob's figure.
    again = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', text))
    again.pop("csrfmiddlewaretoken", None)
    again["action"] = "save"
    assert client.post(url, again).status_code == 302
    assert figure(asb_indicator, hartlepool).value == 700
    assert figure(shop_indicator, hartlepool).value == 15


def test_a_box_left_alone_on_a_stale_page_keeps_the_newer_figure(client, alice, bob, police):
    url = grid_url(police)
    shop, shop_indicator, hartlepool = box(police, "SHOP")
    asb, asb_indicator, _ = box(police, "ASB")
    client.force_login(alice)
    alice_page = page_form(client, url)  # every box empty
    client.force_login(bob)
    client.post(url, {**page_form(client, url), f"{shop}-value": "15"})
    client.force_login(alice)
    response = client.post(url, {**alice_page, f"{asb}-value": "700"})
    assert response.status_code == 302  # nothing she touched was changed by Bob
    assert figure(shop_indicator, hartlepool).value == 15  # her empty box deleted nothing
    assert figure(asb_indicator, hartlepool).value == 700


def test_a_stale_commentary_is_refused_with_both_texts(client, alice, bob, police):
    url = grid_url(police)
    _, shop_indicator, hartlepool = box(police, "SHOP")
    name = f"c-{shop_indicator.pk}-{hartlepool.pk}"
    client.force_login(alice)
    alice_page = page_form(client, url)
    client.force_login(bob)
    client.post(url, {**page_form(client, url), name: "Bob's reading of the quarter"})
    client.force_login(alice)
    response = client.post(url, {**alice_page, name: "Alice's reading"})
    assert response.status_code == 409
    text = response.content.decode()
    assert (
        "changed the commentary on Shoplifting in Hartlepool to Bob&#x27;s reading of the quarter"
        in text
    )
    assert "you entered Alice&#x27;s reading" in text
    assert Commentary.objects.get(indicator=shop_indicator).text == "Bob's reading of the quarter"


def test_a_tampered_read_state_is_treated_as_no_state(client, alice, police):
    url = grid_url(police)
    shop, shop_indicator, hartlepool = box(police, "SHOP")
    client.force_login(alice)
    form = page_form(client, url)
    form[FIELD] = form[FIELD][:-3] + "abc"
    assert client.post(url, {**form, f"{shop}-value": "9"}).status_code == 302
    assert figure(shop_indicator, hartlepool).value == 9


def test_blanking_a_saved_box_is_refused_and_deletes_nothing(client, alice, police):
    url = grid_url(police)
    shop, shop_indicator, hartlepool = box(police, "SHOP")
    client.force_login(alice)
    client.post(url, {**page_form(client, url), f"{shop}-value": "15"})
    form = page_form(client, url)
    response = client.post(url, {**form, f"{shop}-value": ""})
    assert response.status_code == 200
    assert "a blank box does not remove a figure" in response.content.decode()
    assert figure(shop_indicator, hartlepool).value == 15


def test_clearing_needs_a_reason_and_keeps_the_history(client, alice, police):
    url = grid_url(police)
    shop, shop_indicator, hartlepool = box(police, "SHOP")
    client.force_login(alice)
    client.post(url, {**page_form(client, url), f"{shop}-value": "15"})
    saved = figure(shop_indicator, hartlepool)
    history = reverse("indicators:figure-history", kwargs={"pk": saved.pk})
    clear = reverse("indicators:figure-clear", kwargs={"pk": saved.pk})
    assert "Clear this figure" in client.get(history).content.decode()
    client.post(clear, {"reason": ""})
    assert figure(shop_indicator, hartlepool) is not None  # no reason, nothing cleared
    client.post(clear, {"reason": "Entered against the wrong quarter"})
    assert figure(shop_indicator, hartlepool) is None
    page = client.get(history)
    assert page.status_code == 200
    text = page.content.decode()
    assert "This figure was cleared" in text
    assert "Cleared: Entered against the wrong quarter" in text
    assert "15" in text


def test_an_approved_figure_cannot_be_cleared(alice, police, role_user):
    from indicators.services.figures import figure_clear
    from shp.errors import ApplicationError

    scope = entry_scope(organisation=police, quarter=Q1)
    _, shop_indicator, hartlepool = box(police, "SHOP")
    key = (shop_indicator.pk, hartlepool.pk, Q1.code)
    quarter_figures_save(user=alice, scope=scope, inputs={key: BoxInput("15")})
    saved = figure(shop_indicator, hartlepool)
    from django.utils import timezone

    saved.approve(when=timezone.now())
    saved.save()
    with pytest.raises(ApplicationError, match="cannot be cleared"):
        figure_clear(figure=saved, user=role_user(Role.PERFORMANCE_LEAD), reason="Wrong")
    assert figure(shop_indicator, hartlepool) is not None


@pytest.mark.postgres  # the goal is PostgreSQL's: SQLite splits a bulk insert at 999 parameters
def test_a_156_box_save_takes_at_most_20_queries(alice, police, django_assert_max_num_queries):
    scope = entry_scope(organisation=police, quarter=Q1)
    boxes = scope.boxes()
    assert len(boxes) >= 150
    first = {(i.pk, a.pk, s.code): BoxInput(str(n % 50 + 1)) for n, (i, s, a) in enumerate(boxes)}
    with django_assert_max_num_queries(20):
        quarter_figures_save(user=alice, scope=scope, inputs=first)
    assert Figure.objects.filter(period__code=Q1.code).count() == len(boxes)
    changed = {k: BoxInput(str(int(v.value) + 1)) for k, v in first.items()}
    with django_assert_max_num_queries(20):
        quarter_figures_save(user=alice, scope=scope, inputs=changed)
    assert set(Figure.objects.filter(period__code=Q1.code).values_list("version", flat=True)) == {2}


def test_saving_a_revision_says_what_members_will_see(client, alice, police, role_user):
    from django.utils import timezone

    url = grid_url(police)
    shop, shop_indicator, hartlepool = box(police, "SHOP")
    client.force_login(alice)
    client.post(url, {**page_form(client, url), f"{shop}-value": "15"})
    saved = figure(shop_indicator, hartlepool)
    saved.approve(when=timezone.now())
    saved.save()
    response = client.post(url, {**page_form(client, url), f"{shop}-value": "16"}, follow=True)
    text = response.content.decode()
    assert "1 of them revises approved figures" in text
    assert "members and the public see the approved values" in text
    saved.refresh_from_db()
    assert (saved.value, saved.approved_value) == (16, 15)
