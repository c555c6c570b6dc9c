/// The console's rule for names and descriptions: 1–100 characters, not starting with a URL scheme.
enum ConsoleText {
    /// The problem with `text` as a name or description, or nil.
    static func problem(with text: String) -> String? {
        if text.isEmpty || text.count > 100 { return "must be 1–100 characters long, is \(text.count)" }
        let lowered = text.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return "must not start with http:// or https://" }
        return nil
    }
}
