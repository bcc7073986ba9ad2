//! `tessera icons`: the brand icons an entry can show (`edit --icon SLUG`).

use serde_json::Value;

use super::output::{brand_json, print_json};
use super::{Failure, say};
use crate::brand;
use crate::i18n::Key;

const EXAMPLES: &str = "\
Examples:
  tessera icons
      every brand icon: its slug, its name and the domains it is matched by
  tessera icons --search git
      the brands whose name, slug, other names or domains hold 'git'
  tessera edit acme --icon github
      show one beside an account (--icon auto: the one its issuer matches;
      --icon none: the letter)

The icons are Simple Icons' (CC0), embedded in Tessera: nothing is fetched.";

/// Arguments of `tessera icons`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Only the brands whose name, slug, other names or domains hold TEXT
    /// (case and accents aside), best first.
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    /// Print a JSON array of {slug, title, colour, domains, aliases}.
    #[arg(long)]
    json: bool,
}

/// Lists the catalogue; exit 1 when a search finds nothing.
pub fn run(args: &Args) -> Result<(), Failure> {
    let search = args.search.as_deref().unwrap_or("");
    let found = brand::search(search);
    if args.json {
        print_json(&Value::Array(found.iter().map(|b| brand_json(b)).collect()))?;
    } else {
        let width = found.iter().map(|b| b.slug.len()).max().unwrap_or(0);
        for brand in &found {
            let domains: Vec<&str> = brand.domains().collect();
            let title = brand.title;
            let slug = brand.slug;
            if domains.is_empty() {
                say!("{slug:width$}  {title}");
            } else {
                say!("{slug:width$}  {title}  ({})", domains.join(", "));
            }
        }
    }
    if found.is_empty() {
        return Err(Failure::said(
            Key::CliIconsNone,
            &[("search", &format!("{search:?}"))],
        ));
    }
    Ok(())
}
