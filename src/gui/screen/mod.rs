//! One module per screen. Each has a state struct, `enum Message`, `enum
//! Action`, `update(&mut self, Message, ..) -> Action` and `view`. Screens
//! never perform I/O: effects are `Action`s that `app.rs` turns into tasks.

pub mod add;
pub mod codes;
pub mod details;
pub mod file_export;
pub mod onboarding;
pub mod recovery;
pub mod restore;
pub mod review;
pub mod settings;
pub mod share;
pub mod unlock;

use iced::widget::{button, column, container, progress_bar, row, text};
use iced::{Element, Length};

use crate::gui::focus::Focus;

/// The code settings typed into a form (add and details share them): Steam is
/// fixed; the period counts for TOTP and the counter for HOTP. Errors name the
/// field, in `lang`.
pub fn typed_params(
    lang: crate::gui::i18n::Lang,
    kind: crate::otp::Kind,
    algorithm: crate::otp::Algorithm,
    digits: &str,
    period: &str,
    counter: &str,
) -> Result<crate::otp::Params, String> {
    use crate::gui::i18n::{self, Key};
    use crate::otp::{DEFAULT_PERIOD, Kind, Params};
    fn number<T: std::str::FromStr>(
        lang: i18n::Lang,
        value: &str,
        field: Key,
    ) -> Result<T, String> {
        value
            .trim()
            .parse()
            .map_err(|_| i18n::tf(lang, Key::NotANumber, &[("field", i18n::t(lang, field))]))
    }
    let params = match kind {
        Kind::Steam => Params::steam(),
        kind => Params {
            kind,
            algorithm,
            digits: number(lang, digits, Key::Digits)?,
            period: if kind == Kind::Totp {
                number(lang, period, Key::Period)?
            } else {
                DEFAULT_PERIOD
            },
            counter: if kind == Kind::Hotp {
                number(lang, counter, Key::Counter)?
            } else {
                0
            },
        },
    };
    params
        .validate()
        .map_err(|e| crate::i18n::Localize::localized(&e, lang))?;
    Ok(params)
}

/// The algorithms a form offers.
pub const ALGORITHMS: [crate::otp::Algorithm; 3] = [
    crate::otp::Algorithm::Sha1,
    crate::otp::Algorithm::Sha256,
    crate::otp::Algorithm::Sha512,
];

/// The digits field's id (add and details).
pub const DIGITS_ID: &str = "param-digits";
/// The period field's id.
pub const PERIOD_ID: &str = "param-period";
/// The counter field's id.
pub const COUNTER_ID: &str = "param-counter";

/// What the code-settings fields send back, for [`param_fields`].
#[derive(Clone, Copy, Debug)]
pub struct ParamMessages<M> {
    /// The algorithm was picked.
    pub algorithm: fn(crate::otp::Algorithm) -> M,
    /// The digits were edited.
    pub digits: fn(String) -> M,
    /// The period was edited.
    pub period: fn(String) -> M,
    /// The counter was edited.
    pub counter: fn(String) -> M,
}

/// The code-settings fields shared by add and details: algorithm and digits
/// (not for Steam), then the period (TOTP) or the counter (HOTP).
pub fn param_fields<'a, M: Clone + 'static>(
    lang: crate::gui::i18n::Lang,
    kind: crate::otp::Kind,
    algorithm: crate::otp::Algorithm,
    [digits, period, counter]: [&'a str; 3],
    on: ParamMessages<M>,
    focus: &Focus<M>,
) -> iced::widget::Column<'a, M> {
    use crate::gui::i18n::{self, Key};
    use crate::otp::Kind;
    use iced::widget::{row, text_input};
    use iced::{Alignment, Element};
    let labelled = |key: Key, field: Element<'a, M>| -> Element<'a, M> {
        row![
            text(i18n::t(lang, key))
                .size(14)
                .width(Length::Fixed(140.0)),
            field
        ]
        .align_y(Alignment::Center)
        .into()
    };
    let mut fields = column![].spacing(8);
    if kind != Kind::Steam {
        fields = fields
            .push(labelled(
                Key::Algorithm,
                crate::gui::widget::segmented::view(
                    focus,
                    "algorithm",
                    &ALGORITHMS,
                    Some(&algorithm),
                    ToString::to_string,
                    on.algorithm,
                ),
            ))
            .push(labelled(
                Key::Digits,
                focus.field(
                    DIGITS_ID,
                    text_input("6", digits)
                        .on_input(on.digits)
                        .width(Length::Fixed(80.0)),
                    true,
                ),
            ));
    }
    match kind {
        Kind::Totp => fields.push(labelled(
            Key::Period,
            focus.field(
                PERIOD_ID,
                text_input("30", period)
                    .on_input(on.period)
                    .width(Length::Fixed(80.0)),
                true,
            ),
        )),
        Kind::Hotp => fields.push(labelled(
            Key::Counter,
            focus.field(
                COUNTER_ID,
                text_input("0", counter)
                    .on_input(on.counter)
                    .width(Length::Fixed(120.0)),
                true,
            ),
        )),
        Kind::Steam => fields,
    }
}

/// A password field's text, wiped on drop and never printed.
#[derive(Clone, Default)]
pub struct Typed(pub zeroize::Zeroizing<String>);

impl Typed {
    /// Wraps text from a field.
    pub fn new(text: String) -> Self {
        Self(zeroize::Zeroizing::new(text))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Moves the text into a [`Password`](crate::secret::Password), leaving the field empty.
    pub fn take_password(&mut self) -> crate::secret::Password {
        crate::secret::Password::new(std::mem::take(&mut *self.0))
    }
}

impl std::fmt::Debug for Typed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Typed(<redacted>)")
    }
}

/// A busy indicator: the label, and a short bar sweeping with `phase`
/// (advanced by the app's spinner subscription, which runs only while
/// something is busy and never with reduced motion). Phase 0 is before the
/// first step, and all there is with reduced motion: the label alone, with
/// its ellipsis, and nothing that moves.
pub fn spinner<'a, Message: 'a>(label: &'a str, phase: u8) -> Element<'a, Message> {
    if phase == 0 {
        return column![text(label)].into();
    }
    let value = f32::from(phase % 20) / 19.0;
    column![
        text(label),
        progress_bar(0.0..=1.0, value)
            .length(Length::Fixed(160.0))
            .girth(Length::Fixed(4.0)),
    ]
    .spacing(8)
    .into()
}

/// [`spinner`] with a Cancel button beside it (a KDF the user may stop).
pub fn spinner_cancel<'a, Message: Clone + 'static>(
    label: &'a str,
    phase: u8,
    cancel: &'a str,
    on_cancel: Message,
    focus: &Focus<Message>,
) -> Element<'a, Message> {
    row![
        spinner(label, phase),
        focus.button(
            "cancel-kdf",
            button(text(cancel))
                .style(crate::gui::theme::button::secondary)
                .padding([8, 16]),
            Some(on_cancel),
        ),
    ]
    .spacing(16)
    .align_y(iced::Alignment::Center)
    .into()
}

/// A group of settings or fields (settings, details): its heading, then its
/// lines in a section.
pub fn group<'a, Message: 'a>(
    heading: &'a str,
    lines: iced::widget::Column<'a, Message>,
) -> Element<'a, Message> {
    column![
        text(heading).size(18).font(HEADING),
        container(lines.spacing(10))
            .padding(16)
            .width(Length::Fill)
            .style(crate::gui::theme::boxed::section),
    ]
    .spacing(8)
    .into()
}

/// The face of group headings.
const HEADING: iced::Font = iced::Font {
    weight: iced::font::Weight::Bold,
    ..iced::Font::DEFAULT
};
