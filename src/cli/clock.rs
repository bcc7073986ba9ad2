//! `tessera clock`: is this computer's clock right? Codes depend on it.

use serde_json::json;

use super::output::print_json;
use super::{Failure, lang, say};
use crate::clock::sntp::{self, Server};
use crate::clock::sync::{self, SystemSync};
use crate::i18n::{self, Key, Lang, t, tf};

const EXAMPLES: &str = "\
Examples:
  tessera clock
      whether the system keeps its clock synchronised (nothing is sent over the network)
  tessera clock --server pool.ntp.org
      also this computer's offset against that time server (SNTP, UDP port 123)
  tessera clock --server 192.168.1.1:123 --json";

/// Arguments of `tessera clock`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Also measure this computer's offset against this time server
    /// (HOST or HOST:PORT). Without it, nothing is sent over the network.
    #[arg(long, value_name = "HOST[:PORT]")]
    server: Option<String>,

    /// Print {synchronized, network_time, source, server, offset_seconds,
    /// round_trip_seconds} as JSON (offset_seconds: the server's time minus
    /// this computer's; null when not measured).
    #[arg(long)]
    json: bool,
}

pub fn run(args: &Args) -> Result<(), Failure> {
    // A bad server is said before anything else is asked.
    let server = args.server.as_deref().map(Server::parse).transpose()?;
    let system = sync::system_sync();
    let measured = server
        .as_ref()
        .map(|server| sntp::measure(server, sntp::WAIT))
        .transpose()?;
    if args.json {
        return print_json(&json!({
            "synchronized": system.synchronized,
            "network_time": system.network_time,
            "source": system.source.name(),
            "server": server.as_ref().map(ToString::to_string),
            "offset_seconds": measured.map(|m| m.offset_seconds),
            "round_trip_seconds": measured.map(|m| m.round_trip_seconds),
        }));
    }
    let lang = lang();
    say!("{}", system_line(lang, system));
    match (server, measured) {
        (Some(server), Some(m)) => {
            let secs = i18n::decimal(lang, m.offset_seconds.abs(), 1, false);
            let rtt = format!("{:.0}", m.round_trip_seconds * 1000.0);
            // The offset is the server's time minus ours: positive means we are behind.
            let key = if m.offset_seconds < 0.0 {
                Key::ClockAhead
            } else {
                Key::ClockBehind
            };
            let server = server.to_string();
            say!(
                "{}",
                tf(
                    lang,
                    key,
                    &[("server", &server), ("secs", &secs), ("rtt", &rtt)]
                )
            );
            if m.offset_seconds.abs() >= crate::clock::WARN_FROM_SECONDS {
                let apply = format!("{:+.0}", m.offset_seconds);
                say!("{}", tf(lang, Key::ClockOffsetAdvice, &[("secs", &apply)]));
            }
        }
        _ => say!("{}", t(lang, Key::ClockNoServer)),
    }
    Ok(())
}

fn system_line(lang: Lang, system: SystemSync) -> String {
    let source = [("source", system.source.name())];
    match system.synchronized {
        Some(true) => tf(lang, Key::ClockSystemSynced, &source),
        Some(false) => tf(lang, Key::ClockSystemNotSynced, &source),
        None => t(lang, Key::ClockSystemUnknown).to_owned(),
    }
}
