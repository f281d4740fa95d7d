//! Where log lines go: standard error, through a writer that never fails.
//!
//! A log line that cannot be written (a full log volume, a closed pipe) is
//! dropped, never turned into an error: `tracing-subscriber` would report
//! the error with `eprintln!`, which panics when standard error itself is
//! the broken stream, and a panic in a request takes the request down.
//! Losing a log line is better than losing a comment.

use std::io::{self, Write};

use tracing_subscriber::fmt::MakeWriter;

/// Makes [`Lossy`] writers around standard error.
#[derive(Debug, Clone, Copy, Default)]
pub struct LossyStderr;

impl<'a> MakeWriter<'a> for LossyStderr {
    type Writer = Lossy<io::Stderr>;

    fn make_writer(&'a self) -> Self::Writer {
        Lossy(io::stderr())
    }
}

/// A writer that reports every write as done, whether or not the inner
/// writer managed it.
#[derive(Debug)]
pub struct Lossy<W>(pub W);

impl<W: Write> Write for Lossy<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let _ = self.0.write_all(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let _ = self.0.flush();
        Ok(())
    }
}

/// Log to standard error, filtered by `RUST_LOG` (default `info`).
pub fn init() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(LossyStderr)
        .log_internal_errors(false)
        .try_init();
}

/// Print a line on standard output if it can be written; a closed or full
/// standard output is no reason to stop.
pub fn say(line: &str) {
    let mut out = io::stdout().lock();
    let _ = writeln!(out, "{line}").and_then(|_| out.flush());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream that refuses every byte, as a full disk does.
    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from_raw_os_error(28))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from_raw_os_error(28))
        }
    }

    #[test]
    fn a_failed_write_is_dropped_not_reported() {
        let mut w = Lossy(Full);
        assert_eq!(w.write(b"a log line\n").unwrap(), 11);
        w.write_all(b"another line\n").unwrap();
        w.flush().unwrap();
    }

    #[test]
    fn a_working_stream_gets_every_byte() {
        let mut w = Lossy(Vec::new());
        w.write_all(b"one\n").unwrap();
        writeln!(w, "two").unwrap();
        assert_eq!(w.0, b"one\ntwo\n");
    }
}
