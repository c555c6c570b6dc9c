import TunnelformCore
import TunnelformSimulator

/// The two paging styles of the API: VPC's `PageNumber`/`PageSize` (at most 50 a page) and CBN's
/// `MaxResults`/`NextToken` (at most 100 a page, as CBN documents for its list calls).
enum Pagination {
    struct Page<Item> {
        var items: ArraySlice<Item>
        /// `TotalCount`, `PageNumber`, `PageSize` or `TotalCount`, `MaxResults`, `NextToken` (only when more follow).
        var members: [String: JSONValue]
    }

    static let maxPageSize = 50
    static let maxResults = 100

    static func byNumber<Item>(_ tree: ParameterTree, _ items: [Item], defaultSize: Int = 10) throws(CloudError) -> Page<Item> {
        let number = try WireDecoder.integer(tree, "PageNumber") ?? 1
        let size = try WireDecoder.integer(tree, "PageSize") ?? defaultSize
        guard number >= 1 else { throw CloudError.invalid("PageNumber", "it must be at least 1") }
        guard (1...maxPageSize).contains(size) else { throw CloudError.invalid("PageSize", "it must be 1 to \(maxPageSize)") }
        let start = min(items.count, (number - 1).multipliedReportingOverflow(by: size).overflow ? items.count : (number - 1) * size)
        let end = min(items.count, start + size)
        return Page(items: items[start..<end], members: [
            "TotalCount": .integer(Int64(items.count)), "PageNumber": .integer(Int64(number)), "PageSize": .integer(Int64(size)),
        ])
    }

    /// `NextToken` is opaque to clients; here it is the offset of the next item.
    static func byToken<Item>(_ tree: ParameterTree, _ items: [Item], defaultSize: Int) throws(CloudError) -> Page<Item> {
        let size = try WireDecoder.integer(tree, "MaxResults") ?? defaultSize
        guard (1...maxResults).contains(size) else { throw CloudError.invalid("MaxResults", "it must be 1 to \(maxResults)") }
        var start = 0
        if let token = tree.string("NextToken") {
            guard token.hasPrefix("tf-"), let offset = Int(token.dropFirst(3)), offset >= 0 else {
                throw CloudError.invalid("NextToken", "\"\(token)\" was not issued by this service")
            }
            start = min(offset, items.count)
        }
        let end = min(items.count, start + size)
        var members: [String: JSONValue] = ["TotalCount": .integer(Int64(items.count)), "MaxResults": .integer(Int64(size))]
        if end < items.count { members["NextToken"] = .string("tf-\(end)") }
        return Page(items: items[start..<end], members: members)
    }
}
