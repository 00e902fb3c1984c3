"""Helpers shared by the page and browser tests: the project's message catalogues.

`make test` compiles the catalogues first; a bare `pytest` after editing a .po would
otherwise test stale .mo files, so `ensure_compiled` recompiles what is out of date.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "src" / "etalase" / "locale"
LANGUAGES = ("id", "ms", "fil")


def po_file(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def read_catalogue(language: str):
    with po_file(language).open("rb") as fh:
        return read_po(fh, locale=language, domain="django")


def ensure_compiled() -> None:
    compiled = False
    for language in LANGUAGES:
        po = po_file(language)
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        catalog = read_catalogue(language)
        # Write beside the target and rename: parallel workers never read half a file.
        fd, tmp = tempfile.mkstemp(dir=mo.parent, suffix=".mo.tmp")
        with os.fdopen(fd, "wb") as fh:
            write_mo(fh, catalog)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a .mo is as public as its .po
        os.replace(tmp, mo)
        compiled = True
    if compiled:
        # Django caches catalogues per process; drop them so the new .mo files are read.
        # (What Django's own setting_changed handler does for LOCALE_PATHS.)
        from asgiref.local import Local
        from django.utils.translation import trans_real

        trans_real._translations = {}
        trans_real._active = Local()
        trans_real._default = None
        for name in ("check_for_language", "get_languages", "get_supported_language_variant"):
            clear = getattr(getattr(trans_real, name, None), "cache_clear", None)
            if clear is not None:
                clear()
