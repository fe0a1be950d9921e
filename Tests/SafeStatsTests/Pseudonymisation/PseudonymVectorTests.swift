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

    /// The byte-by-byte path for ASCII and full-width ASCII gives what the scalar-by-scalar
    /// definition gives: every full-width form alone and among ASCII, and text the fast path hands on.
    @Test func identifiersOfFullWidthFormsNormaliseAsByTheirScalars() {
        func both(_ s: String) -> (fast: String, scalars: String) {
            var fast: [UInt8] = [], scalars: [UInt8] = []
            Normalisation.appendIdentifier(s, to: &fast)
            Normalisation.appendIdentifierByScalars(s, to: &scalars)
            return (String(decoding: fast, as: UTF8.self), String(decoding: scalars, as: UTF8.self))
        }
        var samples: [String] = []
        for v in UInt32(0xFF00)...0xFF60 {
            let c = String(Unicode.Scalar(v)!)
            samples += [c, "ab" + c + "1-2", c + " " + c]
        }
        samples += ["ＡＢ　１２", "Ａ\u{301}１", "ａｂ１２\u{FF61}", "x\u{E9}1", "\u{FF21}\u{300}", "ｃ５７３１５５８５"]
        for s in samples {
            let (fast, scalars) = both(s)
            #expect(fast == scalars, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(both("ａａ０９０３８２１").fast == "AA0903821")
    }
}
