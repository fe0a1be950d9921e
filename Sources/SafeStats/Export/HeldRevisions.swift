/// `revisions: hold`: figures already sent stand. Every day that a release already sent counted
/// under a period rule is counted as the latest release that counted it from its own units did
/// (under `hold` a release counts from its units only the days no release before it counted;
/// under `publish`, every day of its periods: the latest version of a day is what stands), and
/// only the days no release counted yet are counted from the input as it is now. Every release
/// is then a set of tables of one and the same data, so that protecting the new release together
/// with the earlier ones (`PublishedHistory`) covers everything an attacker holding all of them
/// can combine; a late registration or a correction in a period already sent is counted in no
/// figure until a revision is published.
///
/// A person whose date a correction moved out of a period already sent is counted where they
/// were sent and again where their date is now; one moved into such a period is counted in
/// neither. Both keep every figure sent as it was.
public enum HeldRevisions {
    /// `current` with each period rule counting every day `sent` (oldest first) counted as the
    /// latest of them that counted it from its own units did (a release that kept its units
    /// before one that did not); unchanged when no release of `sent` kept its units.
    public static func input(_ current: TabulationInput, sent: [SentRelease], country: String) -> TabulationInput {
        guard sent.contains(where: { $0.units != nil }) else { return current }
        let periods = sent.map { $0.periods(country: country) }
        let order = Array(sent.indices.filter { sent[$0].units != nil }.reversed()) + sent.indices.filter { sent[$0].units == nil }
        var held = current
        for rule in PeriodRule.allCases {
            var before: [[Period]] = []  // per release, what the releases before it counted
            var covered: [Period] = []
            for byRule in periods {
                before.append(covered)
                covered += byRule[rule] ?? []
            }
            guard !covered.isEmpty else { continue }
            // Whether release k counted `date` from its own units.
            func owns(_ k: Int, _ date: ISODate) -> Bool {
                (periods[k][rule] ?? []).contains { $0.contains(date) }
                    && (sent[k].revisions == .publish || !before[k].contains { $0.contains(date) })
            }
            var units = TabulationInput()
            var taken: [Int] = []
            for k in order {
                units.append(sent[k].units ?? current, rule: rule) { date in owns(k, date) && !taken.contains { owns($0, date) } }
                taken.append(k)
            }
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
