//! The command line's output pinned in case files (`tests/cmd/*.toml`, run
//! by `trycmd`): each file gives the arguments, standard input and language,
//! and the exact standard output, standard error and exit status. A changed
//! sentence shows as a diff here; `TRYCMD=overwrite cargo test --test cli
//! cmd` rewrites the files, to be read before committing. The inputs and the
//! script that made them are beside the cases (`tests/cmd/make.sh`).

#[test]
fn cli_output_matches_the_case_files() {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let cases = trycmd::TestCases::new();
    cases
        .register_bin(
            "tessera",
            std::path::Path::new(env!("CARGO_BIN_EXE_tessera")),
        )
        // A home of the test's own (what the CLI remembers of a vault lives
        // in its state folder), English unless a case says otherwise, no
        // keyring (a bus address where nothing listens), no default vault.
        .env("HOME", home.path().display().to_string())
        .env(
            "XDG_DATA_HOME",
            home.path().join("data").display().to_string(),
        )
        .env(
            "XDG_CONFIG_HOME",
            home.path().join("config").display().to_string(),
        )
        .env(
            "XDG_STATE_HOME",
            home.path().join("state").display().to_string(),
        )
        .env(
            "XDG_RUNTIME_DIR",
            home.path().join("run").display().to_string(),
        )
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", home.path().join("no-bus").display()),
        )
        // (trycmd lets these win over a case's own variables, so a case in
        // Portuguese sets LC_ALL, which no variable here names.)
        .env("LANG", "en_US.UTF-8")
        .env("LC_MESSAGES", "")
        .env("TESSERA_VAULT", "")
        .case("tests/cmd/*.toml");
    cases.run();
}
