#!/usr/bin/env bash
# Smoke test of the frozen app (make smoke): no Python on PATH, networking off
# (unshare -n when permitted), offscreen Qt. Runs the commands a PE relies on and
# times start-up of the frozen app against the same app from the virtual environment.
set -euo pipefail
APP_DIR=${1:?usage: smoke-test.sh build/frozen/pe-desktop}
APP="$(cd "$APP_DIR" && pwd)/pe-desktop"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
NET=()
if unshare -n true 2>/dev/null; then NET=("$(command -v unshare)" -n); echo "networking: off (unshare -n)"; else echo "note: unshare -n not permitted; network left on"; fi
# The data key as scripts give it (docs/architecture.md, "Data protection"): the GUI
# would otherwise ask for the secrets-file passphrase in a dialog. The secrets file
# (signing identity) is unlocked by its passphrase variable.
KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
ENVS=(HOME="$WORK/home" PATH="$WORK/nopython" QT_QPA_PLATFORM=offscreen LANG=C.UTF-8
      PE_DESKTOP_SECRET_STORE=file PE_DESKTOP_SECRETS_PASSPHRASE=smoke-test-passphrase
      PE_DESKTOP_DATA_KEY="$KEY")
run() { env -i "${ENVS[@]}" "${NET[@]}" "$APP" --data-dir "$WORK/data" "$@"; }
mkdir -p "$WORK/home" "$WORK/nopython"
if env -i PATH="$WORK/nopython" /bin/sh -c 'command -v python3 || command -v python' >/dev/null; then
  echo "error: python is on the smoke test's PATH" >&2; exit 1
fi
echo "== --version";          env -i PATH="$WORK/nopython" "${NET[@]}" "$APP" --version
echo "== demo";               run demo | tail -1
DB="$WORK/data/pe-desktop.sqlite"
echo "== encrypted database"
if head -c 16 "$DB" | grep -q "SQLite format 3"; then echo "error: $DB is plain SQLite" >&2; exit 1; fi
before=$(sha256sum "$DB")
if env -i "${ENVS[@]}" PE_DESKTOP_DATA_KEY="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" \
     "${NET[@]}" "$APP" --data-dir "$WORK/data" placements >/dev/null 2>"$WORK/locked.txt"; then
  echo "error: a wrong key opened the database" >&2; exit 1
fi
[ "$before" = "$(sha256sum "$DB")" ] || { echo "error: a refused opening changed the database" >&2; exit 1; }
echo "not plain SQLite; a wrong key is refused, file unchanged: $(head -c 100 "$WORK/locked.txt")"
echo "== pdf --kind final --sign (the first placement with an end of placement report)"
signed=""
for PID in $(run placements --json | "${PYTHON:-python3}" -c 'import json,sys; print(*[p["id"] for p in json.load(sys.stdin)])'); do
  if out=$(run pdf --placement "$PID" --kind final --out "$WORK/final.pdf" --sign 2>&1); then
    echo "placement $PID: $(echo "$out" | tail -1)"; signed=1; break
  fi
done
[ -n "$signed" ] || { echo "error: no signed final report: $out" >&2; exit 1; }
echo "== verify";             run verify "$WORK/final.pdf" | tail -1
if command -v pdfsig >/dev/null; then pdfsig "$WORK/final.pdf" | grep -m1 "Signature Validation"; fi
echo "== qa anonymise-text"
printf '{"people":[{"role":"student","name":"Zoë Brontë"}],"organisations":[],"places":[]}' > "$WORK/known.json"
out=$(echo "Zoë Brontë met the family at home." | run qa anonymise-text --known "$WORK/known.json")
echo "$out"
if echo "$out" | grep -q "Brontë"; then echo "error: the name was not anonymised" >&2; exit 1; fi

probe() {  # seconds from start to the populated dashboard; $1 = program, rest = args
  local t0 t1 out
  t0=$(date +%s.%N)
  out=$("$@")
  t1=$(date +%s.%N)
  echo "$out" | grep -q PE-DESKTOP-READY || { echo "error: no populated dashboard: $out" >&2; exit 1; }
  echo "$t1 - $t0" | bc
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
RUNS=${SMOKE_RUNS:-3}
echo "== start-up probe (populated dashboard)"
probe env -i "${ENVS[@]}" PE_DESKTOP_STARTUP_PROBE=1 "${NET[@]}" "$APP" --data-dir "$WORK/data" >/dev/null
echo "== a double-clicked file (pe-desktop FILE.peqa)"
echo '{}' > "$WORK/request.peqa"
probe env -i "${ENVS[@]}" PE_DESKTOP_STARTUP_PROBE=1 "${NET[@]}" "$APP" --data-dir "$WORK/data" "$WORK/request.peqa" >/dev/null
echo "opened with the file: dashboard shown"
frozen=(); venv=()
for _ in $(seq "$RUNS"); do
  frozen+=("$(probe env -i "${ENVS[@]}" PE_DESKTOP_STARTUP_PROBE=1 "${NET[@]}" "$APP" --data-dir "$WORK/data")")
  if [ -x .venv/bin/pe-desktop ]; then
    venv+=("$(probe env "${ENVS[@]:3}" HOME="$WORK/home" QT_QPA_PLATFORM=offscreen PE_DESKTOP_STARTUP_PROBE=1 \
      .venv/bin/pe-desktop --data-dir "$WORK/data")")
  fi
done
f=$(median "${frozen[@]}")
if [ ${#venv[@]} -gt 0 ]; then
  v=$(median "${venv[@]}")
  echo "start-up (median of $RUNS): frozen ${f}s [${frozen[*]}], venv ${v}s [${venv[*]}], ratio $(echo "scale=2; $f / $v" | bc)"
else
  echo "start-up (median of $RUNS): frozen ${f}s (no .venv/bin/pe-desktop to compare)"
fi
echo "smoke test passed"
