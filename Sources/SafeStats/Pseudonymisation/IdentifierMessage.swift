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
    /// `nid`, `pp`, `name-dob`, without building intermediate strings.
    static func forEachPerson(_ ids: PersonIdentifiers, names: inout NameNormaliser,
                              _ body: (UnsafeRawBufferPointer) -> Void) {
        var m: [UInt8] = []
        m.reserveCapacity(128)
        func emit(_ parts: String...) {
            m.removeAll(keepingCapacity: true)
            for part in parts { m.append(contentsOf: part.utf8) }
            m.withUnsafeBytes(body)
        }
        if let raw = ids.nationalID, case let nid = Normalisation.identifier(raw), !nid.isEmpty {
            emit("nid:", nid)
        }
        if let rawNumber = ids.passportNumber, let rawCountry = ids.passportCountry,
           case let number = Normalisation.identifier(rawNumber), !number.isEmpty,
           case let country = Normalisation.identifier(rawCountry), !country.isEmpty {
            emit("pp:", country, ":", number)
        }
        if let dob = ids.dateOfBirth, let familyName = ids.familyName, let givenName = ids.givenName,
           case let family = names.name(familyName), !family.isEmpty,
           case let given = names.name(givenName), !given.isEmpty {
            emit("name-dob:", family, "|", given, "|", dob.description)
        }
    }

    /// `case:<case_id>`.
    public static func caseID(_ id: String) -> String {
        "case:" + Normalisation.reference(id)
    }

    /// `record:<victims|offenders>:<record_id>`.
    public static func recordID(_ id: String, kind: RecordKind) -> String {
        "record:" + kind.rawValue + ":" + Normalisation.reference(id)
    }
}

/// Normalises names through a bounded cache: registers repeat the same names over and over, and
/// NFKC plus upper-casing cost far more than a lookup.
struct NameNormaliser {
    /// Raw name bytes → normalised name.
    private var cache = ByteKeyTable<String>()
    static let capacity = 200_000

    mutating func name(_ s: String) -> String {
        if let hit = cache.value(for: s) { return hit }
        let n = Normalisation.name(s)
        if cache.count >= Self.capacity { cache.removeAll() }
        _ = cache.insertIfAbsent(s, n)
        return n
    }
}
