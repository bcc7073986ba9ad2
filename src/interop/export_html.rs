//! The printable backup sheet: one self-contained HTML file (inline CSS, QR
//! codes as inline SVG, no script, no image or font fetched: a Content
//! Security Policy of `default-src 'none'` says so to the browser too).
//!
//! Layout: a header saying what the sheet is and how to keep it, then one
//! card per account (issuer, account, the QR code of its `otpauth://` link,
//! the setup key in groups of four, the parameters, the unused recovery
//! codes, the note). Cards never break across pages (`break-inside: avoid`),
//! and the page box leaves the size to the printer, so the same file prints
//! on A4 and on Letter: the content is at most 180 mm wide, which fits both.

use std::fmt::Write as _;

use zeroize::Zeroizing;

use super::{Outgoing, WriteError};
use crate::otp::{Algorithm, Kind, encode_base32};

const STYLE: &str = "\
@page { margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 10pt; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 180mm; }
header { border-bottom: 0.6mm solid #000; padding-bottom: 3mm; margin-bottom: 4mm; }
h1 { font-size: 15pt; margin: 0 0 1.5mm 0; }
header p { margin: 0.8mm 0; }
.card { break-inside: avoid; page-break-inside: avoid; display: flex; gap: 5mm; \
border: 0.3mm solid #000; border-radius: 2mm; padding: 4mm; margin: 0 0 4mm 0; }
.qr { flex: none; width: 40mm; height: 40mm; }
.qr svg { width: 40mm; height: 40mm; display: block; }
.text { flex: 1; min-width: 0; }
h2 { font-size: 12.5pt; margin: 0 0 0.5mm 0; overflow-wrap: anywhere; }
.account { margin: 0 0 2mm 0; overflow-wrap: anywhere; }
.label { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.3mm; color: #333; margin: 1.5mm 0 0.3mm 0; }
.key { font-family: 'DejaVu Sans Mono', 'Liberation Mono', monospace; font-size: 11pt; word-spacing: 1.2mm; overflow-wrap: anywhere; margin: 0; }
.codes { font-family: 'DejaVu Sans Mono', 'Liberation Mono', monospace; margin: 0; padding: 0; list-style: none; columns: 2; }
.note { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
";

/// The sheet's bytes. `date` is printed in the header as given.
pub(super) fn write(items: &[Outgoing<'_>], date: &str) -> Result<Zeroizing<Vec<u8>>, WriteError> {
    let mut html = Zeroizing::new(String::with_capacity(4096 + items.len() * 12_288));
    let count = items.len();
    let plural = if count == 1 { "" } else { "s" };
    // Writing to a String cannot fail.
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width\">\n\
         <title>Tessera backup sheet</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header>\n<h1>Tessera backup sheet: {count} account{plural}</h1>\n\
         <p>Printed {date}. Each card holds the secret key of one two-factor account: scan its \
         QR code with any authenticator app, or type its setup key, to get the same codes.</p>\n\
         <p><strong>Anyone who holds this sheet can sign in as you wherever a password is not \
         enough.</strong> Keep it locked away (a safe, a sealed envelope), never photograph it, \
         and shred it when you print a new one.</p>\n</header>\n<main>\n",
        date = escape(date)
    );
    for item in items {
        card(&mut html, item)?;
    }
    html.push_str("</main>\n</body>\n</html>\n");
    let bytes = Zeroizing::new(html.as_bytes().to_vec());
    Ok(bytes)
}

fn card(html: &mut String, item: &Outgoing<'_>) -> Result<(), WriteError> {
    let account = item.account;
    let uri = account.to_uri();
    let matrix = crate::qr::encode::matrix(uri.expose()).map_err(|_| WriteError::Encode)?;
    let key = encode_base32(account.secret.expose());
    let grouped = Zeroizing::new(
        key.as_bytes()
            .chunks(4)
            .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
            .collect::<Vec<_>>()
            .join(" "),
    );
    let params = &account.params;
    let algorithm = match params.algorithm {
        Algorithm::Sha1 => "SHA-1",
        Algorithm::Sha256 => "SHA-256",
        Algorithm::Sha512 => "SHA-512",
    };
    let parameters = match params.kind {
        Kind::Totp => format!(
            "TOTP, {algorithm}, {} digits, every {} seconds",
            params.digits, params.period
        ),
        Kind::Hotp => format!(
            "HOTP (counter), {algorithm}, {} digits, next counter {}",
            params.digits, params.counter
        ),
        Kind::Steam => String::from("Steam Guard, 5 characters, every 30 seconds"),
    };
    let title = if account.issuer.is_empty() {
        &account.name
    } else {
        &account.issuer
    };
    let _ = write!(
        html,
        "<section class=\"card\">\n<div class=\"qr\">{svg}</div>\n<div class=\"text\">\n\
         <h2>{title}</h2>\n<p class=\"account\">{name}</p>\n\
         <p class=\"label\">Setup key</p>\n<p class=\"key\">{key}</p>\n\
         <p class=\"label\">Parameters</p>\n<p>{parameters}</p>\n",
        svg = svg(&matrix),
        title = escape(title),
        name = if account.issuer.is_empty() {
            String::new()
        } else {
            escape(&account.name)
        },
        key = grouped.as_str(),
    );
    if !item.recovery_codes.is_empty() {
        html.push_str("<p class=\"label\">Unused recovery codes</p>\n<ul class=\"codes\">\n");
        for code in &item.recovery_codes {
            let _ = writeln!(html, "<li>{}</li>", escape(code));
        }
        html.push_str("</ul>\n");
    }
    if !item.notes.is_empty() {
        let _ = write!(
            html,
            "<p class=\"label\">Note</p>\n<p class=\"note\">{}</p>\n",
            escape(item.notes)
        );
    }
    html.push_str("</div>\n</section>\n");
    Ok(())
}

/// The code as one SVG path of unit squares, with the quiet zone.
fn svg(matrix: &crate::qr::encode::Matrix) -> String {
    let zone = crate::qr::encode::QUIET_ZONE;
    let side = matrix.size + 2 * zone;
    let mut path = String::with_capacity(matrix.size * matrix.size * 4);
    for y in 0..matrix.size {
        let mut x = 0;
        while x < matrix.size {
            if matrix.is_dark(x, y) {
                let start = x;
                while x < matrix.size && matrix.is_dark(x, y) {
                    x += 1;
                }
                let _ = write!(
                    path,
                    "M{} {}h{}v1h-{}z",
                    start + zone,
                    y + zone,
                    x - start,
                    x - start
                );
            } else {
                x += 1;
            }
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
         shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code\">\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    )
}

/// Text for HTML element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::otp::Account;

    #[test]
    fn a_card_escapes_text_groups_the_key_and_lists_codes() {
        let account =
            Account::from_uri("otpauth://totp/A%3Cb%3E:me?secret=JBSWY3DPEHPK3PXP&issuer=A%3Cb%3E")
                .unwrap();
        let item = Outgoing {
            account: &account,
            group: "",
            favourite: false,
            notes: "x & y",
            recovery_codes: vec!["1111-2222", "3333-4444"],
        };
        let html = write(&[item], "2026-11-30").unwrap();
        let html = std::str::from_utf8(&html).unwrap();
        assert!(html.contains("<h2>A&lt;b&gt;</h2>"), "{html}");
        assert!(html.contains("<p class=\"key\">JBSW Y3DP EHPK 3PXP</p>"));
        assert!(html.contains("<li>1111-2222</li><") || html.contains("<li>1111-2222</li>\n"));
        assert!(html.contains("x &amp; y"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("https:"));
        assert!(html.contains("break-inside: avoid"));
    }
}
