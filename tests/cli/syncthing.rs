//! A vault shared by real Syncthing (Debian's `syncthing`): two instances,
//! each with its own home, talking only to each other on 127.0.0.1 (static
//! addresses; no discovery, relays or NAT traversal), share the folder that
//! holds the vault. Both computers edit while the folder is paused, the link
//! resumes, Syncthing writes its conflict copy, and `tessera list --json` on
//! each computer shows every change; after both synced again the two vault
//! files are the same. Every process started has a time limit.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::stderr;
use crate::rollback::{ACME, BANK, Device, SHOP};

/// Longest wait for Syncthing to do one thing (connect, sync, conflict).
const WAIT: Duration = Duration::from_secs(30);
/// Syncthing is killed after this, whatever happens to the test.
const LIFETIME: &str = "120";
/// The folder id both instances share.
const FOLDER: &str = "tessera";
/// The ignore line docs/sync.md gives.
const STIGNORE: &str = "(?d).~*.tmp\n";

/// A port nobody listens on right now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One Syncthing instance: its home, ports, API key and process.
struct Instance {
    home: PathBuf,
    id: String,
    listen: u16,
    gui: u16,
    key: String,
    child: Option<Child>,
}

impl Drop for Instance {
    /// Stops Syncthing: SIGTERM to `timeout`, which passes it on to
    /// Syncthing (a SIGKILL would leave Syncthing running without it), then
    /// SIGKILL if it is still there after 5 s.
    fn drop(&mut self) {
        let Some(child) = &mut self.child else {
            return;
        };
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
}

impl Instance {
    /// `syncthing generate` in `home`: keys, and the device id.
    fn generate(home: &Path, name: &str) -> Self {
        let out = Command::new("timeout")
            .args(["30", "syncthing", "generate", "--no-default-folder"])
            .arg(format!("--home={}", home.display()))
            .output()
            .expect("syncthing (Debian package `syncthing`)");
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        let id = text
            .split("Device ID: ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no device id in: {text}"))
            .to_owned();
        Self {
            home: home.to_owned(),
            id,
            listen: free_port(),
            gui: free_port(),
            key: format!("tessera-test-{name}"),
            child: None,
        }
    }

    /// Writes the whole configuration: the folder shared with `peer`.
    fn configure(&self, folder: &Path, peer: &Self) {
        let device = |d: &Self, name: &str| {
            format!(
                r#"<device id="{}" name="{name}"><address>tcp://127.0.0.1:{}</address></device>"#,
                d.id, d.listen
            )
        };
        let config = format!(
            r#"<configuration version="36">
  <folder id="{FOLDER}" label="{FOLDER}" path="{folder}" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="false">
    <device id="{me}"></device>
    <device id="{peer}"></device>
    <maxConflicts>10</maxConflicts>
  </folder>
  {dev_me}
  {dev_peer}
  <gui enabled="true" tls="false"><address>127.0.0.1:{gui}</address><apikey>{key}</apikey></gui>
  <options>
    <listenAddress>tcp://127.0.0.1:{listen}</listenAddress>
    <globalAnnounceEnabled>false</globalAnnounceEnabled>
    <localAnnounceEnabled>false</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled>
    <natEnabled>false</natEnabled>
    <urAccepted>-1</urAccepted>
    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
    <startBrowser>false</startBrowser>
    <crashReportingEnabled>false</crashReportingEnabled>
    <reconnectionIntervalS>1</reconnectionIntervalS>
  </options>
</configuration>
"#,
            folder = folder.display(),
            me = self.id,
            peer = peer.id,
            dev_me = device(self, "me"),
            dev_peer = device(peer, "peer"),
            gui = self.gui,
            key = self.key,
            listen = self.listen,
        );
        std::fs::write(self.home.join("config.xml"), config).unwrap();
    }

    fn start(&mut self) {
        let log = std::fs::File::create(self.home.join("log.txt")).unwrap();
        let child = Command::new("timeout")
            .args([
                LIFETIME,
                "syncthing",
                "serve",
                "--no-browser",
                "--no-restart",
                "--no-upgrade",
            ])
            .arg(format!("--home={}", self.home.display()))
            .env("STNODEFAULTFOLDER", "1")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        self.child = Some(child);
    }

    /// One REST call with `curl` (time-limited); the response body.
    fn rest(&self, method: &str, path: &str, body: Option<&str>) -> Option<String> {
        let mut curl = Command::new("curl");
        curl.args(["-sf", "--max-time", "5", "-X", method, "-H"])
            .arg(format!("X-API-Key: {}", self.key))
            .arg(format!("http://127.0.0.1:{}{path}", self.gui));
        if let Some(body) = body {
            curl.args(["-H", "Content-Type: application/json", "-d", body]);
        }
        let out = curl.output().unwrap();
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.home.join("log.txt")).unwrap_or_default()
    }

    /// Pauses or resumes the shared folder.
    fn pause(&self, paused: bool) {
        let body = format!(r#"{{"paused": {paused}}}"#);
        self.rest(
            "PATCH",
            &format!("/rest/config/folders/{FOLDER}"),
            Some(&body),
        )
        .unwrap_or_else(|| panic!("pause={paused} refused; log:\n{}", self.log()));
    }

    /// Asks for a scan of the folder now.
    fn scan(&self) {
        self.rest("POST", &format!("/rest/db/scan?folder={FOLDER}"), None);
    }
}

/// Waits until `done` holds (checking every 100 ms), at most [`WAIT`].
fn wait_until(what: &str, instances: &[&Instance], mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < WAIT,
            "Syncthing did not {what} within {WAIT:?}; logs:\n{}",
            instances
                .iter()
                .map(|i| i.log())
                .collect::<Vec<_>>()
                .join("\n---\n")
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The names in a folder that are conflict copies.
fn conflicts(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains(".sync-conflict-"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn two_syncthing_instances_share_a_vault_and_a_conflict_is_merged() {
    if Command::new("syncthing").arg("--version").output().is_err() {
        panic!("this test needs Syncthing: apt-get install syncthing (.ci/test installs it)");
    }
    let (a, b) = (Device::new(), Device::new());
    let (fa, fb) = (
        a.vault().parent().unwrap().to_owned(),
        b.vault().parent().unwrap().to_owned(),
    );
    for folder in [&fa, &fb] {
        std::fs::create_dir_all(folder).unwrap();
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700)).unwrap();
        std::fs::write(folder.join(".stignore"), STIGNORE).unwrap();
    }
    a.init();
    a.add(ACME);
    a.add(BANK);

    let homes = tempfile::tempdir().unwrap();
    let mut sa = Instance::generate(&homes.path().join("a"), "a");
    let mut sb = Instance::generate(&homes.path().join("b"), "b");
    sa.configure(&fa, &sb);
    sb.configure(&fb, &sa);
    sa.start();
    sb.start();
    let same = |x: &Path, y: &Path| {
        std::fs::read(x)
            .ok()
            .is_some_and(|v| std::fs::read(y).ok() == Some(v))
    };
    wait_until(
        "bring the vault to the second computer",
        &[&sa, &sb],
        || same(&a.vault(), &b.vault()),
    );
    assert_eq!(b.issuers(Some("pw1")), ["ACME", "Bank"]);
    // Only the vault is in the folder (and Syncthing's own files): the
    // lock file and the previous versions stay in each computer's state
    // directory.
    for folder in [&fa, &fb] {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with(".st"))
            .collect();
        names.sort();
        assert_eq!(names, ["vault.tessera"], "{}", folder.display());
    }

    // Apart: both edit while the folder is paused.
    wait_until("answer its REST API", &[&sa, &sb], || {
        sa.rest("GET", "/rest/system/ping", None).is_some()
            && sb.rest("GET", "/rest/system/ping", None).is_some()
    });
    sa.pause(true);
    sb.pause(true);
    a.ok(Some("pw1"), &["edit", "ACME", "--issuer", "ACME Corp"], "");
    a.ok(Some("pw1"), &["next", "Bank"], "");
    b.add(SHOP);
    b.ok(Some("pw1"), &["edit", "Bank", "--group", "Money"], "");
    sa.pause(false);
    sb.pause(false);
    sa.scan();
    sb.scan();
    wait_until(
        "write its conflict copy on both computers",
        &[&sa, &sb],
        || conflicts(&fa).len() == 1 && conflicts(&fb).len() == 1 && same(&a.vault(), &b.vault()),
    );

    // The next command on each computer merges the conflict copy.
    let want = ["ACME Corp", "Bank", "Shop"];
    let out = a.run(Some("pw1"), &["list", "--json"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("Merged"), "{}", stderr(&out));
    assert_eq!(a.issuers(Some("pw1")), want);
    assert!(conflicts(&fa).is_empty(), "moved out of the folder");
    sa.scan();
    // B takes A's merged file (newer: no new conflict) and the copy's removal.
    wait_until("bring the merged vault back", &[&sa, &sb], || {
        same(&a.vault(), &b.vault()) && conflicts(&fb).is_empty()
    });
    assert_eq!(b.issuers(Some("pw1")), want);
    let list = |d: &Device| -> Vec<serde_json::Value> {
        let mut v: Vec<serde_json::Value> =
            serde_json::from_str(&d.ok(Some("pw1"), &["list", "--json"], "")).unwrap();
        v.sort_by_key(|e| e["id"].as_str().unwrap().to_owned());
        v
    };
    let (la, lb) = (list(&a), list(&b));
    assert_eq!(la, lb, "the two vault files hold the same accounts");
    let bank = la.iter().find(|e| e["issuer"] == "Bank").unwrap();
    assert_eq!(
        (bank["counter"].as_u64(), bank["group"].as_str()),
        (Some(6), Some("Money"))
    );
    assert_eq!(conflicts(&fa), Vec::<String>::new());
}
