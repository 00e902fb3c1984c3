"""HS-code suggestion (issue 14): accuracy and time per name on the labelled set.

    .venv/bin/python bench/hs_suggest.py [--names tests/catalog/data/hs_suggest_names.csv]
                                         [--repeat 3]

Prints, for the labelled names (en, id, ms, fil; none of them a glossary term word for word):
top-1 and top-3 accuracy, and the time per name (median, p95, mean; wall and CPU) against the
budget (top-1 >= 80 %, top-3 >= 95 %, <= 20 ms per name). Beside them, two floors measured in
the same run on the same names:

* tokenisation only — the time every lookup pays before any matching;
* a bare dictionary lookup of the whole name among the glossary's terms — its time, and the
  accuracy the glossary alone reaches on wordings it was not written from.

Also printed, without a budget: accuracy on a second set of goods the glossary does not hold
(`--longtail`), where only the nomenclature's English texts and the word groups can answer.

The index is built once before timing (printed apart): a server builds it once per process.
No database is needed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup() -> None:
    os.environ.setdefault("ETALASE_DEV", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "etalase.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _per_name(run, names, repeat: int) -> tuple[list[float], float]:
    """Wall milliseconds per name (best of `repeat` per name) and CPU ms per name overall."""
    walls = []
    cpu0 = time.process_time()
    for named in names:
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            run(named)
            best = min(best, time.perf_counter() - t0)
        walls.append(best * 1000)
    cpu = (time.process_time() - cpu0) * 1000 / (len(names) * repeat)
    return walls, cpu


def _line(label: str, walls: list[float], cpu: float) -> str:
    p95 = statistics.quantiles(walls, n=20)[-1]
    return (f"{label:<34} median {statistics.median(walls):7.3f} ms  p95 {p95:7.3f} ms  "
            f"mean {statistics.fmean(walls):7.3f} ms  cpu {cpu:7.3f} ms/name")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--names", type=Path,
                        default=ROOT / "tests/catalog/data/hs_suggest_names.csv")
    parser.add_argument("--longtail", type=Path,
                        default=ROOT / "tests/catalog/data/hs_suggest_longtail.csv",
                        help="names of goods the glossary does not hold (informative)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    _setup()

    from etalase.catalog import glossary
    from etalase.catalog.hs_suggest import SuggestError, evaluation, suggest
    from etalase.catalog.hs_suggest.index import get_index
    from etalase.catalog.search.text import tokenize

    names = evaluation.load(args.names)
    t0 = time.perf_counter()
    index = get_index()
    build_s = time.perf_counter() - t0
    overlap = evaluation.glossary_overlap(names)

    per_language: dict[str, list] = {}
    for named in names:
        per_language.setdefault(named.language, []).append(named)
    result = evaluation.evaluate(names)

    def run_suggest(named):
        with contextlib.suppress(SuggestError):
            suggest(named.name, named.language)

    terms = {" ".join(tokenize(term)): entry.code for entry in glossary.entries()
             for _lang, term in entry.all_terms()}

    def run_dict(named):
        return terms.get(" ".join(tokenize(named.name)))

    def run_tokens(named):
        return tokenize(named.name)

    suggest_walls, suggest_cpu = _per_name(run_suggest, names, args.repeat)
    dict_walls, dict_cpu = _per_name(run_dict, names, args.repeat)
    token_walls, token_cpu = _per_name(run_tokens, names, args.repeat)
    dict_top1 = sum(run_dict(n) == n.code for n in names) / len(names)

    counts = ", ".join(f"{k} {len(v)}" for k, v in sorted(per_language.items()))
    print(f"labelled names: {len(names)} ({counts}); equal to a glossary term: {len(overlap)}")
    print(f"index: {len(index.phrases)} phrases, {len(glossary.entries())} glossary entries, "
          f"built in {build_s:.2f} s (once per process)")
    print()
    print(f"top-1 accuracy  {result.top1_share:6.1%}   (budget >= 80 %)")
    print(f"top-3 accuracy  {result.top3_share:6.1%}   (budget >= 95 %)")
    for language, group in sorted(per_language.items()):
        part = evaluation.evaluate(group)
        print(f"  {language:<4} top-1 {part.top1_share:6.1%}  top-3 {part.top3_share:6.1%}  "
              f"({part.total} names)")
    if args.longtail.exists():
        tail = evaluation.evaluate(evaluation.load(args.longtail))
        print(f"outside the glossary (nomenclature texts and word groups only, no budget): "
              f"top-1 {tail.top1_share:.1%}  top-3 {tail.top3_share:.1%}  ({tail.total} names)")
    print()
    print(_line("hs_suggest.suggest", suggest_walls, suggest_cpu) + "   (budget <= 20 ms)")
    print(_line("floor: bare glossary dict lookup", dict_walls, dict_cpu)
          + f"   top-1 {dict_top1:.1%}")
    print(_line("floor: tokenisation only", token_walls, token_cpu))
    if result.misses:
        print()
        print("not first:")
        for named, got in result.misses:
            print(f"  {named.code} [{named.language}] {named.name!r} -> {got}")


if __name__ == "__main__":
    main()
