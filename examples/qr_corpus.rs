//! The generated QR corpus (tests/common/qr.rs), for measuring and comparing.
//!
//! ```text
//! cargo run --release --example qr_corpus -- dump DIR    # write every image + DIR/expected.tsv
//! cargo run --release --example qr_corpus -- measure     # tessera vs plain rqrr, per family
//! cargo run --release --example qr_corpus -- time DIR [REPEATS] [LIST.tsv...]
//! cargo run --release --example qr_corpus -- probe FILE...   # what each file gives, and how
//! cargo run --release --example qr_corpus -- texts FILE...   # each file's texts, hex (test data only)
//! ```
//! `time` decodes every file a dumped folder lists (`expected.tsv` and
//! `screens.tsv` unless lists are named) `REPEATS` times (default 5) and prints,
//! per file, tab-separated: name, `ok` or `miss`, the median ms from the file's
//! bytes in memory (`qr::decode_image_bytes`: image decoding included) and the
//! median ms from 8-bit grey pixels already in memory (`qr::decode_luma`: image
//! decoding and grey conversion excluded; transparency composited over white), then `#rss_kib` lines: the process's resident memory
//! before decoding anything and its peak (`VmHWM`) after decoding everything.
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
        Some("probe") => probe(&args[1..]),
        Some("texts") => texts(&args[1..]),
        Some("time") => time(
            args.get(1)
                .expect("usage: time DIR [REPEATS] [LIST.tsv...]"),
            args.get(2).map_or(5, |r| r.parse().expect("REPEATS")),
            &args[3.min(args.len())..],
        ),
        _ => eprintln!("usage: qr_corpus dump DIR | measure | time DIR [REPEATS] [LIST.tsv...]"),
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
    // The benchmark's full-screen screenshots, listed apart so the corpus figures stay over the corpus.
    let mut tsv = String::new();
    let screens = corpus::screenshots();
    for (name, bytes, expected) in &screens {
        let file = format!("{name}.png");
        std::fs::write(std::path::Path::new(dir).join(&file), bytes).unwrap();
        tsv.push_str(&file);
        for payload in expected {
            tsv.push('\t');
            tsv.push_str(&hex(payload));
        }
        tsv.push('\n');
    }
    std::fs::write(std::path::Path::new(dir).join("screens.tsv"), tsv).unwrap();
    println!(
        "{} corpus images and {} screenshots written to {dir}",
        corpus::corpus().len(),
        screens.len()
    );
}

/// A `/proc/self/status` field in KiB (0 where there is none).
fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len() / 2)
        .map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

fn time(dir: &str, repeats: usize, lists: &[String]) {
    let dir = std::path::Path::new(dir);
    let default = ["expected.tsv".to_owned(), "screens.tsv".to_owned()];
    let lists = if lists.is_empty() {
        &default[..]
    } else {
        lists
    };
    let mut rows = Vec::new();
    for list in lists {
        for line in std::fs::read_to_string(dir.join(list)).unwrap().lines() {
            let mut fields = line.split('\t');
            let name = fields.next().unwrap().to_owned();
            // `?HEX`: optional (a code the screen's edge cuts off; see qr_compare.py).
            let (mut required, mut optional): (Vec<Vec<u8>>, Vec<Vec<u8>>) =
                (Vec::new(), Vec::new());
            for field in fields {
                match field.strip_prefix('?') {
                    Some(hex) => optional.push(unhex(hex)),
                    None => required.push(unhex(field)),
                }
            }
            required.sort();
            required.dedup();
            rows.push((name, required, optional));
        }
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!("#rss_kib\tbefore\t{}", status_kib("VmRSS:"));
    for (name, required, optional) in rows {
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        let (mut from_bytes, mut from_pixels) = (Vec::new(), Vec::new());
        let mut ok = true;
        for _ in 0..repeats.max(1) {
            let t = Instant::now();
            let found = qr::decode_image_bytes(&bytes, &Limits::default()).unwrap_or_default();
            from_bytes.push(t.elapsed().as_secs_f64() * 1e3);
            let mut got: Vec<Vec<u8>> = found.iter().map(|f| f.bytes.expose().to_vec()).collect();
            got.retain(|p| !optional.contains(p));
            got.sort();
            got.dedup();
            ok &= got == required;
        }
        // Transparent pixels over white, as the library composites them.
        let decoded = image::load_from_memory(&bytes).unwrap();
        let grey = if decoded.color().has_alpha() {
            let la = decoded.into_luma_alpha8();
            let pixels = la
                .pixels()
                .map(|p| {
                    let (l, a) = (u32::from(p.0[0]), u32::from(p.0[1]));
                    ((l * a + 255 * (255 - a) + 127) / 255) as u8
                })
                .collect();
            image::GrayImage::from_raw(la.width(), la.height(), pixels).unwrap()
        } else {
            decoded.into_luma8()
        };
        for _ in 0..repeats.max(1) {
            let t = Instant::now();
            // An error here is `Unreadable` (a code seen, not read): timed all the same.
            let found = qr::decode_luma(grey.width(), grey.height(), grey.as_raw()).ok();
            from_pixels.push(t.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(found);
        }
        drop(grey);
        println!(
            "{name}\t{}\t{:.2}\t{:.2}",
            if ok { "ok" } else { "miss" },
            median(from_bytes),
            median(from_pixels)
        );
    }
    println!("#rss_kib\tpeak\t{}", status_kib("VmHWM:"));
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

/// Per file: the time, and each code's pass, version and bounds (never its payload),
/// or the error.
fn probe(files: &[String]) {
    for file in files {
        let bytes = std::fs::read(file).unwrap();
        let t = Instant::now();
        let result = qr::decode_image_bytes(&bytes, &Limits::default());
        let ms = t.elapsed().as_secs_f64() * 1e3;
        match result {
            Ok(found) => {
                let codes: Vec<String> = found
                    .iter()
                    .map(|f| format!("{} v{} {:?}", f.pass, f.version, f.bounds[0]))
                    .collect();
                println!(
                    "{file}\t{ms:.1} ms\t{} found\t{}",
                    found.len(),
                    codes.join("; ")
                );
            }
            Err(e) => println!("{file}\t{ms:.1} ms\terror\t{e:?}"),
        }
    }
}

/// Per file: the text of every code found, as UTF-8 hex, tab-separated (for
/// comparing with reference texts; use it on test images only).
fn texts(files: &[String]) {
    for file in files {
        let bytes = std::fs::read(file).unwrap();
        let found = qr::decode_image_bytes(&bytes, &Limits::default()).unwrap_or_default();
        let texts: Vec<String> = found
            .iter()
            .map(|f| hex(f.text.expose().as_bytes()))
            .collect();
        println!("{file}\t{}", texts.join("\t"));
    }
}
