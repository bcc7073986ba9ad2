//! `tessera code --uri ... --at T` against oathtool (Debian's `oathtool`, from
//! OATH Toolkit) as an outside oracle, on random keys, parameters and times.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tessera::otp::{Account, Algorithm, Params};
use tessera::secret::SecretBytes;

use common::{require_tool, run, stdout, tessera};

const CASES: usize = 1_000;
/// 2100-01-01T00:00:00Z.
const YEAR_2100: u64 = 4_102_444_800;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A time from 1970 to 2100; a third of them sit on or next to a period boundary.
fn random_time(rng: &mut StdRng, period: u64) -> u64 {
    let t = rng.random_range(0..YEAR_2100);
    match rng.random_range(0..6) {
        0 => t - t % period,
        1 => (t - t % period).saturating_sub(1),
        _ => t,
    }
}

#[test]
fn totp_and_hotp_match_oathtool() {
    require_tool("oathtool", "oathtool");
    let seed = std::env::var("TESSERA_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x7e55_5e4a);
    let mut rng = StdRng::seed_from_u64(seed);
    let mut mismatches = Vec::new();
    for case in 0..CASES {
        let len = rng.random_range(10..=64);
        let key: Vec<u8> = (0..len).map(|_| rng.random()).collect();
        let algorithm = [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512][case % 3];
        let digits = rng.random_range(6..=8);
        let hotp = case % 10 == 9;
        let period = [15u32, 30, 60][rng.random_range(0..3)];
        let counter = rng.random_range(0..1_000_000u64);
        let params = if hotp {
            Params {
                algorithm,
                digits,
                ..Params::hotp(counter)
            }
        } else {
            Params {
                algorithm,
                digits,
                period,
                ..Params::totp()
            }
        };
        let at = random_time(&mut rng, u64::from(period));
        let account = Account::new("Oracle", "case", SecretBytes::new(key.clone()), params)
            .map_err(|e| e.to_string());
        let Ok(account) = account else {
            panic!("{account:?}")
        };

        let ours = run(tessera()
            .args(["code", "--uri", account.to_uri().expose(), "--at"])
            .arg(at.to_string()));
        assert!(ours.status.success(), "case {case}: {ours:?}");

        let mut oath = std::process::Command::new("oathtool");
        if hotp {
            oath.arg("--hotp").arg(format!("--counter={counter}"));
        } else {
            oath.arg(format!("--totp={}", algorithm.as_str().to_lowercase()))
                .arg(format!("--time-step-size={period}s"))
                .arg(format!("--now=@{at}"));
        }
        if hotp && algorithm != Algorithm::Sha1 {
            // oathtool's HOTP is SHA1-only; compare through TOTP with a 1 s step instead,
            // which computes HMAC(key, counter) with the chosen hash.
            oath = std::process::Command::new("oathtool");
            oath.arg(format!("--totp={}", algorithm.as_str().to_lowercase()))
                .arg("--time-step-size=1s")
                .arg(format!("--now=@{counter}"));
        }
        oath.arg(format!("--digits={digits}")).arg(hex(&key));
        let theirs = run(&mut oath);
        assert!(theirs.status.success(), "oathtool failed: {theirs:?}");

        let (a, b) = (stdout(&ours), stdout(&theirs));
        if a.trim() != b.trim() {
            mismatches.push(format!(
                "case {case}: {} {algorithm} digits={digits} period={period} counter={counter} at={at}: tessera {} oathtool {}",
                if hotp { "hotp" } else { "totp" },
                a.trim(),
                b.trim()
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {CASES} cases differ from oathtool (seed {seed}):\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
