#if canImport(CMalloc) && os(Linux)
import CMalloc
import Glibc
#endif
import TunnelformCLI

@main
enum Tunnelform {
    static func main() async {
        HeapTuning.apply()
        await TunnelformCommand.main()
    }
}
