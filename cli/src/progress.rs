//! Progress on stderr for long imports and the demo.
//!
//! Drawn only when stderr is a terminal (indicatif hides its bars
//! otherwise), so scripts and tests that read stdout or stderr see none of
//! it, and `--format json|csv` output stays clean.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// A bar of `len` steps, labelled `what`, for work counted in files.
pub fn bar(len: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    if let Ok(style) =
        ProgressStyle::with_template(&format!("{what} {{bar:30}} {{pos}}/{{len}} files {{msg}}"))
    {
        bar.set_style(style);
    }
    bar
}

/// A spinner with a message, ticking by itself, for one long step.
pub fn spinner(message: String) -> ProgressBar {
    let spinner = ProgressBar::new_spinner();
    spinner.set_message(message);
    spinner.enable_steady_tick(Duration::from_millis(120));
    spinner
}
