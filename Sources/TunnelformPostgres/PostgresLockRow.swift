import Foundation
import PostgresNIO
import TunnelformCore

/// One workspace's row of the `locks` table, as read: the fence, the holder if any, and its lease
/// judged on the database's clock.
struct PostgresLockRow: Sendable {
    var fence: Int64
    var holder: StateLock.Holder?
    var leaseExpiresAt: Date?
    /// The lease ran out (database clock); true when there is no holder.
    var expired: Bool
    /// Who broke the lock with force-unlock last, and when.
    var brokenBy: String?
    var brokenAt: Date?

    /// The columns `init(_:)` decodes, in order.
    static let columns = """
        fence, command, holder_user, host, pid, holder_time, lease_expires_at,
        coalesce(lease_expires_at <= now(), true), broken_by, broken_at
        """

    init(_ row: PostgresRow) throws {
        let (fence, command, user, host, pid, time, expires, expired, brokenBy, brokenAt) =
            try row.decode((Int64, String?, String?, String?, Int32?, Date?, Date?, Bool, String?, Date?).self)
        self.fence = fence
        holder = command.map {
            StateLock.Holder(holder: $0, host: host ?? "unknown host", pid: pid ?? 0, time: time ?? Date(timeIntervalSince1970: 0), user: user)
        }
        leaseExpiresAt = expires
        self.expired = expired
        self.brokenBy = brokenBy
        self.brokenAt = brokenAt
    }

    /// Why a lease with `fence` no longer holds this lock, or nil when it still does.
    func lossReason(forFence mine: Int64) -> String? {
        if fence != mine {
            return holder.map { "it was taken over by \($0.summary)" }
                ?? "another run took the lock and has released it since"
        }
        guard holder != nil else {
            if let brokenBy {
                return "the lock was broken with force-unlock by \(brokenBy)\(brokenAt.map { " at \($0.formatted(.iso8601))" } ?? "")"
            }
            return "the lock was released"
        }
        if expired {
            return "its lease expired\(leaseExpiresAt.map { " at \($0.formatted(.iso8601))" } ?? "") without being renewed"
        }
        return nil
    }
}
