/// Maps between byte offsets and the 1-based line and column libyaml counts, for error reporting only.
///
/// Columns count Unicode scalars, as libyaml does. Line breaks are LF, CRLF and CR. A leading UTF-8 byte
/// order mark is not counted, because libyaml skips it. Each lookup walks the text, which is fine on the
/// error path and nowhere else.
struct SourceText {
    let bytes: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private var start: Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// The line and column of the character containing byte `offset`.
    func position(ofByte offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var index = start
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }

    /// The offset of the lead byte of the (possibly broken) character that `offset` is part of.
    func characterStart(containing offset: Int) -> Int {
        var index = min(offset, bytes.count)
        var steps = 0
        while index > 0, steps < 3, bytes[index - 1] & 0xC0 == 0x80 {
            index -= 1
            steps += 1
        }
        if index > 0, bytes[index - 1] >= 0xC0 { index -= 1 }
        return index
    }

    /// The first byte of the character at `line`:`column`, or nil past the end of the text.
    func byte(atLine line: Int, column: Int) -> UInt8? {
        var currentLine = 1, currentColumn = 1
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if currentLine == line && currentColumn == column { return byte }
            if currentLine > line { return nil }
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)) {
                currentLine += 1
                currentColumn = 1
            } else if index + 1 >= bytes.count || bytes[index + 1] & 0xC0 != 0x80 {
                // The last byte of a character moves to the next column.
                currentColumn += 1
            }
            index += 1
        }
        return nil
    }
}
