/// Turns CSV cells and JSON values into `FieldValue`s and checks them against their `FieldType`,
/// applying exactly the rules of `schemas/*.schema.json`.
extension FieldType {
    /// Decodes a non-empty CSV cell. Lists are `;`-separated, items trimmed of spaces.
    func decode(csv cell: String) -> Result<FieldValue, FieldViolation> {
        switch self {
        case .boolean:
            switch cell {
            case "true": return .success(.boolean(true))
            case "false": return .success(.boolean(false))
            default: return .failure(FieldViolation(rule: "type", message: "must be true or false"))
            }
        case .integer:
            guard !cell.isEmpty, cell.utf8.count <= 9, cell.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                  let n = Int(cell) else {
                return .failure(FieldViolation(rule: "type", message: "must be a whole number"))
            }
            return check(.integer(n))
        case .codes, .countries, .identifiers:
            return check(.list(splitList(cell)))
        default:
            return check(.text(cell))
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
        case (.integer, .number(let d)):
            guard d == d.rounded(), abs(d) < 1e15 else {
                return .failure(FieldViolation(rule: "type", message: "must be a whole number"))
            }
            return check(.integer(Int(d)))
        case (.integer, _):
            return .failure(FieldViolation(rule: "type", message: "must be a JSON integer"))
        case (.codes, .array(let items)), (.countries, .array(let items)), (.identifiers, .array(let items)):
            var strings: [String] = []
            strings.reserveCapacity(items.count)
            for item in items {
                guard case .string(let s) = item else {
                    return .failure(FieldViolation(rule: "type", message: "must be an array of strings"))
                }
                strings.append(s)
            }
            return check(.list(strings))
        case (.codes, _), (.countries, _), (.identifiers, _):
            return .failure(FieldViolation(rule: "type", message: "must be a JSON array of strings"))
        case (_, .string(let s)):
            return check(.text(s))
        default:
            return .failure(FieldViolation(rule: "type", message: "must be a JSON string"))
        }
    }

    /// Content rules shared by both formats.
    private func check(_ value: FieldValue) -> Result<FieldValue, FieldViolation> {
        switch (self, value) {
        case (.integer(let range), .integer(let n)):
            guard range.contains(n) else {
                return .failure(FieldViolation(rule: n < range.lowerBound ? "minimum" : "maximum",
                                               message: "must be from \(range.lowerBound) to \(range.upperBound)"))
            }
            return .success(value)
        case (.date, .text(let s)):
            guard let d = ISODate(s) else {
                return .failure(FieldViolation(rule: "format", message: "must be a real date written YYYY-MM-DD"))
            }
            return .success(.date(d))
        case (.codes(let list, let minItems), .list(let items)):
            return checkList(items, minItems: minItems) { FieldType.code(list).checkText($0) }
        case (.countries(let minItems), .list(let items)):
            return checkList(items, minItems: minItems) { FieldType.country.checkText($0) }
        case (.identifiers, .list(let items)):
            return checkList(items, minItems: 0) { FieldType.identifier.checkText($0) }
        case (_, .text(let s)):
            if let violation = checkText(s) { return .failure(violation) }
            return .success(value)
        default:
            return .failure(FieldViolation(rule: "type", message: "has the wrong type"))
        }
    }

    private func checkList(_ items: [String], minItems: Int,
                           item: (String) -> FieldViolation?) -> Result<FieldValue, FieldViolation> {
        guard items.count >= minItems else {
            return .failure(FieldViolation(rule: "minItems", message: "must list at least \(minItems) value"))
        }
        for s in items {
            if let v = item(s) { return .failure(FieldViolation(rule: v.rule, message: "each item " + v.message)) }
        }
        if items.count > 1, hasDuplicates(items) {
            return .failure(FieldViolation(rule: "uniqueItems", message: "must not list the same value twice"))
        }
        return .success(.list(items))
    }

    /// Rules for one string: length, characters, closed lists, patterns.
    private func checkText(_ s: String) -> FieldViolation? {
        switch self {
        case .code(let list):
            return list.contains(s) ? nil
                : FieldViolation(rule: "enum", message: "must be one of: " + list.values.joined(separator: ", "))
        case .country:
            return CountryCodes.isAccepted(s) ? nil
                : FieldViolation(rule: "enum", message: "must be an ISO 3166-1 alpha-3 country code, XXA (stateless) or UNK (unknown)")
        case .region:
            return FieldType.isRegionCode(s) ? nil
                : FieldViolation(rule: "pattern", message: "must be an ISO 3166-2 subdivision code such as AZ-BA")
        case .identifier:
            return FieldType.checkFreeText(s, maxLength: FieldType.identifierMaxLength, forbidBar: false)
        case .name:
            return FieldType.checkFreeText(s, maxLength: FieldType.nameMaxLength, forbidBar: true)
        case .text(let maxLength):
            return FieldType.checkFreeText(s, maxLength: maxLength, forbidBar: false)
        default:
            return FieldViolation(rule: "type", message: "has the wrong type")
        }
    }

    private static func checkFreeText(_ s: String, maxLength: Int, forbidBar: Bool) -> FieldViolation? {
        if s.isEmpty { return FieldViolation(rule: "minLength", message: "must not be empty") }
        var length = 0
        for scalar in s.unicodeScalars {
            length += 1
            if scalar.value < 0x20 || scalar.value == 0x7F {
                return FieldViolation(rule: "pattern", message: "must not contain control characters (tabs, line breaks)")
            }
            if forbidBar && scalar == "|" {
                return FieldViolation(rule: "pattern", message: "must not contain the character |")
            }
        }
        if length > maxLength {
            return FieldViolation(rule: "maxLength", message: "must be at most \(maxLength) characters long")
        }
        return nil
    }

    /// `^[A-Z]{2}-[A-Z0-9]{1,3}$`
    private static func isRegionCode(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard (4...6).contains(u.count), u[2] == UInt8(ascii: "-") else { return false }
        func upper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
        func digit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        return upper(u[0]) && upper(u[1]) && u[3...].allSatisfy { upper($0) || digit($0) }
    }
}

/// Splits a CSV list cell at `;` and trims spaces around each item.
private func splitList(_ cell: String) -> [String] {
    var cell = cell
    return cell.withUTF8 { u in
        var items: [String] = []
        var start = 0
        for i in 0...u.count where i == u.count || u[i] == UInt8(ascii: ";") {
            var a = start, b = i
            while a < b && u[a] == 0x20 { a += 1 }
            while b > a && u[b - 1] == 0x20 { b -= 1 }
            items.append(String(decoding: UnsafeBufferPointer(rebasing: u[a..<b]), as: UTF8.self))
            start = i + 1
        }
        return items
    }
}

private func hasDuplicates(_ items: [String]) -> Bool {
    if items.count <= 8 {
        for i in items.indices { for j in items.indices where j > i && items[i] == items[j] { return true } }
        return false
    }
    return Set(items).count != items.count
}
