import Foundation

/// One invented person and the ways registers write down their identifiers.
struct SyntheticPerson {
    var sex: Sex
    var citizenship: String
    var givenName: String
    var familyName: String
    var dateOfBirth: ISODate
    var nationalID: String?
    var passportNumber: String?
    var passportCountry: String?

    static func make(_ g: inout SeededGenerator, sex: Sex, citizenship: String, dateOfBirth: ISODate) -> SyntheticPerson {
        let pool = NamePools.byCountry[citizenship] ?? NamePools.byCountry["AZE"]!
        let male = sex == .male || (sex != .female && g.chance(0.5))
        let given = g.pick(male ? pool.male : pool.female)
        let family = g.pick(pool.family)
        let nid = citizenship == "AZE" ? "AA" + digits(&g, 7) : nil
        let letters = Array("ABCDEFGHJKLMNPRSTUVWXYZ")
        let passport = g.chance(0.75)
            ? (citizenship == "AZE" ? "C" + digits(&g, 8) : String(g.pick(letters)) + String(g.pick(letters)) + digits(&g, 7))
            : nil
        return SyntheticPerson(sex: sex, citizenship: citizenship, givenName: given, familyName: male ? family.0 : family.1,
                               dateOfBirth: dateOfBirth, nationalID: nid, passportNumber: passport,
                               passportCountry: passport == nil ? nil : citizenship)
    }

    static func digits(_ g: inout SeededGenerator, _ n: Int) -> String {
        String((0..<n).map { _ in Character(String(g.int(0...9))) })
    }

    /// A name as one register typed it: the same person under normalisation v1.
    static func variant(of name: String, _ g: inout SeededGenerator) -> String {
        switch g.int(0...9) {
        case 0: return name.uppercased()                                   // İ/I and dotted i become I under v1
        case 1: return name.lowercased()
        case 2: return name.decomposedStringWithCanonicalMapping            // NFD
        case 3: return " " + name.replacingOccurrences(of: " ", with: "  ") + " "
        case 4: return name.replacingOccurrences(of: "ı", with: "i").replacingOccurrences(of: "İ", with: "I")
        default: return name
        }
    }

    /// An id or passport number as one register typed it.
    static func variant(ofNumber number: String, _ g: inout SeededGenerator) -> String {
        switch g.int(0...11) {
        case 0: return number.lowercased()
        case 1: return String(number.prefix(2)) + " " + String(number.dropFirst(2))
        case 2: return String(number.prefix(2)) + "-" + String(number.dropFirst(2))
        case 3:  // full-width digits, as some forms produce
            return String(String.UnicodeScalarView(number.unicodeScalars.map {
                $0.properties.numericType != nil ? Unicode.Scalar($0.value + 0xFEE0)! : $0
            }))
        case 4: return String(number.prefix(4)) + "/" + String(number.dropFirst(4))
        default: return number
        }
    }
}
