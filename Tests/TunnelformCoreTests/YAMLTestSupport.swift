@testable import TunnelformCore

/// Reads `text` as the file `test.yaml`.
func readYAML(_ text: String, limits: YAMLLimits = .default) throws(YAMLError) -> [YAMLDocument] {
    try YAMLReader(limits: limits).read(Array(text.utf8), file: "test.yaml")
}

/// The error reading `bytes` gives, or nil if it reads cleanly.
func yamlError(_ bytes: [UInt8], limits: YAMLLimits = .default) -> YAMLError? {
    do {
        _ = try YAMLReader(limits: limits).read(bytes, file: "test.yaml")
        return nil
    } catch {
        return error
    }
}

func yamlError(_ text: String, limits: YAMLLimits = .default) -> YAMLError? {
    yamlError(Array(text.utf8), limits: limits)
}

extension YAMLNode {
    var mapping: YAMLMapping? {
        if case .mapping(let mapping) = self { mapping } else { nil }
    }

    var sequence: YAMLSequence? {
        if case .sequence(let sequence) = self { sequence } else { nil }
    }

    var scalar: YAMLScalar? {
        if case .scalar(let scalar) = self { scalar } else { nil }
    }

    /// `line:column` of the node, for compact position assertions.
    var position: String { "\(location.line):\(location.column)" }
}

extension YAMLScalar {
    var position: String { "\(location.line):\(location.column)" }
}

extension YAMLMapping {
    var position: String { "\(location.line):\(location.column)" }

    func key(_ name: String) -> YAMLScalar? {
        entries.first { $0.key.value == name }?.key
    }
}

extension YAMLSequence {
    var position: String { "\(location.line):\(location.column)" }
}
