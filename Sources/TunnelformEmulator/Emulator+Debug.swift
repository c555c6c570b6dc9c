import Foundation
import TunnelformCore
import TunnelformSimulator

/// The unsigned debug endpoints for tests and operators (loopback only, like everything here):
///
/// - `GET /_emulator/stats`: calls per action, list calls, injected faults, rejected requests;
/// - `GET /_emulator/inventory?region=R`: the region's `CloudInventory` (pre-shared keys included);
///   without `region`, `{"regions": {R: inventory, …}}` for every region holding anything;
/// - `GET /_emulator/requests[?clear=true]`: the verified requests, with `--record-requests`;
/// - `POST /_emulator/console?action=…`: a change made outside Tunnelform (see `consoleResponse`);
/// - `POST /_emulator/clock?advance=SECONDS`: moves a manual clock (`--manual-clock`) forward.
extension Emulator {
    func debugResponse(_ request: WireRequest) async -> WireResponse {
        if request.path == "/_emulator/console" { return await consoleResponse(request) }
        if request.path == "/_emulator/clock" { return clockResponse(request) }
        guard request.method == "GET" else { return .json(["error": "use GET"], status: 405) }
        switch request.path {
        case "/_emulator/stats":
            return .json(await statistics.snapshot(), status: 200)
        case "/_emulator/requests":
            guard configuration.recordsRequests else { return .json(["error": "start with --record-requests"], status: 409) }
            return .json(await requestLog.snapshot(clear: request.query["clear"] == "true"), status: 200)
        case "/_emulator/inventory":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data: Data?
            if let region = request.query["region"], !region.isEmpty {
                data = try? encoder.encode(await cloud.inventory(region: region))
            } else {
                var regions: [String: CloudInventory] = [:]
                for region in await cloud.regions { regions[region] = await cloud.inventory(region: region) }
                data = try? encoder.encode(["regions": regions])
            }
            await persist()
            guard let data else { return .json(["error": "the inventory could not be encoded"], status: 500) }
            return WireResponse(status: 200, headers: ["content-type": "application/json;charset=utf-8"], body: Array(data))
        default:
            return .json(["error": .string("unknown debug endpoint \(request.path)")], status: 404)
        }
    }
}

extension Emulator {
    func clockResponse(_ request: WireRequest) -> WireResponse {
        guard request.method == "POST" else { return .json(["error": "use POST"], status: 405) }
        guard let clock = manualClock else { return .json(["error": "the clock is the wall clock; start with --manual-clock"], status: 409) }
        guard let text = request.query["advance"], let seconds = Double(text), seconds.isFinite, seconds >= 0 else {
            return .json(["error": "advance=SECONDS, a non-negative number"], status: 400)
        }
        clock.advance(by: seconds)
        return .json(["now": .string(ISO8601DateFormatter().string(from: clock.date))], status: 200)
    }
}
