//! The app's clock check: a warning on the list when codes would be off, the
//! measured offset applied with one click, and the time server setting.

use crate::common;
use common::gui::*;
use common::sntp::{Answer, TimeServer};
use tessera::clock::sync::{Source, SystemSync};
use tessera::gui::i18n::Lang;
use tessera::gui::screen::codes;
use tessera::gui::screen::settings::TIME_SERVER_ID;
use tessera::otp::group_code;

const KEY: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

#[test]
fn a_clock_that_is_off_is_said_and_the_measured_offset_applied() {
    let server = TimeServer::start(Answer::Offset(12.3));
    let address = server.address();
    let set = address.clone();
    let mut h = unlocked_with(
        vec![entry(totp("ACME", "alice", KEY))],
        Lang::En,
        move |env| {
            env.settings.time_server = set;
        },
    );
    // Checked at unlock: one request, and the warning with the figure.
    assert!(server.requests() >= 1);
    h.assert_shows(&format!(
        "This computer's clock is 12 s behind {address}: services may refuse its codes."
    ));
    h.click("Use an offset of +12 s");
    assert_eq!(h.app.settings().clock_offset_seconds, 12);
    assert!(!h.shows("services may refuse"));
    h.assert_shows("Codes use a clock offset of +12 seconds (see Settings).");
    h.assert_shows(&group_code(&code_at(KEY, T0.offset_by(12))));
    let saved = std::fs::read_to_string(h.dir.path().join("config/settings.toml")).unwrap();
    assert!(saved.contains("clock_offset_seconds = 12"), "{saved}");

    // The next unlock measures again and, the offset applied, says nothing.
    let before = server.requests();
    h.click_id(codes::LOCK_ID);
    h.type_into(tessera::gui::screen::unlock::PASSWORD_ID, PASSWORD);
    h.submit(tessera::gui::screen::unlock::PASSWORD_ID);
    assert!(server.requests() > before);
    assert!(!h.shows("services may refuse"));
}

#[test]
fn without_a_server_nothing_is_measured_and_an_unsynchronised_system_is_said() {
    let mut h = unlocked_with(vec![entry(totp("ACME", "alice", KEY))], Lang::PtBr, |env| {
        env.system_clock = || SystemSync {
            synchronized: Some(false),
            network_time: Some(false),
            source: Source::Timedated,
        };
    });
    h.assert_shows(
        "O sistema diz que o relógio não está sincronizado: se os códigos forem recusados, \
         ative a hora pela rede nas configurações do sistema ou informe um servidor de hora \
         em Configurações para medir a diferença.",
    );
    assert!(!h.shows("Usar um ajuste"));
    h.click("Fechar");
    assert!(!h.shows("não está sincronizado"));

    // A system that says nothing, and no server: nothing to say.
    let h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    assert!(!h.shows("synchronised"));
    assert!(!h.shows("services may refuse"));
}

#[test]
fn the_time_server_setting_checks_on_demand_and_refuses_what_is_not_a_server() {
    let server = TimeServer::start(Answer::Offset(-3.0));
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    h.click_id(codes::SETTINGS_ID);
    h.type_into(TIME_SERVER_ID, "not a server");
    h.assert_shows("Not a time server: write HOST or HOST:PORT, for example pool.ntp.org.");
    assert_eq!(h.app.settings().time_server, "");
    assert_eq!(
        server.requests(),
        0,
        "nothing is asked of a half-typed name"
    );

    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    h.click_id(codes::SETTINGS_ID);
    h.type_into(TIME_SERVER_ID, &server.address());
    assert_eq!(h.app.settings().time_server, server.address());
    assert_eq!(server.requests(), 0, "typing sends nothing");
    h.click("Check now");
    assert!(server.requests() >= 1);
    h.assert_shows(&format!(
        "Measured: the time server {} is -3.0 s from this computer.",
        server.address()
    ));
    // Under 5 s: no warning on the list.
    h.click("Back");
    assert!(!h.shows("services may refuse"));
}
