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
if unshare -n true 2>/dev/null; then NET=(unshare -n); else echo "note: unshare -n not permitted; network left on"; fi
run() {
  env -i HOME="$WORK/home" PATH="$WORK/nopython" QT_QPA_PLATFORM=offscreen \
    PE_DESKTOP_SECRETS_PASSPHRASE=smoke-test-passphrase LANG=C.UTF-8 \
    "${NET[@]}" "$APP" --data-dir "$WORK/data" "$@"
}
mkdir -p "$WORK/home" "$WORK/nopython"
echo "== --version";          env -i PATH="$WORK/nopython" "${NET[@]}" "$APP" --version
echo "== demo";               run demo | tail -1
PID=$(run placements --json | "${PYTHON:-python3}" -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
echo "== pdf --kind final --sign (placement $PID)"
run pdf --placement "$PID" --kind final --out "$WORK/final.pdf" --sign | tail -1
echo "== verify";             run verify "$WORK/final.pdf" | tail -1
if command -v pdfsig >/dev/null; then pdfsig "$WORK/final.pdf" | grep -m1 "Signature Validation"; fi
if run qa --help >/dev/null 2>&1; then
  echo "== qa anonymise-text"
  printf '{"people":[{"role":"student","name":"Zoë Brontë"}],"organisations":[],"places":[]}' > "$WORK/known.json"
  echo "Zoë Brontë met the family at home." | run qa anonymise-text --known "$WORK/known.json"
fi
echo "== start-up probe (populated dashboard)"
t0=$(date +%s.%N)
env -i HOME="$WORK/home" PATH="$WORK/nopython" QT_QPA_PLATFORM=offscreen PE_DESKTOP_STARTUP_PROBE=1 \
  PE_DESKTOP_SECRETS_PASSPHRASE=smoke-test-passphrase "${NET[@]}" "$APP" --data-dir "$WORK/data"
t1=$(date +%s.%N)
frozen=$(echo "$t1 - $t0" | bc)
if [ -x .venv/bin/pe-desktop ]; then
  t0=$(date +%s.%N)
  env QT_QPA_PLATFORM=offscreen PE_DESKTOP_STARTUP_PROBE=1 PE_DESKTOP_SECRETS_PASSPHRASE=smoke-test-passphrase \
    .venv/bin/pe-desktop --data-dir "$WORK/data"
  t1=$(date +%s.%N)
  venv=$(echo "$t1 - $t0" | bc)
  echo "start-up: frozen ${frozen}s, venv ${venv}s, ratio $(echo "scale=2; $frozen / $venv" | bc)"
else
  echo "start-up: frozen ${frozen}s"
fi
echo "smoke test passed"
