"""bin/translations: what it writes back into the catalogues."""

import importlib.machinery
import importlib.util
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "bin" / "translations"

FUZZY_FROM_MSGMERGE = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

# A note a translator wrote.
#| msgid "Old wording"
#, fuzzy
msgid "New wording"
msgstr "Kata baru"
"""


def load_tool():
    loader = importlib.machinery.SourceFileLoader("etalase_translations_tool", str(TOOL))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_saving_drops_msgmerge_previous_msgids_but_keeps_translator_comments(tmp_path):
    tool = load_tool()
    tool.LOCALE = tmp_path
    po = tmp_path / "id" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(FUZZY_FROM_MSGMERGE, encoding="utf-8")

    tool.save("id", tool.load("id"))

    written = po.read_text(encoding="utf-8")
    assert "# A note a translator wrote." in written
    assert "Old wording" not in written
    assert 'msgstr "Kata baru"' in written
