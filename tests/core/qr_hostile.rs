//! Hostile input to the QR decoder: each case must give its specific error (or
//! an empty result) in bounded memory and time, and never panic.
//!
//! Every case runs in a child process (this test binary re-invoked on the
//! `child` test with `QR_HOSTILE_CASE` set) so its peak resident memory
//! (`VmHWM` in `/proc/self/status`) can be measured on its own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use tessera::qr::{self, DecodeError, Limits};

/// Peak memory allowed for any input, whole process included.
const MAX_PEAK_BYTES: u64 = 300 * 1000 * 1000;
/// Wall time allowed for any input (debug-profile test build, 2 cores shared).
const MAX_SECONDS: u64 = 60;

/// What a case must produce.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// An error of this kind (matched by variant name).
    Error(&'static str),
    /// No error, no code.
    Nothing,
    /// No code decoded: nothing, or `Unreadable` (an image tiled with finder
    /// patterns may well look like a code that cannot be read).
    NoCode,
}

const CASES: &[(&str, Expect)] = &[
    ("png-bomb-100000x100000", Expect::Error("TooLarge")),
    (
        "png-16bit-rgba-6000x6000",
        Expect::Error("OutOfMemoryLimit"),
    ),
    ("png-truncated", Expect::Error("Truncated")),
    ("png-zero-width", Expect::Error("Corrupt|Empty")),
    ("png-1x100000", Expect::Error("TooSmall")),
    ("png-100000x1", Expect::Error("TooSmall")),
    ("jpeg-truncated", Expect::Error("Truncated")),
    ("jpeg-bomb-65000x65000", Expect::Error("TooLarge")),
    ("webp-truncated", Expect::Error("Truncated")),
    ("gif-screen-65535x65535", Expect::Error("TooLarge")),
    (
        "gif-frame-larger-than-screen",
        Expect::Error("OutOfMemoryLimit"),
    ),
    ("gif-truncated", Expect::Error("Truncated")),
    ("tiff-100000x100000", Expect::Error("TooLarge")),
    (
        "tiff-16bit-rgba-6000x6000",
        Expect::Error("OutOfMemoryLimit"),
    ),
    ("bmp-30000x30000", Expect::Error("TooLarge")),
    ("bmp-100000x100000", Expect::Error("Corrupt")),
    ("webp-bomb-16000x16000", Expect::Error("TooLarge")),
    ("text-file", Expect::Error("NotAnImage")),
    ("pdf-file", Expect::Error("NotAnImage")),
    ("random-bytes", Expect::Error("NotAnImage")),
    ("empty-file", Expect::Error("NotAnImage")),
    ("file-65mib", Expect::Error("FileTooLarge")),
    ("ico-unsupported", Expect::Error("Unsupported")),
    ("rgba-zero-sized", Expect::Error("Empty")),
    ("rgba-wrong-length", Expect::Error("BadPixelBuffer")),
    ("rgba-1x100000", Expect::Error("TooSmall")),
    ("finder-pattern-storm-2000", Expect::NoCode),
    ("finder-pattern-storm-600", Expect::NoCode),
    ("finder-pattern-storm-500-5px", Expect::NoCode),
    ("finder-pattern-storm-300", Expect::NoCode),
    ("largest-accepted-grey-png-6300x6300", Expect::Nothing),
    ("largest-accepted-rgba-png-6300x6300", Expect::Nothing),
];

/// Runs in the child: decodes the case named by `QR_HOSTILE_CASE` and reports.
#[test]
fn child() {
    let Ok(name) = std::env::var("QR_HOSTILE_CASE") else {
        return;
    };
    let result = run_case(&name);
    let outcome = match &result {
        Ok(found) if found.is_empty() => "Nothing".to_owned(),
        Ok(found) => format!("Found({})", found.len()),
        Err(e) => {
            // The message must read as advice, with no debug noise.
            let message = e.to_string();
            assert!(
                message.len() > 30 && !message.contains("Error("),
                "{message}"
            );
            format!("{e:?}")
        }
    };
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let hwm_kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0);
    let mut out = std::io::stdout().lock();
    writeln!(out, "OUTCOME {outcome}").unwrap();
    writeln!(out, "PEAK {}", hwm_kb * 1024).unwrap();
}

#[test]
fn every_hostile_input_fails_cleanly_in_bounded_memory_and_time() {
    if std::env::var_os("QR_HOSTILE_CASE").is_some() {
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let mut failures = Vec::new();
    for (name, expect) in CASES {
        let start = Instant::now();
        let output = Command::new(&exe)
            .args([
                "--exact",
                "qr_hostile::child",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env("QR_HOSTILE_CASE", name)
            .env("RUST_BACKTRACE", "0")
            .output()
            .unwrap();
        let elapsed = start.elapsed();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let outcome = stdout
            .lines()
            .find_map(|l| l.split_once("OUTCOME ").map(|(_, o)| o))
            .unwrap_or("<no outcome: the child crashed or panicked>")
            .to_owned();
        let peak: u64 = stdout
            .lines()
            .find_map(|l| l.split_once("PEAK ").map(|(_, p)| p))
            .and_then(|v| v.parse().ok())
            .unwrap_or(u64::MAX);
        eprintln!(
            "{name:34} {:>7.2} s {:>6} MB  {outcome}",
            elapsed.as_secs_f64(),
            peak / 1_000_000
        );
        let wanted = match expect {
            Expect::Error(kinds) => kinds.split('|').any(|k| outcome.starts_with(k)),
            Expect::Nothing => outcome == "Nothing",
            Expect::NoCode => outcome == "Nothing" || outcome == "Unreadable",
        };
        if !wanted || !output.status.success() {
            failures.push(format!(
                "{name}: expected {expect:?}, got {outcome} (stderr: {})",
                String::from_utf8_lossy(&output.stderr)
                    .lines()
                    .filter(|l| l.contains("panicked") || l.contains("error"))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
        }
        if peak > MAX_PEAK_BYTES {
            failures.push(format!("{name}: peak memory {} MB", peak / 1_000_000));
        }
        if elapsed > Duration::from_secs(MAX_SECONDS) {
            failures.push(format!("{name}: took {elapsed:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn errors_name_the_problem() {
    let e =
        qr::decode_image_bytes(&png_header(100_000, 100_000, 8, 6, &[]), &Limits::default()).err();
    assert_eq!(
        e,
        Some(DecodeError::TooLarge {
            width: 100_000,
            height: 100_000,
            limit: Limits::default().max_pixels
        })
    );
    let message = e.map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("100000×100000"), "{message}");
    assert!(
        qr::decode_image_bytes(b"hello", &Limits::default())
            .err()
            .is_some_and(|e| e.to_string().contains("PNG, JPEG, WebP, GIF, BMP, TIFF"))
    );
    let tight = Limits {
        max_file_bytes: 10,
        ..Limits::default()
    };
    assert_eq!(
        qr::decode_image_bytes(&[0u8; 11], &tight).err(),
        Some(DecodeError::FileTooLarge { len: 11, limit: 10 })
    );
}

fn run_case(name: &str) -> Result<Vec<qr::Found>, DecodeError> {
    let limits = Limits::default();
    let bytes: Vec<u8> = match name {
        "png-bomb-100000x100000" => png_header(100_000, 100_000, 8, 6, &zlib_zeros()),
        "png-16bit-rgba-6000x6000" => png_header(6000, 6000, 16, 6, &zlib_zeros()),
        "png-truncated" => truncated(sample(image::ImageFormat::Png)),
        "png-zero-width" => png_header(0, 100, 8, 0, &zlib_zeros()),
        "png-1x100000" => encode_grey(1, 100_000, image::ImageFormat::Png),
        "png-100000x1" => encode_grey(100_000, 1, image::ImageFormat::Png),
        "jpeg-truncated" => truncated(sample(image::ImageFormat::Jpeg)),
        "jpeg-bomb-65000x65000" => jpeg_bomb(65_000, 65_000),
        "webp-bomb-16000x16000" => webp_bomb(16_000, 16_000),
        "webp-truncated" => truncated(sample(image::ImageFormat::WebP)),
        "gif-screen-65535x65535" => gif(65_535, 65_535, 10, 10),
        "gif-frame-larger-than-screen" => gif(100, 100, 65_535, 65_535),
        "gif-truncated" => truncated(sample(image::ImageFormat::Gif)),
        "tiff-100000x100000" => tiff(100_000, 100_000, 8, 1),
        "tiff-16bit-rgba-6000x6000" => tiff(6000, 6000, 16, 4),
        "bmp-30000x30000" => bmp(30_000, 30_000),
        "bmp-100000x100000" => bmp(100_000, 100_000),
        "text-file" => b"otpauth://totp/ACME:jo?secret=JBSWY3DPEHPK3PXP\n".to_vec(),
        "pdf-file" => {
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec()
        }
        "random-bytes" => (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 0x01)
            .collect(),
        "empty-file" => Vec::new(),
        "file-65mib" => vec![0x89; 65 * 1024 * 1024],
        "ico-unsupported" => {
            let mut ico = vec![0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0];
            ico.extend_from_slice(&[0; 64]);
            ico
        }
        "rgba-zero-sized" => return qr::decode_rgba(0, 0, &[]),
        "rgba-wrong-length" => return qr::decode_rgba(100, 100, &[0; 100]),
        "rgba-1x100000" => return qr::decode_rgba(1, 100_000, &vec![255; 400_000]),
        "finder-pattern-storm-2000" => finder_storm(2000, 4),
        "finder-pattern-storm-600" => finder_storm(600, 4),
        "finder-pattern-storm-500-5px" => finder_storm(500, 5),
        "finder-pattern-storm-300" => finder_storm(300, 3),
        "largest-accepted-grey-png-6300x6300" => encode_grey(6300, 6300, image::ImageFormat::Png),
        "largest-accepted-rgba-png-6300x6300" => {
            let img = image::RgbaImage::from_pixel(6300, 6300, image::Rgba([250, 250, 250, 255]));
            let mut out = std::io::Cursor::new(Vec::new());
            image::DynamicImage::ImageRgba8(img)
                .write_to(&mut out, image::ImageFormat::Png)
                .unwrap();
            out.into_inner()
        }
        other => panic!("unknown case {other}"),
    };
    qr::decode_image_bytes(&bytes, &limits)
}

/// A 300×300 image with a code-like texture, encoded in `format`.
fn sample(format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbImage::from_fn(300, 300, |x, y| {
        if (x / 7 * 31 + y / 7 * 17) % 3 == 0 {
            image::Rgb([0, 0, 0])
        } else {
            image::Rgb([255, 255, 255])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, format)
        .unwrap();
    out.into_inner()
}

/// The first 60 % of a file.
fn truncated(mut bytes: Vec<u8>) -> Vec<u8> {
    bytes.truncate(bytes.len() * 6 / 10);
    bytes
}

/// A white greyscale image of the given size.
fn encode_grey(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
    let img = image::GrayImage::from_pixel(width, height, image::Luma([255]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageLuma8(img)
        .write_to(&mut out, format)
        .unwrap();
    out.into_inner()
}

/// A square image tiled with finder-pattern look-alikes (7×7 modules of `module`
/// pixels, 2 modules apart): hundreds or thousands of finder patterns for the
/// detector to try to group into codes.
fn finder_storm(side: u32, module: u32) -> Vec<u8> {
    let img = image::GrayImage::from_fn(side, side, |x, y| {
        let (mx, my) = ((x / module) % 9, (y / module) % 9);
        let d = mx.abs_diff(3).max(my.abs_diff(3));
        let black = mx < 7 && my < 7 && (d == 3 || d <= 1);
        image::Luma([if black { 0 } else { 255 }])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageLuma8(img)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream of a few kilobytes of zeros (a bomb compresses far better, but
/// the header alone must already be refused).
fn zlib_zeros() -> Vec<u8> {
    // Stored (uncompressed) deflate block of 1024 zero bytes, with its Adler-32.
    let mut z = vec![0x78, 0x01, 0x01, 0x00, 0x04, 0xff, 0xfb];
    z.extend_from_slice(&[0; 1024]);
    z.extend_from_slice(&0x0400_0001u32.to_be_bytes());
    z
}

/// A PNG with the given IHDR and one IDAT.
fn png_header(width: u32, height: u32, depth: u8, colour: u8, idat: &[u8]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[depth, colour, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", idat);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A real small JPEG whose frame header is patched to declare a huge size.
fn jpeg_bomb(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = sample(image::ImageFormat::Jpeg);
    let sof = bytes
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("baseline JPEG");
    bytes[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    bytes
}

/// A real small (lossless) WebP whose VP8L header is patched to declare a huge size.
fn webp_bomb(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = sample(image::ImageFormat::WebP);
    let at = bytes
        .windows(4)
        .position(|w| w == b"VP8L")
        .expect("lossless WebP");
    // Signature byte 0x2F, then 14 bits width-1, 14 bits height-1, alpha, version.
    let packed = (width - 1) | ((height - 1) << 14) | (u32::from(bytes[at + 12] >> 4) << 28);
    bytes[at + 9..at + 13].copy_from_slice(&packed.to_le_bytes());
    bytes
}

/// A GIF with a logical screen and one frame of the given sizes.
fn gif(screen_w: u16, screen_h: u16, frame_w: u16, frame_h: u16) -> Vec<u8> {
    let mut out = b"GIF89a".to_vec();
    out.extend_from_slice(&screen_w.to_le_bytes());
    out.extend_from_slice(&screen_h.to_le_bytes());
    out.extend_from_slice(&[0x80, 0, 0, 0, 0, 0, 255, 255, 255]); // 2-colour global table
    out.push(0x2C);
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&frame_w.to_le_bytes());
    out.extend_from_slice(&frame_h.to_le_bytes());
    out.push(0);
    out.push(2); // LZW minimum code size
    out.extend_from_slice(&[2, 0x4C, 0x01, 0]); // a clear code and a pixel, then end of data
    out.push(0x3B);
    out
}

/// A little-endian TIFF with one uncompressed strip, declaring the given size.
fn tiff(width: u32, height: u32, bits: u16, samples: u16) -> Vec<u8> {
    let mut out = b"II*\0".to_vec();
    out.extend_from_slice(&8u32.to_le_bytes());
    let photometric = if samples == 1 { 1 } else { 2 };
    let bits_value = if samples == 1 { u32::from(bits) } else { 200 };
    let mut entries: Vec<(u16, u16, u32, u32)> = vec![
        (256, 4, 1, width),
        (257, 4, 1, height),
        (258, 3, u32::from(samples), bits_value),
        (259, 3, 1, 1),
        (262, 3, 1, photometric),
        (273, 4, 1, 300),
        (277, 3, 1, u32::from(samples)),
        (278, 4, 1, height),
        (279, 4, 1, 64),
    ];
    if samples == 4 {
        entries.push((338, 3, 1, 2)); // ExtraSamples: unassociated alpha
    }
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    for (tag, kind, count, value) in &entries {
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&kind.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        if *kind == 3 && *count == 1 {
            out.extend_from_slice(&(*value as u16).to_le_bytes());
            out.extend_from_slice(&[0, 0]);
        } else {
            out.extend_from_slice(&value.to_le_bytes());
        }
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    out.resize(200, 0);
    // BitsPerSample array for multi-sample images, at offset 200.
    for _ in 0..samples {
        out.extend_from_slice(&bits.to_le_bytes());
    }
    out.resize(300 + 64, 0);
    out
}

/// A BMP header declaring a huge 24-bit image, with almost no pixel data.
fn bmp(width: i32, height: i32) -> Vec<u8> {
    let mut out = b"BM".to_vec();
    out.extend_from_slice(&1000u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&54u32.to_le_bytes());
    out.extend_from_slice(&40u32.to_le_bytes());
    out.extend_from_slice(&width.to_le_bytes());
    out.extend_from_slice(&height.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&24u16.to_le_bytes());
    out.extend_from_slice(&[0; 24]);
    out.resize(1000, 0x80);
    out
}

/// Noise, stripes and checkerboards of many sizes: no panic in Tessera's own
/// code (rqrr's are caught), and never a "code" out of noise.
#[test]
fn arbitrary_pixels_never_panic_or_invent_codes() {
    if std::env::var_os("QR_HOSTILE_CASE").is_some() {
        return;
    }
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..120u32 {
        let width = 21 + (next() % 280) as u32;
        let height = 21 + (next() % 280) as u32;
        let period = 1 + (next() % 9) as u32;
        let pixels: Vec<u8> = (0..width * height)
            .map(|i| {
                let (x, y) = (i % width, i / width);
                match round % 4 {
                    0 => next() as u8,
                    1 => 255 * ((x / period) % 2) as u8,
                    2 => 255 * ((x / period + y / period) % 2) as u8,
                    _ => 255 * u8::from(next() % 3 != 0),
                }
            })
            .collect();
        let found = qr::decode_luma(width, height, &pixels).unwrap();
        assert!(found.is_empty(), "round {round}: a code out of noise");
    }
}

#[test]
fn found_never_shows_its_payload() {
    if std::env::var_os("QR_HOSTILE_CASE").is_some() {
        return;
    }
    let code = qrcode::QrCode::new(b"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP").unwrap();
    let n = code.width() as u32;
    let colors = code.to_colors();
    let side = (n + 8) * 4;
    let pixels: Vec<u8> = (0..side * side)
        .map(|i| {
            let (mx, my) = ((i % side) / 4, (i / side) / 4);
            let dark = (4..n + 4).contains(&mx)
                && (4..n + 4).contains(&my)
                && colors[((my - 4) * n + mx - 4) as usize] == qrcode::Color::Dark;
            if dark { 0 } else { 255 }
        })
        .collect();
    let found = qr::decode_luma(side, side, &pixels).unwrap();
    assert_eq!(found.len(), 1);
    let shown = format!("{found:?}");
    assert!(
        !shown.contains("JBSWY3DP") && !shown.contains("otpauth"),
        "{shown}"
    );
}
