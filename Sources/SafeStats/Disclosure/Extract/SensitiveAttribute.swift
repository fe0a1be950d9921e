/// A column of a record extract that the recipient must not learn for a person by finding the
/// group of records that shares their quasi-identifiers: ℓ-diversity requires at least ℓ different
/// values of it in every such group.
public enum SensitiveAttribute: String, CaseIterable, Sendable {
    /// The forms of exploitation, as written (`forced_labour;sexual_exploitation`): one value per
    /// combination.
    case exploitationForms = "exploitation_forms"
    /// Formally identified or presumed.
    case identificationStatus = "identification_status"

    /// How many different values the attribute can take at most (nil: many), so that no ℓ above
    /// it is asked for.
    public var mostValues: Int? {
        switch self {
        case .exploitationForms: nil
        case .identificationStatus: IdentificationStatus.allCases.count
        }
    }

    /// The value of `unit` as the extract writes it.
    public func value(of unit: VictimUnit) -> String {
        switch self {
        case .exploitationForms: unit.forms.map(\.rawValue).sorted().joined(separator: ";")
        case .identificationStatus: unit.status.rawValue
        }
    }
}
