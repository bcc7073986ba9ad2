//! The Linux packages, built by `packaging/build.sh` from this test run's own
//! binary (the release binary is what users get; packaging it is the same
//! script with one `cargo build --release` more: `docs/benchmarks.md`), and
//! checked with the tools distributions check them with: `dpkg-deb -c`,
//! `rpm -qpl`, `lintian`, `appstreamcli`, `desktop-file-validate`, `dpkg -i`,
//! `man -w`, bash-completion; the Depends field against the libraries the
//! binary names (`objdump -p`, `dpkg -S`). Built once per test run, into
//! `$CARGO_TARGET_TMPDIR/packaging`.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const ID: &str = "app.tessera.Tessera";
const ICON_SIZES: [u32; 8] = [16, 24, 32, 48, 64, 128, 256, 512];

struct Dist {
    dir: PathBuf,
    deb: PathBuf,
    rpm: PathBuf,
    tarball: PathBuf,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_tessera")
}

fn run(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?} could not start ({e}); .ci/test installs it"));
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn stdout(command: &mut Command) -> String {
    String::from_utf8(run(command).stdout).unwrap()
}

/// `packaging/build.sh` once per test run. `cargo test` runs these tests as
/// threads of one process; nextest runs each in its own process, so the build
/// is also shared between processes: the first takes a file lock, builds and
/// writes a stamp naming the run (`NEXTEST_RUN_ID`, else the process id); the
/// others wait on the lock and find the stamp.
fn dist() -> &'static Dist {
    static DIST: OnceLock<Dist> = OnceLock::new();
    DIST.get_or_init(|| {
        let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        let dir = tmp.join("packaging");
        let lock = std::fs::File::create(tmp.join("packaging.lock")).unwrap();
        lock.lock().unwrap();
        let run_id = std::env::var("NEXTEST_RUN_ID")
            .unwrap_or_else(|_| format!("process {}", std::process::id()));
        let stamp = tmp.join("packaging.run");
        if std::fs::read_to_string(&stamp).ok().as_deref() != Some(run_id.as_str()) {
            let _ = std::fs::remove_file(&stamp);
            let _ = std::fs::remove_dir_all(&dir);
            run(Command::new("bash")
                .arg(root().join("packaging/build.sh"))
                .arg("--fast")
                .arg("--binary")
                .arg(binary())
                .arg("--out")
                .arg(&dir));
            std::fs::write(&stamp, &run_id).unwrap();
        }
        drop(lock);
        let find = |suffix: &str| {
            let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.to_string_lossy().ends_with(suffix))
                .collect();
            assert_eq!(found.len(), 1, "one {suffix} in {}", dir.display());
            found.pop().unwrap()
        };
        Dist {
            deb: find(".deb"),
            rpm: find(".rpm"),
            tarball: find(".tar.gz"),
            dir,
        }
    })
}

/// What every package installs, below its prefix; `zsh` is the folder its
/// distribution's zsh reads completions from.
fn expected(zsh: &str) -> BTreeSet<String> {
    let mut files: BTreeSet<String> = [
        "bin/tessera".to_owned(),
        format!("share/applications/{ID}.desktop"),
        format!("share/metainfo/{ID}.metainfo.xml"),
        format!("share/icons/hicolor/scalable/apps/{ID}.svg"),
        "share/man/man1/tessera.1.gz".to_owned(),
        "share/bash-completion/completions/tessera".to_owned(),
        format!("share/{zsh}/_tessera"),
        "share/fish/vendor_completions.d/tessera.fish".to_owned(),
    ]
    .into_iter()
    .collect();
    for size in ICON_SIZES {
        files.insert(format!("share/icons/hicolor/{size}x{size}/apps/{ID}.png"));
    }
    files
}

fn with_prefix(prefix: &str, files: BTreeSet<String>) -> BTreeSet<String> {
    files.into_iter().map(|f| format!("{prefix}{f}")).collect()
}

/// The regular files of a `dpkg-deb -c` / `tar -tvzf` listing (mode first, path last).
fn listed_files(listing: &str) -> BTreeSet<String> {
    listing
        .lines()
        .filter(|line| line.starts_with('-'))
        .map(|line| {
            line.split_whitespace()
                .last()
                .unwrap()
                .trim_start_matches('.')
                .to_owned()
        })
        .collect()
}

#[test]
fn the_deb_holds_every_file_and_the_licence() {
    let dist = dist();
    let listing = stdout(Command::new("dpkg-deb").arg("-c").arg(&dist.deb));
    let mut want = with_prefix("/usr/", expected("zsh/vendor-completions"));
    want.insert("/usr/share/doc/tessera/copyright".into());
    want.insert("/usr/share/doc/tessera/changelog.gz".into());
    want.insert("/usr/share/doc/tessera/third-party-notices.txt.gz".into());
    assert_eq!(listed_files(&listing), want, "{listing}");
    // Root-owned, the binary executable, nothing else.
    for line in listing.lines() {
        assert!(line.contains(" root/root "), "{line}");
        if line.starts_with('-') {
            let mode = if line.ends_with("/usr/bin/tessera") {
                "-rwxr-xr-x"
            } else {
                "-rw-r--r--"
            };
            assert!(line.starts_with(mode), "{line}");
        }
    }
    // The Debian copyright file carries both licences of "MIT OR Apache-2.0".
    let extracted = dist.dir.join("deb-extracted");
    let _ = std::fs::remove_dir_all(&extracted);
    run(Command::new("dpkg-deb")
        .arg("-x")
        .arg(&dist.deb)
        .arg(&extracted));
    let copyright =
        std::fs::read_to_string(extracted.join("usr/share/doc/tessera/copyright")).unwrap();
    assert!(copyright.contains("License: MIT or Apache-2.0"));
    assert!(copyright.contains("Permission is hereby granted, free of charge"));
    assert!(copyright.contains("/usr/share/common-licenses/Apache-2.0"));
    // The embedded Lucide symbols' notice (ISC) goes with every copy.
    assert!(copyright.contains("Files: resources/icons/lucide.tsv"));
    assert!(copyright.contains("Lucide Icons and Contributors"));
    assert!(copyright.contains("/usr/share/doc/tessera/third-party-notices.txt.gz"));
    let notices = stdout(
        Command::new("zcat")
            .arg(extracted.join("usr/share/doc/tessera/third-party-notices.txt.gz")),
    );
    check_notices(&notices);
}

/// The crates the binary links, each with its version from Cargo.lock: the
/// required ones named, with MIT and Apache-2.0 texts, and no crate that only
/// the tests or benchmarks use.
fn check_notices(notices: &str) {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).unwrap();
    let locked = |name: &str| -> Vec<String> {
        let head = format!("name = \"{name}\"\nversion = \"");
        lock.match_indices(&head)
            .map(|(at, _)| {
                let rest = &lock[at + head.len()..];
                rest[..rest.find('"').unwrap()].to_owned()
            })
            .collect()
    };
    for name in [
        "iced",
        "totp-rs",
        "rqrr",
        "image",
        "keyring",
        "serde",
        "chacha20poly1305",
        "zeroize",
    ] {
        let versions = locked(name);
        assert!(!versions.is_empty(), "{name} is not in Cargo.lock");
        assert!(
            versions
                .iter()
                .any(|v| notices.contains(&format!("\n{name} {v}\nLicence: "))),
            "{name} {versions:?} has no notice"
        );
    }
    for dev_only in ["proptest", "criterion", "iced_test", "trycmd", "tempfile"] {
        assert!(
            !notices.contains(&format!("\n{dev_only} ")),
            "{dev_only} is a dev-dependency, not in the binary"
        );
    }
    assert!(notices.contains("Permission is hereby granted, free of charge"));
    assert!(notices.contains("Apache License"));
}

#[test]
fn the_rpm_holds_every_file_and_the_licences() {
    let dist = dist();
    let listing = stdout(Command::new("rpm").arg("-qpl").arg(&dist.rpm));
    let got: BTreeSet<String> = listing.lines().map(str::to_owned).collect();
    let mut want = with_prefix("/usr/", expected("zsh/site-functions"));
    want.insert("/usr/share/licenses/tessera/LICENSE-MIT".into());
    want.insert("/usr/share/licenses/tessera/LICENSE-APACHE".into());
    want.insert("/usr/share/licenses/tessera/LICENSE-lucide-icons".into());
    want.insert("/usr/share/licenses/tessera/THIRD-PARTY-NOTICES.txt".into());
    assert_eq!(got, want);
    let licences = stdout(Command::new("rpm").arg("-qpL").arg(&dist.rpm));
    assert!(licences.contains("/usr/share/licenses/tessera/LICENSE-APACHE"));
    assert!(licences.contains("/usr/share/licenses/tessera/THIRD-PARTY-NOTICES.txt"));
    let info = stdout(Command::new("rpm").arg("-qpi").arg(&dist.rpm));
    assert!(info.contains("License     : MIT OR Apache-2.0"), "{info}");
    // rpm derived the requirements from the binary: the C library, nothing
    // it does not link (no GTK, no OpenSSL, no X or Wayland client library).
    let requires = stdout(Command::new("rpm").arg("-qpR").arg(&dist.rpm));
    assert!(requires.contains("libc.so.6"), "{requires}");
    for absent in ["libgtk", "libssl", "libX11", "libwayland", "libxkbcommon"] {
        assert!(!requires.contains(absent), "{absent} in\n{requires}");
    }
}

#[test]
fn the_tarball_installs_with_its_script_and_uninstalls() {
    let dist = dist();
    let listing = stdout(Command::new("tar").arg("-tvzf").arg(&dist.tarball));
    let files = listed_files(&listing);
    let top = files
        .iter()
        .next()
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    assert!(top.starts_with("tessera-"), "{top}");
    let mut want = with_prefix(&format!("{top}/"), expected("zsh/site-functions"));
    for extra in [
        "install.sh",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "LICENSE-lucide-icons",
        "THIRD-PARTY-NOTICES.txt",
    ] {
        want.insert(format!("{top}/{extra}"));
    }
    assert_eq!(files, want);

    let unpacked = dist.dir.join("tar-unpacked");
    let _ = std::fs::remove_dir_all(&unpacked);
    std::fs::create_dir_all(&unpacked).unwrap();
    run(Command::new("tar")
        .arg("-xzf")
        .arg(&dist.tarball)
        .arg("-C")
        .arg(&unpacked));
    let destdir = dist.dir.join("tar-destdir");
    let _ = std::fs::remove_dir_all(&destdir);
    let script = unpacked.join(&top).join("install.sh");
    run(Command::new("sh")
        .arg(&script)
        .args(["--prefix", "/usr"])
        .env("DESTDIR", &destdir));
    for file in expected("zsh/site-functions") {
        assert!(destdir.join("usr").join(&file).is_file(), "{file}");
    }
    assert!(
        destdir
            .join("usr/share/licenses/tessera/LICENSE-MIT")
            .is_file()
    );
    assert!(
        destdir
            .join("usr/share/licenses/tessera/LICENSE-lucide-icons")
            .is_file()
    );
    check_notices(
        &std::fs::read_to_string(
            destdir.join("usr/share/licenses/tessera/THIRD-PARTY-NOTICES.txt"),
        )
        .unwrap(),
    );
    let installed = destdir.join("usr/bin/tessera");
    let version = stdout(Command::new(&installed).arg("--version"));
    assert_eq!(
        version,
        stdout(Command::new(binary()).arg("--version")),
        "the installed binary is this one"
    );
    run(Command::new("sh")
        .arg(&script)
        .args(["--prefix", "/usr", "--uninstall"])
        .env("DESTDIR", &destdir));
    let left: Vec<_> = walk(&destdir).into_iter().filter(|p| p.is_file()).collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        }
        out.push(path);
    }
    out
}

#[test]
fn the_shipped_desktop_file_and_metainfo_validate() {
    let dist = dist();
    let stage = dist.dir.join("work/deb/usr/share");
    let desktop = stage.join(format!("applications/{ID}.desktop"));
    let metainfo = stage.join(format!("metainfo/{ID}.metainfo.xml"));
    // desktop-file-validate prints hints on stdout and fails on errors.
    let out = run(Command::new("desktop-file-validate").arg(&desktop));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(!report.contains("error"), "{report}");
    let text = std::fs::read_to_string(&desktop).unwrap();
    for action in ["Add account", "Scan screen"] {
        assert!(text.contains(&format!("Name={action}")), "{action}");
    }
    run(Command::new("appstreamcli")
        .args(["validate", "--no-net", "--explain"])
        .arg(&metainfo));
    // What the software centres show and what Flathub requires.
    let xml = std::fs::read_to_string(&metainfo).unwrap();
    for needed in [
        "<launchable type=\"desktop-id\">app.tessera.Tessera.desktop</launchable>",
        "<binary>tessera</binary>",
        "<content_rating type=\"oars-1.1\"",
        "<screenshot type=\"default\">",
        "<release version=\"",
        "<keywords>",
        "<color type=\"primary\" scheme_preference=\"light\">",
        "<color type=\"primary\" scheme_preference=\"dark\">",
        "<description>",
    ] {
        assert!(xml.contains(needed), "{needed}");
    }
    // The release the metainfo announces is the version the binary reports.
    let version = stdout(Command::new(binary()).arg("--version"));
    let version = version.split_whitespace().nth(1).unwrap();
    assert!(xml.contains(&format!("<release version=\"{version}\"")));
}

#[test]
fn the_icons_are_the_sizes_their_folders_say() {
    let dist = dist();
    let icons = dist.dir.join("work/deb/usr/share/icons/hicolor");
    for size in ICON_SIZES {
        let png = icons.join(format!("{size}x{size}/apps/{ID}.png"));
        let image = image::open(&png).unwrap();
        assert_eq!((image.width(), image.height()), (size, size), "{png:?}");
        // Drawn, not blank: the tile's dark blue is there.
        let rgba = image.to_rgba8();
        let centre = rgba.get_pixel(size / 2, size / 2);
        assert_eq!(centre[3], 255, "opaque centre at {size}");
    }
}

#[test]
fn lintian_finds_no_errors_in_the_deb() {
    let dist = dist();
    let out = Command::new("lintian")
        .args(["--tag-display-limit", "0", "--fail-on", "error"])
        .arg(&dist.deb)
        .output()
        .expect("lintian runs (.ci/test installs it)");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "lintian:\n{report}");
    assert!(
        !report.lines().any(|l| l.starts_with("E:")),
        "lintian:\n{report}"
    );
}

/// Depends names exactly the packages holding the libraries the binary
/// links (its ELF NEEDED entries, looked up with `dpkg -S`), with versions.
#[test]
fn the_deb_depends_on_what_the_binary_links_and_nothing_more() {
    let dist = dist();
    let control = stdout(
        Command::new("dpkg-deb")
            .args(["-f"])
            .arg(&dist.deb)
            .arg("Depends"),
    );
    let depends: BTreeSet<String> = control
        .trim()
        .split(',')
        .map(|d| d.split_whitespace().next().unwrap().to_owned())
        .collect();
    assert!(control.contains("libc6 (>= "), "{control}");

    let stripped = dist.dir.join("work/deb/usr/bin/tessera");
    let dynamic = stdout(Command::new("objdump").arg("-p").arg(&stripped));
    let needed: Vec<&str> = dynamic
        .lines()
        .filter_map(|l| l.trim().strip_prefix("NEEDED"))
        .map(str::trim)
        .collect();
    assert!(!needed.is_empty());
    let mut owners = BTreeSet::new();
    for library in needed {
        let found = stdout(Command::new("dpkg").arg("-S").arg(format!("*/{library}")));
        let owner = found
            .lines()
            .next()
            .and_then(|l| l.split(':').next())
            .unwrap();
        owners.insert(owner.to_owned());
    }
    assert_eq!(depends, owners, "Depends: {control}");
}

/// Removes the package however the test ends.
struct Installed;

impl Drop for Installed {
    fn drop(&mut self) {
        let _ = Command::new("dpkg").args(["--purge", "tessera"]).output();
    }
}

#[test]
fn the_deb_installs_works_and_removes_cleanly() {
    if !is_root() {
        eprintln!(
            "SKIPPED: installing the .deb needs root (dpkg -i); run the tests as root (CI does)"
        );
        return;
    }
    let dist = dist();
    // One install test at a time on this machine (other checkouts run it too).
    let lock = std::fs::File::create("/tmp/tessera-packaging-install.lock").unwrap();
    lock.lock().unwrap();
    let status = Command::new("dpkg")
        .args(["-s", "tessera"])
        .output()
        .unwrap();
    if status.status.success() {
        eprintln!(
            "SKIPPED: a tessera package is already installed on this machine; not replacing it"
        );
        return;
    }
    let files = listed_files(&stdout(Command::new("dpkg-deb").arg("-c").arg(&dist.deb)));
    let guard = Installed;
    // Minimal Debian images exclude /usr/share/man from every package
    // (/etc/dpkg/dpkg.cfg.d/docker): put the page back for this one.
    run(Command::new("dpkg")
        .arg("--path-include=/usr/share/man/man1/tessera.1.gz")
        .arg("-i")
        .arg(&dist.deb));

    let version = stdout(Command::new("/usr/bin/tessera").arg("--version"));
    assert_eq!(version, stdout(Command::new(binary()).arg("--version")));
    let man = stdout(Command::new("man").args(["-w", "tessera"]));
    assert_eq!(man.trim(), "/usr/share/man/man1/tessera.1.gz");
    // The page renders, and says every command `tessera --help` lists.
    let page = stdout(
        Command::new("man")
            .args(["-P", "cat", "tessera"])
            .env("MANWIDTH", "100")
            .env("LANG", "C.UTF-8"),
    );
    for command in commands() {
        assert!(
            page.contains(&format!("tessera {command}")),
            "{command} missing from the manual page"
        );
    }
    // bash-completion finds the completion by the command's name and completes commands.
    let completed = stdout(Command::new("bash").arg("-c").arg(
        "source /usr/share/bash-completion/bash_completion && \
         _completion_loader tessera; \
         COMP_WORDS=(tessera li) COMP_CWORD=1 COMP_LINE='tessera li' COMP_POINT=10 && \
         \"$(complete -p tessera | sed -E 's/.*-F ([^ ]+).*/\\1/')\" tessera li tessera && \
         printf '%s\\n' \"${COMPREPLY[@]}\"",
    ));
    assert_eq!(completed.trim(), "list", "bash completion of 'tessera li'");

    drop(guard);
    let status = Command::new("dpkg")
        .args(["-s", "tessera"])
        .output()
        .unwrap();
    assert!(!status.status.success(), "still installed after --purge");
    for file in files {
        assert!(!Path::new(&file).exists(), "{file} left behind");
    }
}

/// The commands `tessera --help` lists.
fn commands() -> Vec<String> {
    let help = stdout(Command::new(binary()).arg("--help"));
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A command's name starts its line; wrapped help is indented further.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_manual_page_documents_every_command_and_no_hidden_one() {
    let dist = dist();
    let page = std::fs::read_to_string(dist.dir.join("work/generated/tessera.1")).unwrap();
    let commands = commands();
    assert!(commands.len() >= 10, "{commands:?}");
    for command in &commands {
        assert!(
            page.contains(&format!(".SS \"tessera {command}\"")),
            "{command} has no section"
        );
    }
    assert!(page.contains(".SS \"tessera recovery use\""));
    assert!(page.contains("One of: enable, disable."));
    assert!(!page.contains("generate\\-assets"));
    // Completions name every command too.
    let bash = std::fs::read_to_string(dist.dir.join("work/generated/tessera.bash")).unwrap();
    let fish = std::fs::read_to_string(dist.dir.join("work/generated/tessera.fish")).unwrap();
    let zsh = std::fs::read_to_string(dist.dir.join("work/generated/_tessera")).unwrap();
    for command in &commands {
        for (shell, text) in [("bash", &bash), ("fish", &fish), ("zsh", &zsh)] {
            assert!(text.contains(command.as_str()), "{command} in {shell}");
        }
    }
    // bash parses its completion script.
    run(Command::new("bash")
        .arg("-n")
        .arg(dist.dir.join("work/generated/tessera.bash")));
}

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// The Flatpak manifest cannot be built here (the runtimes come from Flathub):
/// its YAML parses (Debian's PyYAML), names what Flathub requires, installs
/// the files the checks above validate, and asks for no more than the app uses.
#[test]
fn the_flatpak_manifest_parses_and_asks_for_little() {
    let manifest = root().join("packaging/flatpak/app.tessera.Tessera.yml");
    let json = stdout(
        Command::new("/usr/bin/python3")
            .args([
                "-c",
                "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))",
            ])
            .arg(&manifest),
    );
    let m: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(m["id"], ID);
    assert_eq!(m["command"], "tessera");
    assert_eq!(m["runtime"], "org.freedesktop.Platform");
    assert_eq!(m["sdk"], "org.freedesktop.Sdk");
    assert!(m["runtime-version"].as_str().is_some_and(|v| !v.is_empty()));
    assert_eq!(
        m["sdk-extensions"],
        serde_json::json!(["org.freedesktop.Sdk.Extension.rust-stable"])
    );
    let finish: BTreeSet<&str> = m["finish-args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    let want: BTreeSet<&str> = [
        "--socket=wayland",
        "--socket=fallback-x11",
        "--share=ipc",
        "--talk-name=org.freedesktop.secrets",
        "--talk-name=org.kde.StatusNotifierWatcher",
    ]
    .into_iter()
    .collect();
    assert_eq!(finish, want, "no home, no network, no devices");

    let modules = m["modules"].as_array().unwrap();
    let module = modules.iter().find(|m| m["name"] == "tessera").unwrap();
    let commands: Vec<&str> = module["build-commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(
        commands
            .iter()
            .any(|c| c.contains("cargo --offline build --release --locked"))
    );
    for (source, dest) in [
        (
            format!("packaging/linux/{ID}.desktop"),
            format!("/app/share/applications/{ID}.desktop"),
        ),
        (
            format!("packaging/linux/{ID}.metainfo.xml"),
            format!("/app/share/metainfo/{ID}.metainfo.xml"),
        ),
        (
            format!("packaging/linux/{ID}.svg"),
            format!("/app/share/icons/hicolor/scalable/apps/{ID}.svg"),
        ),
        (
            "target/release/tessera".to_owned(),
            "/app/bin/tessera".to_owned(),
        ),
        (
            "LICENSE-MIT".to_owned(),
            "/app/share/licenses/app.tessera.Tessera/LICENSE-MIT".to_owned(),
        ),
        (
            "resources/icons/lucide-LICENSE".to_owned(),
            "/app/share/licenses/app.tessera.Tessera/LICENSE-lucide-icons".to_owned(),
        ),
        (
            "packaging/notices.py".to_owned(),
            "/app/share/licenses/app.tessera.Tessera/THIRD-PARTY-NOTICES.txt".to_owned(),
        ),
    ] {
        assert!(root().join(&source).exists() || source.starts_with("target/"));
        assert!(
            commands
                .iter()
                .any(|c| c.contains(&source) && c.ends_with(&dest)),
            "{source} -> {dest}"
        );
    }
    // Offline build: the crates come from the generated cargo-sources.json.
    let sources = module["sources"].as_array().unwrap();
    assert!(sources.iter().any(|s| s == "cargo-sources.json"));
    assert_eq!(
        module["build-options"]["env"]["CARGO_NET_OFFLINE"]
            .as_str()
            .or(m["build-options"]["env"]["CARGO_NET_OFFLINE"].as_str()),
        Some("true")
    );
}

/// `link-order.txt`, the code order release builds link with (`build.rs`),
/// holds symbol names only (one a line, sorted, each once, no space a
/// linker would read as part of a name), and they include the app's start
/// and the list the benchmarks measure: a file cut short or written from a
/// profile that never opened the window would quietly order nothing useful.
#[test]
fn the_link_order_names_the_functions_of_an_app_session() {
    let text = std::fs::read_to_string(root().join("link-order.txt")).expect("link-order.txt");
    let names: Vec<&str> = text.lines().filter(|line| !line.starts_with('#')).collect();
    assert!(names.len() > 1000, "only {} names", names.len());
    for name in &names {
        assert!(
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_.$".contains(c)),
            "not a symbol name: {name:?}"
        );
    }
    assert!(
        names.windows(2).all(|w| w[0] < w[1]),
        "not sorted, or a name twice"
    );
    for part in [
        "3gui14run_with_vault",
        "3gui3app3App6update",
        "6widget8code_row",
        "5vault",
        "6argon2",
    ] {
        assert!(
            names.iter().any(|name| name.contains(part)),
            "no function matching {part}: profile a session that unlocks and shows the list"
        );
    }
}
