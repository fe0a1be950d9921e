/// One offender as counted: a person, merged from all of that person's records (one per case).
///
/// Merge rules: the earliest date of each stage (suspected, prosecuted, convicted, acquitted), so
/// a person is counted once per stage, in the period of their first such date; sex and
/// citizenship from the earliest-suspected record that knows them; a complicit official if any
/// record says so; the sentence of the most severe conviction (imprisonment, longest first, then
/// suspended, fine, other, none); wanted internationally if any record says so, else domestically
/// if any does, else not wanted if any says so; the forms of exploitation of all their cases.
public struct OffenderUnit: Sendable, Equatable, Codable {
    public var suspected: ISODate
    public var prosecuted: ISODate?
    public var convicted: ISODate?
    public var acquitted: ISODate?
    public var sex: Sex
    public var citizenship: String
    public var official: Bool
    public var sentenceType: SentenceType?
    public var sentenceMonths: Int?
    /// Whether the person is wanted, and how; nil when no record says.
    public var wanted: Wanted?
    /// The forms of exploitation of the person's cases (set by `TabulationInput.givingOffendersTheirCasesForms`).
    public var forms: Set<ExploitationForm> = []
    /// The ids of the person's cases, as read; in memory only until the forms are set, then empty.
    var caseIDs: [String]
    /// The suspicion dates of the records that gave sex and citizenship (nil: none knew).
    private var sexKnownAt: ISODate?
    private var citizenshipKnownAt: ISODate?

    init(record r: OffenderRecord) {
        suspected = r.suspectedDate
        caseIDs = [r.caseID]
        prosecuted = r.prosecutedDate
        convicted = r.convictedDate
        acquitted = r.acquittedDate
        sex = r.sex
        citizenship = r.citizenship
        sexKnownAt = r.sex == .unknown ? nil : r.suspectedDate
        citizenshipKnownAt = r.citizenship == "UNK" ? nil : r.suspectedDate
        official = r.official ?? false
        sentenceType = r.convictedDate == nil ? nil : r.sentenceType
        sentenceMonths = r.convictedDate == nil ? nil : r.sentenceMonths
        wanted = r.wanted
    }

    mutating func merge(_ r: OffenderRecord) {
        let date = r.suspectedDate
        suspected = min(suspected, date)
        caseIDs.append(r.caseID)
        prosecuted = Self.earliest(prosecuted, r.prosecutedDate)
        convicted = Self.earliest(convicted, r.convictedDate)
        acquitted = Self.earliest(acquitted, r.acquittedDate)
        if r.sex != .unknown, replacesAsEarlier(date, sexKnownAt) { (sex, sexKnownAt) = (r.sex, date) }
        if r.citizenship != "UNK", replacesAsEarlier(date, citizenshipKnownAt) { (citizenship, citizenshipKnownAt) = (r.citizenship, date) }
        official = official || (r.official ?? false)
        if let w = r.wanted, wanted.map({ Wanted.allCases.firstIndex(of: $0)! < Wanted.allCases.firstIndex(of: w)! }) ?? true { wanted = w }
        if r.convictedDate != nil, Self.severity(r.sentenceType, r.sentenceMonths) > Self.severity(sentenceType, sentenceMonths) {
            sentenceType = r.sentenceType
            sentenceMonths = r.sentenceMonths
        }
    }

    private static func earliest(_ a: ISODate?, _ b: ISODate?) -> ISODate? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }

    private static func severity(_ type: SentenceType?, _ months: Int?) -> Int {
        guard let type else { return 0 }
        switch type {
        case .imprisonment: return 1_000_000 + (months ?? 0)
        case .suspended: return 4
        case .fine: return 3
        case .other: return 2
        case .none: return 1
        }
    }
}
