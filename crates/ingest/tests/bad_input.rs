//! Inputs that must be refused with a message naming the file: empty, binary, oversized, missing, unknown.

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};

use crate::common::{split, write};
use ingest::{read_paths, read_paths_with, IngestError, ReadOptions, Source, TextFileSource};

#[test]
fn an_empty_file_is_an_empty_error() {
    let dir = tempfile::tempdir().unwrap();
    let zero = write(dir.path(), "zero.txt", "");
    let blank = write(dir.path(), "blank.html", " \n\t\r\n ");
    let (documents, errors) = split(read_paths(&[zero.clone(), blank.clone()]));
    assert!(documents.is_empty());
    assert_eq!(errors.len(), 2);
    for (error, path) in errors.iter().zip([&zero, &blank]) {
        assert!(matches!(error, IngestError::Empty { .. }), "{error:?}");
        assert_eq!(error.kind(), "empty");
        assert_eq!(error.path(), path.display().to_string());
        assert!(error.to_string().starts_with(&path.display().to_string()));
    }
}

#[test]
fn a_binary_file_is_a_binary_error_or_unsupported_without_a_text_extension() {
    let dir = tempfile::tempdir().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7 % 256) as u8));
    let named_txt = write(dir.path(), "image.txt", &png);
    let named_png = write(dir.path(), "image.png", &png);
    let (documents, errors) = split(read_paths(&[named_txt, named_png.clone()]));
    assert!(documents.is_empty());
    assert_eq!(errors[0].kind(), "binary");
    assert!(errors[0].to_string().contains("NUL bytes"), "{}", errors[0]);
    assert_eq!(errors[1].kind(), "unsupported_format");
    assert_eq!(errors[1].path(), named_png.display().to_string());
}

#[test]
fn a_50_mb_text_file_is_too_large_and_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let mut file = File::create(&path).unwrap();
    // Some real text at the start, then a sparse 50 MB tail: the reader must refuse it from its size.
    file.write_all(b"A long story.\n").unwrap();
    file.seek(SeekFrom::Start(50 * 1000 * 1000 - 1)).unwrap();
    file.write_all(b"\n").unwrap();
    drop(file);
    let (documents, errors) = split(read_paths(std::slice::from_ref(&path)));
    assert!(documents.is_empty());
    match &errors[..] {
        [IngestError::TooLarge { path: p, size, limit }] => {
            assert_eq!(p, &path.display().to_string());
            assert_eq!(*size, Some(50_000_000));
            assert_eq!(*limit, 10 * 1024 * 1024);
        }
        other => panic!("expected one TooLarge, got {other:?}"),
    }
    let message = errors[0].to_string();
    assert!(message.contains("huge.txt") && message.contains("50000000") && message.contains("10485760"));
    assert_eq!(errors[0].kind(), "too_large");
}

#[test]
fn the_size_cap_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "small.txt", "twenty bytes of text");
    let options = ReadOptions { max_article_bytes: 10, ..ReadOptions::default() };
    let (_, errors) = split(read_paths_with(&[path], options));
    assert!(matches!(errors[..], [IngestError::TooLarge { size: Some(20), limit: 10, .. }]), "{errors:?}");
}

#[test]
fn an_endless_stream_is_refused_after_the_limit() {
    let endless = std::io::repeat(b'a');
    let mut source = TextFileSource::from_reader("socket", endless)
        .with_options(&ReadOptions { max_article_bytes: 1 << 20, ..ReadOptions::default() });
    let error = source.next_document().unwrap().unwrap_err();
    assert!(matches!(error, IngestError::TooLarge { size: None, limit: 1_048_576, .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "socket is larger, over the 1048576-byte limit; it was skipped (raise the limit to read it)"
    );
}

#[test]
fn a_missing_path_is_named_and_the_walk_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-file.txt");
    let present = write(dir.path(), "present.txt", "here");
    let (documents, errors) = split(read_paths(&[missing.clone(), present]));
    assert_eq!(documents.len(), 1);
    assert!(matches!(errors[..], [IngestError::NotFound { .. }]));
    assert_eq!(errors[0].kind(), "not_found");
    assert!(errors[0].to_string().contains(&missing.display().to_string()));
}

#[test]
fn an_xml_file_that_is_not_a_feed_is_unsupported() {
    let dir = tempfile::tempdir().unwrap();
    let path =
        write(dir.path(), "sitemap.xml", "<?xml version=\"1.0\"?>\n<urlset><url><loc>x</loc></url></urlset>");
    let (_, errors) = split(read_paths(&[path]));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].kind(), "unsupported_format");
    assert!(errors[0].to_string().contains("<urlset>"), "{}", errors[0]);
}
