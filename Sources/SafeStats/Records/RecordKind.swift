/// The three record kinds of the input contract.
public enum RecordKind: String, CaseIterable, Sendable, Codable {
    case victims, cases, offenders

    /// The fields of this kind, in the contract's column order.
    var fields: [FieldSpec] {
        switch self {
        case .victims: VictimField.specs
        case .cases: CaseField.specs
        case .offenders: OffenderField.specs
        }
    }
}

/// File formats an input directory may use.
public enum RecordFormat: String, CaseIterable, Sendable, Codable {
    case csv
    case jsonLines = "jsonl"

    /// The file name of `kind` in this format, e.g. `victims.csv`.
    public func fileName(_ kind: RecordKind) -> String { "\(kind.rawValue).\(rawValue)" }
}

/// A field enum whose cases are the columns of one record kind, in order, with their specs.
protocol RecordField: RawRepresentable, CaseIterable where RawValue == Int {
    static var specs: [FieldSpec] { get }
}
