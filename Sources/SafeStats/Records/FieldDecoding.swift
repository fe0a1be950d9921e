/// The contents of one present field as a file gives it: the bytes of a non-empty CSV cell (valid
/// UTF-8), or a JSON value other than `null`.
enum FieldCell {
    case csv(UnsafeBufferPointer<UInt8>)
    case json(JSONValue)
}

/// Decodes fields into typed values and checks them against their `FieldType`, applying exactly
/// the rules of `schemas/*.schema.json`. Both formats share the content rules, which work on UTF-8
/// bytes so that CSV cells need no intermediate strings. In CSV, lists are `;`-separated with items
/// trimmed of spaces, booleans are `true`/`false` and integers are digits.
extension FieldType {
    func decodeBoolean(_ cell: FieldCell) -> Result<Bool, FieldViolation> {
        switch cell {
        case .csv(let u):
            if equals(u, "true") { return .success(true) }
            if equals(u, "false") { return .success(false) }
            return .failure(FieldViolation(rule: "type", message: "must be true or false"))
        case .json(.bool(let b)):
            return .success(b)
        case .json:
            return .failure(FieldViolation(rule: "type", message: "must be a JSON boolean"))
        }
    }

    func decodeInteger(_ cell: FieldCell) -> Result<Int, FieldViolation> {
        guard case .integer(let range) = self else { return wrongType() }
        let n: Int
        switch cell {
        case .csv(let u):
            guard u.count <= 9, u.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                return .failure(FieldViolation(rule: "type", message: "must be a whole number"))
            }
            n = u.reduce(0) { $0 * 10 + Int($1 - 48) }
        case .json(.number(let d)):
            guard d == d.rounded(), abs(d) < 1e15 else {
                return .failure(FieldViolation(rule: "type", message: "must be a whole number"))
            }
            n = Int(d)
        case .json:
            return .failure(FieldViolation(rule: "type", message: "must be a JSON integer"))
        }
        guard range.contains(n) else {
            return .failure(FieldViolation(rule: n < range.lowerBound ? "minimum" : "maximum",
                                           message: "must be from \(range.lowerBound) to \(range.upperBound)"))
        }
        return .success(n)
    }

    func decodeDate(_ cell: FieldCell) -> Result<ISODate, FieldViolation> {
        withScalar(cell) { u in
            guard let d = ISODate(utf8: u) else {
                return .failure(FieldViolation(rule: "format", message: "must be a real date written YYYY-MM-DD"))
            }
            return .success(d)
        }
    }

    /// A text field (free text, name, identifier, region or country code), as a string.
    func decodeText(_ cell: FieldCell) -> Result<String, FieldViolation> {
        withScalar(cell) { checkText($0) }
    }

    /// A code field, as its position in its list (which is the position of its case in the enum's
    /// `allCases`).
    func decodeCode(_ cell: FieldCell) -> Result<Int, FieldViolation> {
        guard case .code(let list) = self else { return wrongType() }
        return withScalar(cell) { list.position($0) }
    }

    /// A list field, each item decoded by `item`: at least `minItems` items, none repeated.
    func decodeList<T: Hashable>(_ cell: FieldCell, item: (UnsafeBufferPointer<UInt8>) -> Result<T, FieldViolation>)
        -> Result<[T], FieldViolation> {
        let minItems: Int
        switch self {
        case .codes(_, let m), .countries(let m): minItems = m
        case .identifiers: minItems = 0
        default: return wrongType()
        }
        var items: [T] = []
        var failure: FieldViolation?
        switch cell {
        case .csv(let u):
            let count = u.reduce(1) { $1 == UInt8(ascii: ";") ? $0 + 1 : $0 }
            guard count >= minItems else { return tooFew(minItems) }
            items.reserveCapacity(count)
            // Each `;`-separated item, trimmed of spaces.
            var start = 0
            for i in 0...u.count where i == u.count || u[i] == UInt8(ascii: ";") {
                var a = start, b = i
                while a < b && u[a] == 0x20 { a += 1 }
                while b > a && u[b - 1] == 0x20 { b -= 1 }
                failure = Self.append(UnsafeBufferPointer(rebasing: u[a..<b]), item, to: &items)
                if failure != nil { break }
                start = i + 1
            }
        case .json(.array(let values)):
            guard values.allSatisfy({ if case .string = $0 { true } else { false } }) else {
                return .failure(FieldViolation(rule: "type", message: "must be an array of strings"))
            }
            guard values.count >= minItems else { return tooFew(minItems) }
            for case .string(var s) in values {
                failure = s.withUTF8 { Self.append($0, item, to: &items) }
                if failure != nil { break }
            }
        case .json:
            return .failure(FieldViolation(rule: "type", message: "must be a JSON array of strings"))
        }
        if let failure { return .failure(FieldViolation(rule: failure.rule, message: "each item " + failure.message)) }
        if hasDuplicates(items) {
            return .failure(FieldViolation(rule: "uniqueItems", message: "must not list the same value twice"))
        }
        return .success(items)
    }

    /// The items of a list of codes, as their positions in the code list.
    func decodeCodePositions(_ cell: FieldCell) -> Result<[Int], FieldViolation> {
        guard case .codes(let list, _) = self else { return wrongType() }
        return decodeList(cell) { list.position($0) }
    }

    /// The items of a list of codes, as their enums.
    func decodeCodes<E: CodeEnum>(_ cell: FieldCell, as _: E.Type) -> Result<[E], FieldViolation> {
        guard case .codes(let list, _) = self else { return wrongType() }
        let all = E.allCases
        return decodeList(cell) { list.position($0).map { all[$0] } }
    }

    /// The items of a list of country codes or identifiers, as strings.
    func decodeStrings(_ cell: FieldCell) -> Result<[String], FieldViolation> {
        let itemType: FieldType = if case .countries = self { .country } else { .identifier }
        return decodeList(cell) { itemType.checkText($0) }
    }

    /// Decodes one list item and appends it; the violation if it breaks a rule.
    private static func append<T>(_ u: UnsafeBufferPointer<UInt8>, _ item: (UnsafeBufferPointer<UInt8>) -> Result<T, FieldViolation>,
                                  to items: inout [T]) -> FieldViolation? {
        if u.isEmpty { return FieldViolation(rule: "minLength", message: "must not be empty") }
        switch item(u) {
        case .success(let v): items.append(v); return nil
        case .failure(let v): return v
        }
    }

    private func tooFew<T>(_ minItems: Int) -> Result<T, FieldViolation> {
        .failure(FieldViolation(rule: "minItems", message: "must list at least \(minItems) value"))
    }

    private func wrongType<T>() -> Result<T, FieldViolation> {
        .failure(FieldViolation(rule: "type", message: "has the wrong type"))
    }

    /// Hands the UTF-8 of a scalar field (a CSV cell, or a non-empty JSON string) to `body`.
    private func withScalar<T>(_ cell: FieldCell, _ body: (UnsafeBufferPointer<UInt8>) -> Result<T, FieldViolation>)
        -> Result<T, FieldViolation> {
        switch cell {
        case .csv(let u):
            return body(u)
        case .json(.string(var s)):
            if s.isEmpty { return .failure(FieldViolation(rule: "minLength", message: "must not be empty")) }
            return s.withUTF8(body)
        case .json:
            return .failure(FieldViolation(rule: "type", message: "must be a JSON string"))
        }
    }

    /// Rules for one non-empty text value: closed lists of countries, patterns, length, characters.
    private func checkText(_ u: UnsafeBufferPointer<UInt8>) -> Result<String, FieldViolation> {
        switch self {
        case .country:
            guard let s = CountryCodes.code(matching: u) else {
                return .failure(FieldViolation(rule: "enum", message: "must be an ISO 3166-1 alpha-3 country code, XXA (stateless) or UNK (unknown)"))
            }
            return .success(s)
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
        case .boolean, .integer, .date, .code, .codes, .countries, .identifiers:
            return wrongType()
        }
        return .success(String(decoding: u, as: UTF8.self))
    }

    /// No control characters (U+0000–U+001F, U+007F), no `|` in names, at most `maxLength` scalars.
    private static func checkFreeText(_ u: UnsafeBufferPointer<UInt8>, maxLength: Int, forbidBar: Bool) -> FieldViolation? {
        // Eight bytes at a time while no rule is broken; the bytes of a word that breaks one, and
        // the last few, one by one.
        var i = 0
        if let base = u.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= u.count {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // A byte below 0x20 (exact for "any": a borrow only follows a byte that is one).
                let control = (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080
                let bar = forbidBar ? ByteWords.equal(w, UInt8(ascii: "|")) : 0
                if control | ByteWords.equal(w, 0x7F) | bar != 0 { break }
                i += 8
            }
        }
        for b in u[i...] {
            if b < 0x20 || b == 0x7F {
                return FieldViolation(rule: "pattern", message: "must not contain control characters (tabs, line breaks)")
            }
            if forbidBar && b == UInt8(ascii: "|") {
                return FieldViolation(rule: "pattern", message: "must not contain the character |")
            }
        }
        // A scalar is one to four bytes: only text longer in bytes than allowed in scalars needs counting.
        if u.count > maxLength, u.reduce(0, { $1 & 0xC0 != 0x80 ? $0 + 1 : $0 }) > maxLength {
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

extension CodeList {
    /// The position of the code spelt by `u`, or the violation of a value that is not one.
    func position(_ u: UnsafeBufferPointer<UInt8>) -> Result<Int, FieldViolation> {
        guard let i = index(matching: u) else {
            return .failure(FieldViolation(rule: "enum", message: "must be one of: " + values.joined(separator: ", ")))
        }
        return .success(i)
    }
}

private func equals(_ u: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
    s.withUTF8Buffer { $0.elementsEqual(u) }
}

private func hasDuplicates<T: Hashable>(_ items: [T]) -> Bool {
    if items.count <= 8 {
        for i in items.indices { for j in items.indices where j > i && items[i] == items[j] { return true } }
        return false
    }
    return Set(items).count != items.count
}
