"""The landing page: languages, public-only figures, provinces, roles panel, navigation."""

import re

import pytest
from django.conf import settings
from django.test import RequestFactory

from etalase.accounts.models import Role
from etalase.enterprises.models import Consent
from etalase.web import context_processors, views
from etalase.web.context_processors import OFFICIALS, SIGNED_IN, NavEntry
from tests.factories import buyer, make_enterprise, make_product, make_user, officer_of, secretariat

# What the page says in each language: (home link, sign-in link, heading, Indonesia's name).
EXPECTED = {
    "en": ("Home", "Sign in", "Products of the region's small businesses", "Indonesia"),
    "id": ("Beranda", "Masuk", "Produk usaha kecil di kawasan ini", "Indonesia"),
    "ms": ("Laman utama", "Log masuk", "Produk perniagaan kecil di rantau ini", "Indonesia"),
    "fil": ("Tahanan", "Mag-sign in", "Mga produkto ng maliliit na negosyo ng rehiyon",
            "Indonesia"),
}
PHILIPPINES = {"en": "Philippines", "id": "Filipina", "ms": "Filipina", "fil": "Pilipinas"}


def get_home(client, language: str = "en"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/")
    assert response.status_code == 200
    return response, response.content.decode()


def figure(html: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}">([^<]*)<', html)
    assert match, f"figure {name} missing"
    return match.group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_home_renders_in_each_language(client, language):
    home, sign_in, heading, indonesia = EXPECTED[language]
    _, html = get_home(client, language)
    assert f'<html lang="{language}">' in html
    assert f">{home}</a>" in html
    assert f">{sign_in}</a>" in html
    assert f">{heading}</h1>" in html
    assert f">{indonesia}</h3>" in html
    assert f">{PHILIPPINES[language]}</h3>" in html
    # The switcher offers every language under its own name.
    for name in ("English", "Bahasa Indonesia", "Bahasa Melayu", "Filipino"):
        assert f">{name}</option>" in html


@pytest.mark.django_db
def test_home_counts_only_public_enterprises_and_products(client):
    public = make_enterprise("ID-SA")
    make_product(public)
    make_product(public, is_published=False)  # a draft product of a public enterprise
    hidden = make_enterprise("ID-SA", is_published=False)
    make_product(hidden)
    unconsented = make_enterprise("MY-12", consent=Consent.PENDING)
    make_product(unconsented)

    _, html = get_home(client)

    assert figure(html, "enterprises") == "1"
    assert figure(html, "products") == "1"
    # The province list counts the public enterprise only; Sabah's unconsented one is hidden.
    assert re.search(r">Sulawesi Utara</a> <span class=\"count\"[^>]*>1</span>", html)
    assert not re.search(r">Sabah</a> <span class=\"count\"", html)


@pytest.mark.django_db
def test_home_figures_use_the_readers_number_format(client):
    for _ in range(3):
        make_enterprise("ID-SA")
    _, html = get_home(client, "id")
    assert figure(html, "enterprises") == "3"
    # 55 focus provinces in four countries (Philippine regions are represented by provinces).
    assert figure(html, "countries") == "4"
    assert int(figure(html, "provinces")) >= 50


@pytest.mark.django_db
def test_provinces_are_grouped_by_country_at_province_level(client):
    _, html = get_home(client)
    sections = re.findall(r'<h3 id="country-(\w\w)">', html)
    assert sorted(sections) == ["BN", "ID", "MY", "PH"]
    philippines = html.split('id="country-PH"')[1].split("</section>")[0]
    assert ">Palawan</a>" in philippines and ">Zamboanga del Sur</a>" in philippines
    # A Philippine region is a container of provinces, not a row of its own.
    assert "Zamboanga Peninsula" not in philippines
    malaysia = html.split('id="country-MY"')[1].split("</section>")[0]
    assert ">Sabah</a>" in malaysia and ">Sarawak</a>" in malaysia
    assert "Johor" not in malaysia  # not a focus area
    brunei = html.split('id="country-BN"')[1].split("</section>")[0]
    assert ">Belait</a>" in brunei


@pytest.mark.django_db
def test_province_links_and_search_box_target_the_gallery(client):
    _, html = get_home(client)
    gallery = context_processors.resolve("catalog:gallery") or "/gallery/"
    assert f'action="{gallery}"' in html
    assert 'name="q"' in html
    assert f'href="{views.province_link("ID-SA")}"' in html


def test_province_link_prefers_the_province_page(monkeypatch):
    monkeypatch.setattr(views, "reverse", lambda name, args: f"/province-page/{args[0]}/")
    assert views.province_link("ID-SA") == "/province-page/ID-SA/"

    def no_such_page(name, *args, **kwargs):
        from django.urls import NoReverseMatch

        raise NoReverseMatch(name)

    monkeypatch.setattr(views, "reverse", no_such_page)
    monkeypatch.setattr(views, "resolve", lambda name: None)
    assert views.province_link("PH-ZAS") == "/gallery/?subdivision=PH-ZAS"


@pytest.mark.django_db
def test_anonymous_visitor_sees_no_roles_panel(client):
    _, html = get_home(client)
    assert 'data-testid="roles"' not in html
    assert "Sign out" not in html


@pytest.mark.django_db
def test_signed_in_user_sees_its_roles_and_scope(client):
    user = officer_of("ID-SA", full_name="Rina Officer")
    client.force_login(user)
    _, html = get_home(client)
    panel = html.split('data-testid="roles"')[1].split("</section>")[0]
    assert "Rina Officer" in panel
    assert "Provincial officer" in panel
    assert "Sulawesi Utara (ID-SA)" in panel
    assert 'action="/accounts/logout/"' in html and "Sign out" in html


@pytest.mark.django_db
def test_roles_panel_in_indonesian(client):
    client.force_login(buyer(full_name="Budi"))
    _, html = get_home(client, "id")
    assert "Peran Anda" in html and "Pembeli" in html and "Keluar" in html


@pytest.mark.django_db
def test_user_without_roles_is_told_so(client):
    client.force_login(make_user())
    _, html = get_home(client)
    assert "You hold no role yet" in html


@pytest.mark.django_db
def test_user_name_is_escaped(client):
    client.force_login(make_user(full_name='<script>alert("x")</script>'))
    _, html = get_home(client)
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_hostile_query_string_and_path_are_escaped(client):
    response = client.get('/?q="><script>x</script>')
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>x</script>" not in html


@pytest.mark.django_db
def test_home_needs_few_queries(client, django_assert_max_num_queries):
    make_product()
    with django_assert_max_num_queries(6):
        get_home(client)


@pytest.mark.django_db
def test_language_switch_without_javascript(client):
    response = client.post("/i18n/setlang/", {"language": "ms", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ms"
    html = client.get("/").content.decode()
    assert '<html lang="ms">' in html and ">Log masuk</a>" in html


@pytest.mark.django_db
def test_language_switch_refuses_an_offsite_next(client):
    response = client.post("/i18n/setlang/", {"language": "id", "next": "https://evil.test/"})
    assert response.status_code == 302
    assert "evil.test" not in response["Location"]


@pytest.mark.django_db
def test_page_loads_nothing_from_other_hosts(client):
    _, html = get_home(client)
    assert re.findall(r'(?:src|href)="(?:https?:)?//', html) == []
    assert 'src="/static/etalase/htmx.min.js"' not in html  # only where hx- is used (issue 18)


# --- Navigation -------------------------------------------------------------


def nav_for(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return [item["label"] for item in context_processors.nav_items(request)]


@pytest.fixture
def fake_navigation(monkeypatch):
    monkeypatch.setattr(context_processors, "NAVIGATION", (
        NavEntry("web:home", "Everyone"),
        NavEntry("no_such_app:page", "Missing"),
        NavEntry("web:home", "Members", SIGNED_IN),
        NavEntry("web:home", "Officials", OFFICIALS),
    ))


@pytest.mark.django_db
def test_navigation_hides_unregistered_urls_and_follows_audience(fake_navigation):
    from django.contrib.auth.models import AnonymousUser

    assert nav_for(AnonymousUser()) == ["Everyone"]
    assert nav_for(buyer()) == ["Everyone", "Members"]
    assert nav_for(officer_of("ID-SA")) == ["Everyone", "Members", "Officials"]
    assert nav_for(secretariat()) == ["Everyone", "Members", "Officials"]


@pytest.mark.django_db
def test_navigation_lists_each_real_entry_whose_url_exists(client):
    client.force_login(secretariat())
    _, html = get_home(client)
    nav = html.split('class="wrap main-nav"')[1].split("</nav>")[0]
    for entry in context_processors.NAVIGATION:
        url = context_processors.resolve(entry.url_name)
        assert (f'href="{url}"' in nav) == (url is not None), entry.url_name
    assert 'href="/" aria-current="page"' in nav


def test_every_role_is_known_to_the_navigation_audiences():
    # Guard: a new role must be thought about here (officials see office pages).
    assert set(Role.values) == {"msme_owner", "buyer", "officer", "focal_point", "secretariat"}
