//! Reads the given files and directories and prints documents per second and bytes per second:
//! `cargo run --release -p storyweave-ingest --example throughput -- PATH...`

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: throughput PATH...");
        std::process::exit(2);
    }
    let started = Instant::now();
    let mut reader = ingest::read_paths(&paths);
    let (mut documents, mut errors, mut bytes) = (0u64, 0u64, 0u64);
    for item in reader.by_ref() {
        match item {
            Ok(document) => {
                documents += 1;
                bytes += document.content.as_str().len() as u64;
            }
            Err(error) => {
                errors += 1;
                if errors <= 5 {
                    eprintln!("{error}");
                }
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{documents} documents, {errors} errors, {} skipped records, {:.1} MB of text in {seconds:.3} s: \
         {:.0} documents/s, {:.1} MB/s",
        reader.skipped_records(),
        bytes as f64 / 1e6,
        documents as f64 / seconds,
        bytes as f64 / 1e6 / seconds
    );
}
