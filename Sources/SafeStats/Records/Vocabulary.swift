// Enumerated codes of the input contract (DESIGN.md, "Input contract"). Raw values are the codes
// as they appear in the files; `schemas/*.schema.json` list the same values (a test compares them).

/// The register a victim record comes from.
public enum Source: String, CaseIterable, Sendable, Codable {
    case police, prosecution, court, ngo
    case internationalOrg = "international_org"
    case migrationService = "migration_service"
    case labourInspection = "labour_inspection"
    case hotline, other
}

/// Sex as recorded.
public enum Sex: String, CaseIterable, Sendable, Codable {
    case female, male, other, unknown
}

/// Whether a victim is presumed or formally identified.
public enum IdentificationStatus: String, CaseIterable, Sendable, Codable {
    case presumed, identified
}

/// Forms of exploitation.
public enum ExploitationForm: String, CaseIterable, Sendable, Codable {
    case sexualExploitation = "sexual_exploitation"
    case forcedLabour = "forced_labour"
    case domesticServitude = "domestic_servitude"
    case forcedBegging = "forced_begging"
    case forcedCriminality = "forced_criminality"
    case forcedMarriage = "forced_marriage"
    case organRemoval = "organ_removal"
    case illegalAdoption = "illegal_adoption"
    case other, unknown
}

/// Kinds of assistance a victim received.
public enum Assistance: String, CaseIterable, Sendable, Codable {
    case shelter, medical, psychological, legal
    case vocationalTraining = "vocational_training"
    case employment
    case financialAllowance = "financial_allowance"
    case education, repatriation
}

/// Stage of a compensation claim.
public enum Compensation: String, CaseIterable, Sendable, Codable {
    case none, claimed, awarded, paid
}

/// Offence a criminal case is registered under.
public enum Offence: String, CaseIterable, Sendable, Codable {
    case trafficking
    case forcedLabour = "forced_labour"
    case documentForgery = "document_forgery"
    case otherRelated = "other_related"
}

/// Procedural status of a criminal case.
public enum CaseStatus: String, CaseIterable, Sendable, Codable {
    case underInvestigation = "under_investigation"
    case suspended, discontinued
    case sentToCourt = "sent_to_court"
    case decided
}

/// Type of sentence an offender received.
public enum SentenceType: String, CaseIterable, Sendable, Codable {
    case imprisonment, suspended, fine, other, none
}

/// Whether an offender is wanted, and how.
public enum Wanted: String, CaseIterable, Sendable, Codable {
    case none, domestic, international
}

extension Source: CodeEnum { static let codeList = CodeList(Source.self) }
extension Sex: CodeEnum { static let codeList = CodeList(Sex.self) }
extension IdentificationStatus: CodeEnum { static let codeList = CodeList(IdentificationStatus.self) }
extension ExploitationForm: CodeEnum { static let codeList = CodeList(ExploitationForm.self) }
extension Assistance: CodeEnum { static let codeList = CodeList(Assistance.self) }
extension Compensation: CodeEnum { static let codeList = CodeList(Compensation.self) }
extension Offence: CodeEnum { static let codeList = CodeList(Offence.self) }
extension CaseStatus: CodeEnum { static let codeList = CodeList(CaseStatus.self) }
extension SentenceType: CodeEnum { static let codeList = CodeList(SentenceType.self) }
extension Wanted: CodeEnum { static let codeList = CodeList(Wanted.self) }
