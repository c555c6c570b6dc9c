#if canImport(CMalloc) && os(Linux)
import CMalloc
#endif

/// glibc allocator settings for a command that reads its whole project within a second or two.
///
/// With glibc's defaults the heap grows in small steps, each fresh page a page fault; growing it
/// 64 MiB at a time (`mallopt(M_TOP_PAD)`) avoids most of them. Backing the heap with transparent
/// huge pages as well (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, which glibc reads only at start-up,
/// so the binary used to start itself again) was dropped: measured at 10,000 connections it saved
/// 75,000 page faults but cost more system time than it saved (BENCHMARKS.md). Users who want it
/// can still set the variable themselves.
enum HeapTuning {
    static func apply() {
        #if canImport(CMalloc) && os(Linux)
        _ = mallopt(M_TOP_PAD, 64 << 20)
        #endif
    }
}
