#!/bin/sh
# Makes the inputs of the pinned CLI cases (tests/cli/cmd.rs runs them):
# vault.in/vault.tessera (and its copy in import.in/), a vault with four accounts under the password in
# vault.in/pw (made by a test build, whose KDF is cheap: `test-kdf`), and
# scan.in/code.png, a QR code of one otpauth:// link (4 px modules).
#
#   cargo build --bin tessera && TESSERA=target/debug/tessera sh tests/cmd/make.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" DBUS_SESSION_BUS_ADDRESS="unix:path=$work/no-bus" LANG=C.UTF-8
v="$work/vault.tessera"
pw="$here/vault.in/pw"
"$TESSERA" --vault "$v" --password-file "$pw" init
for link in \
    'otpauth://totp/Dash10:ops@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Dash10' \
    'otpauth://totp/Dash2:ops@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Dash2' \
    'otpauth://totp/ACME%20Cloud:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA&issuer=ACME%20Cloud&algorithm=SHA256&digits=8&period=60' \
    'otpauth://hotp/Bank:me?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ&counter=5'; do
    printf '%s\n' "$link" | "$TESSERA" --vault "$v" --password-file "$pw" add -
done
"$TESSERA" --vault "$v" --password-file "$pw" edit bank --group Money --favourite
cp "$v" "$here/vault.in/vault.tessera"
cp "$v" "$pw" "$here/import.in/"
python3 -c 'import segno; segno.make("otpauth://totp/Scan%20Me:bob@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Scan%20Me", error="m").save("'"$here"'/scan.in/code.png", scale=4, border=4)'
