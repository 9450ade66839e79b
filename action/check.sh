#!/usr/bin/env bash
# One medlint run for the GitHub Action: annotations on standard output and, when asked,
# SARIF written to a file. Inputs arrive as environment variables and are never evaluated
# as shell: paths are one per line (a single line is split at spaces), extra arguments are
# split at spaces.
set -euo pipefail

paths=()
if [[ "${MEDLINT_PATHS:-}" == *$'\n'* ]]; then
  while IFS= read -r line; do
    [[ -n "${line//[[:space:]]/}" ]] && paths+=("$line")
  done <<< "$MEDLINT_PATHS"
else
  read -r -a paths <<< "${MEDLINT_PATHS:-}"
fi
[[ ${#paths[@]} -gt 0 ]] || paths=(.)

args=()
read -r -a args <<< "${MEDLINT_ARGS:-}"

since="${MEDLINT_CHANGED_SINCE:-auto}"
if [[ "$since" == auto ]]; then
  if [[ -n "${GITHUB_BASE_REF:-}" ]]; then
    # a pull request: judge the lines it changes against its base branch
    since="origin/$GITHUB_BASE_REF"
    if ! git rev-parse --verify --quiet "$since^{commit}" > /dev/null; then
      git fetch --no-tags --quiet origin \
        "+refs/heads/$GITHUB_BASE_REF:refs/remotes/origin/$GITHUB_BASE_REF" || true
    fi
  else
    since=""  # a push, a schedule or a manual run has no base branch: check every file
  fi
fi

extra=()
[[ -n "$since" ]] && extra+=(--changed-since "$since")
[[ -n "${MEDLINT_SARIF:-}" ]] && extra+=(--sarif "$MEDLINT_SARIF")

exec medlint check --format github ${extra[@]+"${extra[@]}"} ${args[@]+"${args[@]}"} \
  -- "${paths[@]}"
