import Testing
@testable import TunnelformCLI

/// Colour per stream: stderr redirected to a file gets no escape codes while a terminal stdout keeps them.
@Suite("Console colour")
struct ConsoleTests {
    @Test func eachStreamDecidesForItself() {
        let console = Console(environment: [:], isTerminal: { $0 == 1 })
        #expect(console.colorsOut && !console.colorsErr)
        let painted = console.paint("Error:", .red) + " boom"
        #expect(painted.contains("\u{1B}[31m"))
        #expect(console.forStream(painted, colors: console.colorsErr) == "Error: boom")
        #expect(console.forStream(painted, colors: console.colorsOut) == painted)
    }

    @Test func noColorAndTheFlagTurnEveryStreamOff() {
        for console in [Console(environment: ["NO_COLOR": "1"], isTerminal: { _ in true }), Console(noColor: true, environment: [:], isTerminal: { _ in true })] {
            #expect(!console.useColor)
            #expect(console.paint("x", .green) == "x")
        }
    }
}
