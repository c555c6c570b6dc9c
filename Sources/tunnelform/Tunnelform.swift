import ArgumentParser
import TunnelformCLI

@main
enum Tunnelform {
    static func main() async {
        HeapTuning.apply()
        await TunnelformCommand.main()
    }
}
