//! A private X server for tests that drive the real window: `Xvfb` started on
//! a free display (killed on drop), `xdotool` for windows and input, `xwd` for
//! screenshots (decoded here, so no ImageMagick is needed).
#![allow(dead_code)]

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::require_tool;

/// How often the polling waits look again.
const POLL: Duration = Duration::from_millis(40);

/// An `Xvfb` of the test's own, on the display it picked; killed on drop.
pub struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    /// Starts `Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp -noreset`
    /// (no reset when the last client leaves, so xdotool calls between apps never race one) and
    /// waits (up to 10 s) for it to report the display it listens on.
    pub fn start() -> Self {
        require_tool("Xvfb", "xvfb");
        require_tool("xdotool", "xdotool");
        require_tool("xwd", "x11-apps");
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start Xvfb: {e}"));
        let Some(stdout) = child.stdout.take() else {
            panic!("Xvfb's standard output is not piped");
        };
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = sender.send(line);
        });
        let line = receiver.recv_timeout(Duration::from_secs(10));
        let number = match line {
            Ok(line) if line.trim().parse::<u32>().is_ok() => line.trim().to_owned(),
            other => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("Xvfb did not report a display number: {other:?}");
            }
        };
        Self {
            child,
            display: format!(":{number}"),
        }
    }

    /// The display name (`:N`).
    pub fn display(&self) -> &str {
        &self.display
    }

    /// `program` with `DISPLAY` set to this server (and no Wayland).
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command
            .env("DISPLAY", &self.display)
            .env_remove("WAYLAND_DISPLAY");
        command
    }

    /// Runs `xdotool ARGS` and returns its standard output; panics if it fails.
    pub fn xdotool(&self, args: &[&str]) -> String {
        let output = self
            .command("xdotool")
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run xdotool: {e}"));
        assert!(
            output.status.success(),
            "xdotool {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Waits until a viewable window of class `class` exists; returns its id.
    pub fn wait_for_window(&self, class: &str, limit: Duration) -> String {
        let started = Instant::now();
        loop {
            let output = self
                .command("xdotool")
                .args(["search", "--onlyvisible", "--class", class])
                .stdin(Stdio::null())
                .output()
                .unwrap_or_else(|e| panic!("cannot run xdotool: {e}"));
            if let Some(id) = String::from_utf8_lossy(&output.stdout).lines().last() {
                return id.trim().to_owned();
            }
            assert!(
                started.elapsed() < limit,
                "no window of class {class} appeared within {limit:?}"
            );
            std::thread::sleep(POLL);
        }
    }

    /// Gives `window` the keyboard focus (no window manager runs here) and
    /// waits until the server reports it focused.
    pub fn focus(&self, window: &str) {
        let started = Instant::now();
        loop {
            let _ = self.xdotool(&["windowfocus", window]);
            if self.xdotool(&["getwindowfocus"]).trim() == window {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "window {window} does not take the focus"
            );
            std::thread::sleep(POLL);
        }
    }

    /// Types `text` into the focused window.
    pub fn type_text(&self, text: &str) {
        let _ = self.xdotool(&["type", "--delay", "15", "--", text]);
    }

    /// Presses a key combination (`Tab`, `Return`, `ctrl+n`).
    pub fn key(&self, keys: &str) {
        let _ = self.xdotool(&["key", "--delay", "15", keys]);
    }

    /// The window's content, from `xwd`.
    pub fn capture(&self, window: &str) -> image::RgbImage {
        let output = self
            .command("xwd")
            .args(["-silent", "-id", window])
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run xwd: {e}"));
        assert!(
            output.status.success(),
            "xwd failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        decode_xwd(&output.stdout).unwrap_or_else(|e| panic!("cannot read xwd's image: {e}"))
    }

    /// Saves the window's content as a PNG at `path`.
    pub fn screenshot(&self, window: &str, path: &Path) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        }
        self.capture(window)
            .save(path)
            .unwrap_or_else(|e| panic!("cannot save {}: {e}", path.display()));
    }

    /// Waits until the window's content satisfies `ready` (checked on each
    /// capture); returns that capture.
    pub fn wait_for_frame(
        &self,
        window: &str,
        limit: Duration,
        what: &str,
        ready: impl Fn(&image::RgbImage) -> bool,
    ) -> image::RgbImage {
        let started = Instant::now();
        loop {
            let frame = self.capture(window);
            if ready(&frame) {
                return frame;
            }
            assert!(started.elapsed() < limit, "{what}: not within {limit:?}");
            std::thread::sleep(POLL);
        }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The share of pixels (0..1) that differ from the top-left pixel, taken as
/// the background: a screen with a form on it has far more "ink" than one
/// line of "Loading…".
pub fn ink(image: &image::RgbImage) -> f64 {
    let Some(background) = image.pixels().next().copied() else {
        return 0.0;
    };
    let inked = image.pixels().filter(|p| **p != background).count();
    inked as f64 / (f64::from(image.width()) * f64::from(image.height())).max(1.0)
}

/// Decodes an XWD file (as `xwd` writes it: a big-endian header, then a
/// ZPixmap of 24 or 32 bits per pixel in the server's byte order) to RGB.
pub fn decode_xwd(bytes: &[u8]) -> Result<image::RgbImage, String> {
    let field = |i: usize| -> Result<u32, String> {
        bytes
            .get(i * 4..i * 4 + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
            .ok_or_else(|| String::from("truncated header"))
    };
    let header_size = field(0)? as usize;
    let (format, width, height) = (field(2)?, field(4)?, field(5)?);
    let (byte_order, bits_per_pixel, bytes_per_line) = (field(7)?, field(11)?, field(12)? as usize);
    let masks = [field(14)?, field(15)?, field(16)?];
    let colours = field(19)? as usize;
    if format != 2 || !(bits_per_pixel == 32 || bits_per_pixel == 24) {
        return Err(format!(
            "unsupported XWD image (format {format}, {bits_per_pixel} bits per pixel)"
        ));
    }
    let data = bytes
        .get(header_size + colours * 12..)
        .ok_or_else(|| String::from("truncated colour map"))?;
    let step = bits_per_pixel as usize / 8;
    let mut image = image::RgbImage::new(width, height);
    for (y, row) in data
        .chunks(bytes_per_line)
        .take(height as usize)
        .enumerate()
    {
        for x in 0..width as usize {
            let Some(raw) = row.get(x * step..x * step + step) else {
                return Err(String::from("truncated pixel data"));
            };
            let mut word = [0u8; 4];
            word[..step].copy_from_slice(raw);
            let pixel = if byte_order == 0 {
                u32::from_le_bytes(word)
            } else {
                u32::from_be_bytes(word) >> (32 - bits_per_pixel)
            };
            let channel = |mask: u32| -> u8 {
                if mask == 0 {
                    0
                } else {
                    ((pixel & mask) >> mask.trailing_zeros()) as u8
                }
            };
            image.put_pixel(
                x as u32,
                y as u32,
                image::Rgb([channel(masks[0]), channel(masks[1]), channel(masks[2])]),
            );
        }
    }
    Ok(image)
}
