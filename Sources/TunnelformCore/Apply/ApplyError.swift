/// Why an operation could not be carried out, before or after reaching the cloud.
public enum ApplyError: Error, Sendable, CustomStringConvertible {
    /// The state lacks an id the operation needs (its dependency did not complete).
    case missingId(String)
    /// A secret the operation needs was not resolved.
    case missingSecret(SecretSlot)
    case cloud(CloudError)
    case timedOut(waitingFor: String, seconds: Int)

    public var description: String {
        switch self {
        case .missingId(let what): "no cloud id known for \(what)"
        case .missingSecret(let slot): "\(slot) is not available"
        case .cloud(let error): error.description
        case .timedOut(let what, let seconds): "gave up waiting for \(what) after \(seconds)s"
        }
    }
}
