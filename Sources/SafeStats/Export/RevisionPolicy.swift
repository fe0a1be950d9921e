/// What a release does when the register now gives other figures for periods already sent
/// (late registrations, corrections): the job's `revisions` and `export --revisions`.
public enum RevisionPolicy: String, Sendable, CaseIterable {
    /// Figures already sent stand and are not sent again: later releases count those periods as
    /// they were sent (see `HeldRevisions`). The default: what a recipient holds never changes,
    /// and nothing more is hidden.
    case hold
    /// A revised bundle of every period already sent whose figures changed is issued with the
    /// release, and everything is counted from the register as it is now, protected together
    /// with every version already sent (see `PublishedRevisions`).
    case publish
}

/// `revisions: publish`: which bundles already sent a release revises, and the versions of the
/// register it is protected together with.
enum PublishedRevisions {
    /// The input as `sent[index]` counted it: the register as it was then, each day a release sent
    /// before counted as the latest of them counted it.
    static func version(_ index: Int, of sent: [SentRelease], current: TabulationInput, country: String) -> TabulationInput {
        HeldRevisions.input(sent[index].units ?? current, sent: Array(sent[...index]), country: country)
    }

    /// The bundles of `sent` (oldest first, each counted as `version` gives it by index) whose tables
    /// `counted` now gives other figures, each with its revision; and each of `requests`, a
    /// revision when it was sent before and its figures changed. A bundle is named once, by its latest version.
    static func revisions(_ requests: [(profile: Profile, period: Period)], sent: [SentRelease], version: (Int) -> TabulationInput,
                          counted: TabulationInput, country: String) -> [(profile: Profile, period: Period, revision: BundleRevision?)] {
        // Sent before and asked for again: a revision when its figures changed, else the same bundle again.
        func changed(_ profile: Profile, _ period: Period) -> Bool {
            guard let latest = sent.lastIndex(where: { $0.sends(profile, period) }) else { return false }
            return Self.changed(profile, period, from: version(latest), to: counted, country: country)
        }
        var out = requests.map { (profile: $0.profile, period: $0.period,
                                  revision: changed($0.profile, $0.period) ? revision(of: $0.profile, $0.period, in: sent) : nil) }
        var seen = Set(requests.map { $0.profile.id + "@" + $0.period.description })
        for release in sent.reversed() {
            for (profile, period) in release.requests where seen.insert(profile.id + "@" + period.description).inserted && changed(profile, period) {
                out.append((profile, period, revision(of: profile, period, in: sent)))
            }
        }
        return out
    }

    /// The revision `profile`'s bundle for `period` would be, when one was sent before.
    private static func revision(of profile: Profile, _ period: Period, in sent: [SentRelease]) -> BundleRevision? {
        let versions = sent.filter { $0.sends(profile, period) }
        guard let latest = versions.last, let k = latest.request(of: profile, period) else { return nil }
        return BundleRevision(version: versions.count + 1, replaces: k < latest.bundleIDs.count ? latest.bundleIDs[k] : "")
    }

    /// Whether a cell of `profile`'s tables for `period` counts differently in `before` and `after`.
    private static func changed(_ profile: Profile, _ period: Period, from before: TabulationInput, to after: TabulationInput,
                                country: String) -> Bool {
        guard let specs = try? profile.specs(country: country) else { return false }
        let scheduled = specs.map { ($0, profile.periods(for: period)) }
        let a = Tabulation(before, tables: scheduled), b = Tabulation(after, tables: scheduled)
        return zip(a.tables, b.tables).contains { x, y in
            zip(x.cells, y.cells).contains { a.universe.cells[$0.cell].value != b.universe.cells[$1.cell].value }
        }
    }
}
