//! The message catalog: every user-facing string of the GUI, in English and
//! Brazilian Portuguese.
//!
//! Strings are looked up by [`Key`] with [`t`]; placeholders such as `{secs}`
//! are filled with [`tf`]. The language comes from the system locale
//! ([`Lang::from_env`]) unless the settings name one. A unit test fails when a
//! key is missing (or empty) in either language, or when a translation drops a
//! placeholder the English text has.

use serde::{Deserialize, Serialize};

/// A language the GUI ships.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Brazilian Portuguese.
    #[serde(rename = "pt-BR")]
    PtBr,
}

impl Lang {
    /// Every shipped language.
    pub const ALL: [Self; 2] = [Self::En, Self::PtBr];

    /// The BCP 47 tag (`en`, `pt-BR`).
    pub const fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::PtBr => "pt-BR",
        }
    }

    /// The language's own name for itself.
    pub const fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::PtBr => "Português (Brasil)",
        }
    }

    /// The language of a POSIX locale value (`pt_BR.UTF-8`, `en_US`, `pt`).
    /// `C`, `POSIX` and empty values name none.
    pub fn from_locale(value: &str) -> Option<Self> {
        let name = value.split(['.', '@']).next().unwrap_or("").trim();
        let language = name.split(['_', '-']).next().unwrap_or("");
        match language.to_ascii_lowercase().as_str() {
            "pt" => Some(Self::PtBr),
            "en" => Some(Self::En),
            "" | "c" | "posix" => None,
            // A language we do not ship: English.
            _ => Some(Self::En),
        }
    }

    /// The language from the environment by POSIX precedence: `LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG`; English when none names one. `var` reads a
    /// variable (so tests need not touch the process environment).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Self {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| var(name))
            .find(|value| !value.is_empty())
            .and_then(|value| Self::from_locale(&value))
            .unwrap_or_default()
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.native_name())
    }
}

macro_rules! keys {
    ($($key:ident),* $(,)?) => {
        /// A user-facing string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Key { $($key),* }

        impl Key {
            /// Every key.
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
        }
    };
}

keys! {
    AppName, Loading, Cancel, Save, Back, Lock, Settings, Dismiss, Error,
    // first run
    OnboardingTitle, OnboardingIntro, Password, RepeatPassword, PasswordsDiffer, PasswordTooShort,
    StrengthLabel, Strength0, Strength1, Strength2, Strength3, Strength4,
    UseKeyring, UseKeyringHint, KeyringNotAnswering, CreateVault, Creating,
    // unlock
    UnlockTitle, UnlockIntro, UnlockButton, Unlocking, UnlockingKeyring, WrongPassword, KeyringFellBack,
    // the code list
    AddAccount, SearchPlaceholder, EmptyTitle, EmptyHint, NoMatch, NoMatchHint, Copied,
    CopiedNoClear, ClipboardCleared, NextCode, NextCodeSmall, ClockOffsetShown,
    Details, HiddenCode, CounterLabel, Favourite, NoIssuer, EntryGone, NotCounterBased, CounterAtMax,
    // add
    AddTitle, Issuer, IssuerPlaceholder, AccountName, AccountPlaceholder, SetupKey,
    SetupKeyPlaceholder, ShowAdvanced, HideAdvanced, Type, Algorithm, Digits, Period, Counter,
    TypeTotp, TypeHotp, TypeSteam, CheckCode, CheckCodeHotp, FilledFromLink, KeyInvalidChar,
    KeyEmpty, KeyPadding, NotANumber, DuplicateSecret, DuplicateName, Added, AddButton,
    // details
    DetailsTitle, Group, GroupPlaceholder, Notes, Delete, DeleteConfirm, DeleteYes, Saved, Deleted,
    // settings
    SettingsTitle, Theme, ThemeSystem, ThemeLight, ThemeDark, Language, LanguageSystem, AutoLock,
    AutoLockHint, ClipboardDelay, ClipboardDelayHint, HideCodes, ClockOffset, ClockOffsetHint,
    ChangePassword, NewPassword, PasswordChanged, PasswordChangedKeyringOff, KeyringSetting, KeyringOn, KeyringOff, KeyringOffAsk, KeyringOffConfirm,
    SettingsSaveFailed, SettingsBroken, Apply,
    ChooseImagesTitle, ImagesFilter, NoFileChosen,
    ShowQrButton, ShowQrTitle, ShowQrWarning, ShowQrYes, ShowQrHint, Done, MoveToPhone, ExportTitle, ExportIntro, Continue, ExportWarning, ExportYes, ExportCounter, ExportHint, ExportNothing, ExportSkipped, Previous, Next,
    RecoveryButton, RecoveryTitle, RecoveryIntro, RecoveryNone, RecoveryCount, RecoveryUse, RecoveryUsedAt, RecoveryPasteLabel, RecoverySave, RecoveryReplace, RecoveryReplaceConfirm, RecoveryReplaceYes, RecoverySaved, RecoveryCopied, ClearedIn, RecoveryFew, RecoveryExhausted,
    FromQrTitle, FromQrHint, ChooseImages, PasteButton, ScanScreen, ImagePathPlaceholder, OpenPath, ManualTitle, Scanning, ReviewTitle, ReviewIntro, ReviewNothing, ReviewMore, ImportAddOne, ImportAddMany, ExportPart, OriginScreen, OriginClipboard, NoCodeInFile, NoCodeOnScreen, NoCodeInClipboard, FileUnreadable, ImageUnreadable, ScreenFailed, ClipboardFailed, NotAKey, LeftOut, MissingPart, MissingParts, And, ImportedAccount, ImportedAccounts, DeleteImagesOffer, DeleteImages, KeepImages, ImagesDeleted, DeleteImagesFailed, DropHint, ExportLocked, ExportPassword, ExportOpen, ExportUnreadable,
}

use Key::*;

const EN: &[(Key, &str)] = &[
    (AppName, "Tessera"),
    (Loading, "Opening the vault…"),
    (Cancel, "Cancel"),
    (Save, "Save"),
    (Back, "Back"),
    (Lock, "Lock"),
    (Settings, "Settings"),
    (Dismiss, "Dismiss"),
    (Error, "Something went wrong: {reason}"),
    (OnboardingTitle, "Create your vault"),
    (
        OnboardingIntro,
        "Your accounts will be kept in an encrypted vault at {path}. Choose a password to protect it.",
    ),
    (Password, "Password"),
    (RepeatPassword, "Repeat the password"),
    (PasswordsDiffer, "The two passwords differ."),
    (
        PasswordTooShort,
        "Use at least {min} characters; a few random words make a strong password.",
    ),
    (StrengthLabel, "Strength: {level}"),
    (Strength0, "very weak"),
    (Strength1, "weak"),
    (Strength2, "fair"),
    (Strength3, "strong"),
    (Strength4, "very strong"),
    (UseKeyring, "Also unlock with the system keyring"),
    (
        UseKeyringHint,
        "Tessera keeps a separate unlock key in your system keyring, so the vault opens without the password while you are logged in.",
    ),
    (
        KeyringNotAnswering,
        "The system keyring is not answering, so this starts off.",
    ),
    (CreateVault, "Create vault"),
    (Creating, "Creating the vault…"),
    (UnlockTitle, "Unlock your vault"),
    (UnlockIntro, "The vault at {path} is locked."),
    (UnlockButton, "Unlock"),
    (Unlocking, "Unlocking…"),
    (UnlockingKeyring, "Unlocking with the system keyring…"),
    (
        WrongPassword,
        "Wrong password. Try again; passwords are case-sensitive.",
    ),
    (
        KeyringFellBack,
        "The system keyring did not unlock the vault ({reason}). Enter the password instead.",
    ),
    (AddAccount, "Add account"),
    (SearchPlaceholder, "Type to search"),
    (EmptyTitle, "No accounts yet"),
    (
        EmptyHint,
        "Choose “Add account” and enter the setup key or the otpauth:// link your service shows when you turn on two-factor authentication.",
    ),
    (NoMatch, "Nothing matches “{query}”."),
    (
        NoMatchHint,
        "Press Esc to clear the search, or add the account if it is missing.",
    ),
    (
        Copied,
        "Code copied. The clipboard will be cleared in {secs} seconds.",
    ),
    (CopiedNoClear, "Code copied."),
    (ClipboardCleared, "The clipboard was cleared."),
    (NextCode, "Next code"),
    (NextCodeSmall, "next: {code}"),
    (
        ClockOffsetShown,
        "Codes use a clock offset of {secs} seconds (see Settings).",
    ),
    (Details, "Details"),
    (HiddenCode, "••• ••• (click to show)"),
    (CounterLabel, "counter {counter}"),
    (Favourite, "Favourite"),
    (NoIssuer, "(no issuer)"),
    (
        EntryGone,
        "this account is no longer in the vault (it was removed elsewhere)",
    ),
    (
        NotCounterBased,
        "this account's code changes by itself; it has no next code to ask for",
    ),
    (
        CounterAtMax,
        "the counter cannot go any higher; this account cannot give more codes",
    ),
    (AddTitle, "Add an account"),
    (Issuer, "Issuer"),
    (IssuerPlaceholder, "e.g. ACME Cloud"),
    (AccountName, "Account"),
    (AccountPlaceholder, "e.g. alice@example.com"),
    (SetupKey, "Setup key"),
    (
        SetupKeyPlaceholder,
        "The key the service shows, or a whole otpauth:// link",
    ),
    (ShowAdvanced, "Show advanced options"),
    (HideAdvanced, "Hide advanced options"),
    (Type, "Type"),
    (Algorithm, "Algorithm"),
    (Digits, "Digits"),
    (Period, "Period (seconds)"),
    (Counter, "Counter"),
    (TypeTotp, "Time-based (TOTP)"),
    (TypeHotp, "Counter-based (HOTP)"),
    (TypeSteam, "Steam Guard"),
    (
        CheckCode,
        "This key gives {code} now. Check it against the service before saving.",
    ),
    (
        CheckCodeHotp,
        "This key gives {code} at counter {counter}. Check it against the service before saving.",
    ),
    (FilledFromLink, "Filled in from the otpauth:// link."),
    (
        KeyInvalidChar,
        "“{char}” at position {position} is not valid in a setup key: keys use only the letters A–Z and the digits 2–7 (a 0, 1 or 8 is usually a mistyped O, I or B).",
    ),
    (
        KeyEmpty,
        "Enter the setup key the service shows (spaces and lower case are fine).",
    ),
    (
        KeyPadding,
        "The key has “=” at position {position}, before its end; copy the key again.",
    ),
    (NotANumber, "{field} must be a whole number."),
    (
        DuplicateSecret,
        "This key is already in the vault as {label}.",
    ),
    (
        DuplicateName,
        "An account named {label} already exists; saving adds a second one.",
    ),
    (Added, "Added {label}."),
    (AddButton, "Add"),
    (DetailsTitle, "Account details"),
    (Group, "Group"),
    (GroupPlaceholder, "e.g. Work"),
    (Notes, "Notes"),
    (Delete, "Delete…"),
    (
        DeleteConfirm,
        "Delete {label}? Tessera will no longer show its codes; make sure you can still sign in to the service.",
    ),
    (DeleteYes, "Delete for good"),
    (Saved, "Saved."),
    (Deleted, "Deleted {label}."),
    (SettingsTitle, "Settings"),
    (Theme, "Theme"),
    (ThemeSystem, "Follow the system"),
    (ThemeLight, "Light"),
    (ThemeDark, "Dark"),
    (Language, "Language"),
    (LanguageSystem, "System ({name})"),
    (AutoLock, "Lock after this many minutes without use"),
    (AutoLockHint, "0 never locks by itself."),
    (ClipboardDelay, "Clear a copied code after (seconds)"),
    (
        ClipboardDelayHint,
        "Cleared only if the clipboard still holds the code; 0 never clears.",
    ),
    (HideCodes, "Hide codes until clicked"),
    (ClockOffset, "Clock offset (seconds)"),
    (
        ClockOffsetHint,
        "If services reject codes because this computer's clock is off, shift it here (for example -30).",
    ),
    (ChangePassword, "Change password"),
    (NewPassword, "New password"),
    (
        PasswordChanged,
        "The password was changed, and the vault re-encrypted under a new key.",
    ),
    (
        PasswordChangedKeyringOff,
        "The password was changed, and the vault re-encrypted under a new key. Keyring unlock was turned off because the system keyring did not answer; turn it on again below.",
    ),
    (KeyringSetting, "Unlock with the system keyring"),
    (KeyringOn, "The system keyring now unlocks the vault."),
    (
        KeyringOff,
        "Keyring unlock is off and the vault was re-encrypted under a new key; the password is needed from now on.",
    ),
    (
        KeyringOffAsk,
        "Type the vault password to turn keyring unlock off. The vault is re-encrypted under a new key, so the key left in the keyring opens nothing saved from now on.",
    ),
    (KeyringOffConfirm, "Turn off and re-encrypt"),
    (
        SettingsSaveFailed,
        "The settings could not be saved ({reason}); they apply until Tessera closes.",
    ),
    (
        SettingsBroken,
        "The settings file could not be read ({reason}); the defaults are used until you change something.",
    ),
    (Apply, "Apply"),
    (
        ChooseImagesTitle,
        "Choose images with QR codes, or another app's export",
    ),
    (ImagesFilter, "Images and exports"),
    (
        NoFileChosen,
        "No file was chosen. If no file dialog appeared, type the image's path below or drop the file on this window.",
    ),
    (ShowQrButton, "Show QR code"),
    (ShowQrTitle, "Move this account to a phone"),
    (
        ShowQrWarning,
        "The QR code holds the secret key of {label}. Anyone who sees it, or a photo of it, can make your codes. Show it only to scan it with your phone, with nobody looking.",
    ),
    (ShowQrYes, "Show the QR code"),
    (
        ShowQrHint,
        "Scan it with the authenticator app on your phone, then choose Done.",
    ),
    (Done, "Done"),
    (MoveToPhone, "Move to phone"),
    (ExportTitle, "Move accounts to Google Authenticator"),
    (
        ExportIntro,
        "Choose the accounts to move. They are shown as Google Authenticator export QR codes, at most ten accounts each.",
    ),
    (Continue, "Continue"),
    (
        ExportWarning,
        "The QR codes hold the secret keys of {n} accounts. Anyone who sees them, or a photo of them, can make your codes. Show them only to scan them with your phone, with nobody looking.",
    ),
    (ExportYes, "Show the QR codes"),
    (ExportCounter, "QR code {index} of {size}"),
    (
        ExportHint,
        "In Google Authenticator choose Transfer accounts, then Import accounts, and scan each code in turn.",
    ),
    (
        ExportNothing,
        "None of the chosen accounts fits a Google Authenticator export.",
    ),
    (ExportSkipped, "{label} was left out: {reason}."),
    (Previous, "Previous"),
    (Next, "Next"),
    (RecoveryButton, "Recovery codes"),
    (RecoveryTitle, "Recovery codes for {label}"),
    (
        RecoveryIntro,
        "One-time codes the service gave you for when this device is lost. Each works once.",
    ),
    (
        RecoveryNone,
        "No recovery codes are stored for this account yet. Paste the block the service shows below.",
    ),
    (RecoveryCount, "{left} of {total} codes unused"),
    (RecoveryUse, "Copy and mark used"),
    (RecoveryUsedAt, "used {when}"),
    (
        RecoveryPasteLabel,
        "Paste the codes as the service shows them (one per line, in columns, numbered: any layout works):",
    ),
    (RecoverySave, "Save codes"),
    (RecoveryReplace, "Replace the current codes"),
    (
        RecoveryReplaceConfirm,
        "This replaces all {total} stored codes, used or not, with the {n} codes pasted. Do it when the service has made new ones.",
    ),
    (RecoveryReplaceYes, "Replace them"),
    (RecoverySaved, "Saved {n} recovery codes."),
    (RecoveryCopied, "Recovery code copied and marked used."),
    (
        ClearedIn,
        "The clipboard will be cleared in {secs} seconds.",
    ),
    (RecoveryFew, "{n} recovery codes left"),
    (RecoveryExhausted, "No recovery codes left"),
    (FromQrTitle, "From a QR code"),
    (
        FromQrHint,
        "Drop image files anywhere on this window, press Ctrl+V with a QR image or an otpauth:// link copied, or scan what the screen shows.",
    ),
    (ChooseImages, "Choose images…"),
    (PasteButton, "Paste (Ctrl+V)"),
    (ScanScreen, "Scan screen"),
    (
        ImagePathPlaceholder,
        "Or type an image file's path and press Enter",
    ),
    (OpenPath, "Open"),
    (ManualTitle, "Enter the setup key by hand"),
    (Scanning, "Looking for QR codes…"),
    (ReviewTitle, "Accounts found"),
    (
        ReviewIntro,
        "Tick the accounts to add. Accounts already in the vault start unticked.",
    ),
    (ReviewNothing, "No account to add was found."),
    (
        ReviewMore,
        "Drop more images or press Ctrl+V to add them to this list.",
    ),
    (ImportAddOne, "Add 1 account"),
    (ImportAddMany, "Add {n} accounts"),
    (
        ExportPart,
        "{source}, Google Authenticator export part {index} of {size}",
    ),
    (OriginScreen, "The screen"),
    (OriginClipboard, "The clipboard"),
    (
        NoCodeInFile,
        "{source}: no QR code was found. Make sure the whole code is visible and not cut off, or enter the setup key by hand.",
    ),
    (
        NoCodeOnScreen,
        "No QR code is visible on the screen. Bring the whole code into view, not covered by other windows, and scan again; or save it as an image and open that.",
    ),
    (
        NoCodeInClipboard,
        "The image on the clipboard holds no QR code. Copy the QR code itself (or the otpauth:// link) and paste again.",
    ),
    (
        FileUnreadable,
        "{source} could not be read ({reason}). Check that the file still exists and that you may open it.",
    ),
    (ImageUnreadable, "{source} could not be scanned: {reason}"),
    (
        DropHint,
        "Drop the image here to add the accounts in its QR code",
    ),
    (
        ExportLocked,
        "{source} is an encrypted {format} export. Enter the password it was exported with to see its accounts.",
    ),
    (ExportPassword, "Export password"),
    (ExportOpen, "Open"),
    (ExportUnreadable, "{source}: {reason}"),
    (ScreenFailed, "The screen could not be captured: {reason}"),
    (ClipboardFailed, "The clipboard could not be read: {reason}"),
    (NotAKey, "{source}: {reason}"),
    (LeftOut, "{source}: {label} was left out ({reason})."),
    (
        MissingPart,
        "Part {part} of {size} of a Google Authenticator export is still missing; scan it too.",
    ),
    (
        MissingParts,
        "Parts {parts} of {size} of a Google Authenticator export are still missing; scan them too.",
    ),
    (And, "and"),
    (ImportedAccount, "Added 1 account."),
    (ImportedAccounts, "Added {n} accounts."),
    (
        DeleteImagesOffer,
        "The image files ({files}) still hold the secret keys in the clear: anyone who opens them can make your codes. Delete them now?",
    ),
    (DeleteImages, "Delete the images"),
    (KeepImages, "Keep them"),
    (ImagesDeleted, "Deleted {n} image files."),
    (
        DeleteImagesFailed,
        "The images could not all be deleted: {reason}",
    ),
];

const PT_BR: &[(Key, &str)] = &[
    (AppName, "Tessera"),
    (Loading, "Abrindo o cofre…"),
    (Cancel, "Cancelar"),
    (Save, "Salvar"),
    (Back, "Voltar"),
    (Lock, "Bloquear"),
    (Settings, "Configurações"),
    (Dismiss, "Fechar"),
    (Error, "Algo deu errado: {reason}"),
    (OnboardingTitle, "Crie seu cofre"),
    (
        OnboardingIntro,
        "Suas contas ficarão num cofre criptografado em {path}. Escolha uma senha para protegê-lo.",
    ),
    (Password, "Senha"),
    (RepeatPassword, "Repita a senha"),
    (PasswordsDiffer, "As duas senhas são diferentes."),
    (
        PasswordTooShort,
        "Use pelo menos {min} caracteres; algumas palavras aleatórias formam uma senha forte.",
    ),
    (StrengthLabel, "Força: {level}"),
    (Strength0, "muito fraca"),
    (Strength1, "fraca"),
    (Strength2, "razoável"),
    (Strength3, "forte"),
    (Strength4, "muito forte"),
    (UseKeyring, "Desbloquear também pelo chaveiro do sistema"),
    (
        UseKeyringHint,
        "O Tessera guarda uma chave de desbloqueio separada no chaveiro do sistema, e o cofre abre sem a senha enquanto você estiver conectado.",
    ),
    (
        KeyringNotAnswering,
        "O chaveiro do sistema não está respondendo, por isso esta opção começa desligada.",
    ),
    (CreateVault, "Criar cofre"),
    (Creating, "Criando o cofre…"),
    (UnlockTitle, "Desbloqueie seu cofre"),
    (UnlockIntro, "O cofre em {path} está bloqueado."),
    (UnlockButton, "Desbloquear"),
    (Unlocking, "Desbloqueando…"),
    (UnlockingKeyring, "Desbloqueando pelo chaveiro do sistema…"),
    (
        WrongPassword,
        "Senha incorreta. Tente de novo; maiúsculas e minúsculas fazem diferença.",
    ),
    (
        KeyringFellBack,
        "O chaveiro do sistema não desbloqueou o cofre ({reason}). Digite a senha.",
    ),
    (AddAccount, "Adicionar conta"),
    (SearchPlaceholder, "Digite para buscar"),
    (EmptyTitle, "Nenhuma conta ainda"),
    (
        EmptyHint,
        "Escolha “Adicionar conta” e informe a chave de configuração ou o link otpauth:// que o serviço mostra ao ativar a verificação em duas etapas.",
    ),
    (NoMatch, "Nada corresponde a “{query}”."),
    (
        NoMatchHint,
        "Tecle Esc para limpar a busca, ou adicione a conta se ela estiver faltando.",
    ),
    (
        Copied,
        "Código copiado. A área de transferência será limpa em {secs} segundos.",
    ),
    (CopiedNoClear, "Código copiado."),
    (ClipboardCleared, "A área de transferência foi limpa."),
    (NextCode, "Próximo código"),
    (NextCodeSmall, "próximo: {code}"),
    (
        ClockOffsetShown,
        "Os códigos usam um ajuste de relógio de {secs} segundos (veja Configurações).",
    ),
    (Details, "Detalhes"),
    (HiddenCode, "••• ••• (clique para ver)"),
    (CounterLabel, "contador {counter}"),
    (Favourite, "Favorita"),
    (NoIssuer, "(sem emissor)"),
    (
        EntryGone,
        "esta conta não está mais no cofre (foi removida em outro lugar)",
    ),
    (
        NotCounterBased,
        "o código desta conta muda sozinho; não há próximo código para pedir",
    ),
    (
        CounterAtMax,
        "o contador não pode subir mais; esta conta não pode dar mais códigos",
    ),
    (AddTitle, "Adicionar uma conta"),
    (Issuer, "Emissor"),
    (IssuerPlaceholder, "ex.: ACME Cloud"),
    (AccountName, "Conta"),
    (AccountPlaceholder, "ex.: joao@exemplo.com.br"),
    (SetupKey, "Chave de configuração"),
    (
        SetupKeyPlaceholder,
        "A chave que o serviço mostra, ou um link otpauth:// inteiro",
    ),
    (ShowAdvanced, "Mostrar opções avançadas"),
    (HideAdvanced, "Ocultar opções avançadas"),
    (Type, "Tipo"),
    (Algorithm, "Algoritmo"),
    (Digits, "Dígitos"),
    (Period, "Período (segundos)"),
    (Counter, "Contador"),
    (TypeTotp, "Por tempo (TOTP)"),
    (TypeHotp, "Por contador (HOTP)"),
    (TypeSteam, "Steam Guard"),
    (
        CheckCode,
        "Esta chave gera {code} agora. Confira com o serviço antes de salvar.",
    ),
    (
        CheckCodeHotp,
        "Esta chave gera {code} no contador {counter}. Confira com o serviço antes de salvar.",
    ),
    (FilledFromLink, "Preenchido a partir do link otpauth://."),
    (
        KeyInvalidChar,
        "“{char}” na posição {position} não vale numa chave de configuração: as chaves usam só as letras A–Z e os dígitos 2–7 (um 0, 1 ou 8 costuma ser um O, I ou B digitado errado).",
    ),
    (
        KeyEmpty,
        "Informe a chave de configuração que o serviço mostra (espaços e minúsculas são aceitos).",
    ),
    (
        KeyPadding,
        "A chave tem “=” na posição {position}, antes do fim; copie a chave de novo.",
    ),
    (NotANumber, "{field} precisa ser um número inteiro."),
    (DuplicateSecret, "Esta chave já está no cofre como {label}."),
    (
        DuplicateName,
        "Já existe uma conta chamada {label}; salvar adiciona uma segunda.",
    ),
    (Added, "{label} adicionada."),
    (AddButton, "Adicionar"),
    (DetailsTitle, "Detalhes da conta"),
    (Group, "Grupo"),
    (GroupPlaceholder, "ex.: Trabalho"),
    (Notes, "Notas"),
    (Delete, "Excluir…"),
    (
        DeleteConfirm,
        "Excluir {label}? O Tessera não mostrará mais os códigos dela; confirme que você ainda consegue entrar no serviço.",
    ),
    (DeleteYes, "Excluir de vez"),
    (Saved, "Salvo."),
    (Deleted, "{label} excluída."),
    (SettingsTitle, "Configurações"),
    (Theme, "Tema"),
    (ThemeSystem, "Seguir o sistema"),
    (ThemeLight, "Claro"),
    (ThemeDark, "Escuro"),
    (Language, "Idioma"),
    (LanguageSystem, "Do sistema ({name})"),
    (AutoLock, "Bloquear após estes minutos sem uso"),
    (AutoLockHint, "0 nunca bloqueia sozinho."),
    (ClipboardDelay, "Limpar um código copiado após (segundos)"),
    (
        ClipboardDelayHint,
        "Só limpa se a área de transferência ainda tiver o código; 0 nunca limpa.",
    ),
    (HideCodes, "Ocultar os códigos até clicar"),
    (ClockOffset, "Ajuste do relógio (segundos)"),
    (
        ClockOffsetHint,
        "Se os serviços recusam os códigos porque o relógio deste computador está errado, ajuste aqui (por exemplo -30).",
    ),
    (ChangePassword, "Trocar a senha"),
    (NewPassword, "Nova senha"),
    (
        PasswordChanged,
        "A senha foi trocada, e o cofre foi cifrado de novo com uma chave nova.",
    ),
    (
        PasswordChangedKeyringOff,
        "A senha foi trocada, e o cofre foi cifrado de novo com uma chave nova. O desbloqueio pelo chaveiro foi desligado porque o chaveiro do sistema não respondeu; ligue-o de novo abaixo.",
    ),
    (KeyringSetting, "Desbloquear pelo chaveiro do sistema"),
    (
        KeyringOn,
        "O chaveiro do sistema agora desbloqueia o cofre.",
    ),
    (
        KeyringOff,
        "O desbloqueio pelo chaveiro está desligado e o cofre foi cifrado de novo com uma chave nova; a senha será pedida daqui em diante.",
    ),
    (
        KeyringOffAsk,
        "Digite a senha do cofre para desligar o desbloqueio pelo chaveiro. O cofre é cifrado de novo com uma chave nova, e a chave que ficou no chaveiro não abre nada salvo daqui em diante.",
    ),
    (KeyringOffConfirm, "Desligar e cifrar de novo"),
    (
        SettingsSaveFailed,
        "As configurações não puderam ser salvas ({reason}); elas valem até o Tessera fechar.",
    ),
    (
        SettingsBroken,
        "O arquivo de configurações não pôde ser lido ({reason}); os valores padrão são usados até você mudar algo.",
    ),
    (Apply, "Aplicar"),
    (
        ChooseImagesTitle,
        "Escolha imagens com códigos QR, ou a exportação de outro app",
    ),
    (ImagesFilter, "Imagens e exportações"),
    (
        NoFileChosen,
        "Nenhum arquivo foi escolhido. Se nenhuma janela de arquivos apareceu, digite abaixo o caminho da imagem ou solte o arquivo nesta janela.",
    ),
    (ShowQrButton, "Mostrar código QR"),
    (ShowQrTitle, "Levar esta conta para um celular"),
    (
        ShowQrWarning,
        "O código QR contém a chave secreta de {label}. Quem o vir, ou uma foto dele, pode gerar seus códigos. Mostre-o só para lê-lo com o seu celular, sem ninguém olhando.",
    ),
    (ShowQrYes, "Mostrar o código QR"),
    (
        ShowQrHint,
        "Leia-o com o app autenticador do celular e depois escolha Concluir.",
    ),
    (Done, "Concluir"),
    (MoveToPhone, "Levar ao celular"),
    (ExportTitle, "Levar contas ao Google Authenticator"),
    (
        ExportIntro,
        "Escolha as contas a levar. Elas aparecem como códigos QR de exportação do Google Authenticator, até dez contas em cada.",
    ),
    (Continue, "Continuar"),
    (
        ExportWarning,
        "Os códigos QR contêm as chaves secretas de {n} contas. Quem os vir, ou uma foto deles, pode gerar seus códigos. Mostre-os só para lê-los com o seu celular, sem ninguém olhando.",
    ),
    (ExportYes, "Mostrar os códigos QR"),
    (ExportCounter, "Código QR {index} de {size}"),
    (
        ExportHint,
        "No Google Authenticator escolha Transferir contas, depois Importar contas, e leia cada código na sequência.",
    ),
    (
        ExportNothing,
        "Nenhuma das contas escolhidas cabe numa exportação do Google Authenticator.",
    ),
    (ExportSkipped, "{label} ficou de fora: {reason}."),
    (Previous, "Anterior"),
    (Next, "Próximo"),
    (RecoveryButton, "Códigos de recuperação"),
    (RecoveryTitle, "Códigos de recuperação de {label}"),
    (
        RecoveryIntro,
        "Códigos de uso único que o serviço forneceu para quando este aparelho se perder. Cada um vale uma vez.",
    ),
    (
        RecoveryNone,
        "Ainda não há códigos de recuperação guardados para esta conta. Cole abaixo o bloco que o serviço mostra.",
    ),
    (RecoveryCount, "{left} de {total} códigos sem uso"),
    (RecoveryUse, "Copiar e marcar como usado"),
    (RecoveryUsedAt, "usado em {when}"),
    (
        RecoveryPasteLabel,
        "Cole os códigos como o serviço os mostra (um por linha, em colunas, numerados: qualquer formato serve):",
    ),
    (RecoverySave, "Salvar códigos"),
    (RecoveryReplace, "Substituir os códigos atuais"),
    (
        RecoveryReplaceConfirm,
        "Isto substitui todos os {total} códigos guardados, usados ou não, pelos {n} colados. Faça isso quando o serviço gerar códigos novos.",
    ),
    (RecoveryReplaceYes, "Substituir"),
    (RecoverySaved, "{n} códigos de recuperação salvos."),
    (
        RecoveryCopied,
        "Código de recuperação copiado e marcado como usado.",
    ),
    (
        ClearedIn,
        "A área de transferência será limpa em {secs} segundos.",
    ),
    (RecoveryFew, "restam {n} códigos de recuperação"),
    (RecoveryExhausted, "Nenhum código de recuperação restante"),
    (FromQrTitle, "De um código QR"),
    (
        FromQrHint,
        "Solte arquivos de imagem em qualquer lugar desta janela, tecle Ctrl+V com uma imagem de QR ou um link otpauth:// copiado, ou leia o que a tela mostra.",
    ),
    (ChooseImages, "Escolher imagens…"),
    (PasteButton, "Colar (Ctrl+V)"),
    (ScanScreen, "Ler a tela"),
    (
        ImagePathPlaceholder,
        "Ou digite o caminho de um arquivo de imagem e tecle Enter",
    ),
    (OpenPath, "Abrir"),
    (ManualTitle, "Digitar a chave de configuração"),
    (Scanning, "Procurando códigos QR…"),
    (ReviewTitle, "Contas encontradas"),
    (
        ReviewIntro,
        "Marque as contas a adicionar. As que já estão no cofre começam desmarcadas.",
    ),
    (
        ReviewNothing,
        "Nenhuma conta para adicionar foi encontrada.",
    ),
    (
        ReviewMore,
        "Solte mais imagens ou tecle Ctrl+V para juntá-las a esta lista.",
    ),
    (ImportAddOne, "Adicionar 1 conta"),
    (ImportAddMany, "Adicionar {n} contas"),
    (
        ExportPart,
        "{source}, parte {index} de {size} de uma exportação do Google Authenticator",
    ),
    (OriginScreen, "A tela"),
    (OriginClipboard, "A área de transferência"),
    (
        NoCodeInFile,
        "{source}: nenhum código QR foi encontrado. Verifique se o código aparece inteiro, sem cortes, ou digite a chave de configuração.",
    ),
    (
        NoCodeOnScreen,
        "Nenhum código QR está visível na tela. Deixe o código inteiro à vista, sem outras janelas por cima, e leia de novo; ou salve-o como imagem e abra-a.",
    ),
    (
        NoCodeInClipboard,
        "A imagem na área de transferência não tem código QR. Copie o próprio código QR (ou o link otpauth://) e cole de novo.",
    ),
    (
        FileUnreadable,
        "{source} não pôde ser lido ({reason}). Verifique se o arquivo ainda existe e se você pode abri-lo.",
    ),
    (ImageUnreadable, "{source} não pôde ser lido: {reason}"),
    (
        DropHint,
        "Solte a imagem aqui para adicionar as contas do código QR",
    ),
    (
        ExportLocked,
        "{source} é uma exportação cifrada do {format}. Digite a senha usada na exportação para ver as contas.",
    ),
    (ExportPassword, "Senha da exportação"),
    (ExportOpen, "Abrir"),
    (ExportUnreadable, "{source}: {reason}"),
    (ScreenFailed, "A tela não pôde ser capturada: {reason}"),
    (
        ClipboardFailed,
        "A área de transferência não pôde ser lida: {reason}",
    ),
    (NotAKey, "{source}: {reason}"),
    (LeftOut, "{source}: {label} ficou de fora ({reason})."),
    (
        MissingPart,
        "Ainda falta a parte {part} de {size} de uma exportação do Google Authenticator; leia-a também.",
    ),
    (
        MissingParts,
        "Ainda faltam as partes {parts} de {size} de uma exportação do Google Authenticator; leia-as também.",
    ),
    (And, "e"),
    (ImportedAccount, "1 conta adicionada."),
    (ImportedAccounts, "{n} contas adicionadas."),
    (
        DeleteImagesOffer,
        "Os arquivos de imagem ({files}) ainda guardam as chaves secretas às claras: quem os abrir pode gerar seus códigos. Apagá-los agora?",
    ),
    (DeleteImages, "Apagar as imagens"),
    (KeepImages, "Manter"),
    (ImagesDeleted, "{n} arquivos de imagem apagados."),
    (
        DeleteImagesFailed,
        "Nem todas as imagens puderam ser apagadas: {reason}",
    ),
];

fn table(lang: Lang) -> &'static [(Key, &'static str)] {
    match lang {
        Lang::En => EN,
        Lang::PtBr => PT_BR,
    }
}

fn lookup(lang: Lang, key: Key) -> Option<&'static str> {
    table(lang)
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, text)| *text)
}

/// The text of `key` in `lang` (English if a translation were missing, which a test forbids).
pub fn t(lang: Lang, key: Key) -> &'static str {
    lookup(lang, key)
        .or_else(|| lookup(Lang::En, key))
        .unwrap_or("")
}

/// "Added 1 account." or "Added N accounts.", in `lang`.
pub fn imported(lang: Lang, n: usize) -> String {
    if n == 1 {
        t(lang, Key::ImportedAccount).to_owned()
    } else {
        tf(lang, Key::ImportedAccounts, &[("n", &n.to_string())])
    }
}

/// The text of `key` in `lang` with each `{name}` replaced by its value.
pub fn tf(lang: Lang, key: Key, args: &[(&str, &str)]) -> String {
    let mut text = t(lang, key).to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn every_key_is_translated_in_every_language() {
        for lang in Lang::ALL {
            for key in Key::ALL {
                let found: Vec<_> = table(lang).iter().filter(|(k, _)| k == key).collect();
                assert_eq!(
                    found.len(),
                    1,
                    "{key:?} in {lang:?}: {} entries",
                    found.len()
                );
                assert!(
                    !found[0].1.trim().is_empty(),
                    "{key:?} is empty in {lang:?}"
                );
            }
            assert_eq!(table(lang).len(), Key::ALL.len(), "{lang:?} has extra keys");
        }
    }

    #[test]
    fn translations_keep_the_placeholders() {
        for key in Key::ALL {
            assert_eq!(
                placeholders(t(Lang::En, *key)),
                placeholders(t(Lang::PtBr, *key)),
                "{key:?}"
            );
        }
    }

    #[test]
    fn locale_precedence() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(Lang::from_env(env(&[("LANG", "pt_BR.UTF-8")])), Lang::PtBr);
        assert_eq!(
            Lang::from_env(env(&[("LANG", "pt_BR.UTF-8"), ("LC_ALL", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env(env(&[("LANG", "en_US"), ("LC_MESSAGES", "pt_PT")])),
            Lang::PtBr
        );
        assert_eq!(Lang::from_env(env(&[("LANG", "C")])), Lang::En);
        assert_eq!(Lang::from_env(env(&[])), Lang::En);
        assert_eq!(Lang::from_env(env(&[("LANG", "de_DE.UTF-8")])), Lang::En);
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            tf(Lang::PtBr, Key::ClockOffsetShown, &[("secs", "+7")]),
            "Os códigos usam um ajuste de relógio de +7 segundos (veja Configurações)."
        );
    }
}
