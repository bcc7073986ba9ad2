#!/usr/bin/env bash
# Builds Tessera's Linux packages: a .deb, an .rpm and a .tar.gz with install.sh.
#
#   bash packaging/build.sh                   release build, packages in target/dist/
#   bash packaging/build.sh --binary PATH     package an existing binary instead of building
#   bash packaging/build.sh --out DIR         write the packages (and the staged trees) to DIR
#   bash packaging/build.sh --fast            gzip -1 instead of xz (the test suite's packages)
#
# The release binary is built once (`cargo build --release --locked`); everything
# else comes from it or from packaging/linux/: the manual page and the shell
# completions from the binary's own clap definition (`tessera generate-assets`),
# the PNG icons rendered from the SVG with rsvg-convert. The .deb is assembled
# with dpkg-deb and its Depends come from dpkg-shlibdeps; the .rpm is built by
# rpmbuild from a generated spec, whose Requires rpm derives from the binary's
# ELF dependencies. packaging/README.md explains the choices.
#
# Needs (Debian): dpkg-dev, rpm, librsvg2-bin, gzip, tar, binutils (strip),
# python3 and cargo (packaging/notices.py reads `cargo metadata`).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

binary=""
out="$root/target/dist"
fast=""
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary=$(realpath "$2"); shift 2 ;;
    --out) mkdir -p "$2"; out=$(realpath "$2"); shift 2 ;;
    --fast) fast=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

for tool in dpkg-deb dpkg-shlibdeps rpmbuild rsvg-convert strip gzip tar python3 cargo; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "build.sh: '$tool' is missing. On Debian: apt-get install dpkg-dev rpm librsvg2-bin binutils" >&2
    exit 1
  fi
done

say() { printf '==> %s\n' "$*"; }

if [ -z "$binary" ]; then
  say "cargo build --release"
  cargo build --release --locked --bin tessera
  binary="$root/target/release/tessera"
fi

id=app.tessera.Tessera
version=$("$binary" --version | awk '{print $2}')
arch_deb=$(dpkg --print-architecture)
arch_rpm=$(uname -m)
# Reproducible timestamps: the last commit's, unless the caller pins one.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

# xz is what distributions ship; it takes most of this script's time, so the
# test suite (which checks contents, not sizes) asks for gzip -1.
if [ -n "$fast" ]; then
  deb_compression=(-Zgzip -z1) rpm_payload=w1.gzdio tar_gzip=-1
else
  deb_compression=(-Zxz) rpm_payload=w6.xzdio tar_gzip=-9
fi

work="$out/work"
rm -rf "$work"
mkdir -p "$work" "$out"

# --- The files every package installs, under a prefix ------------------------
# stage PREFIX_DIR ZSH_DIR: bin/, share/ as the packages want them.
generated="$work/generated"
mkdir -p "$generated"
"$binary" generate-assets "$generated" >/dev/null
gzip -9n <"$generated/tessera.1" >"$generated/tessera.1.gz"
# The notices of the crates linked into the binary (packaging/notices.py).
python3 packaging/notices.py "$generated/THIRD-PARTY-NOTICES.txt"

stage() {
  local dest=$1 zsh_dir=$2
  install -Dm755 "$binary" "$dest/bin/tessera"
  strip --strip-all --remove-section=.comment "$dest/bin/tessera"
  install -Dm644 packaging/linux/$id.desktop "$dest/share/applications/$id.desktop"
  install -Dm644 packaging/linux/$id.metainfo.xml "$dest/share/metainfo/$id.metainfo.xml"
  install -Dm644 packaging/linux/$id.svg "$dest/share/icons/hicolor/scalable/apps/$id.svg"
  local size
  for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$dest/share/icons/hicolor/${size}x${size}/apps"
    rsvg-convert -w "$size" -h "$size" packaging/linux/$id.svg \
      -o "$dest/share/icons/hicolor/${size}x${size}/apps/$id.png"
    chmod 644 "$dest/share/icons/hicolor/${size}x${size}/apps/$id.png"
  done
  install -Dm644 "$generated/tessera.1.gz" "$dest/share/man/man1/tessera.1.gz"
  install -Dm644 "$generated/tessera.bash" "$dest/share/bash-completion/completions/tessera"
  install -Dm644 "$generated/_tessera" "$dest/share/$zsh_dir/_tessera"
  install -Dm644 "$generated/tessera.fish" "$dest/share/fish/vendor_completions.d/tessera.fish"
}

# --- .deb ----------------------------------------------------------------------
say "tessera_${version}_${arch_deb}.deb"
deb="$work/deb"
# Debian's zsh looks in vendor-completions; Fedora's (and the tarball's) in site-functions.
stage "$deb/usr" zsh/vendor-completions
doc="$deb/usr/share/doc/tessera"
mkdir -p "$doc"
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: tessera"
  echo "Source: https://example.invalid/tessera"
  echo "Comment: The Rust crates linked into /usr/bin/tessera, with their licences"
  echo " and notices: /usr/share/doc/tessera/third-party-notices.txt.gz"
  echo
  echo "Files: *"
  echo "Copyright: 2026 The Tessera authors"
  echo "License: MIT or Apache-2.0"
  echo
  echo "License: MIT"
  sed -e 's/^$/./' -e 's/^/ /' LICENSE-MIT | tail -n +2
  echo
  echo "License: Apache-2.0"
  echo " On Debian systems, the full text of the Apache License, Version 2.0"
  echo " can be found in the file /usr/share/common-licenses/Apache-2.0."
  echo
  # The header's symbols are Lucide icons embedded in the binary (ISC, and MIT
  # for those derived from Feather): their notice goes with every copy.
  echo "Files: resources/icons/lucide.tsv"
  echo "Copyright: Lucide Icons and Contributors; 2013-present Cole Bemis"
  echo "License: ISC and MIT"
  sed -e 's/^$/./' -e 's/^/ /' resources/icons/lucide-LICENSE
} >"$doc/copyright"
{
  echo "tessera ($version) unstable; urgency=medium"
  echo
  echo "  * Release $version (packaged by packaging/build.sh)."
  echo
  echo " -- The Tessera authors <tessera@example.invalid>  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$doc/changelog.gz"
gzip -9n <"$generated/THIRD-PARTY-NOTICES.txt" >"$doc/third-party-notices.txt.gz"
chmod 644 "$doc/copyright" "$doc/changelog.gz" "$doc/third-party-notices.txt.gz"

# Depends: exactly the shared libraries the binary links, as dpkg-shlibdeps maps them.
shlib="$work/shlibdeps"
mkdir -p "$shlib/debian"
printf 'Source: tessera\n\nPackage: tessera\nArchitecture: any\n' >"$shlib/debian/control"
depends=$(cd "$shlib" && dpkg-shlibdeps -O "$deb/usr/bin/tessera" 2>/dev/null |
  sed -n 's/^shlibs:Depends=//p')
if [ -z "$depends" ]; then
  echo "build.sh: dpkg-shlibdeps found no dependencies for the binary" >&2
  exit 1
fi
mkdir -p "$deb/DEBIAN"
installed_size=$(du -sk --exclude=DEBIAN "$deb" | cut -f1)
cat >"$deb/DEBIAN/control" <<EOF
Package: tessera
Version: $version
Architecture: $arch_deb
Maintainer: The Tessera authors <tessera@example.invalid>
Installed-Size: $installed_size
Depends: $depends
Section: utils
Priority: optional
Homepage: https://example.invalid/tessera
Description: desktop two-factor authenticator
 Tessera keeps the secret keys behind your accounts' six-digit codes (TOTP,
 HOTP and Steam Guard) in an encrypted vault and shows the current code for
 each. Accounts come from QR codes (dropped, pasted or scanned from the
 screen), setup keys, or other authenticators' exports. A command line on
 the same core serves scripts.
EOF
(cd "$deb" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$deb/DEBIAN/md5sums"
chmod 644 "$deb/DEBIAN/control" "$deb/DEBIAN/md5sums"
find "$deb" -type d -exec chmod 755 {} +
deb_file="$out/tessera_${version}_${arch_deb}.deb"
dpkg-deb --root-owner-group "${deb_compression[@]}" --build "$deb" "$deb_file" >/dev/null

# --- .rpm ----------------------------------------------------------------------
say "tessera-${version}-1.${arch_rpm}.rpm"
rpm_stage="$work/rpm-root"
stage "$rpm_stage/usr" zsh/site-functions
install -Dm644 LICENSE-MIT "$rpm_stage/usr/share/licenses/tessera/LICENSE-MIT"
install -Dm644 LICENSE-APACHE "$rpm_stage/usr/share/licenses/tessera/LICENSE-APACHE"
install -Dm644 resources/icons/lucide-LICENSE "$rpm_stage/usr/share/licenses/tessera/LICENSE-lucide-icons"
install -Dm644 "$generated/THIRD-PARTY-NOTICES.txt" "$rpm_stage/usr/share/licenses/tessera/THIRD-PARTY-NOTICES.txt"
spec="$work/tessera.spec"
{
  cat <<EOF
Name:           tessera
Version:        $version
Release:        1
Summary:        Desktop two-factor authenticator
License:        MIT OR Apache-2.0
URL:            https://example.invalid/tessera

%description
Tessera keeps the secret keys behind your accounts' six-digit codes (TOTP,
HOTP and Steam Guard) in an encrypted vault and shows the current code for
each. Accounts come from QR codes (dropped, pasted or scanned from the
screen), setup keys, or other authenticators' exports. A command line on
the same core serves scripts.

%install
cp -a "$rpm_stage/." "%{buildroot}/"

%files
EOF
  (cd "$rpm_stage" && find . -type f | sort | sed 's|^\.||') | while read -r path; do
    case "$path" in
      /usr/share/licenses/*) echo "%license $path" ;;
      /usr/share/man/*) echo "%doc $path" ;;
      *) echo "$path" ;;
    esac
  done
} >"$spec"
rpmbuild -bb --quiet \
  --define "_topdir $work/rpmbuild" \
  --define "_rpmdir $out" \
  --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" \
  --define "__strip /bin/true" \
  --define "debug_package %{nil}" \
  --define "__brp_strip /bin/true" \
  --define "_binary_payload $rpm_payload" \
  --define "_build_id_links none" \
  --define "use_source_date_epoch_as_buildtime 1" \
  --target "$arch_rpm" \
  "$spec" >/dev/null 2>"$work/rpmbuild.log" || { cat "$work/rpmbuild.log" >&2; exit 1; }

# --- .tar.gz with install.sh ------------------------------------------------
name="tessera-${version}-${arch_rpm}-linux"
say "$name.tar.gz"
tar_root="$work/tar/$name"
stage "$tar_root" zsh/site-functions
install -Dm644 LICENSE-MIT "$tar_root/LICENSE-MIT"
install -Dm644 LICENSE-APACHE "$tar_root/LICENSE-APACHE"
install -Dm644 resources/icons/lucide-LICENSE "$tar_root/LICENSE-lucide-icons"
install -Dm644 "$generated/THIRD-PARTY-NOTICES.txt" "$tar_root/THIRD-PARTY-NOTICES.txt"
install -Dm755 packaging/linux/install.sh "$tar_root/install.sh"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  -C "$work/tar" -cf - "$name" | gzip -n "$tar_gzip" >"$out/$name.tar.gz"

say "done: $out"
ls -l "$deb_file" "$out/tessera-${version}-1.${arch_rpm}.rpm" "$out/$name.tar.gz" | awk '{print "    " $5 "  " $9}'
