app-name = Tessera
language-name = English
# Written between the whole and the fractional part of a figure (7.5 s).
decimal-separator = .
loading = Opening the vault…
cancel = Cancel
save = Save
back = Back
lock = Lock
settings = Settings
dismiss = Dismiss
error = Something went wrong: { $reason }
# An account with neither an issuer nor a name, wherever a label is shown.
unnamed-account = (unnamed account)
onboarding-title = Create your vault
onboarding-intro = Your accounts will be kept in an encrypted vault at { $path }. Choose a password to protect it.
password = Password
repeat-password = Repeat the password
passwords-differ = The two passwords differ.
password-too-short = Use at least { $min } characters; a few random words make a strong password.
strength-label = Strength: { $level }
strength0 = very weak
strength1 = weak
strength2 = fair
strength3 = strong
strength4 = very strong
use-keyring = Also unlock with the system keyring
use-keyring-hint = Tessera keeps a separate unlock key in your system keyring, so the vault opens without the password while you are logged in.
keyring-not-answering = The system keyring is not answering, so this starts off.
create-vault = Create vault
creating = Creating the vault…
unlock-title = Unlock your vault
unlock-intro = The vault at { $path } is locked.
unlock-button = Unlock
unlocking = Unlocking…
unlocking-keyring = Unlocking with the system keyring…
wrong-password = Wrong password. Try again; passwords are case-sensitive.
keyring-fell-back = The system keyring did not unlock the vault ({ $reason }). Enter the password instead.
add-account = Add account
with-shortcut = { $action } ({ $keys })
search-placeholder = Type to search
empty-title = No accounts yet
empty-hint = Most services show a QR code when you turn on two-factor authentication. Drop a screenshot of it on this window, or:
empty-paste = Paste a screenshot (Ctrl+V)
empty-paste-hint = A copied image of the QR code, or an otpauth:// link.
empty-scan = Scan the screen (Ctrl+Shift+S)
empty-scan-hint = Finds the QR codes shown on your screens now.
empty-import = Import from another app…
empty-import-hint = An export from Aegis, 2FAS, Google Authenticator and others, or images of QR codes.
empty-manual = Enter the setup key (Ctrl+N)
empty-manual-hint = Type the key or the link your service shows under the QR code.
row-copy = Copy the code
row-reveal = Show the code
no-match = Nothing matches “{ $query }”.
no-match-hint = Press Esc to clear the search, or add the account if it is missing.
copied = { $secs ->
    [one] Code copied. The clipboard will be cleared in { $secs } second.
   *[other] Code copied. The clipboard will be cleared in { $secs } seconds.
}
copied-no-clear = Code copied.
clipboard-cleared = The clipboard was cleared.
next-code = Next code
next-code-small = next: { $code }
clock-offset-shown = Codes use a clock offset of { $secs } seconds (see Settings).
clock-system-synced = System clock: synchronised (says { $source }).
clock-system-not-synced = System clock: NOT synchronised (says { $source }). Turn on network time with: timedatectl set-ntp true
clock-system-unknown = System clock: nothing on this system says whether it is synchronised.
clock-no-server = No time server given, so nothing was sent over the network. To measure this computer's offset: tessera clock --server HOST (for example pool.ntp.org).
clock-ahead = Against { $server }: this computer is { $secs } s ahead (round trip { $rtt } ms).
clock-behind = Against { $server }: this computer is { $secs } s behind (round trip { $rtt } ms).
clock-offset-advice = Services may refuse codes made on this computer. Set the clock right (timedatectl set-ntp true), or apply an offset of { $secs } seconds in the app (Settings, clock offset).
clock-banner-ahead = This computer's clock is { $secs } s ahead of { $server }: services may refuse its codes.
clock-banner-behind = This computer's clock is { $secs } s behind { $server }: services may refuse its codes.
clock-banner-not-synced = The system says its clock is not synchronised: if codes are refused, turn on network time in the system settings, or set a time server in Settings to measure the difference.
apply-clock-offset = Use an offset of { $secs } s
clock-measured = Measured: the time server { $server } is { $secs } s from this computer.
time-server = Time server (optional)
time-server-hint = Checked at each unlock to tell whether codes would be off. Nothing is sent over the network while this is empty.
time-server-invalid = Not a time server: write HOST or HOST:PORT, for example pool.ntp.org.
check-clock = Check now
err-sntp-bad-server = { $given } is not a time server. Write HOST or HOST:PORT, for example pool.ntp.org or 192.168.1.1:123.
err-sntp-resolve = Cannot find the time server { $server } ({ $detail }). Check the name and the network connection.
err-sntp-no-answer = The time server { $server } did not answer within { $seconds } s. Check the name and port, and that a firewall lets NTP (UDP port 123) through.
err-sntp-refused = The time server { $server } refused the request ({ $code }). Try again later or use another server.
err-sntp-unsynchronised = The time server { $server } says its own clock is not synchronised, so it cannot be trusted. Use another server.
err-sntp-network = Cannot reach the time server { $server } ({ $detail }). Check the network connection.
details = Details
hidden-code = ••• ••• (click to show)
counter-label = counter { $counter }
favourite = Favourite
icon-label = Icon
icon-search = Type a service's name
icon-automatic = Automatic (from the issuer)
icon-letter = Letter only
icon-shows = The list shows the { $brand } icon.
icon-shows-letter = The list shows the issuer's first letter.
icon-chosen = Chosen: { $icon }
icon-no-match = No icon is called “{ $query }”: try another name, or part of it.
no-issuer = (no issuer)
entry-gone = this account is no longer in the vault (it was removed elsewhere)
not-counter-based = this account's code changes by itself; it has no next code to ask for
counter-at-max = the counter cannot go any higher; this account cannot give more codes
add-title = Add an account
issuer = Issuer
issuer-placeholder = e.g. ACME Cloud
account-name = Account
account-placeholder = e.g. alice@example.com
setup-key = Setup key
setup-key-placeholder = The key the service shows, or a whole otpauth:// link
show-advanced = Show advanced options
hide-advanced = Hide advanced options
type = Type
algorithm = Algorithm
digits = Digits
period = Period (seconds)
counter = Counter
type-totp = Time-based (TOTP)
type-hotp = Counter-based (HOTP)
type-steam = Steam Guard
check-code = This key gives { $code } now. Check it against the service before saving.
check-code-hotp = This key gives { $code } at counter { $counter }. Check it against the service before saving.
filled-from-link = Filled in from the otpauth:// link.
key-invalid-char = “{ $char }” at position { $position } is not valid in a setup key: keys use only the letters A–Z and the digits 2–7 (a 0, 1 or 8 is usually a mistyped O, I or B).
key-empty = Enter the setup key the service shows (spaces and lower case are fine).
key-padding = The key has “=” at position { $position }, before its end; copy the key again.
not-a-number = { $field } must be a whole number.
duplicate-secret = This key is already in the vault as { $label }.
duplicate-name = An account named { $label } already exists; saving adds a second one.
added = Added { $label }.
add-button = Add
details-title = Account details
group = Group
group-placeholder = e.g. Work
notes = Notes
delete = Delete…
delete-confirm = Delete { $label }? Tessera will no longer show its codes; make sure you can still sign in to the service.
delete-yes = Delete for good
saved = Saved.
deleted = Deleted { $label }.
settings-title = Settings
settings-appearance = Appearance
settings-security = Security
settings-privacy = Codes and privacy
settings-time = Time
settings-backup = Backups and export
settings-desktop = Desktop
reduce-motion = Reduce motion
reduce-motion-hint = Nothing moves on its own (the busy bar stands still); the countdown still changes once a second. Also on when the desktop asks for reduced motion.
details-account-group = Account
details-icon-group = Icon
details-code-group = Code settings
details-more-group = Recovery and moving
theme = Theme
theme-system = Follow the system
theme-light = Light
theme-dark = Dark
theme-high-contrast = High contrast
text-size = Text size
text-size-percent = { $percent } %
language = Language
language-system = System ({ $name })
auto-lock = Lock after this many minutes without use
auto-lock-hint = 0 never locks by itself.
clipboard-delay = Clear a copied code after (seconds)
clipboard-delay-hint = Cleared only if the clipboard still holds the code; 0 never clears.
hide-codes = Hide codes until clicked
hide-codes-unfocused = Hide codes when the window is not focused
hide-codes-unfocused-hint = Ctrl+H hides or shows every code at once, for a screen share.
keep-in-tray = Keep running in the tray when the window is closed
keep-in-tray-hint = Needs a tray: KDE Plasma, XFCE, Cinnamon and MATE have one; GNOME needs the AppIndicator extension. Without one, closing quits.
shortcut = Global shortcut
shortcut-use = Use
shortcut-hint = Brings Tessera up from any window with the search field focused: type a name, press Enter, and that code is copied. Write it as Super+Shift+T: Super, Ctrl, Alt or Shift joined by + to a letter, a digit or F1–F24. Leave it empty for none.
shortcut-invalid = “{ $text }” is not a shortcut Tessera can use. Write it like Super+Shift+T, with Super, Ctrl or Alt (a key alone would stop you typing it anywhere else).
shortcut-taken = Another program already uses { $shortcut }, so Tessera cannot. Choose another shortcut here, or free it in that program's settings.
shortcut-no-key = This keyboard has no key for { $shortcut }. Choose another shortcut.
shortcut-wayland = On Wayland, Tessera cannot set a global shortcut itself yet. Add one in your desktop's keyboard settings that runs: tessera --search
shortcut-no-display = The X display could not be reached, so the global shortcut does not work in this session. Restarting Tessera inside your desktop session usually fixes it.
tray-show = Show Tessera
tray-unlock = Unlock…
tray-quit = Quit
codes-concealed = Codes hidden. Press Ctrl+H to show them.
codes-shown-again = Codes shown.
reveal-secret = Show
conceal-secret = Hide
clock-offset = Clock offset (seconds)
clock-offset-hint = If services reject codes because this computer's clock is off, shift it here (for example -30).
change-password = Change password
changing-password = Changing the password…
new-password = New password
password-changed = The password was changed, and the vault re-encrypted under a new key.
password-changed-keyring-off = The password was changed, and the vault re-encrypted under a new key. Keyring unlock was turned off because the system keyring did not answer; turn it on again below.
keyring-setting = Unlock with the system keyring
keyring-on = The system keyring now unlocks the vault.
keyring-off = Keyring unlock is off and the vault was re-encrypted under a new key; the password is needed from now on.
keyring-off-key-left = Keyring unlock is off and the vault was re-encrypted under a new key; the password is needed from now on. The old key could not be removed from the keyring ({ $reason }): it opens nothing saved from now on, and you can delete the items “Tessera vault unlock key” and “Tessera vault versions seen” with your keyring manager (Passwords and Keys).
settings-save-failed = The settings could not be saved ({ $reason }); they apply until Tessera closes.
settings-broken = The settings file could not be read ({ $reason }); the defaults are used until you change something.
keyring-off-ask = Type the vault password to turn keyring unlock off. The vault is re-encrypted under a new key, so the key left in the keyring opens nothing saved from now on.
keyring-off-confirm = Turn off and re-encrypt
apply = Apply
choose-images-title = Choose images with QR codes, or another app's export
images-filter = Images and exports
no-file-chosen = No file was chosen. If no file dialog appeared, type the image's path below or drop the file on this window.
show-qr-button = Show QR code
show-qr-title = Move this account to a phone
show-qr-warning = The QR code holds the secret key of { $label }. Anyone who sees it, or a photo of it, can make your codes. Show it only to scan it with your phone, with nobody looking.
show-qr-yes = Show the QR code
show-qr-hint = Scan it with the authenticator app on your phone, then choose Done.
done = Done
move-to-phone = Move to phone
export-title = Move accounts to Google Authenticator
export-intro = Choose the accounts to move. They are shown as Google Authenticator export QR codes, at most ten accounts each.
continue = Continue
export-warning = { $n ->
    [one] The QR code holds the secret key of { $n } account. Anyone who sees it, or a photo of it, can make your codes. Show it only to scan it with your phone, with nobody looking.
   *[other] The QR codes hold the secret keys of { $n } accounts. Anyone who sees them, or a photo of them, can make your codes. Show them only to scan them with your phone, with nobody looking.
}
export-yes = Show the QR codes
export-counter = QR code { $index } of { $size }
export-hint = In Google Authenticator choose Transfer accounts, then Import accounts, and scan each code in turn.
export-nothing = None of the chosen accounts fits a Google Authenticator export.
export-skipped = { $label } was left out: { $reason }.
previous = Previous
next = Next
recovery-button = Recovery codes
recovery-title = Recovery codes for { $label }
recovery-intro = One-time codes the service gave you for when this device is lost. Each works once.
recovery-none = No recovery codes are stored for this account yet. Paste the block the service shows below.
recovery-count = { $total ->
    [one] { $left } of { $total } code unused
   *[other] { $left } of { $total } codes unused
}
recovery-use = Copy and mark used
recovery-used-at = used { $when }
recovery-paste-label = Paste the codes as the service shows them (one per line, in columns, numbered: any layout works):
recovery-save = Save codes
recovery-replace = Replace the current codes
recovery-replace-confirm = This replaces all { $total } stored codes, used or not, with the { $n } codes pasted. Do it when the service has made new ones.
recovery-replace-yes = Replace them
recovery-saved = { $n ->
    [one] Saved { $n } recovery code.
   *[other] Saved { $n } recovery codes.
}
recovery-copied = Recovery code copied and marked used.
cleared-in = { $secs ->
    [one] The clipboard will be cleared in { $secs } second.
   *[other] The clipboard will be cleared in { $secs } seconds.
}
recovery-few = { $n ->
    [one] { $n } recovery code left
   *[other] { $n } recovery codes left
}
recovery-exhausted = No recovery codes left
from-qr-title = From a QR code
from-qr-hint = Drop image files anywhere on this window, press Ctrl+V with a QR image or an otpauth:// link copied, or scan what the screen shows.
choose-images = Choose images…
paste-button = Paste (Ctrl+V)
scan-screen = Scan screen
image-path-placeholder = Or type an image file's path and press Enter
open-path = Open
manual-title = Enter the setup key by hand
scanning = Looking for QR codes…
review-title = Accounts found
review-intro = Tick the accounts to add. Accounts already in the vault start unticked.
review-nothing = No account to add was found.
review-more = Drop more images or press Ctrl+V to add them to this list.
import-add-one = Add 1 account
import-add-many = { $n ->
    [one] Add { $n } account
   *[other] Add { $n } accounts
}
export-part = { $source }, Google Authenticator export part { $index } of { $size }
origin-screen = The screen
origin-clipboard = The clipboard
no-code-in-file = { $source }: no QR code was found. Make sure the whole code is visible and not cut off, or enter the setup key by hand.
no-code-on-screen = No QR code is visible on the screen. Bring the whole code into view, not covered by other windows, and scan again; or save it as an image and open that.
no-code-in-clipboard = The image on the clipboard holds no QR code. Copy the QR code itself (or the otpauth:// link) and paste again.
file-unreadable = { $source } could not be read ({ $reason }). Check that the file still exists and that you may open it.
image-unreadable = { $source } could not be scanned: { $reason }
drop-hint = Drop the image here to add the accounts in its QR code
export-locked = { $source } is an encrypted { $format } export. Enter the password it was exported with to see its accounts.
export-password = Export password
export-open = Open
export-unreadable = { $source }: { $reason }
screen-failed = The screen could not be captured: { $reason }
clipboard-failed = The clipboard could not be read: { $reason }
not-a-key = { $source }: { $reason }
left-out = { $source }: { $label } was left out ({ $reason }).
missing-part = Part { $part } of { $size } of a Google Authenticator export is still missing; scan it too.
missing-parts = Parts { $parts } of { $size } of a Google Authenticator export are still missing; scan them too.
and = and
imported-accounts = { $n ->
    [one] Added { $n } account.
   *[other] Added { $n } accounts.
}
delete-images-offer = The image files ({ $files }) still hold the secret keys in the clear: anyone who opens them can make your codes. Delete them now?
delete-images = Delete the images
keep-images = Keep them
images-deleted = { $n ->
    [one] Deleted { $n } image file.
   *[other] Deleted { $n } image files.
}
delete-images-failed = The images could not all be deleted: { $reason }

## The core's errors (src/i18n/errors.rs), shown by the app and the command line.
## They are clauses: the command line capitalises the first letter and adds the full stop.

# Text that has no message of its own (a detail from the system), shown as it is.
verbatim = { $text }
err-wrong-password = wrong password for the vault at { $path }; try again (passwords are case-sensitive)
err-keyring-key-rejected = the key stored in the system keyring does not unlock the vault at { $path }; unlock it with the password, then turn keyring unlock off and on again
# $advice is err-damaged-backup or err-damaged-no-backup.
err-damaged = the vault at { $path } is damaged ({ $detail }) and was not opened; { $advice }
err-damaged-backup = the last good backup is { $backup }; to go back to it, run `tessera restore { $backup }`
err-damaged-no-backup = no intact backup was found next to it
err-not-a-vault = { $path } is not a Tessera vault; check the path given with --vault or TESSERA_VAULT
err-newer-version = the vault at { $path } was written by a newer version of Tessera (format { $found }, this one reads up to { $supported }); update Tessera to open it
err-open-elsewhere = the vault at { $path } is open for writing elsewhere (another Tessera window or command); wait a moment and try again
err-replaced = the vault at { $path } was replaced by a different vault since it was opened; nothing was saved. Open it again
err-key-changed = the password of the vault at { $path } was changed in another Tessera window or command since it was unlocked here; nothing was saved. Unlock it again with the new password
err-rolled-back = the vault at { $path } is older than a version of it this computer has already opened or saved: an old copy or a backup was put in its place, so it was not opened. To go back to that version on purpose, run `tessera restore { $path }`
err-history-damaged = the record of the versions this computer has seen of a vault, { $path }, is damaged, so Tessera cannot tell an older copy of the vault from the newest; if you did not change that file yourself, delete it and open the vault again
# $source is the file given to `tessera restore`.
err-different-vault = { $source } is a copy of a different vault than the one at { $path }; nothing was restored. Open it with --vault instead
err-copy-of-other-vault = { $copy } is a copy of a different vault than the one at { $path }, so it was not merged; open it with --vault to see what it holds
err-copy-locked = { $copy } is a copy of the vault at { $path } saved under another password (it was changed on one computer while the copy was apart), so it was not merged; run `tessera merge { $copy }`, which asks for that copy's password
err-no-vault = there is no vault at { $path }; create one with `tessera init`, or give the right path with --vault
err-already-exists = a file already exists at { $path }; Tessera will not overwrite it. Choose another path with --vault
err-weak-kdf = the vault at { $path } asks for weaker password protection ({ $found }) than Tessera accepts ({ $floor }); the file may have been tampered with, so it was not opened. Restore a backup
err-excessive-kdf = the vault at { $path } asks for more memory or time to check the password ({ $found }) than Tessera allows ({ $ceiling }); the file is damaged or was not made by Tessera
# $slot is slot-keyring or slot-password.
err-no-such-slot = the vault at { $path } has no { $slot } unlock set up
slot-keyring = keyring
slot-password = password
# $action is one of the io-action-* messages; $reason an io-* message or the system's own text.
err-io = could not { $action } { $path }: { $reason }
io-action-read = read
io-action-write = write
io-action-save = save
io-action-flush = flush
io-action-lock = lock
io-action-create-folder = create the folder
io-action-rotate-backup = rotate the backup
io-action-delete = delete
io-not-found = file or folder not found
io-permission-denied = permission denied
io-already-exists = the file already exists
io-storage-full = no space left on the disk
io-read-only = the file system is read-only
io-is-a-directory = it is a folder, not a file
io-invalid-data = the content is not valid
err-random = the system's random number generator is not available ({ $detail }); nothing was written
err-gone = this account is no longer in the vault (it was removed elsewhere); nothing was changed
err-cancelled = cancelled; nothing was changed
argv-secret-warning = the { $what } was given on the command line, where other users can read it (ps, /proc) and your shell history keeps it; next time use `{ $instead }` and paste it when asked
argv-secret-link = link
argv-secret-recovery-code = recovery code
# `tessera restore FILE` succeeded; $n is the number of accounts in the restored copy.
restore-done = { $n ->
    [one] Restored { $source } as the newest version of the vault at { $path } ({ $n } account).
   *[other] Restored { $source } as the newest version of the vault at { $path } ({ $n } accounts).
}
restore-kept = The vault it replaced is kept as { $backup }.
# What restoring an earlier version would change (`tessera restore`, the app's Restore screen).
restore-field = { $field ->
    [issuer] issuer
    [name] account name
    [key] secret key
    [kind] code type
    [algorithm] algorithm
    [digits] digits
    [period] period
    [counter] HOTP counter
    [group] group
    [favourite] favourite mark
    [notes] notes
    [icon] icon
   *[recovery-codes] recovery codes
}
restore-and-more = and { $n } more
restore-no-change = Restoring it changes no account.
restore-back = { $n ->
    [one] 1 account would come back: { $names }.
   *[other] { $n } accounts would come back: { $names }.
}
restore-gone = { $n ->
    [one] 1 account would disappear: { $names }.
   *[other] { $n } accounts would disappear: { $names }.
}
restore-changed = { $account } would change: { $fields }.
restore-counter-back = { $account }: the HOTP counter would go back from { $now } to { $then }, so codes the service already accepted would be shown again (it refuses them; use "next code" until one works).
restore-unused-again = { $n ->
    [one] { $account }: 1 recovery code used since would show as unused again (the service has already spent it).
   *[other] { $account }: { $n } recovery codes used since would show as unused again (the service has already spent them).
}
restore-same = { $n ->
    [one] 1 account stays as it is.
   *[other] { $n } accounts stay as they are.
}
restore-holds = { $n ->
    [one] This copy holds 1 account.
   *[other] This copy holds { $n } accounts.
}
restore-holds-since = { $n ->
    [one] This copy holds 1 account; its last change was made { $date }.
   *[other] This copy holds { $n } accounts; its last change was made { $date }.
}
restore-not-compared = The vault as it is now has another password than this copy (it was changed since the copy was made), so what would change is not shown.
restore-no-vault = There is no vault file now, so nothing is compared: restoring this copy puts it in place, with these accounts.
restore-vault-unreadable = The vault as it is now could not be read ({ $reason }), so what would change is not shown.
restore-other-password = This copy was made before a password change: once restored, the vault opens with the password it had then.
restore-date-unknown = date unknown
restore-previous = previous version { $n }
restore-backup = backup
restore-accounts = { $n ->
    [one] 1 account
   *[other] { $n } accounts
}
restore-needs-password = opens with the password it had then
restore-unusable = cannot be used: { $reason }
# The app's Restore screen (Settings → "Restore an earlier version…").
settings-restore = Restore an earlier version…
restore-title = Restore an earlier version
restore-intro = The versions this computer kept before recent changes, and the backups in your backup folder, newest first. Choose one to see what restoring it would change; nothing changes until you confirm.
restore-looking = Looking for earlier versions…
restore-none = No earlier version is kept yet: the vault has not changed since it was opened here, and no backup folder holds a copy of it.
restore-opening = Opening…
restore-ask-password = This version was saved before a password change: type the password it had then.
restore-open = Open
restore-another = Choose another
restore-confirm = Restore this version
restore-done-toast = { $n ->
    [one] Restored the earlier version (1 account).
   *[other] Restored the earlier version ({ $n } accounts).
}
# Automatic backups (the app's Settings, `tessera backup --auto DIR`).
backup-folder-missing = the backup folder { $folder } is not there (a removable or network drive that is not connected?). The vault was saved all the same; automatic backups resume once the folder is back (this is said once)
backups-title = Automatic backups
backups-go-to = After changes, an encrypted backup goes to { $folder }.
backups-are-off = Automatic backups are off.
backups-folder-placeholder = Folder, e.g. on a USB drive
backups-choose = Choose…
backups-choose-title = Folder for automatic backups
backups-use = Use this folder
backups-turn-off = Turn off
backups-hint = At most one a minute; the newest 10 and one a day for 30 days are kept. Each opens with the vault's password. A missing folder (a drive not connected) is said once, and the vault is saved all the same.
backups-now-on = Automatic backups go to { $folder } from now on.
backups-now-off = Automatic backups are off. The backups already made stay where they are.
backup-failed = no automatic backup of { $vault } was made: { $reason }. The vault itself was saved; check the backup folder in Settings
# A sync tool's conflict copy (or `tessera merge FILE`) was merged into the vault.
sync-merged = Merged { $copy } into the vault: { $added } added, { $changed } changed, { $removed } removed
sync-merged-nothing = Merged { $copy } into the vault: it held nothing the vault did not have
sync-merged-kept = The copy was moved out of the synced folder to { $kept }
sync-left = { $copy } looks like a conflict copy of the vault but was not merged: { $reason }
# The app merged conflict copies a sync tool left beside the vault.
sync-merged-toast = { $n ->
    [one] Merged a copy of the vault changed on another computer (a sync conflict); nothing was lost.
   *[other] Merged { $n } copies of the vault changed on other computers (sync conflicts); nothing was lost.
}
sync-locked-banner = A copy of the vault changed on another computer ({ $copy }) was saved under another password. Enter that password to merge its changes.
copy-password = Password of the copy
merge-copy = Merge
copy-merged-toast = Merged { $copy } into the vault.
err-import-unreadable = could not read the file: { $reason }
err-import-no-code = no QR code found; make sure the whole code is visible and not cut off, or enter the setup key by hand
err-import-unrecognised = this file is neither an image nor an export Tessera recognises by its content; a WinAuth export or an encrypted andOTP backup from before version 0.6 has nothing to recognise it by: name its format, as in tessera import --format andotp FILE (tessera import --help lists the formats)
err-not-counter-based = { $label } is not a counter-based (HOTP) account; its code changes by itself, so there is no next code to ask for
err-counter-at-max = the counter of { $label } cannot go any higher; this account cannot give more codes
err-kdf-rejected = the password-hashing settings ({ $params }) could not be used; nothing was written. Please report this
err-no-keyring-key = the system keyring has no key for this vault; it may have been removed
err-could-not-write = could not write { $path }: { $reason }
err-could-not-delete = could not delete { $path }: { $reason }
err-crashed = a background task stopped unexpectedly ({ $detail }); please report this
err-keyring-unavailable = the system keyring is not available ({ $reason }); Tessera will ask for your password instead
err-keyring-item-damaged = the system keyring's item for this vault is unusable ({ $reason }); Tessera will ask for your password instead, and turning keyring unlock off and on again rewrites the item
err-invalid-vault-id = `{ $vault_id }` is not a vault id; this is a bug in Tessera, please report it
# $character comes quoted: 'x'.
err-key-character = the setup key has an invalid character { $character } at position { $position }; keys use only the letters A-Z and the digits 2-7 (a 0, 1 or 8 is usually a mistyped O, I or B)
err-key-empty = the setup key is empty; copy the whole key the service shows
err-key-padding = the setup key has '=' padding at position { $position }, before its end; copy the key again
err-digits = codes with { $found } digits are not supported; TOTP and HOTP codes have 6, 7 or 8 digits. Check the 'digits' value the service gave you
err-zero-period = the code period is 0 seconds; it must be at least 1 second (most services use 30)
err-steam-is-fixed = Steam Guard codes always use SHA1, 5 characters and 30 seconds; other settings cannot be combined with the Steam type
err-not-a-uri = this is not an otpauth:// link; paste the whole link that starts with otpauth://, or enter the setup key by hand
err-uri-scheme = this is a { $scheme }:// link, not an authenticator key; use the otpauth:// link or the setup key the service shows
err-uri-migration = this is a Google Authenticator export (otpauth-migration://), which can hold several accounts; import it instead of adding it as one account
err-uri-type = the otpauth:// link has type { $found }; Tessera supports totp, hotp and steam
err-uri-encoding = the otpauth:// link has a { $part } that is not valid percent-encoded UTF-8; copy the link again
err-uri-no-secret = the otpauth:// link has no secret; copy the whole link, or enter the setup key by hand
err-uri-algorithm = the otpauth:// link asks for algorithm { $found }; Tessera supports SHA1, SHA256 and SHA512
err-uri-not-a-number = the otpauth:// link has { $param }={ $value }, which is not a whole number
err-uri-digits = the otpauth:// link asks for { $found }-digit codes; TOTP and HOTP codes have 6, 7 or 8 digits
err-uri-zero-period = the otpauth:// link has period=0; the period must be at least 1 second (usually 30)
err-uri-no-counter = the otpauth://hotp link has no counter; HOTP links must say where the counter starts (counter=0 on a new account)
err-not-migration = this is not a Google Authenticator export; export links start with otpauth-migration://offline?data=
err-migration-no-data = the Google Authenticator export link has no data; scan or copy the export QR code again
err-migration-too-large = the Google Authenticator export link is { $len } characters long, more than a QR code can hold; it is not a real export
err-migration-base64 = the Google Authenticator export data is not valid base64; the link was probably cut short, so copy or scan it again
err-migration-damaged = the Google Authenticator export data is damaged (it does not decode as an export); scan the QR code again
skip-no-secret = it has no secret key
skip-unsupported-algorithm = it uses an unsupported algorithm ({ $name })
skip-unknown-value = it has an unknown { $what } value
skip-negative-counter = its counter is negative
skip-type = its type { $kind } is not one Tessera generates (TOTP, HOTP and Steam are)
skip-algorithm = it uses the { $name } algorithm, which Tessera does not
skip-key-encoding = its key is not valid { $encoding }
skip-trashed = it is in the other app's trash
skip-encrypted = its key is encrypted with a key that stays on the phone; add this account again from the service's security settings
skip-no-codes = it approves sign-ins by notification and has no codes
export-no-steam = Google Authenticator cannot hold Steam Guard accounts
export-only30s = Google Authenticator exports only 30-second codes, and this one uses { $secs } seconds
export-only6or8 = Google Authenticator exports only 6- or 8-digit codes, and this one has { $digits }
export-counter-too-large = its HOTP counter is too large for a Google Authenticator export
err-not-an-image = this file is not an image Tessera can read (PNG, JPEG, WebP, GIF, BMP, TIFF); save the QR code as a screenshot in one of these formats and try again
err-image-format = this is a { $format } image, which Tessera cannot read; convert it to PNG or JPEG (or take a screenshot of it) and try again
err-image-truncated = this image file is cut short (it ends before the picture does); download or copy it again, or take a new screenshot
err-image-corrupt = this image file is damaged and cannot be decoded ({ $detail }); open it in an image viewer to check it, or take a new screenshot
err-image-empty = this image is empty ({ $width }×{ $height } pixels); take a screenshot that shows the QR code
err-image-too-small = this image is { $width }×{ $height } pixels, too small to hold a QR code (which needs at least { $min }×{ $min }); take a screenshot that shows the whole code
err-image-too-large = this image is { $width }×{ $height } pixels, more than the { $limit } pixels Tessera reads; crop it to the area around the QR code and try again
err-image-file-too-large = this file is { $len } bytes, more than the { $limit } bytes Tessera reads as an image; crop the picture to the QR code or save it as PNG or JPEG
err-image-memory = decoding this image would need more than { $mib } MiB of memory; crop it to the area around the QR code, or save it as an 8-bit PNG or JPEG
err-pixel-buffer = the captured picture is inconsistent ({ $len } bytes for { $width }×{ $height } RGBA pixels); capture it again
err-qr-too-long = the text is too long for one QR code ({ $len } bytes); export the accounts in smaller groups
err-qr-image = could not write the QR code image: { $detail }
err-no-entry = no entry matches { $query }; `tessera list` shows every entry with its id
err-brand-unknown = there is no brand icon { $given }; `tessera icons --search TEXT` lists them, `auto` matches the issuer again and `none` keeps the letter
err-brand-unknown-nearest = there is no brand icon { $given }; did you mean { $nearest }? `tessera icons --search TEXT` lists them all
err-ambiguous-entry = { $query } matches { $count } entries ({ $examples }); give more of the id or a longer query
err-recovery-none-found = no recovery codes were found in the text; paste the codes as the service shows them (one per line, or separated by spaces or commas)
err-recovery-too-many = the text holds more than { $max } codes; paste only the recovery codes
err-recovery-unknown = that code is not one of this account's recovery codes; check it for typos
err-recovery-used = that recovery code was already used (at Unix time { $at }); use another one
err-no-display = no display to capture: Tessera needs an X11 or Wayland session for this; save the QR image to a file and open that instead
err-x11 = cannot capture the X11 screen ({ $reason }); save the QR image to a file and open that instead
err-portal = cannot take a screenshot through the desktop portal ({ $reason }); check that xdg-desktop-portal and a backend for your desktop are installed, or save the QR image to a file and open that instead
err-capture-cancelled = the screenshot was cancelled; nothing was captured
err-capture-too-large = the image is too large to scan ({ $width }×{ $height } pixels, more than { $limit } pixels); crop it to the QR code and open that instead
err-screenshot-unreadable = cannot read the screenshot ({ $reason }); save the QR image to a file and open that instead
err-clipboard-empty = the clipboard holds no image and no text; copy the QR image (or the otpauth:// link) and try again
err-clipboard-unavailable = cannot read the clipboard ({ $reason }); save the QR image to a file and open that instead
err-export-password-needed = this { $format } export is encrypted; it needs the password it was exported with
err-export-wrong-password = the password does not decrypt this { $format } export; use the password chosen when exporting (it may differ from the app's unlock password)
err-export-damaged = this { $format } export is damaged ({ $detail }); export it from { $format } again
err-export-fingerprint-only = this { $format } export can only be unlocked by fingerprint; export from { $format } again with a password (or without one)
err-export-protected = this { $format } export is password-protected in a way Tessera does not read; export from { $format } again unencrypted (or as otpauth:// links)
# $found: the version number as the file writes it
err-export-unknown-version = this { $format } export has version { $found }, which Tessera does not read; export from { $format } again as otpauth:// links, or update Tessera
err-export-too-slow = this { $format } file takes too long to read; it is damaged or was not made by { $format }
err-export-too-many = this { $format } file holds more than { $limit } entries, more than any real one; it is damaged or was not made by { $format }
err-export-unpacks = this { $format } export unpacks to more than { $limit } MiB, more than any real one; it is damaged or was not made by { $format }
err-write-random = the system's random number generator failed; nothing was written, try again
err-write-encode = the export could not be encoded; nothing was written
err-export-too-costly = this { $format } export asks for more memory or time to check its password than Tessera allows; it is damaged or was not made by { $format }
err-export-too-large = this file is { $len } bytes, larger than any authenticator export Tessera reads
explain-empty-export = this Google Authenticator export holds no account Tessera can use
# $what is one of the other-* messages.
explain-not-a-key = this QR code holds { $what }, not an authenticator key; look for the QR code on the service's two-factor setup page
other-web-address = a web address
other-wifi = Wi-Fi network details
other-email = an e-mail address
other-phone = a phone number
other-contact = a contact card
other-text = plain text
err-wrong-password-unusual-kdf = wrong password for the vault at { $path }; try again (passwords are case-sensitive). Its password settings ({ $found }) are not the ones Tessera writes, so the file may have been tampered with: if the password is right, restore a backup
err-unsafe-folder = the folder { $path } can be changed by other users, who could replace or roll back the vault in it; make it yours alone (chmod go-w) or keep the vault in another folder
err-lock-file-link = the lock file { $path } is a symbolic link, which Tessera never follows; remove it if you did not make it, and check who else can write to that folder
err-image-unreadable = a QR code was found in this image but could not be read; try a larger screenshot, or one of the code alone (zoom in first if it is small), or type the setup key shown beside the code
file-export-title = Export and backup
file-export-open = Export and backup…
file-export-intro = The file holds the secret keys of every account: keep it where only you can reach it, and delete it once it has served.
file-export-kind-aegis = Aegis (encrypted or plain JSON)
file-export-kind-twofas = 2FAS (encrypted or plain .2fas)
file-export-kind-uris = otpauth:// links, one per line (plain text)
file-export-kind-sheet = Printable backup sheet (HTML with QR codes)
file-export-plain = Without a password (anyone who reads the file has your keys)
file-export-unencrypted-warning = This file is not encrypted: anyone who can read it can make your codes.
file-export-export-password = Password for the file
file-export-path = Save as (the full path of a new file)
file-export-vault-password = Your vault password, to confirm
file-export-export = Export
file-export-no-path = Type where to save the file: the full path of a new file.
file-export-no-export-password = Give the file a password (twice), or choose to save it without one.
file-export-no-vault-password = Type your vault password to confirm the export.
file-export-done = { $count ->
    [one] Wrote { $count } account to { $path }, readable by you only. Delete it once it has served.
   *[other] Wrote { $count } accounts to { $path }, readable by you only. Delete it once it has served.
}
err-export-exists = { $path } already exists; choose another name (nothing was overwritten)
