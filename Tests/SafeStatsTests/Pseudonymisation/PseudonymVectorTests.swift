import Foundation
import Testing
@testable import SafeStats

/// The published test vectors: Swift computes them, and an independent Python implementation
/// (hashlib, hmac, unicodedata only) recomputes them from the key file alone.
@Suite struct PseudonymVectorTests {
    struct Vector: Decodable {
        let kind: String
        let note: String
        let input: [String: String]
        let message: String
        let pseudonym: String
    }

    struct VectorFile: Decodable {
        let key_id: String
        let vectors: [Vector]
    }

    static let path = TestSupport.fixtures + "/pseudonym-vectors.json"

    static func load() throws -> VectorFile {
        try JSONDecoder().decode(VectorFile.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func swiftComputesEveryVector() throws {
        let file = try Self.load()
        let key = try TestSupport.exampleKey()
        #expect(key.keyID == file.key_id)
        let p = Pseudonymiser(key: key)
        #expect(file.vectors.count >= 10)
        for v in file.vectors {
            let i = v.input
            let (message, pseudonym): (String, Pseudonym)
            switch v.kind {
            case "nid", "passport", "name-dob":
                let ids = PersonIdentifiers(nationalID: i["national_id"], passportNumber: i["passport_number"],
                                            passportCountry: i["passport_country"], givenName: i["given_name"],
                                            familyName: i["family_name"], dateOfBirth: i["date_of_birth"].flatMap { ISODate($0) })
                let messages = IdentifierMessage.person(ids)
                #expect(messages.count == 1, "\(v.note)")
                message = messages[0]
                pseudonym = p.person(ids)[0]
            case "case":
                message = IdentifierMessage.caseID(i["case_id"]!)
                pseudonym = p.caseID(i["case_id"]!)
            default:
                let kind = RecordKind(rawValue: i["kind"]!)!
                message = IdentifierMessage.recordID(i["record_id"]!, kind: kind)
                pseudonym = p.recordID(i["record_id"]!, kind: kind)
            }
            #expect(message == v.message, "\(v.note)")
            #expect(pseudonym.description == v.pseudonym, "\(v.note)")
            #expect(p.person(message: message).description == v.pseudonym || !["nid", "passport", "name-dob"].contains(v.kind))
        }
    }

    @Test func pythonRecomputesEveryVectorFromTheKeyAlone() {
        let result = TestSupport.run(TestSupport.python3, [TestSupport.root + "/Tests/python/pseudonym_reference.py",
                                                          TestSupport.exampleKeyPath, Self.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("12 passed, 0 failed"))
    }

    @Test func variantsOfOnePersonNormaliseAlike() {
        #expect(Normalisation.name("İlahə") == "ILAHƏ")
        #expect(Normalisation.name("ılgın") == Normalisation.name("ILGIN"))
        #expect(Normalisation.name("e\u{301}lif") == Normalisation.name("\u{E9}lif"))
        #expect(Normalisation.identifier("ab-12 3./4") == "AB1234")
        #expect(Normalisation.identifier("１２３") == "123")
        #expect(Normalisation.text("  a \t\u{A0} b  ") == "a b")
        #expect(Normalisation.reference(" C-1 ") == "C-1")
        #expect(Normalisation.reference("c-1") == "c-1")  // ids keep their case
    }
}
