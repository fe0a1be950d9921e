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
        switch self[field] {
        case .text(let s)?, .code(let s, _)?: s
        default: nil
        }
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
        switch self[field] {
        case .list(let items)?: items
        case .codes(let positions, let list)?: positions.map { list.values[$0] }
        default: []
        }
    }

    /// A code field as its enum; nil when absent. Valid rows hold only valid codes. A code read
    /// from a file is found by its position; one given as text (synthetic rows) by its raw value.
    func code<E: RawRepresentable & CaseIterable>(_ field: F, as _: E.Type) -> E?
    where E.RawValue == String, E.AllCases == [E] {
        switch self[field] {
        case .code(_, let index)?: E.allCases[index]
        case .text(let s)?: E(rawValue: s)
        default: nil
        }
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

    /// A list of codes as its enums; empty when absent. By position when read from a file.
    func codes<E: RawRepresentable & CaseIterable>(_ field: F, as _: E.Type) -> [E]
    where E.RawValue == String, E.AllCases == [E] {
        if case .codes(let positions, _)? = self[field] {
            let all = E.allCases
            return positions.map { all[$0] }
        }
        return list(field).compactMap(E.init(rawValue:))
    }
}
