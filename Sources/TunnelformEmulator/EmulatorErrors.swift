import TunnelformCore
import TunnelformSimulator

/// The errors only the emulator raises: the API front's own (versions, actions, throttling) and the
/// parameters the simulated cloud never sees. The common ones (`CloudError.missing`, `.invalid`,
/// `.connectionNotFound`, …) are the simulated cloud's. Codes and statuses follow `alibaba-api.md` §2.5.
enum EmulatorErrors {
    static func unsupported(_ name: String, _ reason: String) -> CloudError {
        CloudError(code: "UnsupportedParameter", message: "The parameter \(name) is not supported: \(reason).", httpStatus: 400)
    }

    static func routeTableNotFound(_ id: String) -> CloudError {
        CloudError.notFound("InvalidTransitRouterRouteTableId.NotFound", "transit router route table", id)
    }

    static let unknownVersion = CloudError(code: "InvalidVersion", message: "Specified parameter Version is not valid.", httpStatus: 400)

    static func unknownAction(_ action: String) -> CloudError {
        CloudError(code: "InvalidAction.NotFound", message: "Specified api \(action) is not found, please check your url and method.", httpStatus: 404)
    }

    static func throttled() -> CloudError {
        CloudError(code: "Throttling.User", message: "Request was denied due to user flow control.", httpStatus: 400)
    }

    static func unavailable() -> CloudError {
        CloudError(code: "ServiceUnavailable", message: "The request has failed due to a temporary failure of the server.", httpStatus: 503)
    }
}
