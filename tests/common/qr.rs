//! A generated corpus of hard QR images, each carrying its expected payloads.
//!
//! Everything is made in memory from realistic payloads (otpauth:// URIs with
//! Unicode labels, Google Authenticator exports built with
//! `tessera::otp::migration::encode`) and the transforms screenshots and photos
//! go through. Used by `tests/core/qr_corpus.rs`, `benches/qr.rs` and
//! `examples/qr_corpus.rs` (which writes the images out for other decoders).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;

use image::imageops::{self, FilterType};
use image::{DynamicImage, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use qrcode::{Color, EcLevel, QrCode};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tessera::otp::{Account, Algorithm, Params, migration};
use tessera::secret::SecretBytes;

/// One image of the corpus.
pub struct Case {
    /// What the image shows, e.g. `hidpi-1.25x-otpauth-0`; unique.
    pub name: String,
    /// Which hard case of the issue it covers, e.g. `hidpi`.
    pub family: &'static str,
    /// The encoded image file.
    pub bytes: Vec<u8>,
    /// File extension of `bytes`.
    pub ext: &'static str,
    /// Every payload the image holds, exactly.
    pub expected: Vec<Vec<u8>>,
}

const WHITE: Rgb<u8> = Rgb([255, 255, 255]);
const BLACK: Rgb<u8> = Rgb([0, 0, 0]);

/// otpauth:// URIs as dashboards issue them, with Unicode labels.
pub fn otpauth_uris() -> Vec<String> {
    let accounts = [
        ("ACME Cloud", "joão@exemplo.com.br", Params::totp()),
        ("Zürich Bank", "müller.straße@example.ch", Params::totp()),
        (
            "東京ホスティング",
            "山田太郎",
            Params {
                algorithm: Algorithm::Sha256,
                digits: 8,
                ..Params::totp()
            },
        ),
        ("GitHub", "octocat", Params::totp()),
        ("Σύννεφο", "ελένη@παράδειγμα.gr", Params::hotp(7)),
        ("Steam", "gaben", Params::steam()),
    ];
    let mut uris: Vec<String> = accounts
        .iter()
        .enumerate()
        .map(|(i, (issuer, name, params))| {
            account(issuer, name, *params, 20 + i * 2)
                .to_uri()
                .expose()
                .to_owned()
        })
        .collect();
    // Some dashboards put raw UTF-8 in the label instead of percent-encoding it.
    uris.push(
        "otpauth://totp/Café Crème:zoë@例え.jp?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Café Crème"
            .to_owned(),
    );
    uris
}

fn account(issuer: &str, name: &str, params: Params, key_len: usize) -> Account {
    let key: Vec<u8> = (0..key_len)
        .map(|i| (i as u8).wrapping_mul(37).wrapping_add(key_len as u8))
        .collect();
    Account::new(issuer, name, SecretBytes::new(key), params).unwrap()
}

/// Google Authenticator export URIs: `accounts` accounts, split as the export does.
pub fn migration_uris(accounts: usize) -> Vec<String> {
    let issuers = [
        "GitHub",
        "Google",
        "Microsoft",
        "Amazon Web Services",
        "Dropbox",
        "Zürich Bank",
        "東京ホスティング",
        "Cloudflare",
        "GitLab",
        "Proton",
        "Bitwarden",
        "Σύννεφο",
        "Discord",
        "Mastodon",
        "Fastmail",
    ];
    let list: Vec<Account> = (0..accounts)
        .map(|i| {
            account(
                issuers[i % issuers.len()],
                &format!("user{i}@example.org"),
                Params::totp(),
                20,
            )
        })
        .collect();
    let encoded = migration::encode(&list, 0x5eed_0001);
    assert!(encoded.skipped.is_empty());
    encoded.uris.iter().map(|u| u.expose().to_owned()).collect()
}

/// Renders a code: `module` pixels per module, `quiet` modules of margin.
pub fn render(
    payload: &[u8],
    ec: EcLevel,
    module: u32,
    quiet: u32,
    dark: Rgb<u8>,
    light: Rgb<u8>,
) -> RgbImage {
    let code = QrCode::with_error_correction_level(payload, ec).unwrap();
    let n = code.width() as u32;
    let colors = code.to_colors();
    let side = (n + 2 * quiet) * module;
    RgbImage::from_fn(side, side, |x, y| {
        let (mx, my) = (x / module, y / module);
        if mx < quiet || my < quiet || mx >= n + quiet || my >= n + quiet {
            return light;
        }
        match colors[((my - quiet) * n + (mx - quiet)) as usize] {
            Color::Dark => dark,
            Color::Light => light,
        }
    })
}

/// The QR version qrcode picks for a payload.
pub fn version_of(payload: &[u8], ec: EcLevel) -> i16 {
    match QrCode::with_error_correction_level(payload, ec)
        .unwrap()
        .version()
    {
        qrcode::Version::Normal(v) => v,
        qrcode::Version::Micro(v) => v,
    }
}

/// Resamples by `factor` with smoothing, as a HiDPI compositor or a chat app does.
pub fn scale(image: &RgbImage, factor: f32, filter: FilterType) -> RgbImage {
    let w = ((image.width() as f32 * factor).round() as u32).max(1);
    let h = ((image.height() as f32 * factor).round() as u32).max(1);
    imageops::resize(image, w, h, filter)
}

/// A page of a web dashboard: header bar, lines of "text", buttons, with `code` at (x, y).
pub fn page(width: u32, height: u32, dark_theme: bool, seed: u64) -> RgbImage {
    let mut rng = StdRng::seed_from_u64(seed);
    let (bg, fg, bar) = if dark_theme {
        (Rgb([30, 30, 34]), Rgb([200, 200, 205]), Rgb([45, 45, 52]))
    } else {
        (Rgb([250, 250, 250]), Rgb([60, 60, 70]), Rgb([36, 41, 47]))
    };
    let mut img = RgbImage::from_pixel(width, height, bg);
    fill(&mut img, 0, 0, width, height / 14, bar);
    // Lines of text: runs of small dark rectangles (words of glyph-sized strokes).
    let mut y = height / 10;
    while y + 20 < height {
        let mut x = width / 20;
        let line_end = rng.random_range(width / 3..width - width / 20);
        while x + 40 < line_end {
            let word = rng.random_range(20..90);
            let mut gx = x;
            while gx < x + word {
                let gw = rng.random_range(2..6);
                let gh = rng.random_range(8..13);
                fill(&mut img, gx, y + 13 - gh, gw, gh, fg);
                gx += gw + rng.random_range(1..4);
            }
            x += word + 8;
        }
        y += rng.random_range(22..40);
    }
    // A couple of brand-coloured buttons.
    for _ in 0..3 {
        let bx = rng.random_range(0..width.saturating_sub(200).max(1));
        let by = rng.random_range(0..height.saturating_sub(60).max(1));
        fill(&mut img, bx, by, 160, 40, Rgb([26, 115, 232]));
    }
    img
}

/// Fills a rectangle (clipped to the image).
pub fn fill(img: &mut RgbImage, x: u32, y: u32, w: u32, h: u32, color: Rgb<u8>) {
    for yy in y..(y + h).min(img.height()) {
        for xx in x..(x + w).min(img.width()) {
            img.put_pixel(xx, yy, color);
        }
    }
}

/// Pastes `top` onto `base` at (x, y) with a clear margin of `margin` background pixels.
pub fn paste(
    base: &mut RgbImage,
    top: &RgbImage,
    x: u32,
    y: u32,
    margin: u32,
    margin_color: Rgb<u8>,
) {
    fill(
        base,
        x.saturating_sub(margin),
        y.saturating_sub(margin),
        top.width() + 2 * margin,
        top.height() + 2 * margin,
        margin_color,
    );
    imageops::replace(base, top, i64::from(x), i64::from(y));
}

/// A photo of a screen: rotation by `degrees`, keystone `keystone` (perspective),
/// moiré bands, sensor noise, on a `width`×`height` frame.
pub fn photo(
    code: &RgbImage,
    width: u32,
    height: u32,
    degrees: f32,
    keystone: f32,
    seed: u64,
) -> RgbImage {
    let mut rng = StdRng::seed_from_u64(seed);
    let (cw, ch) = (code.width() as f32, code.height() as f32);
    let (a, (s, c)) = (degrees.to_radians(), degrees.to_radians().sin_cos());
    let _ = a;
    let (ox, oy) = (width as f32 / 2.0, height as f32 / 2.0);
    RgbImage::from_fn(width, height, |x, y| {
        // Destination to source: undo the keystone, then the rotation.
        let (u, v) = (x as f32 - ox, y as f32 - oy);
        let d = 1.0 + keystone * v;
        let (u, v) = (u / d, v / d);
        let (sx, sy) = (c * u + s * v + cw / 2.0, -s * u + c * v + ch / 2.0);
        let grey = if sx >= 0.0 && sy >= 0.0 && sx < cw - 1.0 && sy < ch - 1.0 {
            bilinear(code, sx, sy)
        } else {
            // The screen's bezel region around the displayed code.
            225.0
        };
        // Screen glow falls off towards the corners; moiré bands; noise.
        let vignette = 1.0 - 0.25 * ((u * u + v * v) / (ox * ox + oy * oy));
        let moire = 1.0
            - 0.07
                * (0.5
                    + 0.5
                        * ((x as f32 * 0.41 + y as f32 * 0.13) * std::f32::consts::TAU / 3.1)
                            .sin());
        let noise: f32 = rng.random_range(-14.0..14.0);
        let g = (grey * vignette * moire * 0.85 + 20.0 + noise).clamp(0.0, 255.0) as u8;
        Rgb([g, g.saturating_add(3), g.saturating_sub(4)])
    })
}

fn bilinear(img: &RgbImage, x: f32, y: f32) -> f32 {
    let (x0, y0) = (x as u32, y as u32);
    let (tx, ty) = (x - x0 as f32, y - y0 as f32);
    let at = |xx: u32, yy: u32| f32::from(img.get_pixel(xx, yy).0[1]);
    let top = at(x0, y0) * (1.0 - tx) + at(x0 + 1, y0) * tx;
    let bottom = at(x0, y0 + 1) * (1.0 - tx) + at(x0 + 1, y0 + 1) * tx;
    top * (1.0 - ty) + bottom * ty
}

/// Encodes as PNG.
pub fn png(img: &RgbImage) -> Vec<u8> {
    encode(&DynamicImage::ImageRgb8(img.clone()), ImageFormat::Png)
}

/// Encodes with `image` in `format`.
pub fn encode(img: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// Encodes as JPEG at `quality` (chat apps use 70–85).
pub fn jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(img)
        .unwrap();
    out
}

/// Encodes as lossy WebP at `quality` (libwebp, as chat apps do).
pub fn webp(img: &RgbImage, quality: f32) -> Vec<u8> {
    webp::Encoder::from_rgb(img.as_raw(), img.width(), img.height())
        .encode(quality)
        .to_vec()
}

/// A full screen of light dashboard with one small code (3 px modules, the first
/// otpauth URI) two-thirds across and a third down, or no code: the screenshots
/// `benches/qr.rs` times and `examples/qr_corpus.rs` dumps for other decoders.
pub fn screenshot(width: u32, height: u32, with_code: bool) -> RgbImage {
    let mut page = page(width, height, false, 11);
    if with_code {
        let uri = &otpauth_uris()[0];
        let code = render(uri.as_bytes(), EcLevel::M, 3, 0, BLACK, WHITE);
        paste(&mut page, &code, width * 2 / 3, height / 3, 12, WHITE);
    }
    page
}

/// The screenshots timed on their own: (file stem, PNG bytes, expected payloads).
pub fn screenshots() -> Vec<(String, Vec<u8>, Vec<Vec<u8>>)> {
    let uri = otpauth_uris()[0].as_bytes().to_vec();
    [
        (1920u32, 1080u32, true),
        (3840, 2160, true),
        (3840, 2160, false),
    ]
    .into_iter()
    .map(|(w, h, with_code)| {
        let name = format!("screen_{w}x{h}{}", if with_code { "" } else { "_no_code" });
        let expected = if with_code {
            vec![uri.clone()]
        } else {
            Vec::new()
        };
        (name, png(&screenshot(w, h, with_code)), expected)
    })
    .collect()
}

/// The whole corpus, generated once per test binary (deterministic).
pub fn corpus() -> &'static [Case] {
    static CORPUS: std::sync::OnceLock<Vec<Case>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(generate)
}

/// Builds the whole corpus.
pub fn generate() -> Vec<Case> {
    let uris = otpauth_uris();
    let mig10 = migration_uris(10);
    let mig15 = migration_uris(15);
    let mut cases = Vec::new();
    let mut add = |family: &'static str,
                   name: String,
                   bytes: Vec<u8>,
                   ext: &'static str,
                   expected: Vec<&str>| {
        cases.push(Case {
            name: format!("{family}-{name}"),
            family,
            bytes,
            ext,
            expected: expected.iter().map(|t| t.as_bytes().to_vec()).collect(),
        });
    };
    let u = |i: usize| uris[i % uris.len()].as_str();

    // HiDPI screenshots: rendered at 4 px a module, scaled up or down by non-integer factors.
    for (i, factor) in [1.25f32, 1.5, 2.0, 0.8, 0.75, 0.66, 1.75, 0.9]
        .into_iter()
        .enumerate()
    {
        let code = render(u(i).as_bytes(), EcLevel::M, 4, 4, BLACK, WHITE);
        for (j, filter) in [FilterType::Triangle, FilterType::CatmullRom]
            .into_iter()
            .enumerate()
        {
            let img = scale(&code, factor, filter);
            add(
                "hidpi",
                format!("{factor}x-f{j}-{i}"),
                png(&img),
                "png",
                vec![u(i)],
            );
        }
    }
    // Modules only 2–3 pixels wide.
    for (i, (module, factor)) in [
        (2u32, 1.0f32),
        (3, 1.0),
        (4, 0.6),
        (4, 0.7),
        (3, 0.9),
        (6, 0.45),
    ]
    .into_iter()
    .enumerate()
    {
        let code = render(u(i + 2).as_bytes(), EcLevel::M, module, 4, BLACK, WHITE);
        let img = scale(&code, factor, FilterType::Triangle);
        add(
            "small-modules",
            format!("{module}px-{factor}x-{i}"),
            png(&img),
            "png",
            vec![u(i + 2)],
        );
    }
    // Dark themes: light modules on a dark background.
    for (i, (fg, bg)) in [
        (Rgb([255, 255, 255]), Rgb([0, 0, 0])),
        (Rgb([230, 230, 230]), Rgb([30, 30, 34])),
        (Rgb([200, 210, 220]), Rgb([22, 27, 34])),
        (Rgb([120, 200, 255]), Rgb([13, 17, 23])),
    ]
    .into_iter()
    .enumerate()
    {
        let code = render(u(i).as_bytes(), EcLevel::M, 5, 4, fg, bg);
        add(
            "inverted",
            format!("plain-{i}"),
            png(&code),
            "png",
            vec![u(i)],
        );
        let img = scale(&code, 1.25, FilterType::Triangle);
        add(
            "inverted",
            format!("jpeg-{i}"),
            jpeg(&img, 80),
            "jpg",
            vec![u(i)],
        );
        let mut on_page = page(1280, 800, true, 40 + i as u64);
        paste(&mut on_page, &img, 500, 200, 12, bg);
        add(
            "inverted",
            format!("page-{i}"),
            png(&on_page),
            "png",
            vec![u(i)],
        );
    }
    // Low contrast grey and brand colours.
    for (i, (fg, bg)) in [
        (Rgb([110, 110, 110]), Rgb([170, 170, 170])),
        (Rgb([120, 120, 120]), Rgb([160, 160, 160])),
        (Rgb([26, 115, 232]), Rgb([255, 255, 255])),
        (Rgb([0, 150, 136]), Rgb([224, 242, 241])),
        (Rgb([229, 57, 53]), Rgb([255, 243, 224])),
        (Rgb([103, 58, 183]), Rgb([237, 231, 246])),
        (Rgb([255, 152, 0]), Rgb([33, 33, 33])),
        (Rgb([90, 90, 90]), Rgb([200, 200, 200])),
    ]
    .into_iter()
    .enumerate()
    {
        let code = render(u(i + 1).as_bytes(), EcLevel::M, 4, 4, fg, bg);
        let img = scale(&code, 1.5, FilterType::Triangle);
        add("contrast", format!("{i}"), png(&img), "png", vec![u(i + 1)]);
    }
    // JPEG and WebP artifacts from chat apps.
    for (i, quality) in [40u8, 60, 75, 90].into_iter().enumerate() {
        let code = render(u(i + 3).as_bytes(), EcLevel::M, 3, 4, BLACK, WHITE);
        let img = scale(&code, 1.25, FilterType::Triangle);
        add(
            "jpeg",
            format!("q{quality}-{i}"),
            jpeg(&img, quality),
            "jpg",
            vec![u(i + 3)],
        );
        add(
            "webp",
            format!("q{quality}-{i}"),
            webp(&img, f32::from(quality)),
            "webp",
            vec![u(i + 3)],
        );
    }
    // A logo in the middle (the sites that do this use level H).
    for (i, size) in [0.18f32, 0.22, 0.26].into_iter().enumerate() {
        let mut code = render(u(i).as_bytes(), EcLevel::H, 5, 4, BLACK, WHITE);
        let side = (code.width() as f32 * size) as u32;
        let at = (code.width() - side) / 2;
        fill(&mut code, at, at, side, side, Rgb([255, 255, 255]));
        fill(
            &mut code,
            at + 4,
            at + 4,
            side - 8,
            side - 8,
            Rgb([220, 40, 40]),
        );
        add("logo", format!("{size}-{i}"), png(&code), "png", vec![u(i)]);
        let img = scale(&code, 0.8, FilterType::Triangle);
        add(
            "logo",
            format!("{size}-jpeg-{i}"),
            jpeg(&img, 80),
            "jpg",
            vec![u(i)],
        );
    }
    // Tight crops: no quiet zone at all.
    for i in 0..4 {
        let (fg, bg) = if i % 2 == 0 {
            (BLACK, WHITE)
        } else {
            (WHITE, Rgb([25, 25, 25]))
        };
        let code = render(u(i + 4).as_bytes(), EcLevel::M, 4 + i as u32, 0, fg, bg);
        add(
            "tight-crop",
            format!("{i}"),
            png(&code),
            "png",
            vec![u(i + 4)],
        );
    }
    // Big canvases: full screens with a small code.
    for (i, (w, h, module)) in [
        (1920u32, 1080u32, 4u32),
        (1920, 1080, 3),
        (3840, 2160, 3),
        (3840, 2160, 6),
    ]
    .into_iter()
    .enumerate()
    {
        let mut screen = page(w, h, i % 2 == 1, 100 + i as u64);
        let code = render(u(i).as_bytes(), EcLevel::M, module, 0, BLACK, WHITE);
        paste(&mut screen, &code, w * 3 / 5, h / 3, module * 4, WHITE);
        add(
            "big-canvas",
            format!("{w}x{h}-{module}px"),
            png(&screen),
            "png",
            vec![u(i)],
        );
    }
    // Two codes on one page (including a two-part export).
    {
        let mut screen = page(1600, 900, false, 7);
        let a = render(u(0).as_bytes(), EcLevel::M, 4, 0, BLACK, WHITE);
        let b = render(u(3).as_bytes(), EcLevel::M, 4, 0, BLACK, WHITE);
        paste(&mut screen, &a, 200, 250, 16, WHITE);
        paste(&mut screen, &b, 900, 300, 16, WHITE);
        add(
            "two-codes",
            "otpauth".into(),
            png(&screen),
            "png",
            vec![u(0), u(3)],
        );
        let scaled = scale(&screen, 1.25, FilterType::Triangle);
        add(
            "two-codes",
            "otpauth-hidpi".into(),
            jpeg(&scaled, 85),
            "jpg",
            vec![u(0), u(3)],
        );
    }
    {
        let mut screen = RgbImage::from_pixel(1400, 800, WHITE);
        let a = render(mig15[0].as_bytes(), EcLevel::M, 4, 0, BLACK, WHITE);
        let b = render(mig15[1].as_bytes(), EcLevel::M, 4, 0, BLACK, WHITE);
        paste(&mut screen, &a, 60, 100, 16, WHITE);
        paste(&mut screen, &b, 760, 100, 16, WHITE);
        add(
            "two-codes",
            "migration-15".into(),
            png(&screen),
            "png",
            vec![&mig15[0], &mig15[1]],
        );
    }
    {
        let mut screen = page(1280, 720, true, 9);
        let a = render(u(1).as_bytes(), EcLevel::M, 4, 2, WHITE, Rgb([30, 30, 34]));
        let b = render(u(2).as_bytes(), EcLevel::M, 4, 2, WHITE, Rgb([30, 30, 34]));
        paste(&mut screen, &a, 150, 200, 8, Rgb([30, 30, 34]));
        paste(&mut screen, &b, 700, 200, 8, Rgb([30, 30, 34]));
        add(
            "two-codes",
            "dark".into(),
            png(&screen),
            "png",
            vec![u(1), u(2)],
        );
    }
    // One dark-on-light and one light-on-dark code on the same page: a light
    // dashboard with a dark card, and a dark dashboard with a white card.
    for (i, (w, h, dark_theme)) in [
        (1600u32, 900u32, false),
        (1920, 1080, true),
        (1000, 640, false),
    ]
    .into_iter()
    .enumerate()
    {
        let card = Rgb([28, 30, 36]);
        let mut screen = page(w, h, dark_theme, 60 + i as u64);
        let normal = render(u(i).as_bytes(), EcLevel::M, 4, 0, BLACK, WHITE);
        let inverted = render(
            u(i + 3).as_bytes(),
            EcLevel::M,
            4,
            0,
            Rgb([235, 235, 235]),
            card,
        );
        paste(&mut screen, &normal, w / 8, h / 4, 16, WHITE);
        // The dark card: wider than the code's quiet zone.
        let (x, y) = (w * 5 / 8, h / 4);
        fill(
            &mut screen,
            x - 40,
            y - 40,
            inverted.width() + 80,
            inverted.height() + 80,
            card,
        );
        paste(&mut screen, &inverted, x, y, 0, card);
        add(
            "two-codes",
            format!("mixed-polarity-{w}x{h}"),
            png(&screen),
            "png",
            vec![u(i), u(i + 3)],
        );
    }
    // Dense Google Authenticator exports (10 accounts: version 22–25).
    for (i, (module, factor, quality)) in [
        (4u32, 1.0f32, 0u8),
        (3, 1.0, 0),
        (4, 1.25, 0),
        (4, 1.5, 85),
        (5, 0.8, 90),
        (3, 1.25, 0),
    ]
    .into_iter()
    .enumerate()
    {
        let code = render(mig10[0].as_bytes(), EcLevel::M, module, 4, BLACK, WHITE);
        let img = scale(&code, factor, FilterType::Triangle);
        let (bytes, ext) = if quality == 0 {
            (png(&img), "png")
        } else {
            (jpeg(&img, quality), "jpg")
        };
        add(
            "migration",
            format!("{module}px-{factor}x-q{quality}-{i}"),
            bytes,
            ext,
            vec![&mig10[0]],
        );
    }
    {
        // Google Authenticator's own export screen: dark theme, phone resolution.
        let mut screen = RgbImage::from_pixel(1080, 2340, Rgb([32, 33, 36]));
        let code = render(mig10[0].as_bytes(), EcLevel::M, 8, 3, BLACK, WHITE);
        paste(&mut screen, &code, (1080 - code.width()) / 2, 600, 0, WHITE);
        add(
            "migration",
            "phone-screen".into(),
            png(&screen),
            "png",
            vec![&mig10[0]],
        );
        let small = scale(&screen, 0.5, FilterType::Triangle);
        add(
            "migration",
            "phone-screen-half".into(),
            jpeg(&small, 85),
            "jpg",
            vec![&mig10[0]],
        );
    }
    // Phone photos of a screen: rotation, perspective, moiré, noise, JPEG.
    for (i, (degrees, keystone, module)) in [
        (4.0f32, 0.0f32, 8u32),
        (-7.0, 0.0003, 8),
        (12.0, 0.0005, 9),
        (-20.0, 0.0002, 10),
        (30.0, 0.0, 8),
        (45.0, 0.0004, 10),
        (2.0, 0.0008, 9),
        (-3.0, -0.0006, 9),
    ]
    .into_iter()
    .enumerate()
    {
        let code = render(u(i).as_bytes(), EcLevel::M, module, 4, BLACK, WHITE);
        let img = photo(&code, 900, 900, degrees, keystone, 300 + i as u64);
        add(
            "photo",
            format!("{degrees}deg-k{keystone}-{i}"),
            jpeg(&img, 85),
            "jpg",
            vec![u(i)],
        );
    }
    {
        let code = render(mig10[0].as_bytes(), EcLevel::M, 7, 4, BLACK, WHITE);
        let img = photo(&code, 1000, 1000, 6.0, 0.0002, 999);
        add(
            "photo",
            "migration".into(),
            jpeg(&img, 85),
            "jpg",
            vec![&mig10[0]],
        );
    }
    // Other file formats and pixel layouts.
    {
        let code = render(u(1).as_bytes(), EcLevel::M, 4, 4, BLACK, WHITE);
        let dynamic = DynamicImage::ImageRgb8(code.clone());
        add(
            "format",
            "gif".into(),
            encode(&dynamic, ImageFormat::Gif),
            "gif",
            vec![u(1)],
        );
        add(
            "format",
            "bmp".into(),
            encode(&dynamic, ImageFormat::Bmp),
            "bmp",
            vec![u(1)],
        );
        add(
            "format",
            "tiff".into(),
            encode(&dynamic, ImageFormat::Tiff),
            "tiff",
            vec![u(1)],
        );
        add(
            "format",
            "webp-lossless".into(),
            encode(&dynamic, ImageFormat::WebP),
            "webp",
            vec![u(1)],
        );
        let grey = DynamicImage::ImageLuma8(dynamic.to_luma8());
        add(
            "format",
            "png-grey".into(),
            encode(&grey, ImageFormat::Png),
            "png",
            vec![u(1)],
        );
        let deep = DynamicImage::ImageRgb16(dynamic.to_rgb16());
        add(
            "format",
            "png-16bit".into(),
            encode(&deep, ImageFormat::Png),
            "png",
            vec![u(1)],
        );
        // Black modules on a transparent background.
        let transparent = RgbaImage::from_fn(code.width(), code.height(), |x, y| {
            if code.get_pixel(x, y).0[0] < 128 {
                Rgba([0, 0, 0, 255])
            } else {
                Rgba([0, 0, 0, 0])
            }
        });
        add(
            "format",
            "png-transparent".into(),
            encode(&DynamicImage::ImageRgba8(transparent), ImageFormat::Png),
            "png",
            vec![u(1)],
        );
    }
    // Harder variants of the cases above.
    {
        let mut screen = page(3840, 2160, false, 5);
        let code = render(u(0).as_bytes(), EcLevel::M, 2, 0, BLACK, WHITE);
        paste(&mut screen, &code, 3000, 1500, 8, WHITE);
        add(
            "big-canvas",
            "3840x2160-2px".into(),
            png(&screen),
            "png",
            vec![u(0)],
        );
    }
    for quality in [20u8, 30] {
        let code = render(u(1).as_bytes(), EcLevel::M, 3, 4, BLACK, WHITE);
        let img = scale(&code, 1.25, FilterType::Triangle);
        add(
            "jpeg",
            format!("q{quality}-hard"),
            jpeg(&img, quality),
            "jpg",
            vec![u(1)],
        );
        add(
            "webp",
            format!("q{quality}-hard"),
            webp(&img, f32::from(quality)),
            "webp",
            vec![u(1)],
        );
    }
    for (degrees, keystone, seed) in [
        (60.0f32, 0.0f32, 1u64),
        (-35.0, 0.0012, 2),
        (15.0, -0.0012, 3),
        (80.0, 0.0005, 4),
    ] {
        let code = render(u(2).as_bytes(), EcLevel::M, 7, 4, BLACK, WHITE);
        let img = photo(&code, 900, 900, degrees, keystone, seed);
        add(
            "photo",
            format!("{degrees}deg-k{keystone}-q70"),
            jpeg(&img, 70),
            "jpg",
            vec![u(2)],
        );
    }
    {
        let mut code = render(u(3).as_bytes(), EcLevel::H, 5, 4, BLACK, WHITE);
        let side = (code.width() as f32 * 0.30) as u32;
        let at = (code.width() - side) / 2;
        fill(&mut code, at, at, side, side, Rgb([30, 120, 220]));
        add("logo", "0.30".into(), png(&code), "png", vec![u(3)]);
    }
    for module in [2u32, 3] {
        let code = render(mig10[0].as_bytes(), EcLevel::M, module, 4, BLACK, WHITE);
        add(
            "migration",
            format!("{module}px-exact"),
            png(&code),
            "png",
            vec![&mig10[0]],
        );
    }
    {
        let code = render(mig10[0].as_bytes(), EcLevel::M, 2, 4, BLACK, WHITE);
        let img = scale(&code, 0.9, FilterType::Triangle);
        add(
            "migration",
            "2px-0.9x-q80".into(),
            jpeg(&img, 80),
            "jpg",
            vec![&mig10[0]],
        );
        // Dense exports under 3 px a module after a non-integer scale and JPEG: the probe
        // miss of the first round (3 px, ×0.9, q80; zxing-cpp and zbarimg read it) and its
        // neighbours.
        for (factor, quality) in [
            (0.9f32, 80u8),
            (0.9, 70),
            (0.9, 90),
            (0.85, 70),
            (0.85, 80),
            (0.85, 90),
            (0.95, 70),
            (0.95, 80),
            (0.95, 90),
            (0.8, 80),
            (0.75, 80),
        ] {
            let code = render(mig10[0].as_bytes(), EcLevel::M, 3, 4, BLACK, WHITE);
            let img = scale(&code, factor, FilterType::Triangle);
            add(
                "migration",
                format!("3px-{factor}x-q{quality}"),
                jpeg(&img, quality),
                "jpg",
                vec![&mig10[0]],
            );
        }
        let code = render(u(4).as_bytes(), EcLevel::M, 4, 0, WHITE, Rgb([20, 20, 20]));
        add(
            "tight-crop",
            "inverted-jpeg".into(),
            jpeg(&code, 60),
            "jpg",
            vec![u(4)],
        );
        for (i, (dark, light)) in [(120u8, 140u8), (128, 140)].into_iter().enumerate() {
            let code = render(
                u(4).as_bytes(),
                EcLevel::M,
                4,
                4,
                Rgb([dark; 3]),
                Rgb([light; 3]),
            );
            add(
                "contrast",
                format!("{}-levels-{i}", light - dark),
                png(&code),
                "png",
                vec![u(4)],
            );
        }
    }
    // A payload that is not UTF-8 (ISO 8859-1 bytes): returned exactly.
    cases.push(Case {
        name: "bytes-latin1".into(),
        family: "bytes",
        bytes: png(&render(
            b"Caf\xe9 cr\xe8me \xa9 2026",
            EcLevel::M,
            4,
            4,
            BLACK,
            WHITE,
        )),
        ext: "png",
        expected: vec![b"Caf\xe9 cr\xe8me \xa9 2026".to_vec()],
    });
    cases
}
