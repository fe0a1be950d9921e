/// The parameters of a bundle as `report.html` and `tables.xlsx` state them: recipient, period,
/// thresholds, widths, key ids (marked when they are examples) and the recipients protected with it.
enum BundleParameters {
    static func rows(_ bundle: BundleLayout, keys: BundleKeys) -> [(name: String, value: String)] {
        func list(_ values: [Int]) -> String { Array(Set(values)).sorted().map(String.init).joined(separator: ", ") }
        return [
            ("Recipient", bundle.profile.recipient),
            ("Period", periods(bundle)),
            ("Threshold (smallest count shown)", list(bundle.view.tables.map(\.threshold))),
            ("Protection width", list(bundle.view.tables.map(\.protectionWidth))),
            ("Pseudonymisation key id", keys.pseudonymisationKeyID + (keys.examplePseudonymisationKey ? " (EXAMPLE key)" : "")),
            ("Signing key id", keys.signingKeyID.map { $0 + (keys.exampleSigningKey ? " (EXAMPLE key: the signatures prove nothing)" : "") } ?? "not signed"),
            ("Protected together with", bundle.releasedWith.isEmpty ? "no other recipient" : bundle.releasedWith.joined(separator: ", ")),
        ] + (bundle.revision.map { r in
            [("Revision", "version \(r.version) of these tables: replaces the bundle \(r.replaces) sent before (late registrations or "
                + "corrections); a figure that changed may be hidden here, so that no version differenced with another reveals a small count")]
        } ?? [])
    }

    /// Each period of the bundle with its first and last day.
    static func periods(_ bundle: BundleLayout) -> String {
        bundle.periods.map { "\(bundle.periodName($0)) (\($0.start) to \($0.end))" }.joined(separator: "; ")
    }

    /// The warnings a reader must see first: example keys.
    static func warnings(_ keys: BundleKeys) -> [String] {
        (keys.exampleSigningKey ? ["Signed with a published EXAMPLE signing key: its signatures prove nothing."] : [])
            + (keys.examplePseudonymisationKey ? ["Made with a published EXAMPLE pseudonymisation key: a demonstration, not for sending."] : [])
    }
}
