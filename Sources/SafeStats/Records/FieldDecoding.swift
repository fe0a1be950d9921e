/// Turns CSV cells and JSON values into `FieldValue`s and checks them against their `FieldType`,
/// applying exactly the rules of `schemas/*.schema.json`. Both formats share the content rules,
/// which work on UTF-8 bytes so that CSV cells need no intermediate strings.
extension FieldType {
    /// Decodes a non-empty CSV cell (valid UTF-8). Lists are `;`-separated, items trimmed of spaces;
    /// booleans are `true`/`false`; integers are digits.
    func decode(csv cell: UnsafeBufferPointer<UInt8>) -> Result<FieldValue, FieldViolation> {
        switch self {
        case .boolean:
            if equals(cell, "true") { return .success(.boolean(true)) }
            if equals(cell, "false") { return .success(.boolean(false)) }
            return .failure(FieldViolation(rule: "type", message: "must be true or false"))
        case .integer(let range):
            guard cell.count <= 9, cell.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                return .failure(FieldViolation(rule: "type", message: "must be a whole number"))
            }
            return Self.check(cell.reduce(0) { $0 * 10 + Int($1 - 48) }, in: range)
        case .codes, .countries, .identifiers:
            return decodeList(count: cell.reduce(1) { $1 == UInt8(ascii: ";") ? $0 + 1 : $0 }) { body in
                forEachListItem(cell, body)
            }
        default:
            return checkScalar(cell)
        }
    }

    /// Decodes a JSON value; `nil` for JSON `null`, which counts as absent.
    func decode(json value: JSONValue) -> Result<FieldValue, FieldViolation>? {
        switch (self, value) {
        case (_, .null):
            return nil
        case (.boolean, .bool(let b)):
            return .success(.boolean(b))
        case (.boolean, _):
            return .failure(FieldViolation(rule: "type", message: "must be a JSON boolean"))
        case (.integer(let range), .number(let d)):
            guard d == d.rounded(), abs(d) < 1e15 else {
                return .failure(FieldViolation(rule: "type", message: "must be a whole number"))
            }
            return Self.check(Int(d), in: range)
        case (.integer, _):
            return .failure(FieldViolation(rule: "type", message: "must be a JSON integer"))
        case (.codes, .array(let items)), (.countries, .array(let items)), (.identifiers, .array(let items)):
            var strings: [String] = []
            for item in items {
                guard case .string(let s) = item else {
                    return .failure(FieldViolation(rule: "type", message: "must be an array of strings"))
                }
                strings.append(s)
            }
            return decodeList(count: strings.count) { body in
                for var s in strings {
                    guard s.withUTF8(body) else { return }
                }
            }
        case (.codes, _), (.countries, _), (.identifiers, _):
            return .failure(FieldViolation(rule: "type", message: "must be a JSON array of strings"))
        case (_, .string(let s)):
            var s = s
            if s.isEmpty { return .failure(FieldViolation(rule: "minLength", message: "must not be empty")) }
            return s.withUTF8 { checkScalar($0) }
        default:
            return .failure(FieldViolation(rule: "type", message: "must be a JSON string"))
        }
    }

    private static func check(_ n: Int, in range: ClosedRange<Int>) -> Result<FieldValue, FieldViolation> {
        guard range.contains(n) else {
            return .failure(FieldViolation(rule: n < range.lowerBound ? "minimum" : "maximum",
                                           message: "must be from \(range.lowerBound) to \(range.upperBound)"))
        }
        return .success(.integer(n))
    }

    /// Checks each item and the list rules (at least `minItems`, no repeats). `forEachItem` hands
    /// the `count` items over one by one, and stops when its body returns false.
    private func decodeList(count: Int, forEachItem: (_ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Void)
        -> Result<FieldValue, FieldViolation> {
        let minItems: Int
        switch self {
        case .codes(_, let m), .countries(let m): minItems = m
        default: minItems = 0
        }
        guard count >= minItems else {
            return .failure(FieldViolation(rule: "minItems", message: "must list at least \(minItems) value"))
        }
        // Codes are kept as their positions in the list, other items as strings.
        var values: [String] = []
        var positions: [Int] = []
        var failure: FieldViolation?
        forEachItem { item in
            switch checkItem(item) {
            case .success(.code(_, let i)): positions.append(i); return true
            case .success(.text(let s)): values.append(s); return true
            case .success: failure = FieldViolation(rule: "type", message: "has the wrong type"); return false
            case .failure(let v): failure = v; return false
            }
        }
        if let failure { return .failure(FieldViolation(rule: failure.rule, message: "each item " + failure.message)) }
        if hasDuplicates(values) || hasDuplicates(positions) {
            return .failure(FieldViolation(rule: "uniqueItems", message: "must not list the same value twice"))
        }
        if case .codes(let list, _) = self { return .success(.codes(positions, of: list)) }
        return .success(.list(values))
    }

    /// One item of a list field.
    private func checkItem(_ u: UnsafeBufferPointer<UInt8>) -> Result<FieldValue, FieldViolation> {
        let itemType: FieldType
        switch self {
        case .codes(let list, _): itemType = .code(list)
        case .countries: itemType = .country
        default: itemType = .identifier
        }
        if u.isEmpty { return .failure(FieldViolation(rule: "minLength", message: "must not be empty")) }
        return itemType.checkScalar(u)
    }

    /// Rules for one non-empty string value: dates, closed lists, patterns, length, characters.
    /// Codes come back as the code list's own strings, so they cost no allocation.
    private func checkScalar(_ u: UnsafeBufferPointer<UInt8>) -> Result<FieldValue, FieldViolation> {
        switch self {
        case .date:
            guard let d = ISODate(utf8: u) else {
                return .failure(FieldViolation(rule: "format", message: "must be a real date written YYYY-MM-DD"))
            }
            return .success(.date(d))
        case .code(let list):
            guard let i = list.index(matching: u) else {
                return .failure(FieldViolation(rule: "enum", message: "must be one of: " + list.values.joined(separator: ", ")))
            }
            return .success(.code(list.values[i], index: i))
        case .country:
            guard let s = CountryCodes.code(matching: u) else {
                return .failure(FieldViolation(rule: "enum", message: "must be an ISO 3166-1 alpha-3 country code, XXA (stateless) or UNK (unknown)"))
            }
            return .success(.text(s))
        case .region:
            guard Self.isRegionCode(u) else {
                return .failure(FieldViolation(rule: "pattern", message: "must be an ISO 3166-2 subdivision code such as AZ-BA"))
            }
        case .identifier:
            if let v = Self.checkFreeText(u, maxLength: FieldType.identifierMaxLength, forbidBar: false) { return .failure(v) }
        case .name:
            if let v = Self.checkFreeText(u, maxLength: FieldType.nameMaxLength, forbidBar: true) { return .failure(v) }
        case .text(let maxLength):
            if let v = Self.checkFreeText(u, maxLength: maxLength, forbidBar: false) { return .failure(v) }
        case .boolean, .integer, .codes, .countries, .identifiers:
            return .failure(FieldViolation(rule: "type", message: "has the wrong type"))
        }
        return .success(.text(String(decoding: u, as: UTF8.self)))
    }

    /// No control characters (U+0000–U+001F, U+007F), no `|` in names, at most `maxLength` scalars.
    private static func checkFreeText(_ u: UnsafeBufferPointer<UInt8>, maxLength: Int, forbidBar: Bool) -> FieldViolation? {
        var length = 0
        for b in u {
            if b & 0xC0 != 0x80 { length += 1 }  // not a continuation byte: one more scalar
            if b < 0x20 || b == 0x7F {
                return FieldViolation(rule: "pattern", message: "must not contain control characters (tabs, line breaks)")
            }
            if forbidBar && b == UInt8(ascii: "|") {
                return FieldViolation(rule: "pattern", message: "must not contain the character |")
            }
        }
        if length > maxLength {
            return FieldViolation(rule: "maxLength", message: "must be at most \(maxLength) characters long")
        }
        return nil
    }

    /// `^[A-Z]{2}-[A-Z0-9]{1,3}$`
    private static func isRegionCode(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard (4...6).contains(u.count), u[2] == UInt8(ascii: "-") else { return false }
        func upper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
        func digit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        return upper(u[0]) && upper(u[1]) && u[3...].allSatisfy { upper($0) || digit($0) }
    }
}

private func equals(_ u: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
    s.withUTF8Buffer { $0.elementsEqual(u) }
}

/// Hands each `;`-separated item of a CSV list cell, trimmed of spaces, to `body`, until it returns false.
private func forEachListItem(_ u: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) {
    var start = 0
    for i in 0...u.count where i == u.count || u[i] == UInt8(ascii: ";") {
        var a = start, b = i
        while a < b && u[a] == 0x20 { a += 1 }
        while b > a && u[b - 1] == 0x20 { b -= 1 }
        guard body(UnsafeBufferPointer(rebasing: u[a..<b])) else { return }
        start = i + 1
    }
}

private func hasDuplicates<T: Hashable>(_ items: [T]) -> Bool {
    if items.count <= 8 {
        for i in items.indices { for j in items.indices where j > i && items[i] == items[j] { return true } }
        return false
    }
    return Set(items).count != items.count
}
