import TunnelformCore

/// The errors the emulator itself raises (everything about the cloud's rules comes from the simulated
/// cloud). Codes and statuses follow `alibaba-api.md` §2.5.
enum EmulatorErrors {
    static func missing(_ name: String) -> CloudError {
        CloudError(code: "MissingParameter", message: "The input parameter \"\(name)\" that is mandatory for processing this request is not supplied.",
                   httpStatus: 400)
    }

    static func invalid(_ name: String, _ reason: String) -> CloudError {
        CloudError(code: "InvalidParameter", message: "The specified \(name) is invalid: \(reason).", httpStatus: 400)
    }

    static func unsupported(_ name: String, _ reason: String) -> CloudError {
        CloudError(code: "UnsupportedParameter", message: "The parameter \(name) is not supported: \(reason).", httpStatus: 400)
    }

    static func notFound(_ code: String, _ what: String, _ id: String) -> CloudError {
        CloudError(code: code, message: "The specified \(what) \(id) does not exist.", httpStatus: 404)
    }

    static func customerGatewayNotFound(_ id: String) -> CloudError {
        notFound("InvalidCustomerGatewayInstanceId.NotFound", "customer gateway", id)
    }

    static func connectionNotFound(_ id: String) -> CloudError {
        notFound("InvalidVpnConnectionInstanceId.NotFound", "IPsec-VPN connection", id)
    }

    static func attachmentNotFound(_ id: String) -> CloudError {
        notFound("InvalidTransitRouterAttachmentId.NotFound", "transit router attachment", id)
    }

    static func routeTableNotFound(_ id: String) -> CloudError {
        notFound("InvalidTransitRouterRouteTableId.NotFound", "transit router route table", id)
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
