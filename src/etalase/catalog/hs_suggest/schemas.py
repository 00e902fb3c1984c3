"""API shapes of HS suggestion (the same object the `hs_suggest` command prints)."""

from ninja import Field, Schema

from etalase.catalog.hs_suggest import MAX_CHARS
from etalase.regions.schemas import LANG_DESCRIPTION, Language


class HSSuggestQuery(Schema):
    # No max_length here: the length is checked by hs_suggest.clean, whose 422 says it in
    # words (a 10 KB name gets "at most 200 characters", not a schema dump).
    q: str = Field(
        "",
        description=f"A product name in English, Indonesian, Malay or Filipino "
        f"(kopi robusta biji mentah, hipon na nagyelo), at most {MAX_CHARS} characters.",
    )
    lang: Language | None = Field(None, description=LANG_DESCRIPTION)


class HSSuggestionOut(Schema):
    code: str = Field(description="HS 2022 subheading, 6 digits.", pattern=r"^\d{6}$")
    label: str = Field(description="The subheading's name in the requested language where "
                       "one is known, else English, else the HS text.")
    score: float = Field(description="0 to 1: the share of the name the subheading explains.")
    matched: list[str] = Field(description="The words of the name that matched.")


class HSSuggestOut(Schema):
    suggestions: list[HSSuggestionOut] = Field(description="At most 5, best first.")


class HSSuggestErrorOut(Schema):
    detail: str = Field(description="What is wrong with the name, in the request's language.")
    code: str = Field(description="empty, too_long, markup, no_words or no_match.")
