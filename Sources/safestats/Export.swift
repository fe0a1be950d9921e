import ArgumentParser
import Foundation
import SafeStats

extension SafeStatsCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one protected bundle per recipient.",
            discussion: """
                Counts every table of each --recipient's profile (greta, us-tip, unodc) for its period, \
                protects all of them together in one release (small counts suppressed, further cells \
                suppressed until no hidden count can be recomputed from everything exported in the run), and \
                writes into --out one bundle directory per recipient (`greta-2023`, `us-tip-2024`, …) with \
                tables.csv, tables.json, audit.json, certificate.json (the audit's proof, checkable without a \
                solver), report.html, tables.xlsx, manifest.json and SHA256SUMS, each signed \
                with --signing-key (FILE.minisig, minisign's format). Read report.html before sending. \
                Nothing is written if any step fails. --unsigned writes bundles without signatures, for trials: \
                `safestats verify` refuses them.

                --period P applies to every recipient; RECIPIENT=P to one. A plain year is the calendar year, \
                for us-tip its reporting year (2024 = 2023-04-01..2024-03-31), shown beside the previous one.

                What protection hid (cells, small counts, cells hidden to protect them, headline cells, grand \
                totals) is printed and written to --out/loss.json, beside the bundles: it is for you, not to send. \
                --keep CELL keeps a cell published (RECIPIENT/TABLE for its grand total, or \
                RECIPIENT/TABLE:DIMENSION=CATEGORY,…); a kept cell that would expose a small count is refused \
                (exit 1, nothing written).

                Protection then publishes again, dearest first, every cell hidden to protect others that it \
                turns out not to need, in groups of up to 2,000 linked hidden cells; --thorough tries the larger \
                groups too (period atoms link whole tables of a large register with overlapping periods: minutes).

                --optimal looks for the cheapest pattern of hidden cells (a mixed-integer program solved with \
                GLPK, at most --time-limit seconds, default 60) instead of the heuristic's, and prints how it \
                compares; when the time runs out, the best pattern found (or the heuristic's) is used.

                --profile FILE adds a recipient of one's own: a profile in the format of the built-in ones \
                (schemas/profile.schema.json; see examples/profiles/), named by its id in --period and --keep. \
                Every field is checked against the schema before anything is read (exit 78 naming the file and \
                the field); an id is a lower-case letter, then up to 62 lower-case letters, digits and hyphens. \
                A profile's table may list cells to keep published ("keep": [{}, {"sex": "female"}]).

                --history FILE protects the export together with every release that history records \
                whose periods overlap its own, as the job does, and records it there: give the job's \
                (OUTPUT/.state/history.sqlite) or one file kept for exports by hand (created, mode 0600; \
                it holds the units each release counted, as sensitive as pseudonymised records). Figures \
                already sent stand (--revisions hold, the default): a period sent before is counted as it \
                was sent. With --revisions publish, every bundle already sent whose figures changed \
                (late registrations, corrections) is revised in the export (RECIPIENT-PERIOD-v2, …), \
                everything is counted as the register is now, and the export is protected together \
                with every version already sent. Without --history an export is protected alone, and \
                says so.

                Example:
                  safestats export --in pseudonymised/ --country AZE \\
                      --recipient greta --recipient unodc --recipient us-tip \\
                      --period 2023 --period us-tip=2024 \\
                      --signing-key signing.key --out bundles/
                """
        )

        @OptionGroup(title: "Input") var records: InputRecords

        @Option(help: ArgumentHelp("A built-in recipient (repeat for several).", valueName: "recipient"), completion: .list(Profile.available))
        var recipient: [Recipient] = []

        @Option(name: .customLong("profile"), help: ArgumentHelp(
            "A recipient profile of one's own (JSON, as schemas/profile.schema.json describes; repeat for several).", valueName: "file"), completion: .file())
        var profileFiles: [String] = []

        @Option(help: ArgumentHelp("The period: 2023, 2023-Q4, 2023-04-01..2024-03-31, or RECIPIENT=PERIOD for one recipient.", valueName: "period"))
        var period: [PeriodRequest] = []

        @Option(help: ArgumentHelp("The reporting country (ISO 3166-1 alpha-3): what national and domestic refer to.", valueName: "iso3"))
        var country: String

        @Option(name: .customLong("keep"), help: ArgumentHelp(
            "A cell that must stay published: RECIPIENT/TABLE (its grand total) or RECIPIENT/TABLE:DIMENSION=CATEGORY,… (repeat for several).",
            valueName: "cell"))
        var keep: [String] = []

        @Flag(help: "Also try to publish again the cells hidden to protect others in large groups of linked cells (slower; hides less).")
        var thorough = false

        @Flag(help: "Look for the cheapest pattern of hidden cells (a mixed-integer program) instead of the heuristic's.")
        var optimal = false

        @Option(name: .customLong("time-limit"), help: ArgumentHelp("Seconds the optimal search may take (default 60); then the best pattern found is used.", valueName: "seconds"))
        var timeLimit: Double?

        @Option(name: .customLong("history"), help: ArgumentHelp(
            "The history of releases already sent to protect this one with, and to record it in (created if missing).", valueName: "file"),
            completion: .file())
        var historyFile: String?

        @Option(name: .customLong("revisions"), help: ArgumentHelp(
            "With --history: hold (figures sent stand) or publish (revise bundles whose figures changed).", valueName: "policy"),
            completion: .list(RevisionPolicy.allCases.map(\.rawValue)))
        var revisions: String = RevisionPolicy.hold.rawValue

        @OptionGroup(title: "Signing") var signing: Signing
        @OptionGroup(title: "Output") var destination: OutputDirectoryOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        /// `--in`, and the key when it holds identifiable records.
        struct InputRecords: ParsableArguments {
            @Option(name: .customLong("in"), help: ArgumentHelp("Pseudonymised records, or identifiable records with --pseudonymisation-key.", valueName: "dir"), completion: .directory)
            var input: String

            @Option(name: .customLong("pseudonymisation-key"), help: ArgumentHelp("Pseudonymisation key file, when --in holds identifiable records.", valueName: "file"), completion: .file())
            var keyPath: String?

            @Option(name: .customLong("passphrase-env"), help: ArgumentHelp("Environment variable holding the key file's passphrase.", valueName: "variable"), completion: .list(["SAFESTATS_PASSPHRASE", "SAFESTATS_SIGNING_PASSPHRASE"]))
            var passphraseVariable: String?

            @Option(help: ArgumentHelp("Most problems to list.", valueName: "n"))
            var maxProblems = 100

            /// Reads `--in` (pseudonymised in memory with the key when it holds identifiable
            /// records), with a line of progress.
            func read(_ progress: Progress) throws -> ReleaseInput {
                try progress.step("reading \(Progress.describe(input))") {
                    try readInput(input, keyPath: keyPath, keyOption: "--pseudonymisation-key", passphraseVariable: passphraseVariable,
                                  maxProblems: maxProblems)
                }
            }
        }

        /// The signing key, or `--unsigned`.
        struct Signing: ParsableArguments {
            @Option(name: .customLong("signing-key"), help: ArgumentHelp("minisign secret key file to sign every file of every bundle with.", valueName: "file"), completion: .file())
            var signingKey: String?

            @Option(name: .customLong("signing-passphrase-env"), help: ArgumentHelp("Environment variable holding the signing key's passphrase (else asked on the terminal).", valueName: "variable"), completion: .list(["SAFESTATS_PASSPHRASE", "SAFESTATS_SIGNING_PASSPHRASE"]))
            var signingPassphraseVariable: String?

            @Flag(help: "Write bundles without signatures (for trials; they do not pass `safestats verify`).")
            var unsigned = false

            /// The signing key (nil with `--unsigned`), with a warning when it is an example key.
            func key() throws -> SigningSecretKey? {
                let key: SigningSecretKey?
                do {
                    key = try signingKey.map { path throws(KeyFileError) in
                        try SigningSecretKey.read(from: path, passphraseVariable: signingPassphraseVariable, mayPrompt: true)
                    }
                } catch { throw statusFor(error) }
                if key?.isExample == true {
                    Console.note("WARNING: \(signingKey!) is an EXAMPLE signing key (published with safestats): its signatures prove nothing.")
                }
                return key
            }

            func validate() throws {
                guard (signingKey == nil) == unsigned else {
                    throw ValidationError(unsigned ? "--unsigned and --signing-key exclude each other" : "give --signing-key FILE (or --unsigned for a trial)")
                }
            }
        }

        func validate() throws {
            guard !recipient.isEmpty || !profileFiles.isEmpty else {
                throw ValidationError("give at least one --recipient (\(Profile.available.joined(separator: ", "))) or --profile FILE")
            }
            guard Set(recipient).count == recipient.count else { throw ValidationError("a --recipient is given twice") }
            if let timeLimit {
                guard optimal else { throw ValidationError("--time-limit applies to --optimal") }
                guard timeLimit > 0, timeLimit <= 86_400 else { throw ValidationError("--time-limit \(timeLimit): give seconds above 0, at most 86400") }
            }
            _ = try requests()
        }

        /// The recipients' profiles: the built-in ones named by --recipient, then those of --profile
        /// (with their files).
        func profiles() throws -> [(profile: Profile, file: String?)] {
            var profiles: [(profile: Profile, file: String?)] = []
            for r in recipient {
                do { profiles.append((try Profile.named(r.id), nil)) } catch { throw ValidationError("\(error)") }
            }
            for path in profileFiles {
                let profile: Profile
                do { profile = try Profile(path: path) } catch { throw statusFor(error) }
                guard !profiles.contains(where: { $0.profile.id == profile.id }) else {
                    throw ValidationError("--profile \(path): its id \(profile.id) is already a recipient of this run")
                }
                profiles.append((profile, path))
            }
            return profiles
        }

        /// Each recipient with its period, and the file of a profile of one's own.
        func requests() throws -> [(profile: Profile, period: Period, file: String?)] {
            let profiles = try profiles()
            var shared: String?
            var own: [String: String] = [:]
            for p in period {
                if let who = p.recipient {
                    guard profiles.contains(where: { $0.profile.id == who }) else { throw ValidationError("--period \(EchoedText.capped(who + "=" + p.text)): \(EchoedText.capped(who)) is not a recipient of this run") }
                    own[who] = p.text
                } else {
                    guard shared == nil else { throw ValidationError("--period is given twice for all recipients") }
                    shared = p.text
                }
            }
            return try profiles.map { profile, file in
                guard let text = own[profile.id] ?? shared else { throw ValidationError("no --period for \(profile.id)") }
                guard let period = profile.period(text) else {
                    throw ValidationError("--period \(EchoedText.capped(text)): not a period (2023, 2023-Q4, 2023-04 or 2023-04-01..2024-03-31)")
                }
                return (profile, period, file)
            }
        }

        func run() throws {
            guard CountryCodes.isReportingCountry(country) else { throw ValidationError("--country \(EchoedText.capped(country)): \(CountryCodes.reportingCountryRule)") }
            let named = try requests()
            let requests = named.map { (profile: $0.profile, period: $0.period) }
            // Before any key or record is read: a release too large to protect is refused at once.
            if let tooLarge = SafeStats.Export.sizeProblem(requests, country: country, source: { id in
                named.first { $0.profile.id == id }?.file.map { "--profile \($0)" } ?? "profile \(id)"
            }) {
                throw statusFor(tooLarge)
            }
            let kept = try keep.map { text in
                guard let cell = KeptCell(text) else { throw ValidationError("--keep \(EchoedText.capped(text)): not RECIPIENT/TABLE or RECIPIENT/TABLE:DIMENSION=CATEGORY,…") }
                return cell
            }
            guard let policy = RevisionPolicy(rawValue: revisions) else {
                throw ValidationError("--revisions \(EchoedText.capped(revisions)): must be hold or publish")
            }
            guard policy == .hold || historyFile != nil else {
                throw ValidationError("--revisions publish needs --history: a revision is protected together with the versions that history records")
            }
            let signer = try signing.key()
            let history: ExportHistory?
            do { history = try historyFile.map { path throws(JobFailure) in try ExportHistory(path: path) } } catch { throw statusFor(error) }
            for (name, placed) in history?.settled ?? [] {
                Console.note(placed ? "note: \(name) was recorded as pending and is in place: recorded it now"
                                    : "note: \(name) was recorded as pending and never reached its place: it was never released")
            }
            let progress = Progress(json: output.json)
            let input = try records.read(progress)
            do {
                let (sent, repeating) = try history?.sent(overlapping: requests, revisions: policy) ?? ([], nil)
                let export = try progress.step("protecting the tables of \(requests.count) recipient\(requests.count == 1 ? "" : "s") together") {
                    try SafeStats.Export(input.units, requests: requests, country: country, keep: kept, thorough: thorough,
                                         optimal: optimal ? timeLimit ?? 60 : nil, sent: sent, repeating: repeating, revisions: policy,
                                         progress: progress.round)
                }
                try progress.step("writing and signing \(export.bundles.count) bundle\(export.bundles.count == 1 ? "" : "s")") {
                    if let history {
                        try history.write(export, to: destination.path, units: input.units, input: input.provenance, signingKey: signer,
                                          replace: destination.force)
                    } else {
                        try export.write(to: destination.path, input: input.provenance, signingKey: signer, replace: destination.force)
                    }
                }
                print(ExportText.render(export, out: destination.path, history: history?.history.path, json: output.json))
            } catch {
                throw statusFor(error)
            }
        }
    }
}

/// The summary of an export as text or JSON.
enum ExportText {
    static func render(_ e: SafeStats.Export, out: String, history: String?, json: Bool) -> String {
        if json {
            let items = e.bundles.map { b in
                #"{"bundle": \#(jsonString(out + "/" + b.name)), "cells": \#(b.cellCount), "audit_passed": \#(b.audit.passed), "loss": \#(lossJSON(b.loss))}"#
            }
            let optimal = e.release.optimal.map { o in
                #", "optimal": {"proven": \#(o.proven), "finished": \#(o.finished), "from_heuristic": \#(o.fromHeuristic), "cost": \#(o.cost), "#
                    + #""lower_bound": \#(o.lowerBound), "gap": \#(o.gap), "heuristic_cost": \#(o.heuristicCost), "rounds": \#(o.rounds), "cuts": \#(o.cuts)}"#
            } ?? ""
            let protected = #", "protected_with": {"history": \#(history.map(jsonString) ?? "null"), "sent": [\#(e.sent.map(jsonString).joined(separator: ", "))], "disagreements": \#(e.disagreements), "#
                + #""revisions": "\#(e.revisions.rawValue)", "revised": [\#(e.revised.map(jsonString).joined(separator: ", "))], "#
                + #""narrowed_by_sent": [\#(e.release.narrowedBySent.map(jsonString).joined(separator: ", "))]}"#
            return #"{"output": \#(jsonString(out)), "loss": \#(lossJSON(e.release.loss)), "not_tried_again": \#(e.release.untried)\#(optimal)\#(protected), "#
                + #""bundles": [\#(items.joined(separator: ", "))]}"#
        }
        return e.bundles.map { b in
            "\(out)/\(b.name): \(b.loss.summary); audit passed\n"
                + "  read \(out)/\(b.name)/report.html before sending"
        }.joined(separator: "\n") + "\nrelease: \(e.release.loss.summary)\n"
            + (e.release.optimal.map { "  \($0.summary)\n" } ?? "")
            + (e.release.untried == 0 ? ""
                : "  --thorough would try to publish again \(e.release.untried) more cells hidden to protect others (in large groups of linked cells; slower)\n")
            + protectedWith(e, history: history)
            + "  loss report (for you, not to send): \(out)/\(LossReport.fileName)"
    }

    /// What the export was protected together with, said once.
    private static func protectedWith(_ e: SafeStats.Export, history: String?) -> String {
        guard let history else {
            return "  protected alone: no --history, so not together with releases already sent (an attacker holding them could difference)\n"
        }
        return (e.sent.isEmpty ? "  protected together with no release already sent: \(history) records none whose periods overlap\n"
            : "  protected together with \(e.sent.joined(separator: ", ")) (\(history))\n")
            + (e.disagreements == 0 ? ""
                : "  the register now gives other values for \(e.disagreements) cell\(e.disagreements == 1 ? "" : "s") already sent: "
                    + (e.revisions == .hold ? "they stand as sent (revisions: hold)\n" : "revised (revisions: publish)\n"))
            + (e.revised.isEmpty ? "" : "  revises bundles already sent: \(e.revised.joined(separator: ", ")), protected together with every version sent\n")
            + (e.release.narrowedBySent.isEmpty ? ""
                : "  \(SafeStats.Export.narrowedBySentNotice) (\(e.release.narrowedBySent.count)): \(e.release.narrowedBySent.joined(separator: "; "))\n")
    }

    private static func lossJSON(_ loss: ProtectionLoss) -> String {
        String(decoding: PublishedRelease.compact(loss), as: UTF8.self)
    }
}
