import Testing
@testable import TunnelformCore

@Suite("YAMLReader: documents and positions")
struct YAMLReaderTests {
    static let manifest = """
        kind: VpnConnection
        name: dc1
        bind:
          currentAccount: {cenId: cen-1}
        tunnels:
          - customerGateway: edge-1
            psk: "x"
          - edge-2

        """

    @Test func positionsOfKeysAndScalars() throws {
        let root = try #require(try readYAML(Self.manifest).first?.root?.mapping)
        #expect(root.position == "1:1")
        #expect(root.key("kind")?.position == "1:1")
        #expect(root["kind"]?.position == "1:7")
        #expect(root["kind"]?.scalar?.value == "VpnConnection")
        #expect(root.key("name")?.position == "2:1")
        #expect(root["name"]?.position == "2:7")
        #expect(root.entries.map(\.key.value) == ["kind", "name", "bind", "tunnels"])
        #expect(root["kind"]?.location.file == "test.yaml")
    }

    @Test func positionsOfMappings() throws {
        let root = try #require(try readYAML(Self.manifest).first?.root?.mapping)
        let bind = try #require(root["bind"]?.mapping)
        #expect(bind.position == "4:3")
        #expect(bind.key("currentAccount")?.position == "4:3")
        let account = try #require(bind["currentAccount"]?.mapping)
        #expect(account.position == "4:19")
        #expect(account.key("cenId")?.position == "4:20")
        #expect(account["cenId"]?.position == "4:27")
    }

    @Test func positionsOfSequences() throws {
        let root = try #require(try readYAML(Self.manifest).first?.root?.mapping)
        let tunnels = try #require(root["tunnels"]?.sequence)
        #expect(tunnels.location.line == 6 && tunnels.location.column == 3)
        #expect(tunnels.items.count == 2)
        let first = try #require(tunnels.items.first?.mapping)
        #expect(first.position == "6:5")
        #expect(first.key("customerGateway")?.position == "6:5")
        #expect(first["customerGateway"]?.position == "6:22")
        #expect(first["psk"]?.position == "7:10")
        #expect(first["psk"]?.scalar?.style == .doubleQuoted)
        #expect(tunnels.items.last?.position == "8:5")
        #expect(tunnels.items.last?.scalar?.value == "edge-2")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let root = try #require(try readYAML("{é: 1, b: 2}").first?.root?.mapping)
        #expect(root.key("é")?.position == "1:2")
        #expect(root.key("b")?.position == "1:8")
    }

    @Test func byteOrderMarkAndWindowsLineEndings() throws {
        let root = try #require(try readYAML("\u{FEFF}a: 1\r\nb:\r\n  - x\r\n").first?.root?.mapping)
        #expect(root.key("a")?.position == "1:1")
        #expect(root.key("b")?.position == "2:1")
        #expect(root["b"]?.sequence?.items.first?.position == "3:5")
    }

    @Test func severalDocumentsPerFile() throws {
        let documents = try readYAML("kind: A\n---\nkind: B\n...\n---\n# nothing here\n---\nkind: C\n")
        #expect(documents.count == 4)
        #expect(documents.map { $0.root?.mapping?["kind"]?.scalar?.value } == ["A", "B", nil, "C"])
        #expect(documents.map(\.location.line) == [1, 2, 5, 7])
        #expect(documents[1].root?.position == "3:1")
    }

    @Test(arguments: ["", "\n\n", "# only a comment\n", "   \n# one\n  # two\n"])
    func emptyFileHasNoDocuments(text: String) throws {
        #expect(try readYAML(text).isEmpty)
    }

    @Test func flowStyle() throws {
        let root = try #require(try readYAML("[1, [2, 3], {a: b}, \"q\"]").first?.root?.sequence)
        #expect(root.position == "1:1")
        #expect(root.items.map(\.position) == ["1:2", "1:5", "1:13", "1:21"])
        #expect(root.items[1].sequence?.items.map { $0.scalar?.value } == ["2", "3"])
        #expect(root.items[2].mapping?.key("a")?.position == "1:14")
        #expect(root.items[2].mapping?["a"]?.position == "1:17")
    }

    @Test(arguments: [
        ("v: plain text", "plain text", YAMLScalar.Style.plain),
        ("v: 'it''s'", "it's", .singleQuoted),
        ("v: \"tab\\there\"", "tab\there", .doubleQuoted),
        ("v: |\n  line 1\n  line 2\n", "line 1\nline 2\n", .literal),
        ("v: >\n  folded\n  text\n", "folded text\n", .folded),
    ])
    func scalarStyles(text: String, value: String, style: YAMLScalar.Style) throws {
        let scalar = try #require(try readYAML(text).first?.root?.mapping?["v"]?.scalar)
        #expect(scalar.value == value)
        #expect(scalar.style == style)
        #expect(scalar.tag == nil)
        #expect(scalar.position == "1:4")
    }

    @Test(arguments: [
        ("v: !!str 123", "tag:yaml.org,2002:str", "123"),
        ("v: !!int \"5\"", "tag:yaml.org,2002:int", "5"),
        ("v: !custom x", "!custom", "x"),
    ])
    func explicitTags(text: String, tag: String, value: String) throws {
        let scalar = try #require(try readYAML(text).first?.root?.mapping?["v"]?.scalar)
        #expect(scalar.tag == tag)
        #expect(scalar.value == value)
        #expect(!scalar.isNull)
    }

    @Test func aliasesAreExpandedCopies() throws {
        let text = "base: &b {x: 1, y: [a, b]}\ncopy: *b\nkey: &k name\n*k : 2\n"
        let root = try #require(try readYAML(text).first?.root?.mapping)
        #expect(root["copy"] == root["base"])
        // A copy keeps the anchor's positions; an anchored node starts at its anchor.
        #expect(root["copy"]?.position == "1:7")
        #expect(root.key("name")?.position == "3:6")
        #expect(root["name"]?.scalar?.value == "2")
    }

    @Test func anchorsAreFreshInEachDocument() throws {
        #expect(yamlError("a: &x 1\n---\nb: *x\n")?.location.line == 3)
    }

    @Test func nullScalars() throws {
        let root = try #require(try readYAML("a:\nb: ~\nc: ''\n").first?.root?.mapping)
        #expect(root["a"]?.scalar?.isNull == true)
        #expect(root["b"]?.scalar?.isNull == true)
        #expect(root["c"]?.scalar?.isNull == false)
    }

    @Test func everyPrefixOfAManifestReadsOrFailsCleanly() {
        let bytes = Array(Self.manifest.utf8) + Array("x: &a [1, *a, 'é', \"\\u00e9\"]\n".utf8)
        for end in 0...bytes.count {
            _ = yamlError(Array(bytes[..<end]))
        }
    }
}
