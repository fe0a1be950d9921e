/// The units a release counts: victims and offenders as linked persons, cases one each.
public struct TabulationInput: Sendable {
    public var victims: [VictimUnit]
    public var cases: [CaseUnit]
    public var offenders: [OffenderUnit]
    /// Valid records read per population (empty for units made in memory).
    public var recordCounts: [Population: Int] = [:]
    /// The units a period rule counts instead of these, when figures already sent stand (see
    /// `HeldRevisions`): the periods released before counted as they were then.
    public var countedAsSent: [PeriodRule: TabulationInput] = [:]

    /// The units `rule` counts: those of `countedAsSent`, else these.
    func units(countedBy rule: PeriodRule) -> TabulationInput {
        countedAsSent[rule] ?? self
    }

    public init(victims: [VictimUnit] = [], cases: [CaseUnit] = [], offenders: [OffenderUnit] = []) {
        self.victims = victims
        self.cases = cases
        self.offenders = offenders
    }

    /// Reads identifiable records, pseudonymises them in memory (nothing is written), links each
    /// population's records into persons and merges them into units; `digests` gets the SHA-256
    /// of each file read.
    /// - Throws: `PseudonymisationError` when the input is invalid or unreadable.
    public static func read(_ input: InputDirectory, key: PseudonymisationKey, today: ISODate = .today(),
                            problems: ProblemLog, digests: FileDigests? = nil) throws(PseudonymisationError) -> TabulationInput {
        struct Collect: RecordVisitor {
            let pseudonymiser: Pseudonymiser
            var victimLinkage = Linkage()
            var offenderLinkage = Linkage()
            var victims: [(VictimRecord, Pseudonym)] = []
            var offenders: [(OffenderRecord, Pseudonym)] = []
            var cases: [CaseUnit] = []
            mutating func visit(case record: CaseRecord) {
                cases.append(CaseUnit(record: record))
            }
            mutating func visit(victim record: VictimRecord) {
                victimLinkage.add(pseudonymiser.person(record.identifiers))
                victims.append((record, pseudonymiser.recordID(record.recordID, kind: .victims)))
            }
            mutating func visit(offender record: OffenderRecord) {
                offenderLinkage.add(pseudonymiser.person(record.identifiers))
                offenders.append((record, pseudonymiser.recordID(record.recordID, kind: .offenders)))
            }
        }
        var collect = Collect(pseudonymiser: Pseudonymiser(key: key))
        var reader = InputReader(input: input, today: today)
        reader.digests = digests
        do { _ = try reader.read(problems: problems, visitor: &collect) } catch {
            throw .input(error)
        }
        guard problems.isEmpty else { throw .invalidInput(problemCount: problems.total) }
        _ = collect.victimLinkage.finish()
        _ = collect.offenderLinkage.finish()
        var victims: [Pseudonym: VictimUnit] = [:]
        for (i, (record, recordPseudonym)) in collect.victims.enumerated() {
            let person = collect.victimLinkage.person(ofRecord: i) ?? recordPseudonym
            if victims[person] == nil { victims[person] = VictimUnit(person: person, record: record) } else { victims[person]!.merge(record) }
        }
        var offenders: [Pseudonym: OffenderUnit] = [:]
        for (i, (record, recordPseudonym)) in collect.offenders.enumerated() {
            let person = collect.offenderLinkage.person(ofRecord: i) ?? recordPseudonym
            if offenders[person] == nil { offenders[person] = OffenderUnit(record: record) } else { offenders[person]!.merge(record) }
        }
        var input = TabulationInput(victims: victims.values.sorted { $0.person < $1.person }, cases: collect.cases,
                                    offenders: offenders.sorted { $0.key < $1.key }.map(\.value))
        input.recordCounts = [.victims: collect.victims.count, .cases: collect.cases.count, .offenders: collect.offenders.count]
        return input.linkingOffendersToCases()
    }

    /// Gives each offender the forms of exploitation of their cases (an offender whose cases are
    /// not in the input has none, and counts as `unknown` form), then forgets the case ids, which
    /// differ between identifiable and pseudonymised input and are not counted.
    func linkingOffendersToCases() -> TabulationInput {
        var forms: [String: Set<ExploitationForm>] = [:]
        forms.reserveCapacity(cases.count)
        for c in cases { forms[c.id, default: []].formUnion(c.forms) }
        var linked = self
        for i in linked.offenders.indices {
            for id in linked.offenders[i].caseIDs { linked.offenders[i].forms.formUnion(forms[id] ?? []) }
            linked.offenders[i].caseIDs = []
        }
        for i in linked.cases.indices { linked.cases[i].id = "" }
        return linked
    }
}
