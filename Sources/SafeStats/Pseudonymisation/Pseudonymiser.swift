/// Computes pseudonyms: lower-case hex of the first 16 bytes of HMAC-SHA-256(subkey, message),
/// with subkeys `crypto_kdf_derive_from_key(32, id, "SSPSEUDO", key)`: 1 persons, 2 cases, 3 records.
///
/// Safe to share between threads.
public struct Pseudonymiser: Sendable {
    /// Subkey ids of DESIGN.md.
    enum Subkey: UInt64 {
        case person = 1, caseID = 2, record = 3
    }

    public let keyID: String
    public let isExampleKey: Bool
    private let person: HMACSHA256
    private let caseKey: HMACSHA256
    private let record: HMACSHA256

    public init(key: PseudonymisationKey) {
        keyID = key.keyID
        isExampleKey = key.isExample
        func hmac(_ subkey: Subkey) -> HMACSHA256 {
            HMACSHA256(key: KeyDerivation.deriveSubkey(from: key.master, id: subkey.rawValue, context: "SSPSEUDO"))
        }
        person = hmac(.person)
        caseKey = hmac(.caseID)
        record = hmac(.record)
    }

    private init(copying other: Pseudonymiser) {
        keyID = other.keyID
        isExampleKey = other.isExampleKey
        person = HMACSHA256(copying: other.person)
        caseKey = HMACSHA256(copying: other.caseKey)
        record = HMACSHA256(copying: other.record)
    }

    /// An equal pseudonymiser with its own key states, for use on another thread.
    func independentCopy() -> Pseudonymiser {
        Pseudonymiser(copying: self)
    }

    /// Pseudonyms of every usable identifier of a person, in message order.
    public func person(_ ids: PersonIdentifiers) -> [Pseudonym] {
        IdentifierMessage.person(ids).map { Self.mac(person, $0) }
    }

    /// Appends `person(_:)` to `pseudonyms`, normalising names through a cache.
    /// - Returns: how many it appended.
    func appendPerson(_ ids: PersonIdentifiers, names: inout NameNormaliser, to pseudonyms: inout [Pseudonym]) -> Int {
        let before = pseudonyms.count
        let key = person
        IdentifierMessage.forEachPerson(ids, names: &names) { pseudonyms.append(Self.mac(key, $0)) }
        return pseudonyms.count - before
    }

    /// The pseudonym of a person-identifier message (`nid:…`, `pp:…`, `name-dob:…`) as it stands.
    public func person(message: String) -> Pseudonym {
        Self.mac(person, message)
    }

    // The closures take the key alone, not `self`: copying the whole pseudonymiser on every record
    // would touch the reference counts of storage it shares with other threads' copies.
    public func caseID(_ id: String) -> Pseudonym {
        let key = caseKey
        return IdentifierMessage.withCaseID(id) { Self.mac(key, $0) }
    }

    public func recordID(_ id: String, kind: RecordKind) -> Pseudonym {
        let key = record
        return IdentifierMessage.withRecordID(id, kind: kind) { Self.mac(key, $0) }
    }

    private static func mac(_ key: HMACSHA256, _ message: UnsafeRawBufferPointer) -> Pseudonym {
        let (high, low) = key.truncated128(message)
        return Pseudonym(high: high, low: low)
    }

    private static func mac(_ key: HMACSHA256, _ message: String) -> Pseudonym {
        var m = message
        let (high, low) = m.withUTF8 { key.truncated128(UnsafeRawBufferPointer($0)) }
        return Pseudonym(high: high, low: low)
    }
}
