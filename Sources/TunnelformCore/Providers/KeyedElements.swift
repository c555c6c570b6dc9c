/// The elements of an array found by a key in constant time, without copying them: only their
/// positions are indexed. A region's inventory holds tens of thousands of objects, and copying
/// each one into a dictionary cost more than the lookups it served.
public struct KeyedElements<Element: Sendable>: Sendable {
    private let elements: [Element]
    private let positions: [String: Int]

    /// Indexes `elements` by `key`; where two share a key, the first one is found.
    init(_ elements: [Element], key: (Element) -> String) {
        var positions = [String: Int](minimumCapacity: elements.count)
        for position in elements.indices.reversed() { positions[key(elements[position])] = position }
        self.elements = elements
        self.positions = positions
    }

    public subscript(key: String) -> Element? {
        positions[key].map { elements[$0] }
    }

    /// A dictionary of each key's element transformed.
    public func mapValues<T>(_ transform: (Element) throws -> T) rethrows -> [String: T] {
        try positions.mapValues { try transform(elements[$0]) }
    }
}
