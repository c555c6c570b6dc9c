import TunnelformCore

/// The error codes the simulated cloud answers with, chosen to match `alibaba-api.md` §2.5 and §4.
///
/// | code | HTTP | retryable | when |
/// | --- | --- | --- | --- |
/// | `MissingParameter`, `InvalidParameter` | 400 | no | malformed request: tunnel count ≠ 2, bad CIDR, gateway in another region, … |
/// | `InvalidCustomerGatewayInstanceId.NotFound` | 404 | no | unknown `cgw-…` |
/// | `InvalidVpnConnectionInstanceId.NotFound` | 404 | no | unknown `vco-…` |
/// | `InvalidTransitRouterAttachmentId.NotFound` | 404 | no | unknown `tr-attach-…` |
/// | `InvalidCenId.NotFound` | 404 | no | a CEN id that is not `cen-` + lowercase letters and digits |
/// | `InvalidGrant.NotFound` | 404 | no | revoking a grant that does not exist |
/// | `DependencyViolation.IpsecConnection` | 400 | no | deleting a customer gateway a connection still uses |
/// | `DependencyViolation.Grant` | 400 | no | deleting a connection still granted to a CEN instance |
/// | `DependencyViolation.RouteTableAssociation`/`.RouteTablePropagation` | 400 | no | deleting an attachment that still has one (we never send `Force`) |
/// | `IncorrectStatus.VpnConnection` | 400 | no | deleting, granting or attaching a connection that is bound to a transit router |
/// | `InvalidOperation.AssociationExists`/`.PropagationExists`/`.GrantExists` | 400 | no | creating what already exists |
/// | `InvalidOperation.AssociationNotExist`/`.PropagationNotExist` | 400 | no | removing what does not exist |
/// | `VpnConnection.Configuring` | 400 | yes | any change to a connection that is `attaching`, `updating` or `detaching` |
/// | `IncorrectStatus.Status` | 400 | yes | a change to a transit-router attachment that is `Attaching` or `Detaching` |
/// | `Operation.Blocking` | 400 | yes | a change blocked by an association or propagation that is `Pending` or `Removing` |
/// | `IdempotentParameterMismatch` | 400 | no | a client token reused with a different request |
/// | `InternalError` | 500 | yes | the simulator could not save its file |
extension CloudError {
    public static func missing(_ parameter: String) -> CloudError {
        CloudError(code: "MissingParameter", message: "The input parameter \"\(parameter)\" that is mandatory for processing this request is not supplied.", httpStatus: 400)
    }

    public static func invalid(_ parameter: String, _ reason: String) -> CloudError {
        CloudError(code: "InvalidParameter", message: "The specified \(parameter) is invalid: \(reason).", httpStatus: 400)
    }

    public static func notFound(_ code: String, _ what: String, _ id: String) -> CloudError {
        CloudError(code: code, message: "The specified \(what) \(id) does not exist.", httpStatus: 404)
    }

    public static func customerGatewayNotFound(_ id: String) -> CloudError {
        notFound("InvalidCustomerGatewayInstanceId.NotFound", "customer gateway", id)
    }

    public static func connectionNotFound(_ id: String) -> CloudError {
        notFound("InvalidVpnConnectionInstanceId.NotFound", "IPsec-VPN connection", id)
    }

    public static func attachmentNotFound(_ id: String) -> CloudError {
        notFound("InvalidTransitRouterAttachmentId.NotFound", "transit router attachment", id)
    }

    static func terminal(_ code: String, _ message: String) -> CloudError {
        CloudError(code: code, message: message, httpStatus: 400, isRetryable: false)
    }

    static func retryable(_ code: String, _ message: String) -> CloudError {
        CloudError(code: code, message: message, httpStatus: 400, isRetryable: true)
    }

    static func configuring(_ id: String, _ state: ConnectionState) -> CloudError {
        retryable("VpnConnection.Configuring", "The IPsec-VPN connection \(id) is \(state.rawValue); try again when the change completes.")
    }

    static func attachmentBusy(_ id: String, _ status: AttachmentStatus) -> CloudError {
        retryable("IncorrectStatus.Status", "The transit router attachment \(id) is \(status.rawValue).")
    }

    /// The same error with the request id of the call that raised it.
    func stamped(_ requestId: String) -> CloudError {
        var copy = self
        copy.requestId = requestId
        return copy
    }
}
