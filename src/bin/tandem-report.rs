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

    /// Why no report was printed: each printed on stderr, saying what to do.
    #[derive(Debug, thiserror::Error)]
    pub enum CliError {
        /// `--help`, or no file named.
        #[error("{USAGE}")]
        Usage,
        #[error("--today needs a date.\n{USAGE}")]
        NoDay,
        #[error("--today {0}: expected a day as YYYY-MM-DD.\n{USAGE}")]
        BadDay(String),
        #[error("Unknown option {0}.\n{USAGE}")]
        UnknownOption(String),
        #[error("One file at a time.\n{USAGE}")]
        TwoFiles,
        #[error("Cannot read {path}: {error}.")]
        Unreadable { path: String, error: std::io::Error },
        #[error(
            "{0} is sealed with a passphrase: open it in Tandem and export it unsealed \
             to report on it."
        )]
        Sealed(String),
        /// The app's own `restore` refused the file, with its message.
        #[error(transparent)]
        Refused(#[from] file::FileError),
        #[error("Cannot write the report: {0}.")]
        Write(serde_json::Error),
    }

    /// The report for the command line `args`, as pretty JSON, or why there is none.
    pub fn run(args: Vec<String>) -> Result<String, CliError> {
        let mut path: Option<String> = None;
        let mut today: Option<NaiveDate> = None;
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "-h" | "--help" => return Err(CliError::Usage),
                "--today" => {
                    let value = args.next().ok_or(CliError::NoDay)?;
                    today = Some(parse_day(&value)?);
                }
                _ if arg.starts_with("--today=") => {
                    today = Some(parse_day(&arg["--today=".len()..])?);
                }
                _ if arg.starts_with('-') && arg != "-" => {
                    return Err(CliError::UnknownOption(arg))
                }
                _ if path.is_none() => path = Some(arg),
                _ => return Err(CliError::TwoFiles),
            }
        }
        let path = path.ok_or(CliError::Usage)?;
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) => return Err(CliError::Unreadable { path, error }),
        };
        if sealed::is_sealed(&text) {
            return Err(CliError::Sealed(path));
        }
        let restored = file::restore(&text)?;
        let today = today.unwrap_or_else(|| chrono::Utc::now().date_naive());
        let mut report = report::build(&restored.workspace, today);
        report.file_version = Some(restored.version);
        serde_json::to_string_pretty(&report).map_err(CliError::Write)
    }

    fn parse_day(text: &str) -> Result<NaiveDate, CliError> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| CliError::BadDay(text.to_owned()))
    }
}
