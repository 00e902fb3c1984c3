"""The DCAT-AP catalogue: parsed back with rdflib from each serialisation, with the properties
DCAT-AP makes mandatory and those CKAN's ckanext-dcat harvester maps to a portal's fields."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rdflib import Graph, URIRef
from rdflib import namespace as ns

from etalase.insights import dcat, opendata
from tests.factories import make_enterprise, make_product

pytestmark = [
    pytest.mark.django_db,
    # rdflib's own JSON-LD parser still builds a ConjunctiveGraph.
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]
SERIALISATIONS = {"rdf": "xml", "jsonld": "json-ld", "ttl": "turtle"}


@pytest.fixture
def registry():
    for name in ("Koperasi Kakao Minahasa", "Kedai Kuih Tradisional", "Sari-sari ng Bukidnon"):
        make_product(make_enterprise("ID-SA", trade_name=name, open_data_consent=True))


def _graph(client, fmt: str, **headers) -> Graph:
    response = client.get(reverse("insights:open_data_catalog_as", args=[fmt]), **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(dcat.FORMATS[fmt][1])
    graph = Graph()
    graph.parse(data=response.content.decode(), format=SERIALISATIONS[fmt])
    return graph


def _one(graph: Graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert values, f"{subject} has no {predicate}"
    return values[0]


@pytest.mark.parametrize("fmt", list(SERIALISATIONS))
def test_the_catalogue_has_what_dcat_ap_requires(registry, client, fmt):
    graph = _graph(client, fmt)
    catalogs = list(graph.subjects(ns.RDF.type, ns.DCAT.Catalog))
    assert len(catalogs) == 1
    catalog = catalogs[0]
    for predicate in (ns.DCTERMS.title, ns.DCTERMS.description, ns.DCTERMS.publisher,
                      ns.DCTERMS.license, ns.DCTERMS.issued, ns.DCTERMS.modified,
                      ns.FOAF.homepage):
        _one(graph, catalog, predicate)
    publisher = _one(graph, catalog, ns.DCTERMS.publisher)
    assert (publisher, ns.RDF.type, ns.FOAF.Agent) in graph
    assert _one(graph, publisher, ns.FOAF.name)
    datasets = set(graph.objects(catalog, ns.DCAT.dataset))
    assert {str(_one(graph, d, ns.DCTERMS.identifier)) for d in datasets} == {
        f"etalase-{name}" for name in opendata.DATASETS}
    for dataset in datasets:
        assert (dataset, ns.RDF.type, ns.DCAT.Dataset) in graph
        for predicate in (ns.DCTERMS.title, ns.DCTERMS.description, ns.DCTERMS.publisher,
                          ns.DCAT.contactPoint, ns.DCTERMS.license, ns.DCTERMS.issued,
                          ns.DCTERMS.modified, ns.DCAT.keyword, ns.DCAT.landingPage, ns.DCAT.theme,
                          ns.DCTERMS.spatial):
            _one(graph, dataset, predicate)
        contact = _one(graph, dataset, ns.DCAT.contactPoint)
        assert _one(graph, contact, dcat.VCARD.fn)
        assert str(_one(graph, contact, dcat.VCARD.hasEmail)).startswith("mailto:")
        assert _one(graph, dataset, ns.DCTERMS.license) == URIRef(
            "https://creativecommons.org/licenses/by/4.0/")
        formats = set()
        for distribution in graph.objects(dataset, ns.DCAT.distribution):
            assert (distribution, ns.RDF.type, ns.DCAT.Distribution) in graph
            access = _one(graph, distribution, ns.DCAT.accessURL)
            assert str(access).startswith("http://testserver/insights/open-data/")
            _one(graph, distribution, ns.DCTERMS.title)
            _one(graph, distribution, ns.DCTERMS.license)
            formats.add(str(_one(graph, distribution, ns.DCAT.mediaType)).rsplit("/", 2)[-2:][1])
        assert formats == {"csv", "json"}  # the CSV, the JSON and the Data Package (JSON)
        assert len(list(graph.objects(dataset, ns.DCAT.distribution))) == 3


def test_the_catalogue_links_files_that_are_served(registry, client):
    graph = _graph(client, "rdf")
    urls = {str(u) for u in graph.objects(None, ns.DCAT.downloadURL)}
    assert len(urls) == 2 * len(opendata.DATASETS) + 1
    for url in urls:
        path = url.removeprefix("http://testserver")
        response = client.get(path)
        assert response.status_code == 200, path


def test_content_negotiation_and_the_page_links(registry, client):
    url = reverse("insights:open_data_catalog")
    as_jsonld = client.get(url, HTTP_ACCEPT="application/ld+json")
    assert as_jsonld["Content-Type"].startswith("application/ld+json")
    assert "Accept" in as_jsonld["Vary"].split(", ")
    as_turtle = client.get(url, HTTP_ACCEPT="text/html;q=0.9, text/turtle")
    assert as_turtle["Content-Type"].startswith("text/turtle")
    for accept in ("", "*/*", "text/html", "application/rdf+xml;q=abc, <script>"):
        assert client.get(url, HTTP_ACCEPT=accept)["Content-Type"].startswith(
            "application/rdf+xml")
    page = client.get(reverse("insights:open_data")).content.decode()
    assert 'rel="alternate" type="application/rdf+xml"' in page
    assert reverse("insights:open_data_catalog_as", args=["jsonld"]) in page
    assert reverse("insights:open_data_package") in page


def test_unknown_catalogue_formats_are_not_found(client):
    assert client.get("/insights/open-data/catalog.exe").status_code == 404
    assert client.post(reverse("insights:open_data_catalog")).status_code == 405


def test_the_catalogue_speaks_the_readers_language(registry, client):
    client.cookies["etalase_language"] = "id"
    graph = _graph(client, "ttl")
    catalog = next(graph.subjects(ns.RDF.type, ns.DCAT.Catalog))
    assert _one(graph, catalog, ns.DCTERMS.title).language == "id"
