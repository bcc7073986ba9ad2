//! Brand icons on the command line: `edit --icon SLUG|auto|none` stores the
//! same choice the app's details screen stores (the vault's `icon` field, read
//! back here through the core), `list --json` shows the choice and the brand
//! shown, `tessera icons` lists the catalogue, and a mistyped slug is a usage
//! error that names the nearest slugs, in English and Portuguese.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::cli::{Cli, PASSWORD};
use crate::common::{stderr, stdout};
use tessera::clock::Timestamp;
use tessera::secret::Password;
use tessera::vault::{Edit, Icon, KdfPolicy, Unlock, Vault, ops};

const GITHUB: &str =
    "otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub";
const FORGE: &str = "otpauth://totp/My%20forge:carol?secret=JBSWY3DPEHPK3PXP&issuer=My%20forge";

fn open(cli: &Cli) -> Vault {
    Vault::open(
        &cli.vault(),
        Unlock::Password(&Password::new(PASSWORD.to_owned())),
        &KdfPolicy::standard(),
    )
    .unwrap()
}

/// The stored choice of the entry issued by `issuer`, read through the core.
fn stored(cli: &Cli, issuer: &str) -> Icon {
    open(cli)
        .entries()
        .iter()
        .find(|e| e.account.issuer == issuer)
        .unwrap()
        .icon
        .clone()
}

/// `list --json`'s `icon` object of the entry issued by `issuer`.
fn listed(cli: &Cli, issuer: &str) -> serde_json::Value {
    let list = cli.json(&["list", "--json"]);
    list.as_array()
        .unwrap()
        .iter()
        .find(|e| e["issuer"] == issuer)
        .unwrap()["icon"]
        .clone()
}

fn icon(choice: &str, brand: Option<&str>, title: Option<&str>) -> serde_json::Value {
    serde_json::json!({"choice": choice, "brand": brand, "title": title})
}

#[test]
fn edit_icon_stores_the_choice_the_app_reads_and_list_shows_it() {
    let cli = Cli::new();
    cli.init();
    cli.ok(&["add", GITHUB]);
    cli.ok(&["add", FORGE]);
    // Automatic: GitHub matches its brand, "My forge" nothing (the letter).
    assert_eq!(
        listed(&cli, "GitHub"),
        icon("auto", Some("github"), Some("GitHub"))
    );
    assert_eq!(listed(&cli, "My forge"), icon("auto", None, None));

    // A slug.
    assert!(
        cli.ok(&["edit", "carol", "--icon", "gitlab"])
            .contains("Saved My forge (carol).")
    );
    assert_eq!(stored(&cli, "My forge"), Icon::Brand("gitlab".into()));
    assert_eq!(
        listed(&cli, "My forge"),
        icon("gitlab", Some("gitlab"), Some("GitLab"))
    );
    // The letter, even for a matched issuer; then automatic again.
    cli.ok(&["edit", "alice", "--icon", "none"]);
    assert_eq!(stored(&cli, "GitHub"), Icon::Letter);
    assert_eq!(listed(&cli, "GitHub"), icon("none", None, None));
    let plain = cli.ok(&["list"]);
    assert!(
        plain.contains("GitHub (alice)  (totp)  [icon none]"),
        "{plain}"
    );
    assert!(
        plain.contains("My forge (carol)  (totp)  [icon gitlab]"),
        "{plain}"
    );
    cli.ok(&["edit", "alice", "--icon", "auto"]);
    assert_eq!(stored(&cli, "GitHub"), Icon::Automatic);
    assert_eq!(
        listed(&cli, "GitHub"),
        icon("auto", Some("github"), Some("GitHub"))
    );
    assert!(!cli.ok(&["list"]).contains("GitHub (alice)  (totp)  ["));
    // A brand's name stores its slug.
    cli.ok(&["edit", "carol", "--icon", "Google Cloud"]);
    assert_eq!(stored(&cli, "My forge"), Icon::Brand("googlecloud".into()));

    // The other way: a choice saved through the core (as the app's details
    // screen saves it) is what the command line lists.
    let mut vault = open(&cli);
    let id = vault
        .entries()
        .iter()
        .find(|e| e.account.issuer == "My forge")
        .unwrap()
        .id
        .clone();
    let change = Edit {
        icon: Some(Icon::Brand("tailscale".into())),
        ..Edit::default()
    };
    vault
        .modify(|entries| ops::edit(entries, &id, change, Timestamp(1_800_000_000)))
        .unwrap();
    drop(vault);
    assert_eq!(
        listed(&cli, "My forge"),
        icon("tailscale", Some("tailscale"), Some("Tailscale"))
    );
    // A slug this build does not know (a newer Tessera's) is kept and shown
    // as automatic matching shows it.
    let mut vault = open(&cli);
    let change = Edit {
        icon: Some(Icon::Brand("some-future-brand".into())),
        ..Edit::default()
    };
    vault
        .modify(|entries| ops::edit(entries, &id, change, Timestamp(1_800_000_001)))
        .unwrap();
    drop(vault);
    assert_eq!(
        listed(&cli, "My forge"),
        icon("some-future-brand", None, None)
    );
}

#[test]
fn a_mistyped_slug_is_a_usage_error_that_names_the_nearest() {
    let cli = Cli::detached();
    cli.init();
    cli.ok(&["add", FORGE]);
    let before = std::fs::read(cli.vault()).unwrap();
    for (lang, given, said) in [
        (
            "en_US.UTF-8",
            "githbu",
            "tessera: There is no brand icon \"githbu\"; did you mean github? `tessera icons --search TEXT` lists them all.\n",
        ),
        (
            "pt_BR.UTF-8",
            "githbu",
            "tessera: Não há ícone de marca \"githbu\"; você quis dizer github? `tessera icons --search TEXTO` lista todos.\n",
        ),
        (
            "en_US.UTF-8",
            "qqqqqqqq",
            "tessera: There is no brand icon \"qqqqqqqq\"; `tessera icons --search TEXT` lists them, `auto` matches the issuer again and `none` keeps the letter.\n",
        ),
    ] {
        // No password is asked for: the choice is read first.
        let out = cli
            .command()
            .args(["edit", "carol", "--icon", given])
            .env("LC_ALL", lang)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert_eq!(stderr(&out), said);
        assert_eq!(stdout(&out), "");
    }
    assert_eq!(std::fs::read(cli.vault()).unwrap(), before, "nothing saved");
    assert_eq!(stored(&cli, "My forge"), Icon::Automatic);
}

#[test]
fn icons_lists_the_catalogue_and_searches_it() {
    let cli = Cli::detached();
    // No vault needed.
    let all: serde_json::Value =
        serde_json::from_str(&cli.ok_with(&["icons", "--json"], "")).unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), tessera::brand::all().len());
    let github = all.iter().find(|b| b["slug"] == "github").unwrap();
    assert_eq!(
        *github,
        serde_json::json!({
            "slug": "github",
            "title": "GitHub",
            "colour": "#181717",
            "domains": ["github.com"],
            "aliases": ["gh"],
        })
    );
    // Every slug listed is one `edit --icon` takes.
    for brand in all {
        let slug = brand["slug"].as_str().unwrap();
        assert_eq!(
            tessera::brand::parse_choice(slug),
            Ok(Icon::Brand(slug.to_owned()))
        );
    }

    // One brand a line: slug (padded), name, domains; names that begin
    // with the text first.
    let found = cli.ok_with(&["icons", "--search", "GIT"], "");
    let first: Vec<Vec<&str>> = found
        .lines()
        .take(3)
        .map(|line| {
            line.split("  ")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(
        first,
        [
            ["github", "GitHub", "(github.com)"],
            ["gitkraken", "GitKraken", "(gitkraken.com)"],
            ["gitlab", "GitLab", "(gitlab.com)"]
        ],
        "{found}"
    );
    assert!(
        found.lines().any(|l| l.starts_with("digitalocean ")),
        "{found}"
    );

    let out = cli
        .command()
        .args(["icons", "--search", "zzzz nothing"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "tessera: No brand icon matches \"zzzz nothing\"; `tessera icons` lists them all.\n"
    );
}
