import json

from django.core.management.base import BaseCommand

from etalase.payments import emv


class Command(BaseCommand):
    help = (
        "Validate an EMVCo merchant QR payload (QRIS, DuitNow, QR Ph, PromptPay, VietQR, SGQR, "
        "PayNow …): errors refuse it (exit status 1), warnings name tolerated departures."
    )

    def add_arguments(self, parser):
        parser.add_argument("payload")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        result = emv.parse(options["payload"])
        data = result.as_dict()
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        else:
            self.stdout.write(f"valid: {data['valid']}")
            for key in (
                "scheme",
                "merchant_name",
                "merchant_city",
                "country_code",
                "currency",
                "amount",
                "point_of_initiation",
            ):
                self.stdout.write(f"{key}: {data[key]}")
            for problem in data["errors"]:
                self.stdout.write(
                    f"error [{problem['tag']}] {problem['code']}: {problem['message']}"
                )
            for problem in data["warnings"]:
                self.stdout.write(
                    f"warning [{problem['tag']}] {problem['code']}: {problem['message']}"
                )
        if not result.valid:
            # Like a linter: the verdict is printed, and the exit status lets scripts branch.
            raise SystemExit(1)
