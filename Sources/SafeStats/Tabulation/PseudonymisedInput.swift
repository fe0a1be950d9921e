import Foundation

extension TabulationInput {
    /// Whether `directory` holds pseudonymised records (`safestats pseudonymise` output, which
    /// has `pseudonymisation.json`) rather than identifiable ones.
    public static func isPseudonymised(_ directory: String) -> Bool {
        FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(InputDirectory.summaryFileName))
    }

    /// Reads pseudonymised records (as `safestats pseudonymise` writes them) and merges each
    /// person's records into units, exactly as `read(_:key:today:problems:)` does with the
    /// identifiable records they came from. Every per-record rule is checked again and each
    /// pseudonym must be 32 lower-case hex digits; the rules across records were checked when the
    /// files were written.
    /// `digests` gets the SHA-256 of each file read.
    /// - Throws: `PseudonymisationError.invalidInput` (problems in `problems`) or `.input`.
    public static func read(pseudonymised input: InputDirectory, problems: ProblemLog,
                            digests: FileDigests? = nil) throws(PseudonymisationError) -> TabulationInput {
        // Room for about as many units as records (estimated from the file sizes), so that the
        // tables are not rebuilt as they grow.
        var victims = [Pseudonym: VictimUnit](minimumCapacity: estimatedRows(input.files[.victims], bytesPerRow: 300))
        var cases: [CaseUnit] = []
        var victimRecords = 0, offenderRecords = 0
        var offenders = [Pseudonym: OffenderUnit](minimumCapacity: estimatedRows(input.files[.offenders], bytesPerRow: 160))
        input.reportMisnamed(to: problems)
        do {
            try each(input.files[.victims], PseudonymisedVictimField.self, VictimField.self, problems, digests) { row, record, person in
                let age = row.integer(.ageAtExploitationStart) ?? row.integer(.ageAtIdentification)
                let r = VictimRecord(record)
                victimRecords += 1
                if victims[person] == nil { victims[person] = VictimUnit(person: person, record: r, age: age) } else { victims[person]!.merge(r, age: age) }
            }
            try each(input.files[.cases], PseudonymisedCaseField.self, CaseField.self, problems, digests) { _, record, _ in
                cases.append(CaseUnit(record: CaseRecord(record)))
            }
            try each(input.files[.offenders], PseudonymisedOffenderField.self, OffenderField.self, problems, digests) { _, record, person in
                let r = OffenderRecord(record)
                offenderRecords += 1
                if offenders[person] == nil { offenders[person] = OffenderUnit(record: r) } else { offenders[person]!.merge(r) }
            }
        } catch {
            throw .input(error)
        }
        guard problems.isEmpty else { throw .invalidInput(problemCount: problems.total) }
        // Sorting the keys and then looking each unit up copies each unit once, where sorting the
        // units themselves would move them around many times.
        var units = TabulationInput(victims: victims.keys.sorted().map { victims[$0]! }, cases: cases,
                                    offenders: offenders.keys.sorted().map { offenders[$0]! })
        units.recordCounts = [.victims: victimRecords, .cases: cases.count, .offenders: offenderRecords]
        return units.linkingOffendersToCases()
    }

    /// About how many rows `file` has, from its size; 0 when unknown.
    private static func estimatedRows(_ file: InputDirectory.File?, bytesPerRow: Int) -> Int {
        guard let file, let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int else { return 0 }
        return size / bytesPerRow
    }

    /// Reads every valid row of `file` as pseudonymised fields `P`, and hands it on laid out as
    /// the input's fields `F`, with its person pseudonym (or, for cases, a placeholder).
    private static func each<P: RecordField, F: RecordField>(
        _ file: InputDirectory.File?, _: P.Type, _: F.Type, _ problems: ProblemLog, _ digests: FileDigests?,
        _ body: (FieldValues<P>, FieldValues<F>, Pseudonym) -> Void
    ) throws(InputError) {
        guard let file else { return }
        let reader = try RecordFileReader<P>(file: file, hashing: digests != nil, problems: problems)
        let names = P.specs.map(\.name)
        var position: [String: Int] = [:]
        for (i, name) in names.enumerated() { position[PseudonymisedColumns.replaced[name] ?? name] = i }
        let layout = F.specs.map { position[$0.name] }
        let pseudonymColumns = names.indices.filter { names[$0].hasSuffix("_pid") }
        let personColumn = names.firstIndex(of: "person_pid")
        rows: while let row = reader.next() {
            var person = Pseudonym(high: 0, low: 0)
            for c in pseudonymColumns {
                guard case .text(let text)? = row.values[c] else { continue }
                guard let pseudonym = Pseudonym(hex: text) else {
                    problems.add(DataProblem(file: file.name, line: row.line, column: names[c], columnNumber: reader.columnNumber(of: names[c]),
                                             rule: "pattern", message: "must be a pseudonym: 32 lower-case hex digits", scope: .record))
                    continue rows
                }
                if c == personColumn { person = pseudonym }
            }
            body(row, FieldValues(line: row.line, values: layout.map { $0.flatMap { row.values[$0] } }), person)
        }
        try reader.checkReadError()
        if let digests, let digest = reader.digest() { digests.record(file.name, digest) }
    }
}
