//! Adding accounts from anywhere, the one way both front ends do it:
//!
//! 1. **Read** a source into what it holds ([`read`]): a file's bytes (kind
//!    detected once: QR image, text of `otpauth://` links, or another app's
//!    export), pixels, pasted text (several links, or a Google Authenticator
//!    export link), a screen or clipboard capture. The result, [`Contents`],
//!    lists the codes read, the usable accounts with their group, favourite
//!    mark and notes, and the entries left out with typed reasons.
//! 2. **Plan** them against the vault's entries ([`Plan`]): each account is
//!    new, a duplicate, or has the name of another entry with another key,
//!    following the one policy documented on [`plan`]; parts of Google
//!    Authenticator exports still missing are named. The plan is data: the
//!    CLI prints it (`import --dry-run`), the app shows it as the review list.
//! 3. **Apply** the selected accounts to the entries at a given time
//!    ([`Plan::apply`], inside [`Vault::modify`](crate::vault::Vault::modify)),
//!    which returns a [`Report`].
//!
//! No iced, no clap. Only [`load`] touches the disk (the file a person
//! pointed at, bounded); capture results are passed in.

pub mod plan;
pub mod read;

pub use self::plan::{Added, Decision, Plan, Report, Row, Skipped, decision};
pub use self::read::{
    Code, Contents, FileKind, Found, LeftOut, LeftOutReason, Origin, Problem, detect, file, grey,
    load, text,
};
#[cfg(feature = "capture")]
pub use self::read::{clipboard, image, screen};
