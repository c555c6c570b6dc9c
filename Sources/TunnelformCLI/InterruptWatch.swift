import Foundation
import TunnelformCore

/// SIGINT and SIGTERM while a command may hold the state lock, from one signal source.
///
/// Before the apply starts (planning, the confirmation prompt) an interrupt means "no": nothing was
/// changed, the lock is released, exit 1. During the apply the first interrupt (or SIGTERM) lets the
/// operations in flight finish and be recorded and starts no new ones; a second Ctrl-C stops at once,
/// still releasing the lock (the journal in the state lets the next apply resume without creating twice).
final class InterruptWatch: @unchecked Sendable {
    private let console: Console
    private let guardLock = NSLock()
    private var lease: (any StateLease)?
    private var interrupt: ApplyInterrupt?
    private var received = 0
    private var sources: [any DispatchSourceSignal] = []

    init(console: Console) {
        self.console = console
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [unowned self] in self.receive(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// The lock to give up if an interrupt ends the process.
    func holding(_ lease: any StateLease) {
        guardLock.withLock { self.lease = lease }
    }

    /// From here on an interrupt stops `interrupt`'s apply gracefully.
    func applying(_ interrupt: ApplyInterrupt) {
        guardLock.withLock { self.interrupt = interrupt }
    }

    /// Back to the default handling once the command is done.
    func stop() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    private func receive(_ number: Int32) {
        let (interrupt, lease, count) = guardLock.withLock { () -> (ApplyInterrupt?, (any StateLease)?, Int) in
            received += 1
            return (self.interrupt, self.lease, received)
        }
        guard let interrupt else {
            console.err("\nInterrupted: nothing was changed.")
            lease?.releaseBeforeExit()
            exit(1)
        }
        if count == 1 {
            let running = interrupt.request()
            console.err("\nInterrupt received: finishing the \(running) operations in flight, starting no new ones… (Ctrl-C again stops at once)")
        } else if number == SIGINT {
            console.err("Stopping now. The state's journal records the calls in flight: run tunnelform apply to resume them.")
            lease?.releaseBeforeExit()
            exit(130)
        }
    }
}
