import Foundation
import TunnelformCore

/// `state history` as a table or as JSON.
enum StateHistoryView {
    static func table(_ revisions: [StateRevision]) -> String {
        let header = ["SERIAL", "WRITTEN", "BY", "COMMAND", "CHANGES"]
        let rows = revisions.map { revision in
            [String(revision.serial), revision.writtenAt.formatted(.iso8601),
             "\(revision.holder.user ?? "?")@\(revision.holder.host)", revision.holder.holder, revision.summary]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.indices.map { column in
                column == row.count - 1 ? row[column] : row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func json(_ revisions: [StateRevision]) throws -> String {
        String(decoding: try CanonicalJSON.encode(revisions), as: UTF8.self)
    }
}
