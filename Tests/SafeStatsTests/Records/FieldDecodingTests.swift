import Testing
@testable import SafeStats

/// The text rules, which are checked eight bytes at a time: a broken rule at any position of a
/// value, in ASCII and in longer scalars, and lengths counted in scalars.
@Suite struct FieldDecodingTests {
    private func rule(_ type: FieldType, _ text: String) -> String? {
        var text = text
        let result = text.withUTF8 { type.decodeText(.csv($0)) }
        switch result {
        case .success: return nil
        case .failure(let v): return v.rule
        }
    }

    @Test func controlCharactersAndBarsAreFoundAtEveryPosition() {
        for length in 1...20 {
            for at in 0..<length {
                for bad in ["\u{0}", "\u{1F}", "\t", "\u{7F}"] {
                    var chars = Array(repeating: "ə", count: length)
                    chars[at] = bad
                    #expect(rule(.name, chars.joined()) == "pattern", "\(length) \(at) \(bad.unicodeScalars.first!.value)")
                    #expect(rule(.identifier, chars.joined()) == "pattern")
                }
                var chars = Array(repeating: "a", count: length)
                chars[at] = "|"
                #expect(rule(.name, chars.joined()) == "pattern")
                #expect(rule(.identifier, chars.joined()) == nil)
            }
            #expect(rule(.name, String(repeating: "Ğ ", count: length)) == nil)
        }
    }

    @Test func lengthsAreCountedInScalars() {
        #expect(rule(.text(maxLength: 5), "əəəəə") == nil)  // ten bytes, five scalars
        #expect(rule(.text(maxLength: 5), "əəəəəə") == "maxLength")
        #expect(rule(.text(maxLength: 5), "abcde") == nil)
        #expect(rule(.text(maxLength: 5), "abcdef") == "maxLength")
        #expect(rule(.identifier, String(repeating: "🙂", count: FieldType.identifierMaxLength)) == nil)
        #expect(rule(.identifier, String(repeating: "🙂", count: FieldType.identifierMaxLength + 1)) == "maxLength")
    }
}
