//! A byte stream with its own buffer, so container readers can peek past a record, push bytes back
//! after a failed resync guess, and always know the byte offset they are at.

use std::io::{self, Read};

use memchr::memchr;

/// Bytes fetched from the underlying reader per refill; large so per-line work stays in memory.
pub(crate) const CHUNK: usize = 256 * 1024;

/// How a line read ended.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum LineEnd {
    /// A whole line (with its terminator, if the stream had one) is in the output buffer.
    Complete,
    /// The line was longer than the limit: the output holds its first `limit` bytes, the rest was discarded.
    TooLong,
    /// The stream ended before any byte of a new line.
    Eof,
}

/// A buffered reader that can peek any number of bytes ahead and push bytes back.
pub(crate) struct ByteStream {
    inner: Box<dyn Read + Send>,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    offset: u64,
    eof: bool,
}

impl ByteStream {
    /// Wraps a reader.
    pub(crate) fn new(inner: Box<dyn Read + Send>) -> Self {
        ByteStream { inner, buf: vec![0; CHUNK], start: 0, end: 0, offset: 0, eof: false }
    }

    /// The offset of the next unread byte from the start of the stream.
    pub(crate) fn offset(&self) -> u64 {
        self.offset
    }

    /// Reads one more chunk after the buffered bytes; returns false at the end of the stream.
    fn fill_more(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        } else if self.end == self.buf.len() {
            if self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            } else {
                self.buf.resize(self.buf.len() * 2, 0);
            }
        }
        loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// The buffered bytes, refilled if none are buffered; empty only at the end of the stream.
    pub(crate) fn available(&mut self) -> io::Result<&[u8]> {
        if self.start == self.end {
            self.fill_more()?;
        }
        Ok(&self.buf[self.start..self.end])
    }

    /// At least `n` buffered bytes, or fewer if the stream ends first.
    pub(crate) fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.end - self.start < n && self.fill_more()? {}
        let have = (self.end - self.start).min(n);
        Ok(&self.buf[self.start..self.start + have])
    }

    /// Marks `n` buffered bytes as read.
    pub(crate) fn consume(&mut self, n: usize) {
        debug_assert!(n <= self.end - self.start);
        self.start += n;
        self.offset += n as u64;
    }

    /// Puts bytes back in front of the stream, as if they had not been read.
    pub(crate) fn unread(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        if self.start >= bytes.len() {
            self.start -= bytes.len();
            self.buf[self.start..self.start + bytes.len()].copy_from_slice(bytes);
        } else {
            let mut joined = Vec::with_capacity(bytes.len() + self.end - self.start + CHUNK);
            joined.extend_from_slice(bytes);
            joined.extend_from_slice(&self.buf[self.start..self.end]);
            self.end = joined.len();
            joined.resize(joined.len().max(CHUNK), 0);
            self.buf = joined;
            self.start = 0;
        }
        self.offset -= bytes.len() as u64;
    }

    /// Appends the next line (terminator included) to `out`, keeping at most `limit` bytes of it
    /// and discarding the rest of an over-long line without holding it in memory.
    pub(crate) fn read_line(&mut self, out: &mut Vec<u8>, limit: usize) -> io::Result<LineEnd> {
        let mut seen = 0usize;
        loop {
            let avail = self.available()?;
            if avail.is_empty() {
                return Ok(match seen {
                    0 => LineEnd::Eof,
                    _ if seen > limit => LineEnd::TooLong,
                    _ => LineEnd::Complete,
                });
            }
            let (take, done) = match memchr(b'\n', avail) {
                Some(i) => (i + 1, true),
                None => (avail.len(), false),
            };
            if seen < limit {
                let keep = take.min(limit - seen);
                out.extend_from_slice(&avail[..keep]);
            }
            seen += take;
            self.consume(take);
            if done {
                return Ok(if seen > limit { LineEnd::TooLong } else { LineEnd::Complete });
            }
        }
    }

    /// Appends exactly `n` bytes to `out`, or fewer if the stream ends; returns how many were appended.
    pub(crate) fn read_exact_into(&mut self, out: &mut Vec<u8>, n: u64) -> io::Result<u64> {
        let mut left = n;
        while left > 0 {
            let avail = self.available()?;
            if avail.is_empty() {
                break;
            }
            let take = avail.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            out.extend_from_slice(&avail[..take]);
            self.consume(take);
            left -= take as u64;
        }
        Ok(n - left)
    }

    /// Skips `n` bytes, or fewer if the stream ends; returns how many were skipped.
    pub(crate) fn skip(&mut self, n: u64) -> io::Result<u64> {
        let mut left = n;
        while left > 0 {
            let avail = self.available()?.len();
            if avail == 0 {
                break;
            }
            let take = avail.min(usize::try_from(left).unwrap_or(usize::MAX));
            self.consume(take);
            left -= take as u64;
        }
        Ok(n - left)
    }

    /// Skips bytes while `keep_skipping` holds for them.
    pub(crate) fn skip_while(&mut self, keep_skipping: impl Fn(u8) -> bool) -> io::Result<()> {
        loop {
            let avail = self.available()?;
            if avail.is_empty() {
                return Ok(());
            }
            let n = avail.iter().position(|&b| !keep_skipping(b)).unwrap_or(avail.len());
            let whole = n == avail.len();
            self.consume(n);
            if !whole {
                return Ok(());
            }
        }
    }
}

/// Reads up to `n` bytes from the front of a reader and hands back those bytes and a reader that
/// still yields the whole stream, so a format can be sniffed without losing what was sniffed.
/// A read error is not returned here but replayed after the head, where the reader that meets it
/// can say which record it broke.
pub(crate) fn read_head(mut reader: Box<dyn Read + Send>, n: usize) -> (Vec<u8>, Box<dyn Read + Send>) {
    let mut head = Vec::with_capacity(n);
    match (&mut reader).take(n as u64).read_to_end(&mut head) {
        Ok(_) => {
            let rest = io::Cursor::new(head.clone()).chain(reader);
            (head, Box::new(rest))
        }
        Err(error) => {
            let rest = io::Cursor::new(head.clone()).chain(FailingReader(Some(error)));
            (head, Box::new(rest))
        }
    }
}

/// Wraps a reader in a gzip decoder when its first bytes are the gzip magic; says whether it did.
pub(crate) fn gunzip_if_needed(reader: Box<dyn Read + Send>) -> (Box<dyn Read + Send>, bool) {
    let (head, reader) = read_head(reader, 2);
    if head == [0x1f, 0x8b] {
        (Box::new(flate2::read::MultiGzDecoder::new(reader)), true)
    } else {
        (reader, false)
    }
}

/// A reader that fails once with a stored error, then reports the end.
struct FailingReader(Option<io::Error>);

impl Read for FailingReader {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        match self.0.take() {
            Some(error) => Err(error),
            None => Ok(0),
        }
    }
}

/// Strips a trailing `\n` or `\r\n`.
pub(crate) fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(bytes: &'static [u8]) -> ByteStream {
        ByteStream::new(Box::new(bytes))
    }

    #[test]
    fn lines_over_the_limit_are_cut_and_the_next_line_is_whole() {
        let mut s = stream(b"short\nthis line is long\nnext");
        let mut out = Vec::new();
        assert_eq!(s.read_line(&mut out, 8).unwrap(), LineEnd::Complete);
        assert_eq!(out, b"short\n");
        out.clear();
        assert_eq!(s.read_line(&mut out, 8).unwrap(), LineEnd::TooLong);
        assert_eq!(out, b"this lin");
        out.clear();
        assert_eq!(s.read_line(&mut out, 8).unwrap(), LineEnd::Complete);
        assert_eq!(out, b"next");
        out.clear();
        assert_eq!(s.read_line(&mut out, 8).unwrap(), LineEnd::Eof);
        assert_eq!(s.offset(), 28);
    }

    #[test]
    fn unread_bytes_come_back_first_and_the_offset_follows() {
        let mut s = stream(b"abcdef");
        let mut out = Vec::new();
        s.read_exact_into(&mut out, 4).unwrap();
        s.unread(b"XYcd");
        assert_eq!(s.offset(), 0);
        assert_eq!(s.peek(6).unwrap(), b"XYcdef");
    }
}
