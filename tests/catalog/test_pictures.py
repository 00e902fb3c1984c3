"""Cards without a photo show their HS chapter's drawing; demo products get drawn pictures."""

from __future__ import annotations

import io
import re

import pytest
from defusedxml import ElementTree
from django.core.management import call_command
from PIL import Image

from etalase.catalog import illustrations, images, links
from etalase.catalog.models import ProductImage
from etalase.catalog.presenters import cards_for_ids, product_card
from etalase.demo import pictures
from tests.factories import make_enterprise, make_product

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(("code", "drawing"), [
    ("030389", "fish"), ("090111", "spices"), ("121221", "seaweed"), ("140120", "rattan"),
    ("460219", "rattan"), ("180100", "cocoa"), ("520812", "textile"), ("630790", "textile"),
    ("440799", "wood"), ("711319", "jewellery"), ("940360", "furniture"), ("970110", "art"),
    ("0801", "fruit"), ("330129", "essential-oil"), ("210390", "sauce"),
    ("640399", "generic"), ("490199", "generic"), ("", "generic"), (None, "generic"),
    ("<script>", "generic"),
])
def test_each_chapter_has_its_drawing(code, drawing):
    assert illustrations.drawing_of(code) == drawing


@pytest.mark.parametrize("drawing", illustrations.DRAWINGS)
def test_the_drawings_are_small_self_contained_svg(drawing):
    data = (pictures.CHAPTERS / f"{drawing}.svg").read_bytes()
    assert len(data) < 1200  # light: a few shapes
    root = ElementTree.fromstring(data)
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == "0 0 160 120"
    tags = {element.tag.removeprefix(SVG) for element in root.iter()} - {"svg"}
    assert tags <= {"rect", "circle", "ellipse", "polygon", "polyline", "line"}
    # Nothing that runs or loads from elsewhere.
    assert not re.search(rb"script|href|url\(|on\w+=|http(?!://www\.w3\.org/2000/svg)", data)


@pytest.mark.django_db
def test_a_card_without_a_photo_shows_its_chapter_drawing(client):
    enterprise = make_enterprise("ID-NT", legal_name="CV Tenun Sumba")
    product = make_product(enterprise, name="Kain tenun ikat Sumba", hs_code_id="520812")
    card = product_card(product, "id")
    assert card.image_url == "" and card.illustration.endswith("catalog/chapters/textile.svg")
    assert cards_for_ids([product.pk], "id")[0].illustration == card.illustration
    html = client.get(links.storefront_url(enterprise)).content.decode()
    assert f'<img class="noimg" src="{card.illustration}" alt=""' in html
    assert client.get(card.illustration).status_code == 200


@pytest.mark.parametrize(("size", "expected"), [
    ((1600, 1200), "480w"), ((1200, 1600), "360w"), ((400, 300), None), ((1, 1600), None)])
def test_srcset_names_the_thumbnails_real_width(size, expected):
    srcset = images.srcset("/media/a.webp", "/media/a-thumb.webp", *size)
    if expected is None:
        assert srcset == ""  # no smaller variant than the photo itself
    else:
        assert srcset == f"/media/a-thumb.webp {expected}, /media/a.webp {size[0]}w"
    assert images.srcset("", "/media/t.webp", *size) == ""


@pytest.mark.parametrize("name", ["Kain tenun ikat Sumba", "Hinabing T'nalak na tela",
                                  "<script>alert(1)</script>" * 20, "", "咖啡"])
def test_a_drawn_picture_is_webp_with_its_thumbnail(name):
    picture, thumbnail = pictures.picture_files(7, "520812", name)
    with Image.open(io.BytesIO(picture.read())) as big:
        assert big.format == "WEBP" and big.size == (pictures.WIDTH, pictures.HEIGHT)
        assert not big.getexif()
    with Image.open(io.BytesIO(thumbnail.read())) as small:
        assert small.size == (images.THUMB_SIDE, 360)


def test_the_name_changes_the_colour_not_the_drawing():
    a = pictures.draw("fish", "Ikan tuna beku")
    b = pictures.draw("fish", "Ikan cakalang asap")
    assert a.getpixel((4, 4)) != b.getpixel((4, 4))
    assert a.getpixel((4, 4)) == pictures.draw("fish", "Ikan tuna beku").getpixel((4, 4))


@pytest.mark.django_db
def test_the_demo_seed_gives_part_of_its_products_a_picture(client):
    call_command("seed_demo", "--enterprises", "6", "--products", "30", stdout=io.StringIO())
    pictured = ProductImage.objects.select_related("product")
    assert 0 < pictured.count() < 30
    image = pictured.first()
    assert image.image.name.endswith(".webp") and image.thumbnail.name.endswith(".webp")
    response = client.get(image.thumbnail.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    card = product_card(image.product, "en")
    assert card.image_url == image.thumbnail.url and card.illustration == ""
