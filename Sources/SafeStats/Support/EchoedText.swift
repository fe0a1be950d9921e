/// Text from the command line or a file, as a message repeats it: at most `limit` characters, so
/// that a value of 100,000 characters costs a line, not 200 KB of standard error; a longer one is
/// cut, with how long it was. Control characters are shown as `?`, so that the echo stays on one
/// line and cannot move the terminal's cursor.
public enum EchoedText {
    public static let limit = 80

    public static func capped(_ text: String, limit: Int = limit) -> String {
        let clean = String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit + 1).map { $0.properties.generalCategory == .control ? "?" : $0 }))
        guard text.unicodeScalars.count > limit else { return clean }
        return String(String.UnicodeScalarView(clean.unicodeScalars.prefix(limit))) + "… (\(text.unicodeScalars.count) characters)"
    }
}
