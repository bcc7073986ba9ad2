//! Screenshots of every screen for the README, rendered headlessly: the real
//! `App::update`/`App::view` under `iced_test`'s simulator with the tiny-skia
//! renderer (no display needed), the tasks the app returns run for real on a
//! throw-away vault (cheap test KDF), the clock pinned.
//!
//!   cargo run --example screenshots -- [OUT_DIR]     (default docs/screenshots)
//!
//! Writes `{screen}-{theme}-{lang}-{size}.png` for the screens first-run,
//! unlock, codes, codes-empty, add, details and settings, in the light, dark
//! and high-contrast looks, English and pt-BR, at 100 % and 150 % text size,
//! each as the window's default size (560 x 720) shows it: the simulator
//! renders at 2x, so a text size of `s` is the window's logical size divided
//! by `s`, rendered and brought back to 560 px wide. A screen longer than the
//! window (settings, details, the add screen at 150 %) is shot whole, in a
//! window as much taller as it needs (its image is taller than 720 px), so
//! every control shows in some screenshot; the code list is shot as the
//! window shows it (it scrolls by design). `docs/screenshots.sh` runs this,
//! then shrinks the files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use iced_test::Simulator;
use iced_test::selector::Candidate;

use tessera::clock::Timestamp;
use tessera::gui::event::Hotkey;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::{codes, unlock};
use tessera::gui::settings::{Settings, ThemeChoice};
use tessera::gui::{App, Environment, Message};
use tessera::keystore::MemoryKeystore;
use tessera::otp::{Account, Params, decode_base32};
use tessera::secret::Password;
use tessera::vault::{Entry, KdfPolicy, Vault};

const PASSWORD: &str = "correct horse battery staple";
const WINDOW: (f32, f32) = (560.0, 720.0);
/// 2023-11-14T22:13:20Z: 10 seconds left in the 30-second period.
const T0: Timestamp = Timestamp(1_700_000_000);

#[path = "../tests/common/drive.rs"]
mod drive;

fn run(app: &mut App, runtime: &tokio::runtime::Runtime, task: iced::Task<Message>) {
    drive::drive(app, runtime, task, |_| {});
}

fn update(app: &mut App, runtime: &tokio::runtime::Runtime, message: Message) {
    let task = app.update(message);
    run(app, runtime, task);
}

fn samples() -> Vec<Entry> {
    let totp = |issuer: &str, name: &str, key: &str, favourite: bool| {
        let account =
            Account::new(issuer, name, decode_base32(key).unwrap(), Params::totp()).unwrap();
        let mut entry = Entry::new(account, T0).unwrap();
        entry.favourite = favourite;
        entry
    };
    let mut steam = Entry::new(
        Account::new(
            "Steam",
            "alice_plays",
            decode_base32("KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ").unwrap(),
            Params::steam(),
        )
        .unwrap(),
        T0,
    )
    .unwrap();
    steam.group = "Games".into();
    let mut bank = totp("Example Bank", "alice", "JBSWY3DPEHPK3PXP", true);
    bank.notes = "Recovery phone: the old one in the drawer.".into();
    vec![
        bank,
        totp(
            "GitHub",
            "alice-dev",
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
            true,
        ),
        totp(
            "Proton",
            "alice@proton.me",
            "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
            false,
        ),
        totp(
            "Fastmail",
            "alice@fastmail.com",
            "ONSWG4TFORZWK5DTMVRXEZLU",
            false,
        ),
        totp("Cloudflare", "ops@example.org", "NBSWY3DPO5XXE3DEEE", false),
        steam,
    ]
}

/// Types the password on the unlock screen and presses Enter.
fn unlock_with_password(app: &mut App, runtime: &tokio::runtime::Runtime) {
    let messages: Vec<Message> = {
        let mut ui = iced_test::simulator(app.view());
        let _ = ui
            .click(iced_test::selector::id(unlock::PASSWORD_ID))
            .unwrap();
        let _ = ui.typewrite(PASSWORD);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
        ui.into_messages().collect()
    };
    for message in messages {
        update(app, runtime, message);
    }
    assert_eq!(app.screen_name(), "codes");
}

struct Shooter {
    out: PathBuf,
    tmp: tempfile::TempDir,
    theme: ThemeChoice,
    lang: Lang,
    /// Text size in percent (the app's scale factor).
    size: u16,
}

impl Shooter {
    fn env(&self, vault: &Path) -> Environment {
        Environment {
            settings: Settings {
                theme: self.theme,
                language: Some(self.lang),
                text_size_percent: self.size,
                ..Settings::default()
            },
            system_lang: self.lang,
            ..Environment::isolated(
                vault.to_owned(),
                self.tmp.path().join("state"),
                KdfPolicy::insecure_for_tests(),
                Arc::new(MemoryKeystore::new()),
                T0,
            )
        }
    }

    fn shoot(&self, app: &App, screen: &str) {
        let theme = app.theme();
        // What the window lays out at this text size: fewer logical pixels.
        let scale = app.scale_factor();
        let mut logical = (WINDOW.0 / scale, WINDOW.1 / scale);
        if !screen.starts_with("codes") {
            // As tall as the whole screen: laid out in a very tall window,
            // the lowest text's bottom plus the screens' 24 px padding.
            let mut probe: Simulator<'_, Message> =
                Simulator::with_size(iced::Settings::default(), (logical.0, 8000.0), app.view());
            let mut bottom: f32 = 0.0;
            let _ = probe.find(|candidate: Candidate<'_>| -> Option<()> {
                if let Candidate::Text { bounds, .. } | Candidate::TextInput { bounds, .. } =
                    candidate
                {
                    bottom = bottom.max(bounds.y + bounds.height);
                }
                None
            });
            logical.1 = logical.1.max((bottom + 40.0).ceil());
        }
        let mut ui: Simulator<'_, Message> =
            Simulator::with_size(iced::Settings::default(), logical, app.view());
        let snapshot = ui.snapshot(&theme).unwrap();
        // The simulator writes `<stem>-tiny-skia.png` at 2x; read it back and halve it.
        let raw = self.tmp.path().join(format!("{screen}.png"));
        let _ = snapshot.matches_image(&raw).unwrap();
        let written = self.tmp.path().join(format!("{screen}-tiny-skia.png"));
        let image = image::open(&written).unwrap().to_rgb8();
        let _ = std::fs::remove_file(&written);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let small = image::imageops::resize(
            &image,
            WINDOW.0 as u32,
            (logical.1 * scale).round() as u32,
            image::imageops::FilterType::Triangle,
        );
        let theme = match self.theme {
            ThemeChoice::Dark => "dark",
            ThemeChoice::HighContrast => "high-contrast",
            _ => "light",
        };
        let lang = match self.lang {
            Lang::PtBr => "pt-BR",
            _ => "en",
        };
        let path = self
            .out
            .join(format!("{screen}-{theme}-{lang}-{}.png", self.size));
        let file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let encoder = image::codecs::png::PngEncoder::new_with_quality(
            file,
            image::codecs::png::CompressionType::Best,
            image::codecs::png::FilterType::Adaptive,
        );
        small.write_with_encoder(encoder).unwrap();
        println!("{}", path.display());
    }

    fn all(&self, runtime: &tokio::runtime::Runtime) {
        // First run: no vault yet.
        let fresh = self.tmp.path().join("fresh/vault.tessera");
        let (mut app, boot) = App::new(self.env(&fresh));
        run(&mut app, runtime, boot);
        self.shoot(&app, "first-run");

        // A vault with no accounts yet: the list's empty state.
        let empty = self.tmp.path().join("empty/vault.tessera");
        std::fs::create_dir_all(empty.parent().unwrap()).unwrap();
        drop(
            Vault::create(
                &empty,
                &Password::new(PASSWORD.into()),
                &KdfPolicy::insecure_for_tests(),
            )
            .unwrap(),
        );
        let (mut app, boot) = App::new(self.env(&empty));
        run(&mut app, runtime, boot);
        unlock_with_password(&mut app, runtime);
        self.shoot(&app, "codes-empty");

        // A vault with sample accounts: unlock, then the list and the screens over it.
        let path = self.tmp.path().join("samples/vault.tessera");
        if !path.exists() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let mut vault = Vault::create(
                &path,
                &Password::new(PASSWORD.into()),
                &KdfPolicy::insecure_for_tests(),
            )
            .unwrap();
            vault
                .modify(|all| {
                    all.extend(samples());
                    Ok(())
                })
                .unwrap();
        }
        let (mut app, boot) = App::new(self.env(&path));
        run(&mut app, runtime, boot);
        self.shoot(&app, "unlock");
        unlock_with_password(&mut app, runtime);
        update(&mut app, runtime, Message::Tick(T0));
        // Select the second row, as a keyboard user would.
        update(&mut app, runtime, Message::Hotkey(Hotkey::Down));
        update(&mut app, runtime, Message::Hotkey(Hotkey::Down));
        self.shoot(&app, "codes");

        update(&mut app, runtime, Message::Codes(codes::Message::Add));
        self.shoot(&app, "add");
        update(&mut app, runtime, Message::Hotkey(Hotkey::Escape));

        let id = app
            .entries()
            .iter()
            .find(|e| e.account.issuer == "Example Bank")
            .map(|e| e.id.clone())
            .unwrap();
        update(
            &mut app,
            runtime,
            Message::Codes(codes::Message::Details(id)),
        );
        self.shoot(&app, "details");
        update(&mut app, runtime, Message::Hotkey(Hotkey::Escape));

        update(&mut app, runtime, Message::Codes(codes::Message::Settings));
        self.shoot(&app, "settings");
    }
}

fn main() {
    let out = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("docs/screenshots"), PathBuf::from);
    std::fs::create_dir_all(&out).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for theme in [
        ThemeChoice::Light,
        ThemeChoice::Dark,
        ThemeChoice::HighContrast,
    ] {
        for lang in [Lang::En, Lang::PtBr] {
            for size in [100, 150] {
                let shooter = Shooter {
                    out: out.clone(),
                    tmp: tempfile::tempdir().unwrap(),
                    theme,
                    lang,
                    size,
                };
                shooter.all(&runtime);
            }
        }
    }
}
