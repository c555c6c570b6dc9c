#if canImport(CMalloc) && os(Linux)
import CMalloc
import Glibc
#endif

/// glibc allocator settings for a command that reads its whole project within a second or two.
///
/// With glibc's defaults the heap grows in small steps and every fresh 4 KiB page costs a page
/// fault: about 60,000 of them, a seventh of a 10,000-connection plan's time. Two settings fix it:
/// growing the heap 64 MiB at a time (`mallopt`), and backing it with transparent huge pages,
/// which glibc only takes from the `GLIBC_TUNABLES` variable it reads at start-up. So the binary
/// starts itself again once with that variable set (about 20 ms), unless the user set it.
enum HeapTuning {
    static let variable = "GLIBC_TUNABLES"
    static let hugePages = "glibc.malloc.hugetlb=1"
    /// Marks the second start, so that a failed `execv` can never loop.
    static let restarted = "TUNNELFORM_HEAP_TUNED"

    static func apply() {
        #if canImport(CMalloc) && os(Linux)
        if getenv(restarted) == nil, getenv(variable) == nil {
            setenv(variable, hugePages, 1)
            setenv(restarted, "1", 1)
            execv("/proc/self/exe", CommandLine.unsafeArgv)
            // Not restarted (no /proc): carry on with the default heap.
        }
        // The commands it runs (strongSwan in the lab) keep their own defaults.
        if getenv(restarted) != nil {
            unsetenv(restarted)
            if let value = getenv(variable), String(cString: value) == hugePages { unsetenv(variable) }
        }
        _ = mallopt(M_TOP_PAD, 64 << 20)
        #endif
    }
}
