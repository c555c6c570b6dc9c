import TunnelformCLI

@main
enum Tunnelform {
    static func main() async {
        await TunnelformCommand.main()
    }
}
