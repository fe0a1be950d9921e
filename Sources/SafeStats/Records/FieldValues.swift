/// The decoded fields of one valid record, indexed by its field enum.
struct FieldValues<F: RecordField> {
    /// The record's line in its file.
    let line: Int
    private(set) var values: [FieldValue?]

    init(line: Int, values: [FieldValue?]) {
        self.line = line
        self.values = values
    }

    subscript(_ field: F) -> FieldValue? { values[field.rawValue] }

    func text(_ field: F) -> String? {
        if case .text(let s)? = self[field] { return s }
        return nil
    }

    func date(_ field: F) -> ISODate? {
        if case .date(let d)? = self[field] { return d }
        return nil
    }

    func bool(_ field: F) -> Bool? {
        if case .boolean(let b)? = self[field] { return b }
        return nil
    }

    func integer(_ field: F) -> Int? {
        if case .integer(let n)? = self[field] { return n }
        return nil
    }

    func list(_ field: F) -> [String] {
        if case .list(let items)? = self[field] { return items }
        return []
    }

    /// A code field as its enum; nil when absent. Valid rows hold only valid codes.
    func code<E: RawRepresentable>(_ field: F, as _: E.Type) -> E? where E.RawValue == String {
        text(field).flatMap(E.init(rawValue:))
    }

    /// The six identifier fields, which follow each other in this order from `first` (national_id).
    func personIdentifiers(from first: F) -> PersonIdentifiers {
        let i = first.rawValue
        func text(_ k: Int) -> String? { if case .text(let s)? = values[i + k] { return s } else { return nil } }
        var dob: ISODate?
        if case .date(let d)? = values[i + 5] { dob = d }
        return PersonIdentifiers(nationalID: text(0), passportNumber: text(1), passportCountry: text(2),
                                 givenName: text(3), familyName: text(4), dateOfBirth: dob)
    }

    func codes<E: RawRepresentable>(_ field: F, as _: E.Type) -> [E] where E.RawValue == String {
        list(field).compactMap(E.init(rawValue:))
    }
}
