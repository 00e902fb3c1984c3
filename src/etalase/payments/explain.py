"""What a QR finding means for the shop owner, in plain words.

emv.Problem messages are technical ("63: CRC mismatch: expected EAB9, found 0000") and right for
the API and the command line; an owner needs to know what happened and what to do. The pages
show the plain sentence once and fold the technical findings into a <details>.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from etalase.payments.emv import Problem

_DAMAGED = _(
    "This code's check digits do not match its content: it was damaged or copied incompletely. "
    "Paste the whole text of your code again, or upload a clear photo of it."
)
_BROKEN = _(
    "This text is not a complete payment QR code: part of it is missing or broken. Paste the "
    "whole text of your code, or upload a clear photo of it."
)
_NOT_PAYMENT = _(
    "This is not a payment QR code as wallets read it. Check that you copied your shop's "
    "payment QR, not another code."
)
_ASK_PROVIDER = _(
    "Wallets cannot pay this code: %(what)s. Ask your payment provider (bank or e-wallet) for "
    "a new code."
)
_WHAT = {
    "currency": _("it does not say its currency correctly"),
    "country": _("it does not say its country correctly"),
    "account": _("it names no account to pay into"),
    "amount": _("it carries an amount or fee that cannot be read"),
    "data": _("it contains data that wallets refuse"),
}
# (tag or None for any tag, code) -> a plain sentence, or a key of _WHAT.
_ERRORS: dict[tuple[str | None, str], Promise | str] = {
    ("63", "crc_mismatch"): _DAMAGED,
    ("63", "crc_not_last"): _DAMAGED,
    ("63", "missing_crc"): _BROKEN,
    (None, "truncated"): _BROKEN,
    (None, "non_numeric_length"): _BROKEN,
    (None, "bad_length"): _BROKEN,
    (None, "bad_tag"): _BROKEN,
    (None, "bad_template"): _BROKEN,
    (None, "empty"): _BROKEN,
    ("00", "invalid_format_indicator"): _NOT_PAYMENT,
    ("00", "missing_tag"): _NOT_PAYMENT,
    ("53", "missing_tag"): "currency",
    ("53", "invalid_currency"): "currency",
    ("58", "missing_tag"): "country",
    ("58", "invalid_country"): "country",
    (None, "missing_merchant_account"): "account",
    (None, "bad_amount"): "amount",
    (None, "tip_mismatch"): "amount",
    ("55", "invalid_value"): "amount",
    ("56", "missing_tag"): "amount",
    ("57", "missing_tag"): "amount",
}
_WARNINGS: dict[tuple[str | None, str], Promise] = {
    ("59", "missing_tag"): _(
        "Your code carries no shop name: payers' apps show the account holder's name instead. "
        "PromptPay and VietQR codes are issued this way, and wallets pay them."
    ),
    ("60", "missing_tag"): _(
        "Your code carries no city. PromptPay and VietQR codes are issued this way, and wallets "
        "pay them."
    ),
    ("52", "missing_tag"): _(
        "Your code names no business category; payers' statements may show none."
    ),
    ("52", "placeholder_mcc"): _(
        "Your code's business category is the placeholder 0000, as PayNow codes have it; "
        "payers' statements may show no category."
    ),
    ("52", "bad_mcc"): _(
        "Your code's business category is not in the standard 4-digit form; wallets still pay it."
    ),
    ("00", "unexpected_format_indicator"): _(
        "Your code is marked in DuitNow's own way (02) rather than the international way (01); "
        "wallets pay it."
    ),
    (None, "bad_length"): _(
        "A name or city in your code is longer than the standard allows; some apps may cut it "
        "short."
    ),
    (None, "non_ascii"): _(
        "Your code has letters outside the basic Latin alphabet; some apps may show them wrongly."
    ),
    ("54", "zero_amount"): _("Your code carries an amount of zero; payers type the amount."),
}
_OTHER_ERROR = _(
    "Wallets cannot pay this code. Ask your payment provider (bank or e-wallet) for a new code."
)
_OTHER_WARNING = _(
    "Your code departs from the international QR standard in a way wallets tolerate."
)


@dataclass(frozen=True)
class Finding:
    """One plain sentence for the owner and the technical findings behind it."""

    plain: str
    technical: tuple[str, ...]


def technical(problem: Problem) -> str:
    return f"{problem.tag}: {problem.message}" if problem.tag else problem.message


def _lookup(table: dict, problem: Problem) -> Promise | str | None:
    # A sub-tag ("62.05") is looked up as its root tag.
    root = problem.tag.split(".")[0] if problem.tag else None
    return table.get((root, problem.code)) or table.get((None, problem.code))


def plain_error(problems: Iterable[Problem]) -> Finding:
    """One sentence for a refused code: the first problem is the cause (emv.parse reports a
    broken structure alone), the rest are technical detail."""
    problems = list(problems)
    found = _lookup(_ERRORS, problems[0]) if problems else None
    if found in _WHAT:
        sentence = _ASK_PROVIDER % {"what": _WHAT[str(found)]}
    else:
        sentence = str(found or _OTHER_ERROR)
    return Finding(sentence, tuple(technical(p) for p in problems))


def plain_warnings(problems: Iterable[Problem]) -> list[Finding]:
    """One sentence per kind of warning, each with its technical findings; same words once."""
    grouped: dict[str, list[str]] = {}
    for problem in problems:
        grouped.setdefault(str(_lookup(_WARNINGS, problem) or _OTHER_WARNING), []).append(
            technical(problem)
        )
    return [Finding(plain, tuple(details)) for plain, details in grouped.items()]
