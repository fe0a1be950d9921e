/// A record's fields by field, typed: the one interface records are built from, whether the
/// fields are decoded from a file row as they are asked for (`RecordRow`) or were decoded before
/// (`FieldValues`).
protocol RecordFieldSource {
    associatedtype Field: RecordField
    /// The record's line in its file.
    var line: Int { get }
    /// A text, country or code field as text; nil when absent.
    func text(_ field: Field) -> String?
    func date(_ field: Field) -> ISODate?
    func bool(_ field: Field) -> Bool?
    func integer(_ field: Field) -> Int?
    /// A list of country codes or identifiers; empty when absent.
    func list(_ field: Field) -> [String]
    /// A code field as its enum; nil when absent.
    func code<E: CodeEnum>(_ field: Field, as _: E.Type) -> E?
    /// A list of codes as their enums; empty when absent.
    func codes<E: CodeEnum>(_ field: Field, as _: E.Type) -> [E]
}

/// An enum of the codes of one closed list, its cases in the list's order.
protocol CodeEnum: RawRepresentable, CaseIterable, Hashable where RawValue == String, AllCases == [Self] {
    /// The codes as a `CodeList`, made once.
    static var codeList: CodeList { get }
}

extension RecordFieldSource {
    /// The six identifier fields, which follow each other in this order from `first` (national_id).
    func personIdentifiers(from first: Field) -> PersonIdentifiers {
        func field(_ k: Int) -> Field { Field(rawValue: first.rawValue + k)! }
        return PersonIdentifiers(nationalID: text(field(0)), passportNumber: text(field(1)), passportCountry: text(field(2)),
                                 givenName: text(field(3)), familyName: text(field(4)), dateOfBirth: date(field(5)))
    }
}
