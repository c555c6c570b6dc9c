import CYAML

/// Reads manifest bytes into positioned ``YAMLDocument`` trees using libyaml's event API.
///
/// Aliases come back expanded, keys are unique scalars, and every node knows its 1-based
/// `file:line:column`. Anything that is not a clean manifest is a ``YAMLError`` with a position,
/// never a crash, whatever the bytes.
public struct YAMLReader: Sendable {
    public var limits: YAMLLimits

    public init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    /// The documents of one file, in order. An empty file, or one of only comments, has none.
    public func read(_ bytes: [UInt8], file: String) throws(YAMLError) -> [YAMLDocument] {
        guard bytes.count <= limits.maxFileBytes else {
            throw .fileTooLarge(size: bytes.count, limit: limits.maxFileBytes, file: file)
        }
        let result = bytes.withUnsafeBufferPointer { input in
            parse(input, file: file)
        }
        return try result.get()
    }

    /// Runs libyaml over `input`, which must stay valid for the whole call.
    private func parse(_ input: UnsafeBufferPointer<UInt8>, file: String) -> Result<[YAMLDocument], YAMLError> {
        guard let base = input.baseAddress, !input.isEmpty else { return .success([]) }
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer {
            parser.deallocate()
            event.deallocate()
        }
        guard yaml_parser_initialize(parser) == 1 else {
            return .failure(YAMLError(
                message: "out of memory while starting the YAML parser",
                location: SourceLocation(file: file, line: 1, column: 1)
            ))
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, base, input.count)

        var builder = YAMLTreeBuilder(file: file, limits: limits)
        while true {
            guard yaml_parser_parse(parser, event) == 1 else {
                return .failure(YAMLError(libyaml: parser.pointee, input: input, file: file))
            }
            defer { yaml_event_delete(event) }
            do {
                if try handle(event.pointee, file: file, builder: &builder) {
                    return .success(builder.documents)
                }
            } catch {
                return .failure(error)
            }
        }
    }

    /// Feeds one event to the builder; true at the end of the stream.
    private func handle(
        _ event: yaml_event_t, file: String, builder: inout YAMLTreeBuilder
    ) throws(YAMLError) -> Bool {
        // Built only for the events that need it. Every location shares the one `file` string.
        var location: SourceLocation {
            // libyaml counts from 0; editors and our locations count from 1.
            SourceLocation(
                file: file, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1
            )
        }
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let value = data.value.map {
                String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self)
            } ?? ""
            try builder.scalar(
                value: value, style: Self.style(data.style), tag: Self.string(data.tag),
                anchor: Self.string(data.anchor), at: location
            )
        case YAML_MAPPING_START_EVENT:
            try builder.startContainer(
                isMapping: true, anchor: Self.string(event.data.mapping_start.anchor), at: location
            )
        case YAML_SEQUENCE_START_EVENT:
            try builder.startContainer(
                isMapping: false, anchor: Self.string(event.data.sequence_start.anchor), at: location
            )
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            builder.endContainer()
        case YAML_ALIAS_EVENT:
            try builder.alias(Self.string(event.data.alias.anchor) ?? "", at: location)
        case YAML_DOCUMENT_START_EVENT:
            builder.startDocument(at: location)
        case YAML_DOCUMENT_END_EVENT:
            builder.endDocument()
        case YAML_STREAM_END_EVENT:
            return true
        default:
            break
        }
        return false
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
