//! Brand icons: the Simple Icons brands embedded in `resources/icons/brands.tsv`
//! (made by `scripts/brand-icons.py`, CC0) and which one an entry shows. Both
//! front ends read them here: the app draws the icon (`gui::brand`: path data
//! to a canvas path, the colour per theme), the command line lists the
//! catalogue and sets an entry's choice. The rules are in `docs/design.md`
//! ("Brand icons").
//!
//! The table (16 kB) is read once per process, on first use. Each icon's path
//! data is kept apart in `brand-paths.txt` (290 kB), so that only the pages of
//! icons drawn are ever touched.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::vault::{Entry, Icon, fold};

/// The embedded table.
const TABLE: &str = include_str!("../resources/icons/brands.tsv");
/// The brands' path data, which the table points into.
const PATHS: &str = include_str!("../resources/icons/brand-paths.txt");

/// The side of Simple Icons' view box, which [`Brand::path_data`] is drawn on.
pub const VIEW_BOX: f32 = 24.0;

/// A brand's colour, 8 bits a channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Rgb {
    /// `RRGGBB` (no `#`) as a colour.
    fn from_hex(text: &str) -> Option<Self> {
        let value = u32::from_str_radix(text, 16)
            .ok()
            .filter(|_| text.len() == 6)?;
        let [_, r, g, b] = value.to_be_bytes();
        Some(Self { r, g, b })
    }
}

/// `#rrggbb`, as CSS and Simple Icons write it.
impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// One brand.
pub struct Brand {
    /// Simple Icons' slug (`github`): what an entry stores when chosen by hand.
    pub slug: &'static str,
    /// The brand's name as Simple Icons writes it.
    pub title: &'static str,
    /// The brand's colour.
    pub colour: Rgb,
    /// Its place in [`all`].
    index: usize,
    /// Domains the brand's codes are for (`github.com`), comma-separated.
    domains: &'static str,
    /// Other names (`twitter` for X), comma-separated.
    aliases: &'static str,
    /// SVG path data on a [`VIEW_BOX`]-sided square.
    data: &'static str,
}

impl std::fmt::Debug for Brand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Brand").field("slug", &self.slug).finish()
    }
}

impl PartialEq for Brand {
    fn eq(&self, other: &Self) -> bool {
        self.slug == other.slug
    }
}

impl Brand {
    /// Its place in [`all`] (for keeping something per brand in a slice).
    pub fn index(&self) -> usize {
        self.index
    }

    /// The domains it lists.
    pub fn domains(&self) -> impl Iterator<Item = &'static str> {
        self.domains.split(',').filter(|d| !d.is_empty())
    }

    /// The other names it lists.
    pub fn aliases(&self) -> impl Iterator<Item = &'static str> {
        self.aliases.split(',').filter(|a| !a.is_empty())
    }

    /// The icon: SVG path data (the `d` attribute) on a [`VIEW_BOX`]-sided
    /// square, filled with the non-zero rule.
    pub fn path_data(&self) -> &'static str {
        self.data
    }
}

/// The table read, with its lookups.
struct Catalogue {
    brands: Vec<Brand>,
    /// Normalised names ([`key`]) of titles, slugs and aliases.
    names: HashMap<String, usize>,
    /// Domains, lower case.
    domains: HashMap<&'static str, usize>,
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| read(TABLE))
}

/// `START+LENGTH` of [`PATHS`] (`None` if out of range or not on characters).
fn path_data(at: &str) -> Option<&'static str> {
    let (start, length) = at.split_once('+')?;
    let start: usize = start.parse().ok()?;
    PATHS.get(start..start.checked_add(length.parse().ok()?)?)
}

fn read(table: &'static str) -> Catalogue {
    let brands: Vec<Brand> = table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let (slug, title, colour, domains, aliases, data) = (
                fields.next()?,
                fields.next()?,
                Rgb::from_hex(fields.next()?)?,
                fields.next()?,
                fields.next()?,
                path_data(fields.next()?)?,
            );
            Some((slug, title, colour, domains, aliases, data))
        })
        .enumerate()
        .map(
            |(index, (slug, title, colour, domains, aliases, data))| Brand {
                slug,
                title,
                colour,
                index,
                domains,
                aliases,
                data,
            },
        )
        .collect();
    let mut names = HashMap::new();
    // Titles and slugs first: an alias never takes another brand's own name.
    for (i, brand) in brands.iter().enumerate() {
        names.entry(key(brand.title)).or_insert(i);
        names.entry(key(brand.slug)).or_insert(i);
    }
    for (i, brand) in brands.iter().enumerate() {
        for alias in brand.aliases() {
            names.entry(key(alias)).or_insert(i);
        }
    }
    let mut domains = HashMap::new();
    for (i, brand) in brands.iter().enumerate() {
        for domain in brand.domains() {
            domains.entry(domain).or_insert(i);
        }
    }
    Catalogue {
        brands,
        names,
        domains,
    }
}

/// Every brand, in the table's order.
pub fn all() -> &'static [Brand] {
    &catalogue().brands
}

/// The brand with this slug.
pub fn by_slug(slug: &str) -> Option<&'static Brand> {
    all().iter().find(|b| b.slug == slug)
}

/// The brand icon `entry` shows: its own choice, or the match for its issuer
/// (a brand chosen by hand that this build does not know is matched as if
/// automatic).
pub fn for_entry(entry: &Entry) -> Option<&'static Brand> {
    shown(&entry.icon, &entry.account.issuer, &entry.account.name)
}

/// The brand icon an entry with this choice, issuer and account name shows
/// ([`for_entry`]; the details screen asks it of the issuer being typed).
pub fn shown(icon: &Icon, issuer: &str, account: &str) -> Option<&'static Brand> {
    match icon {
        Icon::Letter => None,
        Icon::Brand(slug) => by_slug(slug).or_else(|| matching(issuer, account)),
        Icon::Automatic => matching(issuer, account),
    }
}

/// How an icon choice is written on the command line and in JSON:
/// [`AUTOMATIC`], [`LETTER`], or a brand's slug.
pub const AUTOMATIC: &str = "auto";
/// The word for [`Icon::Letter`] ([`AUTOMATIC`]).
pub const LETTER: &str = "none";

/// An icon choice as written on the command line and in JSON: `auto`,
/// `none`, or the slug stored (even one this build does not know).
pub fn choice_name(icon: &Icon) -> &str {
    match icon {
        Icon::Automatic => AUTOMATIC,
        Icon::Letter => LETTER,
        Icon::Brand(slug) => slug,
    }
}

/// Why an icon choice could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No brand has this slug or name.
    #[error("{}", english_unknown(.given, .nearest))]
    Unknown {
        /// What was given.
        given: String,
        /// The slugs nearest to it ([`nearest`]), perhaps none.
        nearest: Vec<&'static str>,
    },
}

/// [`Error::Unknown`] in English (the `Display` the message catalog's
/// English matches).
fn english_unknown(given: &str, nearest: &[&str]) -> String {
    if nearest.is_empty() {
        format!(
            "there is no brand icon {given:?}; `tessera icons --search TEXT` lists them, `auto` matches the issuer again and `none` keeps the letter"
        )
    } else {
        format!(
            "there is no brand icon {given:?}; did you mean {}? `tessera icons --search TEXT` lists them all",
            nearest.join(", ")
        )
    }
}

/// The choice `text` names ([`choice_name`]'s words): `auto`, `none` (any
/// case), a brand's slug, or a brand's name or alias as [`matching`] reads
/// names (`GitHub`, `Google Cloud`, `twitter`).
pub fn parse_choice(text: &str) -> Result<Icon, Error> {
    let text = text.trim();
    if text.eq_ignore_ascii_case(AUTOMATIC) {
        return Ok(Icon::Automatic);
    }
    if text.eq_ignore_ascii_case(LETTER) {
        return Ok(Icon::Letter);
    }
    named(text)
        .map(|b| Icon::Brand(b.slug.to_owned()))
        .ok_or_else(|| Error::Unknown {
            given: text.to_owned(),
            nearest: nearest(text, NEAREST).into_iter().map(|b| b.slug).collect(),
        })
}

/// How many slugs an unknown choice suggests.
const NEAREST: usize = 3;

/// The brand `text` names: its slug (any case), or its title or an alias
/// (case, accents, spaces and punctuation aside). Never a domain or a
/// shortened name: that is [`matching`]'s guess, not a choice.
pub fn named(text: &str) -> Option<&'static Brand> {
    let text = text.trim();
    by_slug(&text.to_lowercase()).or_else(|| {
        let c = catalogue();
        c.names.get(&key(text)).map(|&i| &c.brands[i])
    })
}

/// Every name a brand answers to, as [`key`]s: slug, title, aliases.
fn keys_of(brand: &Brand) -> impl Iterator<Item = String> {
    [brand.slug, brand.title]
        .into_iter()
        .chain(brand.aliases())
        .map(key)
}

/// The brands `text` finds, best first: those whose slug, title, alias or
/// domain holds it (case, accents, spaces and punctuation aside); a name
/// that is `text` comes first, then names that begin with it, then the rest,
/// each by title. Empty `text`: every brand, by title.
pub fn search(text: &str) -> Vec<&'static Brand> {
    let wanted = key(text);
    let domain = text.trim().to_lowercase();
    let mut found: Vec<(u8, String, &'static Brand)> = all()
        .iter()
        .filter_map(|brand| {
            let rank = if wanted.is_empty() {
                Some(0)
            } else {
                keys_of(brand)
                    .filter_map(|name| {
                        if name == wanted {
                            Some(0)
                        } else if name.starts_with(&wanted) {
                            Some(1)
                        } else if name.contains(&wanted) {
                            Some(2)
                        } else {
                            None
                        }
                    })
                    .chain(
                        brand
                            .domains()
                            .any(|d| !domain.is_empty() && d.contains(&domain))
                            .then_some(2),
                    )
                    .min()
            }?;
            Some((rank, fold(brand.title), brand))
        })
        .collect();
    found.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    found.into_iter().map(|(_, _, brand)| brand).collect()
}

/// Up to `n` brands whose names are nearest to `text`, nearest first: those
/// a search finds ([`search`]), then those within a few typing mistakes
/// (a letter missing, added, changed, or two swapped: about one in three
/// letters at most); none when nothing is that near.
pub fn nearest(text: &str, n: usize) -> Vec<&'static Brand> {
    let wanted = key(text);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut out = if wanted.chars().count() >= SHORTEST_PREFIX {
        search(text)
    } else {
        Vec::new()
    };
    out.truncate(n);
    let most = (wanted.chars().count() / 3).max(1);
    let mut near: Vec<(usize, String, &'static Brand)> = all()
        .iter()
        .filter(|b| !out.contains(b))
        .filter_map(|brand| {
            let distance = keys_of(brand)
                .map(|name| typing_distance(&wanted, &name))
                .min()?;
            (distance <= most).then(|| (distance, fold(brand.title), brand))
        })
        .collect();
    near.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    out.extend(near.into_iter().map(|(_, _, b)| b));
    out.truncate(n);
    out
}

/// The fewest typing mistakes between `a` and `b`: a letter inserted,
/// deleted, replaced, or two neighbours swapped (the optimal string
/// alignment distance).
fn typing_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the table: two back, one back, this one.
    let mut before: Vec<usize> = Vec::new();
    let mut last: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            row[j] = best;
        }
        before = std::mem::replace(&mut last, row);
    }
    last[b.len()]
}

/// A name reduced to what tells brands apart: lower case, Latin accents
/// dropped, letters and digits only ("Cloudflare, Inc." → "cloudflareinc").
fn key(name: &str) -> String {
    fold(name).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Words a company name may end with that do not name the brand.
const COMPANY_SUFFIXES: &[&str] = &[
    "inc",
    "llc",
    "ltd",
    "limited",
    "gmbh",
    "ag",
    "sa",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "bv",
    "nv",
    "ab",
    "oy",
    "srl",
    "sas",
    "pty",
    "kk",
    "ltda",
];

/// Endings of a domain-like issuer ("github.com") dropped to find its name.
const DOMAIN_ENDINGS: &[&str] = &[
    ".com.br", ".co.uk", ".com", ".net", ".org", ".io", ".co", ".app", ".dev", ".me", ".de", ".eu",
    ".us", ".tv",
];

/// The shortest name shortened issuers are matched on ("Apple Bank" is
/// never tried as "Ap…", "X Corp" only through its suffix).
const SHORTEST_PREFIX: usize = 3;

/// The brand an account's issuer names, or (with no issuer) the brand whose
/// domain the account is at; `None` when nothing matches.
///
/// 1. An issuer written as a domain or address (`github.com`,
///    `https://login.github.com/`) is looked up by domain.
/// 2. Otherwise by name: case, Latin accents and punctuation aside, after
///    dropping company suffixes ("Cloudflare, Inc."), a domain ending
///    ("npmjs.com") and, failing that, trailing words one at a time
///    ("Google Cloud Platform" → "Google Cloud"), never below three letters.
/// 3. With no issuer, an account that is a domain or address (`github.com`,
///    `https://github.com/alice`) is looked up by domain. An e-mail address
///    never is: `alice@github.com` is where the person gets mail, not the
///    service the code is for.
pub fn matching(issuer: &str, account: &str) -> Option<&'static Brand> {
    let c = catalogue();
    let issuer = issuer.trim();
    let found = if issuer.is_empty() {
        by_domain(c, account)
    } else {
        by_domain(c, issuer).or_else(|| by_name(c, issuer))
    };
    found.map(|i| &c.brands[i])
}

/// The host of a domain or web address (`https://Login.GitHub.com/x` →
/// `login.github.com`); `None` for anything else (an e-mail address, a name
/// with spaces, a word without a dot).
fn host(text: &str) -> Option<String> {
    let text = text.trim().to_lowercase();
    if text.contains('@') {
        return None;
    }
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .unwrap_or(&text);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    let valid = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    valid.then(|| host.to_owned())
}

/// The brand listing `text`'s host or a domain it is under.
fn by_domain(c: &Catalogue, text: &str) -> Option<usize> {
    let host = host(text)?;
    let mut rest = host.as_str();
    loop {
        if let Some(&i) = c.domains.get(rest) {
            return Some(i);
        }
        // login.github.com → github.com; never down to the bare ending.
        let (_, parent) = rest.split_once('.')?;
        if !parent.contains('.') {
            return None;
        }
        rest = parent;
    }
}

/// The brand named by `issuer` (rule 2 of [`matching`]).
fn by_name(c: &Catalogue, issuer: &str) -> Option<usize> {
    let lookup = |name: &str| c.names.get(&key(name)).copied();
    if let Some(i) = lookup(issuer) {
        return Some(i);
    }
    let folded = fold(issuer);
    let mut words: Vec<&str> = folded
        .split(|ch: char| ch.is_whitespace() || ch == ',')
        .filter(|w| !w.is_empty())
        .collect();
    // "Cloudflare, Inc." → "Cloudflare".
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| COMPANY_SUFFIXES.contains(&key(w).as_str()))
    {
        words.pop();
    }
    // "npmjs.com" → "npmjs".
    if let Some(&last) = words.last()
        && let Some(ending) = DOMAIN_ENDINGS.iter().find(|e| last.ends_with(**e))
    {
        let at = words.len() - 1;
        words[at] = &last[..last.len() - ending.len()];
    }
    while !words.is_empty() {
        let name = words.join(" ");
        if key(&name).chars().count() < SHORTEST_PREFIX {
            break;
        }
        if let Some(i) = lookup(&name) {
            return Some(i);
        }
        words.pop();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(issuer: &str, account: &str) -> Option<&'static str> {
        matching(issuer, account).map(|b| b.slug)
    }

    #[test]
    fn the_table_reads_whole() {
        let brands = all();
        assert!(
            (200..=300).contains(&brands.len()),
            "{} brands",
            brands.len()
        );
        for (i, brand) in brands.iter().enumerate() {
            assert_eq!(brand.index(), i);
            assert!(!brand.title.is_empty());
            assert!(
                brand.path_data().starts_with(['M', 'm']),
                "{}: {:.20}",
                brand.slug,
                brand.path_data()
            );
        }
        let github = by_slug("github").unwrap_or_else(|| panic!("no GitHub"));
        assert_eq!(github.title, "GitHub");
        assert_eq!(
            github.colour,
            Rgb {
                r: 0x18,
                g: 0x17,
                b: 0x17
            }
        );
        assert_eq!(github.colour.to_string(), "#181717");
        assert_eq!(github.domains().collect::<Vec<_>>(), ["github.com"]);
    }

    #[test]
    fn issuers_as_dashboards_write_them() {
        let cases = [
            ("GitHub", Some("github")),
            ("github", Some("github")),
            ("github.com", Some("github")),
            ("https://github.com/", Some("github")),
            ("Google", Some("google")),
            ("Google Cloud", Some("googlecloud")),
            ("Google Cloud Platform", Some("googlecloud")),
            ("GitHub Enterprise", Some("github")),
            ("Steam Community", Some("steam")),
            ("Cloudflare, Inc.", Some("cloudflare")),
            ("Cloudflare Inc", Some("cloudflare")),
            ("Twitter", Some("x")),
            ("x.com", Some("x")),
            ("X", Some("x")),
            ("npmjs.com", Some("npm")),
            ("npm", Some("npm")),
            ("gh", Some("github")),
            ("Epic Games", Some("epicgames")),
            ("Battle.net", Some("battledotnet")),
            ("Blizzard", Some("battledotnet")),
            ("Proton AG", Some("proton")),
            ("Tutanota", Some("tuta")),
            ("Linode", Some("akamai")),
            ("1Password", Some("1password")),
            ("DigitalOcean", Some("digitalocean")),
            ("Discord", Some("discord")),
            ("Ubisoft Connect", Some("ubisoft")),
            ("TP-Link", Some("tplink")),
            ("Nubank", Some("nubank")),
            ("Mercado Pago", Some("mercadopago")),
            ("Crédit Agricole", None),
            // Simple Icons no longer carries these (their owners asked it
            // to remove them): the letter avatar stands in.
            ("Amazon Web Services", None),
            ("AWS", None),
            ("Microsoft", None),
            ("Slack", None),
            // Unknown, or too short once shortened.
            ("ACME Cloud", None),
            ("Xy Corp", None),
            ("", None),
        ];
        for (issuer, want) in cases {
            assert_eq!(slug(issuer, "alice"), want, "issuer {issuer:?}");
        }
    }

    #[test]
    fn accents_and_case_do_not_matter() {
        assert_eq!(slug("GITHUB", ""), Some("github"));
        assert_eq!(slug("Gíthub", ""), Some("github"));
        assert_eq!(slug("  PayPal  ", ""), Some("paypal"));
    }

    #[test]
    fn an_account_decides_only_without_an_issuer_and_never_by_mail() {
        // An address at a domain is where mail goes, not the service.
        assert_eq!(slug("", "alice@github.com"), None);
        assert_eq!(slug("", "alice@gmail.com"), None);
        // A domain or web address as the account, with no issuer.
        assert_eq!(slug("", "github.com"), Some("github"));
        assert_eq!(slug("", "https://gitlab.com/alice"), Some("gitlab"));
        assert_eq!(slug("", "login.tailscale.com"), Some("tailscale"));
        assert_eq!(slug("", "www.dropbox.com"), Some("dropbox"));
        // Not a domain: no match.
        assert_eq!(slug("", "alice"), None);
        assert_eq!(slug("", "com"), None);
        // The issuer decides whatever the account says.
        assert_eq!(slug("Slack", "alice@github.com"), None);
        assert_eq!(slug("GitLab", "github.com"), Some("gitlab"));
        // A subdomain, never the bare ending.
        assert_eq!(slug("", "evil.com"), None);
    }

    #[test]
    fn the_choice_stored_in_the_entry_wins() {
        use crate::clock::Timestamp;
        use crate::otp::{Account, Params, decode_base32};
        let secret = decode_base32("JBSWY3DPEHPK3PXP").unwrap_or_else(|e| panic!("{e}"));
        let account = Account::new("GitHub", "alice", secret, Params::totp())
            .unwrap_or_else(|e| panic!("{e}"));
        let mut entry = Entry::new(account, Timestamp(0)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(for_entry(&entry).map(|b| b.slug), Some("github"));
        entry.icon = Icon::Letter;
        assert_eq!(for_entry(&entry), None);
        entry.icon = Icon::Brand("gitlab".into());
        assert_eq!(for_entry(&entry).map(|b| b.slug), Some("gitlab"));
        entry.icon = Icon::Brand("not-a-brand-here".into());
        assert_eq!(for_entry(&entry).map(|b| b.slug), Some("github"));
    }

    #[test]
    fn choices_read_as_the_command_line_writes_them() {
        assert_eq!(parse_choice("auto"), Ok(Icon::Automatic));
        assert_eq!(parse_choice(" AUTO "), Ok(Icon::Automatic));
        assert_eq!(parse_choice("none"), Ok(Icon::Letter));
        assert_eq!(parse_choice("github"), Ok(Icon::Brand("github".into())));
        // A title or an alias names a brand; its slug is what is stored.
        assert_eq!(parse_choice("GitHub"), Ok(Icon::Brand("github".into())));
        assert_eq!(
            parse_choice("Google Cloud"),
            Ok(Icon::Brand("googlecloud".into()))
        );
        assert_eq!(parse_choice("twitter"), Ok(Icon::Brand("x".into())));
        // A domain or a longer name is a guess for matching, not a choice.
        assert!(parse_choice("github.com").is_err());
        assert!(parse_choice("GitHub Enterprise").is_err());
        for icon in [Icon::Automatic, Icon::Letter, Icon::Brand("gitlab".into())] {
            assert_eq!(parse_choice(choice_name(&icon)), Ok(icon));
        }
    }

    #[test]
    fn an_unknown_choice_suggests_the_nearest_slugs() {
        let nearest = |text: &str| match parse_choice(text) {
            Err(Error::Unknown { given, nearest }) => {
                assert_eq!(given, text.trim());
                nearest
            }
            other => panic!("{text}: {other:?}"),
        };
        // Two letters swapped, one missing, one extra.
        assert_eq!(nearest("githbu")[0], "github");
        assert_eq!(nearest("gitub")[0], "github");
        assert_eq!(nearest("dropboxx")[0], "dropbox");
        // Part of names: the brands it begins.
        assert_eq!(nearest("gitla")[0], "gitlab");
        // Google's two, then Firebase (its domain, firebase.google.com, holds it).
        assert_eq!(nearest("goog"), ["google", "googlecloud", "firebase"]);
        // At most three.
        assert_eq!(nearest("git").len(), NEAREST);
        // Nothing near.
        assert_eq!(nearest("qqqqqqqqqq"), Vec::<&str>::new());
        assert_eq!(nearest(""), Vec::<&str>::new());
    }

    #[test]
    fn a_search_finds_names_then_beginnings_then_parts_and_domains() {
        let slugs = |text: &str| search(text).iter().map(|b| b.slug).collect::<Vec<_>>();
        assert_eq!(slugs("").len(), all().len());
        let git = slugs("git");
        // Names that begin with it, by title, before names that hold it.
        assert_eq!(git[..3], ["github", "gitkraken", "gitlab"], "{git:?}");
        assert!(git.contains(&"digitalocean"), "{git:?}");
        // An exact name first, whatever the title order.
        assert_eq!(slugs("x")[0], "x");
        // An alias and a domain find their brand.
        assert!(slugs("twitter").contains(&"x"));
        assert!(slugs("tailscale.com").contains(&"tailscale"));
        assert_eq!(slugs("nothing like it"), Vec::<&str>::new());
    }

    #[test]
    fn typing_distance_counts_mistakes() {
        assert_eq!(typing_distance("github", "github"), 0);
        assert_eq!(typing_distance("githbu", "github"), 1);
        assert_eq!(typing_distance("gitub", "github"), 1);
        assert_eq!(typing_distance("gitlab", "github"), 2);
        assert_eq!(typing_distance("gitlab", "bitbucket"), 7);
        assert_eq!(typing_distance("", "abc"), 3);
    }
}
