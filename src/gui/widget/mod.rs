//! Small view pieces shared by screens: the code row, the countdown, the
//! shapes drawn over a list or the header (marks), the toast, a QR code, a
//! choice among a few values (segmented).

pub mod code_row;
pub mod confirm;
pub mod countdown;
pub mod ellipsis;
pub mod marks;
pub mod notice;
pub mod qr_code;
pub mod segmented;
pub mod toast;
