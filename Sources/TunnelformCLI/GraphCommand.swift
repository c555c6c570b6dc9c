import ArgumentParser
import TunnelformCore

/// `tunnelform graph`: the plan's operations and edges as DOT.
struct GraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the plan's operations and their order as Graphviz DOT.",
        discussion: """
            Example:
              tunnelform graph | dot -Tsvg > plan.svg
            """
    )

    @OptionGroup var options: ReconcileOptions
    @Flag(help: "Graph the destroy plan instead.") var destroy = false

    func run() async throws {
        let console = Console(noColor: true)
        let reconciler = try ReconcilerFactory.make(observer: ConsoleObserver(console: console))
        let reconciliation = try await reconciler.plan(options.request(destroy ? .destroy : .converge))
        console.out(GraphView.dot(reconciliation.plan))
    }
}
