//! Small view pieces shared by screens: the code row, the countdown, the toast.

pub mod code_row;
pub mod countdown;
pub mod toast;
