/// The decoded fields of one valid record, indexed by its field enum: for records laid out anew
/// (pseudonymised files read back, synthetic rows written).
struct FieldValues<F: RecordField>: RecordFieldSource {
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
        case .codes(let positions, let list)?: positions.map(list.value)
        default: []
        }
    }

    /// A code read from a file is found by its position; one given as text (synthetic rows) by its raw value.
    func code<E: CodeEnum>(_ field: F, as _: E.Type) -> E? {
        switch self[field] {
        case .code(_, let index)?: E.allCases[index]
        case .text(let s)?: E(rawValue: s)
        default: nil
        }
    }

    /// By position when read from a file, by raw value when given as text.
    func codes<E: CodeEnum>(_ field: F, as _: E.Type) -> [E] {
        if case .codes(let positions, _)? = self[field] {
            let all = E.allCases
            return positions.map { all[$0] }
        }
        return list(field).compactMap(E.init(rawValue:))
    }
}
