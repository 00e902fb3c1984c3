"""The open data as a DCAT-AP catalogue, for national portals' harvesters (CKAN's ckanext-dcat
reads RDF/XML, Turtle and JSON-LD).

One dcat:Catalog; a dcat:Dataset per export (enterprises, products, figures per province,
per regency / city, per sector), each with three distributions: CSV, JSON, and the
Frictionless Data Package that describes the CSVs. Built as an rdflib graph and serialised
by rdflib. The properties DCAT-AP makes mandatory (catalogue: title, description, publisher,
dataset; dataset: title, description; distribution: accessURL) are there, and the
recommended ones a harvester maps to a portal's fields: contactPoint, publisher, license,
issued / modified, keyword, landingPage, theme, spatial, format, mediaType, downloadURL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from etalase.insights import opendata, opendata_schema

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
FILE_TYPE = Namespace(EU + "file-type/")
COUNTRY = Namespace(EU + "country/")
IANA = Namespace("https://www.iana.org/assignments/media-types/")
# The Publications Office's authority tables, as DCAT-AP asks (theme: economy and finance;
# frequency: updated continuously; spatial: the four BIMP-EAGA countries, ISO 3166 alpha-3).
THEME = URIRef(EU + "data-theme/ECON")
FREQUENCY = URIRef(EU + "frequency/UPDATE_CONT")
COUNTRIES = ("BRN", "IDN", "MYS", "PHL")
DATA_PACKAGE_SPEC = URIRef("https://specs.frictionlessdata.io/tabular-data-package/")
FORMATS = {
    # serialisation name for rdflib, media type
    "jsonld": ("json-ld", "application/ld+json"),
    "rdf": ("xml", "application/rdf+xml"),
    "ttl": ("turtle", "text/turtle"),
}
CONTEXT = {"dcat": str(DCAT), "dct": str(DCTERMS), "foaf": str(FOAF), "vcard": str(VCARD),
           "xsd": str(XSD)}


def _text(value: str) -> Literal:
    return Literal(value, lang=(get_language() or "en").split("-")[0])


def _when(value: dt.datetime | None) -> Literal:
    value = value or timezone.now()
    return Literal(value.astimezone(dt.UTC).replace(microsecond=0), datatype=XSD.dateTime)


def contact_email() -> str:
    """The address shown as contact point: OPEN_DATA_CONTACT_EMAIL, else the site's sender."""
    configured = getattr(settings, "OPEN_DATA_CONTACT_EMAIL", "") or settings.DEFAULT_FROM_EMAIL
    return parseaddr(configured)[1]


def catalogue(url_for: Callable[[str], str]) -> Graph:
    """The catalogue graph. `url_for(name)` gives the absolute URL of "page", "catalog",
    "datapackage", or "<dataset>.<csv|json>"."""
    graph = Graph()
    for prefix, namespace in CONTEXT.items():
        graph.bind(prefix, namespace)
    page = URIRef(url_for("page"))
    catalog = URIRef(url_for("catalog"))
    first, last = opendata_schema.dates()
    licence = URIRef(opendata.LICENCE["url"])

    publisher = URIRef(f"{page}#publisher")
    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(getattr(settings, "SITE_NAME", "Etalase"))))
    graph.add((publisher, FOAF.homepage, page))

    contact = URIRef(f"{page}#contact")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, _text(_("Etalase open data"))))
    graph.add((contact, VCARD.hasURL, page))
    if email := contact_email():
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{email}")))

    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, _text(_("Etalase open data: MSMEs of BIMP-EAGA"))))
    graph.add((catalog, DCTERMS.description, _text(_(
        "Figures on the micro, small and medium enterprises of Brunei, Indonesia, Malaysia "
        "and the Philippines registered on Etalase, and the records their owners agreed to "
        "publish. Small counts are withheld."))))
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, FOAF.homepage, page))
    graph.add((catalog, DCTERMS.license, licence))
    graph.add((catalog, DCTERMS.issued, _when(first)))
    graph.add((catalog, DCTERMS.modified, _when(last)))

    package = URIRef(f"{url_for('datapackage')}#distribution")
    graph.add((package, RDF.type, DCAT.Distribution))
    graph.add((package, DCTERMS.title, _text(_("Frictionless Data Package (all tables)"))))
    graph.add((package, DCAT.accessURL, URIRef(url_for("datapackage"))))
    graph.add((package, DCAT.downloadURL, URIRef(url_for("datapackage"))))
    graph.add((package, DCAT.mediaType, IANA["application/json"]))
    graph.add((package, DCTERMS.format, FILE_TYPE.JSON))
    graph.add((package, DCTERMS.conformsTo, DATA_PACKAGE_SPEC))
    graph.add((package, DCTERMS.license, licence))

    for name, (title, description) in opendata_schema.titles().items():
        resource = {"name": name, "title": title, "description": description}
        dataset = URIRef(f"{page}#{resource['name']}")
        graph.add((catalog, DCAT.dataset, dataset))
        graph.add((dataset, RDF.type, DCAT.Dataset))
        graph.add((dataset, DCTERMS.identifier, Literal(f"etalase-{resource['name']}")))
        graph.add((dataset, DCTERMS.title, _text(resource["title"])))
        graph.add((dataset, DCTERMS.description, _text(resource["description"])))
        graph.add((dataset, DCTERMS.publisher, publisher))
        graph.add((dataset, DCAT.contactPoint, contact))
        graph.add((dataset, DCTERMS.license, licence))
        graph.add((dataset, DCTERMS.issued, _when(first)))
        graph.add((dataset, DCTERMS.modified, _when(last)))
        graph.add((dataset, DCAT.landingPage, page))
        graph.add((dataset, DCAT.theme, THEME))
        graph.add((dataset, DCTERMS.accrualPeriodicity, FREQUENCY))
        for code in COUNTRIES:
            graph.add((dataset, DCTERMS.spatial, COUNTRY[code]))
        for word in ("MSME", "UMKM", "BIMP-EAGA", "ASEAN"):
            graph.add((dataset, DCAT.keyword, Literal(word)))
        graph.add((dataset, DCAT.distribution, package))
        for fmt, media, file_type in (("csv", "text/csv", FILE_TYPE.CSV),
                                      ("json", "application/json", FILE_TYPE.JSON)):
            url = URIRef(url_for(f"{resource['name']}.{fmt}"))
            distribution = URIRef(f"{url}#distribution")
            graph.add((dataset, DCAT.distribution, distribution))
            graph.add((distribution, RDF.type, DCAT.Distribution))
            graph.add((distribution, DCTERMS.title, _text(f"{resource['title']} ({fmt.upper()})")))
            graph.add((distribution, DCAT.accessURL, url))
            graph.add((distribution, DCAT.downloadURL, url))
            graph.add((distribution, DCAT.mediaType, IANA[media]))
            graph.add((distribution, DCTERMS.format, file_type))
            graph.add((distribution, DCTERMS.license, licence))
            if fmt == "csv":
                graph.add((distribution, DCTERMS.conformsTo, URIRef(
                    f"{url_for('datapackage')}#{resource['name']}")))
    return graph


def serialise(graph: Graph, fmt: str) -> str:
    name, _media = FORMATS[fmt]
    if fmt == "jsonld":
        return graph.serialize(format=name, context=CONTEXT, auto_compact=True)
    return graph.serialize(format=name)


def negotiate(accept: str) -> str:
    """The format an Accept header prefers among ours; RDF/XML when it names none (what
    harvesters read first)."""
    ranked = []
    for index, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = next((p[2:] for p in params if p.startswith("q=")), "1")
        try:
            weight = float(quality)
        except ValueError:
            weight = 0.0
        for fmt, (_name, known) in FORMATS.items():
            if media == known or (media == "application/json" and fmt == "jsonld"):
                ranked.append((-weight, index, fmt))
    return min(ranked)[2] if ranked and min(ranked)[0] < 0 else "rdf"

