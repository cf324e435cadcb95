#![doc = include_str!("../README.md")]

mod error;
mod html;
mod input;
mod read;
mod record;

pub use error::{RecordAt, SourceError};
pub use html::read_html;
pub use input::{Input, expand};
pub use read::{Documents, ReadOptions, looks_binary, read};
