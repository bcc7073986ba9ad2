//! The core's errors worded in the UI language.
//!
//! The core (`vault`, `otp`, `qr`, `capture`, `keystore`) words its errors in
//! English for the CLI and logs-free callers. The GUI shows them inside
//! catalog sentences, so a Brazilian Portuguese window would otherwise show
//! English advice. [`Localized::localized`] gives the English text unchanged
//! and, for pt-BR, a translation of every variant: the matches are exhaustive,
//! so a new error variant does not compile until it is translated.
//!
//! What stays untranslated: paths, the KDF figures, technical detail strings
//! from decoders and the operating system (inside parentheses), and OS error
//! texts other than the common kinds mapped in [`io`].

use crate::capture::CaptureError;
use crate::interop::{InteropError, SkipReason};
use crate::keystore::KeystoreError;
use crate::otp::migration::{MigrationError, Skip, Unrepresentable};
use crate::otp::payload::{Other, Payload};
use crate::otp::{Base32Error, ParamsError, UriError};
use crate::qr::DecodeError;
use crate::vault;
use crate::vault::recovery::RecoveryError;

use super::i18n::Lang;
use super::task;

/// An error that can be worded in the UI language.
pub trait Localized {
    /// The message in `lang`.
    fn localized(&self, lang: Lang) -> String;
}

/// Implements [`Localized`] from a pt-BR translation function; English is the
/// error's own `Display`.
macro_rules! localized {
    ($($ty:ty => $pt:path),* $(,)?) => {$(
        impl Localized for $ty {
            fn localized(&self, lang: Lang) -> String {
                match lang {
                    Lang::En => self.to_string(),
                    Lang::PtBr => $pt(self),
                }
            }
        }
    )*};
}

localized! {
    vault::Error => vault_pt,
    task::Error => task_pt,
    KeystoreError => keystore_pt,
    Base32Error => base32_pt,
    ParamsError => params_pt,
    UriError => uri_pt,
    MigrationError => migration_pt,
    Skip => skip_pt,
    Unrepresentable => unrepresentable_pt,
    DecodeError => decode_pt,
    CaptureError => capture_pt,
    std::io::Error => io_pt,
    RecoveryError => recovery_pt,
    InteropError => interop_pt,
    SkipReason => skip_reason_pt,
}

/// Why a scanned payload gives no account, in `lang`; `None` when it gives one.
pub fn explain(payload: &Payload, lang: Lang) -> Option<String> {
    if lang == Lang::En {
        return payload.explain();
    }
    match payload {
        Payload::Account(_) => None,
        Payload::Migration(batch) if !batch.accounts.is_empty() => None,
        Payload::Migration(_) => Some(String::from(
            "esta exportação do Google Authenticator não tem nenhuma conta que o Tessera possa usar",
        )),
        Payload::BadAccount(e) => Some(e.localized(lang)),
        Payload::BadMigration(e) => Some(e.localized(lang)),
        Payload::Other(other) => Some(format!(
            "este código QR contém {}, não uma chave de autenticação; procure o código QR na página de configuração da verificação em duas etapas do serviço",
            other_pt(*other)
        )),
    }
}

fn other_pt(other: Other) -> &'static str {
    match other {
        Other::WebAddress => "um endereço da web",
        Other::WiFi => "os dados de uma rede Wi-Fi",
        Other::Email => "um endereço de e-mail",
        Other::Phone => "um número de telefone",
        Other::Contact => "um cartão de contato",
        Other::Text => "texto simples",
    }
}

fn vault_pt(error: &vault::Error) -> String {
    use vault::Error as E;
    match error {
        E::WrongPassword { path, unusual_kdf } => {
            let mut message = format!(
                "senha incorreta para o cofre em {}; tente de novo (maiúsculas e minúsculas contam)",
                path.display()
            );
            if let Some(found) = unusual_kdf {
                message.push_str(&format!(
                    ". As configurações de senha do arquivo ({found}) não são as que o Tessera grava, então ele pode ter sido adulterado: se a senha estiver certa, restaure um backup"
                ));
            }
            message
        }
        E::KeyringKeyRejected { path } => format!(
            "a chave guardada no chaveiro do sistema não abre o cofre em {}; desbloqueie com a senha e depois desligue e ligue de novo o desbloqueio pelo chaveiro",
            path.display()
        ),
        E::Damaged {
            path,
            detail,
            last_good_backup,
        } => {
            let advice = match last_good_backup {
                Some(backup) => format!(
                    "o último backup íntegro é {}; copie-o por cima do arquivo danificado para restaurá-lo",
                    backup.display()
                ),
                None => String::from("nenhum backup íntegro foi encontrado ao lado dele"),
            };
            format!(
                "o cofre em {} está danificado ({detail}) e não foi aberto; {advice}",
                path.display()
            )
        }
        E::NotAVault { path } => format!(
            "{} não é um cofre do Tessera; confira o caminho dado com --vault ou TESSERA_VAULT",
            path.display()
        ),
        E::NewerVersion {
            path,
            found,
            supported,
        } => format!(
            "o cofre em {} foi gravado por uma versão mais nova do Tessera (formato {found}; esta lê até o {supported}); atualize o Tessera para abri-lo",
            path.display()
        ),
        E::OpenElsewhere { path } => format!(
            "o cofre em {} está aberto para gravação em outro lugar (outra janela ou comando do Tessera); aguarde um instante e tente de novo",
            path.display()
        ),
        E::Replaced { path } => format!(
            "o cofre em {} foi substituído por outro cofre depois de aberto; nada foi salvo. Abra-o de novo",
            path.display()
        ),
        E::KeyChanged { path } => format!(
            "a senha do cofre em {} foi trocada em outra janela ou comando do Tessera depois que ele foi desbloqueado aqui; nada foi salvo. Desbloqueie-o de novo com a nova senha",
            path.display()
        ),
        E::NotFound { path } => format!(
            "não há cofre em {}; crie um com `tessera init` ou informe o caminho certo com --vault",
            path.display()
        ),
        E::AlreadyExists { path } => format!(
            "já existe um arquivo em {}; o Tessera não vai sobrescrevê-lo. Escolha outro caminho com --vault",
            path.display()
        ),
        E::WeakKdf { path, found, floor } => format!(
            "o cofre em {} pede uma proteção de senha mais fraca ({found}) do que o Tessera aceita ({floor}); o arquivo pode ter sido adulterado, por isso não foi aberto. Restaure um backup",
            path.display()
        ),
        E::ExcessiveKdf {
            path,
            found,
            ceiling,
        } => format!(
            "o cofre em {} pede mais memória ou tempo para verificar a senha ({found}) do que o Tessera permite ({ceiling}); o arquivo está danificado ou não foi criado pelo Tessera",
            path.display()
        ),
        E::UnsafeFolder { path } => format!(
            "a pasta {} pode ser alterada por outros usuários, que poderiam trocar ou voltar o cofre a uma versão antiga; deixe-a só sua (chmod go-w) ou guarde o cofre em outra pasta",
            path.display()
        ),
        E::LockFileLink { path } => format!(
            "o arquivo de trava {} é um link simbólico, que o Tessera nunca segue; apague-o se não foi você quem o criou e veja quem mais pode escrever nessa pasta",
            path.display()
        ),
        E::NoSuchSlot { path, slot } => {
            let slot = if *slot == "keyring" {
                "pelo chaveiro"
            } else {
                "por senha"
            };
            format!(
                "o cofre em {} não tem desbloqueio {slot} configurado",
                path.display()
            )
        }
        // Built by the GUI itself from catalog text, or a core text with no variant.
        E::Invalid(text) => text.clone(),
        E::Io {
            action,
            path,
            source,
        } => format!(
            "não foi possível {} {}: {}",
            action_pt(action),
            path.display(),
            io_pt(source)
        ),
        E::Random(detail) => format!(
            "o gerador de números aleatórios do sistema não está disponível ({detail}); nada foi gravado"
        ),
    }
}

/// The verbs `vault::Error::Io` names, as infinitives.
fn action_pt(action: &str) -> &str {
    match action {
        "read" => "ler",
        "write" => "gravar",
        "save" => "salvar",
        "flush" => "descarregar no disco",
        "lock" => "bloquear",
        "create the directory" => "criar a pasta",
        "rotate the backup" => "renovar o backup",
        other => other,
    }
}

fn task_pt(error: &task::Error) -> String {
    use task::Error as E;
    match error {
        E::Vault(e) => vault_pt(e),
        E::Keystore(e) => keystore_pt(e),
        E::NoKeyringKey => String::from(
            "o chaveiro do sistema não tem chave para este cofre; ela pode ter sido removida",
        ),
        E::Settings { path, source } => format!(
            "não foi possível gravar {}: {}",
            path.display(),
            io_pt(source)
        ),
        E::Delete { path, source } => format!(
            "não foi possível apagar {}: {}",
            path.display(),
            io_pt(source)
        ),
        E::Crashed(detail) => format!(
            "uma tarefa em segundo plano parou inesperadamente ({detail}); por favor, relate isto"
        ),
    }
}

fn keystore_pt(error: &KeystoreError) -> String {
    match error {
        KeystoreError::Unavailable { reason } => format!(
            "o chaveiro do sistema não está disponível ({reason}); o Tessera vai pedir sua senha"
        ),
        KeystoreError::Damaged { reason } => format!(
            "o item do chaveiro do sistema para este cofre não pode ser usado ({reason}); o Tessera vai pedir sua senha, e desligar e ligar de novo o desbloqueio pelo chaveiro regrava o item"
        ),
        KeystoreError::InvalidVaultId { vault_id } => format!(
            "`{vault_id}` não é um identificador de cofre; isto é um defeito do Tessera, por favor relate-o"
        ),
    }
}

fn base32_pt(error: &Base32Error) -> String {
    match error {
        Base32Error::InvalidCharacter {
            character,
            position,
        } => format!(
            "a chave de configuração tem um caractere inválido {character:?} na posição {position}; as chaves usam só as letras A-Z e os dígitos 2-7 (um 0, 1 ou 8 costuma ser um O, I ou B digitado errado)"
        ),
        Base32Error::Empty => String::from(
            "a chave de configuração está vazia; copie a chave inteira que o serviço mostra",
        ),
        Base32Error::MisplacedPadding { position } => format!(
            "a chave de configuração tem o preenchimento '=' na posição {position}, antes do fim; copie a chave de novo"
        ),
    }
}

fn params_pt(error: &ParamsError) -> String {
    match error {
        ParamsError::DigitsOutOfRange { found } => format!(
            "códigos de {found} dígitos não são aceitos; códigos TOTP e HOTP têm 6, 7 ou 8 dígitos. Confira o valor de 'digits' que o serviço informou"
        ),
        ParamsError::ZeroPeriod => String::from(
            "o período do código é 0 segundo; ele precisa ser de pelo menos 1 segundo (a maioria dos serviços usa 30)",
        ),
        ParamsError::SteamIsFixed => String::from(
            "códigos do Steam Guard sempre usam SHA1, 5 caracteres e 30 segundos; outras configurações não podem ser combinadas com o tipo Steam",
        ),
        ParamsError::EmptySecret => String::from(
            "a chave de configuração está vazia; copie a chave inteira que o serviço mostra",
        ),
    }
}

fn uri_pt(error: &UriError) -> String {
    match error {
        UriError::NotAUri => String::from(
            "isto não é um link otpauth://; cole o link inteiro, que começa com otpauth://, ou digite a chave de configuração",
        ),
        UriError::UnsupportedScheme { scheme } => format!(
            "isto é um link {scheme}://, não uma chave de autenticação; use o link otpauth:// ou a chave de configuração que o serviço mostra"
        ),
        UriError::Migration => String::from(
            "isto é uma exportação do Google Authenticator (otpauth-migration://), que pode ter várias contas; importe-a em vez de adicioná-la como uma conta",
        ),
        UriError::UnsupportedType { found } => {
            format!("o link otpauth:// tem o tipo {found:?}; o Tessera aceita totp, hotp e steam")
        }
        UriError::BadEncoding { part } => format!(
            "o link otpauth:// tem um {part} que não é UTF-8 válido com codificação percentual; copie o link de novo"
        ),
        UriError::MissingSecret => String::from(
            "o link otpauth:// não tem chave (secret); copie o link inteiro ou digite a chave de configuração",
        ),
        UriError::InvalidSecret(e) => base32_pt(e),
        UriError::UnsupportedAlgorithm { found } => format!(
            "o link otpauth:// pede o algoritmo {found:?}; o Tessera aceita SHA1, SHA256 e SHA512"
        ),
        UriError::NotANumber { param, value } => {
            format!("o link otpauth:// tem {param}={value:?}, que não é um número inteiro")
        }
        UriError::DigitsOutOfRange { found } => format!(
            "o link otpauth:// pede códigos de {found} dígitos; códigos TOTP e HOTP têm 6, 7 ou 8 dígitos"
        ),
        UriError::ZeroPeriod => String::from(
            "o link otpauth:// tem period=0; o período precisa ser de pelo menos 1 segundo (normalmente 30)",
        ),
        UriError::HotpWithoutCounter => String::from(
            "o link otpauth://hotp não tem contador; links HOTP precisam dizer onde o contador começa (counter=0 numa conta nova)",
        ),
        UriError::Params(e) => params_pt(e),
    }
}

fn migration_pt(error: &MigrationError) -> String {
    match error {
        MigrationError::NotMigration => String::from(
            "isto não é uma exportação do Google Authenticator; os links de exportação começam com otpauth-migration://offline?data=",
        ),
        MigrationError::MissingData => String::from(
            "o link de exportação do Google Authenticator não tem dados; leia ou copie de novo o código QR da exportação",
        ),
        MigrationError::TooLarge { len } => format!(
            "o link de exportação do Google Authenticator tem {len} caracteres, mais do que cabe num código QR; não é uma exportação de verdade"
        ),
        MigrationError::BadBase64 => String::from(
            "os dados da exportação do Google Authenticator não são base64 válido; o link provavelmente foi cortado, então copie-o ou leia-o de novo",
        ),
        MigrationError::BadPayload => String::from(
            "os dados da exportação do Google Authenticator estão danificados (não formam uma exportação); leia o código QR de novo",
        ),
    }
}

fn skip_pt(skip: &Skip) -> String {
    match skip {
        Skip::NoSecret => String::from("ela não tem chave"),
        Skip::Algorithm(name) => format!("ela usa um algoritmo não aceito ({name})"),
        Skip::Unknown(what) => format!("ela tem um valor de {what} desconhecido"),
        Skip::NegativeCounter => String::from("o contador dela é negativo"),
    }
}

fn unrepresentable_pt(why: &Unrepresentable) -> String {
    match why {
        Unrepresentable::Steam => {
            String::from("o Google Authenticator não guarda contas do Steam Guard")
        }
        Unrepresentable::Period(secs) => format!(
            "o Google Authenticator só exporta códigos de 30 segundos, e este usa {secs} segundos"
        ),
        Unrepresentable::Digits(digits) => format!(
            "o Google Authenticator só exporta códigos de 6 ou 8 dígitos, e este tem {digits}"
        ),
        Unrepresentable::Counter => String::from(
            "o contador HOTP dela é grande demais para uma exportação do Google Authenticator",
        ),
    }
}

fn decode_pt(error: &DecodeError) -> String {
    match error {
        DecodeError::NotAnImage => String::from(
            "este arquivo não é uma imagem que o Tessera consiga ler (PNG, JPEG, WebP, GIF, BMP, TIFF); salve o código QR como captura de tela num desses formatos e tente de novo",
        ),
        DecodeError::Unsupported { format } => format!(
            "esta é uma imagem {format}, que o Tessera não consegue ler; converta-a para PNG ou JPEG (ou faça uma captura de tela dela) e tente de novo"
        ),
        DecodeError::Truncated => String::from(
            "este arquivo de imagem está incompleto (termina antes da figura); baixe-o ou copie-o de novo, ou faça outra captura de tela",
        ),
        DecodeError::Corrupt { detail } => format!(
            "este arquivo de imagem está danificado e não pode ser decodificado ({detail}); abra-o num visualizador de imagens para conferir, ou faça outra captura de tela"
        ),
        DecodeError::Empty { width, height } => format!(
            "esta imagem está vazia ({width}×{height} pixels); faça uma captura de tela que mostre o código QR"
        ),
        DecodeError::TooSmall { width, height, min } => format!(
            "esta imagem tem {width}×{height} pixels, pequena demais para conter um código QR (que precisa de pelo menos {min}×{min}); faça uma captura de tela que mostre o código inteiro"
        ),
        DecodeError::TooLarge {
            width,
            height,
            limit,
        } => format!(
            "esta imagem tem {width}×{height} pixels, mais do que os {limit} pixels que o Tessera lê; recorte-a em volta do código QR e tente de novo"
        ),
        DecodeError::FileTooLarge { len, limit } => format!(
            "este arquivo tem {len} bytes, mais do que os {limit} bytes que o Tessera lê como imagem; recorte a figura no código QR ou salve-a como PNG ou JPEG"
        ),
        DecodeError::OutOfMemoryLimit { limit } => format!(
            "decodificar esta imagem precisaria de mais de {} MiB de memória; recorte-a em volta do código QR ou salve-a como PNG ou JPEG de 8 bits",
            limit / (1024 * 1024)
        ),
        DecodeError::Unreadable => String::from(
            "há um código QR nesta imagem, mas ele não pôde ser lido; tente uma captura de tela maior, ou só do código (amplie antes se ele for pequeno), ou digite a chave de configuração mostrada ao lado do código",
        ),
        DecodeError::BadPixelBuffer { width, height, len } => format!(
            "a imagem capturada está inconsistente ({len} bytes para {width}×{height} pixels RGBA); capture-a de novo"
        ),
    }
}

fn capture_pt(error: &CaptureError) -> String {
    const INSTEAD: &str = "salve a imagem do código QR num arquivo e abra esse arquivo";
    match error {
        CaptureError::NoDisplay => format!(
            "não há tela para capturar: o Tessera precisa de uma sessão X11 ou Wayland para isso; {INSTEAD}"
        ),
        CaptureError::X11 { reason } => {
            format!("não foi possível capturar a tela X11 ({reason}); {INSTEAD}")
        }
        CaptureError::Portal { reason } => format!(
            "não foi possível fazer a captura de tela pelo portal da área de trabalho ({reason}); confira se o xdg-desktop-portal e um backend para a sua área de trabalho estão instalados, ou {INSTEAD}"
        ),
        CaptureError::Cancelled => {
            String::from("a captura de tela foi cancelada; nada foi capturado")
        }
        CaptureError::TooLarge {
            width,
            height,
            limit,
        } => format!(
            "a imagem é grande demais para ler ({width}×{height} pixels, mais de {limit} pixels); recorte-a no código QR e abra o recorte"
        ),
        CaptureError::Unreadable { reason } => {
            format!("não foi possível ler a captura de tela ({reason}); {INSTEAD}")
        }
        CaptureError::ClipboardEmpty => String::from(
            "a área de transferência não tem imagem nem texto; copie a imagem do código QR (ou o link otpauth://) e tente de novo",
        ),
        CaptureError::ClipboardUnavailable { reason } => {
            format!("não foi possível ler a área de transferência ({reason}); {INSTEAD}")
        }
    }
}

fn interop_pt(error: &InteropError) -> String {
    match error {
        InteropError::PasswordNeeded { format } => format!(
            "esta exportação do {format} é cifrada; ela precisa da senha usada na exportação"
        ),
        InteropError::WrongPassword { format } => format!(
            "a senha não decifra esta exportação do {format}; use a senha escolhida ao exportar (ela pode ser diferente da senha de desbloqueio do app)"
        ),
        InteropError::Damaged { format, detail } => format!(
            "esta exportação do {format} está danificada ({detail}); exporte de novo pelo {format}"
        ),
        InteropError::Unsupported { format, what } => {
            format!("{what}; exporte de novo pelo {format} sem senha (ou como links otpauth://)")
        }
        InteropError::TooCostly { format } => format!(
            "esta exportação do {format} pede mais memória ou tempo para verificar a senha do que o Tessera permite; ela está danificada ou não foi feita pelo {format}"
        ),
        InteropError::TooLarge { len } => format!(
            "este arquivo tem {len} bytes, mais do que qualquer exportação de autenticador que o Tessera lê"
        ),
    }
}

fn skip_reason_pt(reason: &SkipReason) -> String {
    match reason {
        SkipReason::Type(kind) => {
            format!("o tipo {kind:?} não é um que o Tessera gera (TOTP, HOTP e Steam são)")
        }
        SkipReason::Algorithm(name) => format!("ela usa o algoritmo {name}, que o Tessera não usa"),
        SkipReason::Key(e) => base32_pt(e),
        SkipReason::Params(e) => params_pt(e),
        SkipReason::Link(e) => uri_pt(e),
        SkipReason::Trashed => String::from("ela está na lixeira do outro app"),
    }
}

fn recovery_pt(error: &RecoveryError) -> String {
    match error {
        RecoveryError::NoneFound => String::from(
            "nenhum código de recuperação foi encontrado no texto; cole os códigos como o serviço os mostra (um por linha, ou separados por espaços ou vírgulas)",
        ),
        RecoveryError::TooMany => format!(
            "o texto tem mais de {} códigos; cole só os códigos de recuperação",
            crate::vault::recovery::MAX_CODES
        ),
        RecoveryError::Unknown => String::from(
            "esse código não é um dos códigos de recuperação desta conta; confira se há erros de digitação",
        ),
        RecoveryError::AlreadyUsed(_) => {
            String::from("esse código de recuperação já foi usado; use outro")
        }
    }
}

/// The common kinds of OS error in pt-BR; others keep the system's text.
fn io_pt(error: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match error.kind() {
        K::NotFound => String::from("arquivo ou pasta não encontrado"),
        K::PermissionDenied => String::from("permissão negada"),
        K::AlreadyExists => String::from("o arquivo já existe"),
        K::StorageFull => String::from("não há espaço no disco"),
        K::ReadOnlyFilesystem => String::from("o sistema de arquivos é somente leitura"),
        K::IsADirectory => String::from("é uma pasta, não um arquivo"),
        K::InvalidData => String::from("o conteúdo não é válido"),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn english_is_the_core_text_and_portuguese_is_translated() {
        let error = vault::Error::WrongPassword {
            path: PathBuf::from("/v"),
            unusual_kdf: None,
        };
        assert_eq!(error.localized(Lang::En), error.to_string());
        let pt = error.localized(Lang::PtBr);
        assert!(pt.starts_with("senha incorreta"), "{pt}");
        assert!(pt.contains("/v"));

        let io = vault::Error::Io {
            action: "write",
            path: PathBuf::from("/v"),
            source: std::sync::Arc::new(std::io::Error::from(std::io::ErrorKind::PermissionDenied)),
        };
        assert_eq!(
            io.localized(Lang::PtBr),
            "não foi possível gravar /v: permissão negada"
        );
    }

    #[test]
    fn what_is_not_a_key_is_explained_in_portuguese() {
        let payload = crate::otp::payload::classify("https://example.com");
        let pt = explain(&payload, Lang::PtBr).unwrap_or_default();
        assert!(pt.contains("um endereço da web"), "{pt}");
        assert_eq!(explain(&payload, Lang::En), payload.explain());
        let bad = crate::otp::payload::classify("otpauth://totp/x?secret=ABC1");
        let pt = explain(&bad, Lang::PtBr).unwrap_or_default();
        assert!(pt.contains("caractere inválido '1' na posição"), "{pt}");
    }
}
