#!/bin/sh
# Makes vault.tessera: a format 1 vault (the format before the version vector),
# written by a `tessera` built from commit de336b3 (the last one writing format 1).
# Password: "correct horse battery staple". Two accounts: ACME (alice), TOTP;
# Bank (me), HOTP at counter 5. tests/cli/rollback.rs opens it with the
# current binary and checks it is upgraded to format 2 on the next save.
#
#   git worktree add /tmp/v1 de336b3 && (cd /tmp/v1 && cargo build --bin tessera)
#   TESSERA=/tmp/v1/target/debug/tessera sh tests/data/vault-v1/make.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" DBUS_SESSION_BUS_ADDRESS="unix:path=$work/no-bus"
printf 'correct horse battery staple\n' > "$work/pw"
v="$work/vault.tessera"
"$TESSERA" --vault "$v" --password-file "$work/pw" init
printf 'otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME\n' |
    "$TESSERA" --vault "$v" --password-file "$work/pw" add -
printf 'otpauth://hotp/Bank:me?secret=JBSWY3DPEHPK3PXP&counter=5\n' |
    "$TESSERA" --vault "$v" --password-file "$work/pw" add -
cp "$v" "$here/vault.tessera"
