import CYAML

extension YAMLError {
    /// Translates the error libyaml stopped with into a positioned message a user can act on.
    ///
    /// libyaml's own wording ("did not find expected key") describes the parser, not the mistake; the
    /// common mistakes (tabs, bad indentation, unclosed quotes, invalid UTF-8) get their own message and
    /// a hint, everything else keeps libyaml's words with its context.
    init(libyaml parser: yaml_parser_t, input: UnsafeBufferPointer<UInt8>, file: String) {
        let text = SourceText(input)
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            self.init(
                message: "out of memory while reading YAML",
                location: SourceLocation(file: file, line: 1, column: 1)
            )
        case YAML_READER_ERROR:
            var offset = parser.problem_offset
            if problem.contains("trailing") {
                // libyaml points at the bad continuation byte; the user's character starts at its lead byte.
                offset = text.characterStart(containing: offset)
            }
            let position = text.position(ofByte: offset)
            let location = SourceLocation(file: file, line: position.line, column: position.column)
            self.init(readerProblem: problem, value: parser.problem_value, location: location)
        default:
            let context = parser.context.map { String(cString: $0) }
            self.init(
                syntaxProblem: problem, at: parser.problem_mark,
                context: context, contextMark: parser.context_mark, text: text, file: file
            )
        }
    }

    private init(readerProblem problem: String, value: Int32, location: SourceLocation) {
        if problem.contains("control characters") {
            let code = "U+" + hex(Int(value), digits: 4)
            self.init(
                message: "control character \(code) is not allowed in YAML",
                hint: "remove it, or write it as an escape inside a double-quoted string",
                location: location
            )
            return
        }
        var detail = problem
        if problem.contains("octet"), value >= 0 {
            detail += " 0x" + hex(Int(value), digits: 2)
        } else if problem.contains("Unicode character"), value >= 0 {
            detail += " U+" + hex(Int(value), digits: 4)
        }
        self.init(
            message: "the file is not valid UTF-8: \(detail)",
            hint: "save the file with UTF-8 encoding",
            location: location
        )
    }

    private init(
        syntaxProblem problem: String, at mark: yaml_mark_t,
        context: String?, contextMark: yaml_mark_t, text: SourceText, file: String
    ) {
        func location(_ mark: yaml_mark_t) -> SourceLocation {
            SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }
        let here = location(mark)
        let contextHere = location(contextMark)
        let start = "\(contextHere.line):\(contextHere.column)"

        if text.byte(atLine: here.line, column: here.column) == UInt8(ascii: "\t") {
            self.init(
                message: "found a tab character where indentation is expected",
                hint: "indent with spaces; YAML does not allow tabs for indentation",
                location: here
            )
        } else if let context, context.contains("quoted scalar"),
                  problem.contains("end of stream") || problem.contains("document indicator") {
            let quote = text.byte(atLine: contextHere.line, column: contextHere.column) == UInt8(ascii: "'")
                ? "single" : "double"
            self.init(
                message: "unclosed \(quote) quote: the quoted string starting here never ends",
                hint: "add the closing \(quote == "single" ? "'" : "\"") at the end of the value",
                location: contextHere
            )
        } else if problem == "did not find expected key" {
            self.init(
                message: "bad indentation: expected a key of the mapping that starts at \(start)",
                hint: "indent this line with spaces to line up with the keys it belongs to",
                location: here
            )
        } else if problem == "did not find expected '-' indicator" {
            self.init(
                message: "bad indentation: expected a '-' item of the list that starts at \(start)",
                hint: "indent this line with spaces to line up with the items it belongs to",
                location: here
            )
        } else if problem == "mapping values are not allowed in this context" {
            self.init(
                message: "a ':' is not allowed here",
                hint: "check the indentation of this line, or quote the value if it contains ': '",
                location: here
            )
        } else if problem.hasPrefix("did not find expected ',' or") {
            self.init(
                message: "\(problem) in the flow collection that starts at \(start)",
                hint: "separate the items with ',' and close the collection",
                location: here
            )
        } else if problem == "found character that cannot start any token" {
            self.init(
                message: "found a character that cannot start a value",
                hint: "quote the value if it starts with a special character such as '@' or '`'",
                location: here
            )
        } else {
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " \(context)"
                if contextHere != here { message += " that starts at \(start)" }
            }
            self.init(message: message, location: here)
        }
    }
}

private func hex(_ value: Int, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
}
