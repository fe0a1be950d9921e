import ArgumentParser
import SafeStats

/// A period on the command line: 2023, 2023-Q4, 2023-04 or 2023-04-01..2024-03-31.
extension Period: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// A built-in recipient on the command line (`--recipient greta`).
struct Recipient: ExpressibleByArgument, Equatable, Hashable {
    let id: String

    init?(argument: String) {
        guard Profile.available.contains(argument) else { return nil }
        id = argument
    }

    static var allValueStrings: [String] { Profile.available }
}

/// `export --period`: a period for every recipient, or RECIPIENT=PERIOD for one; the period is
/// read as that recipient's profile reads it (2024 is the TIP Report's April–March year).
struct PeriodRequest: ExpressibleByArgument {
    /// The recipient it is for; nil for every recipient.
    let recipient: String?
    let text: String

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        (recipient, text) = parts.count == 2 ? (parts[0], parts[1]) : (nil, argument)
        guard recipient.map({ !$0.isEmpty }) ?? true, Period(text) != nil else { return nil }
    }
}
