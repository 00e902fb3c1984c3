"""`etalase hs_suggest "kopi robusta biji mentah" --lang id --format json`."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from etalase.catalog.hs_suggest import MAX_SUGGESTIONS, SuggestError, as_json, suggest
from etalase.catalog.hs_suggest.index import GLOSSARY_LANGUAGES


class Command(BaseCommand):
    help = (
        "Suggest HS 2022 subheadings for a product name in English, Indonesian, Malay or "
        "Filipino (offline: nomenclature texts, the project's names and the trade glossary)."
    )

    def add_arguments(self, parser):
        parser.add_argument("text", help="The product's name, as a seller would write it.")
        parser.add_argument("--lang", choices=GLOSSARY_LANGUAGES, default="en",
                            help="Language of the labels (default en).")
        parser.add_argument("--format", choices=("json", "text"), default="text")
        parser.add_argument("--limit", type=int, default=MAX_SUGGESTIONS,
                            choices=range(1, MAX_SUGGESTIONS + 1), metavar="1-5")

    def handle(self, *args, **options):
        with translation.override(options["lang"]):
            try:
                found = suggest(options["text"], options["lang"], limit=options["limit"])
            except SuggestError as exc:
                raise CommandError(f"{exc.code}: {exc.message}") from exc
        if options["format"] == "json":
            self.stdout.write(json.dumps(as_json(found), ensure_ascii=False))
            return
        for s in found:
            self.stdout.write(f"{s.code[:4]}.{s.code[4:]}  {s.score:.3f}  {s.label}  "
                              f"[{', '.join(s.matched)}]")
