//! The generated QR corpus (tests/common/qr.rs), for measuring and comparing.
//!
//! ```text
//! cargo run --release --example qr_corpus -- dump DIR    # write every image + DIR/expected.tsv
//! cargo run --release --example qr_corpus -- measure     # tessera vs plain rqrr, per family
//! ```
//! `expected.tsv` has one line per image: file name, then each expected payload
//! as lowercase hex, tab-separated. `benches/qr_compare.py` reads it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

#[path = "../tests/common/qr.rs"]
mod corpus;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Instant;

use tessera::qr::{self, Limits};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("dump") => dump(args.get(1).expect("usage: dump DIR")),
        Some("measure") => measure(),
        _ => eprintln!("usage: qr_corpus dump DIR | measure"),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn dump(dir: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let mut tsv = String::new();
    for case in corpus::corpus() {
        let file = format!("{}.{}", case.name, case.ext);
        std::fs::write(std::path::Path::new(dir).join(&file), &case.bytes).unwrap();
        tsv.push_str(&file);
        for payload in &case.expected {
            tsv.push('\t');
            tsv.push_str(&hex(payload));
        }
        tsv.push('\n');
    }
    std::fs::write(std::path::Path::new(dir).join("expected.tsv"), tsv).unwrap();
    println!("{} images written to {dir}", corpus::corpus().len());
}

/// Plain rqrr as its README shows it: its own thresholding, nothing else.
fn rqrr_plain(bytes: &[u8]) -> Vec<Vec<u8>> {
    let Ok(image) = image::load_from_memory(bytes) else {
        return Vec::new();
    };
    let mut prepared = rqrr::PreparedImage::prepare(image.to_luma8());
    prepared
        .detect_grids()
        .iter()
        .filter_map(|g| {
            let mut out = Vec::new();
            g.decode_to(&mut out).ok().map(|_| out)
        })
        .collect()
}

fn measure() {
    #[derive(Default)]
    struct Tally {
        images: usize,
        plain: usize,
        tessera: usize,
        plain_ms: Vec<f64>,
        tessera_ms: Vec<f64>,
    }
    let mut families: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut passes: BTreeMap<String, usize> = BTreeMap::new();
    for case in corpus::corpus() {
        let tally = families.entry(case.family).or_default();
        tally.images += 1;
        let mut want = case.expected.clone();
        want.sort();
        let t = Instant::now();
        let mut got = rqrr_plain(&case.bytes);
        tally.plain_ms.push(t.elapsed().as_secs_f64() * 1e3);
        got.sort();
        got.dedup();
        tally.plain += usize::from(got == want);
        let t = Instant::now();
        let found = qr::decode_image_bytes(&case.bytes, &Limits::default()).unwrap_or_default();
        tally.tessera_ms.push(t.elapsed().as_secs_f64() * 1e3);
        let mut got: Vec<Vec<u8>> = found.iter().map(|f| f.bytes.expose().to_vec()).collect();
        got.sort();
        tally.tessera += usize::from(got == want);
        for f in &found {
            *passes.entry(f.pass.to_string()).or_default() += 1;
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "| family | images | plain rqrr 0.11 | tessera | rqrr median ms | tessera median ms |"
    );
    println!("|---|---|---|---|---|---|");
    let (mut n, mut p, mut t) = (0, 0, 0);
    let (mut all_p, mut all_t) = (Vec::new(), Vec::new());
    for (family, tally) in &mut families {
        n += tally.images;
        p += tally.plain;
        t += tally.tessera;
        all_p.extend(&tally.plain_ms);
        all_t.extend(&tally.tessera_ms);
        println!(
            "| {family} | {} | {} | {} | {:.1} | {:.1} |",
            tally.images,
            tally.plain,
            tally.tessera,
            median(&mut tally.plain_ms),
            median(&mut tally.tessera_ms)
        );
    }
    println!(
        "| **all** | {n} | {p} ({:.0} %) | {t} ({:.0} %) | {:.1} | {:.1} |",
        p as f64 * 100.0 / n as f64,
        t as f64 * 100.0 / n as f64,
        median(&mut all_p),
        median(&mut all_t)
    );
    let p90 = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() * 9 / 10 - 1]
    };
    println!(
        "\np90 ms: plain rqrr {:.1}, tessera {:.1}",
        p90(&mut all_p),
        p90(&mut all_t)
    );
    println!("\ncodes found per pass: {passes:?}");
}
