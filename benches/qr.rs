//! QR decoding over generated images. Figures are recorded in docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/qr.rs"]
mod corpus;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tessera::qr::{self, Limits};

fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("qr");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(4));
    let mut inputs: Vec<(String, Vec<u8>)> = corpus::screenshots()
        .into_iter()
        .map(|(name, bytes, _)| (name, bytes))
        .collect();
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
