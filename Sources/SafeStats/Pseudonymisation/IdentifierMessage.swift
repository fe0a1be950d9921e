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
        if let nid = ids.nationalID.map(Normalisation.identifier), !nid.isEmpty {
            messages.append("nid:" + nid)
        }
        if let number = ids.passportNumber.map(Normalisation.identifier), !number.isEmpty,
           let country = ids.passportCountry.map(Normalisation.identifier), !country.isEmpty {
            messages.append("pp:" + country + ":" + number)
        }
        if let dob = ids.dateOfBirth, let familyName = ids.familyName, let givenName = ids.givenName,
           case let family = names.name(familyName), !family.isEmpty,
           case let given = names.name(givenName), !given.isEmpty {
            messages.append("name-dob:" + family + "|" + given + "|" + dob.description)
        }
        return messages
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
    private var cache: [String: String] = [:]
    static let capacity = 200_000

    mutating func name(_ s: String) -> String {
        if let hit = cache[s] { return hit }
        let n = Normalisation.name(s)
        if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
        cache[s] = n
        return n
    }
}
