//! What the user named on the command line, expanded into the files to read.
//!
//! Folders are walked here, before anything is read, so the caller knows how many inputs there are
//! (for a progress bar). Reading lives in `read`; this module opens no file.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One thing to read: a file, standard input, or a name that could not be listed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Input {
    /// A file named on the command line, or found in a folder.
    File(PathBuf),
    /// Standard input, named `-`.
    Stdin,
    /// A path on the command line that does not exist.
    Missing(PathBuf),
    /// A folder (or an entry in one) that could not be listed.
    Unlisted {
        /// The folder or entry.
        path: PathBuf,
        /// What the operating system said.
        error: io::Error,
    },
}

impl Input {
    /// The path to show for this input (`-` for standard input).
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Self::File(path) | Self::Missing(path) | Self::Unlisted { path, .. } => path,
            Self::Stdin => Path::new("-"),
        }
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.path().display().fmt(f)
    }
}

/// How a file is read, chosen by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// `.txt`, `.md`: the text as it is.
    Text,
    /// `.html`, `.htm`: the article, found by readability.
    Html,
    /// `.json`: one crawler record, or an array of them.
    Json,
    /// `.jsonl`: one crawler record per line.
    JsonLines,
    /// `.warc`, `.warc.gz`: a crawl dump, read record by record.
    Warc,
}

impl Format {
    /// The format of a known extension (case-insensitive), or `None`.
    pub(crate) fn of(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        if extension == "gz" {
            let stem = Path::new(path.file_stem()?);
            let inner = stem.extension()?.to_str()?.to_ascii_lowercase();
            return (inner == "warc").then_some(Self::Warc);
        }
        Some(match extension.as_str() {
            "txt" | "md" => Self::Text,
            "html" | "htm" => Self::Html,
            "json" => Self::Json,
            "jsonl" => Self::JsonLines,
            "warc" => Self::Warc,
            _ => return None,
        })
    }
}

/// Lists the inputs: `-` is standard input, a file is itself, and a folder becomes the files
/// beneath it.
///
/// Folders are walked recursively and their files sorted by path, so runs are repeatable. Inside a
/// folder, hidden entries (`.git`, `.DS_Store`) are skipped, and so are files of other extensions
/// than `.txt`, `.md`, `.html`, `.htm`, `.json`, `.jsonl`, `.warc` and `.warc.gz`; a file named explicitly is read
/// whatever its extension. Symbolic links to files are followed, links to folders are not (they
/// can loop). Inputs keep their command-line order; nothing is opened, and a path that does not
/// exist becomes [`Input::Missing`], to be reported when read.
/// ```
/// # use geokg_source::{Input, expand};
/// let inputs = expand(&["-", "no/such/file.txt"]);
/// assert!(matches!(inputs[0], Input::Stdin));
/// assert!(matches!(inputs[1], Input::Missing(_)));
/// ```
#[must_use]
pub fn expand<P: AsRef<Path>>(inputs: &[P]) -> Vec<Input> {
    let mut expanded = Vec::new();
    for input in inputs {
        let path = input.as_ref();
        if path == Path::new("-") {
            expanded.push(Input::Stdin);
            continue;
        }
        match fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => expanded.extend(walk(path)),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                expanded.push(Input::Missing(path.to_path_buf()));
            }
            // Anything else the user names is read; a permission error is reported then.
            _ => expanded.push(Input::File(path.to_path_buf())),
        }
    }
    expanded
}

/// The readable files beneath `folder`, sorted by path, with the entries that could not be listed.
fn walk(folder: &Path) -> Vec<Input> {
    let mut found = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = match fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(error) => {
                found.push(Input::Unlisted { path: folder, error });
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    found.push(Input::Unlisted { path: folder.clone(), error });
                    continue;
                }
            };
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let file_type = match entry.file_type() {
                Ok(file_type) => file_type,
                Err(error) => {
                    found.push(Input::Unlisted { path, error });
                    continue;
                }
            };
            if file_type.is_dir() {
                folders.push(path);
            } else if Format::of(&path).is_some() && (file_type.is_file() || path.is_file()) {
                found.push(Input::File(path));
            }
        }
    }
    // Path order compares component by component, so `a/z.txt` sorts before `a.txt`: the order
    // of a depth-first walk that lists each folder sorted by name.
    found.sort_by(|a, b| a.path().cmp(b.path()));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(inputs: &[&Path], root: &Path) -> Vec<String> {
        expand(inputs)
            .iter()
            .map(|input| {
                let path = input.path();
                path.strip_prefix(root).unwrap_or(path).display().to_string().replace('\\', "/")
            })
            .collect()
    }

    fn touch(root: &Path, name: &str) {
        let path = root.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "text").unwrap();
    }

    #[test]
    fn folders_are_walked_sorted_without_hidden_or_unknown_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [
            "b.txt",
            "a/z.md",
            "a/b/c.html",
            "a.txt",
            "c/feed.JSONL",
            "c/list.json",
            "c/page.htm",
            "c/crawl.warc.gz",
            "c/other.tar.gz",
            ".git/config.txt",
            "a/.hidden.txt",
            "a/photo.jpg",
            "notes",
        ] {
            touch(root, name);
        }
        assert_eq!(
            listed(&[root], root),
            ["a/b/c.html", "a/z.md", "a.txt", "b.txt", "c/crawl.warc.gz", "c/feed.JSONL", "c/list.json", "c/page.htm"]
        );
    }

    #[test]
    fn named_files_are_kept_in_order_whatever_their_extension() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(root, "notes");
        touch(root, "b.txt");
        touch(root, ".hidden.txt");
        let inputs = [root.join("notes"), root.join("b.txt"), root.join(".hidden.txt")];
        let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
        assert_eq!(listed(&inputs, root), ["notes", "b.txt", ".hidden.txt"]);
    }

    #[test]
    fn stdin_and_missing_paths_are_inputs_too() {
        let inputs = expand(&["-", "does/not/exist.txt"]);
        assert!(matches!(inputs[0], Input::Stdin));
        assert!(matches!(&inputs[1], Input::Missing(path) if path == Path::new("does/not/exist.txt")));
        assert_eq!(inputs[0].to_string(), "-");
    }

    #[test]
    fn formats_follow_the_extension() {
        assert_eq!(Format::of(Path::new("a.MD")), Some(Format::Text));
        assert_eq!(Format::of(Path::new("a.htm")), Some(Format::Html));
        assert_eq!(Format::of(Path::new("a.jsonl")), Some(Format::JsonLines));
        assert_eq!(Format::of(Path::new("a.png")), None);
        assert_eq!(Format::of(Path::new("README")), None);
    }
}
