"""The claim-strength classifier against labelled sentences: confusion matrix, per-class
precision and recall, macro-F1, and the direct-causal targets.

    python bench/claim_strength.py CORPUS [--show TRUE,PREDICTED] [--cues FILE]

CORPUS is a folder holding `sentences.jsonl` (or that file itself): one JSON object a line
with `text` and `strength` (0 no relationship, 1 correlational, 2 conditional causal,
3 direct causal). Targets: recall 0.80 on direct causal, at most 0.10 of no-relationship and
correlational sentences called direct causal, macro-F1 0.75.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from medlint.document.claim_strength import LEVEL_NAMES, classify, load_cues
from medlint.models import MedlintError

RECALL_TARGET = 0.80
FALSE_CAUSAL_LIMIT = 0.10
MACRO_F1_TARGET = 0.75


def _read(corpus: str) -> list[tuple[str, int]]:
    path = Path(corpus)
    if path.is_dir():
        path = path / "sentences.jsonl"
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                rows.append((str(row["text"]), int(row["strength"])))
            except (ValueError, KeyError, TypeError) as exc:
                raise MedlintError(f"{path}:{number}: not a labelled sentence ({exc})") from None
    return rows


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="folder with sentences.jsonl, or the file")
    parser.add_argument("--cues", default=None, help="cue file (default: the packaged one)")
    parser.add_argument("--show", default=None, metavar="TRUE,PREDICTED",
                        help="print the sentences of one cell of the matrix, as 3,1")
    args = parser.parse_args(argv)
    try:
        rows = _read(args.corpus)
        cues = load_cues(args.cues)
    except (OSError, MedlintError) as exc:
        print(f"claim_strength: {exc}", file=sys.stderr)
        return 2
    matrix = [[0] * 4 for _ in range(4)]
    show = tuple(int(x) for x in args.show.split(",")) if args.show else None
    for text, truth in rows:
        found = classify(text, cues)
        matrix[truth][found.level] += 1
        if show == (truth, found.level):
            print(f"[{found.cue}] {text}")

    print(f"{len(rows)} sentences; rows: labelled, columns: predicted")
    print(" " * 22 + "".join(f"{i:>7}" for i in range(4)))
    for i, row in enumerate(matrix):
        print(f"{i} {LEVEL_NAMES[i]:<20}" + "".join(f"{n:>7}" for n in row))
    f1s = []
    print(f"\n{'class':<22}{'precision':>10}{'recall':>8}{'F1':>7}{'n':>6}")
    for i in range(4):
        predicted = sum(matrix[t][i] for t in range(4))
        labelled = sum(matrix[i])
        precision = _ratio(matrix[i][i], predicted)
        recall = _ratio(matrix[i][i], labelled)
        f1 = _ratio(2 * precision * recall, precision + recall) if precision + recall else 0.0
        f1s.append(f1)
        print(f"{i} {LEVEL_NAMES[i]:<20}{precision:>10.3f}{recall:>8.3f}{f1:>7.3f}{labelled:>6}")
    macro = sum(f1s) / 4
    causal_recall = _ratio(matrix[3][3], sum(matrix[3]))
    false_causal = _ratio(matrix[0][3] + matrix[1][3], sum(matrix[0]) + sum(matrix[1]))
    accuracy = _ratio(sum(matrix[i][i] for i in range(4)), len(rows))
    print(f"\naccuracy {accuracy:.3f}   macro-F1 {macro:.3f} (target {MACRO_F1_TARGET})")
    print(f"direct causal recall {causal_recall:.3f} (target {RECALL_TARGET}); "
          f"no-relationship and correlational called direct causal {false_causal:.3f} "
          f"(limit {FALSE_CAUSAL_LIMIT})")
    met = (causal_recall >= RECALL_TARGET and false_causal <= FALSE_CAUSAL_LIMIT
           and macro >= MACRO_F1_TARGET)
    print("targets met" if met else "targets not met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
