/// The messages that pseudonyms are computed from (DESIGN.md, "Pseudonymisation"), after normalisation v1.
public enum IdentifierMessage {
    /// `nid:<ID>`, `pp:<COUNTRY>:<NUMBER>` and `name-dob:<FAMILY>|<GIVEN>|<YYYY-MM-DD>`, for each
    /// identifier that is usable (present and non-empty after normalisation).
    public static func person(_ ids: PersonIdentifiers) -> [String] {
        var names = NameNormaliser()
        return person(ids, names: &names)
    }

    /// As `person(_:)`, normalising names through a cache.
    static func person(_ ids: PersonIdentifiers, names: inout NameNormaliser) -> [String] {
        var messages: [String] = []
        forEachPerson(ids, names: &names) { messages.append(String(decoding: $0, as: UTF8.self)) }
        return messages
    }

    /// Builds each usable person message as UTF-8 bytes and hands it to `body`, in the order
    /// `nid`, `pp`, `name-dob`, in one buffer reused from record to record.
    static func forEachPerson(_ ids: PersonIdentifiers, names: inout NameNormaliser,
                              _ body: (UnsafeRawBufferPointer) -> Void) {
        var m = names.takeMessageBuffer()
        defer { names.returnMessageBuffer(m) }
        func start(_ prefix: StaticString) -> Int {
            m.removeAll(keepingCapacity: true)
            prefix.withUTF8Buffer { m.append(contentsOf: $0) }
            return m.count
        }
        if let raw = ids.nationalID {
            let from = start("nid:")
            Normalisation.appendIdentifier(raw, to: &m)
            if m.count > from { m.withUnsafeBytes(body) }
        }
        if let rawNumber = ids.passportNumber, let rawCountry = ids.passportCountry {
            let from = start("pp:")
            Normalisation.appendIdentifier(rawCountry, to: &m)
            let country = m.count - from
            m.append(UInt8(ascii: ":"))
            let numberFrom = m.count
            Normalisation.appendIdentifier(rawNumber, to: &m)
            if country > 0 && m.count > numberFrom { m.withUnsafeBytes(body) }
        }
        if let dob = ids.dateOfBirth, let familyName = ids.familyName, let givenName = ids.givenName,
           case let family = names.name(familyName), !family.isEmpty,
           case let given = names.name(givenName), !given.isEmpty {
            _ = start("name-dob:")
            m.append(contentsOf: family.utf8)
            m.append(UInt8(ascii: "|"))
            m.append(contentsOf: given.utf8)
            m.append(UInt8(ascii: "|"))
            dob.withUTF8 { m.append(contentsOf: $0) }
            m.withUnsafeBytes(body)
        }
    }

    /// `case:<case_id>`.
    public static func caseID(_ id: String) -> String {
        withCaseID(id) { String(decoding: $0, as: UTF8.self) }
    }

    /// `record:<victims|offenders>:<record_id>`.
    public static func recordID(_ id: String, kind: RecordKind) -> String {
        withRecordID(id, kind: kind) { String(decoding: $0, as: UTF8.self) }
    }

    /// Hands the UTF-8 of `caseID(id)` to `body`, built in a buffer on the stack.
    static func withCaseID<R>(_ id: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        withMessage(prefix: "case:", id: id, body)
    }

    /// Hands the UTF-8 of `recordID(id, kind:)` to `body`, built in a buffer on the stack.
    static func withRecordID<R>(_ id: String, kind: RecordKind, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let prefix: StaticString = switch kind {
        case .victims: "record:victims:"
        case .cases: "record:cases:"
        case .offenders: "record:offenders:"
        }
        return withMessage(prefix: prefix, id: id, body)
    }

    /// `prefix`, then the id normalised as a reference.
    private static func withMessage<R>(prefix: StaticString, id: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var reference = Normalisation.reference(id)
        return reference.withUTF8 { ref in
            let start = prefix.utf8CodeUnitCount
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: start + ref.count) { m in
                _ = UnsafeMutableBufferPointer(rebasing: m[..<start]).initialize(from: UnsafeBufferPointer(start: prefix.utf8Start, count: start))
                _ = UnsafeMutableBufferPointer(rebasing: m[start...]).initialize(from: ref)
                return body(UnsafeRawBufferPointer(m))
            }
        }
    }
}

/// Normalises names through a bounded cache: registers repeat the same names over and over, and
/// NFKC plus upper-casing cost far more than a lookup.
struct NameNormaliser {
    /// Raw name bytes → normalised name.
    private var cache = ByteKeyTable<String>()
    static let capacity = 200_000

    /// The buffer person messages are built in, kept between records to save an allocation each.
    private var messageBuffer: [UInt8] = []

    mutating func takeMessageBuffer() -> [UInt8] {
        defer { messageBuffer = [] }
        return messageBuffer
    }

    mutating func returnMessageBuffer(_ buffer: [UInt8]) {
        messageBuffer = buffer
    }

    mutating func name(_ s: String) -> String {
        if cache.count >= Self.capacity { cache.removeAll() }
        return cache.value(for: s) { Normalisation.name(s) }
    }
}
