//! WinAuth's "Export" text file (read from Aegis' `WinAuthImporter`): one
//! `otpauth://` link per line, the label holding the authenticator's name
//! and no issuer. It looks like any link list, so it is read only when named
//! (`--format winauth`); the label becomes the issuer, as WinAuth shows it.

use super::{Export, Format, InteropError, damaged};

pub(super) fn read(bytes: &[u8], out: &mut Export) -> Result<(), InteropError> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| damaged(Format::WinAuth, "it is not text"))?;
    let first = out.accounts.len();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.push_link(line, "", String::new(), false, String::new());
    }
    for imported in &mut out.accounts[first..] {
        let account = &mut imported.account;
        if account.issuer.is_empty() {
            account.issuer = std::mem::take(&mut account.name);
        }
    }
    if out.accounts.len() == first && out.skipped.is_empty() {
        return Err(damaged(Format::WinAuth, "it holds no otpauth:// links"));
    }
    Ok(())
}
