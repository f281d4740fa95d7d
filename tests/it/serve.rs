//! `docket serve` as a new user runs it: a fresh data directory, the sample
//! standards, no settings at all.

use std::process::{Command, Stdio};

use crate::browser::{free_port, http, wait_for, Proc};
use crate::support::sample_content;

#[test]
fn serve_with_no_settings_migrates_imports_and_serves_the_sample_standards() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let log_path = dir.path().join("serve.log");
    let log = std::fs::File::create(&log_path).unwrap();
    // Run from an empty working directory with the sample content copied in,
    // as `cargo run -- serve` runs from a fresh clone.
    let work = dir.path().join("clone");
    copy_dir(&sample_content(), &work.join("content"));
    let child = Command::new(env!("CARGO_BIN_EXE_docket"))
        .current_dir(&work)
        .arg("serve")
        .arg("--bind")
        .arg(format!("127.0.0.1:{port}"))
        .env_remove("DOCKET_DATABASE_URL")
        .env_remove("DOCKET_DATA")
        .env_remove("DOCKET_CONTENT")
        .env_remove("DOCKET_SMTP_URL")
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("start docket serve");
    let _proc = Proc(child);
    wait_for("docket serve to answer", || {
        matches!(http(port, "GET", "/healthz", None), Ok((200, _)))
    });

    assert!(work.join("data/docket.db").is_file(), "data/ was created");
    let (status, home) = http(port, "GET", "/", None).unwrap();
    assert_eq!(status, 200);
    assert!(
        home.contains("Poll Worker Recruitment, Training and Support"),
        "{home}"
    );
    assert!(home.contains("Communications with Voters"), "{home}");
    for path in [
        "/standards/poll-workers/2",
        "/standards/voter-communications/2",
        "/api/v1/standards",
    ] {
        let (status, _) = http(port, "GET", path, None).unwrap();
        assert_eq!(status, 200, "{path}");
    }
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        !log.contains("ERROR"),
        "a fresh start logs no errors:\n{log}"
    );
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
