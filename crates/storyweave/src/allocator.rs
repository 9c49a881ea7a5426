//! The allocator settings of the `storyweave` binary (and of the benchmarks that measure what it
//! does): mimalloc, with freed pages kept for reuse.

/// mimalloc's number for the purge delay option (`mi_option_purge_delay` in the `mimalloc.h` that
/// `libmimalloc-sys` builds, the same in its v2 and v3 headers; the Rust bindings keep it out of
/// their constants).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tells mimalloc to keep the pages it frees for reuse rather than handing them back to the OS
/// after its delay. During ingest the text stage's threads free and allocate hundreds of MiB per
/// chunk while the event stage holds its window; with purging, pages handed back are soon faulted
/// in and zeroed again, and the single-owner event stage paid for it: its time per article rose over
/// a run to 1.25–1.4× that of the clusterer run alone on the same inputs, and kept purging removes
/// that gap (BENCHMARKS.md, "Event clustering at scale"). Memory then stays at its high-water mark,
/// which the event window bounds. Call it first thing in `main`, before other threads start.
pub fn keep_freed_pages() {
    // SAFETY: sets a process-wide option of the allocator; mimalloc reads options atomically, and
    // this runs before the program starts other threads.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // The option's default differs between mimalloc versions (10 or 1000 ms), never -1; after the
        // call it reads -1, so the number names an option that takes a delay.
        let before = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        super::keep_freed_pages();
        let after = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        assert!(before == 10 || before == 1000, "option {} read {before}", super::PURGE_DELAY);
        assert_eq!(after, -1);
    }
}
