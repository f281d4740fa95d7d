//! The `docket` command: see `docket --help`.

fn main() -> std::process::ExitCode {
    docket::cli::main()
}
