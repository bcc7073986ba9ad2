# What only the command line says (`tessera` with a command). Messages that
# begin lower case and have no full stop are completed by the CLI: it
# capitalises them and adds the stop. The app's texts are in tessera.ftl.

## Prompts (the CLI adds ": " after each)

cli-prompt-link = otpauth:// link (hidden)
cli-prompt-recovery-code = Recovery code (hidden)
cli-prompt-password = Password for { $path }
cli-prompt-new-password = New password
cli-prompt-repeat-new-password = Repeat the new password
cli-prompt-export-password = Password for the export file
cli-prompt-repeat = Repeat it
cli-prompt-source-password = Password of the { $format } export { $source }
cli-prompt-copy-password = Password of the copy { $path }
# A yes/no question's answers; the first letter of cli-yes is accepted too.
cli-yes-no = [y/N]
cli-yes = yes
cli-wrong-password-retry = Wrong password, try again.

## What is read (the $what of the messages below)

cli-what-password = password
cli-what-new-password = new password
cli-what-setup-key = setup key
cli-what-link = link
cli-what-recovery-code = recovery code
cli-what-export-password = export password
cli-what-copy-password = password of the copy

## Reading input

cli-stdin-empty = the { $what } read from standard input is empty
cli-stdin-unreadable = could not read the { $what } from standard input: { $reason }
cli-stdin-ended-password = standard input ended before the { $what }; pipe it in, or use --password-file
cli-stdin-ended = standard input ended before the { $what }; pipe it in, one per line
cli-stdin-not-utf8 = the { $what } read from standard input is not UTF-8 text
cli-line-too-long = the line is longer than { $kib } KiB
cli-prompt-unreadable = could not read the { $what }: { $reason }
cli-no-terminal = standard input carried the secret, so the vault password must come from --password-file, the system keyring, or a terminal, and there is no terminal here
cli-no-home = cannot find a home directory for the default vault; give a path with --vault or TESSERA_VAULT
cli-no-state-home = cannot find a home directory for Tessera's state (the versions of the vault this computer has seen); set HOME or XDG_STATE_HOME
cli-keyring-key-rejected = the key in the system keyring does not fit this vault; asking for the password instead
cli-keyring-no-key = the system keyring has no key for this vault (it may have been removed); asking for the password instead
cli-passwords-differ = the two passwords differ; nothing was changed
cli-password-too-short = the password must have at least { $min } characters; a few random words make a strong one
cli-password-file-unreadable = could not read the password file { $path }: { $reason }
cli-file-unreadable = could not read { $path }: { $reason }
cli-output-failed = could not write the output: { $reason }

## Commands and arguments

cli-app-options-alone = --add, --scan-screen and --search open the desktop app, so they go without a command
cli-not-command-or-image = '{ $word }' is neither a command nor an image file; `tessera --help` lists the commands
cli-no-match = no account matches { $query }; `tessera list` shows them all
cli-vault-empty = the vault has no accounts yet; add one with `tessera add`
cli-icons-none = no brand icon matches { $search }; `tessera icons` lists them all
cli-edit-nothing = say what to change: --issuer, --account, --group, --favourite, --no-favourite, --notes or --icon
cli-scan-nothing = say what to scan: image files, --screen or --clipboard

## init, passwd, keyring

cli-created = Created a vault at { $path }.
# `tessera backup --to DIR` wrote a backup.
cli-backup-written = Wrote an encrypted backup of the vault to { $path }. It opens with the vault's password; `tessera restore { $path }` takes it back.
# `backup --to` wrote the backup but could not record its folder in the state directory.
cli-backup-not-remembered = the backup was written, but this computer could not remember its folder: { $reason }. `tessera restore --list` and the app's Restore list will not show it; restore it by naming the file: `tessera restore { $path }`
cli-backup-auto-on = Automatic backups of { $vault } go to { $folder } from now on: after changes, at most one a minute, keeping the newest 10 and one a day for 30 days.
cli-backup-auto-off = Automatic backups of { $vault } are off. The backups already made stay where they are.
# An automatic backup after a command could not be made (the CLI's twin of backup-failed, which names the app's Settings).
cli-backup-failed = no automatic backup of { $vault } was made: { $reason }. The vault itself was saved; check the backup folder, choose another with `tessera backup --auto DIR`, or stop automatic backups with `tessera backup --auto-off`
cli-keyring-setup-failed = the vault was created, but keyring unlock could not be set up: { $reason } Run `tessera keyring enable` once the keyring works
cli-keyring-will-unlock = The system keyring will unlock it from now on.
cli-password-changed = Changed the password of { $path } and re-encrypted it under a new key.
cli-keyring-turned-off = keyring unlock was turned off: the system keyring did not answer. Turn it on again with `tessera keyring enable`.
cli-keyring-now-unlocks = The system keyring now unlocks { $path }.
cli-keyring-key-not-removed = keyring unlock is off, but its key could not be removed from the keyring: { $reason }
cli-keyring-already-off = Keyring unlock was already off.

## add, list, remove, edit

cli-hotp-needs-counter = an HOTP account needs --counter (0 for a new account, or the number the service shows)
cli-setup-key-file-unreadable = could not read the setup key file { $path }: { $reason }
cli-link-holds-nothing = the link holds no account that can be added
cli-export-part = this is part { $part } of { $size } of a Google Authenticator export; add the other parts too
cli-left-out = left out { $label } ({ $reason })
cli-left-out-more = { $n ->
    [one] left out { $n } more entry Tessera cannot use
   *[other] left out { $n } more entries Tessera cannot use
}
cli-list-counter = counter { $counter }
cli-list-digits = { $digits } digits
cli-list-favourite = favourite
cli-list-group = group { $group }
cli-list-icon = icon { $icon }
cli-removed = Removed { $label } ({ $id }).
cli-saved = Saved { $label }.

## recovery

cli-recovery-none = { $label } has no recovery codes stored; add them with `tessera recovery { $id } add FILE`.
cli-recovery-used-at = used at { $at }
cli-recovery-low = { $n ->
    [one] only { $n } unused recovery code left; generate new ones on the service's security page
   *[other] only { $n } unused recovery codes left; generate new ones on the service's security page
}
cli-recovery-stored = { $n ->
    [one] Stored { $n } recovery code.
   *[other] Stored { $n } recovery codes.
}
cli-recovery-replaced = { $n ->
    [one] the previous code was replaced
   *[other] the previous { $n } codes were replaced
}
cli-recovery-marked = { $left ->
    [one] Marked as used; { $left } unused code left.
   *[other] Marked as used; { $left } unused codes left.
}

## scan, import

cli-no-qr = no QR code was found
cli-no-account = no authenticator account was found
cli-source-encrypted = this { $format } export is encrypted; give its password with --source-password-file FILE
cli-would-add = Would add { $label }.
cli-would-add-summary = { $added ->
    [one] Would add { $added } account, skipped { $skipped } already in the vault.
   *[other] Would add { $added } accounts, skipped { $skipped } already in the vault.
}
cli-skipped-duplicate = skipped { $label }: already in the vault as { $id }
cli-same-name = another entry is also called { $label }; if the service issued a new key, remove the old entry
cli-added-with-id = Added { $label } ({ $id }).
cli-added = Added { $label }.
cli-skipped-meanwhile = skipped { $label }: it was added to the vault meanwhile as { $id }
cli-nothing-to-import = nothing to import: no authenticator account was found in the files
cli-added-summary = { $added ->
    [one] Added { $added } account, skipped { $skipped } already in the vault.
   *[other] Added { $added } accounts, skipped { $skipped } already in the vault.
}

## export

cli-file-exists = the file { $path } already exists; choose another name, or add --force to replace it
cli-not-a-file-name = the path { $path } does not name a file
cli-create-failed = could not create { $path }: { $reason }
cli-write-failed = could not write { $path }: { $reason }
cli-replace-failed = could not replace { $path }: { $reason }
cli-dir-failed = could not create the directory { $path }: { $reason }
cli-plain-warning = the file is not encrypted: anyone who can read it has your secret keys
cli-export-needs-password = the export needs a password: give it with --export-password-file FILE (or use --plain for an unencrypted file)
cli-export-passwords-differ = the two passwords differ; nothing was exported
cli-export-password-empty = the export password is empty; give one (or use --plain for an unencrypted file)
cli-plain-only-for = --plain and --export-password-file apply to --format aegis and 2fas only
cli-nothing-to-export = the vault has no accounts to export
cli-wrote-private = { $n ->
    [one] Wrote { $n } account to { $path } (readable by you only).
   *[other] Wrote { $n } accounts to { $path } (readable by you only).
}
cli-wrote-encrypted = { $n ->
    [one] Wrote { $n } account to { $path } (encrypted with the export password).
   *[other] Wrote { $n } accounts to { $path } (encrypted with the export password).
}
cli-wrote-unencrypted = { $n ->
    [one] Wrote { $n } account to { $path } (unencrypted).
   *[other] Wrote { $n } accounts to { $path } (unencrypted).
}
cli-wrote-sheet = { $n ->
    [one] Wrote the backup sheet of { $n } account to { $path }: open it in a browser and print it (A4 or Letter), then delete the file.
   *[other] Wrote the backup sheet of { $n } accounts to { $path }: open it in a browser and print it (A4 or Letter), then delete the file.
}
cli-print-warning = { $n ->
    [one] this prints the secret key of { $n } account in the clear; anyone who sees it can generate your codes
   *[other] this prints the secret keys of { $n } accounts in the clear; anyone who sees them can generate your codes
}
cli-print-confirm = Print them?
cli-nothing-exported = nothing was exported
cli-pipe-warning = { $n ->
    [one] writing the secret key of { $n } account in the clear to a file or another program; a file made with `>` may be readable by others: prefer --out FILE, which is readable by you only
   *[other] writing the secret keys of { $n } accounts in the clear to a file or another program; a file made with `>` may be readable by others: prefer --out FILE, which is readable by you only
}
cli-none-fits-migration = none of the accounts fits a Google Authenticator export; use --format qr instead
cli-give-out-dir = give the directory for the images with --out DIR
# `tessera restore`: the summary, the question, the list of earlier versions.
cli-restore-confirm = Restore this copy as the newest version of the vault?
cli-restore-declined = Nothing was restored.
cli-restore-dry-run = Nothing was changed (--dry-run).
cli-restore-list-title = Earlier versions of { $path }, newest first:
cli-restore-list-none = No earlier version is kept: the vault has not been changed since it was created here, and no backup folder holds a copy of it.
cli-restore-list-hint = `tessera restore FILE --dry-run` shows what restoring one would change; `tessera restore FILE` restores it.
