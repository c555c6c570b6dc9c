import Testing
@testable import TunnelformCore

@Suite("YAMLReader: rejected input")
struct YAMLReaderRejectionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var fragment: String
        var line: Int
        var column: Int
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ fragment: String, _ line: Int, _ column: Int) {
            self.init(name, Array(text.utf8), fragment, line, column)
        }

        init(_ name: String, _ bytes: [UInt8], _ fragment: String, _ line: Int, _ column: Int) {
            self.name = name
            self.bytes = bytes
            self.fragment = fragment
            self.line = line
            self.column = column
        }
    }

    static let largeMapping = (0..<20).map { "k\($0): \($0)\n" }.joined() + "k5: again\n"

    static let cases: [Case] = [
        Case("tab as indentation", "a:\n\tb: 1\n", "found a tab character where indentation is expected", 2, 1),
        Case("tab among spaces", "a:\n  b: 1\n\tc: 2\n", "found a tab character where indentation is expected", 3, 1),
        Case("bad indentation", "a:\n  b: 1\n c: 2\n", "bad indentation", 3, 2),
        Case("bad list indentation", "a:\n  - 1\n - 2\n", "bad indentation", 3, 2),
        Case("unclosed double quote", "a: \"hello\nb: 2\n", "unclosed double quote", 1, 4),
        Case("unclosed single quote", "x: 1\na: 'hello\nb: 2\n", "unclosed single quote", 2, 4),
        Case("colon in plain value", "a: b: c\n", "a ':' is not allowed here", 1, 5),
        Case("unclosed flow list", "a: [1, 2\nb: 3\n", "flow collection that starts at 1:4", 2, 2),
        Case("invalid UTF-8 lead byte", [0x61, 0x3A, 0x20, 0x31, 0x0A, 0x62, 0x3A, 0x20, 0xFF, 0x0A],
             "not valid UTF-8: invalid leading UTF-8 octet 0xFF", 2, 4),
        Case("invalid UTF-8 trailing byte", [0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A], "not valid UTF-8", 1, 4),
        Case("truncated UTF-8", [0x61, 0x3A, 0x20, 0xE2, 0x82], "not valid UTF-8: incomplete", 1, 4),
        Case("overlong UTF-8", [0x61, 0x3A, 0x20, 0x78, 0xC0, 0x80], "not valid UTF-8", 1, 5),
        Case("UTF-8 surrogate", [0x61, 0x3A, 0x20, 0xED, 0xA0, 0x80], "invalid Unicode character U+D800", 1, 4),
        Case("invalid UTF-8 after a BOM and CRLF", [0xEF, 0xBB, 0xBF, 0x61, 0x3A, 0x20, 0x31, 0x0D, 0x0A, 0x62, 0x3A, 0xFE],
             "not valid UTF-8", 2, 3),
        Case("control character", "a: b\u{01}\n", "control character U+0001 is not allowed", 1, 5),
        Case("duplicate key", "kind: A\nname: x\nother: 1\nname: y\n", "duplicate key 'name'", 4, 1),
        Case("duplicate key in flow mapping", "{a: 1, b: 2, a: 3}", "duplicate key 'a'", 1, 14),
        Case("duplicate key in a large mapping", largeMapping, "duplicate key 'k5'", 21, 1),
        Case("alias repeating a key", "a: &k name\nname: 1\n*k : 2\n", "duplicate key 'name'", 3, 1),
        Case("unknown alias", "a: *nope\n", "unknown alias '*nope'", 1, 4),
        Case("alias inside its own anchor", "a: &x [1, *x]\n", "refers to a node that contains it", 1, 11),
        Case("list as key", "? [a, b]\n: 1\n", "a list cannot be used as a key", 1, 3),
        Case("mapping as key", "? {a: 1}\n: 2\n", "a mapping cannot be used as a key", 1, 3),
        Case("alias to a mapping as key", "a: &m {x: 1}\n*m : 2\n", "alias '*m' to a mapping cannot be used as a key", 2, 1),
        Case("nesting too deep", String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
             "nesting is deeper than 64 levels", 1, 65),
    ]

    @Test(arguments: cases)
    func rejected(_ example: Case) throws {
        let error = try #require(yamlError(example.bytes))
        #expect(error.message.contains(example.fragment), "\(error)")
        #expect(error.location == SourceLocation(file: "test.yaml", line: example.line, column: example.column), "\(error)")
        #expect(error.diagnostic.severity == .error)
    }

    @Test func duplicateKeyNamesTheFirstDefinition() throws {
        let error = try #require(yamlError("kind: A\nname: x\nother: 1\nname: y\n"))
        #expect(error.diagnostic.rendered
            == "test.yaml:4:1: error: duplicate key 'name' (first defined at 2:1; keep only one of them)")
    }

    @Test func syntaxErrorsSayHowToFixThem() throws {
        #expect(yamlError("a:\n\tb: 1\n")?.hint?.contains("spaces") == true)
        #expect(yamlError("a: \"hello\nb: 2\n")?.hint?.contains("closing") == true)
        #expect(yamlError([0x61, 0x3A, 0x20, 0xFF])?.hint?.contains("UTF-8") == true)
    }

    @Test func sixtyFourLevelsAreAllowed() throws {
        let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try readYAML(text).count == 1)
    }

    @Test func aliasesCountTowardsDepth() throws {
        let limits = YAMLLimits(maxDepth: 3)
        #expect(try readYAML("a: &x [[1]]\nb: *x\n", limits: limits).count == 1)
        let error = try #require(yamlError("a: &x [[1]]\nb: [*x]\n", limits: limits))
        #expect(error.message.contains("nesting is deeper than 3 levels"))
        #expect(error.location.line == 2 && error.location.column == 5)
    }

    static let billionLaughs: String = {
        var text = "a: &a [" + Array(repeating: "\"lol\"", count: 9).joined(separator: ",") + "]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        return text
    }()

    @Test(.timeLimit(.minutes(1)))
    func billionLaughsFailsFast() throws {
        let clock = ContinuousClock()
        var error: YAMLError?
        let elapsed = clock.measure { error = yamlError(Self.billionLaughs) }
        let found = try #require(error)
        #expect(found.diagnostic.rendered.contains(
            "alias expansion exceeds 10000 nodes (anchors referenced too often; is this a billion-laughs document?)"))
        #expect(found.location.line == 5 && found.location.column == 8)
        #expect(elapsed < .seconds(1))
    }

    @Test func aliasBudgetIsPerFile() throws {
        let limits = YAMLLimits(maxAliasExpansionNodes: 5)
        let document = "a: &x [1, 2]\nb: *x\n"
        #expect(try readYAML(document, limits: limits).count == 1)
        let error = try #require(yamlError(document + "---\n" + document, limits: limits))
        #expect(error.message.contains("alias expansion exceeds 5 nodes"))
        #expect(error.location.line == 5 && error.location.column == 4)
    }

    @Test func oversizeFileIsRejectedBeforeParsing() throws {
        // Not even YAML: the size check comes first.
        let error = try #require(yamlError("a: [unclosed", limits: YAMLLimits(maxFileBytes: 10)))
        #expect(error.message == "file is 12 bytes, over the limit of 10 bytes")
        #expect(error.location == SourceLocation(file: "test.yaml", line: 1, column: 1))
        #expect(try readYAML("a: 1", limits: YAMLLimits(maxFileBytes: 4)).count == 1)
    }

    @Test func defaultLimits() {
        #expect(YAMLLimits.default.maxFileBytes == 16 * 1024 * 1024)
        #expect(YAMLLimits.default.maxDepth == 64)
        #expect(YAMLLimits.default.maxAliasExpansionNodes == 10_000)
    }
}
