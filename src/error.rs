//! Errors that stop a command. Findings about the input that do not stop a
//! run are `model::Diagnostic`s instead.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum Error {
    /// The command line asks for something impossible (exit status 2).
    Usage(String),
    /// The input cannot be used; names the file and, where known, the line.
    Input {
        file: String,
        line: Option<usize>,
        message: String,
    },
    /// A template failed to load or render; names the template and line.
    Template {
        name: String,
        line: Option<usize>,
        message: String,
    },
    /// Reading or writing a file failed.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Something asked for by name (a recommendation id) is not in the
    /// corpus: a fact about the input, not a malformed command (exit 1).
    NotFound(String),
    /// Another run holds the output folder.
    Locked(PathBuf),
    /// Anything else, with a message that says what went wrong.
    Other(String),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Exit status: 2 for usage errors, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) => write!(f, "usage error: {m}"),
            Error::Input {
                file,
                line: Some(line),
                message,
            } => write!(f, "{file}:{line}: {message}"),
            Error::Input {
                file,
                line: None,
                message,
            } => write!(f, "{file}: {message}"),
            Error::Template {
                name,
                line: Some(line),
                message,
            } => write!(f, "template {name}, line {line}: {message}"),
            Error::Template {
                name,
                line: None,
                message,
            } => write!(f, "template {name}: {message}"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::NotFound(m) => f.write_str(m),
            Error::Locked(dir) => write!(
                f,
                "{}: another rapporteur run is writing into this folder; wait for it to finish (nothing written)",
                dir.display()
            ),
            Error::Other(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
