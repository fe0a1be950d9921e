#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one field of the input contract holds. Each case matches one shape in `schemas/`.
enum FieldType: Sendable {
    /// Free text without control characters (a legal article).
    case text(maxLength: Int)
    /// A personal name: free text without control characters or `|`.
    case name
    /// A record id, case id, national id or passport number.
    case identifier
    /// One code of a closed list.
    case code(CodeList)
    /// A list of distinct codes of a closed list.
    case codes(CodeList, minItems: Int)
    /// An ISO 3166-1 alpha-3 code (or XXA, UNK, XKX).
    case country
    /// A list of distinct country codes.
    case countries(minItems: Int)
    /// A list of distinct identifiers (case ids).
    case identifiers
    /// An ISO 8601 `YYYY-MM-DD` date that exists.
    case date
    /// `true` or `false`.
    case boolean
    /// A whole number in a range.
    case integer(ClosedRange<Int>)
    /// An ISO 3166-2 subdivision code such as `AZ-BA`.
    case region

    /// Longest identifier, in Unicode scalars.
    static let identifierMaxLength = 128
    /// Longest name, in Unicode scalars.
    static let nameMaxLength = 200
}

/// A closed list of codes, in the contract's order, with a fast membership test.
///
/// Copying one costs nothing (no reference count): its codes live in storage made once per code
/// enum (`CodeEnum.codeList`) and kept for the life of the process.
struct CodeList: @unchecked Sendable, Equatable {
    /// Every code's UTF-8, one after another; code `i` ends at `ends[i]`.
    private let bytes: UnsafePointer<UInt8>
    private let ends: UnsafeBufferPointer<Int>
    /// The codes as strings (the enum's own raw values).
    private let strings: UnsafeBufferPointer<String>

    /// Makes the storage of `E`'s list, never freed: only the constant `CodeEnum.codeList` of each
    /// enum calls this.
    init<E: CaseIterable & RawRepresentable>(_: E.Type) where E.RawValue == String {
        let strings = UnsafeMutableBufferPointer<String>.allocate(capacity: E.allCases.count)
        _ = strings.initialize(from: E.allCases.map(\.rawValue))
        self.strings = UnsafeBufferPointer(strings)
        let codes = E.allCases.map { Array($0.rawValue.utf8) }
        let all = codes.flatMap { $0 }
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, all.count))
        bytes.initialize(from: all, count: all.count)
        let ends = UnsafeMutableBufferPointer<Int>.allocate(capacity: codes.count)
        var end = 0
        for (i, code) in codes.enumerated() {
            end += code.count
            ends[i] = end
        }
        self.bytes = UnsafePointer(bytes)
        self.ends = UnsafeBufferPointer(ends)
    }

    /// The number of codes.
    var count: Int { ends.count }

    /// The UTF-8 of code `i`.
    private func code(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let start = i == 0 ? 0 : ends[i - 1]
        return UnsafeBufferPointer(start: bytes + start, count: ends[i] - start)
    }

    /// The codes as strings, in order.
    var values: [String] { Array(strings) }

    /// Code `i` as a string.
    func value(at i: Int) -> String { strings[i] }

    /// The position of the code spelt by `u` in the list; nil if `u` is not a code.
    /// A linear scan: the lists are short, and comparing bytes beats hashing.
    func index(matching u: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = u.baseAddress else { return nil }
        for i in 0..<count {
            let c = code(i)
            if c.count == u.count && memcmp(c.baseAddress!, base, u.count) == 0 { return i }
        }
        return nil
    }

    static func == (a: CodeList, b: CodeList) -> Bool { a.bytes == b.bytes }
}

/// One field of a record kind: its column name, type, and whether it must be present.
struct FieldSpec: Sendable {
    let name: String
    let type: FieldType
    let required: Bool
    /// A direct identifier: removed by pseudonymisation.
    let identifying: Bool

    init(_ name: String, _ type: FieldType, required: Bool = false, identifying: Bool = false) {
        self.name = name
        self.type = type
        self.required = required
        self.identifying = identifying
    }
}

extension FieldSpec {
    /// The direct identifiers of a person (victims and offenders alike), in the contract's order.
    static var personIdentifiers: [FieldSpec] {
        [
            FieldSpec("national_id", .identifier, identifying: true),
            FieldSpec("passport_number", .identifier, identifying: true),
            FieldSpec("passport_country", .country, identifying: true),
            FieldSpec("given_name", .name, identifying: true),
            FieldSpec("family_name", .name, identifying: true),
            FieldSpec("date_of_birth", .date, identifying: true),
        ]
    }
}

/// A decoded field value.
enum FieldValue: Sendable, Equatable {
    case text(String)
    /// A code of a closed list as read: the list's own string and its position in the list (which
    /// is the position of its case in the enum's `allCases`), so no string is compared again.
    case code(String, index: Int)
    /// A list of codes of a closed list as read, by their positions in it.
    case codes([Int], of: CodeList)
    case list([String])
    case date(ISODate)
    case boolean(Bool)
    case integer(Int)
}

/// A broken rule of one field; the message never contains the value.
struct FieldViolation: Error, Equatable, Sendable {
    /// The rule, named after the JSON Schema keyword it matches where there is one.
    let rule: String
    let message: String
}
