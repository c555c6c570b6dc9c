import Foundation

extension SimulatedCloud {
    /// How long each asynchronous change of the simulated cloud takes, in seconds; all zero means instant.
    public struct Delays: Sendable, Equatable {
        /// `attaching` → `attached` of a connection after CreateTransitRouterVpnAttachment.
        public var connectionAttach: TimeInterval
        /// `updating` → previous state of a connection after a modification.
        public var connectionModify: TimeInterval
        /// `detaching` → `init` of a connection after DeleteTransitRouterVpnAttachment.
        public var connectionDetach: TimeInterval
        /// `Attaching` → `Attached` of a transit-router attachment.
        public var attachmentCreate: TimeInterval
        /// `Detaching` → gone of a transit-router attachment.
        public var attachmentDelete: TimeInterval
        /// `Pending` → `Active` and `Removing` → gone of a route-table association.
        public var association: TimeInterval
        /// `Pending` → `Active` and `Removing` → gone of a route-table propagation.
        public var propagation: TimeInterval

        public init(
            connectionAttach: TimeInterval = 0, connectionModify: TimeInterval = 0, connectionDetach: TimeInterval = 0,
            attachmentCreate: TimeInterval = 0, attachmentDelete: TimeInterval = 0, association: TimeInterval = 0,
            propagation: TimeInterval = 0
        ) {
            self.connectionAttach = connectionAttach
            self.connectionModify = connectionModify
            self.connectionDetach = connectionDetach
            self.attachmentCreate = attachmentCreate
            self.attachmentDelete = attachmentDelete
            self.association = association
            self.propagation = propagation
        }

        /// Every change takes `seconds`.
        public static func uniform(_ seconds: TimeInterval) -> Delays {
            Delays(connectionAttach: seconds, connectionModify: seconds, connectionDetach: seconds,
                   attachmentCreate: seconds, attachmentDelete: seconds, association: seconds, propagation: seconds)
        }

        /// Every change is done by the next call.
        public static let instant = Delays()

        /// The names `init(parsing:)` accepts, besides `all`.
        public static let names = [
            "connectionAttach", "connectionModify", "connectionDetach", "attachmentCreate", "attachmentDelete",
            "association", "propagation",
        ]

        /// Parses an environment value: `"3"` (every delay 3 s) or `"all=1,connectionAttach=5"`;
        /// nil when a name is unknown or a number is not a finite, non-negative number.
        public init?(parsing text: String) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let seconds = Self.seconds(trimmed) {
                self = .uniform(seconds)
                return
            }
            var delays = Delays()
            for item in trimmed.split(separator: ",") {
                let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, let seconds = Self.seconds(pair[1]) else { return nil }
                switch pair[0] {
                case "all": delays = .uniform(seconds)
                case "connectionAttach": delays.connectionAttach = seconds
                case "connectionModify": delays.connectionModify = seconds
                case "connectionDetach": delays.connectionDetach = seconds
                case "attachmentCreate": delays.attachmentCreate = seconds
                case "attachmentDelete": delays.attachmentDelete = seconds
                case "association": delays.association = seconds
                case "propagation": delays.propagation = seconds
                default: return nil
                }
            }
            self = delays
        }

        private static func seconds(_ text: String) -> TimeInterval? {
            guard let value = Double(text), value.isFinite, value >= 0 else { return nil }
            return value
        }
    }
}
