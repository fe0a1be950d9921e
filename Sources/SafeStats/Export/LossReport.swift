import Foundation

/// `loss.json`, written beside the bundles (never inside one): what protection hid of the tables
/// asked for, for the release and for each bundle. It tells small counts from the cells hidden to
/// protect them, so it stays with the data officer.
public struct LossReport: Codable, Sendable, Equatable {
    public static let fileName = "loss.json"
    public static let formatName = "safestats-loss"

    public struct Figures: Codable, Sendable, Equatable {
        /// The bundle's directory name; nil for the release as a whole.
        public var bundle: String?
        public var loss: ProtectionLoss
        /// Shares published, from 0 to 1, rounded to 4 decimals.
        public var nonZeroPublished: Double
        public var headlinePublished: Double

        init(bundle: String?, loss: ProtectionLoss) {
            self.bundle = bundle
            self.loss = loss
            nonZeroPublished = (loss.nonZeroPublished * 1e4).rounded() / 1e4
            headlinePublished = (loss.headlinePublished * 1e4).rounded() / 1e4
        }
    }

    public var format = Self.formatName
    public var version = 1
    public var notice = "For the data officer only: this file tells small counts from the cells hidden to protect them. Do not send it."
    public var protectedWith: ProtectedWith
    public var release: Figures
    public var bundles: [Figures]

    /// What the release was protected together with.
    public struct ProtectedWith: Codable, Sendable, Equatable {
        /// The history file of releases already sent; nil: protected alone.
        public var history: String?
        /// The releases of it protected together with, oldest first.
        public var sent: [String]
        /// Cells already sent that the register now gives other values: they stand as sent, or
        /// are revised.
        public var disagreements: Int
        /// The revision policy (`hold` or `publish`).
        public var revisions: String
        /// The bundles revising bundles already sent.
        public var revised: [String]
        /// Cells (by key) that the figures already sent keep narrower than their width, whatever
        /// this release hides (see `ProtectedRelease.narrowedBySent`).
        public var narrowedBySent: [String]

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(history, forKey: .history)  // null when protected alone, not left out
            try c.encode(sent, forKey: .sent)
            try c.encode(disagreements, forKey: .disagreements)
            try c.encode(revisions, forKey: .revisions)
            try c.encode(revised, forKey: .revised)
            try c.encode(narrowedBySent, forKey: .narrowedBySent)
        }
    }

    /// The report of `export`, protected together with the releases of the history file `history`.
    public init(_ export: Export, history: String?) {
        protectedWith = ProtectedWith(history: history, sent: export.sent, disagreements: export.disagreements,
                                      revisions: export.revisions.rawValue, revised: export.revised,
                                      narrowedBySent: export.release.narrowedBySent)
        release = Figures(bundle: nil, loss: export.release.loss)
        bundles = export.bundles.map { Figures(bundle: $0.name, loss: $0.loss) }
    }

    /// The document's bytes (sorted keys, pretty-printed, a final new line).
    public func json() -> Data {
        PublishedRelease.encode(self)
    }
}
