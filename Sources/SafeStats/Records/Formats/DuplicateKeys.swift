import Foundation

/// Finds a key that one JSON object (a JSON Lines record) holds twice. Readers disagree on such
/// objects (Foundation keeps one value, Python's `json` the last), so the same file would be
/// counted differently by different tools: it is a data error.
enum DuplicateKeys {
    /// The first key of the top-level object in `bytes` (valid JSON, decoded into an object of
    /// `distinct` keys) that appears twice, decoded (escapes resolved); nil if every key is
    /// distinct. Counting the keys costs no allocation; only a line with more keys than `distinct`
    /// has its keys compared.
    static func first(in bytes: [UInt8], distinct: Int) -> String? {
        var count = 0
        scan(bytes) { _, _ in count += 1 }
        guard count > distinct else { return nil }
        var seen = Set<String>(), found: String?
        scan(bytes) { start, end in
            guard found == nil else { return }
            let raw = Array(bytes[start...end])
            let key = raw.contains(UInt8(ascii: "\\")) ? (try? JSONDecoder().decode(String.self, from: Data(raw))) ?? String(decoding: raw, as: UTF8.self)
                : String(decoding: raw.dropFirst().dropLast(), as: UTF8.self)
            if !seen.insert(key).inserted { found = key }
        }
        return found
    }

    /// Calls `key` with the first and last byte (the quotes) of every key of the top-level object.
    private static func scan(_ bytes: [UInt8], key: (Int, Int) -> Void) {
        var depth = 0, i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                // A string: find its end, skipping escaped characters.
                var end = i + 1, escaped = false
                while end < bytes.count {
                    if escaped { escaped = false } else if bytes[end] == UInt8(ascii: "\\") { escaped = true } else if bytes[end] == UInt8(ascii: "\"") { break }
                    end += 1
                }
                if depth == 1, end < bytes.count, isKey(bytes, after: end + 1) { key(i, end) }
                i = end + 1
                continue
            }
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
            if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") { depth -= 1 }
            i += 1
        }
    }

    /// Whether the next character after `index`, past white space, is a colon.
    private static func isKey(_ bytes: [UInt8], after index: Int) -> Bool {
        var j = index
        while j < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[j]) { j += 1 }
        return j < bytes.count && bytes[j] == UInt8(ascii: ":")
    }
}
