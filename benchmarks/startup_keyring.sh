#!/bin/bash
# Start-up with the data key read from a real Secret Service (gnome-keyring on a
# private D-Bus session), as for a user with a system keyring (issue 15: "keyring
# access included"). Needs dbus-launch and gnome-keyring-daemon.
#   bash benchmarks/startup_keyring.sh [DATASET-DIR]   (default /tmp/pe-bench-1x; RUNS=7)
# The dataset is copied, its key (PE_DESKTOP_DATA_KEY, default the benchmark key) stored
# in the keyring, and benchmarks.startup run with --key-source keyring.
set -e
SRC=${1:-/tmp/pe-bench-1x}
T=$(mktemp -d /tmp/pe-startup-keyring-XXXX); mkdir -p $T/home $T/run; chmod 700 $T/run
cleanup() {
  kill "$DBUS_SESSION_BUS_PID" 2>/dev/null || true
  pkill -f "gnome-keyring-daemon --unlock --components=secrets --daemonize" || true
  rm -rf "$T"
}
trap cleanup EXIT
export HOME=$T/home XDG_RUNTIME_DIR=$T/run XDG_DATA_HOME=$T/home/.local/share XDG_CONFIG_HOME=$T/home/.config
eval $(dbus-launch --sh-syntax)
echo -n "bench-keyring-password" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
sleep 1
V=${PYTHON:-python}
KEY=${PE_DESKTOP_DATA_KEY:-$(printf "6e%.0s" $(seq 32))}
unset PE_DESKTOP_DATA_KEY
D=$T/data; mkdir -p -m 700 $D
cp $SRC/pe-desktop.sqlite $D/
PYTHONPATH=. $V - "$D" "$KEY" <<'PY'
import sys
from pathlib import Path
from pe_desktop.paths import DataPaths
from pe_desktop.services.protection.keys import DataKeys, save_keys
from pe_desktop.services.secret_store import SecretStore
paths = DataPaths(Path(sys.argv[1]))
paths.keys.mkdir(parents=True, exist_ok=True, mode=0o700)
store = SecretStore.open(paths.keys, passphrase=None)
print("store:", store.kind, store.description)
save_keys(paths, store, DataKeys.decode(sys.argv[2]), recovery_pending=False)
PY
PYTHONPATH=. QT_QPA_PLATFORM=offscreen $V -m benchmarks.startup --data-dir $D --runs ${RUNS:-7} --key-source keyring --key $KEY
