/// `revisions: hold`: figures already sent stand. Every day that a release already sent counted
/// under a period rule is counted as that release counted it (the first release that counted
/// it, with the units it kept), and only the days no release counted yet are counted from the
/// input as it is now. Every release is then a set of tables of one and the same data, so that
/// protecting the new release together with the earlier ones (`PublishedHistory`) covers
/// everything an attacker holding all of them can combine; a late registration or a correction
/// in a period already sent is counted in no figure until a revision is published.
///
/// A person whose date a correction moved out of a period already sent is counted where they
/// were sent and again where their date is now; one moved into such a period is counted in
/// neither. Both keep every figure sent as it was.
public enum HeldRevisions {
    /// `current` with each period rule counting the days `sent` (oldest first) counted as they
    /// counted them; unchanged when no release of `sent` kept its units.
    public static func input(_ current: TabulationInput, sent: [SentRelease], country: String) -> TabulationInput {
        guard sent.contains(where: { $0.units != nil }) else { return current }
        let periods = sent.map { $0.periods(country: country) }
        var held = current
        for rule in PeriodRule.allCases {
            var covered: [Period] = []
            var units = TabulationInput()
            for (release, byRule) in zip(sent, periods) {
                guard let counted = byRule[rule], !counted.isEmpty else { continue }
                units.append(release.units ?? current, rule: rule) { date in
                    counted.contains { $0.contains(date) } && !covered.contains { $0.contains(date) }
                }
                covered += counted
            }
            guard !covered.isEmpty else { continue }
            units.append(current, rule: rule) { date in !covered.contains { $0.contains(date) } }
            held.countedAsSent[rule] = units
        }
        return held
    }

    /// How many of `cells` (history keys of cells already sent) `tabulation` (the held count)
    /// and `now` (the same tables counted from the input as it is) give different values: what
    /// the register now disagrees with.
    static func disagreements(_ tabulation: Tabulation, _ now: Tabulation, cells: Set<String>) -> Int {
        func values(_ t: Tabulation) -> [String: Int] {
            var out: [String: Int] = [:]
            for (key, cell) in zip(t.universe.keys, t.universe.cells) where cells.contains(key.historyKey) { out[key.historyKey] = cell.value }
            return out
        }
        let held = values(tabulation), current = values(now)
        return cells.filter { held[$0] != current[$0] }.count
    }
}

extension TabulationInput {
    /// Appends the units of `source` of `rule`'s population whose date under `rule` passes `take`.
    fileprivate mutating func append(_ source: TabulationInput, rule: PeriodRule, take: (ISODate) -> Bool) {
        switch rule.population {
        case .victims: victims += source.victims.filter { $0.date(rule).map(take) ?? false }
        case .cases: cases += source.cases.filter { $0.date(rule).map(take) ?? false }
        case .offenders: offenders += source.offenders.filter { $0.date(rule).map(take) ?? false }
        }
    }
}
