#![doc = include_str!("../README.md")]

mod crawl;
mod error;
mod feed;
mod fetch;
mod html;
mod input;
mod read;
mod record;
mod web;

pub use error::{RecordAt, SourceError};
pub use feed::{FeedItem, read_feed};
pub use fetch::{Answer, FetchOptions, Fetched, Fetcher, USER_AGENT, decode_page};
pub use html::read_html;
pub use input::{Input, expand};
pub use read::{Documents, ReadOptions, looks_binary, read};
pub use web::{Page, PageRequest, WebDocument, fetch_pages};
