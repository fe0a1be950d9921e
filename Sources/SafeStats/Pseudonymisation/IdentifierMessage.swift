/// The messages that pseudonyms are computed from (DESIGN.md, "Pseudonymisation"), after normalisation v1.
public enum IdentifierMessage {
    /// `nid:<ID>`, `pp:<COUNTRY>:<NUMBER>` and `name-dob:<FAMILY>|<GIVEN>|<YYYY-MM-DD>`, for each
    /// identifier that is usable (present and non-empty after normalisation).
    public static func person(_ ids: PersonIdentifiers) -> [String] {
        var messages: [String] = []
        if let nid = ids.nationalID.map(Normalisation.identifier), !nid.isEmpty {
            messages.append("nid:" + nid)
        }
        if let number = ids.passportNumber.map(Normalisation.identifier), !number.isEmpty,
           let country = ids.passportCountry.map(Normalisation.identifier), !country.isEmpty {
            messages.append("pp:" + country + ":" + number)
        }
        if let family = ids.familyName.map(Normalisation.name), !family.isEmpty,
           let given = ids.givenName.map(Normalisation.name), !given.isEmpty, let dob = ids.dateOfBirth {
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
