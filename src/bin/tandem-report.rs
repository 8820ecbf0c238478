//! `tandem-report FILE [--today YYYY-MM-DD]`: prints, as JSON, every judgment Tandem
//! makes about the workspace in a Tandem file (health, signals, walk-away, buy-in,
//! ability to deliver, fit, ladder, pitch readiness, portfolio, planner), so a lead can
//! check the model's judgment outside the browser. The shape is in
//! `docs/model/report.md`.
//!
//! The file goes through the app's own `restore` step: a file the app refuses is refused
//! here with the same message, on stderr, with a non-zero exit code. Native only: on
//! wasm32 (where `cargo clippy --target wasm32-unknown-unknown` builds every binary) the
//! program is an empty stub.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    match cli::run(std::env::args().skip(1).collect()) {
        Ok(json) => {
            use std::io::Write;
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout().lock(), "{json}");
            std::process::ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use chrono::NaiveDate;
    use tandem::model::documents::report;
    use tandem::model::formats::{file, sealed};

    const USAGE: &str = "usage: tandem-report FILE [--today YYYY-MM-DD]";

    /// The report for the command line `args`, as pretty JSON, or the message to print.
    pub fn run(args: Vec<String>) -> Result<String, String> {
        let mut path: Option<String> = None;
        let mut today: Option<NaiveDate> = None;
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "-h" | "--help" => return Err(USAGE.to_owned()),
                "--today" => {
                    let value = args
                        .next()
                        .ok_or_else(|| format!("--today needs a date.\n{USAGE}"))?;
                    today = Some(parse_day(&value)?);
                }
                _ if arg.starts_with("--today=") => {
                    today = Some(parse_day(&arg["--today=".len()..])?);
                }
                _ if arg.starts_with('-') && arg != "-" => {
                    return Err(format!("Unknown option {arg}.\n{USAGE}"))
                }
                _ if path.is_none() => path = Some(arg),
                _ => return Err(format!("One file at a time.\n{USAGE}")),
            }
        }
        let path = path.ok_or_else(|| USAGE.to_owned())?;
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("Cannot read {path}: {e}."))?;
        if sealed::is_sealed(&text) {
            return Err(format!(
                "{path} is sealed with a passphrase: open it in Tandem and export it unsealed \
                 to report on it."
            ));
        }
        let restored = file::restore(&text).map_err(|e| e.to_string())?;
        let today = today.unwrap_or_else(|| chrono::Utc::now().date_naive());
        let mut report = report::build(&restored.workspace, today);
        report.file_version = Some(restored.version);
        serde_json::to_string_pretty(&report).map_err(|e| format!("Cannot write the report: {e}."))
    }

    fn parse_day(text: &str) -> Result<NaiveDate, String> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| format!("--today {text}: expected a day as YYYY-MM-DD.\n{USAGE}"))
    }
}
