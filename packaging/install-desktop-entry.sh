#!/bin/sh
# Adds PE Desktop to your applications menu and lets its files (.pepkg, .peqa,
# .peinvite) open it with a double-click, for you only (no administrator rights).
# Run it from the unpacked folder: ./install-desktop-entry.sh  (--remove undoes it).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
APPS="$DATA/applications"; MIME="$DATA/mime"; ICONS="$DATA/icons/hicolor"
if [ "${1:-}" = "--remove" ]; then
  rm -f "$APPS/pe-desktop.desktop" "$MIME/packages/pe-desktop-mime.xml" \
        "$DATA/metainfo/uk.pedesktop.PEDesktop.metainfo.xml"
  for f in "$ICONS"/*/apps/pe-desktop.png "$ICONS/scalable/apps/pe-desktop.svg"; do rm -f "$f"; done
else
  mkdir -p "$APPS" "$MIME/packages" "$DATA/metainfo" "$ICONS/scalable/apps"
  # Exec= points at this folder's program (quoted: the path may hold spaces).
  sed "s|^Exec=pe-desktop|Exec=\"$HERE/pe-desktop\"|" "$HERE/share/pe-desktop.desktop" \
    > "$APPS/pe-desktop.desktop"
  cp "$HERE/share/pe-desktop-mime.xml" "$MIME/packages/"
  cp "$HERE/share/uk.pedesktop.PEDesktop.metainfo.xml" "$DATA/metainfo/"
  cp "$HERE/share/icons/pe-desktop.svg" "$ICONS/scalable/apps/"
  for png in "$HERE"/share/icons/pe-desktop-*.png; do
    size=$(basename "$png" .png | sed 's/pe-desktop-//')
    mkdir -p "$ICONS/${size}x${size}/apps"
    cp "$png" "$ICONS/${size}x${size}/apps/pe-desktop.png"
  done
fi
command -v update-mime-database >/dev/null && update-mime-database "$MIME" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$APPS" || true
echo "PE Desktop ${1:+removed from}${1:-added to} your applications menu ($APPS)."
