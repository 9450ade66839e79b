"""The pattern layer: how a rule's regular expressions are compiled, kept and skipped.

- `compiled`: `Alternatives`, a rule's patterns as one alternation that knows its own filter;
  `for_document` gives the part that can match a document, or None (searched never).
- `needles`: literal strings a pattern cannot match without (`needles`), and the index that
  finds which of them a document holds in one Aho-Corasick pass (`NeedleIndex`).
- `superset`, `presence`: each pattern's looser twin, and the set that tells in one pass
  which twins match a document (one Hyperscan automaton, kept with the compiled patterns;
  RE2 for a twin too large for it; where neither loads, the needles alone, same findings).
- `tree`: the parsed form of a pattern both of them read.
- `state`: what the filters learned about one document (`DocumentFilter`), filled by the
  engine before any check runs; with `enabled` false every pattern is searched everywhere
  (`medlint check --no-prefilter`), which is how the suite proves the filters never change
  a finding.
- `store`: compiled patterns, needles and twins kept between runs in the user's cache folder.
"""
