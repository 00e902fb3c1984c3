"""The platform's units as UN/CEFACT Recommendation 20 common codes, for machines.

schema.org's `unitCode`, UBL/CII invoices and buyers' procurement systems expect these codes;
people keep reading the platform's own short units ("kg", "pc").

Source: UN/CEFACT Recommendation No. 20, Revision 17 (2021), Annexes II and III, as published
in github.com/uncefact/vocab-codes CLR/Rec20/current/ (commit afbf662, 2024-08-14; checked
2026-12-07). "box" and "pack" are no longer Rec 20 codes (BX and PK are marked deleted there:
"Use UN/ECE Recommendation 21"); Rec 20's introduction (Note 2, Revision 16) says to prefix a
Recommendation 21 package code with "X" to use it as a unit: Rec 21 BX "Box" -> XBX, PK
"Package" -> XPK (CLR/Rec21/current/code-list.csv, same commit).
"""

from __future__ import annotations

from etalase.catalog.models import Unit

REC20: dict[str, str] = {
    Unit.KG: "KGM",  # kilogram
    Unit.TONNE: "TNE",  # tonne (metric ton)
    Unit.PIECE: "H87",  # piece
    Unit.LITRE: "LTR",  # litre
    Unit.BOX: "XBX",  # box (Rec 21 BX)
    Unit.PACK: "XPK",  # package (Rec 21 PK)
    Unit.METRE: "MTR",  # metre
    Unit.SQM: "MTK",  # square metre
}


def unit_code(unit: str | None) -> str | None:
    """The Rec 20 common code of one of the platform's units; None for an unknown unit."""
    return REC20.get(unit or "")
