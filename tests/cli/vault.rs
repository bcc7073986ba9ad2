//! The vault commands of the CLI contract, through the real binary with the
//! real KDF, real files, and (for keyring unlock) a real Secret Service.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::common::session;
use common::cli::{Cli, PASSWORD};

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{run, run_with_stdin, stderr, stdout, tessera};
use session::{child_in_private_keyring, expect_child_passes, is_child};

const ACME: &str = "otpauth://totp/ACME%20Cloud:jo%C3%A3o@exemplo.com.br?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Cloud";
const BANK: &str = "otpauth://hotp/Bank:me?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA&counter=0";

fn assert_fails(out: &Output, code: i32, words: &str) {
    assert_eq!(out.status.code(), Some(code), "{}", stderr(out));
    let err = stderr(out);
    assert!(
        err.to_lowercase().contains(&words.to_lowercase()),
        "expected {words:?} in: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.trim().lines().count() <= 2,
        "one or two sentences: {err}"
    );
}

#[test]
fn init_add_list_code_round_trip() {
    let cli = Cli::new();
    cli.init();
    let mode = std::fs::metadata(cli.vault()).unwrap().permissions();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777,
        0o600
    );
    assert!(
        cli.ok(&["add", ACME])
            .contains("Added ACME Cloud (joão@exemplo.com.br)")
    );
    cli.ok(&["add", BANK]);

    let list = cli.json(&["list", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    let acme = list.iter().find(|e| e["issuer"] == "ACME Cloud").unwrap();
    assert_eq!(acme["account"], "joão@exemplo.com.br");
    assert_eq!(acme["kind"], "totp");
    assert_eq!(acme["algorithm"], "SHA1");
    assert_eq!(acme["digits"], 6);
    assert_eq!(acme["period"], 30);
    assert!(acme["id"].as_str().unwrap().len() == 36);
    let bank = list.iter().find(|e| e["issuer"] == "Bank").unwrap();
    assert_eq!(bank["kind"], "hotp");
    assert_eq!(bank["counter"], 0);
    for entry in list {
        let text = entry.to_string();
        assert!(!text.contains("GEZDGNBV"), "no secret in list: {text}");
    }

    // RFC 6238 SHA1 seed at t=59: 287082; code QUERY prints the code alone.
    assert_eq!(cli.ok(&["code", "acme", "--at", "59"]), "287082\n");
    let codes = cli.json(&["code", "--json", "--at", "59"]);
    let acme_code = codes
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["issuer"] == "ACME Cloud")
        .unwrap();
    assert_eq!(acme_code["code"], "287082");
    assert_eq!(acme_code["remaining"], 1);
    assert_eq!(acme_code["period"], 30);
    assert_eq!(acme_code["id"], acme["id"]);
    // An id prefix works as ID too.
    let prefix = &acme["id"].as_str().unwrap()[..8];
    assert_eq!(cli.ok(&["code", prefix, "--at", "59"]), "287082\n");
}

#[test]
fn hotp_next_saves_the_counter_first() {
    let cli = Cli::new();
    cli.init();
    cli.ok(&[
        "add",
        "otpauth://hotp/Bank:me?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0",
    ]);
    // RFC 4226 appendix D: counter 0, 1, 2.
    assert_eq!(cli.ok(&["code", "bank"]), "755224\n");
    assert_eq!(cli.ok(&["next", "bank"]), "287082\n");
    assert_eq!(cli.ok(&["next", "bank"]), "359152\n");
    assert_eq!(cli.ok(&["code", "bank"]), "359152\n");
    assert_eq!(cli.json(&["list", "--json"])[0]["counter"], 2);
    cli.ok(&["add", ACME]);
    let out = cli.run_with(&["next", "acme"], &format!("{PASSWORD}\n"));
    assert_fails(&out, 1, "not a counter-based");
}

#[test]
fn manual_entry_with_the_key_as_people_type_it() {
    let cli = Cli::new();
    cli.init();
    let out = cli.run_with(
        &[
            "add",
            "--issuer",
            "Manual",
            "--account",
            "me",
            "--digits",
            "8",
        ],
        &format!("{PASSWORD}\ngezd gnbv gy3t qojq gezd gnbv gy3t qojq\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(cli.ok(&["code", "manual", "--at", "59"]), "94287082\n");
    // A key with a typo is explained, not stored.
    let out = cli.run_with(
        &["add", "--issuer", "Typo", "--account", "me"],
        &format!("{PASSWORD}\nGEZD0NBV\n"),
    );
    assert_fails(&out, 1, "invalid character '0' at position 5");
    let out = cli.run_with(
        &["add", "--issuer", "H", "--type", "hotp"],
        &format!("{PASSWORD}\n"),
    );
    assert_fails(&out, 2, "--counter");
}

#[test]
fn migration_export_adds_every_account_and_skips_duplicates() {
    use tessera::otp::{Account, migration};
    let cli = Cli::new();
    cli.init();
    let accounts: Vec<Account> = [ACME, BANK]
        .iter()
        .map(|u| Account::from_uri(u).unwrap())
        .collect();
    let encoded = migration::encode(&accounts, 42);
    let uri = encoded.uris[0].expose().to_owned();
    let out = cli.ok(&["add", &uri]);
    assert_eq!(out.matches("Added").count(), 2, "{out}");
    let again = cli.run_with(&["add", &uri], &format!("{PASSWORD}\n"));
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(
        stderr(&again).matches("already in the vault").count(),
        2,
        "{}",
        stderr(&again)
    );
    assert_eq!(cli.json(&["list", "--json"]).as_array().unwrap().len(), 2);
}

#[test]
fn edit_remove_and_export() {
    let cli = Cli::new();
    cli.init();
    cli.ok(&["add", ACME]);
    cli.ok(&["add", BANK]);
    cli.ok(&[
        "edit",
        "acme",
        "--group",
        "Trabalho",
        "--favourite",
        "--notes",
        "nota",
    ]);
    let list = cli.json(&["list", "--json"]);
    assert_eq!(list[0]["issuer"], "ACME Cloud", "favourites first");
    assert_eq!(list[0]["group"], "Trabalho");
    assert_eq!(list[0]["favourite"], true);

    // export --format uris gives back links that add to an equal vault.
    let exported = cli.ok(&["export", "--format", "uris"]);
    let lines: Vec<&str> = exported.lines().collect();
    assert_eq!(lines.len(), 2);
    let acme = tessera::otp::Account::from_uri(lines[0]).unwrap();
    assert_eq!(acme, tessera::otp::Account::from_uri(ACME).unwrap());

    assert!(cli.ok(&["remove", "bank"]).contains("Removed Bank (me)"));
    assert_eq!(cli.json(&["list", "--json"]).as_array().unwrap().len(), 1);
    let out = cli.run_with(&["remove", "bank"], &format!("{PASSWORD}\n"));
    assert_fails(&out, 1, "no entry matches");
    let out = cli.run_with(&["edit", "acme"], &format!("{PASSWORD}\n"));
    assert_fails(&out, 2, "say what to change");
}

#[test]
fn list_and_code_show_entries_in_natural_order() {
    let cli = Cli::new();
    cli.init();
    let issuers = ["Dash10", "Dash2", "Dash1", "%C3%81baco", "Abacus", "Zeta"];
    for (issuer, last) in issuers.iter().zip('A'..) {
        // A key of its own each, or the second would be a duplicate.
        let uri =
            format!("otpauth://totp/{issuer}:me?secret=JBSWY3DPEHPK3PX{last}&issuer={issuer}");
        cli.ok(&["add", &uri]);
    }
    let want = ["Ábaco", "Abacus", "Dash1", "Dash2", "Dash10", "Zeta"];
    let issuers = |json: serde_json::Value| -> Vec<String> {
        json.as_array()
            .unwrap()
            .iter()
            .map(|e| e["issuer"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(issuers(cli.json(&["list", "--json"])), want);
    assert_eq!(issuers(cli.json(&["code", "--json"])), want);
    let plain = cli.ok(&["list"]);
    let at = |name: &str| {
        plain
            .find(&format!("{name} "))
            .unwrap_or_else(|| panic!("{name}: {plain}"))
    };
    assert!(
        at("Dash1") < at("Dash2") && at("Dash2") < at("Dash10"),
        "{plain}"
    );
}

#[test]
fn wrong_password_exits_1_and_leaves_the_file_alone() {
    let cli = Cli::new();
    cli.init();
    cli.ok(&["add", ACME]);
    let before = std::fs::read(cli.vault()).unwrap();
    for args in [&["list"][..], &["add", BANK], &["remove", "acme"]] {
        let out = cli.run_with(args, "not the password\n");
        assert_fails(&out, 1, "Wrong password");
        assert_eq!(stdout(&out), "");
    }
    assert_eq!(
        std::fs::read(cli.vault()).unwrap(),
        before,
        "byte for byte untouched"
    );
}

#[test]
fn password_sources_follow_the_contract() {
    let cli = Cli::new();
    cli.init();
    // --password-file wins over stdin.
    let pw = cli.password_file();
    let out = cli.run_with(
        &["--password-file", pw.to_str().unwrap(), "list"],
        "wrong\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // No password at all, no terminal: a clear error, not a hang.
    let out = cli.command().arg("list").output().unwrap();
    assert_fails(&out, 1, "standard input ended before the password");
    // A missing vault says how to make one.
    let out = cli
        .command()
        .env("TESSERA_VAULT", cli.dir().join("nope.tessera"))
        .arg("list")
        .output()
        .unwrap();
    assert_fails(&out, 1, "tessera init");
    // --vault beats TESSERA_VAULT.
    let other = cli.dir().join("other.tessera");
    let out = cli.run_with(
        &["--vault", other.to_str().unwrap(), "init"],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(other.exists());
    // init never overwrites.
    let out = cli.run_with(&["init"], &format!("{PASSWORD}\n"));
    assert_fails(&out, 1, "already exists");
    // Short passwords are refused at init.
    let out = cli.run_with(
        &["--vault", "/tmp/x-never-created.tessera", "init"],
        "short\n",
    );
    assert_fails(&out, 1, "at least 8 characters");
    assert!(!Path::new("/tmp/x-never-created.tessera").exists());
}

#[test]
fn a_wrong_password_is_told_in_the_locale_language() {
    let cli = Cli::new();
    cli.init();
    let out = run_with_stdin(
        cli.command().env("LANG", "pt_BR.UTF-8").args(["list"]),
        "not the password\n",
    );
    assert_fails(&out, 1, "Senha incorreta para o cofre em");
    assert!(stderr(&out).contains("maiúsculas e minúsculas contam"));
    assert!(stderr(&out).contains(&cli.vault().display().to_string()));
    // A missing vault, too.
    let out = run(cli.command().env("LC_ALL", "pt_BR.UTF-8").args([
        "--vault",
        "/nonexistent/v.tessera",
        "list",
    ]));
    assert_fails(&out, 1, "não há cofre em /nonexistent/v.tessera");
}

#[test]
fn passwd_changes_the_password() {
    let cli = Cli::new();
    cli.init();
    cli.ok(&["add", ACME]);
    let out = cli.run_with(
        &["passwd"],
        &format!("{PASSWORD}\na brand new passphrase\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = cli.run_with(&["list"], &format!("{PASSWORD}\n"));
    assert_fails(&out, 1, "Wrong password");
    let out = cli.run_with(&["list", "--json"], "a brand new passphrase\n");
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("ACME Cloud"));
}

#[test]
fn the_default_vault_lives_in_xdg_data_home() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("share");
    let mut child = tessera()
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", &data)
        .arg("init")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // The process may exit without reading its input.
    let _ = child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PASSWORD}\n").as_bytes());
    assert!(child.wait().unwrap().success());
    assert!(data.join("tessera/vault.tessera").is_file());
}

// --- With a real Secret Service ------------------------------------------------

fn secret_tool_lookup(vault_id: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            "tessera",
            "username",
            &format!("vault-{vault_id}"),
        ])
        .output()
        .unwrap();
    (out.status.success() && !out.stdout.is_empty()).then(|| stdout(&out))
}

fn vault_id(path: &Path) -> String {
    tessera::vault::Vault::inspect(path).unwrap().id
}

#[test]
fn keyring_unlock_end_to_end() {
    if !is_child() {
        return expect_child_passes(
            child_in_private_keyring("keyring_unlock_end_to_end"),
            "keyring_unlock_end_to_end",
        );
    }
    let cli = Cli::new();
    let out = cli.run_with(&["init", "--keyring"], &format!("{PASSWORD}\n"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let id = vault_id(&cli.vault());
    assert!(
        secret_tool_lookup(&id).is_some(),
        "the key is in the keyring"
    );

    // No password anywhere: the keyring unlocks.
    let out = cli.command().args(["add", ACME]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = cli.command().args(["list", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("ACME Cloud"));
    assert_eq!(stderr(&out), "", "no note when the keyring works");

    // --no-keyring asks for the password.
    let out = cli
        .command()
        .args(["--no-keyring", "list"])
        .output()
        .unwrap();
    assert_fails(&out, 1, "standard input ended before the password");

    // The item deleted behind Tessera's back: it falls back to the password and says why.
    let cleared = Command::new("secret-tool")
        .args([
            "clear",
            "service",
            "tessera",
            "username",
            &format!("vault-{id}"),
        ])
        .status()
        .unwrap();
    assert!(cleared.success());
    let out = cli.run_with(&["list"], &format!("{PASSWORD}\n"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("has no key for this vault"),
        "{}",
        stderr(&out)
    );
    let out = cli.command().arg("list").output().unwrap();
    assert_fails(&out, 1, "has no key for this vault");

    // enable again, then disable removes the item and the slot.
    cli.ok(&["keyring", "enable"]);
    assert!(secret_tool_lookup(&id).is_some());
    assert_eq!(
        cli.command().arg("list").output().unwrap().status.code(),
        Some(0)
    );

    // passwd re-keys the vault; the keyring slot is re-sealed under the key
    // the keyring holds, so keyring unlock keeps working, and the new
    // password works without it.
    let new_password = cli.dir().join("new-password.txt");
    std::fs::write(&new_password, "a brand new passphrase\n").unwrap();
    let out = cli
        .command()
        .args(["passwd", "--new-password-file"])
        .arg(&new_password)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("re-encrypted it under a new key"),
        "{}",
        stdout(&out)
    );
    assert_eq!(stderr(&out), "", "keyring unlock was kept: no note");
    let out = cli.command().args(["list", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("ACME Cloud"));
    let out = cli.run_with(&["--no-keyring", "list"], "a brand new passphrase\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // Turning it off needs the password (the vault is re-keyed, like `passwd`).
    let out = cli.command().args(["keyring", "disable"]).output().unwrap();
    assert_fails(&out, 1, "standard input ended before the password");
    let out = cli.run_with(&["keyring", "disable"], "not the password\n");
    assert_fails(&out, 1, "wrong password");
    let out = cli.run_with(&["keyring", "disable"], "a brand new passphrase\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("re-encrypted under a new key"),
        "{}",
        stdout(&out)
    );
    assert!(
        secret_tool_lookup(&id).is_none(),
        "disable removes the item"
    );
    assert!(
        !tessera::vault::Vault::inspect(&cli.vault())
            .unwrap()
            .has_keyring_slot
    );
    let out = cli.command().arg("list").output().unwrap();
    assert_fails(&out, 1, "standard input ended before the password");
}

#[test]
fn an_unreachable_keyring_falls_back_to_the_password() {
    if !is_child() {
        return expect_child_passes(
            child_in_private_keyring("an_unreachable_keyring_falls_back_to_the_password"),
            "an_unreachable_keyring_falls_back_to_the_password",
        );
    }
    let cli = Cli::new();
    let out = cli.run_with(&["init", "--keyring"], &format!("{PASSWORD}\n"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dead = cli.dir().join("no-bus");
    let out = run_with_stdin(
        cli.command()
            .env(
                "DBUS_SESSION_BUS_ADDRESS",
                format!("unix:path={}", dead.display()),
            )
            .arg("list"),
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("keyring is not available"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn recovery_codes_add_list_use() {
    let cli = Cli::new();
    cli.init();
    cli.ok(&["add", ACME]);
    let file = cli.dir().join("codes.txt");
    std::fs::write(
        &file,
        "ACME Cloud backup codes\nKeep them safe.\n\n1. 2847 1936   4. 1111 2222\n2. 5930 2841   5. 3333 4444\n3. 7712 0349\n",
    )
    .unwrap();
    let out = cli.ok(&["recovery", "acme", "add", file.to_str().unwrap()]);
    assert!(out.contains("Stored 5 recovery codes"), "{out}");
    assert_eq!(cli.json(&["list", "--json"])[0]["recovery_codes_left"], 5);
    assert!(
        cli.ok(&["recovery", "acme", "use", "2847-1936"])
            .contains("4 unused codes left")
    );
    let out = cli.run_with(
        &["recovery", "acme", "use", "28471936"],
        &format!("{PASSWORD}\n"),
    );
    assert_fails(&out, 1, "already used");
    let out = cli.run_with(
        &["recovery", "acme", "use", "0000 0000"],
        &format!("{PASSWORD}\n"),
    );
    assert_fails(&out, 1, "not one of this account's recovery codes");
    let listed = cli.ok(&["recovery", "acme", "list"]);
    assert_eq!(listed.lines().count(), 5, "{listed}");
    assert!(
        listed
            .lines()
            .next()
            .unwrap()
            .starts_with("2847 1936  used at "),
        "{listed}"
    );
    // The codes are kept encrypted: not in the file.
    let bytes = std::fs::read(cli.vault()).unwrap();
    assert!(!bytes.windows(9).any(|w| w == b"5930 2841"));
    // Prose alone is refused with advice.
    std::fs::write(&file, "Keep these codes safe.\n").unwrap();
    let out = cli.run_with(
        &["recovery", "acme", "add", file.to_str().unwrap()],
        &format!("{PASSWORD}\n"),
    );
    assert_fails(&out, 1, "no recovery codes were found");
}
