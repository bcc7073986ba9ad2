#!/bin/sh
# Installs (or removes) Tessera from this unpacked archive.
#
#   sudo ./install.sh                     into /usr/local
#   ./install.sh --prefix ~/.local        for one user (no root needed)
#   sudo ./install.sh --uninstall         removes what an install put there
#
# DESTDIR is honoured (staged installs). Files go to PREFIX/bin and PREFIX/share
# (applications, metainfo, icons, man page, bash/zsh/fish completions, licences).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=/usr/local
action=install
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --uninstall) action=uninstall; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
target="${DESTDIR:-}$prefix"

# Every file of the archive except the licences and this script, relative to it.
files=$(cd "$here" && find bin share -type f | sort)

if [ "$action" = uninstall ]; then
  for file in $files; do
    rm -f "$target/$file"
  done
  rm -rf "$target/share/licenses/tessera"
  echo "Removed Tessera from $target."
else
  for file in $files; do
    mode=644
    case "$file" in bin/*) mode=755 ;; esac
    mkdir -p "$(dirname "$target/$file")"
    cp "$here/$file" "$target/$file.tmp.$$"
    chmod "$mode" "$target/$file.tmp.$$"
    mv -f "$target/$file.tmp.$$" "$target/$file"
  done
  mkdir -p "$target/share/licenses/tessera"
  cp "$here/LICENSE-MIT" "$here/LICENSE-APACHE" "$here/LICENSE-lucide-icons" "$here/THIRD-PARTY-NOTICES.txt" "$target/share/licenses/tessera/"
  echo "Installed Tessera into $target. Run: $prefix/bin/tessera"
fi

# Refresh the desktop's caches when the tools are there (not for staged installs).
if [ -z "${DESTDIR:-}" ]; then
  command -v update-desktop-database >/dev/null 2>&1 &&
    update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 &&
    gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" 2>/dev/null || true
fi
exit 0
