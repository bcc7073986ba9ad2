//! QR decoding over generated images. Figures are recorded in docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/qr.rs"]
mod corpus;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use image::RgbImage;
use qrcode::EcLevel;
use tessera::qr::{self, Limits};

/// A full screen of dashboard with one small code (3 px modules), as PNG.
fn screen(width: u32, height: u32, with_code: bool) -> Vec<u8> {
    let mut page = corpus::page(width, height, false, 11);
    if with_code {
        let uri = &corpus::otpauth_uris()[0];
        let code: RgbImage = corpus::render(
            uri.as_bytes(),
            EcLevel::M,
            3,
            0,
            image::Rgb([0, 0, 0]),
            image::Rgb([255, 255, 255]),
        );
        corpus::paste(
            &mut page,
            &code,
            width * 2 / 3,
            height / 3,
            12,
            image::Rgb([255, 255, 255]),
        );
    }
    corpus::png(&page)
}

fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("qr");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(4));
    let mut inputs: Vec<(String, Vec<u8>)> = vec![
        ("screen_1920x1080".into(), screen(1920, 1080, true)),
        ("screen_3840x2160".into(), screen(3840, 2160, true)),
        ("screen_3840x2160_no_code".into(), screen(3840, 2160, false)),
    ];
    for name in [
        "hidpi-1.5x-f0-1",
        "inverted-page-1",
        "contrast-0",
        "webp-q60-1",
        "migration-4px-1.25x-q0-2",
        "two-codes-migration-15",
        "photo-12deg-k0.0005-2",
    ] {
        let case = corpus::corpus()
            .iter()
            .find(|c| c.name == name)
            .expect("corpus case");
        inputs.push((name.to_owned(), case.bytes.clone()));
    }
    for (name, bytes) in &inputs {
        let expected = !name.ends_with("no_code");
        assert_eq!(
            !qr::decode_image_bytes(bytes, &Limits::default())
                .unwrap()
                .is_empty(),
            expected,
            "{name}"
        );
        group.bench_function(name.as_str(), |b| {
            b.iter(|| qr::decode_image_bytes(black_box(bytes), &Limits::default()))
        });
    }
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
