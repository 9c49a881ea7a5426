//! Files and directories: a walk in sorted order that opens the right reader for each file.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use model::RawDocument;

use crate::decode::SNIFF_BYTES;
use crate::sniff::{format_from_name, sniff, sniff_xml, Format, NameSays};
use crate::stream::read_head;
use crate::{
    open_raw, FeedSource, HtmlFileSource, IngestError, JsonlSource, ReadOptions, Source, TextFileSource,
    WarcSource,
};

/// Opens one file with the reader its extension (or, failing that, its first bytes) calls for.
pub fn open_file(path: &Path) -> Result<Box<dyn Source>, IngestError> {
    open_file_with(path, &ReadOptions::default())
}

/// [`open_file`] with explicit limits.
pub fn open_file_with(path: &Path, options: &ReadOptions) -> Result<Box<dyn Source>, IngestError> {
    let raw = open_raw(path)?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (head, reader) = read_head(raw.reader, SNIFF_BYTES);
    let unsupported = |reason: String| IngestError::UnsupportedFormat { path: raw.name.clone(), reason };
    let format = match format_from_name(&file_name) {
        NameSays::Format(format) => format,
        NameSays::Xml => sniff_xml(&head).map_err(unsupported)?,
        NameSays::Unknown => sniff(&head).map_err(unsupported)?,
    };
    let name = raw.name;
    Ok(match format {
        Format::Text => {
            let mut source = TextFileSource::from_reader(name, reader).with_options(options);
            source.set_known_size(raw.size_on_disk);
            Box::new(source)
        }
        Format::Html => {
            let mut source = HtmlFileSource::from_reader(name, reader).with_options(options);
            source.set_known_size(raw.size_on_disk);
            Box::new(source)
        }
        Format::Jsonl => {
            Box::new(JsonlSource::from_reader(name, reader).with_options(options).compressed(raw.compressed))
        }
        Format::Warc => {
            Box::new(WarcSource::from_reader(name, reader).with_options(options).compressed(raw.compressed))
        }
        Format::Feed => Box::new(FeedSource::from_reader(name, reader)),
    })
}

/// Reads files and directories (recursively, in sorted order, skipping hidden entries) as one stream.
pub fn read_paths(paths: &[PathBuf]) -> PathReader {
    read_paths_with(paths, ReadOptions::default())
}

/// [`read_paths`] with explicit limits.
pub fn read_paths_with(paths: &[PathBuf], options: ReadOptions) -> PathReader {
    PathReader {
        pending: paths.iter().rev().cloned().collect(),
        current: None,
        options,
        skipped_done: 0,
        files_opened: 0,
        visited_directories: HashSet::new(),
    }
}

/// The documents of many files and directories, one after the other; a file that cannot be read
/// is one error in the stream, and the walk goes on.
pub struct PathReader {
    /// Paths still to visit, the next one last.
    pending: Vec<PathBuf>,
    current: Option<Box<dyn Source>>,
    options: ReadOptions,
    skipped_done: u64,
    files_opened: u64,
    /// Canonical directories already walked, so a symlink cycle is walked once.
    visited_directories: HashSet<PathBuf>,
}

impl PathReader {
    /// Records skipped as non-articles by the readers so far (WARC requests, metadata, non-HTML).
    pub fn skipped_records(&self) -> u64 {
        self.skipped_done + self.current.as_ref().map_or(0, |source| source.skipped_records())
    }

    /// Files opened so far.
    pub fn files_opened(&self) -> u64 {
        self.files_opened
    }

    /// Queues a directory's visible entries, sorted by name.
    fn push_directory(&mut self, directory: &Path) -> Result<(), IngestError> {
        let name = directory.display().to_string();
        if let Ok(canonical) = fs::canonicalize(directory) {
            if !self.visited_directories.insert(canonical) {
                return Ok(());
            }
        }
        let mut entries = Vec::new();
        for entry in fs::read_dir(directory).map_err(|e| IngestError::io(&name, e))? {
            let entry = entry.map_err(|e| IngestError::io(&name, e))?;
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            entries.push(entry.path());
        }
        entries.sort();
        self.pending.extend(entries.into_iter().rev());
        Ok(())
    }
}

impl Iterator for PathReader {
    type Item = Result<RawDocument, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(source) = self.current.as_mut() {
                match source.next_document() {
                    Some(item) => return Some(item),
                    None => {
                        self.skipped_done += source.skipped_records();
                        self.current = None;
                    }
                }
            }
            let path = self.pending.pop()?;
            let name = path.display().to_string();
            let metadata = match fs::metadata(&path) {
                Ok(metadata) => metadata,
                Err(e) => return Some(Err(IngestError::io(&name, e))),
            };
            if metadata.is_dir() {
                if let Err(error) = self.push_directory(&path) {
                    return Some(Err(error));
                }
                continue;
            }
            if !metadata.is_file() {
                let reason = "not a regular file".to_owned();
                return Some(Err(IngestError::UnsupportedFormat { path: name, reason }));
            }
            self.files_opened += 1;
            match open_file_with(&path, &self.options) {
                Ok(source) => self.current = Some(source),
                Err(error) => return Some(Err(error)),
            }
        }
    }
}

impl Source for PathReader {
    fn name(&self) -> &str {
        "paths"
    }

    fn next_document(&mut self) -> Option<Result<RawDocument, IngestError>> {
        self.next()
    }

    fn skipped_records(&self) -> u64 {
        PathReader::skipped_records(self)
    }
}
