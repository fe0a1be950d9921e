import Foundation

/// Checks a JSON value against a JSON Schema (draft 2020-12) with the keywords safestats' own
/// schemas use (`keywords`), so that a file is held to the rules its schema states, in Swift,
/// before anything reads it. Patterns are ECMA-262 as the draft says: `$` is the end of the text
/// only (not before a last line break, as in Python's `re`).
///
/// The schemas are given by their `$id`; `$ref` may name another of them
/// (`https://…/tables.schema.json#/$defs/dimension`) or a place in the same one (`#/$defs/table`).
struct JSONSchemaCheck: Sendable {
    /// The keywords checked, and those that only describe (`$defs` holds what `$ref` names).
    static let keywords: Set<String> = [
        "type", "enum", "const", "pattern", "minLength", "minimum", "maximum", "exclusiveMinimum", "items", "minItems",
        "uniqueItems", "properties", "required", "additionalProperties", "propertyNames", "$ref", "anyOf", "oneOf", "not",
        "if", "then", "else",
    ]
    static let annotations: Set<String> = ["$schema", "$id", "$defs", "title", "description"]

    /// What is wrong, and where: `tables[2].id`, `groupings.residence.others` (empty for the whole value).
    struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        let path: String
        let message: String
        var description: String { path.isEmpty ? message : "\(path): \(message)" }
    }

    /// The schemas, by `$id`.
    let schemas: [String: JSONValue]

    init(schemas: [JSONValue]) {
        var byID: [String: JSONValue] = [:]
        for schema in schemas {
            if case .object(let o) = schema, case .string(let id)? = o["$id"] { byID[id] = schema }
        }
        self.schemas = byID
    }

    /// The first problem of `value` against the schema `id` (instance keys in sorted order), nil if it conforms.
    func problem(_ value: JSONValue, against id: String) -> Problem? {
        guard let schema = schemas[id] else { return Problem(path: "", message: "no schema \(id)") }
        return check(value, schema, document: id, at: Path())
    }

    /// A place in the value being checked.
    struct Path {
        var text = ""
        func key(_ key: String) -> Path { Path(text: text.isEmpty ? key : text + "." + key) }
        func index(_ n: Int) -> Path { Path(text: text + "[\(n)]") }
    }

    private func check(_ value: JSONValue, _ schema: JSONValue, document: String, at path: Path) -> Problem? {
        guard case .object(let s) = schema else {
            // true allows everything, false nothing.
            return schema == .bool(false) ? Problem(path: path.text, message: "not allowed here") : nil
        }
        func fail(_ message: String) -> Problem { Problem(path: path.text, message: message) }
        if let unknown = s.keys.sorted().first(where: { !Self.keywords.contains($0) && !Self.annotations.contains($0) }) {
            return fail("the schema uses \(unknown), which safestats does not check")
        }
        if let type = s["type"], !Self.types(of: type).contains(where: { Self.value(value, is: $0) }) {
            return fail("must be " + Self.types(of: type).map(Self.article).joined(separator: " or "))
        }
        if let constant = s["const"], value != constant { return fail("must be \(Self.render(constant))") }
        if case .array(let allowed)? = s["enum"], !allowed.contains(value) { return fail("must be " + Self.oneOf(allowed)) }
        if let problem = checkKind(value, s, document: document, at: path) { return problem }
        return checkCombined(value, s, document: document, at: path)
    }

    /// The keywords of one kind of value: strings, numbers, arrays, objects.
    private func checkKind(_ value: JSONValue, _ s: [String: JSONValue], document: String, at path: Path) -> Problem? {
        func fail(_ message: String) -> Problem { Problem(path: path.text, message: message) }
        switch value {
        case .string(let text):
            if case .string(let pattern)? = s["pattern"], !Self.matches(text, pattern) { return fail("must match \(pattern)") }
            if case .number(let least)? = s["minLength"], Double(text.unicodeScalars.count) < least {
                return fail(least == 1 ? "must not be empty" : "must have at least \(Self.render(.number(least))) characters")
            }
        case .number(let n):
            if case .number(let least)? = s["minimum"], n < least { return fail("must be at least \(Self.render(.number(least)))") }
            if case .number(let most)? = s["maximum"], n > most { return fail("must be at most \(Self.render(.number(most)))") }
            if case .number(let above)? = s["exclusiveMinimum"], n <= above { return fail("must be above \(Self.render(.number(above)))") }
        case .array(let items):
            if case .number(let least)? = s["minItems"], Double(items.count) < least {
                return fail(least == 1 ? "must not be empty" : "must have at least \(Self.render(.number(least))) items")
            }
            if let item = s["items"] {
                for (n, element) in items.enumerated() {
                    if let problem = check(element, item, document: document, at: path.index(n)) { return problem }
                }
            }
            if s["uniqueItems"] == .bool(true) {
                for (n, element) in items.enumerated() where items[..<n].contains(element) {
                    return Problem(path: path.index(n).text, message: "repeats an earlier item")
                }
            }
        case .object(let members):
            if let problem = checkObject(members, s, document: document, at: path) { return problem }
        case .null, .bool:
            break
        }
        return nil
    }

    private func checkObject(_ members: [String: JSONValue], _ s: [String: JSONValue], document: String, at path: Path) -> Problem? {
        if case .array(let required)? = s["required"] {
            for case .string(let key) in required where members[key] == nil { return Problem(path: path.key(key).text, message: "missing") }
        }
        var properties: [String: JSONValue] = [:]
        if case .object(let p)? = s["properties"] { properties = p }
        for key in members.keys.sorted() {
            if let names = s["propertyNames"], let problem = check(.string(key), names, document: document, at: path.key(key)) {
                return Problem(path: problem.path, message: "the name " + problem.message)
            }
            if let property = properties[key] {
                if let problem = check(members[key]!, property, document: document, at: path.key(key)) { return problem }
            } else if let others = s["additionalProperties"] {
                if others == .bool(false) { return Problem(path: path.key(key).text, message: "unknown field") }
                if let problem = check(members[key]!, others, document: document, at: path.key(key)) { return problem }
            }
        }
        return nil
    }

    /// `$ref`, `anyOf`, `oneOf`, `not` and `if`/`then`/`else`.
    private func checkCombined(_ value: JSONValue, _ s: [String: JSONValue], document: String, at path: Path) -> Problem? {
        func fail(_ message: String) -> Problem { Problem(path: path.text, message: message) }
        if case .string(let reference)? = s["$ref"] {
            guard let (target, schema) = resolve(reference, from: document) else { return fail("the schema's $ref \(reference) names nothing") }
            if let problem = check(value, schema, document: target, at: path) { return problem }
        }
        if case .array(let branches)? = s["anyOf"] {
            let problems = branches.map { check(value, $0, document: document, at: path) }
            if !problems.contains(where: { $0 == nil }) { return Self.either(problems.compactMap { $0 }, at: path) }
        }
        if case .array(let branches)? = s["oneOf"] {
            let problems = branches.map { check(value, $0, document: document, at: path) }
            switch problems.filter({ $0 == nil }).count {
            case 1: break
            case 0: return Self.discriminated(value, branches, problems.compactMap { $0 }, at: path)
            default: return fail("matches more than one of the forms it may take")
            }
        }
        if let excluded = s["not"], check(value, excluded, document: document, at: path) == nil {
            if case .object(let e) = excluded, let constant = e["const"] { return fail("must not be \(Self.render(constant))") }
            return fail("is not allowed here")
        }
        if let condition = s["if"] {
            let branch = check(value, condition, document: document, at: path) == nil ? s["then"] : s["else"]
            if let branch, let problem = check(value, branch, document: document, at: path) { return problem }
        }
        return nil
    }

    /// The schema `reference` names, and the `$id` of the schema it is in.
    private func resolve(_ reference: String, from document: String) -> (String, JSONValue)? {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let target = parts[0].isEmpty ? document : parts[0]
        guard var node = schemas[target] else { return nil }
        for token in (parts.count > 1 ? parts[1] : "").split(separator: "/").map(String.init) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard case .object(let o) = node, let next = o[key] else { return nil }
            node = next
        }
        return (target, node)
    }

    /// The problem of a value that meets no branch of `anyOf`: the one found deepest in the value,
    /// or where all are at the value itself, each branch's message.
    private static func either(_ problems: [Problem], at path: Path) -> Problem {
        let deepest = problems.max { $0.path.count < $1.path.count }!
        guard deepest.path == path.text else { return deepest }
        return Problem(path: path.text, message: problems.map(\.message).joined(separator: "; or "))
    }

    /// The problem of a value that meets no branch of `oneOf`. When the branches are objects told
    /// apart by a property's `const` (the `of` of a grouping), the problem of the branch the value
    /// names, or that the property must name one; else as for `anyOf`.
    private static func discriminated(_ value: JSONValue, _ branches: [JSONValue], _ problems: [Problem], at path: Path) -> Problem {
        let tags: [[String: JSONValue]] = branches.map { branch in
            guard case .object(let b) = branch, case .object(let properties)? = b["properties"] else { return [:] }
            return properties.compactMapValues { property -> JSONValue? in
                guard case .object(let p) = property else { return nil }
                return p["const"]
            }
        }
        guard case .object(let members) = value, let key = tags.first?.keys.sorted().first(where: { k in tags.allSatisfy { $0[k] != nil } }) else {
            return either(problems, at: path)
        }
        if let n = tags.firstIndex(where: { $0[key] == members[key] }) { return problems[n] }
        return Problem(path: path.key(key).text, message: members[key] == nil ? "missing" : "must be " + oneOf(tags.map { $0[key]! }))
    }

    private static func types(of type: JSONValue) -> [String] {
        switch type {
        case .string(let t): [t]
        case .array(let ts): ts.compactMap { if case .string(let t) = $0 { t } else { nil } }
        default: []
        }
    }

    private static func value(_ value: JSONValue, is type: String) -> Bool {
        switch (value, type) {
        case (.string, "string"), (.bool, "boolean"), (.object, "object"), (.array, "array"), (.null, "null"), (.number, "number"): true
        case (.number(let n), "integer"): n.isFinite && n.rounded() == n
        default: false
        }
    }

    private static func article(_ type: String) -> String {
        ["integer": "an integer", "array": "an array", "object": "an object", "null": "null"][type] ?? "a \(type)"
    }

    /// "one of a, b, c", or the first few of a long list and how many it has.
    private static func oneOf(_ values: [JSONValue]) -> String {
        let shown = values.prefix(values.count > 8 ? 5 : values.count).map(render).joined(separator: ", ")
        return values.count > 8 ? "one of \(values.count) values (\(shown), …)" : "one of \(shown)"
    }

    private static func render(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): s
        case .number(let n): n.rounded() == n && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): String(b)
        case .null: "null"
        case .array, .object: "the schema's value"
        }
    }

    /// Whether `pattern` (ECMA-262) matches somewhere in `text`. ICU, which runs it, reads `$` as
    /// the end or before a last line break; ECMA-262 as the end only, so `$` outside a class is
    /// given to ICU as `\z`.
    static func matches(_ text: String, _ pattern: String) -> Bool {
        var translated = "", escaped = false, inClass = false
        for c in pattern {
            if escaped { translated.append(c); escaped = false; continue }
            switch c {
            case "\\": escaped = true; translated.append(c)
            case "[": inClass = true; translated.append(c)
            case "]": inClass = false; translated.append(c)
            case "$" where !inClass: translated += "\\z"
            default: translated.append(c)
            }
        }
        guard let regex = try? NSRegularExpression(pattern: translated) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
