//! Turning bytes into text: BOM, declared charset, UTF-8, then a statistical guess, with a warning
//! sentence whenever the result is not what the bytes plainly said.

use std::io::{self, Read};

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use memchr::memmem;

/// How many leading bytes the binary check and the `<meta charset>` scan look at.
pub(crate) const SNIFF_BYTES: usize = 8 * 1024;

/// At most this many bytes are fed to the encoding detector: enough for a stable guess.
const DETECTOR_BYTES: usize = 1 << 20;

/// A charset label and where it was declared (for warnings).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Declared<'a> {
    /// The label as written (`utf-8`, `ISO-8859-1`, `Shift_JIS` …).
    pub label: &'a str,
    /// Where it was found: "the HTTP Content-Type header", "<meta charset>", "the XML declaration".
    pub origin: &'static str,
}

/// What is known about the bytes beyond the bytes themselves.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context<'a> {
    /// A declared charset, if the container or the document declares one.
    pub declared: Option<Declared<'a>>,
    /// The top-level domain of the document's URL, which sharpens the encoding guess.
    pub tld: Option<&'a str>,
    /// Whether line numbers inside the bytes mean anything to a user (false for one JSONL line).
    pub name_lines: bool,
}

/// Decodes `bytes` to a String, pushing a warning (prefixed with `place`) for every guess or repair.
pub(crate) fn decode_to_string(
    bytes: Vec<u8>,
    context: Context<'_>,
    place: &str,
    warnings: &mut Vec<String>,
) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        if encoding == UTF_8 {
            return decode_utf8(bytes[bom_len..].to_vec(), context, place, "a UTF-8 BOM", warnings);
        }
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            warnings.push(format!(
                "{place}: bytes not valid in {} (as its BOM says) were replaced with U+FFFD",
                encoding.name()
            ));
        }
        return text.into_owned();
    }
    if let Some(declared) = context.declared {
        match Encoding::for_label(declared.label.trim().as_bytes()) {
            None => warnings.push(format!(
                "{place}: unknown charset \"{}\" in {}; ignored",
                declared.label, declared.origin
            )),
            // A UTF-16 label on bytes without a BOM is a copy-paste error in practice (browsers agree).
            Some(encoding) if encoding == UTF_8 || encoding == UTF_16LE || encoding == UTF_16BE => {
                return decode_utf8(bytes, context, place, declared.origin, warnings);
            }
            Some(encoding) => {
                if std::str::from_utf8(&bytes).is_ok() && !bytes.is_ascii() {
                    // Valid multi-byte UTF-8 almost never happens by chance in a legacy encoding:
                    // the label is the stale part (a template, a proxy), not the bytes.
                    warnings.push(format!(
                        "{place}: {} declares {} but the bytes are valid UTF-8; decoded as UTF-8",
                        declared.origin,
                        encoding.name()
                    ));
                    return String::from_utf8(bytes).unwrap_or_default();
                }
                let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
                if had_errors {
                    warnings.push(format!(
                        "{place}: bytes not valid in {} (declared in {}) were replaced with U+FFFD",
                        encoding.name(),
                        declared.origin
                    ));
                }
                return text.into_owned();
            }
        }
    }
    decode_utf8(bytes, context, place, "", warnings)
}

/// Decodes bytes expected to be UTF-8: as is when valid, lossily when only a few bytes are bad,
/// else through the encoding detector. `origin` names the declaration that said UTF-8, if any.
fn decode_utf8(
    bytes: Vec<u8>,
    context: Context<'_>,
    place: &str,
    origin: &str,
    warnings: &mut Vec<String>,
) -> String {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return text,
        Err(e) => e.into_bytes(),
    };
    let damage = Utf8Damage::measure(&bytes);
    if damage.is_local() {
        let (text, lines) = lossy_utf8_with_lines(&bytes);
        let count = damage.invalid_sequences;
        let sequences = if count == 1 { "sequence" } else { "sequences" };
        if context.name_lines {
            warnings.push(format!(
                "{place}: {count} invalid UTF-8 {sequences} replaced with U+FFFD on line {}",
                describe_lines(&lines)
            ));
        } else {
            warnings.push(format!("{place}: {count} invalid UTF-8 {sequences} replaced with U+FFFD"));
        }
        return text;
    }
    let encoding = guess_encoding(&bytes, context.tld);
    let (text, _) = encoding.decode_without_bom_handling(&bytes);
    let why = if origin.is_empty() {
        "not valid UTF-8".to_owned()
    } else {
        format!("{origin} says UTF-8 but the bytes are not")
    };
    warnings.push(format!("{place}: decoded as {} (guessed: {why})", encoding.name()));
    text.into_owned()
}

/// How badly a byte string misses being UTF-8.
struct Utf8Damage {
    /// Well-formed multi-byte characters.
    multibyte_chars: usize,
    /// Ill-formed sequences.
    invalid_sequences: usize,
    /// Whether the only problem is a character cut at the very end (a truncated stream).
    only_cut_at_end: bool,
}

impl Utf8Damage {
    fn measure(bytes: &[u8]) -> Self {
        let mut damage = Utf8Damage { multibyte_chars: 0, invalid_sequences: 0, only_cut_at_end: false };
        let mut consumed = 0;
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid();
            damage.multibyte_chars += valid.bytes().filter(|&b| b >= 0xC0).count();
            consumed += valid.len() + chunk.invalid().len();
            if !chunk.invalid().is_empty() {
                damage.invalid_sequences += 1;
                damage.only_cut_at_end = damage.invalid_sequences == 1 && consumed == bytes.len();
            }
        }
        damage
    }

    /// A UTF-8 text with a few broken bytes, rather than text in another encoding: the bad sequences
    /// are rare next to the good multi-byte characters, or the text was merely cut mid-character.
    fn is_local(&self) -> bool {
        self.only_cut_at_end || self.multibyte_chars >= 4 * self.invalid_sequences
    }
}

/// Lossy UTF-8 decoding that also reports the 1-based line numbers of the replaced sequences.
fn lossy_utf8_with_lines(bytes: &[u8]) -> (String, Vec<u64>) {
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut lines = Vec::new();
    let mut line = 1u64;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        line += memchr::memchr_iter(b'\n', chunk.valid().as_bytes()).count() as u64;
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            if lines.last() != Some(&line) {
                lines.push(line);
            }
        }
    }
    (text, lines)
}

/// "3", "3 and 7", "3, 7, 9, 12, 15 and 4 more lines".
fn describe_lines(lines: &[u64]) -> String {
    const SHOWN: usize = 5;
    let shown: Vec<String> = lines.iter().take(SHOWN).map(u64::to_string).collect();
    match lines.len() {
        0 => String::new(),
        1 => shown[0].clone(),
        n if n <= SHOWN => format!("lines {} and {}", shown[..n - 1].join(", "), shown[n - 1]),
        n => format!("lines {} and {} more", shown.join(", "), n - SHOWN),
    }
}

/// The encoding chardetng finds most likely for bytes known not to be UTF-8.
fn guess_encoding(bytes: &[u8], tld: Option<&str>) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(&bytes[..bytes.len().min(DETECTOR_BYTES)], true);
    // chardetng panics on labels that are not a lower-case ASCII DNS label: pass only clean ones.
    let tld = tld.filter(|t| {
        !t.is_empty() && t.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    });
    detector.guess(tld.map(str::as_bytes), Utf8Detection::Deny)
}

/// Why the leading bytes look binary, if they do: NUL bytes, or many C0 control characters
/// (text uses only tab, line feed, form feed and carriage return).
pub(crate) fn binary_reason(head: &[u8]) -> Option<String> {
    let head = &head[..head.len().min(SNIFF_BYTES)];
    if let Some((encoding, _)) = Encoding::for_bom(head) {
        if encoding != UTF_8 {
            return None;
        }
    }
    if memchr::memchr(0, head).is_some() {
        return Some(format!("NUL bytes in the first {} bytes", head.len()));
    }
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    if controls >= 4 && controls * 100 > head.len() * 3 {
        return Some(format!("{controls} control characters in the first {} bytes", head.len()));
    }
    None
}

/// The charset a page declares in `<meta charset>` or `<meta http-equiv="Content-Type" content=…>`,
/// looked for in its first bytes.
pub(crate) fn html_meta_charset(head: &[u8]) -> Option<String> {
    let head = &head[..head.len().min(SNIFF_BYTES)];
    let lower = head.to_ascii_lowercase();
    for start in memmem::find_iter(&lower, b"<meta") {
        let tag = &lower[start..];
        let tag = &tag[..memchr::memchr(b'>', tag).unwrap_or(tag.len())];
        if let Some(value) = attribute_after(tag, b"charset") {
            return Some(value);
        }
    }
    None
}

/// The encoding named in an XML declaration (`<?xml version="1.0" encoding="ISO-8859-1"?>`).
pub(crate) fn xml_declared_encoding(head: &[u8]) -> Option<String> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let head = head.trim_ascii_start();
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let decl = &head[..memmem::find(head, b"?>")?];
    attribute_after(&decl.to_ascii_lowercase(), b"encoding")
}

/// The value after `name` `=` in a tag, quoted or not (`charset="utf-8"`, `content="text/html; charset=koi8-r"`).
fn attribute_after(tag: &[u8], name: &[u8]) -> Option<String> {
    for at in memmem::find_iter(tag, name) {
        let rest = tag[at + name.len()..].trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else { continue };
        let rest = rest.trim_ascii_start();
        let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
        let end = rest
            .iter()
            .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/' | b'?') || b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let value = &rest[..end];
        if !value.is_empty() {
            return Some(String::from_utf8_lossy(value).into_owned());
        }
    }
    None
}

/// The `charset` parameter of a MIME type such as `text/html; charset="UTF-8"`.
pub(crate) fn content_type_charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches(['"', '\'']))
    })
}

/// The stream encoding a reader must transcode from, for formats read as a stream (feeds, JSONL):
/// a BOM, else the given declaration; `None` when the bytes are (declared or presumed) UTF-8.
pub(crate) fn stream_encoding(head: &[u8], declared: Option<&str>) -> Option<&'static Encoding> {
    if let Some((encoding, _)) = Encoding::for_bom(head) {
        return (encoding != UTF_8).then_some(encoding);
    }
    let encoding = Encoding::for_label(declared?.trim().as_bytes())?;
    (encoding != UTF_8 && encoding != UTF_16LE && encoding != UTF_16BE).then_some(encoding)
}

/// A reader that transcodes a stream from a legacy encoding (or UTF-16) to UTF-8 on the fly.
pub(crate) struct TranscodingReader {
    inner: Box<dyn Read + Send>,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    input_start: usize,
    input_end: usize,
    output: Vec<u8>,
    output_start: usize,
    output_end: usize,
    input_done: bool,
    finished: bool,
}

impl TranscodingReader {
    /// Transcodes `inner` from `encoding`, dropping a BOM if the stream starts with one.
    pub(crate) fn new(inner: Box<dyn Read + Send>, encoding: &'static Encoding) -> Self {
        TranscodingReader {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            input: vec![0; 64 * 1024],
            input_start: 0,
            input_end: 0,
            output: vec![0; 3 * 64 * 1024 + 16],
            output_start: 0,
            output_end: 0,
            input_done: false,
            finished: false,
        }
    }
}

impl Read for TranscodingReader {
    fn read(&mut self, dst: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.output_start < self.output_end {
                let n = dst.len().min(self.output_end - self.output_start);
                dst[..n].copy_from_slice(&self.output[self.output_start..self.output_start + n]);
                self.output_start += n;
                return Ok(n);
            }
            if self.finished {
                return Ok(0);
            }
            if self.input_start == self.input_end && !self.input_done {
                self.input_start = 0;
                self.input_end = loop {
                    match self.inner.read(&mut self.input) {
                        Ok(n) => break n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(e),
                    }
                };
                self.input_done = self.input_end == 0;
            }
            let (result, read, written, _) = self.decoder.decode_to_utf8(
                &self.input[self.input_start..self.input_end],
                &mut self.output,
                self.input_done,
            );
            self.input_start += read;
            self.output_start = 0;
            self.output_end = written;
            if self.input_done && result == encoding_rs::CoderResult::InputEmpty {
                self.finished = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], context: Context<'_>) -> (String, Vec<String>) {
        let mut warnings = Vec::new();
        let text = decode_to_string(bytes.to_vec(), context, "f", &mut warnings);
        (text, warnings)
    }

    #[test]
    fn valid_utf8_decodes_without_warning() {
        assert_eq!(decode("Müller".as_bytes(), Context::default()), ("Müller".to_owned(), vec![]));
    }

    #[test]
    fn latin1_is_guessed_and_says_so() {
        let (text, warnings) =
            decode(b"Der Minister M\xfcller sagte, die Stra\xdfe sei gesperrt.", Context::default());
        assert_eq!(text, "Der Minister Müller sagte, die Straße sei gesperrt.");
        assert_eq!(warnings, vec!["f: decoded as windows-1252 (guessed: not valid UTF-8)"]);
    }

    #[test]
    fn a_few_bad_bytes_in_utf8_are_replaced_and_located() {
        let bytes = "für\nähnlich\nüber \u{e9}t\u{e9}\n"
            .as_bytes()
            .iter()
            .copied()
            .chain(*b"x\xff\n")
            .collect::<Vec<_>>();
        let context = Context { name_lines: true, ..Context::default() };
        let (text, warnings) = decode(&bytes, context);
        assert!(text.ends_with("x\u{fffd}\n"));
        assert_eq!(warnings, vec!["f: 1 invalid UTF-8 sequence replaced with U+FFFD on line 4"]);
    }

    #[test]
    fn a_stale_legacy_label_on_utf8_bytes_is_overruled() {
        let declared = Some(Declared { label: "iso-8859-1", origin: "<meta charset>" });
        let (text, warnings) = decode("Müller".as_bytes(), Context { declared, ..Context::default() });
        assert_eq!(text, "Müller");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn declared_legacy_charsets_are_used() {
        let declared = Some(Declared { label: "koi8-r", origin: "the XML declaration" });
        let (text, warnings) =
            decode(b"\xf0\xd2\xc9\xd7\xc5\xd4", Context { declared, ..Context::default() });
        assert_eq!(text, "Привет");
        assert!(warnings.is_empty());
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Grüße".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes, Context::default()).0, "Grüße");
    }

    #[test]
    fn meta_and_xml_declarations_are_found() {
        assert_eq!(
            html_meta_charset(b"<html><head><META charset=\"Windows-1251\">").as_deref(),
            Some("windows-1251")
        );
        assert_eq!(
            html_meta_charset(b"<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-2'>")
                .as_deref(),
            Some("iso-8859-2")
        );
        assert_eq!(
            xml_declared_encoding(b"<?xml version=\"1.0\" encoding='ISO-8859-1'?>\n<rss>").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(content_type_charset("text/html; charset=\"UTF-8\""), Some("UTF-8"));
    }

    #[test]
    fn binary_is_told_from_text() {
        assert!(binary_reason(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").is_some());
        assert!(binary_reason("plain text\twith tabs\r\n".as_bytes()).is_none());
        assert!(binary_reason(&[0xFF, 0xFE, b'a', 0]).is_none());
    }

    #[test]
    fn transcoding_reader_yields_utf8() {
        let mut reader =
            TranscodingReader::new(Box::new(&b"caf\xe9 cr\xe8me"[..]), encoding_rs::WINDOWS_1252);
        let mut out = String::new();
        reader.read_to_string(&mut out).unwrap();
        assert_eq!(out, "café crème");
    }
}
